"""A proposed relation table for the analyst to review (engine of ``clusterbelt:proposerelations``).

The paper's authors judged every cluster-belt relation by hand. :func:`propose_relations`
lists every pair of a cluster industry and a belt industry that share at least one city, with
the relation the rules give it (the analyst's table first, then same-name, the taxonomy and
name similarity; see :mod:`.relations` and :mod:`.taxonomy`), the rule (``basis``), a
``score`` and a ``note`` that explains it. The analyst reviews and edits the table and feeds
it back as RELATIONS: :meth:`.relations.RelationTable.from_frame` reads it (the extra columns
are ignored; a row left at ``none`` records "judged unrelated" and vetoes automatic relations).
"""
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import schema
from .columns import city_key_text, column_values, require_table, text_or_empty
from .frames import map_distinct
from .industry import industry_keys
from .industry_names import MAX_NAME_CHARS
from .relations import (
    B_IN_A,
    BASIS_RELATIONS,
    BASIS_SAME_NAME,
    BASIS_TAXONOMY,
    IDENTICAL,
    NO_RELATION,
    RELATIONS,
    SIMILAR,
    SUBORDINATE,
    auto_relate_mode,
    build_relator,
    relate_keys,
    table_overrides,
)

#: Columns of the proposed table. The first six are a relation table (``subordinate``:
#: ``industry_a`` belongs to ``industry_b``); the others help the review.
PROPOSAL_COLUMNS = schema.PROPOSALS.engine_columns()
#: ``basis`` of a pair no rule relates.
BASIS_NO_RELATION = "no_relation"
#: Cities listed per pair in ``cities`` (the rest are counted: ``... (+N)``).
CITIES_LISTED = 10
_RANK = {IDENTICAL: 0, SUBORDINATE: 1, SIMILAR: 2, NO_RELATION: 3}
#: How much a wrong verdict of each relation would change the result: a wrong match turns a
#: cluster matched, a wrong ``similar`` similar, a wrong ``none`` may hide a match.
REVIEW_WEIGHT = {IDENTICAL: 1.0, SUBORDINATE: 1.0, SIMILAR: 0.7, NO_RELATION: 0.4}
#: Confidence given to verdicts that carry no score: the analyst's table and equal names are
#: settled (1); two terms the taxonomy knows and finds unrelated, fairly sure (0.5); a pair no
#: rule knows anything about, not at all (0).
SETTLED_CONFIDENCE = {BASIS_RELATIONS: 1.0, BASIS_SAME_NAME: 1.0, BASIS_TAXONOMY: 0.5}


def review_priority(relation, basis, score, n_cities):
    """What a reviewer should look at first, per pair (higher first).

    ``weight(relation) x (1 - confidence) x n_cities``: the share of the result a wrong verdict
    would change (:data:`REVIEW_WEIGHT`; a pair meeting in more cities decides more clusters)
    times how unsure the rule was (confidence: its ``score``; for pairs without a score
    :data:`SETTLED_CONFIDENCE`). The analyst's own judgements get 0.
    """
    relation = np.asarray(relation, dtype=object)
    basis = np.asarray(basis, dtype=object)
    score = np.asarray(score, dtype=float)
    settled = np.array([SETTLED_CONFIDENCE.get(b, 0.0) for b in basis])
    confidence = np.where(np.isnan(score), settled, score)
    confidence = np.where(np.isin(basis, [BASIS_RELATIONS, BASIS_SAME_NAME]), 1.0, confidence)
    weight = np.array([REVIEW_WEIGHT[r] for r in relation])
    return np.round(weight * (1.0 - np.clip(confidence, 0.0, 1.0)) * np.asarray(n_cities, dtype=float), 6)


@dataclass
class ProposalResult:
    """What :func:`propose_relations` returns.

    - ``table``: :data:`PROPOSAL_COLUMNS`, one row per distinct (cluster industry, belt
      industry) pair that shares a city, sorted for review: ``review_priority`` first (highest
      first, :func:`review_priority`), then cluster industry (in input order), relation
      (identical, subordinate, similar, none) and score (highest first).
    - ``counts``: pairs per relation (identical, subordinate, similar, none), and
      ``by_basis``: pairs per basis.
    - ``accounting``: ``cluster_records``, ``cluster_no_city``, ``cluster_no_industry``,
      ``belt_records``, ``belt_no_city``, ``belt_no_industry`` (records that cannot be paired,
      counted, not listed), ``pairs``, ``table_overrode_taxonomy``, ``industry_names_cut`` (names
      longer than :data:`.industry_names.MAX_NAME_CHARS` characters, read by their start).
    - ``table_overrides``: the pairs on which the relation table overrode the taxonomy.
    - ``settings``: the relator's description and the mode.
    """

    table: pd.DataFrame
    counts: dict
    accounting: dict
    table_overrides: pd.DataFrame = field(default_factory=pd.DataFrame)
    settings: dict = field(default_factory=dict)


def _side(frame, city_spec, industry_spec, city_role, industry_role, label):
    city = city_key_text(column_values(frame, city_spec, city_role, label))
    names = text_or_empty(column_values(frame, industry_spec, industry_role, label))
    keys = industry_keys(names)
    has_city = np.array([c is not None for c in city], dtype=bool)
    has_key = keys != ""
    usable = has_city & has_key
    combos = pd.DataFrame({"city": city[usable], "key": keys[usable]}).drop_duplicates()
    first_name = pd.Series(names[usable], dtype=object).groupby(keys[usable], sort=False).first()
    accounting = {
        "records": int(len(frame)),
        "no_city": int((~has_city).sum()),
        "no_industry": int((has_city & ~has_key).sum()),
    }
    return combos, first_name, accounting


def _city_list(cities):
    ordered = sorted(cities)
    shown = "、".join(ordered[:CITIES_LISTED])
    return shown + (f" ... (+{len(ordered) - CITIES_LISTED})" if len(ordered) > CITIES_LISTED else "")


def propose_relations(
    clusters,
    belts,
    *,
    cluster_city,
    cluster_industry,
    belt_city,
    belt_industry,
    relations=None,
    auto_relate="taxonomy+names",
    include_unrelated=True,
    taxonomy=None,
):
    """Propose a relation table for every cluster/belt industry pair that shares a city.

    ``clusters``, ``belts``: DataFrames. ``cluster_city``/``belt_city``: column with the
    resolved city key, or an array of keys aligned with the rows; ``cluster_industry``/
    ``belt_industry``: column (or aligned array) of industry names. ``relations``: the
    analyst's table, as for :func:`.relations.build_relator` (None: the bundled table);
    ``auto_relate``: a mode of :data:`.relations.AUTO_RELATE_MODES` (default
    ``taxonomy+names``). ``include_unrelated``: also list the pairs no rule relates (relation
    ``none``), so the analyst can see and judge them.

    Records with no city or an empty industry cannot be paired: they are counted in
    ``accounting``, not listed. Each distinct industry pair is decided once. Taxonomy notes
    say how each term was mapped to codes; an unrelated pair's note says what the taxonomy
    knows of its terms.
    """
    require_table(clusters, "clusters")
    require_table(belts, "belts")
    mode = auto_relate_mode(auto_relate)
    relator = build_relator(relations, mode, taxonomy=taxonomy)
    cluster_combos, cluster_names, cluster_accounting = _side(
        clusters, cluster_city, cluster_industry, "cluster_city", "cluster_industry", "clusters")
    belt_combos, belt_names, belt_accounting = _side(
        belts, belt_city, belt_industry, "belt_city", "belt_industry", "belts")

    shared = cluster_combos.merge(belt_combos, on="city", suffixes=("_cluster", "_belt"))
    grouped = shared.groupby(["key_cluster", "key_belt"], sort=False)["city"]
    pairs = grouped.agg(["size", lambda c: _city_list(set(c))]).reset_index()
    pairs.columns = ["cluster_key", "belt_key", "n_cities", "cities"]
    decided = relate_keys(
        relator, pairs["cluster_key"].to_numpy(dtype=object), pairs["belt_key"].to_numpy(dtype=object))

    relation = decided["relation"].fillna(NO_RELATION).to_numpy(dtype=object)
    basis = decided["basis"].to_numpy(dtype=object).copy()
    basis[decided["relation"].isna().to_numpy()] = BASIS_NO_RELATION
    note = decided["note"].fillna("").to_numpy(dtype=object).copy()
    vocabulary = _taxonomy_of(relator)
    if vocabulary is not None and len(pairs):
        # The review needs to know how each term was read: add it where the taxonomy spoke or
        # no rule related the pair.
        rows = np.flatnonzero((basis == BASIS_TAXONOMY) | (basis == BASIS_NO_RELATION))
        terms = ("[" + map_distinct(vocabulary.explain, pairs["cluster_key"].to_numpy(dtype=object)[rows]) + "; "
                 + map_distinct(vocabulary.explain, pairs["belt_key"].to_numpy(dtype=object)[rows]) + "]")
        lead = np.where(note[rows] != "", note[rows], "no rule relates them").astype(object)
        note[rows] = lead + " " + terms

    cluster_label = pairs["cluster_key"].map(cluster_names).to_numpy(dtype=object)
    belt_label = pairs["belt_key"].map(belt_names).to_numpy(dtype=object)
    direction = decided["direction"].fillna("").to_numpy(dtype=object)
    belt_first = (relation == SUBORDINATE) & (direction == B_IN_A)
    table = pd.DataFrame({
        "industry_a": np.where(belt_first, belt_label, cluster_label),
        "industry_b": np.where(belt_first, cluster_label, belt_label),
        "relation": relation,
        "basis": basis,
        "score": decided["score"].to_numpy(dtype=float),
        "note": note,
        "cluster_industry": cluster_label,
        "belt_industry": belt_label,
        "n_cities": pairs["n_cities"].to_numpy(dtype=np.int64),
        "cities": pairs["cities"].to_numpy(dtype=object),
        "review_priority": review_priority(relation, basis, decided["score"].to_numpy(dtype=float),
                                           pairs["n_cities"].to_numpy()),
    }, columns=list(PROPOSAL_COLUMNS))
    order_of_cluster = {key: i for i, key in enumerate(pd.unique(cluster_combos["key"]))}
    table["_cluster"] = pairs["cluster_key"].map(order_of_cluster).to_numpy()
    table["_rank"] = [_RANK[r] for r in relation]
    table = table.sort_values(["review_priority", "_cluster", "_rank", "score", "belt_industry"],
                              ascending=[False, True, True, False, True], kind="stable", na_position="last")
    table = table.drop(columns=["_cluster", "_rank"]).reset_index(drop=True)
    if not include_unrelated:
        table = table[table["relation"] != NO_RELATION].reset_index(drop=True)

    counts = {r: int((table["relation"] == r).sum()) for r in (*RELATIONS, NO_RELATION)}
    counts["by_basis"] = {str(k): int(v) for k, v in table["basis"].value_counts().items()}
    overrides = table_overrides(relator)
    accounting = {
        "cluster_records": cluster_accounting["records"],
        "cluster_no_city": cluster_accounting["no_city"],
        "cluster_no_industry": cluster_accounting["no_industry"],
        "belt_records": belt_accounting["records"],
        "belt_no_city": belt_accounting["no_city"],
        "belt_no_industry": belt_accounting["no_industry"],
        "pairs": int(len(pairs)),
        "table_overrode_taxonomy": int(len(overrides)),
        # Names so long the rules read only their start (issue 11: one text's cost is bounded).
        "industry_names_cut": int(sum(len(k) > MAX_NAME_CHARS
                                      for k in set(pairs["cluster_key"]) | set(pairs["belt_key"]))),
    }
    settings = {"relator": relator.description, "auto_relate": mode}
    return ProposalResult(table, counts, accounting, overrides, settings)


def _taxonomy_of(relator):
    """The :class:`.taxonomy.Taxonomy` a relator chain uses, or None (AUTO_RELATE none)."""
    for member in getattr(relator, "relators", [relator]):
        found = getattr(member, "taxonomy", None)
        if found is not None and hasattr(found, "explain"):
            return found
    return None


__all__ = ["BASIS_NO_RELATION", "PROPOSAL_COLUMNS", "ProposalResult", "propose_relations", "review_priority"]
