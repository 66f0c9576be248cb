"""Classification rules, row accounting, year filter and pair output (core/matching.py)."""
import numpy as np
import pandas as pd
import pytest

from clusterbelt.core.errors import BadValueError, InputError, MissingFieldError, NeedsFieldError, WrongLengthError
from clusterbelt.core.matching import (
    BASIS_EMPTY_INDUSTRY,
    BASIS_MISSING_CITY,
    BASIS_NO_BELT,
    BASIS_NO_RELATION,
    MATCHED,
    NO_BELT_IN_CITY,
    NO_MATCH,
    NO_TYPE,
    OUTPUT_COLUMNS,
    SIMILAR_CLASS,
    match_clusters_to_belts,
    summary_table,
    year_set,
)
from clusterbelt.core.relations import RelationTable, Relator


@pytest.fixture
def relations():
    return RelationTable.from_frame(pd.DataFrame(
        [("机床", "智能装备", "subordinate", "m"), ("储能", "电池", "similar", "s"), ("电池材料", "电池", "subordinate", "")],
        columns=["industry_a", "industry_b", "relation", "note"],
    ))


@pytest.fixture
def belts():
    return pd.DataFrame(
        {
            "bid": ["b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8"],
            "city": ["A", "A", "A", "B", "B", "C", "D", None],
            "industry": ["机床", "电池", "服装", "储能", "服装", None, "智能装备", "机床"],
            "year": [2021, 2021, 2019, 2021, 2021, 2021, 2018, 2021],
        },
        index=[10, 11, 12, 13, 14, 15, 16, 17],
    )


def run(clusters, belts, relations, **kw):
    return match_clusters_to_belts(
        clusters, belts, cluster_city="city", cluster_industry="industry", cluster_type="type",
        belt_city="city", belt_industry="industry", relations=relations, **kw
    )


def test_each_rule_and_every_row_accounted_for(relations, belts):
    clusters = pd.DataFrame(
        {
            "name": ["matched both ways", "similar", "none", "no belt", "missing city", "empty industry",
                     "null type", "unknown key", "empty city text"],
            "city": ["A", "B", "B", "E", None, "A", "A", "火星", "  "],
            "industry": ["智能装备集群", "电池产业", "家具", "机床", "机床", None, "电池材料", "机床", "机床"],
            "type": ["seic", "amc", "icp", "seic", "seic", "icp", None, "amc", "amc"],
        },
        index=pd.Index([5, 3, 1, 7, 9, 2, 8, 4, 6], name="fid"),
    )
    result = run(clusters, belts, relations)
    out = result.clusters
    assert list(out.index) == list(clusters.index)
    assert list(out["name"]) == list(clusters["name"])
    assert set(OUTPUT_COLUMNS) <= set(out.columns)
    expected = {
        "matched both ways": (MATCHED, "机床", "relations", 3),
        "similar": (SIMILAR_CLASS, "", "relations", 2),
        "none": (NO_MATCH, "", BASIS_NO_RELATION, 2),
        "no belt": (NO_BELT_IN_CITY, "", BASIS_NO_BELT, 0),
        "missing city": (NO_BELT_IN_CITY, "", BASIS_MISSING_CITY, 0),
        "empty industry": (NO_MATCH, "", BASIS_EMPTY_INDUSTRY, 3),
        "null type": (MATCHED, "", "relations", 3),
        "unknown key": (NO_BELT_IN_CITY, "", BASIS_NO_BELT, 0),
        "empty city text": (NO_BELT_IN_CITY, "", BASIS_MISSING_CITY, 0),
    }
    for row in out.itertuples():
        match_class, matched, basis, n_belts = expected[row.name]
        assert (row.match_class, row.basis, row.n_city_belts) == (match_class, basis, n_belts), row.name
        if matched:
            assert row.matched_belts == matched
    assert out.loc[3, "similar_belts"] == "储能"
    assert out.loc[8, "matched_belts"] == "电池"
    assert out.loc[9, "city_key"] is None and out.loc[6, "city_key"] is None

    summary = result.summary.set_index("cluster_type")
    assert list(summary.index) == ["seic", "icp", "amc", NO_TYPE, "total"]
    assert summary.loc["total", "clusters"] == len(clusters)
    assert summary["clusters"].drop("total").sum() == len(clusters)
    counted = summary[["matched", "similar", "none", "no_belt_in_city"]].sum(axis=1)
    assert (counted == summary["clusters"]).all()
    assert summary.loc[NO_TYPE, "clusters"] == 1

    # Belt 17 has no city and is left out; belt 15 (no industry) is kept and counted.
    assert result.belt_accounting == {"input": 8, "other_year": 0, "no_year": 0, "no_city": 1, "used": 7, "no_industry": 1}


def test_matched_wins_over_similar_and_lists_every_matching_belt(relations):
    belts = pd.DataFrame({"city": ["A"] * 4, "industry": ["储能", "电池", "电池产业", "电池"], "year": [2021, 2020, 2021, 2021]})
    clusters = pd.DataFrame({"city": ["A"], "industry": ["电池材料"], "type": ["amc"]})
    result = run(clusters, belts, relations)
    row = result.clusters.iloc[0]
    assert row["match_class"] == MATCHED
    # Names as given, in the order they first appear; a name on several belt records listed once.
    assert row["matched_belts"] == "电池; 电池产业"
    assert row["similar_belts"] == ""
    assert row["n_city_belts"] == 4
    # Pairs: one per related belt record (储能 is unrelated to 电池材料: no pair).
    pairs = result.pairs
    assert list(pairs["belt_index"]) == [1, 2, 3]
    assert list(pairs["relation"]) == ["subordinate", "subordinate", "subordinate"]
    assert list(pairs["direction"]) == ["cluster_in_belt"] * 3


def test_pairs_list_every_related_pair_with_relation_basis_score(relations, belts):
    clusters = pd.DataFrame({"city": ["A", "B", "D"], "industry": ["智能装备", "电池", "智能装备"], "type": ["x", "y", "x"]},
                            index=["c1", "c2", "c3"])
    result = run(clusters, belts, relations, belt_year="year")
    pairs = result.pairs
    got = sorted(zip(pairs["cluster_index"], pairs["belt_index"], pairs["relation"], pairs["basis"], pairs["direction"]))
    assert got == [
        ("c1", 10, "subordinate", "relations", "belt_in_cluster"),
        ("c2", 13, "similar", "relations", ""),
        ("c3", 16, "identical", "same_name", ""),
    ]
    assert (pairs["score"] == 1.0).all()
    assert list(pairs.loc[pairs["cluster_index"] == "c1", "note"]) == ["m"]
    assert list(pairs["belt_year"]) == [2021, 2021, 2018]


def test_year_filter(relations, belts):
    clusters = pd.DataFrame({"city": ["A", "D"], "industry": ["服装", "智能装备"], "type": ["seic", "seic"]})
    only_2021 = run(clusters, belts, relations, belt_year="year", years={2021})
    assert list(only_2021.clusters["match_class"]) == [NO_MATCH, NO_BELT_IN_CITY]
    assert list(only_2021.clusters["n_city_belts"]) == [2, 0]
    assert only_2021.belt_accounting["other_year"] == 2
    span = run(clusters, belts, relations, belt_year="year", years=range(2018, 2022))
    assert list(span.clusters["match_class"]) == [MATCHED, MATCHED]
    assert span.clusters["basis"].tolist() == ["same_name", "same_name"]


def test_belts_without_a_year_are_left_out_and_counted_when_filtering(relations):
    belts = pd.DataFrame({"city": ["A", "A", "A"], "industry": ["机床", "机床", "机床"], "year": [2021, None, "未知"]})
    clusters = pd.DataFrame({"city": ["A"], "industry": ["机床"], "type": ["t"]})
    result = run(clusters, belts, relations, belt_year="year", years=2021)
    assert result.belt_accounting["no_year"] == 2
    assert result.clusters["n_city_belts"].iloc[0] == 1


def test_year_filter_without_year_column_is_refused(relations, belts):
    clusters = pd.DataFrame({"city": ["A"], "industry": ["机床"], "type": ["t"]})
    with pytest.raises(NeedsFieldError, match="^years: this needs belt year,") as error:
        run(clusters, belts, relations, years={2021})
    assert (error.value.code, error.value.role, error.value.extra) == ("needs_field", "years", {"needs": "belt_year"})
    labels = {"years": "Belt years", "belt_year": "Belt year field"}
    assert error.value.message("{role} / {needs}", labels) == "Belt years / Belt year field"


@pytest.mark.parametrize("years, expected", [
    (2021, (2021,)), ({2021, "2019"}, (2019, 2021)), (range(2018, 2022), (2018, 2019, 2020, 2021)),
    ("2021", (2021,)), ("2018-2020", (2018, 2019, 2020)), ("2018,2020", (2018, 2020)),
    (" 2018–2019， 2021 ", (2018, 2019, 2021)), ("2019、2017;2018", (2017, 2018, 2019)), ("  ", None), (None, None),
])
def test_year_set(years, expected):
    assert year_set(years) == expected


@pytest.mark.parametrize("years, code, shown", [
    ([], "no_years", ()), (["abc"], "not_a_year", ("abc",)), ([2021.5], "not_a_year", ("2021.5",)),
    ("2021-2018", "not_a_year", ("2021-2018",)), ("2018-20x", "not_a_year", ("2018-20x",)),
    ("2018, soon", "not_a_year", ("soon",)), ("2018-2019-2020", "not_a_year", ("2018-2019-2020",)),
])
def test_bad_years_are_refused(years, code, shown):
    with pytest.raises(InputError, match="^years: ") as error:
        year_set(years)
    assert (error.value.code, error.value.role, error.value.values) == (code, "years", shown)


def test_missing_column_names_the_input_by_its_role(relations, belts):
    clusters = pd.DataFrame({"city": ["A"], "industry": ["机床"]})
    with pytest.raises(MissingFieldError, match="^cluster type: the clusters have no column 'kind'") as error:
        match_clusters_to_belts(clusters, belts, cluster_city="city", cluster_industry="industry", cluster_type="kind",
                                belt_city="city", belt_industry="industry", relations=relations)
    assert (error.value.code, error.value.role, error.value.field) == ("missing_field", "cluster_type", "kind")
    assert error.value.extra["available"] == ["city", "industry"]


def test_city_keys_as_arrays_and_numeric_keys(relations):
    clusters = pd.DataFrame({"industry": ["机床", "机床", "机床"]})
    belts = pd.DataFrame({"industry": ["机床", "机床"]})
    result = match_clusters_to_belts(
        clusters, belts, cluster_city=[440300.0, np.nan, "110000"], cluster_industry="industry",
        belt_city=np.array(["440300", 110000], dtype=object), belt_industry="industry", relations=relations,
    )
    assert list(result.clusters["match_class"]) == [MATCHED, NO_BELT_IN_CITY, MATCHED]
    assert list(result.clusters["city_key"]) == ["440300", None, "110000"]
    # Without a type column the summary has only the total.
    assert list(result.summary["cluster_type"]) == ["total"]
    with pytest.raises(WrongLengthError, match="3 values"):
        match_clusters_to_belts(clusters, belts, cluster_city=["A"], cluster_industry="industry",
                                belt_city=["A", "A"], belt_industry="industry", relations=relations)


def test_each_distinct_industry_pair_is_decided_once():
    asked = []

    class Recording(Relator):
        def relate(self, pairs):
            asked.extend(zip(pairs["industry_a"], pairs["industry_b"]))
            return RelationTable.empty().relate(pairs)

    rng = np.random.default_rng(7)
    cities = [f"c{i}" for i in range(30)]
    clusters = pd.DataFrame({"city": rng.choice(cities, 400), "industry": rng.choice(["甲", "乙", "丙（某区）", "丙"], 400)})
    belts = pd.DataFrame({"city": rng.choice(cities, 3000), "industry": rng.choice(["子", "丑", "寅", "卯产业带"], 3000)})
    match_clusters_to_belts(clusters, belts, cluster_city="city", cluster_industry="industry",
                            belt_city="city", belt_industry="industry", relations=Recording())
    assert len(asked) == len(set(asked))
    assert set(asked) == {(a, b) for a in ["甲", "乙", "丙"] for b in ["子", "丑", "寅", "卯"]}


def test_previous_output_columns_are_replaced(relations, belts):
    clusters = pd.DataFrame({"city": ["A"], "industry": ["机床"], "type": ["t"], "match_class": ["stale"], "basis": [1]})
    out = run(clusters, belts, relations).clusters
    assert list(out.columns).count("match_class") == 1
    assert out["match_class"].iloc[0] == MATCHED


def test_empty_inputs(relations):
    empty_clusters = pd.DataFrame({"city": [], "industry": [], "type": []})
    empty_belts = pd.DataFrame({"city": [], "industry": []})
    result = run(empty_clusters, empty_belts, relations)
    assert len(result.clusters) == 0 and len(result.pairs) == 0
    assert result.summary["clusters"].tolist() == [0]
    assert np.isnan(result.summary["matched_pct"].iloc[0])
    clusters = pd.DataFrame({"city": ["A"], "industry": ["机床"], "type": ["t"]})
    assert run(clusters, empty_belts, relations).clusters["match_class"].tolist() == [NO_BELT_IN_CITY]


def test_summary_refuses_unknown_classes():
    with pytest.raises(BadValueError, match="unknown") as error:
        summary_table(["matched", "maybe"])
    assert (error.value.role, error.value.values) == ("match_class", ("maybe",))


def test_every_join_strategy_gives_the_same_result(monkeypatch):
    from clusterbelt.core import matching

    rng = np.random.default_rng(11)
    cities = [f"c{i}" for i in range(40)] + [None]
    cluster_names = [f"甲{i}产业" for i in range(25)] + ["", None]
    belt_names = [f"甲{i}" for i in range(10)] + [f"乙{i}" for i in range(40)] + [None]
    clusters = pd.DataFrame({"city": rng.choice(cities, 300), "industry": rng.choice(cluster_names, 300),
                             "type": rng.choice(["seic", "amc", "icp", None], 300)})
    belts = pd.DataFrame({"city": rng.choice(cities, 2000), "industry": rng.choice(belt_names, 2000),
                          "year": rng.choice([2019, 2020, 2021], 2000)})
    relations = RelationTable.from_frame(pd.DataFrame({
        "industry_a": [f"甲{i}" for i in rng.integers(0, 25, 60)],
        "industry_b": [f"乙{i}" for i in rng.integers(0, 40, 60)],
        "relation": rng.choice(["identical", "subordinate", "similar"], 60),
    }).drop_duplicates(["industry_a", "industry_b"]))
    results = {}
    # None: the table and the same-name rule name their candidate pairs, only those are decided.
    for strategy in ("per_city", "all_pairs", None):
        if strategy is not None:  # run one strategy, ignoring the candidate pairs the relator names
            monkeypatch.setattr(matching, "_choose_strategy", lambda *args, chosen=strategy: (chosen, None))
        results[strategy] = run(clusters, belts, relations, belt_year="year", years={2020, 2021})
    a = results["per_city"]
    for b in (results["all_pairs"], results[None]):
        pd.testing.assert_frame_equal(a.clusters, b.clusters)
        pd.testing.assert_frame_equal(a.pairs, b.pairs)
        pd.testing.assert_frame_equal(a.summary, b.summary)
    # The data exercise every class.
    assert set(a.clusters["match_class"]) == {MATCHED, SIMILAR_CLASS, NO_MATCH, NO_BELT_IN_CITY}
