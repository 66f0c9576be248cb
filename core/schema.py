"""The fields of every output, declared once: name, kind and description.

Everything else derives from or is checked against this module: the engine's DataFrame columns
(``sde.OUTPUT_COLUMNS``, ``matching.PAIR_COLUMNS``...), the QgsFields the tools write (ui), the field
list of each tool's help, and the field tables of the README (tests/core/test_schema.py and
tests/qgis/test_output_schema.py fail naming what differs). To add a field: declare it here, compute it
in the engine (or, with ``engine=False``, in the tool), and run ``make readme-fields``.

Names are stable ids: models and scripts store them; they are never translated. Kinds are the QGIS field
types the tools write: ``double``, ``int``, ``longlong`` or ``string``, or ``input``: a field that takes the
type of an input field (the periods take the time field's, the compared case the case field's).
Descriptions are English; the QGIS layer translates them (context ``OutputFields``, extracted by pylupdate5
from the marker below).
A name with ``<type>`` stands for one field per value (``n_<type>``: ``n_seic``, ``n_amc``...); ``<case>``
stands for the case field under its own name, where the tool places it (none without a case field).
"""
from dataclasses import dataclass


def QT_TRANSLATE_NOOP(context, text):  # noqa: N802 (the name pylupdate5 looks for)
    """Marks ``text`` for translation under ``context`` and returns it unchanged (core never imports Qt)."""
    return text


#: The translation context of the descriptions.
CONTEXT = "OutputFields"
KINDS = ("double", "int", "longlong", "string")
#: The kind of a field typed as an input field of the tool (see the module's docstring).
INPUT_KIND = "input"


@dataclass(frozen=True)
class Field:
    """One output field.

    ``engine``: True when the engine's DataFrame has the column (under ``engine_name`` when that is set),
    False when the tool adds it (the ellipse's ``n_skipped``, the co-location's ``city_name``...).
    """

    name: str
    kind: str
    description: str
    engine: bool = True
    engine_name: str = None

    def __post_init__(self):
        if self.kind not in KINDS + (INPUT_KIND,):
            raise ValueError(f"field {self.name}: kind {self.kind!r} is not one of {', '.join(KINDS)} or {INPUT_KIND}")

    @property
    def column(self):
        """The engine's column name."""
        return self.engine_name or self.name

    @property
    def per_value(self):
        """True for a pattern such as ``n_<type>``: one field per value."""
        return "<" in self.name

    def expand(self, values):
        """The fields this one stands for: itself, or one per value for a pattern."""
        if not self.per_value:
            return [self]
        prefix, _, rest = self.name.partition("<")
        suffix = rest.partition(">")[2]
        return [Field(f"{prefix}{value}{suffix}", self.kind, self.description, self.engine) for value in values]


@dataclass(frozen=True)
class Output:
    """The fields of one output of one tool.

    ``tool``: the algorithm id; ``parameter``: the output parameter(s) that hold these fields;
    ``input_fields``: what comes before the declared fields: ``""`` (nothing), ``"case"`` (the case field),
    ``"all"`` (every input field; one named as a declared field is kept as ``<name>_input``) or
    ``"prefixed"`` (every input field twice, as ``a_<field>`` and ``b_<field>``).
    """

    key: str
    tool: str
    parameter: tuple
    fields: tuple
    input_fields: str = ""

    def names(self, values=()):
        """Field names in output order (patterns expanded with ``values``)."""
        return [f.name for f in self.expanded(values)]

    def expanded(self, values=()):
        return [expanded for f in self.fields for expanded in f.expand(values)]

    def kinds(self, values=()):
        """``(name, kind)`` pairs in output order."""
        return [(f.name, f.kind) for f in self.expanded(values)]

    def engine_columns(self, values=()):
        """The engine's column names in output order (fields the tool adds left out)."""
        return tuple(f.column for f in self.expanded(values) if f.engine)

    def field(self, name):
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"output {self.key} has no field {name!r}")


def _output(key, tool, parameter, fields, input_fields=""):
    parameters = (parameter,) if isinstance(parameter, str) else tuple(parameter)
    return Output(key, tool, parameters, tuple(Field(*f) if isinstance(f, tuple) else f for f in fields), input_fields)


def _centre_fields(x_in_layer_crs, y_in_layer_crs, x_in_calc_crs, y_in_calc_crs):
    """A centre's four fields, from their descriptions (which name the kind of centre): CenterX/CenterY in the
    layer's CRS, from the engine, and the same point in calc_crs, added by the tool."""
    return (Field("CenterX", "double", x_in_layer_crs), Field("CenterY", "double", y_in_layer_crs),
            Field("center_x_calc_crs", "double", x_in_calc_crs, engine=False),
            Field("center_y_calc_crs", "double", y_in_calc_crs, engine=False))


ELLIPSE = _output("ellipse", "standarddeviationalellipse", ("OUTPUT", "OUTPUT_CENTERS"), [
    ("n", "longlong", QT_TRANSLATE_NOOP("OutputFields", "points used (with a weight, zero weights included)")),
    Field("n_skipped", "longlong", QT_TRANSLATE_NOOP(
        "OutputFields", "features of the case that were skipped (no geometry, NULL or non-numeric weight)"),
        engine=False),
    ("weight_sum", "double", QT_TRANSLATE_NOOP("OutputFields", "W, the sum of the weights")),
    *_centre_fields(
        QT_TRANSLATE_NOOP("OutputFields", "x of the weighted mean centre, in the layer's CRS"),
        QT_TRANSLATE_NOOP("OutputFields", "y of the weighted mean centre, in the layer's CRS"),
        QT_TRANSLATE_NOOP("OutputFields", "x of the weighted mean centre in calc_crs, the CRS of the statistics"),
        QT_TRANSLATE_NOOP("OutputFields", "y of the weighted mean centre in calc_crs, the CRS of the statistics")),
    ("XStdDist", "double", QT_TRANSLATE_NOOP(
        "OutputFields",
        "ArcGIS 10.x: the semi-axis perpendicular to YStdDist (either may be the major one), in calc_crs units")),
    ("YStdDist", "double", QT_TRANSLATE_NOOP(
        "OutputFields", "ArcGIS 10.x: the semi-axis whose azimuth is in [0,90), in calc_crs units")),
    ("Rotation", "double", QT_TRANSLATE_NOOP(
        "OutputFields", "ArcGIS 10.x: the azimuth of the major axis, degrees clockwise from north, [0,180)")),
    ("major_sd", "double", QT_TRANSLATE_NOOP(
        "OutputFields", "the major semi-axis, in calc_crs units (metres for the automatic equal-area CRS)")),
    ("minor_sd", "double", QT_TRANSLATE_NOOP("OutputFields", "the minor semi-axis, in calc_crs units")),
    ("azimuth", "double", QT_TRANSLATE_NOOP(
        "OutputFields",
        "the major axis, degrees clockwise from north, [0,180); NULL when the spread is the same in every direction")),
    ("method", "string", QT_TRANSLATE_NOOP("OutputFields", "the method: arcgis, yuill, crimestat or coverage")),
    ("scale", "double", QT_TRANSLATE_NOOP("OutputFields", "the factor applied to sqrt(lambda)")),
    ("coverage_expected", "double", QT_TRANSLATE_NOOP(
        "OutputFields",
        "percent of a bivariate normal inside the ellipse, 1-exp(-s^2/2) for scale s (Yuill k=1: 39.35, "
        "ArcGIS k=1: 63.21; not the 68 of the one-dimensional rule)")),
    ("pct_inside", "double", QT_TRANSLATE_NOOP(
        "OutputFields", "percent of the points inside the ellipse (the boundary counts as inside)")),
    ("pct_weight_inside", "double", QT_TRANSLATE_NOOP("OutputFields", "percent of the weight inside the ellipse")),
    ("area", "double", QT_TRANSLATE_NOOP("OutputFields", "pi * major_sd * minor_sd, in square calc_crs units")),
    ("flattening", "double", QT_TRANSLATE_NOOP("OutputFields", "1 - minor_sd / major_sd")),
    Field("calc_crs", "string", QT_TRANSLATE_NOOP(
        "OutputFields", "the CRS of the axes and the area: an authority id, or a PROJ string for the automatic CRS"),
        engine=False),
    ("status", "string", QT_TRANSLATE_NOOP(
        "OutputFields",
        "ok, collinear, identical_points, too_few_points (fewer than 3 points), zero_weight (no ellipse) or "
        "not_finite (numbers too large for a double; no ellipse); only ok guarantees finite numbers")),
], input_fields="case")

#: The fields the point-statistics tools share with the ellipse: the centre (in the layer's CRS and in calc_crs),
#: the counts and the CRS of the numbers.
_CENTRE = tuple(ELLIPSE.field(name) for name in ("CenterX", "CenterY", "center_x_calc_crs", "center_y_calc_crs"))
_COUNTS = tuple(ELLIPSE.field(name) for name in ("n", "n_skipped", "weight_sum"))
_POINT_STATUS = (
    ELLIPSE.field("calc_crs"),
    Field("status", "string", QT_TRANSLATE_NOOP(
        "OutputFields",
        "ok, or why the numbers are missing or partial: too_few_points, identical_points, zero_weight, not_finite "
        "(the median centre also not_converged, after 10000 passes)")),
)

STANDARD_DISTANCE = _output("standard_distance", "standarddistance", "OUTPUT", [
    *_CENTRE,
    ("StdDist", "double", QT_TRANSLATE_NOOP(
        "OutputFields", "the radius: SIZE standard distances, in calc_crs units")),
    *_COUNTS, *_POINT_STATUS,
], input_fields="case")

MEDIAN_CENTER = _output("median_center", "mediancenter", "OUTPUT", [
    *_centre_fields(
        QT_TRANSLATE_NOOP("OutputFields", "x of the median centre, in the layer's CRS"),
        QT_TRANSLATE_NOOP("OutputFields", "y of the median centre, in the layer's CRS"),
        QT_TRANSLATE_NOOP("OutputFields", "x of the median centre in calc_crs, the CRS of the statistics"),
        QT_TRANSLATE_NOOP("OutputFields", "y of the median centre in calc_crs, the CRS of the statistics")),
    *_COUNTS,
    ("iterations", "longlong", QT_TRANSLATE_NOOP(
        "OutputFields", "passes over the case's points, one step each (Newton, Weiszfeld or a probed data point)")),
    *_POINT_STATUS,
], input_fields="case")

CENTRAL_FEATURE = _output("central_feature", "centralfeature", "OUTPUT", [
    ("sum_distance", "double", QT_TRANSLATE_NOOP(
        "OutputFields", "the sum of the distances to the other features, weighted by their weights")),
    *_COUNTS, *_POINT_STATUS,
], input_fields="all")

#: The overlap of two ellipses, between periods and between layers (core/distribution.py OVERLAP_ERROR).
_IOU = Field("iou", "double", QT_TRANSLATE_NOOP(
    "OutputFields", "area of the intersection over area of the union of the two ellipses (1: identical), to 1e-9"))

DISTRIBUTION_ELLIPSES = _output("distribution_ellipses", "distributionovertime", "OUTPUT", [
    Field("period", INPUT_KIND, QT_TRANSLATE_NOOP(
        "OutputFields", "the period: a value of the time field, of its type"), engine=False),
    *ELLIPSE.fields,
], input_fields="case")

DISTRIBUTION_TRAJECTORY = _output("distribution_trajectory", "distributionovertime", "OUTPUT_TRAJECTORY", [
    ("n_periods", "longlong", QT_TRANSLATE_NOOP(
        "OutputFields", "periods in which the case has a centre: the vertices of the line (no line below 2)")),
    ("total_shift_distance", "double", QT_TRANSLATE_NOOP(
        "OutputFields", "the length of the path: the sum of shift_distance, in calc_crs units")),
    ELLIPSE.field("calc_crs"),
], input_fields="case")

DISTRIBUTION_SHIFTS = _output("distribution_shifts", "distributionovertime", "OUTPUT_SHIFTS", [
    Field("period_from", INPUT_KIND, QT_TRANSLATE_NOOP(
        "OutputFields", "the earlier period (a value of the time field, of its type)"), engine=False),
    Field("period_to", INPUT_KIND, QT_TRANSLATE_NOOP(
        "OutputFields", "the next period in which the case has a centre"), engine=False),
    ("shift_distance", "double", QT_TRANSLATE_NOOP(
        "OutputFields", "the distance between the two weighted mean centres, in calc_crs units")),
    ("shift_bearing", "double", QT_TRANSLATE_NOOP(
        "OutputFields",
        "the direction of the shift, atan2(dx, dy): degrees clockwise from north, [0,360); NULL without a shift")),
    ("shift_speed", "double", QT_TRANSLATE_NOOP(
        "OutputFields",
        "shift_distance per year for numeric periods (years), per day for dates; NULL for text periods")),
    ("d_major_sd", "double", QT_TRANSLATE_NOOP("OutputFields", "the change of major_sd: later minus earlier")),
    ("d_minor_sd", "double", QT_TRANSLATE_NOOP("OutputFields", "the change of minor_sd: later minus earlier")),
    ("d_azimuth", "double", QT_TRANSLATE_NOOP(
        "OutputFields", "the signed smaller turn of the major axis, degrees clockwise, (-90,90] (axes are mod 180)")),
    ("d_area", "double", QT_TRANSLATE_NOOP(
        "OutputFields", "the change of area: later minus earlier, in square calc_crs units")),
    ("d_flattening", "double", QT_TRANSLATE_NOOP("OutputFields", "the change of flattening: later minus earlier")),
    _IOU,
], input_fields="case")

COMPARE_ELLIPSES = _output("compare_ellipses", "compareellipses", "OUTPUT", [
    Field("a_fid", "longlong", QT_TRANSLATE_NOOP("OutputFields", "the feature id of the ellipse of A"), engine=False),
    Field("b_fid", "longlong", QT_TRANSLATE_NOOP("OutputFields", "the feature id of the ellipse of B"), engine=False),
    Field("<case>", INPUT_KIND, QT_TRANSLATE_NOOP(
        "OutputFields", "with case fields: the case field of A, under its name and type"), engine=False),
    _IOU,
    ("share_a_in_b", "double", QT_TRANSLATE_NOOP("OutputFields", "area of the intersection over the area of A")),
    ("share_b_in_a", "double", QT_TRANSLATE_NOOP("OutputFields", "area of the intersection over the area of B")),
    ("center_distance", "double", QT_TRANSLATE_NOOP(
        "OutputFields", "the distance from A's centre to B's, in calc_crs units")),
    ("center_bearing", "double", QT_TRANSLATE_NOOP(
        "OutputFields", "the direction from A's centre to B's: degrees clockwise from north, [0,360)")),
    ("d_azimuth", "double", QT_TRANSLATE_NOOP(
        "OutputFields", "the signed smaller turn from A's major axis to B's, degrees clockwise, (-90,90]")),
    ("ratio_major", "double", QT_TRANSLATE_NOOP("OutputFields", "B's major semi-axis over A's")),
    ("ratio_minor", "double", QT_TRANSLATE_NOOP("OutputFields", "B's minor semi-axis over A's")),
    ("ratio_area", "double", QT_TRANSLATE_NOOP("OutputFields", "B's area over A's")),
    Field("calc_crs", "string", QT_TRANSLATE_NOOP(
        "OutputFields", "the CRS of the comparison: an authority id, or a PROJ string for the automatic CRS"),
        engine=False),
])

LOCATE = _output("locate", "locatecities", "OUTPUT", [
    ("city_code", "string", QT_TRANSLATE_NOOP(
        "OutputFields", "the adcode of the prefecture-level city (the key matching and co-location use)")),
    ("city_name", "string", QT_TRANSLATE_NOOP("OutputFields", "the gazetteer's name of that city")),
    ("province", "string", QT_TRANSLATE_NOOP("OutputFields", "its province")),
    ("locate_status", "string", QT_TRANSLATE_NOOP("OutputFields",
        "exact (the full name or code as given), normalized (found after normalising the name or reading its context), "
        "ambiguous (several places match: no point) or not_found (no point)")),
    ("candidates", "string", QT_TRANSLATE_NOOP(
        "OutputFields", "for an ambiguous name: the possible places, separated by |")),
    ("place_code", "string", QT_TRANSLATE_NOOP("OutputFields", "the code of the place found (city, county...)")),
    ("place_name", "string", QT_TRANSLATE_NOOP("OutputFields", "its name")),
    ("place_level", "string", QT_TRANSLATE_NOOP(
        "OutputFields", "prefecture, municipality, county_direct, county, district or town")),
    ("point_level", "string", QT_TRANSLATE_NOOP("OutputFields", "place or city: whose point the geometry is")),
], input_fields="all")

SPLIT = _output("split", "splitmulticity", "OUTPUT", [
    ("city_part", "string", QT_TRANSLATE_NOOP("OutputFields", "one city of the record")),
    ("city_count", "int", QT_TRANSLATE_NOOP("OutputFields", "N, the number of cities of the record (0: none)")),
    ("city_share", "double", QT_TRANSLATE_NOOP(
        "OutputFields",
        "1/N, the weight of this city part (use it as the weight of the ellipse tool); NULL when N is 0")),
], input_fields="all")

MATCH = _output("match", "matchclustersbelts", "OUTPUT", [
    ("match_class", "string", QT_TRANSLATE_NOOP(
        "OutputFields",
        "matched (some belt of its city is identical or subordinate), similar (else some belt is similar), none (its "
        "city has belts, none related) or no_belt_in_city (no belt in its city, or no city)")),
    ("matched_belts", "string", QT_TRANSLATE_NOOP(
        "OutputFields", "the identical or subordinate belts of its city, joined by '; '")),
    ("similar_belts", "string", QT_TRANSLATE_NOOP("OutputFields", "the similar belts of its city, joined by '; '")),
    ("n_city_belts", "longlong", QT_TRANSLATE_NOOP("OutputFields", "belt records of its city (after the year filter)")),
    ("city_key", "string", QT_TRANSLATE_NOOP("OutputFields", "the resolved city: the adcode when known")),
    ("basis", "string", QT_TRANSLATE_NOOP(
        "OutputFields",
        "the rule that decided: relations, same_name, taxonomy, names (joined by +), no_relation, empty_industry, "
        "no_belt or missing_city")),
], input_fields="all")

MATCH_PAIRS = _output("match_pairs", "matchclustersbelts", "OUTPUT_PAIRS", [
    Field("cluster_row", "longlong", QT_TRANSLATE_NOOP("OutputFields", "the cluster's input row, from 0"),
          engine_name="cluster_index"),
    Field("belt_row", "longlong", QT_TRANSLATE_NOOP("OutputFields", "the belt's input row, from 0"),
          engine_name="belt_index"),
    ("city_key", "string", QT_TRANSLATE_NOOP("OutputFields", "the city both are in")),
    ("cluster_type", "string", QT_TRANSLATE_NOOP("OutputFields", "the cluster's type")),
    ("cluster_industry", "string", QT_TRANSLATE_NOOP("OutputFields", "the cluster's industry")),
    ("belt_industry", "string", QT_TRANSLATE_NOOP("OutputFields", "the belt's industry")),
    ("belt_year", "double", QT_TRANSLATE_NOOP("OutputFields", "the belt's year")),
    ("relation", "string", QT_TRANSLATE_NOOP("OutputFields", "identical, subordinate or similar")),
    ("direction", "string", QT_TRANSLATE_NOOP(
        "OutputFields", "for subordinate pairs: cluster_in_belt or belt_in_cluster")),
    ("basis", "string", QT_TRANSLATE_NOOP("OutputFields", "the rule that related them")),
    ("score", "double", QT_TRANSLATE_NOOP("OutputFields", "the rule's score, 0-1")),
    ("note", "string", QT_TRANSLATE_NOOP("OutputFields", "the relation's note")),
])

MATCH_SUMMARY = _output("match_summary", "matchclustersbelts", "OUTPUT_SUMMARY", [
    ("cluster_type", "string", QT_TRANSLATE_NOOP("OutputFields", "the cluster type, or total")),
    ("clusters", "longlong", QT_TRANSLATE_NOOP("OutputFields", "cluster records")),
    ("matched", "longlong", QT_TRANSLATE_NOOP("OutputFields", "matched records")),
    ("similar", "longlong", QT_TRANSLATE_NOOP("OutputFields", "similar records")),
    ("none", "longlong", QT_TRANSLATE_NOOP("OutputFields", "records whose city has belts, none related")),
    ("no_belt_in_city", "longlong", QT_TRANSLATE_NOOP("OutputFields", "records whose city has no belt")),
    ("matched_pct", "double", QT_TRANSLATE_NOOP("OutputFields", "percent matched (unrounded)")),
    ("similar_pct", "double", QT_TRANSLATE_NOOP("OutputFields", "percent similar (unrounded)")),
    ("matched_or_similar_pct", "double", QT_TRANSLATE_NOOP("OutputFields", "percent matched or similar (unrounded)")),
])

COLOCATION = _output("colocation", "citycolocation", "OUTPUT", [
    ("city_key", "string", QT_TRANSLATE_NOOP("OutputFields", "the city: the adcode when the gazetteer knows it")),
    Field("city_name", "string", QT_TRANSLATE_NOOP("OutputFields", "the gazetteer's name of the city"),
          engine=False),
    ("clusters", "longlong", QT_TRANSLATE_NOOP("OutputFields", "cluster records in the city")),
    ("clusters_weighted", "double", QT_TRANSLATE_NOOP("OutputFields", "the sum of their weights")),
    ("n_<type>", "longlong", QT_TRANSLATE_NOOP("OutputFields", "cluster records of the type")),
    ("w_<type>", "double", QT_TRANSLATE_NOOP("OutputFields", "the sum of their weights")),
    ("n_untyped", "longlong", QT_TRANSLATE_NOOP("OutputFields", "cluster records without a type")),
    ("n_types", "longlong", QT_TRANSLATE_NOOP("OutputFields", "the number of cluster types in the city")),
    ("belts_now", "longlong", QT_TRANSLATE_NOOP("OutputFields", "belt records of the year")),
    ("belts_earlier", "longlong", QT_TRANSLATE_NOOP("OutputFields", "belt records of earlier years")),
    ("has_clusters", "int", QT_TRANSLATE_NOOP("OutputFields", "1 when the city has clusters")),
    ("has_belts_now", "int", QT_TRANSLATE_NOOP("OutputFields", "1 when it has belts of the year")),
    ("has_earlier_belts_only", "int", QT_TRANSLATE_NOOP("OutputFields", "1 when its belts are all from earlier years")),
    ("has_both", "int", QT_TRANSLATE_NOOP(
        "OutputFields", "1 when it has clusters and belts (of earlier years too with INCLUDE_EARLIER)")),
])

CROSS_TYPE = _output("cross_type", "crosstyperelations", "OUTPUT", [
    ("city_key", "string", QT_TRANSLATE_NOOP("OutputFields", "the city both clusters are in")),
    ("relation", "string", QT_TRANSLATE_NOOP("OutputFields", "identical, subordinate, similar or none")),
    ("direction", "string", QT_TRANSLATE_NOOP("OutputFields", "for subordinate pairs: a_in_b or b_in_a")),
    ("basis", "string", QT_TRANSLATE_NOOP("OutputFields", "the rule that decided, or no_relation, empty_industry")),
    ("score", "double", QT_TRANSLATE_NOOP("OutputFields", "the rule's score, 0-1 (NULL when unrelated)")),
    ("note", "string", QT_TRANSLATE_NOOP("OutputFields", "the relation's note")),
], input_fields="prefixed")

PROPOSALS = _output("proposals", "proposerelations", "OUTPUT", [
    ("industry_a", "string", QT_TRANSLATE_NOOP("OutputFields", "an industry (the narrower one of a subordinate pair)")),
    ("industry_b", "string", QT_TRANSLATE_NOOP("OutputFields", "the other industry")),
    ("relation", "string", QT_TRANSLATE_NOOP("OutputFields", "identical, subordinate, similar or none")),
    ("basis", "string", QT_TRANSLATE_NOOP("OutputFields", "the rule that decided")),
    ("score", "double", QT_TRANSLATE_NOOP("OutputFields", "the rule's score, 0-1")),
    ("note", "string", QT_TRANSLATE_NOOP("OutputFields", "which codes or words decided")),
    ("cluster_industry", "string", QT_TRANSLATE_NOOP("OutputFields", "the cluster industry as written")),
    ("belt_industry", "string", QT_TRANSLATE_NOOP("OutputFields", "the belt industry as written")),
    ("n_cities", "longlong", QT_TRANSLATE_NOOP("OutputFields", "cities where the two meet")),
    ("cities", "string", QT_TRANSLATE_NOOP("OutputFields", "those cities (the first ones)")),
    ("review_priority", "double", QT_TRANSLATE_NOOP("OutputFields", "what to review first: weight x doubt x cities")),
])

#: Every output, in the order of the README.
OUTPUTS = (ELLIPSE, STANDARD_DISTANCE, MEDIAN_CENTER, CENTRAL_FEATURE, DISTRIBUTION_ELLIPSES, DISTRIBUTION_TRAJECTORY,
           DISTRIBUTION_SHIFTS, COMPARE_ELLIPSES, LOCATE, SPLIT, MATCH, MATCH_PAIRS, MATCH_SUMMARY, COLOCATION,
           CROSS_TYPE, PROPOSALS)


def outputs_of(tool):
    """The outputs of one tool (by algorithm id), in declaration order."""
    return [output for output in OUTPUTS if output.tool == tool]


__all__ = [
    "CENTRAL_FEATURE", "COMPARE_ELLIPSES", "CONTEXT", "COLOCATION", "CROSS_TYPE", "DISTRIBUTION_ELLIPSES",
    "DISTRIBUTION_SHIFTS", "DISTRIBUTION_TRAJECTORY", "ELLIPSE", "Field", "INPUT_KIND", "KINDS", "LOCATE", "MATCH",
    "MATCH_PAIRS", "MATCH_SUMMARY", "MEDIAN_CENTER", "OUTPUTS", "Output", "PROPOSALS", "SPLIT", "STANDARD_DISTANCE",
    "outputs_of",
]
