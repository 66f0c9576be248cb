"""Industry keys and relation tables (core/industry.py, core/relations.py)."""
import pandas as pd
import pytest

from clusterbelt.core.errors import InputError
from clusterbelt.core.industry import industry_key, industry_keys
from clusterbelt.core.relations import (
    A_IN_B,
    B_IN_A,
    BASIS_RELATIONS,
    BASIS_SAME_NAME,
    IDENTICAL,
    SIMILAR,
    SUBORDINATE,
    RelationTable,
    Relator,
    build_relator,
    load_bundled_relations,
    relate_keys,
)


@pytest.mark.parametrize(
    "name, key",
    [
        ("生物医药（浦东新区）", "生物医药"),
        ("生物医药(浦东新区)", "生物医药"),
        ("（浦东新区）生物医药", "生物医药"),
        ("智能装备集群（广深佛莞）", "智能装备"),
        ("新一代信息通信产业集群", "新一代信息通信"),
        ("生物医药产业", "生物医药"),
        ("家具产业带", "家具"),
        (" 生物 医药 ", "生物医药"),
        ("ＬＥＤ原料与辅料", "led原料与辅料"),
        ("电子元器件【传输（交换）设备】", "电子元器件"),
        ("产业", "产业"),
        ("集群", "集群"),
        (None, ""),
        (float("nan"), ""),
        ("   ", ""),
    ],
)
def test_industry_key(name, key):
    assert industry_key(name) == key


def test_industry_keys_aligned_with_input_and_missing_values():
    names = ["生物医药（浦东新区）", None, "生物医药产业集群", float("nan"), "电池"]
    assert list(industry_keys(names)) == ["生物医药", "", "生物医药", "", "电池"]


def table(rows, columns=("industry_a", "industry_b", "relation", "note")):
    return pd.DataFrame(rows, columns=list(columns))


def relation_of(relator, a, b):
    return relate_keys(relator, [industry_key(a)], [industry_key(b)]).iloc[0]


def test_identical_and_similar_are_symmetric_subordinate_counts_both_ways():
    relations = RelationTable.from_frame(
        table([("机床", "智能装备", "subordinate", "n1"), ("电池", "储能", "similar", ""), ("智能装备", "智能设备", "identical", "")])
    )
    forward = relation_of(relations, "机床", "智能装备")
    backward = relation_of(relations, "智能装备", "机床")
    assert (forward["relation"], forward["direction"]) == (SUBORDINATE, A_IN_B)
    assert (backward["relation"], backward["direction"]) == (SUBORDINATE, B_IN_A)
    assert forward["note"] == "n1" and forward["basis"] == BASIS_RELATIONS and forward["score"] == 1.0
    assert relation_of(relations, "储能", "电池")["relation"] == SIMILAR
    assert relation_of(relations, "智能设备集群", "智能装备（广深佛莞）")["relation"] == IDENTICAL
    assert pd.isna(relation_of(relations, "机床", "电池")["relation"])


def test_chinese_relation_words_and_case_are_accepted():
    relations = RelationTable.from_frame(
        table([("a", "b", "相同", ""), ("c", "d", "隶属", ""), ("e", "f", "相近", ""), ("g", "h", " Identical ", "")])
    )
    assert list(relations.rows["relation"]) == [IDENTICAL, SUBORDINATE, SIMILAR, IDENTICAL]


def test_duplicate_identical_judgements_are_merged_with_their_notes():
    relations = RelationTable.from_frame(
        table([("机床", "智能装备", "subordinate", "Table 3"), ("机床（常州）", "智能装备集群", "subordinate", "Table 4")])
    )
    found = relation_of(relations, "机床", "智能装备")
    assert found["relation"] == SUBORDINATE
    assert found["note"] == "Table 3 | Table 4"


def test_unknown_relation_word_is_refused_naming_rows():
    bad = table([("a", "b", "identical", ""), ("c", "d", "related", ""), ("e", "f", "", "")])
    with pytest.raises(InputError) as error:
        RelationTable.from_frame(bad, source="mine.csv")
    message = str(error.value)
    assert "mine.csv" in message and "'related'" in message and "rows 2, 3" in message


def test_missing_column_is_refused_naming_it():
    with pytest.raises(InputError) as error:
        RelationTable.from_frame(pd.DataFrame({"industry_a": ["a"], "relation": ["identical"]}))
    assert "industry_b" in str(error.value)


def test_pair_related_in_two_ways_is_refused_naming_both_rows():
    bad = table([("a", "b", "identical", ""), ("x", "y", "similar", ""), ("b", "a（某区）", "similar", "")])
    with pytest.raises(InputError) as error:
        RelationTable.from_frame(bad)
    message = str(error.value)
    assert "row 1" in message and "row 3" in message and "row 2" not in message


def test_subordinate_both_ways_round_is_refused():
    with pytest.raises(InputError, match="row 1.*row 2"):
        RelationTable.from_frame(table([("a", "b", "subordinate", ""), ("b", "a", "subordinate", "")]))


def test_industry_related_to_itself_other_than_identical_is_refused():
    with pytest.raises(InputError, match="row 2"):
        RelationTable.from_frame(table([("a", "b", "similar", ""), ("生物医药", "生物医药产业", "similar", "")]))
    # ... while identical to itself is harmless.
    assert len(RelationTable.from_frame(table([("生物医药", "生物医药产业", "identical", "")]))) == 1


def test_empty_industry_is_refused():
    with pytest.raises(InputError, match="empty industry.*row 1"):
        RelationTable.from_frame(table([("", "b", "identical", "")]))


def test_csv_with_byte_order_mark_and_no_note_column(tmp_path):
    path = tmp_path / "relations.csv"
    path.write_bytes("industry_a,industry_b,relation\n机床,智能装备,隶属\n".encode("utf-8-sig"))
    relations = RelationTable.from_csv(path)
    assert relation_of(relations, "智能装备", "机床")["relation"] == SUBORDINATE


def test_missing_csv_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="not found"):
        RelationTable.from_csv(tmp_path / "absent.csv")


def test_chain_table_first_then_same_name():
    relator = build_relator(RelationTable.from_frame(table([("a", "b", "similar", "")])))
    assert relation_of(relator, "电池", "电池产业")["basis"] == BASIS_SAME_NAME
    assert relation_of(relator, "电池", "电池产业")["relation"] == IDENTICAL
    assert relation_of(relator, "a", "b")["relation"] == SIMILAR
    assert pd.isna(relation_of(relator, "电池", "储能")["relation"])


def test_unknown_auto_relate_mode_is_refused():
    for mode in ("magic", 3, -1, True, None):
        with pytest.raises(InputError, match="^auto relate: unknown mode"):
            build_relator(RelationTable.empty(), auto_relate=mode)


def test_a_custom_relator_is_the_extension_hook():
    class Prefix(Relator):
        description = "shared first character"

        def relate(self, pairs):
            result = RelationTable.empty().relate(pairs)
            same = pairs["industry_a"].str[0] == pairs["industry_b"].str[0]
            result.loc[same, ["relation", "basis", "score"]] = [SIMILAR, "prefix", 0.5]
            return result

    relator = build_relator(Prefix())
    found = relation_of(relator, "电池", "电机")
    assert (found["relation"], found["basis"], found["score"]) == (SIMILAR, "prefix", 0.5)


def test_bundled_relations_load_and_cite_the_paper():
    relations = load_bundled_relations()
    assert len(relations) > 0
    assert set(relations.rows["relation"]) <= {IDENTICAL, SUBORDINATE}
    cites_table = relations.rows["note"].str.contains(r"paper Table [34]", regex=True)
    assert cites_table.all(), relations.rows.loc[~cites_table, ["industry_a", "industry_b"]]


def test_candidate_pairs_name_what_table_and_same_name_can_relate():
    relator = build_relator(RelationTable.from_frame(table([("机床", "智能装备", "subordinate", ""), ("x", "y", "similar", "")])))
    found = relator.candidate_pairs(["智能装备", "电池", "x"], ["机床", "电池", "z"])
    assert set(zip(found["industry_a"], found["industry_b"])) == {("智能装备", "机床"), ("电池", "电池")}

    class Anything(Relator):
        def relate(self, pairs):
            return RelationTable.empty().relate(pairs)

    assert build_relator(Anything()).candidate_pairs(["a"], ["b"]) is None
