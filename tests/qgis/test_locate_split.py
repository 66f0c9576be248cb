"""Locate cities and split multi-city records through Processing: nothing is dropped."""
import pathlib

import pytest
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsVectorLayer,
)

from layer_helpers import as_layer, memory_table

PLUGIN_ROOT = pathlib.Path(__file__).resolve().parents[2]


def run(algorithm, parameters):
    import processing

    context = QgsProcessingContext()
    feedback = QgsProcessingFeedback()
    params = dict(parameters)
    params.setdefault("OUTPUT", "TEMPORARY_OUTPUT")
    results = processing.run(f"clusterbelt:{algorithm}", params, context=context, feedback=feedback)
    return as_layer(results["OUTPUT"], context), feedback


def rows(layer):
    result = []
    for feature in layer.getFeatures():
        values = {}
        for name in layer.fields().names():
            value = feature[name]
            values[name] = None if hasattr(value, "isNull") and value.isNull() else value
        values["_geometry"] = QgsGeometry(feature.geometry())
        result.append(values)
    return result


MESSY = [
    ("r1", " 深圳 "), ("r2", "深圳市"), ("r3", "440300"), ("r4", "恩施"), ("r5", "海西州"), ("r6", "兴安盟"),
    ("r7", "澄迈"), ("r8", "Shenzhen"), ("r9", None), ("r10", ""), ("r11", "海南"), ("r12", "广东省深圳市"),
    ("r13", "深圳市\u3000"),
]


def test_locate_keeps_every_row_and_reports_status(clusterbelt_provider):
    table = memory_table([("rid", "string"), ("city", "string")], MESSY)
    out, feedback = run("locatecities", {"INPUT": table, "CITY_FIELD": "city"})
    assert out.crs().authid() == "EPSG:4326"
    result = {row["rid"]: row for row in rows(out)}
    assert set(result) == {rid for rid, _ in MESSY}
    for rid in ("r1", "r2", "r3", "r12", "r13"):
        assert result[rid]["city_code"] == "440300", rid
        point = result[rid]["_geometry"].asPoint()
        assert 113.8 < point.x() < 114.3 and 22.4 < point.y() < 22.8
    assert result["r2"]["locate_status"] == "exact"
    assert result["r1"]["city_name"] == "深圳市"
    assert result["r4"]["city_name"] == "恩施土家族苗族自治州"
    assert result["r5"]["city_name"] == "海西蒙古族藏族自治州"
    assert result["r6"]["city_name"] == "兴安盟"
    assert result["r7"]["city_name"] == "澄迈县"
    for rid in ("r4", "r5", "r7", "r12"):
        assert result[rid]["locate_status"] == "normalized", rid
        assert not result[rid]["_geometry"].isNull()
    assert result["r6"]["locate_status"] == "exact"  # 兴安盟 is the full name
    assert result["r8"]["locate_status"] == "not_found" and result["r8"]["_geometry"].isNull()
    assert result["r9"]["locate_status"] == "not_found" and result["r9"]["_geometry"].isNull()
    assert result["r11"]["locate_status"] == "ambiguous" and result["r11"]["_geometry"].isNull()
    assert "海南" in result["r11"]["candidates"]
    log = feedback.textLog()
    assert "'Shenzhen' (not_found)" in log and "'海南' (ambiguous)" in log


def test_locate_with_a_user_gazetteer_in_its_own_crs(clusterbelt_provider):
    gazetteer = QgsVectorLayer("Point?crs=EPSG:3857&field=name:string&field=code:string", "gaz", "memory")
    features = []
    for name, code, x, y in (("Alphaville", "A1", 1000.0, 2000.0), ("Betatown", "B2", -500.0, 750.0)):
        feature = QgsFeature(gazetteer.fields())
        feature.setAttributes([name, code])
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        features.append(feature)
    gazetteer.dataProvider().addFeatures(features)
    table = memory_table([("place", "string")], [("Alphaville",), (" B2 ",), ("Gammaburg",)])
    out, _ = run(
        "locatecities",
        {"INPUT": table, "CITY_FIELD": "place", "GAZETTEER": gazetteer, "GAZETTEER_NAME_FIELD": "name",
         "GAZETTEER_CODE_FIELD": "code"},
    )
    assert out.crs().authid() == "EPSG:3857"
    result = {row["place"]: row for row in rows(out)}
    assert result["Alphaville"]["_geometry"].asPoint() == QgsPointXY(1000, 2000)
    assert result[" B2 "]["city_name"] == "Betatown"
    assert result["Gammaburg"]["locate_status"] == "not_found"


def test_locate_refuses_a_missing_field_by_name(clusterbelt_provider):
    table = memory_table([("place", "string")], [("深圳",)])
    with pytest.raises(QgsProcessingException, match="no field 'town'"):
        run("locatecities", {"INPUT": table, "CITY_FIELD": "town"})


def test_split_one_row_per_city_with_shares(clusterbelt_provider):
    table = memory_table(
        [("cid", "string"), ("cities", "string"), ("value", "int")],
        [("a", "广州市、佛山市、惠州市", 1), ("b", "深圳 / 广州", 2), ("c", "武汉市", 3), ("d", None, 4),
         ("e", "东莞市 ; 佛山市,广州市|深圳市", 5), ("f", "  ", 6)],
    )
    out, feedback = run("splitmulticity", {"INPUT": table, "CITY_FIELD": "cities"})
    result = rows(out)
    by_id = {}
    for row in result:
        by_id.setdefault(row["cid"], []).append(row)
    assert [r["city_part"] for r in by_id["a"]] == ["广州市", "佛山市", "惠州市"]
    assert [r["city_part"] for r in by_id["b"]] == ["深圳", "广州"]
    assert [r["city_part"] for r in by_id["e"]] == ["东莞市", "佛山市", "广州市", "深圳市"]
    assert all(r["city_count"] == 3 and r["city_share"] == pytest.approx(1 / 3) for r in by_id["a"])
    assert by_id["c"][0]["city_share"] == 1.0
    for cid in ("d", "f"):
        assert len(by_id[cid]) == 1 and by_id[cid][0]["city_count"] == 0 and by_id[cid][0]["city_share"] is None
    assert [r["value"] for r in by_id["e"]] == [5] * 4  # input fields kept
    for cid, parts in by_id.items():
        if parts[0]["city_count"]:
            assert sum(r["city_share"] for r in parts) == pytest.approx(1.0)
    assert "2 rows have an empty city field" in feedback.textLog()


def test_bundled_sample_chains_split_locate_ellipse_without_losing_rows(clusterbelt_provider):
    clusters = QgsVectorLayer(str(PLUGIN_ROOT / "resources" / "data" / "clusters_sample.csv"), "clusters", "ogr")
    assert clusters.isValid()
    split, _ = run("splitmulticity", {"INPUT": clusters, "CITY_FIELD": "cities"})
    located, _ = run("locatecities", {"INPUT": split, "CITY_FIELD": "city_part"})
    assert split.featureCount() == located.featureCount() > clusters.featureCount()
    shares = {}
    for feature in located.getFeatures():
        shares[feature["cluster_id"]] = shares.get(feature["cluster_id"], 0.0) + feature["city_share"]
        assert feature["locate_status"] == "exact" and not feature.geometry().isNull()
    assert len(shares) == clusters.featureCount()
    assert all(total == pytest.approx(1.0) for total in shares.values())
    ellipses, _ = run(
        "standarddeviationalellipse",
        {"INPUT": located, "WEIGHT_FIELD": "city_share", "CASE_FIELD": "cluster_type"},
    )
    by_type = {feature["cluster_type"]: feature for feature in ellipses.getFeatures()}
    assert set(by_type) == {"seic", "amc", "icp"}
    # each cluster weighs 1 in total however many cities it spans
    counts = {}
    for feature in clusters.getFeatures():
        counts[feature["cluster_type"]] = counts.get(feature["cluster_type"], 0) + 1
    for cluster_type, feature in by_type.items():
        assert feature["weight_sum"] == pytest.approx(counts[cluster_type])
        assert feature["status"] == "ok"
