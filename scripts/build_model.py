"""Build resources/models/paperworkflow.model3: the paper's whole workflow as one graphical model.

split multi-city clusters -> locate cities -> ellipses by cluster type (weights city_share);
located cities -> ellipses by period (cumulative), only when a period field is given (a conditional branch);
split clusters -> match with belts -> summary (Table 1) + report; split clusters -> city co-location.
Rerun after changing a tool's parameters: `QT_QPA_PLATFORM=offscreen python3 scripts/build_model.py`.
The model can also be opened and edited in QGIS's graphical modeler.
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from qgis_session import PLUGIN_ROOT, start_qgis  # noqa: E402

MODEL_ID = "paperworkflow"
PERIOD_BRANCH = "period field given"
MODEL_PATH = PLUGIN_ROOT / "resources" / "models" / f"{MODEL_ID}.model3"


def build():
    from qgis.core import (
        QgsProcessing,
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildDependency,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterFeatureSource,
        QgsProcessingParameterField,
        QgsProcessingParameterString,
    )
    from qgis.core import (
        QgsProcessingModelChildParameterSource as Source,
    )
    from qgis.PyQt.QtCore import QPointF

    from clusterbelt.ui.compat import SOURCE_VECTOR
    from clusterbelt.ui.help_text import plain_text
    from clusterbelt.ui.models import GROUP_NAME, TEXTS

    # The id stays "paperworkflow"; the name, group and help users read come from ui/models.py (translated
    # there at run time); the file keeps the English help for the graphical modeler.
    model = QgsProcessingModelAlgorithm(MODEL_ID, GROUP_NAME, "workflows")
    model.setHelpContent({"ALG_DESC": plain_text(TEXTS[MODEL_ID][1], width=10 ** 6)})

    def parameter(definition, x, y):
        model.addModelParameter(definition, QgsProcessingModelParameter(definition.name()))
        model.parameterComponent(definition.name()).setPosition(QPointF(x, y))

    parameter(QgsProcessingParameterFeatureSource("CLUSTERS", "Clusters", [SOURCE_VECTOR]), 100, 50)
    parameter(QgsProcessingParameterField("CLUSTER_CITIES_FIELD", "Cluster cities field (may list several)",
                                          "cities", "CLUSTERS"), 100, 110)
    parameter(QgsProcessingParameterField("CLUSTER_TYPE_FIELD", "Cluster type field", "cluster_type",
                                          "CLUSTERS"), 100, 170)
    parameter(QgsProcessingParameterField("CLUSTER_INDUSTRY_FIELD", "Cluster industry field", "industry",
                                          "CLUSTERS"), 100, 230)
    # Optional, so that calls written before the time view still run: without it the time view is skipped
    # (distribution over time refuses a period field that is NULL everywhere, so it cannot run on every table).
    parameter(QgsProcessingParameterField("CLUSTER_PERIOD_FIELD", "Cluster period field (e.g. year designated; "
                                          "optional: adds the time view)", None, "CLUSTERS", optional=True),
              100, 290)
    parameter(QgsProcessingParameterFeatureSource("BELTS", "Online belts", [SOURCE_VECTOR]), 600, 50)
    parameter(QgsProcessingParameterField("BELT_CITY_FIELD", "Belt city field", "city", "BELTS"), 600, 110)
    parameter(QgsProcessingParameterField("BELT_INDUSTRY_FIELD", "Belt industry field", "industry", "BELTS"),
              600, 170)
    parameter(QgsProcessingParameterField("BELT_YEAR_FIELD", "Belt year field", "year", "BELTS"), 600, 230)
    parameter(QgsProcessingParameterString("YEARS", "Belt years that count", "2021"), 600, 290)

    def child(child_id, algorithm_id, description, sources, outputs, x, y, configuration=None, after_branch=None,
              optional_outputs=False):
        step = QgsProcessingModelChildAlgorithm(algorithm_id)
        step.setChildId(child_id)
        step.setDescription(description)
        step.setPosition(QPointF(x, y))
        if configuration:
            step.setConfiguration(configuration)
        if after_branch:
            # runs only when the branch (child id, condition name) of a conditional branch holds
            step.setDependencies([QgsProcessingModelChildDependency(*after_branch)])
        for name, source in sources.items():
            step.addParameterSources(name, [source])
        model_outputs = {}
        for output_name, (child_output, description_text) in outputs.items():
            output = QgsProcessingModelOutput(output_name, description_text)
            output.setChildId(child_id)
            output.setChildOutputName(child_output)
            if optional_outputs:
                # QGIS 3.22 keeps the child's required flag on a non-mandatory output, so a default (a temporary
                # layer) is what lets callers that do not name these outputs run unchanged
                output.setMandatory(False)
                output.setDefaultValue(QgsProcessing.TEMPORARY_OUTPUT)
            model_outputs[output_name] = output
        step.setModelOutputs(model_outputs)
        model.addChildAlgorithm(step)

    child("split", "clusterbelt:splitmulticity", "Split multi-city clusters",
          {"INPUT": Source.fromModelParameter("CLUSTERS"),
           "CITY_FIELD": Source.fromModelParameter("CLUSTER_CITIES_FIELD")},
          {}, 350, 350)
    child("locate", "clusterbelt:locatecities", "Locate cities",
          {"INPUT": Source.fromChildOutput("split", "OUTPUT"), "CITY_FIELD": Source.fromStaticValue("city_part")},
          {"Cluster cities": ("OUTPUT", "Cluster cities")}, 150, 450)
    # the ellipses and the time view share weights, cases, method, size and (default) CRS for the statistics
    ellipse_settings = {"INPUT": Source.fromChildOutput("locate", "OUTPUT"),
                        "WEIGHT_FIELD": Source.fromStaticValue("city_share"),
                        "CASE_FIELD": Source.fromModelParameter("CLUSTER_TYPE_FIELD"),
                        "METHOD": Source.fromStaticValue(0), "SIZE": Source.fromStaticValue(1.0)}
    child("ellipses", "clusterbelt:standarddeviationalellipse", "Ellipses by cluster type", ellipse_settings,
          {"Ellipses": ("OUTPUT", "Ellipses")}, 150, 550)
    child("has_period", "native:condition", "Period field given?", {}, {}, 350, 600,
          configuration={"conditions": [{"name": PERIOD_BRANCH, "expression":
                                         "@CLUSTER_PERIOD_FIELD IS NOT NULL AND @CLUSTER_PERIOD_FIELD <> ''"}]})
    child("overtime", "clusterbelt:distributionovertime", "Ellipses by period (cumulative)",
          {**ellipse_settings, "TIME_FIELD": Source.fromModelParameter("CLUSTER_PERIOD_FIELD"),
           "CUMULATIVE": Source.fromStaticValue(True)},
          {"Ellipses by period": ("OUTPUT", "Ellipses by period"),
           "Trajectory": ("OUTPUT_TRAJECTORY", "Trajectory of the centre"),
           "Shifts": ("OUTPUT_SHIFTS", "Shifts between periods")}, 150, 700,
          after_branch=("has_period", PERIOD_BRANCH), optional_outputs=True)
    child("match", "clusterbelt:matchclustersbelts", "Match clusters with belts",
          {"CLUSTERS": Source.fromChildOutput("split", "OUTPUT"),
           "CLUSTER_CITY_FIELD": Source.fromStaticValue("city_part"),
           "CLUSTER_TYPE_FIELD": Source.fromModelParameter("CLUSTER_TYPE_FIELD"),
           "CLUSTER_INDUSTRY_FIELD": Source.fromModelParameter("CLUSTER_INDUSTRY_FIELD"),
           "BELTS": Source.fromModelParameter("BELTS"), "BELT_CITY_FIELD": Source.fromModelParameter("BELT_CITY_FIELD"),
           "BELT_INDUSTRY_FIELD": Source.fromModelParameter("BELT_INDUSTRY_FIELD"),
           "BELT_YEAR_FIELD": Source.fromModelParameter("BELT_YEAR_FIELD"),
           "YEARS": Source.fromModelParameter("YEARS")},
          {"Matches": ("OUTPUT", "Clusters with match class"), "Table 1": ("OUTPUT_SUMMARY", "Summary (Table 1)"),
           "Match report": ("OUTPUT_HTML", "Match report")}, 550, 450)
    child("colocation", "clusterbelt:citycolocation", "City co-location",
          {"CLUSTERS": Source.fromChildOutput("split", "OUTPUT"),
           "CLUSTER_CITY_FIELD": Source.fromStaticValue("city_part"),
           "CLUSTER_TYPE_FIELD": Source.fromModelParameter("CLUSTER_TYPE_FIELD"),
           "CLUSTER_WEIGHT_FIELD": Source.fromStaticValue("city_share"),
           "BELTS": Source.fromModelParameter("BELTS"), "BELT_CITY_FIELD": Source.fromModelParameter("BELT_CITY_FIELD"),
           "BELT_YEAR_FIELD": Source.fromModelParameter("BELT_YEAR_FIELD")},
          {"Cities": ("OUTPUT", "Co-location by city")}, 550, 550)
    return model


def main():
    application, _provider = start_qgis()
    model = build()
    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    if not model.toFile(str(MODEL_PATH)):
        raise SystemExit(f"could not write {MODEL_PATH}")
    print(MODEL_PATH)
    application.exitQgis()


if __name__ == "__main__":
    main()
