"""Outputs loaded into a project get their styles (the post-processors QGIS runs on load)."""
from layer_helpers import memory_points, memory_table
from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
    QgsSingleSymbolRenderer,
)


def run_and_style(algorithm, parameters, output="OUTPUT"):
    """Run as the toolbox does (outputs to load into the project) and run the post-processor."""
    import processing

    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = QgsProcessingFeedback()
    results = processing.run(f"clusterbelt:{algorithm}", parameters, context=context, feedback=feedback,
                             is_child_algorithm=True)
    layer_id = results[output]
    assert context.willLoadLayerOnCompletion(layer_id)
    details = context.layerToLoadOnCompletionDetails(layer_id)
    assert details.postProcessor() is not None
    layer = context.takeResultLayer(layer_id)  # ours now: the context dies with this function
    details.postProcessor().postProcessLayer(layer, context, feedback)
    return layer


def load_on_completion(_unused):
    """An output definition asking QGIS to load the layer into the project, as the toolbox does."""
    from qgis.core import QgsProcessingOutputLayerDefinition

    return QgsProcessingOutputLayerDefinition("TEMPORARY_OUTPUT", QgsProject.instance())


def test_ellipses_are_outlines_coloured_by_case(clusterbelt_provider):
    points = [(0, 0), (2, 1), (1, 3), (3, 3), (10, 10), (12, 11), (11, 13), (13, 12)]
    layer = memory_points(points, fields=[("grp", "string")], attributes=[["a"]] * 4 + [["b"]] * 4)
    styled = run_and_style("standarddeviationalellipse", {
        "INPUT": layer, "CASE_FIELD": "grp", "OUTPUT": load_on_completion(None)})
    renderer = styled.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer) and renderer.classAttribute() == "grp"
    colours = {c.symbol().symbolLayer(0).strokeColor().name() for c in renderer.categories()}
    assert len(colours) == 2
    assert all(c.symbol().symbolLayer(0).brushStyle() == 0 for c in renderer.categories())  # no fill


def test_located_cities_are_coloured_by_status(clusterbelt_provider):
    table = memory_table([("city", "string")], [("深圳",), ("Atlantis",)])
    styled = run_and_style("locatecities", {"INPUT": table, "CITY_FIELD": "city", "OUTPUT": load_on_completion(None)})
    renderer = styled.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer)
    assert renderer.classAttribute() == "locate_status"
    assert {c.value() for c in renderer.categories()} == {"exact", "normalized", "ambiguous", "not_found"}


def test_single_layer_styles_exist_for_centres():
    import pathlib

    from clusterbelt.ui.styles import STYLES_DIR

    for name in ("ellipses", "ellipse_centres", "located_cities", "match_classes"):
        assert (pathlib.Path(STYLES_DIR) / f"{name}.qml").exists(), name
        layer = memory_points([(0, 0)])
        layer.loadNamedStyle(str(pathlib.Path(STYLES_DIR) / f"{name}.qml"))
        expected = QgsSingleSymbolRenderer if name.startswith("ellipse") else QgsCategorizedSymbolRenderer
        assert isinstance(layer.renderer(), expected), name
