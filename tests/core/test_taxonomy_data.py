"""The bundled taxonomy files: GB/T 4754-2017 code tree, keyword vocabulary, chain links."""
import pathlib
import re

import pandas as pd
import pytest

from clusterbelt.core.code_tree import LEVEL_DIGITS, validate_code_tree
from clusterbelt.core.errors import InputError
from clusterbelt.core.industry import industry_key
from clusterbelt.core.industry_names import clean_parts
from clusterbelt.core.taxonomy import (
    BUNDLED_CODES_PATH,
    BUNDLED_KEYWORDS_PATH,
    BUNDLED_LINKS_PATH,
    Taxonomy,
    load_bundled_taxonomy,
)

DATA = pathlib.Path(__file__).resolve().parents[2] / "resources" / "data"


@pytest.fixture(scope="module")
def codes():
    return pd.read_csv(BUNDLED_CODES_PATH, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def keywords():
    return pd.read_csv(BUNDLED_KEYWORDS_PATH, dtype=str, keep_default_na=False)


def test_code_tree_is_well_formed(codes):
    validate_code_tree(codes)  # raises on any fault
    assert list(codes.columns) == ["code", "level", "name_zh", "parent"]
    level = dict(zip(codes["code"], codes["level"]))
    for row in codes.itertuples():
        if row.level == "section":
            assert row.parent == ""
        else:
            assert row.parent in level, row
            assert len(row.code) == LEVEL_DIGITS[row.level]
            assert ["section", "division", "group", "class"].index(level[row.parent]) + 1 == [
                "section", "division", "group", "class"].index(row.level)
    assert sorted(codes.loc[codes["level"] == "section", "code"]) == list("ABCDEFGHIJKLMNOPQRST")
    assert (codes["level"] == "division").sum() == 97  # GB/T 4754-2017 has 97 divisions (大类)


def test_manufacturing_and_information_services_complete_to_the_group(codes):
    divisions = codes[codes["level"] == "division"]
    manufacturing = [f"{d}" for d in range(13, 44)]
    information = ["63", "64", "65"]
    assert set(manufacturing) <= set(divisions["code"]) and set(information) <= set(divisions["code"])
    assert set(divisions.loc[divisions["parent"] == "C", "code"]) == set(manufacturing)
    assert set(divisions.loc[divisions["parent"] == "I", "code"]) == set(information)
    groups = codes[codes["level"] == "group"]
    classes = codes[codes["level"] == "class"]
    for division in manufacturing + information:
        assert (groups["parent"] == division).any(), f"division {division} has no group"
    for group in groups.loc[groups["code"].str[:2].isin(manufacturing + information), "code"]:
        assert (classes["parent"] == group).any(), f"group {group} has no class"
    # The published counts of the 2017 standard: manufacturing 31 divisions, 179 groups, 609
    # classes; section I 3 divisions, 17 groups, 34 classes.
    in_c = codes["code"].str[:2].isin(manufacturing)
    in_i = codes["code"].str[:2].isin(information)
    assert (groups["code"].str[:2].isin(manufacturing)).sum() == 179
    assert (classes["code"].str[:2].isin(manufacturing)).sum() == 609
    assert (in_i & (codes["level"] == "group")).sum() == 17 and (in_i & (codes["level"] == "class")).sum() == 34
    assert in_c.sum() == 31 + 179 + 609


@pytest.mark.parametrize(
    "code, name",
    [
        ("C", "制造业"), ("27", "医药制造业"), ("39", "计算机、通信和其他电子设备制造业"), ("397", "电子器件制造"),
        ("3973", "集成电路制造"), ("3974", "显示器件制造"), ("396", "智能消费设备制造"), ("3491", "工业机器人制造"),
        ("3612", "新能源车整车制造"), ("3985", "电子专用材料制造"), ("651", "软件开发"), ("6520", "集成电路设计"),
        ("6532", "物联网技术服务"), ("I", "信息传输、软件和信息技术服务业"),
    ],
)
def test_spot_checks_of_names(codes, code, name):
    assert dict(zip(codes["code"], codes["name_zh"]))[code] == name


def test_malformed_trees_are_refused_naming_rows():
    good = pd.DataFrame(
        [("C", "section", "制造业", ""), ("39", "division", "电子", "C"), ("397", "group", "器件", "39"),
         ("3973", "class", "集成电路", "397")],
        columns=["code", "level", "name_zh", "parent"],
    )
    validate_code_tree(good)
    cases = {
        "row 4": good.assign(parent=["", "C", "39", "398"]),            # parent missing
        "3 digits": good.assign(code=["C", "39", "3977", "3973"]),      # wrong digits for a group
        "unknown level": good.assign(level=["section", "division", "middle", "class"]),
        "duplicate": pd.concat([good, good.iloc[[3]]], ignore_index=True),
        "does not start": good.assign(code=["C", "39", "397", "3873"]),
    }
    for expected, frame in cases.items():
        with pytest.raises(InputError, match=expected):
            validate_code_tree(frame)


def test_keyword_vocabulary_is_valid(codes, keywords):
    assert list(keywords.columns) == ["keyword", "code", "note"]
    level = dict(zip(codes["code"], codes["level"]))
    assert keywords["code"].isin(list(level)).all()
    assert not keywords["code"].map(level).eq("section").any()
    assert not keywords.duplicated(["keyword", "code"]).any()
    assert all(clean_parts(k) for k in keywords["keyword"])
    # Editorial notes never cite the paper: the vocabulary is general, not fitted to Tables 3/4.
    assert not keywords["note"].str.contains(r"paper|Table [34]|表[34]", regex=True).any()


def test_every_manufacturing_and_information_group_can_be_reached_by_name():
    """Each group of C13-C43 and I63-I65 is named by a keyword (for itself or one of its
    classes), or its own name or a class name works as a keyword. Residual groups (其他, 未列明)
    hold what no other group names, so no keyword can name them."""
    taxonomy = load_bundled_taxonomy()
    covered = set()
    for mapping in taxonomy.map_terms(list(taxonomy.keywords["keyword"])):
        covered.update(mapping.codes)
    tree = taxonomy.codes
    divisions = [str(d) for d in range(13, 44)] + ["63", "64", "65"]
    groups = tree[(tree["level"] == "group") & tree["code"].str[:2].isin(divisions)]
    unreachable = []
    for code, name in zip(groups["code"], groups["name_zh"]):
        if re.search("其他|未列明", name):
            continue
        by_keyword = any(c == code or c.startswith(code) for c in covered)
        names = [name] + list(tree.loc[tree["parent"] == code, "name_zh"])
        by_name = any((m := taxonomy.map_term(n)) is not None and any(c.startswith(code) for c in m.codes) for n in names)
        if not (by_keyword or by_name):
            unreachable.append(f"{code} {name}")
    assert not unreachable, unreachable
    assert len(groups) - sum(bool(re.search("其他|未列明", n)) for n in groups["name_zh"]) > 170


def test_chain_links_are_valid():
    links = pd.read_csv(BUNDLED_LINKS_PATH, dtype=str, keep_default_na=False)
    assert list(links.columns) == ["code_a", "code_b", "keyword_a", "keyword_b", "relation", "note"]
    assert (links["relation"] == "similar").all()
    # Every link names its basis: a classification, never an evaluation pair.
    assert links["note"].str.match(r"basis: (GB/T 4754-2017|SEI 2018) ").all()
    assert len(links) >= 100
    Taxonomy.from_csv()  # validates codes and keywords of every link


def test_bad_vocabulary_and_links_are_refused(codes, keywords):
    links = pd.read_csv(BUNDLED_LINKS_PATH, dtype=str, keep_default_na=False)
    with pytest.raises(InputError, match="not in the code tree.*9999"):
        Taxonomy(codes, pd.concat([keywords, pd.DataFrame([("新词", "9999", "")], columns=keywords.columns)]), links)
    with pytest.raises(InputError, match="not sections"):
        Taxonomy(codes, pd.DataFrame([("制造", "C", "")], columns=keywords.columns), links.iloc[0:0])
    bad_link = pd.DataFrame([("3973", "", "", "", "similar", "x")], columns=links.columns)
    with pytest.raises(InputError, match="row 1"):
        Taxonomy(codes, keywords, bad_link)
    with pytest.raises(InputError, match="Keyword vocabulary not found"):
        Taxonomy.from_csv(keywords_path="/nonexistent/keywords.csv")


def test_keywords_are_general_vocabulary_not_the_papers_belts(keywords):
    t3 = pd.read_csv(DATA / "paper" / "table3_seic_matches.csv", dtype=str)
    t4 = pd.read_csv(DATA / "paper" / "table4_amc_matches.csv", dtype=str)
    belts = pd.read_csv(DATA / "belts_sample.csv", dtype=str)
    printed = "/".join(pd.concat([t3["matched_belts_zh"], t4["matched_belts_zh"]]))
    # Every sample belt comes from the paper's tables.
    assert all(name in printed for name in belts["industry"])
    keyword_keys = {industry_key(k): k for k in keywords["keyword"]}
    # A belt name that is a keyword is there because a source names it: every row says which.
    found = keywords[keywords["keyword"].map(industry_key).isin(set(belts["industry"].map(industry_key)))]
    assert found["note"].str.match(r"basis: (GB/T 4754-2017|B2B category tree|SEI 2018) ").all()
    # Names that only the paper uses (a city prefix, a platform's wording) are never keywords.
    for paper_only in ["青岛库存交通工具", "烟台橡塑", "宠物智能设备", "家居智能", "电子继电器", "通信声讯系统",
                       "LED原料与辅料", "酶/酵素制剂", "IP设备", "监控记录设备", "光学摄像器材", "家电制造",
                       "医疗器械加工", "化工设备配件", "压缩设备", "生命科学仪器", "塑料合金", "智能设备"]:
        assert industry_key(paper_only) not in keyword_keys, paper_only
    assert not any(re.search(r"青岛|烟台|深圳|宁波", k) for k in keywords["keyword"])
