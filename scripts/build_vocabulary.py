#!/usr/bin/env python3
"""Build resources/data/industry_keywords.csv from its three sources (issue 15).

Usage:
    python3 scripts/build_vocabulary.py [--check]

Sources, all in resources/data (see README.md there for their provenance):

- ``gbt4754_keywords.csv`` (keyword, code, note): products and usual names of GB/T 4754-2017
  codes; the note names the code;
- ``b2b_category_tree.csv`` (level1, level2, codes, note): the B2B product-category tree's first
  and second levels, each mapped to GB/T classes;
- ``sei2018_fields.csv`` (term, sei_code, sei_name, codes, note): fields of the Strategic
  Emerging Industries Classification (2018) and the national cluster lists' field names read
  against it, mapped to GB/T classes;
- ``gbt4754_notes_products.csv`` (keyword, code, note): principal products of every class of the
  manufacturing divisions 13-42 and the repair classes of 43, walked class by class in code order,
  as the explanatory notes of the standard (《国民经济行业分类注释》) name them - compiled from
  knowledge, unverified against the printed notes. A product that is already a keyword of the
  sources above, or that is the name of a code (which the taxonomy reads as a keyword itself), is
  left out: it would only blur an existing, more specific reading.

Every output row's note starts with ``basis:`` and names its source, so a keyword is there
because a classification or a category tree says so (scripts/eval_relations.py keeps such rows
when it holds a table out). ``--check`` exits 1 if the file differs from what would be built.
"""
import argparse
import pathlib
import re
import sys

import pandas as pd

DATA_DIR = pathlib.Path(__file__).resolve().parent.parent / "resources" / "data"
OUTPUT = DATA_DIR / "industry_keywords.csv"


def _read(name):
    return pd.read_csv(DATA_DIR / name, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _note(basis, detail):
    return f"basis: {basis}" + (f"; {detail}" if detail else "")


#: The note every row of gbt4754_notes_products.csv gets after its own: how it was made.
NOTES_UNVERIFIED = "compiled from knowledge, unverified"


def _code_name_forms():
    """The code names as the taxonomy reads them as keywords (ending 制造业/制造/加工/业 dropped)."""
    names = _read("gbt4754_2017_codes.csv")["name_zh"]
    return set(names) | {re.sub(r"(?:制造业|制造|加工|业)$", "", name) for name in names}


def vocabulary_rows():
    """The rows of industry_keywords.csv, in source order, duplicates (keyword, code) dropped."""
    rows = []
    for row in _read("gbt4754_keywords.csv").itertuples():
        rows.append((row.keyword, row.code, _note(row.note, "")))
    for row in _read("b2b_category_tree.csv").itertuples():
        keyword = row.level2 or row.level1
        path = f"{row.level1} > {row.level2}" if row.level2 else f"{row.level1} (first level)"
        for code in row.codes.split():
            rows.append((keyword, code, _note(f"B2B category tree {path}", row.note)))
    for row in _read("sei2018_fields.csv").itertuples():
        for code in row.codes.split():
            rows.append((row.term, code, _note(f"SEI 2018 {row.sei_code} {row.sei_name}", row.note)))
    known = {keyword for keyword, _, _ in rows} | _code_name_forms()
    for row in _read("gbt4754_notes_products.csv").itertuples():
        if row.keyword not in known:
            rows.append((row.keyword, row.code, _note(f"{row.note} ({NOTES_UNVERIFIED})", "")))
    frame = pd.DataFrame(rows, columns=["keyword", "code", "note"])
    return frame.drop_duplicates(["keyword", "code"]).reset_index(drop=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare with the file in resources/data")
    args = parser.parse_args()
    text = vocabulary_rows().to_csv(index=False, lineterminator="\n")
    if args.check:
        same = OUTPUT.read_text(encoding="utf-8") == text
        print("industry_keywords.csv is " + ("current" if same else "NOT what its sources build"))
        sys.exit(0 if same else 1)
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT} ({text.count(chr(10)) - 1} rows)")


if __name__ == "__main__":
    main()
