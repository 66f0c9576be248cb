"""Optional compiled loops of the engine (numba), with numpy as the fallback giving the same numbers.

numpy makes the engine sweep memory once per grouped sum: seven ``np.bincount`` calls and their
temporaries for the moments, a dozen array operations for the share inside. A compiled loop does
each pass in one sweep, with the per-case totals in registers and cache. The loops here do the
same arithmetic in the same order per point as the numpy code of ``core/sde.py`` (same reference
points, same deviations, same products), so the sums differ from numpy's only in how rounding
falls between numpy's blocks: about 1e-16 relative, and counts, statuses and inside/outside
decisions are identical.

numba is optional: when it is missing, cannot compile here, or the environment variable
``CLUSTERBELT_NO_NUMBA`` is set to anything but ``0`` or empty, every function of this module
returns None and ``core/sde.py`` runs its numpy path. numba is imported on first use (about
0.5 s), and the kernels are compiled then with ``cache=True``: numba stores the machine code in the
``__pycache__`` folder next to this file, or, when the plugin's folder is read-only, in the user's
cache (``$XDG_CACHE_HOME/numba``, by default ``~/.cache/numba``; ``NUMBA_CACHE_DIR`` overrides
both). When no cache folder is writable they are compiled again in each session.

No QGIS here (core/ never imports it).
"""
import os
import warnings

import numpy as np

#: Set to anything but "" or "0" to run the numpy path even when numba is installed.
DISABLE_VARIABLE = "CLUSTERBELT_NO_NUMBA"

_compiled = None  # the kernels once built; False when numba is missing or failed
_status = {"state": "not loaded", "cache": None}


def status():
    """How the kernels stand, for logs and tests: ``state`` is "not loaded", "compiled" or why not
    ("numba missing", "switched off by CLUSTERBELT_NO_NUMBA", a compile error); ``cache`` is where
    numba keeps the compiled code (None: compiled for this session only)."""
    if _disabled():
        return {"state": f"switched off by {DISABLE_VARIABLE}", "cache": None}
    return dict(_status)


def load():
    """Import numba and load (or compile) the kernels now, as the first run of a tool in a session
    would; returns :func:`status`. For measurements that keep this once-per-session cost apart."""
    _kernels()
    return status()


def _disabled():
    return os.environ.get(DISABLE_VARIABLE, "") not in ("", "0")


def _kernels():
    """The compiled kernels, or None (numba missing, failed to compile, or switched off)."""
    global _compiled
    if _disabled():
        return None
    if _compiled is None:
        _compiled = _build()
    return _compiled or None


def _build():
    # numba's and llvmlite's own deprecation warnings (e.g. llvmlite's use of importlib.resources.path
    # on Python 3.11) are about their code, not ours: they must not fail a run that turns warnings into errors.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            import numba
        except ImportError:
            _status["state"] = "numba missing"
            return False
        failure = None
        # Without a writable cache folder (RuntimeError) or with a cached copy that does not load, the
        # kernels are compiled for this session only; any failure of the compiler leaves the numpy path.
        for cache in (True, False):
            try:
                kernels = _define(numba, cache)
            except Exception as error:  # noqa: BLE001
                failure = error
                continue
            _status.update(state="compiled", cache=_cache_folder(kernels) if cache else None)
            return kernels
    _status["state"] = f"numba failed: {failure}"
    return False


def _cache_folder(kernels):
    cache = getattr(next(iter(kernels.values())), "_cache", None)
    locator = getattr(getattr(cache, "_impl", None), "locator", None)
    return None if locator is None else locator.get_cache_path()


#: One 2-D point in little-endian WKB (byte order 1, geometry type 1, x, y), as the 21-byte record
#: GDAL's Arrow stream gives for each point of a point layer.
WKB_POINT = np.dtype([("order", "u1"), ("kind", "<u4"), ("x", "<f8"), ("y", "<f8")])

# Explicit signatures: numba compiles (or loads from its cache) when the module builds them, once,
# not at a first call in the middle of a run; the callers pass exactly these types.
_ARRAY, _CASES = "float64[::1]", "int64[::1]"
# x, y, w, weighted, case, reference_x, reference_y, has_reference, n, then the six per-case sums.
_MOMENTS_SIGNATURE = "void({})".format(", ".join(
    [_ARRAY] * 3 + ["boolean", _CASES] + [_ARRAY] * 2 + ["boolean[::1]", _CASES] + [_ARRAY] * 6))
# x, y, w, weighted, case, n_cases.
_CHECK_SIGNATURE = "boolean({}, int64)".format(", ".join([_ARRAY] * 3 + ["boolean", _CASES]))
# x, y, w, weighted, case, the six per-case parameters, n_inside, weight_inside.
_INSIDE_SIGNATURE = "void({})".format(", ".join([_ARRAY] * 3 + ["boolean", _CASES] + [_ARRAY] * 8))


def _define(numba, cache):
    def jit(signature):
        return numba.njit(signature, nogil=True, cache=cache, boundscheck=False)

    # Each case's numbers of a pass sit side by side in one row of a table (one cache line), not in
    # separate arrays: a point then touches one line instead of up to eight, which keeps the pass as
    # fast with 10,000 cases (whose arrays outgrow the processor's L2 cache) as with 100.
    @jit(_MOMENTS_SIGNATURE)
    def shifted_moments(x, y, w, weighted, case, reference_x, reference_y, has_reference,
                        n, weight_sum, shift_x, shift_y, sxx, syy, sxy):
        # Row of a case: reference x, y, has a reference (0/1), count, weight, the two shifted sums.
        row = np.zeros((n.size, 8))
        for c in range(n.size):
            row[c, 0] = reference_x[c]
            row[c, 1] = reference_y[c]
            row[c, 2] = 1.0 if has_reference[c] else 0.0
        # Pass 1: counts, weights and sums of coordinates shifted by each case's reference (the
        # first point of positive weight it meets, kept from call to call in a stream).
        for i in range(x.size):
            c = np.uint64(case[i])  # unsigned: no wrap-around test for negative indices
            row[c, 3] += 1.0  # exact: counts below 2**53
            wi = w[i] if weighted else 1.0
            if row[c, 2] == 0.0 and wi > 0:
                row[c, 0] = x[i]
                row[c, 1] = y[i]
                row[c, 2] = 1.0
            if weighted:
                row[c, 4] += wi
                row[c, 5] += wi * (x[i] - row[c, 0])
                row[c, 6] += wi * (y[i] - row[c, 1])
            else:
                row[c, 5] += x[i] - row[c, 0]
                row[c, 6] += y[i] - row[c, 1]
        # Then the row holds the mean (0 without weight) and the three sums of pass 2.
        for c in range(n.size):
            reference_x[c] = row[c, 0]
            reference_y[c] = row[c, 1]
            has_reference[c] = row[c, 2] != 0.0
            n[c] = np.int64(row[c, 3])
            weight_sum[c] = row[c, 4] if weighted else row[c, 3]
            if weight_sum[c] != 0:
                shift_x[c] = row[c, 5] / weight_sum[c]
                shift_y[c] = row[c, 6] / weight_sum[c]
            if weight_sum[c] > 0:
                row[c, 0] += shift_x[c]
                row[c, 1] += shift_y[c]
            else:
                row[c, 0] = 0.0
                row[c, 1] = 0.0
            row[c, 2:] = 0.0
        # Pass 2: sums of squared deviations about the means (products grouped as numpy's are).
        for i in range(x.size):
            c = np.uint64(case[i])
            dx = x[i] - row[c, 0]
            dy = y[i] - row[c, 1]
            if weighted:
                w_dx = w[i] * dx
                row[c, 2] += w_dx * dx
                row[c, 3] += w_dx * dy
                row[c, 4] += w[i] * (dy * dy)
            else:
                row[c, 2] += dx * dx
                row[c, 3] += dx * dy
                row[c, 4] += dy * dy
        for c in range(n.size):
            sxx[c] = row[c, 2]
            sxy[c] = row[c, 3]
            syy[c] = row[c, 4]

    @jit(_INSIDE_SIGNATURE)
    def count_inside(x, y, w, weighted, case, centre_x, centre_y, cos_phi, sin_phi, inverse_major,
                     inverse_minor, n_inside, weight_inside):
        row = np.empty((n_inside.size, 8))
        for c in range(n_inside.size):
            row[c, 0] = centre_x[c]
            row[c, 1] = centre_y[c]
            row[c, 2] = cos_phi[c]
            row[c, 3] = sin_phi[c]
            row[c, 4] = inverse_major[c]
            row[c, 5] = inverse_minor[c]
            row[c, 6] = 0.0
            row[c, 7] = 0.0
        # Sums of the 0/1 outcome, as numpy's pass: a branch on it is mispredicted about every
        # other point (3x slower), and adding 0 leaves a sum exactly as it was.
        for i in range(x.size):
            c = np.uint64(case[i])
            dx = x[i] - row[c, 0]
            dy = y[i] - row[c, 1]
            along = (dx * row[c, 2] + dy * row[c, 3]) * row[c, 4]
            across = (dy * row[c, 2] - dx * row[c, 3]) * row[c, 5]
            inside = 1.0 if along * along + across * across <= 1.0 else 0.0  # NaN: outside
            row[c, 6] += inside
            if weighted:
                row[c, 7] += w[i] * inside
        for c in range(n_inside.size):
            n_inside[c] = row[c, 6]
            weight_inside[c] = row[c, 7]

    @jit(_CHECK_SIGNATURE)
    def points_clean(x, y, w, weighted, case, n_cases):
        # Flags or-ed over the loop rather than an exit at the first problem, so that the loop has no
        # branch and vectorises; v - v is 0 for a finite v and NaN (!= 0) for NaN or an infinity.
        bad = False
        for i in range(x.size):
            bad |= (x[i] - x[i] != 0.0) | (y[i] - y[i] != 0.0) | (case[i] < 0) | (case[i] >= n_cases)
            if weighted:
                bad |= (w[i] - w[i] != 0.0) | (w[i] < 0.0)
        return not bad

    # GDAL hands the records read-only.
    records = numba.types.Array(numba.from_dtype(WKB_POINT), 1, "C", readonly=True)
    coordinates = numba.types.Array(numba.float64, 1, "C")

    @jit(numba.int64(records, coordinates, coordinates))
    def wkb_points(records, x, y):
        # One sweep instead of numpy's four (byte order, type, x, y) and the two finite checks.
        points = True
        finite = True
        for i in range(records.size):
            points &= (records[i].order == 1) & (records[i].kind == 1)
            xi = records[i].x
            yi = records[i].y
            x[i] = xi
            y[i] = yi
            finite &= (xi - xi == 0.0) & (yi - yi == 0.0)
        if not points:
            return -1
        return 1 if finite else 0

    table = numba.types.Array(numba.int64, 1, "C")
    codes_of = [numba.int64(numba.types.Array(kind, 1, "C", readonly=readonly), table, table)
                for kind in (numba.int32, numba.int64) for readonly in (False, True)]

    @numba.njit(codes_of, nogil=True, cache=cache, boundscheck=False)
    def table_codes(values, table, codes):
        unknown = 0
        for i in range(values.size):
            value = values[i]
            code = table[value] if 0 <= value < table.size else -1
            codes[i] = code
            unknown += code < 0
        return unknown

    return {"shifted_moments": shifted_moments, "count_inside": count_inside, "points_clean": points_clean,
            "wkb_points": wkb_points, "table_codes": table_codes}


def _columns(x, y, w, case):
    """The arrays in the kernels' types (no copy when they already are): contiguous float64
    coordinates and weights (an empty array when unweighted) and int64 case indices."""
    weights = np.empty(0) if w is None else np.ascontiguousarray(w, dtype=np.float64)
    return (np.ascontiguousarray(x, dtype=np.float64), np.ascontiguousarray(y, dtype=np.float64), weights,
            w is not None, np.ascontiguousarray(case, dtype=np.int64))


def shifted_moments(x, y, w, case, n_cases, references):
    """``core/sde._shifted_moments`` compiled (same arguments, same result), or None without numba."""
    kernels = _kernels()
    if kernels is None:
        return None
    reference_x, reference_y, has_reference = references
    n = np.zeros(n_cases, dtype=np.int64)
    totals = [np.zeros(n_cases) for _ in range(6)]  # weight_sum, shift_x, shift_y, sxx, syy, sxy
    kernels["shifted_moments"](*_columns(x, y, w, case), reference_x, reference_y, has_reference, n, *totals)
    return (n, *totals)


def count_inside(x, y, w, case, n_cases, parameters):
    """``core/sde._count_inside_prepared`` compiled (same arguments, same result), or None without numba."""
    kernels = _kernels()
    if kernels is None:
        return None
    n_inside = np.zeros(n_cases)
    weight_inside = np.zeros(n_cases)
    kernels["count_inside"](*_columns(x, y, w, case), *parameters, n_inside, weight_inside)
    n_inside = n_inside.astype(np.int64)  # exact: counts below 2**53
    if w is None:
        weight_inside = n_inside.astype(np.float64)
    return n_inside, weight_inside


def points_clean(x, y, w, case, n_cases):
    """True when ``core/sde._prepare_points`` would neither refuse nor change these arrays (every value
    finite, no negative weight, every case index in 0..n_cases-1), in one pass instead of numpy's six;
    False when it would; None without numba."""
    kernels = _kernels()
    if kernels is None:
        return None
    return bool(kernels["points_clean"](*_columns(x, y, w, case), n_cases))


def wkb_points(records, x, y):
    """Copy the coordinates of ``records`` (a 1-D array of :data:`WKB_POINT`) to ``x`` and ``y``
    (float64, contiguous, as long). Returns 1 when every record is a little-endian 2-D point and
    every coordinate finite, 0 when they are points but some coordinate is NaN or infinite, -1
    when some record is not such a point (``x``, ``y`` then hold nothing usable); None without numba."""
    kernels = _kernels()
    if kernels is None:
        return None
    return int(kernels["wkb_points"](np.ascontiguousarray(records), x, y))


def table_codes(values, table):
    """``table[values]`` as int64 codes, with -1 for values outside the table, and how many codes are
    -1 (values of no known code); None without numba or for values other than int32/int64."""
    kernels = _kernels()
    if kernels is None or values.dtype not in (np.int32, np.int64):
        return None
    codes = np.empty(values.size, dtype=np.int64)
    unknown = kernels["table_codes"](np.ascontiguousarray(values), table, codes)
    return codes, int(unknown)
