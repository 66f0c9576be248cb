"""core/schema.py is the one declaration of the output fields: the engine's columns follow it."""
import pathlib

import numpy as np
import pandas as pd
import pytest

from clusterbelt.core import cities, colocation, crosstype, distribution, matching, proposals, schema, sde
from clusterbelt.core.columns import column_kind

DATA = pathlib.Path(__file__).resolve().parents[2] / "resources" / "data"


def assert_follows(frame, output, values=(), before=()):
    """``frame``'s columns are ``before`` then the output's engine columns, each of the declared kind."""
    assert list(frame.columns) == list(before) + list(output.engine_columns(values))
    declared = {f.column: f.kind for f in output.expanded(values) if f.engine}
    for column, kind in declared.items():
        got = column_kind(frame[column])
        # Integer kinds hold bools (written 1/0) and any integer; a double field holds integers too (years).
        holds = {"double": {"double", "longlong", "int"}, "longlong": {"longlong", "int"}, "int": {"longlong", "int"},
                 "string": {"string"}}
        assert got in holds[kind], (output.key, column, kind, got)


@pytest.fixture(scope="module")
def sample():
    clusters = pd.read_csv(DATA / "clusters_sample.csv", dtype=str)
    parts = cities.split_city_column(clusters["cities"])
    clusters = clusters.iloc[parts["row"].to_numpy()].reset_index(drop=True)
    clusters["city_part"] = parts["city_part"].to_numpy()
    belts = pd.read_csv(DATA / "belts_sample.csv", dtype={"city": str, "industry": str})
    gazetteer = cities.Gazetteer.bundled()
    return (clusters, cities.resolve_city_keys(clusters["city_part"], gazetteer),
            belts, cities.resolve_city_keys(belts["city"], gazetteer))


def test_names_are_unique_and_kinds_known():
    for output in schema.OUTPUTS:
        names = output.names(["seic", "amc"])
        assert len(names) == len(set(names)), output.key
        assert all(f.kind in schema.KINDS + (schema.INPUT_KIND,) and f.description for f in output.fields)
    with pytest.raises(ValueError, match="kind"):
        schema.Field("x", "float", "a number")


def test_ellipse_columns():
    rng = np.random.default_rng(3)
    table = sde.standard_deviational_ellipses(rng.normal(size=50), rng.normal(size=50),
                                              case_index=rng.integers(0, 3, 50))
    assert_follows(table, schema.ELLIPSE)
    assert [f.name for f in schema.ELLIPSE.fields if not f.engine] == [
        "n_skipped", "center_x_calc_crs", "center_y_calc_crs", "calc_crs"]


def test_shift_and_compare_columns():
    rng = np.random.default_rng(5)
    x, y = rng.normal(size=(2, 60))
    table = sde.standard_deviational_ellipses(x, y, case_index=np.repeat([0, 1], 30))
    first, second = table.iloc[[0]].reset_index(drop=True), table.iloc[[1]].reset_index(drop=True)
    shifts = distribution.period_shifts(first, second, np.array([2013.0]), np.array([2015.0]))
    assert_follows(shifts, schema.DISTRIBUTION_SHIFTS)
    assert_follows(distribution.compare_ellipses(first, second), schema.COMPARE_ELLIPSES)
    # The tool adds the periods, the feature ids, the case and the CRS; the ellipses are the ellipse tool's.
    assert [f.name for f in schema.DISTRIBUTION_SHIFTS.fields if not f.engine] == ["period_from", "period_to"]
    assert schema.DISTRIBUTION_ELLIPSES.fields[1:] == schema.ELLIPSE.fields
    assert schema.COMPARE_ELLIPSES.names(["grp"])[:3] == ["a_fid", "b_fid", "grp"]
    assert "<case>" not in schema.COMPARE_ELLIPSES.names()


def test_match_columns(sample):
    clusters, cluster_keys, belts, belt_keys = sample
    result = matching.match_clusters_to_belts(
        clusters, belts, cluster_city=cluster_keys, cluster_industry="industry", cluster_type="cluster_type",
        belt_city=belt_keys, belt_industry="industry", belt_year="year")
    assert_follows(result.clusters, schema.MATCH, before=clusters.columns)
    assert_follows(result.pairs, schema.MATCH_PAIRS)
    assert_follows(result.summary, schema.MATCH_SUMMARY)
    assert len(result.pairs) > 10


def test_colocation_columns(sample):
    clusters, cluster_keys, belts, belt_keys = sample
    result = colocation.city_colocation(clusters, belts, cluster_city=cluster_keys, cluster_type="cluster_type",
                                        belt_city=belt_keys, belt_year="year")
    types = ["seic", "icp", "amc"]
    assert_follows(result.per_city, schema.COLOCATION, values=types)
    assert "city_name" not in result.per_city.columns  # the tool adds it


def test_cross_type_and_proposal_columns(sample):
    clusters, cluster_keys, belts, belt_keys = sample
    pairs = crosstype.cross_type_relations(clusters, cluster_city=cluster_keys, cluster_type="cluster_type",
                                           cluster_industry="industry").pairs
    prefixed = [f"{side}_{c}" for side in "ab" for c in clusters.columns]
    assert_follows(pairs, schema.CROSS_TYPE, before=prefixed)
    proposed = proposals.propose_relations(clusters, belts, cluster_city=cluster_keys, cluster_industry="industry",
                                           belt_city=belt_keys, belt_industry="industry").table
    assert_follows(proposed, schema.PROPOSALS)


def test_locate_and_split_columns():
    located = cities.Gazetteer.bundled().locate(["深圳", "朝阳", "火星"])
    assert set(schema.LOCATE.engine_columns()) <= set(located.columns)
    parts = cities.split_city_column(["广州市、佛山市", None])
    assert_follows(parts, schema.SPLIT, before=["row"])
