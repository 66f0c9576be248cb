"""The industry taxonomy: code tree, keyword vocabulary and chain links, and how terms relate in it.

The analyst's relation table decides first (see :mod:`.relations`); the automatic rules propose
relations for the pairs it does not judge, each with a ``basis``, a ``score`` in [0, 1] and a
``note`` that says why. Where things live: names are cleaned in :mod:`.industry_names`, the code
tree is validated in :mod:`.code_tree`, this module maps terms to codes and relates them,
:mod:`.taxonomy_relators` wraps it as relators, :mod:`.name_relator` is the name rule.

**The taxonomy** (``basis`` ``taxonomy``) has three parts, all in ``resources/data`` (see
``README.md`` there for what comes from the standards and what is editorial):

- the code tree of GB/T 4754-2017 国民经济行业分类 (``gbt4754_2017_codes.csv``: ``code``,
  ``level`` = section 门类 / division 大类 / group 中类 / class 小类, ``name_zh``,
  ``parent``);
- a keyword vocabulary (``industry_keywords.csv``: ``keyword``, ``code``, ``note``; a keyword
  may have several rows, one per code), to which the names of the code tree are added
  (``医药制造业`` gives the keyword ``医药``, ``机械零部件加工`` gives ``机械零部件``);
- chain links (``industry_chain_links.csv``): pairs of codes (any level) or of keywords whose
  industries are close although the tree keeps them apart (集成电路 / 电子元器件);
- published statistical groupings (``industry_groups.csv``): groups of codes that an official
  classification puts together (高技术产业 2017/2018, 数字经济核心产业 2021, the SEI 2018 fields).

An industry term is mapped to codes (:meth:`Taxonomy.map_term`): the whole term, then each
part of it (parts are separated by ``/ 、 , ; 和 与 及`` ...), is looked up as a keyword
(confidence 1); failing that, the keywords the part contains are used (the longest ones, not
those inside a longer match; confidence 0.9: ``宠物智能设备`` contains ``智能设备``); failing
that, the closest keyword by name similarity if it reaches :data:`FUZZY_KEYWORD_MIN`
(confidence 0.8 x similarity: ``家居智能`` is close to ``智能家居``); failing that, the longest
word of the part that the official code names use (:meth:`Taxonomy._in_code_names`, confidence
:data:`CONFIDENCE_CODE_NAME`: ``压缩设备`` finds ``压缩`` in 3442 气体压缩机械制造 and 344). A term's
codes are the union over its parts; its confidence the lowest of its parts.

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
both in one group of a published grouping   similar       0.4
none of these                               ``none``      -
==========================================  ============  ==========

A shared code makes two terms identical only if they have the same codes: if all codes of
one lie within the other's (磁性材料 {3985} and 新型功能材料 {265, ..., 3985}) the first is
subordinate to the second (0.85); if each has codes the other lacks they are identical with base
score 0.9 (partial overlap). The score is the base score times the lower of the two terms'
confidences. Two mapped terms
with no relation are judged unrelated (relation ``none``): the taxonomy knows both, so the name
rule is not asked. A term the taxonomy cannot map gets no opinion (None).

**Names** (``basis`` ``names``, :mod:`.name_relator`): for pairs where at least one term is
not in the vocabulary, the similarity of the names.

A name longer than :data:`.industry_names.MAX_NAME_CHARS` characters is read by its start (the
mapping's ``how`` says so and :attr:`Taxonomy.names_cut` counts it), so one pasted paragraph costs
bounded work; finding keyword spans is linear in the length.

Speed: terms are mapped once per distinct key (cached on the :class:`Taxonomy`), and
relations are decided once per distinct pair of *signatures* (a term's codes, confidence and
linked keywords), which many terms share; ``candidate_pairs`` of the relators names the
pairs that can be related at all, so the matching never visits the others.
"""
import os
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from .code_tree import (
    CODE_TREE_COLUMNS,
    read_csv_table,
    require_columns,
    rows_text,
    text_cells,
    validate_code_tree,
)
from .errors import InputError
from .frames import frame_with_object_columns, map_distinct
from .industry import industry_key
from .industry_names import (
    HEAD_WORDS,
    MAX_NAME_CHARS,
    NOT_WORD,
    clean_parts,
    cut_long_name,
    gram_sets,
    normalised_text,
    similarity_of_grams,
    split_name,
    strip_generic,
)
from .paths import DATA_DIR
from .relation_base import (
    A_IN_B,
    B_IN_A,
    BASIS_TAXONOMY,
    IDENTICAL,
    NO_RELATION,
    SIMILAR,
    SUBORDINATE,
)

BUNDLED_CODES_PATH = os.path.join(DATA_DIR, "gbt4754_2017_codes.csv")
BUNDLED_KEYWORDS_PATH = os.path.join(DATA_DIR, "industry_keywords.csv")
BUNDLED_LINKS_PATH = os.path.join(DATA_DIR, "industry_chain_links.csv")
BUNDLED_GROUPS_PATH = os.path.join(DATA_DIR, "industry_groups.csv")

#: Base scores of the taxonomy rules (multiplied by the terms' mapping confidence).
SCORE_SAME_CODE = 1.0
#: Two terms that share a code while each also has codes the other lacks (partial overlap).
SCORE_SHARED_CODE = 0.9
SCORE_INSIDE = 0.85
SCORE_SAME_DIVISION = 0.6
SCORE_CHAIN_LINK = 0.5
#: Two codes in one group of a published statistical grouping (高技术产业, 数字经济核心产业, an SEI
#: 2018 field): close industries by an official grouping, weaker than a chain link.
SCORE_PUBLISHED_GROUP = 0.4
#: Columns of a grouping table (``industry_groups.csv``): one row per group, its member codes.
GROUP_COLUMNS = ("source", "group_code", "group_name", "codes")

#: Mapping confidence of a term found as a keyword, of one that contains keywords, and the
#: factor applied to the similarity of the closest keyword.
CONFIDENCE_EXACT = 1.0
CONFIDENCE_CONTAINS = 0.9
CONFIDENCE_CLOSE_FACTOR = 0.8
#: A term part that neither is nor contains a keyword maps to the closest keyword if their
#: name similarity reaches this.
FUZZY_KEYWORD_MIN = 0.75
#: Mapping confidence of a term part read in the official name of a GB/T 4754-2017 code (the
#: standard's own wording, but not a keyword naming the code: below a keyword, 0.9).
CONFIDENCE_CODE_NAME = 0.7
#: A word found in the names of codes of more than this many places of the tree (after keeping
#: the most specific ones) is too vague to map.
MAX_CODE_NAME_PLACES = 3
#: Divisions whose names name the goods of other industries (wholesale, retail, leasing, repair):
#: their names are not read for words.
_CODE_NAME_TRADE_DIVISIONS = frozenset({"43", "51", "52", "71", "81"})
#: Residual names and name parts (其他..., 未列明...) repeat their parent's words: not read for words.
_CODE_NAME_RESIDUAL = re.compile("^(?:其他|未列明)")
#: Words of code names that say what kind of thing or activity, not which industry: never
#: mapped on their own (besides :data:`.industry_names.HEAD_WORDS`).
CODE_NAME_GENERIC_WORDS = HEAD_WORDS | frozenset({
    "机械", "器材", "制品", "用品", "零件", "部件", "零部件", "配件", "装置", "器具", "专用", "加工", "生产",
    "其他", "未列明", "用具", "设施", "活动", "管理", "原料", "物品", "专业", "综合", "一般", "日用",
})

#: Name endings dropped when a code name becomes a keyword (医药制造业 -> 医药).
_CODE_NAME_ENDINGS = ("制造业", "制造", "加工", "业")
#: Code names that do not make keywords: lists and remainders.
_CODE_NAME_SKIP = re.compile(r"[、，,（(]|和|及|与|其他|未列明|专业|辅助性")


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



class Taxonomy:
    """A code tree, a keyword vocabulary and chain links (see the module docstring).

    Build one with :func:`load_bundled_taxonomy` or :meth:`from_csv`. Mappings of terms and
    relations of signature pairs are cached on the object (each cache is emptied when it
    exceeds :attr:`CACHE_LIMIT` entries, so a long session does not grow without bound).
    """

    CACHE_LIMIT = 1_000_000

    def __init__(self, codes, keywords, links, source="taxonomy", groups=None):
        validate_code_tree(codes, f"{source}: code tree")
        self.source = source
        self.codes = codes.assign(**{c: text_cells(codes[c], strip=False) for c in CODE_TREE_COLUMNS}).reset_index(
            drop=True
        )
        self._name = dict(zip(self.codes["code"], self.codes["name_zh"]))
        self._level = dict(zip(self.codes["code"], self.codes["level"]))
        self._children = {}
        for code, parent in zip(self.codes["code"], self.codes["parent"]):
            if parent:
                self._children.setdefault(parent, []).append(code)
        self.keywords = self._validated_keywords(keywords)
        self.links = self._validated_links(links)
        self.groups = self._validated_groups(groups)
        self._build_vocabulary()
        self._term_cache = {}
        self._signature_ids = {}
        self._signatures = []
        self._pair_cache = {}
        self._ordered_cache = {}
        self._code_pair_cache = {}
        self._link_end_cache = {}
        self._group_cache = {}
        self._explained = {}
        #: Distinct names longer than :data:`.industry_names.MAX_NAME_CHARS` read by their start.
        self.names_cut = 0

    # --- loading -----------------------------------------------------------------------------

    @classmethod
    def from_csv(cls, codes_path=BUNDLED_CODES_PATH, keywords_path=BUNDLED_KEYWORDS_PATH,
                 links_path=BUNDLED_LINKS_PATH, groups_path=BUNDLED_GROUPS_PATH):
        """Read the CSV files (UTF-8, a byte-order mark allowed); ``groups_path`` None: no groupings."""
        return cls(
            read_csv_table(codes_path, "Code tree"),
            read_csv_table(keywords_path, "Keyword vocabulary"),
            read_csv_table(links_path, "Chain links"),
            source=os.path.basename(str(keywords_path)),
            groups=None if groups_path is None else read_csv_table(groups_path, "Published groupings"),
        )

    def _validated_keywords(self, keywords):
        what = f"{self.source}: keyword vocabulary"
        require_columns(keywords, ("keyword", "code"), what)
        frame = pd.DataFrame({
            "keyword": text_cells(keywords["keyword"]),
            "code": text_cells(keywords["code"]),
            "note": text_cells(keywords["note"], strip=False) if "note" in keywords.columns else "",
            "row": np.arange(1, len(keywords) + 1),
        })
        problems = []
        empty = frame[frame["keyword"].map(lambda k: not clean_parts(k))]
        if len(empty):
            problems.append(f"empty keyword in {rows_text(empty['row'])}")
        unknown = frame[~frame["code"].isin(list(self._name))]
        if len(unknown):
            problems.append(f"codes not in the code tree {sorted(set(unknown['code']))} in {rows_text(unknown['row'])}")
        section = frame[frame["code"].map(lambda c: self._level.get(c) == "section")]
        if len(section):
            problems.append(
                f"keywords may map to divisions, groups or classes, not sections: {rows_text(section['row'])}")
        if problems:
            raise InputError(f"{what}: " + "; ".join(problems) + ".")
        return frame

    def _validated_links(self, links):
        what = f"{self.source}: chain links"
        require_columns(links, ("relation",), what)
        frame = links.copy()
        for column in ("code_a", "code_b", "keyword_a", "keyword_b", "note"):
            frame[column] = text_cells(frame[column]) if column in frame.columns else ""
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
                problems.append(
                    f"row {row.row}: keyword {row.keyword_a!r} or {row.keyword_b!r} is not in the vocabulary")
            if str(row.relation).strip().casefold() not in (SIMILAR, "相近"):
                problems.append(f"row {row.row}: chain links are 'similar', not {row.relation!r}")
        if problems:
            raise InputError(f"{what}: " + "; ".join(problems) + ".")
        return frame

    def _validated_groups(self, groups):
        """(label, member codes) per group of the published groupings (none if ``groups`` is None)."""
        if groups is None:
            return []
        what = f"{self.source}: published groupings"
        require_columns(groups, GROUP_COLUMNS, what)
        found = []
        problems = []
        for number, row in enumerate(groups.itertuples(index=False), start=1):
            members = tuple(str(row.codes).split())
            unknown = [c for c in members if c not in self._name or self._level[c] == "section"]
            if not members or unknown:
                problems.append(f"row {number}: codes {unknown or '(none)'} are not divisions, groups or classes "
                                "of the code tree")
            found.append((f"{row.source} {row.group_code} {row.group_name}".strip(), members))
        if problems:
            raise InputError(f"{what}: " + "; ".join(problems) + ".")
        return found

    def _code_groups(self, code):
        """Indices of the published groups ``code`` belongs to.

        A code belongs to a group if it equals or lies inside a member code, or if more than half
        of its children do (recursively): division 65 belongs to a group listing 7 of its 8
        groups, division 39 not to one listing 3985 only.
        """
        found = self._group_cache.get(code)
        if found is None:
            inside = {i for i, (_, members) in enumerate(self.groups) if any(code.startswith(m) for m in members)}
            children = self._children.get(code, ())
            if children:
                votes = {}
                for child in children:
                    for i in self._code_groups(child):
                        votes[i] = votes.get(i, 0) + 1
                inside |= {i for i, count in votes.items() if count > len(children) / 2}
            found = self._group_cache[code] = frozenset(inside)
        return found

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
        self._build_code_name_index()
        self._link_note = {
            frozenset((row.keyword_a, row.keyword_b)): row.note for row in self.links.itertuples() if row.keyword_a
        }

    def _build_code_name_index(self):
        """The words of the official code names -> the codes named so.

        A word is a start or an end (2 characters or more) of a name part, or of the part without
        the generic words at its end (气体压缩机械 gives 气体, 压缩机械, 压缩 ...; no fragment such as
        体压 that starts and ends inside it). Names are split at their separators
        (电气机械和器材制造业 -> 电气机械, 器材制造业) and lose a trailing 制造业/制造/加工/业;
        residual names and parts (starting 其他 or 未列明) and the trade, leasing and repair
        divisions (:data:`_CODE_NAME_TRADE_DIVISIONS`) are not read.
        """
        index = {}
        for code, name, level in zip(self.codes["code"], self.codes["name_zh"], self.codes["level"]):
            if level == "section" or code[:2] in _CODE_NAME_TRADE_DIVISIONS or _CODE_NAME_RESIDUAL.search(name):
                continue
            for part in split_name(normalised_text(name)):
                if _CODE_NAME_RESIDUAL.search(part):
                    continue
                part = re.sub(r"(?:制造业|制造|加工|业)$", "", part)
                for word in _edge_words(part):
                    index.setdefault(word, set()).add(code)
        self._code_name_index = index
        self._code_name_longest = max((len(k) for k in index), default=0)

    def _in_code_names(self, text):
        """(codes, word) for the longest word of ``text`` found in the official code names, or None.

        Longer words first, and at equal length the later one (the head of a Chinese compound is
        its end); generic words (:func:`_generic_word`: 设备, 应用服务) are skipped. The codes
        naming the word are reduced to one when more than half of them lie in one division: the
        common code of the most specific of those (a code is dropped when a code inside it names
        the word too: 通信 -> 392, from 3921 and 3922, not division 39 whose name lists it);
        otherwise to the codes not inside another one, if there are at most
        :data:`MAX_CODE_NAME_PLACES` of them; more places are too vague (the next word is tried).
        Work: len(text) x the longest name part lookups.
        """
        for length in range(min(len(text), self._code_name_longest), 1, -1):
            for start in range(len(text) - length, -1, -1):
                word = text[start:start + length]
                hits = self._code_name_index.get(word)
                if not hits or _generic_word(word):
                    continue
                by_division = {}
                for code in hits:
                    by_division.setdefault(code[:2], []).append(code)
                largest = max(by_division.values(), key=len)
                if len(largest) > len(hits) / 2:
                    # The most specific codes naming it (a division listing 通信 has a group named so).
                    deepest = [c for c in largest if not any(o != c and o.startswith(c) for o in largest)]
                    common = os.path.commonprefix(deepest)
                    while common not in self._name:
                        common = common[:-1]
                    return (common,), word
                places = sorted(c for c in hits if not any(o != c and c.startswith(o) for o in hits))
                if len(places) <= MAX_CODE_NAME_PLACES:
                    return tuple(places), word
        return None

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
        cut_keys = set()
        for key in keys:
            # A pasted paragraph is read by its first MAX_NAME_CHARS characters (counted).
            text, cut = cut_long_name(key)
            if cut:
                cut_keys.add(key)
                self.names_cut += 1
            whole = NOT_WORD.sub("", normalised_text(text))
            entry = self._raw.get(whole)
            if entry is not None:
                self._term_cache[key] = TermMapping(
                    entry.codes, CONFIDENCE_EXACT, entry.keywords, f"keyword {entry.keywords[0]}")
                continue
            found = []
            unmatched = []
            for part in clean_parts(text):
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
                    continue
                # Last: a word of the part read in the standard's own code names.
                named = self._in_code_names(part)
                if named is not None:
                    codes, word = named
                    found.append((codes, CONFIDENCE_CODE_NAME, (), f"in the GB/T names of {', '.join(codes)} ({word})"))
            if not found:
                self._term_cache[key] = None
                continue
            codes = tuple(sorted({c for item in found for c in item[0]}))
            confidence = min(item[1] for item in found)
            keywords = tuple(dict.fromkeys(k for item in found for k in item[2]))
            how = "; ".join(item[3] for item in found)
            if key in cut_keys:
                how += f" (read: the first {MAX_NAME_CHARS} of {len(key)} characters)"
            self._term_cache[key] = TermMapping(codes, confidence, keywords, how)

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
        entries = [e for e in entries[:-1]
                   if not all(any(h.startswith(c) for h in head.codes) for c in e.codes)] + [head]
        codes = tuple(sorted({c for e in entries for c in e.codes}))
        keywords = tuple(dict.fromkeys(k for e in entries for k in e.keywords))
        return codes, CONFIDENCE_CONTAINS, keywords, "contains " + ", ".join(e.keywords[0] for e in entries)

    def _keyword_spans(self, text, minimum):
        """Spans of the longest keywords found in ``text``, none inside another.

        At most one span starts at each position (the longest keyword there), so a span lies
        inside another exactly when an earlier one reaches at least as far: one pass keeping
        the furthest end so far decides it. Work: len(text) x the longest keyword lookups.
        """
        kept = []
        furthest = -1
        for start in range(len(text)):
            for length in range(min(self._longest, len(text) - start), minimum - 1, -1):
                if length < len(text) and text[start:start + length] in self._stripped:
                    end = start + length
                    if end > furthest:
                        kept.append((start, end))
                        furthest = end
                    break
        return kept

    def _closest_keywords(self, parts):
        """For each part, the most similar keyword form (entry, similarity) if >= FUZZY_KEYWORD_MIN."""
        forms = [f for f in self._stripped if len(f) >= 2]
        part_grams = [(p, g) for p in parts for g in gram_sets((p,))[1]]
        form_grams = [(f, g) for f in forms for g in gram_sets((f,))[1]]
        if not part_grams or not form_grams:
            return {}
        left = pd.DataFrame(part_grams, columns=["part", "gram"])
        right = pd.DataFrame(form_grams, columns=["form", "gram"])
        shared = left.merge(right, on="gram").groupby(["part", "form"]).size().rename("shared").reset_index()
        bigram_count = {p: len(gram_sets((p,))[1]) for p in parts}
        bigram_count.update({f: len(gram_sets((f,))[1]) for f in shared["form"].unique()})
        shared["bigram_dice"] = 2.0 * shared["shared"] / (
            shared["part"].map(bigram_count) + shared["form"].map(bigram_count)
        )
        # similarity = (character Dice + bigram Dice) / 2 <= (1 + bigram Dice) / 2.
        shared = shared[shared["bigram_dice"] >= 2 * FUZZY_KEYWORD_MIN - 1]
        best = {}
        for part, form in zip(shared["part"], shared["form"]):
            similarity = similarity_of_grams(gram_sets((part,)), gram_sets((form,)))
            better = part not in best or (similarity, form) > (best[part][1], best[part][0].form)
            if similarity >= FUZZY_KEYWORD_MIN and better:
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
            else:
                groups = self._code_groups(code_a) & self._code_groups(code_b)
                if groups:
                    label = self.groups[min(groups)][0]
                    result = (SIMILAR, "", SCORE_PUBLISHED_GROUP,
                              f"same published group {label} ({code_a} {name[code_a]}; {code_b} {name[code_b]})")
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
                best = (SUBORDINATE, A_IN_B, SCORE_INSIDE,
                        f"the codes of one term all lie within the other's; {best[3]}")
            elif b_within_a and not a_within_b:
                best = (SUBORDINATE, B_IN_A, SCORE_INSIDE,
                        f"the codes of one term all lie within the other's; {best[3]}")
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
                    note[known] = (note[known] + " [" + map_distinct(self.explain, keys_a[known]) + "; "
                                   + map_distinct(self.explain, keys_b[known]) + "]")
        return frame_with_object_columns(
            {"relation": relation, "direction": direction, "basis": basis, "score": score, "note": note}
        )

    def candidate_pairs(self, keys_a, keys_b):
        """Pairs of ``keys_a`` x ``keys_b`` (distinct keys) the taxonomy may relate.

        Superset of the related pairs: the terms share a division or a published group, or are
        joined by a chain link of codes or keywords.
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
        """(sig, kind, hook) rows: divisions and published groups (kind ``division``: both join
        symmetric, ``g<index>`` for a group), and link ends (code or keyword links) it touches."""
        rows = []
        for sig in signature_ids:
            codes, linked = self._signatures[int(sig)]
            for division in {c[:2] for c in codes}:
                rows.append((int(sig), "division", division))
            for group in {g for c in codes for g in self._code_groups(c)}:
                rows.append((int(sig), "division", f"g{group}"))
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


def _edge_words(part):
    """Starts and ends (2 characters or more) of ``part`` and of ``part`` without generic words at its end."""
    words = set()
    while len(part) >= 2:
        words.update(part[:end] for end in range(2, len(part) + 1))
        words.update(part[start:] for start in range(len(part) - 1))
        for size in range(len(part) - 1, 0, -1):
            if part[-size:] in CODE_NAME_GENERIC_WORDS:
                part = part[:-size]
                break
        else:
            break
    return words


def _generic_word(word):
    """Whether ``word`` names no industry: generic words (:data:`CODE_NAME_GENERIC_WORDS`) removed
    from its ends, repeatedly, leave fewer than 2 characters (应用服务, 用服务, 设备制造)."""
    longest = max(map(len, CODE_NAME_GENERIC_WORDS))
    changed = True
    while changed and len(word) >= 2:
        changed = False
        for size in range(min(longest, len(word)), 0, -1):
            if word[:size] in CODE_NAME_GENERIC_WORDS:
                word, changed = word[size:], True
                break
            if word[-size:] in CODE_NAME_GENERIC_WORDS:
                word, changed = word[:-size], True
                break
    return len(word) < 2


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

