"""A missing text stays None through the engine, whatever pandas stores text in.

pandas 1.5 and 2 keep text in object columns (a missing value is None as given); pandas 3 infers
its string dtype, whose missing value is NaN, a truthy float. The engine promises None for a
missing city part, city key, gazetteer field or taxonomy verdict (callers test ``is None``), and
"" rather than "None"/"nan" for an empty cell of a taxonomy table. Inputs are given both as
object columns and in pandas' "string" dtype (missing = pd.NA), which every supported pandas has,
so these tests mean the same on Debian 12 and 13 (see scripts/test_numpy2.sh for the numpy 2 /
pandas 2 and 3 runs). Lists are compared with ``==``, where None == None but nan != None.
"""
import numpy as np
import pandas as pd
import pytest

from clusterbelt.core import cities
from clusterbelt.core.cities import AMBIGUOUS, EXACT, NOT_FOUND, Gazetteer
from clusterbelt.core.code_tree import validate_code_tree
from clusterbelt.core.errors import InputError
from clusterbelt.core.frames import frame_with_object_columns, object_series
from clusterbelt.core.industry import industry_key
from clusterbelt.core.matching import MATCHED, NO_BELT_IN_CITY, match_clusters_to_belts
from clusterbelt.core.relations import RelationTable
from clusterbelt.core.taxonomy import Taxonomy, load_bundled_taxonomy

TEXT_DTYPES = [object, "string"]


@pytest.mark.parametrize("text_dtype", TEXT_DTYPES)
def test_gazetteer_with_some_provinces_missing(text_dtype):
    frame = pd.DataFrame(
        {"NAME": ["甲市", "乙市", "甲市", "朝阳区", "朝阳区"], "PROV": ["甲省", None, "乙省", None, None]}, dtype=text_dtype
    )
    gaz = Gazetteer.from_frame(frame, "NAME", province_col="PROV", lon_col=None, lat_col=None)
    assert list(gaz.units["province"]) == ["甲省", None, "乙省", None, None]
    assert list(gaz.units["city_code"]) == [None] * 5
    # Repeated names take their province, or their row when they have none (never "朝阳区@nan").
    assert list(gaz.units["city_key"]) == ["甲市@甲省", "乙市", "甲市@乙省", "朝阳区#3", "朝阳区#4"]

    located = gaz.locate(["乙市", "朝阳区", None, "甲市", "丙市"])
    assert list(located["locate_status"]) == [EXACT, AMBIGUOUS, NOT_FOUND, AMBIGUOUS, NOT_FOUND]
    assert list(located["city_name"]) == ["乙市", None, None, None, None]
    assert list(located["province"]) == [None] * 5
    assert list(located["city_code"]) == [None] * 5
    assert list(located["candidates"]) == [None, "朝阳区 (3)|朝阳区 (4)", None, "甲市 (甲省)|甲市 (乙省)", None]


def test_located_unit_without_code_among_located_ones_with_code():
    frame = pd.DataFrame({"NAME": ["甲市", "乙市"], "ID": ["100100", "100200"], "PROV": ["甲省", None]})
    gaz = Gazetteer.from_frame(frame, "NAME", code_col="ID", province_col="PROV", lon_col=None, lat_col=None)
    located = gaz.locate(["甲市", "乙市", "丁市"])
    assert list(located["city_code"]) == ["100100", "100200", None]
    assert list(located["province"]) == ["甲省", None, None]


@pytest.mark.parametrize("text_dtype", TEXT_DTYPES)
def test_split_city_column_keeps_none_for_rows_without_city(text_dtype):
    values = pd.Series(["广州市、佛山市", None, "", "深圳"], index=[7, 8, 9, 10], dtype=text_dtype)
    parts = cities.split_city_column(values)
    assert list(parts["row"]) == [7, 7, 8, 9, 10]
    assert list(parts["city_part"]) == ["广州市", "佛山市", None, None, "深圳"]
    assert list(parts["city_count"]) == [2, 2, 0, 0, 1]


@pytest.mark.parametrize("text_dtype", TEXT_DTYPES)
def test_match_city_key_is_none_without_city(text_dtype):
    clusters = pd.DataFrame(
        {"city": ["440300", None, " ", "110000"], "industry": ["机床", "机床", "机床", None]}, dtype=text_dtype
    )
    belts = pd.DataFrame({"city": ["440300", "110000", None], "industry": ["机床", "机床", "机床"]}, dtype=text_dtype)
    result = match_clusters_to_belts(
        clusters, belts, cluster_city="city", cluster_industry="industry", belt_city="city", belt_industry="industry",
        relations=RelationTable.empty(),
    )
    out = result.clusters
    assert list(out["city_key"]) == ["440300", None, None, "110000"]
    assert list(out["match_class"]) == [MATCHED, NO_BELT_IN_CITY, NO_BELT_IN_CITY, "none"]
    assert list(out["matched_belts"]) == ["机床", "", "", ""]
    assert result.belt_accounting["no_city"] == 1
    assert list(result.pairs["city_key"]) == ["440300"]


def test_taxonomy_verdict_is_none_for_an_unknown_term():
    verdict = load_bundled_taxonomy().relate_keys(
        [industry_key("电池"), "qqzzxx"], [industry_key("锂电池"), industry_key("电池")]
    )
    assert verdict.loc[0, "relation"] == "subordinate"
    assert verdict.loc[1, "relation"] is None
    assert verdict.loc[1, "basis"] == "" and np.isnan(verdict.loc[1, "score"])


CODES = [("C", "section", "制造业", None), ("38", "division", "电气机械和器材制造业", "C"),
         ("384", "group", "电池制造", "38"), ("3841", "class", "锂离子电池制造", "384")]


@pytest.mark.parametrize("text_dtype", TEXT_DTYPES)
def test_taxonomy_tables_with_empty_cells(text_dtype):
    codes = pd.DataFrame(CODES, columns=["code", "level", "name_zh", "parent"]).astype(text_dtype)
    keywords = pd.DataFrame(
        [("电池", "384", None), ("锂电池", "3841", "lithium")], columns=["keyword", "code", "note"]
    ).astype(text_dtype)
    links = pd.DataFrame(
        [(None, None, "电池", "锂电池", "similar", None)],
        columns=["code_a", "code_b", "keyword_a", "keyword_b", "relation", "note"],
    ).astype(text_dtype)
    taxonomy = Taxonomy(codes, keywords, links, source="test")
    assert list(taxonomy.codes["parent"]) == ["", "C", "38", "384"]
    assert list(taxonomy.keywords["note"]) == ["", "lithium"]
    assert taxonomy.links.loc[0, ["code_a", "code_b", "note"]].tolist() == ["", "", ""]
    assert taxonomy.relate_keys(["锂电池"], ["电池"]).loc[0, "relation"] == "subordinate"


def test_code_tree_with_a_missing_code_names_the_row():
    codes = pd.DataFrame(CODES + [(None, "class", "铅蓄电池制造", "384")], columns=["code", "level", "name_zh", "parent"])
    with pytest.raises(InputError, match="empty code or name in row 5"):
        validate_code_tree(codes)


def test_object_columns_keep_none():
    series = object_series(np.array(["a", None], dtype=object), index=[3, 4])
    assert series.dtype == object and series.tolist() == ["a", None] and list(series.index) == [3, 4]
    frame = frame_with_object_columns({"text": ["a", None], "number": np.array([1.0, np.nan])}, index=[5, 6])
    assert frame["text"].dtype == object and frame["text"].tolist() == ["a", None]
    assert frame["number"].dtype == float and list(frame.index) == [5, 6]
    with pytest.raises(TypeError):
        object_series(pd.Series(["a"]))
    with pytest.raises(ValueError):
        object_series(np.array([["a", "b"]], dtype=object))
