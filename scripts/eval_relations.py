#!/usr/bin/env python3
"""Evaluate the automatic industry relations against the paper's own judgements.

Usage:
    python3 scripts/eval_relations.py [--auto-relate taxonomy+names] [--data-dir DIR] [--pairs]

Ground truth: the paper's Tables 3 and 4 (resources/data/paper/table3_seic_matches.csv,
table4_amc_matches.csv) list, for clusters that share their city with a cluster of another
type, the belts of that city the authors judged matched; resources/data/belts_sample.csv holds
those belts. For each table, every (cluster, belt) pair of one city is judged by the automatic
rules ALONE - the bundled relation table (which records the paper's judgements) is replaced by
an empty one, so nothing the paper decided is looked up.

Printed, per table and overall (pairs counted once per city, cluster industry and belt):
- paper pairs found as matched (identical or subordinate), and found as matched or similar;
- other same-city pairs (the paper did not list them) proposed as matched: their share of the
  other pairs, and their share of all proposed matches.
The other pairs are not known to be unrelated - the paper lists only matches, and not always
consistently across cities - so the second figure is an upper bound of the false matches.
"""
import argparse
import pathlib
import sys

import pandas as pd

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "resources" / "data"


sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from plugin_package import import_plugin_package  # noqa: E402

import_plugin_package()
from clusterbelt.core.industry import industry_key  # noqa: E402
from clusterbelt.core.relations import (  # noqa: E402
    MATCHING_RELATIONS, SIMILAR, RelationTable, build_relator, relate_keys,
)

TABLES = (
    ("Table 3", "table3_seic_matches.csv", "cluster_industry_zh"),
    ("Table 4", "table4_amc_matches.csv", "cluster_name_zh"),
)
#: The targets the evaluation is held to (tests/core/test_taxonomy_evaluation.py).
TARGET_MATCHED_OR_SIMILAR = 0.90
TARGET_OUTSIDE_SHARE = 0.20


def split_printed(printed, names):
    """Split the paper's '/'-joined belt list into names the city has (a name may hold '/')."""
    if printed == "":
        return []
    for name in sorted(names, key=len, reverse=True):
        if printed == name:
            return [name]
        if printed.startswith(name + "/"):
            rest = split_printed(printed[len(name) + 1:], names)
            if rest is not None:
                return [name] + rest
    return None


def evaluation_pairs(data_dir=DATA_DIR):
    """Every same-city (cluster, belt) pair of Tables 3 and 4, with ``in_paper``.

    Columns ``table``, ``city``, ``cluster``, ``belt`` (as printed), ``cluster_key``,
    ``belt_key``, ``in_paper`` (the paper lists the pair as matched, in either table for that
    city: 上海's 集成电路 is in both tables). One row per table, city, cluster key and belt key.
    """
    data_dir = pathlib.Path(data_dir)
    belts = pd.read_csv(data_dir / "belts_sample.csv", dtype=str, keep_default_na=False)
    city_belts = belts.groupby("city")["industry"].apply(lambda s: list(dict.fromkeys(s))).to_dict()
    rows = []
    for label, file_name, industry_column in TABLES:
        table = pd.read_csv(data_dir / "paper" / file_name, dtype=str, keep_default_na=False)
        for record in table.itertuples():
            city = record.city_zh
            cluster = getattr(record, industry_column)
            names = city_belts.get(city, [])
            listed = split_printed(record.matched_belts_zh, set(names))
            if listed is None:
                raise ValueError(f"{label} {city} {cluster}: {record.matched_belts_zh!r} is not made of the sample's belts")
            for belt in names:
                rows.append((label, city, cluster, belt, belt in listed))
    pairs = pd.DataFrame(rows, columns=["table", "city", "cluster", "belt", "listed"])
    pairs["cluster_key"] = pairs["cluster"].map(industry_key)
    pairs["belt_key"] = pairs["belt"].map(industry_key)
    listed = pairs[pairs["listed"]]
    paper = set(zip(listed["city"], listed["cluster_key"], listed["belt_key"]))
    pairs["in_paper"] = [t in paper for t in zip(pairs["city"], pairs["cluster_key"], pairs["belt_key"])]
    pairs = pairs.drop(columns="listed").drop_duplicates(["table", "city", "cluster_key", "belt_key"])
    return pairs.reset_index(drop=True)


def _figures(frame):
    paper = frame[frame["in_paper"]]
    other = frame[~frame["in_paper"]]
    matched = frame["relation"].isin(list(MATCHING_RELATIONS))
    proposed = int(matched.sum())
    other_matched = int(matched[~frame["in_paper"]].sum())
    return {
        "paper_pairs": len(paper),
        "paper_matched": int(paper["relation"].isin(list(MATCHING_RELATIONS)).sum()),
        "paper_matched_or_similar": int(paper["relation"].isin([*MATCHING_RELATIONS, SIMILAR]).sum()),
        "other_pairs": len(other),
        "other_matched": other_matched,
        "proposed_matches": proposed,
        "share_paper_matched": len(paper) and int(paper["relation"].isin(list(MATCHING_RELATIONS)).sum()) / len(paper),
        "share_paper_matched_or_similar": len(paper) and int(paper["relation"].isin([*MATCHING_RELATIONS, SIMILAR]).sum()) / len(paper),
        "share_other_matched": len(other) and other_matched / len(other),
        "share_matches_outside_paper": proposed and other_matched / proposed,
    }


def evaluate(auto_relate="taxonomy+names", data_dir=DATA_DIR, taxonomy=None):
    """Judge every evaluation pair with the automatic rules only (an empty relation table).

    Returns ``(pairs, figures)``: the pairs of :func:`evaluation_pairs` with ``relation``,
    ``basis``, ``score``, ``note``; ``figures`` maps ``Table 3``, ``Table 4`` and ``overall``
    (pairs of both tables, each city/cluster/belt once) to the counts and shares.
    """
    pairs = evaluation_pairs(data_dir)
    relator = build_relator(RelationTable.empty(source="(disabled for the evaluation)"), auto_relate, taxonomy=taxonomy)
    decided = relate_keys(relator, pairs["cluster_key"].to_numpy(), pairs["belt_key"].to_numpy())
    pairs = pd.concat([pairs, decided[["relation", "basis", "score", "note"]]], axis=1)
    pairs["relation"] = pairs["relation"].fillna("none")
    figures = {label: _figures(pairs[pairs["table"] == label]) for label, _, _ in TABLES}
    figures["overall"] = _figures(pairs.drop_duplicates(["city", "cluster_key", "belt_key"]))
    return pairs, figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--auto-relate", default="taxonomy+names", help="none, taxonomy or taxonomy+names")
    parser.add_argument("--data-dir", default=str(DATA_DIR))
    parser.add_argument("--pairs", action="store_true", help="also list every paper pair and every proposed match")
    args = parser.parse_args()
    pairs, figures = evaluate(args.auto_relate, args.data_dir)
    print(f"Automatic relations ({args.auto_relate}) against the paper's Tables 3 and 4; "
          "the bundled relation table is NOT used.\n")
    print(f"{'':<9} {'paper pairs':>11} {'matched':>15} {'matched/similar':>17} "
          f"{'other pairs':>11} {'other matched':>15} {'matches outside paper':>22}")
    for label, f in figures.items():
        print(f"{label:<9} {f['paper_pairs']:>11} "
              f"{f['paper_matched']:>5} ({100 * f['share_paper_matched']:5.1f} %) "
              f"{f['paper_matched_or_similar']:>5} ({100 * f['share_paper_matched_or_similar']:5.1f} %) "
              f"{f['other_pairs']:>11} {f['other_matched']:>5} ({100 * f['share_other_matched']:5.1f} %) "
              f"{f['other_matched']:>5}/{f['proposed_matches']:<4} ({100 * f['share_matches_outside_paper']:5.1f} %)")
    overall = figures["overall"]
    print(f"\nTargets: paper pairs found as matched or similar >= {100 * TARGET_MATCHED_OR_SIMILAR:.0f} % "
          f"(overall {100 * overall['share_paper_matched_or_similar']:.1f} %); proposed matches outside the paper's pairs "
          f"<= {100 * TARGET_OUTSIDE_SHARE:.0f} % (overall {100 * overall['share_matches_outside_paper']:.1f} %).")
    missed = pairs[pairs["in_paper"] & ~pairs["relation"].isin([*MATCHING_RELATIONS, SIMILAR])]
    print(f"\nPaper pairs not found ({len(missed)}):")
    for row in missed.itertuples():
        print(f"  {row.table} {row.city}: {row.cluster} / {row.belt}: {row.relation} ({row.note or row.basis or 'no rule'})")
    extra = pairs[~pairs["in_paper"] & pairs["relation"].isin(list(MATCHING_RELATIONS))]
    print(f"\nProposed matches the paper does not list ({len(extra)}):")
    for row in extra.itertuples():
        print(f"  {row.table} {row.city}: {row.cluster} / {row.belt}: {row.relation} {row.score:.2f} ({row.note})")
    if args.pairs:
        print("\nEvery paper pair:")
        for row in pairs[pairs["in_paper"]].itertuples():
            print(f"  {row.table} {row.city}: {row.cluster} / {row.belt}: {row.relation} [{row.basis}] {row.note}")


if __name__ == "__main__":
    main()
