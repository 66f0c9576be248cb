"""Degenerate cases, bad input, chunking, rings and the scale factors of the ellipse engine.

Every test here runs with warnings turned into errors: degenerate data must give a status
and NaN where a number is undefined, never a numpy RuntimeWarning or an exception.
"""
import math

import numpy as np
import pytest

from clusterbelt.core import sde
from clusterbelt.core.errors import BadValueError

pytestmark = pytest.mark.filterwarnings("error")

ALL_METHODS = (sde.METHOD_ARCGIS, sde.METHOD_YUILL, sde.METHOD_CRIMESTAT, sde.METHOD_COVERAGE)


def run(points, weights=None, method=sde.METHOD_ARCGIS, case_index=None, n_cases=None, **kw):
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    return sde.standard_deviational_ellipses(points[:, 0], points[:, 1], weights, case_index,
                                             n_cases, method=method, **kw)


def test_output_columns_and_index():
    table = run([[0, 0], [2, 1], [1, 3], [4, 4]], case_index=[0, 0, 1, 1], n_cases=3)
    assert tuple(table.columns) == sde.OUTPUT_COLUMNS
    assert list(table.index) == [0, 1, 2]
    assert set(table["method"]) == {"arcgis"}
    assert set(table["status"]) <= set(sde.STATUSES)
    assert table.attrs["n_clipped_weights"] == 0


# ------------------------------------------------------------------ every status, one table

def test_every_status_in_one_grouped_call():
    groups = {
        0: [[0, 0], [4, 1], [1, 3], [3, 5]],  # ok
        1: [[0, 0], [1, 2], [2, 4], [3, 6]],  # collinear, oblique
        2: [[0.1, 0.7]] * 4,  # identical (values that do not round-trip through sums exactly)
        3: [[0, 0], [3, 4]],  # too few points
        4: [[5, 5], [6, 7], [8, 1]],  # zero weight (all weights 0)
    }
    points, cases, weights = [], [], []
    for case, members in groups.items():
        points += members
        cases += [case] * len(members)
        weights += [0.0 if case == 4 else 1.0 + 0.5 * i for i in range(len(members))]
    for method in ALL_METHODS:
        table = run(points, np.array(weights), method, np.array(cases), n_cases=6)
        assert list(table["status"]) == [
            sde.STATUS_OK, sde.STATUS_COLLINEAR, sde.STATUS_IDENTICAL, sde.STATUS_TOO_FEW,
            sde.STATUS_ZERO_WEIGHT, sde.STATUS_ZERO_WEIGHT]  # case 5 has no point at all
        assert list(table["n"]) == [4, 4, 4, 2, 3, 0]  # case 4: 3 points of weight 0

        collinear = table.loc[1]
        assert collinear["minor_sd"] == 0.0 and collinear["major_sd"] > 0
        assert collinear["area"] == 0.0 and collinear["flattening"] == 1.0
        assert math.isclose(collinear["azimuth"], math.degrees(math.atan2(1, 2)), rel_tol=1e-12)

        identical = table.loc[2]
        assert identical["major_sd"] == 0.0 and identical["minor_sd"] == 0.0
        assert identical["XStdDist"] == 0.0 and identical["YStdDist"] == 0.0
        assert math.isnan(identical["azimuth"]) and math.isnan(identical["Rotation"])
        assert identical["CenterX"] == 0.1 and identical["CenterY"] == 0.7
        assert math.isnan(identical["flattening"])
        assert identical["pct_inside"] == 100.0  # all points sit on the (point) ellipse

        for case in (4, 5):
            row = table.loc[case]
            assert row["weight_sum"] == 0.0
            for name in ("CenterX", "CenterY", "XStdDist", "YStdDist", "Rotation", "major_sd",
                         "minor_sd", "azimuth", "scale", "coverage_expected", "pct_inside",
                         "pct_weight_inside", "area", "flattening"):
                assert math.isnan(row[name]), (case, name)


def test_two_points_are_too_few_but_measured_except_by_crimestat():
    for method in ALL_METHODS:
        row = run([[0, 0], [3, 4]], method=method).iloc[0]
        assert row["status"] == sde.STATUS_TOO_FEW
        assert (row["CenterX"], row["CenterY"]) == (1.5, 2.0)
        if method == sde.METHOD_CRIMESTAT:
            assert math.isnan(row["scale"]) and math.isnan(row["major_sd"])
            assert math.isnan(row["pct_inside"])
        else:
            # lambda_1 = (9 + 16) / 4 exactly; the minor axis of two points is exactly zero.
            assert row["major_sd"] == pytest.approx(2.5 * row["scale"], rel=1e-15)
            assert row["minor_sd"] == 0.0
            assert row["azimuth"] == pytest.approx(math.degrees(math.atan2(3, 4)), rel=1e-14)
    yuill = run([[0, 0], [3, 4]], method=sde.METHOD_YUILL).iloc[0]
    assert yuill["major_sd"] == 2.5
    assert yuill["pct_inside"] == 100.0  # both points exactly on the boundary count as inside


def test_one_point_is_too_few_and_precedes_identical():
    row = run([[7.0, -2.0]]).iloc[0]
    assert row["status"] == sde.STATUS_TOO_FEW
    assert row["major_sd"] == 0.0 and math.isnan(row["azimuth"])
    assert run([[7.0, -2.0], [7.0, -2.0]]).iloc[0]["status"] == sde.STATUS_TOO_FEW


def test_points_of_weight_zero_count_as_points():
    """n counts every point used, weight 0 included (pointpats, CrimeStat): the ellipse keeps its
    shape, CrimeStat's n/(n-2) and pct_inside use n = 5, the weighted share does not change."""
    points = [[0, 0], [4, 0], [0, 3], [1, 1], [1.0, 0.5]]
    for method in ALL_METHODS:
        row = run(points, np.array([1.0, 1.0, 1.0, 1.0, 0.0]), method).iloc[0]
        alone = run(points[:4], method=method).iloc[0]
        assert row["n"] == 5 and alone["n"] == 4 and row["weight_sum"] == 4.0
        factor = math.sqrt((5 / 3) / (4 / 2)) if method == sde.METHOD_CRIMESTAT else 1.0
        for name in ("CenterX", "CenterY", "azimuth", "Rotation", "pct_weight_inside"):
            assert row[name] == pytest.approx(alone[name], rel=1e-14, nan_ok=True), name
        for name, power in (("major_sd", 1), ("minor_sd", 1), ("XStdDist", 1), ("YStdDist", 1),
                            ("scale", 1), ("area", 2)):
            assert row[name] == pytest.approx(alone[name] * factor ** power, rel=1e-14), name
        # the zero-weight point (1, 0.5) lies inside every one of these ellipses
        inside_alone = round(alone["pct_inside"] * 4 / 100)
        assert row["pct_inside"] == pytest.approx(100.0 * (inside_alone + 1) / 5, rel=1e-14)
    moments = sde.GroupedMoments.from_points([0, 4, 0, 1, 1], [0, 0, 3, 1, 0.5],
                                             [1, 1, 1, 1, 0])
    assert moments.n[0] == 5 and moments.weight_sum[0] == 4.0
    # 2 points of positive weight and one of weight 0: 3 points, CrimeStat's factor is defined
    crimestat = run([[0, 0], [4, 0], [9, 9]], np.array([1.0, 2.0, 0.0]),
                    sde.METHOD_CRIMESTAT).iloc[0]
    assert crimestat["status"] == sde.STATUS_COLLINEAR and crimestat["n"] == 3
    assert crimestat["scale"] == pytest.approx(math.sqrt(2 * 3 / 1), rel=1e-15)


def test_points_whose_weights_are_all_zero_are_a_zero_weight_case():
    table = run([[0, 0], [4, 0], [0, 3], [1, 1]], np.zeros(4))
    row = table.iloc[0]
    assert row["status"] == sde.STATUS_ZERO_WEIGHT and row["n"] == 4 and row["weight_sum"] == 0
    assert math.isnan(row["major_sd"]) and math.isnan(row["pct_inside"])


@pytest.mark.parametrize("points, weights, size, method", [
    ([[0, 0], [1e308, 1e308], [5, 1]], None, 1.0, sde.METHOD_ARCGIS),      # a point at 1e308
    ([[-1e308, 0], [1e308, 2], [0, 3]], None, 1.0, sde.METHOD_YUILL),
    ([[0, 0], [4, 0], [0, 3], [1, 1]], [1e308, 1e308, 1.0, 1.0], 1.0, sde.METHOD_ARCGIS),
    ([[0, 0], [4, 0], [0, 3], [1, 1]], None, 1e308, sde.METHOD_ARCGIS),    # SIZE = 1e308
    ([[0, 0], [4, 0], [0, 3], [1, 1]], None, 1e308, sde.METHOD_CRIMESTAT),
    ([[1e308, 1e308], [1.5e308, 1e308], [1e308, 1.2e308]], None, 1.0, sde.METHOD_ARCGIS),
])
def test_numbers_that_overflow_give_not_finite(points, weights, size, method):
    """ok always means finite numbers and a ring of finite vertices; overflowed cases are
    not_finite, their overflowed values NaN, and the other cases of the call are untouched."""
    good = [[10, 10], [14, 10], [10, 13], [11, 11]]
    all_points = np.array(points + good, dtype=float)
    case_index = [0] * len(points) + [1] * len(good)
    all_weights = None if weights is None else np.array(weights + [1.0] * len(good))
    table = sde.standard_deviational_ellipses(all_points[:, 0], all_points[:, 1], all_weights,
                                              case_index, method=method, size=size)
    bad, other = table.iloc[0], table.iloc[1]
    assert bad["status"] == sde.STATUS_NOT_FINITE and bad["n"] == len(points)
    numbers = table.select_dtypes("float64")
    assert not np.isinf(numbers.to_numpy()).any()
    if size == 1.0:
        assert other["status"] == sde.STATUS_OK
        alone = run(good, method=method).iloc[0]
        assert other["major_sd"] == pytest.approx(alone["major_sd"], rel=1e-15)


def test_ok_always_means_finite_numbers_and_a_finite_ring():
    rng = np.random.default_rng(5)
    for magnitude in (1.0, 1e150, 1e300, 1e306, 1e307):
        points = rng.normal(0, 1, (30, 2)) * magnitude
        for method in ALL_METHODS:
            for size in (1.0, 1e10, 1e300):
                table = run(points, method=method, size=size)
                row = table.iloc[0]
                rings = sde.ellipse_rings(table, 16)
                if row["status"] == sde.STATUS_OK:
                    for name in ("CenterX", "CenterY", "XStdDist", "YStdDist", "major_sd",
                                 "minor_sd", "scale", "area", "flattening", "pct_inside"):
                        assert math.isfinite(row[name]), (magnitude, method, size, name)
                    assert np.isfinite(rings).all()
                else:
                    assert row["status"] == sde.STATUS_NOT_FINITE, (magnitude, method, size)


def test_isotropic_data_have_no_orientation():
    for method in ALL_METHODS:
        row = run([[1, 1], [-1, 1], [-1, -1], [1, -1], [0, 0]], method=method).iloc[0]
        assert row["status"] == sde.STATUS_OK
        assert math.isnan(row["azimuth"]) and math.isnan(row["Rotation"])
        assert row["XStdDist"] == row["YStdDist"] == row["major_sd"] == row["minor_sd"]
        assert row["flattening"] == 0.0


def test_axis_parallel_data_keep_an_orientation():
    # Sxy == 0 is valid data (Tveite's plugin refuses it): major along y, then along x.
    tall = run([[-1, 0], [1, 0], [0, -3], [0, 3]]).iloc[0]
    assert tall["azimuth"] == 0.0 and tall["Rotation"] == 0.0
    assert tall["YStdDist"] > tall["XStdDist"]
    wide = run([[-3, 0], [3, 0], [0, -1], [0, 1]]).iloc[0]
    assert wide["azimuth"] == 90.0 and wide["XStdDist"] > wide["YStdDist"]


def test_collinear_at_large_offsets():
    t = np.linspace(0, 0.05, 7)
    diagonal = run(np.c_[1e7 + t, 4e6 + 0.3 * t]).iloc[0]
    assert diagonal["status"] == sde.STATUS_COLLINEAR and diagonal["minor_sd"] == 0.0
    assert diagonal["major_sd"] == pytest.approx(
        math.sqrt(2) * np.std(t) * math.hypot(1, 0.3), rel=1e-6)
    assert diagonal["pct_inside"] > 0  # points on the segment are inside despite rounding
    # but a centimetre-wide cloud at the same offset is not collinear
    rng = np.random.default_rng(7)
    cloud = run(np.c_[1e7 + rng.uniform(0, 0.05, 9), 4e6 + rng.uniform(0, 0.01, 9)]).iloc[0]
    assert cloud["status"] == sde.STATUS_OK and cloud["minor_sd"] > 1e-3


def test_offset_does_not_change_the_shape():
    rng = np.random.default_rng(3)
    local = rng.normal(0, 0.02, (50, 2)) @ np.array([[1.0, 0.4], [0.0, 0.5]])
    weights = rng.uniform(0.5, 2.0, 50)
    near = run(local, weights).iloc[0]
    far = run(local + [1e7, 4e6], weights).iloc[0]
    # the offset coordinates themselves are rounded to ~1e-9: the shape agrees to that level
    for name in ("major_sd", "minor_sd"):
        assert far[name] == pytest.approx(near[name], rel=1e-6)
    assert abs(far["azimuth"] - near["azimuth"]) < 1e-4
    assert far["CenterX"] - 1e7 == pytest.approx(near["CenterX"], abs=1e-8)


# ------------------------------------------------------------------ weights and bad input

def test_negative_weights_are_clipped_and_counted():
    points = np.array([[0, 0], [4, 1], [1, 3], [3, 5], [9, 9]], dtype=float)
    clipped = run(points, np.array([1.0, 2.0, 1.0, 1.0, -5.0]), case_index=[0, 0, 1, 1, 1])
    zeroed = run(points, np.array([1.0, 2.0, 1.0, 1.0, 0.0]), case_index=[0, 0, 1, 1, 1])
    assert clipped.attrs["n_clipped_weights"] == 1
    assert zeroed.attrs["n_clipped_weights"] == 0
    assert clipped.drop(columns=["status", "method"]).equals(
        zeroed.drop(columns=["status", "method"]))
    moments = sde.GroupedMoments.from_points(points[:, 0], points[:, 1],
                                             [1.0, 2.0, 1.0, 1.0, -5.0], [0, 0, 1, 1, 1])
    assert list(moments.n_clipped) == [0, 1]
    assert list(moments.n) == [2, 3]
    assert list(clipped["n"]) == [2, 3]


@pytest.mark.parametrize("column, value, message", [
    ("x", np.nan, "row 2: x not finite"),
    ("y", np.inf, "row 2: y not finite"),
    ("w", np.nan, "row 2: weight not finite"),
])
def test_non_finite_values_name_the_first_bad_row(column, value, message):
    x = np.array([0.0, 1.0, 2.0, 3.0, 4.0])
    y = np.array([0.0, 2.0, 1.0, 3.0, 5.0])
    w = np.ones(5)
    {"x": x, "y": y, "w": w}[column][[2, 4]] = value
    with pytest.raises(BadValueError, match=message) as error:
        sde.standard_deviational_ellipses(x, y, w)
    assert isinstance(error.value, ValueError) and error.value.row == 2


def test_bad_cases_and_parameters_are_value_errors():
    x = np.array([0.0, 1.0, 2.0])
    y = np.array([0.0, 2.0, 1.0])
    bad_calls = [
        (dict(case_index=[0, -1, 0]), "row 1: negative case index"),
        (dict(case_index=[0, 3, 0], n_cases=2), "row 1: case index 3 is not below n_cases = 2"),
        (dict(case_index=[0.0, 1.0, 0.0]), "case_index must hold integers"),
        (dict(case_index=[0, 1]), "case_index has 2 values for 3 points"),
        (dict(weights=[1.0, 2.0]), "weights has 2 values for 3 points"),
        (dict(method=7), "unknown ellipse method"),
        (dict(method="spherical"), "unknown ellipse method"),
        (dict(size=0.0), "size"),
        (dict(method=sde.METHOD_COVERAGE, coverage_percent=100.0), "coverage"),
        (dict(method=sde.METHOD_COVERAGE, coverage_percent=0.0), "coverage"),
        (dict(chunk_size=0), "chunk_size"),
    ]
    for kwargs, message in bad_calls:
        with pytest.raises(BadValueError, match=message):
            sde.standard_deviational_ellipses(x, y, **kwargs)
    with pytest.raises(BadValueError, match="differ in length"):
        sde.standard_deviational_ellipses(x, y[:2])
    with pytest.raises(BadValueError, match="needs n"):
        sde.scale_factor(sde.METHOD_CRIMESTAT)


def test_method_names_are_accepted():
    points = [[0, 0], [4, 1], [1, 3], [3, 5]]
    by_id = run(points, method=sde.METHOD_YUILL)
    by_name = run(points, method="yuill")
    assert by_id.equals(by_name) and by_id["method"].iloc[0] == "yuill"
    assert sde.METHOD_NAMES[sde.METHOD_COVERAGE] == "coverage"


def test_no_points_at_all():
    table = sde.standard_deviational_ellipses(np.array([]), np.array([]), n_cases=2)
    assert list(table["status"]) == [sde.STATUS_ZERO_WEIGHT] * 2
    assert list(table["n"]) == [0, 0]
    empty = sde.standard_deviational_ellipses(np.array([]), np.array([]), case_index=np.array([], int))
    assert len(empty) == 0 and tuple(empty.columns) == sde.OUTPUT_COLUMNS


# ------------------------------------------------------------------ chunks

def test_chunked_moments_match_one_pass_and_report_progress():
    rng = np.random.default_rng(11)
    x, y = rng.normal(5e5, 100, 1000), rng.normal(4e6, 30, 1000)
    w = rng.uniform(0, 2, 1000)
    case = rng.integers(0, 5, 1000)
    chunks = [(x[i:i + 300], y[i:i + 300], w[i:i + 300], case[i:i + 300])
              for i in range(0, 1000, 300)]
    seen = []
    merged = sde.GroupedMoments.from_chunks(chunks, n_cases=5, progress=seen.append)
    whole = sde.GroupedMoments.from_points(x, y, w, case, 5)
    assert seen == [0.25, 0.5, 0.75, 1.0]
    np.testing.assert_array_equal(merged.n, whole.n)
    for name in ("weight_sum", "mean_x", "mean_y", "sxx", "syy", "sxy"):
        np.testing.assert_allclose(getattr(merged, name), getattr(whole, name), rtol=1e-11)
    # the share inside adds up over chunks too
    table = sde.ellipses_from_moments(merged)
    counts = [sde.count_inside(*chunk, table) for chunk in chunks]
    pct, pct_weight = sde.percent_inside(sum(c[0] for c in counts), sum(c[1] for c in counts),
                                         table)
    direct = sde.share_inside(x, y, w, case, table)
    np.testing.assert_allclose(pct, direct[0], rtol=1e-14)
    np.testing.assert_allclose(pct_weight, direct[1], rtol=1e-14)


def test_chunked_moments_stop_when_canceled_and_count_rows_across_chunks():
    chunk = (np.zeros(3), np.zeros(3), None, np.zeros(3, int))
    calls = []

    def is_canceled():
        calls.append(1)
        return len(calls) > 1

    assert sde.GroupedMoments.from_chunks([chunk, chunk, chunk], 1,
                                          is_canceled=is_canceled) is None
    assert len(calls) == 2
    bad = (np.array([0.0, np.nan]), np.zeros(2), None, np.zeros(2, int))
    with pytest.raises(BadValueError, match="row 4: x not finite") as error:
        sde.GroupedMoments.from_chunks(iter([chunk, bad]), 1)
    assert error.value.row == 4


def test_merge_needs_the_same_cases():
    one = sde.GroupedMoments.empty(2)
    with pytest.raises(BadValueError, match="2 and 3 cases"):
        one.merge(sde.GroupedMoments.empty(3))


# ------------------------------------------------------------------ rings

def test_rings_are_closed_counter_clockwise_and_start_on_the_major_axis():
    table = run([[0, 0], [4, 1], [1, 3], [3, 5], [6, 2]], case_index=[0, 0, 0, 0, 0],
                n_cases=2)
    rings = sde.ellipse_rings(table, n_vertices=720)
    assert rings.shape == (2, 721, 2)
    assert np.isnan(rings[1]).all()  # case 1 has no points
    ring = rings[0]
    row = table.iloc[0]
    np.testing.assert_array_equal(ring[0], ring[-1])
    x, y = ring[:, 0], ring[:, 1]
    area = 0.5 * np.sum(x[:-1] * y[1:] - x[1:] * y[:-1])
    assert area > 0  # counter-clockwise
    assert area == pytest.approx(row["area"], rel=1e-4)
    azimuth = math.radians(row["azimuth"])
    np.testing.assert_allclose(ring[0], [row["CenterX"] + row["major_sd"] * math.sin(azimuth),
                                         row["CenterY"] + row["major_sd"] * math.cos(azimuth)],
                               rtol=1e-13)
    # every vertex is on the boundary, hence inside
    assert sde.count_inside(x, y, None, np.zeros(x.size, int), table.iloc[:1])[0][0] == x.size


def test_rings_of_isotropic_and_collinear_cases():
    table = run([[1, 1], [-1, 1], [-1, -1], [1, -1], [0, 0], [1, 2], [2, 4]],
                case_index=[0, 0, 0, 0, 1, 1, 1])
    rings = sde.ellipse_rings(table, 8)
    radius = np.hypot(rings[0, :, 0], rings[0, :, 1])
    np.testing.assert_allclose(radius, table.loc[0, "major_sd"], rtol=1e-14)
    x, y = rings[1, :, 0], rings[1, :, 1]
    assert 0.5 * abs(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1])) < 1e-12  # a flat ring
    with pytest.raises(BadValueError, match="at least 3 vertices"):
        sde.ellipse_rings(table, 2)


# ------------------------------------------------------------------ scale factors

def test_scale_factors_match_the_reference_table():
    # sde-reference.md: share of a bivariate normal inside k standard deviations
    # (39.35 / 86.47 / 98.89 % without sqrt(2), 63.2 / 98.2 / 99.99 % with it, as printed)
    for k, without_sqrt2, with_sqrt2, digits in ((1, 39.35, 63.2, 1), (2, 86.47, 98.2, 1),
                                                 (3, 98.89, 99.99, 2)):
        yuill = run([[0, 0], [4, 1], [1, 3], [3, 5]], method=sde.METHOD_YUILL, size=k).iloc[0]
        arcgis = run([[0, 0], [4, 1], [1, 3], [3, 5]], method=sde.METHOD_ARCGIS, size=k).iloc[0]
        assert round(yuill["coverage_expected"], 2) == without_sqrt2
        assert round(arcgis["coverage_expected"], digits) == with_sqrt2
        assert yuill["scale"] == k
        assert arcgis["scale"] == pytest.approx(k * math.sqrt(2), rel=1e-15)
    for percent, scale in ((68.27, 1.5152), (95, 2.4477), (99, 3.0349)):
        assert round(sde.scale_factor(sde.METHOD_COVERAGE, coverage_percent=percent), 4) == scale
        row = run([[0, 0], [4, 1], [1, 3], [3, 5]], method=sde.METHOD_COVERAGE,
                  coverage_percent=percent).iloc[0]
        assert row["coverage_expected"] == pytest.approx(percent, rel=1e-12)
    n = np.array([1, 2, 3, 10])
    crimestat = sde.scale_factor(sde.METHOD_CRIMESTAT, size=2.0, n=n)
    assert np.isnan(crimestat[:2]).all()
    np.testing.assert_allclose(crimestat[2:], 2 * np.sqrt(2 * n[2:] / (n[2:] - 2)), rtol=1e-15)
    assert sde.scale_factor(sde.METHOD_CRIMESTAT, n=4) == pytest.approx(2.0, rel=1e-15)


def test_coverage_method_holds_its_share_of_a_large_normal_sample():
    rng = np.random.default_rng(5)
    points = rng.multivariate_normal([3e5, 4e6], [[400.0, 150.0], [150.0, 100.0]], 200_000)
    for percent in (50.0, 68.27, 95.0):
        row = run(points, method=sde.METHOD_COVERAGE, coverage_percent=percent).iloc[0]
        assert abs(row["pct_inside"] - percent) < 0.5
