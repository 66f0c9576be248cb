"""The graphical model chaining the paper's workflow runs on the bundled data."""
import math
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


def _run_workflow(clusters, tmp_path, context, **extra):
    """The model on the bundled belts with the default field names, the mandatory outputs to files."""
    import processing

    belts = QgsVectorLayer(str(DATA / "belts_sample.csv"), "belts", "ogr")
    return processing.run(
        "clusterbelt:paperworkflow",
        {
            "CLUSTERS": clusters, "CLUSTER_CITIES_FIELD": "cities", "CLUSTER_TYPE_FIELD": "cluster_type",
            "CLUSTER_INDUSTRY_FIELD": "industry", "BELTS": belts, "BELT_CITY_FIELD": "city",
            "BELT_INDUSTRY_FIELD": "industry", "BELT_YEAR_FIELD": "year", "YEARS": "2021",
            "match:Matches": str(tmp_path / "matches.gpkg"), "match:Table 1": str(tmp_path / "table1.gpkg"),
            "match:Match report": str(tmp_path / "report.html"), "ellipses:Ellipses": str(tmp_path / "ellipses.gpkg"),
            "locate:Cluster cities": str(tmp_path / "cities.gpkg"), "colocation:Cities": str(tmp_path / "coloc.gpkg"),
            **extra,
        },
        context=context,
        feedback=QgsProcessingFeedback(),
    )


def _clusters_with_years():
    """The bundled clusters plus a numeric `year` (2013, 2017, 2021 in turn by row: every type has all three)."""
    import processing

    clusters = QgsVectorLayer(str(DATA / "clusters_sample.csv"), "clusters", "ogr")
    return processing.run("native:fieldcalculator", {
        "INPUT": clusters, "FIELD_NAME": "year", "FIELD_TYPE": 1, "FIELD_LENGTH": 0, "FIELD_PRECISION": 0,
        "FORMULA": "2013 + 4 * (@row_number % 3)", "OUTPUT": "memory:clusters_with_years"})["OUTPUT"]


TIME_VIEW = ("overtime:Ellipses by period", "overtime:Trajectory", "overtime:Shifts")


def test_paper_workflow_model_without_a_period_field_skips_the_time_view(clusterbelt_provider, tmp_path):
    # the table has a year, but the field is not given: the model runs as before and draws no time view
    context = QgsProcessingContext()
    results = _run_workflow(_clusters_with_years(), tmp_path, context)
    ellipses = as_layer(results["ellipses:Ellipses"], context)
    assert sorted(f["cluster_type"] for f in ellipses.getFeatures()) == ["amc", "icp", "seic"]
    assert all(results.get(name) is None for name in TIME_VIEW)
    assert not list(tmp_path.glob("overtime*"))


def test_paper_workflow_model_with_a_period_field_draws_the_time_view(clusterbelt_provider, tmp_path):
    context = QgsProcessingContext()
    outputs = {name: str(tmp_path / f"{name.split(':')[1].replace(' ', '_')}.gpkg") for name in TIME_VIEW}
    results = _run_workflow(_clusters_with_years(), tmp_path, context, CLUSTER_PERIOD_FIELD="year", **outputs)
    by_period = as_layer(results["overtime:Ellipses by period"], context)
    periods = {}
    for feature in by_period.getFeatures():
        periods.setdefault(feature["cluster_type"], {})[int(feature["period"])] = feature
    assert {kind: sorted(years) for kind, years in periods.items()} == {
        kind: [2013, 2017, 2021] for kind in ("amc", "icp", "seic")}
    # cumulative: the last period holds every cluster, so its ellipse is the model's ellipse of the type
    # (same weights, method, size and CRS for the statistics), and the counts grow period by period
    for ellipse in as_layer(results["ellipses:Ellipses"], context).getFeatures():
        kind = periods[ellipse["cluster_type"]]
        for name in ("CenterX", "CenterY", "major_sd", "minor_sd", "n"):
            assert math.isclose(kind[2021][name], ellipse[name], rel_tol=1e-9), (ellipse["cluster_type"], name)
        assert kind[2013]["n"] < kind[2017]["n"] < kind[2021]["n"]
    trajectory = as_layer(results["overtime:Trajectory"], context)
    assert sorted(f["cluster_type"] for f in trajectory.getFeatures()) == ["amc", "icp", "seic"]
    shifts = as_layer(results["overtime:Shifts"], context)
    assert sorted((f["cluster_type"], int(f["period_from"]), int(f["period_to"])) for f in shifts.getFeatures()) == [
        (kind, start, end) for kind in ("amc", "icp", "seic") for start, end in ((2013, 2017), (2017, 2021))]
