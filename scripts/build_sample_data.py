#!/usr/bin/env python3
"""Build resources/data/clusters_sample.csv, the bundled sample clusters table.

Usage:
    python3 scripts/build_sample_data.py [--data-dir DIR] [--out-dir DIR]

Inputs (copies kept in resources/data, see its README.md):
  national_clusters.csv         one row per cluster city; multi-city clusters share a cluster_id
  national_clusters_additions.csv  clusters found in public sources later (same columns), read after it
  paper/table3_seic_matches.csv  the paper's Table 3 (seic clusters sharing a city with another type)
  paper/table4_amc_matches.csv   the paper's Table 4 (amc clusters, one row per city)

Output: clusters_sample.csv with columns
  cluster_id, cluster_type, name, cities, industry, source, certainty, notes
one row per cluster, multi-city clusters listing their cities joined by 、 in the order
of the national list (the order of their official names).

Rules (nothing is invented; every output row comes from an input row):
  * national_clusters.csv rows, then national_clusters_additions.csv rows, are grouped by cluster_id
    (an id may not appear in both files); the sources and certainty marks are kept.
  * A paper row is the same cluster as a national one when type and city agree and the
    industries agree after removing the bracketed qualifier and a trailing 集群 (Table 4's
    电气集群（乐清） = 电气), or when one industry contains the other (Table 3's 常州
    智能制造装备 vs the national list's 常州 智能制造). The national row is kept and its
    `notes` gain "also in paper Table N" (plus "as <paper label>" when only contained).
  * Other paper rows become clusters of their own: source "paper Table N", certainty
    "paper", id "<type>_tN_rNN" (NN = the row's 1-based number in the table, so ids are
    stable), name = gazetteer city name + the table's industry field, bracketed district
    kept (上海市集成电路（浦东新区）), industry = that field without the bracket.
"""
import argparse
import csv
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "resources" / "data"
OUTPUT_NAME = "clusters_sample.csv"
NATIONAL_FILES = ("national_clusters.csv", "national_clusters_additions.csv")
COLUMNS = ["cluster_id", "cluster_type", "name", "cities", "industry", "source", "certainty", "notes"]
CITY_JOINER = "、"
PAPER_TABLES = (
    # (table number, file, column holding the cluster's industry or name)
    (3, "paper/table3_seic_matches.csv", "cluster_industry_zh"),
    (4, "paper/table4_amc_matches.csv", "cluster_name_zh"),
)
# Fields that must agree between the city rows of one national cluster.
_CLUSTER_FIELDS = ("cluster_type", "name_zh", "industry_zh", "source", "certainty", "notes")
_BRACKET = re.compile(r"[（(]([^）)]*)[）)]")


class SampleDataError(ValueError):
    """An input table that the sample cannot be built from."""


def _cities_module():
    """core/cities.py under the package name (the repository root is the package)."""
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
    from plugin_package import import_plugin_package

    import_plugin_package()
    from clusterbelt.core import cities

    return cities


def _read(path):
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def plain_industry(label):
    """Industry without its bracketed qualifier and trailing 集群: 电气集群（乐清） -> 电气."""
    text = _BRACKET.sub("", label).strip()
    for suffix in ("产业集群", "集群"):
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
    return text


def _national_clusters(data_dir, gazetteer, cities):
    clusters = {}
    for file_name in NATIONAL_FILES:
        earlier = set(clusters)
        for number, row in enumerate(_read(data_dir / file_name), start=2):
            if row["cluster_id"] in earlier:
                raise SampleDataError(f"{file_name} line {number}: {row['cluster_id']} is already in an earlier file")
            _add_city_row(clusters, row, f"{file_name} line {number}", gazetteer, cities)
    return clusters


def _add_city_row(clusters, row, where, gazetteer, cities):
    cluster = clusters.get(row["cluster_id"])
    if cluster is None:
        clusters[row["cluster_id"]] = cluster = {"row": row, "cities": [], "keys": []}
    else:
        for field in _CLUSTER_FIELDS:
            if row[field] != cluster["row"][field]:
                raise SampleDataError(f"{where}: {field} differs between the rows of {row['cluster_id']}")
    cluster["cities"].append(row["city_zh"])
    cluster["keys"].append(cities.resolve_city_keys([row["city_zh"]], gazetteer)[0])
    cluster["extra_notes"] = []


def _same_industry(paper_industry, national_industry):
    """``'equal'``, ``'contains'`` or None."""
    if paper_industry == national_industry:
        return "equal"
    if paper_industry in national_industry or national_industry in paper_industry:
        return "contains"
    return None


def build_rows(data_dir=DATA_DIR):
    """The sample table as a list of dicts (keys = COLUMNS)."""
    data_dir = pathlib.Path(data_dir)
    cities = _cities_module()
    gazetteer = cities.Gazetteer.from_csv(data_dir / "china_prefecture_gazetteer.csv")
    clusters = _national_clusters(data_dir, gazetteer, cities)

    paper_only = []
    seen = set()
    for table, file_name, label_column in PAPER_TABLES:
        for number, row in enumerate(_read(data_dir / file_name), start=1):
            where = f"{file_name} row {number}"
            located = gazetteer.locate([row["city_zh"]]).iloc[0]
            if located["locate_status"] not in (cities.EXACT, cities.NORMALIZED):
                raise SampleDataError(f"{where}: city {row['city_zh']!r} is {located['locate_status']}")
            label = row[label_column].strip()
            identity = (row["cluster_type"], located["city_code"], label)
            if identity in seen:
                raise SampleDataError(f"{where}: the same cluster is listed twice")
            seen.add(identity)
            industry = plain_industry(label)
            matches = []
            for cluster_id, cluster in clusters.items():
                national = cluster["row"]
                if national["cluster_type"] != row["cluster_type"] or located["city_code"] not in cluster["keys"]:
                    continue
                how = _same_industry(industry, national["industry_zh"])
                if how:
                    matches.append((cluster_id, how))
            if len(matches) > 1:
                raise SampleDataError(f"{where}: {label} matches several national clusters {matches}")
            if matches:
                cluster_id, how = matches[0]
                note = f"also in paper Table {table}"
                if how == "contains":
                    note += f" as {label}"
                if note not in clusters[cluster_id]["extra_notes"]:
                    clusters[cluster_id]["extra_notes"].append(note)
                continue
            paper_only.append(
                {
                    "cluster_id": f"{row['cluster_type']}_t{table}_r{number:02d}",
                    "cluster_type": row["cluster_type"],
                    "name": f"{located['city_name']}{label}",
                    "cities": located["city_name"],
                    "industry": industry,
                    "source": f"paper Table {table}",
                    "certainty": "paper",
                    "notes": (
                        f"only in the paper's Table {table} (city {row['city_zh']}, {label}); "
                        "name composed from those fields, official name not checked"
                    ),
                }
            )

    rows = []
    for cluster_id, cluster in clusters.items():
        national = cluster["row"]
        notes = "; ".join(n for n in [national["notes"]] + cluster["extra_notes"] if n)
        rows.append(
            {
                "cluster_id": cluster_id,
                "cluster_type": national["cluster_type"],
                "name": national["name_zh"],
                "cities": CITY_JOINER.join(cluster["cities"]),
                "industry": national["industry_zh"],
                "source": national["source"],
                "certainty": national["certainty"],
                "notes": notes,
            }
        )
    return rows + paper_only


def write_rows(rows, path):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def build(data_dir=DATA_DIR, out_dir=DATA_DIR):
    """Write ``out_dir/clusters_sample.csv`` from the copies in ``data_dir``; return its path."""
    out = pathlib.Path(out_dir) / OUTPUT_NAME
    write_rows(build_rows(data_dir), out)
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default=str(DATA_DIR), help="folder holding the input copies")
    parser.add_argument("--out-dir", default=str(DATA_DIR), help="folder to write clusters_sample.csv to")
    args = parser.parse_args(argv)
    out = build(args.data_dir, args.out_dir)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
