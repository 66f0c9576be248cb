"""Automatic relations in the tools' engines: propose_relations, the matching, cross-type pairs,
and the evaluation against the paper's Tables 3 and 4 (scripts/eval_relations.py)."""
import importlib.util
import pathlib

import numpy as np
import pandas as pd
import pytest

from clusterbelt.core import matching
from clusterbelt.core.crosstype import cross_type_relations
from clusterbelt.core.industry import industry_key
from clusterbelt.core.matching import match_clusters_to_belts
from clusterbelt.core.proposals import PROPOSAL_COLUMNS, propose_relations
from clusterbelt.core.relations import (
    A_IN_B,
    MATCHING_RELATIONS,
    NO_RELATION,
    SUBORDINATE,
    RelationTable,
    load_bundled_relations,
    relate_keys,
)
from clusterbelt.core.taxonomy import load_bundled_taxonomy
from clusterbelt.core.taxonomy_relators import TableCheckedAgainstTaxonomy

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "resources" / "data"


def load_script(name):
    spec = importlib.util.spec_from_file_location(f"_script_{name}", ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def sample():
    belts = pd.read_csv(DATA / "belts_sample.csv", dtype=str, keep_default_na=False)
    clusters = pd.read_csv(DATA / "clusters_sample.csv", dtype=str, keep_default_na=False)
    # One row per city part, the city as the short name the belts use.
    clusters = clusters.assign(city=clusters["cities"].str.split("、")).explode("city", ignore_index=True)
    clusters["city"] = clusters["city"].str.replace("市$", "", regex=True)
    return clusters, belts


RUN = dict(cluster_city="city", cluster_industry="industry", belt_city="city", belt_industry="industry")


# --- propose_relations -----------------------------------------------------------------------------


def test_proposal_lists_every_colocated_industry_pair_once(sample):
    clusters, belts = sample
    result = propose_relations(clusters, belts, **RUN)
    table = result.table
    assert list(table.columns) == list(PROPOSAL_COLUMNS)
    expected = clusters[["city", "industry"]].merge(belts[["city", "industry"]], on="city", suffixes=("_c", "_b"))
    expected = {(industry_key(c), industry_key(b)) for c, b in zip(expected["industry_c"], expected["industry_b"])}
    got = list(zip(table["cluster_industry"].map(industry_key), table["belt_industry"].map(industry_key)))
    assert len(got) == len(set(got)) == len(expected) == result.accounting["pairs"]
    assert set(got) == expected
    assert set(table["relation"]) <= {"identical", "subordinate", "similar", NO_RELATION}
    related = table["relation"] != NO_RELATION
    assert table.loc[related, "score"].between(0, 1, inclusive="right").all()
    assert (table["note"] != "").all()
    assert sum(result.counts[r] for r in ("identical", "subordinate", "similar", NO_RELATION)) == len(table)
    assert (table["n_cities"] >= 1).all()


def test_proposal_feeds_back_as_a_relation_table_and_reproduces_the_matching(sample):
    clusters, belts = sample
    result = propose_relations(clusters, belts, **RUN)
    reviewed = RelationTable.from_frame(result.table, source="proposal")  # extra columns ignored
    assert len(reviewed) == len(result.table)
    proposed = match_clusters_to_belts(clusters, belts, relations=None, auto_relate="taxonomy+names", **RUN)
    replayed = match_clusters_to_belts(clusters, belts, relations=reviewed, auto_relate="none", **RUN)
    for column in ("match_class", "matched_belts", "similar_belts"):
        assert list(proposed.clusters[column]) == list(replayed.clusters[column]), column


def test_subordinate_rows_name_the_narrower_industry_first(sample):
    clusters, belts = sample
    table = propose_relations(clusters, belts, relations=RelationTable.empty(), **RUN).table
    subordinate = table[table["relation"] == SUBORDINATE]
    assert len(subordinate) > 5
    assert (subordinate["industry_a"] == subordinate["belt_industry"]).any()  # belt inside the cluster
    assert (subordinate["industry_a"] == subordinate["cluster_industry"]).any()
    taxonomy = load_bundled_taxonomy()
    found = taxonomy.relate_keys(subordinate["industry_a"].map(industry_key).to_numpy(),
                                 subordinate["industry_b"].map(industry_key).to_numpy())
    assert (found["direction"] == A_IN_B).all()


def test_proposal_without_unrelated_pairs_and_with_bad_rows():
    clusters = pd.DataFrame({"city": ["深圳", "深圳", None, "深圳", "广州"],
                             "industry": ["集成電路（南山）", "", "集成电路", " 新型 显示器件 产业集群 ", "集成电路"]})
    belts = pd.DataFrame({"city": ["深圳", "深圳", "深圳", "", "深圳"],
                          "industry": ["电子元器件", "钢铁", None, "电子元器件", "顯示器件"]})
    result = propose_relations(clusters, belts, relations=RelationTable.empty(), **RUN)
    assert result.accounting == {
        "cluster_records": 5, "cluster_no_city": 1, "cluster_no_industry": 1, "belt_records": 5,
        "belt_no_city": 1, "belt_no_industry": 1, "pairs": 6, "table_overrode_taxonomy": 0, "industry_names_cut": 0,
    }
    table = result.table
    pairs = dict(zip(zip(table["cluster_industry"], table["belt_industry"]), table["relation"]))
    assert pairs[("集成電路（南山）", "电子元器件")] == SUBORDINATE
    assert pairs[(" 新型 显示器件 产业集群 ", "顯示器件")] == "identical"
    assert pairs[("集成電路（南山）", "钢铁")] == NO_RELATION
    related = propose_relations(clusters, belts, relations=RelationTable.empty(), include_unrelated=False, **RUN)
    assert NO_RELATION not in set(related.table["relation"]) and len(related.table) < len(table)


def test_the_bundled_table_overrides_the_taxonomy_and_the_counter_says_so(sample):
    clusters, belts = sample
    result = propose_relations(clusters, belts, **RUN)  # the bundled table of the paper's judgements
    overridden = result.table["note"].str.contains(TableCheckedAgainstTaxonomy.OVERRIDE_MARK, regex=False)
    assert result.accounting["table_overrode_taxonomy"] == len(result.table_overrides) > 0
    assert overridden.sum() >= result.accounting["table_overrode_taxonomy"]
    assert (result.table.loc[overridden, "basis"] == "relations").all()
    # Without automatic relations nothing is checked, so nothing is overridden.
    assert propose_relations(clusters, belts, auto_relate="none", **RUN).accounting["table_overrode_taxonomy"] == 0


# --- the matching and cross-type pairs ----------------------------------------------------------------


def test_matching_with_taxonomy_names_its_basis_and_overrides(sample):
    clusters, belts = sample
    result = match_clusters_to_belts(clusters, belts, relations=RelationTable.empty(), auto_relate=1, **RUN)
    assert result.settings["auto_relate"] == "taxonomy"
    assert "taxonomy" in set(result.clusters["basis"])
    assert set(result.pairs["basis"]) <= {"taxonomy", "same_name"}
    assert result.settings["table_overrode_taxonomy"] == 0
    with_table = match_clusters_to_belts(clusters, belts, auto_relate="taxonomy", **RUN)
    assert with_table.settings["table_overrode_taxonomy"] == len(with_table.table_overrides) > 0


def test_cross_type_pairs_with_taxonomy():
    clusters = pd.DataFrame({"city": ["上海", "上海", "上海"], "type": ["seic", "amc", "icp"],
                             "industry": ["集成电路（浦东新区）", "电子元器件", "钢铁"]})
    result = cross_type_relations(clusters, cluster_city="city", cluster_type="type", cluster_industry="industry",
                                  relations=RelationTable.empty(), auto_relate="taxonomy")
    got = {(a, b): (r, basis) for a, b, r, basis in
           zip(result.pairs["a_industry"], result.pairs["b_industry"], result.pairs["relation"], result.pairs["basis"])}
    assert got[("集成电路（浦东新区）", "电子元器件")] == (SUBORDINATE, "taxonomy")
    assert got[("集成电路（浦东新区）", "钢铁")] == (NO_RELATION, "taxonomy")
    assert result.counts[NO_RELATION] == 2 and result.table_overrides.empty


def test_both_ways_of_joining_related_pairs_give_the_same_result(monkeypatch):
    rng = np.random.default_rng(17)
    vocabulary = list(load_bundled_taxonomy().keywords["keyword"].drop_duplicates())
    cities = [f"c{i}" for i in range(25)] + [None]
    cluster_names = list(rng.choice(vocabulary, 40)) + ["", None]
    belt_names = [k + s for k in rng.choice(vocabulary, 300) for s in rng.choice(["", "配件", "加工"], 1)] + ["螺蛳粉", None]
    clusters = pd.DataFrame({"city": rng.choice(cities, 300), "industry": rng.choice(np.array(cluster_names, dtype=object), 300),
                             "type": rng.choice(["seic", "amc"], 300)})
    belts = pd.DataFrame({"city": rng.choice(cities, 3000), "industry": rng.choice(np.array(belt_names, dtype=object), 3000)})
    results = {}
    for join in ("merge", "matrix"):
        monkeypatch.setattr(matching, "_choose_join", lambda *args, chosen=join: chosen)
        results[join] = match_clusters_to_belts(clusters, belts, relations=None, auto_relate="taxonomy+names",
                                                cluster_type="type", **RUN)
    a, b = results["merge"], results["matrix"]
    pd.testing.assert_frame_equal(a.clusters, b.clusters)
    pd.testing.assert_frame_equal(a.pairs, b.pairs)
    pd.testing.assert_frame_equal(a.summary, b.summary)
    assert len(a.pairs) > 500 and set(a.clusters["match_class"]) >= {"matched", "similar"}


# --- the evaluation against the paper ------------------------------------------------------------------


@pytest.fixture(scope="module")
def evaluation():
    return load_script("eval_relations")


def test_held_out_evaluation_removes_unsourced_terms_of_the_judged_table(evaluation):
    pairs, held_out = evaluation.evaluate("taxonomy+names")
    _, in_sample = evaluation.evaluate("taxonomy+names", held_out=False)
    assert held_out["overall"]["paper_pairs"] == in_sample["overall"]["paper_pairs"] == 56
    for label in ("Table 3", "Table 4", "overall"):
        f = held_out[label]
        assert f["share_paper_matched"] <= f["share_paper_matched_or_similar"]
        # Removing rows can only lose relations the rules found with them.
        assert f["paper_matched_or_similar"] <= in_sample[label]["paper_matched_or_similar"], label
    # The bundled relation table (the paper's own judgements) plays no part.
    assert "relations" not in set(pairs["basis"])
    # A keyword without a basis that is a term of the table is removed; one with a basis stays.
    _, removed = evaluation.held_out_taxonomy({"集成电路"})
    table = evaluation._read(evaluation.BUNDLED_KEYWORDS_PATH)
    sourced = set(table.loc[table["note"].str.startswith(evaluation.BASIS_MARK), "keyword"])
    assert set(removed).isdisjoint(sourced)
    assert ("集成电路" in removed) == ("集成电路" not in sourced)


#: Held-out share of the paper's pairs found matched or similar before issue 15's vocabulary work
#: (README, Evaluation), and at the start of the development/test protocol (2026-12-04 17:45 UTC,
#: the vocabulary from sources without the published groupings and code-name words). The target (80 %)
#: is not met on either table, so the tests hold the figures above the later of the two.
BASELINE_MATCHED_OR_SIMILAR = {"Table 3": 14 / 33, "Table 4": 13 / 25}
PROTOCOL_START_MATCHED_OR_SIMILAR = {"Table 3": 17 / 33, "Table 4": 16 / 25}
#: The held-out figures issue 15's groupings, code-name words and notes products reached (README):
#: a later change must not lose them (still below the 80 % target).
REACHED_MATCHED_OR_SIMILAR = {"Table 3": 23 / 33, "Table 4": 19 / 25}


@pytest.mark.parametrize("label", ["Table 3", "Table 4"])
def test_held_out_figures_meet_the_false_positive_targets_and_beat_the_baseline(evaluation, label):
    # Cross-table figures only: each table judged by the vocabulary built without its pairs. Table 3
    # is the development set, Table 4 the test set (scripts/eval_relations.py).
    assert (evaluation.DEV_TABLE, evaluation.TEST_TABLE) == ("Table 3", "Table 4")
    _, figures = evaluation.evaluate("taxonomy+names", tables=[label])
    f = figures[label]
    assert set(figures) == {label}
    assert f["share_other_matched"] <= evaluation.TARGET_OTHER_MATCHED, f
    assert f["share_other_related"] <= evaluation.TARGET_OTHER_RELATED, f
    assert f["share_paper_matched_or_similar"] > BASELINE_MATCHED_OR_SIMILAR[label], f
    assert f["share_paper_matched_or_similar"] > PROTOCOL_START_MATCHED_OR_SIMILAR[label], f
    assert f["share_paper_matched_or_similar"] >= REACHED_MATCHED_OR_SIMILAR[label], f


def test_cross_type_figures_meet_the_targets(evaluation):
    _, cross = evaluation.evaluate_cross_type("taxonomy+names")
    assert cross["share_related_found"] >= evaluation.TARGET_CROSS_RELATED_FOUND, cross
    assert cross["share_unrelated_related"] <= evaluation.TARGET_CROSS_UNRELATED_RELATED, cross


def test_the_development_run_never_judges_the_test_set(evaluation, monkeypatch):
    judged = []
    original = evaluation._judge

    def spy(pairs, auto_relate, taxonomy):
        judged.append(set(pairs["table"]))
        return original(pairs, auto_relate, taxonomy)

    monkeypatch.setattr(evaluation, "_judge", spy)
    evaluation.evaluate("taxonomy+names", tables=[evaluation.DEV_TABLE])
    assert judged and all(tables == {evaluation.DEV_TABLE} for tables in judged)


def test_cross_type_labels_are_complete_and_judged(evaluation):
    labels, figures = evaluation.evaluate_cross_type("taxonomy+names")
    assert set(labels["relation"]) <= {"identical", "subordinate", "similar", "none"}
    assert (labels["reason"].str.len() > 10).all()
    assert figures["related"] + figures["unrelated"] == len(labels) == 55
    _, none_figures = evaluation.evaluate_cross_type("none")
    # Without automatic relations only the same-name pairs are related.
    assert none_figures["related_found"] == (labels["industry_a"] == labels["industry_b"]).sum()


def test_evaluation_does_not_read_the_bundled_relation_table(evaluation, monkeypatch):
    from clusterbelt.core import relations

    def refuse():
        raise AssertionError("the evaluation must not use the bundled relation table")

    monkeypatch.setattr(relations, "load_bundled_relations", refuse)
    _, figures = evaluation.evaluate("taxonomy")
    assert figures["overall"]["paper_matched"] > 0


def test_evaluation_can_fail(evaluation):
    # Without automatic relations only a same-name pair is found: the targets are not trivial.
    _, figures = evaluation.evaluate("none")
    assert figures["overall"]["share_paper_matched_or_similar"] < 0.1


def test_the_ground_truth_is_what_the_bundled_table_records(evaluation):
    pairs = evaluation.evaluation_pairs()
    paper = pairs[pairs["in_paper"]]
    bundled = relate_keys(load_bundled_relations(), paper["cluster_key"].to_numpy(), paper["belt_key"].to_numpy())
    assert bundled["relation"].isin(list(MATCHING_RELATIONS)).all()


def test_table_3_footnote_ten_clusters_with_two_or_three_matched_belts(evaluation):
    # The footnote of Table 3 holds only if 珠海's 酶/酵素制剂 is two belts (酶, 酵素制剂).
    belts = pd.read_csv(DATA / "belts_sample.csv", dtype=str, keep_default_na=False)
    table3 = pd.read_csv(DATA / "paper" / "table3_seic_matches.csv", dtype=str, keep_default_na=False)
    names = belts.groupby("city")["industry"].apply(set).to_dict()
    counts = [len(evaluation.split_printed(row.matched_belts_zh, names[row.city_zh])) for row in table3.itertuples()]
    assert sum(2 <= n <= 3 for n in counts) == 10
    assert set(belts.loc[belts["city"] == "珠海", "industry"]) == {"酶", "酵素制剂"}
    relations = pd.read_csv(DATA / "industry_relations.csv", dtype=str, keep_default_na=False)
    assert {"酶", "酵素制剂"} <= set(relations["industry_a"]) and "酶/酵素制剂" not in set(relations["industry_a"])


def test_proposals_are_ranked_for_review_and_keep_their_basis(sample):
    from clusterbelt.core.proposals import review_priority

    clusters, belts = sample
    result = propose_relations(clusters, belts, relations=RelationTable.empty(), auto_relate="taxonomy+names", **RUN)
    table = result.table
    assert table["review_priority"].is_monotonic_decreasing
    assert (table["review_priority"] >= 0).all() and table["review_priority"].iloc[0] > 0
    # Every proposed relation says which rule decided it and why (codes, keywords or a link).
    related = table[table["relation"] != "none"]
    assert related["basis"].isin(["taxonomy", "names", "same_name"]).all()
    assert related.loc[related["basis"] == "taxonomy", "note"].str.contains(r"\[codes ").all()
    # The formula: weight x doubt x cities; the analyst's judgements need no review.
    assert review_priority(["identical", "similar", "none", "none", "identical"],
                           ["taxonomy", "names", "taxonomy", "no_relation", "relations"],
                           [0.9, 0.6, float("nan"), float("nan"), 1.0], [2, 1, 1, 3, 5]).tolist() == \
        pytest.approx([0.2, 0.28, 0.2, 1.2, 0.0])
    with_table = propose_relations(clusters, belts, relations=None, auto_relate="taxonomy+names", **RUN).table
    assert (with_table.loc[with_table["basis"] == "relations", "review_priority"] == 0).all()
