"""What the point-statistics tools share (ellipse, standard distance, median centre, central feature,
distribution over time): reading the points of the input layer, choosing the CRS the statistics are
computed in and bringing the points into it. Messages are translated in the context "PointInput"."""
import math

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingUtils,
)
from qgis.PyQt.QtCore import QCoreApplication

from .fast_read import read_point_columns
from .layers import transform_arrays


def automatic_equal_area_crs(lon, lat):
    """A Lambert azimuthal equal-area CRS centred on the data (centre rounded to 1e-6 degree).

    Rounding keeps the reported proj string short and exactly reproducible.
    """
    lon0 = round(float(np.mean(lon)), 6)
    lat0 = round(float(np.mean(lat)), 6)
    proj = f"+proj=laea +lat_0={lat0} +lon_0={lon0} +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"
    return QgsCoordinateReferenceSystem.fromProj(proj)


def crs_label(crs):
    """How the output names a CRS: its authority id, or the proj string for custom CRSs."""
    return crs.authid() or crs.toProj()


def read_points(algorithm, parameters, input_name, context, feedback, source, weight_index, case_index,
                progress_share=60.0, moments=False, period_index=-1):
    """Read one point, weight and case per feature of parameter ``input_name``; count what cannot be used.

    Files GDAL reads are read in bulk, other sources feature by feature (ui/io/fast_read.py); both give
    the same arrays. Logs how the layer was read and what was skipped; refuses a weight field that is
    NULL in every feature. Returns :class:`fast_read.PointColumns`, or None when the user cancelled.
    ``moments``: compute the engine's grouped moments while reading (only right when the statistics
    are computed in the layer's CRS, see :func:`known_calculation_crs`). ``period_index``: a second
    grouping field numbered in the same pass (the time field of the distribution over time), -1 for none.
    """
    definition = parameters.get(input_name)
    if not isinstance(definition, QgsProcessingFeatureSourceDefinition):
        definition = None
    layer = algorithm.parameterAsVectorLayer(parameters, input_name, context)
    if layer is None and definition is not None:  # QGIS 3.22 does not resolve definitions here
        value = definition.source.valueAsString(context.expressionContext(), "")
        layer = QgsProcessingUtils.mapLayerFromString(value[0] if isinstance(value, tuple) else value, context)
    columns = read_point_columns(
        source, weight_index, case_index, feedback, layer=layer, source_definition=definition,
        context=context, progress_share=progress_share, moments=moments, period_index=period_index,
    )
    if columns is None or feedback.isCanceled():
        return None
    if columns.path == "bulk":
        feedback.pushInfo(
            QCoreApplication.translate("PointInput", "Read {} features in bulk through GDAL.").format(
                columns.features_read
            )
        )
    else:
        feedback.pushInfo(
            QCoreApplication.translate("PointInput", "Read {} features one by one through QGIS ({}).").format(
                columns.features_read,
                columns.fallback_reason or QCoreApplication.translate("PointInput", "not a file read by GDAL"),
            )
        )
    if columns.no_geometry:
        feedback.pushWarning(
            QCoreApplication.translate("PointInput", "{} features have no geometry and were skipped.").format(
                columns.no_geometry
            )
        )
    if columns.null_weight and columns.null_weight == columns.features_read - columns.no_geometry:
        raise QgsProcessingException(
            QCoreApplication.translate("PointInput",
                "Layer '{}': the weight field '{}' is NULL or not a number in all {} features that have a "
                "geometry; choose another weight field or none."
            ).format(source.sourceName(), source.fields().at(weight_index).name(), columns.null_weight)
        )
    if columns.null_weight:
        feedback.pushWarning(
            QCoreApplication.translate(
                "PointInput", "{} features have a NULL or non-numeric weight and were skipped."
            ).format(columns.null_weight)
        )
    if columns.weights is not None:
        # The moments computed while reading counted them already (weights clipped to 0).
        negative = int(np.count_nonzero(columns.weights < 0) if columns.moments is None
                       else columns.moments.n_clipped.sum())
        if negative:
            feedback.pushWarning(
                QCoreApplication.translate(
                    "PointInput", "{} features have a negative weight; they count as weight 0 (as in ArcGIS)."
                ).format(negative)
            )
    return columns


def known_calculation_crs(algorithm, parameters, crs_name, context, layer_crs):
    """The CRS of the statistics when it is known before the points are read: the one the user chose
    in ``crs_name``, else the layer's when it is projected; None when it depends on the points."""
    chosen = algorithm.parameterAsCrs(parameters, crs_name, context)
    if chosen.isValid():
        return chosen
    if layer_crs.isValid() and not layer_crs.isGeographic():
        return layer_crs
    return None


def calculation_crs(algorithm, parameters, crs_name, context, layer_crs, x, y):
    """The CRS of the statistics: the one the user chose in ``crs_name``; else the layer's when it is
    projected; else a Lambert azimuthal equal-area CRS centred on the data."""
    known = known_calculation_crs(algorithm, parameters, crs_name, context, layer_crs)
    if known is not None:
        return known
    if not layer_crs.isValid():
        raise QgsProcessingException(
            QCoreApplication.translate(
                "PointInput", "The input layer has no valid CRS: choose the CRS for the statistics."
            )
        )
    if not layer_crs.isGeographic() or len(x) == 0:
        return layer_crs
    return automatic_equal_area_crs(x, y)


def points_in_crs(x, y, layer_crs, calc_crs, context, feedback, layer_label):
    """The points in ``calc_crs``; refuses points that cannot be transformed (naming the layer)."""
    if calc_crs != layer_crs:
        feedback.pushInfo(
            QCoreApplication.translate("PointInput", "Computing in {} ({}).").format(
                crs_label(calc_crs), calc_crs.description() or QCoreApplication.translate("PointInput", "custom")
            )
        )
    cx, cy = transform_arrays(x, y, layer_crs, calc_crs, context.transformContext())
    with np.errstate(over="ignore", invalid="ignore"):
        # One sum per array, no temporary: finite unless a value is not (or the sum overflows,
        # which the element-wise test then clears).
        all_finite = math.isfinite(np.add.reduce(cx) + np.add.reduce(cy))
    if not all_finite and not (np.all(np.isfinite(cx)) and np.all(np.isfinite(cy))):
        raise QgsProcessingException(
            QCoreApplication.translate("PointInput", "Some points of layer '{}' cannot be transformed to {}.").format(
                layer_label, crs_label(calc_crs)
            )
        )
    return cx, cy
