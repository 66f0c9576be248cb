"""Reference cases for the standard deviational ellipse, mapped onto ClusterBelt's output fields.

Used by the core tests (tests/core/test_sde_reference.py) and by the QGIS algorithm tests.
The data are tests/data/sde_dev_cases.json and sde_more_cases.json (provenance in
tests/data/README.md). Each source record names a point set, a method and the expected values
in the source tool's own labels; :func:`load_cases` turns them into :class:`SDECase` objects whose
``expected`` dict uses OUR field names (``CenterX``, ``major_sd``, ``azimuth``, ``XStdDist`` in
the ArcGIS 10.x frame, ...) and whose ``derived`` dict holds values that are not output fields
but follow from them or from the moments (definitions in :data:`DERIVED_DEFINITIONS`).

Nothing is dropped silently: every key of every record is either mapped, or listed in
:func:`load_reference` ``.skipped`` with the reason; records with nothing comparable are in
``.uncomparable``; reference values we deliberately replace are in ``.corrected``. An unknown
key or method raises, so new data force a decision.

Tolerance kinds: ``"exact"`` (values computed with 50-digit arithmetic from the IEEE doubles:
1e-12 relative) and ``"published"`` (outputs of real tools, printed with 10-12 digits: 1e-5
relative on lengths, 1e-3 degrees on angles). Outputs of pointpats, Turf and the Tveite
replica are tool outputs, so they get the ``"published"`` tolerance.
"""
import functools
import json
import math
import pathlib
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

DATA_DIR = pathlib.Path(__file__).resolve().parent / "data"
SOURCE_FILES = ("sde_dev_cases.json", "sde_more_cases.json")

# Kept in step with clusterbelt.core.sde (no import here, so this loader also works in the QGIS
# test environment before the package is importable).
METHOD_ARCGIS, METHOD_YUILL, METHOD_CRIMESTAT, METHOD_COVERAGE = 0, 1, 2, 3

TOLERANCES = {
    "exact": {"relative": 1e-12, "angle_degrees": 1e-12 * 180.0},
    "published": {"relative": 1e-5, "angle_degrees": 1e-3},
}

#: The status each point set implies (the data do not state one). A new point set must be
#: added here, or the loader raises.
IMPLIED_STATUS = {
    "pointpats_doc_11": "ok",
    "ebdon_8": "ok",
    "tveite_points15_weighted": "ok",
    "tveite_points15_unweighted": "ok",
    "degenerate_collinear_diagonal": "collinear",
    "degenerate_collinear_horizontal": "collinear",
    "degenerate_two_points": "too_few_points",
    "degenerate_identical": "identical_points",
    "axis_aligned_cross": "ok",
    "isotropic_square": "ok",
    "offset_1e7_pointpats11": "ok",
    "pointpats_old_12": "ok",
    "pointpats_rng50": "ok",
    "pointpats_rng50_weighted_by_y": "ok",
    "turf_mta_stations_unweighted": "ok",
    "turf_mta_stations_weighted": "ok",
    "sdetool_lepto24": "ok",
    "sdetool_rotate50": "ok",
    "degenerate_three_collinear_weighted": "collinear",
    "offset_1e7_cm_spread": "ok",
    "offset_1e7_weighted_tveite": "ok",
}

#: How a test computes each ``derived`` value from our results.
DERIVED_DEFINITIONS = {
    "cov_xx": "GroupedMoments.covariance()[0]: sum w dx^2 / W",
    "cov_xy": "GroupedMoments.covariance()[1]: sum w dx dy / W",
    "cov_yy": "GroupedMoments.covariance()[2]: sum w dy^2 / W",
    "major_angle_ccw_from_x": "(90 - azimuth) mod 180, degrees",
    "y_axis_azimuth": "azimuth mod 90: the azimuth of the YStdDist axis (CrimeStat's "
                      "'clockwise angle of Y-axis rotation', ArcGIS 10.x theta)",
    "std_distance": "sqrt((sxx + syy) / W), the standard distance",
    "eccentricity": "sqrt(1 - (1 - flattening)^2)",
    "ring_area_64": "shoelace area of ellipse_rings(table, 64)",
}

# Reasons, one per kind of value we do not compare (the test checks this set).
REASON_SAMPLE_COV = ("variant with the n-1 sample covariance; this tool uses the population "
                     "covariance (divisor W) for every method")
REASON_ASPACE_WEIGHTED = ("R aspace's weighted variant uses W/(W-2), the sum of weights as the "
                          "point count; this tool follows CrimeStat (n = number of points)")
REASON_TURF_INSIDE = ("Turf counts points inside its own polygon, drawn geodesically in degree "
                      "units, not inside the planar ellipse")
REASON_TURF_ZERO_WEIGHT = ("Turf's axes on a set with a zero weight: its deviation sums read the "
                           "weight as `weight || 1` (0 becomes 1) while its mean centre uses the "
                           "true weights; recomputing that way reproduces its numbers, so they "
                           "are not the weighted ellipse (its centre and count still compare)")
REASON_TURF_VERTICES = "vertex count of Turf's drawing, not a statistic"
REASON_PP_WARNINGS = "pointpats' list of warnings (empty), not a statistic"
REASON_PP_STD_WEIGHTED = "pointpats' std_distance ignores weights and is null for weighted sets"
REASON_PP_STD_NAN = ("pointpats' one-pass std_distance returns NaN here (cancellation at 1e7 "
                     "offsets), a defect of pointpats, not a reference value")
REASON_CRIMESTAT_SPHERICAL = ("CrimeStat desktop computed on the sphere and reports metres; a "
                              "planar ellipse on the same lon/lat differs in geometry, so no "
                              "value of the record is comparable")
REASON_COLLINEAR_INSIDE = ("the reference tests a zero-width ellipse strictly, so rounding "
                           "(a 1e-16 offset across an oblique line) puts points lying on the "
                           "segment outside; this tool counts the boundary as inside, so the "
                           "value is recomputed exactly (Fractions): a point of a collinear set "
                           "is inside when its squared distance from the centre is at most "
                           "scale^2 * (a + c)")


@dataclass
class SDECase:
    """One comparison: run ``method`` on ``points``/``weights`` and compare with ``expected``.

    ``expected`` keys are output fields of the tool; NaN means the field must be NULL/NaN.
    ``derived`` keys are listed in :data:`DERIVED_DEFINITIONS`.
    """
    label: str
    name: str
    source_file: str
    record_index: int
    points: np.ndarray
    weights: object  # np.ndarray or None
    method: int
    size: float
    coverage_percent: float
    tolerance: str
    provenance: str
    expected: dict = field(default_factory=dict)
    derived: dict = field(default_factory=dict)

    @property
    def x(self):
        return self.points[:, 0]

    @property
    def y(self):
        return self.points[:, 1]


@dataclass
class Reference:
    cases: list
    uncomparable: list  # (record label, reason)
    skipped: list  # (case or record label, source key, reason)
    corrected: list  # (case label, field, reference value, value used, reason)
    n_records: dict  # source file -> number of records read


def _number(value):
    return math.nan if value is None else float(value)


class _Builder:
    """Collects the values of one source record into cases, consuming every key once."""

    def __init__(self, reference, source_file, index, record):
        self.reference = reference
        self.source_file = source_file
        self.index = index
        self.record = record
        self.name = record["name"]
        if self.name not in IMPLIED_STATUS:
            raise ValueError(f"{source_file}[{index}]: point set {self.name!r} has no implied "
                             "status in IMPLIED_STATUS; add one")
        self.points = np.asarray(record["points"], dtype=np.float64).reshape(-1, 2)
        weights = record.get("weights")
        self.weights = None if weights is None else np.asarray(weights, dtype=np.float64)
        self.tag = f"{source_file.split('_')[1]}[{index}] {self.name}"

    def case(self, variant, method, tolerance, provenance, size=1.0, coverage_percent=68.27):
        case = SDECase(
            label=f"{self.tag} | {variant}", name=self.name, source_file=self.source_file,
            record_index=self.index, points=self.points, weights=self.weights, method=method,
            size=float(size), coverage_percent=float(coverage_percent), tolerance=tolerance,
            provenance=provenance)
        case.expected["status"] = IMPLIED_STATUS[self.name]
        self.reference.cases.append(case)
        return case

    @staticmethod
    def put(case, source_key, our_field, value, derived=False):
        """Store the source's ``source_key`` as ``our_field``; a field met twice (the data
        repeat values under several labels) must carry the same value."""
        store = case.derived if derived else case.expected
        value = _number(value)
        if our_field in store and not (store[our_field] == value or (
                math.isnan(store[our_field]) and math.isnan(value))):
            raise ValueError(f"{case.label}: {source_key} gives {our_field} = {value}, "
                             f"but another label gave {store[our_field]}")
        store[our_field] = value

    def skip(self, label, key, reason):
        self.reference.skipped.append((label, key, reason))


def _azimuth_from_ccw_degrees(angle):
    return math.nan if angle is None else (90.0 - float(angle)) % 180.0


def _geometric_ellipse(sigma_x, sigma_y, y_axis_azimuth):
    """Major, minor and major azimuth of an ellipse given by a semi-axis on a direction
    (``sigma_y`` at ``y_axis_azimuth``) and the perpendicular one (``sigma_x``)."""
    if sigma_y >= sigma_x:
        return sigma_y, sigma_x, y_axis_azimuth % 180.0
    return sigma_x, sigma_y, (y_axis_azimuth + 90.0) % 180.0


def _exact_collinear_pct_inside(points, weights, scale_squared):
    """Percent of the points of a collinear set (weight 0 included) inside its (segment)
    ellipse, exactly."""
    coords = [(Fraction(px), Fraction(py)) for px, py in points]
    w = [Fraction(1)] * len(coords) if weights is None else [Fraction(v) for v in weights]
    total = sum(w)
    mean_x = sum(wi * px for wi, (px, _) in zip(w, coords)) / total
    mean_y = sum(wi * py for wi, (_, py) in zip(w, coords)) / total
    distances = [(px - mean_x) ** 2 + (py - mean_y) ** 2 for px, py in coords]
    trace = sum(wi * d for wi, d in zip(w, distances)) / total
    reach = scale_squared * trace
    return 100.0 * sum(d <= reach for d in distances) / len(distances)


def _scale_squared(case):
    if case.method == METHOD_YUILL:
        return Fraction(case.size) ** 2
    if case.method == METHOD_ARCGIS:
        return 2 * Fraction(case.size) ** 2
    if case.method == METHOD_CRIMESTAT:
        n = len(case.points)  # every point, weight 0 included (sde-reference.md)
        return 2 * Fraction(case.size) ** 2 * Fraction(n, n - 2)
    return Fraction(-2.0 * math.log1p(-case.coverage_percent / 100.0))


def _correct_collinear_pct_inside(reference, case):
    if case.expected["status"] not in ("collinear", "too_few_points"):
        return
    if "pct_inside" not in case.expected:
        return
    exact = _exact_collinear_pct_inside(case.points, case.weights, _scale_squared(case))
    given = case.expected["pct_inside"]
    if given != exact:
        case.expected["pct_inside"] = exact
        reference.corrected.append((case.label, "pct_inside", given, exact,
                                    REASON_COLLINEAR_INSIDE))


# --------------------------------------------------------------------------- record parsers

def _parse_formula_record(builder, method_text, expected, provenance):
    """The records computed here from the published formulas (exact arithmetic)."""
    e = dict(expected)
    put = builder.put
    if method_text.startswith("yuill_population_no_corrections"):
        case = builder.case("yuill k=1", METHOD_YUILL, "exact", provenance)
        for key, target in (("center_x", "CenterX"), ("center_y", "CenterY"),
                            ("sigma_major", "major_sd"), ("sigma_minor", "minor_sd"),
                            ("sigma_x", "major_sd"), ("sigma_y", "minor_sd"),
                            ("azimuth_major_deg_cw_from_north", "azimuth"),
                            ("rotation_deg", "azimuth"), ("sum_weights", "weight_sum"),
                            ("n", "n"), ("percent_inside", "pct_inside")):
            if key in e:
                put(case, key, target, e.pop(key))
        for key in ("cov_xx", "cov_yy", "cov_xy"):
            put(case, key, key, e.pop(key), derived=True)
        put(case, "angle_major_deg_ccw_from_x", "major_angle_ccw_from_x",
            e.pop("angle_major_deg_ccw_from_x"), derived=True)
    elif method_text.startswith("arcgis_directional_distribution ellipse_size="):
        size = float(method_text.rsplit("=", 1)[1])
        if float(e.pop("ellipse_size_k")) != size:
            raise ValueError(f"{builder.tag}: ellipse_size_k differs from the method text")
        case = builder.case(f"arcgis k={size:g}", METHOD_ARCGIS, "exact", provenance, size=size)
        for key, target in (("center_x", "CenterX"), ("center_y", "CenterY"),
                            ("XStdDist", "XStdDist"), ("YStdDist", "YStdDist"),
                            ("sigma_x", "XStdDist"), ("sigma_y", "YStdDist"),
                            ("Rotation", "Rotation"), ("rotation_deg", "Rotation"),
                            ("sigma_major", "major_sd"), ("sigma_minor", "minor_sd"),
                            ("percent_inside", "pct_inside")):
            if key in e:
                put(case, key, target, e.pop(key))
    elif method_text.startswith("crimestat ("):
        case = builder.case("crimestat k=1", METHOD_CRIMESTAT, "exact", provenance)
        for key, target in (("center_x", "CenterX"), ("center_y", "CenterY"),
                            ("sigma_major", "major_sd"), ("sigma_minor", "minor_sd"),
                            ("sigma_y", "major_sd"), ("sigma_x", "minor_sd"),
                            ("azimuth_major_deg_cw_from_north", "azimuth"),
                            ("aspace_Theta", "azimuth"), ("rotation_deg", "azimuth")):
            if key in e:
                put(case, key, target, e.pop(key))
        put(case, "angle_major_deg_ccw_from_x", "major_angle_ccw_from_x",
            e.pop("angle_major_deg_ccw_from_x"), derived=True)
        if "crimestat_y_axis_angle_deg" in e:
            put(case, "crimestat_y_axis_angle_deg", "y_axis_azimuth",
                e.pop("crimestat_y_axis_angle_deg"), derived=True)
        for key in ("aspace_weighted_sigma_major", "aspace_weighted_sigma_minor"):
            if key in e:
                e.pop(key)
                builder.skip(case.label, key, REASON_ASPACE_WEIGHTED)
    elif method_text.startswith("wang2015_chi2_coverage p="):
        p = float(e.pop("coverage_p"))
        if p != float(method_text.rsplit("=", 1)[1]):
            raise ValueError(f"{builder.tag}: coverage_p differs from the method text")
        case = builder.case(f"coverage p={p:g}", METHOD_COVERAGE, "exact", provenance,
                            coverage_percent=100.0 * p)
        put(case, "coverage_p", "coverage_expected", 100.0 * p)
        for key, target in (("center_x", "CenterX"), ("center_y", "CenterY"),
                            ("scale", "scale"),
                            ("sigma_major", "major_sd"), ("sigma_minor", "minor_sd"),
                            ("sigma_x", "major_sd"), ("sigma_y", "minor_sd"),
                            ("azimuth_major_deg_cw_from_north", "azimuth"),
                            ("rotation_deg", "azimuth"), ("percent_inside", "pct_inside")):
            if key in e:
                put(case, key, target, e.pop(key))
        for key in ("sigma_major_sample_cov_n_minus_1", "sigma_minor_sample_cov_n_minus_1"):
            if key in e:
                e.pop(key)
                builder.skip(case.label, key, REASON_SAMPLE_COV)
    else:
        raise ValueError(f"{builder.tag}: unknown method {method_text!r}")
    if e:
        raise ValueError(f"{builder.tag}: unmapped expected keys {sorted(e)}")
    _correct_collinear_pct_inside(builder.reference, case)
    return case


def _parse_published_arcgis(builder, formula_case, published):
    """ArcMap/ArcGIS outputs stored with a formula record: same run, published tolerance."""
    p = dict(published)
    source = p.pop("source")
    case = builder.case(f"arcgis k={formula_case.size:g} | published ArcGIS", METHOD_ARCGIS,
                        "published", source, size=formula_case.size)
    for key in ("CenterX", "CenterY", "XStdDist", "YStdDist", "Rotation"):
        builder.put(case, key, key, p.pop(key))
    if p:
        raise ValueError(f"{builder.tag}: unmapped published keys {sorted(p)}")


def _parse_pointpats(builder, expected, published, provenance):
    e = dict(expected)
    variants = {}
    for key, method, size in (("default_crimestat", METHOD_CRIMESTAT, 1.0),
                              ("yuill_nocorr", METHOD_YUILL, 1.0),
                              ("yuill_sqrt2_only", METHOD_ARCGIS, 1.0)):
        output = dict(e.pop(key))
        case = builder.case(f"pointpats {key}", method, "published", provenance, size=size)
        builder.put(case, f"{key}.major", "major_sd", output.pop("major"))
        builder.put(case, f"{key}.minor", "minor_sd", output.pop("minor"))
        builder.put(case, f"{key}.rotation_rad", "azimuth",
                    _azimuth_from_ccw_degrees(math.degrees(output.pop("rotation_rad"))))
        builder.put(case, f"{key}.rotation_deg_ccw_from_x", "azimuth",
                    _azimuth_from_ccw_degrees(output.pop("rotation_deg_ccw_from_x")))
        output.pop("warnings")
        builder.skip(case.label, f"{key}.warnings", REASON_PP_WARNINGS)
        if output:
            raise ValueError(f"{builder.tag}: unmapped pointpats keys {sorted(output)}")
        variants[key] = case
    crimestat = variants["default_crimestat"]
    # sigma_x / sigma_y / rotation_deg mirror default_crimestat (major, minor, CCW from +x)
    builder.put(crimestat, "sigma_x", "major_sd", e.pop("sigma_x"))
    builder.put(crimestat, "sigma_y", "minor_sd", e.pop("sigma_y"))
    builder.put(crimestat, "rotation_deg", "azimuth",
                _azimuth_from_ccw_degrees(e.pop("rotation_deg")))

    std_distance = e.pop("std_distance")
    yuill = variants["yuill_nocorr"]
    if std_distance is None:
        builder.skip(yuill.label, "std_distance", REASON_PP_STD_WEIGHTED)
    elif math.isnan(std_distance):
        builder.skip(yuill.label, "std_distance", REASON_PP_STD_NAN)
    else:
        builder.put(yuill, "std_distance", "std_distance", std_distance, derived=True)
    if e:
        raise ValueError(f"{builder.tag}: unmapped pointpats keys {sorted(e)}")

    if published is None:
        return
    p = dict(published)
    source = p.pop("source")
    if "mean_center" in p:  # pointpats' test file, 8 decimals
        case = builder.case("pointpats published test values", METHOD_YUILL, "published",
                            source)
        centre = p.pop("mean_center")
        builder.put(case, "mean_center[0]", "CenterX", centre[0])
        builder.put(case, "mean_center[1]", "CenterY", centre[1])
        builder.put(case, "std_distance", "std_distance", p.pop("std_distance"), derived=True)
    # test_ellipse.py: (major, minor, rotation_rad) for pointpats' correction switches.
    # crimestatCorr multiplies by sqrt(2), degfreedCorr by sqrt(n/(n-2)): with only the second
    # switch on, that is our CrimeStat scale at k = 1/sqrt(2).
    for key, method, size in (("default_crimestat", METHOD_CRIMESTAT, 1.0),
                              ("yuill_default_corrections", METHOD_CRIMESTAT, 1.0),
                              ("yuill_no_crimestatCorr", METHOD_CRIMESTAT, math.sqrt(0.5)),
                              ("yuill_no_degfreedCorr", METHOD_ARCGIS, 1.0),
                              ("yuill_no_corrections", METHOD_YUILL, 1.0)):
        if key not in p:
            continue
        major, minor, rotation_rad = p.pop(key)
        case = builder.case(f"pointpats published {key}", method, "published", source,
                            size=size)
        builder.put(case, key, "major_sd", major)
        builder.put(case, key, "minor_sd", minor)
        builder.put(case, key, "azimuth",
                    _azimuth_from_ccw_degrees(math.degrees(rotation_rad)))
    if "polygon_area" in p:
        case = builder.case("pointpats published weighted ellipse", METHOD_CRIMESTAT,
                            "published", source)
        # shapely's buffer(1) circle has 64 segments: the area of the inscribed 64-gon.
        builder.put(case, "polygon_area", "ring_area_64", p.pop("polygon_area"), derived=True)
        builder.put(case, "pi_a_b_for_comparison", "area", p.pop("pi_a_b_for_comparison"))
    if p:
        raise ValueError(f"{builder.tag}: unmapped published pointpats keys {sorted(p)}")


def _parse_turf(builder, expected, provenance):
    e = dict(expected)
    case = builder.case("turf (ArcGIS formula)", METHOD_ARCGIS, "published", provenance)
    centre = e.pop("meanCenterCoordinates")
    builder.put(case, "meanCenterCoordinates[0]", "CenterX", centre[0])
    builder.put(case, "meanCenterCoordinates[1]", "CenterY", centre[1])
    builder.put(case, "center_x", "CenterX", e.pop("center_x"))
    builder.put(case, "center_y", "CenterY", e.pop("center_y"))
    # Turf's semiMajorAxis is sigmaX, its semiMinorAxis sigmaY (either may be the larger) and
    # its angle the azimuth of the sigmaY axis: read it as a geometric ellipse.
    zero_weight = builder.weights is not None and bool(np.any(builder.weights == 0))
    for sx_key, sy_key, angle_key in (("semiMajorAxis", "semiMinorAxis", "angle"),
                                      ("sigma_x", "sigma_y", "rotation_deg")):
        sigma_x, sigma_y, angle = e.pop(sx_key), e.pop(sy_key), e.pop(angle_key)
        if zero_weight:
            for key in (sx_key, sy_key, angle_key):
                builder.skip(case.label, key, REASON_TURF_ZERO_WEIGHT)
            continue
        major, minor, azimuth = _geometric_ellipse(sigma_x, sigma_y, angle)
        builder.put(case, f"{sx_key}/{sy_key}", "major_sd", major)
        builder.put(case, f"{sx_key}/{sy_key}", "minor_sd", minor)
        builder.put(case, angle_key, "azimuth", azimuth)
    builder.put(case, "numberOfFeatures", "n", e.pop("numberOfFeatures"))
    e.pop("percentageWithinEllipse")
    builder.skip(case.label, "percentageWithinEllipse", REASON_TURF_INSIDE)
    e.pop("nvertices")
    builder.skip(case.label, "nvertices", REASON_TURF_VERTICES)
    if e:
        raise ValueError(f"{builder.tag}: unmapped Turf keys {sorted(e)}")


def _parse_tveite(builder, expected, provenance):
    e = dict(expected)
    case = builder.case("tveite replica (Yuill)", METHOD_YUILL, "published", provenance)
    for key, target in (("meanx", "CenterX"), ("meany", "CenterY"), ("center_x", "CenterX"),
                        ("center_y", "CenterY"), ("majorsd", "major_sd"),
                        ("sigma_x", "major_sd"), ("minorsd", "minor_sd"),
                        ("sigma_y", "minor_sd"), ("directiondeg", "azimuth"),
                        ("rotation_deg", "azimuth")):
        builder.put(case, key, target, e.pop(key))
    builder.put(case, "majoranglerad", "major_angle_ccw_from_x",
                math.degrees(e.pop("majoranglerad")), derived=True)
    builder.put(case, "eccentricity", "eccentricity", e.pop("eccentricity"), derived=True)
    if e:
        raise ValueError(f"{builder.tag}: unmapped Tveite keys {sorted(e)}")


def _parse_record(reference, source_file, index, record):
    builder = _Builder(reference, source_file, index, record)
    method_text = record["method"]
    expected = record["expected"]
    published = record.get("published")
    provenance = record.get("provenance",
                            "exact (50-digit arithmetic from the IEEE doubles; sde-reference.md)")

    if method_text.startswith("CrimeStat (desktop)"):
        reference.uncomparable.append((f"{builder.tag} | {method_text}",
                                       REASON_CRIMESTAT_SPHERICAL))
    elif method_text.startswith("pointpats "):
        _parse_pointpats(builder, expected, published, provenance)
    elif method_text.startswith("@turf/"):
        _parse_turf(builder, expected, provenance)
    elif method_text.startswith("Tveite "):
        _parse_tveite(builder, expected, provenance)
    else:
        if not provenance.startswith("exact"):
            raise ValueError(f"{builder.tag}: formula record without exact provenance: "
                             f"{provenance}")
        case = _parse_formula_record(builder, method_text, expected, provenance)
        if published is not None:
            if case.method != METHOD_ARCGIS:
                raise ValueError(f"{builder.tag}: published values for a non-ArcGIS record")
            _parse_published_arcgis(builder, case, published)


@functools.lru_cache(maxsize=1)
def load_reference():
    """All cases plus the accounting of what is not compared (see the module docstring)."""
    reference = Reference(cases=[], uncomparable=[], skipped=[], corrected=[], n_records={})
    for source_file in SOURCE_FILES:
        with open(DATA_DIR / source_file, encoding="utf-8") as handle:
            records = json.load(handle)
        reference.n_records[source_file] = len(records)
        for index, record in enumerate(records):
            _parse_record(reference, source_file, index, record)
    labels = [case.label for case in reference.cases]
    if len(set(labels)) != len(labels):
        raise ValueError("case labels are not unique")
    return reference


def load_cases():
    """The normalised reference cases (list of :class:`SDECase`)."""
    return list(load_reference().cases)


# -- comparing a result with a case ------------------------------------------------------

LENGTH_FIELDS = {"CenterX", "CenterY", "XStdDist", "YStdDist", "major_sd", "minor_sd"}
ANGLE_FIELDS = {"azimuth": 180.0, "Rotation": 180.0, "major_angle_ccw_from_x": 180.0,
                "y_axis_azimuth": 90.0}
PERCENT_FIELDS = {"pct_inside", "pct_weight_inside", "coverage_expected"}


def _length_scale(case):
    for key in ("major_sd", "XStdDist", "YStdDist"):
        if key in case.expected and math.isfinite(case.expected[key]):
            return max(abs(case.expected.get("XStdDist", 0.0)),
                       abs(case.expected.get("YStdDist", 0.0)), abs(case.expected[key]))
    return 0.0


def check_value(case, name, expected, actual, failures):
    """Compare one value of ``case`` with the tolerance of its kind; append a message on failure.

    Lengths relative to the larger of the value and the case's major axis (so a zero minor axis
    compares sensibly), angles modulo their period in absolute degrees, counts exactly, NULL as NaN.
    """
    tolerance = TOLERANCES[case.tolerance]
    if name == "status":
        if actual != expected:
            failures.append(f"status: expected {expected}, got {actual}")
        return
    actual = float(actual)
    if math.isnan(expected) or math.isnan(actual):
        if not (math.isnan(expected) and math.isnan(actual)):
            failures.append(f"{name}: expected {expected}, got {actual}")
        return
    if name in ANGLE_FIELDS:
        period = ANGLE_FIELDS[name]
        difference = abs((actual - expected + period / 2) % period - period / 2)
        limit = tolerance["angle_degrees"]
    elif name == "n":
        difference, limit = abs(actual - expected), 0.0
    elif name in PERCENT_FIELDS:
        difference = abs(actual - expected)
        limit = max(tolerance["relative"] * abs(expected), 1e-9)
    elif name in LENGTH_FIELDS:
        difference = abs(actual - expected)
        limit = tolerance["relative"] * max(abs(expected), _length_scale(case))
    elif name in ("cov_xx", "cov_xy", "cov_yy"):
        difference = abs(actual - expected)
        limit = tolerance["relative"] * max(abs(expected), _length_scale(case) ** 2)
    else:  # weight_sum, scale, area, std_distance, eccentricity, ring_area_64
        difference = abs(actual - expected)
        limit = tolerance["relative"] * abs(expected)
    if not difference <= limit:
        failures.append(f"{name}: expected {expected!r}, got {actual!r} "
                        f"(difference {difference:.3g} > {limit:.3g})")
