"""What every ClusterBelt Processing algorithm shares: translation, ids, icon, help links."""
import html
import os
import re

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ...core import schema
from ...core.paths import RESOURCES_DIR
from ..compat import FIELD_ANY, FIELD_NUMERIC, SOURCE_VECTOR, WKB_NO_GEOMETRY
from ..dependencies import guard_algorithm_class
from ..errors import engine_errors
from ..help_text import for_this_application

HELP_BASE_URL = "https://github.com/clusterbelt/clusterbelt/blob/main/README.md"


#: The AUTO_RELATE options, in the order of AUTO_RELATE_MODES (translated where shown).
AUTO_RELATE_LABELS = {
    "none": QT_TRANSLATE_NOOP("ClusterBeltAlgorithm", "None: the relation table and equal names only"),
    "taxonomy": QT_TRANSLATE_NOOP("ClusterBeltAlgorithm", "Taxonomy (GB/T 4754-2017 codes)"),
    "taxonomy+names": QT_TRANSLATE_NOOP("ClusterBeltAlgorithm", "Taxonomy and name similarity"),
}


class ClusterBeltAlgorithm(QgsProcessingAlgorithm):
    """Base class: subclasses set ALGORITHM_ID, DISPLAY_NAME, GROUP_ID and GROUP_NAME."""

    ALGORITHM_ID = ""
    DISPLAY_NAME = ""
    GROUP_ID = ""
    GROUP_NAME = ""
    # The parameters of the tools that relate industries (add_relation_parameters).
    RELATIONS = "RELATIONS"
    AUTO_RELATE = "AUTO_RELATE"

    def __init_subclass__(cls, **kwargs):
        # The dialog shows the help as HTML (one paragraph per line); qgis_process prints it as it is,
        # so there it becomes plain wrapped paragraphs (ui/help_text.py).
        super().__init_subclass__(**kwargs)
        help_method = cls.__dict__.get("shortHelpString")
        if help_method is not None:
            def short_help_string(self, _help=help_method):
                text = _help(self) + output_fields_help(self)
                return for_this_application(text.replace("</p><p>", "</p>\n<p>"))

            cls.shortHelpString = short_help_string
        guard_algorithm_class(cls)  # listed and explained even without numpy/pandas (ui/dependencies.py)

    def tr(self, text):
        # The class name is the context pylupdate5 files each string under.
        return QCoreApplication.translate(type(self).__name__, text)

    def createInstance(self):  # noqa: N802 (QGIS API name)
        return type(self)()

    def name(self):
        return self.ALGORITHM_ID

    def displayName(self):  # noqa: N802
        return self.tr(self.DISPLAY_NAME)

    def group(self):
        return self.tr(self.GROUP_NAME)

    def groupId(self):  # noqa: N802
        return self.GROUP_ID

    def icon(self):
        return QIcon(os.path.join(RESOURCES_DIR, "icon.svg"))

    def add_table_source(self, name, description, optional=False):
        """A feature-source parameter that takes any table or vector layer (description already translated)."""
        self.addParameter(
            QgsProcessingParameterFeatureSource(name, description, [SOURCE_VECTOR], optional=optional)
        )

    def add_field(self, name, description, parent, optional=False, numeric=False):
        """A field parameter of the layer parameter ``parent`` (description already translated)."""
        field_type = FIELD_NUMERIC if numeric else FIELD_ANY
        self.addParameter(
            QgsProcessingParameterField(
                name, description, parentLayerParameterName=parent, type=field_type, optional=optional
            )
        )

    def add_relation_parameters(self, default_auto_relate=0):
        """RELATIONS (an optional relation table) and AUTO_RELATE (the automatic rules), as every tool has them."""
        from ...core.relations import AUTO_RELATE_MODES

        self.add_table_source(
            self.RELATIONS,
            QCoreApplication.translate("ClusterBeltAlgorithm", "Relation table (default: the paper's judgements)"),
            optional=True,
        )
        options = [QCoreApplication.translate("ClusterBeltAlgorithm", AUTO_RELATE_LABELS.get(mode, mode))
                   for mode in AUTO_RELATE_MODES]
        self.addParameter(
            QgsProcessingParameterEnum(
                self.AUTO_RELATE, QCoreApplication.translate("ClusterBeltAlgorithm", "Automatic relations"),
                options=options, defaultValue=default_auto_relate,
            )
        )

    def relation_parameters(self, parameters, context, feedback):
        """(the relation table, None for the bundled one or on cancel; the AUTO_RELATE mode) of
        :meth:`add_relation_parameters`. A table that cannot be used is refused naming its rows."""
        from ...core.relations import AUTO_RELATE_MODES, RelationTable
        from ..io.tables import read_frame

        mode = AUTO_RELATE_MODES[self.parameterAsEnum(parameters, self.AUTO_RELATE, context)]
        source = self.parameterAsSource(parameters, self.RELATIONS, context)
        frame = read_frame(source, feedback, share=0.0)[0] if source is not None else None
        if frame is None:
            return None, mode
        # The engine's messages begin "Relation table <source>:", so the source is the layer's name alone.
        with self.engine_errors():
            return RelationTable.from_frame(frame, source=f"'{source.sourceName()}'"), mode

    def field_parameter(self, parameters, name, context, source, optional=False, numeric=False):
        """The field chosen in parameter ``name``, spelt as the layer spells it; None when optional and empty.

        QGIS matches field names case-insensitively (``City`` finds ``city``), and so does this: the name is
        resolved once here, so every later lookup uses the layer's own spelling. A field the layer lacks, or
        a non-numeric one where a number is needed, is refused naming the parameter and the layer.
        """
        from ..io.layers import field_index, require_field

        given = self.parameterAsString(parameters, name, context)
        label = self.parameterDefinition(name).description()
        check = field_index if optional else require_field
        index = check(source, given, source.sourceName(), label, numeric=numeric)
        return source.fields().at(index).name() if index >= 0 else None

    def role_labels(self):
        """The user's label of each engine role: role ``cluster_city`` is parameter CLUSTER_CITY_FIELD (or
        CLUSTER_CITY), the engine's keyword in upper case."""
        labels = {}
        for definition in self.parameterDefinitions():
            name = definition.name()
            labels[name[: -len("_FIELD")].lower() if name.endswith("_FIELD") else name.lower()] = (
                definition.description()
            )
        return labels

    def engine_errors(self):
        """``with self.engine_errors():`` the engine's errors become translated QgsProcessingExceptions that
        name this tool's parameters (ui/errors.py)."""
        return engine_errors(self.role_labels())

    def read_cluster_table(self, source, city_field, feedback, share, field_names=None, with_geometry=False):
        """The clusters as (DataFrame, geometries), refusing an empty table and rows that list several cities.

        Returns (None, None) when the user cancelled.
        """
        from ...core.cities import split_city_list
        from ...core.columns import refuse_multi_city_rows, require_rows
        from ..io.tables import read_frame

        clusters, geometries = read_frame(
            source, feedback, share=share, field_names=field_names, with_geometry=with_geometry
        )
        if clusters is None:
            return None, None
        with self.engine_errors():
            require_rows(clusters, "clusters", source.sourceName())
            refuse_multi_city_rows(clusters[city_field], split_city_list, "cluster_city", city_field,
                                   source.sourceName())
        return clusters, geometries

    def source_or_raise(self, parameters, name, context):
        """The feature source of parameter ``name``; QGIS's own message when it cannot be opened."""
        source = self.parameterAsSource(parameters, name, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, name))
        return source

    def sink_or_raise(self, parameters, name, context, fields, wkb_type=WKB_NO_GEOMETRY, crs=None):
        """(sink, destination id) of output ``name``; an attribute table unless a geometry type is given."""
        sink, dest_id = self.parameterAsSink(
            parameters, name, context, fields, wkb_type, crs if crs is not None else QgsCoordinateReferenceSystem()
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, name))
        if wkb_type == WKB_NO_GEOMETRY:
            dest_id = shapefile_table_path(dest_id, context)
        return sink, dest_id

    def write_table_output(self, parameters, name, context, frame, feedback, share, offset, output=None, values=()):
        """Write a whole DataFrame to the attribute-table output ``name``; None when cancelled.

        The columns ``output`` (core/schema.py) declares get the declared kinds (patterns expanded with
        ``values``); the others are typed from their dtypes.
        """
        from ..io.tables import frame_fields, write_frame

        fields = frame_fields(frame, declared=dict(output.kinds(values)) if output is not None else None)
        sink, dest_id = self.sink_or_raise(parameters, name, context, fields)
        if not write_frame(sink, fields, frame, list(frame.columns), feedback=feedback, share=share, offset=offset,
                           output=self.parameterDefinition(name).description()):
            return None
        return dest_id

    @staticmethod
    def refuse_output_name_clash(layer_label, field_name, output_names):
        """Refuse a case field named as one of the tool's own output fields (``status``, ``n``... in any
        letter case): the output would hold two columns of one name, and formats such as GeoPackage ignore
        case, so one would silently replace the other."""
        if field_name and field_name.lower() in {name.lower() for name in output_names}:
            raise QgsProcessingException(QCoreApplication.translate(
                "ClusterBeltAlgorithm",
                "Layer '{}': its field '{}' has the name of an output field; rename it or choose another case "
                "field.").format(layer_label, field_name))

    def write_html_output(self, parameters, name, context, page):
        """Write ``page`` to the HTML file output ``name``; its path, or None when the user chose none.

        A file that cannot be written (a missing folder, no permission) is refused naming the output and
        the reason, as QGIS does for a layer output, instead of ending in a Python traceback.
        """
        path = self.parameterAsFileOutput(parameters, name, context)
        if not path:
            return None
        try:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(page)
        except OSError as error:
            raise QgsProcessingException(
                QCoreApplication.translate("ClusterBeltAlgorithm", "{output}: could not write the file '{path}': "
                                           "{reason}.").format(
                    output=self.parameterDefinition(name).description(), path=path, reason=error.strerror or error)
            ) from error
        return path

    def helpUrl(self):  # noqa: N802
        return HELP_BASE_URL + "#" + github_anchor(readme_heading(self))


#: How the help introduces the fields of an output, by what comes before the declared ones (core/schema.py).
INPUT_FIELDS_HELP = {
    "": QT_TRANSLATE_NOOP("ClusterBeltAlgorithm", "{output} ({parameter}): {fields}."),
    "case": QT_TRANSLATE_NOOP("ClusterBeltAlgorithm", "{output} ({parameter}): the case field, then {fields}."),
    "all": QT_TRANSLATE_NOOP("ClusterBeltAlgorithm", "{output} ({parameter}): every input field, then {fields}."),
    "prefixed": QT_TRANSLATE_NOOP(
        "ClusterBeltAlgorithm", "{output} ({parameter}): every input field of both clusters, prefixed a_ and b_, then "
        "{fields}."),
}


def shapefile_table_path(dest_id, context):
    """The file an attribute table asked for as ``<name>.shp`` really is: OGR writes a table without geometry
    as ``<name>.dbf`` alone, so the .shp the user named never exists and QGIS could not open the result.
    The result (and the layer QGIS loads when the run ends) then names the .dbf."""
    if not (isinstance(dest_id, str) and dest_id.lower().endswith(".shp")):
        return dest_id
    table = dest_id[:-4] + ".dbf"
    if os.path.exists(dest_id) or not os.path.exists(table):
        return dest_id
    layers = context.layersToLoadOnCompletion()
    if dest_id in layers:
        layers[table] = layers.pop(dest_id)
        context.setLayersToLoadOnCompletion(layers)
    return table


def output_fields_help(algorithm):
    """The help's paragraph of output fields, generated from core/schema.py (names, translated descriptions)."""
    outputs = schema.outputs_of(algorithm.ALGORITHM_ID)
    if not outputs:
        return ""
    lines = []
    for output in outputs:
        definition = algorithm.parameterDefinition(output.parameter[0])
        fields = "; ".join(
            f"<code>{html.escape(field.name)}</code> "
            f"({html.escape(QCoreApplication.translate('OutputFields', field.description))})"
            for field in output.fields
        )
        lines.append(QCoreApplication.translate("ClusterBeltAlgorithm", INPUT_FIELDS_HELP[output.input_fields]).format(
            output=f"<b>{definition.description() if definition else output.parameter[0]}</b>",
            parameter=", ".join(output.parameter), fields=fields,
        ))
    title = QCoreApplication.translate("ClusterBeltAlgorithm", "Output fields")
    return f"<p><b>{title}</b>: {lines[0]}</p>" + "".join(f"<p>{line}</p>" for line in lines[1:])


def readme_heading(algorithm):
    """The README heading of a tool's section: "<English display name> (`clusterbelt:<id>`)"; the help URL
    points at it (tests/qgis/test_provider.py names the heading to add when the README lacks it)."""
    return f"{algorithm.DISPLAY_NAME} (`clusterbelt:{algorithm.ALGORITHM_ID}`)"


def github_anchor(heading):
    """The anchor GitHub gives a Markdown heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
