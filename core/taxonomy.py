"""Automatic industry relations: the bundled taxonomy and the name-similarity rule.

The analyst's relation table decides first (see :mod:`.relations`); the rules here propose
relations for the pairs it does not judge, each with a ``basis``, a ``score`` in [0, 1] and a
``note`` that says why.

**The taxonomy** (``basis`` ``taxonomy``) has three parts, all in ``resources/data`` (see
``README_taxonomy.md`` there for what comes from the standards and what is editorial):

- the code tree of GB/T 4754-2017 国民经济行业分类 (``gbt4754_2017_codes.csv``: ``code``,
  ``level`` = section 门类 / division 大类 / group 中类 / class 小类, ``name_zh``,
  ``parent``);
- a keyword vocabulary (``industry_keywords.csv``: ``keyword``, ``code``, ``note``; a keyword
  may have several rows, one per code), to which the names of the code tree are added
  (``医药制造业`` gives the keyword ``医药``, ``机械零部件加工`` gives ``机械零部件``);
- chain links (``industry_chain_links.csv``): pairs of codes (any level) or of keywords whose
  industries are close although the tree keeps them apart (集成电路 / 电子元器件).

An industry term is mapped to codes (:meth:`Taxonomy.map_term`): the whole term, then each
part of it (parts are separated by ``/ 、 , ; 和 与 及`` ...), is looked up as a keyword
(confidence 1); failing that, the keywords the part contains are used (the longest ones, not
those inside a longer match; confidence 0.9: ``宠物智能设备`` contains ``智能设备``); failing
that, the closest keyword by name similarity if it reaches :data:`FUZZY_KEYWORD_MIN`
(confidence 0.8 x similarity: ``家居智能`` is close to ``智能家居``). A term's codes are the
union over its parts; its confidence the lowest of its parts.

Two mapped terms are related by the strongest relation over all pairs of their codes:

==========================================  ============  ==========
code pair                                   relation      base score
==========================================  ============  ==========
the same code (same class, or same group    identical     1.0
or division when a term maps only that far)
one code inside the other (3973 in 397)     subordinate   0.85
the same division (first two digits)        similar       0.6
a chain link between them (or between the   similar       0.5
terms' keywords)
none of these                               ``none``      -
==========================================  ============  ==========

A shared code makes two terms identical only if they have the same codes: if all codes of
one lie within the other's (磁性材料 {3985} and 新型功能材料 {265, ..., 3985}) the first is
subordinate to the second (0.85); if each has codes the other lacks they are identical with base
score 0.9 (partial overlap). The score is the base score times the lower of the two terms'
confidences. Two mapped terms
with no relation are judged unrelated (relation ``none``): the taxonomy knows both, so the name
rule is not asked. A term the taxonomy cannot map gets no opinion (None).

**Names** (``basis`` ``names``): for pairs where at least one term is not in the vocabulary,
the similarity of the names: the mean of the Dice coefficients of their character sets and
of their character-bigram sets, computed on :func:`match_parts` (traditional characters
simplified, ``装备`` read as ``设备``, punctuation dropped, generic words such as 产业, 集群,
创新型, 先进 removed; see :data:`GENERIC_PREFIXES`, :data:`GENERIC_SUFFIXES`). At least
:data:`NAME_IDENTICAL` is identical, at least :data:`NAME_SIMILAR` similar; the score is the
similarity.

Speed: terms are mapped once per distinct key (cached on the :class:`Taxonomy`), and
relations are decided once per distinct pair of *signatures* (a term's codes, confidence and
linked keywords), which many terms share; the name similarity of many pairs is computed with
numpy on padded arrays of character codes. ``candidate_pairs`` of both relators names the
pairs that can be related at all, so the matching never visits the others.
"""
import os
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from .errors import InputError
from .frames import frame_with_object_columns
from .hanzi import regional_terms
from .industry import industry_key
from .relations import (
    A_IN_B,
    B_IN_A,
    BASIS_NAMES,
    BASIS_TAXONOMY,
    IDENTICAL,
    NO_RELATION,
    OVERRIDE_COLUMNS,
    SIMILAR,
    SUBORDINATE,
    Relator,
    _undecided,
)

_RESOURCES_DATA = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "resources", "data")
BUNDLED_CODES_PATH = os.path.join(_RESOURCES_DATA, "gbt4754_2017_codes.csv")
BUNDLED_KEYWORDS_PATH = os.path.join(_RESOURCES_DATA, "industry_keywords.csv")
BUNDLED_LINKS_PATH = os.path.join(_RESOURCES_DATA, "industry_chain_links.csv")

#: Levels of the code tree, coarse to fine, and the digits of their codes.
LEVELS = ("section", "division", "group", "class")
LEVEL_DIGITS = {"division": 2, "group": 3, "class": 4}

#: Base scores of the taxonomy rules (multiplied by the terms' mapping confidence).
SCORE_SAME_CODE = 1.0
#: Two terms that share a code while each also has codes the other lacks (partial overlap).
SCORE_SHARED_CODE = 0.9
SCORE_INSIDE = 0.85
SCORE_SAME_DIVISION = 0.6
SCORE_CHAIN_LINK = 0.5

#: Mapping confidence of a term found as a keyword, of one that contains keywords, and the
#: factor applied to the similarity of the closest keyword.
CONFIDENCE_EXACT = 1.0
CONFIDENCE_CONTAINS = 0.9
CONFIDENCE_CLOSE_FACTOR = 0.8
#: A term part that neither is nor contains a keyword maps to the closest keyword if their
#: name similarity reaches this.
FUZZY_KEYWORD_MIN = 0.75

#: Name-similarity thresholds of the name rule.
NAME_IDENTICAL = 0.9
NAME_SIMILAR = 0.5

#: Words read as the same word before comparing (equipment: 装备 = 设备).
SYNONYMS = (("装备", "设备"),)

#: Modifiers that rank or label an industry rather than name it. Removed from the start of a
#: name part, repeatedly (新一代信息通信 -> 信息通信, 先进电池材料 -> 电池材料).
GENERIC_PREFIXES = (
    "战略性新兴", "战略性", "国家级", "省级", "创新型", "中高端", "高端", "先进", "新型", "新兴",
    "新一代", "下一代", "现代", "特色", "优势", "传统", "高新技术", "高技术", "重点", "绿色",
)
#: Words that say "industry", "cluster" or "place" rather than which industry. Removed from the
#: end of a name part, repeatedly (生物医药创新型产业集群 -> 生物医药).
GENERIC_SUFFIXES = (
    "创新型产业集群", "产业集群", "产业基地", "产业园区", "产业园", "产业带", "产业链", "产业群",
    "集群", "产业", "行业", "基地", "园区", "领域", "相关", "创新型",
)
#: Generic words, for documentation and tests.
GENERIC_WORDS = tuple(dict.fromkeys(GENERIC_PREFIXES + GENERIC_SUFFIXES))
#: What may not be left alone after removing generic words: too little to name an industry
#: (高端装备 stays 高端设备, not 设备; 新材料 is not a prefix 新 anyway).
HEAD_WORDS = frozenset(
    {"设备", "材料", "制造", "制造业", "设备制造", "产品", "服务", "服务业", "技术", "工业", "经济", "科技",
     "信息", "器件", "元件", "系统", "工程", "能源", "产业", "集群", "应用", "智能"}
)

_GENERIC_ORDERED = sorted(
    [(word, True) for word in GENERIC_PREFIXES] + [(word, False) for word in GENERIC_SUFFIXES],
    key=lambda item: -len(item[0]),
)
_ANY_GENERIC_PREFIX = re.compile("|".join(map(re.escape, GENERIC_PREFIXES)))
_ANY_GENERIC_SUFFIX = re.compile("(?:" + "|".join(map(re.escape, GENERIC_SUFFIXES)) + ")$")
#: Separators between the parts of a name (超高清视频和智能家电, 酶/酵素制剂, LED原料与辅料).
_SEPARATORS = re.compile(r"以及|[/／\\、,，;；|&＋+和与及暨]")
_NOT_WORD = re.compile(r"[\W_]+")
#: Name endings dropped when a code name becomes a keyword (医药制造业 -> 医药).
_CODE_NAME_ENDINGS = ("制造业", "制造", "加工", "业")
#: Code names that do not make keywords: lists and remainders.
_CODE_NAME_SKIP = re.compile(r"[、，,（(]|和|及|与|其他|未列明|专业|辅助性")


# ----------------------------------------------------------------------------------------------
# Names as comparable parts
# ----------------------------------------------------------------------------------------------


def _normalised(key):
    text = regional_terms(key)
    for word, same in SYNONYMS:
        text = text.replace(word, same)
    return text


def clean_parts(key):
    """The parts of an industry key, before generic words are removed.

    ``key`` is an :func:`.industry.industry_key` (or any text: it is keyed first). Steps:
    Taiwan/Hong Kong terms and traditional characters to mainland simplified
    (:func:`.hanzi.regional_terms`), :data:`SYNONYMS`, split at separators (``/ 、 , ; | & +``
    and the words 和, 与, 及, 以及, 暨), other punctuation and symbols dropped (``·``, quotes,
    full stops). Returns a tuple of non-empty parts.
    """
    text = _normalised(industry_key(key))
    parts = (_NOT_WORD.sub("", part) for part in _SEPARATORS.split(text))
    return tuple(part for part in parts if part)


def _meaningful(text):
    return len(text) >= 2 and text not in HEAD_WORDS


def strip_generic(part):
    """``part`` without its generic prefixes and suffixes (see :data:`GENERIC_PREFIXES`).

    A word is removed only if what is left still names something (at least 2 characters and
    not one of :data:`HEAD_WORDS`), so ``先进制造`` and ``高端设备`` stay as they are.
    """
    if not (_ANY_GENERIC_PREFIX.match(part) or _ANY_GENERIC_SUFFIX.search(part)):
        return part
    current = part
    while True:
        for word, is_prefix in _GENERIC_ORDERED:
            if is_prefix and current.startswith(word):
                candidate = current[len(word):]
            elif not is_prefix and current.endswith(word) and len(current) > len(word):
                candidate = current[: -len(word)]
            else:
                continue
            if _meaningful(candidate):
                current = candidate
                break
        else:
            return current


def match_parts(key):
    """The parts of a name as the rules compare them: :func:`clean_parts`, generic words removed.

    ``生物医药（浦东新区）`` -> ``("生物医药",)``; ``超高清视频和智能家电集群`` ->
    ``("超高清视频", "智能家电")``; ``高端裝備`` -> ``("高端设备",)``.
    """
    return tuple(dict.fromkeys(strip_generic(part) for part in clean_parts(key)))


def _grams(parts):
    """(characters, bigrams within parts) of a name's parts, as sets."""
    characters = set()
    bigrams = set()
    for part in parts:
        characters.update(part)
        bigrams.update(part[i:i + 2] for i in range(len(part) - 1))
    return characters, bigrams


def _dice(a, b):
    return 2.0 * len(a & b) / (len(a) + len(b)) if (a or b) else 0.0


def _similarity_of_grams(grams_a, grams_b):
    chars_a, bigrams_a = grams_a
    chars_b, bigrams_b = grams_b
    character_dice = _dice(chars_a, chars_b)
    # A one-character name has no bigram: its characters stand in for them.
    bigram_dice = _dice(bigrams_a, bigrams_b) if bigrams_a and bigrams_b else character_dice
    return 0.5 * (character_dice + bigram_dice)


def name_similarity(name_a, name_b):
    """Similarity of two industry names in [0, 1] (see the module docstring); 0 if one is empty."""
    parts_a, parts_b = match_parts(name_a), match_parts(name_b)
    if not parts_a or not parts_b:
        return 0.0
    return _similarity_of_grams(_grams(parts_a), _grams(parts_b))


# ----------------------------------------------------------------------------------------------
# The taxonomy
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TermMapping:
    """Where a term sits in the code tree.

    ``codes``: sorted codes; ``confidence`` in (0, 1]; ``keywords``: the vocabulary entries
    used; ``how``: a short explanation (``keyword 集成电路``, ``contains 智能设备``,
    ``close to 智能家居 (0.83)``).
    """

    codes: tuple
    confidence: float
    keywords: tuple
    how: str


@dataclass(frozen=True)
class _Entry:
    form: str
    keywords: tuple
    codes: tuple


def _read_csv(path, what):
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise InputError(f"{what} not found: {path}") from error
    except (UnicodeDecodeError, pd.errors.ParserError) as error:
        raise InputError(f"{what} {path} is not a readable UTF-8 CSV: {error}") from error


def _require_columns(frame, columns, what):
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(f"{what}: missing column(s) {', '.join(missing)}; found: {', '.join(map(str, frame.columns))}.")


def _rows(numbers):
    numbers = [int(n) for n in numbers]
    shown = ", ".join(map(str, numbers[:20]))
    return f"row{'s' if len(numbers) > 1 else ''} {shown}" + (f" and {len(numbers) - 20} more" if len(numbers) > 20 else "")


_CODE_TREE_COLUMNS = ("code", "level", "name_zh", "parent")


def _text_cells(values, strip=True):
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
    _require_columns(codes, ("code", "level", "name_zh", "parent"), what)
    frame = codes.assign(
        row=np.arange(1, len(codes) + 1), **{c: _text_cells(codes[c], strip=False) for c in _CODE_TREE_COLUMNS}
    )
    problems = []
    empty = frame[(frame["code"].str.strip() == "") | (frame["name_zh"].str.strip() == "")]
    if len(empty):
        problems.append(f"empty code or name in {_rows(empty['row'])}")
    duplicated = frame[frame["code"].duplicated(keep=False)]
    if len(duplicated):
        problems.append(f"duplicate codes {sorted(set(duplicated['code']))} in {_rows(duplicated['row'])}")
    bad_level = frame[~frame["level"].isin(LEVELS)]
    if len(bad_level):
        problems.append(f"unknown level in {_rows(bad_level['row'])} (allowed: {', '.join(LEVELS)})")
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


class Taxonomy:
    """A code tree, a keyword vocabulary and chain links (see the module docstring).

    Build one with :func:`load_bundled_taxonomy` or :meth:`from_csv`. Mappings of terms and
    relations of signature pairs are cached on the object (each cache is emptied when it
    exceeds :attr:`CACHE_LIMIT` entries, so a long session does not grow without bound).
    """

    CACHE_LIMIT = 1_000_000

    def __init__(self, codes, keywords, links, source="taxonomy"):
        validate_code_tree(codes, f"{source}: code tree")
        self.source = source
        self.codes = codes.assign(**{c: _text_cells(codes[c], strip=False) for c in _CODE_TREE_COLUMNS}).reset_index(
            drop=True
        )
        self._name = dict(zip(self.codes["code"], self.codes["name_zh"]))
        self._level = dict(zip(self.codes["code"], self.codes["level"]))
        self.keywords = self._validated_keywords(keywords)
        self.links = self._validated_links(links)
        self._build_vocabulary()
        self._term_cache = {}
        self._signature_ids = {}
        self._signatures = []
        self._pair_cache = {}
        self._ordered_cache = {}
        self._code_pair_cache = {}
        self._link_end_cache = {}
        self._explained = {}

    # --- loading -----------------------------------------------------------------------------

    @classmethod
    def from_csv(cls, codes_path=BUNDLED_CODES_PATH, keywords_path=BUNDLED_KEYWORDS_PATH,
                 links_path=BUNDLED_LINKS_PATH):
        """Read the three CSV files (UTF-8, a byte-order mark allowed)."""
        return cls(
            _read_csv(codes_path, "Code tree"),
            _read_csv(keywords_path, "Keyword vocabulary"),
            _read_csv(links_path, "Chain links"),
            source=os.path.basename(str(keywords_path)),
        )

    def _validated_keywords(self, keywords):
        what = f"{self.source}: keyword vocabulary"
        _require_columns(keywords, ("keyword", "code"), what)
        frame = pd.DataFrame({
            "keyword": _text_cells(keywords["keyword"]),
            "code": _text_cells(keywords["code"]),
            "note": _text_cells(keywords["note"], strip=False) if "note" in keywords.columns else "",
            "row": np.arange(1, len(keywords) + 1),
        })
        problems = []
        empty = frame[frame["keyword"].map(lambda k: not clean_parts(k))]
        if len(empty):
            problems.append(f"empty keyword in {_rows(empty['row'])}")
        unknown = frame[~frame["code"].isin(list(self._name))]
        if len(unknown):
            problems.append(f"codes not in the code tree {sorted(set(unknown['code']))} in {_rows(unknown['row'])}")
        section = frame[frame["code"].map(lambda c: self._level.get(c) == "section")]
        if len(section):
            problems.append(f"keywords may map to divisions, groups or classes, not sections: {_rows(section['row'])}")
        if problems:
            raise InputError(f"{what}: " + "; ".join(problems) + ".")
        return frame

    def _validated_links(self, links):
        what = f"{self.source}: chain links"
        _require_columns(links, ("relation",), what)
        frame = links.copy()
        for column in ("code_a", "code_b", "keyword_a", "keyword_b", "note"):
            frame[column] = _text_cells(frame[column]) if column in frame.columns else ""
        frame["row"] = np.arange(1, len(frame) + 1)
        known_keywords = set(self.keywords["keyword"])
        problems = []
        for row in frame.itertuples():
            by_code = bool(row.code_a or row.code_b)
            by_keyword = bool(row.keyword_a or row.keyword_b)
            if by_code == by_keyword:
                problems.append(f"row {row.row}: give either code_a and code_b or keyword_a and keyword_b")
            elif by_code and not (row.code_a in self._name and row.code_b in self._name):
                problems.append(f"row {row.row}: code {row.code_a!r} or {row.code_b!r} is not in the code tree")
            elif by_keyword and not (row.keyword_a in known_keywords and row.keyword_b in known_keywords):
                problems.append(f"row {row.row}: keyword {row.keyword_a!r} or {row.keyword_b!r} is not in the vocabulary")
            if str(row.relation).strip().casefold() not in (SIMILAR, "相近"):
                problems.append(f"row {row.row}: chain links are 'similar', not {row.relation!r}")
        if problems:
            raise InputError(f"{what}: " + "; ".join(problems) + ".")
        return frame

    def _build_vocabulary(self):
        """Keyword forms -> entries (raw and generic-stripped), code names included."""
        editorial = {}
        for keyword, group in self.keywords.groupby("keyword", sort=False):
            editorial[keyword] = tuple(sorted(set(group["code"])))
        derived = {}
        for code, name, level in zip(self.codes["code"], self.codes["name_zh"], self.codes["level"]):
            if level == "section" or _CODE_NAME_SKIP.search(name):
                continue
            form = name
            for ending in _CODE_NAME_ENDINGS:
                if form.endswith(ending) and len(form) - len(ending) >= 2:
                    form = form[: -len(ending)]
                    break
            derived.setdefault(form, set()).add(code)
        sources = [(keyword, codes) for keyword, codes in editorial.items()]
        editorial_forms = {"".join(clean_parts(k)) for k in editorial}
        sources += [(form, tuple(sorted(codes))) for form, codes in derived.items()
                    if "".join(clean_parts(form)) not in editorial_forms]

        raw = {}
        for keyword, codes in sources:
            form = "".join(clean_parts(keyword))
            keywords, known = raw.get(form, ((), ()))
            raw[form] = (keywords + (keyword,), tuple(sorted(set(known) | set(codes))))
        self._raw = {form: _Entry(form, keywords, codes) for form, (keywords, codes) in raw.items()}
        stripped = {}
        for form, entry in self._raw.items():
            stripped.setdefault(strip_generic(form), []).append(entry)
        self._stripped = {}
        for form, entries in stripped.items():
            # A keyword that is its own stripped form wins over those that only became it.
            primary = [e for e in entries if e.form == form]
            chosen = primary or entries
            keywords = tuple(k for e in chosen for k in e.keywords)
            codes = tuple(sorted({c for e in chosen for c in e.codes}))
            self._stripped[form] = _Entry(form, keywords, codes)
        self._longest = max((len(f) for f in self._stripped), default=0)
        self._keyword_links = set()
        self._linked_keywords = set()
        self._code_links = []
        for row in self.links.itertuples():
            if row.keyword_a:
                self._keyword_links |= {(row.keyword_a, row.keyword_b), (row.keyword_b, row.keyword_a)}
                self._linked_keywords |= {row.keyword_a, row.keyword_b}
            else:
                self._code_links.append((row.code_a, row.code_b, row.note))
        self._link_note = {
            frozenset((row.keyword_a, row.keyword_b)): row.note for row in self.links.itertuples() if row.keyword_a
        }

    # --- terms -------------------------------------------------------------------------------

    def code_name(self, code):
        """The Chinese name of a code (KeyError if unknown)."""
        return self._name[code]

    def map_term(self, term):
        """The :class:`TermMapping` of one industry name or key, or None if it maps to nothing."""
        return self.map_terms([term])[0]

    def map_terms(self, terms):
        """:class:`TermMapping` (or None) for each of ``terms`` (names or keys), aligned."""
        self._trim_caches()
        codes, uniques = pd.factorize(pd.Series(list(terms), dtype=object))
        keys = [industry_key(t) for t in uniques]
        missing = [k for k in dict.fromkeys(keys) if k not in self._term_cache]
        if missing:
            self._map_new(missing)
        found = [self._term_cache[k] for k in keys]
        return [found[c] if c >= 0 else None for c in codes]

    def _trim_caches(self):
        for cache in (self._term_cache, self._explained, self._pair_cache, self._ordered_cache, self._code_pair_cache):
            if len(cache) > self.CACHE_LIMIT:
                cache.clear()

    def _map_new(self, keys):
        pending = {}
        for key in keys:
            whole = _NOT_WORD.sub("", _normalised(key))
            entry = self._raw.get(whole)
            if entry is not None:
                self._term_cache[key] = TermMapping(entry.codes, CONFIDENCE_EXACT, entry.keywords, f"keyword {entry.keywords[0]}")
                continue
            found = []
            unmatched = []
            for part in clean_parts(key):
                resolved = self._resolve_part(part)
                if resolved is None:
                    unmatched.append(strip_generic(part))
                else:
                    found.append(resolved)
            pending[key] = (found, unmatched)
        fuzzy_parts = {p for _, unmatched in pending.values() for p in unmatched if len(p) >= 2}
        closest = self._closest_keywords(sorted(fuzzy_parts)) if fuzzy_parts else {}
        for key, (found, unmatched) in pending.items():
            for part in unmatched:
                if part in closest:
                    entry, similarity = closest[part]
                    found.append((entry.codes, CONFIDENCE_CLOSE_FACTOR * similarity, entry.keywords,
                                  f"close to {entry.keywords[0]} ({similarity:.2f})"))
            if not found:
                self._term_cache[key] = None
                continue
            codes = tuple(sorted({c for item in found for c in item[0]}))
            confidence = min(item[1] for item in found)
            keywords = tuple(dict.fromkeys(k for item in found for k in item[2]))
            self._term_cache[key] = TermMapping(codes, confidence, keywords, "; ".join(item[3] for item in found))

    def _resolve_part(self, part):
        """(codes, confidence, keywords, how) of one clean part, or None (then: fuzzy)."""
        entry = self._raw.get(part)
        if entry is None:
            entry = self._stripped.get(strip_generic(part))
        if entry is not None:
            return entry.codes, CONFIDENCE_EXACT, entry.keywords, f"keyword {entry.keywords[0]}"
        text = strip_generic(part)
        spans = self._keyword_spans(text, minimum=2) or self._keyword_spans(text, minimum=1)
        if not spans:
            return None
        entries = [self._stripped[text[start:end]] for start, end in spans]
        # The last keyword is the head (Chinese compounds end with what the thing is); an earlier
        # one that only names an ancestor of the head's codes adds breadth, not meaning
        # (电子继电器: 电子 = division 39 contains 继电器's 3989), so it is dropped.
        head = entries[-1]
        entries = [e for e in entries[:-1] if not all(any(h.startswith(c) for h in head.codes) for c in e.codes)] + [head]
        codes = tuple(sorted({c for e in entries for c in e.codes}))
        keywords = tuple(dict.fromkeys(k for e in entries for k in e.keywords))
        return codes, CONFIDENCE_CONTAINS, keywords, "contains " + ", ".join(e.keywords[0] for e in entries)

    def _keyword_spans(self, text, minimum):
        """Spans of the longest keywords found in ``text``, none inside another."""
        spans = []
        for start in range(len(text)):
            for length in range(min(self._longest, len(text) - start), minimum - 1, -1):
                if length < len(text) and text[start:start + length] in self._stripped:
                    spans.append((start, start + length))
                    break
        return [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]

    def _closest_keywords(self, parts):
        """For each part, the most similar keyword form (entry, similarity) if >= FUZZY_KEYWORD_MIN."""
        forms = [f for f in self._stripped if len(f) >= 2]
        part_grams = [(p, g) for p in parts for g in _grams((p,))[1]]
        form_grams = [(f, g) for f in forms for g in _grams((f,))[1]]
        if not part_grams or not form_grams:
            return {}
        left = pd.DataFrame(part_grams, columns=["part", "gram"])
        right = pd.DataFrame(form_grams, columns=["form", "gram"])
        shared = left.merge(right, on="gram").groupby(["part", "form"]).size().rename("shared").reset_index()
        bigram_count = {p: len(_grams((p,))[1]) for p in parts}
        bigram_count.update({f: len(_grams((f,))[1]) for f in shared["form"].unique()})
        shared["bigram_dice"] = 2.0 * shared["shared"] / (
            shared["part"].map(bigram_count) + shared["form"].map(bigram_count)
        )
        # similarity = (character Dice + bigram Dice) / 2 <= (1 + bigram Dice) / 2.
        shared = shared[shared["bigram_dice"] >= 2 * FUZZY_KEYWORD_MIN - 1]
        best = {}
        for part, form in zip(shared["part"], shared["form"]):
            similarity = _similarity_of_grams(_grams((part,)), _grams((form,)))
            if similarity >= FUZZY_KEYWORD_MIN and (part not in best or (similarity, form) > (best[part][1], best[part][0].form)):
                best[part] = (self._stripped[form], similarity)
        return best

    def explain(self, term):
        """``term -> codes (how)``, or ``term: not in the vocabulary``."""
        key = industry_key(term)
        found = self._explained.get(key)
        if found is None:
            mapping = self._term_cache[key] if key in self._term_cache else self.map_term(key)
            found = self._explained[key] = (
                f"{key}: not in the vocabulary" if mapping is None
                else f"{key} -> {', '.join(mapping.codes)} ({mapping.how})"
            )
        return found

    # --- signatures and relations --------------------------------------------------------------

    def _key_signatures(self, keys):
        """(signature id, confidence) per key; id -1 and confidence NaN when not mapped.

        A signature is a term's codes and the keywords it has that chain links name: terms with
        one signature relate alike (their scores differ only by their confidence).
        """
        codes, uniques = pd.factorize(pd.Series(list(keys), dtype=object))
        ids = np.full(len(uniques) + 1, -1, dtype=np.int64)  # the extra slot: missing values
        confidence = np.full(len(uniques) + 1, np.nan)
        for i, mapping in enumerate(self.map_terms(uniques)):
            if mapping is None:
                continue
            signature = (mapping.codes, tuple(sorted(k for k in mapping.keywords if k in self._linked_keywords)))
            found = self._signature_ids.get(signature)
            if found is None:
                found = self._signature_ids[signature] = len(self._signatures)
                self._signatures.append(signature)
            ids[i] = found
            confidence[i] = mapping.confidence
        return ids[codes], confidence[codes]

    def signatures(self, keys):
        """Signature id per key (-1: not mapped); see :meth:`_key_signatures`."""
        return self._key_signatures(keys)[0]

    def _link_ends(self, code):
        """(links whose end a overlaps ``code``, links whose end b does), as frozensets of indices."""
        found = self._link_end_cache.get(code)
        if found is None:
            found = self._link_end_cache[code] = (
                frozenset(i for i, (end_a, _, _) in enumerate(self._code_links) if _overlaps(code, end_a)),
                frozenset(i for i, (_, end_b, _) in enumerate(self._code_links) if _overlaps(code, end_b)),
            )
        return found

    def _code_relation(self, code_a, code_b):
        """(relation, direction, base score, text) of two codes, or None."""
        pair = (code_a, code_b)
        if pair in self._code_pair_cache:
            return self._code_pair_cache[pair]
        name = self._name
        result = None
        if code_a == code_b:
            result = (IDENTICAL, "", SCORE_SAME_CODE, f"same {self._level[code_a]} {code_a} {name[code_a]}")
        elif code_b.startswith(code_a):
            result = (SUBORDINATE, B_IN_A, SCORE_INSIDE, f"{code_b} {name[code_b]} inside {code_a} {name[code_a]}")
        elif code_a.startswith(code_b):
            result = (SUBORDINATE, A_IN_B, SCORE_INSIDE, f"{code_a} {name[code_a]} inside {code_b} {name[code_b]}")
        elif code_a[:2] == code_b[:2]:
            division = code_a[:2]
            result = (SIMILAR, "", SCORE_SAME_DIVISION,
                      f"same division {division} {name[division]} ({code_a} {name[code_a]}; {code_b} {name[code_b]})")
        else:
            ends_a, ends_b = self._link_ends(code_a), self._link_ends(code_b)
            shared = (ends_a[0] & ends_b[1]) | (ends_a[1] & ends_b[0])
            if shared:
                end_a, end_b, note = self._code_links[min(shared)]
                result = (SIMILAR, "", SCORE_CHAIN_LINK,
                          f"chain link {end_a} {name[end_a]} - {end_b} {name[end_b]}: {note} ({code_a}; {code_b})")
        self._code_pair_cache[pair] = result
        return result

    def _canonical_pair(self, sig_a, sig_b):
        """(relation, direction, base score, rule text) of two signatures, ``sig_a <= sig_b``."""
        cached = self._pair_cache.get((sig_a, sig_b))
        if cached is not None:
            return cached
        codes_a, linked_a = self._signatures[sig_a]
        codes_b, linked_b = self._signatures[sig_b]
        best = None
        for code_a in codes_a:
            for code_b in codes_b:
                found = self._code_relation(code_a, code_b)
                if found is not None and (best is None or found[2] > best[2]):
                    best = found
        if best is not None and best[0] == IDENTICAL and codes_a != codes_b:
            # A shared code makes the terms identical only if their codes are the same; if one
            # term's codes all lie within the other's, it belongs to the other.
            a_within_b = _within(codes_a, codes_b)
            b_within_a = _within(codes_b, codes_a)
            if a_within_b and not b_within_a:
                best = (SUBORDINATE, A_IN_B, SCORE_INSIDE, f"the codes of one term all lie within the other's; {best[3]}")
            elif b_within_a and not a_within_b:
                best = (SUBORDINATE, B_IN_A, SCORE_INSIDE, f"the codes of one term all lie within the other's; {best[3]}")
            elif not (a_within_b and b_within_a):
                best = (IDENTICAL, "", SCORE_SHARED_CODE, f"partial overlap: {best[3]}")
        if best is None or best[2] < SCORE_CHAIN_LINK:
            for keyword_a in linked_a:
                for keyword_b in linked_b:
                    if (keyword_a, keyword_b) in self._keyword_links:
                        note = self._link_note[frozenset((keyword_a, keyword_b))]
                        best = (SIMILAR, "", SCORE_CHAIN_LINK, f"chain link {keyword_a} - {keyword_b}: {note}")
                        break
                if best is not None:
                    break
        if best is None:
            best = (NO_RELATION, "", np.nan, "no code of one term relates to a code of the other")
        self._pair_cache[(sig_a, sig_b)] = best
        return best

    def _signature_pair(self, sig_a, sig_b):
        """(relation, direction, base score, note) of an ordered signature pair."""
        cached = self._ordered_cache.get((sig_a, sig_b))
        if cached is not None:
            return cached
        if sig_a <= sig_b:
            relation, direction, base, rule = self._canonical_pair(sig_a, sig_b)
        else:
            relation, direction, base, rule = self._canonical_pair(sig_b, sig_a)
            direction = {A_IN_B: B_IN_A, B_IN_A: A_IN_B}.get(direction, direction)
        note = (f"taxonomy: {rule} [codes {', '.join(self._signatures[sig_a][0])} | "
                f"{', '.join(self._signatures[sig_b][0])}]")
        found = self._ordered_cache[(sig_a, sig_b)] = (relation, direction, base, note)
        return found

    def relate_keys(self, keys_a, keys_b, explain_terms=False):
        """The taxonomy's verdict on aligned arrays of industry keys.

        Returns a frame (RangeIndex) with :data:`.relations.RELATE_COLUMNS`: ``relation`` is
        identical/subordinate/similar, ``none`` when both terms are mapped but unrelated, or
        None when a term is not in the vocabulary; ``basis`` is ``taxonomy`` where a verdict
        was given; ``score`` the rule's base score times the lower mapping confidence;
        ``note`` the rule and the codes of both terms (``[codes a | codes b]``), and with
        ``explain_terms`` how each term was mapped (:meth:`explain`).
        """
        keys_a = np.asarray(keys_a, dtype=object)
        keys_b = np.asarray(keys_b, dtype=object)
        n = len(keys_a)
        relation = np.full(n, None, dtype=object)
        direction = np.full(n, "", dtype=object)
        basis = np.full(n, "", dtype=object)
        score = np.full(n, np.nan)
        note = np.full(n, "", dtype=object)
        if n:
            sig_a, confidence_a = self._key_signatures(keys_a)
            sig_b, confidence_b = self._key_signatures(keys_b)
            known = np.flatnonzero((sig_a >= 0) & (sig_b >= 0))
            if len(known):
                width = len(self._signatures)
                unique_codes, inverse = np.unique(sig_a[known] * width + sig_b[known], return_inverse=True)
                verdicts = [self._signature_pair(int(c // width), int(c % width)) for c in unique_codes]
                relation[known] = np.array([v[0] for v in verdicts] + [None], dtype=object)[:-1][inverse]
                direction[known] = np.array([v[1] for v in verdicts] + [""], dtype=object)[:-1][inverse]
                base = np.array([v[2] for v in verdicts], dtype=float)[inverse]
                score[known] = np.round(base * np.minimum(confidence_a[known], confidence_b[known]), 6)
                basis[known] = BASIS_TAXONOMY
                note[known] = np.array([v[3] for v in verdicts] + [""], dtype=object)[:-1][inverse]
                if explain_terms:
                    note[known] = (note[known] + " [" + _map_distinct(self.explain, keys_a[known]) + "; "
                                   + _map_distinct(self.explain, keys_b[known]) + "]")
        return frame_with_object_columns(
            {"relation": relation, "direction": direction, "basis": basis, "score": score, "note": note}
        )

    def candidate_pairs(self, keys_a, keys_b):
        """Pairs of ``keys_a`` x ``keys_b`` (distinct keys) the taxonomy may relate.

        Superset of the related pairs: the terms share a division, or are joined by a chain
        link of codes or keywords.
        """
        keys_a = pd.unique(np.asarray(keys_a, dtype=object))
        keys_b = pd.unique(np.asarray(keys_b, dtype=object))
        side_a = pd.DataFrame({"key": keys_a, "sig": self.signatures(keys_a)})
        side_b = pd.DataFrame({"key": keys_b, "sig": self.signatures(keys_b)})
        side_a = side_a[side_a["sig"] >= 0]
        side_b = side_b[side_b["sig"] >= 0]
        empty = pd.DataFrame({"industry_a": pd.Series([], dtype=object), "industry_b": pd.Series([], dtype=object)})
        if side_a.empty or side_b.empty:
            return empty
        hooks_a = self._hooks(pd.unique(side_a["sig"]))
        hooks_b = self._hooks(pd.unique(side_b["sig"]))
        linked = [hooks_a[hooks_a["kind"] == "division"].merge(
            hooks_b[hooks_b["kind"] == "division"], on=["kind", "hook"], suffixes=("_a", "_b"))]
        for end_a, end_b in (("link_a", "link_b"), ("link_b", "link_a")):
            left = hooks_a[hooks_a["kind"] == end_a]
            right = hooks_b[hooks_b["kind"] == end_b]
            linked.append(left.merge(right, on="hook", suffixes=("_a", "_b")))
        sig_pairs = pd.concat([f[["sig_a", "sig_b"]] for f in linked], ignore_index=True).drop_duplicates()
        pairs = sig_pairs.merge(side_a.rename(columns={"key": "industry_a", "sig": "sig_a"}), on="sig_a").merge(
            side_b.rename(columns={"key": "industry_b", "sig": "sig_b"}), on="sig_b")
        if pairs.empty:
            return empty
        return pairs[["industry_a", "industry_b"]].reset_index(drop=True)

    def _hooks(self, signature_ids):
        """(sig, kind, hook) rows: divisions, and link ends (code or keyword links) it touches."""
        rows = []
        for sig in signature_ids:
            codes, linked = self._signatures[int(sig)]
            for division in {c[:2] for c in codes}:
                rows.append((int(sig), "division", division))
            for code in codes:
                ends_a, ends_b = self._link_ends(code)
                rows.extend((int(sig), "link_a", f"c{index}") for index in ends_a)
                rows.extend((int(sig), "link_b", f"c{index}") for index in ends_b)
            for keyword in linked:
                for other in self._linked_keywords:
                    if (keyword, other) in self._keyword_links:
                        low, high = sorted((keyword, other))
                        rows.append((int(sig), "link_a" if keyword == low else "link_b", f"k{low}|{high}"))
        return pd.DataFrame(rows, columns=["sig", "kind", "hook"])


def _map_distinct(function, values):
    """``function`` of each value as an object array, called once per distinct value."""
    codes, uniques = pd.factorize(pd.Series(values, dtype=object))
    return np.array([function(v) for v in uniques] + [""], dtype=object)[codes]


def _within(codes, others):
    """Whether every code of ``codes`` equals or lies inside one of ``others``."""
    return all(any(code.startswith(other) for other in others) for code in codes)


def _overlaps(code, end):
    """Whether a code and a link end overlap in the tree (one inside the other, or equal)."""
    return code.startswith(end) or end.startswith(code)


@lru_cache(maxsize=1)
def load_bundled_taxonomy():
    """The taxonomy shipped in resources/data (loaded once per process)."""
    return Taxonomy.from_csv()


# ----------------------------------------------------------------------------------------------
# Relators
# ----------------------------------------------------------------------------------------------


class TaxonomyRelator(Relator):
    """The taxonomy rule (``basis`` ``taxonomy``); see the module docstring."""

    def __init__(self, taxonomy=None):
        self.taxonomy = taxonomy if taxonomy is not None else load_bundled_taxonomy()
        self.description = (
            "the industry taxonomy (GB/T 4754-2017 codes, keyword vocabulary and chain links): "
            "same code identical, one inside the other subordinate, same division or chain link similar"
        )

    def assess(self, pairs, explain_terms=False):
        """The taxonomy's verdict on ``pairs`` (same index), ``none`` included."""
        verdict = self.taxonomy.relate_keys(
            pairs["industry_a"].to_numpy(), pairs["industry_b"].to_numpy(), explain_terms=explain_terms
        )
        verdict.index = pairs.index
        return verdict

    def relate(self, pairs):
        return self.assess(pairs)

    def candidate_pairs(self, keys_a, keys_b):
        return self.taxonomy.candidate_pairs(keys_a, keys_b)


class NameRelator(Relator):
    """The name rule (``basis`` ``names``) for pairs the taxonomy cannot judge.

    ``taxonomy``: pairs whose two terms it maps are left alone (the taxonomy judges those);
    None compares every pair.
    """

    def __init__(self, taxonomy=None):
        self.taxonomy = taxonomy
        self.description = (
            f"name similarity (characters and bigrams, generic words removed): "
            f">= {NAME_IDENTICAL} identical, >= {NAME_SIMILAR} similar"
        )
        self._grams = {}

    def _gram_sets(self, key):
        found = self._grams.get(key)
        if found is None:
            found = self._grams[key] = _grams(match_parts(key))
        return found

    #: Pairs compared, or gram matches joined, per block: bounds the memory of large inputs.
    BLOCK_ROWS = 2_000_000

    def similarities(self, keys_a, keys_b):
        """Name similarity of aligned arrays of keys, vectorised (numpy), in blocks."""
        keys_a = np.asarray(keys_a, dtype=object)
        keys_b = np.asarray(keys_b, dtype=object)
        result = np.zeros(len(keys_a))
        for start in range(0, len(keys_a), self.BLOCK_ROWS):
            block = slice(start, start + self.BLOCK_ROWS)
            result[block] = self._similarities(keys_a[block], keys_b[block])
        return result

    def _similarities(self, keys_a, keys_b):
        if not len(keys_a):
            return np.zeros(0)
        codes, uniques = pd.factorize(pd.Series(np.concatenate([keys_a, keys_b]), dtype=object))
        grams = [self._gram_sets(k) for k in uniques]
        index_a = codes[: len(keys_a)]
        index_b = codes[len(keys_a):]
        character_dice = _dice_of_pairs([g[0] for g in grams], index_a, index_b)
        bigram_dice = _dice_of_pairs([g[1] for g in grams], index_a, index_b)
        has_bigrams = np.array([bool(g[1]) for g in grams])
        # A one-character name has no bigram: its characters stand in for them.
        bigram_dice = np.where(has_bigrams[index_a] & has_bigrams[index_b], bigram_dice, character_dice)
        return 0.5 * (character_dice + bigram_dice)

    def _open(self, keys_a, keys_b):
        """Which pairs the rule may judge: all, or (with a taxonomy) those with an unknown term."""
        if self.taxonomy is None or not len(keys_a):
            return np.ones(len(keys_a), dtype=bool)
        return (self.taxonomy.signatures(keys_a) < 0) | (self.taxonomy.signatures(keys_b) < 0)

    def relate(self, pairs):
        result = _undecided(pairs.index)
        keys_a = pairs["industry_a"].to_numpy(dtype=object)
        keys_b = pairs["industry_b"].to_numpy(dtype=object)
        rows = np.flatnonzero(self._open(keys_a, keys_b))
        if not len(rows):
            return result
        similarity = np.round(self.similarities(keys_a[rows], keys_b[rows]), 6)
        identical = similarity >= NAME_IDENTICAL
        related = similarity >= NAME_SIMILAR
        chosen = pairs.index[rows[related]]
        result.loc[chosen, "relation"] = np.where(identical[related], IDENTICAL, SIMILAR)
        result.loc[chosen, "basis"] = BASIS_NAMES
        result.loc[chosen, "score"] = similarity[related]
        # One shared note per similarity value: notes of millions of pairs cost no memory.
        texts = {}
        result.loc[chosen, "note"] = np.array(
            [texts.setdefault(v, f"names: similarity {v:.2f} (characters and bigrams, generic words removed)")
             for v in np.round(similarity[related], 2)] + [""], dtype=object)[:-1]
        return result

    def candidate_pairs(self, keys_a, keys_b):
        """The pairs of ``keys_a`` x ``keys_b`` the rule relates (an unknown term, similar names).

        Only names sharing a bigram (a character for one-character names) can reach
        :data:`NAME_SIMILAR`; those are joined on their bigrams and compared block by block,
        so memory stays bounded even when thousands of names share a bigram.
        """
        keys_a = pd.unique(np.asarray(keys_a, dtype=object))
        keys_b = pd.unique(np.asarray(keys_b, dtype=object))
        found_a, found_b = [], []
        if len(keys_a) and len(keys_b):
            ids = {}
            left_key, left_gram = self._gram_ids(keys_a, ids)
            right_key, right_gram = self._gram_ids(keys_b, ids)
            right = pd.DataFrame({"b": right_key, "gram": right_gram})
            per_gram = np.bincount(right_gram, minlength=len(ids)) if len(right_gram) else np.zeros(len(ids), int)
            weight = np.bincount(left_key, weights=per_gram[left_gram], minlength=len(keys_a)) if len(left_key) else np.zeros(len(keys_a))
            block_of_key = np.floor(np.cumsum(weight) / self.BLOCK_ROWS).astype(np.int64)
            for block in np.unique(block_of_key[left_key]) if len(left_key) else []:
                in_block = block_of_key[left_key] == block
                joined = pd.DataFrame({"a": left_key[in_block], "gram": left_gram[in_block]}).merge(right, on="gram")
                if joined.empty:
                    continue
                pair_code = np.unique(joined["a"].to_numpy(dtype=np.int64) * len(keys_b) + joined["b"].to_numpy(dtype=np.int64))
                a, b = pair_code // len(keys_b), pair_code % len(keys_b)
                judged = self._open(keys_a[a], keys_b[b])
                a, b = a[judged], b[judged]
                # relate() rounds to 6 decimals: keep what rounding could lift to the threshold.
                keep = self.similarities(keys_a[a], keys_b[b]) >= NAME_SIMILAR - 1e-6
                found_a.append(keys_a[a[keep]])
                found_b.append(keys_b[b[keep]])
        if not found_a:
            return pd.DataFrame({"industry_a": pd.Series([], dtype=object), "industry_b": pd.Series([], dtype=object)})
        return pd.DataFrame({"industry_a": np.concatenate(found_a).astype(object),
                             "industry_b": np.concatenate(found_b).astype(object)})

    def _gram_ids(self, keys, ids):
        """(key index, gram id) rows: each name's bigrams, or characters for one-character names."""
        owners, grams = [], []
        for index, key in enumerate(keys):
            characters, bigrams = self._gram_sets(key)
            for gram in (bigrams or characters):
                owners.append(index)
                grams.append(ids.setdefault(gram, len(ids)))
        return np.asarray(owners, dtype=np.int64), np.asarray(grams, dtype=np.int64)


def _dice_of_pairs(sets, index_a, index_b):
    """Dice coefficients of ``sets[index_a[i]]`` and ``sets[index_b[i]]``, vectorised.

    Each set's grams get integer ids; a pair's shared grams are counted by looking up every
    gram of side a among the (set, gram) combinations of side b (sorted, searchsorted).
    """
    ids = {}
    owner = []
    gram = []
    for number, grams in enumerate(sets):
        for item in grams:
            owner.append(number)
            gram.append(ids.setdefault(item, len(ids)))
    sizes = np.bincount(np.asarray(owner, dtype=np.int64), minlength=len(sets)) if owner else np.zeros(len(sets), np.int64)
    total = sizes[index_a] + sizes[index_b]
    if not owner:
        return np.zeros(len(index_a))
    owner = np.asarray(owner, dtype=np.int64)
    gram = np.asarray(gram, dtype=np.int64)
    n_grams = len(ids)
    known = np.sort(owner * n_grams + gram)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])  # owner is sorted: sets were walked in order
    count_a = sizes[index_a]
    pair_of = np.repeat(np.arange(len(index_a)), count_a)
    offset = np.arange(len(pair_of)) - np.repeat(np.cumsum(count_a) - count_a, count_a)
    grams_a = gram[np.repeat(starts[index_a], count_a) + offset]
    wanted = np.asarray(index_b, dtype=np.int64)[pair_of] * n_grams + grams_a
    position = np.searchsorted(known, wanted)
    hit = (position < len(known)) & (known[np.minimum(position, len(known) - 1)] == wanted)
    shared = np.bincount(pair_of[hit], minlength=len(index_a))
    return np.where(total > 0, 2.0 * shared / np.maximum(total, 1), 0.0)


#: How a relation classes a cluster (method.md section 5), to tell contradictions from nuances.
_MATCH_CLASS = {IDENTICAL: "matched", SUBORDINATE: "matched", SIMILAR: "similar", NO_RELATION: "none"}


class TableCheckedAgainstTaxonomy(Relator):
    """The relation table, which always wins, checked against the taxonomy.

    The table contradicts the taxonomy where their verdicts would class a cluster
    differently: one says matched (identical or subordinate), the other similar or unrelated
    (``none``), or one says similar and the other unrelated. There the table's relation is kept,
    its ``note`` says ``the table overrides the taxonomy (...)``, and the pair is recorded
    (:meth:`overrides`; :func:`.relations.table_overrides`). Identical against subordinate, or
    the direction of a subordinate relation, is no contradiction: both are matched. A term the
    taxonomy does not know gives it no verdict to contradict.
    """

    OVERRIDE_MARK = "the table overrides the taxonomy"

    def __init__(self, table, taxonomy_relator):
        self.table = table
        self.taxonomy_relator = taxonomy_relator
        self.description = f"{table.description}, checked against the taxonomy"
        self._overrides = {}

    def candidate_pairs(self, keys_a, keys_b):
        return self.table.candidate_pairs(keys_a, keys_b)

    def relate(self, pairs):
        result = self.table.relate(pairs)
        decided = result["relation"].notna().to_numpy()
        if not decided.any():
            return result
        chosen = pairs.loc[decided]
        verdict = self.taxonomy_relator.assess(chosen, explain_terms=True)
        table_class = result.loc[chosen.index, "relation"].map(_MATCH_CLASS)
        differs = verdict["relation"].notna() & (verdict["relation"].map(_MATCH_CLASS) != table_class)
        for index in differs.index[differs.to_numpy()]:
            taxonomy_says = verdict.at[index, "relation"]
            if taxonomy_says == SUBORDINATE:
                taxonomy_says += f" ({verdict.at[index, 'direction']})"
            previous = result.at[index, "note"]
            remark = f"{self.OVERRIDE_MARK} (taxonomy: {taxonomy_says}; {verdict.at[index, 'note']})"
            result.at[index, "note"] = f"{previous} | {remark}" if previous else remark
            pair = (pairs.at[index, "industry_a"], pairs.at[index, "industry_b"])
            self._overrides[pair] = (result.at[index, "relation"], taxonomy_says, verdict.at[index, "note"])
        return result

    def overrides(self):
        """Distinct pairs (keys) on which the table overrode the taxonomy so far."""
        rows = [(a, b, *found) for (a, b), found in self._overrides.items()]
        return pd.DataFrame(rows, columns=list(OVERRIDE_COLUMNS))


__all__ = [
    "CONFIDENCE_CLOSE_FACTOR", "CONFIDENCE_CONTAINS", "CONFIDENCE_EXACT", "FUZZY_KEYWORD_MIN", "GENERIC_PREFIXES",
    "GENERIC_SUFFIXES", "GENERIC_WORDS", "HEAD_WORDS", "NAME_IDENTICAL", "NAME_SIMILAR", "NameRelator",
    "SCORE_CHAIN_LINK", "SCORE_INSIDE", "SCORE_SAME_CODE", "SCORE_SAME_DIVISION", "SCORE_SHARED_CODE", "SYNONYMS",
    "TableCheckedAgainstTaxonomy", "Taxonomy", "TaxonomyRelator", "TermMapping", "clean_parts",
    "load_bundled_taxonomy", "match_parts", "name_similarity", "strip_generic", "validate_code_tree",
]
