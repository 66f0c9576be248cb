"""clusterbelt:standarddeviationalellipse - one standard deviational ellipse per case."""
import math

from qgis.core import (
    QgsFields,
    QgsProcessingException,
    QgsProcessingParameterCrs,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ..compat import (
    FIELD_ANY,
    FIELD_NUMERIC,
    NUMBER_DOUBLE,
    NUMBER_INTEGER,
    SOURCE_VECTOR_ANY_GEOMETRY,
    SOURCE_VECTOR_POINT,
    SOURCE_VECTOR_POLYGON,
    WKB_POINT,
    WKB_POLYGON,
)
from ..styles import EllipsesByCase, QmlStyle, style_on_load
from .base import ClusterBeltAlgorithm

# Above this many cases the log lists only the cases whose status is not ok, and a summary.
MAX_CASES_LOGGED = 50


class StandardDeviationalEllipseAlgorithm(ClusterBeltAlgorithm):
    ALGORITHM_ID = "standarddeviationalellipse"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("StandardDeviationalEllipseAlgorithm", "Standard deviational ellipse")
    GROUP_ID = "spatialdistribution"
    GROUP_NAME = QT_TRANSLATE_NOOP("StandardDeviationalEllipseAlgorithm", "Spatial distribution")

    INPUT = "INPUT"
    WEIGHT_FIELD = "WEIGHT_FIELD"
    CASE_FIELD = "CASE_FIELD"
    METHOD = "METHOD"
    SIZE = "SIZE"
    COVERAGE = "COVERAGE"
    CALC_CRS = "CALC_CRS"
    VERTICES = "VERTICES"
    OUTPUT = "OUTPUT"
    OUTPUT_CENTERS = "OUTPUT_CENTERS"
    BOOTSTRAP = "BOOTSTRAP"
    CONFIDENCE = "CONFIDENCE"
    SEED = "SEED"

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>Draws one standard deviational ellipse (Lefever 1926) per case: the weighted mean centre, "
            "the directions of greatest and least spread and the spread along them.</p>"
            "<p><b>Input layer</b>: any vector layer. Each feature contributes one point: its point, or the "
            "centroid of a line, polygon or multipart geometry. Features without geometry, and features whose "
            "weight is NULL or not a number, are skipped and counted in <code>n_skipped</code>.</p>"
            "<p><b>Weight field</b> (optional, numeric): negative weights count as 0, as in ArcGIS.</p>"
            "<p><b>Case field</b> (optional, any type): one ellipse per distinct value; NULL is a case of its own.</p>"
            "<p><b>Method</b>: the semi-axes are scale &times; sqrt(&lambda;) where &lambda; are the eigenvalues of "
            "the weighted covariance (divisor: sum of weights). ArcGIS (default): scale = k&middot;sqrt(2), as "
            "ArcGIS Directional Distribution. Yuill 1971: scale = k. CrimeStat: scale = k&middot;sqrt(2)&middot;"
            "sqrt(n/(n-2)), n the number of points. Coverage: the ellipse a bivariate normal puts COVERAGE % of "
            "its mass in, scale = sqrt(-2 ln(1-p)) (Wang, Shi &amp; Miao 2015).</p>"
            "<p><b>Size</b>: k, the number of standard deviations. <b>Coverage</b>: percent, used by the Coverage "
            "method only.</p>"
            "<p><b>CRS for the statistics</b>: by default the layer's CRS when it is projected; for a geographic "
            "layer an automatic Lambert azimuthal equal-area CRS centred on the data. Choose the layer's "
            "geographic CRS to compute on raw degrees as ArcGIS does. The output is always in the layer's CRS; "
            "the field <code>calc_crs</code> names the CRS of the numbers.</p>"
            "<p><b>Bootstrap</b> (resamples, 0 = off), <b>Confidence</b> (percent) and <b>Seed</b> (optional, for "
            "reproducible runs): percentile intervals from resampling each case's points with replacement, in "
            "fields <code>&lt;name&gt;_lo</code>, <code>&lt;name&gt;_hi</code> for center_x_calc_crs, "
            "center_y_calc_crs, major_sd, minor_sd and azimuth (circular statistics: azimuth_lo may be below 0 or "
            "azimuth_hi above 180 when the interval contains north; read it mod 180). They say how much the "
            "ellipse would vary over samples like this one from the same population (Wang, Shi &amp; Miao 2015); "
            "they assume independent points, which a complete list (all cities) is not.</p>"
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        from ...core import sde

        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT, self.tr("Input layer"), [SOURCE_VECTOR_ANY_GEOMETRY]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.WEIGHT_FIELD,
                self.tr("Weight field"),
                parentLayerParameterName=self.INPUT,
                type=FIELD_NUMERIC,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.CASE_FIELD,
                self.tr("Case field (one ellipse per value)"),
                parentLayerParameterName=self.INPUT,
                type=FIELD_ANY,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.METHOD,
                self.tr("Method"),
                options=[
                    self.tr("ArcGIS (k x sqrt(2) standard deviations)"),
                    self.tr("Yuill 1971 (k standard deviations)"),
                    self.tr("CrimeStat (k x sqrt(2) x sqrt(n/(n-2)))"),
                    self.tr("Coverage (holds COVERAGE % of a bivariate normal)"),
                ],
                defaultValue=sde.METHOD_ARCGIS,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SIZE,
                self.tr("Size: number of standard deviations k"),
                type=NUMBER_DOUBLE,
                defaultValue=1.0,
                minValue=1e-9,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.COVERAGE,
                self.tr("Coverage (percent, Coverage method only)"),
                type=NUMBER_DOUBLE,
                defaultValue=68.27,
                minValue=1e-6,
                maxValue=99.999999,
            )
        )
        self.addParameter(
            QgsProcessingParameterCrs(
                self.CALC_CRS,
                self.tr("CRS for the statistics (default: layer CRS or local equal-area)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.VERTICES,
                self.tr("Vertices per ellipse"),
                type=NUMBER_INTEGER,
                defaultValue=360,
                minValue=8,
                maxValue=100000,
            )
        )
        for name, label, kind, default, low, high in (
            (self.BOOTSTRAP, self.tr("Bootstrap resamples for confidence intervals (0 = off)"), NUMBER_INTEGER, 0, 0,
             100000),
            (self.CONFIDENCE, self.tr("Confidence of the intervals (percent)"), NUMBER_DOUBLE, 95.0, 0.001, 99.999),
            (self.SEED, self.tr("Seed of the bootstrap (optional, for reproducible runs)"), NUMBER_INTEGER, None, 0,
             2**31 - 1),
        ):
            self.addParameter(QgsProcessingParameterNumber(name, label, type=kind, defaultValue=default,
                                                           minValue=low, maxValue=high, optional=default is None))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Ellipses"), SOURCE_VECTOR_POLYGON
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_CENTERS,
                self.tr("Ellipse centres"),
                SOURCE_VECTOR_POINT,
                optional=True,
                createByDefault=False,
            )
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ...core import schema, sde
        from ..compat import make_field
        from ..io.layers import field_index
        from ..io.points import calculation_crs, known_calculation_crs, read_points
        from ..io.tables import schema_fields

        source = self.source_or_raise(parameters, self.INPUT, context)
        layer_label = source.sourceName()
        weight_name = self.parameterAsString(parameters, self.WEIGHT_FIELD, context)
        case_name = self.parameterAsString(parameters, self.CASE_FIELD, context)
        weight_index = field_index(source, weight_name, layer_label, self.tr("Weight field"), numeric=True)
        case_index = field_index(source, case_name, layer_label, self.tr("Case field"))
        method = self.parameterAsEnum(parameters, self.METHOD, context)
        size = self.parameterAsDouble(parameters, self.SIZE, context)
        coverage = self.parameterAsDouble(parameters, self.COVERAGE, context)
        vertices = self.parameterAsInt(parameters, self.VERTICES, context)
        if not size > 0:
            raise QgsProcessingException(self.tr("Size k must be a positive number, got {}.").format(size))
        if method == sde.METHOD_COVERAGE and not 0 < coverage < 100:
            raise QgsProcessingException(
                self.tr("Coverage must be between 0 and 100 percent (exclusive), got {}.").format(coverage)
            )

        layer_crs = source.sourceCrs()
        # Computed in the layer's CRS, the moments are computed as the points are read.
        in_layer_crs = known_calculation_crs(self, parameters, self.CALC_CRS, context, layer_crs) == layer_crs
        points = read_points(self, parameters, self.INPUT, context, feedback, source, weight_index, case_index,
                             moments=in_layer_crs)
        if points is None:
            return {}
        if len(points.case_values) == 0:
            raise QgsProcessingException(
                self.tr("Layer '{}' has no features: there is nothing to draw an ellipse for.").format(layer_label)
            )
        calc_crs = calculation_crs(self, parameters, self.CALC_CRS, context, layer_crs, points.x, points.y)
        table = self._ellipse_table(
            points, calc_crs, layer_crs, (method, size, coverage), context, feedback, layer_label)
        bootstrap_names = self._add_bootstrap(table, points, (method, size, coverage), parameters, context, feedback)
        if bootstrap_names is None:
            return {}

        fields = QgsFields()
        if case_index >= 0:
            self.refuse_output_name_clash(layer_label, source.fields().at(case_index).name(),
                                          schema.ELLIPSE.names() + list(bootstrap_names))
            fields.append(source.fields().at(case_index))
        for field in schema_fields(schema.ELLIPSE):
            fields.append(field)
        for name in bootstrap_names:
            fields.append(make_field(name, "double"))
        sink, dest_id = self.sink_or_raise(parameters, self.OUTPUT, context, fields, WKB_POLYGON, layer_crs)
        center_sink, center_id = self.parameterAsSink(parameters, self.OUTPUT_CENTERS, context, fields, WKB_POINT,
                                                      layer_crs)
        if not self._write_outputs(table, vertices, points.case_values if case_index >= 0 else None, fields,
                                   (sink, center_sink), calc_crs, layer_crs, context, feedback):
            return {}
        self._log_cases(feedback, table, case_index >= 0, points.case_values)
        results = {self.OUTPUT: dest_id}
        style_on_load(context, dest_id, EllipsesByCase(case_name if case_index >= 0 else None))
        if center_sink is not None:
            results[self.OUTPUT_CENTERS] = center_id
            style_on_load(context, center_id, QmlStyle("ellipse_centres"))
        return results

    def _ellipse_table(self, points, calc_crs, layer_crs, method_size_coverage, context, feedback, layer_label):
        """The engine's table for the points (computed in calc_crs) with the fields the tool adds."""
        from ...core import sde
        from ..io.layers import centres_in_layer_crs
        from ..io.points import crs_label, points_in_crs

        method, size, coverage = method_size_coverage
        cx, cy = points_in_crs(points.x, points.y, layer_crs, calc_crs, context, feedback, layer_label)
        with self.engine_errors():
            table = sde.standard_deviational_ellipses(
                cx, cy, weights=points.weights, case_index=points.case_codes, n_cases=len(points.case_values),
                method=method, size=size, coverage_percent=coverage,
                moments=points.moments if calc_crs == layer_crs else None,
            )
        table["n_skipped"] = points.skipped_per_case
        table["calc_crs"] = crs_label(calc_crs)
        centres_in_layer_crs(table, calc_crs, layer_crs, context.transformContext())
        self._calc_points = (cx, cy)  # for the bootstrap
        return table

    def _add_bootstrap(self, table, points, method_size_coverage, parameters, context, feedback):
        """Percentile bootstrap intervals per case (core/distribution.py) as columns ``<name>_lo``/``<name>_hi``;
        their names ([] when BOOTSTRAP is 0), or None when cancelled."""
        from ...core import distribution

        replicates = self.parameterAsInt(parameters, self.BOOTSTRAP, context)
        if replicates <= 0:
            return []
        seed = parameters.get(self.SEED)
        seed = None if seed is None or seed == "" else self.parameterAsInt(parameters, self.SEED, context)
        method, size, coverage = method_size_coverage
        cx, cy = self._calc_points
        with self.engine_errors():
            intervals = distribution.bootstrap_ellipses(
                cx, cy, points.weights, points.case_codes, len(points.case_values), method, size, coverage,
                replicates, self.parameterAsDouble(parameters, self.CONFIDENCE, context), seed,
                progress=lambda share: feedback.setProgress(60.0 + 20.0 * share), is_canceled=feedback.isCanceled)
        if intervals is None:
            return None
        for name in intervals.columns:
            table[name] = intervals[name].to_numpy()
        return list(intervals.columns)

    def _log_cases(self, feedback, table, has_cases, case_values):
        """Every case, or above MAX_CASES_LOGGED cases those whose status is not ok and a count by status."""
        from ...core import sde

        log_every_case = len(table) <= MAX_CASES_LOGGED
        reported = table if log_every_case else table[table["status"] != sde.STATUS_OK]
        for case, row in zip(reported.index.tolist(), reported.to_dict("records")):
            self._report_case(feedback, has_cases, case_values[case], row, log_every_case)
        if not log_every_case:
            statuses = table["status"].value_counts()
            feedback.pushInfo(
                self.tr("{} cases; by status: {}.").format(
                    len(table), ", ".join(f"{status} {count}" for status, count in statuses.items())
                )
            )

    def _write_outputs(self, table, vertices, case_values, fields, sinks, calc_crs, layer_crs, context, feedback):
        """Write every case in bulk (ui/io/bulk_write.py), a block of cases at a time so that only one
        block's rings, WKB and features live at once: ellipses to the first sink, centres to the second (if
        any). False when cancelled; raises when a sink refuses features."""
        from ...core import sde
        from ..io.bulk_write import attribute_columns, write_blocks
        from .point_statistics import ellipse_geometries, point_geometries

        # The declared fields, and the bootstrap intervals when asked for: the fields after the case field.
        columns = attribute_columns(table, fields.names()[0 if case_values is None else 1:])
        if case_values is not None:
            columns.insert(0, list(case_values))
        drawable = ~table["status"].isin([sde.STATUS_ZERO_WEIGHT, sde.STATUS_NOT_FINITE]).to_numpy()
        # The rings are drawn in calc_crs, around the centre in calc_crs (CenterX/CenterY are in the layer's CRS),
        # and then transformed to the layer's CRS.
        in_calc_crs = table.assign(CenterX=table["center_x_calc_crs"], CenterY=table["center_y_calc_crs"])
        geometries = (ellipse_geometries(in_calc_crs, vertices, calc_crs, layer_crs, context.transformContext(),
                                         drawable),
                      point_geometries(table["CenterX"], table["CenterY"]))
        # Progress: the reading and the engine reach 80 %; the ellipses take 80-95 %, the centres 95-100 %.
        for sink, sink_geometries, output, offset, share in zip(
                sinks, geometries, (self.OUTPUT, self.OUTPUT_CENTERS), (80.0, 95.0), (15.0, 5.0)):
            if sink is not None and not write_blocks(sink, fields, columns, len(table), sink_geometries, feedback,
                                                     share, offset, self.parameterDefinition(output).description()):
                return False
        return True

    def _report_case(self, feedback, has_cases, case_value, row, log_details=True):
        from ...core import sde

        if has_cases:
            label = self.tr("Case {}").format("NULL" if case_value is None else case_value)
        else:
            label = self.tr("All features")
        if row["status"] == sde.STATUS_NOT_FINITE:
            feedback.pushWarning(
                self.tr(
                    "{}: status not_finite (n = {}): its coordinates, weights or size are too large for the numbers "
                    "to be represented; no ellipse is drawn."
                ).format(label, int(row["n"]))
            )
        elif row["status"] != sde.STATUS_OK:
            feedback.pushWarning(
                self.tr("{}: status {} (n = {}).").format(label, row["status"], int(row["n"]))
            )
        if not log_details:
            return
        feedback.pushInfo(
            self.tr("{}: n = {}, centre ({:.6f}, {:.6f}), semi-axes {:.6g} / {:.6g}, azimuth {}.").format(
                label, int(row["n"]), row["CenterX"], row["CenterY"], row["major_sd"], row["minor_sd"],
                "NULL" if not math.isfinite(row["azimuth"]) else "{:.4f}".format(row["azimuth"]),
            )
        )

