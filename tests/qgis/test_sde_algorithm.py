"""The ellipse tool through Processing: conventions, CRS handling, bad input, row accounting."""
import math

import numpy as np
import pytest
from layer_helpers import as_layer, features_by_case, memory_points
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)

from clusterbelt.core import sde

ALG = "standarddeviationalellipse"
EBDON = [(1, 2), (2, 3), (2, 2), (2, 1), (3, 4), (3, 3), (3, 1), (4, 4)]  # Ebdon 1985, via pointpats tests


def run_ellipse(run_alg, layer, **parameters):
    context = QgsProcessingContext()
    feedback = QgsProcessingFeedback()
    import processing

    params = {"INPUT": layer, "OUTPUT": "TEMPORARY_OUTPUT"}
    params.update(parameters)
    results = processing.run(f"clusterbelt:{ALG}", params, context=context, feedback=feedback)
    out = as_layer(results["OUTPUT"], context)
    centres = as_layer(results.get("OUTPUT_CENTERS"), context)
    return out, centres, feedback


def test_unweighted_single_case_matches_engine_and_output_is_in_layer_crs(run_alg):
    layer = memory_points(EBDON, crs="EPSG:3857")
    out, _, _ = run_ellipse(run_alg, layer)
    assert out.crs().authid() == "EPSG:3857"
    feature = features_by_case(out)[None]
    # Ebdon (1985) / pointpats test values: centre (2.5, 2.5), Yuill semi-axes 1.2486, 0.6641, ArcGIS x sqrt(2)
    assert feature["CenterX"] == pytest.approx(2.5, rel=1e-15)
    assert feature["major_sd"] == pytest.approx(math.sqrt(2) * 1.2486060204784164, rel=1e-12)
    assert feature["minor_sd"] == pytest.approx(math.sqrt(2) * 0.6640655130520275, rel=1e-12)
    assert feature["azimuth"] == pytest.approx(31.717474411461005, abs=1e-9)
    assert feature["status"] == "ok" and feature["n"] == 8 and feature["n_skipped"] == 0
    assert feature["calc_crs"] == "EPSG:3857"
    assert feature["method"] == "arcgis" and feature["coverage_expected"] == pytest.approx(63.212055882855765)
    # the polygon really is that ellipse: its area approaches pi*a*b
    assert feature["_geometry"].area() == pytest.approx(feature["area"], rel=1e-3)
    # and its vertices are the engine's ring, bit for bit (WKB assembled in bulk)
    x, y = np.array(EBDON, float).T
    ring = sde.ellipse_rings(sde.standard_deviational_ellipses(x, y), 360)[0]
    vertices = np.array([(point.x(), point.y()) for point in feature["_geometry"].vertices()])
    assert np.array_equal(vertices, ring)


def test_case_field_of_any_type_with_null_as_a_case(run_alg):
    points = EBDON + [(10, 10), (11, 12), (12, 10.5), (13, 13)] + [(0, 5), (1, 7), (2, 5.5)]
    cases = [1] * 8 + [2] * 4 + [None] * 3
    layer = memory_points(points, fields=[("grp", "int")], attributes=[[c] for c in cases])
    out, centres, _ = run_ellipse(run_alg, layer, CASE_FIELD="grp", OUTPUT_CENTERS="TEMPORARY_OUTPUT")
    by_case = features_by_case(out, "grp")
    assert set(by_case) == {1, 2, None}
    assert [by_case[c]["n"] for c in (1, 2, None)] == [8, 4, 3]
    assert by_case[1]["CenterX"] == pytest.approx(2.5)
    assert centres.featureCount() == 3
    for feature in centres.getFeatures():
        case = feature["grp"] if not (hasattr(feature["grp"], "isNull") and feature["grp"].isNull()) else None
        point = feature.geometry().asPoint()
        assert point.x() == pytest.approx(by_case[case]["CenterX"])
        assert point.y() == pytest.approx(by_case[case]["CenterY"])


def test_methods_scale_as_documented(run_alg):
    layer = memory_points(EBDON)
    yuill = features_by_case(run_ellipse(run_alg, layer, METHOD=1)[0])[None]
    arcgis = features_by_case(run_ellipse(run_alg, layer, METHOD=0, SIZE=2)[0])[None]
    crimestat = features_by_case(run_ellipse(run_alg, layer, METHOD=2)[0])[None]
    coverage = features_by_case(run_ellipse(run_alg, layer, METHOD=3, COVERAGE=95)[0])[None]
    assert arcgis["major_sd"] == pytest.approx(2 * math.sqrt(2) * yuill["major_sd"], rel=1e-14)
    assert crimestat["minor_sd"] == pytest.approx(math.sqrt(2) * math.sqrt(8 / 6) * yuill["minor_sd"], rel=1e-14)
    assert coverage["major_sd"] == pytest.approx(2.447746830680816 * yuill["major_sd"], rel=1e-12)
    assert coverage["coverage_expected"] == pytest.approx(95, rel=1e-12)
    assert yuill["coverage_expected"] == pytest.approx(39.346934028736655, rel=1e-12)


def test_weights_negative_count_as_zero_and_null_weights_are_skipped_and_counted(run_alg):
    points = EBDON + [(100, 100), (50, 50)]
    weights = [1, 2, 1, 3, 1, 1, 2, 1, -5, None]
    layer = memory_points(points, fields=[("w", "double")], attributes=[[w] for w in weights])
    out, _, feedback = run_ellipse(run_alg, layer, WEIGHT_FIELD="w")
    feature = features_by_case(out)[None]
    expected = sde.standard_deviational_ellipses(
        np.array([p[0] for p in EBDON], float), np.array([p[1] for p in EBDON], float),
        weights=np.array(weights[:8], float),
    ).iloc[0]
    # the point of weight -5 (counted as 0) is used: n + n_skipped = the 10 features
    assert feature["n"] == 9
    assert feature["n_skipped"] == 1
    assert feature["weight_sum"] == pytest.approx(12)
    assert feature["CenterX"] == pytest.approx(expected["CenterX"], rel=1e-14)
    assert feature["major_sd"] == pytest.approx(expected["major_sd"], rel=1e-14)
    log = feedback.textLog()
    assert "1 features have a negative weight" in log and "NULL or non-numeric weight" in log


def test_null_geometries_are_skipped_and_counted_per_case(run_alg):
    points = EBDON + [None, None]
    layer = memory_points(points, fields=[("grp", "string")], attributes=[["a"]] * 8 + [["a"], ["b"]])
    out, _, feedback = run_ellipse(run_alg, layer, CASE_FIELD="grp")
    by_case = features_by_case(out, "grp")
    assert by_case["a"]["n"] == 8 and by_case["a"]["n_skipped"] == 1
    # a case with no usable feature is still reported, not dropped
    assert by_case["b"]["n"] == 0 and by_case["b"]["n_skipped"] == 1
    assert by_case["b"]["status"] in (sde.STATUS_ZERO_WEIGHT, sde.STATUS_TOO_FEW)
    assert by_case["b"]["_geometry"].isNull()
    assert "no geometry" in feedback.textLog()


def test_polygons_and_multipoints_contribute_their_centroid(run_alg):
    def layer_from_wkt(geometry_type, wkt_for_point):
        layer = QgsVectorLayer(f"{geometry_type}?crs=EPSG:3857", geometry_type, "memory")
        features = []
        for x, y in EBDON:
            feature = QgsFeature()
            feature.setGeometry(QgsGeometry.fromWkt(wkt_for_point(x, y)))
            features.append(feature)
        assert layer.dataProvider().addFeatures(features)
        return layer

    layer = layer_from_wkt(
        "Polygon", lambda x, y: f"POLYGON(({x-1} {y-1},{x+1} {y-1},{x+1} {y+1},{x-1} {y+1},{x-1} {y-1}))"
    )
    multipoints = layer_from_wkt("MultiPoint", lambda x, y: f"MULTIPOINT(({x-2} {y}),({x+2} {y}))")
    reference = features_by_case(run_ellipse(run_alg, memory_points(EBDON))[0])[None]
    for candidate in (layer, multipoints):
        result = features_by_case(run_ellipse(run_alg, candidate)[0])[None]
        for name in ("CenterX", "CenterY", "major_sd", "minor_sd", "azimuth"):
            assert result[name] == pytest.approx(reference[name], rel=1e-12), name


@pytest.mark.parametrize(
    "points, expected_status",
    [
        ([(5, 5)] * 6, sde.STATUS_IDENTICAL),
        ([(0, 0), (1, 1), (2, 2), (3, 3), (4, 4)], sde.STATUS_COLLINEAR),
        ([(0, 0), (3, 4)], sde.STATUS_TOO_FEW),
        ([(0, 0)], sde.STATUS_TOO_FEW),
    ],
)
def test_degenerate_cases_get_a_status_not_a_traceback(run_alg, points, expected_status):
    for method in range(4):
        out, _, _ = run_ellipse(run_alg, memory_points(points), METHOD=method)
        feature = features_by_case(out)[None]
        assert feature["status"] == expected_status, method
        assert feature["n"] == len(points)


def test_all_weights_zero_gives_zero_weight_status(run_alg):
    layer = memory_points(EBDON, fields=[("w", "double")], attributes=[[0.0]] * 8)
    out, _, _ = run_ellipse(run_alg, layer, WEIGHT_FIELD="w")
    feature = features_by_case(out)[None]
    assert feature["status"] == sde.STATUS_ZERO_WEIGHT
    assert feature["_geometry"].isNull()
    assert feature["n"] == 8 and feature["n_skipped"] == 0


def test_weights_that_are_all_null_are_refused_naming_layer_field_and_count(run_alg):
    layer = memory_points(EBDON + [None], fields=[("w", "double")], attributes=[[None]] * 9, name="firms")
    with pytest.raises(QgsProcessingException, match=r"Layer 'firms': the weight field 'w' .* all 8 features"):
        run_ellipse(run_alg, layer, WEIGHT_FIELD="w")


@pytest.mark.parametrize("points, weights, parameters", [
    (EBDON[:3] + [(1e308, 1e308)], None, {}),
    (EBDON, [1e308] * 8, {}),
    (EBDON, None, {"SIZE": 1e308}),
])
def test_numbers_too_large_give_not_finite_and_a_warning_naming_the_case(run_alg, points, weights, parameters):
    fields = [("grp", "string")] + ([("w", "double")] if weights else [])
    attributes = [["big"] + ([w] if weights else []) for w in (weights or [None] * len(points))]
    attributes += [["fine"] + ([1.0] if weights else []) for _ in EBDON]
    layer = memory_points(points + EBDON, crs="EPSG:3857", fields=fields, attributes=attributes)
    if weights:
        parameters = dict(parameters, WEIGHT_FIELD="w")
    out, _, feedback = run_ellipse(run_alg, layer, CASE_FIELD="grp", **parameters)
    by_case = features_by_case(out, "grp")
    big = by_case["big"]
    assert big["status"] == sde.STATUS_NOT_FINITE and big["_geometry"].isNull()
    assert big["n"] == len(points) and big["n_skipped"] == 0
    assert "Case big: status not_finite" in feedback.textLog()
    if "SIZE" not in parameters:
        assert by_case["fine"]["status"] == sde.STATUS_OK and not by_case["fine"]["_geometry"].isNull()


def test_bad_parameters_raise_clear_processing_errors(run_alg):
    layer = memory_points(EBDON, fields=[("label", "string")], attributes=[["x"]] * 8)
    with pytest.raises(QgsProcessingException, match="no field 'nope'"):
        run_ellipse(run_alg, layer, WEIGHT_FIELD="nope")
    with pytest.raises(QgsProcessingException, match="not numeric"):
        run_ellipse(run_alg, layer, WEIGHT_FIELD="label")
    with pytest.raises(QgsProcessingException, match="no field 'missing_case'"):
        run_ellipse(run_alg, layer, CASE_FIELD="missing_case")
    empty = memory_points([])
    with pytest.raises(QgsProcessingException, match="no features"):
        run_ellipse(run_alg, empty)


def lon_lat_points():
    rng = np.random.default_rng(20221212)
    lon = 113 + rng.normal(0, 4, 60)
    lat = 30 + rng.normal(0, 2, 60) + 0.3 * (lon - 113)
    return list(zip(lon, lat))


def test_geographic_default_equals_hand_projection_into_reported_crs(run_alg):
    points = lon_lat_points()
    layer = memory_points(points, crs="EPSG:4326")
    out, _, _ = run_ellipse(run_alg, layer)
    feature = features_by_case(out)[None]
    calc_crs = QgsCoordinateReferenceSystem.fromProj(feature["calc_crs"])
    assert calc_crs.isValid() and not calc_crs.isGeographic()
    transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), calc_crs, QgsProject.instance())
    projected = [transform.transform(QgsPointXY(x, y)) for x, y in points]
    by_hand = sde.standard_deviational_ellipses(
        np.array([p.x() for p in projected]), np.array([p.y() for p in projected])
    ).iloc[0]
    for name in ("major_sd", "minor_sd", "azimuth", "XStdDist", "YStdDist", "Rotation", "pct_inside"):
        assert feature[name] == pytest.approx(by_hand[name], rel=1e-9), name
    assert feature["center_x_calc_crs"] == pytest.approx(by_hand["CenterX"], rel=1e-9)
    assert feature["center_y_calc_crs"] == pytest.approx(by_hand["CenterY"], rel=1e-9)
    # the same run on the projected layer, fed the calc CRS explicitly, agrees too
    projected_layer = memory_points([(p.x(), p.y()) for p in projected], crs=calc_crs.toWkt())
    again = features_by_case(run_ellipse(run_alg, projected_layer)[0])[None]
    assert again["major_sd"] == pytest.approx(feature["major_sd"], rel=1e-9)
    # the output polygon is back in degrees and contains the centre
    assert out.crs().authid() == "EPSG:4326"
    geometry = feature["_geometry"]
    assert geometry.contains(QgsGeometry.fromPointXY(QgsPointXY(feature["CenterX"], feature["CenterY"])))


def test_geographic_crs_chosen_explicitly_computes_in_degrees_like_arcgis(run_alg):
    points = lon_lat_points()
    layer = memory_points(points, crs="EPSG:4326")
    out, _, _ = run_ellipse(run_alg, layer, CALC_CRS="EPSG:4326")
    feature = features_by_case(out)[None]
    raw = sde.standard_deviational_ellipses(np.array([p[0] for p in points]), np.array([p[1] for p in points])).iloc[0]
    assert feature["calc_crs"] == "EPSG:4326"
    assert feature["CenterX"] == pytest.approx(raw["CenterX"], rel=1e-14)
    assert feature["XStdDist"] == pytest.approx(raw["XStdDist"], rel=1e-14)
    assert feature["Rotation"] == pytest.approx(raw["Rotation"], rel=1e-14)


def test_cancelling_stops_the_run(run_alg):
    import processing

    layer = memory_points(lon_lat_points() * 50, crs="EPSG:4326")
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    context = QgsProcessingContext()
    try:
        results = processing.run(
            f"clusterbelt:{ALG}", {"INPUT": layer, "OUTPUT": "TEMPORARY_OUTPUT"}, context=context, feedback=feedback
        )
    except QgsProcessingException:
        return  # cancelled with an error is fine
    assert not results.get("OUTPUT") or as_layer(results["OUTPUT"], context) is None
