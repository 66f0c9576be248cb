"""Relations between industries: the analyst's judgements and the rules that apply them.

A *relation table* records judgements, one row per pair of industries:

=============  ==========================================================================
column         meaning
=============  ==========================================================================
industry_a     an industry name (compared by :func:`.industry.industry_key`)
industry_b     another industry name
relation       ``identical`` (相同), ``subordinate`` (隶属: industry_a belongs to
               industry_b), ``similar`` (相近) or ``none`` (无关 / 不相关: the analyst
               judged the pair unrelated, which vetoes any automatic relation); the
               Chinese words are accepted too
note           optional free text: why, and where the judgement comes from
=============  ==========================================================================

``identical`` and ``similar`` are symmetric. ``subordinate`` is directed (a belongs to b),
but for matching it counts either way round: a cluster of industry a matches a belt of
industry b and a cluster of b matches a belt of a. No other inference is made (in particular
no transitivity: a ⊂ b and b ⊂ c does not relate a and c).

A *relator* decides the relation of distinct pairs of industry keys. It is any object with a
``relate(pairs)`` method (see :class:`Relator`). :func:`build_relator` chains, in this order
(the first rule with an opinion decides a pair, and ``basis`` says which):

1. the relation table (``basis`` ``relations``): the analyst's word always wins;
2. the same-name rule (``same_name``): two names with the same key are identical;
3. with AUTO_RELATE ``taxonomy`` or ``taxonomy+names``: the bundled industry taxonomy
   (``taxonomy``, see :mod:`.taxonomy`), which also checks every table judgement and notes
   where the table overrides it;
4. with ``taxonomy+names``: name similarity (``names``) for names the taxonomy does not know.
"""
import os

import numpy as np
import pandas as pd

from .errors import BadValueError, RelationTableError
from .industry import industry_keys
from .name_relator import NameRelator
from .paths import DATA_DIR
from .relation_base import (  # noqa: F401  (re-exported: the relation vocabulary is used through this module)
    A_IN_B,
    B_IN_A,
    BASIS_NAMES,
    BASIS_RELATIONS,
    BASIS_SAME_NAME,
    BASIS_TAXONOMY,
    IDENTICAL,
    MATCH_CLASS,
    MATCHING_RELATIONS,
    NO_RELATION,
    OVERRIDE_COLUMNS,
    RELATE_COLUMNS,
    RELATION_ALIASES,
    RELATIONS,
    SIMILAR,
    SUBORDINATE,
    SYMMETRIC_RELATIONS,
    TABLE_RELATIONS,
    ChainRelator,
    Relator,
    SameNameRelator,
    undecided,
)
from .taxonomy import load_bundled_taxonomy
from .taxonomy_relators import TableCheckedAgainstTaxonomy, TaxonomyRelator

#: Automatic relation modes (design.md: AUTO_RELATE), in the order of the Processing enum
#: (index 0, 1, 2): no automatic relations; the taxonomy; the taxonomy, then name similarity.
AUTO_RELATE_NONE = "none"
AUTO_RELATE_TAXONOMY = "taxonomy"
AUTO_RELATE_TAXONOMY_NAMES = "taxonomy+names"
AUTO_RELATE_MODES = (AUTO_RELATE_NONE, AUTO_RELATE_TAXONOMY, AUTO_RELATE_TAXONOMY_NAMES)

REQUIRED_COLUMNS = ("industry_a", "industry_b", "relation")
OPTIONAL_COLUMNS = ("note",)

_MAX_ROWS_LISTED = 20

BUNDLED_RELATIONS_PATH = os.path.join(DATA_DIR, "industry_relations.csv")


class RelationTable(Relator):
    """A validated relation table (see the module docstring for its columns).

    Build one with :meth:`from_frame`, :meth:`from_csv` or :func:`load_bundled_relations`.
    ``rows`` keeps the table as given (plus ``key_a``, ``key_b`` and ``row``, the 1-based data
    row number; row 1 is the line after the header). Identical duplicate judgements are
    allowed and their notes are merged.
    """

    def __init__(self, rows, lookup, source):
        self.rows = rows
        self._lookup = lookup
        self.source = source
        self.description = f"relation table {source} ({len(rows)} rows)"

    def __len__(self):
        return len(self.rows)

    @classmethod
    def empty(cls, source="(none)"):
        """A table with no judgements (only other relators will decide)."""
        return cls.from_frame(pd.DataFrame(columns=list(REQUIRED_COLUMNS) + ["note"]), source=source)

    @classmethod
    def from_csv(cls, path):
        """Read and validate a UTF-8 CSV (a byte-order mark is allowed)."""
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        except FileNotFoundError as error:
            raise RelationTableError(f"Relation table not found: {path}") from error
        except (UnicodeDecodeError, pd.errors.ParserError) as error:
            raise RelationTableError(f"Relation table {path} is not a readable UTF-8 CSV: {error}") from error
        return cls.from_frame(frame, source=os.path.basename(str(path)))

    @classmethod
    def from_frame(cls, frame, source="relation table"):
        """Validate a DataFrame and build the table.

        Raises :class:`.errors.RelationTableError` naming the rows at fault when a required column is missing,
        an industry is empty, a relation word is unknown, an industry is related to itself by
        anything but ``identical``, or one pair of industries is given two different relations
        (including ``subordinate`` both ways round: write ``identical`` instead).
        """
        columns = {str(c).strip().casefold(): c for c in frame.columns}
        missing = [c for c in REQUIRED_COLUMNS if c not in columns]
        if missing:
            raise RelationTableError(
                f"Relation table {source}: missing column(s) {', '.join(missing)}. "
                f"Required: {', '.join(REQUIRED_COLUMNS)} (optional: note); "
                f"found: {', '.join(map(str, frame.columns)) or 'no columns'}."
            )
        rows = pd.DataFrame(
            {
                "industry_a": frame[columns["industry_a"]].to_numpy(dtype=object),
                "industry_b": frame[columns["industry_b"]].to_numpy(dtype=object),
                "relation": frame[columns["relation"]].to_numpy(dtype=object),
                "note": (
                    frame[columns["note"]].to_numpy(dtype=object)
                    if "note" in columns
                    else np.full(len(frame), "", dtype=object)
                ),
            }
        )
        rows["note"] = rows["note"].map(lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v))
        rows["row"] = np.arange(1, len(rows) + 1)
        rows["key_a"] = industry_keys(rows["industry_a"])
        rows["key_b"] = industry_keys(rows["industry_b"])
        words = rows["relation"].map(
            lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v).strip())
        rows["relation"] = words.map(lambda w: RELATION_ALIASES.get(w, w.casefold()))

        problems = []
        empty = rows[(rows["key_a"] == "") | (rows["key_b"] == "")]
        if len(empty):
            problems.append(f"empty industry name in {_rows_text(empty['row'])}")
        unknown = rows[~rows["relation"].isin(TABLE_RELATIONS)]
        if len(unknown):
            values = ", ".join(sorted({repr(w) for w in words[unknown.index]}))
            problems.append(
                f"unknown relation {values} in {_rows_text(unknown['row'])} "
                f"(allowed: {', '.join(TABLE_RELATIONS)}, or 相同, 隶属, 相近, 无关)"
            )
        usable = rows.drop(index=empty.index.union(unknown.index))
        self_related = usable[(usable["key_a"] == usable["key_b"]) & (usable["relation"] != IDENTICAL)]
        for _, row in self_related.iterrows():
            problems.append(
                f"row {row['row']}: {row['industry_a']!r} and {row['industry_b']!r} are the same industry "
                f"after normalisation, so they can only be identical, not {row['relation']}"
            )
        problems.extend(_conflicts(usable))
        if problems:
            raise RelationTableError(f"Relation table {source}: " + "; ".join(problems) + ".")
        return cls(rows, _build_lookup(usable), source)

    def candidate_pairs(self, keys_a, keys_b):
        lookup = self._lookup
        inside = lookup["key_a"].isin(pd.unique(np.asarray(keys_a, dtype=object))) & lookup["key_b"].isin(
            pd.unique(np.asarray(keys_b, dtype=object))
        )
        chosen = lookup.loc[inside]
        return pd.DataFrame(
            {"industry_a": chosen["key_a"].to_numpy(dtype=object), "industry_b": chosen["key_b"].to_numpy(dtype=object)}
        )

    def relate(self, pairs):
        if self._lookup.empty or pairs.empty:
            return undecided(pairs.index)
        found = pairs[["industry_a", "industry_b"]].merge(
            self._lookup, how="left", left_on=["industry_a", "industry_b"], right_on=["key_a", "key_b"]
        )
        found.index = pairs.index
        result = undecided(pairs.index)
        decided = found["relation"].notna().to_numpy()
        result.loc[decided, "relation"] = found.loc[decided, "relation"]
        result.loc[decided, "direction"] = found.loc[decided, "direction"]
        result.loc[decided, "note"] = found.loc[decided, "note"]
        result.loc[decided, "basis"] = BASIS_RELATIONS
        result.loc[decided, "score"] = 1.0
        return result


def _rows_text(row_numbers):
    numbers = sorted(int(n) for n in row_numbers)
    shown = ", ".join(str(n) for n in numbers[:_MAX_ROWS_LISTED])
    more = f" and {len(numbers) - _MAX_ROWS_LISTED} more" if len(numbers) > _MAX_ROWS_LISTED else ""
    return f"row{'s' if len(numbers) > 1 else ''} {shown}{more}"


def _oriented(rows):
    """Each judgement as (low key, high key, relation, direction relative to low -> high)."""
    swap = rows["key_a"].to_numpy() > rows["key_b"].to_numpy()
    low = np.where(swap, rows["key_b"], rows["key_a"])
    high = np.where(swap, rows["key_a"], rows["key_b"])
    subordinate = rows["relation"].to_numpy() == SUBORDINATE
    direction = np.where(subordinate, np.where(swap, B_IN_A, A_IN_B), "")
    return pd.DataFrame(
        {"low": low, "high": high, "relation": rows["relation"].to_numpy(), "direction": direction,
         "row": rows["row"].to_numpy(), "note": rows["note"].to_numpy()},
        index=rows.index,
    )


def _conflicts(rows):
    """Messages for pairs given more than one distinct (relation, direction)."""
    if rows.empty:
        return []
    oriented = _oriented(rows)
    oriented["judgement"] = oriented["relation"] + ":" + oriented["direction"]
    variants = oriented.groupby(["low", "high"])["judgement"].nunique()
    clashing = variants[variants > 1]
    messages = []
    for low, high in clashing.index:
        group = oriented[(oriented["low"] == low) & (oriented["high"] == high)]
        members = rows.loc[group.index]
        described = "; ".join(
            f"row {r.row}: {r.industry_a} {r.relation} {r.industry_b}" for r in members.itertuples()
        )
        messages.append(f"the pair {low!r} / {high!r} is related in different ways ({described})")
    return messages


def _build_lookup(rows):
    """Both orientations of every judgement, keyed by (key_a, key_b); duplicate notes merged."""
    columns = ["key_a", "key_b", "relation", "direction", "note"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    oriented = _oriented(rows)
    merged = (
        oriented.groupby(["low", "high", "relation", "direction"], sort=False)["note"]
        .agg(lambda notes: " | ".join(dict.fromkeys(n for n in notes if n)))
        .reset_index()
    )
    forward = pd.DataFrame(
        {"key_a": merged["low"], "key_b": merged["high"], "relation": merged["relation"],
         "direction": merged["direction"], "note": merged["note"]}
    )
    flipped_direction = merged["direction"].map({A_IN_B: B_IN_A, B_IN_A: A_IN_B, "": ""})
    backward = pd.DataFrame(
        {"key_a": merged["high"], "key_b": merged["low"], "relation": merged["relation"],
         "direction": flipped_direction, "note": merged["note"]}
    )
    lookup = pd.concat([forward, backward], ignore_index=True)
    # A self-pair (identical) appears in both orientations: keep it once.
    return lookup.drop_duplicates(subset=["key_a", "key_b"]).reset_index(drop=True)


def load_bundled_relations():
    """The relation table shipped with the plugin (the paper's judgements, Tables 3 and 4)."""
    return RelationTable.from_csv(BUNDLED_RELATIONS_PATH)


def auto_relate_mode(auto_relate):
    """The mode name for ``auto_relate``: a name of :data:`AUTO_RELATE_MODES` or its index.

    Names are compared without case, spaces, and with ``_`` read as ``+``
    (``"Taxonomy_Names"`` is ``"taxonomy+names"``).
    """
    if isinstance(auto_relate, (int, np.integer)) and not isinstance(auto_relate, (bool, np.bool_)):
        if 0 <= int(auto_relate) < len(AUTO_RELATE_MODES):
            return AUTO_RELATE_MODES[int(auto_relate)]
    elif isinstance(auto_relate, str):
        mode = auto_relate.strip().casefold().replace(" ", "").replace("_", "+")
        if mode in AUTO_RELATE_MODES:
            return mode
    raise BadValueError(
        f"unknown mode {auto_relate!r}; available: "
        + ", ".join(f"{i} {m}" for i, m in enumerate(AUTO_RELATE_MODES)) + ".",
        role="auto_relate", values=[repr(auto_relate)],
    )


def build_relator(relations=None, auto_relate="none", taxonomy=None):
    """The relator the tools use (see the module docstring for the order of the rules).

    ``relations``: None for the bundled table; a :class:`RelationTable`; a DataFrame or a CSV
    path (validated here); or any :class:`Relator`, used as the table. ``auto_relate``: one of
    :data:`AUTO_RELATE_MODES` (or its index). ``taxonomy``: the :class:`.taxonomy.Taxonomy`
    the automatic modes use (None: the bundled one).
    """
    mode = auto_relate_mode(auto_relate)
    if relations is None:
        table = load_bundled_relations()
    elif isinstance(relations, Relator):
        table = relations
    elif isinstance(relations, pd.DataFrame):
        table = RelationTable.from_frame(relations)
    elif isinstance(relations, (str, os.PathLike)):
        table = RelationTable.from_csv(relations)
    else:
        raise BadValueError(
            f"expected a relation table, a DataFrame or a CSV path, got {type(relations).__name__}.", role="relations")
    if mode == AUTO_RELATE_NONE:
        return ChainRelator([table, SameNameRelator()])
    vocabulary = taxonomy if taxonomy is not None else load_bundled_taxonomy()
    taxonomy_relator = TaxonomyRelator(vocabulary)
    chain = [TableCheckedAgainstTaxonomy(table, taxonomy_relator), SameNameRelator(), taxonomy_relator]
    if mode == AUTO_RELATE_TAXONOMY_NAMES:
        chain.append(NameRelator(vocabulary))
    return ChainRelator(chain)


def table_overrides(relator):
    """Distinct pairs on which the relation table overrode the taxonomy, as a DataFrame.

    Columns :data:`OVERRIDE_COLUMNS` (industries as keys). Collected by the relator while it
    decides pairs, so: the pairs of the runs it served; empty when it checks no table
    against a taxonomy (AUTO_RELATE ``none``).
    """
    relators = relator.relators if isinstance(relator, ChainRelator) else [relator]
    for member in relators:
        if hasattr(member, "overrides"):
            return member.overrides()
    return pd.DataFrame(columns=list(OVERRIDE_COLUMNS))


def relate_keys(relator, keys_a, keys_b):
    """Relations for aligned arrays of industry keys, deciding each distinct pair once.

    Pairs with an empty key get no relation. Returns a frame aligned with the inputs
    (RangeIndex) with the columns :data:`RELATE_COLUMNS`.
    """
    keys_a = np.asarray(keys_a, dtype=object)
    keys_b = np.asarray(keys_b, dtype=object)
    pairs = pd.DataFrame({"industry_a": keys_a, "industry_b": keys_b})
    distinct = pairs.drop_duplicates().reset_index(drop=True)
    usable = distinct[(distinct["industry_a"] != "") & (distinct["industry_b"] != "")]
    decided = undecided(distinct.index)
    if len(usable):
        decided.loc[usable.index] = relator.relate(usable)
    decided = pd.concat([distinct, decided], axis=1)
    aligned = pairs.merge(decided, how="left", on=["industry_a", "industry_b"])
    return aligned[list(RELATE_COLUMNS)]
