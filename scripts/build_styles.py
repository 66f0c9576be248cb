"""Write the QML styles in resources/styles/ (rerun after changing a style here).

    QT_QPA_PLATFORM=offscreen python3 scripts/build_styles.py

Styles for outputs whose styling field is fixed: located cities by locate_status, clusters by
match_class, ellipse outlines and centres, the trajectory of a centre (arrows), the sample clusters by
cluster_type and the gazetteer's cities. The ellipses are coloured per case in code
(ui/styles.py), because the case field is the user's.
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from qgis_session import PLUGIN_ROOT, import_plugin_package, start_qgis  # noqa: E402

STYLES = PLUGIN_ROOT / "resources" / "styles"
LOCATE_STATUS_COLOURS = {
    "exact": ("#1a9850", "exact"),
    "normalized": ("#91cf60", "normalized"),
    "ambiguous": ("#fc8d59", "ambiguous (no point)"),
    "not_found": ("#d73027", "not found (no point)"),
}
import_plugin_package()
from clusterbelt.ui.styles import CASE_COLOURS  # noqa: E402

# The three national cluster lists. Their colours are those the ellipse tool gives the cases amc, icp, seic
# (sorted), so points and ellipses of one type match on a map; the demo's map uses them too.
_CLUSTER_TYPE_LABELS = {
    "seic": "Strategic emerging (seic)",
    "amc": "Advanced manufacturing (amc)",
    "icp": "Innovative pilots (icp)",
}
_CASE_ORDER = sorted(_CLUSTER_TYPE_LABELS)
CLUSTER_TYPE_COLOURS = {code: (CASE_COLOURS[_CASE_ORDER.index(code)], label)
                        for code, label in _CLUSTER_TYPE_LABELS.items()}
MATCH_CLASS_COLOURS = {
    "matched": ("#1a9850", "matched"),
    "similar": ("#fee08b", "similar"),
    "none": ("#d73027", "none"),
    "no_belt_in_city": ("#999999", "no belt in city"),
}


def categorized(field, colours, symbol_for):
    from qgis.core import QgsCategorizedSymbolRenderer, QgsRendererCategory

    return QgsCategorizedSymbolRenderer(
        field, [QgsRendererCategory(value, symbol_for(colour), label) for value, (colour, label) in colours.items()]
    )


def save(layer, renderer, name):
    layer.setRenderer(renderer)
    path = STYLES / f"{name}.qml"
    message, ok = layer.saveNamedStyle(str(path))
    if not ok:
        raise SystemExit(f"could not write {path}: {message}")
    print(path)


def main():
    application, _provider = start_qgis()
    from qgis.core import QgsFillSymbol, QgsMarkerSymbol, QgsSingleSymbolRenderer, QgsVectorLayer

    STYLES.mkdir(parents=True, exist_ok=True)

    def marker(colour):
        return QgsMarkerSymbol.createSimple(
            {"name": "circle", "color": colour, "outline_color": "#ffffff", "outline_width": "0.3", "size": "3"}
        )

    def points(field=None):
        return QgsVectorLayer("Point?crs=EPSG:4326" + (f"&field={field}:string" if field else ""), "p", "memory")

    save(points("locate_status"), categorized("locate_status", LOCATE_STATUS_COLOURS, marker), "located_cities")
    save(points("match_class"), categorized("match_class", MATCH_CLASS_COLOURS, marker), "match_classes")
    save(points(), QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple(
        {"name": "cross2", "color": "#333333", "outline_color": "#333333", "outline_width": "0.6", "size": "4"})),
        "ellipse_centres")
    save(points("cluster_type"), categorized("cluster_type", CLUSTER_TYPE_COLOURS, marker), "sample_clusters")
    save(points(), QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple(
        {"name": "circle", "color": "#9e9e9e", "outline_style": "no", "size": "1.2"})), "gazetteer_cities")
    polygons = QgsVectorLayer("Polygon?crs=EPSG:4326", "e", "memory")
    save(polygons, QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
        {"style": "no", "outline_color": "#1d5a8a", "outline_width": "0.8"})), "ellipses")
    # The trajectory of a centre over time: an arrow on every segment, pointing to the later period.
    from qgis.core import QgsArrowSymbolLayer, QgsLineSymbol
    from qgis.PyQt.QtGui import QColor

    arrow = QgsArrowSymbolLayer.create({"arrow_width": "0.5", "arrow_start_width": "0.5", "head_length": "2.5",
                                        "head_thickness": "1.6", "is_curved": "0", "is_repeated": "1"})
    arrow.subSymbol().setColor(QColor("#b2182b"))
    lines = QgsVectorLayer("LineString?crs=EPSG:4326", "t", "memory")
    save(lines, QgsSingleSymbolRenderer(QgsLineSymbol([arrow])), "trajectory")
    application.exitQgis()


if __name__ == "__main__":
    main()
