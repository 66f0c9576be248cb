"""Standard deviational ellipses, many cases at once, vectorised.

Conventions (see the project's sde-reference.md):

* Points ``(x, y)`` are in one planar CRS; every length this module returns (centre, semi-axes,
  ``XStdDist``/``YStdDist``) is in that CRS's units, areas in units squared, angles in degrees.
  ``x`` grows to the east, ``y`` to the north.
* Weights ``w >= 0``; ``W`` is their sum per case. Negative weights are treated as 0, as
  ArcGIS does, and counted (``GroupedMoments.n_clipped``, ``DataFrame.attrs["n_clipped_weights"]``)
  so the caller can report them.
* ``n`` is the number of points used, points of weight 0 included, as pointpats and CrimeStat
  count them: a point count, not the sum of weights, even when weighted. It is the ``n`` of the
  status rules, of ``pct_inside`` (a point of weight 0 inside the ellipse counts as inside) and
  of CrimeStat's ``n / (n - 2)``. A caller that skipped rows (no geometry, NULL weight) has
  ``n + skipped = rows read``.
* Centre: the weighted mean. Covariance: ``a = sum w dx^2 / W``, ``c = sum w dy^2 / W``,
  ``b = sum w dx dy / W`` with deviations about the mean (population form, divisor ``W``).
* Eigenvalues in closed form, ``lambda_1,2 = (a + c)/2 +- hypot((a - c)/2, b)``. Each semi-axis is
  ``scale * sqrt(lambda)`` where ``scale`` depends on the method (:func:`scale_factor`).
* ``azimuth`` is the direction of the major axis in degrees clockwise from north, in [0, 180).
  ``Rotation``, ``XStdDist`` and ``YStdDist`` follow the ArcGIS 10.x frame: ``YStdDist`` is the
  semi-axis whose azimuth lies in [0, 90), ``XStdDist`` the one perpendicular to it, and
  ``Rotation`` equals ``azimuth``; either axis may be the major one. These two fields carry the
  semi-axes of the chosen method (for ArcGIS they are exactly ArcGIS's numbers).
* Isotropic cases (``lambda_1 == lambda_2``, within rounding) have no orientation: ``azimuth``
  and ``Rotation`` are NaN.

Status of a case, first matching rule wins (the precedence):

1. ``zero_weight``: ``W == 0``: no point at all, or points whose weights are all 0 (or
   negative). Everything but ``n``/``weight_sum`` is NaN.
2. ``not_finite``: the case's numbers cannot be represented in double precision (a sum of
   weights, a moment, a semi-axis, the area or the reach of the ellipse overflows, e.g. points at
   1e308, weights of 1e308 or a size of 1e308). Values that overflowed are NaN; nothing of the
   case should be trusted.
3. ``too_few_points``: fewer than 3 points (``n < 3``). ArcGIS refuses such cases; the
   numbers are still computed where they are defined (Yuill, ArcGIS and Coverage axes of 2
   points; the minor axis of 2 points is exactly 0); CrimeStat's ``n / (n - 2)`` is undefined
   for ``n <= 2``, so its axes are NaN there.
4. ``identical_points``: all points with positive weight coincide. Axes 0, no orientation.
5. ``collinear``: the minor variance is zero within rounding. ``minor_sd`` is exactly 0 and
   ``lambda_1`` is the trace ``a + c``.
6. ``ok``: every number of the row is finite (``azimuth``/``Rotation`` may be NaN: isotropic)
   and the ellipse is a polygon.

Numerics: each chunk is centred in two passes (shifted by one of its own points, then by its
weighted mean, with the Chan-Golub-LeVeque correction term), and chunks merge with Chan et
al.'s exact pairwise update, so projected coordinates around 1e7 with centimetre spread keep
full precision. No Python loop runs per point or per case, only per block of points. With numba
installed the moment passes, the share inside and the input checks run as compiled loops instead
(core/kernels.py), with the same numbers (see there).
"""
import functools
import math

import numpy as np
import pandas as pd

from . import kernels, schema
from .errors import BadValueError

METHOD_ARCGIS, METHOD_YUILL, METHOD_CRIMESTAT, METHOD_COVERAGE = 0, 1, 2, 3
METHOD_NAMES = ("arcgis", "yuill", "crimestat", "coverage")

STATUS_OK = "ok"
STATUS_COLLINEAR = "collinear"
STATUS_IDENTICAL = "identical_points"
STATUS_TOO_FEW = "too_few_points"
STATUS_ZERO_WEIGHT = "zero_weight"
STATUS_NOT_FINITE = "not_finite"
STATUSES = (STATUS_OK, STATUS_COLLINEAR, STATUS_IDENTICAL, STATUS_TOO_FEW, STATUS_ZERO_WEIGHT,
            STATUS_NOT_FINITE)

#: ArcGIS needs more than 2 features per case; CrimeStat's n/(n-2) needs n > 2.
MIN_POINTS = 3

#: A point is inside when its normalised radius is at most 1 + this (boundary counts as inside).
INSIDE_RELATIVE_TOLERANCE = 1e-9

#: The engine's columns, in output order (core/schema.py declares the fields).
OUTPUT_COLUMNS = schema.ELLIPSE.engine_columns()

_EPS = np.finfo(np.float64).eps
# Rounding in the closed-form eigenvalues leaves |lambda_2| up to a few eps * lambda_1, and
# rounding of coordinates of magnitude M leaves deviations wrong by a few eps * M. A minor
# variance below both noise floors is zero: the points are collinear to machine precision.
_COLLINEAR_RELATIVE = 64 * _EPS
_COORDINATE_NOISE = 16 * _EPS
# Below this relative gap between the eigenvalues the major-axis direction is rounding noise.
_ISOTROPIC_RELATIVE = 16 * _EPS




# ----------------------------------------------------------------------------- input checks

def _as_float_vector(values, name):
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise BadValueError(f"{name} must be numeric: {error}") from None
    if array.ndim != 1:
        raise BadValueError(f"{name} must be one-dimensional, got shape {array.shape}")
    return array


def _prepare_points(x, y, weights, case_index, n_cases, row_offset=0):
    """Validate and normalise point arrays.

    Returns ``(x, y, w, case, n_cases, n_clipped)``: float64 coordinates, weights with negatives
    set to 0 (None when unweighted), intp case indices, the number of cases and the per-case
    count of clipped negative weights.
    """
    x = _as_float_vector(x, "x")
    y = _as_float_vector(y, "y")
    if y.shape != x.shape:
        raise BadValueError(f"x and y differ in length ({x.size} and {y.size})")
    size = x.size

    w = None
    if weights is not None:
        w = _as_float_vector(weights, "weights")
        if w.shape != x.shape:
            raise BadValueError(f"weights has {w.size} values for {size} points")

    checked = _checked_by_kernel(x, y, w, case_index, n_cases)
    if checked is not None:
        return checked

    if not _all_finite(x, y, w):
        finite = np.isfinite(x) & np.isfinite(y)
        if w is not None:
            finite &= np.isfinite(w)
        if not finite.all():  # else a sum of huge finite values overflowed: they are fine here
            row = int(np.flatnonzero(~finite)[0])
            bad = [name for name, values in (("x", x), ("y", y), ("weight", w))
                   if values is not None and not np.isfinite(values[row])]
            shown = ", ".join(f"{name} = {float(values[row])!r}" for name, values
                              in (("x", x), ("y", y), ("weight", w)) if values is not None)
            raise BadValueError(
                f"row {row + row_offset}: {' and '.join(bad)} not finite ({shown}); "
                "drop or fix rows with missing or infinite values first",
                row=row + row_offset)

    if case_index is None:
        case = np.zeros(size, dtype=np.intp)
        if n_cases is None:
            n_cases = 1
    else:
        case = np.asarray(case_index)
        if case.shape != x.shape:
            raise BadValueError(f"case_index has {case.size} values for {size} points")
        if case.dtype.kind not in "iu":
            raise BadValueError(
                f"case_index must hold integers 0..n_cases-1, got dtype {case.dtype}")
        case = case.astype(np.intp, copy=False)
        if size and case.min() < 0:
            row = int(np.flatnonzero(case < 0)[0])
            raise BadValueError(f"row {row + row_offset}: negative case index {case[row]}",
                                row=row + row_offset)
        if n_cases is None:
            n_cases = int(case.max()) + 1 if size else 0
    n_cases = int(n_cases)
    if n_cases < 0:
        raise BadValueError(f"n_cases must be >= 0, got {n_cases}")
    if size and case.max() >= n_cases:
        row = int(np.flatnonzero(case >= n_cases)[0])
        raise BadValueError(
            f"row {row + row_offset}: case index {case[row]} is not below n_cases = {n_cases}",
            row=row + row_offset)

    if w is not None:
        negative = w < 0
        if negative.any():
            n_clipped = np.bincount(case[negative], minlength=n_cases).astype(np.int64)
            w = np.where(negative, 0.0, w)
        else:
            n_clipped = np.zeros(n_cases, dtype=np.int64)
    else:
        n_clipped = np.zeros(n_cases, dtype=np.int64)
    return x, y, w, case, n_cases, n_clipped


def _checked_by_kernel(x, y, w, case_index, n_cases):
    """What :func:`_prepare_points` returns, when the compiled check finds nothing to refuse or clip
    (the common case) in one pass; None otherwise, and then the checks below name the problem."""
    if n_cases is None or int(n_cases) < 0:
        return None
    if case_index is None:
        case = np.zeros(x.size, dtype=np.intp)
    else:
        case = np.asarray(case_index)
        if case.shape != x.shape or case.dtype.kind not in "iu":
            return None
        case = case.astype(np.intp, copy=False)
    n_cases = int(n_cases)
    if not kernels.points_clean(x, y, w, case, n_cases):  # None without numba
        return None
    return x, y, w, case, n_cases, np.zeros(n_cases, dtype=np.int64)


def _all_finite(*arrays):
    """True when no array (None is skipped) holds NaN or an infinity.

    One summing pass per array and no temporary: a sum is finite unless a value is not (or the
    sum overflows, which the caller's element-wise check then clears).
    """
    with np.errstate(over="ignore", invalid="ignore"):
        return all(array is None or math.isfinite(np.add.reduce(array)) for array in arrays)


def _overflow_allowed(function):
    """Run ``function`` without numpy's overflow/invalid warnings: numbers too large for a double
    (points at 1e308, SIZE = 1e308) become inf/NaN and the case gets the status ``not_finite``."""
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with np.errstate(over="ignore", invalid="ignore"):
            return function(*args, **kwargs)
    return wrapper


def prepare_points(x, y, weights=None, case_index=None, n_cases=None, row_offset=0):
    """The input checks of this module, for other engines on the same points (core/distribution.py).

    Returns ``(x, y, w, case, n_cases, n_clipped)`` as ``_prepare_points`` does: float64
    coordinates, weights with negatives set to 0 (None when unweighted), intp case indices, the
    number of cases and the per-case count of clipped negative weights.
    """
    return _prepare_points(x, y, weights, case_index, n_cases, row_offset)


def _divide(numerator, denominator, fill=np.nan):
    """numerator / denominator where the denominator is non-zero, ``fill`` elsewhere (no warnings)."""
    numerator, denominator = np.broadcast_arrays(np.asarray(numerator, dtype=np.float64),
                                                 np.asarray(denominator, dtype=np.float64))
    out = np.full(numerator.shape, fill, dtype=np.float64)
    np.divide(numerator, denominator, out=out, where=denominator != 0)
    return out


# ----------------------------------------------------------------------------- moments

class GroupedMoments:
    """Weighted first and second moments of the points of each case; mergeable.

    Arrays of length ``n_cases``:

    * ``n``: points seen, zero weights included; ``n_clipped``: points whose negative weight
      was set to 0 (included in ``n``).
    * ``weight_sum``: W. ``mean_x``, ``mean_y``: weighted mean (NaN where W == 0).
    * ``sxx``, ``syy``, ``sxy``: weighted sums of squared deviations about the mean,
      ``sum w (x - mean_x)^2`` etc. (units squared times weight units; 0 where W == 0).

    Merging two objects (:meth:`merge`) gives exactly what one pass over the union would give,
    up to rounding (Chan, Golub & LeVeque's pairwise update).
    """

    __slots__ = ("n", "n_clipped", "weight_sum", "mean_x", "mean_y", "sxx", "syy", "sxy")

    def __init__(self, n, weight_sum, mean_x, mean_y, sxx, syy, sxy, n_clipped=None):
        self.n = np.asarray(n, dtype=np.int64)
        self.weight_sum = np.asarray(weight_sum, dtype=np.float64)
        self.mean_x = np.asarray(mean_x, dtype=np.float64)
        self.mean_y = np.asarray(mean_y, dtype=np.float64)
        self.sxx = np.asarray(sxx, dtype=np.float64)
        self.syy = np.asarray(syy, dtype=np.float64)
        self.sxy = np.asarray(sxy, dtype=np.float64)
        self.n_clipped = (np.zeros(self.n.shape, dtype=np.int64) if n_clipped is None
                          else np.asarray(n_clipped, dtype=np.int64))
        shapes = {getattr(self, name).shape for name in self.__slots__}
        if len(shapes) != 1 or len(next(iter(shapes))) != 1:
            raise BadValueError(f"GroupedMoments arrays must be 1-D of one length, got {shapes}")

    @property
    def n_cases(self):
        return int(self.n.size)

    @classmethod
    def empty(cls, n_cases):
        """Moments of no points at all (the neutral element of :meth:`merge`)."""
        zeros = np.zeros(n_cases)
        nan = np.full(n_cases, np.nan)
        count = np.zeros(n_cases, dtype=np.int64)
        return cls(count, zeros, nan, nan, zeros, zeros, zeros, count)

    @classmethod
    def from_points(cls, x, y, weights=None, case_index=None, n_cases=None, row_offset=0):
        """Moments of the points, grouped by ``case_index`` (default: one case).

        ``weights`` None means all 1. Negative weights count as 0 (see ``n_clipped``).
        Non-finite coordinates or weights raise :class:`BadValueError` naming the first bad
        row (``row_offset`` is added to the row numbers, for chunked input). ``n_cases``
        defaults to ``max(case_index) + 1``.
        """
        x, y, w, case, n_cases, n_clipped = _prepare_points(
            x, y, weights, case_index, n_cases, row_offset)
        return cls._from_prepared(x, y, w, case, n_cases, n_clipped)

    @classmethod
    @_overflow_allowed
    def _from_prepared(cls, x, y, w, case, n_cases, n_clipped, chunk_size=None):
        """:meth:`from_points` on arrays already checked by ``_prepare_points`` (see
        :func:`_shifted_moments` for the two passes)."""
        references = (np.zeros(n_cases), np.zeros(n_cases), np.zeros(n_cases, dtype=bool))
        n, weight_sum, shift_x, shift_y, sxx, syy, sxy = _shifted_moments(x, y, w, case, n_cases, references,
                                                                          chunk_size)
        has_weight = weight_sum > 0
        mean_x = np.where(has_weight, references[0] + shift_x, np.nan)
        mean_y = np.where(has_weight, references[1] + shift_y, np.nan)
        return cls(n, weight_sum, mean_x, mean_y, sxx, syy, sxy, n_clipped)


    @classmethod
    def from_chunks(cls, chunks, n_cases, progress=None, is_canceled=None):
        """Merge the moments of an iterable of chunks ``(x, y, weights, case_index)``.

        ``weights`` may be None for a chunk. Row numbers in error messages count across
        chunks. ``progress(fraction)`` is called after each chunk when the iterable has a
        length; when ``is_canceled()`` returns True the loop stops and None is returned.
        """
        total = len(chunks) if hasattr(chunks, "__len__") else None
        result = cls.empty(n_cases)
        rows_seen = 0
        for number, (x, y, weights, case_index) in enumerate(chunks, start=1):
            if is_canceled is not None and is_canceled():
                return None
            chunk = cls.from_points(x, y, weights, case_index, n_cases, row_offset=rows_seen)
            rows_seen += int(np.size(x))
            result = result.merge(chunk)
            if progress is not None and total:
                progress(number / total)
        return result

    @_overflow_allowed
    def merge(self, other):
        """Moments of the union of the points behind ``self`` and ``other`` (same cases)."""
        if other.n_cases != self.n_cases:
            raise BadValueError(
                f"cannot merge moments of {self.n_cases} and {other.n_cases} cases")
        weight_a, weight_b = self.weight_sum, other.weight_sum
        weight_sum = weight_a + weight_b
        only_a = weight_b == 0
        only_b = (weight_a == 0) & ~only_a
        both = ~(only_a | only_b)

        mean_ax = np.where(both, self.mean_x, 0.0)
        mean_ay = np.where(both, self.mean_y, 0.0)
        delta_x = np.where(both, other.mean_x, 0.0) - mean_ax
        delta_y = np.where(both, other.mean_y, 0.0) - mean_ay
        share_b = _divide(weight_b, weight_sum, fill=0.0)
        # Wa * Wb / W, written so that it cannot overflow.
        cross = weight_a * share_b

        def pick(a_value, b_value, merged):
            return np.where(only_a, a_value, np.where(only_b, b_value, merged))

        mean_x = pick(self.mean_x, other.mean_x, mean_ax + delta_x * share_b)
        mean_y = pick(self.mean_y, other.mean_y, mean_ay + delta_y * share_b)
        sxx = pick(self.sxx, other.sxx, self.sxx + other.sxx + delta_x * delta_x * cross)
        syy = pick(self.syy, other.syy, self.syy + other.syy + delta_y * delta_y * cross)
        sxy = pick(self.sxy, other.sxy, self.sxy + other.sxy + delta_x * delta_y * cross)
        return GroupedMoments(self.n + other.n, weight_sum, mean_x, mean_y, sxx, syy, sxy,
                              self.n_clipped + other.n_clipped)

    @_overflow_allowed
    def covariance(self):
        """Population covariance ``(a, b, c) = (sxx, sxy, syy) / W`` per case (NaN where W == 0)."""
        return (_divide(self.sxx, self.weight_sum), _divide(self.sxy, self.weight_sum),
                _divide(self.syy, self.weight_sum))


@_overflow_allowed
def _shifted_moments(x, y, w, case, n_cases, references, chunk_size=None):
    """The two passes of :meth:`GroupedMoments.from_points` on checked arrays.

    ``references``: ``(reference_x, reference_y, has_reference)``, arrays of ``n_cases``, updated
    in place (a stream keeps them from block to block). Returns ``(n, weight_sum, shift_x,
    shift_y, sxx, syy, sxy)``: the mean is ``reference + shift`` (shift 0 where W == 0).

    Two passes over blocks of ``chunk_size`` points (cache-sized by default), with no
    temporary array longer than a block:

    1. counts, sums of weights and weighted sums of the coordinates, each case shifted by
       one of its own points of positive weight (its *reference*, fixed the first time the
       case is met). The shifted sums are small, so the mean keeps its precision at
       projected coordinates around 1e7, and a case of identical points gets a mean equal
       to its point, hence deviations and moments of exactly zero;
    2. the weighted sums of squared deviations about that mean.

    The mean of pass 1 is exact up to rounding of the shifted sums; its rounding to a
    double adds ``W * e^2`` to a sum of squares, i.e. a relative error ``(e / sd)^2``, far
    below the rounding of the input coordinates themselves.
    """
    compiled = kernels.shifted_moments(x, y, w, case, n_cases, references)
    if compiled is not None:
        return compiled
    chunk_size = BLOCK_SIZE if chunk_size is None else int(chunk_size)
    n = np.zeros(n_cases, dtype=np.int64)
    weight_sum = np.zeros(n_cases)
    sum_x = np.zeros(n_cases)
    sum_y = np.zeros(n_cases)
    reference_x, reference_y, has_reference = references
    all_referenced = bool(has_reference.all())
    blocks = range(0, x.size, chunk_size)
    for start in blocks:
        block = slice(start, start + chunk_size)
        cases, xs, ys = case[block], x[block], y[block]
        ws = None if w is None else w[block]
        if not all_referenced:
            # Cases met for the first time in this block take one of its points of
            # positive weight as their reference (cases without any keep 0: W == 0).
            new = ~has_reference[cases]
            if ws is not None:
                new &= ws > 0
            if new.any():
                # The first such point of each case (an assignment through repeated indices keeps
                # whichever numpy writes last), as the compiled kernel takes it.
                rows = np.flatnonzero(new)
                new_cases, first = np.unique(cases[rows], return_index=True)
                rows = rows[first]
                reference_x[new_cases] = xs[rows]
                reference_y[new_cases] = ys[rows]
                has_reference[new_cases] = True
                all_referenced = bool(has_reference.all())
        n += np.bincount(cases, minlength=n_cases)
        shifted_x = xs - reference_x[cases]
        shifted_y = ys - reference_y[cases]
        if ws is None:
            sum_x += np.bincount(cases, shifted_x, n_cases)
            sum_y += np.bincount(cases, shifted_y, n_cases)
        else:
            weight_sum += np.bincount(cases, ws, n_cases)
            sum_x += np.bincount(cases, ws * shifted_x, n_cases)
            sum_y += np.bincount(cases, ws * shifted_y, n_cases)
    if w is None:
        weight_sum = n.astype(np.float64)

    has_weight = weight_sum > 0
    shift_x = _divide(sum_x, weight_sum, fill=0.0)
    shift_y = _divide(sum_y, weight_sum, fill=0.0)
    centre_x = np.where(has_weight, reference_x + shift_x, 0.0)
    centre_y = np.where(has_weight, reference_y + shift_y, 0.0)
    sxx = np.zeros(n_cases)
    syy = np.zeros(n_cases)
    sxy = np.zeros(n_cases)
    for start in blocks:
        block = slice(start, start + chunk_size)
        cases = case[block]
        dx = x[block] - centre_x[cases]
        dy = y[block] - centre_y[cases]
        w_dx = dx if w is None else w[block] * dx
        sxx += np.bincount(cases, w_dx * dx, n_cases)
        sxy += np.bincount(cases, w_dx * dy, n_cases)
        dy *= dy
        syy += np.bincount(cases, dy if w is None else w[block] * dy, n_cases)
    return n, weight_sum, shift_x, shift_y, sxx, syy, sxy


class MomentsStream:
    """Grouped moments of points that arrive block by block, as a file is read, with case indices
    that may grow from one block to the next: the engine's moment passes done while the rest of
    the input is still being read, so that only the share inside is left for afterwards.

    Each block's moments are exact (the two passes of :meth:`GroupedMoments.from_points`, on a
    block still in the processor's cache) and are merged into the running totals with Chan et
    al.'s pairwise update. Every case keeps one reference point (one of its own points of
    positive weight, the first one met, as :meth:`GroupedMoments.from_points` chooses it) for
    the whole stream, and the means are merged as offsets from it: the update then works on
    numbers of the size of the spread, not of the coordinates, and the result equals
    :meth:`GroupedMoments.from_points` on all the points at once to about 1e-15 relative (a case
    of identical points exactly). Input checks are the engine's: a non-finite value or a
    negative case index raises :class:`BadValueError` naming its row counted over all blocks.
    """

    _TOTALS = ("n", "n_clipped", "weight_sum", "shift_x", "shift_y", "sxx", "syy", "sxy",
               "reference_x", "reference_y", "has_reference")

    def __init__(self):
        self.rows = 0
        self.n = np.zeros(0, dtype=np.int64)
        self.n_clipped = np.zeros(0, dtype=np.int64)
        self.has_reference = np.zeros(0, dtype=bool)
        for name in ("weight_sum", "shift_x", "shift_y", "sxx", "syy", "sxy", "reference_x", "reference_y"):
            setattr(self, name, np.zeros(0))

    @property
    def n_cases(self):
        return int(self.n.size)

    def _grow(self, n_cases):
        """Room for ``n_cases`` cases (the new ones: no point, no reference yet)."""
        extra = n_cases - self.n_cases
        if extra > 0:
            for name in self._TOTALS:
                values = getattr(self, name)
                setattr(self, name, np.concatenate([values, np.zeros(extra, dtype=values.dtype)]))

    @_overflow_allowed
    def add(self, x, y, weights=None, case_index=None):
        """Add one block: coordinates, weights (None: all 1) and case indices (None: case 0)."""
        size = int(np.size(x))
        if size == 0:
            return
        n_cases = self.n_cases
        if case_index is None:
            n_cases = max(n_cases, 1)
        else:  # _prepare_points rejects what is not one integer index per point
            case_index = np.asarray(case_index)
            if case_index.dtype.kind in "iu" and case_index.size:
                n_cases = max(n_cases, int(case_index.max()) + 1)
        x, y, w, case, n_cases, n_clipped = _prepare_points(x, y, weights, case_index, n_cases, self.rows)
        self._grow(n_cases)
        n, weight_b, shift_bx, shift_by, sxx_b, syy_b, sxy_b = _shifted_moments(
            x, y, w, case, n_cases, (self.reference_x, self.reference_y, self.has_reference))
        # Chan et al.: W = Wa + Wb, mean = mean_a + d Wb / W, S = Sa + Sb + d^2 Wa Wb / W, with
        # d = mean_b - mean_a. Where Wb == 0 this leaves a's numbers as they were (and where
        # Wa == 0 the offset of a is 0, so the mean becomes b's exactly).
        weight_sum = self.weight_sum + weight_b
        share_b = _divide(weight_b, weight_sum, fill=0.0)
        cross = self.weight_sum * share_b  # Wa * Wb / W, written so that it cannot overflow
        delta_x = shift_bx - self.shift_x
        delta_y = shift_by - self.shift_y
        self.sxx += sxx_b + delta_x * delta_x * cross
        self.syy += syy_b + delta_y * delta_y * cross
        self.sxy += sxy_b + delta_x * delta_y * cross
        self.shift_x += delta_x * share_b
        self.shift_y += delta_y * share_b
        self.weight_sum = weight_sum
        self.n += n
        self.n_clipped += n_clipped
        self.rows += size

    def result(self, n_cases=None):
        """:class:`GroupedMoments` of every point added, for ``n_cases`` cases (default: those seen)."""
        if n_cases is not None:
            if n_cases < self.n_cases:
                raise BadValueError(f"the stream holds {self.n_cases} cases, more than {n_cases}")
            self._grow(int(n_cases))
        has_weight = self.weight_sum > 0
        with np.errstate(over="ignore", invalid="ignore"):
            mean_x = np.where(has_weight, self.reference_x + self.shift_x, np.nan)
            mean_y = np.where(has_weight, self.reference_y + self.shift_y, np.nan)
        return GroupedMoments(self.n.copy(), self.weight_sum.copy(), mean_x, mean_y, self.sxx.copy(),
                              self.syy.copy(), self.sxy.copy(), self.n_clipped.copy())


def check_moments_match(moments, n_points, n_cases=None):
    """Refuse moments given for points they cannot be of (another count of points or of cases)."""
    if int(moments.n.sum()) != n_points or (n_cases is not None and moments.n_cases != n_cases):
        raise BadValueError(f"the moments given are of {int(moments.n.sum())} points in {moments.n_cases} "
                            f"cases, not of these {n_points} points in {n_cases} cases")


# ----------------------------------------------------------------------------- ellipses

def _method_id(method):
    if isinstance(method, str):
        if method.lower() in METHOD_NAMES:
            return METHOD_NAMES.index(method.lower())
    elif isinstance(method, (int, np.integer)) and not isinstance(method, bool):
        if 0 <= int(method) < len(METHOD_NAMES):
            return int(method)
    raise BadValueError(
        f"unknown ellipse method {method!r}: use 0..3 or one of {', '.join(METHOD_NAMES)}")


def _check_size(size):
    size = float(size)
    if not (math.isfinite(size) and size > 0):
        raise BadValueError(f"size (number of standard deviations) must be > 0, got {size}")
    return size


def _check_coverage(coverage_percent):
    coverage_percent = float(coverage_percent)
    if not (math.isfinite(coverage_percent) and 0 < coverage_percent < 100):
        raise BadValueError(
            f"coverage must be a percentage strictly between 0 and 100, got {coverage_percent}")
    return coverage_percent


@_overflow_allowed
def scale_factor(method, size=1.0, coverage_percent=68.27, n=None):
    """The factor applied to ``sqrt(lambda)`` to get a semi-axis.

    * ArcGIS: ``size * sqrt(2)``; Yuill 1971: ``size``;
    * CrimeStat: ``size * sqrt(2) * sqrt(n / (n - 2))`` with ``n`` the number of points (not the
      sum of weights); NaN where ``n <= 2``. ``n`` is required and may be an array;
    * Coverage: ``sqrt(-2 ln(1 - coverage_percent / 100))`` (Wang, Shi & Miao 2015): the
      ellipse holding that share of a bivariate normal; ``size`` is not used.

    Returns a float, or an array shaped like ``n`` for CrimeStat with an array ``n``.
    """
    method = _method_id(method)
    if method == METHOD_COVERAGE:
        p = _check_coverage(coverage_percent) / 100.0
        return math.sqrt(-2.0 * math.log1p(-p))
    size = _check_size(size)
    if method == METHOD_YUILL:
        return size
    if method == METHOD_ARCGIS:
        return size * math.sqrt(2.0)
    if n is None:
        raise BadValueError("the CrimeStat scale needs n, the number of points")
    n_array = np.asarray(n, dtype=np.float64)
    ratio = _divide(n_array, n_array - 2.0)
    ratio[n_array <= 2] = np.nan
    result = size * np.sqrt(2.0 * ratio)
    return float(result) if result.ndim == 0 else result


@_overflow_allowed
def ellipses_from_moments(moments, method=METHOD_ARCGIS, size=1.0, coverage_percent=68.27):
    """One ellipse per case from :class:`GroupedMoments`.

    Returns a DataFrame indexed by case (0..n_cases-1) with the columns of
    :data:`OUTPUT_COLUMNS`; ``pct_inside`` and ``pct_weight_inside`` need the points and are
    NaN here (:func:`standard_deviational_ellipses` fills them via :func:`share_inside`).
    """
    method = _method_id(method)
    n = moments.n
    weight_sum = moments.weight_sum
    has_weight = weight_sum > 0
    a, b, c = moments.covariance()

    half_trace = 0.5 * (a + c)
    radius = np.hypot(0.5 * (a - c), b)
    lambda_1 = half_trace + radius
    lambda_2 = np.maximum(half_trace - radius, 0.0)

    coordinate_size = np.maximum(np.abs(moments.mean_x), np.abs(moments.mean_y))
    noise = (_COORDINATE_NOISE * coordinate_size) ** 2
    identical = has_weight & (lambda_1 == 0)
    collinear = has_weight & ~identical & (
        lambda_2 <= _COLLINEAR_RELATIVE * lambda_1 + noise)
    lambda_2 = np.where(collinear, 0.0, lambda_2)
    # With lambda_2 = 0 the trace is lambda_1, and it is free of the cancellation above.
    lambda_1 = np.where(collinear, a + c, lambda_1)
    isotropic = has_weight & (radius <= _ISOTROPIC_RELATIVE * half_trace)

    phi = 0.5 * np.arctan2(2.0 * b, a - c)  # major axis, radians counter-clockwise from +x
    azimuth = 90.0 - np.degrees(phi)
    azimuth = np.where(azimuth >= 180.0, azimuth - 180.0, azimuth)
    azimuth = np.where(isotropic | ~has_weight, np.nan, azimuth)

    if method == METHOD_CRIMESTAT:
        scale = scale_factor(method, size, coverage_percent, n=n)
    else:
        scale = np.full(n.shape, scale_factor(method, size, coverage_percent))
    scale = np.where(has_weight, scale, np.nan)
    major = scale * np.sqrt(lambda_1)
    minor = scale * np.sqrt(lambda_2)

    # ArcGIS 10.x frame: YStdDist lies on the axis whose azimuth is in [0, 90).
    major_on_y = ~(azimuth >= 90.0)  # NaN azimuth (no orientation): the axes are equal anyway
    x_std = np.where(major_on_y, minor, major)
    y_std = np.where(major_on_y, major, minor)

    area = np.pi * major * minor
    not_finite = has_weight & ~_representable(moments, scale, major, minor, area)

    status = np.full(n.shape, STATUS_OK, dtype=object)
    status[collinear] = STATUS_COLLINEAR
    status[identical] = STATUS_IDENTICAL
    status[has_weight & (n < MIN_POINTS)] = STATUS_TOO_FEW
    status[not_finite] = STATUS_NOT_FINITE
    status[~has_weight] = STATUS_ZERO_WEIGHT

    nan = np.full(n.shape, np.nan)
    table = pd.DataFrame(
        {
            "n": n.astype(np.int64),
            "weight_sum": weight_sum,
            "CenterX": moments.mean_x,
            "CenterY": moments.mean_y,
            "XStdDist": x_std,
            "YStdDist": y_std,
            "Rotation": azimuth,
            "major_sd": major,
            "minor_sd": minor,
            "azimuth": azimuth,
            "method": METHOD_NAMES[method],
            "scale": scale,
            "coverage_expected": -100.0 * np.expm1(-0.5 * scale * scale),
            "pct_inside": nan,
            "pct_weight_inside": nan.copy(),
            "area": area,
            "flattening": 1.0 - _divide(minor, major),
            "status": status,
        },
        index=pd.RangeIndex(n.size, name="case_index"),
        columns=list(OUTPUT_COLUMNS),
    )
    if not_finite.any():
        # Overflowed values (inf, inf - inf) mean nothing: NaN, so that no number looks valid.
        numbers = table.select_dtypes("float64").columns
        table[numbers] = table[numbers].where(np.isfinite(table[numbers]), np.nan)
    table.attrs["n_clipped_weights"] = int(moments.n_clipped.sum())
    return table


def _representable(moments, scale, major, minor, area):
    """Per case: True when the moments, the axes, the area and the ring's coordinates are finite.

    NaN axes are representable where the method leaves them undefined (CrimeStat with n <= 2:
    NaN scale). The ring's vertices lie within ``|centre| + major + minor`` of the origin, so
    that sum must be finite too.
    """
    finite = np.isfinite(moments.weight_sum)
    for values in (moments.mean_x, moments.mean_y, moments.sxx, moments.syy, moments.sxy):
        finite &= np.isfinite(values)
    defined = ~np.isnan(scale)
    reach = np.maximum(np.abs(moments.mean_x), np.abs(moments.mean_y)) + major + minor
    for values in (scale, major, minor, area, reach):
        finite &= np.isfinite(values) | (np.isnan(values) & ~defined)
    return finite


def _ellipse_parameters(table):
    """Per-case centre, unit major direction and semi-axes; NaN rows where undefined."""
    centre_x = table["CenterX"].to_numpy(dtype=np.float64)
    centre_y = table["CenterY"].to_numpy(dtype=np.float64)
    major = table["major_sd"].to_numpy(dtype=np.float64)
    minor = table["minor_sd"].to_numpy(dtype=np.float64)
    azimuth = table["azimuth"].to_numpy(dtype=np.float64)
    # No orientation (isotropic or identical points): the axes are equal, any direction works.
    phi = np.radians(90.0 - np.where(np.isnan(azimuth), 90.0, azimuth))
    return centre_x, centre_y, np.cos(phi), np.sin(phi), major, minor


def count_inside(x, y, weights, case_index, table, row_offset=0):
    """Per case: the number of points (weight 0 included) and their total weight inside the ellipse.

    Sums over chunks add up, so this is the chunked form of :func:`share_inside`. The boundary
    counts as inside, with a relative tolerance of :data:`INSIDE_RELATIVE_TOLERANCE` plus the
    rounding noise of the coordinates, so points exactly on the boundary (or, for a collinear
    case, on the segment) are inside despite rounding.
    """
    x, y, w, case, n_cases, _ = _prepare_points(
        x, y, weights, case_index, len(table), row_offset)
    return _count_inside_prepared(x, y, w, case, n_cases, _inside_parameters(table))


def _inside_parameters(table):
    """Per case, six contiguous arrays (one gather each per point): the centre, the unit major
    direction, and 1 / the reach along each axis.

    The reach is the semi-axis widened by :data:`INSIDE_RELATIVE_TOLERANCE` and by the rounding
    noise of the coordinates, so points exactly on the boundary (or, for a collinear case, on
    the segment) are inside despite rounding. A reach of 0 (identical points at the origin)
    becomes the smallest double: only the centre itself is inside. Entries of undefined ellipses
    are NaN, and NaN compares as outside.
    """
    centre_x, centre_y, cos_phi, sin_phi, major, minor = _ellipse_parameters(table)
    slack = (INSIDE_RELATIVE_TOLERANCE * major
             + 4 * _EPS * np.maximum(np.abs(centre_x), np.abs(centre_y)))
    tiny = np.finfo(np.float64).tiny
    with np.errstate(over="ignore", invalid="ignore"):
        inverse_major = 1.0 / np.maximum(major * (1 + INSIDE_RELATIVE_TOLERANCE) + slack, tiny)
        inverse_minor = 1.0 / np.maximum(minor * (1 + INSIDE_RELATIVE_TOLERANCE) + slack, tiny)
    undefined = np.isnan(major) | np.isnan(minor)
    inverse_major[undefined] = np.nan
    inverse_minor[undefined] = np.nan
    return tuple(np.ascontiguousarray(values, dtype=np.float64) for values in
                 (centre_x, centre_y, cos_phi, sin_phi, inverse_major, inverse_minor))


@_overflow_allowed
def _count_inside_prepared(x, y, w, case, n_cases, parameters, chunk_size=None):
    """The inside pass, in blocks. Counts are sums of the 0/1 outcome per point (and of weight
    times it) rather than counts of the selected points: selecting the points inside costs
    more than the rest of the pass, and adding zeros leaves every sum exactly as it was."""
    compiled = kernels.count_inside(x, y, w, case, n_cases, parameters)
    if compiled is not None:
        return compiled
    chunk_size = BLOCK_SIZE if chunk_size is None else int(chunk_size)
    centre_x, centre_y, cos_phi, sin_phi, inverse_major, inverse_minor = parameters
    n_inside = np.zeros(n_cases)
    weight_inside = np.zeros(n_cases)
    for start in range(0, x.size, chunk_size):
        block = slice(start, start + chunk_size)
        cases = case[block]
        dx = x[block] - centre_x.take(cases)
        dy = y[block] - centre_y.take(cases)
        cos_p, sin_p = cos_phi.take(cases), sin_phi.take(cases)
        along = dx * cos_p
        along += dy * sin_p
        along *= inverse_major.take(cases)
        dy *= cos_p
        dx *= sin_p
        dy -= dx  # the offset across the major axis
        dy *= inverse_minor.take(cases)
        along *= along
        dy *= dy
        along += dy
        inside = along <= 1.0  # NaN (undefined ellipse) compares False
        n_inside += np.bincount(cases, inside, n_cases)
        if w is not None:
            weight_inside += np.bincount(cases, w[block] * inside, n_cases)
    n_inside = n_inside.astype(np.int64)  # exact: counts below 2**53
    if w is None:
        weight_inside = n_inside.astype(np.float64)
    return n_inside, weight_inside


def share_inside(x, y, weights, case_index, table):
    """Per case, the percent of points and of weight inside the case's ellipse.

    ``table`` comes from :func:`ellipses_from_moments` for the same points; its ``n`` and
    ``weight_sum`` are the denominators (every point counts, weight 0 included). Returns
    ``(pct_inside, pct_weight_inside)``, arrays in percent, NaN where the ellipse is undefined.
    """
    n_inside, weight_inside = count_inside(x, y, weights, case_index, table)
    return percent_inside(n_inside, weight_inside, table)


def percent_inside(n_inside, weight_inside, table):
    """Turn summed :func:`count_inside` results into ``(pct_inside, pct_weight_inside)``."""
    defined = table["major_sd"].notna().to_numpy()
    pct = 100.0 * _divide(n_inside, table["n"].to_numpy(dtype=np.float64))
    pct_weight = 100.0 * _divide(weight_inside, table["weight_sum"].to_numpy(dtype=np.float64))
    return np.where(defined, pct, np.nan), np.where(defined, pct_weight, np.nan)


@_overflow_allowed
def ellipse_rings(table, n_vertices=360):
    """Polygon rings of the ellipses: array ``(n_cases, n_vertices + 1, 2)`` of ``(x, y)``.

    Each ring starts at the end of the major axis that points to ``azimuth``, runs
    counter-clockwise (x east, y north) and is closed (last vertex == first). Rows of cases
    without a defined ellipse are NaN; collinear cases give a flat ring (zero area).
    """
    n_vertices = int(n_vertices)
    if n_vertices < 3:
        raise BadValueError(f"an ellipse ring needs at least 3 vertices, got {n_vertices}")
    centre_x, centre_y, cos_phi, sin_phi, major, minor = _ellipse_parameters(table)
    t = 2.0 * np.pi * np.arange(n_vertices) / n_vertices
    # x = centre_x + major cos_phi cos t - minor sin_phi sin t (y likewise): per coordinate, (cases x 3)
    # coefficients times the (3 x vertices) basis 1, cos t, sin t, summed by einsum's own loop (no BLAS
    # threads, the same numbers on every machine). Two passes instead of ten whole-array ones: about 1.5x
    # faster, equal to the term-by-term sum to 1 ulp.
    basis = np.stack([np.ones(n_vertices), np.cos(t), np.sin(t)])
    rings = np.empty((major.size, n_vertices + 1, 2))
    for axis, coefficients in enumerate(([centre_x, major * cos_phi, -(minor * sin_phi)],
                                         [centre_y, major * sin_phi, minor * cos_phi])):
        np.einsum("ck,kv->cv", np.stack(coefficients, axis=1), basis, out=rings[:, :-1, axis])
    rings[:, -1] = rings[:, 0]
    return rings


#: Points per block of the engine's passes: the temporaries of a block (about 6 float64
#: arrays) stay in the processor's cache, which is faster than whole-array numpy operations.
BLOCK_SIZE = 1 << 15

#: Kept for callers that size their own chunks (streams, benchmarks): about 30 MB of input.
DEFAULT_CHUNK_SIZE = 1 << 20


def standard_deviational_ellipses(x, y, weights=None, case_index=None, n_cases=None,
                                  method=METHOD_ARCGIS, size=1.0, coverage_percent=68.27,
                                  chunk_size=None, moments=None):
    """Moments, ellipses and shares inside for every case, vectorised.

    ``x``, ``y``: coordinates (one planar CRS); ``weights``: None for all 1; ``case_index``:
    integers 0..n_cases-1 (None: one case). Three passes over the points, in blocks of
    ``chunk_size`` points (default :data:`BLOCK_SIZE`; it only bounds the temporaries): the
    weighted means, the sums of squared deviations about them (see
    :meth:`GroupedMoments._from_prepared`), and the points inside each ellipse. See the module
    docstring for units, conventions and the status precedence; the columns are
    :data:`OUTPUT_COLUMNS`, one row per case (index 0..n_cases-1), and
    ``attrs["n_clipped_weights"]`` counts the negative weights that were set to 0.

    ``moments``: the :class:`GroupedMoments` of these very points when they were computed as
    the points were read (:class:`MomentsStream`); only the inside pass is left then.
    """
    method = _method_id(method)
    scale_factor(method, size, coverage_percent, n=3)  # reject bad parameters before the work
    chunk_size = BLOCK_SIZE if chunk_size is None else int(chunk_size)
    if chunk_size < 1:
        raise BadValueError(f"chunk_size must be >= 1, got {chunk_size}")
    x, y, w, case, n_cases, n_clipped = _prepare_points(x, y, weights, case_index, n_cases)
    if moments is None:
        moments = GroupedMoments._from_prepared(x, y, w, case, n_cases, n_clipped, chunk_size)
    else:
        check_moments_match(moments, x.size, n_cases)
    table = ellipses_from_moments(moments, method, size, coverage_percent)
    n_inside, weight_inside = _count_inside_prepared(
        x, y, w, case, n_cases, _inside_parameters(table), chunk_size)
    table["pct_inside"], table["pct_weight_inside"] = percent_inside(
        n_inside, weight_inside, table)
    return table
