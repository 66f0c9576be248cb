"""The automatic relation rules (core/taxonomy.py and the modules it was split into, core/relations.py), each with a positive and a
negative example, on a small hand-made taxonomy so that the rules, not the vocabulary, are tested."""
import numpy as np
import pandas as pd
import pytest

from clusterbelt.core.errors import InputError
from clusterbelt.core.hanzi import TRADITIONAL_TO_SIMPLIFIED, regional_terms, to_simplified
from clusterbelt.core.industry import industry_key
from clusterbelt.core.industry_names import (
    GENERIC_PREFIXES,
    GENERIC_SUFFIXES,
    GENERIC_WORDS,
    match_parts,
    name_similarity,
    strip_generic,
)
from clusterbelt.core.name_relator import NAME_SIMILAR, NameRelator
from clusterbelt.core.relations import (
    A_IN_B,
    AUTO_RELATE_MODES,
    B_IN_A,
    BASIS_NAMES,
    BASIS_RELATIONS,
    BASIS_SAME_NAME,
    BASIS_TAXONOMY,
    IDENTICAL,
    NO_RELATION,
    RELATIONS,
    SIMILAR,
    SUBORDINATE,
    RelationTable,
    auto_relate_mode,
    build_relator,
    relate_keys,
    table_overrides,
)
from clusterbelt.core.taxonomy import (
    CONFIDENCE_CLOSE_FACTOR,
    CONFIDENCE_CONTAINS,
    SCORE_CHAIN_LINK,
    SCORE_INSIDE,
    SCORE_SAME_DIVISION,
    SCORE_SHARED_CODE,
    Taxonomy,
    load_bundled_taxonomy,
)
from clusterbelt.core.taxonomy_relators import TableCheckedAgainstTaxonomy

CODES = [
    ("C", "section", "制造业", ""),
    ("16", "division", "烟草制品业", "C"), ("169", "group", "其他烟草制品制造", "16"), ("1690", "class", "其他烟草制品制造", "169"),
    ("24", "division", "文教、工美、体育和娱乐用品制造业", "C"), ("242", "group", "乐器制造", "24"),
    ("2423", "class", "电子乐器制造", "242"),
    ("26", "division", "化学原料和化学制品制造业", "C"), ("261", "group", "基础化学原料制造", "26"),
    ("2614", "class", "有机化学原料制造", "261"),
    ("27", "division", "医药制造业", "C"), ("271", "group", "化学药品原料药制造", "27"),
    ("2710", "class", "化学药品原料药制造", "271"),
    ("31", "division", "黑色金属冶炼和压延加工业", "C"), ("313", "group", "钢压延加工", "31"), ("3130", "class", "钢压延加工", "313"),
    ("38", "division", "电气机械和器材制造业", "C"), ("384", "group", "电池制造", "38"), ("3841", "class", "锂离子电池制造", "384"),
    ("39", "division", "计算机、通信和其他电子设备制造业", "C"), ("397", "group", "电子器件制造", "39"),
    ("3973", "class", "集成电路制造", "397"), ("3974", "class", "显示器件制造", "397"),
    ("398", "group", "电子元件及电子专用材料制造", "39"), ("3983", "class", "敏感元件及传感器制造", "398"),
]
KEYWORDS = [
    ("化工", "26"), ("有机原料", "2614"), ("医药", "27"), ("原料药", "271"), ("集成电路", "3973"), ("显示器件", "3974"),
    ("显示屏", "3974"), ("电子器件", "397"), ("传感器", "3983"), ("电池", "384"), ("锂电池", "3841"), ("钢铁", "31"),
    ("钢材", "313"), ("电子烟", "1690"), ("电子琴", "2423"), ("半导体", "3973"), ("半导体", "3974"),
]
LINKS = [("26", "27", "", "", "similar", "chemicals feed drugs"), ("", "", "电子烟", "锂电池", "similar", "e-cigarettes run on lithium cells")]


@pytest.fixture(scope="module")
def small():
    return Taxonomy(
        pd.DataFrame(CODES, columns=["code", "level", "name_zh", "parent"]),
        pd.DataFrame([(k, c, "") for k, c in KEYWORDS], columns=["keyword", "code", "note"]),
        pd.DataFrame(LINKS, columns=["code_a", "code_b", "keyword_a", "keyword_b", "relation", "note"]),
        source="test taxonomy",
    )


def verdict(relator, a, b):
    return relate_keys(relator, [industry_key(a)], [industry_key(b)]).iloc[0]


def auto(small, table=None, mode="taxonomy+names"):
    return build_relator(table if table is not None else RelationTable.empty(), mode, taxonomy=small)


# --- generic words, parts, punctuation, traditional characters ------------------------------------


def test_the_briefs_generic_words_are_generic():
    for word in ("产业", "集群", "创新型", "先进"):
        assert word in GENERIC_WORDS


@pytest.mark.parametrize("prefix", GENERIC_PREFIXES)
def test_each_generic_prefix_is_removed(prefix):
    assert strip_generic(prefix + "电池材料") == "电池材料"


@pytest.mark.parametrize("suffix", GENERIC_SUFFIXES)
def test_each_generic_suffix_is_removed(suffix):
    assert strip_generic("电池材料" + suffix) == "电池材料"


@pytest.mark.parametrize(
    "part, expected",
    [
        ("国家级先进电池材料产业集群", "电池材料"),       # several, both ends
        ("生物医药创新型产业集群", "生物医药"),
        ("先进制造", "先进制造"),                         # 制造 alone names nothing
        ("高端设备", "高端设备"),
        ("新材料", "新材料"),                             # 新 is not a generic word
        ("产业用纺织品", "产业用纺织品"),                 # only prefixes are removed at the start
        ("智能电池", "智能电池"),                         # 智能 is not generic
        ("生物产业园", "生物"),
        ("先进", "先进"),
    ],
)
def test_strip_generic_keeps_what_names_the_industry(part, expected):
    assert strip_generic(part) == expected


@pytest.mark.parametrize(
    "name, parts",
    [
        ("超高清视频和智能家电集群（广佛惠）", ("超高清视频", "智能家电")),
        ("LED 原料/辅料", ("led原料", "辅料")),
        ("“生物医药”。", ("生物医药",)),
        (" 生物 医药 ", ("生物医药",)),
        ("生物·医药", ("生物医药",)),
        ("高端裝備產業", ("高端设备",)),
        ("軟件、資訊服務", ("软件", "信息服务")),
        ("", ()),
        (None, ()),
    ],
)
def test_match_parts(name, parts):
    assert match_parts(name) == parts


def test_traditional_table_is_one_to_one_and_leaves_simplified_text_alone():
    taxonomy = load_bundled_taxonomy()
    traditional = {chr(c) for c in TRADITIONAL_TO_SIMPLIFIED}
    simplified = set(TRADITIONAL_TO_SIMPLIFIED.values())
    assert all(len(s) == 1 for s in simplified)
    assert not traditional & simplified  # no chains: converting twice changes nothing
    text = "".join(taxonomy.codes["name_zh"]) + "".join(taxonomy.keywords["keyword"])
    assert to_simplified(text) == text
    assert to_simplified("電子元器件與積體電路") == "电子元器件与积体电路"
    assert regional_terms("積體電路、軟體、網路") == "集成电路、软件、网络"


def test_traditional_names_relate_like_simplified_ones(small):
    relator = auto(small)
    assert industry_key("電池產業") == "电池"
    same = verdict(relator, "電池", "电池")
    assert (same["relation"], same["basis"]) == (IDENTICAL, BASIS_SAME_NAME)
    # A Taiwan term maps to the mainland keyword.
    assert small.map_term("積體電路").codes == ("3973",)
    assert verdict(relator, "積體電路", "電子器件")["relation"] == SUBORDINATE


# --- the taxonomy rule ---------------------------------------------------------------------------


def test_same_code_is_identical(small):
    found = verdict(auto(small), "显示器件", "显示屏")
    assert (found["relation"], found["basis"], found["score"]) == (IDENTICAL, BASIS_TAXONOMY, 1.0)
    assert "3974" in found["note"]
    unrelated = verdict(auto(small), "显示器件", "钢材")
    assert (unrelated["relation"], unrelated["basis"]) == (NO_RELATION, BASIS_TAXONOMY)
    assert np.isnan(unrelated["score"])


def test_code_inside_the_other_is_subordinate_with_direction(small):
    found = verdict(auto(small), "集成电路", "电子器件")
    assert (found["relation"], found["direction"], found["score"]) == (SUBORDINATE, A_IN_B, SCORE_INSIDE)
    assert "3973 集成电路制造 inside 397 电子器件制造" in found["note"]
    assert verdict(auto(small), "电子器件", "集成电路")["direction"] == B_IN_A
    # Two classes of one group: not inside each other.
    assert verdict(auto(small), "集成电路", "显示器件")["relation"] != SUBORDINATE


def test_same_division_is_similar(small):
    found = verdict(auto(small), "集成电路", "传感器")
    assert (found["relation"], found["score"]) == (SIMILAR, SCORE_SAME_DIVISION)
    assert "same division 39" in found["note"]
    assert verdict(auto(small), "集成电路", "电池")["relation"] == NO_RELATION  # 39 and 38


def test_code_chain_link_is_similar(small):
    found = verdict(auto(small), "医药", "有机原料")
    assert (found["relation"], found["score"]) == (SIMILAR, SCORE_CHAIN_LINK)
    assert "chain link 26" in found["note"] and "chemicals feed drugs" in found["note"]
    assert verdict(auto(small), "医药", "钢铁")["relation"] == NO_RELATION


def test_keyword_chain_link_is_similar(small):
    found = verdict(auto(small), "电子烟", "锂电池")
    assert (found["relation"], found["score"]) == (SIMILAR, SCORE_CHAIN_LINK)
    assert "电子烟 - 锂电池" in found["note"]
    # The link joins those keywords, not their codes' neighbours.
    assert verdict(auto(small), "电子琴", "锂电池")["relation"] == NO_RELATION
    assert verdict(auto(small), "电子烟", "电池")["relation"] == NO_RELATION


def test_a_term_with_several_codes_takes_the_strongest_relation_and_names_its_codes(small):
    assert small.map_term("锂电池和集成电路").codes == ("3841", "3973")
    found = verdict(auto(small), "锂电池和集成电路", "电子器件")
    assert (found["relation"], found["direction"]) == (SUBORDINATE, A_IN_B)
    assert "codes 3841, 3973 | 397" in found["note"]


def test_shared_code_identical_only_if_same_codes_else_within_or_partial(small):
    within = verdict(auto(small), "集成电路", "半导体")  # {3973} within {3973, 3974}
    assert (within["relation"], within["direction"]) == (SUBORDINATE, A_IN_B)
    partial = verdict(auto(small), "锂电池和集成电路", "半导体")  # {3841, 3973} and {3973, 3974}
    assert (partial["relation"], partial["score"]) == (IDENTICAL, SCORE_SHARED_CODE)
    assert "partial overlap" in partial["note"]


def test_mapping_confidence_scales_the_score(small):
    contained = small.map_term("集成电路封装")
    assert (contained.codes, contained.confidence) == (("3973",), CONFIDENCE_CONTAINS)
    assert verdict(auto(small), "集成电路封装", "电子器件")["score"] == pytest.approx(SCORE_INSIDE * CONFIDENCE_CONTAINS)
    close = small.map_term("电路集成")  # the characters of 集成电路 in another order
    assert close.codes == ("3973",) and close.how.startswith("close to 集成电路")
    assert close.confidence == pytest.approx(CONFIDENCE_CLOSE_FACTOR * name_similarity("电路集成", "集成电路"))
    assert small.map_term("螺蛳粉") is None
    # The last keyword is the head; a modifier naming only an ancestor of it adds nothing.
    assert small.map_term("电子器件集成电路").codes == ("3973",)


# --- the name rule -------------------------------------------------------------------------------


def test_names_relate_terms_the_taxonomy_does_not_know(small):
    relator = auto(small)
    identical = verdict(relator, "无人艇装备", "无人艇设备")  # 装备 = 设备
    assert (identical["relation"], identical["basis"], identical["score"]) == (IDENTICAL, BASIS_NAMES, 1.0)
    similar = verdict(relator, "螺蛳粉", "螺蛳粉干货")
    assert (similar["relation"], similar["basis"]) == (SIMILAR, BASIS_NAMES)
    # A place before the industry is no part of it (柳州 is a city of the gazetteer).
    assert verdict(relator, "螺蛳粉", "柳州螺蛳粉")["relation"] == IDENTICAL
    assert NAME_SIMILAR <= similar["score"] < 0.9
    assert pd.isna(verdict(relator, "螺蛳粉", "无人艇设备")["relation"])
    # One term known, the other not: the names decide.
    assert small.map_term("显卡器件") is None  # 器件 alone is a generic word
    assert verdict(relator, "显示器件", "显卡器件")["basis"] == BASIS_NAMES


def test_names_are_not_asked_when_the_taxonomy_knows_both_terms(small):
    assert name_similarity("电子烟", "电子琴") >= NAME_SIMILAR
    found = verdict(auto(small), "电子烟", "电子琴")
    assert (found["relation"], found["basis"]) == (NO_RELATION, BASIS_TAXONOMY)


def test_names_mode_off_leaves_unknown_terms_unrelated(small):
    assert pd.isna(verdict(auto(small, mode="taxonomy"), "螺蛳粉", "柳州螺蛳粉")["relation"])
    assert pd.isna(verdict(auto(small, mode="none"), "显示器件", "显示屏")["relation"])


def test_vectorised_similarity_equals_the_scalar_one():
    names = ["生物医药", "生物制药", "智能装备", "智能设备", "人工智能", "智能卡", "电池", "电池材料", "茶", "白茶",
             "超高清视频和智能家电", "家电", "", "x"]
    a = [industry_key(n) for n in names for _ in names]
    b = [industry_key(n) for _ in names for n in names]
    vectorised = NameRelator().similarities(a, b)
    assert vectorised == pytest.approx([name_similarity(x, y) for x, y in zip(a, b)])


# --- precedence: table > same name > taxonomy > names --------------------------------------------


def test_the_table_wins_and_the_override_is_recorded(small):
    table = RelationTable.from_frame(pd.DataFrame(
        [("显示器件", "显示屏", "similar", "mine"), ("集成电路", "电子器件", "无关", ""),
         ("传感器", "集成电路", "similar", "agrees"), ("螺蛳粉", "集成电路", "identical", "unknown term")],
        columns=["industry_a", "industry_b", "relation", "note"]))
    relator = auto(small, table)
    similar = verdict(relator, "显示器件", "显示屏")
    assert (similar["relation"], similar["basis"]) == (SIMILAR, BASIS_RELATIONS)
    assert similar["note"].startswith("mine | " + TableCheckedAgainstTaxonomy.OVERRIDE_MARK)
    vetoed = verdict(relator, "集成电路", "电子器件")
    assert (vetoed["relation"], vetoed["basis"]) == (NO_RELATION, BASIS_RELATIONS)
    assert TableCheckedAgainstTaxonomy.OVERRIDE_MARK in vetoed["note"]
    assert verdict(relator, "传感器", "集成电路")["note"] == "agrees"
    assert verdict(relator, "螺蛳粉", "集成电路")["note"] == "unknown term"
    overrides = table_overrides(relator)
    assert sorted(zip(overrides["industry_a"], overrides["industry_b"])) == [("显示器件", "显示屏"), ("集成电路", "电子器件")]
    assert set(overrides["taxonomy_relation"]) == {IDENTICAL, f"{SUBORDINATE} ({A_IN_B})"}


def test_identical_against_subordinate_is_no_contradiction(small):
    table = RelationTable.from_frame(pd.DataFrame([("显示器件", "显示屏", "subordinate")],
                                                  columns=["industry_a", "industry_b", "relation"]))
    relator = auto(small, table)
    assert verdict(relator, "显示器件", "显示屏")["relation"] == SUBORDINATE
    assert table_overrides(relator).empty


def test_same_name_comes_before_the_taxonomy(small):
    assert verdict(auto(small), "显示器件", "显示器件产业集群")["basis"] == BASIS_SAME_NAME


def test_table_none_veto_in_the_matching(small):
    from clusterbelt.core.matching import match_clusters_to_belts

    clusters = pd.DataFrame({"city": ["A", "A"], "industry": ["电子器件", "医药"]})
    belts = pd.DataFrame({"city": ["A", "A"], "industry": ["集成电路", "有机原料"]})
    run = dict(cluster_city="city", cluster_industry="industry", belt_city="city", belt_industry="industry",
               taxonomy=small)
    free = match_clusters_to_belts(clusters, belts, relations=RelationTable.empty(), auto_relate="taxonomy", **run)
    assert list(free.clusters["match_class"]) == ["matched", "similar"]
    assert list(free.clusters["basis"]) == ["taxonomy", "taxonomy"]
    veto = RelationTable.from_frame(pd.DataFrame([("集成电路", "电子器件", "none")], columns=["industry_a", "industry_b", "relation"]))
    vetoed = match_clusters_to_belts(clusters, belts, relations=veto, auto_relate="taxonomy", **run)
    assert list(vetoed.clusters["match_class"]) == ["none", "similar"]
    assert "none" not in set(vetoed.pairs["relation"])
    assert vetoed.settings["table_overrode_taxonomy"] == 1 and len(vetoed.table_overrides) == 1


# --- modes, scores, empty names, candidate pairs ---------------------------------------------------


def test_auto_relate_modes_in_enum_order_and_by_index():
    assert AUTO_RELATE_MODES == ("none", "taxonomy", "taxonomy+names")
    assert [auto_relate_mode(i) for i in range(3)] == list(AUTO_RELATE_MODES)
    assert auto_relate_mode("Taxonomy_Names") == "taxonomy+names"
    with pytest.raises(InputError, match="^auto relate: unknown mode .*0 none, 1 taxonomy, 2 taxonomy\\+names"):
        auto_relate_mode("everything")


def test_scores_are_in_the_unit_interval_and_missing_only_without_relation():
    taxonomy = load_bundled_taxonomy()
    terms = list(taxonomy.keywords["keyword"].drop_duplicates().sample(150, random_state=3)) + [
        "家居智能", "电路集成", "螺蛳粉", "柳州螺蛳粉", "宠物智能设备", "ip设备", "電子元器件"]
    keys = [industry_key(t) for t in terms]
    a = np.repeat(keys, len(keys))
    b = np.tile(keys, len(keys))
    found = relate_keys(build_relator(RelationTable.empty(), "taxonomy+names"), a, b)
    related = found["relation"].isin(RELATIONS).to_numpy()
    assert related.sum() > 100
    assert ((found["score"][related] > 0) & (found["score"][related] <= 1)).all()
    assert found["score"][~related].isna().all()
    assert set(found["relation"].dropna()) <= set(RELATIONS) | {NO_RELATION}
    # Relations are symmetric (subordinate with the direction reversed).
    back = relate_keys(build_relator(RelationTable.empty(), "taxonomy+names"), b, a)
    assert (found["relation"].fillna("-") == back["relation"].fillna("-")).all()
    flipped = back["direction"].map({A_IN_B: B_IN_A, B_IN_A: A_IN_B, "": ""})
    assert (found["direction"] == flipped).all()


def test_empty_names_get_no_relation(small):
    found = relate_keys(auto(small), ["", "集成电路", ""], ["集成电路", "", ""])
    assert found["relation"].isna().all()
    assert small.map_term("") is None and small.map_term(None) is None
    assert name_similarity("", "集成电路") == 0.0


def test_candidate_pairs_cover_every_related_pair():
    taxonomy = load_bundled_taxonomy()
    terms = [industry_key(t) for t in taxonomy.keywords["keyword"].drop_duplicates().sample(120, random_state=5)]
    terms += ["家居智能", "螺蛳粉", "柳州螺蛳粉", "智能设备配件", "ip设备", "ip摄像设备"]
    a = np.repeat(terms, len(terms))
    b = np.tile(terms, len(terms))
    pairs = pd.DataFrame({"industry_a": a, "industry_b": b})
    for relator in (build_relator(RelationTable.empty(), "taxonomy").relators[2], NameRelator(taxonomy)):
        decided = relator.relate(pairs)
        related = set(zip(a[decided["relation"].isin(RELATIONS)], b[decided["relation"].isin(RELATIONS)]))
        candidates = relator.candidate_pairs(terms, terms)
        assert related <= set(zip(candidates["industry_a"], candidates["industry_b"]))
        assert len(related) > 0


def test_name_candidates_are_the_same_in_small_blocks(monkeypatch):
    names = ["螺蛳粉", "柳州螺蛳粉", "螺蛳粉配料", "无人艇设备", "无人艇装备", "无人机", "集成电路", "家居智能",
             "茶", "白茶", "红茶", "智能门锁", "门锁"]
    keys = [industry_key(n) for n in names]
    relator = NameRelator(load_bundled_taxonomy())
    whole = relator.candidate_pairs(keys, keys)
    monkeypatch.setattr(NameRelator, "BLOCK_ROWS", 3)
    blocked = NameRelator(load_bundled_taxonomy()).candidate_pairs(keys, keys)
    assert set(zip(whole["industry_a"], whole["industry_b"])) == set(zip(blocked["industry_a"], blocked["industry_b"]))
    assert ("螺蛳粉", "柳州螺蛳粉") in set(zip(whole["industry_a"], whole["industry_b"]))
    # Similarities in blocks equal the scalar ones.
    a = np.repeat(keys, len(keys))
    b = np.tile(keys, len(keys))
    assert NameRelator().similarities(a, b) == pytest.approx([name_similarity(x, y) for x, y in zip(a, b)])
