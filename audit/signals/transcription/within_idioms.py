"""Near-miss fixed expressions: an idiom from the project's list with one word changed.

Every idiom of the list (``audit/lexicons/idioms.txt``) is indexed once per content word
with that word left open, so "throw down the gauntlet" is found behind "laid down the
gauntlet" by a dictionary look-up per window of text, not a scan of the list. A
candidate is kept when the words that did match are specific enough to identify the
idiom (the rarer the anchors, the surer the match: "down the gauntlet" says more than
"the charge") or when the changed word looks or sounds like the idiom's word; a window
that is itself a listed expression is never flagged.

>>> [(m.found, m.expected, m.suggestion) for m in near_misses(["He", "lagged", "the", "charge", "."])]
[('lagged', 'lead', 'led the charge')]
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from audit.signals.transcription.within_forms import PRONOUN_SLOT, form_key, inflect_like, read_lexicon
from audit.vocabulary import word_frequencies

# words too common to identify an idiom on their own; never the open slot either
FUNCTION_WORDS = frozenset(
    "a an the of in on at to for by with from into onto over under out up down off about as and or but "
    "is be it its this that all no not one two own".split()
)
MIN_ANCHOR_WEIGHT = 9.0  # summed rarity of the matched content words, in bits (tuned on the dev split)
LOOK_ALIKE_WEIGHT = 3.0  # a look-alike substitution needs less context


@dataclass(frozen=True, slots=True)
class Idiom:
    words: tuple[str, ...]  # as written in the list
    keys: tuple[str, ...]  # form keys

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True, slots=True)
class NearMiss:
    first: int  # index of the window's first token
    last: int  # index of the window's last token (inclusive)
    slot: int  # index of the changed token
    found: str
    expected: str  # the idiom's word, as listed
    idiom: Idiom
    suggestion: str  # the window rewritten with the idiom's word, inflected like the found word
    confidence: float


@lru_cache(maxsize=1)
def _index() -> tuple[dict[tuple, list[tuple[Idiom, int]]], frozenset[tuple[str, ...]], list[int], frozenset[str]]:
    """(open-slot key -> [(idiom, slot)], exact keys of all idioms, idiom lengths, all idiom word keys)."""
    by_gap: dict[tuple, list[tuple[Idiom, int]]] = defaultdict(list)
    exact: set[tuple[str, ...]] = set()
    for line in read_lexicon("idioms.txt"):
        words = tuple(line.split())
        keys = tuple(PRONOUN_SLOT if w == PRONOUN_SLOT else form_key(w) for w in words)
        idiom = Idiom(words, keys)
        exact.add(keys)
        for slot, word in enumerate(words):
            if _can_open(word):
                by_gap[keys[:slot] + (None,) + keys[slot + 1:]].append((idiom, slot))
    vocabulary = frozenset(key for keys in exact for key in keys)
    return dict(by_gap), frozenset(exact), sorted({len(k) for k in exact}), vocabulary


def _can_open(word: str) -> bool:
    return word != PRONOUN_SLOT and word not in FUNCTION_WORDS and len(word) > 2 and word.isalpha()


@lru_cache(maxsize=65536)
def rarity(word: str) -> float:
    """Bits of surprise of a word in the bundled frequency list (unknown words: 20)."""
    frequencies = word_frequencies()
    count = frequencies.get(word.lower(), 0)
    return 20.0 if count == 0 else min(20.0, math.log2(_total() / count) - 10.0)


@lru_cache(maxsize=1)
def _total() -> int:
    return sum(word_frequencies().values())


def near_misses(words: list[str]) -> list[NearMiss]:
    """Idiom near-misses in one run of tokens (a sentence); overlapping ones keep the best."""
    by_gap, exact, lengths, vocabulary = _index()
    keys = [form_key(w) if w[:1].isalnum() else "\0" for w in words]
    outside = [0]  # running count of tokens no idiom contains: a window may hold one at most
    for key in keys:
        outside.append(outside[-1] + (key not in vocabulary))
    found: list[NearMiss] = []
    for size in lengths:
        for first in range(0, len(words) - size + 1):
            misses = outside[first + size] - outside[first]
            if misses > 1:
                continue
            window = tuple(keys[first:first + size])
            if window in exact:
                continue
            slots = range(size) if misses == 0 else [next(i for i, k in enumerate(window) if k not in vocabulary)]
            for slot in slots:
                entries = by_gap.get(window[:slot] + (None,) + window[slot + 1:])
                if entries:
                    found.extend(_judge(words, first, size, slot, entries))
    return _best_per_place(found)


def _judge(words: list[str], first: int, size: int, slot: int, entries: list[tuple[Idiom, int]]) -> list[NearMiss]:
    token = words[first + slot]
    if not token.isalpha() or token.lower() in FUNCTION_WORDS or (token[:1].isupper() and first + slot > 0):
        return []  # a name, a number or a function word in the open slot: not a changed idiom word
    out = []
    for idiom, _ in entries:
        expected = idiom.words[slot]
        anchors = sum(rarity(w) for i, w in enumerate(idiom.words) if i != slot and _can_open(w))
        replacement = inflect_like(expected, token)
        alike = _look_alike(token.lower(), replacement.lower())
        needed = LOOK_ALIKE_WEIGHT if alike else MIN_ANCHOR_WEIGHT
        if anchors < needed:
            continue
        confidence = min(0.95, 0.45 + 0.03 * anchors + (0.15 if alike else 0.0))
        suggestion = " ".join(words[first:first + slot] + [replacement] + words[first + slot + 1:first + size])
        out.append(NearMiss(first, first + size - 1, first + slot, token, expected, idiom, suggestion, round(confidence, 2)))
    return out


def _look_alike(found: str, expected: str) -> bool:
    """Same first letter and at most a third of the letters changed ("lagged"/"led")."""
    if found[:1] != expected[:1]:
        return False
    return Levenshtein.normalized_distance(found, expected) <= 0.5


def _best_per_place(found: list[NearMiss]) -> list[NearMiss]:
    """Of overlapping candidates keep the surest, then the longest idiom."""
    kept: list[NearMiss] = []
    for miss in sorted(found, key=lambda m: (-m.confidence, m.first - m.last)):
        if all(miss.last < other.first or miss.first > other.last for other in kept):
            kept.append(miss)
    return sorted(kept, key=lambda m: m.first)

