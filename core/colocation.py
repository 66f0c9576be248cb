"""Co-location of clusters and belts by city (method.md section 4).

Per city: how many cluster records of each type it holds (counted, and weighted, e.g. 1/N for a
cluster spanning N cities), how many types, how many belt records in the chosen year ("now")
and in earlier years, and whether it has both. Then the paper's headline figures.

The paper's arithmetic with ``include_earlier`` (section 4): 16 cluster cities had no belt in
2021 but 9 of them had one in 2018-2020. Counting those, 63 + 9 = 72 cities have both, and the
belt-city denominator becomes 158 + 9 = 167: the cities with belts now *plus the cluster cities
whose belts are from earlier years only*. Cities without clusters whose belts are all from
earlier years are not added (the paper did not count them); their number is reported as
``other_cities_with_earlier_belts_only`` so the analyst sees the alternative.
"""
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import schema
from .columns import NO_TYPE, city_key_text, column_values, require_table, type_labels
from .errors import BadRowsError, NoLatestYearError
from .matching import PAPER_TYPE_ORDER


@dataclass
class ColocationResult:
    """What :func:`city_colocation` returns.

    - ``per_city``: one row per city key that has a cluster record or a belt record counted
      (now or earlier), sorted by city key. Columns: ``city_key``; ``clusters`` (records),
      ``clusters_weighted``; ``n_<type>`` and ``w_<type>`` per cluster type (records, weight
      sums; ``<type>`` as given, types in the paper's order then first appearance);
      ``n_untyped`` (records with no type, not counted in ``n_types``); ``n_types``;
      ``belts_now`` (belt records of the chosen year), ``belts_earlier`` (of earlier years);
      ``has_clusters``, ``has_belts_now``, ``has_earlier_belts_only``, ``has_both`` (clusters
      and belts now, or, with ``include_earlier``, belts of earlier years only).
    - ``headline``: dict of the figures (see :func:`city_colocation`).
    - ``by_type_count``: per number of types k (1..number of types): ``n_types``, ``cities``,
      ``clusters`` and ``n_<type>`` (records in the cities holding exactly k types).
    - ``accounting``: records left out: ``clusters_no_city``, ``belts_no_city``,
      ``belts_no_year``, ``belts_later`` (after the chosen year), and ``clusters_input``,
      ``belts_input``.
    - ``types``: the cluster types of the ``n_<type>``/``w_<type>`` columns, in their order.
    """

    per_city: pd.DataFrame
    headline: dict
    by_type_count: pd.DataFrame
    accounting: dict = field(default_factory=dict)
    types: list = field(default_factory=list)
    renamed_types: dict = field(default_factory=dict)


def type_column_labels(types):
    """{type: the label of its columns n_<label> and w_<label>}: the type itself, unless a column would repeat
    another column of the output (types called 'types' or 'untyped' give n_types and n_untyped) or another
    type's column in a file format that ignores letter case (GeoPackage: 'amc' and 'AMC'); then the type with
    the suffix _2, _3... The tools log each type so renamed."""
    taken = {name.lower() for name in schema.COLOCATION.names()} | {"n_types", "cities", "clusters"}
    labels = {}
    for t in types:
        label, number = str(t), 1
        while f"n_{label}".lower() in taken or f"w_{label}".lower() in taken:
            number += 1
            label = f"{t}_{number}"
        taken |= {f"n_{label}".lower(), f"w_{label}".lower()}
        labels[t] = label
    return labels


def _ordered_types(types):
    present = [t for t in dict.fromkeys(types) if t != NO_TYPE]
    return [t for t in PAPER_TYPE_ORDER if t in present] + [t for t in present if t not in PAPER_TYPE_ORDER]


def _percent(part, whole):
    return 100.0 * part / whole if whole else float("nan")


def city_colocation(
    clusters,
    belts,
    *,
    cluster_city,
    cluster_type=None,
    cluster_weight=None,
    belt_city,
    belt_year=None,
    year=None,
    include_earlier=False,
):
    """Co-location table and headline figures (method.md section 4).

    ``cluster_city``/``belt_city``: column name or aligned array of resolved city keys.
    ``cluster_type``, ``cluster_weight`` (e.g. ``city_share`` = 1/N; default 1 per record) and
    ``belt_year``: optional column names. ``year``: the year that counts as "now" (default: the
    latest belt year; without ``belt_year`` every belt counts as now). Belts after ``year`` are
    left out and counted; so are records without a city key and belts without a year.

    ``headline`` keys: ``year``, ``include_earlier``, ``cities_with_clusters``,
    ``cities_with_belts`` (now; with ``include_earlier`` plus the cluster cities with earlier
    belts only), ``cities_with_both``, ``share_of_cluster_cities`` and
    ``share_of_belt_cities`` (per cent, unrounded), ``cluster_cities_without_belts_now``,
    ``cluster_cities_with_earlier_belts_only``, ``other_cities_with_earlier_belts_only``,
    ``n_cluster_types``, ``cities_with_all_types``, ``clusters_in_all_type_cities``,
    ``cities_with_two_types``, ``clusters_in_two_type_cities``.
    """
    require_table(clusters, "clusters")
    require_table(belts, "belts")
    c_city = city_key_text(column_values(clusters, cluster_city, "cluster_city", "clusters"))
    c_type = (
        type_labels(column_values(clusters, cluster_type, "cluster_type", "clusters"))
        if cluster_type is not None
        else np.full(len(clusters), NO_TYPE, dtype=object)
    )
    c_has_city = np.array([k is not None for k in c_city], dtype=bool)
    weight = _cluster_weights(clusters, cluster_weight, c_has_city)
    b_city = city_key_text(column_values(belts, belt_city, "belt_city", "belts"))
    year, now, earlier, accounting = _belt_periods(belts, belt_year, year)
    accounting = {"clusters_input": int(len(clusters)), "belts_input": int(len(belts)), **accounting}
    b_has_city = np.array([k is not None for k in b_city], dtype=bool)
    accounting["clusters_no_city"] = int((~c_has_city).sum())
    accounting["belts_no_city"] = int((~b_has_city).sum())

    labels = type_column_labels(_ordered_types(c_type))
    c_type = np.array([labels.get(t, t) for t in c_type], dtype=object)
    types = list(labels.values())
    clusters_by_city = pd.DataFrame(
        {"city_key": c_city[c_has_city], "type": c_type[c_has_city], "w": weight[c_has_city]}
    )
    per_city = _per_city_table(
        clusters_by_city, types, b_city[now & b_has_city], b_city[earlier & b_has_city], include_earlier
    )
    by_type_count = _by_type_count(per_city, types)
    headline = _headline(per_city, by_type_count, len(types), year, include_earlier)
    renamed = {t: label for t, label in labels.items() if label != t}
    return ColocationResult(per_city, headline, by_type_count, accounting, types, renamed)


def _cluster_weights(clusters, cluster_weight, has_city):
    """The weight of each cluster record (1 without a weight column); refuses missing or negative weights.

    A record without a city is counted apart (``clusters_no_city``) and its weight is not used, so it may be
    missing: an empty city cell split into parts has no share (the paper workflow carries such a row).
    """
    if cluster_weight is None:
        return np.ones(len(clusters), dtype=float)
    raw = column_values(clusters, cluster_weight, "cluster_weight", "clusters")
    weight = pd.to_numeric(pd.Series(raw), errors="coerce").to_numpy(dtype=float)
    weight[~has_city] = 0.0
    bad = np.flatnonzero(~np.isfinite(weight) | (weight < 0))
    if len(bad):
        raise BadRowsError(role="cluster_weight", field=cluster_weight, rows=bad + 1)
    return weight


def _belt_periods(belts, belt_year, year):
    """(year, belts of the year, belts of earlier years, counts of belts left out) for the year that is now.

    ``year`` None: the latest belt year. Without a year column every belt is of the year.
    """
    if belt_year is None:
        now = np.ones(len(belts), dtype=bool)
        return year, now, ~now, {"belts_no_year": 0, "belts_later": 0}
    b_year = pd.to_numeric(
        pd.Series(column_values(belts, belt_year, "belt_year", "belts")), errors="coerce"
    ).to_numpy(dtype=float)
    no_year = ~np.isfinite(b_year)
    if year is None:
        if no_year.all():
            raise NoLatestYearError(role="belt_year", field=belt_year)
        year = int(b_year[~no_year].max())
    now = ~no_year & (b_year == year)
    earlier = ~no_year & (b_year < year)
    accounting = {"belts_no_year": int(no_year.sum()), "belts_later": int((~no_year & (b_year > year)).sum())}
    return year, now, earlier, accounting


def _per_city_table(clusters_by_city, types, belt_cities_now, belt_cities_earlier, include_earlier):
    """One row per city key with clusters or belts: the columns of :attr:`ColocationResult.per_city`."""
    counted = (
        clusters_by_city.groupby(["city_key", "type"])["w"].agg(["size", "sum"]).unstack("type", fill_value=0)
    )
    per_city = pd.DataFrame(index=pd.Index(sorted(set(clusters_by_city["city_key"])), name="city_key"))
    for t in types:
        per_city[f"n_{t}"] = counted[("size", t)] if ("size", t) in counted.columns else 0
    for t in types:
        per_city[f"w_{t}"] = counted[("sum", t)] if ("sum", t) in counted.columns else 0.0
    per_city["n_untyped"] = counted[("size", NO_TYPE)] if ("size", NO_TYPE) in counted.columns else 0
    per_city["clusters"] = clusters_by_city.groupby("city_key").size()
    per_city["clusters_weighted"] = clusters_by_city.groupby("city_key")["w"].sum()
    per_city["n_types"] = (per_city[[f"n_{t}" for t in types]] > 0).sum(axis=1) if types else 0

    belts_now = pd.Series(belt_cities_now).value_counts()
    belts_earlier = pd.Series(belt_cities_earlier).value_counts()
    all_cities = sorted(set(per_city.index) | set(belts_now.index) | set(belts_earlier.index))
    per_city = per_city.reindex(all_cities)
    per_city.index.name = "city_key"
    count_columns = [f"n_{t}" for t in types] + ["n_untyped", "clusters", "n_types"]
    per_city[count_columns] = per_city[count_columns].fillna(0).astype(np.int64)
    weight_columns = [f"w_{t}" for t in types] + ["clusters_weighted"]
    per_city[weight_columns] = per_city[weight_columns].fillna(0.0).astype(float)
    per_city["belts_now"] = belts_now.reindex(all_cities).fillna(0).astype(np.int64).to_numpy()
    per_city["belts_earlier"] = belts_earlier.reindex(all_cities).fillna(0).astype(np.int64).to_numpy()
    per_city["has_clusters"] = per_city["clusters"] > 0
    per_city["has_belts_now"] = per_city["belts_now"] > 0
    per_city["has_earlier_belts_only"] = ~per_city["has_belts_now"] & (per_city["belts_earlier"] > 0)
    with_belts = per_city["has_belts_now"] | (per_city["has_earlier_belts_only"] if include_earlier else False)
    per_city["has_both"] = per_city["has_clusters"] & with_belts
    return per_city.reset_index()[list(schema.COLOCATION.engine_columns(types))]


def _headline(per_city, by_type_count, n_types_total, year, include_earlier):
    """The headline figures of :func:`city_colocation`."""
    has_clusters = per_city["has_clusters"].to_numpy()
    has_now = per_city["has_belts_now"].to_numpy()
    earlier_only = per_city["has_earlier_belts_only"].to_numpy()
    cluster_cities = int(has_clusters.sum())
    cluster_earlier_only = int((has_clusters & earlier_only).sum())
    belt_cities = int(has_now.sum()) + (cluster_earlier_only if include_earlier else 0)
    both = int(per_city["has_both"].sum())
    all_row = by_type_count[by_type_count["n_types"] == n_types_total]
    two_row = by_type_count[by_type_count["n_types"] == 2]
    return {
        "year": year,
        "include_earlier": bool(include_earlier),
        "cities_with_clusters": cluster_cities,
        "cities_with_belts": belt_cities,
        "cities_with_both": both,
        "share_of_cluster_cities": _percent(both, cluster_cities),
        "share_of_belt_cities": _percent(both, belt_cities),
        "cluster_cities_without_belts_now": int((has_clusters & ~has_now).sum()),
        "cluster_cities_with_earlier_belts_only": cluster_earlier_only,
        "other_cities_with_earlier_belts_only": int((~has_clusters & earlier_only).sum()),
        "n_cluster_types": n_types_total,
        "cities_with_all_types": int(all_row["cities"].sum()) if n_types_total else 0,
        "clusters_in_all_type_cities": int(all_row["clusters"].sum()) if n_types_total else 0,
        "cities_with_two_types": int(two_row["cities"].sum()),
        "clusters_in_two_type_cities": int(two_row["clusters"].sum()),
    }


def _by_type_count(per_city, types):
    """Cities and cluster records grouped by how many cluster types a city holds (1..all)."""
    columns = ["n_types", "cities", "clusters"] + [f"n_{t}" for t in types]
    records = []
    for k in range(1, len(types) + 1):
        group = per_city[per_city["n_types"] == k]
        clusters = int(group[[f"n_{t}" for t in types]].to_numpy().sum())
        record = {"n_types": k, "cities": int(len(group)), "clusters": clusters}
        for t in types:
            record[f"n_{t}"] = int(group[f"n_{t}"].sum())
        records.append(record)
    return pd.DataFrame.from_records(records, columns=columns)
