"""The rest of the geographic-distribution toolset, many cases at once, vectorised.

Standard distance, median centre and central feature (ArcGIS's "Measuring Geographic
Distributions"), the shift of an ellipse between periods, the comparison of two ellipses and
bootstrap confidence intervals of an ellipse. The conventions are those of :mod:`core.sde`
(see its docstring and the project's distribution-reference.md):

* points ``(x, y)`` in one planar CRS, every length in its units, angles in degrees;
* weights ``w >= 0`` (negative weights count as 0), ``W`` their sum per case;
* ``n`` is the number of points used, zero weights included (``GroupedMoments.n``), so
  that ``n + n_skipped`` is the number of features read;
* cases are integers ``0 .. n_cases - 1``; every function returns one row per case;
* statuses are those of the ellipse tool (``zero_weight``, ``not_finite``, ``too_few_points``,
  ``identical_points``, ``ok``), first matching rule wins; the rules of each statistic are in
  its docstring.

No Python loop runs per point; loops run per pass (median), per block of point pairs
(central feature), per replicate block (bootstrap) or per chunk of ellipse pairs (overlap).
"""
import math
import re

import numpy as np
import pandas as pd

from . import schema, sde
from .errors import InputError

STATUS_NOT_CONVERGED = "not_converged"

#: Standard distance and the median need two distinct points with positive weight to be
#: more than a single point (ArcGIS draws nothing for one feature).
MIN_POINTS_SPREAD = 2

#: Median centre: a case stops when its step is below this share of its standard distance.
MEDIAN_RELATIVE_TOLERANCE = 1e-9
#: Median centre: passes over the points before a case is given up as not_converged.
MEDIAN_MAX_ITERATIONS = 10_000
#: Median centre: Newton's step is not tried where det(H) / (sum w/d)^2 is below this, the Hessian being
#: singular to rounding (the two eigenvalues of H add up to sum w/d; collinear points make one 0).
NEWTON_MIN_DETERMINANT = 1e-12
#: Median centre: after k failed tries in a row (a Newton step or a probed data point) a case takes
#: 2^k - 1 passes of Weiszfeld steps before it tries again, with k capped here.
MEDIAN_MAX_PAUSE_DOUBLINGS = 6

#: Central feature: the largest case whose n^2 distances are computed exactly. Above it the
#: work (n^2 distance evaluations, about 1e10 at the limit) takes minutes; the engine refuses.
CENTRAL_FEATURE_MAX_CASE_SIZE = 100_000
#: Central feature: distance-matrix entries per block (bounds memory to a few times 8 MB).
CENTRAL_FEATURE_BLOCK_ELEMENTS = 1 << 20
#: Central feature: sums within this relative distance of the least sum are ties, and the
#: first feature in input order wins (symmetric layouts otherwise split on rounding noise).
CENTRAL_FEATURE_TIE_RELATIVE = 1e-12

#: Overlap of two ellipses (Green's theorem on their exact boundaries): points of each boundary on
#: which the crossings with the other are searched, each refined by OVERLAP_BISECTIONS halvings to
#: rounding. The one limit: two crossings closer than one step (2 pi / OVERLAP_SAMPLES in the
#: parameter) on BOTH boundaries can be missed. What is then lost or added is the sliver between them,
#: inside the segment its ellipse cuts off with the chord of a step: at most ab (D - sin D) / 2 with
#: D = 2 pi / OVERLAP_SAMPLES, about 1e-10 of that ellipse's area here (so iou within 2e-10).
OVERLAP_SAMPLES = 4096
OVERLAP_BISECTIONS = 60
#: Ellipse pairs x samples evaluated at once (bounds memory to a few times 8 MB).
OVERLAP_CHUNK_ELEMENTS = 1 << 20
#: Bound on the error of iou stated to users (schema, README), with margin over the missed-sliver
#: bound and rounding; tests/core/test_distribution.py checks it against the closed form for circles
#: and against fine polygon clipping for ellipses.
OVERLAP_ERROR = 1e-9

#: Bootstrap: points x replicates drawn per block (bounds memory).
BOOTSTRAP_BLOCK_ELEMENTS = 1 << 22

#: The engine's columns of the shifts and of the comparison (declared in core/schema.py).
SHIFT_COLUMNS = schema.DISTRIBUTION_SHIFTS.engine_columns()
COMPARE_COLUMNS = schema.COMPARE_ELLIPSES.engine_columns()
BOOTSTRAP_STATISTICS = ("center_x_calc_crs", "center_y_calc_crs", "major_sd", "minor_sd", "azimuth")


class CaseTooLargeError(InputError):
    """A case has more points than :data:`CENTRAL_FEATURE_MAX_CASE_SIZE` (``case`` says which)."""

    def __init__(self, message, case):
        super().__init__(message)
        self.case = case


def _divide(numerator, denominator, fill=np.nan):
    return sde._divide(numerator, denominator, fill)


def _prepared(x, y, weights, case_index, n_cases, moments=None):
    """Checked arrays and exact grouped moments (centre and spread) of the points. ``moments``: those of
    these very points when they were computed as the points were read (:class:`sde.MomentsStream`)."""
    x, y, w, case, n_cases, n_clipped = sde.prepare_points(x, y, weights, case_index, n_cases)
    if moments is None:
        moments = sde.GroupedMoments._from_prepared(x, y, w, case, n_cases, n_clipped)
    else:
        sde.check_moments_match(moments, x.size, n_cases)
    return x, y, w, case, n_cases, moments


def _spread_status(moments, radius):
    """Statuses of the spread statistics, first rule wins: zero_weight, not_finite (the sums
    overflow a double), too_few_points (fewer than 2 points), identical_points, ok."""
    has_weight = moments.weight_sum > 0
    finite = (np.isfinite(moments.weight_sum) & np.isfinite(moments.mean_x) & np.isfinite(moments.mean_y)
              & np.isfinite(radius))
    status = np.full(moments.n_cases, sde.STATUS_OK, dtype=object)
    status[has_weight & (radius == 0)] = sde.STATUS_IDENTICAL
    status[has_weight & (moments.n < MIN_POINTS_SPREAD)] = sde.STATUS_TOO_FEW
    status[has_weight & ~finite] = sde.STATUS_NOT_FINITE
    status[~has_weight] = sde.STATUS_ZERO_WEIGHT
    return status


def _case_frame(columns, n_cases, moments):
    table = pd.DataFrame(columns, index=pd.RangeIndex(n_cases, name="case_index"))
    table.attrs["n_clipped_weights"] = int(moments.n_clipped.sum())
    return table


# ----------------------------------------------------------------------------- standard distance

def standard_distance(x, y, weights=None, case_index=None, n_cases=None, size=1.0, moments=None):
    """ArcGIS Standard Distance per case: ``size * sqrt(sum w |p - mean|^2 / W)``.

    Returns a DataFrame (one row per case) with ``n``, ``weight_sum``, ``CenterX``, ``CenterY``
    (the weighted mean), ``StdDist`` and ``status``: ``zero_weight`` (W == 0, numbers NaN),
    ``too_few_points`` (fewer than 2 points), ``not_finite`` (sums overflow), ``identical_points``
    (StdDist 0), ``ok``. The deviations come from :class:`sde.GroupedMoments` (two-pass,
    exact at large coordinate offsets).

    ``moments``: the grouped moments of these very points when they were computed as the points
    were read (:class:`sde.MomentsStream`); the points are then not read again.
    """
    if moments is not None:  # the points themselves are not needed
        sde.check_moments_match(moments, np.size(x), n_cases)
        return standard_distance_from_moments(moments, size)
    _, _, _, _, n_cases, moments = _prepared(x, y, weights, case_index, n_cases)
    return standard_distance_from_moments(moments, size)


def standard_distance_from_moments(moments, size=1.0):
    """:func:`standard_distance` from :class:`sde.GroupedMoments` already computed (merged from
    chunks or from the partitions of a cluster, core/distributed.py)."""
    size = sde._check_size(size)
    n_cases = moments.n_cases
    with np.errstate(over="ignore", invalid="ignore"):  # overflow gives the status not_finite
        radius = np.sqrt(_divide(moments.sxx + moments.syy, moments.weight_sum))
    return _case_frame({
        "n": moments.n,
        "weight_sum": moments.weight_sum,
        "CenterX": moments.mean_x,
        "CenterY": moments.mean_y,
        "StdDist": size * radius,
        "status": _spread_status(moments, radius),
    }, n_cases, moments)


# ----------------------------------------------------------------------------- median centre

def median_center(x, y, weights=None, case_index=None, n_cases=None,
                  tolerance=MEDIAN_RELATIVE_TOLERANCE, max_iterations=MEDIAN_MAX_ITERATIONS,
                  progress=None, is_canceled=None, moments=None):
    """The point minimising ``f(m) = sum w |p - m|`` per case (ArcGIS Median Center).

    All cases at once, from the weighted mean. Each pass over a case's points evaluates, at its
    estimate ``m``, the distances ``d``, the gradient ``g = sum w (m - p)/d``, the weight ``eta`` of
    the points on ``m`` and the Hessian ``H = sum (w/d) (I - e e')`` (``e`` the unit vector from
    ``p`` to ``m``), checks the try of the pass before, if any, and moves ``m`` by one of:

    * Newton's step ``-H^-1 g``: the Newton acceleration of Weiszfeld's algorithm (Y. Li, "A Newton
      acceleration of the Weiszfeld algorithm for minimizing the sum of Euclidean distances",
      Computational Optimization and Applications 10, 1998), quadratic where ``f`` is smooth. A
      try: the next pass keeps it only if ``f`` decreased (the change of ``f`` is summed from the
      change of each distance, so its rounding scales with the step, not with ``f``);
    * a probe of a data point (:func:`_candidate_points`), where ``f`` has a kink that Newton's
      model does not see: after a failed Newton step (the point next to the point it left), and
      where ``H`` is singular to rounding (collinear points: ``f`` is then piecewise linear along
      their line, with its least on a data point or between two). A try: the next pass keeps it
      only if the point is the median (Vardi & Zhang's condition below), which then stops the case;
    * Weiszfeld's step ``T(m) - m = -g / sum(w/d)``, which never increases ``f``, in Vardi & Zhang's
      (2000) form where ``m`` sits on data points (``r = |g|`` over the other points):
      ``m <- m + (1 - min(1, eta/r)) (T(m) - m)``, which never divides by zero and stays on a
      data point that is the median. Taken where ``m`` is on a data point, where a try failed
      (from the point the try left, so ``f`` never increases over the accepted estimates) and for
      ``2^k - 1`` passes after the k-th failed try in a row (:data:`MEDIAN_MAX_PAUSE_DOUBLINGS`).

    Stopping rule: a case stops when the step it takes is at most ``tolerance`` times its standard
    distance (a Newton step that short is taken without a further check). A Newton step is never
    shorter than the Weiszfeld step from the same point (``H <= sum(w/d) I``), so no case stops
    where Weiszfeld's rule would not have stopped it; near a smooth median it is about the
    distance left, where a Weiszfeld step is shorter than that. A data point that is the median
    is returned exactly: the probe stops on it, and after the last pass :func:`_snap_to_data_point`
    moves an estimate that stopped next to it. ``iterations`` counts the passes over the case's
    points, failed tries included. Statuses as :func:`standard_distance`, plus ``not_converged``
    after ``max_iterations`` passes (the estimate is the last one, finite). ``progress(fraction)``
    and ``is_canceled()`` are called once per pass; returns None when cancelled. ``moments``: as
    :func:`standard_distance`'s (the starting means and the spreads).
    """
    tolerance = float(tolerance)
    if not (math.isfinite(tolerance) and tolerance > 0):
        raise InputError(f"tolerance must be a positive number, got {tolerance}")
    x, y, w, case, n_cases, moments = _prepared(x, y, weights, case_index, n_cases, moments)
    spread = np.sqrt(_divide(moments.sxx + moments.syy, moments.weight_sum))
    status = _spread_status(moments, spread)

    if w is not None:  # points of weight 0 do not move the median
        keep = w > 0
        x, y, w, case = x[keep], y[keep], w[keep], case[keep]
    else:
        w = np.ones(x.size)
    # Work relative to each case's mean: small numbers keep the distances precise.
    mean_x = np.where(np.isfinite(moments.mean_x), moments.mean_x, 0.0)
    mean_y = np.where(np.isfinite(moments.mean_y), moments.mean_y, 0.0)
    u = x - mean_x[case]
    v = y - mean_y[case]
    step_limit = tolerance * spread
    m_u = np.zeros(n_cases)
    m_v = np.zeros(n_cases)
    iterations = np.zeros(n_cases, dtype=np.int64)
    active = np.isfinite(spread) & (spread > 0)
    # A try waits for the next pass's check: a Newton step must decrease f, a probed data point must
    # be the median. Kept for a failure: the point the try left and the Weiszfeld point from there.
    newton_tried = np.zeros(n_cases, dtype=bool)
    probing = np.zeros(n_cases, dtype=bool)
    left_u, left_v = np.zeros(n_cases), np.zeros(n_cases)
    fallback_u, fallback_v = np.zeros(n_cases), np.zeros(n_cases)
    failures = np.zeros(n_cases, dtype=np.int64)
    pause = np.zeros(n_cases, dtype=np.int64)
    selected_for = None
    uc, vc, wc, kc, terms = u, v, w, case, None
    for iteration in range(int(max_iterations)):
        if not active.any():
            break
        if is_canceled is not None and is_canceled():
            return None
        distance_before = None if terms is None else terms.distance
        if selected_for is None or (selected_for != active).any():
            # Only the points of cases still moving take part (cut down when a case stops).
            selected_for = active.copy()
            members = active[kc]
            if not members.all():
                uc, vc, wc, kc = uc[members], vc[members], wc[members], kc[members]
                if distance_before is not None:
                    distance_before = distance_before[members]
        terms = _terms_at(uc, vc, wc, kc, n_cases, m_u, m_v, hessian=True)

        newton_failed = np.zeros(n_cases, dtype=bool)
        if newton_tried.any():
            change = _objective_change(terms, distance_before, wc, kc, n_cases, m_u - left_u, m_v - left_v)
            newton_failed = newton_tried & ~(change <= 0)
        probe_failed = probing & (np.hypot(terms.g_u, terms.g_v) > terms.eta)
        failed = newton_failed | probe_failed
        failures = np.where(failed, failures + 1, np.where(newton_tried, 0, failures))
        pause = np.where(failed, 2 ** np.minimum(failures, MEDIAN_MAX_PAUSE_DOUBLINGS) - 1, np.maximum(pause - 1, 0))

        weiszfeld_u, weiszfeld_v = _weiszfeld_step(terms)
        determinant = terms.h_uu * terms.h_vv - terms.h_uv ** 2
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            newton_u = (terms.h_vv * terms.g_u - terms.h_uv * terms.g_v) / determinant
            newton_v = (terms.h_uu * terms.g_v - terms.h_uv * terms.g_u) / determinant
        smooth = ((determinant > NEWTON_MIN_DETERMINANT * terms.inverse_sum ** 2)
                  & np.isfinite(newton_u) & np.isfinite(newton_v))
        ready = active & ~failed & (pause == 0) & (terms.eta == 0)
        newton = ready & smooth
        # f has a kink at every data point, where Newton's model fails, and is piecewise linear along
        # collinear points: there a data point is probed (a median on it found in one pass, where
        # Weiszfeld approaches it linearly). After a failed Newton step, next to the point it left.
        probe = newton_failed | (ready & ~smooth)
        near = terms.distance
        if newton_failed.any():
            near = np.where(newton_failed[kc], distance_before, terms.distance)
        probe_u, probe_v = _candidate_points(uc, vc, wc, kc, n_cases, near, probe)
        probe &= np.isfinite(probe_u)
        back = failed & ~probe

        step_u = np.where(newton, newton_u, weiszfeld_u)
        step_v = np.where(newton, newton_v, weiszfeld_v)
        step = np.where(probe, np.inf, np.where(back, np.hypot(fallback_u - left_u, fallback_v - left_v),
                                                np.hypot(step_u, step_v)))
        new_u = np.where(probe, probe_u, np.where(back, fallback_u, m_u + step_u))
        new_v = np.where(probe, probe_v, np.where(back, fallback_v, m_v + step_v))
        tried_here = newton | (probe & ~newton_failed)
        left_u, left_v = np.where(tried_here, m_u, left_u), np.where(tried_here, m_v, left_v)
        fallback_u = np.where(tried_here, m_u + weiszfeld_u, fallback_u)
        fallback_v = np.where(tried_here, m_v + weiszfeld_v, fallback_v)
        m_u = np.where(active, new_u, m_u)
        m_v = np.where(active, new_v, m_v)
        iterations += active
        active &= ~(step <= step_limit)
        newton_tried = newton & active
        probing = probe & active
        if progress is not None:
            progress((iteration + 1) / max_iterations)
    m_u, m_v = _snap_to_data_point(u, v, w, case, n_cases, m_u, m_v)
    status = np.where(active & (status == sde.STATUS_OK), STATUS_NOT_CONVERGED, status)
    has_weight = moments.weight_sum > 0
    return _case_frame({
        "n": moments.n,
        "weight_sum": moments.weight_sum,
        "CenterX": np.where(has_weight, mean_x + m_u, np.nan),
        "CenterY": np.where(has_weight, mean_y + m_v, np.nan),
        "iterations": iterations,
        "status": status,
    }, n_cases, moments)


class _Terms:
    """Sums over each case's points at its point ``m`` (see :func:`_terms_at`)."""

    __slots__ = ("du", "dv", "distance", "inverse_sum", "g_u", "g_v", "eta", "h_uu", "h_vv", "h_uv")


def _terms_at(u, v, w, case, n_cases, at_u, at_v, hessian=False):
    """Weiszfeld's and Newton's terms at the point ``m = (at_u, at_v)`` of each case.

    Per point ``du, dv = p - m`` and ``distance``; per case ``inverse_sum = sum w/d``, ``(g_u, g_v)
    = sum w (p - m)/d`` (minus the gradient of ``f``), ``eta`` the weight on ``m``, and with
    ``hessian`` the Hessian of ``f``, ``h = sum (w/d) (I - e e')``; the sums skip the points on ``m``.
    """
    terms = _Terms()
    terms.du = du = u - at_u[case]
    terms.dv = dv = v - at_v[case]
    terms.distance = distance = np.hypot(du, dv)
    with np.errstate(divide="ignore"):
        reciprocal = 1.0 / distance
    on_point = np.isinf(reciprocal)
    if on_point.any():  # the points on m do not pull it
        reciprocal[on_point] = 0.0
    unit_u = du * reciprocal
    unit_v = dv * reciprocal
    terms.eta = np.bincount(case[on_point], w[on_point], n_cases)
    # Products go to two scratch arrays: fresh arrays of 10^7 points cost their page faults each pass.
    along = w * reciprocal
    terms.inverse_sum = np.bincount(case, along, n_cases)
    np.multiply(w, unit_u, out=along)
    terms.g_u = np.bincount(case, along, n_cases)
    if hessian:  # H = sum (w/d) (I - e e'): h_vv from e_u^2, h_uv from e_u e_v, h_uu from e_v^2
        product = np.empty_like(along)
        np.multiply(along, reciprocal, out=along)
        terms.h_vv = np.bincount(case, np.multiply(along, unit_u, out=product), n_cases)
        terms.h_uv = -np.bincount(case, np.multiply(along, unit_v, out=product), n_cases)
    np.multiply(w, unit_v, out=along)
    terms.g_v = np.bincount(case, along, n_cases)
    if hessian:
        np.multiply(along, reciprocal, out=along)
        terms.h_uu = np.bincount(case, np.multiply(along, unit_v, out=product), n_cases)
    return terms


def _weiszfeld_step(terms):
    """Vardi & Zhang's step ``(1 - min(1, eta/r)) (T(m) - m)``: Weiszfeld's off the data points."""
    pull = np.hypot(terms.g_u, terms.g_v)
    move = np.where(pull > 0, 1.0 - np.minimum(1.0, _divide(terms.eta, pull, fill=1.0)), 0.0)
    return (move * _divide(terms.g_u, terms.inverse_sum, fill=0.0),
            move * _divide(terms.g_v, terms.inverse_sum, fill=0.0))


def _objective_change(terms, distance_before, w, case, n_cases, step_u, step_v):
    """Per case ``f(m) - f(m - s)`` after the step ``s`` to ``m``: per point ``|p - m| - |p - m + s|``
    is ``-s . (2 (p - m) + s) / (d + d_before)``, summed as ``-s . (2 B + s A)`` with ``A = sum
    w/(d + d_before)``, ``B = sum w (p - m)/(d + d_before)``. Its error scales with the step, where
    the difference of the two sums of distances would lose the digits of a short step."""
    with np.errstate(divide="ignore", invalid="ignore"):  # 0/0 only in cases that took no step
        share = w / (terms.distance + distance_before)
    a = np.bincount(case, share, n_cases)
    b_u = np.bincount(case, share * terms.du, n_cases)
    b_v = np.bincount(case, share * terms.dv, n_cases)
    return -(step_u * (2.0 * b_u + step_u * a) + step_v * (2.0 * b_v + step_v * a))


def _candidate_points(u, v, w, case, n_cases, distance, cases=None):
    """Per case (of ``cases``, a mask, or all) the data point most likely to be the median: the first of
    its points with the least ``distance / w``, the one that dominates Weiszfeld's weights ``w/d`` near a
    median on it (the nearest point when the weights are equal). NaN for the other cases."""
    q_u = np.full(n_cases, np.nan)
    q_v = np.full(n_cases, np.nan)
    if cases is not None and not cases.any():
        return q_u, q_v
    among = np.flatnonzero(cases[case]) if cases is not None else np.arange(u.size)
    if among.size == 0:
        return q_u, q_v
    closeness = distance[among] / w[among]
    # pandas' grouped minimum: numpy's minimum.at takes ten times as long.
    groups = pd.Categorical.from_codes(case[among], categories=pd.RangeIndex(n_cases))
    least = pd.Series(closeness).groupby(groups, observed=False).min().to_numpy(dtype=float, na_value=np.inf)
    first = among[closeness == least[case[among]]]
    chosen = first[np.unique(case[first], return_index=True)[1]]
    q_u[case[chosen]] = u[chosen]
    q_v[case[chosen]] = v[chosen]
    return q_u, q_v


def _snap_to_data_point(u, v, w, case, n_cases, m_u, m_v):
    """Move each estimate onto a data point when that point is the median.

    Weiszfeld approaches a median that is a data point only linearly and never lands on it;
    the candidate (:func:`_candidate_points`) is the median exactly when the pull of the other
    points, ``|sum w (p - q)/d|``, is at most the weight at it (Vardi & Zhang's condition), which
    one pass checks.
    """
    if u.size == 0:
        return m_u, m_v
    q_u, q_v = _candidate_points(u, v, w, case, n_cases, np.hypot(u - m_u[case], v - m_v[case]))
    terms = _terms_at(u, v, w, case, n_cases, q_u, q_v)
    snap = np.isfinite(q_u) & (terms.eta > 0) & (np.hypot(terms.g_u, terms.g_v) <= terms.eta)
    return np.where(snap, q_u, m_u), np.where(snap, q_v, m_v)


def distance_sum_gradient(x, y, weights, centre_x, centre_y):
    """``sum w (m - p) / |m - p|`` over the points not at ``m``: zero at a median off the data."""
    w = np.ones(np.size(x)) if weights is None else np.maximum(np.asarray(weights, dtype=float), 0.0)
    dx = centre_x - np.asarray(x, dtype=float)
    dy = centre_y - np.asarray(y, dtype=float)
    distance = np.hypot(dx, dy)
    inverse = _divide(w, distance, fill=0.0)
    return float(np.sum(inverse * dx)), float(np.sum(inverse * dy))


# ----------------------------------------------------------------------------- central feature

def central_feature(x, y, weights=None, case_index=None, n_cases=None,
                    max_case_size=CENTRAL_FEATURE_MAX_CASE_SIZE,
                    block_elements=CENTRAL_FEATURE_BLOCK_ELEMENTS, progress=None, is_canceled=None):
    """Per case the input point with the least ``sum_i w_i |p_i - p_j|`` (ArcGIS Central Feature).

    Every point of a case is a candidate, zero weights included (their own weight does not
    enter their sum). Exact: all n^2 distances, in blocks of at most about
    ``2 * block_elements`` entries, so memory stays bounded. Ties (within
    :data:`CENTRAL_FEATURE_TIE_RELATIVE`) go to the first point in input order. A case with
    more than ``max_case_size`` points raises :class:`CaseTooLargeError` before any work.

    Returns a DataFrame with ``row`` (index of the chosen point in the input arrays, -1 when
    none), ``sum_distance``, ``n``, ``weight_sum`` and ``status`` (``zero_weight`` - W == 0,
    no feature is chosen -, ``too_few_points`` for a single point, ``identical_points``,
    ``ok``). ``progress(fraction)`` and ``is_canceled()`` are called per block; returns None
    when cancelled.
    """
    x, y, w, case, n_cases, moments = _prepared(x, y, weights, case_index, n_cases)
    counts = moments.n
    if counts.size and counts.max() > max_case_size:
        big = int(np.argmax(counts))
        raise CaseTooLargeError(
            f"case {big} has {int(counts[big])} points; the central feature is computed exactly "
            f"(all n^2 distances) for cases of up to {max_case_size} points. Split the case, or "
            "use the median centre, which is not the same statistic but scales to any size",
            case=big)
    weights_used = np.ones(x.size) if w is None else w
    order = np.argsort(case, kind="stable")  # within a case: input order
    sorted_case = case[order]
    mean_x = np.where(np.isfinite(moments.mean_x), moments.mean_x, 0.0)
    mean_y = np.where(np.isfinite(moments.mean_y), moments.mean_y, 0.0)
    u = x[order] - mean_x[sorted_case]
    v = y[order] - mean_y[sorted_case]
    ws = weights_used[order]
    starts = np.concatenate([[0], np.cumsum(counts)])
    sums = np.empty(x.size)

    total = x.size
    row_target = max(1, int(math.isqrt(int(block_elements))))
    first = 0
    while first < total:
        if is_canceled is not None and is_canceled():
            return None
        first_case = sorted_case[first]
        rows = max(1, int(block_elements) // max(int(counts[first_case]), row_target))
        last = min(total, first + rows)
        last_case = sorted_case[last - 1]
        column_start = starts[first_case]
        if last_case != first_case and (last - first) * (starts[last_case + 1] - column_start) > block_elements:
            last = starts[last_case]  # stop before a case that would widen the block too much
            last_case = sorted_case[last - 1]
        column_end = starts[last_case + 1]
        du = u[first:last, None] - u[None, column_start:column_end]
        dv = v[first:last, None] - v[None, column_start:column_end]
        distance = np.hypot(du, dv)
        del du, dv
        distance[sorted_case[first:last, None] != sorted_case[None, column_start:column_end]] = 0.0
        sums[first:last] = distance @ ws[column_start:column_end]
        del distance
        first = last
        if progress is not None:
            progress(first / total)

    best_row = np.full(n_cases, -1, dtype=np.int64)
    best_sum = np.full(n_cases, np.nan)
    if total:
        least = np.full(n_cases, np.inf)
        np.minimum.at(least, sorted_case, sums)
        tie = sums <= least[sorted_case] * (1 + CENTRAL_FEATURE_TIE_RELATIVE)
        positions = np.flatnonzero(tie)
        first_positions = positions[np.unique(sorted_case[positions], return_index=True)[1]]
        chosen_cases = sorted_case[first_positions]
        best_row[chosen_cases] = order[first_positions]
        best_sum[chosen_cases] = sums[first_positions]
    radius = np.sqrt(_divide(moments.sxx + moments.syy, moments.weight_sum))
    status = _spread_status(moments, radius)
    no_weight = moments.weight_sum <= 0
    best_row[no_weight] = -1
    best_sum[no_weight] = np.nan
    return _case_frame({
        "row": best_row,
        "sum_distance": best_sum,
        "n": counts,
        "weight_sum": moments.weight_sum,
        "status": status,
    }, n_cases, moments)


# ----------------------------------------------------------------------------- angles

def bearing(dx, dy):
    """Direction of the vector ``(dx, dy)`` in degrees clockwise from north, in [0, 360).

    NaN for a zero vector (no direction).
    """
    dx = np.asarray(dx, dtype=float)
    dy = np.asarray(dy, dtype=float)
    angle = np.degrees(np.arctan2(dx, dy)) % 360.0
    angle = np.where(angle >= 360.0, 0.0, angle)  # -tiny % 360 rounds to 360
    return np.where((dx == 0) & (dy == 0), np.nan, angle)


def axial_difference(azimuth_from, azimuth_to):
    """Signed smaller turn from one axis to another, degrees in (-90, 90] (axes are mod 180)."""
    delta = (np.asarray(azimuth_to, dtype=float) - np.asarray(azimuth_from, dtype=float)) % 180.0
    return np.where(delta > 90.0, delta - 180.0, delta)


# ----------------------------------------------------------------------------- overlap

def _ellipse_frames(table, origin_x, origin_y):
    """Centre (relative to the origin), semi-axes and axis directions ``u`` (major), ``v`` (minor)."""
    centre_x, centre_y, major, minor, azimuth = table
    phi = np.radians(90.0 - np.where(np.isnan(azimuth), 90.0, azimuth))  # NaN azimuth: a circle
    return {"cx": centre_x - origin_x, "cy": centre_y - origin_y, "a": major, "b": minor,
            "ux": np.cos(phi), "uy": np.sin(phi), "vx": -np.sin(phi), "vy": np.cos(phi)}


def _pick(frame, rows):
    return {name: values[rows] for name, values in frame.items()}


def _point(frame, t):
    """Points ``c + u a cos t + v b sin t`` of the ellipses' boundaries (x, y); ``t`` broadcasts."""
    along, across = frame["a"] * np.cos(t), frame["b"] * np.sin(t)
    return (frame["cx"] + along * frame["ux"] + across * frame["vx"],
            frame["cy"] + along * frame["uy"] + across * frame["vy"])


def _parameter(frame, x, y):
    """Parameter t in [0, 2 pi) of the point of the ellipse's boundary seen from its centre through (x, y)."""
    dx, dy = x - frame["cx"], y - frame["cy"]
    return np.arctan2((dx * frame["vx"] + dy * frame["vy"]) / frame["b"],
                      (dx * frame["ux"] + dy * frame["uy"]) / frame["a"]) % (2.0 * np.pi)


def _inside(frame, x, y):
    """Whether (x, y) lies in the closed ellipse: (d.u / a)^2 + (d.v / b)^2 <= 1 with d = p - c."""
    dx, dy = x - frame["cx"], y - frame["cy"]
    along = (dx * frame["ux"] + dy * frame["uy"]) / frame["a"]
    across = (dx * frame["vx"] + dy * frame["vy"]) / frame["b"]
    return along * along + across * across <= 1.0


def _arc_area(frame, t0, t1):
    """Green's-theorem share 1/2 int (x dy - y dx) of the boundary arc from t0 to t1 (t1 > t0):
    with p = c + u a cos t + v b sin t, p x p' = ab - a sin t (c x u) + b cos t (c x v)."""
    c_cross_u = frame["cx"] * frame["uy"] - frame["cy"] * frame["ux"]
    c_cross_v = frame["cx"] * frame["vy"] - frame["cy"] * frame["vx"]
    return 0.5 * (frame["a"] * frame["b"] * (t1 - t0) + frame["a"] * c_cross_u * (np.cos(t1) - np.cos(t0))
                  + frame["b"] * c_cross_v * (np.sin(t1) - np.sin(t0)))


def _crossings(own, other, samples):
    """Where the boundary of ``own`` enters or leaves ``other``, found on ``samples`` equally spaced
    parameters and refined by bisection to rounding: (pair, x, y) of each crossing."""
    step = 2.0 * np.pi / samples
    grid = step * np.arange(samples)
    columns = {name: values[:, None] for name, values in own.items()}
    inside = _inside({name: values[:, None] for name, values in other.items()}, *_point(columns, grid))
    pair, index = np.nonzero(inside != np.roll(inside, -1, axis=1))
    low, high = grid[index], grid[index] + step
    own_at, other_at = _pick(own, pair), _pick(other, pair)
    inside_low = inside[pair, index]
    for _ in range(OVERLAP_BISECTIONS):
        middle = 0.5 * (low + high)
        same = _inside(other_at, *_point(own_at, middle)) == inside_low
        low = np.where(same, middle, low)
        high = np.where(same, high, middle)
    return (pair, *_point(own_at, 0.5 * (low + high)))


def _inside_arcs_area(own, other, pair, t, n_pairs):
    """Sum per pair of the arcs of ``own``'s boundary inside ``other``; ``t`` (with ``pair``) are the
    crossings' parameters on ``own``. Between two consecutive crossings an arc is inside or outside as a
    whole, so its midpoint decides (a crossing found on both grids only adds an arc of length ~0). A pair
    without crossings counts its whole boundary or nothing."""
    lonely = np.setdiff1d(np.arange(n_pairs), pair)  # no crossing: one arc all round from t = 0
    pair = np.concatenate([pair, lonely])
    t = np.concatenate([t, np.zeros(lonely.size)])
    order = np.lexsort((t, pair))
    pair, t = pair[order], t[order]
    first = np.ones(pair.size, dtype=bool)
    first[1:] = pair[1:] != pair[:-1]
    starts = np.flatnonzero(first)
    last = np.r_[starts[1:], pair.size] - 1
    following = np.arange(pair.size) + 1
    following[last] = starts  # the last arc of a pair closes at its first crossing, one turn later
    turn = np.zeros(pair.size)
    turn[last] = 2.0 * np.pi
    t_end = t[following] + turn
    own_at, other_at = _pick(own, pair), _pick(other, pair)
    keep = _inside(other_at, *_point(own_at, 0.5 * (t + t_end)))
    return np.bincount(pair, weights=np.where(keep, _arc_area(own_at, t, t_end), 0.0), minlength=n_pairs)


def _intersection_area(a, b, samples):
    """Area of A n B for pairs of proper ellipses (frames relative to one origin): Green's theorem on the
    exact boundaries, the arcs of A inside B plus the arcs of B inside A between their crossings."""
    pair_ab, x_ab, y_ab = _crossings(a, b, samples)
    pair_ba, x_ba, y_ba = _crossings(b, a, samples)
    # The crossings found on either grid break both boundaries, so both see the same points.
    pair = np.concatenate([pair_ab, pair_ba])
    x, y = np.concatenate([x_ab, x_ba]), np.concatenate([y_ab, y_ba])
    n_pairs = a["a"].size
    return (_inside_arcs_area(a, b, pair, _parameter(_pick(a, pair), x, y), n_pairs)
            + _inside_arcs_area(b, a, pair, _parameter(_pick(b, pair), x, y), n_pairs))


def ellipse_intersection_area(first, second, vertices=OVERLAP_SAMPLES, progress=None, is_canceled=None):
    """Area of the intersection of ellipse pairs, row by row of two tables.

    ``first``/``second``: DataFrames (same length) with ``CenterX``, ``CenterY``, ``major_sd``,
    ``minor_sd``, ``azimuth`` in one planar CRS (NaN azimuth: a circle). Exact up to rounding
    (Green's theorem on the ellipses themselves); ``vertices`` is the number of points of each
    boundary on which their crossings are searched (see :data:`OVERLAP_SAMPLES` for the one
    limit). Identical ellipses give exactly their area, a flat one (minor_sd 0) 0; NaN where
    either ellipse is undefined. Returns None when cancelled.
    """
    columns = ("CenterX", "CenterY", "major_sd", "minor_sd", "azimuth")
    a = [np.asarray(first[name], dtype=float) for name in columns]
    b = [np.asarray(second[name], dtype=float) for name in columns]
    pairs = a[0].size
    defined = np.all([np.isfinite(values) for values in a[:4] + b[:4]], axis=0)
    same = defined & np.all([(p == q) | (np.isnan(p) & np.isnan(q)) for p, q in zip(a, b)], axis=0)
    area = np.full(pairs, np.nan)
    area[same] = math.pi * a[2][same] * a[3][same]
    flat = defined & ~same & ((a[3] == 0) | (b[3] == 0))
    area[flat] = 0.0  # a flat ellipse (collinear points) covers no area
    proper = np.flatnonzero(defined & ~same & ~flat)
    # Relative to the centre of the smaller ellipse: small numbers keep their precision, and the sectors
    # Green's theorem sums stay the size of that ellipse (rounding of a crossing's position moves them
    # by distance x rounding, which the smaller ellipse's share would otherwise feel).
    smaller = a[2] * a[3] <= b[2] * b[3]
    origin_x, origin_y = np.where(smaller, a[0], b[0]), np.where(smaller, a[1], b[1])
    frame_a = _ellipse_frames(a, origin_x, origin_y)
    frame_b = _ellipse_frames(b, origin_x, origin_y)
    samples = int(vertices)
    chunk = max(1, OVERLAP_CHUNK_ELEMENTS // samples)
    for start in range(0, proper.size, chunk):
        if is_canceled is not None and is_canceled():
            return None
        rows = proper[start:start + chunk]
        area[rows] = np.maximum(0.0, _intersection_area(_pick(frame_a, rows), _pick(frame_b, rows), samples))
        if progress is not None:
            progress(min(start + chunk, proper.size) / proper.size)
    if progress is not None:
        progress(1.0)
    return area


def _overlap_shares(first, second, progress=None, is_canceled=None):
    """(iou, share of first in second, share of second in first) per row pair."""
    inter = ellipse_intersection_area(first, second, progress=progress, is_canceled=is_canceled)
    if inter is None:
        return None
    area_a = math.pi * np.asarray(first["major_sd"], dtype=float) * np.asarray(first["minor_sd"], dtype=float)
    area_b = math.pi * np.asarray(second["major_sd"], dtype=float) * np.asarray(second["minor_sd"], dtype=float)
    union = area_a + area_b - inter
    return (np.minimum(_divide(inter, union), 1.0), np.minimum(_divide(inter, area_a), 1.0),
            np.minimum(_divide(inter, area_b), 1.0))


def _centre_offset(first, second):
    dx = np.asarray(second["CenterX"], dtype=float) - np.asarray(first["CenterX"], dtype=float)
    dy = np.asarray(second["CenterY"], dtype=float) - np.asarray(first["CenterY"], dtype=float)
    return np.hypot(dx, dy), bearing(dx, dy)


def compare_ellipses(first, second, progress=None, is_canceled=None):
    """Compare ellipse A (rows of ``first``) with ellipse B (same rows of ``second``).

    Columns of :data:`COMPARE_COLUMNS`: ``iou`` (area of intersection over union),
    ``share_a_in_b`` / ``share_b_in_a`` (intersection over the area of A / of B),
    ``center_distance`` and ``center_bearing`` (from A's centre to B's, degrees clockwise from
    north in [0, 360)), ``d_azimuth`` (the smaller turn from A's major axis to B's, (-90, 90]),
    ``ratio_major``, ``ratio_minor``, ``ratio_area`` (B over A). Inputs as
    :func:`ellipse_intersection_area`; returns None when cancelled.
    """
    shares = _overlap_shares(first, second, progress, is_canceled)
    if shares is None:
        return None
    distance, direction = _centre_offset(first, second)

    def ratio(name):
        return _divide(np.asarray(second[name], dtype=float), np.asarray(first[name], dtype=float))

    area_a = np.asarray(first["major_sd"], dtype=float) * np.asarray(first["minor_sd"], dtype=float)
    area_b = np.asarray(second["major_sd"], dtype=float) * np.asarray(second["minor_sd"], dtype=float)
    return pd.DataFrame({
        "iou": shares[0], "share_a_in_b": shares[1], "share_b_in_a": shares[2],
        "center_distance": distance, "center_bearing": direction,
        "d_azimuth": axial_difference(first["azimuth"], second["azimuth"]),
        "ratio_major": ratio("major_sd"), "ratio_minor": ratio("minor_sd"),
        "ratio_area": _divide(area_b, area_a),
    }, columns=list(COMPARE_COLUMNS))


# ----------------------------------------------------------------------------- periods

def _natural_key(text):
    """'batch 2' before 'batch 10': digit runs compare as numbers."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
            for part in re.split(r"(\d+)", str(text)) if part != ""]


def order_periods(values):
    """Distinct non-NULL period values in their natural order, and their times.

    Numbers sort as numbers (time = the number), dates and date-times as dates (time in days
    since 1970-01-01), text in natural order ('2' before '10'; time None). Returns
    ``(ordered_values, times)`` where ``times`` is a float array or None. Mixed kinds raise
    :class:`InputError`.
    """
    distinct = []
    seen = set()
    for value in values:
        if value is None or (isinstance(value, float) and math.isnan(value)) or value in seen:
            continue
        seen.add(value)
        distinct.append(value)
    if not distinct:
        return [], None
    import datetime

    if all(isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool) for v in distinct):
        ordered = sorted(distinct)
        return ordered, np.asarray(ordered, dtype=float)
    if all(isinstance(v, (datetime.date, pd.Timestamp, np.datetime64)) for v in distinct):
        stamps = [pd.Timestamp(v) for v in distinct]
        order = sorted(range(len(distinct)), key=lambda i: stamps[i])
        epoch = pd.Timestamp("1970-01-01")
        times = np.asarray([(stamps[i] - epoch) / pd.Timedelta(days=1) for i in order], dtype=float)
        return [distinct[i] for i in order], times
    if all(isinstance(v, str) for v in distinct):
        return sorted(distinct, key=_natural_key), None
    kinds = sorted({type(v).__name__ for v in distinct})
    raise InputError(f"periods mix kinds of values ({', '.join(kinds)}): use one kind, "
                     "numbers, dates or text")


def period_members(period_codes, n_periods, cumulative):
    """Which points belong to which period.

    ``period_codes``: per point, the index of its period in order (-1 for none). Returns
    ``(rows, periods)``: point indices and the period each copy belongs to. Not cumulative:
    each point once, in its own period. Cumulative: each point in its period and every later
    one (a period holds everything up to it).
    """
    period_codes = np.asarray(period_codes, dtype=np.int64)
    rows = np.flatnonzero(period_codes >= 0)
    own = period_codes[rows]
    if not cumulative:
        return rows, own
    copies = n_periods - own
    return np.repeat(rows, copies), own.repeat(copies) + _ranges(copies)


def _ranges(lengths):
    """Concatenated ``arange(k)`` for every ``k`` of ``lengths``."""
    total = int(np.sum(lengths))
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    ends = np.cumsum(lengths)
    return np.arange(total) - np.repeat(ends - lengths, lengths)


def period_shifts(before, after, time_before=None, time_after=None, progress=None, is_canceled=None):
    """How an ellipse changed between two periods, row by row of two ellipse tables.

    ``before``/``after``: tables of :func:`sde.standard_deviational_ellipses` rows (CALC_CRS),
    aligned. ``time_before``/``time_after``: numeric times of the periods (years, days) or
    None. Columns of :data:`SHIFT_COLUMNS`: ``shift_distance`` between the centres,
    ``shift_bearing`` (clockwise from north, [0, 360), NaN without a shift), ``shift_speed``
    (distance per time unit; NaN without times), ``d_major_sd``, ``d_minor_sd``, ``d_area``,
    ``d_flattening`` (after minus before), ``d_azimuth`` (smaller turn, (-90, 90]) and ``iou``.
    Returns None when cancelled.
    """
    shares = _overlap_shares(before, after, progress, is_canceled)
    if shares is None:
        return None
    distance, direction = _centre_offset(before, after)
    if time_before is None or time_after is None:
        speed = np.full(distance.shape, np.nan)
    else:
        speed = _divide(distance, np.asarray(time_after, dtype=float) - np.asarray(time_before, dtype=float))

    def change(name):
        return np.asarray(after[name], dtype=float) - np.asarray(before[name], dtype=float)

    return pd.DataFrame({
        "shift_distance": distance, "shift_bearing": direction, "shift_speed": speed,
        "d_major_sd": change("major_sd"), "d_minor_sd": change("minor_sd"),
        "d_azimuth": axial_difference(before["azimuth"], after["azimuth"]),
        "d_area": change("area"), "d_flattening": change("flattening"), "iou": shares[0],
    }, columns=list(SHIFT_COLUMNS))


# ----------------------------------------------------------------------------- bootstrap

def _axial_mean(azimuth, axis):
    """Mean axis (degrees, [0, 180)) of axial angles: the mean direction of the doubled angles."""
    doubled = np.radians(2.0 * azimuth)
    mean = 0.5 * np.degrees(np.arctan2(np.nanmean(np.sin(doubled), axis=axis),
                                       np.nanmean(np.cos(doubled), axis=axis)))
    return mean % 180.0


def bootstrap_ellipses(x, y, weights=None, case_index=None, n_cases=None, method=sde.METHOD_ARCGIS,
                       size=1.0, coverage_percent=68.27, replicates=999, confidence=95.0, seed=None,
                       progress=None, is_canceled=None):
    """Percentile bootstrap intervals of the ellipse of each case.

    Each replicate draws ``n`` points with replacement from the case's own points (weights
    travel with their points) and computes the ellipse with the same method. For the centre
    (``center_x_calc_crs``, ``center_y_calc_crs``) and both semi-axes the interval is the
    ``(100 - confidence)/2`` and ``(100 + confidence)/2`` percentiles of the replicates. The
    azimuth is an axis (mod 180): its replicates are turned to the smaller signed deviation from
    the circular (doubled-angle) mean axis of the replicates, and the interval is that mean plus
    the percentiles of the deviations; so ``azimuth_lo`` may be below 0 or ``azimuth_hi`` reach
    180 or more when the interval contains north (read it mod 180). Replicates without a defined
    value (e.g. all draws on one point) are left out. ``seed`` makes runs reproducible.

    The interval says how much the ellipse would vary over samples like this one drawn from the
    same population (Wang, Shi & Miao 2015 discuss the confidence of SDEs); it assumes the
    points are independent draws, which clustered or complete data (all cities) are not.
    Returns a DataFrame with ``<statistic>_lo`` and ``<statistic>_hi`` for every name of
    :data:`BOOTSTRAP_STATISTICS`, or None when cancelled.
    """
    replicates = int(replicates)
    if replicates < 1:
        raise InputError(f"the number of bootstrap replicates must be at least 1, got {replicates}")
    confidence = float(confidence)
    if not (math.isfinite(confidence) and 0 < confidence < 100):
        raise InputError(f"confidence must be a percentage strictly between 0 and 100, got {confidence}")
    method = sde._method_id(method)
    sde.scale_factor(method, size, coverage_percent, n=3)
    x, y, w, case, n_cases, _ = sde.prepare_points(x, y, weights, case_index, n_cases)
    counts = np.bincount(case, minlength=n_cases)
    order = np.argsort(case, kind="stable")
    starts = np.concatenate([[0], np.cumsum(counts)])[:-1]
    sorted_case = case[order]
    rng = np.random.default_rng(seed)

    values = {name: np.full((n_cases, replicates), np.nan) for name in BOOTSTRAP_STATISTICS}
    per_block = max(1, BOOTSTRAP_BLOCK_ELEMENTS // max(1, x.size))
    done = 0
    while done < replicates:
        if is_canceled is not None and is_canceled():
            return None
        block = min(per_block, replicates - done)
        # Draw, for every point of every case, a random member of the same case.
        draw = starts[sorted_case][None, :] + np.floor(
            rng.random((block, x.size)) * counts[sorted_case][None, :]).astype(np.int64)
        rows = order[draw].ravel()
        replicate_case = (sorted_case[None, :] * block + np.arange(block)[:, None]).ravel()
        moments = sde.GroupedMoments.from_points(
            x[rows], y[rows], None if w is None else w[rows], replicate_case, n_cases * block)
        table = sde.ellipses_from_moments(moments, method, size, coverage_percent)
        for name, column in zip(BOOTSTRAP_STATISTICS, ("CenterX", "CenterY", "major_sd", "minor_sd", "azimuth")):
            values[name][:, done:done + block] = table[column].to_numpy(dtype=float).reshape(n_cases, block)
        done += block
        if progress is not None:
            progress(done / replicates)

    low_q, high_q = (100.0 - confidence) / 2.0, (100.0 + confidence) / 2.0
    result = {}
    for name in BOOTSTRAP_STATISTICS:
        sample = values[name]
        centre = 0.0
        if name == "azimuth":
            centre = _axial_mean(sample, axis=1)[:, None]
            sample = axial_difference(centre, sample)
            sample = np.where(np.isnan(values[name]), np.nan, sample)
        usable = np.isfinite(sample).any(axis=1)
        low = np.full(n_cases, np.nan)
        high = np.full(n_cases, np.nan)
        if usable.any():
            low[usable] = np.nanpercentile(sample[usable], low_q, axis=1)
            high[usable] = np.nanpercentile(sample[usable], high_q, axis=1)
        if name == "azimuth":
            low, high = low + centre[:, 0], high + centre[:, 0]
        result[f"{name}_lo"] = low
        result[f"{name}_hi"] = high
    return pd.DataFrame(result, index=pd.RangeIndex(n_cases, name="case_index"))


# ----------------------------------------------------------------------------- ellipses drawn as polygons

def _polygon_moments(ring):
    """Area, centroid and central second area moments per unit area (var_x, var_y, cov_xy) of a ring."""
    ring = np.asarray(ring, dtype=float)
    if len(ring) > 1 and np.array_equal(ring[0], ring[-1]):
        ring = ring[:-1]
    origin = ring.mean(axis=0)  # small numbers: the moments keep their precision at large offsets
    x0, y0 = ring[:, 0] - origin[0], ring[:, 1] - origin[1]
    x1, y1 = np.roll(x0, -1), np.roll(y0, -1)
    cross = x0 * y1 - x1 * y0
    area = 0.5 * cross.sum()
    if area == 0:
        return 0.0, origin[0], origin[1], np.nan, np.nan, np.nan, len(ring)
    cx = ((x0 + x1) * cross).sum() / (6 * area)
    cy = ((y0 + y1) * cross).sum() / (6 * area)
    xx = ((x0 * x0 + x0 * x1 + x1 * x1) * cross).sum() / (12 * area) - cx * cx
    yy = ((y0 * y0 + y0 * y1 + y1 * y1) * cross).sum() / (12 * area) - cy * cy
    xy = ((x0 * y1 + 2 * x0 * y0 + 2 * x1 * y1 + x1 * y0) * cross).sum() / (24 * area) - cx * cy
    return abs(area), origin[0] + cx, origin[1] + cy, xx, yy, xy, len(ring)


def _regular_polygon_share(vertices):
    """Second area moment of a regular polygon with circumradius 1, per unit area and axis, over that
    of the unit disk (1/4): an affine image of it has this share of its ellipse's covariance."""
    angles = 2 * np.pi * np.arange(vertices) / vertices
    _, _, _, xx, _, _, _ = _polygon_moments(np.column_stack([np.cos(angles), np.sin(angles)]))
    return xx / 0.25


def ellipses_from_rings(rings):
    """Centre, semi-axes and azimuth of ellipses drawn as polygons (by this plugin, ArcGIS or others).

    The centre is the polygon's area centroid; the axes come from its second area moments (a filled
    ellipse with semi-axes a, b has variances a^2/4 and b^2/4 along them). A ring that samples its
    ellipse at equally spaced parameter angles - as this plugin and ArcGIS draw them - is an affine
    image of a regular polygon, whose moments are a known share of the disk's, so centre, axes and
    azimuth are recovered to rounding; for any other polygon the result is the ellipse with the same
    area moments. Returns a DataFrame with ``CenterX``, ``CenterY``, ``major_sd``, ``minor_sd``,
    ``azimuth`` (NaN for a circle), ``area`` and ``flattening``.
    """
    rows = []
    for ring in rings:
        area, cx, cy, xx, yy, xy, vertices = _polygon_moments(ring)
        if not area > 0 or vertices < 3:
            rows.append((np.nan,) * 7)
            continue
        share = _regular_polygon_share(vertices) * 0.25
        half_trace = 0.5 * (xx + yy)
        radius = math.hypot(0.5 * (xx - yy), xy)
        major = math.sqrt((half_trace + radius) / share)
        minor = math.sqrt(max(half_trace - radius, 0.0) / share)
        if radius <= 1e-9 * half_trace:
            azimuth = np.nan
        else:
            azimuth = (90.0 - math.degrees(0.5 * math.atan2(2 * xy, xx - yy))) % 180.0
        rows.append((cx, cy, major, minor, azimuth, math.pi * major * minor, 1.0 - minor / major))
    return pd.DataFrame(rows, columns=["CenterX", "CenterY", "major_sd", "minor_sd", "azimuth", "area",
                                       "flattening"])
