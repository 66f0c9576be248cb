"""The matching against the paper: Tables 1, 3 and 4 (method.md section 5)."""
import pathlib
import sys

import numpy as np
import pandas as pd
import pytest

from clusterbelt.core.cities import resolve_city_keys
from clusterbelt.core.industry import industry_key
from clusterbelt.core.matching import BELT_SEPARATOR, MATCHED, match_clusters_to_belts, round_half_up
from clusterbelt.core.relations import MATCHING_RELATIONS, RelationTable, load_bundled_relations, relate_keys

DATA = pathlib.Path(__file__).resolve().parents[2] / "resources" / "data"
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "scripts"))
# The paper's '/'-joined belt lists are split the same way here and in the evaluation script.
from eval_relations import split_printed  # noqa: E402

PAPER = DATA / "paper"


@pytest.fixture(scope="module")
def belts():
    return pd.read_csv(DATA / "belts_sample.csv", dtype={"belt_id": str, "city": str, "industry": str, "source": str})


@pytest.fixture(scope="module")
def paper_rows():
    """Rows of Tables 3 and 4 as (table, city, type, cluster industry, matched belts as printed)."""
    t3 = pd.read_csv(PAPER / "table3_seic_matches.csv", dtype=str)
    t4 = pd.read_csv(PAPER / "table4_amc_matches.csv", dtype=str)
    frame = pd.concat(
        [
            pd.DataFrame({"table": "paper Table 3", "city": t3["city_zh"], "cluster_type": t3["cluster_type"],
                          "industry": t3["cluster_industry_zh"], "printed": t3["matched_belts_zh"]}),
            pd.DataFrame({"table": "paper Table 4", "city": t4["city_zh"], "cluster_type": t4["cluster_type"],
                          "industry": t4["cluster_name_zh"], "printed": t4["matched_belts_zh"]}),
        ],
        ignore_index=True,
    )
    assert len(frame) == 21 + 17
    return frame


@pytest.fixture(scope="module")
def paper_pairs(paper_rows, belts):
    """Every (row of Table 3/4, belt name) pair the paper prints, split against the sample belts."""
    pairs = []
    for row in paper_rows.itertuples():
        city_belts = set(belts.loc[belts["city"] == row.city, "industry"])
        listed = split_printed(row.printed, city_belts)
        assert listed, f"{row.table} {row.city} {row.industry}: {row.printed!r} is not made of the sample's belts {city_belts}"
        pairs.extend((row.Index, row.table, row.city, row.industry, name) for name in listed)
    return pd.DataFrame(pairs, columns=["row", "table", "city", "industry", "belt"])


def test_sample_belts_are_exactly_the_belts_the_tables_name(paper_pairs, belts):
    named = paper_pairs.groupby(["city", "belt"])["table"].agg(lambda t: "; ".join(sorted(set(t)))).reset_index()
    sample = belts.rename(columns={"industry": "belt"})[["city", "belt", "source"]]
    both = named.merge(sample, on=["city", "belt"], how="outer", indicator=True)
    assert (both["_merge"] == "both").all(), both[both["_merge"] != "both"]
    assert (both["table"] == both["source"]).all(), both[both["table"] != both["source"]]
    assert not belts.duplicated(["city", "industry"]).any()
    assert belts["belt_id"].is_unique
    assert (belts["year"] == 2021).all()


def test_bundled_relations_judge_every_printed_pair_a_match(paper_pairs):
    decided = relate_keys(
        # the same-name rule is not involved: only the table itself
        load_bundled_relations(),
        [industry_key(i) for i in paper_pairs["industry"]],
        [industry_key(b) for b in paper_pairs["belt"]],
    )
    missing = paper_pairs[~decided["relation"].isin(list(MATCHING_RELATIONS)).to_numpy()]
    assert missing.empty, missing


def test_every_printed_pair_is_found_matched_with_the_bundled_data(paper_rows, paper_pairs, belts):
    clusters = paper_rows.assign(city_key=resolve_city_keys(paper_rows["city"]))
    result = match_clusters_to_belts(
        clusters, belts,
        cluster_city="city_key", cluster_industry="industry", cluster_type="cluster_type",
        belt_city=resolve_city_keys(belts["city"]), belt_industry="industry", belt_year="year", years={2021},
    )
    out = result.clusters
    assert len(out) == len(clusters)
    assert (out["match_class"] == MATCHED).all(), out[out["match_class"] != MATCHED]
    for pair in paper_pairs.itertuples():
        listed = out.loc[pair.row, "matched_belts"].split(BELT_SEPARATOR)
        assert pair.belt in listed, (pair.city, pair.industry, pair.belt, listed)
        in_pairs = result.pairs[(result.pairs["cluster_index"] == pair.row) & (result.pairs["belt_industry"] == pair.belt)]
        assert len(in_pairs) == 1
        assert in_pairs["relation"].iloc[0] in MATCHING_RELATIONS
        assert in_pairs["score"].iloc[0] == 1.0
    # The summary counts these 38 records, all matched.
    total = result.summary.set_index("cluster_type").loc["total"]
    assert (total["clusters"], total["matched"]) == (38, 38)


def test_relations_apply_to_every_city_not_only_the_one_printed(paper_rows, belts):
    """A judgement made for one city is reused in another: 智能制造装备-电子元器件 (常州) in 深圳."""
    clusters = paper_rows.assign(city_key=resolve_city_keys(paper_rows["city"]))
    result = match_clusters_to_belts(
        clusters, belts, cluster_city="city_key", cluster_industry="industry",
        belt_city=resolve_city_keys(belts["city"]), belt_industry="industry",
    )
    shenzhen = result.clusters[(result.clusters["city"] == "深圳") & (result.clusters["industry"] == "智能制造装备")]
    assert shenzhen["matched_belts"].iloc[0].split(BELT_SEPARATOR) == ["智能设备", "电子元器件"]


def synthetic_table1(paper):
    """Clusters and belts built so each type has exactly Table 1's matched and similar counts.

    Each cluster has a city of its own. A matched cluster's city has a belt of the same
    industry, a similar one a belt related by a 'similar' judgement, and of the others half
    have an unrelated belt and half none at all.
    """
    relations = RelationTable.from_frame(pd.DataFrame(
        {"industry_a": ["储能"], "industry_b": ["电池"], "relation": ["similar"], "note": ["test"]}))
    clusters, belts = [], []
    for row in paper.itertuples():
        if row.cluster_type == "total":
            continue
        for i in range(row.clusters):
            city = f"{row.cluster_type}-{i}"
            clusters.append({"city": city, "type": row.cluster_type, "industry": "电池产业集群"})
            if i < row.with_identical_belt:
                belts.append({"city": city, "industry": "电池"})
            elif i < row.with_identical_belt + row.with_similar_belt:
                belts.append({"city": city, "industry": "储能"})
                belts.append({"city": city, "industry": "服装"})
            elif i % 2:
                belts.append({"city": city, "industry": "服装"})
    return pd.DataFrame(clusters), pd.DataFrame(belts), relations


def test_table1_arithmetic_reproduces_the_paper():
    paper = pd.read_csv(PAPER / "table1_match_summary.csv")
    clusters, belts, relations = synthetic_table1(paper)
    result = match_clusters_to_belts(
        clusters, belts, cluster_city="city", cluster_industry="industry", cluster_type="type",
        belt_city="city", belt_industry="industry", relations=relations,
    )
    summary = result.summary.set_index("cluster_type")
    assert list(summary.index) == ["seic", "icp", "amc", "total"]
    for row in paper.itertuples():
        mine = summary.loc[row.cluster_type]
        assert mine["clusters"] == row.clusters
        assert mine["matched"] == row.with_identical_belt
        assert mine["similar"] == row.with_similar_belt
        assert mine["clusters"] == mine["matched"] + mine["similar"] + mine["none"] + mine["no_belt_in_city"]
        # The paper prints one decimal, rounded half up (amc: 18/32 = 56.25 -> 56.3).
        assert round_half_up(mine["matched_pct"], 1) == row.identical_rate_pct
        assert round_half_up(mine["similar_pct"], 1) == row.similar_rate_pct
        assert round_half_up(mine["matched_or_similar_pct"], 1) == row.identical_or_similar_rate_pct
    # Rates are stored unrounded.
    assert summary.loc["amc", "matched_pct"] == pytest.approx(56.25, abs=1e-12)
    assert summary.loc["total", "matched_pct"] == pytest.approx(100 * 71 / 159, abs=1e-12)


def test_round_half_up_is_not_bankers_rounding():
    assert round_half_up(56.25, 1) == 56.3
    assert round_half_up(43.75, 1) == 43.8
    assert round_half_up(100 * 63 / 158, 1) == 39.9
    assert np.isnan(round_half_up(float("nan")))
