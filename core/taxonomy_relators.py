"""The taxonomy as relators: its verdict on pairs, and the relation table checked against it."""
import pandas as pd

from .relation_base import MATCH_CLASS, OVERRIDE_COLUMNS, SUBORDINATE, Relator
from .taxonomy import load_bundled_taxonomy


class TaxonomyRelator(Relator):
    """The taxonomy rule (``basis`` ``taxonomy``); see the module docstring."""

    def __init__(self, taxonomy=None):
        self.taxonomy = taxonomy if taxonomy is not None else load_bundled_taxonomy()
        self.description = (
            "the industry taxonomy (GB/T 4754-2017 codes and their names, keyword vocabulary, chain links and "
            "published groupings): same code identical, one inside the other subordinate, same division, chain "
            "link or published group similar"
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
        table_class = result.loc[chosen.index, "relation"].map(MATCH_CLASS)
        differs = verdict["relation"].notna() & (verdict["relation"].map(MATCH_CLASS) != table_class)
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


