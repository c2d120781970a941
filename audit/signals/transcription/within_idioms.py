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
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import compress
from operator import itemgetter
from typing import TypeVar

import numpy as np
from rapidfuzz.distance import Levenshtein

from audit.signals.transcription.within_forms import PRONOUN_SLOT, form_key, inflect_like, is_past_form, read_lexicon
from audit.signals.transcription.within_tokens import FACTS, answers, question
from audit.vocabulary import word_frequencies

# words too common to identify an idiom on their own; never the open slot either
FUNCTION_WORDS = frozenset(
    "a an the of in on at to for by with from into onto over under out up down off about as and or but "
    "is be it its this that all no not one two own was were are been being has have had do does did will would "
    "can could should may might must".split()
)
ARTICLES = frozenset({"a", "an", "the", PRONOUN_SLOT})
SINGLE_ANCHOR_BITS = 4.0  # most a single matched word can tell, however rare
MAX_RARITY = 12.0  # unknown and very rare words: capped, a rare anchor is not proof on its own
# evidence weights, in bits (set on the benchmark's dev split)
MIN_EVIDENCE = 9.0
LOOK_ALIKE_BITS = 6.0  # the changed word looks like the idiom's word ("lagged"/"led")
PREFERENCE_BITS = 2.5  # per bit of preference of news text for the idiom's word in this place
SEEN_ONCE_BITS = 4.0  # news text used the changed word here once
MIN_FRAME_USES = 3  # fewer uses of a frame say nothing about its preference
MIN_OPEN_WORDS = 3  # an idiom of two words, one changed, is one word: no frame to recognise


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
            if _can_open(word) and len(words) >= MIN_OPEN_WORDS:
                by_gap[keys[:slot] + (None,) + keys[slot + 1:]].append((idiom, slot))
    vocabulary = frozenset(key for keys in exact for key in keys)
    return dict(by_gap), frozenset(exact), sorted({len(k) for k in exact}), vocabulary


def _can_open(word: str) -> bool:
    return word != PRONOUN_SLOT and word not in FUNCTION_WORDS and len(word) > 2 and word.isalpha()


@lru_cache(maxsize=65536)
def rarity(word: str) -> float:
    """Bits of surprise of a word in the bundled frequency list, less 10 (a common word scores 0)."""
    frequencies = word_frequencies()
    count = frequencies.get(word.lower(), 0)
    return MAX_RARITY if count == 0 else min(MAX_RARITY, max(0.0, math.log2(_total() / count) - 10.0))


@lru_cache(maxsize=1)
def _total() -> int:
    return sum(word_frequencies().values())


@lru_cache(maxsize=2)
def _pairs(promising_only: bool = False) -> tuple[dict[tuple[str, str], frozenset[int]], ...]:
    """Two fixed keys every open-slot entry has among its first three words, by where its
    gap is: (second, third) -> idiom lengths with the gap first, (first, third) -> lengths
    with the gap second, (first, second) -> lengths with the gap later. A window matches no
    entry unless one of its three pairs is listed, so a few look-ups per token find every
    window worth trying. With ``promising_only``, of the :func:`_promising` entries only."""
    pairs: tuple[dict[tuple[str, str], set[int]], ...] = (defaultdict(set), defaultdict(set), defaultdict(set))
    for gap_key in _promising() if promising_only else _index()[0]:
        gap = gap_key.index(None)
        one, two = [key for key in gap_key[:3] if key is not None][:2]
        pairs[min(gap, 2)][(one, two)].add(len(gap_key))
    return tuple({k: frozenset(v) for k, v in table.items()} for table in pairs)


@lru_cache(maxsize=1)
def _promising() -> dict[tuple, tuple[list[tuple[Idiom, int]], list[tuple[Idiom, int]]]]:
    """Open-slot key -> (all its entries, those that could reach MIN_EVIDENCE), for the keys
    with at least one such entry. Most entries cannot, whatever word fills the slot (a
    frame of common words that takes any word: "in the ___ of"), and most windows that
    match an entry match only those: they need no judging."""
    out = {}
    for gap_key, entries in _index()[0].items():
        promising = [(idiom, slot) for idiom, slot in entries if _evidence_bits(idiom, slot, True, 0) >= MIN_EVIDENCE]
        if promising:
            out[gap_key] = (entries, promising)
    return out


_NONE: frozenset[int] = frozenset()
OpenSlots = dict[int, list[frozenset[int]]]  # first token -> idiom lengths by open slot (0, 1, later)
Entries = TypeVar("Entries")


def open_slot_matches(keys: list[str], include_exact: bool = False
                      ) -> Iterator[tuple[int, int, int, list[tuple[Idiom, int]]]]:
    """Windows of form keys that match an idiom but for one open slot: (first, size, slot, idioms),
    by idiom length, then place.

    With ``include_exact`` a window that is itself an idiom is given too (to count usage).

    >>> [(first, size, slot) for first, size, slot, _ in open_slot_matches(token_keys("he lagged the charge".split()))]
    [(1, 3, 0)]
    """
    open_at = _open_slots(keys, _pairs())
    windows = sorted((size, first) for first, sizes in open_at.items() for size in frozenset().union(*sizes)
                     if first + size <= len(keys))  # fmt: skip
    yield from _matches(keys, open_at, windows, _index()[0], include_exact)


def _open_slots(keys: list[str], tables: tuple[dict[tuple[str, str], frozenset[int]], ...],
                roles: np.ndarray | None = None) -> OpenSlots:
    """Where a window may match an entry of ``tables`` (see :func:`_pairs`): one look-up per
    token and table, all in C (``map``/``compress``); most tokens start no window. With
    ``roles`` (each key's :func:`_roles` in these tables) only the pairs whose first key begins
    a pair of the table and whose second ends one are looked up (about one in twenty)."""
    open_at: OpenSlots = {}
    for which, (table, (one, two)) in enumerate(zip(tables, _PAIR_PLACES)):
        size = len(keys) - max(one, two)
        if size <= 0:
            continue
        if roles is None:
            hits = list(map(table.get, zip(keys[one:one + size], keys[two:two + size])))
            firsts = compress(range(size), hits)
        else:
            begins, ends = 1 << 2 * which, 2 << 2 * which
            pairs = ((roles[one:one + size] & begins) > 0) & ((roles[two:two + size] & ends) > 0)
            hits = dict.fromkeys(np.flatnonzero(pairs).tolist())
            for first in hits:
                hits[first] = table.get((keys[first + one], keys[first + two]))
            firsts = compress(hits, hits.values())
        for first in firsts:
            open_at.setdefault(first, [_NONE, _NONE, _NONE])[which] = hits[first]
    return open_at


_PAIR_PLACES = ((1, 2), (0, 2), (0, 1))  # where in a window each table's pair of keys sits, as _pairs lists them


@lru_cache(maxsize=1)
def _pair_ends() -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """For each table of ``_pairs(promising_only=True)``: the keys that begin one of its pairs, and those that end one."""
    return tuple((frozenset(one for one, _ in table), frozenset(two for _, two in table)) for table in _pairs(True))


def _roles(key: str) -> int:
    """Bit ``2 k``: ``key`` begins a pair of promising table ``k``; bit ``2 k + 1``: it ends one."""
    return sum((key in begins) << 2 * k | (key in ends) << 2 * k + 1 for k, (begins, ends) in enumerate(_pair_ends()))


def _windows_by_run(open_at: OpenSlots, runs: Sequence[tuple[int, int]]) -> Iterator[tuple[int, list[tuple[int, int]]]]:
    """(first token of the run, its windows as sorted (size, first)) for each run of ``runs``
    (sorted, not overlapping) that holds a window; a window never crosses a run's end."""
    runs = [run for run in runs if run[1] > run[0]]
    run_starts = [lo for lo, _ in runs]
    by_run: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for first, sizes in open_at.items():
        at = bisect_right(run_starts, first) - 1
        if at >= 0 and first < runs[at][1]:
            by_run[at].extend((size, first) for size in frozenset().union(*sizes) if first + size <= runs[at][1])
    for at in sorted(by_run):
        yield runs[at][0], sorted(by_run[at])


def _matches(keys: list[str], open_at: OpenSlots, windows: list[tuple[int, int]], by_gap: Mapping[tuple, Entries],
             include_exact: bool) -> Iterator[tuple[int, int, int, Entries]]:
    """Of ``windows`` ((size, first), in order), those that match a key of ``by_gap`` but
    for one open slot: (first, size, slot, ``by_gap`` value)."""
    _, exact, _, vocabulary = _index()
    for size, first in windows:
        window = tuple(keys[first:first + size])
        unknown = [at for at, key in enumerate(window) if key not in vocabulary]
        if len(unknown) > 1:
            continue  # a window may hold one word no idiom contains, in its open slot
        if window in exact and not include_exact:
            continue
        for slot in unknown or range(size):
            if size in open_at[first][min(slot, 2)]:
                entries = by_gap.get(window[:slot] + (None,) + window[slot + 1:])
                if entries:
                    yield first, size, slot, entries


def idiom_covering(words: list[str], first: int, last: int) -> Idiom | None:
    """A listed idiom (in any inflection) that ``words`` spell out over a window covering ``words[first:last]``.

    >>> idiom_covering("they led the charge today".split(), 1, 2).text
    'led the charge'
    >>> idiom_covering("they led the assault today".split(), 1, 2) is None
    True
    """
    _, exact, lengths, _ = _index()
    for size in reversed(lengths):
        for start in range(max(0, last - size), min(first, len(words) - size) + 1):
            keys = tuple(token_keys(words[start:start + size]))
            if keys in exact:
                return Idiom(tuple(words[start:start + size]), keys)
    return None


def token_keys(words: list[str]) -> list[str]:
    """Form keys of tokens; punctuation gets a key no idiom has."""
    return answers(words, IDIOM_KEY)


IDIOM_KEY = question(lambda w: form_key(w) if w[:1].isalnum() else "\0")  # a token record's form key
IDIOM_ROLES = question(lambda w: _roles(form_key(w)) if w[:1].isalnum() else 0)  # and its :func:`_roles`


def near_misses(words: list[str], runs: Sequence[tuple[int, int]] | None = None) -> list[NearMiss]:
    """Idiom near-misses in runs of tokens (sentences, as ``(first, end)`` token index ranges;
    by default all of ``words`` is one run); overlapping ones keep the best, within a run.
    Indices are into ``words``: the article's tokens are keyed and looked up once, not per sentence."""
    records = list(map(FACTS.__getitem__, words))
    keys = list(map(itemgetter(IDIOM_KEY), records))
    roles = np.fromiter(map(itemgetter(IDIOM_ROLES), records), dtype=np.int64, count=len(records))
    open_at = _open_slots(keys, _pairs(promising_only=True), roles)
    found: list[NearMiss] = []
    for opening, windows in _windows_by_run(open_at, [(0, len(words))] if runs is None else runs):
        here: list[NearMiss] = []
        for first, size, slot, (entries, promising) in _matches(keys, open_at, windows, _promising(), False):
            here.extend(_judge(words, first, size, slot, entries, promising, first + slot == opening))
        found.extend(_best_per_place(here))
    return found


def _judge(words: list[str], first: int, size: int, slot: int, entries: list[tuple[Idiom, int]],
           promising: list[tuple[Idiom, int]], opens_run: bool) -> list[NearMiss]:
    token = words[first + slot]
    if not token.isalpha() or token.lower() in FUNCTION_WORDS or (token[:1].isupper() and not opens_run):
        return []  # a name, a number or a function word in the open slot: not a changed idiom word
    if slot > 0 and _verb_form(token) and not any(_verb_form(entry.words[slot]) for entry, _ in entries):
        return []  # "a firm headed": a verb form where the idiom has a noun is another construction
    out = []
    for idiom, _ in promising:
        evidence = _evidence(idiom, slot, token)
        if evidence is None or evidence < MIN_EVIDENCE:
            continue
        replacement = _replacement(idiom, slot, token)
        confidence = min(0.95, 0.3 + 0.035 * evidence)
        suggestion = " ".join(words[first:first + slot] + [replacement] + words[first + slot + 1:first + size])
        out.append(NearMiss(first, first + size - 1, first + slot, token, idiom.words[slot], idiom, suggestion,
                            round(confidence, 2)))  # fmt: skip
    return out


def _evidence(idiom: Idiom, slot: int, token: str) -> float | None:
    """Bits of evidence that ``token`` replaced the idiom's word; None when news text uses it there.

    Three parts: how rare the matched words are (a specific frame), whether the token
    looks like the idiom's word, and how strongly news text prefers the idiom's word in
    this frame (``audit/data/idiom_frames.tsv``).
    """
    fillers = idiom_frames().get((idiom.text, slot), {})
    seen = fillers.get(form_key(token), 0)
    if seen >= 2:
        return None  # an ordinary phrase of news text ("denied the charge")
    return _evidence_bits(idiom, slot, _look_alike(token.lower(), _replacement(idiom, slot, token).lower()), seen)


def _evidence_bits(idiom: Idiom, slot: int, alike: bool, seen: int) -> float:
    """The sum of :func:`_evidence`; with ``alike`` and no ``seen`` the most any token can get."""
    return _anchor_bits(idiom, slot) + LOOK_ALIKE_BITS * alike + PREFERENCE_BITS * _closed_frame_bits(idiom, slot) \
        - SEEN_ONCE_BITS * seen


@lru_cache(maxsize=8192)
def _anchor_bits(idiom: Idiom, slot: int) -> float:
    """How specific the idiom's words other than ``slot`` are: the sum of their rarity."""
    anchors = sum(rarity(w) for i, w in enumerate(idiom.words) if i != slot and _can_open(w))
    if sum(w not in ARTICLES for i, w in enumerate(idiom.words) if i != slot) < 2:
        anchors = min(anchors, SINGLE_ANCHOR_BITS)  # "___ a ceasefire": one word leaves the place open
    return anchors


@lru_cache(maxsize=8192)
def _closed_frame_bits(idiom: Idiom, slot: int) -> float:
    """How much likelier news text puts the idiom's word in this place than any word it
    never put there: log2(share of the idiom word / share of words seen there once), the
    latter a Good-Turing estimate of meeting a new word. An open frame ("in the ___ of")
    takes new words all the time and gives nothing."""
    fillers = idiom_frames().get((idiom.text, slot), {})
    total, expected = sum(fillers.values()), idiom.keys[slot]
    if total < MIN_FRAME_USES or not fillers.get(expected):
        return 0.0
    once = sum(1 for n in fillers.values() if n == 1)
    return max(0.0, math.log2((fillers.get(expected, 0) / total) / ((once + 1) / (total + 2))))


@lru_cache(maxsize=1)
def idiom_frames() -> dict[tuple[str, int], dict[str, int]]:
    """(idiom, open word index) -> {filler form key: count in news text} (derived file; may be absent)."""
    path = resources.files("audit").joinpath("data", "idiom_frames.tsv")
    frames: dict[tuple[str, int], dict[str, int]] = defaultdict(dict)
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                idiom, slot, filler, number = line.split("\t")
                frames[(idiom, int(slot))][filler] = int(number)
    return dict(frames)


def _verb_form(word: str) -> bool:
    low = word.lower()
    return is_past_form(low) or (low.endswith("ing") and len(low) > 5)


def _replacement(idiom: Idiom, slot: int, token: str) -> str:
    """The idiom's word, inflected like the found one when it is the idiom's leading verb."""
    word = idiom.words[slot]
    return inflect_like(word, token) if slot == 0 else (word.capitalize() if token[:1].isupper() else word)


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

