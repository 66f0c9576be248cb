"""How much of China's three national cluster lists the bundled sample covers.

The paper (Zhao et al. 2022) works on three lists: 66 strategic emerging industry clusters (NDRC, first
batch 2019), 25 advanced manufacturing clusters (MIIT, 2021) and 61 innovative cluster pilots (MOST).
None of the three is published as one list we could find, so the bundled table holds only the clusters
confirmed in public sources (each with a certainty mark) plus those the paper's own tables name.
"""
import pandas as pd

# cluster_type -> number of clusters in the national list the paper counts.
NATIONAL_LIST_SIZES = {"seic": 66, "amc": 25, "icp": 61}
# The certainty mark of a cluster known only from the paper's Tables 3/4 (not from a public list).
PAPER_ONLY = "paper"
CERTAINTY_ORDER = ("high", "medium", "probable", "low", "uncertain")


def list_coverage(clusters):
    """One row per national list: how many of its clusters the table holds, and on what evidence.

    ``clusters`` has one row per cluster (not per city) with columns ``cluster_type`` and ``certainty``.
    Returns a DataFrame indexed by cluster type (in the order of NATIONAL_LIST_SIZES) with columns
    ``list_size``, ``in_sample``, ``from_public_sources`` (with a certainty mark), ``paper_only``,
    ``pct_of_list`` and one column per certainty mark (``high`` ... ``uncertain``).
    Types that are not one of the three lists are ignored.
    """
    rows = []
    for cluster_type, size in NATIONAL_LIST_SIZES.items():
        marks = clusters.loc[clusters["cluster_type"] == cluster_type, "certainty"]
        paper_only = int((marks == PAPER_ONLY).sum())
        row = {
            "cluster_type": cluster_type,
            "list_size": size,
            "in_sample": int(len(marks)),
            "from_public_sources": int(len(marks)) - paper_only,
            "paper_only": paper_only,
            "pct_of_list": 100.0 * len(marks) / size,
        }
        row.update({mark: int((marks == mark).sum()) for mark in CERTAINTY_ORDER})
        rows.append(row)
    return pd.DataFrame(rows).set_index("cluster_type")
