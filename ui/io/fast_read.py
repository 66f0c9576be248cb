"""Read one point, weight and case per feature into numpy arrays, fast.

Two paths, same result (tests/qgis/test_fast_read.py compares them on the same files):

* **bulk**: a layer stored in a file that GDAL/OGR reads (provider ``ogr``), with point geometries
  and nothing between the file and the algorithm (no subset string, selection, feature limit or
  filter expression, no unsaved edits, no joined or virtual fields). Its columns are read in
  batches through OGR's Arrow stream (``ogr.Layer.GetArrowStreamAsNumPy``, GDAL >= 3.6): no
  Python object per feature, about 10 times faster than iterating features through QGIS.
* **iterator**: every other source (memory, PostGIS, WFS, selections, filtered layers, lines and
  polygons -> centroids), through the QGIS feature iterator, in blocks, with as little Python per
  feature as the API allows; columns are converted to numpy once per block.

Conventions shared by both paths (they are those of the ellipse tool):

* A feature contributes the ``(x, y)`` of its point, or the centroid of any other geometry, in the
  layer's CRS (no transformation here). NULL and empty geometries (NaN coordinates) are skipped and
  counted as ``no_geometry``.
* The weight is the numeric value of the weight field; NULL, non-numeric, NaN and infinite weights
  are skipped and counted as ``null_weight`` (a feature without geometry counts only there).
* Cases are numbered 0, 1, ... in order of first appearance in the layer's feature order, skipped
  features included, so a case whose features are all skipped still exists. NULL (and a NaN
  value of a real field) is one case of its own, reported as ``None``.

On request (``moments=True``) the engine's first work is done while the layer is read: each block
of usable points goes to a :class:`core.sde.MomentsStream` as soon as it is decoded, so the
grouped moments are ready when the reading ends (on the bulk path, while GDAL reads the next
batch in its thread). The points must then be those the statistics are computed on (no change of
CRS after reading).
"""
import queue
import threading
import time
from dataclasses import dataclass

import numpy as np
import pandas as pd
from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsProviderRegistry,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication, QDate

from ...core import kernels
from ...core.errors import BadValueError
from ...core.sde import MomentsStream
from ..compat import (
    FIELD_ORIGIN_PROVIDER,
    FIELD_TYPE_CODES,
    INVALID_GEOMETRY_NO_CHECK,
    WKB_POINT,
    field_type_code,
    is_null,
)
from .layers import feature_point

#: Set to False to force the iterator path everywhere (benchmarks, troubleshooting).
BULK_READ_ENABLED = True

#: Wall-clock time a block of the iterator path should take: progress and cancel are checked
#: between blocks, so this bounds the delay before a cancel is noticed.
TARGET_BLOCK_SECONDS = 0.1
_FIRST_BLOCK = 1000
_MAX_BLOCK = 50_000

#: Features per Arrow batch of the bulk path (about 20 ms each for points in a GeoPackage).
BULK_BATCH_SIZE = 65_536

# QGIS field types whose values the bulk path reproduces exactly. Not date-times: QGIS gives them
# a time zone (QDateTime's time spec) that Arrow's timestamps do not carry. Compared as integers
# (compat.FIELD_TYPE_CODES), which QVariant.Type and QMetaType.Type (QGIS >= 3.38) share.
_BULK_FIELD_TYPES = {FIELD_TYPE_CODES[kind] for kind in ("int", "longlong", "double", "string")}
# Grouping fields (case, period) may also be dates: Arrow's date32 is a day number, QGIS's QDate.
_BULK_GROUP_FIELD_TYPES = _BULK_FIELD_TYPES | {FIELD_TYPE_CODES["date"]}
_ARROW_DATE_EPOCH = QDate(1970, 1, 1)
# GDAL 3.6 streams wrong booleans and, outside GeoPackages (its generic Arrow stream), dates before
# 1970 a day late; GDAL 3.10 (the oldest later version tested here, in Debian 13) streams both right.
_GDAL_ARROW_BOOLEANS_AND_DATES_RIGHT = 3100000
# Sizes of an ISO WKB point record by geometry type code: byte order (1) + type (4) + 8 per ordinate.
_WKB_POINT_SIZES = {1: 21, 1001: 29, 2001: 29, 3001: 37}
# A 2-D point in little-endian WKB, as one record.
_LITTLE_ENDIAN_POINT = kernels.WKB_POINT


class BulkReadUnavailable(Exception):
    """The bulk path cannot reproduce what the QGIS iterator would return; use the iterator."""


@dataclass
class PointColumns:
    """What the ellipse tool needs from a layer, one entry per usable feature unless stated.

    ``x``, ``y``: float64 coordinates in the layer's CRS. ``weights``: float64, or None when no
    weight field was asked for. ``case_codes``: int64 indices into ``case_values``.
    ``case_values``: one Python value per case (None for NULL), in order of first appearance.
    ``skipped_per_case``: int64 count of skipped features per case. ``skipped_codes``: int64 case code
    of every skipped feature, in the layer's order (aligned with ``skipped_period_codes``: a tool that
    numbers two fields counts skips per pair). ``no_geometry`` and
    ``null_weight``: skipped features by reason. ``features_read``: all features seen.
    ``path``: ``"bulk"`` or ``"iterator"``; ``fallback_reason``: why the bulk path was not used.
    ``period_codes``, ``period_values``, ``skipped_period_codes``: the same numbering of a second
    grouping field (the period) read in the same pass, when one was asked for; else None.
    ``moments``: the :class:`core.sde.GroupedMoments` of ``x``, ``y``, ``weights`` by case (one
    entry per case), computed while reading when asked for; else None (also when the engine's
    checks refused a block: the engine then reports the problem as it would without them).
    """

    x: np.ndarray
    y: np.ndarray
    weights: object
    case_codes: np.ndarray
    case_values: list
    skipped_per_case: np.ndarray
    no_geometry: int
    null_weight: int
    features_read: int
    path: str
    fallback_reason: str = ""
    moments: object = None
    skipped_codes: object = None
    period_codes: object = None
    period_values: object = None
    skipped_period_codes: object = None


class _Numbering:
    """Numbers the values of one grouping field 0, 1, ... in order of first appearance, block by
    block; NULL is one value of its own (``None``). Without a field (``present`` False) every
    feature has the one NULL value."""

    def __init__(self, present):
        self.present = present
        self.values = []
        # Raw values seen so far (as the block delivers them: bytes, numbers, objects) and the
        # code of each; NULL has its own code.
        self.known_values = None
        self.known_codes = np.zeros(0, dtype=np.int64)
        self.null_code = None
        # Small non-negative integer values (the usual codes): a table from value to code, one
        # lookup per feature instead of hashing (None once a block does not fit it).
        self.code_table = np.zeros(0, dtype=np.int64)

    def _new_null_code(self):
        self.null_code = len(self.values)
        self.values.append(None)
        return self.null_code

    def encode(self, values, missing, convert):
        """Global codes of one block. ``missing``: bool mask of NULL values, or None.

        Vectorised: one ``pd.factorize`` of the block, one index lookup of its distinct values;
        Python runs only for values never seen before (``convert`` turns each into the value
        QGIS would give).
        """
        size = len(values)
        if not self.present:
            code = self.null_code if self.null_code is not None else self._new_null_code()
            return np.full(size, code, dtype=np.int64)
        if self.code_table is not None:
            codes = self._encode_small_integers(values, missing, convert)
            if codes is not None:
                return codes
        if missing is not None and missing.any():
            # Masked slots hold arbitrary values: factorize only the present ones.
            local_codes = np.full(size, -1, dtype=np.intp)
            local_codes[~missing], uniques = pd.factorize(values[~missing])
        else:
            local_codes, uniques = pd.factorize(values)  # in order of appearance; None/NaN -> -1
        uniques = np.asarray(uniques)
        if missing is None and uniques.dtype == object:
            # Values from the QGIS iterator: its NULLs (QVariant) are NULL values too.
            null_uniques = np.fromiter((is_null(value) for value in uniques.tolist()), dtype=bool, count=len(uniques))
            if null_uniques.any():
                renumber = np.full(len(uniques) + 1, -1, dtype=np.intp)
                renumber[:-1][~null_uniques] = np.arange(np.count_nonzero(~null_uniques))
                local_codes = renumber[local_codes]
                uniques = uniques[~null_uniques]
        if self.known_values is None:
            codes_of_uniques = np.full(len(uniques), -1, dtype=np.int64)
        else:
            found = self.known_values.get_indexer(uniques)
            codes_of_uniques = np.where(found >= 0, self.known_codes[np.maximum(found, 0)], -1)

        null_rows = local_codes < 0
        first_null = int(np.argmax(null_rows)) if null_rows.any() else -1
        new_positions = np.flatnonzero(codes_of_uniques < 0)
        null_is_new = first_null >= 0 and self.null_code is None
        if new_positions.size or null_is_new:
            # Values are numbered in order of first appearance, NULL included: the values first
            # seen before the first NULL of this block are exactly codes 0 .. max(codes before it).
            before = local_codes[:first_null] if first_null >= 0 else local_codes
            null_position = int(before.max()) + 1 if first_null > 0 else 0
            new_before_null = int(np.searchsorted(new_positions, null_position)) if null_is_new else new_positions.size
            next_code = len(self.values)
            new_codes = next_code + np.arange(new_positions.size, dtype=np.int64)
            new_values = [convert(value) for value in uniques[new_positions].tolist()]
            if null_is_new:
                new_codes[new_before_null:] += 1
                new_values.insert(new_before_null, None)
                self.null_code = next_code + new_before_null
            self.values.extend(new_values)
            codes_of_uniques[new_positions] = new_codes
            if new_positions.size:
                # pandas 2.3 has no Index of fixed-width bytes (dtype |S6 raises NotImplementedError):
                # text read in bulk is kept as Python bytes objects.
                index_dtype = object if uniques.dtype.kind == "S" else uniques.dtype
                added = pd.Index(uniques[new_positions], dtype=index_dtype)
                self.known_values = added if self.known_values is None else self.known_values.append(added)
                self.known_codes = np.concatenate([self.known_codes, new_codes])
        translate = np.empty(len(uniques) + 1, dtype=np.int64)  # the last slot serves code -1
        translate[:-1] = codes_of_uniques
        translate[-1] = -1 if self.null_code is None else self.null_code
        return translate[local_codes]

    def _encode_small_integers(self, values, missing, convert):
        """Codes through ``code_table`` when every value is an integer in 0 .. 2^22 and none is
        NULL; else None, after handing the values seen so far to the general path for good."""
        fits = (values.dtype.kind in "iu" and len(values) and (missing is None or not missing.any())
                and self.null_code is None)
        if fits:
            # Every value with a code was once checked to fit the table: a block of known values,
            # the usual one after the first few, needs one compiled lookup and nothing else.
            looked_up = kernels.table_codes(values, self.code_table)
            if looked_up is not None and looked_up[1] == 0:
                return looked_up[0]
        if fits:
            low, high = int(values.min()), int(values.max())
            fits = low >= 0 and high < 1 << 22
        if not fits:
            seen = np.flatnonzero(self.code_table >= 0)
            if seen.size:
                self.known_values = pd.Index(seen)
                self.known_codes = self.code_table[seen]
            self.code_table = None
            return None
        if high >= self.code_table.size:
            grown = np.full(max(high + 1, 2 * self.code_table.size), -1, dtype=np.int64)
            grown[: self.code_table.size] = self.code_table
            self.code_table = grown
        codes = self.code_table[values]
        new = codes < 0
        if new.any():
            distinct = pd.unique(values[new])  # in order of first appearance, by hashing (no sort)
            self.code_table[distinct] = len(self.values) + np.arange(distinct.size)
            self.values.extend(convert(value) for value in distinct.tolist())
            codes = self.code_table[values]
        return codes


class _ColumnAccumulator:
    """Collects blocks of raw columns into arrays sized once; numbers cases (and, when asked,
    periods: a second grouping field) and counts skipped features per case.

    ``capacity``: the expected number of features (the source's count). The arrays are
    allocated once at that size and filled block by block, so reading needs no second copy of
    the columns (they grow by doubling if more features come).
    """

    def __init__(self, has_weight, has_case, capacity=0, moments=False, has_period=False):
        self.has_weight = has_weight
        # The engine's moments, block by block (None when not asked for or refused).
        self.moments = MomentsStream() if moments else None
        self.has_case = has_case
        capacity = max(int(capacity), 0)
        self.x = np.empty(capacity)
        self.y = np.empty(capacity)
        self.w = np.empty(capacity) if has_weight else None
        self.case = np.empty(capacity, dtype=np.int64)
        self.size = 0
        self.cases = _Numbering(has_case)
        self.case_values = self.cases.values
        self.periods = _Numbering(True) if has_period else None
        self.period = np.empty(capacity, dtype=np.int64) if has_period else None
        self.skipped = np.zeros(0, dtype=np.int64)
        self.skipped_codes = []
        self.skipped_period_codes = []
        self.no_geometry = 0
        self.null_weight = 0
        self.features_read = 0

    def _reserve(self, extra):
        needed = self.size + extra
        if needed <= self.x.size:
            return
        capacity = max(needed, 2 * self.x.size, 1024)
        for name in ("x", "y", "w", "case", "period"):
            old = getattr(self, name)
            if old is not None:
                grown = np.empty(capacity, dtype=old.dtype)
                grown[: self.size] = old[: self.size]
                setattr(self, name, grown)

    def next_slots(self, size):
        """Views of the next ``size`` entries of the coordinate and weight arrays (weights None when
        there is no weight field), for a reader that decodes a block straight into them and then
        calls :meth:`add_block` with ``in_slots=True``: the columns are then copied once, not twice."""
        self._reserve(size)
        block = slice(self.size, self.size + size)
        return self.x[block], self.y[block], (self.w[block] if self.has_weight else None)

    def add_block(self, x, y, weights, case_values, case_missing=None, convert=lambda value: value,
                  in_slots=False, period_values=None, period_missing=None, period_convert=lambda value: value,
                  finite=False):
        """One block: coordinates with NaN for no geometry, weights with NaN for NULL. ``in_slots``:
        ``x``, ``y`` and ``weights`` are the views :meth:`next_slots` gave for this block. ``finite``:
        the reader knows every coordinate of the block to be finite (then only weights are checked).
        ``period_values``, ``period_missing``, ``period_convert``: the period field's values, as
        ``case_values``, ``case_missing`` and ``convert`` (when the accumulator numbers periods)."""
        size = len(x)
        if size == 0:
            return
        self.features_read += size
        codes = self.cases.encode(case_values, case_missing, convert)
        period_codes = None if self.periods is None else self.periods.encode(period_values, period_missing,
                                                                             period_convert)
        if len(self.case_values) > self.skipped.size:
            self.skipped = np.concatenate(
                [self.skipped, np.zeros(len(self.case_values) - self.skipped.size, dtype=np.int64)]
            )
        skip = None
        with np.errstate(over="ignore", invalid="ignore"):
            # Three sums (no temporaries) settle the common block without any NaN; an overflow of
            # huge finite values only sends the block through the element-wise checks below.
            total = ((0.0 if finite else np.add.reduce(x) + np.add.reduce(y))
                     + (np.add.reduce(weights) if self.has_weight else 0.0))
        if not np.isfinite(total):
            no_geometry = np.isnan(x)
            no_geometry |= np.isnan(y)
            skip = no_geometry
            self.no_geometry += int(np.count_nonzero(no_geometry))
            if self.has_weight:
                bad_weight = ~np.isfinite(weights) & ~no_geometry
                self.null_weight += int(np.count_nonzero(bad_weight))
                skip = no_geometry | bad_weight
        if skip is not None and skip.any():
            self.skipped += np.bincount(codes[skip], minlength=self.skipped.size)
            self.skipped_codes.append(codes[skip])
            keep = ~skip
            x, y, codes = x[keep], y[keep], codes[keep]
            if period_codes is not None:
                self.skipped_period_codes.append(period_codes[skip])
                period_codes = period_codes[keep]
            if self.has_weight:
                weights = weights[keep]
        kept = len(x)
        self._reserve(kept)
        block = slice(self.size, self.size + kept)
        if not in_slots or kept < size:  # (selecting the kept rows made copies: write them back)
            self.x[block] = x
            self.y[block] = y
            if self.has_weight:
                self.w[block] = weights
        self.case[block] = codes
        if period_codes is not None:
            self.period[block] = period_codes
        x, y = self.x[block], self.y[block]
        weights = self.w[block] if self.has_weight else None
        self.size += kept
        if self.moments is not None and kept:
            try:
                self.moments.add(x, y, weights, codes)
            except BadValueError:  # e.g. infinite coordinates: the engine says so after the reading
                self.moments = None

    def result(self, path, fallback_reason=""):
        def trimmed(array):
            # The arrays are sized for every feature: skipped ones leave a tail, cut off here
            # (a view when little is cut, so no copy of the whole column).
            return array if array.size == self.size else array[: self.size]

        return PointColumns(
            x=trimmed(self.x),
            y=trimmed(self.y),
            weights=trimmed(self.w) if self.has_weight else None,
            case_codes=trimmed(self.case),
            case_values=self.case_values,
            skipped_per_case=self.skipped.copy(),
            no_geometry=self.no_geometry,
            null_weight=self.null_weight,
            features_read=self.features_read,
            path=path,
            fallback_reason=fallback_reason,
            moments=None if self.moments is None else self.moments.result(len(self.case_values)),
            skipped_codes=_joined(self.skipped_codes),
            period_codes=None if self.periods is None else trimmed(self.period),
            period_values=None if self.periods is None else self.periods.values,
            skipped_period_codes=None if self.periods is None else _joined(self.skipped_period_codes),
        )


def _joined(blocks):
    """One int64 array of the blocks' codes (empty when there is none)."""
    return np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.int64)


class _Progress:
    """Reports progress as ``offset + share * fraction`` and relays cancel requests."""

    def __init__(self, feedback, total, share, offset):
        self.feedback = feedback
        self.step = share / total if total and total > 0 else 0.0
        self.offset = offset

    def canceled(self, features_done):
        if self.feedback is None:
            return False
        if self.step:
            self.feedback.setProgress(self.offset + features_done * self.step)
        return self.feedback.isCanceled()


def read_point_columns(source, weight_index, case_index, feedback=None, layer=None, source_definition=None,
                       context=None, progress_share=60.0, progress_offset=0.0, moments=False, period_index=-1):
    """Read every feature's point, weight and case; see the module docstring for the conventions.

    ``source``: the QgsFeatureSource to read (a QgsProcessingFeatureSource in an algorithm).
    ``layer``: the QgsVectorLayer behind it, when known, and ``source_definition``: the
    QgsProcessingFeatureSourceDefinition the user passed, if any; with them the bulk path is
    tried. ``weight_index``/``case_index``: field indices, -1 for none. Progress goes to
    ``feedback`` from ``progress_offset`` to ``progress_offset + progress_share`` percent; cancel
    is checked at least every ``TARGET_BLOCK_SECONDS`` or Arrow batch. Returns
    :class:`PointColumns`, or None when the user cancelled. ``moments``: compute the grouped
    moments of the points while reading (:attr:`PointColumns.moments`). ``period_index``: a second
    grouping field numbered in the same pass (:attr:`PointColumns.period_codes`), -1 for none.
    """
    reason = bulk_read_obstacle(layer, source, weight_index, case_index, source_definition, context, period_index)
    progress = _Progress(feedback, source.featureCount(), progress_share, progress_offset)
    if reason is None:
        try:
            return _read_bulk(layer, source, weight_index, case_index, progress, context, moments, period_index)
        except BulkReadUnavailable as unavailable:
            reason = str(unavailable)
        except RuntimeError as error:  # GDAL errors, when someone turned on gdal.UseExceptions()
            reason = QCoreApplication.translate("FastRead", "GDAL failed: {}").format(error)
    accumulator = _ColumnAccumulator(weight_index >= 0, case_index >= 0, source.featureCount(), moments,
                                     period_index >= 0)
    if not _read_with_iterator(source, weight_index, case_index, progress, accumulator, period_index):
        return None
    return accumulator.result("iterator", reason)


# ----------------------------------------------------------------------------- iterator path

def _read_with_iterator(source, weight_index, case_index, progress, accumulator, period_index=-1):
    """The QGIS iterator path; False when cancelled."""
    request = QgsFeatureRequest()
    request.setSubsetOfAttributes(sorted({index for index in (weight_index, case_index, period_index) if index >= 0}))
    points_only = QgsWkbTypes.flatType(source.wkbType()) == WKB_POINT
    # One QgsFeature refilled by nextFeature (QGIS's own C++ idiom) saves building a Python
    # wrapper per feature, the most expensive part of iterating in Python.
    next_feature = source.getFeatures(request).nextFeature
    feature = QgsFeature()
    block_size = _FIRST_BLOCK
    done = 0
    while True:
        if progress.canceled(done):
            return False
        started = time.perf_counter()
        xs, ys, weights, cases, periods = [], [], [], [], []
        read = _read_block(next_feature, feature, block_size, points_only, weight_index, case_index,
                           xs, ys, weights, cases, period_index, periods)
        if read:
            accumulator.add_block(
                np.array(xs, dtype=np.float64),
                np.array(ys, dtype=np.float64),
                _floats_or_nan(weights) if weight_index >= 0 else None,
                _case_array(cases) if case_index >= 0 else np.zeros(read),
                period_values=_case_array(periods) if period_index >= 0 else None,
            )
        done += read
        if read < block_size:
            return not progress.canceled(done)
        elapsed = time.perf_counter() - started
        # Aim each block at TARGET_BLOCK_SECONDS whatever a feature costs (points or big polygons).
        block_size = int(min(_MAX_BLOCK, max(1, block_size * TARGET_BLOCK_SECONDS / max(elapsed, 1e-6))))


def _read_block(next_feature, feature, block_size, points_only, weight_index, case_index, xs, ys, weights, cases,
                period_index=-1, periods=None):
    """Read up to ``block_size`` features into ``feature`` with ``next_feature`` and append their
    raw values to the lists (the period's to ``periods`` when ``period_index`` >= 0); return the
    number read (fewer at the end of the features).

    This is the per-feature loop, so it does the least it can: raw attribute values (QGIS NULLs
    included) are converted later, once per block, by numpy and pandas.
    """
    if points_only and weight_index >= 0 and case_index >= 0 and period_index < 0:
        return _read_weighted_point_block(next_feature, feature, block_size, weight_index, case_index,
                                          xs, ys, weights, cases)
    x_append, y_append, w_append, c_append = xs.append, ys.append, weights.append, cases.append
    p_append = periods.append if period_index >= 0 else None
    has_weight, has_case, has_period = weight_index >= 0, case_index >= 0, period_index >= 0
    nan = float("nan")
    for _ in range(block_size):
        if not next_feature(feature):
            break
        geometry = feature.geometry()
        if points_only:
            point = geometry.constGet()
            try:
                x = point.x()
                y = point.y()
            except AttributeError:  # no geometry (None), or a multipoint in a point layer
                x, y = feature_point(geometry) or (nan, nan)
        else:
            x, y = feature_point(geometry) or (nan, nan)
        x_append(x)
        y_append(y)
        if has_weight:
            w_append(feature[weight_index])
        if has_case:
            c_append(feature[case_index])
        if has_period:
            p_append(feature[period_index])
    return len(xs)


def _read_weighted_point_block(next_feature, feature, block_size, weight_index, case_index, xs, ys, weights, cases):
    """:func:`_read_block` for the common case (points, weight and case), without branches."""
    x_append, y_append, w_append, c_append = xs.append, ys.append, weights.append, cases.append
    nan = float("nan")
    for _ in range(block_size):
        if not next_feature(feature):
            break
        geometry = feature.geometry()
        point = geometry.constGet()
        try:
            x_append(point.x())
            y_append(point.y())
        except AttributeError:  # no geometry (None), or a multipoint in a point layer
            x, y = feature_point(geometry) or (nan, nan)
            x_append(x)
            y_append(y)
        w_append(feature[weight_index])
        c_append(feature[case_index])
    return len(xs)


def _floats_or_nan(values):
    """Numeric attribute values as float64; NULL and anything not a number become NaN."""
    try:
        return np.array(values, dtype=np.float64)
    except (TypeError, ValueError):  # QGIS NULLs (QVariant) or non-numbers among them
        series = pd.Series(_object_array(values), dtype=object)
        return pd.to_numeric(series, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)


def _case_array(values):
    """Case values as an array pandas factorizes fast: numbers as such, anything else as objects."""
    array = np.array(values)
    if array.dtype.kind in "iubf" and array.ndim == 1:
        return array
    return _object_array(values)


def _object_array(values):
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


# ----------------------------------------------------------------------------- bulk path

def bulk_read_obstacle(layer, source, weight_index, case_index, source_definition=None, context=None,
                       period_index=-1):
    """None when the bulk (Arrow) path reproduces the iterator exactly; else why not, in words."""
    if not BULK_READ_ENABLED:
        return QCoreApplication.translate("FastRead", "bulk reading is switched off")
    try:
        from osgeo import gdal, ogr
    except ImportError:
        return QCoreApplication.translate("FastRead", "GDAL's Python bindings are not installed")
    if int(gdal.VersionInfo()) < 3060000 or not hasattr(ogr.Layer, "GetArrowStreamAsNumPy"):
        return QCoreApplication.translate("FastRead", "GDAL is older than 3.6 (no Arrow stream)")
    if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
        return QCoreApplication.translate("FastRead", "the input is not a layer")
    if layer.providerType() != "ogr":
        return QCoreApplication.translate(
            "FastRead", "the layer's provider is '{}', not a file read by GDAL/OGR"
        ).format(layer.providerType())
    if source_definition is not None:
        if source_definition.selectedFeaturesOnly:
            return QCoreApplication.translate("FastRead", "only the selected features are used")
        if source_definition.featureLimit not in (-1, None):
            return QCoreApplication.translate("FastRead", "a feature limit is set")
        if getattr(source_definition, "filterExpression", ""):
            return QCoreApplication.translate("FastRead", "a filter expression is set")
        if int(source_definition.flags):
            return QCoreApplication.translate("FastRead", "the input overrides the default geometry check")
    if layer.subsetString():
        return QCoreApplication.translate("FastRead", "the layer has a filter (subset string)")
    if layer.isEditable() and layer.isModified():
        return QCoreApplication.translate("FastRead", "the layer has unsaved edits")
    if QgsWkbTypes.flatType(layer.wkbType()) != WKB_POINT:
        return QCoreApplication.translate(
            "FastRead", "the layer's geometries are not single points (centroids are computed per feature)"
        )
    if source is not None and source.featureCount() != layer.featureCount():
        return QCoreApplication.translate("FastRead", "the source does not hold all of the layer's features")
    fields = layer.fields()
    group_types = _BULK_GROUP_FIELD_TYPES
    if _gdal_streams_booleans_and_dates_right():
        group_types = group_types | {FIELD_TYPE_CODES["bool"]}
    for index, readable_types in ((weight_index, _BULK_FIELD_TYPES), (case_index, group_types),
                                  (period_index, group_types)):
        if index < 0:
            continue
        if fields.fieldOrigin(index) != FIELD_ORIGIN_PROVIDER:
            return QCoreApplication.translate(
                "FastRead", "field '{}' is joined or computed, not stored in the file"
            ).format(fields.at(index).name())
        if field_type_code(fields.at(index)) not in readable_types:
            return QCoreApplication.translate("FastRead", "field '{}' is of type {}").format(
                fields.at(index).name(), fields.at(index).typeName()
            )
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    unusual = sorted(key for key, value in parts.items()
                     if value not in (None, "", [], {}) and key not in ("path", "layerName", "layerId"))
    if unusual:
        return QCoreApplication.translate("FastRead", "the layer's source sets {}").format(", ".join(unusual))
    if not parts.get("path"):
        return QCoreApplication.translate("FastRead", "the layer's source has no file path")
    return None


def _gdal_streams_booleans_and_dates_right():
    from osgeo import gdal

    return int(gdal.VersionInfo()) >= _GDAL_ARROW_BOOLEANS_AND_DATES_RIGHT


def _open_ogr_layer(layer):
    from osgeo import gdal

    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    gdal.PushErrorHandler("CPLQuietErrorHandler")  # failures fall back; GDAL need not print them
    try:
        dataset = gdal.OpenEx(parts["path"], gdal.OF_VECTOR | gdal.OF_READONLY)
        if dataset is None:
            raise BulkReadUnavailable(
                QCoreApplication.translate("FastRead", "GDAL cannot open {}").format(parts["path"])
            )
        if parts.get("layerName"):
            ogr_layer = dataset.GetLayerByName(parts["layerName"])
        else:
            ogr_layer = dataset.GetLayer(int(parts.get("layerId") or 0))
    finally:
        gdal.PopErrorHandler()
    if ogr_layer is None:
        raise BulkReadUnavailable(QCoreApplication.translate("FastRead", "GDAL cannot find the layer in its file"))
    if ogr_layer.GetLayerDefn().GetGeomFieldCount() != 1:
        raise BulkReadUnavailable(
            QCoreApplication.translate("FastRead", "the file's layer does not have exactly one geometry column")
        )
    return dataset, ogr_layer


class _Prefetched:
    """Iterate a GDAL Arrow stream in a background thread, up to ``depth`` batches ahead.

    GDAL decodes the next batch without holding Python's lock while numpy works on this one, so
    on two or more cores reading and converting overlap. Each batch's arrays own their Arrow
    memory, so they stay valid after the next batch is fetched. Only the thread touches the
    stream until :meth:`close` (which the caller must call) has joined it.
    """

    _END = object()

    def __init__(self, stream, depth=2):
        self.queue = queue.Queue(maxsize=depth)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._produce, args=(stream,), daemon=True)
        self.thread.start()

    def _put(self, item):
        while not self.stop.is_set():
            try:
                self.queue.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def _produce(self, stream):
        try:
            for batch in stream:
                if not self._put(batch):
                    return
            self._put(self._END)
        except BaseException as error:  # handed to the reading thread, raised there
            self._put(error)

    def __iter__(self):
        while True:
            item = self.queue.get()
            if item is self._END:
                return
            if isinstance(item, BaseException):
                raise item
            yield item

    def close(self):
        self.stop.set()
        self.thread.join()


def _read_bulk(layer, source, weight_index, case_index, progress, context, moments=False, period_index=-1):
    """The Arrow path. Raises BulkReadUnavailable (before returning anything) when it cannot
    reproduce the iterator's values; returns None when cancelled."""
    dataset, ogr_layer = _open_ogr_layer(layer)
    stream = batches = None
    try:
        definition = ogr_layer.GetLayerDefn()
        fields = layer.fields()
        wanted = {}
        for role, index in (("weight", weight_index), ("case", case_index), ("period", period_index)):
            if index >= 0:
                name = fields.at(index).name()
                if definition.GetFieldIndex(name) < 0:
                    raise BulkReadUnavailable(
                        QCoreApplication.translate(
                            "FastRead", "field '{}' is not an attribute column of the file"
                        ).format(name)
                    )
                wanted[role] = name
        convert = _case_converter(layer, case_index, fields)
        period_convert = _case_converter(layer, period_index, fields)
        if (_date_of_day_number in (convert, period_convert) and dataset.GetDriver().ShortName != "GPKG"
                and not _gdal_streams_booleans_and_dates_right()):
            raise BulkReadUnavailable(
                QCoreApplication.translate("FastRead", "dates are read in bulk from GeoPackages only")
            )
        names = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
        kept = set(wanted.values()) or set(names[:1])
        # GDAL 3.6 streams empty geometries when every attribute column is ignored: keep one.
        ogr_layer.SetIgnoredFields([name for name in names if name not in kept] + ["OGR_STYLE"])
        ogr_layer.ResetReading()
        check_validity = (context is not None
                          and context.invalidGeometryCheck() != INVALID_GEOMETRY_NO_CHECK)

        accumulator = _ColumnAccumulator("weight" in wanted, "case" in wanted,
                                         source.featureCount() if source is not None else ogr_layer.GetFeatureCount(),
                                         moments, "period" in wanted)
        stream = ogr_layer.GetArrowStreamAsNumPy(
            ["INCLUDE_FID=NO", f"MAX_FEATURES_IN_BATCH={BULK_BATCH_SIZE}"])
        if stream is None:
            raise BulkReadUnavailable(QCoreApplication.translate("FastRead", "GDAL cannot stream the layer's columns"))
        geometry_key = None
        batches = _Prefetched(stream)
        for batch in batches:
            if geometry_key is None:
                others = [key for key in batch if key not in kept]
                if len(others) != 1:
                    raise BulkReadUnavailable(
                        QCoreApplication.translate("FastRead", "unexpected columns in the Arrow stream")
                    )
                geometry_key = others[0]
            x, y, weights = accumulator.next_slots(len(batch[geometry_key]))
            _, _, finite = _points_from_wkb(batch[geometry_key], x, y)
            if check_validity and not finite and (np.isinf(x).any() or np.isinf(y).any()):
                # GEOS calls infinite coordinates invalid; let the iterator apply the check.
                raise BulkReadUnavailable(
                    QCoreApplication.translate("FastRead", "infinite coordinates under a geometry validity check")
                )
            if "weight" in wanted:
                column = batch[wanted["weight"]]
                np.copyto(weights, np.ma.getdata(column), casting="unsafe")
                if np.ma.getmask(column) is not np.ma.nomask:
                    weights[np.ma.getmaskarray(column)] = np.nan
            values, missing = (_group_column(batch[wanted["case"]]) if "case" in wanted
                               else (np.zeros(len(x)), None))
            period_values, period_missing = (_group_column(batch[wanted["period"]]) if "period" in wanted
                                             else (None, None))
            accumulator.add_block(x, y, weights, values, missing, convert, in_slots=True, finite=finite,
                                  period_values=period_values, period_missing=period_missing,
                                  period_convert=period_convert)
            if progress.canceled(accumulator.features_read):
                return None
        expected = source.featureCount() if source is not None else -1
        if expected >= 0 and accumulator.features_read != expected:
            raise BulkReadUnavailable(
                QCoreApplication.translate("FastRead", "GDAL streamed {} features where QGIS counts {}").format(
                    accumulator.features_read, expected
                )
            )
        return accumulator.result("bulk")
    finally:
        # GDAL 3.6 objects do not keep their parents alive: stop the reading thread, release the
        # stream, then the layer, then the dataset.
        if batches is not None:
            batches.close()
        stream = None
        ogr_layer = None
        dataset = None  # noqa: F841


def _group_column(column):
    """The values of a streamed case (or period) column and its mask of NULLs (NaN included)."""
    values = np.ma.getdata(column)
    missing = np.ma.getmaskarray(column)
    if values.dtype == np.dtype("datetime64[D]"):
        values = values.view(np.int64)  # days since 1970-01-01, numbered like integers
        if not np.all(values.astype(bool) | missing):
            # GDAL streams text it cannot read as a date (QGIS: NULL) as day 0, 1970-01-01.
            raise BulkReadUnavailable(
                QCoreApplication.translate("FastRead", "a date column holds 1970-01-01 or unreadable dates")
            )
    if values.dtype.kind not in "biufSO":
        raise BulkReadUnavailable(
            QCoreApplication.translate("FastRead", "the case column arrives as {}").format(values.dtype)
        )
    if values.dtype.kind == "f":
        missing = missing | np.isnan(values)
    return values, missing


def _case_converter(layer, case_index, fields):
    """How a case value from the Arrow stream becomes the value QGIS would give (int, float, str, QDate or bool)."""
    if case_index < 0:
        return lambda value: value
    field_type = field_type_code(fields.at(case_index))
    if field_type == FIELD_TYPE_CODES["string"]:
        # QGIS decodes the bytes GDAL gives it with the provider's encoding; when that is UTF-8,
        # decoding the streamed bytes as UTF-8 gives the same text.
        encoding = (layer.dataProvider().encoding() or "").replace("_", "-").upper()
        if encoding not in ("UTF-8", "UTF8"):
            raise BulkReadUnavailable(
                QCoreApplication.translate("FastRead", "the case field's text is decoded as {}, not UTF-8").format(
                    encoding or "unknown"
                )
            )
        return _utf8_text
    if field_type == FIELD_TYPE_CODES["double"]:
        return float
    if field_type == FIELD_TYPE_CODES["date"]:
        return _date_of_day_number
    if field_type == FIELD_TYPE_CODES["bool"]:
        return bool
    return int


def _date_of_day_number(days):
    return _ARROW_DATE_EPOCH.addDays(int(days))


def _utf8_text(value):
    if not isinstance(value, bytes):
        return str(value)
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        raise BulkReadUnavailable(
            QCoreApplication.translate("FastRead", "the case field holds text that is not UTF-8")
        ) from None


def _points_from_wkb(column, x=None, y=None):
    """``(x, y, finite)``: float64 arrays from a column of WKB points, NaN where NULL or empty, and
    True when every coordinate is known to be finite (False: unknown, or some is not). ``x``, ``y``:
    arrays of the column's length to write them to (default: new ones).

    Accepts a fixed-width void array (no NULLs) or an object array of bytes, masked or not.
    Records may mix sizes (an empty point of a Z layer can be written 2-D). Anything but 2-D, Z,
    M or ZM points raises BulkReadUnavailable.
    """
    data = np.ma.getdata(column)
    size = len(data)
    if x is None:
        x, y = np.empty(size), np.empty(size)
    if size == 0:
        return x, y, True
    if data.dtype.kind == "V" and data.dtype.itemsize == _LITTLE_ENDIAN_POINT.itemsize:
        # The common case, every record a 2-D little-endian point: read the coordinates through a
        # structured view, without copying the records first (in one compiled sweep when it can).
        records = data.view(_LITTLE_ENDIAN_POINT)
        state = kernels.wkb_points(records, x, y)
        if state is not None and state >= 0:
            return x, y, state == 1
        if state is None and (records["order"] == 1).all() and (records["kind"] == 1).all():
            x[:] = records["x"]
            y[:] = records["y"]
            return x, y, False
    x.fill(np.nan)
    y.fill(np.nan)
    if data.dtype.kind == "V":
        _parse_wkb_points(data.view(np.uint8).reshape(size, data.dtype.itemsize), np.arange(size), x, y)
        return x, y, False
    if data.dtype != object:
        raise BulkReadUnavailable(
            QCoreApplication.translate("FastRead", "geometries arrive as {}, not WKB").format(data.dtype)
        )
    present = ~np.ma.getmaskarray(column)
    present &= np.fromiter((value is not None for value in data), dtype=bool, count=size)
    rows = np.flatnonzero(present)
    records = data[rows]
    lengths = np.fromiter(map(len, records), dtype=np.int64, count=len(records))
    for width in np.unique(lengths).tolist():
        if width not in _WKB_POINT_SIZES.values():
            raise BulkReadUnavailable(
                QCoreApplication.translate("FastRead", "GDAL streamed {}-byte geometries, not points").format(width)
            )
        same = lengths == width
        raw = np.frombuffer(b"".join(records[same].tolist()), dtype=np.uint8).reshape(-1, width)
        _parse_wkb_points(raw, rows[same], x, y)
    return x, y, False


def _parse_wkb_points(raw, targets, x, y):
    """Write the coordinates of WKB point records (rows of ``raw``) to ``x[targets]``, ``y[targets]``."""
    width = raw.shape[1]
    byte_order = raw[:, 0]
    if not np.isin(byte_order, (0, 1)).all():
        raise BulkReadUnavailable(QCoreApplication.translate("FastRead", "unreadable WKB byte order"))
    for order, prefix in ((1, "<"), (0, ">")):
        rows = byte_order == order
        if not rows.any():
            continue
        part = raw[rows]
        kinds = np.ascontiguousarray(part[:, 1:5]).view(prefix + "u4").ravel()
        if any(_WKB_POINT_SIZES.get(int(kind)) != width for kind in np.unique(kinds)):
            raise BulkReadUnavailable(
                QCoreApplication.translate("FastRead", "geometries other than points in a point layer")
            )
        coordinates = np.ascontiguousarray(part[:, 5:21]).view(prefix + "f8").reshape(-1, 2)
        x[targets[rows]] = coordinates[:, 0]
        y[targets[rows]] = coordinates[:, 1]
