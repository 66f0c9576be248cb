"""core/distribution.py against independent evaluation (mpmath, closed forms, brute force) and properties."""
import datetime
import math
import pathlib
import sys

import mpmath
import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
import polygon_overlap  # noqa: E402

from clusterbelt.core import distribution, sde  # noqa: E402

mpmath.mp.dps = 50
EBDON = np.array([(1, 2), (2, 3), (2, 2), (2, 1), (3, 4), (3, 3), (3, 1), (4, 4)], dtype=float)


def random_points(seed, n, offset=0.0, spread=(1000.0, 300.0)):
    rng = np.random.default_rng(seed)
    x = rng.normal(0, spread[0], n) + offset
    y = rng.normal(0, spread[1], n) - offset / 2
    return x, y, rng.random(n) * 5


def mp_standard_distance(x, y, w):
    xs, ys, ws = [mpmath.mpf(float(v)) for v in x], [mpmath.mpf(float(v)) for v in y], [mpmath.mpf(float(v)) for v in w]
    total = mpmath.fsum(ws)
    mx = mpmath.fsum(a * b for a, b in zip(ws, xs)) / total
    my = mpmath.fsum(a * b for a, b in zip(ws, ys)) / total
    return float(mpmath.sqrt(mpmath.fsum(c * ((a - mx) ** 2 + (b - my) ** 2) for a, b, c in zip(xs, ys, ws)) / total))


def mp_gradient_norm(x, y, w, mx, my):
    mx, my = mpmath.mpf(float(mx)), mpmath.mpf(float(my))
    gx = gy = mpmath.mpf(0)
    for a, b, c in zip(x, y, w):
        dx, dy = mx - mpmath.mpf(float(a)), my - mpmath.mpf(float(b))
        d = mpmath.sqrt(dx * dx + dy * dy)
        if d:
            gx += c * dx / d
            gy += c * dy / d
    return float(mpmath.sqrt(gx * gx + gy * gy))


# ----------------------------------------------------------------------------- standard distance

def test_standard_distance_ebdon_by_hand():
    # Squared deviations about (2.5, 2.5), by hand: x 2.25 + 6 * 0.25 + 2.25 = 6, y 4 * 0.25 + 4 * 2.25 = 10.
    table = distribution.standard_distance(EBDON[:, 0], EBDON[:, 1])
    assert table.loc[0, "StdDist"] == pytest.approx(math.sqrt(16 / 8), rel=1e-15)
    assert table.loc[0, "CenterX"] == 2.5 and table.loc[0, "status"] == "ok" and table.loc[0, "n"] == 8


@pytest.mark.parametrize("offset", [0.0, 1e7])
def test_standard_distance_weighted_matches_mpmath_per_case(offset):
    x, y, w = random_points(3, 600, offset)
    case = np.arange(600) % 3
    table = distribution.standard_distance(x, y, w, case, size=2.5)
    for k in range(3):
        expected = 2.5 * mp_standard_distance(x[case == k], y[case == k], w[case == k])
        assert table.loc[k, "StdDist"] == pytest.approx(expected, rel=1e-12)


def test_standard_distance_statuses_and_zero_weights_counted_in_n():
    x = np.array([0.0, 1.0, 5.0, 5.0, 9.0, 2.0, 3.0, 7.0, 1e308, -1e308])
    y = np.zeros(10)
    w = np.array([1.0, 0.0, 1.0, 2.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0])
    case = np.array([0, 0, 1, 1, 2, 3, 3, 4, 5, 5])
    table = distribution.standard_distance(x, y, w, case)
    assert list(table["status"]) == ["identical_points", "identical_points", "zero_weight", "ok",
                                     "too_few_points", "not_finite"]
    assert list(table["n"]) == [2, 2, 1, 2, 1, 2]
    assert np.isnan(table.loc[2, "StdDist"]) and table.loc[1, "StdDist"] == 0.0
    assert table.loc[3, "StdDist"] == pytest.approx(0.5)


# ----------------------------------------------------------------------------- median centre

@pytest.mark.parametrize("offset", [0.0, 1e7])
def test_median_meets_its_optimality_condition_in_every_case(offset):
    x, y, w = random_points(5, 300, offset)
    case = np.arange(300) % 4
    table = distribution.median_center(x, y, w, case)
    assert (table["status"] == "ok").all()
    for k in range(4):
        s = case == k
        gradient = mp_gradient_norm(x[s], y[s], w[s], table.loc[k, "CenterX"], table.loc[k, "CenterY"])
        # The gradient has the units of weight; a few 1e-6 of W is rounding of coordinates at 1e7.
        assert gradient <= 1e-6 * w[s].sum()
        assert 3 <= table.loc[k, "iterations"] < 200


def test_median_lands_on_a_heavy_data_point_exactly():
    # A point whose weight exceeds the others' total is the median (Vardi-Zhang stops on it).
    x = np.array([0.0, 10.0, 0.0, 3.0])
    y = np.array([0.0, 0.0, 10.0, 4.0])
    w = np.array([1.0, 1.0, 1.0, 5.0])
    table = distribution.median_center(x, y, w)
    assert (table.loc[0, "CenterX"], table.loc[0, "CenterY"]) == (3.0, 4.0)


def test_median_of_collinear_points_is_the_middle_point():
    x = np.array([0.0, 1.0, 2.0, 7.0, 20.0])
    table = distribution.median_center(x, 2 * x + 1)
    assert table.loc[0, "CenterX"] == pytest.approx(2.0, abs=1e-7)
    assert table.loc[0, "CenterY"] == pytest.approx(5.0, abs=1e-7)


def test_median_invariant_under_translation_rotation_and_weight_scaling():
    x, y, w = random_points(8, 200)
    base = distribution.median_center(x, y, w)
    angle = math.radians(37.0)
    xr = math.cos(angle) * x - math.sin(angle) * y + 123456.0
    yr = math.sin(angle) * x + math.cos(angle) * y - 654321.0
    moved = distribution.median_center(xr, yr, w * 1000.0)
    bx, by = base.loc[0, "CenterX"], base.loc[0, "CenterY"]
    expected = (math.cos(angle) * bx - math.sin(angle) * by + 123456.0,
                math.sin(angle) * bx + math.cos(angle) * by - 654321.0)
    scale = distribution.standard_distance(x, y, w).loc[0, "StdDist"]
    assert moved.loc[0, "CenterX"] == pytest.approx(expected[0], abs=1e-7 * scale)
    assert moved.loc[0, "CenterY"] == pytest.approx(expected[1], abs=1e-7 * scale)


def test_median_many_cases_equals_one_case_at_a_time_and_statuses():
    x, y, w = random_points(9, 90)
    case = np.arange(90) % 3
    together = distribution.median_center(x, y, w, case)
    for k in range(3):
        alone = distribution.median_center(x[case == k], y[case == k], w[case == k])
        assert together.loc[k, "CenterX"] == pytest.approx(alone.loc[0, "CenterX"], abs=1e-6)
    degenerate = distribution.median_center([1.0, 1.0, 4.0], [2.0, 2.0, 4.0], [1.0, 1.0, 0.0], [0, 0, 1], 3)
    assert list(degenerate["status"]) == ["identical_points", "zero_weight", "zero_weight"]
    assert degenerate.loc[0, "CenterX"] == 1.0 and degenerate.loc[0, "iterations"] == 0


def test_median_reports_not_converged_and_cancel():
    x, y, w = random_points(2, 50)
    capped = distribution.median_center(x, y, w, max_iterations=2)
    assert capped.loc[0, "status"] == "not_converged" and capped.loc[0, "iterations"] == 2
    assert distribution.median_center(x, y, w, is_canceled=lambda: True) is None


def reference_median(x, y, w, relative_step=1e-14, max_steps=20_000):
    """The median of one case, independently of the engine: a data point where it meets the optimality
    condition ``|sum_{others} w (p - q)/d| <= w_q`` (every point checked, brute force), otherwise plain
    Weiszfeld from the mean (the engine's old iteration) run until a step is below ``relative_step`` of
    the spread."""
    x, y, w = (np.asarray(a, dtype=float) for a in (x, y, w))
    keep = w > 0
    x, y, w = x[keep], y[keep], w[keep]
    m = np.array([np.sum(w * x), np.sum(w * y)]) / w.sum()
    spread = math.sqrt(np.sum(w * ((x - m[0]) ** 2 + (y - m[1]) ** 2)) / w.sum())
    dx, dy = x[None, :] - x[:, None], y[None, :] - y[:, None]
    d = np.hypot(dx, dy)
    inverse = np.divide(w[None, :], d, out=np.zeros_like(d), where=d > 0)
    pull = np.hypot(np.sum(inverse * dx, axis=1), np.sum(inverse * dy, axis=1))
    on_point = np.flatnonzero(pull <= np.sum(np.where(d == 0, w[None, :], 0.0), axis=1))
    if on_point.size:
        return np.array([x[on_point[0]], y[on_point[0]]]), spread
    for _ in range(max_steps):
        inverse = w / np.hypot(x - m[0], y - m[1])
        step = np.array([np.sum(inverse * x), np.sum(inverse * y)]) / inverse.sum() - m
        m = m + step
        if math.hypot(*step) <= relative_step * spread:
            break
    return m, spread


def objective(x, y, w, mx, my):
    return float(np.sum(np.asarray(w) * np.hypot(np.asarray(x) - mx, np.asarray(y) - my)))


def median_cases(seed):
    """Cases of 2 to 400 points: normal, skewed, clustered, some with zero weights, some whose median is
    a data point (a point given a little more weight than the pull of the others on it)."""
    rng = np.random.default_rng(seed)
    xs, ys, ws, cases = [], [], [], []
    for k in range(40):
        n = int(rng.choice([2, 3, 5, 20, 100, 400]))
        kind = k % 5
        if kind == 0:
            x, y = rng.normal(0, 1000, n), rng.normal(0, 300, n)
        elif kind == 1:
            x, y = rng.lognormal(0, 1.5, n) * 1000, rng.lognormal(0, 1, n) * 1000
        else:
            centres = rng.normal(0, 5000, (3, 2))
            pick = rng.integers(0, 3, n)
            x, y = centres[pick, 0] + rng.normal(0, 200, n), centres[pick, 1] + rng.normal(0, 200, n)
        w = rng.uniform(0.1, 10, n)
        if kind == 2:
            w[rng.random(n) < 0.3] = 0.0
            w[:2] = 1.0
        if kind == 3 and n > 2:
            j = int(rng.integers(0, n))
            d = np.hypot(x - x[j], y - y[j])
            others = np.arange(n) != j
            pull = math.hypot(np.sum(w[others] * (x[others] - x[j]) / d[others]),
                              np.sum(w[others] * (y[others] - y[j]) / d[others]))
            w[j] = pull / rng.uniform(0.95, 0.999)
        xs.append(x + 3e6)
        ys.append(y - 1e6)
        ws.append(w)
        cases.append(np.full(n, k))
    order = rng.permutation(sum(a.size for a in xs))
    return tuple(np.concatenate(a)[order] for a in (xs, ys, ws, cases))


@pytest.mark.parametrize("seed", [11, 12])
def test_median_is_the_minimiser_found_by_weiszfeld_run_to_rounding(seed):
    x, y, w, case = median_cases(seed)
    table = distribution.median_center(x, y, w, case)
    assert (table["status"] == "ok").all() and np.isfinite(table[["CenterX", "CenterY"]]).all().all()
    for k in range(table.shape[0]):
        s = case == k
        (rx, ry), spread = reference_median(x[s], y[s], w[s])
        mx, my = table.loc[k, "CenterX"], table.loc[k, "CenterY"]
        # Two points of equal weight: every point between them is a median; compare the objective.
        assert objective(x[s], y[s], w[s], mx, my) <= objective(x[s], y[s], w[s], rx, ry) * (1 + 1e-13)
        if np.count_nonzero(w[s]) > 2:
            assert math.hypot(mx - rx, my - ry) <= 1e-8 * spread
        on_point = np.any((x[s] == mx) & (y[s] == my) & (w[s] > 0))
        if not on_point:
            assert mp_gradient_norm(x[s], y[s], w[s], mx, my) <= 1e-6 * w[s].sum()
        # Far fewer passes than Weiszfeld's linear approach.
        assert table.loc[k, "iterations"] <= 30


def test_median_on_a_data_point_is_probed_after_newton_fails():
    # Weight 1/0.995 of the pull of the others: Weiszfeld approaches the point by a factor 0.995 per
    # step (thousands of steps); Newton overshoots the kink, and the probe of the nearest point stops there.
    rng = np.random.default_rng(21)
    x, y, w = rng.normal(0, 1000, 200), rng.normal(0, 400, 200), rng.uniform(0.1, 10, 200)
    j = 7
    d = np.hypot(x - x[j], y - y[j])
    others = np.arange(200) != j
    w[j] = math.hypot(np.sum(w[others] * (x[others] - x[j]) / d[others]),
                      np.sum(w[others] * (y[others] - y[j]) / d[others])) / 0.995
    table = distribution.median_center(x, y, w)
    assert (table.loc[0, "CenterX"], table.loc[0, "CenterY"]) == (x[j], y[j])
    assert table.loc[0, "iterations"] <= 15 and table.loc[0, "status"] == "ok"


def test_median_of_collinear_points_and_of_two_points():
    # Collinear: H is singular, so Weiszfeld's steps only; an even count has a segment of medians.
    x = np.array([0.0, 1.0, 2.0, 3.0])
    table = distribution.median_center(x, 3 * x - 2)
    mx, my = table.loc[0, "CenterX"], table.loc[0, "CenterY"]
    assert 1.0 - 1e-9 <= mx <= 2.0 + 1e-9 and my == pytest.approx(3 * mx - 2, abs=1e-9)
    assert objective(x, 3 * x - 2, np.ones(4), mx, my) == pytest.approx(4 * math.sqrt(10), rel=1e-12)
    weighted = distribution.median_center(x, 3 * x - 2, [1.0, 1.0, 3.0, 1.0])  # the weighted median: x = 2
    assert (weighted.loc[0, "CenterX"], weighted.loc[0, "CenterY"]) == (2.0, 4.0)
    two = distribution.median_center([5.0, 9.0], [1.0, 4.0], [2.0, 1.0])
    assert (two.loc[0, "CenterX"], two.loc[0, "CenterY"]) == (5.0, 1.0) and two.loc[0, "status"] == "ok"
    even = distribution.median_center([5.0, 9.0], [1.0, 4.0])
    assert objective([5.0, 9.0], [1.0, 4.0], [1.0, 1.0], even.loc[0, "CenterX"], even.loc[0, "CenterY"]) == (
        pytest.approx(5.0, rel=1e-12))


def test_median_ignores_zero_weights():
    x, y, w = random_points(13, 120, 1e6)
    w[::3] = 0.0
    table = distribution.median_center(x, y, w)
    alone = distribution.median_center(x[w > 0], y[w > 0], w[w > 0])
    assert table.loc[0, "n"] == 120 and alone.loc[0, "n"] == 80
    assert table.loc[0, "CenterX"] == alone.loc[0, "CenterX"] and table.loc[0, "CenterY"] == alone.loc[0, "CenterY"]


def test_median_cases_stop_on_their_own_passes_and_report_not_converged():
    x, y, w, case = median_cases(15)
    free = distribution.median_center(x, y, w, case)
    cap = int(free["iterations"].median())
    capped = distribution.median_center(x, y, w, case, max_iterations=cap)
    done = free["iterations"] <= cap
    assert 0 < done.sum() < free.shape[0] and (free["status"] == "ok").all()
    assert (capped.loc[done, ["CenterX", "CenterY"]] == free.loc[done, ["CenterX", "CenterY"]]).all().all()
    assert (capped.loc[done, "status"] == "ok").all() and (capped.loc[~done, "status"] == "not_converged").all()
    assert (capped.loc[~done, "iterations"] == cap).all()
    assert np.isfinite(capped[["CenterX", "CenterY"]].to_numpy(dtype=float)).all()


def test_median_calls_progress_and_cancel_once_per_pass():
    x, y, w = random_points(14, 500)
    case = np.arange(500) % 5
    calls = {"progress": 0, "cancel": 0}

    def canceled():
        calls["cancel"] += 1
        return False

    table = distribution.median_center(x, y, w, case, progress=lambda share: calls.__setitem__(
        "progress", calls["progress"] + 1), is_canceled=canceled)
    assert calls["progress"] == calls["cancel"] == table["iterations"].max()


# ----------------------------------------------------------------------------- central feature

def brute_force_central(x, y, w):
    sums = [sum(float(w[i]) * math.hypot(x[i] - x[j], y[i] - y[j]) for i in range(len(x))) for j in range(len(x))]
    best = min(sums)
    return next(j for j, value in enumerate(sums) if value <= best * (1 + 1e-12)), best


@pytest.mark.parametrize("block_elements", [7, 64, 1 << 20])
def test_central_feature_matches_brute_force_in_any_blocking(block_elements):
    rng = np.random.default_rng(4)
    sizes = [1, 40, 3, 25, 2]
    case = rng.permutation(np.repeat(np.arange(5), sizes))
    x, y, w = random_points(6, case.size, 1e6)
    table = distribution.central_feature(x, y, w, case, block_elements=block_elements)
    for k in range(5):
        rows = np.flatnonzero(case == k)
        best, best_sum = brute_force_central(x[rows], y[rows], w[rows])
        assert table.loc[k, "row"] == rows[best]
        assert table.loc[k, "sum_distance"] == pytest.approx(best_sum, rel=1e-9)
    assert table.loc[0, "status"] == "too_few_points"


def test_central_feature_ties_go_to_the_first_feature_and_zero_weights_are_candidates():
    square = np.array([(0, 0), (1, 0), (1, 1), (0, 1)], dtype=float)
    table = distribution.central_feature(square[::-1, 0], square[::-1, 1])
    assert table.loc[0, "row"] == 0
    # The centre point of weight 0 is the central feature of the weighted square.
    x = np.array([0.0, 2.0, 2.0, 0.0, 1.0])
    y = np.array([0.0, 0.0, 2.0, 2.0, 1.0])
    table = distribution.central_feature(x, y, [1, 1, 1, 1, 0])
    assert table.loc[0, "row"] == 4 and table.loc[0, "sum_distance"] == pytest.approx(4 * math.sqrt(2))


def test_central_feature_refuses_cases_above_the_limit():
    with pytest.raises(distribution.CaseTooLargeError, match="up to 10 points"):
        distribution.central_feature(np.arange(11.0), np.zeros(11), max_case_size=10)


# ----------------------------------------------------------------------------- angles, overlap, shifts

def test_bearing_and_axial_difference():
    assert list(distribution.bearing([0, 1, 0, -1, 1], [1, 0, -1, 0, 1])) == [0, 90, 180, 270, 45]
    assert np.isnan(distribution.bearing(0.0, 0.0))
    assert list(distribution.axial_difference([170, 10, 0, 0, 45], [10, 170, 90, 91, 45])) == [20, -20, 90, -89, 0]


def circles(centres_x, radii):
    radii = np.asarray(radii, dtype=float)
    return pd.DataFrame({"CenterX": np.asarray(centres_x, dtype=float), "CenterY": np.zeros(radii.size),
                         "major_sd": radii, "minor_sd": radii, "azimuth": np.full(radii.size, np.nan)})


def lens_iou(d, r1, r2):
    r1, r2, d = mpmath.mpf(r1), mpmath.mpf(r2), mpmath.mpf(d)
    if d >= r1 + r2:
        inter = mpmath.mpf(0)
    elif d <= abs(r1 - r2):
        inter = mpmath.pi * min(r1, r2) ** 2
    else:
        inter = (r1 ** 2 * mpmath.acos((d * d + r1 * r1 - r2 * r2) / (2 * d * r1))
                 + r2 ** 2 * mpmath.acos((d * d + r2 * r2 - r1 * r1) / (2 * d * r2))
                 - mpmath.sqrt((-d + r1 + r2) * (d + r1 - r2) * (d - r1 + r2) * (d + r1 + r2)) / 2)
    return float(inter / (mpmath.pi * (r1 ** 2 + r2 ** 2) - inter))


def test_iou_of_circles_matches_the_closed_form_within_the_stated_error():
    offsets = [0.0, 0.3, 1.0, 1.7, 2.5, 0.5, 3.0]
    radii_b = [2.0, 1.0, 1.0, 1.2, 1.0, 0.4, 1.0]
    table = distribution.compare_ellipses(circles(np.zeros(7), np.ones(7)), circles(offsets, radii_b))
    for row, (d, r2) in enumerate(zip(offsets, radii_b)):
        assert table.loc[row, "iou"] == pytest.approx(lens_iou(d, 1.0, r2), abs=distribution.OVERLAP_ERROR)
    assert table.loc[0, "share_a_in_b"] == pytest.approx(1.0, abs=1e-12)
    assert table.loc[0, "share_b_in_a"] == pytest.approx(0.25, abs=1e-6)


def test_iou_is_invariant_under_stretching_circles_into_ellipses():
    # An affine map keeps area ratios: circles stretched 3x east-west are ellipses with the same iou.
    a = circles([0.0], [1.0]).assign(major_sd=3.0, azimuth=90.0, CenterX=5e6)
    b = circles([3 * 1.3], [1.0]).assign(major_sd=3.0, azimuth=90.0, CenterX=5e6 + 3 * 1.3)
    table = distribution.compare_ellipses(a, b)
    assert table.loc[0, "iou"] == pytest.approx(lens_iou(1.3, 1.0, 1.0), abs=distribution.OVERLAP_ERROR)
    assert table.loc[0, "center_bearing"] == pytest.approx(90.0)
    assert table.loc[0, "center_distance"] == pytest.approx(3.9)


def ellipse_table(rows):
    return pd.DataFrame(rows, columns=["CenterX", "CenterY", "major_sd", "minor_sd", "azimuth"])


def test_a_small_circle_across_the_edge_of_a_large_one_is_found_on_the_small_boundary():
    # Radius 0.5 against radius 1e4: the large circle's grid steps 15 units, far coarser than the small
    # circle, so only the crossings found on the small boundary can give the lens.
    # The small circles sit half-way between two of its grid points.
    big = circles([0.0, 0.0], [1e4, 1e4])
    distances = np.array([1e4 - 0.2, 1e4 + 0.4])
    half_step = math.pi / distribution.OVERLAP_SAMPLES
    small = circles(distances * math.cos(half_step), [0.5, 0.5]).assign(CenterY=distances * math.sin(half_step))
    table = distribution.compare_ellipses(big, small)
    for row, d in enumerate(distances):
        inter = lens_iou(d, 1e4, 0.5)
        inter = inter * math.pi * (1e8 + 0.25) / (1 + inter)  # intersection from iou
        assert table.loc[row, "share_b_in_a"] == pytest.approx(inter / (math.pi * 0.25), abs=1e-9)
        assert table.loc[row, "iou"] == pytest.approx(lens_iou(d, 1e4, 0.5), abs=distribution.OVERLAP_ERROR)


def test_two_crossed_congruent_ellipses_have_the_closed_form_area():
    # x^2/a^2 + y^2/b^2 <= 1 and the same turned 90 degrees: four crossings, area 4 a b atan(b / a).
    a, b = 3.0, 1.2
    first = ellipse_table([(7e5, 4e6, a, b, 90.0), (7e5, 4e6, a, b, 25.0)])
    second = ellipse_table([(7e5, 4e6, a, b, 0.0), (7e5, 4e6, a, b, 115.0)])
    area = distribution.ellipse_intersection_area(first, second)
    exact = float(4 * a * b * mpmath.atan(mpmath.mpf(b) / a))
    assert area == pytest.approx([exact, exact], rel=1e-12)


X0, Y0 = 4.2e5, 3.1e6
OVERLAP_CASES = {  # ellipse B against A = (X0, Y0, 3, 1, azimuth 30): major axis 60 degrees from east
    "two crossings": (X0 + 0.8, Y0 - 0.5, 2.0, 1.2, 110.0),
    "four crossings": (X0 + 0.3, Y0 + 0.2, 2.8, 1.3, 95.0),
    "B inside A": (X0 + 0.1, Y0, 1.5, 0.5, 35.0),
    "A inside B": (X0 - 0.2, Y0 + 0.1, 6.0, 4.0, 20.0),
    "disjoint": (X0 + 10.0, Y0, 3.0, 1.0, 30.0),
    "a circle over the tip": (X0 + 3.5 * math.cos(math.radians(60)), Y0 + 3.5 * math.sin(math.radians(60)),
                              1.0, 1.0, np.nan),
    "nearly touching": (X0 - 2.0 * math.sin(math.radians(60)) + 1e-4, Y0 + 2.0 * math.cos(math.radians(60)),
                        2.5, 1.0, 30.0),
    "shifted along the axis": (X0 + 0.5, Y0, 3.0, 1.0, 30.0),
}


def test_overlap_of_turned_ellipses_matches_fine_polygon_clipping():
    first = ellipse_table([(X0, Y0, 3.0, 1.0, 30.0)] * len(OVERLAP_CASES))
    second = ellipse_table(list(OVERLAP_CASES.values()))
    table = distribution.compare_ellipses(first, second)
    # 2048-vertex polygons: their own error is a few 1e-10 here (a quarter of that at 1024 vertices).
    iou, share_a, share_b = polygon_overlap.iou(first, second, vertices=2048)
    for row, name in enumerate(OVERLAP_CASES):
        assert table.loc[row, "iou"] == pytest.approx(iou[row], abs=distribution.OVERLAP_ERROR), name
        assert table.loc[row, "share_a_in_b"] == pytest.approx(share_a[row], abs=distribution.OVERLAP_ERROR), name
        assert table.loc[row, "share_b_in_a"] == pytest.approx(share_b[row], abs=distribution.OVERLAP_ERROR), name
    by_name = dict(zip(OVERLAP_CASES, table.to_dict("records")))
    assert by_name["B inside A"]["share_b_in_a"] == pytest.approx(1.0, abs=1e-12)
    assert by_name["A inside B"]["share_a_in_b"] == pytest.approx(1.0, abs=1e-12)
    assert by_name["disjoint"]["iou"] == 0.0
    assert 0 < by_name["nearly touching"]["iou"] < 1e-4


def test_overlap_rules_for_identical_flat_and_undefined_ellipses_and_chunks():
    a = (X0, Y0, 3.0, 1.0, 30.0)
    first = ellipse_table([a, a, a, (X0, Y0, 2.0, 2.0, np.nan)])
    second = ellipse_table([a, (X0, Y0, 3.0, 0.0, 30.0), (np.nan, Y0, 3.0, 1.0, 30.0), (X0, Y0, 2.0, 2.0, np.nan)])
    area = distribution.ellipse_intersection_area(first, second)
    assert area[0] == math.pi * 3.0 and area[1] == 0.0 and np.isnan(area[2]) and area[3] == math.pi * 4.0
    # Many pairs run in chunks, report progress per chunk and stop when cancelled.
    many_a = ellipse_table([(X0, Y0, 3.0, 1.0, 30.0)] * 600)
    many_b = ellipse_table([OVERLAP_CASES["two crossings"]] * 600)
    shares = []
    area = distribution.ellipse_intersection_area(many_a, many_b, progress=shares.append)
    assert np.all(area == area[0]) and shares[-1] == 1.0 and len(shares) > 2 and shares == sorted(shares)
    assert distribution.ellipse_intersection_area(many_a, many_b, is_canceled=lambda: True) is None


def ellipse_rows(points_sets, weights=None):
    rows = [sde.standard_deviational_ellipses(p[:, 0], p[:, 1], weights).iloc[0] for p in points_sets]
    return pd.DataFrame(rows).reset_index(drop=True)


def test_a_period_with_identical_data_has_iou_one_and_no_shift():
    x, y, w = random_points(11, 100, 3e6)
    points = np.column_stack([x, y])
    table = ellipse_rows([points, points.copy()], w)
    shifts = distribution.period_shifts(table.iloc[[0]], table.iloc[[1]], [2013.0], [2015.0])
    assert shifts.loc[0, "iou"] == 1.0 and shifts.loc[0, "shift_distance"] == 0.0
    assert np.isnan(shifts.loc[0, "shift_bearing"]) and shifts.loc[0, "shift_speed"] == 0.0
    assert shifts.loc[0, ["d_major_sd", "d_minor_sd", "d_azimuth", "d_area", "d_flattening"]].eq(0).all()


def test_shift_of_a_moved_and_turned_distribution():
    before = EBDON - EBDON.mean(axis=0)
    angle = math.radians(-30.0)  # -30 degrees from +x: a clockwise turn on the map
    turn = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    after = before @ turn.T + np.array([0.3, -0.4])
    table = ellipse_rows([before, after])
    shifts = distribution.period_shifts(table.iloc[[0]], table.iloc[[1]], [2019.0], [2021.0])
    assert shifts.loc[0, "shift_distance"] == pytest.approx(0.5)
    assert shifts.loc[0, "shift_bearing"] == pytest.approx(180 - math.degrees(math.atan2(3, 4)))
    assert shifts.loc[0, "shift_speed"] == pytest.approx(0.25)
    assert shifts.loc[0, "d_azimuth"] == pytest.approx(30.0)  # clockwise turn of the axis
    assert abs(shifts.loc[0, "d_major_sd"]) < 1e-12 and abs(shifts.loc[0, "d_area"]) < 1e-12
    assert 0 < shifts.loc[0, "iou"] < 1
    assert np.isnan(distribution.period_shifts(table.iloc[[0]], table.iloc[[1]]).loc[0, "shift_speed"])


# ----------------------------------------------------------------------------- periods

def test_periods_order_naturally_with_times():
    ordered, times = distribution.order_periods([2015, None, 2013, 2015, 2021])
    assert ordered == [2013, 2015, 2021] and list(times) == [2013.0, 2015.0, 2021.0]
    ordered, times = distribution.order_periods(["batch 10", "batch 2", "Batch 1"])
    assert ordered == ["Batch 1", "batch 2", "batch 10"] and times is None
    ordered, times = distribution.order_periods([datetime.date(2020, 1, 3), datetime.date(2020, 1, 1)])
    assert ordered[0] == datetime.date(2020, 1, 1) and list(np.diff(times)) == [2.0]
    with pytest.raises(distribution.InputError, match="mix"):
        distribution.order_periods([2013, "2015"])


def test_cumulative_periods_hold_everything_up_to_them():
    rows, periods = distribution.period_members([0, 2, -1, 1], 3, cumulative=True)
    assert sorted(zip(rows.tolist(), periods.tolist())) == [(0, 0), (0, 1), (0, 2), (1, 2), (3, 1), (3, 2)]
    rows, periods = distribution.period_members([0, 2, -1, 1], 3, cumulative=False)
    assert rows.tolist() == [0, 1, 3] and periods.tolist() == [0, 2, 1]


# ----------------------------------------------------------------------------- bootstrap

def test_bootstrap_is_reproducible_and_brackets_the_estimate():
    x, y, w = random_points(12, 400, 1e6)
    case = np.arange(400) % 2
    first = distribution.bootstrap_ellipses(x, y, w, case, replicates=300, seed=7)
    again = distribution.bootstrap_ellipses(x, y, w, case, replicates=300, seed=7)
    pd.testing.assert_frame_equal(first, again)
    estimate = sde.standard_deviational_ellipses(x, y, w, case)
    for k in range(2):
        for name, column in (("center_x_calc_crs", "CenterX"), ("major_sd", "major_sd"), ("azimuth", "azimuth")):
            assert first.loc[k, f"{name}_lo"] < estimate.loc[k, column] < first.loc[k, f"{name}_hi"]


def test_bootstrap_centre_interval_has_the_width_of_the_normal_theory():
    # Unweighted normal points: the centre's 95 % interval is about +-1.96 sd / sqrt(n).
    rng = np.random.default_rng(21)
    x = rng.normal(0, 100, 2000)
    y = rng.normal(0, 50, 2000)
    table = distribution.bootstrap_ellipses(x, y, replicates=1000, confidence=95, seed=1)
    width = table.loc[0, "center_x_calc_crs_hi"] - table.loc[0, "center_x_calc_crs_lo"]
    assert width == pytest.approx(2 * 1.96 * x.std() / math.sqrt(2000), rel=0.1)


def test_bootstrap_azimuth_interval_across_north_is_read_mod_180():
    rng = np.random.default_rng(5)
    x = rng.normal(0, 20, 300)
    y = rng.normal(0, 100, 300)  # major axis about north: replicates fall on both sides of 0/180
    table = distribution.bootstrap_ellipses(x, y, replicates=400, seed=3)
    low, high = table.loc[0, "azimuth_lo"], table.loc[0, "azimuth_hi"]
    assert 0 < high - low < 20  # a narrow interval, not one spanning most of [0, 180)
    assert low < 180 < high or low < 0 < high


def test_ellipses_are_recovered_from_their_polygons():
    x, y, w = random_points(13, 200, 4e6)
    case = np.arange(200) % 4
    table = sde.standard_deviational_ellipses(x, y * np.where(case == 3, 0.2, 1.0), w, case)
    for vertices in (36, 360):
        rings = sde.ellipse_rings(table, vertices)
        found = distribution.ellipses_from_rings(rings[:, ::-1])  # clockwise rings too
        for name in ("CenterX", "CenterY", "major_sd", "minor_sd"):
            np.testing.assert_allclose(found[name], table[name], rtol=1e-9)
        assert np.abs(distribution.axial_difference(found["azimuth"], table["azimuth"])).max() < 1e-7
    circle = distribution.ellipses_from_rings([[(1, 0), (0, 1), (-1, 0), (0, -1)]])
    assert np.isnan(circle.loc[0, "azimuth"]) and circle.loc[0, "major_sd"] == pytest.approx(1.0)
