#!/usr/bin/env python3
"""Convert the project's prefecture gazetteer to the plugin's format (resources/data).

Usage:
    python3 scripts/import_gazetteer.py SOURCE.csv [OUT.csv]

SOURCE has the columns ``city_zh, adcode, province_zh, lon, lat, lon_gcj02, lat_gcj02,
level, source`` (the table described in resources/data/README.md). OUT (default
resources/data/china_prefecture_gazetteer.csv) gets ``city_name, city_code, province,
level, lon, lat, lon_gcj02, lat_gcj02, source``: the columns are renamed and reordered,
every value is copied as text, unchanged, so no coordinate is re-rounded.
"""
import csv
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "resources" / "data" / "china_prefecture_gazetteer.csv"

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


def main(argv):
    if not 1 <= len(argv) <= 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = pathlib.Path(argv[1]) if len(argv) == 2 else DEFAULT_OUT
    count = convert(argv[0], out)
    print(f"wrote {count} units to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
