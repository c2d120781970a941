"""Common English words one edit from a word (a transposition counts as one edit).

The spelling check asks which common word a typo was meant to be, the context check
which common words a real word could be a slip for. Both look the answer up in one
index of the common words under each of their one-letter deletions (built once per
process): two words one edit apart always share such a deletion, so a handful of
look-ups replaces trying every letter at every position.

>>> sorted(one_edit_away("militray"))
['military']
>>> sorted(w for w in one_edit_away("strife") if len(w) > 5)
['stride', 'strike', 'stripe', 'strive']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz.distance import OSA

from audit.vocabulary import word_frequencies

COMMON = 500  # count in the bundled English list that makes a word common (a safe suggestion)


def deletion_index(words: Iterable[str]) -> dict[str, list[str]]:
    """``words`` under each of their one-letter deletions and under themselves.

    >>> deletion_index(["cat", "cart"])["cat"]
    ['cat', 'cart']
    """
    index: dict[str, list[str]] = defaultdict(list)
    for word in words:
        for key in deletions(word):
            index[key].append(word)
    return dict(index)


@lru_cache(maxsize=1)
def _deletion_index() -> dict[str, tuple[str, ...]]:
    """:func:`deletion_index` of the common words."""
    common = deletion_index(word for word, number in word_frequencies().items() if number >= COMMON)
    return {k: tuple(v) for k, v in common.items()}


def deletions(word: str) -> set[str]:
    """The word and every string one deletion from it."""
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


def one_edit_away(word: str) -> set[str]:
    """The common words exactly one insertion, deletion, substitution or swap of
    neighbouring letters from ``word`` (lower case)."""
    index = _deletion_index()
    near = {w for key in deletions(word) for w in index.get(key, ())}  # a word shares several keys: measured once
    near.discard(word)
    return {w for w in near if OSA.distance(w, word) == 1}
