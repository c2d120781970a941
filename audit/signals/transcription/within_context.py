"""Real words that do not fit their context: "armed horses" where news says "armed forces".

A spell checker cannot see a typo that makes another real word. This check asks the
news text itself: for a word whose neighbours news text never puts beside it, each
confusable alternative (a common word one edit away, or one pronounced the same) is
scored by how well it fits the same neighbours, from word-pair counts of public news
text (``audit/data/word_pairs.npz``, built by ``evaluation/build_transcription_data.py``).
Only a word that news text never writes beside one of its neighbours is looked at.
The score is a noisy-channel comparison in bits::

    fit(x) = log2 P(left, x, right) ≈ log2 n(left x) + log2 n(x right) - log2 n(x)

with unseen pairs smoothed toward what chance would give. A word is flagged when an
alternative fits better by at least ``MIN_BITS`` and news text really uses that
alternative beside these neighbours; the alternative is the suggestion. Without the
derived file the check finds nothing.

>>> [(m.text, m.suggestion) for m in misfits("They were killed in an air strife on the town .".split())]
[('strife', 'strike')]
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from importlib import resources
from operator import itemgetter

import numpy as np

from audit.memo import WordMemo
from audit.signals.transcription.within_edits import one_edit_away
from audit.signals.transcription.within_forms import form_key
from audit.signals.transcription.within_tokens import FACTS, question
from audit.vocabulary import word_frequencies

MIN_LENGTH = 3
SMOOTHING = 0.5  # share of the chance co-occurrence an unseen pair is credited with
MIN_ATTESTED = 3  # the alternative must be seen this often beside these neighbours
# evidence, in bits, for a finding and for a sure one (set on the benchmark's dev split)
MIN_BITS = 16.0  # about 1 false alarm per 40,000 words of clean news
SURE_BITS = 18.0  # from here a finding is an error, below it a "check this"
BOUND_SLACK = 1e-6  # bits: a bound is kept even when rounding puts it a hair below what it bounds
# British and American spellings of one word are not confusions ("honour"/"honor")
SPELLING_VARIANTS = (("our", "or"), ("ise", "ize"), ("yse", "yze"), ("tre", "ter"), ("ll", "l"), ("ence", "ense"),
                     ("dgement", "dgment"))


@dataclass(frozen=True, slots=True)
class Misfit:
    index: int  # token index
    text: str
    suggestion: str
    bits: float  # how much better the suggestion fits, in bits
    confidence: float
    evidence: str  # the pair counts behind the decision, for a reader


def token_key(text: str) -> str:
    """The form a token is counted under: lower case, typographic apostrophe made plain."""
    return text.lower().replace("’", "'")


def unique_sorted(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)`` of a small array of numbers, by sorting: numpy 2's ``np.unique``
    hashes first and takes ~15 times as long on a few hundred values.

    >>> unique_sorted(np.array([3, 1, 3, 2])).tolist()
    [1, 2, 3]
    """
    ordered = np.sort(values)
    first = np.empty(len(ordered), dtype=bool)
    first[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return ordered[first]


def pair_key(left: int, right: int) -> int:
    """One 32-bit key for a pair of word ids (ids fit 16 bits)."""
    return (left << 16) | right


@dataclass(frozen=True, eq=False)
class PairCounts:
    """Word and word-pair counts of news text, and sound-alike sets (read-only, shared)."""

    ids: dict[str, int]
    word_counts: np.ndarray
    slots: np.ndarray  # pair keys by hash bucket (one row each, EMPTY where none): see _buckets
    slot_counts: np.ndarray  # the count of the pair in each slot
    total: int
    sound_alikes: dict[str, tuple[str, ...]]
    # per word id, the largest count of a pair with the word on the left / on the right (an id of -1,
    # an unknown word, reads the last place: 0), so a pair's count has a bound without a look-up
    most_as_left: np.ndarray
    most_as_right: np.ndarray
    most_uses: float  # the largest word count
    pairs_within_words: bool  # no pair is counted more often than either of its words

    def count(self, word: str) -> float:
        """How often news text uses a word; a word it lacks gets its share of the English list."""
        return _count(self, word)

    def pairs(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Counts of the pairs (left[i], right[i]) of word ids; an id of -1 (unknown word) counts 0.

        Each key is looked for in the one row of its hash bucket: a row or two of memory per
        key, where a binary search of the sorted keys reads some fifteen far-apart places (the
        table is seldom in the processor's cache between one article and the next)."""
        keys = (left << 16) | right
        bucket = _bucket(keys)
        wanted = np.where(keys >= 0, keys, NO_KEY).astype(np.uint32)  # a key with an unknown word's id is negative
        match = self.slots[bucket] == wanted[:, None]
        column = match.argmax(axis=1)
        found = match[np.arange(len(keys)), column]
        return np.where(found, self.slot_counts[bucket, column], 0).astype(np.int64)

    def pair(self, left: str, right: str) -> int:
        a, b = self.ids.get(left, -1), self.ids.get(right, -1)
        return int(self.pairs(np.array([a]), np.array([b]))[0]) if a >= 0 and b >= 0 else 0


@lru_cache(maxsize=1)
def pair_counts() -> PairCounts | None:
    """The derived word-pair file, loaded once (None when the package lacks it)."""
    path = resources.files("audit").joinpath("data", "word_pairs.npz")
    if not path.is_file():
        return None
    with path.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
        words = data["words"].tolist()
        sound_alikes: dict[str, tuple[str, ...]] = {}
        for group in data["sound_alikes"].tolist():
            members = group.split("\t")
            for word in members:
                sound_alikes[word] = tuple(m for m in members if m != word)
        keys, pair_numbers = data["pair_keys"].astype(np.int64), data["pair_counts"]
        slots, slot_counts = _buckets(keys, pair_numbers)
        most_as_left, most_as_right = np.zeros((2, len(words) + 1), dtype=pair_numbers.dtype)
        np.maximum.at(most_as_left, keys >> 16, pair_numbers)
        np.maximum.at(most_as_right, keys & 0xFFFF, pair_numbers)
        word_counts = data["word_counts"]
        within_words = bool(np.all(pair_numbers <= np.minimum(word_counts[keys >> 16], word_counts[keys & 0xFFFF])))
        return PairCounts({w: i for i, w in enumerate(words)}, word_counts, slots, slot_counts, int(data["total"][0]),
                          sound_alikes, most_as_left, most_as_right, float(word_counts.max()), within_words)  # fmt: skip


BUCKET_BITS = 16  # 65,536 buckets for ~200,000 pairs: at most 13 in one (rows of 13 keys, 4.9 MiB in all)
EMPTY, NO_KEY = 0xFFFFFFFF, 0xFFFFFFFE  # no pair key (ids < 65,535) is either
_SPREAD = np.uint64(0x9E3779B97F4A7C15)  # an odd constant whose product spreads neighbouring keys apart


def _bucket(keys: np.ndarray) -> np.ndarray:
    """A pair key's hash bucket: the top BUCKET_BITS bits of its product with _SPREAD."""
    return ((keys.astype(np.uint64) * _SPREAD) >> np.uint64(64 - BUCKET_BITS)).astype(np.intp)


def _buckets(keys: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The keys laid out one row per bucket (EMPTY in unused places), and their counts likewise.

    >>> slots, slot_counts = _buckets(np.array([5, 70000]), np.array([2, 9], dtype=np.uint16))
    >>> sorted(slots[slots != EMPTY].tolist()), int(slot_counts.sum())
    ([5, 70000], 11)
    """
    bucket = _bucket(keys)
    order = np.argsort(bucket, kind="stable")
    bucket = bucket[order]
    column = np.arange(len(bucket)) - np.searchsorted(bucket, bucket)  # place within its bucket
    width = int(column.max()) + 1 if len(column) else 1
    slots = np.full((1 << BUCKET_BITS, width), EMPTY, dtype=np.uint32)
    slot_counts = np.zeros((1 << BUCKET_BITS, width), dtype=np.uint16)
    slots[bucket, column], slot_counts[bucket, column] = keys[order], counts[order]
    return slots, slot_counts


@lru_cache(maxsize=65536)
def _count(counts: PairCounts, word: str) -> float:
    at = counts.ids.get(word)
    if at is not None:
        return float(counts.word_counts[at])
    return max(0.5, word_frequencies().get(word, 0) * counts.total / _english_total())


@lru_cache(maxsize=1)
def _english_total() -> int:
    return sum(word_frequencies().values())


def confusables(word: str, among: Container[str] | None = None) -> tuple[str, ...]:
    """Common words a slip or a mishearing turns ``word`` into, or back from: one edit away
    (a transposition is one) or pronounced the same; never another form of the same word.
    With ``among``, only those of its words (asked first: the form tests cost more).

    >>> "strike" in confusables("strife"), "their" in confusables("there"), "horse" in confusables("horses")
    (True, True, False)
    """
    near = {w for w in one_edit_away(word) if len(w) >= MIN_LENGTH and w.isalpha()}
    counts = pair_counts()
    near.update(counts.sound_alikes.get(word, ()) if counts else ())
    if among is not None:
        near = {w for w in near if w in among}
    if not near:
        return ()
    key = form_key(word)
    return tuple(sorted(w for w in near if w != word and form_key(w) != key and not _variant(w, word)))


def _variant(a: str, b: str) -> bool:
    return a == b or any(a.replace(x, y) == b.replace(x, y) for x, y in SPELLING_VARIANTS if x in a or x in b)


def misfits(tokens: Sequence[str], names: frozenset[str] = frozenset()) -> list[Misfit]:
    """Words of a run of tokens that fit their neighbours far worse than a confusable word.

    A word's own pairs are those of its neighbours, counted for every token in one vectorised
    look-up. A place is given its alternatives only when one could gain MIN_BITS at all (about
    half are not), and of those (about seven a place) only the ones that could gain it with
    each pair at its bound are looked up (about one in ten): a few array operations an article.
    """
    counts = pair_counts()
    if counts is None or len(tokens) < 2:
        return []
    records = list(map(FACTS.__getitem__, tokens))
    codes = np.fromiter(map(_CODE_OF, records), dtype=np.int64, count=len(tokens))
    ids, checkable = (codes >> 1) - 1, (codes & 1).astype(bool)
    beside = counts.pairs(ids[:-1], ids[1:])  # beside[i]: count of the pair (token i, token i + 1)
    fits_left = np.concatenate(([True], beside > 0))
    fits_right = np.concatenate((beside > 0, [True]))
    # the rest sit beside words news puts them by, or are no lower-case dictionary word
    at = np.flatnonzero(~(fits_left & fits_right) & checkable)
    if not at.size:
        return []
    sides = _Sides.around(counts, tokens, ids, at)
    # the word's own pairs are its neighbours': (left, word) is beside[place - 1], (word, right) beside[place]
    before = np.where(sides.with_left, beside[np.maximum(at - 1, 0)], 0)
    after = np.where(sides.with_right, beside[np.minimum(at, len(beside) - 1)], 0)
    mine = _fit(counts, sides, before, after, np.array([records[i][_OWN_COUNT] for i in at.tolist()]))
    checked: list[int] = []  # each checked place, as an index into ``at``
    places: list[int] = []  # its token index
    sizes: list[int] = []  # how many candidates it has: the word itself, then its confusables
    words: list[str] = []
    word_ids: list[int] = []
    word_counts: list[float] = []
    for k in np.flatnonzero(_may_gain_here(counts, sides, mine)).tolist():
        candidates = _CANDIDATES[tokens[at[k]]]
        if candidates and candidates[0][0] not in names:
            checked.append(k)
            places.append(int(at[k]))
            sizes.append(len(candidates[0]))
            words += candidates[0]
            word_ids += candidates[1]
            word_counts += candidates[2]
    if not places:
        return []
    sides, mine = sides.of(np.array(checked)), mine[checked]
    own = np.array(list(accumulate(sizes[:-1], initial=0)))  # where each place's own word is among the candidates
    n, candidate_ids = np.array(word_counts), np.array(word_ids)
    group = np.repeat(np.arange(len(places)), sizes)  # each candidate's place, as an index into ``places``
    fits, attested = np.full(len(group), -np.inf), np.zeros(len(group), dtype=np.int64)
    fits[own], attested[own] = mine, before[checked] + after[checked]
    possible = _may_gain(counts, sides.of(group), candidate_ids, n, mine[group])
    possible[own] = False  # a word does not replace itself
    chosen = np.flatnonzero(possible)  # the others keep no fit and no attestation: they cannot win
    if chosen.size:
        fits[chosen], attested[chosen] = _fits(counts, sides.of(group[chosen]), candidate_ids[chosen], n[chosen])
    return _decide(tokens, places, sizes, group, words, fits, attested, counts)


def _code(token: str) -> int:
    """A token's word id and whether it is worth checking, in one number for one array
    pass: ``(id + 1) * 2 + checkable`` (id -1 for a word news text lacks). Worth checking:
    a lower-case dictionary word (a non-word is the spelling check's)."""
    counts = pair_counts()
    key = token_key(token)
    word_id = counts.ids.get(key, -1) if counts is not None else -1
    checkable = len(token) >= MIN_LENGTH and token.isalpha() and token.islower() and word_frequencies().get(key, 0) > 0
    return (word_id + 1) * 2 + checkable


def _candidates(token: str) -> tuple[tuple[str, ...], tuple[int, ...], tuple[float, ...]] | None:
    """The token's word and those of its :func:`confusables` news text has, with their word
    ids and :meth:`PairCounts.count`; None when there is none. (A confusable news text lacks
    is never attested beside a neighbour, so it could never be the suggestion.)"""
    counts = pair_counts()
    key = token_key(token)
    words = confusables(key, among=counts.ids)  # type: ignore[union-attr]  # asked only when the counts exist
    if not words:
        return None
    return (key, *words), (counts.ids.get(key, -1), *(counts.ids[w] for w in words)), tuple(map(counts.count, (key, *words)))


def _own_count(token: str) -> float:
    """The token's :meth:`PairCounts.count` (as its word's among its :func:`_candidates`), asked
    only at checked places: 0.0 for a token that can never be checked (see :func:`_code`)."""
    counts = pair_counts()
    if counts is None or not (len(token) >= MIN_LENGTH and token.isalpha() and token.islower()):
        return 0.0
    return counts.count(token_key(token))


_CODE_OF = itemgetter(question(_code))  # a token record's code
_OWN_COUNT = question(_own_count)  # where a token record keeps its count
_CANDIDATES = WordMemo(_candidates)  # per distinct checked token text, across articles


@dataclass(frozen=True, slots=True)
class _Sides:
    """Per checked place (or per candidate, with :meth:`of`): whether it has a left and a right
    neighbour, their word ids (-1: none, or a word news text lacks) and :meth:`PairCounts.count`s."""

    with_left: np.ndarray
    with_right: np.ndarray
    left_ids: np.ndarray
    right_ids: np.ndarray
    n_left: np.ndarray
    n_right: np.ndarray

    @classmethod
    def around(cls, counts: PairCounts, tokens: Sequence[str], ids: np.ndarray, places: np.ndarray) -> _Sides:
        with_left, with_right = places > 0, places + 1 < len(tokens)
        left_at, right_at = np.where(with_left, places - 1, 0), np.where(with_right, places + 1, 0)
        left_ids, right_ids = np.where(with_left, ids[left_at], -1), np.where(with_right, ids[right_at], -1)
        return cls(with_left, with_right, left_ids, right_ids,
                   _neighbour_counts(counts, tokens, left_ids, left_at, with_left),
                   _neighbour_counts(counts, tokens, right_ids, right_at, with_right))  # fmt: skip

    def of(self, group: np.ndarray) -> _Sides:
        """The sides of each candidate, from its place (``group``: an index into the places)."""
        return _Sides(self.with_left[group], self.with_right[group], self.left_ids[group], self.right_ids[group],
                      self.n_left[group], self.n_right[group])  # fmt: skip


def _fit(counts: PairCounts, sides: _Sides, before: np.ndarray, after: np.ndarray, n: np.ndarray) -> np.ndarray:
    """log2 of how likely news text writes ``left word right`` (up to a constant), for words
    seen ``before``/``after`` times beside their left/right neighbour (``n``: the words' counts)::

        fit = log2 n(left word) + log2 n(word right) - log2 n(word)

    with each pair count smoothed by a share of the count chance would give it."""
    fit = np.where(sides.with_left, np.log2(before + SMOOTHING * sides.n_left * n / counts.total), 0.0)
    fit += np.where(sides.with_right, np.log2(after + SMOOTHING * n * sides.n_right / counts.total), 0.0)
    fit -= np.where(sides.with_left & sides.with_right, np.log2(n), 0.0)
    return fit


def _fits(counts: PairCounts, sides: _Sides, word_ids: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_fit` of candidate words (one per entry of ``sides``) and how often news text has
    the word beside either neighbour, its pairs looked up."""
    # both sides' pairs in one look-up: (left, word) then (word, right)
    both = counts.pairs(np.concatenate((sides.left_ids, word_ids)), np.concatenate((word_ids, sides.right_ids)))
    before, after = both[: len(word_ids)], both[len(word_ids):]
    return _fit(counts, sides, before, after, n), before + after


def _may_gain_here(counts: PairCounts, sides: _Sides, mine: np.ndarray) -> np.ndarray:
    """Whether any word could be attested MIN_ATTESTED times between a place's neighbours and fit
    MIN_BITS better than the word there (fit ``mine``), before its alternatives are known.

    Where no pair is counted more often than either of its words (checked at load), a word
    ``c`` seen ``x`` times after the left neighbour and ``y`` times before the right one has
    ``x <= min(B, n)``, ``y <= min(A, n)`` (``n``: its count; ``B``, ``A``: the most any pair of
    the neighbour on that side reaches), so with the smoothing shares ``a = s n_left / total``
    and ``b = s n_right / total``::

        (x + a n)(y + b n) / n = xy / n + a y + b x + a b n <= min(A, B) + a A + b B + a b max(n)

    and its fit is at most the log2 of the right-hand side. A place at the text's edge is kept.
    """
    if not counts.pairs_within_words:
        return np.ones(len(mine), dtype=bool)
    most_before = counts.most_as_left[sides.left_ids].astype(np.float64)
    most_after = counts.most_as_right[sides.right_ids].astype(np.float64)
    a = SMOOTHING * sides.n_left / counts.total
    b = SMOOTHING * sides.n_right / counts.total
    bound = np.log2(np.minimum(most_before, most_after) + a * most_after + b * most_before + a * b * counts.most_uses)
    return ~(sides.with_left & sides.with_right) | (
        (most_before + most_after >= MIN_ATTESTED) & (bound - mine >= MIN_BITS - BOUND_SLACK))


def _may_gain(counts: PairCounts, sides: _Sides, word_ids: np.ndarray, n: np.ndarray, mine: np.ndarray) -> np.ndarray:
    """Whether a candidate could be attested MIN_ATTESTED times and fit MIN_BITS better than the
    word it would replace (fit ``mine``), with each of its pairs at its bound: the most any pair
    of its left neighbour, or of the candidate on that side, reaches (0 beside an unknown word)."""
    before = np.minimum(counts.most_as_left[sides.left_ids], counts.most_as_right[word_ids]).astype(np.int64)
    after = np.minimum(counts.most_as_left[word_ids], counts.most_as_right[sides.right_ids]).astype(np.int64)
    bound = _fit(counts, sides, before, after, n)
    return (before + after >= MIN_ATTESTED) & (bound - mine >= MIN_BITS - BOUND_SLACK)


def _neighbour_counts(counts: PairCounts, tokens: Sequence[str], ids: np.ndarray, at: np.ndarray,
                      present: np.ndarray) -> np.ndarray:
    """:meth:`PairCounts.count` of each place's neighbour (1.0 where there is none)."""
    out = counts.word_counts[np.maximum(ids, 0)].astype(np.float64)
    unknown = np.flatnonzero(ids < 0)
    if unknown.size:
        out[unknown] = 1.0
        unknown = unknown[present[unknown]]
        out[unknown] = [counts.count(token_key(tokens[i])) for i in at[unknown].tolist()]
    return out


def _decide(tokens: Sequence[str], places: list[int], sizes: list[int], group: np.ndarray, words: list[str],
            fits: np.ndarray, attested: np.ndarray, counts: PairCounts) -> list[Misfit]:
    """For each checked place, the best-fitting alternative when it beats the word by MIN_BITS.

    A place's candidates follow the word itself; the places none of whose candidates
    gains MIN_BITS (nearly all) are ruled out in one pass over the arrays."""
    starts = list(accumulate(sizes[:-1], initial=0))
    hopeful = (attested >= MIN_ATTESTED) & (fits - fits[starts][group] >= MIN_BITS)
    hopeful[starts] = False  # a word does not replace itself
    out: list[Misfit] = []
    for g in dict.fromkeys(group[hopeful].tolist()):  # in order, each once
        at, end = starts[g], starts[g] + sizes[g]
        mine, best, best_bits = fits[at], at, MIN_BITS
        for j in range(at + 1, end):
            if attested[j] >= MIN_ATTESTED and fits[j] - mine >= best_bits:
                best, best_bits = j, float(fits[j] - mine)
        place = places[g]
        key = token_key(tokens[place])
        left = token_key(tokens[place - 1]) if place > 0 else None
        right = token_key(tokens[place + 1]) if place + 1 < len(tokens) else None
        confidence = min(0.9, 0.5 + 0.1 * (best_bits - MIN_BITS) / (SURE_BITS - MIN_BITS))
        evidence = (f"pairs in public news text: {_seen(counts, left, words[best], right)}; "
                    f"{_seen(counts, left, key, right)}")  # fmt: skip
        out.append(Misfit(place, key, words[best], round(best_bits, 1), round(confidence, 2), evidence))
    return out


def _seen(counts: PairCounts, left: str | None, word: str, right: str | None) -> str:
    pairs = ([(left, word)] if left else []) + ([(word, right)] if right else [])
    return ", ".join(f"“{a} {b}” {counts.pair(a, b) or 'under 2'}×" for a, b in pairs)
