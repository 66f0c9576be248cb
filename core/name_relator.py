"""The name rule (``basis`` ``names``): similarity of industry names, for terms the taxonomy does not know.

The similarity of two names is the mean of the Dice coefficients of their character sets and
of their character-bigram sets, computed on :func:`.industry_names.match_parts`. At least
:data:`NAME_IDENTICAL` is identical, at least :data:`NAME_SIMILAR` similar; the score is the
similarity. Many pairs are compared at once with numpy (:func:`dice_of_pairs`).
"""
import numpy as np
import pandas as pd

from .industry_names import cut_long_name, gram_sets, match_parts
from .relation_base import BASIS_NAMES, IDENTICAL, SIMILAR, Relator, undecided

#: Name-similarity thresholds of the name rule.
NAME_IDENTICAL = 0.9
NAME_SIMILAR = 0.5


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
            found = self._grams[key] = gram_sets(match_parts(cut_long_name(key)[0]))
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
        character_dice = dice_of_pairs([g[0] for g in grams], index_a, index_b)
        bigram_dice = dice_of_pairs([g[1] for g in grams], index_a, index_b)
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
        result = undecided(pairs.index)
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
            weight = (np.bincount(left_key, weights=per_gram[left_gram], minlength=len(keys_a)) if len(left_key)
                      else np.zeros(len(keys_a)))
            block_of_key = np.floor(np.cumsum(weight) / self.BLOCK_ROWS).astype(np.int64)
            for block in np.unique(block_of_key[left_key]) if len(left_key) else []:
                in_block = block_of_key[left_key] == block
                joined = pd.DataFrame({"a": left_key[in_block], "gram": left_gram[in_block]}).merge(right, on="gram")
                if joined.empty:
                    continue
                pair_code = np.unique(
                    joined["a"].to_numpy(dtype=np.int64) * len(keys_b) + joined["b"].to_numpy(dtype=np.int64))
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


def dice_of_pairs(sets, index_a, index_b):
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
    sizes = (np.bincount(np.asarray(owner, dtype=np.int64), minlength=len(sets)) if owner
             else np.zeros(len(sets), np.int64))
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

