"""ui/io/fast_read.py: the bulk (GDAL Arrow) path and the QGIS iterator path read the same arrays.

Each file is written here with OGR from rows whose expected outcome is known by construction
(NULL and empty geometries, NULL weights, NULL case values, where NULL first appears), so each
path is checked against that oracle as well as against the other path.
"""
import math

import numpy as np
import pytest
from layer_helpers import as_layer, features_by_case, memory_points
from osgeo import ogr, osr
from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)

from clusterbelt.core import kernels
from clusterbelt.ui.compat import INVALID_GEOMETRY_NO_CHECK, INVALID_GEOMETRY_SKIP
from clusterbelt.ui.io import fast_read

# Debian 12's GDAL 3.6 (`make test`) takes one branch of the tests that depend on it, the GDAL 3.10+
# of the QGIS 3.40 and 3.44 roots (`make test-matrix`) the other.
GDAL_STREAMS_BOOLEANS_AND_DATES_RIGHT = fast_read._gdal_streams_booleans_and_dates_right()

CASE_FIELDS = {  # name -> (OGR type, subtype, values drawn per row)
    "case_int": (ogr.OFTInteger, ogr.OFSTNone, [3, 1, 4, 1, 5, 9, 2, 6]),
    "case_str": (ogr.OFTString, ogr.OFSTNone, ["a", "é", "", "北京", "b c", "a "]),
    "case_real": (ogr.OFTReal, ogr.OFSTNone, [0.5, 1.25, -2.0, 1e300]),
    "case_bool": (ogr.OFTInteger, ogr.OFSTBoolean, [True, False]),
    "case_int64": (ogr.OFTInteger64, ogr.OFSTNone, [2**40 + 1, -(2**35), 7]),
}


def messy_rows(n_rows=400, seed=5):
    """Rows (geometry, attributes): geometry None (NULL), "EMPTY" or (x, y); attributes may be None.

    Row 0 has a NULL string case (NULL first), the integer case's first NULL comes later, and
    some weights are NULL, zero or negative.
    """
    rng = np.random.default_rng(seed)
    rows = []
    for _ in range(n_rows):
        draw = rng.random()
        geometry = None if draw < 0.04 else "EMPTY" if draw < 0.07 else (
            float(rng.normal(500_000, 3_000)), float(rng.normal(4_000_000, 1_500)))
        weight_draw = rng.random()
        weight = None if weight_draw < 0.06 else 0.0 if weight_draw < 0.08 else -1.5 if weight_draw < 0.09 \
            else float(rng.uniform(0.1, 20))
        attributes = {"weight": weight}
        for name, (_, _, values) in CASE_FIELDS.items():
            attributes[name] = None if rng.random() < 0.07 else values[int(rng.integers(len(values)))]
        rows.append((geometry, attributes))
    rows[0][1]["case_str"] = None
    rows[0][1]["case_int"] = 3
    rows[1][1]["case_int"] = None
    return rows


def write_layer(path, rows, driver="GPKG", geometry_type=ogr.wkbPoint, fields=CASE_FIELDS, epsg=32650, options=()):
    """Write rows with OGR (not QGIS), so the bulk path reads what another program wrote."""
    ogr_driver = ogr.GetDriverByName(driver)
    dataset = ogr_driver.CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    layer = dataset.CreateLayer("points", srs, geometry_type, options=list(options))
    layer.CreateField(ogr.FieldDefn("weight", ogr.OFTReal))
    for name, (kind, subtype, _) in fields.items():
        definition = ogr.FieldDefn(name, kind)
        definition.SetSubType(subtype)
        layer.CreateField(definition)
    for geometry, attributes in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        for name, value in attributes.items():
            if value is not None and (name == "weight" or name in fields):
                feature.SetField(name, int(value) if isinstance(value, bool) else value)
        if geometry == "EMPTY":
            feature.SetGeometry(ogr.CreateGeometryFromWkt("POINT EMPTY"))
        elif isinstance(geometry, str):
            feature.SetGeometry(ogr.CreateGeometryFromWkt(geometry))
        elif geometry is not None:
            point = ogr.Geometry(geometry_type)
            if geometry_type == ogr.wkbPoint25D:
                point.AddPoint(geometry[0], geometry[1], 12.5)
            else:
                point.AddPoint_2D(geometry[0], geometry[1])
            feature.SetGeometry(point)
        layer.CreateFeature(feature)
    # GDAL 3.6 objects do not keep their dataset alive: release children first.
    feature = layer = None
    dataset = None
    layer = QgsVectorLayer(f"{path}|layername=points" if driver == "GPKG" else str(path), "points", "ogr")
    assert layer.isValid()
    return layer


def expected_columns(rows, weight, case):
    """The documented conventions, applied row by row in plain Python: the oracle."""
    codes, values, skipped = {}, [], []
    xs, ys, ws, case_codes = [], [], [], []
    no_geometry = null_weight = 0
    for geometry, attributes in rows:
        value = attributes[case] if case else None
        if value not in codes:
            codes[value] = len(values)
            values.append(value)
            skipped.append(0)
        code = codes[value]
        if not isinstance(geometry, tuple):
            no_geometry += 1
            skipped[code] += 1
            continue
        if weight:
            if attributes[weight] is None:
                null_weight += 1
                skipped[code] += 1
                continue
            ws.append(attributes[weight])
        xs.append(geometry[0])
        ys.append(geometry[1])
        case_codes.append(code)
    return xs, ys, (ws if weight else None), case_codes, values, skipped, no_geometry, null_weight


def read(layer, weight, case, bulk, source=None, definition=None, context=None, feedback=None, moments=False,
         period=None):
    fields = layer.fields()
    fast_read.BULK_READ_ENABLED = bulk
    try:
        return fast_read.read_point_columns(
            source if source is not None else layer,
            fields.lookupField(weight) if weight else -1,
            fields.lookupField(case) if case else -1,
            feedback, layer=layer, source_definition=definition, context=context, moments=moments,
            period_index=fields.lookupField(period) if period else -1,
        )
    finally:
        fast_read.BULK_READ_ENABLED = True


def assert_same_columns(a, b):
    np.testing.assert_array_equal(a.x, b.x)
    np.testing.assert_array_equal(a.y, b.y)
    if a.weights is None:
        assert b.weights is None
    else:
        np.testing.assert_array_equal(a.weights, b.weights)
    np.testing.assert_array_equal(a.case_codes, b.case_codes)
    assert a.case_values == b.case_values
    assert [type(value) for value in a.case_values] == [type(value) for value in b.case_values]
    np.testing.assert_array_equal(a.skipped_per_case, b.skipped_per_case)
    assert (a.no_geometry, a.null_weight, a.features_read) == (b.no_geometry, b.null_weight, b.features_read)


def assert_matches_oracle(columns, rows, weight, case):
    xs, ys, ws, codes, values, skipped, no_geometry, null_weight = expected_columns(rows, weight, case)
    np.testing.assert_array_equal(columns.x, xs)
    np.testing.assert_array_equal(columns.y, ys)
    if weight:
        np.testing.assert_array_equal(columns.weights, ws)
    np.testing.assert_array_equal(columns.case_codes, codes)
    assert columns.case_values == values
    assert [type(value) for value in columns.case_values] == [type(value) for value in values]
    assert columns.skipped_per_case.tolist() == skipped
    assert (columns.no_geometry, columns.null_weight) == (no_geometry, null_weight)
    assert columns.features_read == len(rows)


@pytest.fixture
def small_batches(monkeypatch):
    """Batches and blocks far smaller than the layer, so cases and NULLs straddle boundaries."""
    monkeypatch.setattr(fast_read, "BULK_BATCH_SIZE", 37)
    monkeypatch.setattr(fast_read, "_FIRST_BLOCK", 5)
    monkeypatch.setattr(fast_read, "_MAX_BLOCK", 23)


@pytest.fixture(params=["compiled", "numpy"])
def kernel_path(request, monkeypatch):
    """The test runs twice: with the compiled decoding and case lookup (core/kernels.py) and with
    numpy's, which is all a machine without numba has."""
    monkeypatch.setenv(kernels.DISABLE_VARIABLE, "" if request.param == "compiled" else "1")
    if request.param == "compiled":
        assert kernels.load()["state"] == "compiled"
    return request.param


@pytest.fixture(scope="module")
def messy_file(tmp_path_factory):
    rows = messy_rows()
    path = tmp_path_factory.mktemp("fast_read") / "messy.gpkg"
    write_layer(path, rows)
    return path, rows


def open_messy(messy_file):
    """The messy layer and its rows. Each test opens its own layer: a layer handed out by a
    fixture is destroyed during pytest's teardown, which crashes QGIS 3.22."""
    path, rows = messy_file
    return QgsVectorLayer(f"{path}|layername=points", "messy", "ogr"), rows


@pytest.mark.parametrize("case", [None, *CASE_FIELDS])
@pytest.mark.parametrize("weight", [None, "weight"])
def test_bulk_and_iterator_read_the_same_arrays_from_a_geopackage(messy_file, small_batches, kernel_path, weight,
                                                                  case):
    layer, rows = open_messy(messy_file)
    bulk = read(layer, weight, case, bulk=True)
    iterated = read(layer, weight, case, bulk=False)
    if case == "case_bool" and not GDAL_STREAMS_BOOLEANS_AND_DATES_RIGHT:  # GDAL 3.6 streams wrong booleans
        assert bulk.path == "iterator" and "Boolean" in bulk.fallback_reason
    else:
        assert (bulk.path, iterated.path) == ("bulk", "iterator")
    assert_same_columns(bulk, iterated)
    assert_matches_oracle(bulk, rows, weight, case)


def assert_second_field_is_its_own_read(both, of_case, of_period):
    """``both`` (cases and periods numbered in one pass) holds what two single-field reads give."""
    assert_same_columns(both, of_case)
    np.testing.assert_array_equal(both.skipped_codes, of_case.skipped_codes)
    np.testing.assert_array_equal(both.period_codes, of_period.case_codes)
    assert both.period_values == of_period.case_values
    assert [type(value) for value in both.period_values] == [type(value) for value in of_period.case_values]
    np.testing.assert_array_equal(both.skipped_period_codes, of_period.skipped_codes)
    assert len(both.skipped_codes) == len(both.skipped_period_codes) == both.no_geometry + both.null_weight


@pytest.mark.parametrize("period", ["case_int", "case_str", "case_real", "case_int64"])
@pytest.mark.parametrize("case", [None, "case_str", "case_int"])
@pytest.mark.parametrize("weight", [None, "weight"])
@pytest.mark.parametrize("bulk", [True, False])
def test_a_period_field_numbered_in_the_same_pass_is_that_fields_own_reading(messy_file, small_batches, bulk,
                                                                            weight, case, period):
    layer, rows = open_messy(messy_file)
    both = read(layer, weight, case, bulk, period=period)
    assert both.path == ("bulk" if bulk else "iterator")
    assert_second_field_is_its_own_read(both, read(layer, weight, case, bulk), read(layer, weight, period, bulk))
    _, _, _, codes, values, _, _, _ = expected_columns(rows, weight, period)  # the oracle, as a case field
    np.testing.assert_array_equal(both.period_codes, codes)
    assert both.period_values == values
    assert read(layer, weight, case, not bulk, period=period).period_values == values  # the other path


def test_a_boolean_period_field_is_read_in_bulk_where_gdal_streams_booleans_right(messy_file):
    layer, _ = open_messy(messy_file)
    both = read(layer, "weight", "case_int", True, period="case_bool")
    if GDAL_STREAMS_BOOLEANS_AND_DATES_RIGHT:
        assert both.path == "bulk", both.fallback_reason
        assert {type(value) for value in both.period_values} == {bool, type(None)}
    else:  # and then the whole read goes to the iterator
        assert both.path == "iterator" and "Boolean" in both.fallback_reason
    assert_second_field_is_its_own_read(both, read(layer, "weight", "case_int", False),
                                        read(layer, "weight", "case_bool", False))


def test_date_periods_of_a_memory_layer_are_numbered_as_their_own_reading(small_batches):
    from qgis.PyQt.QtCore import QDate, QDateTime, QTime

    rng = np.random.default_rng(11)
    days = [QDate(2020, 3, 1), QDate(2019, 12, 31), QDate(2021, 7, 4)]
    features = []
    for i in range(150):
        point = None if rng.random() < 0.1 else (float(rng.normal(0, 10)), float(rng.normal(0, 10)))
        day = None if rng.random() < 0.1 else days[int(rng.integers(3))]
        stamp = None if day is None else QDateTime(day, QTime(int(rng.integers(2)), 0))
        weight = None if rng.random() < 0.05 else float(rng.uniform(1, 2))
        features.append((point, [weight, None if i % 7 == 0 else "ab"[i % 2], day, stamp]))
    layer = memory_points([point for point, _ in features],
                          fields=[("weight", "double"), ("grp", "string"), ("day", "date"), ("stamp", "datetime")],
                          attributes=[attributes for _, attributes in features])
    for period in ("day", "stamp"):
        both = read(layer, "weight", "grp", False, period=period)
        assert_second_field_is_its_own_read(both, read(layer, "weight", "grp", False),
                                            read(layer, "weight", period, False))
        dated = [value for value in both.period_values if value is not None]
        assert None in both.period_values and len(dated) > 2
        assert {type(value).__name__ for value in dated} == {"QDate" if period == "day" else "QDateTime"}


DATE_FIELDS = {  # dates before and after 1970 (negative and positive Arrow day numbers), a leap day
    "day": (ogr.OFTDate, ogr.OFSTNone, ["2019-03-01", "1965-12-31", "2020-02-29", "1970-01-02", "2019-03-02"]),
    "stamp": (ogr.OFTDateTime, ogr.OFSTNone, ["2019-03-01T10:00:00Z", "2020-02-29T23:59:59"]),
}


def dated_rows(n_rows=300, seed=17):
    """Messy rows (NULL and empty geometries, NULL weights) with a date, a date-time and a text field."""
    rng = np.random.default_rng(seed)
    rows = messy_rows(n_rows, seed)
    for _, attributes in rows:
        for name, (_, _, values) in DATE_FIELDS.items():
            attributes[name] = None if rng.random() < 0.08 else values[int(rng.integers(len(values)))]
    rows[0][1]["day"] = None  # NULL first: its code comes before every date
    return rows


@pytest.mark.parametrize("driver, suffix, options", [
    ("GPKG", "gpkg", []), ("ESRI Shapefile", "shp", ["ENCODING=UTF-8"]), ("FlatGeobuf", "fgb", ["SPATIAL_INDEX=NO"]),
    ("GeoJSON", "geojson", []),
])
def test_date_fields_are_read_in_bulk_from_geopackages_as_the_qdates_qgis_gives(tmp_path, small_batches, driver,
                                                                                suffix, options):
    from qgis.PyQt.QtCore import QDate

    rows = dated_rows()
    if driver != "GPKG":  # a shapefile has no empty points; FlatGeobuf drops features without geometry
        rows = [((0.5, 0.25) if driver == "FlatGeobuf" and not isinstance(g, tuple) else
                 None if g == "EMPTY" else g, a) for g, a in rows]
        for _, attributes in rows:  # a shapefile keeps 15 decimals of a real
            if attributes["weight"] is not None:
                attributes["weight"] = round(attributes["weight"], 3)
    fields = {"case_str": CASE_FIELDS["case_str"], "day": DATE_FIELDS["day"]}
    layer = write_layer(tmp_path / f"dated.{suffix}", rows, driver=driver, fields=fields, options=options)
    is_date = layer.fields().field("day").typeName() == "Date"  # FlatGeobuf's dates come to QGIS as DateTime
    assert is_date or driver == "FlatGeobuf"
    # The day as a case field, and as the period beside another case field, on both paths.
    bulk = read(layer, "weight", "day", bulk=True)
    both = read(layer, "weight", "case_str", True, period="day")
    if is_date and (driver == "GPKG" or GDAL_STREAMS_BOOLEANS_AND_DATES_RIGHT):
        assert (bulk.path, both.path) == ("bulk", "bulk"), (bulk.fallback_reason, both.fallback_reason)
    else:  # GDAL 3.6 streams these formats' dates before 1970 a day late
        assert bulk.path == both.path == "iterator"
        assert bulk.fallback_reason == both.fallback_reason
        assert ("GeoPackages only" if is_date else "DateTime") in bulk.fallback_reason
    assert_same_columns(bulk, read(layer, "weight", "day", bulk=False))
    if is_date:
        days = {None: None, **{text: QDate.fromString(text, "yyyy-MM-dd") for text in DATE_FIELDS["day"][2]}}
        assert_matches_oracle(bulk, [(g, {**a, "day": days[a["day"]]}) for g, a in rows], "weight", "day")
        assert {type(value).__name__ for value in bulk.case_values if value is not None} == {"QDate"}
    assert_second_field_is_its_own_read(both, read(layer, "weight", "case_str", False),
                                        read(layer, "weight", "day", False))


@pytest.mark.parametrize("stored", ["1970-01-01", "2019-13-45", "not a date", ""])
def test_dates_gdal_streams_as_day_zero_are_left_to_the_iterator(tmp_path, small_batches, stored):
    """GDAL streams a GeoPackage date it cannot read (QGIS: NULL) as 1970-01-01, so that day is not trusted."""
    rows = dated_rows(120)
    path = tmp_path / "odd_dates.gpkg"
    write_layer(path, rows, fields={"day": DATE_FIELDS["day"]})
    dataset = ogr.Open(str(path), 1)
    dataset.ExecuteSQL(f"UPDATE points SET day = '{stored}' WHERE fid = 90")  # in the third batch of 37
    dataset = None
    layer = QgsVectorLayer(f"{path}|layername=points", "odd", "ogr")
    bulk = read(layer, "weight", "day", bulk=True)
    if stored == "1970-01-01" or bulk.path != "bulk":  # a GDAL that streams unparseable dates as NULL may read them
        assert bulk.path == "iterator" and "1970-01-01" in bulk.fallback_reason
    iterated = read(layer, "weight", "day", bulk=False)
    assert_same_columns(bulk, iterated)
    assert (stored == "1970-01-01") == any(value is not None and value.toString("yyyy-MM-dd") == "1970-01-01"
                                           for value in iterated.case_values)


def test_date_time_fields_are_left_to_the_iterator(tmp_path):
    rows = dated_rows(60)
    layer = write_layer(tmp_path / "stamped.gpkg", rows, fields={"stamp": DATE_FIELDS["stamp"]})
    bulk = read(layer, "weight", None, True, period="stamp")
    assert bulk.path == "iterator" and "stamp" in bulk.fallback_reason
    assert_second_field_is_its_own_read(bulk, read(layer, "weight", None, False),
                                        read(layer, "weight", "stamp", False))


def run_on_the_file_and_a_memory_copy(layer, algorithm, parameters):
    """{"bulk": (results, context), "iterator": ...}: the tool run on the file (read in bulk) and on
    a memory copy of it (read feature by feature)."""
    import processing

    runs = {}
    for label, candidate in (("bulk", layer), ("iterator", layer.materialize(QgsFeatureRequest()))):
        context = QgsProcessingContext()
        feedback = QgsProcessingFeedback()
        results = processing.run(algorithm, {"INPUT": candidate, **parameters}, context=context, feedback=feedback)
        assert ("in bulk" in feedback.textLog()) == (label == "bulk"), feedback.textLog()
        runs[label] = (results, context)
    return runs


def test_distribution_over_time_by_date_reads_in_bulk_and_gives_the_iterators_outputs(tmp_path, run_alg):
    layer = write_layer(tmp_path / "dated.gpkg", dated_rows(400, seed=23),
                        fields={"case_int": CASE_FIELDS["case_int"], "day": DATE_FIELDS["day"]})
    outputs_of = ("OUTPUT", "OUTPUT_TRAJECTORY", "OUTPUT_SHIFTS")
    runs = run_on_the_file_and_a_memory_copy(
        layer, "clusterbelt:distributionovertime",
        {"WEIGHT_FIELD": "weight", "CASE_FIELD": "case_int", "TIME_FIELD": "day",
         **{key: "TEMPORARY_OUTPUT" for key in outputs_of}})
    outputs = {
        label: {key: [[(name, feature[name]) for name in feature.fields().names()]
                      for feature in as_layer(results[key], context).getFeatures()] for key in outputs_of}
        for label, (results, context) in runs.items()
    }
    assert outputs["bulk"] == outputs["iterator"]
    periods = {dict(row)["period"] for row in outputs["bulk"]["OUTPUT"]}
    assert len(periods) == len(DATE_FIELDS["day"][2])
    assert {type(period).__name__ for period in periods} == {"QDate"}
    speeds = [dict(row)["shift_speed"] for row in outputs["bulk"]["OUTPUT_SHIFTS"]]
    assert any(isinstance(speed, float) and speed > 0 for speed in speeds)  # per day, from QDate periods


def test_the_data_exercise_what_they_should(messy_file):
    _, rows = messy_file
    *_, values, skipped, no_geometry, null_weight = expected_columns(rows, "weight", "case_int")
    assert no_geometry > 5 and null_weight > 5 and None in values and values[0] is not None
    assert expected_columns(rows, None, "case_str")[4][0] is None  # NULL is the first case there


def test_default_batch_sizes_agree_too(messy_file):
    layer, rows = open_messy(messy_file)
    bulk = read(layer, "weight", "case_str", bulk=True)
    assert bulk.path == "bulk"
    assert_same_columns(bulk, read(layer, "weight", "case_str", bulk=False))


def test_point_z_layers_are_read_in_bulk(tmp_path, small_batches, kernel_path):
    rows = messy_rows(120, seed=9)
    layer = write_layer(tmp_path / "z.gpkg", rows, geometry_type=ogr.wkbPoint25D)
    bulk = read(layer, "weight", "case_int", bulk=True)
    assert bulk.path == "bulk", bulk.fallback_reason
    assert_same_columns(bulk, read(layer, "weight", "case_int", bulk=False))
    assert_matches_oracle(bulk, rows, "weight", "case_int")


@pytest.mark.parametrize("driver, suffix, options", [
    ("ESRI Shapefile", "shp", ["ENCODING=UTF-8"]), ("FlatGeobuf", "fgb", ["SPATIAL_INDEX=NO"]), ("GeoJSON", "geojson", []),
])
def test_other_file_formats_agree(tmp_path, small_batches, driver, suffix, options):
    fields = {name: CASE_FIELDS[name] for name in ("case_int", "case_str", "case_real")}
    # A shapefile has no empty points, keeps 15 decimals of a real, strips trailing blanks and
    # reads an empty text as NULL.
    rows = [(None if geometry == "EMPTY" else geometry, attributes) for geometry, attributes in messy_rows(150, seed=3)]
    if driver == "FlatGeobuf":  # which drops features without geometry when writing
        rows = [(geometry or (0.5, 0.25), attributes) for geometry, attributes in rows]
    for _, attributes in rows:
        attributes["case_str"] = {"": "z", "a ": "a2"}.get(attributes["case_str"], attributes["case_str"])
        if attributes["case_real"] == 1e300:
            attributes["case_real"] = 3.75
        if attributes["weight"] is not None:
            attributes["weight"] = round(attributes["weight"], 3)
    layer = write_layer(tmp_path / f"points.{suffix}", rows, driver=driver, fields=fields, options=options)
    for case in fields:
        bulk = read(layer, "weight", case, bulk=True)
        assert bulk.path == "bulk", bulk.fallback_reason
        assert_same_columns(bulk, read(layer, "weight", case, bulk=False))
        assert_matches_oracle(bulk, rows, "weight", case)


def test_text_in_a_legacy_encoding_is_left_to_qgis(tmp_path):
    """A shapefile without a .cpg: QGIS decodes its text as Latin-1, so the bulk path declines."""
    rows = [((float(i), float(i % 7)), {"weight": 1.0, "case_str": "é" if i % 2 else "a"}) for i in range(30)]
    layer = write_layer(tmp_path / "legacy.shp", rows, driver="ESRI Shapefile",
                        fields={"case_str": CASE_FIELDS["case_str"]})
    bulk = read(layer, "weight", "case_str", bulk=True)
    assert bulk.path == "iterator" and "UTF-8" in bulk.fallback_reason
    assert read(layer, "weight", None, bulk=True).path == "bulk"  # numbers are not affected


def test_polygons_and_multipoints_fall_back_to_centroids(tmp_path, small_batches):
    rng = np.random.default_rng(2)
    corners = [(float(rng.uniform(0, 1000)), float(rng.uniform(0, 1000))) if row % 9 else None for row in range(60)]
    attributes = [{"weight": float(row % 5) if row % 7 else None, "case_int": row % 4} for row in range(60)]
    shapes = {
        ogr.wkbMultiPolygon: lambda x, y: f"MULTIPOLYGON ((({x} {y},{x + 4} {y},{x + 4} {y + 2},{x} {y + 2},{x} {y})))",
        ogr.wkbMultiPoint: lambda x, y: f"MULTIPOINT (({x} {y}),({x + 4} {y}),({x + 4} {y + 3}))",
    }
    for geometry_type, shape in shapes.items():
        rows = [(None if corner is None else shape(*corner), row_attributes)
                for corner, row_attributes in zip(corners, attributes)]
        layer = write_layer(tmp_path / f"shapes{geometry_type}.gpkg", rows, geometry_type=geometry_type,
                            fields={"case_int": CASE_FIELDS["case_int"]})
        columns = read(layer, "weight", "case_int", bulk=True)
        assert columns.path == "iterator" and "not single points" in columns.fallback_reason
        kept = [QgsGeometry.fromWkt(wkt).centroid().asPoint() for wkt, row_attributes in rows
                if wkt is not None and row_attributes["weight"] is not None]
        assert len(kept) > 30
        np.testing.assert_allclose(columns.x, [point.x() for point in kept], rtol=0, atol=1e-9)
        np.testing.assert_allclose(columns.y, [point.y() for point in kept], rtol=0, atol=1e-9)
        assert columns.no_geometry == sum(wkt is None for wkt, _ in rows) > 0


def test_filters_selections_edits_and_other_providers_fall_back(messy_file):
    layer, rows = open_messy(messy_file)
    case_index = layer.fields().lookupField("case_int")
    weight_index = layer.fields().lookupField("weight")

    def obstacle(candidate=layer, definition=None, case=case_index):
        return fast_read.bulk_read_obstacle(candidate, candidate, weight_index, case, definition)

    assert obstacle() is None
    memory = layer.materialize(QgsFeatureRequest())
    assert "memory" in obstacle(memory)
    selection = QgsProcessingFeatureSourceDefinition(layer.id(), True)
    assert "selected" in obstacle(definition=selection)
    limited = QgsProcessingFeatureSourceDefinition(layer.id(), False, 10)
    assert "limit" in obstacle(definition=limited)

    layer.setSubsetString('"case_int" = 3')
    try:
        assert "subset" in obstacle()
        columns = read(layer, "weight", "case_int", bulk=True)
        assert columns.path == "iterator"
        assert columns.case_values == [3]
    finally:
        layer.setSubsetString("")

    virtual = layer.clone()
    from clusterbelt.ui.compat import make_field

    virtual.addExpressionField('"case_int" * 2', make_field("doubled", "int"))
    assert "joined or computed" in fast_read.bulk_read_obstacle(
        virtual, virtual, weight_index, virtual.fields().lookupField("doubled"))

    edited = layer.clone()
    assert edited.startEditing()
    feature = QgsFeature(edited.fields())
    feature.setAttributes([None] * edited.fields().count())
    feature["case_int"] = 12345
    feature["weight"] = 1.0
    feature.setGeometry(QgsGeometry.fromWkt("POINT (500000 4000000)"))
    assert edited.addFeature(feature)
    try:
        assert "unsaved edits" in obstacle(edited)
        columns = read(edited, "weight", "case_int", bulk=True)
        assert columns.path == "iterator" and 12345 in columns.case_values
        assert columns.features_read == len(rows) + 1
    finally:
        edited.rollBack()


def test_selected_features_only_are_read_one_by_one(messy_file, run_alg):
    import processing

    messy_layer, rows = open_messy(messy_file)
    # A layer of the project's own (the project deletes it), selected through Processing.
    layer = QgsVectorLayer(messy_layer.source(), "selection", "ogr")
    QgsProject.instance().addMapLayer(layer, False)
    layer.selectByIds([feature.id() for feature in layer.getFeatures() if feature.id() % 3 == 0])
    try:
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        feedback = QgsProcessingFeedback()
        results = processing.run(
            "clusterbelt:standarddeviationalellipse",
            {"INPUT": QgsProcessingFeatureSourceDefinition(layer.id(), True), "CASE_FIELD": "case_int",
             "OUTPUT": "TEMPORARY_OUTPUT"},
            context=context, feedback=feedback,
        )
        assert "only the selected features" in feedback.textLog()
        out = features_by_case(as_layer(results["OUTPUT"], context), "case_int")
        assert sum(row["n"] + row["n_skipped"] for row in out.values()) == layer.selectedFeatureCount() < len(rows)
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


class RecordingFeedback(QgsProcessingFeedback):
    """Records progress; cancels once progress passes ``cancel_at`` percent."""

    def __init__(self, cancel_at=None):
        super().__init__()
        self.values = []
        self.cancel_at = cancel_at

    def setProgress(self, value):  # noqa: N802
        self.values.append(value)
        super().setProgress(value)
        if self.cancel_at is not None and value >= self.cancel_at:
            self.cancel()


@pytest.mark.parametrize("bulk", [True, False])
def test_progress_rises_to_the_share_and_cancel_stops_reading(messy_file, small_batches, bulk):
    layer, _ = open_messy(messy_file)
    feedback = RecordingFeedback()
    columns = read(layer, "weight", "case_int", bulk=bulk, feedback=feedback)
    assert columns is not None and columns.path == ("bulk" if bulk else "iterator")
    assert len(feedback.values) > 5
    assert feedback.values == sorted(feedback.values)
    assert feedback.values[-1] == pytest.approx(60.0)

    canceling = RecordingFeedback(cancel_at=20.0)
    assert read(layer, "weight", "case_int", bulk=bulk, feedback=canceling) is None
    assert max(canceling.values) < 40.0  # stopped soon after the cancel, not at the end


def test_the_tool_gives_identical_ellipses_from_the_file_and_from_a_memory_copy(messy_file, run_alg):
    layer, _ = open_messy(messy_file)
    runs = run_on_the_file_and_a_memory_copy(
        layer, "clusterbelt:standarddeviationalellipse",
        {"WEIGHT_FIELD": "weight", "CASE_FIELD": "case_str", "OUTPUT": "TEMPORARY_OUTPUT"})
    outputs = {label: features_by_case(as_layer(results["OUTPUT"], context), "case_str")
               for label, (results, context) in runs.items()}
    assert list(outputs["bulk"]) == list(outputs["iterator"])
    assert None in outputs["bulk"]
    for case, expected in outputs["iterator"].items():
        got = outputs["bulk"][case]
        for name, value in expected.items():
            if name == "_geometry":
                assert got[name].equals(value) or (got[name].isNull() and value.isNull())
            elif isinstance(value, float) and math.isnan(value):
                assert math.isnan(got[name])
            else:
                assert got[name] == value, (case, name)


def test_a_gdal_failure_falls_back_to_the_iterator(messy_file, monkeypatch):
    layer, rows = open_messy(messy_file)

    def failing_open(_layer):
        raise RuntimeError("simulated GDAL error")  # what GDAL raises under gdal.UseExceptions()

    monkeypatch.setattr(fast_read, "_open_ogr_layer", failing_open)
    columns = read(layer, "weight", "case_int", bulk=True)
    assert columns.path == "iterator" and "simulated GDAL error" in columns.fallback_reason
    assert_matches_oracle(columns, rows, "weight", "case_int")


def _first_appearance_reference(blocks):
    """Case values in order of first appearance and each row's code, by a plain dictionary."""
    codes, values = {}, []
    rows = []
    for block in blocks:
        for value in block:
            key = None if value is None else value
            if key not in codes:
                codes[key] = len(values)
                values.append(key)
            rows.append(codes[key])
    return values, rows


@pytest.mark.parametrize("blocks", [
    [[5, 3, 5], [3, 7, None, 2**23], [1, 5, None]],        # small integers, then NULL and a big one
    [[2**40, 1], [1, 2, 3]],                                  # too big for the lookup table from the start
    [[0, 1, 1], [2, 0], [4_000_000, 3]],                      # all fit the table, which grows
    [[None, 4], [4, 5]],                                      # NULL first
])
def test_case_numbering_over_blocks_is_the_order_of_first_appearance(kernel_path, blocks):
    from clusterbelt.ui.io.fast_read import _ColumnAccumulator

    accumulator = _ColumnAccumulator(False, True, capacity=2)  # grows past its first guess
    for block in blocks:
        missing = np.array([value is None for value in block])
        values = np.array([0 if value is None else value for value in block], dtype=np.int64)
        points = np.arange(len(block), dtype=float)
        accumulator.add_block(points, points, None, values, missing if missing.any() else None, int)
    expected_values, expected_codes = _first_appearance_reference(blocks)
    result = accumulator.result("bulk")
    assert result.case_values == expected_values
    assert result.case_codes.tolist() == expected_codes


def test_period_numbering_over_blocks_is_the_order_of_first_appearance():
    from clusterbelt.ui.io.fast_read import _ColumnAccumulator

    blocks = [[5, 3, 5], [3, 7, None, 2**23], [1, 5, None]]
    accumulator = _ColumnAccumulator(False, True, capacity=2, has_period=True)
    for block in blocks:
        missing = np.array([value is None for value in block])
        values = np.array([0 if value is None else value for value in block], dtype=np.int64)
        points = np.arange(len(block), dtype=float)
        points[1] = np.nan  # the second feature of each block is skipped
        cases = values[::-1].copy()  # another numbering of the same features
        accumulator.add_block(points, points, None, cases, None, int, period_values=values,
                              period_missing=missing if missing.any() else None, period_convert=int)
    expected_values, expected_codes = _first_appearance_reference(blocks)
    result = accumulator.result("bulk")
    assert result.period_values == expected_values
    kept = [code for block_start, block in zip(np.cumsum([0] + [len(b) for b in blocks]), blocks)
            for offset, code in enumerate(expected_codes[block_start:block_start + len(block)]) if offset != 1]
    assert result.period_codes.tolist() == kept
    skipped = [expected_codes[block_start + 1] for block_start in np.cumsum([0] + [len(b) for b in blocks])[:-1]]
    assert result.skipped_period_codes.tolist() == skipped
    assert len(result.case_codes) == len(result.period_codes) and len(result.skipped_codes) == len(skipped)


def assert_moments_of_the_columns(columns):
    """The moments computed batch by batch while reading equal the engine's moments of the arrays read
    (counts exactly, the rest to 1e-12 relative; second moments relative to the case's spread)."""
    from clusterbelt.core import sde

    streamed = columns.moments
    direct = sde.GroupedMoments.from_points(columns.x, columns.y, columns.weights, columns.case_codes,
                                            len(columns.case_values))
    assert streamed.n_cases == direct.n_cases == len(columns.case_values)
    np.testing.assert_array_equal(streamed.n, direct.n)
    np.testing.assert_array_equal(streamed.n_clipped, direct.n_clipped)
    np.testing.assert_allclose(streamed.weight_sum, direct.weight_sum, rtol=1e-12, atol=0)
    np.testing.assert_allclose(streamed.mean_x, direct.mean_x, rtol=1e-12, atol=0, equal_nan=True)
    np.testing.assert_allclose(streamed.mean_y, direct.mean_y, rtol=1e-12, atol=0, equal_nan=True)
    spread = direct.sxx + direct.syy
    for name in ("sxx", "syy", "sxy"):
        assert np.all(np.abs(getattr(streamed, name) - getattr(direct, name)) <= 1e-12 * spread), name
    return streamed


@pytest.mark.parametrize("case", ["case_int", "case_str", "case_real", None])
@pytest.mark.parametrize("weight", [None, "weight"])
@pytest.mark.parametrize("bulk", [True, False])
def test_moments_computed_while_reading_equal_those_of_the_arrays(messy_file, small_batches, bulk, weight, case):
    layer, rows = open_messy(messy_file)
    columns = read(layer, weight, case, bulk=bulk, moments=True)
    assert columns.path == ("bulk" if bulk else "iterator")
    assert_matches_oracle(columns, rows, weight, case)  # the arrays are those read without moments
    moments = assert_moments_of_the_columns(columns)
    # NULL geometries and weights were skipped, not counted in n; zero and negative weights were kept
    assert int(moments.n.sum()) == len(rows) - columns.no_geometry - columns.null_weight
    if weight:
        assert columns.null_weight > 0 and moments.n_clipped.sum() == np.count_nonzero(columns.weights < 0) > 0
    assert read(layer, weight, case, bulk=bulk).moments is None  # only when asked for


@pytest.mark.parametrize("bulk", [True, False])
def test_cases_first_seen_late_one_point_cases_and_zero_weights_get_their_moments(tmp_path, small_batches, bulk):
    rows = messy_rows(200, seed=11)
    for number, row in enumerate(rows):
        row[1]["case_int"] = 1 if number < 150 else row[1]["case_int"]
    rows[160] = ((510_000.0, 4_010_000.0), {**rows[160][1], "case_int": 77, "weight": 3.0})  # one point, late
    for number in (170, 171, 172):  # a late case whose weights are all 0
        rows[number] = ((500_000.0 + number, 4_000_000.0), {**rows[number][1], "case_int": 88, "weight": 0.0})
    layer = write_layer(tmp_path / "late.gpkg", rows)
    columns = read(layer, "weight", "case_int", bulk=bulk, moments=True)
    assert columns.path == ("bulk" if bulk else "iterator")
    moments = assert_moments_of_the_columns(columns)
    one, zero = columns.case_values.index(77), columns.case_values.index(88)
    assert one > 1 and zero > 1  # first seen in later batches (batches of 37)
    assert (moments.n[one], moments.weight_sum[one], moments.mean_x[one], moments.sxx[one]) == (1, 3.0, 510_000.0, 0.0)
    assert moments.n[zero] == 3 and moments.weight_sum[zero] == 0 and np.isnan(moments.mean_x[zero])


@pytest.mark.parametrize("bulk", [True, False])
def test_infinite_coordinates_leave_the_moments_to_the_engine(tmp_path, small_batches, kernel_path, bulk):
    rows = messy_rows(100, seed=12)
    rows[50] = ((math.inf, 4_000_000.0), rows[50][1])
    layer = write_layer(tmp_path / "infinite.gpkg", rows)
    columns = read(layer, "weight", "case_int", bulk=bulk, moments=True)
    assert columns.path == ("bulk" if bulk else "iterator")
    assert np.isinf(columns.x).sum() == 1 and columns.moments is None  # the engine reports the row itself


def test_infinite_coordinates_under_a_validity_check_are_left_to_the_iterator(tmp_path, small_batches,
                                                                                kernel_path):
    rows = messy_rows(100, seed=12)
    rows[60] = ((4_000_000.0, -math.inf), rows[60][1])
    layer = write_layer(tmp_path / "infinite.gpkg", rows)
    context = QgsProcessingContext()
    context.setInvalidGeometryCheck(INVALID_GEOMETRY_SKIP)
    checked = read(layer, "weight", "case_int", bulk=True, context=context)
    assert checked.path == "iterator" and "infinite coordinates" in checked.fallback_reason
    context.setInvalidGeometryCheck(INVALID_GEOMETRY_NO_CHECK)
    unchecked = read(layer, "weight", "case_int", bulk=True, context=context)
    assert unchecked.path == "bulk" and np.isneginf(unchecked.y).sum() == 1


@pytest.mark.parametrize("order", ["little-endian", "big-endian"])
def test_compiled_and_numpy_wkb_decoding_agree(kernel_path, order):
    """Records straight from a WKB column: 2-D points (NaN and infinite coordinates included), and
    records of other kinds, which the fast sweep refuses and the general decoding reads or rejects."""
    values = [(1.5, -2.25), (math.nan, 3.0), (math.inf, -math.inf), (-0.0, 1e308)]
    prefix = "<" if order == "little-endian" else ">"
    records = np.zeros(len(values), dtype=[("order", "u1"), ("kind", prefix + "u4"), ("x", prefix + "f8"),
                                           ("y", prefix + "f8")])
    records["order"] = 1 if order == "little-endian" else 0
    records["kind"] = 1
    records["x"], records["y"] = zip(*values)
    column = records.view("V21")
    x, y, finite = fast_read._points_from_wkb(column)
    np.testing.assert_array_equal(x, [value[0] for value in values])
    np.testing.assert_array_equal(y, [value[1] for value in values])
    assert finite is False  # a NaN and infinities
    x, y, finite = fast_read._points_from_wkb(column[[0, 3]])
    assert finite is (kernel_path == "compiled" and order == "little-endian")
    np.testing.assert_array_equal(np.signbit(x), [False, True])
    line = ogr.CreateGeometryFromWkt("LINESTRING (0 0, 1 1)").ExportToIsoWkb()
    with pytest.raises(fast_read.BulkReadUnavailable):
        fast_read._points_from_wkb(np.array([bytes(line[:21])] * 2, dtype="V21"))


@pytest.mark.parametrize("tool", ["standarddeviationalellipse", "standarddistance", "mediancenter"])
def test_tools_computing_while_reading_give_the_engine_numbers_of_the_arrays(messy_file, small_batches,
                                                                            monkeypatch, run_alg, tool):
    """The ellipse, standard distance and median centre tools on a projected layer take their moments
    from the reading; their numbers equal the engine's on the arrays read, to 1e-12."""
    import processing

    from clusterbelt.core import distribution, sde

    blocks = []

    class CountingStream(sde.MomentsStream):
        def add(self, x, *rest):
            blocks.append(len(x))
            super().add(x, *rest)

    monkeypatch.setattr(fast_read, "MomentsStream", CountingStream)
    layer, _ = open_messy(messy_file)
    context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
    results = processing.run(f"clusterbelt:{tool}", {"INPUT": layer, "WEIGHT_FIELD": "weight",
                                                     "CASE_FIELD": "case_int", "OUTPUT": "TEMPORARY_OUTPUT"},
                             context=context, feedback=feedback)
    got = features_by_case(as_layer(results["OUTPUT"], context), "case_int")
    columns = read(layer, "weight", "case_int", bulk=True)
    arrays = (columns.x, columns.y, columns.weights, columns.case_codes, len(columns.case_values))
    if tool == "standarddistance":
        expected, numbers = distribution.standard_distance(*arrays), ["StdDist", "weight_sum"]
    elif tool == "mediancenter":
        expected, numbers = distribution.median_center(*arrays), ["weight_sum"]
    else:
        expected, numbers = sde.standard_deviational_ellipses(*arrays), ["major_sd", "minor_sd", "pct_inside",
                                                                         "weight_sum"]
    assert len(blocks) > 5  # batch by batch (batches of 37 features)
    assert sorted(got, key=str) == sorted(columns.case_values, key=str)
    for code, value in enumerate(columns.case_values):
        row = expected.iloc[code]
        assert got[value]["status"] == row["status"] and got[value]["n"] == row["n"]
        assert got[value]["center_x_calc_crs"] == pytest.approx(row["CenterX"], rel=1e-12)
        for name in numbers:
            if math.isnan(row[name]):
                assert got[value][name] is None
            else:
                assert got[value][name] == pytest.approx(row[name], rel=1e-12), name


def test_blocks_decoded_into_the_arrays_grow_them_and_drop_skipped_rows():
    """The bulk path's way of adding a block (decoded straight into next_slots' views) gives the same
    arrays as adding copies, also when the arrays must grow and when rows are skipped."""
    from clusterbelt.ui.io.fast_read import _ColumnAccumulator

    blocks = [([1.0, 2.0, 3.0], [5.0, np.nan, 7.0], [1.0, 1.0, -2.0], [4, 4, 9]),
              ([4.0, 5.0], [8.0, 9.0], [np.nan, 3.0], [9, 1]),
              ([6.0] * 5, [1.0] * 5, [0.5] * 5, [1, 2, 3, 4, 5])]
    in_slots, copied = (_ColumnAccumulator(True, True, capacity=2, moments=True) for _ in range(2))
    for x, y, w, case in blocks:
        codes = np.array(case)
        slot_x, slot_y, slot_w = in_slots.next_slots(len(x))
        slot_x[:], slot_y[:], slot_w[:] = x, y, w
        in_slots.add_block(slot_x, slot_y, slot_w, codes, None, int, in_slots=True)
        copied.add_block(np.array(x), np.array(y), np.array(w), codes, None, int)
    a, b = in_slots.result("bulk"), copied.result("bulk")
    assert_same_columns(a, b)
    assert a.x.tolist() == [1.0, 3.0, 5.0, 6.0, 6.0, 6.0, 6.0, 6.0]
    assert a.skipped_per_case.tolist() == [1, 1, 0, 0, 0, 0] and (a.no_geometry, a.null_weight) == (1, 1)
    assert_moments_of_the_columns(a)
