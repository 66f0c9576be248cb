"""Plugins > ClusterBelt > Load sample data: the bundled sample as styled layers in the open project.

Runs clusterbelt:loadsampledata (the same layers a model or qgis_process gets), adds its outputs in one
group above the project's layers, zooms to the clusters and says in the message bar what they are.
"""
import os

from qgis.core import (
    QgsApplication,
    QgsCoordinateTransform,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QColor

from .algorithms.load_sample_data import LoadSampleDataAlgorithm as Tool
from .algorithms.load_sample_data import output_style
from .compat import MESSAGE_CRITICAL, MESSAGE_INFO

# Top to bottom in the layer tree.
LAYER_ORDER = (Tool.OUTPUT_CLUSTERS, Tool.OUTPUT_GAZETTEER, Tool.OUTPUT_BELTS, Tool.OUTPUT_RELATIONS)
MESSAGE_SECONDS = 20


def provinces_background():
    """China's provinces from the Natural Earth map shipped with QGIS (public domain), or None without it."""
    path = os.path.join(QgsApplication.pkgDataPath(), "resources", "data", "world_map.gpkg")
    if not os.path.isfile(path):
        return None
    name = QCoreApplication.translate("SampleDataMenu", "Provinces (Natural Earth)")
    layer = QgsVectorLayer(f"{path}|layername=states_provinces", name, "ogr")
    if not layer.isValid():
        return None
    layer.setSubsetString("adm0_a3 IN ('CHN', 'TWN', 'HKG', 'MAC')")
    layer.renderer().symbol().setColor(QColor("#f4f1e8"))
    return layer


def sample_note(layers):
    """The one line the message bar shows: what the layers are and where they come from."""
    clusters = layers[Tool.OUTPUT_CLUSTERS]
    ids = clusters.fields().lookupField("cluster_id")
    return QCoreApplication.translate(
        "SampleDataMenu",
        "{} national industrial clusters in {} city points (a partial sample), {} online belts and {} industry "
        "relations from Zhao et al. 2022, {} cities from Vonng/adcode (CC BY 4.0)."
    ).format(
        len(clusters.uniqueValues(ids)), clusters.featureCount(), layers[Tool.OUTPUT_BELTS].featureCount(),
        layers[Tool.OUTPUT_RELATIONS].featureCount(), layers[Tool.OUTPUT_GAZETTEER].featureCount(),
    )


def load_sample_data(iface, project=None):
    """Load the sample into ``project`` (default: the current one); returns {output name: layer} or None."""
    import processing

    project = project or QgsProject.instance()
    context = QgsProcessingContext()
    context.setProject(project)
    try:
        results = processing.run(
            f"clusterbelt:{Tool.ALGORITHM_ID}", {name: "TEMPORARY_OUTPUT" for name in LAYER_ORDER},
            context=context, feedback=QgsProcessingFeedback(),
        )
    except QgsProcessingException as error:
        title = QCoreApplication.translate("SampleDataMenu", "ClusterBelt")
        iface.messageBar().pushMessage(title, str(error), MESSAGE_CRITICAL, MESSAGE_SECONDS)
        return None
    layers = {name: _as_layer(results[name], context) for name in LAYER_ORDER}
    title = QCoreApplication.translate("SampleDataMenu", "ClusterBelt sample data")
    group = project.layerTreeRoot().insertGroup(0, title)
    background = provinces_background()
    for name in LAYER_ORDER:
        style = output_style(name)
        if style is not None:
            style.postProcessLayer(layers[name], context, None)
    for layer in [layers[name] for name in LAYER_ORDER] + ([background] if background else []):
        project.addMapLayer(layer, False)
        group.addLayer(layer)
    _zoom_to(iface.mapCanvas(), layers[Tool.OUTPUT_CLUSTERS], project)
    iface.messageBar().pushMessage(title, sample_note(layers), MESSAGE_INFO, MESSAGE_SECONDS)
    return layers


def _as_layer(value, context):
    from qgis.core import QgsMapLayer, QgsProcessingUtils

    return value if isinstance(value, QgsMapLayer) else QgsProcessingUtils.mapLayerFromString(value, context)


def _zoom_to(canvas, layer, project):
    extent = layer.extent()
    if canvas.mapSettings().destinationCrs().isValid():
        to_canvas = QgsCoordinateTransform(layer.crs(), canvas.mapSettings().destinationCrs(), project)
        extent = to_canvas.transformBoundingBox(extent)
    extent.scale(1.1)
    canvas.setExtent(extent)
    canvas.refresh()
