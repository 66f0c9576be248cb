"""Places below the city: the bundled county-level units and user towns (core/cities.py, issue 16).

References are computed here from the CSV files with pandas, independently of the gazetteer's
alias table: which names are unique, which short names several places share.
"""
import importlib.util
import math
import pathlib

import numpy as np
import pandas as pd
import pytest

from clusterbelt.core import cities
from clusterbelt.core.cities import AMBIGUOUS, EXACT, NORMALIZED, NOT_FOUND, Gazetteer

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "resources" / "data"


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.bundled()


@pytest.fixture(scope="module")
def prefectures():
    return pd.read_csv(DATA / "china_prefecture_gazetteer.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def counties(prefectures):
    table = pd.read_csv(DATA / "china_county_gazetteer.csv", dtype=str, keep_default_na=False)
    cities_by_code = prefectures.set_index("city_code")
    table["city_name"] = cities_by_code.loc[table["city_code"], "city_name"].to_numpy()
    table["province"] = cities_by_code.loc[table["city_code"], "province"].to_numpy()
    table["short"] = table["place_name"].map(cities.short_name)
    return table


def _import_script():
    spec = importlib.util.spec_from_file_location("import_gazetteer", ROOT / "scripts" / "import_gazetteer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _city_level_keys(prefectures):
    """Names a prefecture-level unit or a province answers to: they shadow a county's short name."""
    names = set(prefectures["city_name"]) | set(prefectures["province"])
    return {cities.lookup_key(n) for n in names} | {cities.lookup_key(cities.short_name(n)) for n in names}


# ---------------------------------------------------------------------------
# The county file
# ---------------------------------------------------------------------------

def test_county_file_shape(counties, prefectures):
    assert len(counties) == 2817
    assert counties["level"].value_counts().to_dict() == {"county": 1837, "district": 980}
    assert counties["place_code"].str.fullmatch(r"\d{6}").all() and counties["place_code"].is_unique
    assert not counties["place_code"].isin(prefectures["city_code"]).any()
    assert counties["city_code"].isin(prefectures["city_code"]).all()
    # Every county code nests in its city's code: same prefecture (4 digits) or same municipality (2).
    nested = np.where(
        counties["city_code"].str.endswith("0000"),
        counties["place_code"].str[:2] == counties["city_code"].str[:2],
        counties["place_code"].str[:4] == counties["city_code"].str[:4],
    )
    assert nested.all()
    district_name = counties["place_name"].str.endswith("区") & ~counties["place_name"].str.endswith("行政区")
    assert (counties["level"] == "district").eq(district_name).all()
    with_point = counties[counties["lon"] != ""]
    assert len(with_point) == 2817 - 46 == (counties["note"].str.contains("NO COORDINATE") == False).sum()  # noqa: E712
    lon, lat = with_point["lon"].astype(float), with_point["lat"].astype(float)
    assert lon.between(73.4, 135.1).all() and lat.between(3.8, 53.6).all()
    # The vintage: merged districts under their present parent, retired codes absent.
    by_name = counties.set_index("place_code")
    assert by_name.loc["320509", "place_name"] == "吴江区" and by_name.loc["320509", "city_code"] == "320500"
    assert by_name.loc["370116", "place_name"] == "莱芜区" and by_name.loc["370116", "city_code"] == "370100"
    assert not counties["place_code"].isin(["320584", "371202"]).any()


def test_points_are_gcj02_converted_as_the_city_points(counties, prefectures):
    """Every WGS 84 point of both files is the import script's conversion of its GCJ-02 pair."""
    convert = _import_script().gcj02_to_wgs84
    for table in (prefectures, counties):
        rows = table[table["lon_gcj02"] != ""]
        for lon_text, lat_text, lon_gcj, lat_gcj in zip(rows["lon"], rows["lat"], rows["lon_gcj02"], rows["lat_gcj02"]):
            lon, lat = convert(float(lon_gcj), float(lat_gcj))
            assert (f"{lon:.6f}", f"{lat:.6f}") == (lon_text, lat_text)
    # The forward offset of the answer gives back the GCJ-02 point (the inverse is exact).
    module = _import_script()
    lon, lat = module.gcj02_to_wgs84(113.930413, 22.533287)
    forward = module.wgs84_to_gcj02(lon, lat)
    assert abs(forward[0] - 113.930413) < 1e-9 and abs(forward[1] - 22.533287) < 1e-9
    # GCJ-02 lies 300-700 m off WGS 84 in Shenzhen: the conversion does move the point.
    assert 0.002 < abs(lon - 113.930413) < 0.01


# ---------------------------------------------------------------------------
# Each county back to its own city
# ---------------------------------------------------------------------------

def test_a_few_hundred_county_names_resolve_to_their_city(gazetteer, counties):
    sample = counties.sample(400, random_state=16)
    name_count = counties["place_name"].value_counts()
    unique = sample["place_name"].map(name_count).eq(1).to_numpy()
    located = gazetteer.locate(sample["place_name"])
    assert (located["locate_status"][unique] == EXACT).all()
    assert (located["place_code"][unique].to_numpy() == sample["place_code"][unique].to_numpy()).all()
    assert (located["city_code"][unique].to_numpy() == sample["city_code"][unique].to_numpy()).all()
    assert (located["province"][unique].to_numpy() == sample["province"][unique].to_numpy()).all()
    assert (located["locate_status"][~unique] == AMBIGUOUS).all()
    # By code, and with the province and city in front (广东省深圳市南山区): every one, repeated names too.
    by_code = gazetteer.locate(sample["place_code"].astype(int))
    assert (by_code["locate_status"] == EXACT).all()
    assert (by_code["place_name"].to_numpy() == sample["place_name"].to_numpy()).all()
    compound = sample["province"].where(sample["province"] != sample["city_name"], "") + sample["city_name"] + sample[
        "place_name"]
    by_compound = gazetteer.locate(compound)
    assert (by_compound["locate_status"] == NORMALIZED).all()
    assert (by_compound["place_code"].to_numpy() == sample["place_code"].to_numpy()).all()
    assert (by_compound["city_code"].to_numpy() == sample["city_code"].to_numpy()).all()


def test_suffixless_and_short_compound_forms(gazetteer, counties, prefectures):
    """义乌, 浙江义乌, 金华义乌: the short name alone when unique, else with its city in front."""
    shadowed = _city_level_keys(prefectures)
    short_count = counties["short"].value_counts()
    usable = counties[(counties["short"] != counties["place_name"]) & ~counties["short"].map(cities.lookup_key).isin(
        shadowed)]
    unique = usable[usable["short"].map(short_count) == 1].sample(300, random_state=1)
    located = gazetteer.locate(unique["short"])
    assert (located["locate_status"] == NORMALIZED).all()
    assert (located["place_code"].to_numpy() == unique["place_code"].to_numpy()).all()
    city_short = unique["city_name"].map(cities.short_name)
    for texts in (city_short + unique["short"], unique["city_name"] + " " + unique["short"],
                  unique["province"].map(cities.short_name) + unique["short"]):
        located = gazetteer.locate(texts)
        assert (located["place_code"].to_numpy() == unique["place_code"].to_numpy()).all(), texts[
            located["place_code"].to_numpy() != unique["place_code"].to_numpy()].tolist()


@pytest.mark.parametrize(
    "text, place, city",
    [
        ("义乌", "义乌市", "金华市"),
        ("昆山", "昆山市", "苏州市"),
        ("晋江", "晋江市", "泉州市"),
        ("武进区", "武进区", "常州市"),
        ("浦东新区", "浦东新区", "上海市"),
        ("浦东", "浦东新区", "上海市"),
        ("深圳市南山区", "南山区", "深圳市"),
        ("广东省深圳市南山区", "南山区", "深圳市"),
        ("浙江省义乌市", "义乌市", "金华市"),
        ("吴江", "吴江区", "苏州市"),
        ("江苏苏州吴江", "吴江区", "苏州市"),
        ("常熟", "常熟市", "苏州市"),
        ("曹县", "曹县", "菏泽市"),
        ("璧山", "璧山区", "重庆市"),
        ("乐清", "乐清市", "温州市"),
        ("330782", "义乌市", "金华市"),
        ("330782000000", "义乌市", "金华市"),
        ("義烏市", "义乌市", "金华市"),  # traditional characters
        ("廣東省深圳市南山區", "南山区", "深圳市"),
        ("　义乌市　", "义乌市", "金华市"),  # full-width spaces
        ("鹤岗南山区", "南山区", "鹤岗市"),
        ("北京朝阳", "朝阳区", "北京市"),
        ("长春市朝阳区", "朝阳区", "长春市"),
        ("朝阳", "朝阳市", "朝阳市"),  # the prefecture-level city wins a bare short name
        ("深圳", "深圳市", "深圳市"),
    ],
)
def test_issue_examples(gazetteer, text, place, city):
    row = gazetteer.locate([text]).iloc[0]
    assert row["locate_status"] in (EXACT, NORMALIZED)
    assert (row["place_name"], row["city_name"]) == (place, city)


def test_every_ambiguous_short_name(gazetteer, counties, prefectures):
    """Names several county-level units share (南山区, 鼓楼区, 东港): ambiguous alone, resolved by context."""
    shadowed = _city_level_keys(prefectures)
    forms = pd.concat([
        counties.assign(form=counties["place_name"]),
        counties[counties["short"] != counties["place_name"]].assign(form=lambda t: t["short"]),
    ])
    forms = forms[~forms["form"].map(cities.lookup_key).isin(shadowed)]
    shared = forms.groupby("form").filter(lambda group: group["place_code"].nunique() > 1)
    names = sorted(shared["form"].unique())
    assert len(names) > 80 and {"南山区", "南山", "鼓楼区", "朝阳区", "东港"} <= set(names)
    located = gazetteer.locate(names)
    assert (located["locate_status"] == AMBIGUOUS).all()
    for name, candidates in zip(names, located["candidates"]):
        expected = shared[shared["form"] == name]
        assert len(candidates.split("|")) == len(expected)
    # With the city as context (parameter or in the same text), each one resolves to its place, except
    # the two short names two places of one city share (井陉 = 井陉县 or 井陉矿区, 伊宁 = 伊宁市 or 伊宁县).
    within_one_city = shared.duplicated(["form", "city_code"], keep=False).to_numpy()
    assert sorted(shared["form"][within_one_city].unique()) == ["井陉", "伊宁"]
    with_city = gazetteer.locate(shared["form"], context_city=shared["city_name"])
    assert (with_city["locate_status"][within_one_city] == AMBIGUOUS).all()
    settled = with_city[~within_one_city]
    assert settled["locate_status"].isin([EXACT, NORMALIZED]).all()
    assert (settled["place_code"].to_numpy() == shared["place_code"][~within_one_city].to_numpy()).all()
    in_text = gazetteer.locate((shared["city_name"] + shared["form"])[~within_one_city])
    assert (in_text["place_code"].to_numpy() == shared["place_code"][~within_one_city].to_numpy()).all()
    # A province settles it when no other candidate lies in that province.
    per_province = shared.groupby(["form", "province"])["place_code"].transform("nunique")
    settled = shared[per_province == 1]
    with_province = gazetteer.locate(settled["form"], province=settled["province"])
    assert (with_province["place_code"].to_numpy() == settled["place_code"].to_numpy()).all()
    unsettled = shared[per_province > 1]
    assert (gazetteer.locate(unsettled["form"], province=unsettled["province"])["locate_status"] == AMBIGUOUS).all()


def test_context_fields_and_contradicting_context(gazetteer):
    located = gazetteer.locate(
        ["南山区", "南山区", "南山区", "朝阳", "深圳", "南山区", None],
        province=["广东省", "黑龙江", None, "北京", "湖南省", "湖南", "广东"],
        context_city=[None, None, "440300", None, None, None, None],
    )
    assert list(located["city_name"][:5]) == ["深圳市", "鹤岗市", "深圳市", "北京市", "深圳市"]
    assert located.loc[5, "locate_status"] == AMBIGUOUS  # no 南山区 in 湖南: the name alone decides
    assert located.loc[6, "locate_status"] == NOT_FOUND
    with pytest.raises(ValueError, match="aligned"):
        gazetteer.locate(["南山区"], province=["广东", "广东"])


def test_point_level_and_places_without_point(gazetteer, counties, prefectures):
    located = gazetteer.locate(["南山区 ", "义乌", "深圳"] * 2, context_city=["深圳"] * 6)
    seats = prefectures.set_index("city_name").assign(lon=lambda t: pd.to_numeric(t["lon"]))
    assert located.loc[0, "lon"] == pytest.approx(float(counties.set_index("place_code").loc["440305", "lon"]))
    assert list(located["point_level"][:3]) == ["place"] * 3
    as_city = gazetteer.locate(["南山区", "义乌", "深圳"], context_city=["深圳"] * 3, point="city")
    assert list(as_city["lon"]) == pytest.approx([float(seats.loc[c, "lon"]) for c in ("深圳市", "金华市", "深圳市")])
    assert list(as_city["place_name"]) == ["南山区", "义乌市", "深圳市"]
    # A county without a point gets its city's seat, and says so.
    no_point = counties[counties["lon"] == ""]
    located = gazetteer.locate(no_point["place_code"])
    assert located["has_point"].all() and (located["point_level"] == "city").all()
    assert list(located["lon"]) == pytest.approx(no_point["city_name"].map(seats["lon"]).tolist(),
                                                 nan_ok=True)
    with pytest.raises(ValueError):
        gazetteer.locate(["深圳"], point="county")


def test_city_keys_through_places(gazetteer):
    keys = cities.resolve_city_keys(["南山区", "深圳市南山区", "义乌", "金华", "南山区", "吴江区"], gazetteer,
                                    province=[None, None, None, None, "广东", None])
    assert list(keys) == ["南山区", "440300", "330700", "330700", "440300", "320500"]
    located = gazetteer.locate(["深圳市南山区", "深圳", "义乌", "Nowhere"])
    assert list(gazetteer.below_city(located)) == [True, False, True, False]


# ---------------------------------------------------------------------------
# User places
# ---------------------------------------------------------------------------

def test_sample_user_places_extend_the_bundled_gazetteer(gazetteer):
    frame = cities.read_places_csv(cities.SAMPLE_USER_PLACES_PATH)
    extended = gazetteer.with_places(frame)
    assert len(extended.places) == len(gazetteer.places) + len(frame)
    located = extended.locate(["白沟镇", "白沟", "河北省保定市高碑店市白沟镇", "高碑店白沟镇", "东莞虎门", "织里"])
    assert list(located["city_name"]) == ["保定市", "保定市", "保定市", "保定市", "东莞市", "湖州市"]
    assert list(located["place_level"]) == ["town"] * 6
    assert located.loc[0, "lon"] == 116.03 and located.loc[0, "point_level"] == "place"
    assert gazetteer.locate(["白沟镇"]).loc[0, "locate_status"] == NOT_FOUND  # the bundled one is unchanged


def test_user_places_parents_by_code_and_in_the_same_table(gazetteer):
    frame = pd.DataFrame({
        "name": ["某某镇", "某某村", "新市场"],
        "parent": ["130684", "某某镇", "义乌"],
        "lon": ["116.0", "", "120.1"], "lat": ["39.1", "", "29.3"],
        "code": ["", "", "X1"], "level": ["", "village", "market"],
    })
    extended = gazetteer.with_places(frame, code_col="code", level_col="level")
    located = extended.locate(["某某村", "X1", "高碑店市某某镇某某村"])
    assert list(located["city_code"]) == ["130600", "330700", "130600"]
    assert list(located["place_level"]) == ["village", "market", "village"]
    # 某某村 has no point: its city's seat.
    assert located.loc[0, "point_level"] == "city"


@pytest.mark.parametrize(
    "change, message",
    [
        ({"parent": ["南山区", "义乌"]}, "not a single known place at rows 0: '南山区' (ambiguous"),
        ({"parent": ["义乌", "Nowhere"]}, "rows 1: 'Nowhere' (not_found)"),
        ({"parent": ["义乌", ""]}, "empty parent in column 'parent' at rows 1"),
        ({"lon": ["120", "east"]}, "'lon' is not a number at rows 1"),
        ({"lat": ["95", "29"]}, "outside [-90.0, 90.0] degrees at rows 0"),
        ({"code": ["330782", ""]}, "already name a place of the gazetteer at rows 0"),
    ],
)
def test_user_places_errors_name_rows(gazetteer, change, message):
    frame = pd.DataFrame({"name": ["甲镇", "乙镇"], "parent": ["义乌", "义乌"], "lon": ["120", "120"],
                          "lat": ["29", "29"], "code": ["", ""]})
    with pytest.raises(cities.GazetteerError) as error:
        gazetteer.with_places(frame.assign(**change), code_col="code")
    assert message in str(error.value)


def test_bundled_load_is_cached(gazetteer):
    assert Gazetteer.bundled() is gazetteer
    assert math.isclose(len(gazetteer.places), 369 + 2817)


@pytest.mark.parametrize(
    "label, city, place",
    [
        ("上海市集成电路（浦东新区）", "上海市", "浦东新区"),
        ("重庆市生物医药(巴南区)", "重庆", "巴南区"),
        ("浙江省温州市乐清电气集群", "温州市", "乐清市"),
        ("北京市海淀区人工智能产业集群", "110000", "海淀区"),
        ("深圳市人工智能", "深圳市", None),  # names no district
        ("北京市集成电路（经济技术开发区）", "北京市", None),  # a development zone is no place of the gazetteer
        ("上海市集成电路（浦东新区）", "深圳市", None),  # 浦东新区 is not in 深圳
        ("浦东新区", "Nowhere", None),
    ],
)
def test_place_in_a_cluster_label(gazetteer, label, city, place):
    assert gazetteer.place_in_label(label, city) == place
