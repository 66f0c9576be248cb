"""The graphical models of resources/models as tools with a translated name, group and help.

A .model3 file holds one language, so the texts a user reads live here (translated like every other
text of ui/) and scripts/build_model.py writes the English ones into the file; the model id (its file
name, e.g. ``paperworkflow``) is what models and scripts store and never changes.
"""
from qgis.core import QgsApplication, QgsProcessingModelAlgorithm
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from .algorithms.base import HELP_BASE_URL, github_anchor
from .help_text import COMMAND_LINE_PLATFORM, for_this_application

CONTEXT = "ClusterBeltModel"
GROUP_ID = "workflows"
GROUP_NAME = QT_TRANSLATE_NOOP("ClusterBeltModel", "Workflows")
# model id -> (display name, help as light HTML, one paragraph per line)
TEXTS = {
    "paperworkflow": (
        QT_TRANSLATE_NOOP("ClusterBeltModel", "Paper workflow: clusters, ellipses and online belts"),
        QT_TRANSLATE_NOOP(
            "ClusterBeltModel",
            "<p>The whole workflow of Zhao, Dai, Fan and Ma (2022) on a clusters table and a belts table, in one "
            "run: split multi-city clusters (each city part weighs 1/N), locate their cities with the bundled "
            "gazetteer, draw one standard deviational ellipse per cluster type (ArcGIS convention), match every "
            "cluster with the online belts of its own city (Table 1 and a report) and count the clusters and belts "
            "city by city.</p>"
            "<p><b>Inputs</b>: the clusters (one row per cluster; its cities, type and industry fields) and the "
            "online belts (city, industry and year fields), and the belt years that count (e.g. 2021). The sample "
            "data (<i>Load sample data</i>) has the fields the model expects by default. The optional "
            "<b>cluster period field</b> (e.g. the year each cluster was designated) adds the time view: the "
            "ellipses of each cluster type period by period, cumulative (a period holds every cluster up to it; "
            "same weights and CRS as the ellipses), the trajectory of their centre and the shifts between periods "
            "(<i>Distribution over time</i>). Without it these steps are skipped and write nothing.</p>"
            "<p><b>Outputs</b>: the located cluster cities, the ellipses, the clusters with their match class, "
            "Table 1 (match rates by cluster type), the match report (HTML) and the co-location by city; with a "
            "period field also the ellipses by period, the trajectory and the shifts.</p>"
            "<p>Open it in the graphical modeler to see or change the steps.</p>"
        ),
    ),
}


def _tr(text):
    return QCoreApplication.translate(CONTEXT, text)


class ClusterBeltModel(QgsProcessingModelAlgorithm):
    """A bundled model; name(), id and steps come from its .model3 file."""

    def fromFile(self, path):  # noqa: N802
        loaded = super().fromFile(path)
        if loaded and self._texts() and QgsApplication.platform() == COMMAND_LINE_PLATFORM:
            # QGIS 3.44's `qgis_process help` prints a model's help content, not its shortHelpString():
            # there the help content carries the same plain, wrapped text (the modeler keeps the file's).
            self.setHelpContent({**self.helpContent(), "ALG_DESC": self.shortHelpString()})
        return loaded

    def createInstance(self):  # noqa: N802 (QGIS API name)
        # QGIS copies an algorithm before running it or opening its dialog: the copy keeps our texts.
        copy = ClusterBeltModel()
        copy.loadVariant(self.toVariant())
        return copy

    def _with_optional_outputs(self, parameters):
        """The parameters plus the default (a temporary layer) of every optional model output not named.

        QGIS 3.22 leaves a non-mandatory model output required when its step's output is (and gives the step
        no destination when the caller names none), so calls written before an optional step was added (the
        time view of paperworkflow) would fail; with the default they run, and a skipped step writes nothing.
        """
        filled = dict(parameters)
        for child in self.childAlgorithms().values():
            for name, output in child.modelOutputs().items():
                parameter_name = f"{child.childId()}:{name}"
                if not output.isMandatory() and filled.get(parameter_name) is None:
                    filled[parameter_name] = output.defaultValue()
        return filled

    def checkParameterValues(self, parameters, context):  # noqa: N802
        return super().checkParameterValues(self._with_optional_outputs(parameters), context)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        return super().processAlgorithm(self._with_optional_outputs(parameters), context, feedback)

    def _texts(self):
        return TEXTS.get(self.name())

    def displayName(self):  # noqa: N802
        texts = self._texts()
        return _tr(texts[0]) if texts else super().displayName()

    def group(self):
        return _tr(GROUP_NAME)

    def groupId(self):  # noqa: N802
        return GROUP_ID

    def shortHelpString(self):  # noqa: N802
        texts = self._texts()
        if not texts:
            return super().shortHelpString()
        return for_this_application(_tr(texts[1]).replace("</p><p>", "</p>\n<p>"))

    def helpUrl(self):  # noqa: N802
        texts = self._texts()
        if not texts:
            return super().helpUrl()
        return HELP_BASE_URL + "#" + github_anchor(f"{texts[0]} (`clusterbelt:{self.name()}`)")
