"""Every tool's output layer has the fields core/schema.py declares, in order and of the declared kinds."""
import pathlib

import pytest
from layer_helpers import as_layer, memory_points
from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsVectorLayer

from clusterbelt.core import schema
from clusterbelt.ui.compat import make_field

DATA = pathlib.Path(__file__).resolve().parents[2] / "resources" / "data"


def run(algorithm, parameters):
    import processing

    context = QgsProcessingContext()
    results = processing.run(f"clusterbelt:{algorithm}", parameters, context=context, feedback=QgsProcessingFeedback())
    return {key: as_layer(value, context) if isinstance(value, str) and key.startswith("OUTPUT") else value
            for key, value in results.items()}


def assert_declared_fields(layer, output, values=(), before=0):
    """The layer's fields after the first ``before`` are the output's fields, each of the declared QGIS type."""
    fields = [layer.fields().at(i) for i in range(before, layer.fields().count())]
    assert [f.name() for f in fields] == output.names(values), output.key
    for field, (name, kind) in zip(fields, output.kinds(values)):
        assert field.type() == make_field(name, kind).type(), (output.key, name, kind, field.typeName())


@pytest.fixture
def tables(clusterbelt_provider):
    clusters = QgsVectorLayer(str(DATA / "clusters_sample.csv"), "clusters", "ogr")
    belts = QgsVectorLayer(str(DATA / "belts_sample.csv"), "belts", "ogr")
    assert clusters.isValid() and belts.isValid()
    split = run("splitmulticity", {"INPUT": clusters, "CITY_FIELD": "cities", "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    assert_declared_fields(split, schema.SPLIT, before=clusters.fields().count())
    return clusters, split, belts


def test_locate_and_match_outputs(tables):
    clusters, split, belts = tables
    located = run("locatecities", {"INPUT": split, "CITY_FIELD": "city_part", "OUTPUT": "TEMPORARY_OUTPUT"})
    assert_declared_fields(located["OUTPUT"], schema.LOCATE, before=split.fields().count())
    matched = run("matchclustersbelts", {
        "CLUSTERS": split, "CLUSTER_CITY_FIELD": "city_part", "CLUSTER_TYPE_FIELD": "cluster_type",
        "CLUSTER_INDUSTRY_FIELD": "industry", "BELTS": belts, "BELT_CITY_FIELD": "city", "BELT_INDUSTRY_FIELD": "industry",
        "OUTPUT": "TEMPORARY_OUTPUT", "OUTPUT_PAIRS": "TEMPORARY_OUTPUT", "OUTPUT_SUMMARY": "TEMPORARY_OUTPUT"})
    assert_declared_fields(matched["OUTPUT"], schema.MATCH, before=split.fields().count())
    assert_declared_fields(matched["OUTPUT_PAIRS"], schema.MATCH_PAIRS)
    assert_declared_fields(matched["OUTPUT_SUMMARY"], schema.MATCH_SUMMARY)
    assert matched["OUTPUT_PAIRS"].featureCount() > 10


def test_colocation_cross_type_and_proposal_outputs(tables):
    clusters, split, belts = tables
    colocated = run("citycolocation", {
        "CLUSTERS": split, "CLUSTER_CITY_FIELD": "city_part", "CLUSTER_TYPE_FIELD": "cluster_type",
        "BELTS": belts, "BELT_CITY_FIELD": "city", "OUTPUT": "TEMPORARY_OUTPUT"})
    assert_declared_fields(colocated["OUTPUT"], schema.COLOCATION, values=["seic", "icp", "amc"])
    pairs = run("crosstyperelations", {
        "CLUSTERS": split, "CLUSTER_CITY_FIELD": "city_part", "CLUSTER_TYPE_FIELD": "cluster_type",
        "CLUSTER_INDUSTRY_FIELD": "industry", "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    assert_declared_fields(pairs, schema.CROSS_TYPE, before=2 * split.fields().count())
    proposed = run("proposerelations", {
        "CLUSTERS": split, "CLUSTER_CITY_FIELD": "city_part", "CLUSTER_INDUSTRY_FIELD": "industry",
        "BELTS": belts, "BELT_CITY_FIELD": "city", "BELT_INDUSTRY_FIELD": "industry", "AUTO_RELATE": 0,
        "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    assert_declared_fields(proposed, schema.PROPOSALS)


def test_ellipse_outputs(clusterbelt_provider):
    points = memory_points([(0, 0), (4, 1), (1, 3), (5, 5), (2, 2)], fields=[("kind", "string")],
                           attributes=[["a"], ["a"], ["a"], ["b"], ["b"]])
    result = run("standarddeviationalellipse", {"INPUT": points, "CASE_FIELD": "kind", "OUTPUT": "TEMPORARY_OUTPUT",
                                                "OUTPUT_CENTERS": "TEMPORARY_OUTPUT"})
    for name in ("OUTPUT", "OUTPUT_CENTERS"):
        assert result[name].fields().at(0).name() == "kind"
        assert_declared_fields(result[name], schema.ELLIPSE, before=1)


def test_point_statistics_outputs(clusterbelt_provider):
    points = memory_points([(0, 0), (4, 1), (1, 3), (5, 5), (2, 2), (3, 4)], fields=[("kind", "string")],
                           attributes=[["a"], ["a"], ["a"], ["b"], ["b"], ["b"]])
    for tool, output in (("standarddistance", schema.STANDARD_DISTANCE), ("mediancenter", schema.MEDIAN_CENTER)):
        layer = run(tool, {"INPUT": points, "CASE_FIELD": "kind", "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
        assert layer.fields().at(0).name() == "kind" and layer.featureCount() == 2
        assert_declared_fields(layer, output, before=1)
    central = run("centralfeature", {"INPUT": points, "CASE_FIELD": "kind", "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    assert_declared_fields(central, schema.CENTRAL_FEATURE, before=points.fields().count())


def test_distribution_over_time_outputs(clusterbelt_provider):
    # Two cases over three years, the years an integer field: the period fields take the time field's type.
    coordinates = [(0, 0), (4, 1), (1, 3), (5, 5), (2, 2), (3, 4), (6, 1), (1, 6), (7, 3)] * 2
    attributes = [["a" if i < 9 else "b", 2013 + i % 3] for i in range(18)]
    points = memory_points(coordinates, fields=[("kind", "string"), ("year", "int")], attributes=attributes)
    result = run("distributionovertime", {"INPUT": points, "CASE_FIELD": "kind", "TIME_FIELD": "year",
                                          "OUTPUT": "TEMPORARY_OUTPUT", "OUTPUT_TRAJECTORY": "TEMPORARY_OUTPUT",
                                          "OUTPUT_SHIFTS": "TEMPORARY_OUTPUT"})
    year_type = points.fields().field("year").type()
    for name, output in (("OUTPUT", schema.DISTRIBUTION_ELLIPSES), ("OUTPUT_TRAJECTORY", schema.DISTRIBUTION_TRAJECTORY),
                         ("OUTPUT_SHIFTS", schema.DISTRIBUTION_SHIFTS)):
        layer = result[name]
        assert layer.fields().at(0).name() == "kind" and layer.featureCount() > 0, name
        fields = [layer.fields().at(i) for i in range(1, layer.fields().count())]
        assert [f.name() for f in fields] == output.names(), name
        for field, (_, kind) in zip(fields, output.kinds()):
            expected = year_type if kind == schema.INPUT_KIND else make_field("x", kind).type()
            assert field.type() == expected, (name, field.name(), kind)
    assert result["OUTPUT_SHIFTS"].featureCount() == 4  # two consecutive pairs per case


def test_compare_ellipses_output(clusterbelt_provider):
    points = memory_points([(0, 0), (4, 1), (1, 3), (5, 5), (2, 2), (3, 4), (6, 0)], fields=[("kind", "string")],
                           attributes=[["a"], ["a"], ["a"], ["b"], ["b"], ["b"], ["b"]])
    ellipses = run("standarddeviationalellipse", {"INPUT": points, "CASE_FIELD": "kind",
                                                  "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    by_case = run("compareellipses", {"INPUT_A": ellipses, "INPUT_B": ellipses, "FIELD_A": "kind",
                                      "FIELD_B": "kind", "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    names = [by_case.fields().at(i).name() for i in range(by_case.fields().count())]
    assert names == schema.COMPARE_ELLIPSES.names(["kind"])
    case_field = by_case.fields().field("kind")
    assert case_field.type() == ellipses.fields().field("kind").type()
    for name, kind in schema.COMPARE_ELLIPSES.kinds(["kind"]):
        if kind != schema.INPUT_KIND:
            assert by_case.fields().field(name).type() == make_field(name, kind).type(), name
    all_pairs = run("compareellipses", {"INPUT_A": ellipses, "INPUT_B": ellipses,
                                        "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    assert_declared_fields(all_pairs, schema.COMPARE_ELLIPSES)  # no case field: "<case>" stands for nothing
    assert all_pairs.featureCount() == 4


def test_every_computed_layer_output_is_declared(clusterbelt_provider):
    # The sample-data loader copies the bundled tables as they are: their fields are the data's, not a tool's.
    declared = {(output.tool, parameter) for output in schema.OUTPUTS for parameter in output.parameter}
    undeclared = [f"{algorithm.name()} {definition.name()}" for algorithm in clusterbelt_provider.algorithms()
                  if algorithm.name() != "loadsampledata"
                  for definition in algorithm.destinationParameterDefinitions() if definition.type() == "sink"
                  and (algorithm.name(), definition.name()) not in declared]
    assert not undeclared, f"outputs without a declaration in core/schema.py: {undeclared}"
    tools = {algorithm.name() for algorithm in clusterbelt_provider.algorithms()}
    assert {output.tool for output in schema.OUTPUTS} <= tools
