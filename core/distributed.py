"""Standard deviational ellipses and standard distances of data held in a Dask DataFrame.

For point sets larger than one machine (every firm of a national register over decades, phone
positions...) kept as partitioned Parquet: the same numbers as the single-machine engine
(:func:`clusterbelt.core.sde.standard_deviational_ellipses`,
:func:`clusterbelt.core.distribution.standard_distance`), computed where the data are.

How: each partition reduces its points to per-case moments (count, sum of weights, weighted
mean, sums of squared deviations about that mean: :class:`sde.GroupedMoments`, two passes over
the partition); partial moments merge exactly in a tree (Chan, Golub & LeVeque's update, see
:func:`_merge_moments`), so only a few numbers per case and partition travel; the ellipses are
drawn from the merged moments; a second pass over the partitions counts the points inside each
ellipse (``pct_inside``). Memory per worker is bounded by one partition.

Usage, on any Dask cluster (the workers need numpy, pandas and this package importable as
``clusterbelt``, e.g. the plugin folder on their ``PYTHONPATH``)::

    import dask.dataframe as dd
    from distributed import Client
    from clusterbelt.core import distributed

    client = Client("tcp://scheduler-host:8786")           # or Client() for a local cluster
    points = dd.read_parquet("s3://bucket/firms/*.parquet")  # columns x, y, employees, industry, year
    table = distributed.ellipses(points, weight="employees", case="industry", period="year")

Rows whose x, y or weight is missing or not finite are skipped and counted per case
(``n_skipped``), as the QGIS tool does; ``n`` counts the points used, weight 0 included.

Dask (Debian: python3-dask, python3-distributed) and a Parquet reader (pyarrow or fastparquet)
are optional: the plugin runs without them, and these functions say what to install.
"""
import numpy as np
import pandas as pd

from . import distribution, sde
from .errors import BadValueError

INSTALL_HINT = (
    "the distributed ellipses need Dask: on Debian or Ubuntu install python3-dask and python3-distributed "
    "(apt), elsewhere pip install \"dask[dataframe]\" distributed; reading Parquet also needs pyarrow or "
    "fastparquet (pip)"
)

#: Per-case columns of the partial moments, besides the key columns. The mean is kept as a
#: reference point of the case (one of its points: an exact double) plus the mean's offset from it
#: (small, so with full precision): at projected coordinates around 1e7 a mean rounded to a double
#: would lose the digits that the differences between partitions' means are made of.
MOMENT_COLUMNS = ("n", "n_skipped", "n_clipped", "weight_sum", "reference_x", "reference_y", "mean_x", "mean_y",
                  "sxx", "syy", "sxy")
_COUNT_COLUMNS = ("n", "n_skipped", "n_clipped")


class MissingDependencyError(ImportError):
    """Dask is not installed; the message says what to install."""


def _require_dask():
    try:
        import dask.dataframe
    except ImportError as error:
        raise MissingDependencyError(f"{INSTALL_HINT} ({error})") from None
    return dask.dataframe


# ----------------------------------------------------------------------------- per partition

def _key_codes(frame, keys):
    """Per row the code of its case (the combination of the key columns' values; NULL is a value
    of its own), and a DataFrame of the distinct cases in order of first appearance."""
    if not keys:
        return np.zeros(len(frame), dtype=np.intp), pd.DataFrame(index=pd.RangeIndex(1 if len(frame) else 0))
    combined = np.zeros(len(frame), dtype=np.int64)
    per_column = []
    for column in keys:
        codes, uniques = pd.factorize(frame[column], use_na_sentinel=False)
        uniques = pd.Index(uniques)
        combined = combined * max(len(uniques), 1) + codes
        per_column.append(uniques)
    codes, distinct = pd.factorize(combined)
    values = {}
    rest = np.asarray(distinct, dtype=np.int64)
    for column, uniques in reversed(list(zip(keys, per_column))):
        size = max(len(uniques), 1)
        values[column] = uniques.take(rest % size)
        rest = rest // size
    key_frame = pd.DataFrame({column: values[column] for column in keys})
    for column in keys:  # keep the column's dtype (factorize may widen it)
        if key_frame[column].dtype != frame[column].dtype and len(key_frame):
            try:
                key_frame[column] = key_frame[column].astype(frame[column].dtype)
            except (TypeError, ValueError):
                pass
    return codes.astype(np.intp, copy=False), key_frame


def _usable_points(part, columns):
    """Coordinates and weights as float64, and the mask of rows whose values are all finite.
    ``columns``: the names of the x, y and weight (or None) columns."""
    x, y, weight = columns
    xs = part[x].to_numpy(dtype=np.float64, na_value=np.nan)
    ys = part[y].to_numpy(dtype=np.float64, na_value=np.nan)
    usable = np.isfinite(xs) & np.isfinite(ys)
    ws = None
    if weight is not None:
        ws = part[weight].to_numpy(dtype=np.float64, na_value=np.nan)
        usable &= np.isfinite(ws)
    return xs, ys, ws, usable


def _partial_moments(part, columns, keys):
    """The moments of one partition, one row per case met in it (key columns + MOMENT_COLUMNS)."""
    codes, key_frame = _key_codes(part, keys)
    n_cases = len(key_frame)
    xs, ys, ws, usable = _usable_points(part, columns)
    n_skipped = np.bincount(codes[~usable], minlength=n_cases).astype(np.int64)
    if not usable.all():
        xs, ys, codes = xs[usable], ys[usable], codes[usable]
        ws = None if ws is None else ws[usable]
    # Each case's reference: its first point of positive weight (else its first point).
    reference = np.zeros(n_cases, dtype=np.intp)
    for rows in (np.arange(xs.size), np.flatnonzero(ws > 0) if ws is not None else np.arange(xs.size)):
        reference[codes[rows[::-1]]] = rows[::-1]  # assigned last to first: the first row wins
    reference_x = xs[reference] if xs.size else np.zeros(n_cases)
    reference_y = ys[reference] if xs.size else np.zeros(n_cases)
    moments = sde.GroupedMoments.from_points(xs - reference_x[codes], ys - reference_y[codes], ws, codes, n_cases)
    table = key_frame.reset_index(drop=True)
    for name in MOMENT_COLUMNS:
        if name == "n_skipped":
            table[name] = n_skipped
        elif name in ("reference_x", "reference_y"):
            table[name] = reference_x if name == "reference_x" else reference_y
        else:
            table[name] = getattr(moments, name)
    return table


def _merge_moments(parts, keys):
    """Merge partial moments (rows of the same case from different partitions) exactly.

    Per case, with parts i of weight W_i, mean m_i = R_i + s_i (reference point plus offset) and
    sums of squares S_i: W = sum W_i; with the first part of positive weight as the base (R, s),
    ``d_i = (R_i - R) + (s_i - s)`` (the references are close doubles: their difference is exact),
    the merged mean is ``R + (s + sum W_i d_i / W)`` and ``S = sum S_i + sum W_i e_i e_i'`` with
    ``e_i = d_i - sum W_i d_i / W``: the multi-part form of Chan, Golub & LeVeque's update. Parts
    of identical points merge to exactly their point.
    """
    if len(parts) == 0:
        return parts
    codes, key_frame = _key_codes(parts, keys)
    n_cases = len(key_frame)
    table = key_frame.reset_index(drop=True)
    for name in _COUNT_COLUMNS:
        table[name] = np.bincount(codes, parts[name].to_numpy(dtype=np.float64), n_cases).astype(np.int64)
    part_weight = parts["weight_sum"].to_numpy(dtype=np.float64)
    has_weight = part_weight > 0
    with np.errstate(over="ignore", invalid="ignore"):
        weight_sum = np.bincount(codes, part_weight, n_cases)
        # The first part of positive weight of each case is its reference.
        first_row = np.full(n_cases, -1, dtype=np.intp)
        rows = np.flatnonzero(has_weight)[::-1]
        first_row[codes[rows]] = rows  # assigned last to first: the first row wins
        referenced = first_row >= 0
        errors = {}
        base = np.maximum(first_row, 0)
        for axis in ("x", "y"):
            references = parts[f"reference_{axis}"].to_numpy(dtype=np.float64)
            offsets = parts[f"mean_{axis}"].to_numpy(dtype=np.float64)
            if not referenced.all():  # cases without weight keep a reference, their mean is NaN
                first_any = np.zeros(n_cases, dtype=np.intp)
                first_any[codes[::-1]] = np.arange(len(codes))[::-1]
                base = np.where(referenced, first_row, first_any)
            reference, offset = references[base], np.where(referenced, offsets[base], 0.0)
            difference = np.where(has_weight, (references - reference[codes]) + (offsets - offset[codes]), 0.0)
            shift = sde._divide(np.bincount(codes, part_weight * difference, n_cases), weight_sum, fill=0.0)
            table[f"reference_{axis}"] = reference
            table[f"mean_{axis}"] = np.where(weight_sum > 0, offset + shift, np.nan)
            errors[axis] = np.where(has_weight, difference - shift[codes], 0.0)
        for name, first, second in (("sxx", "x", "x"), ("syy", "y", "y"), ("sxy", "x", "y")):
            between = np.where(has_weight, part_weight * errors[first] * errors[second], 0.0)
            table[name] = (np.bincount(codes, parts[name].to_numpy(dtype=np.float64), n_cases)
                           + np.bincount(codes, between, n_cases))
    table["weight_sum"] = weight_sum
    return table[list(key_frame.columns) + list(MOMENT_COLUMNS)]


def _partial_inside(part, columns, keys, case_table, ellipse_table):
    """Points (weight 0 included) and weight inside each case's ellipse, for one partition;
    indexed by the global case number (0 .. number of cases - 1)."""
    codes, key_frame = _key_codes(part, keys)
    if keys:
        numbered = key_frame.merge(case_table, how="left", on=list(keys), sort=False)
        global_case = numbered["case_number"].to_numpy(dtype=np.intp)[codes]
    else:
        global_case = codes
    xs, ys, ws, usable = _usable_points(part, columns)
    n_inside, weight_inside = sde.count_inside(
        xs[usable], ys[usable], None if ws is None else ws[usable], global_case[usable], ellipse_table)
    return pd.DataFrame({"n_inside": n_inside, "weight_inside": weight_inside})


def _sum_by_case(parts):
    return parts.groupby(level=0).sum()


# ----------------------------------------------------------------------------- public functions

def _check_columns(frame, columns):
    dataframe = _require_dask()
    if not isinstance(frame, dataframe.DataFrame):
        raise TypeError(f"expected a Dask DataFrame (dask.dataframe.read_parquet, from_pandas...), got "
                        f"{type(frame).__name__}")
    missing = [name for name in columns if name is not None and name not in frame.columns]
    if missing:
        raise BadValueError(
            f"the Dask DataFrame has no column {', '.join(map(repr, missing))}; its columns: "
            f"{', '.join(map(str, frame.columns))}")


def grouped_moments(frame, x="x", y="y", weight=None, case=None, period=None, split_every=None):
    """Per case (each distinct combination of the ``case`` and ``period`` columns' values), the
    moments of its points, computed on the cluster.

    Returns ``(cases, moments, n_skipped)``: a pandas DataFrame of the key columns, one row per
    case in order of first appearance (NULL is a value of its own); :class:`sde.GroupedMoments`
    in the same order; the number of rows skipped per case (missing or non-finite x, y, weight).
    ``split_every``: partitions merged per step of the tree reduction (Dask's default: 8).
    """
    keys = [name for name in (case, period) if name is not None]
    _check_columns(frame, [x, y, weight] + keys)
    meta = frame._meta[keys].iloc[:0].reset_index(drop=True) if keys else pd.DataFrame()
    for name in MOMENT_COLUMNS:
        meta[name] = pd.Series(dtype=np.int64 if name in _COUNT_COLUMNS else np.float64)
    merged = frame.reduction(
        _partial_moments, aggregate=_merge_moments, combine=_merge_moments, meta=meta,
        split_every=split_every, token="clusterbelt-moments",
        # (Dask names the partition argument x: the column names travel as one tuple)
        chunk_kwargs={"columns": (x, y, weight), "keys": keys},
        combine_kwargs={"keys": keys}, aggregate_kwargs={"keys": keys},
    ).compute()
    merged = merged.reset_index(drop=True)
    moments = sde.GroupedMoments(
        merged["n"].to_numpy(), merged["weight_sum"].to_numpy(),
        (merged["reference_x"] + merged["mean_x"]).to_numpy(), (merged["reference_y"] + merged["mean_y"]).to_numpy(),
        merged["sxx"].to_numpy(), merged["syy"].to_numpy(),
        merged["sxy"].to_numpy(), merged["n_clipped"].to_numpy())
    return merged[keys], moments, merged["n_skipped"].to_numpy(dtype=np.int64)


def ellipses(frame, x="x", y="y", weight=None, case=None, period=None, method=sde.METHOD_ARCGIS, size=1.0,
             coverage_percent=68.27, share_inside=True, split_every=None):
    """Standard deviational ellipses of a Dask DataFrame's points, one per case (``case`` x
    ``period`` values), with the numbers of :func:`sde.standard_deviational_ellipses`.

    ``x``, ``y``: coordinate columns (one planar CRS); ``weight``: optional weight column;
    ``case``, ``period``: optional key columns (any type; NULL is a value of its own); ``method``,
    ``size``, ``coverage_percent`` as in :func:`sde.standard_deviational_ellipses`;
    ``share_inside``: False skips the second pass over the data (``pct_inside`` and
    ``pct_weight_inside`` stay NaN). Returns a pandas DataFrame: the key columns,
    :data:`sde.OUTPUT_COLUMNS` and ``n_skipped``, one row per case in order of first appearance.
    Runs on the active Dask scheduler (a ``distributed.Client`` if one is open).
    """
    method = sde._method_id(method)
    sde.scale_factor(method, size, coverage_percent, n=3)  # reject bad parameters before the work
    cases, moments, n_skipped = grouped_moments(frame, x, y, weight, case, period, split_every)
    table = sde.ellipses_from_moments(moments, method, size, coverage_percent)
    if share_inside and len(table):
        keys = list(cases.columns)
        case_table = cases.assign(case_number=np.arange(len(cases)))
        meta = pd.DataFrame({"n_inside": pd.Series(dtype=np.int64), "weight_inside": pd.Series(dtype=np.float64)})
        counts = frame.reduction(
            _partial_inside, aggregate=_sum_by_case, combine=_sum_by_case, meta=meta,
            split_every=split_every, token="clusterbelt-inside",
            chunk_kwargs={"columns": (x, y, weight), "keys": keys, "case_table": case_table,
                          "ellipse_table": table[["CenterX", "CenterY", "major_sd", "minor_sd", "azimuth"]]},
        ).compute().reindex(range(len(table)), fill_value=0)
        table["pct_inside"], table["pct_weight_inside"] = sde.percent_inside(
            counts["n_inside"].to_numpy(), counts["weight_inside"].to_numpy(), table)
    table["n_skipped"] = n_skipped
    return pd.concat([cases.reset_index(drop=True), table.reset_index(drop=True)], axis=1)


def standard_distances(frame, x="x", y="y", weight=None, case=None, period=None, size=1.0, split_every=None):
    """ArcGIS Standard Distance per case of a Dask DataFrame's points, with the numbers of
    :func:`distribution.standard_distance`: the key columns, ``n``, ``weight_sum``, ``CenterX``,
    ``CenterY``, ``StdDist``, ``status`` and ``n_skipped``, one row per case."""
    sde._check_size(size)
    cases, moments, n_skipped = grouped_moments(frame, x, y, weight, case, period, split_every)
    table = distribution.standard_distance_from_moments(moments, size)
    table["n_skipped"] = n_skipped
    return pd.concat([cases.reset_index(drop=True), table.reset_index(drop=True)], axis=1)
