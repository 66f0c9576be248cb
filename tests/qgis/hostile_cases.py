"""The hostile-input cases (issue 11) and the child process that runs them.

The table is generated: a few builders of bad or awkward inputs (point layers for the distribution tools,
cluster and belt tables for the matching tools, parameters and outputs for every tool) crossed with the
tools they apply to. Each case is run with ``processing.run`` and is acceptable when either

* the tool refuses it with a ``QgsProcessingException`` whose message names the problem: no Python
  traceback, no bare KeyError/TypeError/IndexError text, no parameter id the tool does not have; or
* it runs, its outputs can be read, and every input row is accounted for (the tool's own count:
  n + n_skipped per case, one output row per input row...).

Some cases must be refused (``expect="refuse"``: an unwritable output, an out-of-range number), some must
run (``expect="run"``); the others may do either.

Run as a script (``python hostile_cases.py RESULTS START``), this module starts QGIS once and runs the cases
from index START on, appending one JSON line to RESULTS before and after each case, so the parent
(test_hostile_inputs.py) sees which case crashed or hung and restarts a child after it.
"""
import json
import math
import os
import pathlib
import re
import sys
import time
from dataclasses import dataclass, field

ROOT = pathlib.Path(__file__).resolve().parents[2]

POINT_TOOLS = ("standarddeviationalellipse", "standarddistance", "mediancenter", "centralfeature",
               "distributionovertime")
CLUSTER_TOOLS = ("matchclustersbelts", "citycolocation", "crosstyperelations", "proposerelations",
                 "splitmulticity", "locatecities", "paperworkflow")
BELT_TOOLS = ("matchclustersbelts", "citycolocation", "proposerelations", "paperworkflow")
RELATION_TOOLS = ("matchclustersbelts", "crosstyperelations", "proposerelations")
HTML_TOOLS = ("matchclustersbelts", "citycolocation", "paperworkflow")

#: Words a refusal must not show: Python's own error texts.
PYTHON_ERROR_TEXT = re.compile(r"Traceback|\b(KeyError|TypeError|IndexError|AttributeError|NameError|"
                               r"ZeroDivisionError|UnboundLocalError|RecursionError|OverflowError)\b|"
                               r"^'[^']*'$|Columns must be same length|object has no attribute")


@dataclass
class Case:
    """One hostile input: ``tool`` run with what ``build(tool)`` returns (parameters, input row count)."""

    name: str
    tool: str
    build: object  # (tool, workdir) -> (parameters, rows_in or None)
    expect: str = "either"  # "refuse", "run" or "either"
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def id(self):
        return f"{self.tool}-{self.name}"


# --- layer builders (run in the child only: they import qgis) -------------------------------------------

def _layer(geometry, crs, fields, rows, name):
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    spec = "&".join(f"field={field_name}:{kind}" for field_name, kind in fields)
    uri = f"{geometry}?crs={crs}&{spec}" if crs else f"{geometry}?{spec}"
    layer = QgsVectorLayer(uri, name, "memory")
    features = []
    for row in rows:
        feature = QgsFeature(layer.fields())
        wkt, values = row
        if wkt is not None:
            feature.setGeometry(QgsGeometry.fromWkt(wkt))
        feature.setAttributes(list(values))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def _grid(count=12, case_values=("a", "b")):
    """(x, y, weight, case, year) of a small valid point set in metres."""
    rows = []
    for i in range(count):
        rows.append((1000.0 * (i % 4) + 37 * i, 800.0 * (i // 4) + 13 * (i % 3), 1.0 + i % 3,
                     case_values[i % len(case_values)], 2018 + i % 3))
    return rows


#: variant: (geometry type, CRS, WKT of each point from x, y; x2, y2 = x, y + 10; lon, lat in degrees).
GEOMETRY_VARIANTS = {
    "multipoint": ("MultiPoint", "EPSG:3857", "MultiPoint(({x} {y}),({x2} {y2}))"),
    "multipoint_empty_part": ("MultiPoint", "EPSG:3857", "MultiPoint(({x} {y}))"),
    "point_zm": ("PointZM", "EPSG:3857", "PointZM({x} {y} 7 9)"),
    "point_z_nan": ("PointZ", "EPSG:3857", "PointZ({x} {y} nan)"),
    "polygons": ("Polygon", "EPSG:3857", "Polygon(({x} {y},{x2} {y},{x2} {y2},{x} {y}))"),
    "invalid_polygon": ("Polygon", "EPSG:3857", "Polygon(({x} {y},{x2} {y2},{x2} {y},{x} {y2},{x} {y}))"),
    "lines": ("LineString", "EPSG:3857", "LineString({x} {y},{x2} {y2})"),
    "geographic": ("Point", "EPSG:4326", "Point({lon} {lat})"),
    "geographic_out_of_range": ("Point", "EPSG:4326", "Point({x} {y})"),  # x up to 3 km: far beyond 180 degrees
}


def points(variant="valid", geometry="Point", crs="EPSG:3857"):
    """A point layer with fields weight (double), kind (string), year (int), altered by ``variant``."""
    fields = [("weight", "double"), ("kind", "string"), ("year", "integer")]
    rows = [(f"Point({x} {y})", [w, c, yr]) for x, y, w, c, yr in _grid()]
    if variant == "empty":
        rows = []
    elif variant == "one_point":
        rows = rows[:1]
    elif variant == "two_points":
        rows = rows[:2]
    elif variant == "same_point":
        rows = [("Point(5 5)", values) for _, values in rows]
    elif variant == "all_null_weights":
        rows = [(wkt, [None, c, y]) for wkt, (_, c, y) in rows]
    elif variant == "zero_weights":
        rows = [(wkt, [0.0, c, y]) for wkt, (_, c, y) in rows]
    elif variant == "negative_weight":
        rows[3] = (rows[3][0], [-5.0] + rows[3][1][1:])
    elif variant == "nan_weight":
        rows[2] = (rows[2][0], [float("nan")] + rows[2][1][1:])
    elif variant == "inf_weight":
        rows[2] = (rows[2][0], [float("inf")] + rows[2][1][1:])
    elif variant == "huge_weights":
        rows = [(wkt, [1e308, c, y]) for wkt, (_, c, y) in rows]
    elif variant == "huge_coordinates":
        rows[0] = ("Point(1e308 1e308)", rows[0][1])
    elif variant == "null_geometry":
        rows[1] = (None, rows[1][1])
        rows[5] = (None, rows[5][1])
    elif variant == "all_null_geometry":
        rows = [(None, values) for _, values in rows]
    elif variant == "empty_geometry":
        rows[1] = ("Point EMPTY", rows[1][1])
    elif variant == "null_case":
        rows[0] = (rows[0][0], [rows[0][1][0], None, rows[0][1][2]])
    elif variant == "null_year":
        rows[0] = (rows[0][0], [rows[0][1][0], rows[0][1][1], None])
    elif variant == "weird_case_values":
        odd = ["😀🏭", "a\x00b", "tab\tnew\nline", "Ａ１集群", "x" * 5000, "臺灣", "'; DROP TABLE x; --", " "]
        rows = [(wkt, [w, odd[i % len(odd)], y]) for i, (wkt, (w, _, y)) in enumerate(rows)]
    elif variant == "case_differs":
        rows = [(wkt, [w, c.upper() if i % 2 else c, y]) for i, (wkt, (w, c, y)) in enumerate(rows)]
    elif variant == "many_cases":
        rows = [(wkt, [w, f"c{i}", y]) for i, (wkt, (w, _, y)) in enumerate(rows)]
    elif variant in GEOMETRY_VARIANTS:
        geometry, crs, template = GEOMETRY_VARIANTS[variant]
        rows = [(template.format(x=x, y=y, x2=x + 10, y2=y + 10, lon=100 + x / 1e4, lat=30 + y / 1e4), v)
                for (x, y, *_), (_, v) in zip(_grid(), rows)]
        if variant == "multipoint_empty_part":
            rows[0] = ("MultiPoint EMPTY", rows[0][1])
    elif variant == "no_crs":
        crs = ""
    elif variant == "date_case":
        fields = [("weight", "double"), ("kind", "date"), ("year", "integer")]
        rows = [(wkt, [w, f"2021-0{1 + i % 2}-01", y]) for i, (wkt, (w, _, y)) in enumerate(rows)]
    elif variant == "bool_case":
        fields = [("weight", "double"), ("kind", "boolean"), ("year", "integer")]
        rows = [(wkt, [w, i % 2 == 0, y]) for i, (wkt, (w, _, y)) in enumerate(rows)]
    elif variant == "double_case":
        fields = [("weight", "double"), ("kind", "double"), ("year", "integer")]
        rows = [(wkt, [w, 0.1 * (i % 2), y]) for i, (wkt, (w, _, y)) in enumerate(rows)]
    elif variant == "text_weights":
        fields = [("weight", "string"), ("kind", "string"), ("year", "integer")]
        rows = [(wkt, [str(w), c, y]) for wkt, (w, c, y) in rows]
    elif variant == "text_year":
        fields = [("weight", "double"), ("kind", "string"), ("year", "string")]
        rows = [(wkt, [w, c, ["2018", "二〇一九", "", "2020年"][i % 4]]) for i, (wkt, (w, c, _)) in enumerate(rows)]
    elif variant == "date_year":
        fields = [("weight", "double"), ("kind", "string"), ("year", "date")]
        rows = [(wkt, [w, c, f"20{18 + i % 3}-06-01"]) for i, (wkt, (w, c, _)) in enumerate(rows)]
    elif variant == "status_field":
        fields = [("weight", "double"), ("status", "string"), ("year", "integer")]
    elif variant == "n_field":
        fields = [("weight", "double"), ("n", "string"), ("year", "integer")]
    elif variant == "upper_names":
        fields = [("Weight", "double"), ("KIND", "string"), ("Year", "integer")]
    return _layer(geometry, crs, fields, rows, f"points {variant}")


CLUSTER_ROWS = [  # (cluster_type, city, industry)
    ("amc", "深圳市", "新一代信息通信"),
    ("amc", "无锡市", "物联网"),
    ("icp", "苏州市", "纳米新材料"),
    ("seic", "深圳市", "智能终端"),
    ("icp", "杭州市", "数字安防"),
    ("amc", "宁波市", "磁性材料"),
]
BELT_ROWS = [  # (city, industry, year)
    ("深圳", "显示器件", 2021), ("深圳", "智能设备", 2021), ("无锡", "物联网", 2021), ("苏州", "纳米材料", 2018),
    ("杭州", "安防", 2021), ("宁波", "磁性材料", 2020),
]


def clusters(variant="valid", city_field="city"):
    """A cluster table (cluster_type, <city_field>, industry, weight), altered by ``variant``."""
    fields = [("cluster_type", "string"), (city_field, "string"), ("industry", "string"), ("weight", "double")]
    rows = [(None, [t, c, i, 1.0]) for t, c, i in CLUSTER_ROWS]
    pick = {
        "empty": lambda: [],
        "all_null": lambda: [(None, [None, None, None, None]) for _ in CLUSTER_ROWS],
        "one_empty_city": lambda: rows[:2] + [(None, ["amc", "", "物联网", 1.0])] + rows[3:],
        "null_city": lambda: rows[:2] + [(None, ["amc", None, "物联网", 1.0])] + rows[3:],
        "blank_city": lambda: rows[:2] + [(None, ["amc", "   ", "物联网", 1.0])] + rows[3:],
        "unknown_city": lambda: rows + [(None, ["amc", "亚特兰蒂斯市", "物联网", 1.0])],
        "null_industry": lambda: [(None, [t, c, None, w]) for _, (t, c, _i, w) in rows],
        "null_type": lambda: [(None, [None, c, i, w]) for _, (_t, c, i, w) in rows],
        "emoji": lambda: rows + [(None, ["amc", "深圳市😀", "🏭制造", 1.0])],
        "control_chars": lambda: rows + [(None, ["amc", "深圳市\x00\x07", "物\r\n联网\t", 1.0])],
        "huge_strings": lambda: rows + [(None, ["amc", "深" * 20000, "电子" * 10000, 1.0])],
        "industry_100k": lambda: rows + [(None, ["amc", "深圳市", "电子信息材料装备制造" * 10000, 1.0])],
        "full_width": lambda: [(None, [t.upper(), "深圳市", "ＬＥＤ显示", 1.0]) for t, *_ in CLUSTER_ROWS],
        "traditional": lambda: rows + [(None, ["amc", "蘇州市", "納米新材料", 1.0]), (None, ["icp", "無錫市", "物聯網", 1.0])],
        "fifty_cities": lambda: rows + [(None, ["amc", "、".join(["深圳市", "无锡市", "苏州市", "杭州市", "宁波市"] * 10),
                                               "物联网", 1.0])],
        "duplicates": lambda: rows + rows,
        "types_total": lambda: rows + [(None, ["total", "深圳市", "物联网", 1.0]), (None, ["types", "无锡市", "物联网", 1.0]),
                                      (None, ["untyped", "苏州市", "物联网", 1.0])],
        "types_case": lambda: rows + [(None, ["AMC", "深圳市", "物联网", 1.0])],
        "types_field_names": lambda: rows + [(None, ["city_key", "深圳市", "物联网", 1.0]),
                                            (None, ["clusters", "无锡市", "物联网", 1.0])],
        "weird_types": lambda: rows + [(None, ["😀", "深圳市", "物联网", 1.0]), (None, ["a\tb", "无锡市", "物联网", 1.0])],
        "negative_weight": lambda: rows[:1] + [(None, ["amc", "无锡市", "物联网", -3.0])] + rows[2:],
        "nan_weight": lambda: rows[:1] + [(None, ["amc", "无锡市", "物联网", float("nan")])] + rows[2:],
    }
    if variant in pick:
        rows = pick[variant]()
    elif variant == "int_city":
        fields[1] = (city_field, "integer")
        rows = [(None, [t, 440300 + k, i, w]) for k, (_, (t, _c, i, w)) in enumerate(rows)]
    elif variant == "text_weight":
        fields[3] = ("weight", "string")
        rows = [(None, [t, c, i, ["1", "x", "", "1e999"][k % 4]]) for k, (_, (t, c, i, _w)) in enumerate(rows)]
    elif variant == "status_fields":
        fields = fields + [("match_class", "string"), ("city_key", "string"), ("city_part", "string"),
                           ("locate_status", "string")]
        rows = [(None, values + [f"mine_{name}" for name, _ in fields[-4:]]) for _, values in rows]
    elif variant == "point_layer":
        return _layer("Point", "EPSG:4326", fields, [("Point(114 22)", v) for _, v in rows], "clusters points")
    return _layer("None", "", fields, rows, f"clusters {variant}")


def belts(variant="valid"):
    """A belt table (city, industry, year), altered by ``variant``."""
    fields = [("city", "string"), ("industry", "string"), ("year", "integer")]
    rows = [(None, list(r)) for r in BELT_ROWS]
    if variant == "empty":
        rows = []
    elif variant == "null_years":
        rows = [(None, [c, i, None]) for c, i, _ in BELT_ROWS]
    elif variant == "text_years":
        fields[2] = ("year", "string")
        rows = [(None, [c, i, y]) for (c, i, _), y in zip(BELT_ROWS, ["2021", "2021年", "twenty", "", "2018-2021", " "])]
    elif variant == "double_years":
        fields[2] = ("year", "double")
        rows = [(None, [c, i, y]) for (c, i, _), y in zip(BELT_ROWS, [2021.0, 2021.5, float("nan"), 1e308, -1.0, 0.0])]
    elif variant == "date_years":
        fields[2] = ("year", "date")
        rows = [(None, [c, i, f"{y}-01-01"]) for c, i, y in BELT_ROWS]
    elif variant == "null_city":
        rows[0] = (None, [None, "显示器件", 2021])
    elif variant == "huge_industry":
        rows.append((None, ["深圳", "电子信息" * 5000, 2021]))
    return _layer("None", "", fields, rows, f"belts {variant}")


def relations(variant):
    """A relation table (industry_a, industry_b, relation) that is malformed in the way ``variant`` says."""
    fields = [("industry_a", "string"), ("industry_b", "string"), ("relation", "string")]
    rows = {
        "unknown_word": [["物联网", "物联网", "sameish"]],
        "self": [["物联网", "物联网", "similar"], ["智能终端", "智能终端", "none"]],
        "contradiction": [["物联网", "智能设备", "identical"], ["物联网", "智能设备", "none"],
                          ["智能设备", "物联网", "subordinate"]],
        "cycle": [["物联网", "智能设备", "subordinate"], ["智能设备", "显示器件", "subordinate"],
                  ["显示器件", "物联网", "subordinate"]],
        "empty": [],
        "nulls": [[None, None, None], ["物联网", None, "similar"]],
        "chinese_words": [["物联网", "智能设备", "相近"], ["纳米新材料", "纳米材料", "相同"], ["物联网", "物联网", "无关"]],
    }.get(variant)
    if variant == "missing_columns":
        fields = [("a", "string"), ("b", "string")]
        rows = [["物联网", "智能设备"]]
    elif variant == "numbers":
        fields = [("industry_a", "integer"), ("industry_b", "integer"), ("relation", "integer")]
        rows = [[1, 2, 3]]
    return _layer("None", "", fields, [(None, r) for r in rows], "relations")


def ellipses(variant="valid"):
    """An ellipse-like polygon layer (kind field) for compareellipses."""
    fields = [("kind", "string")]
    rows = [(f"Polygon(({x} {y},{x + 900} {y},{x + 900} {y + 400},{x} {y}))", [c]) for x, y, _w, c, _ in _grid(4)]
    geometry, crs = "Polygon", "EPSG:3857"
    if variant == "empty":
        rows = []
    elif variant == "null_geometry":
        rows[0] = (None, rows[0][1])
    elif variant == "points":
        geometry = "Point"
        rows = [(f"Point({x} {y})", [c]) for x, y, _w, c, _ in _grid(4)]
    elif variant == "duplicate_cases":
        rows = [(wkt, ["a"]) for wkt, _ in rows]
    elif variant == "geographic":
        crs = "EPSG:4326"
        rows = [("Polygon((100 30,101 30,101 31,100 30))", ["a"]), ("Polygon((100 30,100.5 30,100 30.5,100 30))", ["b"])]
    elif variant == "invalid":
        rows = [("Polygon((0 0,10 10,10 0,0 10,0 0))", ["a"]), ("Polygon((0 0,10 10,10 0,0 10,0 0))", ["b"])]
    return _layer(geometry, crs, fields, rows, f"ellipses {variant}")


# --- parameters of each tool on valid inputs, then the cases ------------------------------------------

def base_parameters(tool, workdir, clusters_layer=None, belts_layer=None, points_layer=None):
    """Parameters that run ``tool`` on valid input; the case builders replace parts of them."""
    if tool in POINT_TOOLS:
        layer = points_layer if points_layer is not None else points()
        parameters = {"INPUT": layer, "WEIGHT_FIELD": "weight", "CASE_FIELD": "kind", "OUTPUT": "memory:"}
        if tool == "distributionovertime":
            parameters.update(TIME_FIELD="year", OUTPUT_TRAJECTORY="memory:", OUTPUT_SHIFTS="memory:")
        return parameters
    if tool == "compareellipses":
        return {"INPUT_A": ellipses(), "INPUT_B": ellipses(), "FIELD_A": "kind", "FIELD_B": "kind", "OUTPUT": "memory:"}
    clusters_layer = clusters_layer if clusters_layer is not None else clusters()
    belts_layer = belts_layer if belts_layer is not None else belts()
    if tool == "locatecities":
        return {"INPUT": clusters_layer, "CITY_FIELD": "city", "OUTPUT": "memory:"}
    if tool == "splitmulticity":
        return {"INPUT": clusters_layer, "CITY_FIELD": "city", "OUTPUT": "memory:"}
    if tool == "matchclustersbelts":
        return {"CLUSTERS": clusters_layer, "CLUSTER_CITY_FIELD": "city", "CLUSTER_TYPE_FIELD": "cluster_type",
                "CLUSTER_INDUSTRY_FIELD": "industry", "BELTS": belts_layer, "BELT_CITY_FIELD": "city",
                "BELT_INDUSTRY_FIELD": "industry", "BELT_YEAR_FIELD": "year", "OUTPUT": "memory:",
                "OUTPUT_SUMMARY": "memory:"}
    if tool == "citycolocation":
        return {"CLUSTERS": clusters_layer, "CLUSTER_CITY_FIELD": "city", "CLUSTER_TYPE_FIELD": "cluster_type",
                "BELTS": belts_layer, "BELT_CITY_FIELD": "city", "BELT_YEAR_FIELD": "year", "YEAR": 2021,
                "OUTPUT": "memory:"}
    if tool == "crosstyperelations":
        return {"CLUSTERS": clusters_layer, "CLUSTER_CITY_FIELD": "city", "CLUSTER_TYPE_FIELD": "cluster_type",
                "CLUSTER_INDUSTRY_FIELD": "industry", "OUTPUT": "memory:"}
    if tool == "proposerelations":
        return {"CLUSTERS": clusters_layer, "CLUSTER_CITY_FIELD": "city", "CLUSTER_INDUSTRY_FIELD": "industry",
                "BELTS": belts_layer, "BELT_CITY_FIELD": "city", "BELT_INDUSTRY_FIELD": "industry",
                "AUTO_RELATE": 0, "OUTPUT": "memory:"}
    if tool == "paperworkflow":
        outputs = {"match:Matches": "matches.gpkg", "match:Table 1": "table1.gpkg", "ellipses:Ellipses": "ellipses.gpkg",
                   "locate:Cluster cities": "cities.gpkg", "colocation:Cities": "coloc.gpkg"}
        return {"CLUSTERS": clusters_layer, "CLUSTER_CITIES_FIELD": "city", "CLUSTER_TYPE_FIELD": "cluster_type",
                "CLUSTER_INDUSTRY_FIELD": "industry", "BELTS": belts_layer, "BELT_CITY_FIELD": "city",
                "BELT_INDUSTRY_FIELD": "industry", "BELT_YEAR_FIELD": "year", "YEARS": "2021",
                **{key: os.path.join(workdir, name) for key, name in outputs.items()}}
    if tool == "loadsampledata":
        return {key: os.path.join(workdir, f"{key.lower()}.gpkg")
                for key in ("OUTPUT_CLUSTERS", "OUTPUT_BELTS", "OUTPUT_RELATIONS", "OUTPUT_GAZETTEER")}
    raise KeyError(tool)


def _city_key(tool):
    return {"locatecities": "INPUT", "splitmulticity": "INPUT"}.get(tool, "CLUSTERS")


def _city_field_key(tool):
    return {"locatecities": "CITY_FIELD", "splitmulticity": "CITY_FIELD",
            "paperworkflow": "CLUSTER_CITIES_FIELD"}.get(tool, "CLUSTER_CITY_FIELD")


def with_points(variant, **changes):
    def build(tool, workdir):
        layer = points(variant)
        parameters = base_parameters(tool, workdir, points_layer=layer)
        parameters.update(changes)
        if variant == "status_field":
            parameters["CASE_FIELD"] = "status"
        elif variant == "n_field":
            parameters["CASE_FIELD"] = "n"
        elif variant == "upper_names":
            parameters.update(WEIGHT_FIELD="weight", CASE_FIELD="kind")
            if tool == "distributionovertime":
                parameters["TIME_FIELD"] = "year"
        return parameters, layer.featureCount()
    return build


def with_parameters(**changes):
    def build(tool, workdir):
        parameters = base_parameters(tool, workdir)
        for key, value in changes.items():
            if value is _DROP:
                parameters.pop(key, None)
            elif isinstance(value, _lazy):
                parameters[key] = value.build()
            else:
                parameters[key] = value.format(workdir=workdir) if isinstance(value, str) else value
        key = "INPUT" if tool in POINT_TOOLS else _city_key(tool)
        layer = parameters.get(key) if tool not in ("compareellipses", "loadsampledata") else None
        return parameters, layer.featureCount() if layer is not None else None
    return build


_DROP = object()


class _lazy:
    """A layer built in the child when the case runs (the table of cases is built without QGIS)."""

    def __init__(self, builder, *arguments):
        self.builder, self.arguments = builder, arguments

    def build(self):
        return self.builder(*self.arguments)


def with_clusters(variant, city_field="city", **changes):
    def build(tool, workdir):
        layer = clusters(variant, city_field=city_field)
        parameters = base_parameters(tool, workdir, clusters_layer=layer)
        parameters[_city_field_key(tool)] = city_field
        parameters.update({key: value.format(workdir=workdir) if isinstance(value, str) else value
                           for key, value in changes.items()})
        return parameters, layer.featureCount()
    return build


def with_belts(variant, **changes):
    def build(tool, workdir):
        parameters = base_parameters(tool, workdir, belts_layer=belts(variant))
        parameters.update(changes)
        return parameters, parameters[_city_key(tool)].featureCount()
    return build


def with_relations(variant):
    def build(tool, workdir):
        parameters = base_parameters(tool, workdir)
        parameters["RELATIONS"] = relations(variant)
        return parameters, parameters["CLUSTERS"].featureCount()
    return build


def with_ellipses(variant_a, variant_b="valid", **changes):
    def build(tool, workdir):
        parameters = base_parameters(tool, workdir)
        parameters.update(INPUT_A=ellipses(variant_a), INPUT_B=ellipses(variant_b), **changes)
        return parameters, None
    return build


def with_csv(text, encoding, city_field="city"):
    """A cluster table read from a CSV file written in ``encoding`` (GBK, UTF-8 with BOM...)."""
    def build(tool, workdir):
        from qgis.core import QgsVectorLayer

        path = os.path.join(workdir, f"clusters_{encoding}.csv")
        with open(path, "wb") as stream:
            stream.write(text.encode(encoding))
        layer = QgsVectorLayer(path, "clusters csv", "ogr")
        parameters = base_parameters(tool, workdir, clusters_layer=layer)
        parameters[_city_field_key(tool)] = city_field
        return parameters, layer.featureCount()
    return build


def with_subset(kind):
    """The valid cluster table or point layer, with a subset filter or a selection (only selected features)."""
    def build(tool, workdir):
        from qgis.core import QgsProcessingFeatureSourceDefinition, QgsProject

        parameters = base_parameters(tool, workdir)
        key = "INPUT" if tool in POINT_TOOLS or tool in ("locatecities", "splitmulticity") else "CLUSTERS"
        layer = parameters[key]
        if kind == "filter":
            layer.setSubsetString("\"kind\" = 'a'" if tool in POINT_TOOLS else "\"cluster_type\" = 'amc'")
            return parameters, layer.featureCount()
        QgsProject.instance().addMapLayer(layer)
        chosen = 0 if kind == "none" else 3
        layer.selectByIds([feature.id() for feature in layer.getFeatures()][:chosen])
        parameters[key] = QgsProcessingFeatureSourceDefinition(layer.id(), True)
        return parameters, chosen
    return build


UNWRITABLE = {
    "missing_folder": "{workdir}/no/such/folder/out",
    "sys": "/sys/clusterbelt_out",
    "proc": "/proc/clusterbelt_out",
}

#: Values the user's table holds in fields named as output fields: each must reach some output.
USER_VALUES = {"status_fields": ("mine_match_class", "mine_city_key", "mine_city_part", "mine_locate_status")}

CSV_TEXT = "cluster_type,city,industry,weight\namc,深圳市,新一代信息通信,1\nicp,蘇州市,納米新材料,2\n"


def cases():
    """The whole table, in the order the child runs it."""
    table = []

    def add(name, tools, build, expect="either", note=""):
        for tool in tools:
            table.append(Case(name, tool, build, expect, note))

    # Point layers x the five point tools.
    for variant in ("empty", "one_point", "two_points", "same_point", "all_null_weights", "zero_weights",
                    "negative_weight", "nan_weight", "inf_weight", "huge_weights", "huge_coordinates",
                    "null_geometry", "all_null_geometry", "empty_geometry", "null_case", "weird_case_values",
                    "case_differs", "multipoint", "multipoint_empty_part", "point_zm", "point_z_nan", "polygons",
                    "invalid_polygon", "lines", "geographic", "geographic_out_of_range", "no_crs", "date_case",
                    "bool_case", "double_case", "text_weights", "status_field", "n_field", "upper_names"):
        add(variant, POINT_TOOLS, with_points(variant))
    for variant in ("null_year", "text_year", "date_year", "many_cases"):
        add(variant, ("distributionovertime", "standarddeviationalellipse"), with_points(variant))
    add("field_case_differs", POINT_TOOLS, with_parameters(WEIGHT_FIELD="WEIGHT", CASE_FIELD="Kind"))
    add("missing_field", POINT_TOOLS, with_parameters(CASE_FIELD="no_such_field"), expect="refuse")
    add("calc_crs_invalid", POINT_TOOLS[:4], with_parameters(CALC_CRS="EPSG:999999"))
    add("calc_crs_geographic", POINT_TOOLS[:4], with_parameters(CALC_CRS="EPSG:4326"))
    add("calc_crs_other_projected", POINT_TOOLS, with_parameters(CALC_CRS="EPSG:32649"))
    for name, changes in {"size_zero": {"SIZE": 0}, "size_negative": {"SIZE": -1}, "size_huge": {"SIZE": 1e308},
                          "vertices_small": {"VERTICES": 3}, "vertices_huge": {"VERTICES": 1e12},
                          "coverage_100": {"METHOD": 3, "COVERAGE": 100}, "coverage_0": {"METHOD": 3, "COVERAGE": 0},
                          "method_out_of_range": {"METHOD": 9}}.items():
        add(name, ("standarddeviationalellipse", "distributionovertime"), with_parameters(**changes),
            expect="either" if name == "size_huge" else "refuse")
    for name, changes in {"bootstrap_huge": {"BOOTSTRAP": 1e9}, "confidence_100": {"BOOTSTRAP": 10, "CONFIDENCE": 100},
                          "seed_negative": {"BOOTSTRAP": 10, "SEED": -1}}.items():
        add(name, ("standarddeviationalellipse",), with_parameters(**changes), expect="refuse")
    add("size_zero", ("standarddistance",), with_parameters(SIZE=0), expect="refuse")
    add("cumulative", ("distributionovertime",), with_parameters(CUMULATIVE=True))
    add("subset_filter", POINT_TOOLS, with_subset("filter"))
    add("selection", POINT_TOOLS, with_subset("selection"))

    # Compare ellipses.
    for a, b in (("empty", "valid"), ("valid", "empty"), ("null_geometry", "valid"), ("points", "valid"),
                 ("duplicate_cases", "duplicate_cases"), ("geographic", "valid"), ("invalid", "invalid")):
        add(f"{a}_vs_{b}", ("compareellipses",), with_ellipses(a, b))
    add("one_case_field", ("compareellipses",), with_ellipses("valid", FIELD_B=None), expect="refuse")
    add("missing_case_field", ("compareellipses",), with_ellipses("valid", FIELD_A="nope"), expect="refuse")

    # Cluster tables x the matching tools and the model.
    for variant in ("empty", "all_null", "one_empty_city", "null_city", "blank_city", "unknown_city", "null_industry",
                    "null_type", "emoji", "control_chars", "huge_strings", "full_width", "traditional",
                    "fifty_cities", "duplicates", "int_city", "status_fields", "point_layer"):
        add(variant, CLUSTER_TOOLS, with_clusters(variant))
    add("industry_100k_auto_relate", ("matchclustersbelts", "proposerelations", "crosstyperelations"),
        with_clusters("industry_100k", AUTO_RELATE=2))
    add("belts_huge_industry_auto_relate", ("matchclustersbelts", "proposerelations"),
        with_belts("huge_industry", AUTO_RELATE=2))
    for variant in ("types_total", "types_case", "types_field_names", "weird_types"):
        add(variant, ("matchclustersbelts", "citycolocation", "crosstyperelations", "paperworkflow"),
            with_clusters(variant))
    add("types_case_gpkg", ("matchclustersbelts", "citycolocation"),
        with_clusters("types_case", OUTPUT="{workdir}/types_case.gpkg"))
    for variant in ("negative_weight", "nan_weight", "text_weight"):
        add(variant, ("citycolocation",), with_clusters(variant, CLUSTER_WEIGHT_FIELD="weight"))
    add("city_field_case_differs", CLUSTER_TOOLS, with_clusters("valid", city_field="city"))
    table[-len(CLUSTER_TOOLS):] = [Case("city_field_case_differs", c.tool, _recase(c.build), c.expect)
                                   for c in table[-len(CLUSTER_TOOLS):]]
    add("gbk_csv", ("matchclustersbelts", "locatecities", "splitmulticity"), with_csv(CSV_TEXT, "gbk"))
    add("bom_csv", ("matchclustersbelts", "locatecities", "splitmulticity"), with_csv(CSV_TEXT, "utf-8-sig"))
    add("subset_filter", ("matchclustersbelts", "citycolocation", "locatecities", "splitmulticity"),
        with_subset("filter"))
    add("selection", ("matchclustersbelts", "citycolocation", "locatecities", "splitmulticity"),
        with_subset("selection"))

    # Belt tables.
    for variant in ("empty", "null_years", "text_years", "double_years", "date_years", "null_city", "huge_industry"):
        add(f"belts_{variant}", BELT_TOOLS, with_belts(variant))

    # Relation tables.
    for variant in ("unknown_word", "self", "contradiction", "cycle", "empty", "nulls", "missing_columns", "numbers",
                    "chinese_words"):
        add(f"relations_{variant}", RELATION_TOOLS, with_relations(variant))

    # Year parameters.
    for years in ("abc", "2021-2018", "99999999999", "2021,,2020", "", "1e12", "２０２１", "-5", "1-99999999999",
                  "2021.5", "nan", "inf"):
        add(f"years_{years or 'blank'}", ("matchclustersbelts", "paperworkflow"), with_parameters(YEARS=years))
    for year in (1e12, -1, 2021.5, 99999):
        add(f"year_{year}", ("citycolocation",), with_parameters(YEAR=year),
            expect="refuse" if year in (1e12, -1) else "either")
    add("auto_relate_out_of_range", RELATION_TOOLS, with_parameters(AUTO_RELATE=7), expect="refuse")

    # Unwritable outputs.
    for where, path in UNWRITABLE.items():
        add(f"html_{where}", ("matchclustersbelts", "citycolocation"),
            with_parameters(OUTPUT_HTML=path + ".html"), expect="refuse")
        add(f"html_{where}", ("paperworkflow",), with_parameters(**{"match:Match report": path + ".html"}),
            expect="refuse")
        add(f"output_{where}", ("standarddeviationalellipse", "locatecities", "matchclustersbelts", "loadsampledata"),
            with_parameters(OUTPUT=path + ".gpkg", OUTPUT_CLUSTERS=path + ".gpkg"),
            expect="refuse")
    add("pairs_unwritable", ("matchclustersbelts",), with_parameters(OUTPUT_PAIRS="/sys/clusterbelt_pairs.gpkg"),
        expect="refuse")
    add("summary_unwritable", ("matchclustersbelts",), with_parameters(OUTPUT_SUMMARY="/sys/clusterbelt_t1.gpkg"),
        expect="refuse")
    add("outputs_one_file", ("loadsampledata",), with_parameters(**{
        key: "{workdir}/all.gpkg" for key in ("OUTPUT_CLUSTERS", "OUTPUT_BELTS", "OUTPUT_RELATIONS", "OUTPUT_GAZETTEER")}))
    add("csv_output", ("matchclustersbelts", "citycolocation", "locatecities"),
        with_parameters(OUTPUT="{workdir}/out.csv"))
    add("shapefile_output", ("matchclustersbelts", "citycolocation", "standarddeviationalellipse"),
        with_parameters(OUTPUT="{workdir}/out.shp"))

    # The gazetteer and places tables of locate cities.
    add("gazetteer_wrong_table", ("locatecities",),
        with_parameters(GAZETTEER=_lazy(clusters), GAZETTEER_NAME_FIELD="city", GAZETTEER_CODE_FIELD="industry"))
    add("gazetteer_without_fields", ("locatecities",), with_parameters(GAZETTEER=_lazy(clusters)))
    add("places_wrong_table", ("locatecities",), with_parameters(PLACES=_lazy(clusters)), expect="refuse")
    add("places_empty", ("locatecities",), with_parameters(PLACES=_lazy(clusters, "empty")))
    add("point_level_out_of_range", ("locatecities",), with_parameters(POINT_LEVEL=4), expect="refuse")
    add("province_is_industry", ("locatecities",), with_parameters(PROVINCE_FIELD="industry"))
    add("context_is_type", ("locatecities",), with_parameters(CONTEXT_CITY_FIELD="cluster_type"))
    add("gbk_csv", ("paperworkflow", "citycolocation"), with_csv(CSV_TEXT, "gbk"))
    add("selection_empty", ("matchclustersbelts", "standarddeviationalellipse", "locatecities"), with_subset("none"))

    add("missing_required", ("matchclustersbelts", "standarddeviationalellipse", "locatecities"),
        with_parameters(OUTPUT=_DROP, CLUSTERS=_DROP, INPUT=_DROP), expect="refuse")
    return table


def _recase(build):
    """The same build, with the city field named in another letter case than the layer's."""
    def recased(tool, workdir):
        parameters, rows = build(tool, workdir)
        parameters[_city_field_key(tool)] = "CITY"
        return parameters, rows
    return recased


# --- judging a result (child side) ---------------------------------------------------------------------

def _features(value, context):
    from qgis.core import QgsMapLayer, QgsProcessingUtils, QgsVectorLayer

    if value is None:
        return None
    if not isinstance(value, QgsMapLayer):
        layer = context.getMapLayer(value) or QgsProcessingUtils.mapLayerFromString(value, context)
        if layer is None and isinstance(value, str) and os.path.exists(value.split("|")[0]):
            layer = QgsVectorLayer(value, "out", "ogr")
        value = layer
    if value is None or not value.isValid():
        return None
    geometry_layer = value.isSpatial()
    rows = []
    for feature in value.getFeatures():
        row = {name: feature[name] for name in value.fields().names()}
        row[GEOMETRY_KEY] = not geometry_layer or not feature.geometry().isEmpty()
        if geometry_layer and row[GEOMETRY_KEY]:
            box = feature.geometry().boundingBox()
            row[CENTRE_KEY] = (box.center().x(), box.center().y(), max(box.width(), box.height()))
        rows.append(row)
    return rows


#: The key under which an output row (a dict of its fields) says whether it has a geometry (when its layer has).
GEOMETRY_KEY = " has geometry"
#: ... and the centre and size of its geometry's bounding box.
CENTRE_KEY = " centre"


def _number(value):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.0
    return 0.0 if math.isnan(number) else number


def _is_null(value):
    return value is None or (hasattr(value, "isNull") and value.isNull())


def _skips_in_log(log, with_case):
    """The features the distribution over time reports as skipped in its log: the periods without a time
    always; with a case field (n_skipped NULL, README) also the features without geometry or weight."""
    total = 0
    for line in dict.fromkeys(log.splitlines()):  # the tool reads the layer twice: each line once
        found = re.match(r"\s*(\d+) features have (no period|no geometry|a NULL or non-numeric weight)", line)
        if found and (with_case or found.group(2) == "no period"):
            total += int(found.group(1))
    return total


def _user_values_kept(outputs, user_values):
    """None when each of ``user_values`` (a value the user's table holds in a field named as an output field)
    is still in some output field, else what was lost."""
    for value in user_values:
        if not any(value in row.values() for rows in outputs.values() for row in rows):
            return f"the input's value {value!r} (a field named as an output field) is not in the output"
    return None


def account(algorithm, results, context, rows_in, log="", cumulative=False, user_values=()):
    """None when every input row is accounted for in ``results``, else what is wrong."""
    tool = algorithm.name()
    layers = {definition.name() for definition in algorithm.destinationParameterDefinitions()
              if definition.type() in ("sink", "vectorDestination")}
    outputs = {key: _features(value, context) for key, value in results.items() if key in layers}
    unreadable = [key for key, value in outputs.items() if value is None]
    if unreadable:
        return f"outputs {unreadable} reported but cannot be read"
    for key, rows in outputs.items():
        names = [name.lower() for name in (rows[0] if rows else {}) if name not in (GEOMETRY_KEY, CENTRE_KEY)]
        if len(names) != len(set(names)):
            return f"output {key} has fields whose names differ only in letter case: {sorted(names)}"
    if tool == "matchclustersbelts":
        types = [row["cluster_type"] for row in outputs["OUTPUT_SUMMARY"]]
        if len(types) != len(set(types)):
            return f"Table 1 repeats a row: {types}"
    kept = _user_values_kept(outputs, user_values) if tool in ("locatecities", "splitmulticity",
                                                               "matchclustersbelts") else None
    if kept:
        return kept
    if rows_in is None:
        return None
    if tool in POINT_TOOLS:
        rows = outputs["OUTPUT"]
        counted = sum(_number(row.get("n")) + _number(row.get("n_skipped")) for row in rows)
        if tool == "distributionovertime":
            # n_skipped is NULL with a case field (README); then, or when no row was drawn, the log counts.
            counted += _skips_in_log(log, with_case=not any(not _is_null(row.get("n_skipped")) for row in rows))
        if rows_in and counted != rows_in and not (tool == "distributionovertime" and cumulative):
            return f"n + n_skipped = {counted:g} over {len(rows)} rows, input {rows_in} features"
        for row in rows:
            if row.get("status") == "ok" and any(
                    isinstance(row.get(k), float) and not math.isfinite(row[k]) for k in row):
                return f"status ok with a non-finite number: {row}"
            if row.get("status") == "ok" and tool in ("standarddeviationalellipse", "standarddistance",
                                                      "distributionovertime") and not row[GEOMETRY_KEY]:
                return f"status ok without a polygon: {row}"
            centre = row.get(CENTRE_KEY)
            if row.get("status") == "ok" and centre and tool != "centralfeature" and not (
                    math.isclose(centre[0], row["CenterX"], abs_tol=0.1 * centre[2] + 1e-9)
                    and math.isclose(centre[1], row["CenterY"], abs_tol=0.1 * centre[2] + 1e-9)):
                return f"the polygon is not around its centre: box centre {centre[:2]}, centre {row['CenterX']}, " \
                       f"{row['CenterY']}"
    if tool == "locatecities" and len(outputs["OUTPUT"]) != rows_in:
        return f"{len(outputs['OUTPUT'])} output rows for {rows_in} input rows"
    if tool == "splitmulticity" and len(outputs["OUTPUT"]) < rows_in:
        return f"{len(outputs['OUTPUT'])} output rows for {rows_in} input rows"
    if tool == "matchclustersbelts" and len(outputs["OUTPUT"]) != rows_in:
        return f"{len(outputs['OUTPUT'])} match rows for {rows_in} cluster rows"
    if tool == "paperworkflow" and len(outputs["match:Matches"]) < rows_in:
        return f"{len(outputs['match:Matches'])} match rows for {rows_in} cluster rows"
    return None


def judge_refusal(message, parameter_ids, parameter_labels=()):
    """None when a refusal's message is acceptable, else what is wrong with it."""
    if not message.strip() or message.strip() == "There were errors executing the algorithm.":
        return "refused without saying why"
    if PYTHON_ERROR_TEXT.search(message):
        return "a Python error text"
    repeated = re.search(r"\b(\w+ \w+) \1\b", message)
    if repeated:
        return f"says '{repeated.group(1)}' twice"
    internal = {word for word in re.findall(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b", message)
                if word in ALL_PARAMETER_IDS and word not in parameter_ids}
    if internal:
        return f"names parameters the tool does not have: {sorted(internal)}"
    inner = [label for label, name in INNER_LABELS.items() if label in message and name not in parameter_ids
             and not any(label in own for own in parameter_labels)]
    if inner:
        return f"names a parameter the user never saw: {inner}"
    return None


ALL_PARAMETER_IDS = set()
#: The labels of the tools' parameters that are long enough to be recognised in a message.
INNER_LABELS = {}


def run_case(case, workdir):
    """Run one case; a dict: outcome (refused/ran/crashed), message, verdict (None when acceptable)."""
    import processing
    from qgis.core import (
        QgsApplication,
        QgsProcessingContext,
        QgsProcessingException,
        QgsProcessingFeedback,
        QgsProject,
    )

    class Feedback(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.errors = []

        def reportError(self, error, fatal=False):  # noqa: N802
            self.errors.append(error)

    os.makedirs(workdir, exist_ok=True)
    parameters, rows_in = case.build(case.tool, workdir)
    algorithm = QgsApplication.processingRegistry().createAlgorithmById(f"clusterbelt:{case.tool}")
    parameter_ids = {definition.name() for definition in algorithm.parameterDefinitions()}
    context, feedback = QgsProcessingContext(), Feedback()
    context.setProject(QgsProject.instance())
    try:
        results = processing.run(f"clusterbelt:{case.tool}", parameters, context=context, feedback=feedback)
    except QgsProcessingException as error:
        # Processing shows the user the exception's text and what the tool reported as errors; a model's
        # own exception only names the step that failed, the step's message is among the reported errors.
        message = "\n".join(dict.fromkeys(feedback.errors + [str(error)]))
        verdict = judge_refusal(message, parameter_ids,
                                {definition.description() for definition in algorithm.parameterDefinitions()})
        if verdict is None and case.expect == "run":
            verdict = "refused input it should run"
        return {"outcome": "refused", "message": message[:1500], "verdict": verdict}
    except Exception as error:  # noqa: BLE001 (any other exception is the failure this suite looks for)
        return {"outcome": "crashed", "message": f"{type(error).__name__}: {error}"[:1500],
                "verdict": "a Python exception escaped"}
    verdict = account(algorithm, results, context, rows_in, feedback.textLog(), bool(parameters.get("CUMULATIVE")),
                      USER_VALUES.get(case.name, ()))
    if verdict is None and case.expect == "refuse":
        verdict = "ran (reported success) where it must refuse"
    return {"outcome": "ran", "message": "", "verdict": verdict}


def child(results_path, start):
    """Start QGIS once, register the provider and run the cases from ``start`` on."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from plugin_package import import_plugin_package

    import_plugin_package()
    from qgis.core import QgsApplication

    application = QgsApplication([], False)
    application.initQgis()
    sys.path.append(os.path.join(QgsApplication.pkgDataPath(), "python", "plugins"))
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    from clusterbelt.ui.provider import ClusterBeltProvider

    provider = ClusterBeltProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    for algorithm in provider.algorithms():
        ALL_PARAMETER_IDS.update(definition.name() for definition in algorithm.parameterDefinitions())
        INNER_LABELS.update((definition.description(), definition.name())
                            for definition in algorithm.parameterDefinitions() if len(definition.description()) > 16)
    table = cases()
    # The parent's own test (test_hostile_inputs.py) makes a child crash or hang on purpose:
    # "first:N,crash:I,hang:J" runs the first N cases, aborting the process at case I and hanging at case J.
    drill = dict(item.split(":") for item in os.environ.get("CLUSTERBELT_HOSTILE_DRILL", "").split(",") if item)
    table = table[: int(drill.get("first", len(table)))]
    base = os.path.join(os.path.dirname(os.path.abspath(results_path)), "cases")  # the parent's folder
    with open(results_path, "a", encoding="utf-8") as log:
        for index in range(start, len(table)):
            case = table[index]
            log.write(json.dumps({"index": index, "id": case.id, "event": "start"}) + "\n")
            log.flush()
            if str(index) == drill.get("crash"):
                os.abort()  # as a segfault would: no exception, no result
            if str(index) == drill.get("hang"):
                time.sleep(3600)
            result = run_case(case, os.path.join(base, str(index)))
            log.write(json.dumps({"index": index, "id": case.id, "event": "done", **result}) + "\n")
            log.flush()
    os._exit(0)  # skip QGIS's exit, which may crash after many layers; every result is written


if __name__ == "__main__":
    child(sys.argv[1], int(sys.argv[2]))
