"""clusterbelt:mediancenter - the point of least weighted distance to all points, per case (ArcGIS Median Center)."""
from qgis.core import QgsProcessingParameterFeatureSink
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...core import schema
from ..compat import SOURCE_VECTOR_POINT, WKB_POINT
from ..styles import QmlStyle, style_on_load
from .point_statistics import PointStatisticsAlgorithm, point_geometries

FIELDS = schema.MEDIAN_CENTER.kinds()


class MedianCenterAlgorithm(PointStatisticsAlgorithm):
    ALGORITHM_ID = "mediancenter"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("MedianCenterAlgorithm", "Median center")
    GROUP_ID = "spatialdistribution"
    GROUP_NAME = QT_TRANSLATE_NOOP("MedianCenterAlgorithm", "Spatial distribution")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>Finds per case the point that minimises the weighted sum of Euclidean distances to the points (the "
            "geometric median, ArcGIS Median Center). Newton's method from the mean centre, each step kept only "
            "if it shortens the sum of distances, with Weiszfeld's step (Vardi and Zhang's on a data point) where "
            "Newton's fails or cannot apply; a case stops when its step is below 1e-9 of its standard distance, and a "
            "data point that is the median is returned exactly. <code>iterations</code> counts the passes over the "
            "case's points.</p>"
            "<p><b>Input layer</b>, <b>Weight field</b>, <b>Case field</b> and <b>CRS for the statistics</b>: as "
            "the ellipse tool (points or centroids; skipped features counted in <code>n_skipped</code>; negative "
            "weights count as 0).</p>"
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_point_parameters(self.tr("Case field (one median per value)"))
        self.add_calc_crs_parameter()
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Median centres"),
                                                            SOURCE_VECTOR_POINT))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ...core import distribution

        points = self.read_case_points(parameters, context, feedback, moments=True)
        if points is None:
            return {}
        with self.engine_errors():
            table = distribution.median_center(
                points.x, points.y, points.weights, points.case_codes, len(points.case_values),
                progress=lambda share: feedback.setProgress(50.0 + 40.0 * share), is_canceled=feedback.isCanceled,
                moments=points.moments,
            )
        if table is None:
            return {}
        self.finish_table(points, table, context)
        fields = self.output_fields(points, FIELDS)
        geometries = point_geometries(table["CenterX"], table["CenterY"])
        dest_id = self.write_output(parameters, self.OUTPUT, context, feedback, fields, table, geometries,
                                    WKB_POINT, points.layer_crs, 10.0, 90.0)
        if dest_id is None:
            return {}
        self.report_statuses(feedback, points, table)
        style_on_load(context, dest_id, QmlStyle("ellipse_centres"))
        return {self.OUTPUT: dest_id}
