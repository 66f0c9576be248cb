"""Cross-type relations (core/crosstype.py) and the HTML matching report (core/report.py)."""
import re

import pandas as pd
import pytest

from clusterbelt.core.crosstype import cross_type_relations
from clusterbelt.core.matching import match_clusters_to_belts
from clusterbelt.core.relations import RelationTable
from clusterbelt.core.report import render_match_report_html


@pytest.fixture
def section6_relations():
    """The two judgements method.md section 6 quotes."""
    return RelationTable.from_frame(pd.DataFrame(
        [("浦东新区生物医药", "张江生物医药", "identical", "section 6"), ("昆山小核酸", "生物医药", "subordinate", "section 6")],
        columns=["industry_a", "industry_b", "relation", "note"],
    ))


def test_cross_type_pairs(section6_relations):
    clusters = pd.DataFrame(
        {
            "name": ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"],
            "city": ["上海", "上海", "苏州", "苏州", "苏州", "上海", None, "苏州"],
            "type": ["seic", "amc", "seic", "icp", "icp", "seic", "amc", None],
            "industry": ["浦东新区生物医药", "张江生物医药集群", "生物医药", "昆山小核酸", "纳米", "集成电路", "生物医药", "生物医药"],
        }
    )
    result = cross_type_relations(clusters, cluster_city="city", cluster_type="type", cluster_industry="industry",
                                  relations=section6_relations)
    pairs = result.pairs
    got = sorted(zip(pairs["a_name"], pairs["b_name"], pairs["relation"], pairs["direction"], pairs["basis"]))
    assert got == [
        ("p1", "p2", "identical", "", "relations"),
        ("p2", "p6", "none", "", "no_relation"),
        ("p3", "p4", "subordinate", "b_in_a", "relations"),
        ("p3", "p5", "none", "", "no_relation"),
    ]
    assert [c for c in pairs.columns if c.startswith("a_")] == ["a_name", "a_city", "a_type", "a_industry"]
    assert result.counts == {"identical": 1, "subordinate": 1, "similar": 0, "none": 2}
    assert result.accounting == {"clusters_input": 8, "clusters_no_city": 1, "clusters_no_type": 1}
    related = cross_type_relations(clusters, cluster_city="city", cluster_type="type", cluster_industry="industry",
                                   relations=section6_relations, related_only=True).pairs
    assert len(related) == 2 and set(related["relation"]) == {"identical", "subordinate"}


@pytest.fixture
def report_result():
    clusters = pd.DataFrame(
        {
            "city": ["甲市", "甲市", "乙市", "丙市", None],
            "type": ["seic", "amc", "seic", "amc", "seic"],
            "industry": ["机床<script>", "电池", "储能 & 电池", "机床", "机床"],
        }
    )
    belts = pd.DataFrame({"city": ["甲市", "甲市", "乙市"], "industry": ["机床<script>", "服装", "电池\"x\""]})
    relations = RelationTable.from_frame(pd.DataFrame(
        [("储能&电池", "电池\"x\"", "similar", "")], columns=["industry_a", "industry_b", "relation", "note"]))
    return match_clusters_to_belts(clusters, belts, cluster_city="city", cluster_industry="industry",
                                   cluster_type="type", belt_city="city", belt_industry="industry", relations=relations)


def test_report_escapes_text_and_counts_add_up(report_result):
    text = render_match_report_html(report_result, map_image="map <1>.png")
    assert text.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in text
    assert "<script>" not in text and "机床&lt;script&gt;" in text
    assert "储能 &amp; 电池" in text and "电池&quot;x&quot;" in text
    assert 'href="map &lt;1&gt;.png"' in text
    text.encode("utf-8")
    # Per type: matched + similar + none + no belt = records of the type.
    sums = re.findall(r"<h2>(\w+): (\d+) cluster records</h2>\n<p>(\d+) matched \+ (\d+) similar \+ (\d+) none \+ (\d+) no belt in city = (\d+)</p>", text)
    assert [s[0] for s in sums] == ["seic", "amc"]
    for _, n, m, s, o, b, total in sums:
        assert int(m) + int(s) + int(o) + int(b) == int(total) == int(n)
    assert sums[0][1:] == ("3", "1", "1", "0", "1", "3")
    # Table 1 comes first.
    assert text.index("Table 1") < text.index("<h2>")


def test_report_lists_each_cluster_once(report_result):
    text = render_match_report_html(report_result)
    rows = re.findall(r"<tr><td>", text)
    # Table 1 has 3 rows (seic, amc, total); every cluster appears in exactly one cluster table.
    assert len(rows) == 3 + len(report_result.clusters)
