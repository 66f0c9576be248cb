"""clusterbelt:centralfeature - per case the input feature with the least weighted distance to the others
(ArcGIS Central Feature)."""
import math

from qgis.core import QgsFeature, QgsFeatureRequest, QgsProcessingException, QgsProcessingParameterFeatureSink
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...core import schema
from ..compat import FAST_INSERT, SOURCE_VECTOR_ANY_GEOMETRY, is_null
from .point_statistics import PointStatisticsAlgorithm

FIELDS = schema.CENTRAL_FEATURE.kinds()


class CentralFeatureAlgorithm(PointStatisticsAlgorithm):
    ALGORITHM_ID = "centralfeature"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("CentralFeatureAlgorithm", "Central feature")
    GROUP_ID = "spatialdistribution"
    GROUP_NAME = QT_TRANSLATE_NOOP("CentralFeatureAlgorithm", "Spatial distribution")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>Finds per case the input feature whose weighted sum of distances to the other features, "
            "&sum; w_i |p_i - p_j|, is least (ArcGIS Central Feature: the distances "
            "are weighted by the other features' weights) and writes that feature with all its fields.</p>"
            "<p>Exact: all n&sup2; distances of a case are computed, in blocks of bounded memory. Cases of more "
            "than 100000 points are refused (the work grows as n&sup2;); the median centre is the scalable "
            "alternative (a location, not a feature). Ties go to the first feature in the layer's order.</p>"
            "<p><b>Input layer</b>, <b>Weight field</b>, <b>Case field</b> and <b>CRS for the statistics</b>: as "
            "the ellipse tool. Features of weight 0 can be the central feature.</p>"
            "<p>A case whose weights are all 0 has no central feature and no row.</p>"
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_point_parameters(self.tr("Case field (one central feature per value)"))
        self.add_calc_crs_parameter()
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Central features"),
                                                            SOURCE_VECTOR_ANY_GEOMETRY))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ...core import distribution

        points = self.read_case_points(parameters, context, feedback, progress_share=30.0)
        if points is None:
            return {}
        with self.engine_errors():
            try:
                table = distribution.central_feature(
                    points.x, points.y, points.weights, points.case_codes, len(points.case_values),
                    max_case_size=distribution.CENTRAL_FEATURE_MAX_CASE_SIZE,
                    progress=lambda share: feedback.setProgress(30.0 + 50.0 * share), is_canceled=feedback.isCanceled,
                )
            except distribution.CaseTooLargeError as error:  # names the case by its value, which only ui knows
                value = points.case_values[error.case] if points.case_index >= 0 else None
                raise QgsProcessingException(
                    self.tr("Layer '{}', case {}: {}.").format(points.layer_label, "NULL" if value is None else value,
                                                              error)
                ) from error
        if table is None:
            return {}
        self.finish_table(points, table, context)
        fields = self.output_fields(points, FIELDS, leading=points.source.fields())
        sink, dest_id = self.sink_or_raise(parameters, self.OUTPUT, context, fields, points.source.wkbType(),
                                           points.layer_crs)
        if not self._write_chosen_features(points, table, sink, fields, feedback):
            return {}
        self.report_statuses(feedback, points, table)
        return {self.OUTPUT: dest_id}

    def _write_chosen_features(self, points, table, sink, fields, feedback):
        """Find each case's chosen point among the layer's features (same point, case and usable weight:
        the first such feature, as the engine's ties) and write it with its fields. False when cancelled."""
        from ..io.layers import feature_point, python_value
        from ..io.tables import attribute_value

        chosen = table["row"].to_numpy()
        wanted = {}
        for case, row in enumerate(chosen):
            if row >= 0:
                key = points.case_values[case] if points.case_index >= 0 else None
                wanted[(key, float(points.layer_x[row]), float(points.layer_y[row]))] = case
        weight_index = points.weight_index
        total = max(1, points.source.featureCount())
        records = table.to_dict("records")
        extra = [name for name, _ in FIELDS]
        for position, feature in enumerate(points.source.getFeatures(QgsFeatureRequest())):
            if not wanted:
                break
            if position % 1000 == 0:
                if feedback.isCanceled():
                    return False
                feedback.setProgress(80.0 + 20.0 * position / total)
            point = feature_point(feature.geometry())
            if point is None:
                continue
            key = (python_value(feature[points.case_index]) if points.case_index >= 0 else None,
                   float(point[0]), float(point[1]))
            case = wanted.get(key)
            if case is None or (weight_index >= 0 and not _usable_weight(feature[weight_index])):
                continue
            del wanted[key]
            out = QgsFeature(fields)
            out.setGeometry(feature.geometry())
            out.setAttributes(list(feature.attributes()) + [attribute_value(records[case][name]) for name in extra])
            sink.addFeature(out, FAST_INSERT)
        if wanted:
            feedback.pushWarning(self.tr("{} central features could not be found again in the layer.").format(
                len(wanted)))
        self._write_cases_without_feature(points, chosen, records, extra, sink, fields)
        return True

    def _write_cases_without_feature(self, points, chosen, records, extra, sink, fields):
        """A case with no central feature (no usable point: every weight zero, every geometry missing...) is
        still one output row, without geometry: its case value, n, n_skipped and status account for its
        features (the layer's other fields are NULL)."""
        from ..io.tables import attribute_value

        input_count = points.source.fields().count()
        for case, row in enumerate(chosen):
            if row >= 0:
                continue
            attributes = [None] * input_count
            if points.case_index >= 0:
                attributes[points.case_index] = attribute_value(points.case_values[case])
            out = QgsFeature(fields)
            out.setAttributes(attributes + [attribute_value(records[case][name]) for name in extra])
            sink.addFeature(out, FAST_INSERT)


def _usable_weight(value):
    """The reader's rule: a weight is used when it is a finite number (NULL and text are skipped)."""
    if is_null(value):
        return False
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False
