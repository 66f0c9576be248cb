"""Invariances of the ellipse engine, checked on generated point sets (hypothesis).

Deterministic (derandomize=True) and modest in size so the suite stays fast.
"""
import math
import warnings

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clusterbelt.core import sde

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

coordinate = st.floats(min_value=-1000.0, max_value=1000.0, allow_nan=False,
                       allow_infinity=False)
weight = st.floats(min_value=0.01, max_value=100.0, allow_nan=False, allow_infinity=False)
method = st.sampled_from([sde.METHOD_ARCGIS, sde.METHOD_YUILL, sde.METHOD_CRIMESTAT,
                          sde.METHOD_COVERAGE])


@st.composite
def point_sets(draw, min_size=3, max_size=30):
    size = draw(st.integers(min_value=min_size, max_value=max_size))
    points = np.array(draw(st.lists(st.tuples(coordinate, coordinate), min_size=size,
                                    max_size=size)), dtype=float)
    weights = None
    if draw(st.booleans()):
        weights = np.array(draw(st.lists(weight, min_size=size, max_size=size)))
    return points, weights


def ellipse(points, weights, method_id=sde.METHOD_ARCGIS, case_index=None, n_cases=None):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return sde.standard_deviational_ellipses(points[:, 0], points[:, 1], weights,
                                                 case_index, n_cases, method=method_id)


def spread(row):
    return max(float(row["major_sd"]), 0.0) if math.isfinite(row["major_sd"]) else 0.0


def well_oriented(row):
    """The major-axis direction is well conditioned (clearly anisotropic, not degenerate)."""
    return (row["status"] == sde.STATUS_OK and row["major_sd"] > 1e-6
            and row["minor_sd"] < 0.99 * row["major_sd"])


def angle_difference(a, b, period=180.0):
    return abs((a - b + period / 2) % period - period / 2)


def assert_same_shape(row, other, length_tolerance):
    for name in ("major_sd", "minor_sd", "XStdDist", "YStdDist"):
        if math.isnan(row[name]):
            assert math.isnan(other[name]), name
        else:
            assert abs(other[name] - row[name]) <= length_tolerance, (name, row[name], other[name])


@SETTINGS
@given(point_sets(), method, st.floats(-1e6, 1e6), st.floats(-1e6, 1e6))
def test_translation_moves_the_centre_only(data, method_id, tx, ty):
    points, weights = data
    row = ellipse(points, weights, method_id).iloc[0]
    moved = ellipse(points + [tx, ty], weights, method_id).iloc[0]
    # Adding up to 1e6 rounds each coordinate by up to ulp(1e6) ~ 1.2e-10.
    tolerance = 1e-9 * (spread(row) + 1.0)
    assert abs(moved["CenterX"] - (row["CenterX"] + tx)) <= tolerance
    assert abs(moved["CenterY"] - (row["CenterY"] + ty)) <= tolerance
    assert_same_shape(row, moved, tolerance)
    if well_oriented(row):
        assert angle_difference(moved["azimuth"], row["azimuth"]) < 1e-6


@SETTINGS
@given(point_sets(), method, st.floats(0.0, 360.0))
def test_rotation_turns_the_azimuth(data, method_id, degrees):
    points, weights = data
    theta = math.radians(degrees)
    rotation = np.array([[math.cos(theta), -math.sin(theta)],
                         [math.sin(theta), math.cos(theta)]])  # counter-clockwise
    row = ellipse(points, weights, method_id).iloc[0]
    turned = ellipse(points @ rotation.T, weights, method_id).iloc[0]
    tolerance = 1e-9 * (spread(row) + 1.0)
    for name in ("major_sd", "minor_sd"):
        if math.isnan(row[name]):
            assert math.isnan(turned[name])
        else:
            assert abs(turned[name] - row[name]) <= tolerance
    if well_oriented(row):
        # Turning the points counter-clockwise turns the major axis counter-clockwise, so its
        # azimuth (clockwise from north) decreases by the same angle.
        assert angle_difference(turned["azimuth"], row["azimuth"] - degrees) < 1e-6
        assert angle_difference(turned["Rotation"], row["Rotation"] - degrees) < 1e-6


@SETTINGS
@given(point_sets(), method, st.floats(1e-3, 1e3))
def test_uniform_scaling_scales_the_axes(data, method_id, factor):
    points, weights = data
    row = ellipse(points, weights, method_id).iloc[0]
    scaled = ellipse(points * factor, weights, method_id).iloc[0]
    for name in ("CenterX", "CenterY", "major_sd", "minor_sd", "XStdDist", "YStdDist"):
        if math.isnan(row[name]):
            assert math.isnan(scaled[name])
        else:
            assert math.isclose(scaled[name], row[name] * factor, rel_tol=1e-9,
                                abs_tol=1e-9 * factor * (spread(row) + 1000.0)), name
    assert math.isclose(scaled["area"], row["area"] * factor ** 2, rel_tol=1e-9,
                        abs_tol=1e-9 * (factor * (spread(row) + 1.0)) ** 2)
    if well_oriented(row):
        assert angle_difference(scaled["azimuth"], row["azimuth"]) < 1e-6


@SETTINGS
@given(point_sets(), method, st.floats(1e-3, 1e3))
def test_scaling_all_weights_changes_nothing(data, method_id, factor):
    points, weights = data
    if weights is None:
        weights = np.ones(len(points))
    row = ellipse(points, weights, method_id).iloc[0]
    heavier = ellipse(points, weights * factor, method_id).iloc[0]
    assert math.isclose(heavier["weight_sum"], row["weight_sum"] * factor, rel_tol=1e-12)
    tolerance = 1e-9 * (spread(row) + 1.0)
    assert abs(heavier["CenterX"] - row["CenterX"]) <= tolerance + 1e-12 * abs(row["CenterX"])
    assert abs(heavier["CenterY"] - row["CenterY"]) <= tolerance + 1e-12 * abs(row["CenterY"])
    assert_same_shape(row, heavier, tolerance)
    assert heavier["n"] == row["n"]
    if well_oriented(row):
        assert angle_difference(heavier["azimuth"], row["azimuth"]) < 1e-6


def assert_moments_close(merged, whole):
    np.testing.assert_array_equal(merged.n, whole.n)
    np.testing.assert_allclose(merged.weight_sum, whole.weight_sum, rtol=1e-12)
    scale = np.sqrt(np.maximum(whole.sxx + whole.syy, 0) / np.maximum(whole.weight_sum, 1e-300))
    for name in ("mean_x", "mean_y"):
        np.testing.assert_allclose(getattr(merged, name), getattr(whole, name), rtol=0,
                                   atol=1e-9 * (np.nanmax(scale, initial=0) + 1000.0))
    second = np.maximum(whole.sxx + whole.syy, 1e-300)
    for name in ("sxx", "syy", "sxy"):
        np.testing.assert_allclose(getattr(merged, name), getattr(whole, name), rtol=0,
                                   atol=float(np.max(1e-9 * second)))


@SETTINGS
@given(point_sets(min_size=2, max_size=40), st.data())
def test_merging_two_halves_equals_the_whole(data, draw):
    points, weights = data
    split = draw.draw(st.integers(0, len(points)))
    w_first = None if weights is None else weights[:split]
    w_second = None if weights is None else weights[split:]
    first = sde.GroupedMoments.from_points(points[:split, 0], points[:split, 1], w_first,
                                           n_cases=1)
    second = sde.GroupedMoments.from_points(points[split:, 0], points[split:, 1], w_second,
                                            n_cases=1)
    whole = sde.GroupedMoments.from_points(points[:, 0], points[:, 1], weights)
    assert_moments_close(first.merge(second), whole)
    assert_moments_close(second.merge(first), whole)


@SETTINGS
@given(point_sets(min_size=1, max_size=40), st.data(), method)
def test_cases_together_equal_cases_alone(data, draw, method_id):
    points, weights = data
    n_cases = draw.draw(st.integers(1, 4))
    case_index = np.array(draw.draw(st.lists(st.integers(0, n_cases - 1),
                                             min_size=len(points), max_size=len(points))))
    together = ellipse(points, weights, method_id, case_index, n_cases + 1)  # last one empty
    assert len(together) == n_cases + 1
    assert together.iloc[-1]["status"] == sde.STATUS_ZERO_WEIGHT
    assert together.iloc[-1]["n"] == 0
    for case in range(n_cases):
        member = case_index == case
        if not member.any():
            assert together.loc[case, "status"] == sde.STATUS_ZERO_WEIGHT
            continue
        alone = ellipse(points[member], None if weights is None else weights[member],
                        method_id).iloc[0]
        row = together.loc[case]
        assert row["status"] == alone["status"]
        assert row["n"] == alone["n"]
        tolerance = 1e-9 * (spread(alone) + 1.0)
        for name in ("CenterX", "CenterY", "major_sd", "minor_sd", "XStdDist", "YStdDist",
                     "scale", "pct_inside", "pct_weight_inside", "weight_sum"):
            if math.isnan(alone[name]):
                assert math.isnan(row[name]), name
            else:
                assert abs(row[name] - alone[name]) <= tolerance * max(1.0, abs(alone[name])), name
        if well_oriented(alone):
            assert angle_difference(row["azimuth"], alone["azimuth"]) < 1e-6


@SETTINGS
@given(point_sets(min_size=1, max_size=40), st.data())
def test_chunks_merge_to_the_whole(data, draw):
    points, weights = data
    cuts = sorted(draw.draw(st.lists(st.integers(0, len(points)), max_size=4)))
    bounds = [0] + cuts + [len(points)]
    chunks = [(points[a:b, 0], points[a:b, 1], None if weights is None else weights[a:b],
               np.zeros(b - a, dtype=int)) for a, b in zip(bounds[:-1], bounds[1:])]
    merged = sde.GroupedMoments.from_chunks(chunks, n_cases=1)
    whole = sde.GroupedMoments.from_points(points[:, 0], points[:, 1], weights)
    assert_moments_close(merged, whole)
    # The same through the block size of the one-call function.
    chunk_size = draw.draw(st.integers(1, 8))
    blocked = sde.standard_deviational_ellipses(points[:, 0], points[:, 1], weights,
                                                chunk_size=chunk_size).iloc[0]
    single = sde.standard_deviational_ellipses(points[:, 0], points[:, 1], weights).iloc[0]
    assert blocked["status"] == single["status"]
    assert_same_shape(single, blocked, 1e-9 * (spread(single) + 1.0))
