"""The main job on the bundled data: where the national industrial clusters lie.

Runs the ClusterBelt Processing tools exactly as a user would chain them
(split multi-city clusters -> locate cities -> one ellipse per cluster type,
weights = city_share) and writes a GeoPackage, an HTML summary and a PNG map
rendered headless by QGIS into the output folder.
"""
import argparse
import contextlib
import datetime
import html
import math
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from build_styles import CLUSTER_TYPE_COLOURS  # noqa: E402
from qgis_session import PLUGIN_ROOT, start_qgis  # noqa: E402

# cluster_type -> (label, colour), as in the sample clusters' style.
CLUSTER_TYPES = {code: (label, colour) for code, (colour, label) in CLUSTER_TYPE_COLOURS.items()}
#: Resolution of the map picture (clusters_map.png).
MAP_DPI = 150
MAP_CRS = "+proj=aea +lat_0=0 +lon_0=105 +lat_1=25 +lat_2=47 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"


# When each cluster was designated: the innovative cluster pilots in batches of 2013 and 2015 (as each pilot's notes
# in the sample say; a pilot whose batch is unknown stays NULL and is skipped), the strategic emerging industry
# clusters in 2019 and the advanced manufacturing clusters in 2021.
DESIGNATION_YEAR = (
    "CASE WHEN \"cluster_type\" = 'seic' THEN 2019 WHEN \"cluster_type\" = 'amc' THEN 2021 "
    "WHEN \"cluster_type\" = 'icp' AND \"notes\" LIKE '%(2013)%' THEN 2013 "
    "WHEN \"cluster_type\" = 'icp' AND \"notes\" LIKE '%2015%' THEN 2015 END"
)


def gpkg_output(path, table):
    """A Processing output that writes one layer (with geometry) of a GeoPackage."""
    return f'ogr:dbname=\'{path}\' table="{table}" (geom)'


def save_table(table_layer, path, table):
    """Copy an attribute table (a tool's memory output) into the GeoPackage; returns it read back.

    Not through an ``ogr:`` Processing output: closing such an output that has no geometry makes
    GDAL print "ERROR 1: No geometry column" (QGIS asks it for a spatial index), which is no error.
    QgsVectorFileWriter writes the same table without asking.
    """
    from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter, QgsVectorLayer

    from clusterbelt.ui.compat import WRITER_CREATE_OR_OVERWRITE_LAYER, WRITER_NO_ERROR

    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = table
    options.actionOnExistingFile = WRITER_CREATE_OR_OVERWRITE_LAYER
    error, message, *_ = QgsVectorFileWriter.writeAsVectorFormatV3(
        table_layer, str(path), QgsCoordinateTransformContext(), options
    )
    if error != WRITER_NO_ERROR:
        raise RuntimeError(f"cannot write table {table} to {path}: {message}")
    return QgsVectorLayer(f"{path}|layername={table}", table, "ogr")


def run_workflow(output_dir, feedback):
    import processing
    from qgis.core import QgsVectorLayer

    data_dir = PLUGIN_ROOT / "resources" / "data"
    clusters_csv = data_dir / "clusters_sample.csv"
    clusters = QgsVectorLayer(str(clusters_csv), "clusters_sample", "ogr")
    if not clusters.isValid():
        raise RuntimeError(f"cannot read {clusters_csv}")
    gpkg = output_dir / "clusterbelt_demo.gpkg"
    if gpkg.exists():
        gpkg.unlink()

    split = processing.run(
        "clusterbelt:splitmulticity",
        {"INPUT": clusters, "CITY_FIELD": "cities", "OUTPUT": "memory:cluster_city_parts"},
        feedback=feedback,
    )["OUTPUT"]
    moved = add_place_field(split)
    # Clusters named after a district or county-level city (上海市集成电路（浦东新区）, 温州乐清电气) are placed at
    # that place's seat, read within their city (CONTEXT_CITY_FIELD), not at the city's seat.
    located_id = processing.run(
        "clusterbelt:locatecities",
        {"INPUT": split, "CITY_FIELD": "place", "CONTEXT_CITY_FIELD": "city_part",
         "OUTPUT": gpkg_output(gpkg, "cluster_cities")},
        feedback=feedback,
    )["OUTPUT"]
    located = QgsVectorLayer(located_id, "cluster_cities", "ogr")
    ellipse_results = processing.run(
        "clusterbelt:standarddeviationalellipse",
        {
            "INPUT": located,
            "WEIGHT_FIELD": "city_share",
            "CASE_FIELD": "cluster_type",
            "METHOD": 0,
            "SIZE": 1,
            "OUTPUT": gpkg_output(gpkg, "ellipses"),
            "OUTPUT_CENTERS": gpkg_output(gpkg, "ellipse_centres"),
        },
        feedback=feedback,
    )
    ellipses = QgsVectorLayer(ellipse_results["OUTPUT"], "ellipses", "ogr")
    centres = QgsVectorLayer(ellipse_results["OUTPUT_CENTERS"], "ellipse_centres", "ogr")
    # The time view: the national clusters as designated, each period holding every cluster designated up to it.
    designated = processing.run(
        "native:fieldcalculator",
        {"INPUT": located, "FIELD_NAME": "designated", "FIELD_TYPE": 1, "FORMULA": DESIGNATION_YEAR,
         "OUTPUT": "memory:designated"},
        feedback=feedback,
    )["OUTPUT"]
    over_time = processing.run(
        "clusterbelt:distributionovertime",
        {"INPUT": designated, "WEIGHT_FIELD": "city_share", "TIME_FIELD": "designated", "CUMULATIVE": True,
         "OUTPUT": gpkg_output(gpkg, "ellipses_over_time"), "OUTPUT_TRAJECTORY": gpkg_output(gpkg, "centre_trajectory"),
         "OUTPUT_SHIFTS": "memory:shifts"},
        feedback=feedback,
    )
    trajectory = QgsVectorLayer(over_time["OUTPUT_TRAJECTORY"], "centre_trajectory", "ogr")

    belts_csv = data_dir / "belts_sample.csv"
    belts = QgsVectorLayer(str(belts_csv), "belts_sample", "ogr")
    if not belts.isValid():
        raise RuntimeError(f"cannot read {belts_csv}")
    match_results = processing.run(
        "clusterbelt:matchclustersbelts",
        {
            "CLUSTERS": split, "CLUSTER_CITY_FIELD": "city_part", "CLUSTER_TYPE_FIELD": "cluster_type",
            "CLUSTER_INDUSTRY_FIELD": "industry", "BELTS": belts, "BELT_CITY_FIELD": "city",
            "BELT_INDUSTRY_FIELD": "industry", "BELT_YEAR_FIELD": "year", "YEARS": "2021",
            "OUTPUT": "memory:matches", "OUTPUT_PAIRS": "memory:match_pairs",
            "OUTPUT_SUMMARY": "memory:table1_summary",
            "OUTPUT_HTML": str(output_dir / "match_report.html"),
        },
        feedback=feedback,
    )
    colocation_results = processing.run(
        "clusterbelt:citycolocation",
        {
            "CLUSTERS": split, "CLUSTER_CITY_FIELD": "city_part", "CLUSTER_TYPE_FIELD": "cluster_type",
            "CLUSTER_WEIGHT_FIELD": "city_share", "BELTS": belts, "BELT_CITY_FIELD": "city",
            "BELT_YEAR_FIELD": "year", "YEAR": 2021, "OUTPUT": "memory:city_colocation",
            "OUTPUT_HTML": str(output_dir / "colocation_report.html"),
        },
        feedback=feedback,
    )
    cross_type_results = processing.run(
        "clusterbelt:crosstyperelations",
        {
            "CLUSTERS": split, "CLUSTER_CITY_FIELD": "city_part", "CLUSTER_TYPE_FIELD": "cluster_type",
            "CLUSTER_INDUSTRY_FIELD": "industry", "OUTPUT": "memory:cross_type_pairs",
        },
        feedback=feedback,
    )
    # The attribute tables (the clusters have no geometry, so the matches neither) join the GeoPackage.
    tables = {
        "matches": match_results["OUTPUT"], "match_pairs": match_results["OUTPUT_PAIRS"],
        "table1_summary": match_results["OUTPUT_SUMMARY"], "city_colocation": colocation_results["OUTPUT"],
        "cross_type_pairs": cross_type_results["OUTPUT"], "shifts": over_time["OUTPUT_SHIFTS"],
    }
    saved = {table: save_table(layer, gpkg, table) for table, layer in tables.items()}
    summary = saved["table1_summary"]
    return {"clusters": clusters, "split": split, "located": located, "ellipses": ellipses,
            "centres": centres, "gpkg": gpkg, "belts": belts, "summary": summary,
            "colocation": colocation_results, "moved": moved, "trajectory": trajectory, "shifts": saved["shifts"]}


def add_place_field(split):
    """Give each city part a field ``place``: the district or county-level city its cluster's name
    carries (浦东新区), else the city part itself. Returns the (name, place) pairs found."""
    from clusterbelt.core import cities
    from clusterbelt.ui.compat import make_field

    gazetteer = cities.Gazetteer.bundled()
    provider = split.dataProvider()
    provider.addAttributes([make_field("place", "string")])
    split.updateFields()
    index = split.fields().indexOf("place")
    changes, moved = {}, []
    for feature in split.getFeatures():
        place = gazetteer.place_in_label(feature["name"], feature["city_part"])
        changes[feature.id()] = {index: place or feature["city_part"]}
        if place:
            moved.append((feature["name"], place))
    provider.changeAttributeValues(changes)
    return moved


def _rgba(hex_color, alpha):
    red, green, blue = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return f"{red},{green},{blue},{alpha}"


def _categorized(layer, field, symbol_for):
    from qgis.core import QgsCategorizedSymbolRenderer, QgsRendererCategory

    categories = [
        QgsRendererCategory(code, symbol_for(color), label) for code, (label, color) in CLUSTER_TYPES.items()
    ]
    layer.setRenderer(QgsCategorizedSymbolRenderer(field, categories))


def render_map(layers, png_path):
    """A map of China: provinces, city points by cluster type, the ellipses; as PNG via a print layout."""
    from qgis.core import (
        QgsApplication,
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsFillSymbol,
        QgsLayoutExporter,
        QgsLayoutItemLabel,
        QgsLayoutItemLegend,
        QgsLayoutItemMap,
        QgsLayoutItemScaleBar,
        QgsLayoutPoint,
        QgsLayoutSize,
        QgsMarkerSymbol,
        QgsPrintLayout,
        QgsProject,
        QgsRectangle,
        QgsVectorLayer,
    )
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QFont

    from clusterbelt.ui.compat import (
        DISTANCE_KILOMETERS,
        FONT_WEIGHT_BOLD,
        LAYOUT_MILLIMETERS,
        set_label_font,
    )

    project = QgsProject.instance()
    project.clear()
    world = pathlib.Path(QgsApplication.pkgDataPath()) / "resources" / "data" / "world_map.gpkg"
    countries = QgsVectorLayer(f"{world}|layername=countries", "Countries", "ogr")
    provinces = QgsVectorLayer(f"{world}|layername=states_provinces", "Provinces (Natural Earth)", "ogr")
    provinces.setSubsetString("adm0_a3 IN ('CHN', 'TWN', 'HKG', 'MAC')")
    countries.setRenderer(countries.renderer().clone())
    countries.renderer().setSymbol(
        QgsFillSymbol.createSimple({"color": "#f2f2f2", "outline_color": "#bdbdbd", "outline_width": "0.2"})
    )
    provinces.renderer().setSymbol(
        QgsFillSymbol.createSimple({"color": "#fbf8ef", "outline_color": "#9e9e9e", "outline_width": "0.15"})
    )
    ellipses = layers["ellipses"]
    located = layers["located"]
    _categorized(
        ellipses,
        "cluster_type",
        lambda color: QgsFillSymbol.createSimple(
            {"color": _rgba(color, 40), "outline_color": color, "outline_width": "0.7"}
        ),
    )
    _categorized(
        located,
        "cluster_type",
        lambda color: QgsMarkerSymbol.createSimple(
            {"name": "circle", "color": color, "outline_color": "#ffffff", "outline_width": "0.2", "size": "2.2"}
        ),
    )
    located.setName("Cluster cities")
    ellipses.setName("Ellipses (1 SD, ArcGIS)")
    trajectory = layers["trajectory"]
    trajectory.loadNamedStyle(str(PLUGIN_ROOT / "resources" / "styles" / "trajectory.qml"))
    trajectory.setName("Centre as designated, 2013-2021")
    for layer in (countries, provinces, ellipses, located, trajectory):
        project.addMapLayer(layer)

    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    page = layout.pageCollection().page(0)
    page.setPageSize(QgsLayoutSize(297, 172, LAYOUT_MILLIMETERS))

    map_item = QgsLayoutItemMap(layout)
    # Items take a size only once they belong to the layout; the extent needs that size.
    layout.addLayoutItem(map_item)
    map_item.attemptMove(QgsLayoutPoint(5, 18, LAYOUT_MILLIMETERS))
    map_item.attemptResize(QgsLayoutSize(200, 187, LAYOUT_MILLIMETERS))
    map_crs = QgsCoordinateReferenceSystem.fromProj(MAP_CRS)
    map_item.setCrs(map_crs)
    map_item.setLayers([trajectory, located, ellipses, provinces, countries])
    to_map = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), map_crs, project)
    china = to_map.transformBoundingBox(QgsRectangle(74, 17, 134, 53.5))
    map_item.setExtent(china)
    map_item.zoomToExtent(china)
    map_item.setFrameEnabled(True)

    title = QgsLayoutItemLabel(layout)
    title.setText("Where China's national industrial clusters lie (bundled partial sample)")
    title_font = QFont("Sans", 16)
    title_font.setWeight(FONT_WEIGHT_BOLD)
    set_label_font(title, title_font)
    layout.addLayoutItem(title)
    title.attemptMove(QgsLayoutPoint(5, 4, LAYOUT_MILLIMETERS))
    title.attemptResize(QgsLayoutSize(287, 12, LAYOUT_MILLIMETERS))

    legend = QgsLayoutItemLegend(layout)
    legend.setLinkedMap(map_item)
    legend.setAutoUpdateModel(False)
    legend_root = legend.model().rootGroup()
    for layer in (countries, provinces):
        node = legend_root.findLayer(layer)
        if node is not None:
            legend_root.removeChildNode(node)
    legend.setTitle("Cluster type")
    layout.addLayoutItem(legend)
    legend.attemptMove(QgsLayoutPoint(208, 18, LAYOUT_MILLIMETERS))

    note = QgsLayoutItemLabel(layout)
    note.setText(
        "Ellipses: weighted standard deviational ellipse per cluster type, ArcGIS convention (1 SD x sqrt(2)),\n"
        "computed in a local equal-area projection; a cluster spanning N cities weighs 1/N per city.\n"
        f"{len(layers['moved'])} clusters named after a district or county-level city sit at its seat.\n"
        "Data: public cluster lists (partial: see README), city and county seats from Vonng/adcode (CC BY 4.0),\n"
        "provinces from Natural Earth (public domain). Map: Albers equal-area, lon_0 = 105 E.\n"
        f"Made with ClusterBelt on {datetime.date.today().isoformat()}."
    )
    set_label_font(note, QFont("Sans", 7))
    layout.addLayoutItem(note)
    note.attemptMove(QgsLayoutPoint(208, 112, LAYOUT_MILLIMETERS))
    note.attemptResize(QgsLayoutSize(85, 50, LAYOUT_MILLIMETERS))

    scalebar = QgsLayoutItemScaleBar(layout)
    scalebar.setStyle("Single Box")
    scalebar.setLinkedMap(map_item)
    scalebar.setUnits(DISTANCE_KILOMETERS)
    scalebar.setUnitsPerSegment(500)
    scalebar.setNumberOfSegments(2)
    scalebar.setNumberOfSegmentsLeft(0)
    scalebar.setUnitLabel("km")
    layout.addLayoutItem(scalebar)
    scalebar.attemptMove(QgsLayoutPoint(8, 157, LAYOUT_MILLIMETERS))

    # The page rendered by the exporter and written by Qt. Not exportToImage: it reopens the PNG through
    # GDAL in update mode to georeference it, which GDAL's PNG driver refuses ("ERROR 6: The PNG driver
    # does not support update access"), and the picture needs no georeference.
    image = QgsLayoutExporter(layout).renderPageToImage(0, QSize(), MAP_DPI)
    if image.isNull() or not image.save(str(png_path), "PNG"):
        raise RuntimeError(f"map export failed: cannot write {png_path}")


def _fmt(value, digits=3):
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "NULL"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return html.escape(str(value))


def list_coverage_of(clusters_layer):
    """core.national_lists.list_coverage of the bundled clusters layer (one row per cluster)."""
    import pandas as pd

    from clusterbelt.core.national_lists import list_coverage

    rows = [(f["cluster_type"], f["certainty"]) for f in clusters_layer.getFeatures()]
    return list_coverage(pd.DataFrame(rows, columns=["cluster_type", "certainty"]))


def coverage_lines(clusters_layer):
    """One line per national list: how many of its clusters the sample holds."""
    return [
        f"{CLUSTER_TYPES[row.Index][0]}: {row.in_sample} of {row.list_size} ({row.pct_of_list:.0f} %; "
        f"{row.from_public_sources} from public sources, {row.paper_only} named only in the paper)"
        for row in list_coverage_of(clusters_layer).itertuples()
    ]


def write_summary_html(layers, html_path, png_name):
    ellipses = layers["ellipses"]
    located = layers["located"]
    rows = []
    for feature in ellipses.getFeatures():
        rows.append(
            "<tr>" + "".join(
                f"<td>{cell}</td>"
                for cell in (
                    _fmt(feature["cluster_type"]),
                    _fmt(feature["n"]),
                    _fmt(float(feature["weight_sum"]), 2),
                    _fmt(float(feature["major_sd"]) / 1000, 1),
                    _fmt(float(feature["minor_sd"]) / 1000, 1),
                    _fmt(feature["azimuth"] if feature["azimuth"] is not None else None, 1),
                    _fmt(float(feature["coverage_expected"]), 1),
                    _fmt(float(feature["pct_inside"]), 1),
                    _fmt(float(feature["pct_weight_inside"]), 1),
                    _fmt(feature["status"]),
                )
            ) + "</tr>"
        )
    centre_rows = []
    for feature in layers["centres"].getFeatures():
        point = feature.geometry().asPoint()
        centre_rows.append(
            f"<tr><td>{_fmt(feature['cluster_type'])}</td><td>{point.x():.3f}</td><td>{point.y():.3f}</td></tr>"
        )
    coverage_rows = "".join(
        f"<tr><td>{html.escape(CLUSTER_TYPES[row.Index][0])}</td><td>{row.list_size}</td><td>{row.in_sample}</td>"
        f"<td>{row.pct_of_list:.0f} %</td><td>{row.from_public_sources}</td><td>{row.high}</td>"
        f"<td>{row.medium + row.probable + row.low + row.uncertain}</td><td>{row.paper_only}</td></tr>"
        for row in list_coverage_of(layers["clusters"]).itertuples()
    )
    status_counts = {}
    for feature in located.getFeatures():
        status_counts[feature["locate_status"]] = status_counts.get(feature["locate_status"], 0) + 1
    per_type = {}
    for feature in layers["clusters"].getFeatures():
        per_type[feature["cluster_type"]] = per_type.get(feature["cluster_type"], 0) + 1
    calc_crs = next(ellipses.getFeatures())["calc_crs"]
    table1_rows = "".join(
        "<tr>" + "".join(
            f"<td>{_fmt(feature[name], 1) if name.endswith('pct') else _fmt(feature[name])}</td>"
            for name in ("cluster_type", "clusters", "matched", "similar", "none", "no_belt_in_city",
                         "matched_pct", "similar_pct", "matched_or_similar_pct")
        ) + "</tr>"
        for feature in layers["summary"].getFeatures()
    )
    shift_rows = "".join(
        "<tr>" + "".join(f"<td>{_fmt(value)}</td>" for value in (
            f"{feature['period_from']} -> {feature['period_to']}", feature["shift_distance"] / 1000,
            feature["shift_bearing"], feature["shift_speed"] / 1000, feature["d_major_sd"] / 1000,
            feature["d_minor_sd"] / 1000, feature["d_azimuth"], feature["iou"])) + "</tr>"
        for feature in layers["shifts"].getFeatures()
    )
    c = layers["colocation"]
    colocation_text = (
        f"{int(c['CITIES_WITH_CLUSTERS'])} cities hold clusters, {int(c['CITIES_WITH_BELTS'])} hold named belts of "
        f"2021, {int(c['CITIES_WITH_BOTH'])} hold both ({c['SHARE_OF_CLUSTER_CITIES']:.1f} % of the cluster cities)."
    )
    body = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>ClusterBelt demo: where the clusters lie</title>
<style>body{{font-family:sans-serif;max-width:1100px;margin:2em auto;line-height:1.4}}
table{{border-collapse:collapse}}td,th{{border:1px solid #bbb;padding:3px 8px;text-align:right}}
th{{background:#eee}}td:first-child{{text-align:left}}
.note{{background:#fff6d5;padding:0.6em;border:1px solid #e6d38a}}</style>
</head><body>
<h1>Where China's national industrial clusters lie</h1>
<p class="note">The bundled cluster table is <b>partial</b>: it holds the clusters whose membership could be confirmed
in public sources, each with its source and a certainty mark, and the clusters the paper's own Tables 3 and 4 name.
The full lists of the strategic emerging industry clusters and of the innovative cluster pilots are not published in
one place we could find, and no row is filled from memory. The ellipses below describe this sample, not the paper's
full lists. Rows keep their source and certainty in the GeoPackage.</p>
<table><tr><th>national list</th><th>clusters in the list</th><th>in the sample</th><th>share</th>
<th>from public sources</th><th>of which marked high</th><th>of which medium, probable, low or uncertain</th>
<th>named only in the paper</th></tr>{coverage_rows}</table>
<p><img src="{html.escape(png_name)}" alt="Map of the cluster cities and ellipses" style="max-width:100%"></p>
<h2>Standard deviational ellipses by cluster type</h2>
<p>ArcGIS convention (semi-axes = sqrt(2) x 1 standard deviation), weights = 1/N for a cluster spanning N cities,
computed in <code>{html.escape(str(calc_crs))}</code>. Azimuth: major axis, degrees clockwise from north.
<i>coverage expected</i> is the share a bivariate normal distribution would put inside; <i>inside</i> is the share
of the points (and of their weight) actually inside.</p>
<table><tr><th>type</th><th>n</th><th>weight sum</th><th>major semi-axis (km)</th><th>minor semi-axis (km)</th>
<th>azimuth (deg)</th><th>coverage expected %</th><th>points inside %</th><th>weight inside %</th><th>status</th></tr>
{''.join(rows)}</table>
<h3>Centres (WGS 84)</h3>
<table><tr><th>type</th><th>lon</th><th>lat</th></tr>{''.join(centre_rows)}</table>
<h2>The clusters as designated over time</h2>
<p>Pilot batches 2013 and 2015 (innovative cluster pilots whose batch the sample's notes give), strategic emerging
2019, advanced manufacturing 2021; each period holds every cluster designated up to it
(<code>clusterbelt:distributionovertime</code>, CUMULATIVE, same weights and CRS as above). The map draws the
trajectory of the centre. Distances in km, bearing clockwise from north, speed in km per year, <i>iou</i> the
overlap of consecutive ellipses (intersection over union).</p>
<table><tr><th>periods</th><th>shift (km)</th><th>bearing (deg)</th><th>speed (km/yr)</th><th>major change (km)</th>
<th>minor change (km)</th><th>turn of the axis (deg)</th><th>iou</th></tr>{shift_rows}</table>
<h2>How far the clusters have gone digital: matching with online belts (Table 1)</h2>
<p class="note">The bundled belts are only the {layers['belts'].featureCount()} belts the paper names in its Tables 3
and 4 (real but partial: the paper counts 4,075 belts of 2021 in 158 cities), and the relations are the paper's
published judgements. So clusters in cities without a named belt come out as <i>no_belt_in_city</i>: these figures
check the method on the sample, they do not reproduce the paper's Table 1.</p>
<table><tr><th>type</th><th>clusters</th><th>matched</th><th>similar</th><th>none</th><th>no belt in city</th>
<th>matched %</th><th>similar %</th><th>matched or similar %</th></tr>{table1_rows}</table>
<p>Every cluster and its matched belts: <a href="match_report.html">match_report.html</a>.</p>
<h2>Co-location of clusters and belts by city</h2>
<p>{colocation_text} Details: <a href="colocation_report.html">colocation_report.html</a>.</p>
<h2>Locating the cities</h2>
<p>{sum(per_type.values())} clusters, split into {located.featureCount()} city records; locate status:
{', '.join(f'{html.escape(str(k))} {v}' for k, v in sorted(status_counts.items()))}.
{len(layers['moved'])} city records are placed at the district or county-level city their cluster is named after,
not at their city's seat: {html.escape('; '.join(f'{name} -> {place}' for name, place in layers['moved']))}.</p>
<p>Files: <code>clusterbelt_demo.gpkg</code> (layers cluster_cities, ellipses, ellipse_centres, matches,
match_pairs, table1_summary, city_colocation, cross_type_pairs, ellipses_over_time, centre_trajectory,
shifts), <code>match_report.html</code>,
<code>colocation_report.html</code>, <code>clusters_map.png</code>.</p>
</body></html>"""
    html_path.write_text(body, encoding="utf-8")


@contextlib.contextmanager
def gdal_message_dropped(text):
    """Within the block, drop GDAL messages containing ``text``; print every other one as GDAL's own
    default handler (the one in force in this headless script) does: ``ERROR n: ...``/``Warning n: ...``.
    """
    from osgeo import gdal

    def handler(error_class, number, message):
        if text in message:
            return
        if error_class == gdal.CE_Debug:
            if str(gdal.GetConfigOption("CPL_DEBUG", "")).upper() in ("ON", "YES", "TRUE", "1"):
                print(message, file=sys.stderr)
        else:
            print(f"{'Warning' if error_class == gdal.CE_Warning else 'ERROR'} {number}: {message}", file=sys.stderr)

    gdal.PushErrorHandler(handler)
    try:
        yield
    finally:
        gdal.PopErrorHandler()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default="demo_output", help="folder for the results")
    args = parser.parse_args()
    output_dir = pathlib.Path(args.output).resolve()
    output_dir.mkdir(parents=True, exist_ok=True)

    application, _provider = start_qgis()
    from qgis.core import QgsProcessingFeedback

    feedback = QgsProcessingFeedback()
    layers = run_workflow(output_dir, feedback)
    png_path = output_dir / "clusters_map.png"
    render_map(layers, png_path)
    html_path = output_dir / "clusters_summary.html"
    write_summary_html(layers, html_path, png_path.name)
    coverage = coverage_lines(layers["clusters"])
    # Release every layer before QGIS shuts down: a layer outliving exitQgis crashes the process,
    # and an open GeoPackage keeps its -wal/-shm side files.
    from qgis.core import QgsProject

    # Releasing QGIS's world_map.gpkg after the map was drawn makes GDAL >= 3.10 (QGIS 3.40, 3.44) print
    # "ERROR 1: sqlite3_get_table(... gpkg_metadata ...) failed: unable to open database file" while it
    # closes the file: nothing is lost (the file is only read), so that one message is dropped here.
    with gdal_message_dropped("FROM gpkg_metadata md"):
        QgsProject.instance().clear()
        layers.clear()
    print("The bundled sample covers the national lists as follows (see clusters_summary.html):")
    for line in coverage:
        print(f"  {line}")
    print(f"ClusterBelt demo results are in {output_dir}:")
    for path in sorted(output_dir.iterdir()):
        print(f"  {path.name}")
    application.exitQgis()


if __name__ == "__main__":
    main()
