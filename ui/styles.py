"""Output styles: applied when an output layer is loaded into a project (QGIS desktop)."""
import os

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsProcessingLayerPostProcessorInterface,
    QgsRendererCategory,
)

from ..core.paths import RESOURCES_DIR

STYLES_DIR = os.path.join(RESOURCES_DIR, "styles")
# Outline colours for ellipse cases (ColorBrewer Dark2, then Set1): distinct on a light base map.
CASE_COLOURS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666",
                "#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#a65628", "#f781bf"]

# Python must keep every post-processor alive until QGIS has run it.
_ALIVE = []


class QmlStyle(QgsProcessingLayerPostProcessorInterface):
    """Load one of the QML files of resources/styles."""

    def __init__(self, name):
        super().__init__()
        self.path = os.path.join(STYLES_DIR, f"{name}.qml")

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        if layer is not None and layer.isValid():
            layer.loadNamedStyle(self.path)
            layer.triggerRepaint()


class EllipsesByCase(QgsProcessingLayerPostProcessorInterface):
    """Ellipse outlines, one colour per case value (the case field is the user's, so no fixed QML)."""

    def __init__(self, case_field):
        super().__init__()
        self.case_field = case_field

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        if layer is None or not layer.isValid():
            return
        layer.loadNamedStyle(os.path.join(STYLES_DIR, "ellipses.qml"))
        if not self.case_field or layer.fields().lookupField(self.case_field) < 0:
            return
        values = sorted(layer.uniqueValues(layer.fields().lookupField(self.case_field)), key=str)
        categories = []
        for position, value in enumerate(values):
            colour = CASE_COLOURS[position % len(CASE_COLOURS)]
            symbol = QgsFillSymbol.createSimple({"style": "no", "outline_color": colour, "outline_width": "0.8"})
            label = "NULL" if value is None or (hasattr(value, "isNull") and value.isNull()) else str(value)
            categories.append(QgsRendererCategory(value, symbol, label))
        layer.setRenderer(QgsCategorizedSymbolRenderer(self.case_field, categories))
        layer.triggerRepaint()


def style_on_load(context, layer_id, post_processor):
    """Attach ``post_processor`` to an output QGIS will load when the algorithm finishes."""
    if layer_id and context.willLoadLayerOnCompletion(layer_id):
        _ALIVE.append(post_processor)
        context.layerToLoadOnCompletionDetails(layer_id).setPostProcessor(post_processor)
