"""Layer <-> array adapters shared by the algorithms."""

import numpy as np
from qgis.core import (
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsLineString,
    QgsProcessingException,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QPolygonF

from ..compat import REQUEST_NO_GEOMETRY, is_null


def field_index(source, field_name, layer_label, parameter_label, numeric=False):
    """Index of ``field_name`` in ``source``; a clear error if it is absent or not numeric.

    qgis_process does not check field parameters, so every algorithm checks here.
    """
    if not field_name:
        return -1
    index = source.fields().lookupField(field_name)
    if index < 0:
        available = ", ".join(source.fields().names())
        raise QgsProcessingException(
            QCoreApplication.translate("LayerIO", "{}: layer '{}' has no field '{}'. Its fields are: {}.").format(
                parameter_label, layer_label, field_name, available
            )
        )
    if numeric and not source.fields().at(index).isNumeric():
        raise QgsProcessingException(
            QCoreApplication.translate("LayerIO", "{}: field '{}' of layer '{}' is of type {}, not numeric.").format(
                parameter_label, field_name, layer_label, source.fields().at(index).typeName()
            )
        )
    return index


def require_field(source, field_name, layer_label, parameter_label, numeric=False):
    """Like ``field_index`` but the field is mandatory."""
    if not field_name:
        raise QgsProcessingException(
            QCoreApplication.translate("LayerIO", "{}: choose a field of layer '{}'.").format(
                parameter_label, layer_label
            )
        )
    return field_index(source, field_name, layer_label, parameter_label, numeric=numeric)


def python_value(value):
    """QGIS NULL -> None; other values unchanged (keeps dict keys hashable and comparable)."""
    return None if is_null(value) else value


def iterate_with_progress(source, request, feedback, share=100.0, offset=0.0):
    """Yield features, reporting progress and stopping when the user cancels."""
    total = source.featureCount()
    step = share / total if total and total > 0 else 0.0
    report_every = max(1, (total or 0) // 200)
    for position, feature in enumerate(source.getFeatures(request)):
        if feedback is not None and position % report_every == 0:
            if feedback.isCanceled():
                return
            feedback.setProgress(offset + position * step)
        yield feature


def feature_point(geometry):
    """The point a feature contributes: its point, or the centroid of any other geometry.

    Returns None for NULL or empty geometries, and for geometries whose centroid is empty.
    """
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return None
    if not geometry.isMultipart() and geometry.type() == 0:  # a single point
        point = geometry.constGet()
        return point.x(), point.y()
    centroid = geometry.centroid()
    if centroid.isNull() or centroid.isEmpty():
        return None
    point = centroid.asPoint()
    return point.x(), point.y()


def transform_arrays(x, y, source_crs, destination_crs, transform_context):
    """Transform coordinate arrays between CRSs in one C++ call instead of one call per point."""
    if len(x) == 0 or source_crs == destination_crs:
        return np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    transform = QgsCoordinateTransform(source_crs, destination_crs, transform_context)
    # In and out through a QPolygonF's memory, filled and read by numpy (no Python list of the coordinates).
    polygon = QPolygonF(len(x))
    buffer = polygon.data()
    buffer.setsize(len(x) * 2 * 8)
    coordinates = np.frombuffer(buffer, dtype=np.float64).reshape(-1, 2)
    coordinates[:, 0], coordinates[:, 1] = x, y
    line = QgsLineString.fromQPolygonF(polygon)
    line.transform(transform)
    polygon = line.asQPolygonF()
    buffer = polygon.data()
    buffer.setsize(len(polygon) * 2 * 8)
    coordinates = np.frombuffer(buffer, dtype=np.float64).reshape(-1, 2).copy()
    return coordinates[:, 0], coordinates[:, 1]


def centres_in_layer_crs(table, calc_crs, layer_crs, transform_context):
    """Report centres as ArcGIS does: ``CenterX``/``CenterY`` become the centre in the layer's CRS.

    ``table`` holds the centres in ``calc_crs`` (the CRS the statistics were computed in); they are kept
    as ``center_x_calc_crs``/``center_y_calc_crs``. Non-finite centres stay NaN (NULL in the output).
    """
    x = table["CenterX"].to_numpy(dtype=np.float64)
    y = table["CenterY"].to_numpy(dtype=np.float64)
    table["center_x_calc_crs"] = x
    table["center_y_calc_crs"] = y
    finite = np.isfinite(x) & np.isfinite(y)
    layer_x, layer_y = np.full(len(x), np.nan), np.full(len(y), np.nan)
    layer_x[finite], layer_y[finite] = transform_arrays(x[finite], y[finite], calc_crs, layer_crs, transform_context)
    table["CenterX"] = layer_x
    table["CenterY"] = layer_y
    return table


def attribute_request(attribute_indices, with_geometry=True):
    request = QgsFeatureRequest()
    request.setSubsetOfAttributes([i for i in attribute_indices if i >= 0])
    if not with_geometry:
        request.setFlags(REQUEST_NO_GEOMETRY)
    return request
