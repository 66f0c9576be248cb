"""Industry names as comparison keys.

Cluster lists and belt channels spell the same industry in different ways:
``生物医药（浦东新区）``, ``生物医药产业集群``, ``生物医药 `` and full-width ``ＬＥＤ`` all
mean one industry to the analyst. :func:`industry_key` maps such spellings to one key,
which is what relation tables and the matching compare. Keys are never shown to the user:
reports show the names as given.

The key is built in this order:

1. missing values (None, NaN, pandas NA) become ``""``;
2. Unicode NFKC, which turns full-width letters, digits and brackets into their ASCII forms
   (``（`` -> ``(``, ``ＬＥＤ`` -> ``LED``);
3. case folding (``LED`` and ``led`` compare equal), then traditional characters to simplified
   (``電池`` -> ``电池``; :func:`.hanzi.to_simplified`, characters only);
4. every bracketed part is removed, nested or not, wherever it stands: ``()``, ``[]``,
   ``{}``, ``【】``, ``〔〕``, ``〈〉``, ``《》``. Brackets name a place (``（浦东新区）``,
   ``（广深佛莞）``) or a sub-category (``电子元器件（传输交换设备）``); both are finer than
   the industry the relation is judged on;
5. all whitespace is removed (Chinese names carry no meaningful spaces; for Latin names
   ``machine tools`` and ``machinetools`` then compare equal, a harmless merge);
6. one trailing generic word is removed, longest first: ``产业集群``, ``产业带``, ``集群``,
   ``产业`` - unless nothing would be left (``产业`` alone stays ``产业``).

A city prefix (``烟台橡塑``) is not removed from the key (a relation table can name the
prefixed form directly); the automatic rules read names without their places and parks
(:func:`.industry_names.strip_places`, with the bundled gazetteers).
"""
import re
import unicodedata

import numpy as np
import pandas as pd

from .columns import is_missing
from .hanzi import to_simplified

# Longest first, so that 产业集群 is removed whole rather than leaving 产业.
GENERIC_SUFFIXES = ("产业集群", "产业带", "集群", "产业")

_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}|【[^【】]*】|〔[^〔〕]*〕|〈[^〈〉]*〉|《[^《》]*》")
_WHITESPACE = re.compile(r"\s+")


def industry_key(name):
    """The comparison key of one industry name (a str; ``""`` for a missing or empty name).

    See the module docstring for the exact rules.
    """
    if is_missing(name):
        return ""
    text = to_simplified(unicodedata.normalize("NFKC", str(name)).casefold())
    previous = None
    while previous != text:  # nested brackets come off from the inside out
        previous = text
        text = _BRACKETED.sub("", text)
    text = _WHITESPACE.sub("", text)
    for suffix in GENERIC_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
            break
    return text


def industry_keys(names):
    """Keys of many names (any array-like), as an object ndarray aligned with ``names``.

    Each distinct name is normalised once, so a million belts with a few thousand distinct
    industry names cost a few thousand calls of :func:`industry_key`.
    """
    series = names if isinstance(names, pd.Series) else pd.Series(list(names), dtype=object)
    # Missing values get code -1, which indexes the extra "" at the end of the lookup.
    codes, uniques = pd.factorize(series)
    lookup = np.array([industry_key(value) for value in uniques] + [""], dtype=object)
    return lookup[codes]
