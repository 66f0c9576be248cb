"""The GB/T 4754-2017 code tree: levels, validation, and the CSV helpers of the taxonomy files."""
import numpy as np
import pandas as pd

from .errors import InputError

#: Levels of the code tree, coarse to fine, and the digits of their codes.
LEVELS = ("section", "division", "group", "class")
LEVEL_DIGITS = {"division": 2, "group": 3, "class": 4}

#: Columns of a code tree table.
CODE_TREE_COLUMNS = ("code", "level", "name_zh", "parent")


def read_csv_table(path, what):
    """A UTF-8 CSV (byte-order mark allowed) as text cells; :class:`InputError` if unreadable."""
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise InputError(f"{what} not found: {path}") from error
    except (UnicodeDecodeError, pd.errors.ParserError) as error:
        raise InputError(f"{what} {path} is not a readable UTF-8 CSV: {error}") from error


def require_columns(frame, columns, what):
    """Raise :class:`InputError` naming the missing columns."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        found = ", ".join(map(str, frame.columns))
        raise InputError(f"{what}: missing column(s) {', '.join(missing)}; found: {found}.")


def rows_text(numbers):
    """``row 3`` / ``rows 1, 2 and 5 more``: 1-based data row numbers, at most 20 listed."""
    numbers = [int(n) for n in numbers]
    shown = ", ".join(map(str, numbers[:20]))
    more = f" and {len(numbers) - 20} more" if len(numbers) > 20 else ""
    return f"row{'s' if len(numbers) > 1 else ''} {shown}{more}"



def text_cells(values, strip=True):
    """A column's cells as text in an object Series (same index): "" for a missing cell.

    ``astype(str)`` would not do: pandas 1.5 and 2 turn None into "None" and NaN into "nan",
    pandas 3 keeps NaN (a truthy float), so a hand-built table with empty cells would be read
    differently on each.
    """
    texts = [
        "" if not isinstance(value, str) and pd.isna(value) else (str(value).strip() if strip else str(value))
        for value in values.to_numpy(dtype=object)
    ]
    return pd.Series(texts, index=values.index, dtype=object)


def validate_code_tree(codes, what="code tree"):
    """Check a code tree frame (``code, level, name_zh, parent``); raise :class:`InputError`.

    Every code is unique and non-empty, sections are one letter with no parent, divisions,
    groups and classes have 2, 3 and 4 digits, every parent exists, is one level up and (for
    digits) is the code's prefix. Row numbers are 1-based data rows.
    """
    require_columns(codes, ("code", "level", "name_zh", "parent"), what)
    frame = codes.assign(
        row=np.arange(1, len(codes) + 1), **{c: text_cells(codes[c], strip=False) for c in CODE_TREE_COLUMNS}
    )
    problems = []
    empty = frame[(frame["code"].str.strip() == "") | (frame["name_zh"].str.strip() == "")]
    if len(empty):
        problems.append(f"empty code or name in {rows_text(empty['row'])}")
    duplicated = frame[frame["code"].duplicated(keep=False)]
    if len(duplicated):
        problems.append(f"duplicate codes {sorted(set(duplicated['code']))} in {rows_text(duplicated['row'])}")
    bad_level = frame[~frame["level"].isin(LEVELS)]
    if len(bad_level):
        problems.append(f"unknown level in {rows_text(bad_level['row'])} (allowed: {', '.join(LEVELS)})")
    level_of = dict(zip(frame["code"], frame["level"]))
    for row in frame.itertuples():
        if row.level == "section":
            if not (len(row.code) == 1 and row.code.isalpha() and row.code.isupper()) or row.parent:
                problems.append(f"row {row.row}: section {row.code!r} must be one capital letter with no parent")
            continue
        digits = LEVEL_DIGITS.get(row.level)
        if digits is None:
            continue
        if not (row.code.isdigit() and len(row.code) == digits):
            problems.append(f"row {row.row}: {row.level} code {row.code!r} must have {digits} digits")
            continue
        parent_level = LEVELS[LEVELS.index(row.level) - 1]
        if level_of.get(row.parent) != parent_level:
            problems.append(f"row {row.row}: parent {row.parent!r} of {row.code} is not a {parent_level} of the tree")
        elif parent_level != "section" and not row.code.startswith(row.parent):
            problems.append(f"row {row.row}: {row.code} does not start with its parent {row.parent}")
    if problems:
        raise InputError(f"{what}: " + "; ".join(problems[:20]) + (" ..." if len(problems) > 20 else "") + ".")
