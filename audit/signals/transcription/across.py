"""Garbles found against other sources: the same passage, one or a few words different.

Where another article of the batch carries the same sentence or the same quotation, the
two are aligned word by word. A short run (1-3 words) that differs inside otherwise
matching text is a candidate garble ("a “lifestyle strike”" where every other outlet has
"a lethal strike"). Only articles of the same story are compared (linked by their rare
words and names), so the work grows with the batch, not with its pairs. Which side is
odd is decided, in this order, from

* the majority: how many of the story's articles print each wording between the same
  neighbouring words (three outlets or more);
* with two outlets: a word no dictionary or news text knows on one side only
  ("enforecment"), a word broken by a space ("deb ate"), a name the story writes the
  other way elsewhere, a listed fixed expression on one side only ("on the ground" /
  "on the soil"), or how much better one wording fits its neighbours in news text
  (word-pair counts, ``audit/data/word_pairs.npz``); when none of these tells, nothing
  is reported.

Only some changes count: a look-alike or sound-alike word (:func:`audit.alignment.alike`),
a non-word, a broken word, or, where the two passages are one word apart, any word
inside a quotation or a fixed expression. A synonym swap in prose ("alleged" /
"accused"), another inflection, a British/American spelling or two transliterations of
a name are an editor's choice and are left alone. ``decided_by`` says which rule decided.

The finding goes on the odd side, with the other outlets' wording as ``suggestion`` and
their sentences as evidence; ``method`` is ``"cross_source"``.

>>> from audit.text import Document
>>> a = Document.from_text("Rubio said the US conducted a “lethal strike” on the boat.", id="a", source="A")
>>> b = Document.from_text("Rubio called it a “lifestyle strike” on the boat.", id="b", source="B")
>>> c = Document.from_text("Rubio described a lethal strike on the boat near Venezuela.", id="c", source="C")
>>> out = compare({d.article.id: collect(d) for d in (a, b, c)})
>>> [(f.text, f.suggestion, f.extra["diff"]) for f in out["b"].findings], out["a"].findings
([('lifestyle strike', 'lethal strike', [{'op': 'replace', 'this': 'lifestyle', 'other': 'lethal'}])], [])
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, chain, pairwise

import numpy as np

from audit.alignment import MAX_ALIGN_WORDS, STOPWORDS, WORD_PATTERN, align, alike, fold, stable_hash, word_spans, words
from audit.claims import ArticleClaims, Claim, extract
from audit.events import link_articles
from audit.findings import Evidence, Finding, SignalResult
from audit.memo import WordMemo
from audit.signals.base import by_position
from audit.signals.consistency import _worth_aligning
from audit.signals.transcription.within_context import pair_counts, unique_sorted
from audit.signals.transcription.within_forms import form_key
from audit.signals.transcription.within_idioms import idiom_covering
from audit.signals.transcription.within_names import variant_spelling
from audit.text import Document
from audit.vocabulary import is_english_word

MIN_SENTENCE_WORDS = 6
MIN_SHARED_SHINGLES = 2  # word 3-grams two sentences must share to be aligned at all
MIN_PASSAGE_MATCH = 0.75  # share of words that must agree for "the same passage"
WORDS_PER_CHANGE = 6  # a passage may differ in one run per this many agreeing words
MAX_RUN = 3
MIN_ALIKE = 0.6
SHORT_QUOTE = 4  # words; a quote this short is "the same" only when the speaker is too
MAX_EVIDENCE = 5
TWIN_WORDS = 6  # agreeing words that make two passages one passage with one word changed
# with two outlets only: how much better the other wording must fit its neighbours in news text
# (bits; on the dev split 2% of such decisions went the wrong way)
MIN_FIT_BITS = 2.0
SET_PHRASE_BITS = 15.0  # a swap news text almost never writes there ("seized place"): a broken set phrase, not an edit ("halted": 12)
_POSSESSIVE = re.compile(r"['’]s$")  # "Hannity's" is a use of "Hannity"
MIN_NEWS_USES = 5  # a word news text uses this often is a word, whatever the dictionary says
FIT_PRIOR = 200.0  # weight of a word's own frequency against a rare or unseen pair

SCORES = {
    "cross_source_garbles": "Words that differ from what other outlets in the batch print in the same passage, "
    "and look or sound like a garble of it (per 1,000 words).",
}


@dataclass
class Passages:
    """What the cross-source check keeps of one article (small, picklable)."""

    id: str
    source: str
    keys: frozenset[str]
    words: int
    sentences: list[tuple[int, str]] = field(default_factory=list)  # (start, text) of body sentences
    shingles: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint32))  # word 3-gram hashes
    shingle_sentence: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint32))
    bigrams: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint32))  # word pair hashes, sorted, unique
    trigrams: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint32))  # sorted, unique
    vocabulary: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint32))  # word hashes, sorted, unique
    uses: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint16))  # how often each of them is used
    quotes: list[Claim] = field(default_factory=list)
    passages: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint32))  # sentence and quote hashes, sorted


def collect(doc: Document) -> Passages:
    """Sentences, quotations and word-pair hashes of one article."""
    claims: ArticleClaims = extract(doc)
    summary = Passages(id=claims.id, source=claims.source, keys=claims.keys, words=len(doc.words),
                       quotes=[c for c in claims.claims if c.kind == "quote"])  # fmt: skip
    folded = fold(doc.text) if doc.text else ""
    sigma = "σ" in folded or "ς" in folded  # see _text_words
    every, sentence_words = _text_words(doc, folded, sigma)
    keys = np.fromiter(map(_WORD_KEYS.__getitem__, every), dtype=np.uint64, count=len(every))
    hashes = keys & 0xFFFFFFFF
    runs, passages = [], []
    for sentence, (first, tokens) in zip(doc.body_sentences, sentence_words):
        if len(tokens) < MIN_SENTENCE_WORDS:
            continue
        runs.append((first, len(tokens)))
        passages.append(stable_hash(" ".join(tokens)))
        summary.sentences.append((sentence.start, doc.span_text(sentence)))
    if runs and runs[0][0] < 0:  # the sentences were read alone: their words are not the text's
        kept = [tokens for _, tokens in sentence_words if len(tokens) >= MIN_SENTENCE_WORDS]
        lengths = [len(tokens) for tokens in kept]
        runs = list(zip(accumulate(lengths[:-1], initial=0), lengths))
        summary.shingles = _run_grams(_word_hashes(list(chain.from_iterable(kept))), runs)
    else:
        summary.shingles = _run_grams(hashes, runs)
    summary.shingle_sentence = np.repeat(np.arange(len(runs), dtype=np.uint32), [n - 2 for _, n in runs])
    passages += [_passage_hash(q.text) if sigma else stable_hash(" ".join(_span_words(folded, q.start, q.end)))
                 for q in summary.quotes]  # fmt: skip
    summary.passages = unique_sorted(np.array(passages, dtype=np.uint32))
    summary.bigrams, summary.trigrams = unique_sorted(_grams_of(hashes, 2)), unique_sorted(_grams_of(hashes, 3))
    vocabulary, uses = np.unique((keys >> 32).astype(np.uint32), return_counts=True)
    summary.vocabulary, summary.uses = vocabulary, np.minimum(uses, 65535).astype(np.uint16)
    return summary


def _text_words(doc: Document, folded: str, sigma: bool) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The words of the whole text as :func:`words` reads them, and for each body sentence the
    index of its first word among them and its words as :func:`words` reads the sentence alone
    (``folded``: :func:`fold` of the text; ``sigma``: whether it has a Greek sigma).

    One pass of the word pattern over the folded text, in pieces cut at the sentences' edges:
    the pattern looks neither behind nor ahead, so a piece reads what the whole text reads
    there unless a word runs over an edge (an edge with no space on either side), and what
    the piece read alone reads, as folding is one character for one. Where an edge is not
    clean, the text is read once more whole; where a Greek sigma is present (its lower case
    depends on the letters after it), each sentence is read alone. In both cases the first
    indices are -1: the sentences' words are then not taken from the text's.

    >>> doc = Document.from_text("The “lethal strike” hit 3,000 boats. Next one.")
    >>> _text_words(doc, fold(doc.text), False)
    (['the', 'lethal', 'strike', 'hit', '3,000', 'boats', 'next', 'one'], [(0, ['the', 'lethal', 'strike', 'hit', '3,000', 'boats']), (6, ['next', 'one'])])
    """
    if sigma:
        return WORD_PATTERN.findall(folded), [(-1, words(doc.span_text(s))) for s in doc.body_sentences]
    every: list[str] = []
    out = []
    clean, at = True, 0
    for sentence in doc.body_sentences:
        start, end = sentence.start, sentence.end
        clean = clean and _clean_edge(folded, start) and _clean_edge(folded, end)
        every += _WORD_SCAN.findall(folded, at, start)
        inside = _WORD_SCAN.findall(folded, start, end)
        out.append((len(every), inside[:MAX_ALIGN_WORDS]))  # = _span_words(folded, start, end)
        every += inside
        at = end
    every += _WORD_SCAN.findall(folded, at)
    return (every, out) if clean else (WORD_PATTERN.findall(folded), [(-1, tokens) for _, tokens in out])


def _span_words(folded: str, start: int, end: int) -> list[str]:
    """:func:`words` of the text's span ``start:end``, read in the folded text (see :func:`_text_words`)."""
    return _WORD_SCAN.findall(folded, start, end)[:MAX_ALIGN_WORDS]


# WORD_PATTERN behind a test of the first character, which every word passes: the same words,
# found sooner (the alternatives are no longer tried in turn at each space and mark)
_WORD_SCAN = re.compile(rf"(?=[\w$€£])(?:{WORD_PATTERN.pattern})")


def _clean_edge(folded: str, at: int) -> bool:
    """Whether no word can run over offset ``at`` (a space on one side, or an end of the text)."""
    return at <= 0 or at >= len(folded) or folded[at - 1].isspace() or folded[at].isspace()


def _run_grams(hashes: np.ndarray, runs: list[tuple[int, int]]) -> np.ndarray:
    """The word 3-gram hashes of each run (first word, number of words) of the words whose
    hashes are given, none across two runs, in order."""
    if not runs:
        return np.zeros(0, np.uint32)
    grams = _grams_of(hashes, 3)
    return np.concatenate([grams[first:first + n - 2] for first, n in runs])


def _grams(tokens: list[str], size: int) -> np.ndarray:
    """Hashes of every run of ``size`` words (the same in every process), from one hash per word.

    >>> _grams(["a", "lethal", "strike"], 2).tolist() == [_grams(["a", "lethal"], 2)[0], _grams(["lethal", "strike"], 2)[0]]
    True
    """
    return _grams_of(_word_hashes(tokens), size)


_WORD_HASHES: WordMemo[int] = WordMemo(stable_hash)  # news repeats its words from article to article
# a word's hash, and above it the hash of the word less a possessive ("Hannity's" is a use of "Hannity")
_WORD_KEYS: WordMemo[int] = WordMemo(lambda word: stable_hash(word) | stable_hash(word.removesuffix("'s")) << 32)


def _word_hashes(tokens: list[str]) -> np.ndarray:
    """One stable hash per token."""
    return np.fromiter(map(_WORD_HASHES.__getitem__, tokens), dtype=np.uint64, count=len(tokens))


def _grams_of(each: np.ndarray, size: int) -> np.ndarray:
    """Hashes of every run of ``size`` words, from the words' hashes (:func:`_word_hashes`)."""
    if len(each) < size:
        return np.zeros(0, np.uint32)
    out = each[:len(each) - size + 1].copy()
    for k in range(1, size):
        out = (out * _GRAM_MULTIPLIER + each[k:len(each) - size + 1 + k]) & 0xFFFFFFFF
    return out.astype(np.uint32)


_GRAM_MULTIPLIER = np.uint64(1_000_003)


def stories(summaries: Mapping[str, Passages]) -> dict[str, list[str]]:
    """For each article, the articles of the batch that report the same story (linked by rare words and names)."""
    ids = list(summaries)
    return {ids[a]: [ids[b] for b, _ in row] for a, row in enumerate(link_articles(summaries[i].keys for i in ids))}


def _passage_hash(text: str) -> int:
    return stable_hash(" ".join(words(text)))


def compare(summaries: Mapping[str, Passages], linked: Mapping[str, list[str]] | None = None) -> dict[str, SignalResult]:
    """Cross-source garble findings for every article of the batch (``linked``: :func:`stories`, if known)."""
    return dict(verdicts(summaries, linked))


def verdicts(summaries: Mapping[str, Passages],
             linked: Mapping[str, list[str]] | None = None) -> Iterator[tuple[str, SignalResult]]:  # fmt: skip
    """:func:`compare` one article at a time, in the order of ``summaries``."""
    ids = list(summaries)
    items = by_position(summaries, ids)
    linked = stories(summaries) if linked is None else linked
    position = {article_id: at for at, article_id in enumerate(ids)}
    links = [[(position[other], 1.0) for other in linked.get(article_id, ()) if other in position] for article_id in ids]
    try:
        yield from _by_article(items, ids, links)
    finally:
        _spans.cache_clear()  # the batch's sentences: let them go with the batch


def _by_article(items: Sequence[Passages], ids: list[str],
                links: list[list[tuple[int, float]]]) -> Iterator[tuple[str, SignalResult]]:  # fmt: skip
    """Each pair of linked articles is read when the first of the two comes up, so an
    article's garbles are all known once its own turn is done: only the garbles found
    for articles still to come are held."""
    waiting: dict[int, dict[tuple[int, int], _Garble]] = defaultdict(dict)  # article -> (start, end) -> garble
    for a, row in enumerate(links):
        for b, _ in row:
            if b <= a:
                continue
            neighbours = {n for n, _ in links[a]} | {n for n, _ in links[b]} | {a, b}
            for candidate in _sentence_candidates(items, a, b) + _quote_candidates(items, a, b):
                garble = _decide(items, candidate, neighbours)
                if garble:
                    found, key = waiting[garble.article], (garble.start, garble.end)
                    found[key] = found[key].merge(garble) if key in found else garble
        found = waiting.pop(a, {})
        findings = [found[key].finding(items) for key in sorted(found)]
        words = items[a].words
        yield ids[a], SignalResult(findings=findings, scores={
            "cross_source_garbles": round(1000 * len(findings) / words, 3) if words else 0.0})


# ---------------------------------------------------------------- candidates


@dataclass
class _Candidate:
    """Two tellings of one passage with a short run that differs."""

    a: int
    b: int
    text_a: str  # the passage in article a (a sentence or a quotation)
    start_a: int  # its offset in article a
    text_b: str
    start_b: int
    words_a: list[tuple[str, int, int]]
    words_b: list[tuple[str, int, int]]
    run: tuple[int, int, int, int]  # word positions i1, i2 (in a) and j1, j2 (in b)
    quote: bool
    twin: bool = False  # the two passages are one word apart and agree on at least TWIN_WORDS words


def _sentence_candidates(items: list[Passages], a: int, b: int) -> list[_Candidate]:
    """Sentences of a and b that share word 3-grams and agree on most words."""
    x, y = items[a], items[b]
    shared = np.intersect1d(x.shingles, y.shingles)
    if len(shared) < MIN_SHARED_SHINGLES:
        return []
    pairs: Counter[tuple[int, int]] = Counter()
    in_x, in_y = defaultdict(list), defaultdict(list)
    keep_x, keep_y = np.isin(x.shingles, shared), np.isin(y.shingles, shared)
    for h, s in zip(x.shingles[keep_x].tolist(), x.shingle_sentence[keep_x].tolist()):
        in_x[h].append(s)
    for h, s in zip(y.shingles[keep_y].tolist(), y.shingle_sentence[keep_y].tolist()):
        in_y[h].append(s)
    for h, xs in in_x.items():
        for sx in set(xs):
            for sy in set(in_y.get(h, ())):
                pairs[(sx, sy)] += 1
    out = []
    size_x = np.bincount(x.shingle_sentence, minlength=len(x.sentences))
    size_y = np.bincount(y.shingle_sentence, minlength=len(y.sentences))
    for (sx, sy), count in pairs.items():
        # a change of k words costs at most 3k shared 3-grams: far fewer means another sentence
        if count < max(MIN_SHARED_SHINGLES, 0.5 * min(size_x[sx], size_y[sy])):
            continue
        (start_x, text_x), (start_y, text_y) = x.sentences[sx], y.sentences[sy]
        if text_x == text_y:
            continue
        out += _runs(a, b, text_x, start_x, text_y, start_y, _spans(text_x), _spans(text_y), quote=False)
    return out


@lru_cache(maxsize=5_000)  # a story's sentences are aligned with each of its articles in turn
def _spans(text: str) -> list[tuple[str, int, int]]:
    return word_spans(text)


def _runs(a: int, b: int, text_a: str, start_a: int, text_b: str, start_b: int,
          wa: list[tuple[str, int, int]], wb: list[tuple[str, int, int]], quote: bool) -> list[_Candidate]:  # fmt: skip
    """Short differing runs inside two passages that otherwise agree, flanked by agreement."""
    tokens_a, tokens_b = [w for w, _, _ in wa], [w for w, _, _ in wb]
    alignment = align(tokens_a, tokens_b)
    if not _same_passage(alignment, short_ok=quote):
        return []
    out = []
    for i1, i2, j1, j2 in alignment.positions:
        if not (0 < i2 - i1 <= MAX_RUN and 0 < j2 - j1 <= MAX_RUN):
            continue  # an insertion or deletion is an edit, a long run a rewrite
        flanked = _agrees(tokens_a, tokens_b, i1 - 1, j1 - 1) or _agrees(tokens_a, tokens_b, i2, j2)
        if not (flanked or quote):
            continue
        twin = (len(alignment.diff) == 1 and alignment.matched >= TWIN_WORDS and i2 - i1 == j2 - j1 == 1
                and (_agrees(tokens_a, tokens_b, i1 - 1, j1 - 1) or i1 == j1 == 0)
                and (_agrees(tokens_a, tokens_b, i2, j2) or (i2 == len(tokens_a) and j2 == len(tokens_b))))  # fmt: skip
        out.append(_Candidate(a, b, text_a, start_a, text_b, start_b, wa, wb, (i1, i2, j1, j2), quote, twin))
    return out


def _same_passage(alignment, short_ok: bool) -> bool:
    """Most words agree and the changes are few: one telling of one passage, not a rewrite.

    A quote of a few words (``short_ok``, the speaker already checked) may differ in one run.
    """
    if short_ok and alignment.length <= SHORT_QUOTE:
        return len(alignment.diff) == 1 and alignment.coverage >= 0.5
    return alignment.coverage >= MIN_PASSAGE_MATCH and len(alignment.diff) <= max(1, alignment.matched // WORDS_PER_CHANGE)


def _agrees(x: list[str], y: list[str], i: int, j: int) -> bool:
    return 0 <= i < len(x) and 0 <= j < len(y) and x[i] == y[j]


def _quote_candidates(items: list[Passages], a: int, b: int) -> list[_Candidate]:
    """Quotations of the same speaker (or the same long passage) that differ in a word or three."""
    out = []
    by_word: dict[str, list[Claim]] = defaultdict(list)
    for quote in items[b].quotes:
        for w in sorted({w for w in quote.value if len(w) > 3}):
            by_word[w].append(quote)
    for mine in items[a].quotes:
        others = {id(q): q for w in sorted({w for w in mine.value if len(w) > 3}) for q in by_word.get(w, ())}
        for theirs in others.values():
            if not _worth_aligning(mine, theirs):
                continue
            if mine.when and theirs.when and mine.when != theirs.when:
                continue
            speaker = bool(mine.actor and theirs.actor)
            if not speaker and min(len(mine.value), len(theirs.value)) <= SHORT_QUOTE:
                continue  # two words in common prove nothing without the speaker
            wa, wb = _spans(mine.text), _spans(theirs.text)
            if len(wa) != len(mine.value) or len(wb) != len(theirs.value):
                continue  # a quote cut at MAX_ALIGN_WORDS: positions would not line up
            out += _runs(a, b, mine.text, mine.start, theirs.text, theirs.start, wa, wb, quote=True)
    return out


# ---------------------------------------------------------------- which side is odd


@dataclass
class _Garble:
    article: int
    start: int
    end: int
    text: str
    suggestion: str
    confidence: float
    support: tuple[int, int]  # articles using this wording, and the other
    evidence: list[tuple[int, str, int]]  # (article, passage, start)
    quote: bool
    change: tuple[str, str]  # the differing words: (odd side, other side)
    reason: str  # what told the odd side: majority, unknown, broken, usage, idiom, context

    def merge(self, other: _Garble) -> _Garble:
        better = self if self.confidence >= other.confidence else other
        seen = {(a, s) for a, _, s in better.evidence}
        extra = [e for e in (other if better is self else self).evidence if (e[0], e[2]) not in seen]
        better.evidence = better.evidence + extra
        return better

    def finding(self, items: list[Passages]) -> Finding:
        mine, theirs = self.support
        where = "quotation" if self.quote else "passage"
        message = (f"“{self.text}” where another outlet prints “{self.suggestion}” in the same {where} "
                   f"(articles of the story with each wording: {mine} for this, {theirs} for the other); "
                   f"{_WHY[self.reason]} A likely garble (transcription, rewrite or copying).")
        evidence = [Evidence(article=items[a].id, text=text, start=start, end=start + len(text))
                    for a, text, start in sorted(set(self.evidence))[:MAX_EVIDENCE]]  # fmt: skip
        return Finding(signal="transcription", kind="garble", start=self.start, end=self.end, text=self.text,
                       message=message, suggestion=self.suggestion, evidence=evidence,
                       confidence=round(self.confidence, 3),
                       extra={"method": "cross_source", "decided_by": self.reason,
                              "support": {"this": mine, "other": theirs},
                              "diff": [{"op": "replace", "this": self.change[0], "other": self.change[1]}]})  # fmt: skip


_WHY = {
    "majority": "most outlets print the other wording.",
    "unknown": "this wording has a word no dictionary or news text knows.",
    "broken": "a space breaks a word here that news text never writes as two.",
    "usage": "the story writes this name the other way elsewhere.",
    "idiom": "the other wording is a fixed expression and this one is not.",
    "context": "news text puts the other wording between these neighbours far more often.",
}


def _decide(items: list[Passages], c: _Candidate, neighbours: set[int]) -> _Garble | None:
    i1, i2, j1, j2 = c.run
    if _contains(items[c.b].passages, _passage_hash(c.text_a)) or _contains(items[c.a].passages, _passage_hash(c.text_b)):
        return None  # each article prints the other's wording too: two passages, not two tellings of one
    run_a = [w for w, _, _ in c.words_a[i1:i2]]
    run_b = [w for w, _, _ in c.words_b[j1:j2]]
    if run_a == run_b or any(any(ch.isdigit() for ch in w) or w[:1] in "$€£" for w in run_a + run_b):
        return None  # numbers that differ are facts, for the consistency signal
    original_a = _original(c.text_a, c.words_a[i1:i2])
    original_b = _original(c.text_b, c.words_b[j1:j2])
    likeness = alike(" ".join(run_a), " ".join(run_b))
    broken = _broken_word(run_a, run_b)
    if broken is None and (_same_spelling(run_a, run_b) or _same_stem(run_a, run_b) or _mojibake(original_a + original_b)
                           or (all(w in STOPWORDS for w in run_a + run_b) and not (c.twin and likeness >= 0.7))):
        return None  # "we've"/"we have", "U.S."/"US", "appears"/"appeared", "the"/"that": style, not garbles
    support_a, support_b = _supports(items, neighbours, c)
    verdict = (broken, "broken", 1.0) if broken is not None else _odd_side(
        items, neighbours, c, (support_a, support_b), original_a.split(), original_b.split())
    if verdict is None:
        return None
    odd_is_a, reason, strength = verdict
    quoted = c.quote or (_inside_quote(c.text_a, c.words_a[i1][1]) and _inside_quote(c.text_b, c.words_b[j1][1]))
    fixed = reason == "idiom" or (c.twin and _idiom_sides(c) == (not odd_is_a, odd_is_a))  # the other side is an idiom
    fixed = fixed or (reason == "context" and strength >= SET_PHRASE_BITS)  # "seized place" for "took place"
    if not (likeness >= MIN_ALIKE or (reason == "unknown" and likeness >= 0.4) or (c.twin and (quoted or fixed))):
        return None  # a synonym swap outside quotations and fixed expressions is an editor's choice
    names = all(w[:1].isupper() for w in original_a.split() + original_b.split())
    if names and reason in ("majority", "context") and variant_spelling(original_a, original_b):
        return None  # "Hasakah"/"Hasakeh": two outlets' transliterations of one name, not a garble
    confidence = _confidence(reason, strength, likeness)
    i1, i2, j1, j2 = _with_neighbour(c.words_a, c.words_b, c.run)
    if odd_is_a:
        odd, odd_words, odd_text, start, first, last = c.a, c.words_a, c.text_a, c.start_a, i1, i2
        other, suggestion, support = (c.b, c.text_b, c.start_b), _original(c.text_b, c.words_b[j1:j2]), (support_a, support_b)
    else:
        odd, odd_words, odd_text, start, first, last = c.b, c.words_b, c.text_b, c.start_b, j1, j2
        other, suggestion, support = (c.a, c.text_a, c.start_a), _original(c.text_a, c.words_a[i1:i2]), (support_b, support_a)
    span_start, span_end = odd_words[first][1], odd_words[last - 1][2]
    change = (" ".join(run_a), " ".join(run_b)) if odd_is_a else (" ".join(run_b), " ".join(run_a))
    return _Garble(odd, start + span_start, start + span_end, odd_text[span_start:span_end], suggestion,
                   confidence, support, [other], quoted, change, reason)  # fmt: skip


def _odd_side(items: list[Passages], neighbours: set[int], c: _Candidate, supports: tuple[int, int],
              original_a: list[str], original_b: list[str]) -> tuple[bool, str, float] | None:
    """(is the odd side a?, what decided it, how strongly), or None when nothing tells the sides apart.

    In order: the majority of the story's articles that print this passage (three outlets or
    more); a word no dictionary and no news text knows on one side only; a name the story
    writes one way elsewhere; a listed idiom on one side only; the fit of each wording to its
    neighbours in news text (word-pair statistics).
    """
    i1, i2, j1, j2 = c.run
    support_a, support_b = supports  # :func:`_supports`
    if support_a != support_b and max(support_a, support_b) >= 2:
        return support_a < support_b, "majority", abs(support_a - support_b)
    unknown_a, unknown_b = _unknown(original_a), _unknown(original_b)
    if unknown_a != unknown_b:
        return unknown_a, "unknown", 1.0
    uses_a, uses_b = _name_uses(items, neighbours, original_a, original_b), _name_uses(items, neighbours, original_b, original_a)
    if min(uses_a, uses_b) >= 0 and max(uses_a, uses_b) >= max(2 * min(uses_a, uses_b), min(uses_a, uses_b) + 2):
        return uses_a < uses_b, "usage", abs(uses_a - uses_b)
    idiom_a, idiom_b = _idiom_sides(c)
    if idiom_a != idiom_b:
        return idiom_b, "idiom", 1.0
    tokens_a, tokens_b = [w for w, _, _ in c.words_a], [w for w, _, _ in c.words_b]
    fit = _fit(tokens_a, i1, i2) - _fit(tokens_b, j1, j2)
    if abs(fit) >= MIN_FIT_BITS:
        return fit < 0, "context", abs(fit)
    return None


def _broken_word(a: list[str], b: list[str]) -> bool | None:
    """Whether ``a`` is ``b``'s word broken by a space ("deb ate"/"debate": True), the reverse
    (False), or neither (None). Two words news text writes side by side ("per cent",
    "health care") are a spelling, not a break."""
    if len(a) == len(b) or "".join(a) != "".join(b):
        return None
    parts = a if len(a) > len(b) else b
    counts = pair_counts()
    if counts is None or any(counts.pair(x, y) >= MIN_NEWS_USES for x, y in pairwise(parts)):
        return None
    return parts is a


def _idiom_sides(c: _Candidate) -> tuple[bool, bool]:
    """Whether each side's run is part of a listed fixed expression."""
    i1, i2, j1, j2 = c.run
    return (idiom_covering([w for w, _, _ in c.words_a], i1, i2) is not None,
            idiom_covering([w for w, _, _ in c.words_b], j1, j2) is not None)  # fmt: skip


def _confidence(reason: str, strength: float, likeness: float) -> float:
    """How sure a finding is: what decided the odd side, and how much the two wordings look alike."""
    base = {"majority": 0.5 + 0.1 * min(3.0, strength), "unknown": 0.7, "broken": 0.7, "usage": 0.65, "idiom": 0.65,
            "context": 0.4 + min(0.2, 0.02 * (strength - MIN_FIT_BITS))}[reason]  # fmt: skip
    return round(min(0.95, base + (0.15 if likeness >= 0.7 else 0.05 if likeness >= MIN_ALIKE else 0.0)), 3)


def _inside_quote(text: str, offset: int) -> bool:
    """Whether ``offset`` of a passage falls inside quotation marks."""
    before = text[:offset]
    return before.count('"') % 2 == 1 or before.rfind("“") > before.rfind("”")


def _with_neighbour(wa: list[tuple[str, int, int]], wb: list[tuple[str, int, int]], run: tuple[int, int, int, int]):
    """The run with one agreeing word beside it, so a reader sees the phrase ("lifestyle strike")."""
    i1, i2, j1, j2 = run
    x, y = [w for w, _, _ in wa], [w for w, _, _ in wb]
    if _agrees(x, y, i2, j2):
        return i1, i2 + 1, j1, j2 + 1
    if _agrees(x, y, i1 - 1, j1 - 1):
        return i1 - 1, i2, j1 - 1, j2
    return run


def _original(text: str, spans: list[tuple[str, int, int]]) -> str:
    return text[spans[0][1]:spans[-1][2]] if spans else ""


def _supports(items: list[Passages], articles: set[int], c: _Candidate) -> tuple[int, int]:
    """How many of ``articles`` print each side's run between the words both sides agree on
    around it: the run with one agreeing word either side, or two on one side (a word 3-gram),
    else with the one agreeing word there is (a word pair). An article printing both supports neither."""
    i1, i2, j1, j2 = c.run
    x, y = [w for w, _, _ in c.words_a], [w for w, _, _ in c.words_b]
    left = next((n for n in range(2) if not _agrees(x, y, i1 - 1 - n, j1 - 1 - n)), 2)
    right = next((n for n in range(2) if not _agrees(x, y, i2 + n, j2 + n)), 2)
    if left and right:
        left = right = 1
    printed = []
    for tokens, first, last in ((x, i1, i2), (y, j1, j2)):
        window = tokens[first - left:last + right]
        size = 3 if len(window) >= 3 else 2
        grams = _grams(window, size).tolist()
        printed.append({a for a in articles if grams and all(
            _contains(items[a].trigrams if size == 3 else items[a].bigrams, g) for g in grams)})
    return len(printed[0] - printed[1]), len(printed[1] - printed[0])


def _contains(sorted_hashes: np.ndarray, value: int) -> bool:
    at = int(np.searchsorted(sorted_hashes, value))
    return at < len(sorted_hashes) and int(sorted_hashes[at]) == value


def _bare(word: str) -> str:
    """A printed word without the punctuation around it or a possessive ending ("Hannity's," -> "Hannity")."""
    return _POSSESSIVE.sub("", word.strip(".,;:!?()[]\"'“”‘’"))


def _unknown(run: list[str]) -> bool:
    """A word that neither the English list nor news text knows ("enforecment", "Dkakis", not "sarin")."""
    counts = pair_counts()
    for word in run:
        word = _bare(word)
        if not word.isalpha():
            continue
        if not is_english_word(word) and (counts is None or counts.count(word.lower()) < MIN_NEWS_USES):
            return True
    return False


def _name_uses(items: list[Passages], articles: set[int], run: list[str], other: list[str]) -> int:
    """How often the story's articles write the capitalised words of ``run`` that ``other`` lacks
    (the fewest of them), or -1 when there are none: a name is written the same way throughout."""
    names = [w for w in map(_bare, run) if w[:1].isupper() and w not in other]
    if not names:
        return -1
    return min(sum(_uses(items[a], int(_grams([fold(w)], 1)[0])) for a in articles) for w in names)


def _uses(item: Passages, value: int) -> int:
    at = int(np.searchsorted(item.vocabulary, value))
    return int(item.uses[at]) if at < len(item.vocabulary) and int(item.vocabulary[at]) == value else 0


def _fit(tokens: list[str], i1: int, i2: int) -> float:
    """Bits: how likely news text makes the run between its neighbours, log2 P(run, right | left),
    from word-pair counts with each word's own frequency as the prior for rare pairs."""
    counts = pair_counts()
    if counts is None:
        return 0.0
    sequence = tokens[max(0, i1 - 1):i2 + 1]
    bits = 0.0 if i1 > 0 else math.log2(counts.count(sequence[0]) / counts.total)
    for left, right in pairwise(sequence):
        prior = counts.count(right) / counts.total
        bits += math.log2((counts.pair(left, right) + FIT_PRIOR * prior) / (counts.count(left) + FIT_PRIOR))
    return bits


_CONTRACTIONS = (("n't", " not"), ("'ve", " have"), ("'ll", " will"), ("'re", " are"), ("'m", " am"), ("'d", " would"),
                 ("'s", " is"))


def _same_spelling(a: list[str], b: list[str]) -> bool:
    """Only contraction, punctuation, a plural -s or British/American spelling tells the two
    runs apart ("organisation"/"organization", "defence"/"defense", "colour"/"color")."""
    def key(run: list[str]) -> str:
        text = " ".join(run)
        for short, long in _CONTRACTIONS:
            text = text.replace(short, long)
        for british, american in _SPELLINGS:
            text = british.sub(american, text)
        return re.sub(r"s\b", "", re.sub(r"[^a-z0-9 ]", "", text)).replace(" ", "")
    return key(a) == key(b)


_SPELLINGS = tuple((re.compile(british), american) for british, american in (
    (r"(?<=\w\w)is(e|ed|es|ing|ation|ations)\b", r"iz\1"), (r"(?<=\w\w)ys(e|ed|es|ing)\b", r"yz\1"),
    (r"(?<=\w\w)our", "or"), (r"(?<=\w\w)tre\b", "ter"), (r"(?<=\w\w)ence\b", "ense"),
    (r"(?<=\w\w)ll(ed|ing|er|ers)\b", r"l\1"), (r"(?<=\w\w)ogue\b", "og")))


def _same_stem(a: list[str], b: list[str]) -> bool:
    """One word in another form ("appears"/"appeared", "east"/"eastern"): an editor's change."""
    if len(a) != 1 or len(b) != 1:
        return False
    x, y = a[0], b[0]
    if form_key(x) == form_key(y):
        return True
    stem = os.path.commonprefix([x, y])
    return len(stem) >= 4 and x[len(stem):] in _ENDINGS and y[len(stem):] in _ENDINGS


_ENDINGS = frozenset("|e|s|es|ed|d|ing|er|ers|ern|ly|al|ion|ions|ic|ian|ians|an|ans|n".split("|"))


def _mojibake(text: str) -> bool:
    """Text decoded with the wrong encoding ("donâ€™t"): a damaged file, not a garbled word."""
    return "â€" in text or any("\x80" <= ch <= "\x9f" for ch in text)
