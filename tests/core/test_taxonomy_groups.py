"""Issue 15's new tiers on hand-made data: words of the GB/T code names, and published groupings."""
import pandas as pd
import pytest

from clusterbelt.core.errors import InputError
from clusterbelt.core.industry import industry_key
from clusterbelt.core.relations import NO_RELATION, SIMILAR, RelationTable, build_relator, relate_keys
from clusterbelt.core.taxonomy import (
    CONFIDENCE_CODE_NAME,
    MAX_CODE_NAME_PLACES,
    SCORE_CHAIN_LINK,
    SCORE_PUBLISHED_GROUP,
    SCORE_SAME_DIVISION,
    Taxonomy,
    load_bundled_taxonomy,
)

CODES = [
    ("C", "section", "制造业", ""),
    ("27", "division", "医药制造业", "C"), ("271", "group", "化学药品原料药制造", "27"),
    ("2710", "class", "化学药品原料药制造", "271"),
    ("31", "division", "黑色金属冶炼和压延加工业", "C"), ("313", "group", "钢压延加工", "31"),
    ("3130", "class", "钢压延加工", "313"),
    ("35", "division", "专用设备制造业", "C"), ("358", "group", "医疗仪器设备及器械制造", "35"),
    ("3581", "class", "医疗诊断、监护及治疗设备制造", "358"),
    ("39", "division", "计算机、通信和其他电子设备制造业", "C"),
    ("392", "group", "通信设备制造", "39"), ("3921", "class", "通信系统设备制造", "392"),
    ("3922", "class", "通信终端设备制造", "392"),
    ("397", "group", "电子器件制造", "39"), ("3973", "class", "集成电路制造", "397"),
    ("398", "group", "电子元件及电子专用材料制造", "39"), ("3983", "class", "敏感元件及传感器制造", "398"),
    ("3985", "class", "电子专用材料制造", "398"),
    ("F", "section", "批发和零售业", ""), ("51", "division", "批发业", "F"),
    ("517", "group", "机械设备、五金产品及电子产品批发", "51"), ("5176", "class", "通信设备批发", "517"),
]
KEYWORDS = [("医药", "27"), ("钢铁", "31"), ("医疗器械", "358"), ("集成电路", "3973"), ("传感器", "3983"),
            ("电子材料", "3985")]
GROUPS = [
    ("高技术产业（制造业）分类（2017）", "HTM1", "医药制造业", "27", ""),
    ("战略性新兴产业分类（2018）", "SEI4", "生物产业", "27 358", ""),
    ("战略性新兴产业分类（2018）", "SEI3", "新材料产业", "31 3985", ""),
    ("数字经济及其核心产业统计分类（2021）", "DE0105", "电子元器件及设备制造", "397 398", ""),
]


def taxonomy(groups=GROUPS, codes=CODES, keywords=KEYWORDS):
    return Taxonomy(
        pd.DataFrame(codes, columns=["code", "level", "name_zh", "parent"]),
        pd.DataFrame([(k, c, "") for k, c in keywords], columns=["keyword", "code", "note"]),
        pd.DataFrame(columns=["code_a", "code_b", "keyword_a", "keyword_b", "relation", "note"]),
        source="test taxonomy",
        groups=None if groups is None else pd.DataFrame(
            groups, columns=["source", "group_code", "group_name", "codes", "note"]),
    )


def verdict(tax, a, b):
    relator = build_relator(RelationTable.empty(), "taxonomy", taxonomy=tax)
    return relate_keys(relator, [industry_key(a)], [industry_key(b)]).iloc[0]


# --- words of the official code names --------------------------------------------------------------


def test_a_word_inside_a_gbt_name_maps_to_the_most_specific_common_code():
    tax = taxonomy()
    # 通信 is in the names of 392, 3921 and 3922 (and of division 39, a list, and of 5176, trade):
    # the most specific codes naming it are 3921 and 3922, whose common code is 392.
    mapping = tax.map_term("通信模组")
    assert mapping.codes == ("392",)
    assert mapping.confidence == CONFIDENCE_CODE_NAME
    assert mapping.how == "in the GB/T names of 392 (通信)"
    # A part of a listing name: 敏感元件及传感器制造 -> 敏感元件.
    assert tax.map_term("敏感元件").codes == ("3983",)
    # Below a keyword: the keyword decides where there is one.
    assert tax.map_term("传感器").confidence == 1.0


def test_generic_words_and_trade_names_map_nothing():
    tax = taxonomy()
    assert tax.map_term("设备") is None  # a generic head alone
    assert tax.map_term("器材") is None
    assert tax.map_term("五金") is None  # only in a trade name (517): trade divisions are not read
    assert tax.map_term("螺蛳粉") is None
    # Two generic words together are generic too: 应用服务 of 科技推广和应用服务业 names no industry.
    services = taxonomy(codes=CODES + [("M", "section", "科学研究和技术服务业", ""),
                                       ("75", "division", "科技推广和应用服务业", "M")])
    assert services.map_term("应用服务") is None
    assert services.map_term("科技推广").codes == ("75",)


def test_a_word_named_in_too_many_places_is_too_vague():
    codes = [("C", "section", "制造业", "")]
    for number, prefix in enumerate(("甲子丑", "乙寅卯", "丙辰巳", "丁午未", "戊申酉")[: MAX_CODE_NAME_PLACES + 1]):
        division = str(30 + number)
        codes += [(division, "division", f"{prefix}业", "C"),
                  (division + "1", "group", f"{prefix}精密件制造", division)]
    tax = taxonomy(groups=None, codes=codes, keywords=[])
    assert tax.map_term("精密件") is None
    fewer = taxonomy(groups=None, codes=codes[: 1 + 2 * MAX_CODE_NAME_PLACES], keywords=[])
    assert len(fewer.map_term("精密件").codes) == MAX_CODE_NAME_PLACES


# --- published groupings -------------------------------------------------------------------------------


def test_a_pair_in_one_published_group_is_similar_with_the_group_named():
    tax = taxonomy()
    found = verdict(tax, "医药", "医疗器械")  # 27 and 358: SEI 2018 field 4
    assert found["relation"] == SIMILAR
    assert found["score"] == pytest.approx(SCORE_PUBLISHED_GROUP)
    assert "same published group 战略性新兴产业分类（2018） SEI4 生物产业" in found["note"]
    assert SCORE_PUBLISHED_GROUP < SCORE_CHAIN_LINK < SCORE_SAME_DIVISION


def test_a_pair_in_no_group_stays_unrelated():
    tax = taxonomy()
    assert verdict(tax, "钢铁", "医疗器械")["relation"] == NO_RELATION
    assert verdict(tax, "医药", "集成电路")["relation"] == NO_RELATION
    # Without groupings the grouped pair is unrelated too: the tier is the groupings' doing.
    assert verdict(taxonomy(groups=None), "医药", "医疗器械")["relation"] == NO_RELATION


def test_a_broad_code_belongs_to_a_group_only_through_most_of_its_children():
    tax = taxonomy()
    # 39 has three groups, two of them (397, 398) in DE0105: 39 belongs; 398 has two classes, one in SEI3: not.
    assert verdict(tax, "计算机、通信和其他电子设备", "传感器")["relation"] in (SIMILAR, "subordinate")
    assert verdict(tax, "电子材料", "钢铁")["relation"] == SIMILAR  # 3985 is listed in SEI3
    code_groups = {tax.groups[i][0] for i in tax._code_groups("398")}
    assert code_groups == {"数字经济及其核心产业统计分类（2021） DE0105 电子元器件及设备制造"}
    assert {tax.groups[i][0] for i in tax._code_groups("39")} == code_groups


def test_candidate_pairs_include_the_grouped_pairs():
    tax = taxonomy()
    pairs = tax.candidate_pairs([industry_key("医药")], [industry_key("医疗器械"), industry_key("钢铁")])
    assert set(zip(pairs["industry_a"], pairs["industry_b"])) == {(industry_key("医药"), industry_key("医疗器械"))}


def test_bad_groupings_are_refused():
    with pytest.raises(InputError, match="published groupings.*row 1"):
        taxonomy(groups=[("x", "G", "g", "9999", "")])
    with pytest.raises(InputError, match="published groupings.*row 1"):
        taxonomy(groups=[("x", "G", "g", "C", "")])


def test_bundled_groupings_load_and_every_group_names_its_source():
    tax = load_bundled_taxonomy()
    assert len(tax.groups) >= 30
    sources = {label.split(" ")[0] for label, _ in tax.groups}
    assert sources == {"高技术产业（制造业）分类（2017）", "高技术产业（服务业）分类（2018）",
                       "数字经济及其核心产业统计分类（2021）", "战略性新兴产业分类（2018）"}


def test_proposals_keep_the_group_basis_and_review_the_weak_tier_first():
    from clusterbelt.core.proposals import propose_relations

    clusters = pd.DataFrame({"city": ["甲", "甲"], "industry": ["医药", "电子材料"]})
    belts = pd.DataFrame({"city": ["甲", "甲"], "industry": ["医疗器械", "传感器"]})
    result = propose_relations(clusters, belts, cluster_city="city", cluster_industry="industry", belt_city="city",
                               belt_industry="industry", relations=RelationTable.empty(), auto_relate="taxonomy",
                               taxonomy=taxonomy())
    table = result.table.set_index(["cluster_industry", "belt_industry"])
    grouped = table.loc[("医药", "医疗器械")]  # SEI 2018 field 4: published group, 0.4
    division = table.loc[("电子材料", "传感器")]  # 3985 and 3983: same division 39, 0.6
    assert (grouped["relation"], grouped["basis"]) == (SIMILAR, "taxonomy")
    assert "same published group" in grouped["note"] and grouped["score"] == pytest.approx(SCORE_PUBLISHED_GROUP)
    assert division["relation"] == SIMILAR and division["score"] == pytest.approx(SCORE_SAME_DIVISION)
    assert grouped["review_priority"] > division["review_priority"] > 0
