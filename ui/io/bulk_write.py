"""Write many features at once: geometry assembled as WKB with numpy, attributes column by column.

Building a ``QgsLineString`` from Python lists and calling ``addFeature`` once per feature cost
about 30 us per ellipse; here the per-feature Python work is one ``QgsFeature`` with its
attribute list and a geometry parsed from ready-made WKB, and the sink gets them in a few
``addFeatures`` calls.
"""
import numpy as np
from qgis.core import QgsFeature, QgsGeometry

from ..compat import FAST_INSERT

#: Features per ``addFeatures`` call: bounds the memory of the rings, their WKB and the Python
#: feature objects, and the delay before a cancel is noticed. 10,000 ellipses go in one call.
FEATURES_PER_CALL = 10_000

_POLYGON_HEADER = np.dtype([("order", "u1"), ("kind", "<u4"), ("rings", "<u4"), ("points", "<u4")])
_POINT_RECORD = np.dtype([("order", "u1"), ("kind", "<u4"), ("x", "<f8"), ("y", "<f8")])


def polygon_wkb(rings):
    """One little-endian WKB polygon (one ring) per row of ``rings`` (``(n, vertices, 2)``).

    Returns a list with ``bytes`` per row, or None where a vertex is not finite.
    """
    rings = np.ascontiguousarray(rings, dtype="<f8")
    count, vertices = rings.shape[:2]
    header = np.zeros(count, dtype=_POLYGON_HEADER)
    header["order"], header["kind"], header["rings"], header["points"] = 1, 3, 1, vertices
    records = np.concatenate(
        [header.view(np.uint8).reshape(count, _POLYGON_HEADER.itemsize),
         rings.view(np.uint8).reshape(count, vertices * 16)], axis=1)
    finite = np.isfinite(rings).all(axis=(1, 2)).tolist()
    return [bytes(record) if ok else None for record, ok in zip(records, finite)]


def point_wkb(x, y):
    """One little-endian WKB point per ``(x, y)``; None where a coordinate is not finite."""
    records = np.zeros(len(x), dtype=_POINT_RECORD)
    records["order"], records["kind"], records["x"], records["y"] = 1, 1, x, y
    raw = records.view(np.uint8).reshape(len(x), _POINT_RECORD.itemsize)
    finite = (np.isfinite(x) & np.isfinite(y)).tolist()
    return [bytes(record) if ok else None for record, ok in zip(raw, finite)]


def attribute_columns(table, names):
    """Columns of ``table`` as Python lists QGIS accepts: floats with NaN/inf as None (NULL),
    numpy integers as ints, other values as they are."""
    columns = []
    for name in names:
        values = table[name].to_numpy()
        if values.dtype.kind == "f":
            column = values.astype(object)
            column[~np.isfinite(values)] = None
            columns.append(column.tolist())
        else:
            columns.append(values.tolist())
    return columns


def write_features(sink, fields, wkb, columns, feedback=None):
    """Add one feature per row to ``sink`` in one ``addFeatures`` call: geometry from ``wkb`` (bytes
    or None), attributes from ``columns`` (lists of equal length, in field order). Callers pass at
    most :data:`FEATURES_PER_CALL` rows at a time. Returns False when cancelled or when the sink
    refuses features (QgsFeatureSink.lastError() says why)."""
    if feedback is not None and feedback.isCanceled():
        return False
    features = []
    for blob, attributes in zip(wkb, zip(*columns) if columns else [()] * len(wkb)):
        feature = QgsFeature(fields)
        feature.setAttributes(list(attributes))
        if blob is not None:
            geometry = QgsGeometry()
            geometry.fromWkb(blob)
            feature.setGeometry(geometry)
        features.append(feature)
    return sink.addFeatures(features, FAST_INSERT)
