"""Write many features at once: geometry assembled as WKB with numpy, attributes column by column.

Building a ``QgsLineString`` from Python lists and calling ``addFeature`` once per feature cost
about 30 us per ellipse. Here the per-feature Python work is one ``QgsFeature`` with its attribute
list and a geometry parsed from ready-made WKB, and the sink gets them in one ``addFeatures`` call
per block of :data:`FEATURES_PER_BLOCK` rows. What is left per feature is QGIS's own work, which
no Python code can batch: converting each attribute to a QVariant (``setAttributes``), parsing the
WKB into a ``QgsPolygon`` (``fromWkb``) and the sink's insertion (``addFeatures``).

A block at a time: the rings, their WKB and the features of one block are all that live at once
(about 1.5 MB of WKB for 250 ellipses of 361 vertices), and numpy's temporaries stay in the
processor's cache.
"""
import numpy as np
import pandas as pd
from qgis.core import QgsFeature, QgsGeometry, QgsProcessingException
from qgis.PyQt.QtCore import QCoreApplication, QVariant

from ..compat import FAST_INSERT
from .tables import attribute_value

#: Rows per ``addFeatures`` call: bounds the memory of one block's rings, WKB and Python features,
#: and the delay before a cancel is noticed. Measured on 10,000 ellipses (scripts/bench.py, write_floor):
#: 250 rows a block took about 15 % less time than 1,000 and 30 % less than 2,000, and the process grew
#: by 79 MB against 90 MB (1,000) and 105 MB (2,000): the layer's polygons and one block in flight.
FEATURES_PER_BLOCK = 250

_POLYGON_HEADER = np.dtype([("order", "u1"), ("kind", "<u4"), ("rings", "<u4"), ("points", "<u4")])
_POINT_RECORD = np.dtype([("order", "u1"), ("kind", "<u4"), ("x", "<f8"), ("y", "<f8")])


def _blobs(records, keep):
    """``bytes`` per row of the 2-D uint8 array ``records``, None where ``keep`` is False."""
    return [bytes(record) if ok else None for record, ok in zip(records, keep.tolist())]


def polygon_wkb(rings, drawn=None):
    """One little-endian WKB polygon (one ring) per row of ``rings`` (``(n, vertices, 2)``).

    Returns a list with ``bytes`` per row, or None where a vertex is not finite or ``drawn`` (boolean
    per row, optional) is False.
    """
    rings = np.ascontiguousarray(rings, dtype="<f8")
    count, vertices = rings.shape[:2]
    header = np.zeros(1, dtype=_POLYGON_HEADER)
    header["order"], header["kind"], header["rings"], header["points"] = 1, 3, 1, vertices
    records = np.empty((count, _POLYGON_HEADER.itemsize + vertices * 16), dtype=np.uint8)
    records[:, :_POLYGON_HEADER.itemsize] = header.view(np.uint8)
    records[:, _POLYGON_HEADER.itemsize:] = rings.view(np.uint8).reshape(count, vertices * 16)
    keep = np.isfinite(rings).all(axis=(1, 2))
    if drawn is not None:
        keep &= np.asarray(drawn, dtype=bool)
    return _blobs(records, keep)


def point_wkb(x, y):
    """One little-endian WKB point per ``(x, y)``; None where a coordinate is not finite."""
    records = np.zeros(len(x), dtype=_POINT_RECORD)
    records["order"], records["kind"], records["x"], records["y"] = 1, 1, x, y
    raw = records.view(np.uint8).reshape(len(x), _POINT_RECORD.itemsize)
    return _blobs(raw, np.isfinite(x) & np.isfinite(y))


#: A column with at most this share of distinct values (constants, statuses, method names...) is
#: written with one shared QVariant per distinct value instead of one conversion per cell.
_SHARED_SHARE = 0.25


def attribute_columns(table, names):
    """Columns of ``table`` ready for :func:`write_blocks`, one per name: ``column[block]`` (a slice of
    rows) is a list QGIS accepts, made only when its block is written, so that the Python objects of
    one block live at once. Floats with NaN/inf become None (NULL), numpy integers ints, the cells of
    object columns what tables.attribute_value makes them (NaN, NA -> None, numpy scalars -> Python
    numbers). A column of few distinct values holds one QVariant per value, shared by its rows:
    ``setAttributes`` then copies it instead of converting each cell (strings cost most to convert)."""
    return [_shared_column(values) or _Column(values) for values in (table[name].to_numpy() for name in names)]


class _Column:
    """One column of values converted block by block (see :func:`attribute_columns`)."""

    def __init__(self, values):
        self.values = values

    def __getitem__(self, block):
        values = self.values[block]
        if values.dtype.kind == "f":
            column = values.astype(object)
            column[~np.isfinite(values)] = None
            return column.tolist()
        if values.dtype.kind == "O":
            return [attribute_value(value) for value in values.tolist()]
        return values.tolist()


class _SharedColumn:
    """A column of few distinct values: the code of each row and one QVariant per value (None for NULL)."""

    def __init__(self, codes, variants):
        self.codes = codes
        self.variants = variants + [None]  # code -1: NULL

    def __getitem__(self, block):
        variants = self.variants
        return [variants[code] for code in self.codes[block].tolist()]


def _shared_column(values):
    """``values`` as a :class:`_SharedColumn`, or None when the column has too many distinct values
    (or values numpy cannot tell apart: unhashable objects)."""
    if len(values) == 0 or values.dtype.kind not in "fiubO":
        return None
    if values.dtype.kind == "f":
        # Bit patterns tell 0.0 from -0.0; every non-finite value is NULL.
        bits = np.where(np.isfinite(values), values, np.nan).astype(np.float64).view(np.int64)
        codes, uniques = pd.factorize(bits)
        uniques = uniques.view(np.float64)
        null = ~np.isfinite(uniques)
    else:
        try:
            codes, uniques = pd.factorize(values)  # None and NaN get code -1
        except TypeError:
            return None
        null = np.zeros(len(uniques), dtype=bool)
    if len(uniques) > _SHARED_SHARE * len(values):
        return None
    values = np.asarray(uniques, dtype=object).tolist()
    if uniques.dtype.kind == "O":
        values = [attribute_value(value) for value in values]
    return _SharedColumn(codes, [None if is_null or value is None else QVariant(value)
                                 for value, is_null in zip(values, null.tolist())])


def write_features(sink, fields, wkb, columns, feedback=None):
    """Add one feature per row to ``sink`` in one ``addFeatures`` call: geometry from ``wkb`` (bytes
    or None; None for the whole list: no geometry), attributes from ``columns`` (lists of equal
    length, in field order). Callers pass at most :data:`FEATURES_PER_BLOCK` rows at a time. Returns
    False when cancelled or when the sink refuses features (QgsFeatureSink.lastError() says why)."""
    if feedback is not None and feedback.isCanceled():
        return False
    features = []
    append = features.append
    rows = map(list, zip(*columns))
    for blob, attributes in zip(wkb, rows) if wkb is not None else ((None, row) for row in rows):
        feature = QgsFeature(fields)
        feature.setAttributes(attributes)
        if blob is not None:
            geometry = QgsGeometry()
            geometry.fromWkb(blob)
            feature.setGeometry(geometry)
        append(feature)
    return sink.addFeatures(features, FAST_INSERT)


def write_blocks(sink, fields, columns, count, wkb_of_block=None, feedback=None, share=0.0, offset=0.0,
                 output=""):
    """Write ``count`` rows to ``sink``, :data:`FEATURES_PER_BLOCK` at a time: attributes from
    ``columns`` (attribute_columns, in field order), geometry from ``wkb_of_block(block)`` (a slice
    of rows -> WKB per row, None for no geometry), built only when its block is written. Progress
    from ``offset`` over ``share`` percent. False when cancelled; a sink refusing features raises
    QgsProcessingException naming the output (``output``: its label) and the sink's reason."""
    for start in range(0, count, FEATURES_PER_BLOCK):
        block = slice(start, min(start + FEATURES_PER_BLOCK, count))
        wkb = wkb_of_block(block) if wkb_of_block is not None else None
        if not write_features(sink, fields, wkb, [column[block] for column in columns], feedback):
            if feedback is not None and feedback.isCanceled():
                return False
            raise QgsProcessingException(QCoreApplication.translate(
                "Tables", "The output {output} could not be written (rows {first} to {last}): {reason}").format(
                    output=f"'{output}'" if output else "", first=block.start + 1, last=block.stop,
                    reason=sink.lastError()))
        if feedback is not None:
            feedback.setProgress(offset + share * block.stop / count)
    return True
