"""The bulk writer (ui/io/bulk_write.py) through the tools and on its own: written rings are the
engine's rings, block after block and after the transform to the layer's CRS; attribute values
survive the shared-QVariant columns; cancel and refused features."""
import math

import numpy as np
import pandas as pd
import pytest
from layer_helpers import as_layer, memory_points
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsPointXY,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)

from clusterbelt.core import distribution, sde
from clusterbelt.ui.io import bulk_write

RNG = np.random.default_rng(7)
CASES = 7
POINTS = [(float(x), float(y)) for x, y in zip(RNG.normal(5e5, 1000, 140), RNG.normal(3e6, 300, 140))]
CASE_OF_POINT = [i % CASES for i in range(140)]


def run(algorithm, layer, **parameters):
    import processing

    context = QgsProcessingContext()
    params = {"INPUT": layer, "OUTPUT": "TEMPORARY_OUTPUT"}
    params.update(parameters)
    results = processing.run(f"clusterbelt:{algorithm}", params, context=context, feedback=QgsProcessingFeedback())
    return as_layer(results["OUTPUT"], context)


def written_rings(layer, case_field="grp"):
    """{case: (vertices, 2) array} of the output's polygons."""
    rings = {}
    for feature in layer.getFeatures():
        vertices = [(point.x(), point.y()) for point in feature.geometry().vertices()]
        rings[feature[case_field]] = np.array(vertices)
    return rings


def case_arrays(case):
    rows = [i for i, c in enumerate(CASE_OF_POINT) if c == case]
    return np.array([POINTS[i][0] for i in rows]), np.array([POINTS[i][1] for i in rows])


@pytest.fixture
def small_blocks(monkeypatch):
    """Blocks of 3 rows, so that 7 cases take three blocks (the last one short)."""
    monkeypatch.setattr(bulk_write, "FEATURES_PER_BLOCK", 3)


def test_written_ellipses_are_the_engines_rings_in_every_block(clusterbelt_provider, small_blocks):
    layer = memory_points(POINTS, fields=[("grp", "int")], attributes=[[c] for c in CASE_OF_POINT])
    rings = written_rings(run("standarddeviationalellipse", layer, CASE_FIELD="grp", VERTICES=90))
    assert sorted(rings) == list(range(CASES))
    for case in range(CASES):
        x, y = case_arrays(case)  # an independent run of the engine on this case's points alone
        expected = sde.ellipse_rings(sde.standard_deviational_ellipses(x, y), 90)[0]
        assert rings[case].shape == (91, 2)
        np.testing.assert_allclose(rings[case], expected, rtol=1e-12, atol=0)


def test_written_circles_are_the_engines_rings_in_every_block(clusterbelt_provider, small_blocks):
    layer = memory_points(POINTS, fields=[("grp", "int")], attributes=[[c] for c in CASE_OF_POINT])
    rings = written_rings(run("standarddistance", layer, CASE_FIELD="grp", VERTICES=40))
    for case in range(CASES):
        x, y = case_arrays(case)
        row = distribution.standard_distance(x, y)
        circle = row.assign(major_sd=row["StdDist"], minor_sd=row["StdDist"], azimuth=np.nan)
        np.testing.assert_allclose(rings[case], sde.ellipse_rings(circle, 40)[0], rtol=1e-12, atol=0)


def test_rings_drawn_in_another_crs_are_moved_vertex_by_vertex(clusterbelt_provider, small_blocks):
    # A layer in EPSG:3857 and the statistics in UTM 50N: each written vertex is the engine's UTM
    # vertex transformed on its own by QGIS.
    layer = memory_points(POINTS, fields=[("grp", "int")], attributes=[[c] for c in CASE_OF_POINT])
    calc = QgsCoordinateReferenceSystem("EPSG:32650")
    rings = written_rings(run("standarddeviationalellipse", layer, CASE_FIELD="grp", CALC_CRS=calc, VERTICES=24))
    layer_crs = QgsCoordinateReferenceSystem("EPSG:3857")
    to_calc = QgsCoordinateTransform(layer_crs, calc, QgsProject.instance())
    to_layer = QgsCoordinateTransform(calc, layer_crs, QgsProject.instance())
    for case in (0, 4, 6):
        x, y = case_arrays(case)
        moved = [to_calc.transform(QgsPointXY(a, b)) for a, b in zip(x, y)]
        engine = sde.ellipse_rings(sde.standard_deviational_ellipses(
            np.array([p.x() for p in moved]), np.array([p.y() for p in moved])), 24)[0]
        back = np.array([(p.x(), p.y()) for p in (to_layer.transform(QgsPointXY(a, b)) for a, b in engine)])
        np.testing.assert_allclose(rings[case], back, rtol=1e-12, atol=0)


def test_written_ellipses_by_period_are_the_engines_rings_of_each_case_and_period(clusterbelt_provider,
                                                                                 small_blocks):
    # 7 cases x 3 periods, one pair without points (no row): rows and rings stay aligned across blocks.
    periods = [2010 + (i // CASES) % 3 for i in range(len(POINTS))]
    keep = [i for i in range(len(POINTS)) if not (CASE_OF_POINT[i] == 2 and periods[i] == 2011)]
    layer = memory_points([POINTS[i] for i in keep], fields=[("grp", "int"), ("year", "int")],
                          attributes=[[CASE_OF_POINT[i], periods[i]] for i in keep])
    import processing

    context = QgsProcessingContext()
    results = processing.run("clusterbelt:distributionovertime", {
        "INPUT": layer, "CASE_FIELD": "grp", "TIME_FIELD": "year", "VERTICES": 30, "OUTPUT": "TEMPORARY_OUTPUT",
        "OUTPUT_TRAJECTORY": "TEMPORARY_OUTPUT", "OUTPUT_SHIFTS": "TEMPORARY_OUTPUT"},
        context=context, feedback=QgsProcessingFeedback())
    written = {(f["grp"], f["period"]): np.array([(p.x(), p.y()) for p in f.geometry().vertices()])
               for f in as_layer(results["OUTPUT"], context).getFeatures()}
    assert len(written) == CASES * 3 - 1 and (2, 2011) not in written
    for (case, year), ring in written.items():
        rows = [i for i in keep if CASE_OF_POINT[i] == case and periods[i] == year]
        expected = sde.ellipse_rings(sde.standard_deviational_ellipses(
            np.array([POINTS[i][0] for i in rows]), np.array([POINTS[i][1] for i in rows])), 30)[0]
        np.testing.assert_allclose(ring, expected, rtol=1e-12, atol=0)


def memory_sink(fields_spec):
    layer = QgsVectorLayer(f"Polygon?crs=EPSG:3857&{fields_spec}", "out", "memory")
    assert layer.isValid()
    return layer


def test_attribute_values_survive_shared_and_converted_columns(small_blocks):
    rows = 40
    ratio = [0.5, -0.0, 0.0, math.nan, math.inf, 2.5] + [0.5] * (rows - 6)  # few distinct values: shared QVariants
    label = ["ok", None, "too_few_points"] + ["ok"] * (rows - 3)
    table = pd.DataFrame({
        "ratio": ratio,
        "unique": np.arange(rows) / 7.0,  # all distinct: converted cell by cell
        "count": np.arange(rows, dtype=np.int64) % 2,
        "label": label,
        "name": [f"case {i:02d}" for i in range(rows)],
    })
    assert bulk_write._shared_column(table["ratio"].to_numpy()) is not None  # the shared path is the one tested
    assert bulk_write._shared_column(table["unique"].to_numpy()) is None
    layer = memory_sink("field=ratio:double&field=unique:double&field=count:integer&field=label:string"
                        "&field=name:string")
    columns = bulk_write.attribute_columns(table, list(table.columns))
    rings = np.tile(np.array([[0, 0], [1, 0], [1, 1], [0, 0]], float), (rows, 1, 1)) + np.arange(rows)[:, None, None]
    assert bulk_write.write_blocks(layer.dataProvider(), layer.fields(), columns, rows,
                                   lambda block: bulk_write.polygon_wkb(rings[block]))
    features = sorted(layer.getFeatures(), key=lambda feature: feature["name"])
    assert [f["name"] for f in features] == [f"case {i:02d}" for i in range(rows)]

    def plain(value):
        return None if hasattr(value, "isNull") and value.isNull() else value

    written = [plain(f["ratio"]) for f in features]
    assert written[:3] == [0.5, 0.0, 0.0] and math.copysign(1.0, written[1]) == -1.0  # -0.0 kept apart from 0.0
    assert math.copysign(1.0, written[2]) == 1.0
    assert written[3] is None and written[4] is None and written[5:] == ratio[5:]
    assert [f["unique"] for f in features] == list(np.arange(rows) / 7.0)
    assert [f["count"] for f in features] == [i % 2 for i in range(rows)]
    assert [plain(f["label"]) for f in features] == label
    for position, feature in enumerate(features):
        np.testing.assert_array_equal([(p.x(), p.y()) for p in feature.geometry().vertices()], rings[position])


def test_object_columns_of_numpy_scalars_and_missing_values_are_written_as_numbers_and_null(small_blocks):
    rows = 12
    table = pd.DataFrame({
        "code": pd.Series([np.int64(7)] * (rows - 1) + [None], dtype=object),  # few distinct values: shared
        "value": pd.Series([np.float64(i / 3) for i in range(rows - 1)] + [math.nan], dtype=object),
        "name": pd.Series([f"n{i:02d}" for i in range(rows - 1)] + [pd.NA], dtype=object),
    })
    assert bulk_write._shared_column(table["code"].to_numpy()) is not None
    layer = QgsVectorLayer("None?field=code:integer&field=value:double&field=name:string", "out", "memory")
    columns = bulk_write.attribute_columns(table, list(table.columns))
    assert bulk_write.write_blocks(layer.dataProvider(), layer.fields(), columns, rows)
    written = sorted(([None if hasattr(v, "isNull") and v.isNull() else v for v in f.attributes()]
                      for f in layer.getFeatures()), key=lambda row: row[2] or "~")
    assert written[:-1] == [[7, i / 3, f"n{i:02d}"] for i in range(rows - 1)]
    assert written[-1] == [None, None, None]


def test_a_non_finite_ring_is_written_without_geometry():
    rings = np.zeros((3, 4, 2))
    rings[:, 1:3, 0] = 1.0
    rings[1, 2, 1] = math.nan
    blobs = bulk_write.polygon_wkb(rings, drawn=[True, True, False])
    assert blobs[0] is not None and blobs[1] is None and blobs[2] is None
    assert bulk_write.point_wkb(np.array([1.0, math.inf]), np.array([2.0, 3.0]))[1] is None


def test_cancel_stops_between_blocks_and_a_refusing_sink_is_reported(small_blocks):
    layer = memory_sink("field=n:integer")
    columns = [list(range(10))]

    class CancelAfterFirstBlock(QgsProcessingFeedback):
        def setProgress(self, progress):  # noqa: N802 - Qt's name
            super().setProgress(progress)
            self.cancel()

    assert not bulk_write.write_blocks(layer.dataProvider(), layer.fields(), columns, 10, None,
                                       CancelAfterFirstBlock(), 100.0)
    assert layer.featureCount() == 3  # the first block only

    class RefusingSink:
        def addFeatures(self, features, flags):  # noqa: N802 - QGIS's name
            return False

        def lastError(self):  # noqa: N802
            return "disk full"

    with pytest.raises(QgsProcessingException, match="'Ellipses'.*rows 1 to 3.*disk full"):
        bulk_write.write_blocks(RefusingSink(), layer.fields(), columns, 10, None, output="Ellipses")
