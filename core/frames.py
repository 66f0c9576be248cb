"""DataFrames whose text columns keep None for a missing value, on pandas 1.5 to 3.

The engine's convention is None for a missing text (a city part, a city key, a gazetteer
field, a relation no rule decided): callers test ``value is None`` and the QGIS layer writes
None as NULL. pandas 1.5 and 2 store text in object columns, which hold None as given.
pandas 3 infers its own string dtype for text instead, whose missing value is NaN: a column
built from ``["440300", None]`` reads back ``["440300", nan]``, and NaN is truthy, a float,
and ``nan is None`` is False. Columns that may hold None are therefore built here as object
columns explicitly, which gives the same values and dtype on every pandas version.
"""
import numpy as np
import pandas as pd


def object_series(values, index=None) -> pd.Series:
    """``values`` (a 1-D array or list) as an object-dtype Series; None stays None.

    ``index`` labels the values by position (no alignment); None gives a RangeIndex.
    """
    if isinstance(values, (pd.Series, pd.Index)):
        # Their missing values may already be NaN (a pandas 3 string column): say so at the call.
        raise TypeError("object_series takes an array or a list, not a pandas Series or Index")
    array = values if isinstance(values, np.ndarray) and values.dtype == object else np.asarray(values, dtype=object)
    if array.ndim != 1:
        raise ValueError(f"object_series takes one-dimensional values, got shape {array.shape}")
    return pd.Series(array, index=index, dtype=object, copy=False)


def frame_with_object_columns(data, index=None, columns=None) -> pd.DataFrame:
    """``pd.DataFrame(data, index=index, columns=columns)`` keeping text columns as object dtype.

    ``data`` maps column names to arrays, lists or Series. Object-dtype arrays and lists become
    object columns (None kept); numeric arrays and Series are passed through unchanged. Without
    ``index`` the object columns get a RangeIndex, as arrays do, so Series in ``data`` need one too.
    """
    built = {}
    for name, values in data.items():
        if isinstance(values, list) or (isinstance(values, np.ndarray) and values.dtype == object):
            values = object_series(values, index=index)
        built[name] = values
    return pd.DataFrame(built, index=index, columns=columns)


__all__ = ["frame_with_object_columns", "object_series"]


def map_distinct(function, values):
    """``function`` of each value as an object array, called once per distinct value."""
    codes, uniques = pd.factorize(pd.Series(values, dtype=object))
    return np.array([function(v) for v in uniques] + [""], dtype=object)[codes]
