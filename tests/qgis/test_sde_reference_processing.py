"""Every reference case through the Processing algorithm, not only the engine.

The same cases as tests/core/test_sde_reference.py (tests/sde_cases.py): each point set is
written to a memory layer, clusterbelt:standarddeviationalellipse runs with the case's method,
size and coverage, and every expected output field is compared with the case's tolerance
("exact": 1e-12 relative; "published" tool outputs: 1e-5 relative, 1e-3 degrees).
Point sets in lon/lat are computed on raw degrees (CALC_CRS = the layer's CRS), as the
published tools did; the others sit in a projected CRS and are not transformed.
"""
import math
import pathlib
import sys

import pytest
from layer_helpers import as_layer, memory_points
from qgis.core import QgsProcessingContext, QgsProcessingFeedback

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
import sde_cases  # noqa: E402

REFERENCE = sde_cases.load_reference()
LON_LAT_SETS = ("turf_mta_stations", "sdetool_")


def run_case(case):
    import processing

    lon_lat = case.name.startswith(LON_LAT_SETS)
    crs = "EPSG:4326" if lon_lat else "EPSG:3857"
    weighted = case.weights is not None
    attributes = [[float(w)] for w in case.weights] if weighted else None
    layer = memory_points(case.points.tolist(), crs=crs, fields=[("w", "double")] if weighted else (),
                          attributes=attributes)
    parameters = {
        "INPUT": layer, "METHOD": case.method, "SIZE": case.size, "COVERAGE": case.coverage_percent,
        "OUTPUT": "TEMPORARY_OUTPUT",
    }
    if weighted:
        parameters["WEIGHT_FIELD"] = "w"
    if lon_lat:
        parameters["CALC_CRS"] = crs
    context = QgsProcessingContext()
    results = processing.run("clusterbelt:standarddeviationalellipse", parameters, context=context,
                             feedback=QgsProcessingFeedback())
    features = list(as_layer(results["OUTPUT"], context).getFeatures())
    assert len(features) == 1
    return features[0]


def attribute(feature, name):
    value = feature[name]
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return "" if name == "status" else math.nan
    return value


@pytest.mark.parametrize("case", REFERENCE.cases, ids=[c.label for c in REFERENCE.cases])
def test_reference_case_through_processing(clusterbelt_provider, case):
    feature = run_case(case)
    failures = []
    for name, expected in case.expected.items():
        sde_cases.check_value(case, name, expected, attribute(feature, name), failures)
    assert not failures, f"{case.label} [{case.tolerance}]:\n  " + "\n  ".join(failures)


def test_all_87_development_records_are_run_through_processing():
    development = {c.record_index for c in REFERENCE.cases if c.source_file == "sde_dev_cases.json"}
    assert development == set(range(87))
