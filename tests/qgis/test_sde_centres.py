"""Issue 14: CenterX/CenterY are the centre in the layer's CRS (as ArcGIS reports it); the centre in the
CRS of the statistics is center_x_calc_crs/center_y_calc_crs; axes stay in CALC_CRS units."""
import numpy as np
import pytest
from layer_helpers import features_by_case, memory_points
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsPointXY,
    QgsProject,
)
from test_sde_algorithm import lon_lat_points, run_ellipse

from clusterbelt.core import sde
from clusterbelt.ui.compat import TRANSFORM_REVERSE

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


def _project(points, crs):
    transform = QgsCoordinateTransform(WGS84, crs, QgsProject.instance())
    return [(p.x(), p.y()) for p in (transform.transform(QgsPointXY(x, y)) for x, y in points)]


def test_lon_lat_layer_with_default_crs_reports_the_centre_in_degrees(run_alg):
    points = lon_lat_points()
    out, centres, _ = run_ellipse(run_alg, memory_points(points, crs="EPSG:4326"), OUTPUT_CENTERS="TEMPORARY_OUTPUT")
    feature = features_by_case(out)[None]
    calc_crs = QgsCoordinateReferenceSystem.fromProj(feature["calc_crs"])
    assert calc_crs.isValid() and not calc_crs.isGeographic()
    # independent reference: project by hand, compute with the engine, bring the centre back by hand
    by_hand = sde.standard_deviational_ellipses(*map(np.array, zip(*_project(points, calc_crs)))).iloc[0]
    back = QgsCoordinateTransform(calc_crs, WGS84, QgsProject.instance())
    centre_degrees = back.transform(QgsPointXY(by_hand["CenterX"], by_hand["CenterY"]))
    assert feature["CenterX"] == pytest.approx(centre_degrees.x(), abs=1e-9)
    assert feature["CenterY"] == pytest.approx(centre_degrees.y(), abs=1e-9)
    # degrees near the data (lon about 113, lat about 30), not metres of the hidden projection
    assert 105 < feature["CenterX"] < 121 and 25 < feature["CenterY"] < 35
    assert feature["center_x_calc_crs"] == pytest.approx(by_hand["CenterX"], rel=1e-9, abs=1e-6)
    assert feature["center_y_calc_crs"] == pytest.approx(by_hand["CenterY"], rel=1e-9, abs=1e-6)
    # axes and area stay in metres of CALC_CRS (hundreds of kilometres for a spread of a few degrees)
    assert feature["major_sd"] == pytest.approx(by_hand["major_sd"], rel=1e-9)
    assert 1e5 < feature["major_sd"] < 1e6
    assert feature["area"] == pytest.approx(by_hand["area"], rel=1e-9)
    # the centre point lies at (CenterX, CenterY) and carries the same fields
    centre = features_by_case(centres)[None]
    point = centre["_geometry"].asPoint()
    assert (point.x(), point.y()) == pytest.approx((feature["CenterX"], feature["CenterY"]), abs=1e-12)
    assert centre["center_x_calc_crs"] == feature["center_x_calc_crs"]


def test_projected_layer_reports_the_same_centre_in_both_fields(run_alg):
    points = _project(lon_lat_points(), QgsCoordinateReferenceSystem("EPSG:32649"))
    out, _, _ = run_ellipse(run_alg, memory_points(points, crs="EPSG:32649"))
    feature = features_by_case(out)[None]
    engine = sde.standard_deviational_ellipses(*map(np.array, zip(*points))).iloc[0]
    assert feature["calc_crs"] == "EPSG:32649"
    for reported, expected in (("CenterX", "CenterX"), ("CenterY", "CenterY"),
                               ("center_x_calc_crs", "CenterX"), ("center_y_calc_crs", "CenterY")):
        assert feature[reported] == pytest.approx(engine[expected], rel=1e-14), reported


def test_projected_layer_with_another_calc_crs_reports_the_centre_in_the_layer_crs(run_alg):
    points = _project(lon_lat_points(), QgsCoordinateReferenceSystem("EPSG:3857"))
    out, _, _ = run_ellipse(run_alg, memory_points(points, crs="EPSG:3857"), CALC_CRS="EPSG:32649")
    feature = features_by_case(out)[None]
    utm = QgsCoordinateReferenceSystem("EPSG:32649")
    to_utm = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:3857"), utm, QgsProject.instance())
    in_utm = [(p.x(), p.y()) for p in (to_utm.transform(QgsPointXY(x, y)) for x, y in points)]
    engine = sde.standard_deviational_ellipses(*map(np.array, zip(*in_utm))).iloc[0]
    assert feature["center_x_calc_crs"] == pytest.approx(engine["CenterX"], rel=1e-9)
    back = to_utm.transform(QgsPointXY(engine["CenterX"], engine["CenterY"]), TRANSFORM_REVERSE)
    assert feature["CenterX"] == pytest.approx(back.x(), abs=1e-6)
    assert feature["CenterY"] == pytest.approx(back.y(), abs=1e-6)
    assert feature["major_sd"] == pytest.approx(engine["major_sd"], rel=1e-9)


def test_zero_weight_case_has_null_centres_in_both_crs(run_alg):
    layer = memory_points(lon_lat_points()[:5], crs="EPSG:4326", fields=[("w", "double")], attributes=[[0.0]] * 5)
    feature = features_by_case(run_ellipse(run_alg, layer, WEIGHT_FIELD="w")[0])[None]
    assert feature["status"] == sde.STATUS_ZERO_WEIGHT
    assert feature["CenterX"] is None and feature["center_x_calc_crs"] is None


def test_output_fields_follow_the_schema_and_say_their_units(run_alg):
    from clusterbelt.core import schema

    out = run_ellipse(run_alg, memory_points(lon_lat_points(), crs="EPSG:4326"))[0]
    assert out.fields().names() == list(schema.ELLIPSE.names())
    described = {f.name: f.description for f in schema.ELLIPSE.fields}
    assert "layer's CRS" in described["CenterX"] and "calc_crs" in described["center_x_calc_crs"]
    for name in ("major_sd", "minor_sd", "XStdDist", "YStdDist", "area"):
        assert "calc_crs units" in described[name], name
