"""The graphical model chaining the paper's workflow runs on the bundled data."""
import pathlib

from layer_helpers import as_layer
from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsVectorLayer

DATA = pathlib.Path(__file__).resolve().parents[2] / "resources" / "data"


def test_paper_workflow_model_runs_on_the_bundled_data(clusterbelt_provider, tmp_path):
    import processing

    clusters = QgsVectorLayer(str(DATA / "clusters_sample.csv"), "clusters", "ogr")
    belts = QgsVectorLayer(str(DATA / "belts_sample.csv"), "belts", "ogr")
    context = QgsProcessingContext()
    feedback = QgsProcessingFeedback()
    report = tmp_path / "report.html"
    results = processing.run(
        "clusterbelt:paperworkflow",
        {
            "CLUSTERS": clusters, "CLUSTER_CITIES_FIELD": "cities", "CLUSTER_TYPE_FIELD": "cluster_type",
            "CLUSTER_INDUSTRY_FIELD": "industry", "BELTS": belts, "BELT_CITY_FIELD": "city",
            "BELT_INDUSTRY_FIELD": "industry", "BELT_YEAR_FIELD": "year", "YEARS": "2021",
            "match:Matches": str(tmp_path / "matches.gpkg"), "match:Table 1": str(tmp_path / "table1.gpkg"),
            "match:Match report": str(report), "ellipses:Ellipses": str(tmp_path / "ellipses.gpkg"),
            "locate:Cluster cities": str(tmp_path / "cities.gpkg"), "colocation:Cities": str(tmp_path / "coloc.gpkg"),
        },
        context=context,
        feedback=feedback,
    )
    ellipses = as_layer(results["ellipses:Ellipses"], context)
    assert sorted(f["cluster_type"] for f in ellipses.getFeatures()) == ["amc", "icp", "seic"]
    matches = as_layer(results["match:Matches"], context)
    cities = as_layer(results["locate:Cluster cities"], context)
    assert matches.featureCount() == cities.featureCount() > clusters.featureCount()
    summary = {f["cluster_type"]: f for f in as_layer(results["match:Table 1"], context).getFeatures()}
    assert summary["total"]["clusters"] == matches.featureCount()
    assert "<table" in report.read_text(encoding="utf-8")
