"""The matching tools through Processing: the paper's data, row accounting, bad input."""
import pathlib

import pandas as pd
import pytest
from layer_helpers import as_layer, memory_table
from qgis.core import QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer

from clusterbelt.core import cities, matching

DATA = pathlib.Path(__file__).resolve().parents[2] / "resources" / "data"


def run(algorithm, parameters):
    import processing

    context = QgsProcessingContext()
    feedback = QgsProcessingFeedback()
    results = processing.run(f"clusterbelt:{algorithm}", parameters, context=context, feedback=feedback)
    layers = {key: as_layer(value, context) if key.startswith("OUTPUT") and not key.endswith("HTML") else value
              for key, value in results.items()}
    return layers, feedback


def table_rows(layer):
    out = []
    for feature in layer.getFeatures():
        row = {}
        for name in layer.fields().names():
            value = feature[name]
            row[name] = None if value is None or (hasattr(value, "isNull") and value.isNull()) else value
        out.append(row)
    return out


@pytest.fixture
def sample(clusterbelt_provider):
    clusters = QgsVectorLayer(str(DATA / "clusters_sample.csv"), "clusters", "ogr")
    belts = QgsVectorLayer(str(DATA / "belts_sample.csv"), "belts", "ogr")
    assert clusters.isValid() and belts.isValid()
    split, _ = run("splitmulticity", {"INPUT": clusters, "CITY_FIELD": "cities", "OUTPUT": "TEMPORARY_OUTPUT"})
    return split["OUTPUT"], belts


def match_parameters(clusters, belts, **extra):
    parameters = {
        "CLUSTERS": clusters, "CLUSTER_CITY_FIELD": "city_part", "CLUSTER_TYPE_FIELD": "cluster_type",
        "CLUSTER_INDUSTRY_FIELD": "industry", "BELTS": belts, "BELT_CITY_FIELD": "city",
        "BELT_INDUSTRY_FIELD": "industry", "BELT_YEAR_FIELD": "year", "OUTPUT": "TEMPORARY_OUTPUT",
        "OUTPUT_PAIRS": "TEMPORARY_OUTPUT", "OUTPUT_SUMMARY": "TEMPORARY_OUTPUT",
    }
    parameters.update(extra)
    return parameters


def test_paper_sample_every_belt_is_matched_and_table1_adds_up(sample, tmp_path):
    clusters, belts = sample
    html = tmp_path / "report.html"
    outputs, feedback = run("matchclustersbelts", match_parameters(clusters, belts, YEARS="2021", OUTPUT_HTML=str(html)))
    rows = table_rows(outputs["OUTPUT"])
    assert len(rows) == clusters.featureCount()  # every cluster record exactly once
    assert sorted(r["cluster_id"] + "|" + r["city_part"] for r in rows) == sorted(
        f["cluster_id"] + "|" + f["city_part"] for f in clusters.getFeatures()
    )
    # Every belt of the sample is one the paper judged matched to a cluster of its city.
    matched = {}
    for row in rows:
        key = cities.resolve_city_keys([row["city_part"]])[0]
        for name in (row["matched_belts"] or "").split(matching.BELT_SEPARATOR):
            if name:
                matched.setdefault(key, set()).add(name)
    for belt in belts.getFeatures():
        key = cities.resolve_city_keys([belt["city"]])[0]
        assert belt["industry"] in matched.get(key, set()), (belt["city"], belt["industry"])
    # Table 1 is computed from the per-cluster classes.
    summary = {r["cluster_type"]: r for r in table_rows(outputs["OUTPUT_SUMMARY"])}
    for cluster_type, line in summary.items():
        members = [r for r in rows if cluster_type == "total" or r["cluster_type"] == cluster_type]
        assert line["clusters"] == len(members)
        assert line["matched"] == sum(r["match_class"] == "matched" for r in members)
        assert line["similar"] == sum(r["match_class"] == "similar" for r in members)
        assert line["matched_pct"] == pytest.approx(100.0 * line["matched"] / line["clusters"])
    assert summary["total"]["clusters"] == clusters.featureCount()
    # pairs: every one is related, and a matched cluster has at least one matching pair
    pairs = table_rows(outputs["OUTPUT_PAIRS"])
    assert pairs and all(p["relation"] in ("identical", "subordinate", "similar") for p in pairs)
    matched_rows = {i for i, r in enumerate(rows) if r["match_class"] == "matched"}
    assert matched_rows == {p["cluster_row"] for p in pairs if p["relation"] in ("identical", "subordinate")}
    page = html.read_text(encoding="utf-8")
    assert "<table" in page and "显示器件" in page


def test_processing_output_equals_the_engine(sample):
    clusters, belts = sample
    outputs, _ = run("matchclustersbelts", match_parameters(clusters, belts))
    rows = table_rows(outputs["OUTPUT"])
    frame = pd.DataFrame(table_rows(clusters))
    belt_frame = pd.DataFrame(table_rows(belts))
    engine = matching.match_clusters_to_belts(
        frame, belt_frame,
        cluster_city=cities.resolve_city_keys(frame["city_part"].tolist()), cluster_industry="industry",
        cluster_type="cluster_type", belt_city=cities.resolve_city_keys(belt_frame["city"].tolist()),
        belt_industry="industry",
    ).clusters
    for row, (_, expected) in zip(rows, engine.iterrows()):
        for name in ("match_class", "matched_belts", "similar_belts", "n_city_belts", "city_key", "basis"):
            assert (row[name] or "") == (expected[name] or "") if isinstance(expected[name], str) or expected[name] is None \
                else row[name] == expected[name], name


def test_rows_without_city_type_or_industry_are_kept_and_counted(clusterbelt_provider):
    clusters = memory_table(
        [("cid", "string"), ("city", "string"), ("kind", "string"), ("industry", "string")],
        [("c1", "深圳市", "seic", "新型显示器件"), ("c2", None, "seic", "生物医药"), ("c3", "深圳", None, "电池"),
         ("c4", "深圳", "amc", None), ("c5", "Atlantis", "icp", "显示器件"), ("c6", "440300", "amc", "先进电池材料")],
    )
    belts = memory_table(
        [("city", "string"), ("industry", "string"), ("year", "int")],
        [("深圳", "显示器件", 2021), ("深圳", "电池", 2020), ("Atlantis", "显示器件", 2021), (None, "软件", 2021)],
    )
    parameters = match_parameters(clusters, belts, CLUSTER_CITY_FIELD="city", CLUSTER_TYPE_FIELD="kind")
    outputs, feedback = run("matchclustersbelts", parameters)
    rows = {r["cid"]: r for r in table_rows(outputs["OUTPUT"])}
    assert set(rows) == {"c1", "c2", "c3", "c4", "c5", "c6"}
    assert rows["c1"]["match_class"] == "matched" and rows["c1"]["matched_belts"] == "显示器件"
    assert rows["c2"]["match_class"] == "no_belt_in_city" and rows["c2"]["basis"] == "missing_city"
    assert rows["c3"]["match_class"] == "matched"  # same name 电池, no type needed
    assert rows["c4"]["basis"] == "empty_industry"
    assert rows["c5"]["match_class"] == "matched"  # unknown city compared by name
    assert rows["c6"]["city_key"] == rows["c1"]["city_key"] == "440300"
    summary = {r["cluster_type"]: r for r in table_rows(outputs["OUTPUT_SUMMARY"])}
    assert summary["total"]["clusters"] == 6
    log = feedback.textLog()
    assert "1 rows have no city" in log and "Atlantis" in log
    # YEARS filters belts: 深圳's 电池 belt is from 2020
    outputs, feedback = run("matchclustersbelts", dict(parameters, YEARS="2021"))
    rows = {r["cid"]: r for r in table_rows(outputs["OUTPUT"])}
    assert rows["c3"]["match_class"] == "none"
    assert "1 of other years" in feedback.textLog()


def test_bad_input_is_refused_with_a_clear_message(clusterbelt_provider):
    clusters = memory_table([("city", "string"), ("industry", "string")],
                            [("广州市、佛山市", "智能家电"), ("深圳", "电池")])
    belts = memory_table([("city", "string"), ("industry", "string"), ("year", "int")], [("深圳", "电池", 2021)])
    base = match_parameters(clusters, belts, CLUSTER_CITY_FIELD="city", CLUSTER_TYPE_FIELD=None)
    with pytest.raises(QgsProcessingException, match="splitmulticity"):
        run("matchclustersbelts", base)
    single = memory_table([("city", "string"), ("industry", "string")], [("深圳", "电池")])
    base["CLUSTERS"] = single
    with pytest.raises(QgsProcessingException, match="no field 'sector'"):
        run("matchclustersbelts", dict(base, CLUSTER_INDUSTRY_FIELD="sector"))
    # Engine errors name the parameter by its label: the YEARS parameter is "Belt years that count (...)".
    with pytest.raises(QgsProcessingException, match=r"^Belt years that count .*: 'twenty' is not a year"):
        run("matchclustersbelts", dict(base, YEARS="twenty"))
    bad_relations = memory_table([("industry_a", "string"), ("industry_b", "string"), ("relation", "string")],
                                 [("电池", "锂电池", "identical"), ("显示", "面板", "sameish")])
    with pytest.raises(QgsProcessingException, match="sameish"):
        run("matchclustersbelts", dict(base, RELATIONS=bad_relations))
    empty = memory_table([("city", "string"), ("industry", "string")], [])
    with pytest.raises(QgsProcessingException, match="no rows"):
        run("matchclustersbelts", dict(base, CLUSTERS=empty))


def test_user_relations_decide_and_batch_runs_repeat(clusterbelt_provider):
    clusters = memory_table([("city", "string"), ("industry", "string")], [("深圳", "新能源汽车"), ("杭州", "电商")])
    belts = memory_table([("city", "string"), ("industry", "string"), ("year", "int")],
                         [("深圳市", "汽车配件", 2021), ("杭州", "服装", 2021)])
    relations = memory_table([("industry_a", "string"), ("industry_b", "string"), ("relation", "string")],
                             [("汽车配件", "新能源汽车", "similar")])
    for _ in range(3):  # one session, repeated runs, fresh results each time
        outputs, _ = run("matchclustersbelts", match_parameters(
            clusters, belts, CLUSTER_CITY_FIELD="city", CLUSTER_TYPE_FIELD=None, RELATIONS=relations))
        rows = table_rows(outputs["OUTPUT"])
        assert [r["match_class"] for r in rows] == ["similar", "none"]
        assert rows[0]["similar_belts"] == "汽车配件"


def paper_colocation_tables():
    """Synthetic tables with exactly the paper's section-4 counts (keys are made-up city names)."""
    cluster_rows = [(f"C{i:03d}", "seic") for i in range(79)]
    belt_rows = [(f"C{i:03d}", 2021) for i in range(63)]  # 63 cluster cities have belts in 2021
    belt_rows += [(f"B{i:03d}", 2021) for i in range(158 - 63)]  # belt-only cities
    belt_rows += [(f"C{i:03d}", 2019) for i in range(63, 72)]  # 9 more with earlier belts only
    return cluster_rows, belt_rows


def test_colocation_reproduces_the_paper_figures(clusterbelt_provider):
    cluster_rows, belt_rows = paper_colocation_tables()
    clusters = memory_table([("city", "string"), ("kind", "string")], cluster_rows)
    belts = memory_table([("city", "string"), ("year", "int")], belt_rows)
    parameters = {"CLUSTERS": clusters, "CLUSTER_CITY_FIELD": "city", "CLUSTER_TYPE_FIELD": "kind",
                  "BELTS": belts, "BELT_CITY_FIELD": "city", "BELT_YEAR_FIELD": "year", "YEAR": 2021,
                  "OUTPUT": "TEMPORARY_OUTPUT"}
    outputs, _ = run("citycolocation", parameters)
    assert (outputs["CITIES_WITH_CLUSTERS"], outputs["CITIES_WITH_BELTS"], outputs["CITIES_WITH_BOTH"]) == (79, 158, 63)
    assert round(outputs["SHARE_OF_CLUSTER_CITIES"], 1) == 79.7
    assert round(outputs["SHARE_OF_BELT_CITIES"], 1) == 39.9
    outputs, _ = run("citycolocation", dict(parameters, INCLUDE_EARLIER=True))
    assert (outputs["CITIES_WITH_BELTS"], outputs["CITIES_WITH_BOTH"]) == (167, 72)
    assert round(outputs["SHARE_OF_CLUSTER_CITIES"], 1) == 91.1
    assert round(outputs["SHARE_OF_BELT_CITIES"], 1) == 43.1
    per_city = table_rows(outputs["OUTPUT"])
    assert sum(r["has_both"] for r in per_city) == 72


def test_cross_type_pairs_in_one_city(clusterbelt_provider):
    clusters = memory_table(
        [("name", "string"), ("city", "string"), ("kind", "string"), ("industry", "string")],
        [("浦东新区生物医药", "上海", "seic", "生物医药（浦东新区）"), ("张江生物医药", "上海市", "amc", "生物医药"),
         ("上海集成电路", "上海", "amc", "集成电路"), ("深圳电池", "深圳", "amc", "电池")],
    )
    outputs, feedback = run("crosstyperelations", {
        "CLUSTERS": clusters, "CLUSTER_CITY_FIELD": "city", "CLUSTER_TYPE_FIELD": "kind",
        "CLUSTER_INDUSTRY_FIELD": "industry", "OUTPUT": "TEMPORARY_OUTPUT"})
    pairs = table_rows(outputs["OUTPUT"])
    assert len(pairs) == 2  # seic-amc pairs in 上海 only; amc-amc and other cities are not paired
    by_b = {p["b_name"]: p for p in pairs}
    assert by_b["张江生物医药"]["relation"] == "identical"
    assert by_b["张江生物医药"]["a_name"] == "浦东新区生物医药"
    assert by_b["上海集成电路"]["relation"] == "none"


def test_duplicate_cluster_ids_are_warned_and_kept(clusterbelt_provider):
    clusters = memory_table(
        [("cluster_id", "string"), ("city", "string"), ("industry", "string")],
        [("a1", "广州", "智能装备"), ("a1", "深圳", "智能装备"), ("b2", "深圳", "电池"), ("b2", "深圳市", "电池")],
    )
    belts = memory_table([("city", "string"), ("industry", "string"), ("year", "int")], [("深圳", "电池", 2021)])
    outputs, feedback = run("matchclustersbelts", match_parameters(
        clusters, belts, CLUSTER_CITY_FIELD="city", CLUSTER_TYPE_FIELD=None))
    assert outputs["OUTPUT"].featureCount() == 4
    log = feedback.textLog()
    assert "2 cluster rows repeat a cluster_id within one city (b2; rows 3, 4)" in log
    assert "a1" not in log.split("repeat a cluster_id")[1].split(")")[0]  # one id per city part is fine


def test_proposed_relations_feed_back_into_matching(clusterbelt_provider, tmp_path):
    # File-backed layers here: memory layers handed from run to run crashed QGIS 3.22 at teardown.
    belts = QgsVectorLayer(str(DATA / "belts_sample.csv"), "belts", "ogr")
    run("splitmulticity", {"INPUT": QgsVectorLayer(str(DATA / "clusters_sample.csv"), "clusters", "ogr"),
                           "CITY_FIELD": "cities", "OUTPUT": str(tmp_path / "split.gpkg")})
    clusters = QgsVectorLayer(str(tmp_path / "split.gpkg"), "split", "ogr")
    no_relations = memory_table([("industry_a", "string"), ("industry_b", "string"), ("relation", "string")], [])
    proposals_path = tmp_path / "proposed.gpkg"
    _, feedback = run("proposerelations", {
        "CLUSTERS": clusters, "CLUSTER_CITY_FIELD": "city_part", "CLUSTER_INDUSTRY_FIELD": "industry",
        "BELTS": belts, "BELT_CITY_FIELD": "city", "BELT_INDUSTRY_FIELD": "industry",
        "RELATIONS": no_relations, "AUTO_RELATE": 1, "OUTPUT": str(proposals_path)})
    proposed_layer = QgsVectorLayer(str(proposals_path), "proposed", "ogr")
    proposed = table_rows(proposed_layer)
    assert proposed
    assert {r["relation"] for r in proposed} <= {"identical", "subordinate", "similar", "none"}
    assert {r["basis"] for r in proposed if r["relation"] != "none"} <= {"taxonomy", "same_name"}
    assert all(0.0 <= r["score"] <= 1.0 for r in proposed if r["score"] is not None)
    assert "industry pairs proposed" in feedback.textLog()
    # Reviewed as is and given back: matching with that table equals matching with the taxonomy itself.
    with_taxonomy, _ = run("matchclustersbelts", match_parameters(clusters, belts, AUTO_RELATE=1,
                                                                   RELATIONS=no_relations))
    with_table, _ = run("matchclustersbelts", match_parameters(clusters, belts, RELATIONS=proposed_layer))
    assert [r["match_class"] for r in table_rows(with_taxonomy["OUTPUT"])] == [
        r["match_class"] for r in table_rows(with_table["OUTPUT"])]


def test_the_report_and_log_say_when_the_table_overrode_the_taxonomy(sample, tmp_path):
    clusters, belts = sample
    html = tmp_path / "report.html"
    _, feedback = run("matchclustersbelts", match_parameters(clusters, belts, AUTO_RELATE=1, OUTPUT_HTML=str(html)))
    assert "overrode the taxonomy on" in feedback.textLog()
    assert "overrode the taxonomy on" in html.read_text(encoding="utf-8")
