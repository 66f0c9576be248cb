"""The vocabulary of relations and the relator protocol, shared by every rule.

Relation words, directions and ``basis`` values; :class:`Relator` (what every rule implements),
:func:`undecided` (the answer of a rule with no opinion), :class:`SameNameRelator` and
:class:`ChainRelator`. The relation table and :func:`.relations.build_relator` live in
:mod:`.relations`; the automatic rules in :mod:`.taxonomy_relators` and :mod:`.name_relator`.
This module imports none of them, so the rules and the table can both import it (no cycle).
"""
import numpy as np
import pandas as pd

from .frames import frame_with_object_columns

IDENTICAL = "identical"
SUBORDINATE = "subordinate"
SIMILAR = "similar"
NO_RELATION = "none"
RELATIONS = (IDENTICAL, SUBORDINATE, SIMILAR)
#: Relations that make a cluster *matched* (method.md section 5).
MATCHING_RELATIONS = frozenset({IDENTICAL, SUBORDINATE})
SYMMETRIC_RELATIONS = frozenset({IDENTICAL, SIMILAR})
RELATION_ALIASES = {"相同": IDENTICAL, "隶属": SUBORDINATE, "相近": SIMILAR, "无关": NO_RELATION, "不相关": NO_RELATION}
#: Words a relation table may hold: the relations and ``none`` (judged unrelated).
TABLE_RELATIONS = RELATIONS + (NO_RELATION,)

#: Direction of a subordinate relation: which side belongs to which ("" when symmetric).
A_IN_B = "a_in_b"
B_IN_A = "b_in_a"

#: Values of ``basis`` a relator writes.
BASIS_RELATIONS = "relations"
BASIS_SAME_NAME = "same_name"
BASIS_TAXONOMY = "taxonomy"
BASIS_NAMES = "names"

#: Columns of the frame a relator returns.
RELATE_COLUMNS = ("relation", "direction", "basis", "score", "note")

#: Columns of the record of the pairs on which a relation table overrode the taxonomy.
OVERRIDE_COLUMNS = ("industry_a", "industry_b", "table_relation", "taxonomy_relation", "taxonomy_note")
#: How a relation classes a cluster (method.md section 5), to tell contradictions from nuances.
MATCH_CLASS = {IDENTICAL: "matched", SUBORDINATE: "matched", SIMILAR: "similar", NO_RELATION: "none"}


def undecided(index):
    """The frame a relator returns for pairs it has no opinion on."""
    return pd.DataFrame(
        {
            "relation": pd.Series(None, index=index, dtype=object),
            "direction": pd.Series("", index=index, dtype=object),
            "basis": pd.Series("", index=index, dtype=object),
            "score": pd.Series(np.nan, index=index, dtype=float),
            "note": pd.Series("", index=index, dtype=object),
        }
    )


class Relator:
    """Decides relations of distinct industry pairs (the hook for automatic relations).

    Subclasses implement :meth:`relate`. ``pairs`` has columns ``industry_a`` and
    ``industry_b`` holding non-empty industry *keys* (see :mod:`.industry`), one row per
    distinct ordered pair. The result has the same index and the columns
    :data:`RELATE_COLUMNS`: ``relation`` (one of :data:`RELATIONS`; :data:`NO_RELATION` =
    judged unrelated, which ends the chain; None = no opinion: the next rule is asked),
    ``direction`` (:data:`A_IN_B`, :data:`B_IN_A` or ``""``), ``basis`` (the rule that
    decided), ``score`` (confidence in [0, 1]; 1.0 for a recorded judgement) and ``note``.
    """

    description = ""

    def relate(self, pairs):
        raise NotImplementedError

    def candidate_pairs(self, keys_a, keys_b):
        """The pairs of ``keys_a`` x ``keys_b`` this relator might relate, or None if any pair.

        A relator that knows its pairs in advance (a table) returns them as a DataFrame with
        columns ``industry_a``, ``industry_b``, so the matching need not ask about every pair of
        a large vocabulary. Automatic relators (name similarity) return None.
        """
        return None


class SameNameRelator(Relator):
    """Two industries whose keys are equal are identical (basis ``same_name``, score 1)."""

    description = "names equal after normalisation are identical"

    def relate(self, pairs):
        result = undecided(pairs.index)
        same = (pairs["industry_a"].to_numpy() == pairs["industry_b"].to_numpy()) & (
            pairs["industry_a"].to_numpy() != ""
        )
        result.loc[same, "relation"] = IDENTICAL
        result.loc[same, "basis"] = BASIS_SAME_NAME
        result.loc[same, "score"] = 1.0
        return result

    def candidate_pairs(self, keys_a, keys_b):
        shared = pd.Index(pd.unique(np.asarray(keys_a, dtype=object))).intersection(
            pd.Index(pd.unique(np.asarray(keys_b, dtype=object)))
        )
        shared = shared[shared != ""]
        shared = np.asarray(shared, dtype=object)
        return pd.DataFrame({"industry_a": shared, "industry_b": shared.copy()})


class ChainRelator(Relator):
    """Asks each relator in turn; the first with an opinion on a pair decides it."""

    def __init__(self, relators):
        self.relators = list(relators)
        self.description = "; then ".join(r.description for r in self.relators if r.description)

    def relate(self, pairs):
        result = undecided(pairs.index)
        columns = {column: result[column].to_numpy().copy() for column in RELATE_COLUMNS}
        open_rows = np.arange(len(pairs))
        for relator in self.relators:
            if not len(open_rows):
                break
            # Positional bookkeeping: each relator answers for the rows still open, in order.
            asked = pairs.iloc[open_rows]
            answer = relator.relate(asked)
            if not answer.index.equals(asked.index):
                answer = answer.reindex(asked.index)
            decided = answer["relation"].notna().to_numpy()
            chosen = open_rows[decided]
            for column in RELATE_COLUMNS:
                columns[column][chosen] = answer[column].to_numpy()[decided]
            open_rows = open_rows[~decided]
        return frame_with_object_columns(columns, index=pairs.index)

    def candidate_pairs(self, keys_a, keys_b):
        found = []
        for relator in self.relators:
            pairs = relator.candidate_pairs(keys_a, keys_b)
            if pairs is None:
                return None
            found.append(pairs[["industry_a", "industry_b"]])
        if not found:
            return pd.DataFrame({"industry_a": pd.Series([], dtype=object), "industry_b": pd.Series([], dtype=object)})
        return pd.concat(found, ignore_index=True).drop_duplicates().reset_index(drop=True)


