"""clusterbelt:distributionovertime - the ellipse of each case period by period, the trajectory of its centre
and the shift between consecutive periods."""
from qgis.core import (
    QgsField,
    QgsGeometry,
    QgsLineString,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...core import schema
from ..compat import (
    FIELD_ANY,
    NUMBER_DOUBLE,
    SOURCE_VECTOR,
    SOURCE_VECTOR_LINE,
    SOURCE_VECTOR_POLYGON,
    WKB_LINESTRING,
    WKB_NO_GEOMETRY,
    WKB_POLYGON,
)
from ..styles import EllipsesByCase, QmlStyle, style_on_load
from .point_statistics import PointStatisticsAlgorithm, ellipse_geometries


def _python_period(value):
    """QDate/QDateTime values as Python dates, so periods order and subtract as dates."""
    for name in ("toPyDateTime", "toPyDate"):
        if hasattr(value, name):
            return getattr(value, name)()
    return value


class DistributionOverTimeAlgorithm(PointStatisticsAlgorithm):
    ALGORITHM_ID = "distributionovertime"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("DistributionOverTimeAlgorithm", "Distribution over time")
    GROUP_ID = "spatialdistribution"
    GROUP_NAME = QT_TRANSLATE_NOOP("DistributionOverTimeAlgorithm", "Spatial distribution")

    TIME_FIELD = "TIME_FIELD"
    METHOD = "METHOD"
    SIZE = "SIZE"
    COVERAGE = "COVERAGE"
    CUMULATIVE = "CUMULATIVE"
    OUTPUT_TRAJECTORY = "OUTPUT_TRAJECTORY"
    OUTPUT_SHIFTS = "OUTPUT_SHIFTS"

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>The standard deviational ellipse of each case period by period, the path of its centre and how "
            "it moved and changed between consecutive periods (centre of gravity shift and the evolution of the "
            "ellipse), in one run.</p>"
            "<p><b>Input layer</b>, <b>Weight field</b>, <b>Case field</b>, <b>Method</b>, <b>Size</b>, "
            "<b>Coverage</b>, <b>CRS for the statistics</b> and <b>Vertices</b>: as the ellipse tool.</p>"
            "<p><b>Time field</b> (required): the period of each feature: numbers such as years, dates, or text "
            "periods in their natural order ('batch 2' before 'batch 10'). Features whose period is NULL are "
            "skipped and counted in the log.</p>"
            "<p><b>Cumulative</b>: off (default), each period holds only its own features; on, a period holds all "
            "features up to it (e.g. clusters as they are designated).</p>"
            "<p><b>Ellipses</b>: one per case and period; <code>n_skipped</code> counts the skipped features of "
            "the case in the period (up to it when cumulative). <b>Trajectory</b>: one line per case "
            "through its centres in period order. <b>Shifts</b>: one row per case and consecutive pair of the "
            "periods in which it has a centre; the changes are later minus earlier.</p>"
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_point_parameters(self.tr("Case field (one series of ellipses per value)"))
        self.addParameter(
            QgsProcessingParameterField(
                self.TIME_FIELD, self.tr("Time field (period of each feature)"), parentLayerParameterName=self.INPUT,
                type=FIELD_ANY,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.METHOD, self.tr("Method"),
                options=[self.tr("ArcGIS (k x sqrt(2) standard deviations)"),
                         self.tr("Yuill 1971 (k standard deviations)"),
                         self.tr("CrimeStat (k x sqrt(2) x sqrt(n/(n-2)))"),
                         self.tr("Coverage (holds COVERAGE % of a bivariate normal)")],
                defaultValue=0,
            )
        )
        self.addParameter(QgsProcessingParameterNumber(
            self.SIZE, self.tr("Size: number of standard deviations k"), type=NUMBER_DOUBLE, defaultValue=1.0,
            minValue=1e-9))
        self.addParameter(QgsProcessingParameterNumber(
            self.COVERAGE, self.tr("Coverage (percent, Coverage method only)"), type=NUMBER_DOUBLE,
            defaultValue=68.27, minValue=1e-6, maxValue=99.999999))
        self.addParameter(QgsProcessingParameterBoolean(
            self.CUMULATIVE, self.tr("Cumulative: a period holds all features up to it"), defaultValue=False))
        self.add_calc_crs_parameter()
        self.add_vertices_parameter(self.tr("Vertices per ellipse"))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Ellipses by period"),
                                                            SOURCE_VECTOR_POLYGON))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_TRAJECTORY, self.tr("Trajectory of the centre"),
                                                            SOURCE_VECTOR_LINE))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_SHIFTS, self.tr("Shifts between periods"),
                                                            SOURCE_VECTOR))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        import numpy as np
        import pandas as pd

        from ...core import distribution, sde
        from ..io.layers import field_index

        method = self.parameterAsEnum(parameters, self.METHOD, context)
        size = self.parameterAsDouble(parameters, self.SIZE, context)
        coverage = self.parameterAsDouble(parameters, self.COVERAGE, context)
        cumulative = self.parameterAsBool(parameters, self.CUMULATIVE, context)
        vertices = self.parameterAsInt(parameters, self.VERTICES, context)
        source = self.source_or_raise(parameters, self.INPUT, context)
        time_name = self.parameterAsString(parameters, self.TIME_FIELD, context)
        time_index = field_index(source, time_name, source.sourceName(), self.tr("Time field"))
        if time_index < 0:
            raise QgsProcessingException(self.tr("Choose the time field (the period of each feature)."))
        # One read numbers the cases and the periods of the same features.
        points = self.read_case_points(parameters, context, feedback, progress_share=50.0, period_index=time_index)
        if points is None:
            return {}
        try:
            ordered, times = distribution.order_periods([_python_period(v) for v in points.period_values])
        except ValueError as error:
            raise QgsProcessingException(
                self.tr("Time field '{}' of layer '{}': {}.").format(time_name, points.layer_label, error)
            ) from error
        if not ordered:
            raise QgsProcessingException(
                self.tr("Time field '{}' of layer '{}' is NULL in every feature.").format(time_name, points.layer_label)
            )
        position = {value: index for index, value in enumerate(ordered)}
        # Outputs take the layer's own values (QDate...), which QGIS writes into a field of the time field's type.
        as_read = {_python_period(value): value for value in points.period_values}
        written = [as_read[value] for value in ordered]
        order_of_code = np.array([position.get(_python_period(v), -1) for v in points.period_values], dtype=np.int64)
        period_of_point = order_of_code[points.period_codes]
        no_period = int(np.count_nonzero(period_of_point < 0))
        if no_period:
            feedback.pushWarning(self.tr("{} features have no period (NULL time) and were skipped.").format(no_period))

        n_cases, n_periods = len(points.case_values), len(ordered)
        rows, period = distribution.period_members(period_of_point, n_periods, cumulative)
        group = points.case_codes[rows] * n_periods + period
        with self.engine_errors():
            table = sde.standard_deviational_ellipses(
                points.x[rows], points.y[rows], None if points.weights is None else points.weights[rows],
                group, n_cases * n_periods, method=method, size=size, coverage_percent=coverage)
        table["case_code"] = np.repeat(np.arange(n_cases), n_periods)
        table["period_index"] = np.tile(np.arange(n_periods), n_cases)
        table["n_skipped"] = self._skipped_per_case_and_period(points, order_of_code, n_periods, cumulative,
                                                               table["n"].to_numpy(), feedback)
        table = table[table["n"] > 0].reset_index(drop=True)  # a case without features in a period has no row
        table["period"] = [written[i] for i in table["period_index"]]
        drawable = ~table["status"].isin([sde.STATUS_ZERO_WEIGHT, sde.STATUS_NOT_FINITE]).to_numpy()
        geometries = ellipse_geometries(table, vertices, points.calc_crs, points.layer_crs, context.transformContext(),
                                        drawable)
        shifts = self._shifts(table, written, times, distribution, pd, feedback)
        if shifts is None:
            return {}
        from ..io.layers import centres_in_layer_crs
        from ..io.points import crs_label

        table["calc_crs"] = crs_label(points.calc_crs)
        centres_in_layer_crs(table, points.calc_crs, points.layer_crs, context.transformContext())
        if points.case_index >= 0:
            table[points.case_name] = [points.case_values[code] for code in table["case_code"]]
            shifts[points.case_name] = [points.case_values[code] for code in shifts["case_code"]]

        time_field = points.source.fields().at(time_index)
        ellipse_fields = self.output_fields(points, schema.DISTRIBUTION_ELLIPSES.kinds(),
                                            period_field=time_field)
        dest_id = self.write_output(parameters, self.OUTPUT, context, feedback, ellipse_fields, table, geometries,
                                    WKB_POLYGON, points.layer_crs, 15.0, 60.0)
        if dest_id is None:
            return {}
        trajectory, lines = self._trajectory(table, shifts, points)
        trajectory_fields = self.output_fields(points, schema.DISTRIBUTION_TRAJECTORY.kinds())
        trajectory_id = self.write_output(parameters, self.OUTPUT_TRAJECTORY, context, feedback, trajectory_fields,
                                          trajectory, lines, WKB_LINESTRING, points.layer_crs, 10.0, 75.0)
        if trajectory_id is None:
            return {}
        shift_fields = self.output_fields(points, schema.DISTRIBUTION_SHIFTS.kinds(),
                                          period_field=time_field)
        shifts_id = self.write_output(parameters, self.OUTPUT_SHIFTS, context, feedback, shift_fields, shifts,
                                      None, WKB_NO_GEOMETRY, None, 15.0, 85.0)
        if shifts_id is None:
            return {}
        case_labels = (["NULL" if points.case_values[code] is None else points.case_values[code]
                        for code in table["case_code"]] if points.case_index >= 0 else [""] * len(table))
        labels = [f"{case} {period}".strip() for case, period in zip(case_labels, table["period"])]
        self.report_statuses(feedback, points, table, labels)
        style_on_load(context, dest_id, EllipsesByCase("period"))
        style_on_load(context, trajectory_id, QmlStyle("trajectory"))
        return {self.OUTPUT: dest_id, self.OUTPUT_TRAJECTORY: trajectory_id, self.OUTPUT_SHIFTS: shifts_id}

    def _skipped_per_case_and_period(self, points, order_of_code, n_periods, cumulative, used, feedback):
        """The skipped features of each case and period, in the table's order (case by case, period by
        period). The case code and the period code of the k-th skipped feature are the k-th entries of
        ``skipped_codes`` and ``skipped_period_codes`` (one read numbered both). A skipped
        feature with a NULL time has no period; one whose case has no usable feature in its period has
        no row to count it: the log says how many."""
        import numpy as np

        cases, period = points.skipped_codes, order_of_code[points.skipped_period_codes]
        dated = period >= 0
        counts = np.bincount(cases[dated] * n_periods + period[dated], minlength=len(used)).reshape(-1, n_periods)
        used = used.reshape(-1, n_periods)
        if cumulative:
            counts = np.cumsum(counts, axis=1)
            # A case's last period holds all its features; it has a row unless the case has none at all.
            unrowed = int(counts[used[:, -1] == 0, -1].sum())
        else:
            unrowed = int(counts[used == 0].sum())
        if unrowed:
            feedback.pushWarning(self.tr(
                "{} skipped features belong to a case and period without any usable feature: no ellipse row "
                "counts them in n_skipped.").format(unrowed))
        return counts.ravel()

    def _shifts(self, table, ordered, times, distribution, pd, feedback):
        """One row per case and consecutive pair of the periods in which it has a centre (CALC_CRS numbers)."""
        defined = table[table["CenterX"].notna()].sort_values(["case_code", "period_index"], kind="stable")
        later = defined.shift(-1)
        pairs = later["case_code"].to_numpy() == defined["case_code"].to_numpy()
        before = defined[pairs].reset_index(drop=True)
        after = later[pairs].reset_index(drop=True)
        after["period_index"] = after["period_index"].astype(int)
        time_before = time_after = None
        if times is not None:
            time_before = times[before["period_index"].to_numpy()]
            time_after = times[after["period_index"].to_numpy()]
        shifts = distribution.period_shifts(before, after, time_before, time_after,
                                            is_canceled=feedback.isCanceled)
        if shifts is None:
            return None
        shifts.insert(0, "period_to", [ordered[i] for i in after["period_index"]])
        shifts.insert(0, "period_from", [ordered[i] for i in before["period_index"]])
        shifts["case_code"] = before["case_code"].astype(int).to_numpy()
        return shifts

    def _trajectory(self, table, shifts, points):
        """One line per case through its centres (layer CRS) in period order."""
        import pandas as pd

        rows, lines = [], []
        totals = shifts.groupby("case_code")["shift_distance"].sum()
        for code, group in table[table["CenterX"].notna()].groupby("case_code", sort=True):
            group = group.sort_values("period_index")
            row = {"n_periods": len(group), "total_shift_distance": float(totals.get(code, 0.0)),
                   "calc_crs": group["calc_crs"].iloc[0]}
            if points.case_index >= 0:
                row[points.case_name] = points.case_values[code]
            rows.append(row)
            if len(group) >= 2:
                lines.append(QgsGeometry(QgsLineString(group["CenterX"].tolist(), group["CenterY"].tolist())))
            else:
                lines.append(None)
        return pd.DataFrame(rows), lines

    def output_fields(self, points, field_kinds, leading=(), period_field=None):
        """As the base class; fields of kind ``input`` (core/schema.py) take the type of ``period_field``
        (the time field)."""
        plain = [(name, kind) for name, kind in field_kinds if kind != schema.INPUT_KIND]
        fields = super().output_fields(points, plain, leading)
        if period_field is None:
            return fields
        from qgis.core import QgsFields

        ordered = QgsFields()
        typed = {name: fields.at(fields.lookupField(name)) for name in fields.names()}
        if points.case_index >= 0:
            ordered.append(typed[points.case_name])
        for name, kind in field_kinds:
            if kind == schema.INPUT_KIND:
                field = QgsField(period_field)
                field.setName(name)
                ordered.append(field)
            else:
                ordered.append(typed[name])
        return ordered
