"""The distribution tools through Processing: the numbers are the engine's, fields, cases, CRSs and bad input."""
import math
import pathlib
import sys

import numpy as np
import pandas as pd
import pytest
from layer_helpers import as_layer, features_by_case, memory_points
from qgis.core import QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback

from clusterbelt.core import distribution, sde

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
import polygon_overlap  # noqa: E402

#: The polygon clipping the engine used before (1024 vertices) and its stated error on iou.
POLYGON_VERTICES = 1024
POLYGON_ERROR = 1e-6
RNG = np.random.default_rng(42)
POINTS = [(float(x), float(y)) for x, y in zip(RNG.normal(5e5, 1000, 60), RNG.normal(3e6, 400, 60))]
WEIGHTS = [float(w) for w in RNG.integers(0, 5, 60)]
CASES = ["a" if i % 3 else "b" for i in range(60)]


def run(algorithm, layer, **parameters):
    import processing

    context = QgsProcessingContext()
    feedback = QgsProcessingFeedback()
    params = {"INPUT": layer}
    params.update(parameters)
    outputs = [name for name in ("OUTPUT", "OUTPUT_TRAJECTORY", "OUTPUT_SHIFTS") if name not in params]
    for name in outputs:
        params.setdefault(name, "TEMPORARY_OUTPUT")
    results = processing.run(f"clusterbelt:{algorithm}", params, context=context, feedback=feedback)
    return {name: as_layer(results.get(name), context) for name in outputs if results.get(name)}


def sample_layer(crs="EPSG:3857"):
    attributes = [[w, c] for w, c in zip(WEIGHTS, CASES)]
    return memory_points(POINTS, crs=crs, fields=[("w", "double"), ("grp", "string")], attributes=attributes)


def engine_arrays(case):
    rows = [i for i, c in enumerate(CASES) if c == case]
    return (np.array([POINTS[i][0] for i in rows]), np.array([POINTS[i][1] for i in rows]),
            np.array([WEIGHTS[i] for i in rows]), rows)


def test_standard_distance_per_case_matches_the_engine_and_draws_the_circle(clusterbelt_provider):
    out = run("standarddistance", sample_layer(), WEIGHT_FIELD="w", CASE_FIELD="grp", SIZE=2)["OUTPUT"]
    by_case = features_by_case(out, "grp")
    assert set(by_case) == {"a", "b"}
    x, y, w, rows = engine_arrays("b")
    expected = distribution.standard_distance(x, y, w, size=2).iloc[0]
    feature = by_case["b"]
    assert feature["StdDist"] == pytest.approx(expected["StdDist"], rel=1e-12)
    assert feature["CenterX"] == pytest.approx(expected["CenterX"], rel=1e-12)
    assert feature["center_x_calc_crs"] == feature["CenterX"]  # projected layer: calc CRS = layer CRS
    assert feature["n"] == len(rows) and feature["n_skipped"] == 0 and feature["status"] == "ok"
    assert feature["calc_crs"] == "EPSG:3857"
    assert feature["_geometry"].area() == pytest.approx(math.pi * expected["StdDist"] ** 2, rel=1e-3)


def test_standard_distance_of_a_lon_lat_layer_reports_the_centre_in_degrees(clusterbelt_provider):
    lonlat = [(114.0 + 0.01 * i, 22.5 + 0.005 * (i % 7)) for i in range(20)] + [None]
    layer = memory_points(lonlat, crs="EPSG:4326")
    feature = features_by_case(run("standarddistance", layer)["OUTPUT"])[None]
    assert feature["CenterX"] == pytest.approx(np.mean([p[0] for p in lonlat[:-1]]), abs=1e-6)
    assert abs(feature["center_x_calc_crs"]) < 1.0  # the automatic equal-area CRS is centred on the data
    assert 1000 < feature["StdDist"] < 100000 and feature["calc_crs"].startswith("+proj=laea")
    assert feature["n"] == 20 and feature["n_skipped"] == 1


def test_median_center_per_case_meets_the_optimality_condition(clusterbelt_provider):
    out = run("mediancenter", sample_layer(), WEIGHT_FIELD="w", CASE_FIELD="grp")["OUTPUT"]
    assert out.featureCount() == 2
    for case, feature in features_by_case(out, "grp").items():
        x, y, w, rows = engine_arrays(case)
        gx, gy = distribution.distance_sum_gradient(x, y, w, feature["CenterX"], feature["CenterY"])
        assert math.hypot(gx, gy) < 1e-6 * w.sum()
        point = feature["_geometry"].asPoint()
        assert (point.x(), point.y()) == (feature["CenterX"], feature["CenterY"])
        assert feature["iterations"] > 0 and feature["status"] == "ok" and feature["n"] == len(rows)


def test_central_feature_writes_the_chosen_feature_with_its_fields(clusterbelt_provider):
    out = run("centralfeature", sample_layer(), WEIGHT_FIELD="w", CASE_FIELD="grp")["OUTPUT"]
    assert out.fields().names()[:2] == ["w", "grp"]
    by_case = features_by_case(out, "grp")
    for case in ("a", "b"):
        x, y, w, rows = engine_arrays(case)
        sums = [float(np.sum(w * np.hypot(x - x[j], y - y[j]))) for j in range(len(rows))]
        best = int(np.argmin(sums))
        feature = by_case[case]
        point = feature["_geometry"].asPoint()
        assert (point.x(), point.y()) == POINTS[rows[best]]
        assert feature["w"] == WEIGHTS[rows[best]]
        assert feature["sum_distance"] == pytest.approx(sums[best], rel=1e-12)


def test_central_feature_refuses_a_case_too_large(clusterbelt_provider, monkeypatch):
    monkeypatch.setattr(distribution, "CENTRAL_FEATURE_MAX_CASE_SIZE", 10)
    with pytest.raises(QgsProcessingException, match="case a.*up to 10 points"):
        run("centralfeature", sample_layer(), CASE_FIELD="grp")


def test_a_case_field_named_like_an_output_field_is_refused(clusterbelt_provider):
    layer = memory_points(POINTS[:5], fields=[("status", "string")], attributes=[["x"]] * 5)
    with pytest.raises(QgsProcessingException, match="'status'"):
        run("standarddistance", layer, CASE_FIELD="status")


def test_all_tools_are_in_the_spatial_distribution_group(clusterbelt_provider):
    for name in ("standarddistance", "mediancenter", "centralfeature"):
        algorithm = clusterbelt_provider.algorithm(name)
        assert algorithm is not None and algorithm.groupId() == "spatialdistribution"
        names = {parameter.name() for parameter in algorithm.parameterDefinitions()}
        assert {"INPUT", "WEIGHT_FIELD", "CASE_FIELD", "CALC_CRS"} <= names


def test_central_feature_help_states_the_engine_limit(clusterbelt_provider):
    help_text = clusterbelt_provider.algorithm("centralfeature").shortHelpString()
    assert f"more than {distribution.CENTRAL_FEATURE_MAX_CASE_SIZE} points are refused" in help_text


# ----------------------------------------------------------------------------- distribution over time

def periods_layer(periods, crs="EPSG:3857"):
    attributes = [[c, p] for c, p in zip(CASES, periods)]
    return memory_points(POINTS, crs=crs, fields=[("grp", "string"), ("period", "int" if isinstance(periods[0], int)
                                                                        else "string")], attributes=attributes)


YEARS = [[2013, 2015, 2019][i % 3] for i in range(60)]


def test_distribution_over_time_ellipses_are_the_ellipse_of_each_period(clusterbelt_provider):
    outputs = run("distributionovertime", periods_layer(YEARS), TIME_FIELD="period")
    ellipses = outputs["OUTPUT"]
    assert ellipses.featureCount() == 3
    by_period = {f["period"]: f for f in ellipses.getFeatures()}
    for year in (2013, 2015, 2019):
        rows = [i for i, y in enumerate(YEARS) if y == year]
        expected = sde.standard_deviational_ellipses(np.array([POINTS[i][0] for i in rows]),
                                                     np.array([POINTS[i][1] for i in rows])).iloc[0]
        assert by_period[year]["major_sd"] == pytest.approx(expected["major_sd"], rel=1e-12)
        assert by_period[year]["n"] == len(rows)
    shifts = list(outputs["OUTPUT_SHIFTS"].getFeatures())
    assert [(s["period_from"], s["period_to"]) for s in shifts] == [(2013, 2015), (2015, 2019)]
    first = shifts[0]
    dx = by_period[2015]["CenterX"] - by_period[2013]["CenterX"]
    dy = by_period[2015]["CenterY"] - by_period[2013]["CenterY"]
    assert first["shift_distance"] == pytest.approx(math.hypot(dx, dy), rel=1e-9)
    assert first["shift_bearing"] == pytest.approx(math.degrees(math.atan2(dx, dy)) % 360, abs=1e-9)
    assert first["shift_speed"] == pytest.approx(math.hypot(dx, dy) / 2, rel=1e-9)
    assert 0 < first["iou"] < 1
    ellipse_fields = list(polygon_overlap.COLUMNS)
    ends = [pd.DataFrame([[by_period[year][name] for name in ellipse_fields] for year in years], columns=ellipse_fields)
            for years in ((2013, 2015), (2015, 2019))]
    iou, _, _ = polygon_overlap.iou(*ends, vertices=POLYGON_VERTICES)
    assert [s["iou"] for s in shifts] == pytest.approx(list(iou), abs=POLYGON_ERROR)
    line = next(outputs["OUTPUT_TRAJECTORY"].getFeatures())
    vertices = [(p.x(), p.y()) for p in line.geometry().asPolyline()]
    assert vertices == [(by_period[y]["CenterX"], by_period[y]["CenterY"]) for y in (2013, 2015, 2019)]
    assert line["n_periods"] == 3
    assert line["total_shift_distance"] == pytest.approx(sum(s["shift_distance"] for s in shifts))


def test_cumulative_periods_and_identical_data_give_iou_one(clusterbelt_provider):
    # Cumulative with no features in the last period: that period repeats the previous one exactly.
    periods = ["batch 10" if i % 2 else "batch 2" for i in range(60)]
    periods[0] = "batch 11"
    outputs = run("distributionovertime", periods_layer(periods), TIME_FIELD="period", CUMULATIVE=True,
                  CASE_FIELD="grp")
    by_key = {(f["grp"], f["period"]): f for f in outputs["OUTPUT"].getFeatures()}
    # Case "b" holds rows 0, 3, 6...: row 0 is its only "batch 11" feature; "a" has none there.
    assert by_key[("a", "batch 11")]["n"] == by_key[("a", "batch 10")]["n"] == 40
    assert by_key[("a", "batch 2")]["n"] == 20
    shifts = {(f["grp"], f["period_from"], f["period_to"]): f for f in outputs["OUTPUT_SHIFTS"].getFeatures()}
    same = shifts[("a", "batch 10", "batch 11")]
    assert same["iou"] == 1.0 and same["shift_distance"] == 0.0 and same["d_azimuth"] == 0.0
    assert same["shift_speed"] is None or (hasattr(same["shift_speed"], "isNull") and same["shift_speed"].isNull())
    assert 0 < shifts[("b", "batch 10", "batch 11")]["shift_distance"]


class WarningsFeedback(QgsProcessingFeedback):
    """Keeps the warnings and the information messages of a run."""

    def __init__(self):
        super().__init__()
        self.warnings = []
        self.infos = []

    def pushWarning(self, warning):  # noqa: N802
        self.warnings.append(warning)
        super().pushWarning(warning)

    def pushInfo(self, info):  # noqa: N802
        self.infos.append(info)
        super().pushInfo(info)


@pytest.mark.parametrize("cumulative", [False, True])
def test_skipped_features_are_counted_per_case_and_period(clusterbelt_provider, cumulative):
    import processing

    # Every case in every year; rows 0 (case b, 2013), 1 (case a, 2013), 4 and 5 (case a, 2015) lose their
    # geometry; case c has two features, both without geometry, so no ellipse row can count them.
    years = [[2013, 2015, 2019][(i // 3) % 3] for i in range(60)]
    points = [None if i in (0, 1, 4, 5) else p for i, p in enumerate(POINTS)] + [None, None]
    attributes = [[c, y] for c, y in zip(CASES, years)] + [["c", 2013], ["c", 2015]]
    layer = memory_points(points, fields=[("grp", "string"), ("period", "int")], attributes=attributes)
    feedback = WarningsFeedback()
    context = QgsProcessingContext()
    result = processing.run("clusterbelt:distributionovertime", {
        "INPUT": layer, "CASE_FIELD": "grp", "TIME_FIELD": "period", "CUMULATIVE": cumulative,
        "OUTPUT": "TEMPORARY_OUTPUT", "OUTPUT_TRAJECTORY": "TEMPORARY_OUTPUT", "OUTPUT_SHIFTS": "TEMPORARY_OUTPUT",
    }, context=context, feedback=feedback)
    skipped = {(f["grp"], f["period"]): f["n_skipped"] for f in as_layer(result["OUTPUT"], context).getFeatures()}
    per_period = {("a", 2013): 1, ("a", 2015): 2, ("a", 2019): 0, ("b", 2013): 1, ("b", 2015): 0, ("b", 2019): 0}
    if cumulative:
        per_period = {(case, year): sum(count for (c, y), count in per_period.items() if c == case and y <= year)
                      for case, year in per_period}
    assert skipped == per_period
    assert any(warning.startswith("2 skipped features belong to a case and period") for warning in feedback.warnings)


# ----------------------------------------------------------------------------- compare ellipses

def test_compare_ellipses_by_case_matches_the_engine_and_a_layer_with_itself_gives_iou_one(clusterbelt_provider):
    import processing

    context = QgsProcessingContext()
    layer = sample_layer()
    ellipses = as_layer(processing.run("clusterbelt:standarddeviationalellipse", {
        "INPUT": layer, "CASE_FIELD": "grp", "OUTPUT": "TEMPORARY_OUTPUT"}, context=context)["OUTPUT"], context)
    weighted = as_layer(processing.run("clusterbelt:standarddeviationalellipse", {
        "INPUT": layer, "CASE_FIELD": "grp", "WEIGHT_FIELD": "w", "OUTPUT": "TEMPORARY_OUTPUT"},
        context=context)["OUTPUT"], context)
    result = as_layer(processing.run("clusterbelt:compareellipses", {
        "INPUT_A": ellipses, "INPUT_B": weighted, "FIELD_A": "grp", "FIELD_B": "grp", "OUTPUT": "TEMPORARY_OUTPUT"},
        context=context)["OUTPUT"], context)
    rows = {f["grp"]: f for f in result.getFeatures()}
    assert set(rows) == {"a", "b"}
    for case in ("a", "b"):
        x, y, w, _ = engine_arrays(case)
        first = sde.standard_deviational_ellipses(x, y)
        second = sde.standard_deviational_ellipses(x, y, w)
        expected = distribution.compare_ellipses(first, second).iloc[0]
        for name in ("iou", "share_a_in_b", "center_distance", "d_azimuth", "ratio_major", "ratio_minor"):
            assert rows[case][name] == pytest.approx(expected[name], rel=1e-6, abs=1e-6), name
        reference = polygon_overlap.iou(first, second, vertices=POLYGON_VERTICES)
        for name, value in zip(("iou", "share_a_in_b", "share_b_in_a"), reference):
            assert rows[case][name] == pytest.approx(value[0], abs=POLYGON_ERROR), name
    itself = as_layer(processing.run("clusterbelt:compareellipses", {
        "INPUT_A": ellipses, "INPUT_B": ellipses, "OUTPUT": "TEMPORARY_OUTPUT"}, context=context)["OUTPUT"], context)
    pairs = list(itself.getFeatures())
    assert len(pairs) == 4  # all pairs
    same = [f for f in pairs if f["a_fid"] == f["b_fid"]]
    assert [f["iou"] for f in same] == [1.0, 1.0] and all(f["center_distance"] == 0 for f in same)


# ----------------------------------------------------------------------------- bootstrap on the ellipse tool

def test_ellipse_bootstrap_fields_are_the_engine_intervals_and_reproducible(clusterbelt_provider):
    import processing

    def intervals(seed):
        context = QgsProcessingContext()
        out = as_layer(processing.run("clusterbelt:standarddeviationalellipse", {
            "INPUT": sample_layer(), "CASE_FIELD": "grp", "WEIGHT_FIELD": "w", "BOOTSTRAP": 200, "CONFIDENCE": 90,
            "SEED": seed, "OUTPUT": "TEMPORARY_OUTPUT"}, context=context)["OUTPUT"], context)
        return features_by_case(out, "grp")

    first, again = intervals(7), intervals(7)
    names = [f"{name}_{end}" for name in distribution.BOOTSTRAP_STATISTICS for end in ("lo", "hi")]
    for case in ("a", "b"):
        assert [first[case][name] for name in names] == [again[case][name] for name in names]
        assert first[case]["major_sd_lo"] < first[case]["major_sd"] < first[case]["major_sd_hi"]
        assert first[case]["center_x_calc_crs_lo"] < first[case]["center_x_calc_crs"] < first[case][
            "center_x_calc_crs_hi"]
    codes = np.array([0 if c == "b" else 1 for c in CASES])  # cases in order of first appearance
    engine = distribution.bootstrap_ellipses(np.array([p[0] for p in POINTS]), np.array([p[1] for p in POINTS]),
                                             np.array(WEIGHTS), codes, 2, replicates=200, confidence=90, seed=7)
    # Case "b" is the first case of the layer (row 0), "a" the second.
    assert first["b"]["minor_sd_hi"] == pytest.approx(engine.loc[0, "minor_sd_hi"], rel=1e-12)
    assert first["a"]["azimuth_lo"] == pytest.approx(engine.loc[1, "azimuth_lo"], rel=1e-12)
    plain = run("standarddeviationalellipse", sample_layer())["OUTPUT"]
    assert "major_sd_lo" not in plain.fields().names()


def test_date_periods_give_a_speed_per_day(clusterbelt_provider):
    from qgis.PyQt.QtCore import QDate

    days = [QDate(2020, 1, 1), QDate(2020, 1, 11)]
    layer = memory_points(POINTS[:40], fields=[("day", "date")], attributes=[[days[i % 2]] for i in range(40)])
    outputs = run("distributionovertime", layer, TIME_FIELD="day")
    shift = next(outputs["OUTPUT_SHIFTS"].getFeatures())
    assert shift["shift_speed"] == pytest.approx(shift["shift_distance"] / 10, rel=1e-12)
    assert outputs["OUTPUT"].featureCount() == 2


@pytest.mark.parametrize("time_kind", ["int", "string"])
def test_one_read_gives_the_same_outputs_from_a_geopackage_and_a_memory_layer(clusterbelt_provider, tmp_path,
                                                                                time_kind):
    """The layer is read once (in bulk from the file, feature by feature from memory), with NULL times,
    NULL cases and features without geometry; n_skipped per case and period is counted by hand."""
    import processing
    from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter, QgsVectorLayer

    rng = np.random.default_rng(8)
    labels = {2013: "batch 2", 2015: "batch 10", 2019: "batch 11"}
    rows = []
    for i in range(300):
        year = None if rng.random() < 0.08 else [2015, 2013, 2019][int(rng.integers(3))]
        case = None if rng.random() < 0.08 else "abc"[int(rng.integers(3))]
        point = None if rng.random() < 0.1 else POINTS[i % 60]
        rows.append((point, case, year if time_kind == "int" or year is None else labels[year]))
    memory = memory_points([row[0] for row in rows], fields=[("grp", "string"), ("period", time_kind)],
                           attributes=[[row[1], row[2]] for row in rows])
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = "points"
    path = str(tmp_path / "periods.gpkg")
    assert QgsVectorFileWriter.writeAsVectorFormatV3(memory, path, QgsCoordinateTransformContext(), options)[0] == 0
    stored = QgsVectorLayer(f"{path}|layername=points", "periods", "ogr")

    outputs = {}
    for name, layer in (("memory", memory), ("file", stored)):
        feedback, context = WarningsFeedback(), QgsProcessingContext()
        result = processing.run("clusterbelt:distributionovertime", {
            "INPUT": layer, "CASE_FIELD": "grp", "TIME_FIELD": "period", "OUTPUT": "TEMPORARY_OUTPUT",
            "OUTPUT_TRAJECTORY": "TEMPORARY_OUTPUT", "OUTPUT_SHIFTS": "TEMPORARY_OUTPUT"},
            context=context, feedback=feedback)
        reads = [info for info in feedback.infos if info.startswith("Read 300 features")]
        assert len(reads) == 1 and ("in bulk" in reads[0]) == (name == "file"), reads
        assert len(feedback.warnings) == len(set(feedback.warnings))
        outputs[name] = ({key: [(f.attributes(), f.geometry().asWkt(12)) for f in
                                as_layer(result[key], context).getFeatures()]
                          for key in ("OUTPUT", "OUTPUT_TRAJECTORY", "OUTPUT_SHIFTS")}, feedback.warnings)
    assert outputs["memory"] == outputs["file"]

    ellipses, _ = outputs["file"]
    fields = as_layer(result["OUTPUT"], context).fields()

    def value(attributes, name):  # a QGIS NULL (QVariant) as None
        found = attributes[fields.indexOf(name)]
        return None if found is None or (hasattr(found, "isNull") and found.isNull()) else found

    n_skipped = {(value(attributes, "grp"), value(attributes, "period")): value(attributes, "n_skipped")
                 for attributes, _ in ellipses["OUTPUT"]}
    expected = {}
    for point, case, period in rows:
        if period is not None and point is None:
            expected[(case, period)] = expected.get((case, period), 0) + 1
    used = {(case, period) for point, case, period in rows if point is not None and period is not None}
    assert n_skipped == {key: expected.get(key, 0) for key in used}
    assert sum(n_skipped.values()) > 10 and any(key[0] is None for key in n_skipped)
