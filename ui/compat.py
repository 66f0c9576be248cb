"""Every Qt/QGIS enum and type name the project uses, resolved once for QGIS 3.22 .. 4.x.

QGIS 4 runs on Qt 6 / PyQt6: enums are scoped there (``QFont.Weight.Bold``, never ``QFont.Bold``),
``QVariant.Int`` and ``exec_()`` are gone, and QGIS moved its flat enums into ``Qgis``
(``QgsWkbTypes.Point`` -> ``Qgis.WkbType.Point`` from 3.30, ``QgsProcessing.TypeVectorPoint`` ->
``Qgis.ProcessingSourceType.VectorPoint`` from 3.36...). Each name below is the modern scoped one
when the running QGIS has it, else the 3.22 one (in its scoped form, which sip also accepts), so
newer QGIS versions print no deprecation warnings and QGIS 4 finds every name.

Code elsewhere (ui/, plugin.py, scripts/, tests/) takes these names from here and never spells a
Qt/QGIS enum itself: tests/test_qt6_names.py reads the code and fails if one comes back.
The modern enum is detected by its presence (``hasattr``), not by version numbers.
"""
import enum

from qgis.core import (
    Qgis,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorFileWriter,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant
from qgis.PyQt.QtGui import QFont

QGIS_VERSION_INT = Qgis.QGIS_VERSION_INT


def _has(owner, name):
    return hasattr(owner, name)


# --- Geometry types (Qgis.WkbType from 3.30; QgsWkbTypes.Type before) -------------------------
_WKB = Qgis.WkbType if _has(Qgis, "WkbType") else QgsWkbTypes.Type
#: Point geometry (e.g. the ellipse centres, located cities).
WKB_POINT = _WKB.Point
#: Polygon geometry (the ellipses).
WKB_POLYGON = _WKB.Polygon
#: Line geometry (the trajectory of a centre over time).
WKB_LINESTRING = _WKB.LineString
#: No geometry: an attribute table.
WKB_NO_GEOMETRY = _WKB.NoGeometry

# --- Processing layer types (Qgis.ProcessingSourceType from 3.36; QgsProcessing.SourceType before)
if _has(Qgis, "ProcessingSourceType"):
    _SOURCE = Qgis.ProcessingSourceType
    #: Any vector layer, with or without geometry (tables too).
    SOURCE_VECTOR = _SOURCE.Vector
    #: Any vector layer with a geometry.
    SOURCE_VECTOR_ANY_GEOMETRY = _SOURCE.VectorAnyGeometry
    SOURCE_VECTOR_POINT = _SOURCE.VectorPoint
    SOURCE_VECTOR_POLYGON = _SOURCE.VectorPolygon
    SOURCE_VECTOR_LINE = _SOURCE.VectorLine
else:
    _SOURCE = QgsProcessing.SourceType
    SOURCE_VECTOR = _SOURCE.TypeVector
    SOURCE_VECTOR_ANY_GEOMETRY = _SOURCE.TypeVectorAnyGeometry
    SOURCE_VECTOR_POINT = _SOURCE.TypeVectorPoint
    SOURCE_VECTOR_POLYGON = _SOURCE.TypeVectorPolygon
    SOURCE_VECTOR_LINE = _SOURCE.TypeVectorLine

# --- Number and field parameter kinds (Qgis.Processing*ParameterType from 3.36) ----------------
if _has(Qgis, "ProcessingNumberParameterType"):
    #: QgsProcessingParameterNumber(type=NUMBER_DOUBLE): a decimal number.
    NUMBER_DOUBLE = Qgis.ProcessingNumberParameterType.Double
    #: QgsProcessingParameterNumber(type=NUMBER_INTEGER): a whole number.
    NUMBER_INTEGER = Qgis.ProcessingNumberParameterType.Integer
else:
    NUMBER_DOUBLE = QgsProcessingParameterNumber.Type.Double
    NUMBER_INTEGER = QgsProcessingParameterNumber.Type.Integer

if _has(Qgis, "ProcessingFieldParameterDataType"):
    #: QgsProcessingParameterField(type=FIELD_NUMERIC): only numeric fields are offered.
    FIELD_NUMERIC = Qgis.ProcessingFieldParameterDataType.Numeric
    #: QgsProcessingParameterField(type=FIELD_ANY): every field is offered.
    FIELD_ANY = Qgis.ProcessingFieldParameterDataType.Any
else:
    FIELD_NUMERIC = QgsProcessingParameterField.DataType.Numeric
    FIELD_ANY = QgsProcessingParameterField.DataType.Any

if _has(Qgis, "ProcessingParameterFlag"):
    #: A parameter the dialog does not show.
    PARAMETER_FLAG_HIDDEN = Qgis.ProcessingParameterFlag.Hidden
else:
    PARAMETER_FLAG_HIDDEN = QgsProcessingParameterDefinition.Flag.FlagHidden

# --- Reading and writing features --------------------------------------------------------------
if _has(Qgis, "FeatureRequestFlag"):
    #: QgsFeatureRequest.setFlags(REQUEST_NO_GEOMETRY): attributes only.
    REQUEST_NO_GEOMETRY = Qgis.FeatureRequestFlag.NoGeometry
else:
    REQUEST_NO_GEOMETRY = QgsFeatureRequest.Flag.NoGeometry

if _has(Qgis, "InvalidGeometryCheck"):
    #: The Processing context's "do not check invalid geometries" setting.
    INVALID_GEOMETRY_NO_CHECK = Qgis.InvalidGeometryCheck.NoCheck
    #: ... and its "skip features with invalid geometries" setting.
    INVALID_GEOMETRY_SKIP = Qgis.InvalidGeometryCheck.SkipInvalid
else:
    INVALID_GEOMETRY_NO_CHECK = QgsFeatureRequest.InvalidGeometryCheck.GeometryNoCheck
    INVALID_GEOMETRY_SKIP = QgsFeatureRequest.InvalidGeometryCheck.GeometrySkipInvalid

#: sink.addFeature(feature, FAST_INSERT): no feature ids are sent back (faster writing).
FAST_INSERT = QgsFeatureSink.Flag.FastInsert

if _has(Qgis, "FieldOrigin"):
    #: A field the data provider holds (not a join or an expression).
    FIELD_ORIGIN_PROVIDER = Qgis.FieldOrigin.Provider
else:
    FIELD_ORIGIN_PROVIDER = QgsFields.FieldOrigin.OriginProvider

#: QgsCoordinateTransform.transform(point, TRANSFORM_REVERSE): from the destination CRS back to the source
#: (Qgis.TransformDirection since 3.22; QgsCoordinateTransform.ReverseTransform is QGIS 3 only).
TRANSFORM_REVERSE = Qgis.TransformDirection.Reverse

# --- Message log levels -------------------------------------------------------------------------
MESSAGE_INFO = Qgis.MessageLevel.Info
MESSAGE_WARNING = Qgis.MessageLevel.Warning
MESSAGE_CRITICAL = Qgis.MessageLevel.Critical

# --- Print layouts (the demo's map) -------------------------------------------------------------
if _has(Qgis, "LayoutUnit"):
    LAYOUT_MILLIMETERS = Qgis.LayoutUnit.Millimeters
    DISTANCE_KILOMETERS = Qgis.DistanceUnit.Kilometers
else:
    LAYOUT_MILLIMETERS = QgsUnitTypes.LayoutUnit.LayoutMillimeters
    DISTANCE_KILOMETERS = QgsUnitTypes.DistanceUnit.DistanceKilometers

# --- Writing files --------------------------------------------------------------------------------
#: QgsVectorFileWriter: add (or replace) one layer of an existing file such as a GeoPackage.
WRITER_CREATE_OR_OVERWRITE_LAYER = QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer
#: What QgsVectorFileWriter.writeAsVectorFormatV3 returns when it worked.
WRITER_NO_ERROR = QgsVectorFileWriter.WriterError.NoError

# --- Qt -----------------------------------------------------------------------------------------
#: QFont.setWeight(FONT_WEIGHT_BOLD).
FONT_WEIGHT_BOLD = QFont.Weight.Bold


def set_label_font(label, font):
    """The font (a QFont) of a QgsLayoutItemLabel: through its text format where QGIS has one (3.24 on;
    setFont is deprecated from 3.40), else setFont (3.22)."""
    if hasattr(label, "setTextFormat"):
        label.setTextFormat(QgsTextFormat.fromQFont(font))
    else:
        label.setFont(font)


def enum_int(member):
    """The integer value of an enum member: PyQt5's members are ints, PyQt6's are Python enums."""
    return member.value if isinstance(member, enum.Enum) else int(member)


# --- Field types: QgsField(name, QMetaType.Type) from 3.38; 3.22 only takes QVariant.Type ----------
if QGIS_VERSION_INT >= 33800:
    from qgis.PyQt.QtCore import QMetaType

    _FIELD_TYPES = {
        "double": QMetaType.Type.Double,
        "int": QMetaType.Type.Int,
        "longlong": QMetaType.Type.LongLong,
        "string": QMetaType.Type.QString,
        "date": QMetaType.Type.QDate,
        "bool": QMetaType.Type.Bool,
    }
else:
    _FIELD_TYPES = {
        "double": QVariant.Type.Double,
        "int": QVariant.Type.Int,
        "longlong": QVariant.Type.LongLong,
        "string": QVariant.Type.String,
        "date": QVariant.Type.Date,
        "bool": QVariant.Type.Bool,
    }

#: The type of a QgsField (``int(field.type())`` under PyQt5, ``field.type().value`` under PyQt6),
#: as an integer, by kind. QVariant.Type and QMetaType.Type share these values.
FIELD_TYPE_CODES = {kind: enum_int(member) for kind, member in _FIELD_TYPES.items()}


def field_type(kind):
    """The QGIS field type (QVariant.Type or QMetaType.Type) of a kind of :data:`FIELD_TYPE_CODES`."""
    return _FIELD_TYPES[kind]


def field_type_code(field):
    """The type of QgsField ``field`` as an integer, comparable with FIELD_TYPE_CODES."""
    return enum_int(field.type())


def make_field(name, kind, length=0, precision=0):
    """A QgsField of a kind of :data:`FIELD_TYPE_CODES` ('double', 'string', 'date' ...) on any supported QGIS."""
    return QgsField(name, _FIELD_TYPES[kind], "", length, precision)


def is_null(value):
    """True for Python None and for QGIS's NULL QVariant."""
    if value is None:
        return True
    if isinstance(value, QVariant):
        return value.isNull()
    return False
