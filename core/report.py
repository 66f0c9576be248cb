"""Self-contained HTML reports a person reads (UTF-8 text, inline style, no scripts).

Every piece of data is HTML-escaped. Percentages are printed to one decimal, rounded half up
as the paper prints them; the tables the engine returns keep them unrounded.
"""
import html
import math

import pandas as pd

from .matching import (
    MATCHED,
    NO_BELT_IN_CITY,
    NO_MATCH,
    NO_TYPE,
    SIMILAR_CLASS,
    TOTAL,
    round_half_up,
)

_STYLE = """
body { font-family: sans-serif; margin: 1.5em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.2em 0; }
th, td { border: 1px solid #bbb; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num { text-align: right; }
caption { text-align: left; font-weight: bold; padding: 0.3em 0; }
p.note { color: #555; font-size: 0.9em; }
figure img { max-width: 100%; }
"""

_CLASS_LABELS = {
    MATCHED: "matched",
    SIMILAR_CLASS: "similar",
    NO_MATCH: "none",
    NO_BELT_IN_CITY: "no belt in city",
}


def _e(value):
    """Escaped text of a cell; missing values print as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    return html.escape(str(value), quote=True)


def _pct(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{round_half_up(value, 1):.1f}"


def _table(headers, rows, caption=None, numeric=()):
    parts = ["<table>"]
    if caption:
        parts.append(f"<caption>{_e(caption)}</caption>")
    parts.append("<tr>" + "".join(f"<th>{_e(h)}</th>" for h in headers) + "</tr>")
    for row in rows:
        cells = []
        for i, value in enumerate(row):
            css = ' class="num"' if i in numeric else ""
            cells.append(f"<td{css}>{_e(value)}</td>")
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts.append("</table>")
    return "\n".join(parts)


def _page(title, body):
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{_e(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{_e(title)}</h1>\n{body}\n</body>\n</html>\n"
    )


def _map_figure(map_image, caption):
    if not map_image:
        return ""
    href = _e(map_image)
    return (
        f'<figure><a href="{href}"><img src="{href}" alt="{_e(caption)}"></a>'
        f"<figcaption>{_e(caption)}</figcaption></figure>"
    )


def summary_html(summary):
    """Table 1 (the summary of :func:`.matching.summary_table`) as an HTML table."""
    rows = [
        (r.cluster_type, r.clusters, r.matched, r.similar, r.none, r.no_belt_in_city,
         _pct(r.matched_pct), _pct(r.similar_pct), _pct(r.matched_or_similar_pct))
        for r in summary.itertuples(index=False)
    ]
    return _table(
        ["cluster type", "clusters", "matched", "similar", "none", "no belt in city",
         "matched %", "similar %", "matched or similar %"],
        rows,
        caption="Table 1. Clusters matched to online industrial belts of their city",
        numeric=range(1, 9),
    )


def render_match_report_html(result, *, title="Clusters and online industrial belts", cluster_label=None,
                             city_label=None, map_image=None):
    """The matching report (a :class:`.matching.MatchResult`) as one HTML document (str).

    Table 1 first; then per cluster type the matched clusters with their matched belts (the
    layout of the paper's Tables 3 and 4), the similar ones with their similar belts, and the
    clusters with no match, with counts that add up to the type's records. ``cluster_label``:
    the clusters' column to show as the cluster's name (default: the industry column);
    ``city_label``: the column to show as its city (default: ``city_key``); ``map_image``: an
    optional path or URL of a map picture, linked and shown at the end.
    """
    clusters = result.clusters
    settings = result.settings or {}
    label_column = cluster_label or settings.get("cluster_industry")
    if not isinstance(label_column, str) or label_column not in clusters.columns:
        label_column = None
    city_column = city_label if city_label in clusters.columns else "city_key"
    type_column = settings.get("cluster_type")
    types = (
        clusters[type_column].where(clusters[type_column].notna(), "").astype(str).str.strip().replace("", NO_TYPE)
        if isinstance(type_column, str) and type_column in clusters.columns
        else pd.Series(TOTAL, index=clusters.index)
    )

    body = [summary_html(result.summary)]
    accounting = result.belt_accounting or {}
    years = settings.get("years")
    body.append(
        "<p class=\"note\">"
        + _e(
            f"Belts: {accounting.get('input', 0)} records, {accounting.get('used', 0)} used"
            f" (years: {', '.join(map(str, years)) if years else 'all'}); left out: "
            f"{accounting.get('other_year', 0)} of other years, {accounting.get('no_year', 0)} without a year, "
            f"{accounting.get('no_city', 0)} without a city; {accounting.get('no_industry', 0)} used belts have no industry. "
            f"Relations: {settings.get('relator', '')}. "
            "A cluster is matched when a belt of its city is identical or subordinate, similar when one is similar."
        )
        + "</p>"
    )

    order = clusters.assign(_type=types.to_numpy(), _pos=range(len(clusters)))
    for type_name in [t for t in result.summary["cluster_type"] if t != TOTAL] or [TOTAL]:
        group = order[order["_type"] == type_name] if type_name != TOTAL else order
        group = group.sort_values(["city_key", "_pos"], kind="stable", na_position="last")
        counts = group["match_class"].value_counts()
        n = {c: int(counts.get(c, 0)) for c in (MATCHED, SIMILAR_CLASS, NO_MATCH, NO_BELT_IN_CITY)}
        body.append(f"<h2>{_e(type_name)}: {len(group)} cluster records</h2>")
        body.append(
            "<p>" + _e(
                f"{n[MATCHED]} matched + {n[SIMILAR_CLASS]} similar + {n[NO_MATCH]} none + "
                f"{n[NO_BELT_IN_CITY]} no belt in city = {sum(n.values())}"
            ) + "</p>"
        )

        def cluster_name(row):
            return row[label_column] if label_column else ""

        matched = group[group["match_class"] == MATCHED]
        body.append(_table(
            ["city", "cluster", "matched belts", "basis"],
            [(r[city_column], cluster_name(r), r["matched_belts"], r["basis"]) for _, r in matched.iterrows()],
            caption=f"Matched ({len(matched)})",
        ))
        similar = group[group["match_class"] == SIMILAR_CLASS]
        body.append(_table(
            ["city", "cluster", "similar belts", "basis"],
            [(r[city_column], cluster_name(r), r["similar_belts"], r["basis"]) for _, r in similar.iterrows()],
            caption=f"Similar ({len(similar)})",
        ))
        unmatched = group[group["match_class"].isin([NO_MATCH, NO_BELT_IN_CITY])]
        body.append(_table(
            ["city", "cluster", "class", "belts in city", "basis"],
            [(r[city_column], cluster_name(r), _CLASS_LABELS[r["match_class"]], r["n_city_belts"], r["basis"])
             for _, r in unmatched.iterrows()],
            caption=f"No match ({len(unmatched)}: none {n[NO_MATCH]}, no belt in city {n[NO_BELT_IN_CITY]})",
            numeric=(3,),
        ))
    body.append(_map_figure(map_image, "Map of clusters and belts"))
    return _page(title, "\n".join(part for part in body if part))


def render_colocation_report_html(result, *, title="Co-location of clusters and belts by city", map_image=None):
    """The co-location figures (a :class:`.colocation.ColocationResult`) as one HTML document."""
    h = result.headline
    belt_text = "cities with belts"
    if h["include_earlier"]:
        belt_text += f" (in {h['year']}, plus cluster cities with earlier belts only)"
    elif h["year"] is not None:
        belt_text += f" (in {h['year']})"
    figures = [
        ("cities with clusters", h["cities_with_clusters"]),
        (belt_text, h["cities_with_belts"]),
        ("cities with both", h["cities_with_both"]),
        ("share of cluster cities, %", _pct(h["share_of_cluster_cities"])),
        ("share of belt cities, %", _pct(h["share_of_belt_cities"])),
        ("cluster cities without belts in the year", h["cluster_cities_without_belts_now"]),
        ("... of which with belts of earlier years", h["cluster_cities_with_earlier_belts_only"]),
        ("other cities with belts of earlier years only (not counted)", h["other_cities_with_earlier_belts_only"]),
        (f"cities holding all {h['n_cluster_types']} cluster types", h["cities_with_all_types"]),
        ("... their cluster records", h["clusters_in_all_type_cities"]),
        ("cities holding exactly 2 types", h["cities_with_two_types"]),
        ("... their cluster records", h["clusters_in_two_type_cities"]),
    ]
    body = [_table(["figure", "value"], figures, caption="Headline figures", numeric=(1,))]
    by_k = result.by_type_count
    body.append(_table(list(by_k.columns), by_k.itertuples(index=False), caption="Cities by number of cluster types",
                       numeric=range(len(by_k.columns))))
    a = result.accounting
    body.append("<p class=\"note\">" + _e(
        f"Left out: {a.get('clusters_no_city', 0)} cluster records and {a.get('belts_no_city', 0)} belt records "
        f"without a city; {a.get('belts_no_year', 0)} belts without a year; {a.get('belts_later', 0)} belts after "
        f"{h['year']}."
    ) + "</p>")
    per_city = result.per_city
    both = per_city[per_city["has_clusters"]]
    body.append(_table(
        ["city", "clusters", "weighted", "types", "belts now", "belts earlier", "both"],
        [(r.city_key, r.clusters, f"{r.clusters_weighted:g}", r.n_types, r.belts_now, r.belts_earlier,
          "yes" if r.has_both else "no") for r in both.itertuples(index=False)],
        caption=f"Cities with clusters ({len(both)})",
        numeric=(1, 2, 3, 4, 5),
    ))
    body.append(_map_figure(map_image, "Map"))
    return _page(title, "\n".join(part for part in body if part))
