"""Reading the columns of the engine's input tables: what matching, co-location, cross-type and proposals share.

A column is given either by its name or as values aligned with the table's rows (resolved city keys, for
instance); :func:`column_values` takes both and names the input by its role when it cannot. Missing values
are None, NaN, pd.NA or NaT (:func:`is_missing`); text columns come out as object arrays.
"""
import numpy as np
import pandas as pd

from .errors import EmptyTableError, MissingFieldError, MultiCityRowsError, NotATableError, WrongLengthError

#: Label of records with an empty or missing cluster type (summaries, co-location, cross-type).
NO_TYPE = "(no type)"


def is_missing(value):
    """True for None, NaN, pd.NA and NaT; False for every other value, list-likes included."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        # pd.isna of a list-like returns an array; such values are not missing.
        return False


def column_kind(series):
    """The output field kind (core/schema.py's KINDS) that holds a pandas column without loss."""
    if pd.api.types.is_bool_dtype(series):
        return "int"
    if pd.api.types.is_integer_dtype(series):
        return "longlong"
    if pd.api.types.is_float_dtype(series):
        return "double"
    return "string"


def require_table(frame, role):
    """Refuse anything but a DataFrame, naming the input by its role."""
    if not isinstance(frame, pd.DataFrame):
        raise NotATableError(role=role, given=type(frame).__name__)


def require_rows(frame, role, table):
    """Refuse a table without rows; ``table`` names it (a layer name) in the error."""
    if len(frame) == 0:
        raise EmptyTableError(role=role, table=table)


def column_values(frame, spec, role, table):
    """The column named ``spec`` as an object array, or ``spec`` itself as values aligned with ``frame``.

    ``role``: the engine keyword the column came from (``cluster_city``...), ``table``: what the rows are
    (``clusters``, ``belts``), both for the error when the column is missing or the values do not fit.
    """
    if isinstance(spec, str):
        if spec not in frame.columns:
            raise MissingFieldError(role=role, field=spec, table=table, available=[str(c) for c in frame.columns])
        return frame[spec].to_numpy(dtype=object)
    values = np.asarray(list(spec) if not hasattr(spec, "__len__") else spec, dtype=object)
    if values.ndim != 1 or len(values) != len(frame):
        raise WrongLengthError(role=role, table=table, expected=len(frame), got=len(values))
    return values


def text_or_empty(values):
    """Values as text, ``""`` where missing (an object array aligned with ``values``)."""
    series = pd.Series(values, dtype=object)
    return series.where(series.notna(), "").astype(str).to_numpy(dtype=object)


def type_labels(values):
    """Cluster types as stripped text; :data:`NO_TYPE` where missing or empty."""
    series = pd.Series(values, dtype=object)
    text = series.where(series.notna(), "").astype(str).str.strip()
    return text.where(text != "", NO_TYPE).to_numpy(dtype=object)


def city_key_text(values):
    """City keys as text, aligned with ``values``: stripped strings, None where missing.

    Integral floats lose their ``.0`` (a numeric adcode column with NULLs is read as float).
    """
    series = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    codes, uniques = pd.factorize(series)
    texts = [_one_key_text(value) for value in uniques] + [None]
    return np.array(texts, dtype=object)[codes]


def _one_key_text(value):
    if value is None:
        return None
    if isinstance(value, (float, np.floating)):
        if np.isnan(value):
            return None
        if float(value).is_integer():
            return str(int(value))
    if isinstance(value, (bool, np.bool_)):
        return str(value)
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    text = str(value).strip()
    return text or None


def refuse_multi_city_rows(values, split, role, field, table):
    """Refuse rows that list several cities: ``split(value)`` gives a value's city parts.

    The error carries the rows (counting from 1) and their texts; ``table`` names the table (a layer name).
    """
    values = list(values)
    multi = [row for row, value in enumerate(values) if len(split(value)) > 1]
    if multi:
        raise MultiCityRowsError(role=role, field=field, table=table, rows=[row + 1 for row in multi],
                                 values=[values[row] for row in multi])


__all__ = [
    "NO_TYPE", "city_key_text", "column_kind", "column_values", "is_missing", "refuse_multi_city_rows", "require_rows",
    "require_table", "text_or_empty", "type_labels",
]
