"""clusterbelt:compareellipses - how two sets of ellipses overlap and differ (e.g. two cluster types, or this
plugin's ellipse against an ArcGIS output)."""
from qgis.core import (
    QgsCoordinateTransform,
    QgsFields,
    QgsProcessingException,
    QgsProcessingParameterCrs,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ...core import schema
from ..compat import SOURCE_VECTOR, SOURCE_VECTOR_POLYGON, WKB_NO_GEOMETRY, make_field
from .base import ClusterBeltAlgorithm


class CompareEllipsesAlgorithm(ClusterBeltAlgorithm):
    ALGORITHM_ID = "compareellipses"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("CompareEllipsesAlgorithm", "Compare ellipses")
    GROUP_ID = "spatialdistribution"
    GROUP_NAME = QT_TRANSLATE_NOOP("CompareEllipsesAlgorithm", "Spatial distribution")

    INPUT_A = "INPUT_A"
    INPUT_B = "INPUT_B"
    FIELD_A = "FIELD_A"
    FIELD_B = "FIELD_B"
    CALC_CRS = "CALC_CRS"
    OUTPUT = "OUTPUT"

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>Compares every ellipse of layer A with the ellipse of layer B of the same case, or with every "
            "ellipse of B: two cluster types, two periods, or this plugin's ellipse against an ArcGIS output.</p>"
            "<p><b>Ellipses A</b>, <b>Ellipses B</b>: polygon layers of ellipses. Each ellipse is read from its "
            "polygon (centre = area centroid, axes and azimuth from the second area moments), so any tool's "
            "output works whatever its field names; polygons drawn at equally spaced angles, as this plugin and "
            "ArcGIS draw them, give back their ellipse to rounding.</p>"
            "<p><b>Case field of A</b> and <b>Case field of B</b> (optional, both or neither): pairs with equal "
            "values are compared; without them, all pairs.</p>"
            "<p><b>CRS for the comparison</b>: default the CRS of A when it is projected, else a local "
            "equal-area CRS.</p>"
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(self.INPUT_A, self.tr("Ellipses A"),
                                                              [SOURCE_VECTOR_POLYGON]))
        self.addParameter(QgsProcessingParameterFeatureSource(self.INPUT_B, self.tr("Ellipses B"),
                                                              [SOURCE_VECTOR_POLYGON]))
        self.add_field(self.FIELD_A, self.tr("Case field of A (pairs with equal values)"), self.INPUT_A,
                       optional=True)
        self.add_field(self.FIELD_B, self.tr("Case field of B"), self.INPUT_B, optional=True)
        self.addParameter(QgsProcessingParameterCrs(
            self.CALC_CRS, self.tr("CRS for the comparison (default: CRS of A or local equal-area)"), optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Comparison"), SOURCE_VECTOR))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        import numpy as np

        from ...core import distribution
        from ..io.bulk_write import attribute_columns, write_blocks
        from ..io.layers import field_index, python_value
        from ..io.points import automatic_equal_area_crs, crs_label

        source_a = self.source_or_raise(parameters, self.INPUT_A, context)
        source_b = self.source_or_raise(parameters, self.INPUT_B, context)
        name_a = self.parameterAsString(parameters, self.FIELD_A, context)
        name_b = self.parameterAsString(parameters, self.FIELD_B, context)
        if bool(name_a) != bool(name_b):
            raise QgsProcessingException(self.tr("Choose a case field for both layers, or for neither."))
        index_a = field_index(source_a, name_a, source_a.sourceName(), self.tr("Case field of A"))
        index_b = field_index(source_b, name_b, source_b.sourceName(), self.tr("Case field of B"))

        calc_crs = self.parameterAsCrs(parameters, self.CALC_CRS, context)
        if not calc_crs.isValid():
            calc_crs = source_a.sourceCrs()
            if calc_crs.isGeographic():
                extent = source_a.sourceExtent()
                calc_crs = automatic_equal_area_crs([extent.center().x()], [extent.center().y()])
        ellipses = []
        for source, index in ((source_a, index_a), (source_b, index_b)):
            transform = QgsCoordinateTransform(source.sourceCrs(), calc_crs, context.transformContext())
            fids, cases, rings, skipped = [], [], [], 0
            for feature in source.getFeatures():
                if feedback.isCanceled():
                    return {}
                geometry = feature.geometry()
                if geometry is None or geometry.isNull() or geometry.isEmpty():
                    skipped += 1
                    continue
                geometry.transform(transform)
                try:
                    polygon = geometry.asMultiPolygon()[0] if geometry.isMultipart() else geometry.asPolygon()
                except TypeError:  # a point or line layer: PyQGIS refuses to read it as a polygon
                    raise QgsProcessingException(self.tr(
                        "Layer '{}': feature {} is not a polygon; compare the ellipse layers the ellipse tools "
                        "write.").format(source.sourceName(), feature.id())) from None
                rings.append(np.array([(point.x(), point.y()) for point in polygon[0]]))
                fids.append(feature.id())
                cases.append(python_value(feature[index]) if index >= 0 else None)
            if skipped:
                feedback.pushWarning(self.tr("Layer '{}': {} features without geometry were skipped.").format(
                    source.sourceName(), skipped))
            ellipses.append((fids, cases, distribution.ellipses_from_rings(rings)))

        (fids_a, cases_a, table_a), (fids_b, cases_b, table_b) = ellipses
        if index_a >= 0:
            rows_of_b = {}
            for row, case in enumerate(cases_b):
                rows_of_b.setdefault(case, []).append(row)
            pairs = [(i, j) for i, case in enumerate(cases_a) for j in rows_of_b.get(case, [])]
        else:
            pairs = [(i, j) for i in range(len(fids_a)) for j in range(len(fids_b))]
        left = np.array([i for i, _ in pairs], dtype=np.int64)
        right = np.array([j for _, j in pairs], dtype=np.int64)
        result = distribution.compare_ellipses(
            table_a.iloc[left].reset_index(drop=True), table_b.iloc[right].reset_index(drop=True),
            progress=lambda share: feedback.setProgress(90.0 * share), is_canceled=feedback.isCanceled)
        if result is None:
            return {}
        result.insert(0, "b_fid", [fids_b[j] for j in right])
        result.insert(0, "a_fid", [fids_a[i] for i in left])
        result["calc_crs"] = crs_label(calc_crs)

        fields = QgsFields()
        if index_a >= 0:
            result[name_a] = [cases_a[i] for i in left]
        # The declared fields; "<case>" stands for A's case field, kept with its own type (none without one).
        for name, kind in schema.COMPARE_ELLIPSES.kinds([name_a] if index_a >= 0 else []):
            fields.append(source_a.fields().at(index_a) if kind == schema.INPUT_KIND else make_field(name, kind))
        sink, dest_id = self.sink_or_raise(parameters, self.OUTPUT, context, fields, WKB_NO_GEOMETRY)
        if len(result) and not write_blocks(sink, fields, attribute_columns(result, fields.names()), len(result),
                                            None, feedback, 10.0, 90.0, self.parameterDefinition(self.OUTPUT)
                                            .description()):
            return {}
        if index_a >= 0 and len(pairs) < len(fids_a):
            feedback.pushWarning(self.tr("{} ellipses of A have no ellipse of B with the same case.").format(
                len(set(range(len(fids_a))) - set(left.tolist()))))
        return {self.OUTPUT: dest_id}
