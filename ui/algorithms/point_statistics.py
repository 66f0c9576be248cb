"""The base class of the tools that summarise the points of a layer per case (standard distance, median
centre, central feature, distribution over time): their common parameters INPUT, WEIGHT_FIELD,
CASE_FIELD and CALC_CRS, reading the points into the CRS of the statistics, and writing one feature per
case. The skipping, counting and CRS rules are the ellipse tool's (ui/io/points.py)."""
from dataclasses import dataclass

from qgis.core import (
    QgsFields,
    QgsProcessingException,
    QgsProcessingParameterCrs,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..compat import NUMBER_INTEGER, SOURCE_VECTOR_ANY_GEOMETRY, make_field
from .base import ClusterBeltAlgorithm

# numpy, pandas and the engine are imported where they are used, so that QGIS lists the tools (and each says
# what to install) on an installation without them.


@dataclass
class CasePoints:
    """The points of INPUT in the CRS of the statistics (``x``, ``y``; in the layer's CRS ``layer_x``,
    ``layer_y``), grouped by case (see fast_read.PointColumns)."""

    source: object
    layer_label: str
    case_index: int
    case_name: str
    x: object
    y: object
    weights: object
    case_codes: object
    case_values: list
    skipped_per_case: object
    layer_crs: object
    calc_crs: object
    layer_x: object
    layer_y: object
    weight_index: int
    #: The grouped moments (core/sde.GroupedMoments) of ``x``, ``y``, ``weights`` computed while reading,
    #: when asked for and the statistics are computed in the layer's CRS; else None.
    moments: object = None
    #: The case code of every skipped feature, in the layer's order (fast_read.PointColumns.skipped_codes).
    skipped_codes: object = None
    #: The period field's numbering read in the same pass, when one was asked for (fast_read.PointColumns
    #: period_codes, period_values, skipped_period_codes); else None.
    period_codes: object = None
    period_values: list = None
    skipped_period_codes: object = None


class PointStatisticsAlgorithm(ClusterBeltAlgorithm):
    INPUT = "INPUT"
    WEIGHT_FIELD = "WEIGHT_FIELD"
    CASE_FIELD = "CASE_FIELD"
    CALC_CRS = "CALC_CRS"
    VERTICES = "VERTICES"
    OUTPUT = "OUTPUT"

    def add_point_parameters(self, case_description):
        """INPUT, WEIGHT_FIELD and CASE_FIELD (``case_description`` already translated)."""
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT,
                QCoreApplication.translate("PointStatisticsAlgorithm", "Input layer"),
                [SOURCE_VECTOR_ANY_GEOMETRY],
            )
        )
        self.add_field(
            self.WEIGHT_FIELD,
            QCoreApplication.translate("PointStatisticsAlgorithm", "Weight field"),
            self.INPUT,
            optional=True,
            numeric=True,
        )
        self.add_field(self.CASE_FIELD, case_description, self.INPUT, optional=True)

    def add_calc_crs_parameter(self):
        self.addParameter(
            QgsProcessingParameterCrs(
                self.CALC_CRS,
                QCoreApplication.translate(
                    "PointStatisticsAlgorithm", "CRS for the statistics (default: layer CRS or local equal-area)"
                ),
                optional=True,
            )
        )

    def add_vertices_parameter(self, description):
        self.addParameter(
            QgsProcessingParameterNumber(
                self.VERTICES, description, type=NUMBER_INTEGER, defaultValue=360, minValue=8, maxValue=100000
            )
        )

    def read_case_points(self, parameters, context, feedback, progress_share=50.0, group_index=None,
                         moments=False, period_index=-1):
        """Read INPUT's points, weights and cases and bring the points into the CRS of the statistics.

        ``group_index``: the field whose values number the groups instead of CASE_FIELD (the time
        field of the distribution over time). ``moments``: compute the grouped moments while reading
        when the statistics are computed in the layer's CRS (:attr:`CasePoints.moments`). ``period_index``:
        a second field numbered in the same read (:attr:`CasePoints.period_codes`), -1 for none. Returns
        :class:`CasePoints`, or None when cancelled.
        """
        from ..io.layers import field_index
        from ..io.points import calculation_crs, known_calculation_crs, points_in_crs, read_points

        source = self.source_or_raise(parameters, self.INPUT, context)
        layer_label = source.sourceName()
        weight_name = self.parameterAsString(parameters, self.WEIGHT_FIELD, context)
        case_name = self.parameterAsString(parameters, self.CASE_FIELD, context)
        weight_index = field_index(
            source, weight_name, layer_label,
            QCoreApplication.translate("PointStatisticsAlgorithm", "Weight field"), numeric=True,
        )
        case_index = field_index(
            source, case_name, layer_label, QCoreApplication.translate("PointStatisticsAlgorithm", "Case field")
        )
        layer_crs = source.sourceCrs()
        moments = moments and known_calculation_crs(self, parameters, self.CALC_CRS, context, layer_crs) == layer_crs
        columns = read_points(
            self, parameters, self.INPUT, context, feedback, source, weight_index,
            case_index if group_index is None else group_index, progress_share=progress_share, moments=moments,
            period_index=period_index,
        )
        if columns is None:
            return None
        if len(columns.case_values) == 0:
            raise QgsProcessingException(
                QCoreApplication.translate("PointStatisticsAlgorithm", "Layer '{}' has no features.").format(
                    layer_label
                )
            )
        calc_crs = calculation_crs(self, parameters, self.CALC_CRS, context, layer_crs, columns.x, columns.y)
        cx, cy = points_in_crs(columns.x, columns.y, layer_crs, calc_crs, context, feedback, layer_label)
        return CasePoints(
            # The case field as the layer spells it (QGIS lets 'Kind' choose the field 'kind').
            source, layer_label, case_index, source.fields().at(case_index).name() if case_index >= 0 else "", cx, cy,
            columns.weights,
            columns.case_codes, columns.case_values, columns.skipped_per_case, layer_crs, calc_crs, columns.x,
            columns.y, weight_index, columns.moments if calc_crs == layer_crs else None, columns.skipped_codes,
            columns.period_codes, columns.period_values, columns.skipped_period_codes,
        )

    def output_fields(self, points, field_kinds, leading=()):
        """QgsFields: the ``leading`` QgsFields, the case field (under its own name) and ``field_kinds``."""
        fields = QgsFields()
        for field in leading:
            fields.append(field)
        if points.case_index >= 0:
            fields.append(points.source.fields().at(points.case_index))
        for field in fields:
            self.refuse_output_name_clash(points.layer_label, field.name(), [name for name, _ in field_kinds])
        for name, kind in field_kinds:
            fields.append(make_field(name, kind))
        return fields

    def finish_table(self, points, table, context):
        """Add ``n_skipped``, ``calc_crs`` and the case column; centres to the layer's CRS (ArcGIS's
        ``CenterX``/``CenterY``), the centre in CALC_CRS kept as ``center_x_calc_crs``/``center_y_calc_crs``."""
        from ..io.layers import centres_in_layer_crs
        from ..io.points import crs_label

        table["n_skipped"] = points.skipped_per_case
        table["calc_crs"] = crs_label(points.calc_crs)
        if points.case_index >= 0:
            table[points.case_name] = points.case_values
        if "CenterX" in table:
            centres_in_layer_crs(table, points.calc_crs, points.layer_crs, context.transformContext())
        return table

    def write_output(self, parameters, name, context, feedback, fields, table, geometries, wkb_type, crs,
                     share, offset):
        """Write ``table`` (columns named as ``fields``) to output ``name`` in bulk (ui/io/bulk_write.py), a
        block of rows at a time; its id, or None when cancelled. ``geometries``: None, a list with a
        QgsGeometry (or None) per row, or a function of a block of rows (a slice) returning their WKB
        (:func:`polygon_geometries`, :func:`point_geometries`), so that only one block's geometry is held."""
        from ..io.bulk_write import attribute_columns, write_blocks

        sink, dest_id = self.sink_or_raise(parameters, name, context, fields, wkb_type, crs)
        if isinstance(geometries, list):
            listed = geometries

            def geometries(block):
                return [None if geometry is None else geometry.asWkb() for geometry in listed[block]]

        if len(table) == 0:
            return dest_id  # an empty table may lack the columns (nothing was computed); the output stays empty
        if not write_blocks(sink, fields, attribute_columns(table, fields.names()), len(table), geometries,
                            feedback, share, offset, output=self.parameterDefinition(name).description()):
            return None
        return dest_id

    def report_statuses(self, feedback, points, table, labels=None):
        """One warning per row whose status is not ok (at most 50), then the count by status. ``labels``:
        how to name each row (default: the case value of row i = case i)."""
        import numpy as np

        from ...core import sde

        bad = np.flatnonzero(table["status"].to_numpy() != sde.STATUS_OK).tolist()
        for position in bad[:50]:
            if labels is not None:
                label = labels[position]
            else:
                value = points.case_values[position] if points.case_index >= 0 else None
                label = "NULL" if value is None else value
            feedback.pushWarning(
                QCoreApplication.translate("PointStatisticsAlgorithm", "Case {}: status {} (n = {}).").format(
                    label, table["status"].iloc[position], int(table["n"].iloc[position])
                )
            )
        counts = table["status"].value_counts()
        feedback.pushInfo(
            QCoreApplication.translate("PointStatisticsAlgorithm", "{} cases; by status: {}.").format(
                len(table), ", ".join(f"{status} {count}" for status, count in counts.items())
            )
        )


def ellipse_geometries(ellipses, vertices, calc_crs, layer_crs, transform_context, defined):
    """:func:`polygon_geometries` of the rings core.sde.ellipse_rings draws for ``ellipses`` (its columns
    CenterX/CenterY in CALC_CRS, major_sd, minor_sd, azimuth; copied, so the table may change before the
    output is written), ``vertices`` per ring."""
    from ...core import sde

    shapes = ellipses[["CenterX", "CenterY", "major_sd", "minor_sd", "azimuth"]].copy()
    return polygon_geometries(lambda block: sde.ellipse_rings(shapes.iloc[block], vertices), calc_crs, layer_crs,
                              transform_context, defined)


def polygon_geometries(rings_of_block, calc_crs, layer_crs, transform_context, defined):
    """A function of a block of rows (a slice) returning their polygons as WKB in the layer's CRS (None
    where not ``defined`` or not finite), for :meth:`PointStatisticsAlgorithm.write_output`.

    ``rings_of_block(block)``: the rings of those rows in CALC_CRS (``(rows, vertices, 2)``, as
    core.sde.ellipse_rings draws them). A block's rings are transformed in one call and assembled as
    WKB with numpy (ui/io/bulk_write.py); only one block's rings and WKB live at once.
    """
    import numpy as np

    from ..io.bulk_write import polygon_wkb

    defined = np.asarray(defined, dtype=bool)

    def wkb_of_block(block):
        rings = rings_in_layer_crs(rings_of_block(block), defined[block], calc_crs, layer_crs, transform_context)
        return polygon_wkb(rings, defined[block])

    return wkb_of_block


def rings_in_layer_crs(rings, drawn, calc_crs, layer_crs, transform_context):
    """``rings`` (``(rows, vertices, 2)`` in CALC_CRS) in the layer's CRS: the finite rings of the ``drawn``
    rows transformed in one call (the others are left as they are); the rings themselves when the CRSs
    are the same."""
    import numpy as np

    from ..io.layers import transform_arrays

    if calc_crs == layer_crs:
        return rings
    drawn = drawn & np.isfinite(rings).all(axis=(1, 2))
    if drawn.any():
        shape = rings[drawn].shape[:2]
        back_x, back_y = transform_arrays(rings[drawn, :, 0].ravel(), rings[drawn, :, 1].ravel(),
                                          calc_crs, layer_crs, transform_context)
        rings[drawn] = np.stack([back_x.reshape(shape), back_y.reshape(shape)], axis=-1)
    return rings


def point_geometries(x, y):
    """A function of a block of rows (a slice) returning their points as WKB (None where a coordinate is
    not finite), for :meth:`PointStatisticsAlgorithm.write_output`."""
    import numpy as np

    from ..io.bulk_write import point_wkb

    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    return lambda block: point_wkb(x[block], y[block])
