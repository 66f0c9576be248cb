"""clusterbelt:standarddistance - a circle of the standard distance per case (ArcGIS Standard Distance)."""
from qgis.core import QgsProcessingException, QgsProcessingParameterFeatureSink, QgsProcessingParameterNumber
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...core import schema
from ..compat import NUMBER_DOUBLE, SOURCE_VECTOR_POLYGON, WKB_POLYGON
from ..styles import EllipsesByCase, style_on_load
from .point_statistics import PointStatisticsAlgorithm, ellipse_geometries

FIELDS = schema.STANDARD_DISTANCE.kinds()


class StandardDistanceAlgorithm(PointStatisticsAlgorithm):
    ALGORITHM_ID = "standarddistance"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("StandardDistanceAlgorithm", "Standard distance")
    GROUP_ID = "spatialdistribution"
    GROUP_NAME = QT_TRANSLATE_NOOP("StandardDistanceAlgorithm", "Spatial distribution")

    SIZE = "SIZE"

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>Draws per case a circle centred on the weighted mean centre whose radius is SIZE standard "
            "distances, StdDist = SIZE &times; sqrt(&sum; w ((x - x&#772;)&sup2; + (y - y&#772;)&sup2;) / &sum; w), "
            "as ArcGIS Standard Distance.</p>"
            "<p><b>Input layer</b>: any vector layer; each feature contributes its point or the centroid of its "
            "geometry. Features without geometry or with a NULL weight are skipped and counted in "
            "<code>n_skipped</code>.</p>"
            "<p><b>Weight field</b> (optional): negative weights count as 0. <b>Case field</b> (optional): one "
            "circle per value, kept under its own name.</p>"
            "<p><b>Size</b>: the number of standard distances (any positive number). Under a bivariate normal with "
            "equal variances a circle of 1, 2, 3 standard distances holds 63.2, 98.2, 99.99 % of the points, not "
            "68 / 95 / 99 %.</p>"
            "<p><b>CRS for the statistics</b> and <b>Vertices</b>: as the ellipse tool.</p>"
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_point_parameters(self.tr("Case field (one circle per value)"))
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SIZE, self.tr("Size: number of standard distances"), type=NUMBER_DOUBLE, defaultValue=1.0,
                minValue=1e-9,
            )
        )
        self.add_calc_crs_parameter()
        self.add_vertices_parameter(self.tr("Vertices per circle"))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Standard distance"),
                                                            SOURCE_VECTOR_POLYGON))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        import numpy as np

        from ...core import distribution, sde

        size = self.parameterAsDouble(parameters, self.SIZE, context)
        vertices = self.parameterAsInt(parameters, self.VERTICES, context)
        if not size > 0:
            raise QgsProcessingException(self.tr("Size must be a positive number, got {}.").format(size))
        points = self.read_case_points(parameters, context, feedback, moments=True)
        if points is None:
            return {}
        with self.engine_errors():
            table = distribution.standard_distance(points.x, points.y, points.weights, points.case_codes,
                                                   len(points.case_values), size, moments=points.moments)
        circles = table.assign(major_sd=table["StdDist"], minor_sd=table["StdDist"], azimuth=np.nan)
        defined = table["status"].isin([sde.STATUS_OK, sde.STATUS_IDENTICAL, sde.STATUS_TOO_FEW]).to_numpy()
        geometries = ellipse_geometries(circles, vertices, points.calc_crs, points.layer_crs,
                                        context.transformContext(), defined & (table["StdDist"].to_numpy() > 0))
        self.finish_table(points, table, context)
        fields = self.output_fields(points, FIELDS)
        dest_id = self.write_output(parameters, self.OUTPUT, context, feedback, fields, table, geometries,
                                    WKB_POLYGON, points.layer_crs, 50.0, 50.0)
        if dest_id is None:
            return {}
        self.report_statuses(feedback, points, table)
        style_on_load(context, dest_id, EllipsesByCase(points.case_name or None))
        return {self.OUTPUT: dest_id}
