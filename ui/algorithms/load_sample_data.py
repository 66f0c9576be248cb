"""clusterbelt:loadsampledata - the bundled sample data as layers, ready for the other tools."""
import math

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsProcessingParameterFeatureSink,
    QgsProcessingUtils,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ...core.paths import DATA_DIR
from ..compat import FAST_INSERT, SOURCE_VECTOR, SOURCE_VECTOR_POINT, WKB_NO_GEOMETRY, WKB_POINT
from ..styles import QmlStyle, style_on_load
from .base import ClusterBeltAlgorithm

WGS84 = "EPSG:4326"
# Bundled tables read as text, except these columns (empty cells are NULL; no other word is).
NUMERIC_COLUMNS = {"year": "Int64", "lon": "float64", "lat": "float64", "lon_gcj02": "float64",
                   "lat_gcj02": "float64"}


class SampleClustersStyle(QmlStyle):
    """The sample clusters' QML (colours by cluster_type) with legend labels in the user's language."""

    LABELS = {
        "seic": QT_TRANSLATE_NOOP("SampleClustersStyle", "Strategic emerging industry clusters (seic)"),
        "amc": QT_TRANSLATE_NOOP("SampleClustersStyle", "Advanced manufacturing clusters (amc)"),
        "icp": QT_TRANSLATE_NOOP("SampleClustersStyle", "Innovative cluster pilots (icp)"),
    }

    def __init__(self):
        super().__init__("sample_clusters")

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        super().postProcessLayer(layer, context, feedback)
        renderer = layer.renderer() if layer is not None and layer.isValid() else None
        for position, category in enumerate(getattr(renderer, "categories", lambda: [])()):
            if category.value() in self.LABELS:
                renderer.updateCategoryLabel(
                    position, QCoreApplication.translate("SampleClustersStyle", self.LABELS[category.value()])
                )


def output_style(name):
    """The post-processor that styles output ``name`` of the tool, or None for the tables."""
    if name == LoadSampleDataAlgorithm.OUTPUT_CLUSTERS:
        return SampleClustersStyle()
    if name == LoadSampleDataAlgorithm.OUTPUT_GAZETTEER:
        return QmlStyle("gazetteer_cities")
    return None


def read_bundled_table(file_name):
    """A CSV of resources/data as a DataFrame: text columns as text, NUMERIC_COLUMNS typed."""
    import pandas as pd

    frame = pd.read_csv(f"{DATA_DIR}/{file_name}", dtype=str, keep_default_na=False, na_values=[""],
                        encoding="utf-8")
    frame = frame.astype(object).where(frame.notna(), None)
    for column, dtype in NUMERIC_COLUMNS.items():
        if column in frame.columns:
            frame[column] = pd.to_numeric(frame[column]).astype(dtype)
    return frame


class LoadSampleDataAlgorithm(ClusterBeltAlgorithm):
    ALGORITHM_ID = "loadsampledata"
    DISPLAY_NAME = QT_TRANSLATE_NOOP("LoadSampleDataAlgorithm", "Load sample data")
    GROUP_ID = "sampledata"
    GROUP_NAME = QT_TRANSLATE_NOOP("LoadSampleDataAlgorithm", "Sample data")

    OUTPUT_CLUSTERS = "OUTPUT_CLUSTERS"
    OUTPUT_BELTS = "OUTPUT_BELTS"
    OUTPUT_RELATIONS = "OUTPUT_RELATIONS"
    OUTPUT_GAZETTEER = "OUTPUT_GAZETTEER"

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>Writes the data bundled with ClusterBelt as layers, ready for the other tools: the worked "
            "example of Zhao, Dai, Fan and Ma (2022).</p>"
            "<p><b>Sample clusters</b>: one point per cluster and city (multi-city clusters already split, with "
            "<code>city_share</code> = 1/N, and located with the bundled gazetteer). A partial sample of China's "
            "national cluster lists: the clusters confirmed in public sources, each with its source and certainty "
            "mark, and those the paper's Tables 3 and 4 name.</p>"
            "<p><b>Sample online belts</b>: the online industrial belts of 2021 the paper names (real but "
            "partial). <b>Industry relations</b>: the paper's judgements of which cluster and belt industries "
            "match. <b>Gazetteer</b>: 369 Chinese prefecture-level units with their seats (WGS 84), from "
            "Vonng/adcode, CC BY 4.0.</p>"
            "<p>Try next: <i>Standard deviational ellipse</i> on the sample clusters with weight field "
            "<code>city_share</code> and case field <code>cluster_type</code>; <i>Match clusters with online "
            "belts</i> with the sample clusters (city field <code>city_part</code>) and belts.</p>"
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        for name, description, kind in (
            (self.OUTPUT_CLUSTERS, self.tr("Sample clusters (one point per cluster and city)"),
             SOURCE_VECTOR_POINT),
            (self.OUTPUT_BELTS, self.tr("Sample online belts"), SOURCE_VECTOR),
            (self.OUTPUT_RELATIONS, self.tr("Industry relations judged in the paper"), SOURCE_VECTOR),
            (self.OUTPUT_GAZETTEER, self.tr("Gazetteer of Chinese prefecture-level cities"),
             SOURCE_VECTOR_POINT),
        ):
            self.addParameter(QgsProcessingParameterFeatureSink(name, description, kind))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ...core.cities import BUNDLED_GAZETTEER_ATTRIBUTION
        from ..io.tables import frame_fields, write_frame

        steps = QgsProcessingMultiStepFeedback(4, feedback)
        results = {self.OUTPUT_CLUSTERS: self._write_clusters(parameters, context, steps)}
        for step, (name, file_name) in enumerate(
            ((self.OUTPUT_BELTS, "belts_sample.csv"),
             (self.OUTPUT_RELATIONS, "industry_relations.csv"),
             (self.OUTPUT_GAZETTEER, "china_prefecture_gazetteer.csv")),
            start=1,
        ):
            if feedback.isCanceled():
                return {}
            steps.setCurrentStep(step)
            style = output_style(name)
            frame = read_bundled_table(file_name)
            geometries = _points(frame) if style else None
            fields = frame_fields(frame)
            sink, dest_id = self.sink_or_raise(
                parameters, name, context, fields, WKB_POINT if style else WKB_NO_GEOMETRY,
                QgsCoordinateReferenceSystem(WGS84) if style else None,
            )
            if not write_frame(sink, fields, frame, list(frame.columns), geometries, steps, share=100.0,
                               output=self.parameterDefinition(name).description()):
                return {}
            if style:
                style_on_load(context, dest_id, style)
            results[name] = dest_id
            feedback.pushInfo(self.tr("{}: {} rows.").format(file_name, len(frame)))
        feedback.pushInfo(BUNDLED_GAZETTEER_ATTRIBUTION)
        return results

    def _write_clusters(self, parameters, context, steps):
        """The sample clusters through the plugin's own tools: split multi-city rows, then locate the cities."""
        import processing

        clusters = QgsVectorLayer(f"{DATA_DIR}/clusters_sample.csv", "clusters_sample", "ogr")
        if not clusters.isValid():
            raise QgsProcessingException(self.tr("The bundled file {} cannot be read.").format("clusters_sample.csv"))
        split = processing.run(
            "clusterbelt:splitmulticity",
            {"INPUT": clusters, "CITY_FIELD": "cities", "OUTPUT": "TEMPORARY_OUTPUT"},
            context=context, feedback=steps, is_child_algorithm=True,
        )["OUTPUT"]
        located_id = processing.run(
            "clusterbelt:locatecities",
            {"INPUT": split, "CITY_FIELD": "city_part", "OUTPUT": "TEMPORARY_OUTPUT"},
            context=context, feedback=steps, is_child_algorithm=True,
        )["OUTPUT"]
        located = QgsProcessingUtils.mapLayerFromString(located_id, context)
        sink, dest_id = self.sink_or_raise(
            parameters, self.OUTPUT_CLUSTERS, context, located.fields(), WKB_POINT,
            QgsCoordinateReferenceSystem(WGS84),
        )
        count = 0
        for feature in located.getFeatures():
            if steps.isCanceled():
                break
            sink.addFeature(feature, FAST_INSERT)
            count += 1
        style_on_load(context, dest_id, output_style(self.OUTPUT_CLUSTERS))
        steps.pushInfo(
            self.tr("Sample clusters: {} clusters in {} city points.").format(clusters.featureCount(), count)
        )
        return dest_id


def _points(frame):
    """Point geometries from the lon/lat columns; None where a row has no coordinate."""
    return [
        QgsGeometry.fromPointXY(QgsPointXY(lon, lat)) if math.isfinite(lon) and math.isfinite(lat) else None
        for lon, lat in zip(frame["lon"].to_numpy(float), frame["lat"].to_numpy(float))
    ]
