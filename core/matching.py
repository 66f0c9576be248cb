"""Matching clusters to the online industrial belts of their city (method.md section 5).

Every cluster record is compared with every belt *in the same city*; the relation of the two
industries comes from a relator (:mod:`.relations`: the analyst's relation table, then
same-name, then with AUTO_RELATE the taxonomy and name similarity of :mod:`.taxonomy`). A
cluster's class:

- ``matched``: at least one belt of its city is identical or subordinate;
- ``similar``: else, at least one belt is similar;
- ``none``: else (its city has belts, none related);
- ``no_belt_in_city``: its city has no belt at all (after the year filter), or it has no city key.

City keys arrive resolved (see :mod:`.cities`): this module compares them as given, as text
(``440300``, ``440300.0`` and ``" 440300"`` are one key; an empty key is missing).

Speed: relations are decided once per distinct pair of industry keys, and clusters meet belts
through one merge of the distinct (city, cluster industry) and (city, belt industry)
combinations on the city key; no Python loop runs per row.
"""
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from . import schema
from .columns import NO_TYPE, city_key_text, column_values, require_table, text_or_empty, type_labels
from .errors import MAX_YEAR, BadValueError, NeedsFieldError, NotAYearError, NoYearsError
from .frames import frame_with_object_columns, object_series
from .industry import industry_keys
from .relations import (
    A_IN_B,
    B_IN_A,
    IDENTICAL,
    MATCHING_RELATIONS,
    RELATIONS,
    SIMILAR,
    SUBORDINATE,
    auto_relate_mode,
    build_relator,
    table_overrides,
)

MATCHED = "matched"
SIMILAR_CLASS = "similar"
NO_MATCH = "none"
NO_BELT_IN_CITY = "no_belt_in_city"
MATCH_CLASSES = (MATCHED, SIMILAR_CLASS, NO_MATCH, NO_BELT_IN_CITY)

#: ``basis`` of a cluster whose class no relation decided. Matched and similar clusters carry
#: the basis of the relations that decided them (``relations``, ``same_name``, or several
#: joined with "+", e.g. ``relations+same_name``).
BASIS_MISSING_CITY = "missing_city"
BASIS_NO_BELT = "no_belt"
BASIS_EMPTY_INDUSTRY = "empty_industry"
BASIS_NO_RELATION = "no_relation"

#: Joins the belt names in ``matched_belts`` and ``similar_belts``. Not "/", which the paper
#: prints between belts but which a user's belt name may contain (电子/电工).
BELT_SEPARATOR = "; "

#: Summary label of the all-types row (:data:`.columns.NO_TYPE` labels clusters with no type).
TOTAL = "total"
#: Order of the summary rows for the paper's type codes (Table 1); other types follow in the
#: order they first appear.
PAPER_TYPE_ORDER = ("seic", "icp", "amc")

#: Columns :func:`match_clusters_to_belts` adds to the clusters (replacing input columns of the
#: same names, so a previous run's output can be matched again).
OUTPUT_COLUMNS = schema.MATCH.engine_columns()
#: Columns of the pairs and of the summary (core/schema.py declares the fields).
PAIR_COLUMNS = schema.MATCH_PAIRS.engine_columns()
SUMMARY_COLUMNS = schema.MATCH_SUMMARY.engine_columns()

_PAIR_DIRECTION = {A_IN_B: "cluster_in_belt", B_IN_A: "belt_in_cluster", "": ""}


@dataclass
class MatchResult:
    """What :func:`match_clusters_to_belts` returns.

    - ``clusters``: the input clusters (same index, same row order, every row once) plus
      :data:`OUTPUT_COLUMNS`.
    - ``pairs``: one row per related (cluster record, belt record) pair, :data:`PAIR_COLUMNS`
      (None when not asked for). ``cluster_index``/``belt_index`` are the input index labels.
      ``direction`` of a subordinate pair: ``cluster_in_belt`` or ``belt_in_cluster``.
    - ``summary``: :func:`summary_table` of the result (the paper's Table 1).
    - ``belt_accounting``: counts of belt records: ``input``, ``used`` (in a city, in the
      chosen years), ``other_year``, ``no_year`` (excluded by the year filter), ``no_city``
      (excluded: no city key), ``no_industry`` (used and counted in ``n_city_belts``, but
      related to nothing).
    - ``settings``: what the run used (years, relator description, column names), for reports;
      ``table_overrode_taxonomy`` counts the distinct industry pairs of the run on which the
      relation table overrode the taxonomy (0 without AUTO_RELATE).
    - ``table_overrides``: those pairs (:func:`.relations.table_overrides`).
    """

    clusters: pd.DataFrame
    pairs: pd.DataFrame
    summary: pd.DataFrame
    belt_accounting: dict
    settings: dict = field(default_factory=dict)
    table_overrides: pd.DataFrame = field(default_factory=pd.DataFrame)


def round_half_up(value, digits=1):
    """Round as the paper does (56.25 -> 56.3), not to even as Python's round() does."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return value
    quantum = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP))


def year_set(years):
    """The chosen belt years as a sorted tuple of ints; None for every year.

    ``years``: None; one year (``2021``, ``"2021"``); a collection (``{2021, "2019"}``, ``range(2018, 2022)``);
    or a text as the tools take it: ``"2018-2021"``, ``"2018,2020"``, ``"2018-2019, 2021"`` (the separators
    ，、;； and the en dash work too). A blank text is None.
    """
    if years is None:
        return None
    if isinstance(years, str):
        if not years.strip():
            return None
        years = _years_in_text(years)
    elif isinstance(years, (int, np.integer, float)):
        years = [years]
    chosen = set()
    for year in years:
        try:
            number = float(year)
        except (TypeError, ValueError):
            raise NotAYearError(role="years", values=[str(year)]) from None
        if not number.is_integer() or not 1 <= number <= MAX_YEAR:
            raise NotAYearError(role="years", values=[str(year)])
        chosen.add(int(number))
    if not chosen:
        raise NoYearsError(role="years")
    return tuple(sorted(chosen))


_YEAR_SEPARATORS = re.compile("[,，、;；]")


def _years_in_text(text):
    """The years a text names, ranges expanded (checked by :func:`year_set`)."""
    years = []
    for part in _YEAR_SEPARATORS.split(text):
        part = part.strip()
        bounds = [bound.strip() for bound in part.replace("–", "-").split("-")]
        if len(bounds) == 1:
            years += [part] if part else []
            continue
        try:
            low, high = (int(bound) for bound in bounds) if len(bounds) == 2 else (1, 0)
        except ValueError:
            low, high = 1, 0
        if low > high or low < 1 or high > MAX_YEAR:  # checked before a range is listed year by year
            raise NotAYearError(role="years", values=[part])
        years.extend(range(low, high + 1))
    return years


def match_clusters_to_belts(
    clusters,
    belts,
    *,
    cluster_city,
    cluster_industry,
    cluster_type=None,
    belt_city,
    belt_industry,
    belt_year=None,
    years=None,
    relations=None,
    auto_relate="none",
    with_pairs=True,
    taxonomy=None,
):
    """Classify every cluster record by the belts of its city (method.md section 5).

    ``clusters`` and ``belts`` are DataFrames. ``cluster_city``/``belt_city``: the column
    holding the resolved city key, or an array of keys aligned with the rows.
    ``cluster_industry``/``belt_industry``/``cluster_type``/``belt_year``: column names
    (``cluster_type`` and ``belt_year`` optional). ``years``: the belt years that count (an
    int, a set, a range; None = every belt); belts with another or no year are left out and
    counted. ``relations``: see :func:`.relations.build_relator` (None = the bundled table);
    ``auto_relate``: one of :data:`.relations.AUTO_RELATE_MODES` (or its index);
    ``taxonomy``: the :class:`.taxonomy.Taxonomy` of the automatic modes (None: the bundled one).

    Returns a :class:`MatchResult`. Nothing is dropped: every cluster row comes back once,
    whatever its city, industry or type, with these columns added:

    - ``match_class``: one of :data:`MATCH_CLASSES` (see the module docstring). A record with
      no city key is ``no_belt_in_city`` (basis ``missing_city``); one with an empty industry
      in a city with belts is ``none`` (basis ``empty_industry``).
    - ``matched_belts``: the distinct names of the identical or subordinate belts of its city,
      as given, in the order they first appear in the belts table, joined by
      :data:`BELT_SEPARATOR`; ``""`` when there are none.
    - ``similar_belts``: the same for similar belts (listed for matched clusters too).
    - ``n_city_belts``: belt records of its city after the year filter (records without an
      industry included).
    - ``city_key``: the city key as text (None when missing).
    - ``basis``: what decided the class: the rules whose relations did (``relations``,
      ``same_name``, ``taxonomy``, ``names``; joined with "+" when several did, e.g.
      ``relations+taxonomy``) for matched and similar clusters; else ``no_relation``,
      ``empty_industry``, ``no_belt`` or ``missing_city``.
    """
    require_table(clusters, "clusters")
    require_table(belts, "belts")
    relator = build_relator(relations, auto_relate, taxonomy=taxonomy)
    chosen_years = year_set(years)
    if chosen_years is not None and belt_year is None:
        raise NeedsFieldError(role="years", needs="belt_year")

    cluster_side = _read_clusters(clusters, cluster_city, cluster_industry, cluster_type)
    belt_side, accounting = _read_belts(belts, belt_city, belt_industry, belt_year, chosen_years)
    codes = _shared_codes(cluster_side, belt_side)
    cluster_combos, belt_combos = _distinct_combinations(codes)

    related = _related_combinations(cluster_combos, belt_combos, codes.key_names, relator)
    related = related.sort_values(["city", "ckey", "pos"], kind="stable")
    related["belt_name"] = np.asarray(belt_side.label_uniques, dtype=object)[related["label"].to_numpy()]
    match_class, basis, matched_names, similar_names = _classify(codes, cluster_combos, related)

    out = clusters.copy()
    out["match_class"] = match_class
    out["matched_belts"] = matched_names.astype(object)
    out["similar_belts"] = similar_names.astype(object)
    out["n_city_belts"] = codes.c_city_belts.astype(np.int64)
    out["city_key"] = object_series(cluster_side.city, index=out.index)
    out["basis"] = basis

    pairs = None
    if with_pairs:
        pairs = _pair_rows(related, clusters.index, belts.index, cluster_side, belt_side, codes)

    summary = summary_table(match_class, cluster_side.type)
    settings = {
        "years": chosen_years,
        "relator": relator.description,
        "auto_relate": auto_relate_mode(auto_relate),
        # Distinct industry pairs of this run on which the relation table overrode the taxonomy.
        "table_overrode_taxonomy": int(len(table_overrides(relator))),
        "cluster_city": cluster_city if isinstance(cluster_city, str) else "(keys given)",
        "cluster_industry": cluster_industry,
        "cluster_type": cluster_type,
        "belt_city": belt_city if isinstance(belt_city, str) else "(keys given)",
        "belt_industry": belt_industry,
        "belt_year": belt_year,
    }
    return MatchResult(out, pairs, summary, accounting, settings, table_overrides(relator))


@dataclass
class _ClusterColumns:
    """The clusters as the matching reads them, one value per cluster row."""

    city: np.ndarray  # city key text, None where missing
    label: np.ndarray  # the industry as given (text, "" where missing)
    key: np.ndarray  # the industry's comparison key
    type: object  # type labels, or None without a type column


@dataclass
class _BeltColumns:
    """The belts the matching uses (in a chosen year, with a city), in input order."""

    rows: np.ndarray  # their positions in the input
    city: np.ndarray  # city key text
    label_code: np.ndarray  # code of the industry as given, into label_uniques
    label_uniques: object  # the distinct industries as given
    label_key: np.ndarray  # the comparison key of each of label_uniques
    year: object  # the year of each used belt (float), or None without a year column


def _read_clusters(clusters, cluster_city, cluster_industry, cluster_type):
    label = text_or_empty(column_values(clusters, cluster_industry, "cluster_industry", "clusters"))
    types = (type_labels(column_values(clusters, cluster_type, "cluster_type", "clusters"))
             if cluster_type is not None else None)
    if types is not None:
        # Table 1 ends with the row 'total' of every cluster: a type of that name would be a second such row.
        rows = np.flatnonzero(np.asarray([t == TOTAL for t in types], dtype=bool))
        if len(rows):
            raise BadValueError(
                f"{len(rows)} rows have the cluster type '{TOTAL}', the name of Table 1's row of all clusters; "
                "rename that type.", role="cluster_type", field=cluster_type, rows=rows + 1)
    return _ClusterColumns(
        city=city_key_text(column_values(clusters, cluster_city, "cluster_city", "clusters")),
        label=label,
        key=industry_keys(label),
        type=types,
    )


def _read_belts(belts, belt_city, belt_industry, belt_year, chosen_years):
    """The used belts and the count of belt records by what happened to them (``belt_accounting``)."""
    city_all = city_key_text(column_values(belts, belt_city, "belt_city", "belts"))
    label_all = text_or_empty(column_values(belts, belt_industry, "belt_industry", "belts"))
    year_all = (
        pd.to_numeric(pd.Series(column_values(belts, belt_year, "belt_year", "belts")), errors="coerce").to_numpy()
        if belt_year is not None
        else None
    )
    keep = np.ones(len(belts), dtype=bool)
    accounting = {"input": int(len(belts)), "other_year": 0, "no_year": 0}
    if chosen_years is not None:
        no_year = np.isnan(year_all)
        in_years = np.isin(year_all, np.array(chosen_years, dtype=float))
        accounting["no_year"] = int(no_year.sum())
        accounting["other_year"] = int((~no_year & ~in_years).sum())
        keep &= in_years
    has_city = np.array([key is not None for key in city_all], dtype=bool)
    accounting["no_city"] = int((keep & ~has_city).sum())
    keep &= has_city
    rows = np.flatnonzero(keep)
    label_code, label_uniques = pd.factorize(pd.Series(label_all[rows], dtype=object))
    label_key = industry_keys(pd.Series(label_uniques, dtype=object))
    accounting["used"] = int(len(rows))
    accounting["no_industry"] = int((label_key[label_code] == "").sum()) if len(rows) else 0
    side = _BeltColumns(rows=rows, city=city_all[rows], label_code=label_code, label_uniques=label_uniques,
                        label_key=label_key, year=year_all[rows] if year_all is not None else None)
    return side, accounting


@dataclass
class _SharedCodes:
    """Cities and industry keys of both sides coded into one vocabulary each, and what follows per cluster row."""

    c_city_code: np.ndarray  # per cluster row, -1 without a city
    b_city_code: np.ndarray  # per used belt
    city_names: object  # the city key of each city code
    c_key_code: np.ndarray  # per cluster row: its industry key's code
    label_key_code: np.ndarray  # per distinct belt industry: its key's code
    b_label_code: np.ndarray  # per used belt: its industry's code (into the distinct belt industries)
    key_names: np.ndarray  # the industry key of each key code
    empty_key_code: int  # the code of the empty key ("" industry), -2 when there is none
    c_has_city: np.ndarray  # per cluster row
    c_city_belts: np.ndarray  # per cluster row: belts of its city
    c_usable: np.ndarray  # per cluster row: has a city with belts and an industry


def _shared_codes(cluster_side, belt_side):
    city_code, city_names = pd.factorize(pd.Series(np.concatenate([cluster_side.city, belt_side.city]), dtype=object))
    c_city_code = city_code[: len(cluster_side.city)]
    b_city_code = city_code[len(cluster_side.city):]
    n_cities = len(city_names)
    belts_per_city = np.bincount(b_city_code, minlength=n_cities) if n_cities else np.zeros(0, dtype=int)

    key_code, key_names = pd.factorize(pd.Series(np.concatenate([cluster_side.key, belt_side.label_key]), dtype=object))
    c_key_code = key_code[: len(cluster_side.key)]
    key_names = np.asarray(key_names, dtype=object)
    empty_key_code = np.flatnonzero(key_names == "")
    empty_key_code = int(empty_key_code[0]) if len(empty_key_code) else -2

    c_has_city = c_city_code >= 0
    c_city_belts = np.zeros(len(c_city_code), dtype=np.int64)
    c_city_belts[c_has_city] = belts_per_city[c_city_code[c_has_city]]
    return _SharedCodes(
        c_city_code=c_city_code, b_city_code=b_city_code, city_names=city_names, c_key_code=c_key_code,
        label_key_code=key_code[len(cluster_side.key):], b_label_code=belt_side.label_code, key_names=key_names,
        empty_key_code=empty_key_code, c_has_city=c_has_city, c_city_belts=c_city_belts,
        c_usable=c_has_city & (c_city_belts > 0) & (c_key_code != empty_key_code),
    )


def _distinct_combinations(codes):
    """Distinct (city, cluster key) of the usable clusters and distinct (city, belt name) of the belts.

    A belt combination keeps the position its name first appears at in the city (``pos``): the listing
    order of matched_belts. Belts with an empty name are counted but relate to nothing, so they are left out.
    """
    belt_frame = pd.DataFrame({"city": codes.b_city_code, "label": codes.b_label_code})
    belt_combos = belt_frame[~belt_frame.duplicated()].copy()
    belt_combos["pos"] = belt_combos.index.to_numpy()
    belt_combos["bkey"] = codes.label_key_code[belt_combos["label"].to_numpy()]
    belt_combos = belt_combos[belt_combos["bkey"] != codes.empty_key_code]
    usable = codes.c_usable
    cluster_combos = pd.DataFrame(
        {"city": codes.c_city_code[usable], "ckey": codes.c_key_code[usable]}
    ).drop_duplicates()
    return cluster_combos, belt_combos


def _classify(codes, cluster_combos, related):
    """Per cluster row: (match_class, basis, matched belt names, similar belt names)."""
    is_matching = related["relation"].isin(list(MATCHING_RELATIONS)).to_numpy()
    is_similar = (related["relation"] == SIMILAR).to_numpy()
    per_combo = cluster_combos.merge(_belt_lists(related[is_matching], "matched"), on=["city", "ckey"], how="left")
    per_combo = per_combo.merge(_belt_lists(related[is_similar], "similar"), on=["city", "ckey"], how="left")

    rows = pd.DataFrame({"city": codes.c_city_code, "ckey": codes.c_key_code})
    rows = rows.merge(per_combo, on=["city", "ckey"], how="left")  # left merge keeps row order
    matched_names = rows["matched_belts"].fillna("").to_numpy(dtype=object)
    similar_names = rows["similar_belts"].fillna("").to_numpy(dtype=object)
    matched_basis = rows["matched_basis"].fillna("").to_numpy(dtype=object)
    similar_basis = rows["similar_basis"].fillna("").to_numpy(dtype=object)
    usable, has_city, city_belts = codes.c_usable, codes.c_has_city, codes.c_city_belts
    has_matched = usable & (matched_names != "")
    has_similar = usable & ~has_matched & (similar_names != "")

    match_class = np.full(len(rows), NO_MATCH, dtype=object)
    basis = np.full(len(rows), BASIS_NO_RELATION, dtype=object)
    no_belt = ~has_city | (city_belts == 0)
    match_class[no_belt] = NO_BELT_IN_CITY
    basis[has_city & (city_belts == 0)] = BASIS_NO_BELT
    basis[~has_city] = BASIS_MISSING_CITY
    basis[~no_belt & (codes.c_key_code == codes.empty_key_code)] = BASIS_EMPTY_INDUSTRY
    match_class[has_matched] = MATCHED
    basis[has_matched] = matched_basis[has_matched]
    match_class[has_similar] = SIMILAR_CLASS
    basis[has_similar] = similar_basis[has_similar]
    return match_class, basis, np.where(usable, matched_names, ""), np.where(usable, similar_names, "")


_RELATED_COLUMNS = ["relation", "direction", "basis", "score", "note"]


def _decide(relator, key_names, ckeys, bkeys):
    """The related ones among distinct (cluster key code, belt key code) pairs, with their relation."""
    if not len(ckeys):
        empty = pd.DataFrame({"ckey": np.zeros(0, dtype=np.int64), "bkey": np.zeros(0, dtype=np.int64)})
        for column in _RELATED_COLUMNS:
            empty[column] = pd.Series([], dtype=float if column == "score" else object)
        return empty
    decided = relator.relate(pd.DataFrame({"industry_a": key_names[ckeys], "industry_b": key_names[bkeys]}))
    # A decided "none" (judged unrelated) is no relation for the matching.
    keep = decided["relation"].isin(RELATIONS).to_numpy()
    related = decided.loc[keep, _RELATED_COLUMNS].reset_index(drop=True)
    related.insert(0, "ckey", np.asarray(ckeys, dtype=np.int64)[keep])
    related.insert(1, "bkey", np.asarray(bkeys, dtype=np.int64)[keep])
    return related


def _related_combinations(cluster_combos, belt_combos, key_names, relator):
    """Related (city, cluster key, belt name) combinations, each distinct industry pair decided once.

    When the relator can name the pairs it might relate (a relation table and the same-name
    rule can), only those are decided. Otherwise two equivalent strategies, the cheaper chosen
    by counting rows before building any:
    ``per_city`` pairs every cluster industry with every belt name of its city (one merge on the
    city) and decides the distinct industry pairs found; ``all_pairs`` decides every pair of a
    cluster industry and a belt industry present anywhere, keeps the related ones and joins
    those back to the cities. The first wins when cities hold few industries, the second when
    the vocabularies are small next to the number of cities (the usual case: a few thousand
    belt industries, a few hundred cluster industries, hundreds of cities).
    """
    cluster_keys = pd.unique(cluster_combos["ckey"].to_numpy())
    belt_keys = pd.unique(belt_combos["bkey"].to_numpy())
    strategy, known = _choose_strategy(relator, key_names, cluster_keys, belt_keys, cluster_combos, belt_combos)
    if strategy == "candidates":
        # The relator names the only pairs it can relate: decide those, not the whole vocabulary.
        codes = pd.Index(key_names)
        related_pairs = _decide(
            relator, key_names, codes.get_indexer(known["industry_a"]), codes.get_indexer(known["industry_b"])
        )
        return _join_related(cluster_combos, belt_combos, related_pairs)
    if strategy == "all_pairs":
        related_pairs = _decide(
            relator, key_names, np.repeat(cluster_keys, len(belt_keys)), np.tile(belt_keys, len(cluster_keys))
        )
        return _join_related(cluster_combos, belt_combos, related_pairs)

    candidates = cluster_combos.merge(belt_combos, on="city", how="inner")
    n_keys = max(len(key_names), 1)
    pair_code = candidates["ckey"].to_numpy(dtype=np.int64) * n_keys + candidates["bkey"].to_numpy(dtype=np.int64)
    distinct_codes = pd.unique(pair_code)
    related_pairs = _decide(relator, key_names, distinct_codes // n_keys, distinct_codes % n_keys)
    position = pd.Index(
        related_pairs["ckey"].to_numpy(dtype=np.int64) * n_keys + related_pairs["bkey"].to_numpy(dtype=np.int64)
    ).get_indexer(pair_code)
    found = position >= 0
    related = candidates[found].reset_index(drop=True)
    chosen = related_pairs.iloc[position[found]].reset_index(drop=True)
    for column in _RELATED_COLUMNS:
        related[column] = chosen[column].to_numpy()
    return related


def _choose_strategy(relator, key_names, cluster_keys, belt_keys, cluster_combos, belt_combos):
    """(strategy, candidate pairs) for :func:`_related_combinations`.

    ``("candidates", pairs)`` when the relator names the pairs it might relate, else ``("all_pairs", None)``
    or ``("per_city", None)``, whichever builds fewer rows. (Tests replace this function to run each way.)
    """
    known = relator.candidate_pairs(key_names[cluster_keys], key_names[belt_keys])
    if known is not None:
        return "candidates", known
    all_pairs_rows = len(cluster_keys) * len(belt_keys)
    per_city_rows = int(
        (cluster_combos.groupby("city").size() * belt_combos.groupby("city").size()).fillna(0).sum()
    )
    return ("all_pairs" if all_pairs_rows <= per_city_rows else "per_city"), None


#: Joining through a matrix of cluster keys x belt keys is used only up to this many cells
#: (4 bytes each).
_MATRIX_CELLS_MAX = 20_000_000
#: ... and only when the merge would first build more rows than this.
_MATRIX_FROM_ROWS = 1_000_000


def _join_related(cluster_combos, belt_combos, related_pairs):
    """The related (city, cluster key, belt name) combinations, from the related key pairs.

    The plain way, two merges, first expands every (city, cluster key) by all the belt keys
    related to it anywhere and only then keeps those present in the city. With many relations
    (automatic ones relate a cluster industry to thousands of belt industries) that
    intermediate dwarfs the result, so the join is then done city by city through a matrix
    holding, for each (cluster key, belt key), its row in ``related_pairs`` (-1: unrelated):
    a city's cluster keys x its belt keys is one fancy-indexing step. Both ways give the same
    rows (the caller sorts them).
    """
    columns = (list(cluster_combos.columns) + [c for c in related_pairs.columns if c != "ckey"]
               + [c for c in belt_combos.columns if c not in ("city", "bkey")])
    if related_pairs.empty or _choose_join(cluster_combos, related_pairs) == "merge":
        return cluster_combos.merge(related_pairs, on="ckey").merge(belt_combos, on=["city", "bkey"])[columns]
    return _join_by_matrix(cluster_combos, belt_combos, related_pairs, columns)


def _choose_join(cluster_combos, related_pairs):
    """"matrix" when the plain merge would build a large intermediate and the matrix is small enough, else
    "merge". (Tests replace this function to run each way.)"""
    cells = related_pairs["ckey"].nunique() * related_pairs["bkey"].nunique()
    per_cluster_key = related_pairs["ckey"].value_counts()
    expanded = int(cluster_combos["ckey"].map(per_cluster_key).fillna(0).sum())
    return "matrix" if expanded > _MATRIX_FROM_ROWS and cells <= _MATRIX_CELLS_MAX else "merge"


def _join_by_matrix(cluster_combos, belt_combos, related_pairs, columns):
    """:func:`_join_related` city by city through the matrix of (cluster key, belt key) -> row of related_pairs."""
    cluster_keys = np.unique(related_pairs["ckey"].to_numpy(dtype=np.int64))
    belt_keys = np.unique(related_pairs["bkey"].to_numpy(dtype=np.int64))

    row_type = np.int32 if len(related_pairs) < 2**31 else np.int64
    position = np.full((len(cluster_keys), len(belt_keys)), -1, dtype=row_type)
    position[
        np.searchsorted(cluster_keys, related_pairs["ckey"].to_numpy(dtype=np.int64)),
        np.searchsorted(belt_keys, related_pairs["bkey"].to_numpy(dtype=np.int64)),
    ] = np.arange(len(related_pairs))

    def rows_by_city(frame, column, keys):
        values = frame[column].to_numpy(dtype=np.int64)
        at = np.minimum(np.searchsorted(keys, values), max(len(keys) - 1, 0))
        usable = np.flatnonzero(keys[at] == values)
        city = frame["city"].to_numpy(dtype=np.int64)[usable]
        order = np.argsort(city, kind="stable")
        usable, city = usable[order], city[order]
        starts = np.flatnonzero(np.r_[True, city[1:] != city[:-1]]) if len(city) else np.zeros(0, dtype=np.int64)
        bounds = np.r_[starts, len(city)]
        return {int(city[b]): (usable[b:e], at[usable[b:e]]) for b, e in zip(bounds[:-1], bounds[1:])}

    cluster_rows = rows_by_city(cluster_combos, "ckey", cluster_keys)
    belt_rows = rows_by_city(belt_combos, "bkey", belt_keys)
    found_c, found_b, found_r = [], [], []
    for city, (c_rows, c_at) in cluster_rows.items():
        if city not in belt_rows:
            continue
        b_rows, b_at = belt_rows[city]
        block = position[np.ix_(c_at, b_at)]
        i, j = np.nonzero(block >= 0)
        found_c.append(c_rows[i])
        found_b.append(b_rows[j])
        found_r.append(block[i, j])
    if not found_c:
        return cluster_combos.merge(related_pairs, on="ckey").merge(belt_combos, on=["city", "bkey"])[columns]
    found_c, found_b, found_r = np.concatenate(found_c), np.concatenate(found_b), np.concatenate(found_r)
    data = {}
    for column in columns:
        source, rows = (
            (cluster_combos, found_c) if column in cluster_combos.columns
            else (related_pairs, found_r) if column in related_pairs.columns
            else (belt_combos, found_b)
        )
        values = source[column]
        if values.dtype == object or isinstance(values.dtype, pd.StringDtype):
            # Text columns travel as categorical codes: taking millions of small ints is cheap,
            # copying millions of object pointers is not.
            codes, categories = pd.factorize(values)
            data[column] = pd.Categorical.from_codes(codes[rows], categories=categories)
        else:
            data[column] = values.to_numpy()[rows]
    return pd.DataFrame(data, columns=columns)


def _belt_lists(related, prefix):
    """Per (city, cluster key): the belt names joined in listing order, and the bases."""
    names = f"{prefix}_belts"
    bases = f"{prefix}_basis"
    if related.empty:
        return pd.DataFrame({"city": pd.Series([], dtype=np.int64), "ckey": pd.Series([], dtype=np.int64),
                             names: pd.Series([], dtype=object), bases: pd.Series([], dtype=object)})
    # One name per belt name and city, even if several belt records carry it (``label`` is
    # the belt name's code).
    distinct = related.drop_duplicates(subset=["city", "ckey", "label"])
    city = distinct["city"].to_numpy(dtype=np.int64)
    ckey = distinct["ckey"].to_numpy(dtype=np.int64)
    # A stable sort keeps each group's rows in their given (listing) order; joining the names of
    # contiguous groups in a comprehension avoids one pandas object per group.
    order = np.lexsort((ckey, city))
    city, ckey = city[order], ckey[order]
    belt_names = distinct["belt_name"].to_numpy(dtype=object)[order]
    basis_values = distinct["basis"].to_numpy(dtype=object)[order]
    starts = np.flatnonzero(np.r_[True, (city[1:] != city[:-1]) | (ckey[1:] != ckey[:-1])])
    ends = np.r_[starts[1:], len(city)]
    return pd.DataFrame({
        "city": city[starts],
        "ckey": ckey[starts],
        names: [BELT_SEPARATOR.join(belt_names[b:e]) for b, e in zip(starts, ends)],
        bases: ["+".join(sorted(set(basis_values[b:e]))) for b, e in zip(starts, ends)],
    })


def _pair_rows(related, cluster_index, belt_index, cluster_side, belt_side, codes):
    """Expand related (city, cluster key, belt name) combinations to record pairs."""
    usable = codes.c_usable
    clusters = pd.DataFrame(
        {"crow": np.flatnonzero(usable), "city": codes.c_city_code[usable], "ckey": codes.c_key_code[usable]}
    )
    belts = pd.DataFrame(
        {"brow": np.arange(len(codes.b_city_code)), "city": codes.b_city_code, "label": codes.b_label_code}
    )
    wide = related[["city", "ckey", "label", "belt_name", "relation", "direction", "basis", "score", "note"]]
    pairs = clusters.merge(wide, on=["city", "ckey"]).merge(belts, on=["city", "label"])
    pairs = pairs.sort_values(["crow", "brow"], kind="stable").reset_index(drop=True)
    crow = pairs["crow"].to_numpy()
    brow = pairs["brow"].to_numpy()
    return frame_with_object_columns(
        {
            "cluster_index": np.asarray(cluster_index)[crow],
            "belt_index": np.asarray(belt_index)[belt_side.rows[brow]],
            "city_key": (np.asarray(codes.city_names, dtype=object)[pairs["city"].to_numpy()] if len(pairs)
                         else np.array([], dtype=object)),
            "cluster_type": (cluster_side.type[crow] if cluster_side.type is not None
                             else np.full(len(pairs), None, dtype=object)),
            "cluster_industry": cluster_side.label[crow],
            "belt_industry": pairs["belt_name"].to_numpy(dtype=object),
            "belt_year": belt_side.year[brow] if belt_side.year is not None else np.full(len(pairs), np.nan),
            "relation": pairs["relation"].to_numpy(dtype=object),
            "direction": pairs["direction"].map(_PAIR_DIRECTION).fillna("").to_numpy(dtype=object),
            "basis": pairs["basis"].to_numpy(dtype=object),
            "score": pairs["score"].to_numpy(dtype=float),
            "note": pairs["note"].to_numpy(dtype=object),
        },
        columns=list(PAIR_COLUMNS),
    )


def summary_table(match_class, cluster_type=None):
    """Table 1 of the paper: per cluster type and in total, counts and rates.

    ``match_class``: the classes (array-like); ``cluster_type``: aligned type labels (None:
    only the total row). Columns :data:`SUMMARY_COLUMNS`; ``clusters`` = ``matched`` +
    ``similar`` + ``none`` + ``no_belt_in_city``; the ``*_pct`` rates are per cent of
    ``clusters``, unrounded (NaN for a type with no clusters); round them with
    :func:`round_half_up` to print as the paper does.
    """
    classes = pd.Series(np.asarray(match_class, dtype=object))
    unknown = set(classes.unique()) - set(MATCH_CLASSES)
    if unknown:
        raise BadValueError(
            f"unknown value(s) {sorted(map(str, unknown))}; expected {', '.join(MATCH_CLASSES)}.",
            role="match_class", values=sorted(map(str, unknown)),
        )
    groups = []
    if cluster_type is not None:
        types = pd.Series(np.asarray(cluster_type, dtype=object))
        present = list(dict.fromkeys(types))
        ordered = [t for t in PAPER_TYPE_ORDER if t in present]
        ordered += [t for t in present if t not in PAPER_TYPE_ORDER and t != NO_TYPE]
        ordered += [NO_TYPE] if NO_TYPE in present else []
        groups = [(t, (types == t).to_numpy()) for t in ordered]
    groups.append((TOTAL, np.ones(len(classes), dtype=bool)))
    records = []
    for label, mask in groups:
        counts = classes[mask].value_counts()
        n = int(mask.sum())
        matched = int(counts.get(MATCHED, 0))
        similar = int(counts.get(SIMILAR_CLASS, 0))
        records.append(
            {
                "cluster_type": label,
                "clusters": n,
                "matched": matched,
                "similar": similar,
                "none": int(counts.get(NO_MATCH, 0)),
                "no_belt_in_city": int(counts.get(NO_BELT_IN_CITY, 0)),
                "matched_pct": 100.0 * matched / n if n else np.nan,
                "similar_pct": 100.0 * similar / n if n else np.nan,
                "matched_or_similar_pct": 100.0 * (matched + similar) / n if n else np.nan,
            }
        )
    return pd.DataFrame.from_records(records, columns=list(SUMMARY_COLUMNS))


__all__ = [
    "BELT_SEPARATOR", "IDENTICAL", "MATCH_CLASSES", "MATCHED", "MatchResult", "NO_BELT_IN_CITY", "NO_MATCH",
    "OUTPUT_COLUMNS", "PAIR_COLUMNS", "SIMILAR_CLASS", "SUBORDINATE", "SUMMARY_COLUMNS", "city_key_text",
    "match_clusters_to_belts", "round_half_up", "summary_table", "year_set",
]
