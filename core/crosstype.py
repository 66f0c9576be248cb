"""Relations between clusters of different types in one city (method.md section 6).

Every unordered pair of cluster records that share a city key and differ in type is listed
once, with the relation of their industries decided by the same relator as the matching.
Side ``a`` is the record that comes first in the input. Records with no city key or no type
cannot be paired; they are counted, not listed.
"""
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import schema
from .columns import NO_TYPE, city_key_text, column_values, require_table, text_or_empty, type_labels
from .industry import industry_keys
from .relations import A_IN_B, B_IN_A, NO_RELATION, RELATIONS, build_relator, relate_keys, table_overrides

BASIS_NO_RELATION = "no_relation"
BASIS_EMPTY_INDUSTRY = "empty_industry"
#: Columns after the prefixed input fields.
RELATION_COLUMNS = schema.CROSS_TYPE.engine_columns()


@dataclass
class CrossTypeResult:
    """What :func:`cross_type_relations` returns.

    - ``pairs``: ``a_<field>`` and ``b_<field>`` for every input column, then
      ``city_key``, ``relation`` (identical, subordinate, similar, or ``none``), ``direction``
      (``a_in_b``, ``b_in_a`` or ``""``), ``basis`` (``relations``, ``same_name``,
      ``taxonomy``, ``names``, ``no_relation``, ``empty_industry``; a ``none`` pair judged
      unrelated by the table or the taxonomy keeps that basis), ``score`` (NaN when
      unrelated) and ``note``.
    - ``counts``: pairs per relation (every value of :data:`.relations.RELATIONS` and ``none``).
    - ``accounting``: ``clusters_input``, ``clusters_no_city``, ``clusters_no_type``.
    - ``table_overrides``: the distinct industry pairs on which the relation table overrode
      the taxonomy (:func:`.relations.table_overrides`; empty without AUTO_RELATE).
    """

    pairs: pd.DataFrame
    counts: dict
    accounting: dict = field(default_factory=dict)
    table_overrides: pd.DataFrame = field(default_factory=pd.DataFrame)


def cross_type_relations(
    clusters,
    *,
    cluster_city,
    cluster_type,
    cluster_industry,
    relations=None,
    auto_relate="none",
    related_only=False,
    taxonomy=None,
):
    """Pairs of clusters of different types in the same city, with their relation.

    ``cluster_city``: column name or aligned array of resolved city keys; ``cluster_type``
    and ``cluster_industry``: column names. ``relations``/``auto_relate``/``taxonomy``: as for
    :func:`.matching.match_clusters_to_belts`. ``related_only`` drops the unrelated pairs.
    Pairs are sorted by the input position of side a, then of side b.
    """
    require_table(clusters, "clusters")
    relator = build_relator(relations, auto_relate, taxonomy=taxonomy)
    city = city_key_text(column_values(clusters, cluster_city, "cluster_city", "clusters"))
    kind = type_labels(column_values(clusters, cluster_type, "cluster_type", "clusters"))
    key = industry_keys(text_or_empty(column_values(clusters, cluster_industry, "cluster_industry", "clusters")))
    has_city = np.array([c is not None for c in city], dtype=bool)
    has_type = kind != NO_TYPE
    usable = np.flatnonzero(has_city & has_type)

    side = pd.DataFrame({"row": usable, "city": city[usable], "type": kind[usable], "key": key[usable]})
    joined = side.merge(side, on="city", suffixes=("_a", "_b"))
    joined = joined[(joined["row_a"] < joined["row_b"]) & (joined["type_a"] != joined["type_b"])]
    joined = joined.sort_values(["row_a", "row_b"], kind="stable").reset_index(drop=True)

    decided = relate_keys(relator, joined["key_a"].to_numpy(), joined["key_b"].to_numpy())
    empty = (joined["key_a"] == "").to_numpy() | (joined["key_b"] == "").to_numpy()
    unrelated = decided["relation"].isna().to_numpy()
    relation = decided["relation"].where(~unrelated, NO_RELATION).to_numpy(dtype=object)
    basis = decided["basis"].to_numpy(dtype=object).copy()
    basis[unrelated] = BASIS_NO_RELATION
    basis[unrelated & empty] = BASIS_EMPTY_INDUSTRY

    a_rows = clusters.iloc[joined["row_a"].to_numpy()].reset_index(drop=True)
    b_rows = clusters.iloc[joined["row_b"].to_numpy()].reset_index(drop=True)
    a_rows.columns = [f"a_{c}" for c in clusters.columns]
    b_rows.columns = [f"b_{c}" for c in clusters.columns]
    pairs = pd.concat([a_rows, b_rows], axis=1)
    pairs["city_key"] = joined["city"].to_numpy(dtype=object)
    pairs["relation"] = relation
    pairs["direction"] = decided["direction"].fillna("").to_numpy(dtype=object)
    pairs["basis"] = basis
    pairs["score"] = decided["score"].to_numpy(dtype=float)
    pairs["note"] = decided["note"].fillna("").to_numpy(dtype=object)
    if related_only:
        pairs = pairs[pairs["relation"] != NO_RELATION].reset_index(drop=True)

    counts = {r: int((relation == r).sum()) for r in (*RELATIONS, NO_RELATION)}
    accounting = {
        "clusters_input": int(len(clusters)),
        "clusters_no_city": int((~has_city).sum()),
        "clusters_no_type": int((has_city & ~has_type).sum()),
    }
    return CrossTypeResult(pairs, counts, accounting, table_overrides(relator))


__all__ = ["A_IN_B", "B_IN_A", "CrossTypeResult", "cross_type_relations"]
