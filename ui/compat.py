"""Small shims over API differences between QGIS 3.22 (Debian 12) and 3.40+ (Debian 13)."""
from qgis.core import Qgis, QgsField
from qgis.PyQt.QtCore import QVariant

QGIS_VERSION_INT = Qgis.QGIS_VERSION_INT

# QgsField(name, QMetaType.Type) exists from 3.38; 3.22 only takes QVariant.Type.
if QGIS_VERSION_INT >= 33800:
    from qgis.PyQt.QtCore import QMetaType

    _FIELD_TYPES = {
        "double": QMetaType.Type.Double,
        "int": QMetaType.Type.Int,
        "longlong": QMetaType.Type.LongLong,
        "string": QMetaType.Type.QString,
    }
else:
    _FIELD_TYPES = {
        "double": QVariant.Double,
        "int": QVariant.Int,
        "longlong": QVariant.LongLong,
        "string": QVariant.String,
    }


def make_field(name, kind, length=0, precision=0):
    """A QgsField of kind 'double', 'int', 'longlong' or 'string' on any supported QGIS."""
    return QgsField(name, _FIELD_TYPES[kind], "", length, precision)


def is_null(value):
    """True for Python None and for QGIS's NULL QVariant."""
    if value is None:
        return True
    if isinstance(value, QVariant):
        return value.isNull()
    return False
