"""What every ClusterBelt Processing algorithm shares: translation, ids, icon, help links."""
import os
import re

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ...core.paths import RESOURCES_DIR
from ..help_text import for_this_application
from ..compat import FIELD_ANY, FIELD_NUMERIC, SOURCE_VECTOR, WKB_NO_GEOMETRY
from ..dependencies import guard_algorithm_class

HELP_BASE_URL = "https://github.com/clusterbelt/clusterbelt/blob/main/README.md"


class ClusterBeltAlgorithm(QgsProcessingAlgorithm):
    """Base class: subclasses set ALGORITHM_ID, DISPLAY_NAME, GROUP_ID and GROUP_NAME."""

    ALGORITHM_ID = ""
    DISPLAY_NAME = ""
    GROUP_ID = ""
    GROUP_NAME = ""

    def __init_subclass__(cls, **kwargs):
        # The dialog shows the help as HTML (one paragraph per line); qgis_process prints it as it is,
        # so there it becomes plain wrapped paragraphs (ui/help_text.py).
        super().__init_subclass__(**kwargs)
        help_method = cls.__dict__.get("shortHelpString")
        if help_method is not None:
            def short_help_string(self, _help=help_method):
                return for_this_application(_help(self).replace("</p><p>", "</p>\n<p>"))

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

    def read_cluster_table(self, source, city_field, feedback, share, field_names=None, with_geometry=False):
        """The clusters as (DataFrame, geometries), refusing an empty table and rows that list several cities.

        Returns (None, None) when the user cancelled.
        """
        from ..io.tables import read_frame, refuse_multi_city_rows

        clusters, geometries = read_frame(
            source, feedback, share=share, field_names=field_names, with_geometry=with_geometry
        )
        if clusters is None:
            return None, None
        if len(clusters) == 0:
            raise QgsProcessingException(
                QCoreApplication.translate("ClusterBeltAlgorithm", "Clusters layer '{}' has no rows.").format(
                    source.sourceName()
                )
            )
        refuse_multi_city_rows(clusters[city_field], source.sourceName(), city_field)
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
        return sink, dest_id

    def write_table_output(self, parameters, name, context, frame, feedback, share, offset):
        """Write a whole DataFrame to the attribute-table output ``name``; None when cancelled."""
        from ..io.tables import frame_fields, write_frame

        fields = frame_fields(frame)
        sink, dest_id = self.sink_or_raise(parameters, name, context, fields)
        if not write_frame(sink, fields, frame, list(frame.columns), feedback=feedback, share=share, offset=offset):
            return None
        return dest_id

    def helpUrl(self):  # noqa: N802
        # The README has one section per tool, headed "<display name> (`clusterbelt:<id>`)".
        return HELP_BASE_URL + "#" + github_anchor(f"{self.DISPLAY_NAME} (`clusterbelt:{self.ALGORITHM_ID}`)")


def github_anchor(heading):
    """The anchor GitHub gives a Markdown heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
