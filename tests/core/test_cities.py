"""Locating city texts in a gazetteer and splitting multi-city records (core/cities.py)."""
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterbelt.core import cities
from clusterbelt.core.cities import AMBIGUOUS, EXACT, NORMALIZED, NOT_FOUND, Gazetteer
from clusterbelt.core.errors import InputError


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.bundled()


@pytest.fixture(scope="module")
def units(gazetteer):
    return gazetteer.units


def locate_one(gazetteer, value):
    return gazetteer.locate([value]).iloc[0]


# ---------------------------------------------------------------------------
# normalize_text
# ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "value, expected",
    [
        ("  深圳 ", "深圳"),
        ("深圳市\t", "深圳市"),
        ("\u3000深圳市\u3000", "深圳市"),  # ideographic (full-width) space
        ("广东省   深圳市", "广东省 深圳市"),
        ("４４０３００", "440300"),
        ("ＡＢＣ", "ABC"),
        (440300, "440300"),
        (440300.0, "440300"),
        (np.int64(440300), "440300"),
        (np.float64(440300.0), "440300"),
        (2.5, "2.5"),
        (None, ""),
        (float("nan"), ""),
        (np.nan, ""),
        (pd.NA, ""),
        ("", ""),
    ],
)
def test_normalize_text(value, expected):
    assert cities.normalize_text(value) == expected


# ---------------------------------------------------------------------------
# The bundled gazetteer: every unit by full name, code and short name
# ---------------------------------------------------------------------------

def test_bundled_gazetteer_shape(units):
    assert len(units) == 369
    assert units["city_code"].str.fullmatch(r"\d{6}").all()
    assert units["city_code"].is_unique and units["city_name"].is_unique
    assert units["level"].value_counts().to_dict() == {"prefecture": 333, "county_direct": 32, "municipality": 4}
    with_point = units[units["has_point"]]
    # Every point within China's extreme longitudes and latitudes (degrees; 三沙市 lies at 16.8 N).
    assert with_point["lon"].between(73.4, 135.1).all() and with_point["lat"].between(3.8, 53.6).all()


def test_every_unit_found_by_full_name_and_code(gazetteer, units):
    by_name = gazetteer.locate(units["city_name"])
    assert (by_name["locate_status"] == EXACT).all()
    assert (by_name["city_code"].to_numpy() == units["city_code"].to_numpy()).all()

    for codes in (units["city_code"], units["city_code"].astype(int), units["city_code"].astype(float)):
        by_code = gazetteer.locate(codes)
        assert (by_code["locate_status"] == EXACT).all()
        assert (by_code["city_name"].to_numpy() == units["city_name"].to_numpy()).all()


def test_every_unit_found_by_short_name(gazetteer, units):
    """A short name finds its unit, unless it is also a province's name (吉林, 海南): then it is ambiguous."""
    short = units["city_name"].map(cities.short_name)
    assert (short != units["city_name"]).all(), "every official name has a removable suffix"
    assert short.is_unique, "two units share a short name"
    province_short_names = {cities.short_name(p) for p in units["province"]} - set(
        short[units["city_name"].isin(units["province"])]  # municipalities: province and unit are one
    )
    found = gazetteer.locate(short)
    clash = short.isin(province_short_names).to_numpy()
    assert (found["locate_status"][~clash] == NORMALIZED).all()
    assert (found["city_code"][~clash].to_numpy() == units["city_code"][~clash].to_numpy()).all()
    assert (found["locate_status"][clash] == AMBIGUOUS).all()
    for name, candidates in zip(units["city_name"][clash], found["candidates"][clash]):
        assert name in candidates.split("|") and "(province)" in candidates
    assert sorted(short[clash]) == ["吉林", "海南"]


def test_no_alias_silently_mapped_to_two_units(gazetteer):
    """Every alias key naming several places (at its best tier) is reported ambiguous, never resolved."""
    aliases = gazetteer.aliases
    best_tier = aliases.groupby("key")["tier"].transform("min")
    best = aliases[aliases["tier"] == best_tier]
    units_per_key = best.groupby("key")["unit_id"].nunique()
    shared = units_per_key[units_per_key > 1]
    assert len(shared) > 50  # 南山区, 鼓楼区, 朝阳区 ... (tests/core/test_gazetteer_places.py checks each)
    statuses = gazetteer.locate(list(shared.index))["locate_status"]
    assert (statuses == AMBIGUOUS).all()
    # A prefecture-level unit's full name is never another unit's alias in the bundled data.
    city_aliases = aliases[aliases["unit_id"] < len(gazetteer.units)]
    full = city_aliases[city_aliases["kind"] == "full_name"].set_index("key")["unit_id"]
    derived = city_aliases[city_aliases["tier"] > 0]
    overlapping = derived[derived["key"].isin(full.index)]
    assert (overlapping["unit_id"].to_numpy() == full[overlapping["key"]].to_numpy()).all()
    # Every resolvable alias leads back to its own place.
    unique_keys = units_per_key[units_per_key == 1].index
    own = best.drop_duplicates("key").set_index("key").loc[unique_keys, "unit_id"]
    located = gazetteer.locate(list(own.index))
    codes = gazetteer.places["place_code"].to_numpy()[own.to_numpy()]
    resolvable = located["locate_status"].isin([EXACT, NORMALIZED]).to_numpy()
    assert (located["place_code"].to_numpy()[resolvable] == codes[resolvable]).all()
    # Only the province clashes (吉林, 海南; 河南 = 河南省 or 河南蒙古族自治县, 河北 = 河北省 or 河北区) stay unresolved.
    assert set(np.asarray(own.index)[~resolvable]) == {"吉林", "海南", "河南", "河北"}


@pytest.mark.parametrize(
    "text, status, expected_name",
    [
        ("440300", EXACT, "深圳市"),
        (440300, EXACT, "深圳市"),
        (440300.0, EXACT, "深圳市"),
        ("440300.0", EXACT, "深圳市"),
        ("440300000000", NORMALIZED, "深圳市"),  # 12-digit statistical code
        ("深圳市", EXACT, "深圳市"),
        ("深圳", NORMALIZED, "深圳市"),
        ("恩施", NORMALIZED, "恩施土家族苗族自治州"),
        ("恩施州", NORMALIZED, "恩施土家族苗族自治州"),
        ("恩施土家族苗族自治州", EXACT, "恩施土家族苗族自治州"),
        ("兴安盟", EXACT, "兴安盟"),
        ("兴安", NORMALIZED, "兴安盟"),
        ("海西州", NORMALIZED, "海西蒙古族藏族自治州"),
        ("海西", NORMALIZED, "海西蒙古族藏族自治州"),
        ("巴音郭楞", NORMALIZED, "巴音郭楞蒙古自治州"),  # 蒙古 without 族
        ("克孜勒苏州", NORMALIZED, "克孜勒苏柯尔克孜自治州"),
        ("伊犁州", NORMALIZED, "伊犁哈萨克自治州"),
        ("澄迈", NORMALIZED, "澄迈县"),
        ("澄迈县", EXACT, "澄迈县"),
        ("白沙县", NORMALIZED, "白沙黎族自治县"),
        ("保亭", NORMALIZED, "保亭黎族苗族自治县"),
        ("神农架", NORMALIZED, "神农架林区"),
        ("大兴安岭", NORMALIZED, "大兴安岭地区"),
        ("阿里", NORMALIZED, "阿里地区"),
        ("北京", NORMALIZED, "北京市"),
        ("广东省深圳市", NORMALIZED, "深圳市"),
        ("广东深圳", NORMALIZED, "深圳市"),
        ("广东省 深圳", NORMALIZED, "深圳市"),
        ("内蒙古兴安盟", NORMALIZED, "兴安盟"),
        ("内蒙古自治区锡林郭勒盟", NORMALIZED, "锡林郭勒盟"),
        ("新疆伊犁州", NORMALIZED, "伊犁哈萨克自治州"),
        ("广西南宁", NORMALIZED, "南宁市"),
        ("吉林市", EXACT, "吉林市"),
        ("吉林省吉林市", NORMALIZED, "吉林市"),
        ("吉林吉林", NORMALIZED, "吉林市"),
        ("海南州", NORMALIZED, "海南藏族自治州"),
        ("青海海南", NORMALIZED, "海南藏族自治州"),
        ("海南海口", NORMALIZED, "海口市"),
        ("海南省澄迈县", NORMALIZED, "澄迈县"),
        # messy input
        ("  深圳 ", NORMALIZED, "深圳市"),
        ("深圳市\t", EXACT, "深圳市"),
        ("\u3000深圳市\u3000", EXACT, "深圳市"),
        ("深\u3000圳", NORMALIZED, "深圳市"),
        ("４４０３００", EXACT, "深圳市"),
    ],
)
def test_locate_names(gazetteer, text, status, expected_name):
    row = locate_one(gazetteer, text)
    assert row["locate_status"] == status
    assert row["city_name"] == expected_name
    assert row["candidates"] is None


@pytest.mark.parametrize("text", ["Shenzhen", "ＳＨＥＮＺＨＥＮ", None, "", "   ", float("nan"), "广东", "广东苏州",
                                  "深圳市北山区", "999999", "沛"])
def test_not_found(gazetteer, text):
    row = locate_one(gazetteer, text)
    assert row["locate_status"] == NOT_FOUND
    assert row["city_code"] is None and row["city_name"] is None and row["candidates"] is None
    assert math.isnan(row["lon"]) and math.isnan(row["lat"]) and not row["has_point"]


@pytest.mark.parametrize("text, province", [("吉林", "吉林省"), ("海南", "海南省")])
def test_bare_province_name_is_ambiguous(gazetteer, text, province):
    row = locate_one(gazetteer, text)
    assert row["locate_status"] == AMBIGUOUS
    assert row["city_code"] is None and math.isnan(row["lon"])
    assert f"{province} (province)" in row["candidates"].split("|")


def test_units_without_coordinate_are_located_without_point(gazetteer, units):
    no_point = units[~units["has_point"]]
    assert len(no_point) == 7
    assert no_point["lon"].isna().all() and no_point["lat"].isna().all()
    located = gazetteer.locate(no_point["city_name"])
    assert (located["locate_status"] == EXACT).all()
    assert (located["city_code"].to_numpy() == no_point["city_code"].to_numpy()).all()
    assert not located["has_point"].any() and located["lon"].isna().all()
    with_point = gazetteer.locate(units.loc[units["has_point"], "city_code"])
    assert with_point["has_point"].all() and with_point["lon"].notna().all()


def test_locate_output_aligned_to_input(gazetteer):
    names = pd.Series(["深圳", None, "吉林", "Shenzhen", "440300", "深圳"], index=[7, 3, 9, 1, 0, 42])
    located = gazetteer.locate(names)
    assert list(located.columns) == list(cities.LOCATE_COLUMNS)
    assert list(located.index) == [7, 3, 9, 1, 0, 42]
    assert list(located["locate_status"]) == [NORMALIZED, NOT_FOUND, AMBIGUOUS, NOT_FOUND, EXACT, NORMALIZED]
    assert located.loc[42, "lon"] == located.loc[7, "lon"] == located.loc[0, "lon"]
    # lists and arrays get a RangeIndex
    assert list(gazetteer.locate(np.array(["深圳", "广州"], dtype=object)).index) == [0, 1]


def test_each_distinct_text_resolved_once(gazetteer, monkeypatch):
    calls = []
    original = Gazetteer._resolve_key

    def counting(self, key, scope=None):
        calls.append(key)
        return original(self, key, scope)

    monkeypatch.setattr(Gazetteer, "_resolve_key", counting)
    values = pd.Series(["深圳", "深圳 ", "广州市", None, "深圳"] * 20_000)
    located = gazetteer.locate(values)
    assert len(located) == 100_000
    assert sorted(calls) == sorted(["深圳", "广州市"])  # '深圳 ' normalises to the same key


# ---------------------------------------------------------------------------
# Gazetteers from user tables
# ---------------------------------------------------------------------------

def county_table():
    return pd.DataFrame(
        {
            "NAME": ["朝阳区", "朝阳区", "朝阳市", "海淀区", "和平区"],
            "ID": [110105, 220104, 211300, 110108, 120101],
            "PROV": ["北京市", "长春市", "辽宁省", "北京市", "天津市"],
            "X": [12_960_000.0, 13_950_000.0, 13_400_000.0, 12_950_000.0, None],
            "Y": [4_850_000.0, 5_430_000.0, 5_040_000.0, 4_860_000.0, None],
        }
    )


def test_user_gazetteer_with_repeated_names():
    gaz = Gazetteer.from_frame(county_table(), "NAME", code_col="ID", province_col="PROV", lon_col="X", lat_col="Y")
    located = gaz.locate(["朝阳区", "朝阳", "北京市朝阳区", "长春朝阳区", "海淀", "110108.0", "和平区", "辽宁朝阳"])
    assert list(located["locate_status"]) == [AMBIGUOUS, AMBIGUOUS, NORMALIZED, NORMALIZED, NORMALIZED, EXACT,
                                              EXACT, NORMALIZED]
    assert located.loc[0, "candidates"] == "朝阳区 (北京市)|朝阳区 (长春市)"
    assert set(located.loc[1, "candidates"].split("|")) == {"朝阳区 (北京市)", "朝阳区 (长春市)", "朝阳市 (辽宁省)"}
    assert list(located["city_code"][2:]) == ["110105", "220104", "110108", "110108", "120101", "211300"]
    # projected coordinates pass through unchanged; a unit without a point is still located
    assert located.loc[2, "lon"] == 12_960_000.0
    assert not located.loc[6, "has_point"] and math.isnan(located.loc[6, "lon"])


def test_user_gazetteer_without_code_or_province():
    frame = county_table().drop(columns=["ID", "PROV"])
    gaz = Gazetteer.from_frame(frame, "NAME", lon_col="X", lat_col="Y")
    assert gaz.units["city_code"].isna().all()
    assert locate_one(gaz, "海淀")["city_name"] == "海淀区"
    assert locate_one(gaz, "北京朝阳区")["locate_status"] == NOT_FOUND  # no province to read the prefix by
    keys = cities.resolve_city_keys(["海淀", "海淀区", "朝阳区", "和平"], gaz)
    assert keys[0] == keys[1] == "海淀区" and keys[2] == "朝阳区" and keys[3] == "和平区"
    assert gaz.units["city_key"].is_unique


def test_user_gazetteer_with_latin_names():
    frame = pd.DataFrame({"name": ["New York", "Paris"], "lon": [-74.0, 2.35], "lat": [40.7, 48.86]})
    gaz = Gazetteer.from_frame(frame, "name")
    located = gaz.locate(["new  york", "PARIS", "Paris\u3000", "London"])
    assert list(located["locate_status"]) == [EXACT, EXACT, EXACT, NOT_FOUND]


@pytest.mark.parametrize(
    "change, kwargs, message",
    [
        (lambda f: f, {"name_col": "MISSING"}, "'MISSING' is not in the table"),
        (lambda f: f.assign(NAME=["朝阳区", None, "朝阳市", "海淀区", "和平区"]), {}, "empty name in column 'NAME' at rows 1"),
        (lambda f: f.assign(ID=[1, 1, 2, 3, 4]), {"code_col": "ID"}, "must be unique; repeated at rows 0, 1"),
        (lambda f: f.assign(ID=["1", "", "2", "3", "4"]), {"code_col": "ID"}, "empty code in column 'ID' at rows 1"),
        (lambda f: f.assign(X=[1.0, "east", 2.0, 3.0, 4.0]), {}, "'X' is not a number at rows 1"),
        (lambda f: f.assign(Y=[1.0, 2.0, 3.0, 4.0, 5.0]), {}, "only one at rows 4"),
        (lambda f: f, {"degrees": True}, "'X' outside [-180.0, 180.0] degrees at rows 0, 1, 2, 3"),
        (lambda f: f.iloc[:0], {}, "no rows"),
    ],
)
def test_user_gazetteer_errors_name_field_and_rows(change, kwargs, message):
    arguments = {"name_col": "NAME", "lon_col": "X", "lat_col": "Y", **kwargs}
    with pytest.raises(cities.GazetteerError) as error:
        Gazetteer.from_frame(change(county_table()), **arguments)
    assert message in str(error.value)
    assert isinstance(error.value, InputError) and isinstance(error.value, ValueError)


# ---------------------------------------------------------------------------
# City keys
# ---------------------------------------------------------------------------

def test_resolve_city_keys(gazetteer):
    keys = cities.resolve_city_keys(
        ["深圳", "深圳市", 440300, "广东深圳", " Shenzhen ", "Shenzhen", "吉林", None, "", "北屯市"], gazetteer
    )
    assert list(keys[:4]) == ["440300"] * 4
    assert keys[4] == keys[5] == "Shenzhen"
    assert keys[6] == "吉林"  # ambiguous: its own text
    assert keys[7] is None and keys[8] is None
    assert keys[9] == "659005"  # located without a point still has its code
    assert list(cities.resolve_city_keys(pd.Series(["深圳"]))) == ["440300"]  # bundled by default


# ---------------------------------------------------------------------------
# Splitting multi-city records
# ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "value, expected",
    [
        ("广州市、佛山市、惠州市", ["广州市", "佛山市", "惠州市"]),
        ("广州/佛山", ["广州", "佛山"]),
        ("广州 ／ 佛山｜惠州", ["广州", "佛山", "惠州"]),
        ("广州，佛山；惠州", ["广州", "佛山", "惠州"]),
        ("广州, 佛山; 惠州 | 深圳", ["广州", "佛山", "惠州", "深圳"]),
        ("、广州、、佛山、 ", ["广州", "佛山"]),
        ("  深圳市 ", ["深圳市"]),
        ("广东省 深圳市", ["广东省 深圳市"]),  # whitespace alone does not separate
        ("深圳、深圳", ["深圳", "深圳"]),  # duplicates are the caller's data: kept
        ("、", []),
        ("", []),
        (None, []),
        (float("nan"), []),
    ],
)
def test_split_city_list(value, expected):
    assert cities.split_city_list(value) == expected


def test_split_city_column_keeps_every_row():
    values = pd.Series(["广州市、佛山市、惠州市", None, "", "深圳／广州", "深圳", "、 "], index=[10, 11, 12, 13, 14, 15])
    parts = cities.split_city_column(values)
    assert list(parts.columns) == ["row", "city_part", "city_count", "city_share"]
    assert list(parts["row"]) == [10, 10, 10, 11, 12, 13, 13, 14, 15]
    assert list(parts["city_part"]) == ["广州市", "佛山市", "惠州市", None, None, "深圳", "广州", "深圳", None]
    assert list(parts["city_count"]) == [3, 3, 3, 0, 0, 2, 2, 1, 0]
    empty = parts["city_count"] == 0
    assert parts.loc[empty, "city_share"].isna().all()
    assert np.allclose(parts[~empty].groupby("row")["city_share"].sum(), 1.0)


def test_split_city_column_on_a_list():
    parts = cities.split_city_column(["深圳、广州", None])
    assert list(parts["row"]) == [0, 0, 1]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.none(),
            st.lists(st.sampled_from(["深圳市", "广州", "佛山市", "惠州", "恩施州"]), max_size=5).flatmap(
                lambda names: st.tuples(
                    st.just(names),
                    st.lists(st.sampled_from(list(cities.CITY_SEPARATORS)), min_size=len(names), max_size=len(names)),
                    st.sampled_from(["", " ", "\u3000", "\t"]),
                )
            ),
        ),
        max_size=30,
    )
)
def test_split_city_column_properties(records):
    values, expected_parts = [], []
    for record in records:
        if record is None:
            values.append(None)
            expected_parts.append([])
            continue
        names, separators, pad = record
        text = "".join(pad + name + pad + separator for name, separator in zip(names, separators))
        values.append(text)
        expected_parts.append(names)
    parts = cities.split_city_column(values)
    assert sorted(set(parts["row"])) == list(range(len(values)))  # every input row present
    for row, names in enumerate(expected_parts):
        own = parts[parts["row"] == row]
        if names:
            assert list(own["city_part"]) == names
            assert (own["city_count"] == len(names)).all()
            assert math.isclose(own["city_share"].sum(), 1.0)
        else:
            assert len(own) == 1 and own["city_part"].iloc[0] is None and own["city_share"].isna().all()
