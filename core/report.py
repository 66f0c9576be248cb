"""Self-contained HTML reports a person reads (UTF-8 text, inline style, no scripts).

Every piece of data is HTML-escaped. Percentages are printed to one decimal, rounded half up
as the paper prints them; the tables the engine returns keep them unrounded.

Language: the texts are English unless a ``translate(context, text)`` callable is given (the QGIS
layer passes Qt's ``QCoreApplication.translate``). Every text goes through it as a literal
``translate("ClusterBeltReport", ...)`` call, so pylupdate5 extracts it from this file; placeholders
are named ("{count}") so a translation may reorder them. Data values (names, codes, match classes
in tables' data columns, bases) are never translated.
"""
import html
import math

import numpy as np

from .columns import NO_TYPE, type_labels
from .matching import MATCHED, NO_BELT_IN_CITY, NO_MATCH, SIMILAR_CLASS, TOTAL, round_half_up

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

#: The context the report texts have in the Qt translation files.
REPORT_CONTEXT = "ClusterBeltReport"


def untranslated(context, text):
    """The default ``translate``: the English text as written."""
    return text


def _class_labels(translate):
    return {
        MATCHED: translate("ClusterBeltReport", "matched"),
        SIMILAR_CLASS: translate("ClusterBeltReport", "similar"),
        NO_MATCH: translate("ClusterBeltReport", "none"),
        NO_BELT_IN_CITY: translate("ClusterBeltReport", "no belt in city"),
    }


def _type_label(type_name, translate):
    """A cluster type as shown: the type as given, with the engine's two labels translated."""
    if type_name == TOTAL:
        return translate("ClusterBeltReport", "total")
    if type_name == NO_TYPE:
        return translate("ClusterBeltReport", "(no type)")
    return type_name


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


def summary_html(summary, translate=untranslated):
    """Table 1 (the summary of :func:`.matching.summary_table`) as an HTML table."""
    rows = [
        (_type_label(r.cluster_type, translate), r.clusters, r.matched, r.similar, r.none, r.no_belt_in_city,
         _pct(r.matched_pct), _pct(r.similar_pct), _pct(r.matched_or_similar_pct))
        for r in summary.itertuples(index=False)
    ]
    return _table(
        [translate("ClusterBeltReport", "cluster type"), translate("ClusterBeltReport", "clusters"),
         translate("ClusterBeltReport", "matched"), translate("ClusterBeltReport", "similar"),
         translate("ClusterBeltReport", "none"), translate("ClusterBeltReport", "no belt in city"),
         translate("ClusterBeltReport", "matched %"), translate("ClusterBeltReport", "similar %"),
         translate("ClusterBeltReport", "matched or similar %")],
        rows,
        caption=translate("ClusterBeltReport", "Table 1. Clusters matched to online industrial belts of their city"),
        numeric=range(1, 9),
    )


def render_match_report_html(result, *, title=None, cluster_label=None, city_label=None, map_image=None,
                             translate=untranslated):
    """The matching report (a :class:`.matching.MatchResult`) as one HTML document (str).

    Table 1 first; then per cluster type the matched clusters with their matched belts (the
    layout of the paper's Tables 3 and 4), the similar ones with their similar belts, and the
    clusters with no match, with counts that add up to the type's records. ``cluster_label``:
    the clusters' column to show as the cluster's name (default: the industry column);
    ``city_label``: the column to show as its city (default: ``city_key``); ``map_image``: an
    optional path or URL of a map picture, linked and shown at the end; ``title``: default "Clusters
    and online industrial belts"; ``translate(context, text)``: see the module docstring.
    """
    if title is None:
        title = translate("ClusterBeltReport", "Clusters and online industrial belts")
    clusters = result.clusters
    settings = result.settings or {}
    label_column = cluster_label or settings.get("cluster_industry")
    if not isinstance(label_column, str) or label_column not in clusters.columns:
        label_column = None
    city_column = city_label if city_label in clusters.columns else "city_key"
    type_column = settings.get("cluster_type")
    types = (
        type_labels(clusters[type_column])
        if isinstance(type_column, str) and type_column in clusters.columns
        else np.full(len(clusters), TOTAL, dtype=object)
    )

    body = [summary_html(result.summary, translate), _belts_note(result, translate)]
    overrides = settings.get("table_overrode_taxonomy") or 0
    if overrides:
        body.append(_note(translate(
            "ClusterBeltReport",
            "The relation table overrode the taxonomy on {count} industry pairs: there the table's judgement "
            "decided, and the pair's note says what the taxonomy would have said."
        ).format(count=overrides)))
    order = clusters.assign(_type=types, _pos=range(len(clusters)))
    for type_name in [t for t in result.summary["cluster_type"] if t != TOTAL] or [TOTAL]:
        group = order[order["_type"] == type_name] if type_name != TOTAL else order
        group = group.sort_values(["city_key", "_pos"], kind="stable", na_position="last")
        body.extend(_type_section(type_name, group, label_column, city_column, translate))
    body.append(_map_figure(map_image, translate("ClusterBeltReport", "Map of clusters and belts")))
    return _page(title, "\n".join(part for part in body if part))


def _note(text):
    return "<p class=\"note\">" + _e(text) + "</p>"


def _belts_note(result, translate):
    """What happened to the belt records, and how relations were decided."""
    accounting = result.belt_accounting or {}
    settings = result.settings or {}
    years = settings.get("years")
    return _note(translate(
        "ClusterBeltReport",
        "Belts: {input} records, {used} used (years: {years}); left out: {other_year} of other years, "
        "{no_year} without a year, {no_city} without a city; {no_industry} used belts have no industry. "
        "Relations: {relator}. A cluster is matched when a belt of its city is identical or subordinate, "
        "similar when one is similar."
    ).format(
        input=accounting.get("input", 0),
        used=accounting.get("used", 0),
        years=", ".join(map(str, years)) if years else translate("ClusterBeltReport", "all"),
        other_year=accounting.get("other_year", 0),
        no_year=accounting.get("no_year", 0),
        no_city=accounting.get("no_city", 0),
        no_industry=accounting.get("no_industry", 0),
        relator=settings.get("relator", ""),
    ))


def _type_section(type_name, group, label_column, city_column, translate):
    """The heading, the count line and the three tables (matched, similar, no match) of one cluster type."""
    counts = group["match_class"].value_counts()
    n = {c: int(counts.get(c, 0)) for c in (MATCHED, SIMILAR_CLASS, NO_MATCH, NO_BELT_IN_CITY)}
    heading = translate("ClusterBeltReport", "{type}: {count} cluster records").format(
        type=_type_label(type_name, translate), count=len(group)
    )
    count_line = translate(
        "ClusterBeltReport", "{matched} matched + {similar} similar + {none} none + {no_belt} no belt in city = {total}"
    ).format(matched=n[MATCHED], similar=n[SIMILAR_CLASS], none=n[NO_MATCH], no_belt=n[NO_BELT_IN_CITY],
             total=sum(n.values()))
    city_header = translate("ClusterBeltReport", "city")
    cluster_header = translate("ClusterBeltReport", "cluster")
    basis_header = translate("ClusterBeltReport", "basis")
    class_labels = _class_labels(translate)

    def cluster_name(row):
        return row[label_column] if label_column else ""

    matched = group[group["match_class"] == MATCHED]
    similar = group[group["match_class"] == SIMILAR_CLASS]
    unmatched = group[group["match_class"].isin([NO_MATCH, NO_BELT_IN_CITY])]
    return [
        f"<h2>{_e(heading)}</h2>",
        f"<p>{_e(count_line)}</p>",
        _table(
            [city_header, cluster_header, translate("ClusterBeltReport", "matched belts"), basis_header],
            [(r[city_column], cluster_name(r), r["matched_belts"], r["basis"]) for _, r in matched.iterrows()],
            caption=translate("ClusterBeltReport", "Matched ({count})").format(count=len(matched)),
        ),
        _table(
            [city_header, cluster_header, translate("ClusterBeltReport", "similar belts"), basis_header],
            [(r[city_column], cluster_name(r), r["similar_belts"], r["basis"]) for _, r in similar.iterrows()],
            caption=translate("ClusterBeltReport", "Similar ({count})").format(count=len(similar)),
        ),
        _table(
            [city_header, cluster_header, translate("ClusterBeltReport", "class"),
             translate("ClusterBeltReport", "belts in city"), basis_header],
            [(r[city_column], cluster_name(r), class_labels[r["match_class"]], r["n_city_belts"], r["basis"])
             for _, r in unmatched.iterrows()],
            caption=translate(
                "ClusterBeltReport", "No match ({count}: none {none}, no belt in city {no_belt})"
            ).format(count=len(unmatched), none=n[NO_MATCH], no_belt=n[NO_BELT_IN_CITY]),
            numeric=(3,),
        ),
    ]


def render_colocation_report_html(result, *, title=None, map_image=None, translate=untranslated):
    """The co-location figures (a :class:`.colocation.ColocationResult`) as one HTML document.

    ``title``: default "Co-location of clusters and belts by city"; ``translate(context, text)``:
    see the module docstring.
    """
    if title is None:
        title = translate("ClusterBeltReport", "Co-location of clusters and belts by city")
    h = result.headline
    if h["include_earlier"]:
        belt_text = translate(
            "ClusterBeltReport", "cities with belts (in {year}, plus cluster cities with earlier belts only)"
        ).format(year=h["year"])
    elif h["year"] is not None:
        belt_text = translate("ClusterBeltReport", "cities with belts (in {year})").format(year=h["year"])
    else:
        belt_text = translate("ClusterBeltReport", "cities with belts")
    their_records = translate("ClusterBeltReport", "... their cluster records")
    figures = [
        (translate("ClusterBeltReport", "cities with clusters"), h["cities_with_clusters"]),
        (belt_text, h["cities_with_belts"]),
        (translate("ClusterBeltReport", "cities with both"), h["cities_with_both"]),
        (translate("ClusterBeltReport", "share of cluster cities, %"), _pct(h["share_of_cluster_cities"])),
        (translate("ClusterBeltReport", "share of belt cities, %"), _pct(h["share_of_belt_cities"])),
        (translate("ClusterBeltReport", "cluster cities without belts in the year"),
         h["cluster_cities_without_belts_now"]),
        (translate("ClusterBeltReport", "... of which with belts of earlier years"),
         h["cluster_cities_with_earlier_belts_only"]),
        (translate("ClusterBeltReport", "other cities with belts of earlier years only (not counted)"),
         h["other_cities_with_earlier_belts_only"]),
        (translate("ClusterBeltReport", "cities holding all {count} cluster types").format(count=h["n_cluster_types"]),
         h["cities_with_all_types"]),
        (their_records, h["clusters_in_all_type_cities"]),
        (translate("ClusterBeltReport", "cities holding exactly 2 types"), h["cities_with_two_types"]),
        (their_records, h["clusters_in_two_type_cities"]),
    ]
    body = [_table(
        [translate("ClusterBeltReport", "figure"), translate("ClusterBeltReport", "value")], figures,
        caption=translate("ClusterBeltReport", "Headline figures"), numeric=(1,),
    )]
    by_k = result.by_type_count
    body.append(_table(list(by_k.columns), by_k.itertuples(index=False),
                       caption=translate("ClusterBeltReport", "Cities by number of cluster types"),
                       numeric=range(len(by_k.columns))))
    a = result.accounting
    body.append(_note(
        translate(
            "ClusterBeltReport",
            "Left out: {clusters_no_city} cluster records and {belts_no_city} belt records without a city; "
            "{belts_no_year} belts without a year; {belts_later} belts after {year}."
        ).format(clusters_no_city=a.get("clusters_no_city", 0), belts_no_city=a.get("belts_no_city", 0),
                 belts_no_year=a.get("belts_no_year", 0), belts_later=a.get("belts_later", 0), year=h["year"])
    ))
    per_city = result.per_city
    both = per_city[per_city["has_clusters"]]
    yes, no = translate("ClusterBeltReport", "yes"), translate("ClusterBeltReport", "no")
    body.append(_table(
        [translate("ClusterBeltReport", "city"), translate("ClusterBeltReport", "clusters"),
         translate("ClusterBeltReport", "weighted"), translate("ClusterBeltReport", "types"),
         translate("ClusterBeltReport", "belts now"), translate("ClusterBeltReport", "belts earlier"),
         translate("ClusterBeltReport", "both")],
        [(r.city_key, r.clusters, f"{r.clusters_weighted:g}", r.n_types, r.belts_now, r.belts_earlier,
          yes if r.has_both else no) for r in both.itertuples(index=False)],
        caption=translate("ClusterBeltReport", "Cities with clusters ({count})").format(count=len(both)),
        numeric=(1, 2, 3, 4, 5),
    ))
    body.append(_map_figure(map_image, translate("ClusterBeltReport", "Map")))
    return _page(title, "\n".join(part for part in body if part))
