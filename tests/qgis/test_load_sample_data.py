"""Issue 14: the bundled sample as layers (clusterbelt:loadsampledata) and the menu entry that loads them."""
import pathlib
from unittest import mock

import pandas as pd
import pytest
from layer_helpers import as_layer
from qgis.core import QgsCategorizedSymbolRenderer, QgsProcessingContext, QgsProcessingFeedback, QgsProject

from clusterbelt.core import cities
from clusterbelt.ui.compat import MESSAGE_INFO

DATA = pathlib.Path(__file__).resolve().parents[2] / "resources" / "data"
OUTPUTS = ("OUTPUT_CLUSTERS", "OUTPUT_BELTS", "OUTPUT_RELATIONS", "OUTPUT_GAZETTEER")


def csv(name):
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False)


def test_tool_writes_the_sample_as_layers_the_other_tools_take(run_alg):
    import processing

    context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
    results = run_alg("loadsampledata", {name: "TEMPORARY_OUTPUT" for name in OUTPUTS}, feedback, context)
    layers = {name: as_layer(results[name], context) for name in OUTPUTS}

    # clusters: one point per cluster and city, in WGS 84, every city located (counted here from the CSV)
    sample = csv("clusters_sample.csv")
    parts = cities.split_city_column(sample["cities"])
    clusters = layers["OUTPUT_CLUSTERS"]
    assert clusters.crs().authid() == "EPSG:4326"
    assert clusters.featureCount() == len(parts) == 84
    features = list(clusters.getFeatures())
    assert len({f["cluster_id"] for f in features}) == len(sample) == 77
    assert {f["locate_status"] for f in features} == {"exact"}
    assert all(not f.geometry().isNull() for f in features)
    shenzhen = [f for f in features if f["city_name"] == "深圳市"]
    assert shenzhen and all(f.geometry().asPoint().x() == pytest.approx(114.06, abs=0.1) for f in shenzhen)
    shares = {}
    for f in features:
        shares[f["cluster_id"]] = shares.get(f["cluster_id"], 0) + f["city_share"]
    assert all(total == pytest.approx(1) for total in shares.values())

    # belts, relations: the bundled tables, row for row; belt years are numbers
    belts = layers["OUTPUT_BELTS"]
    assert belts.featureCount() == len(csv("belts_sample.csv"))
    assert {f["year"] for f in belts.getFeatures()} == {2021}
    relations = csv("industry_relations.csv")
    got = sorted((f["industry_a"], f["industry_b"], f["relation"]) for f in layers["OUTPUT_RELATIONS"].getFeatures())
    assert got == sorted(zip(relations["industry_a"], relations["industry_b"], relations["relation"]))

    # gazetteer: 369 units, 7 without a coordinate keep no point; codes stay text
    gazetteer = layers["OUTPUT_GAZETTEER"]
    assert gazetteer.featureCount() == 369
    assert sum(f.geometry().isNull() for f in gazetteer.getFeatures()) == 7
    beijing = next(f for f in gazetteer.getFeatures() if f["city_code"] == "110000")
    assert beijing.geometry().asPoint().y() == pytest.approx(39.9, abs=0.1)
    assert "Vonng/adcode" in feedback.textLog()

    # the outputs feed the other tools directly: the demo's ellipses and matching
    ellipses = processing.run("clusterbelt:standarddeviationalellipse", {
        "INPUT": clusters, "WEIGHT_FIELD": "city_share", "CASE_FIELD": "cluster_type", "OUTPUT": "TEMPORARY_OUTPUT"},
        context=context)["OUTPUT"]
    ellipses = as_layer(ellipses, context)
    assert sorted(f["cluster_type"] for f in ellipses.getFeatures()) == ["amc", "icp", "seic"]
    assert all(70 < f["CenterX"] < 135 and 18 < f["CenterY"] < 54 for f in ellipses.getFeatures())
    matched = processing.run("clusterbelt:matchclustersbelts", {
        "CLUSTERS": clusters, "CLUSTER_CITY_FIELD": "city_part", "CLUSTER_TYPE_FIELD": "cluster_type",
        "CLUSTER_INDUSTRY_FIELD": "industry", "BELTS": belts, "BELT_CITY_FIELD": "city",
        "BELT_INDUSTRY_FIELD": "industry", "BELT_YEAR_FIELD": "year", "YEARS": "2021",
        "RELATIONS": layers["OUTPUT_RELATIONS"], "OUTPUT": "TEMPORARY_OUTPUT",
        "OUTPUT_SUMMARY": "TEMPORARY_OUTPUT"}, context=context)
    classes = [f["match_class"] for f in as_layer(matched["OUTPUT"], context).getFeatures()]
    assert len(classes) == 84 and classes.count("matched") > 0


def test_cancel_returns_no_layers(run_alg):
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    results = run_alg("loadsampledata", {name: "TEMPORARY_OUTPUT" for name in OUTPUTS}, feedback,
                      QgsProcessingContext())
    assert "OUTPUT_GAZETTEER" not in results


def test_menu_entry_loads_styled_layers_with_a_note(clusterbelt_provider, qgis_iface):
    from conftest import ensure_provider_registered
    from qgis.core import QgsApplication

    import clusterbelt

    project = QgsProject.instance()
    project.clear()
    registry = QgsApplication.processingRegistry()
    registry.removeProvider(registry.providerById("clusterbelt"))  # the plugin registers its own
    added = []
    with mock.patch.object(qgis_iface, "addPluginToMenu", side_effect=lambda menu, action: added.append(
            (menu, action)), create=True):
        plugin = clusterbelt.classFactory(qgis_iface)
        plugin.initGui()
    try:
        assert [(menu, action.text()) for menu, action in added] == [("&ClusterBelt", "Load sample data")]
        added[0][1].trigger()  # what a click on Plugins > ClusterBelt > Load sample data does

        group = project.layerTreeRoot().children()[0]
        assert group.name() == "ClusterBelt sample data"
        names = [node.layer().name() for node in group.findLayers()]
        assert names[:4] == ["Sample clusters (one point per cluster and city)",
                             "Gazetteer of Chinese prefecture-level cities", "Sample online belts",
                             "Industry relations judged in the paper"]
        clusters = group.findLayers()[0].layer()
        assert clusters.featureCount() == 84
        renderer = clusters.renderer()
        assert isinstance(renderer, QgsCategorizedSymbolRenderer) and renderer.classAttribute() == "cluster_type"
        assert {c.value(): c.label() for c in renderer.categories()} == {
            "seic": "Strategic emerging industry clusters (seic)", "amc": "Advanced manufacturing clusters (amc)",
            "icp": "Innovative cluster pilots (icp)"}
        # the same colour per type as the ellipse tool gives the cases amc, icp, seic
        from clusterbelt.ui.styles import CASE_COLOURS

        colours = {c.value(): c.symbol().color().name() for c in renderer.categories()}
        assert colours == {"amc": CASE_COLOURS[0], "icp": CASE_COLOURS[1], "seic": CASE_COLOURS[2]}
        # the canvas shows China
        canvas = qgis_iface.mapCanvas()
        assert canvas.mapSettings().destinationCrs() in (clusters.crs(), type(clusters.crs())())
        assert canvas.extent().contains(clusters.extent())
        # zoomed to the clusters: the limiting side of the canvas is at most 10 % larger than theirs (+ rounding)
        assert min(canvas.extent().width() / clusters.extent().width(),
                   canvas.extent().height() / clusters.extent().height()) < 1.15
        notes = qgis_iface.messageBar().get_messages(MESSAGE_INFO)
        assert len(notes) == 1
        assert "77 national industrial clusters in 84 city points" in notes[0] and "84 city points" in notes[0]
        assert "partial sample" in notes[0] and "Zhao et al. 2022" in notes[0] and "Vonng/adcode" in notes[0]
        assert "\n" not in notes[0] and len(notes[0].split(":", 1)[1]) < 200  # one line
    finally:
        with mock.patch.object(qgis_iface, "removePluginMenu", create=True) as removed:
            plugin.unload()
        removed.assert_called_once()
        project.clear()
        ensure_provider_registered()
