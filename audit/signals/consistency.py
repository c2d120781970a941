"""Factual consistency across sources, and quote fidelity.

For each article: which of its check-worthy claims (:mod:`audit.claims`) other outlets
in the batch confirm, which they contradict, which appear nowhere else, and whether its
quotations match what other outlets quote the same person as saying.

How: each article is reduced to its claims (``collect``); ``compare`` links the articles
of one story by their rare words and names (:mod:`audit.events`, never all pairs), then
matches claims of the same kind and slot between linked articles, reading the two
sentences' likeness (TF-IDF on words and character 4-grams) and their dates:

* ``corroborated`` — k other sources state the same value in a like sentence;
* ``conflict`` — the same slot with another value (number, date, actor, or a denial);
* ``evolving`` — a running count that differs as the articles' dates allow (21 strikes
  on 15 Nov, over 30 by late December): not a conflict;
* ``title_variant`` — the same person under another title: not a factual conflict;
* ``single_source`` — no other source in the batch carries it;
* ``quote_verbatim`` / ``quote_variant`` (word-level difference in ``diff``) / ``quote_unmatched``.

>>> from audit.text import Document
>>> a = collect(Document.from_text("The reward is $50 million for Maduro's arrest.", id="a", source="A"))
>>> b = collect(Document.from_text("A $50 million reward is offered for Maduro's arrest.", id="b", source="B"))
>>> [f.kind for f in compare({"a": a, "b": b})["a"].findings]
['corroborated']
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

import numpy as np

from audit.alignment import STOPWORDS, TfidfWeights, align, cosines, describe
from audit.claims import ArticleClaims, Claim, claim_words, context_text, extract, same_actor
from audit.events import Event, Links, group_events, link_articles, story_order
from audit.findings import Evidence, Finding, SignalResult
from audit.signals.base import Signal, by_position
from audit.text import Document

SAME_EVENT_DAYS = 2  # event dates further apart are different events
GENERIC_UNITS = frozenset({"people", "person", "year", "month", "day", "week", "time", "%", "USD", "EUR", "GBP"})
MAX_EVIDENCE = 5
CACHED_CLAIMS = 6_000  # claims whose words are kept (a few windows of the story order)
CACHED_ARTICLES = 1_000  # articles whose stated values are kept
WINDOW = 200  # articles judged together, in story order: their claims' rows are made at once
PAIRS_PER_SLICE = 2_000  # claim pairs whose rows are copied at once for their cosines
CLAIM_KINDS = ("quantity", "date", "actor", "title")

SCORES = {
    "claims": "Check-worthy claims found (numbers, dates, who-did-what, titles; quotes counted apart).",
    "corroborated_share": "Share of the claims that at least one other source in the batch states the same way.",
    "conflicts": "Claims another source in the batch contradicts (another number, date or actor, or a denial).",
    "evolving": "Running counts that differ from another source's as their dates allow (not conflicts).",
    "single_source_share": "Share of the claims no other source in the batch carries: check these independently.",
    "title_variants": "People another source names with a different title (not counted as conflicts).",
    "quotes": "Quotations of two words or more.",
    "quote_verbatim_share": "Share of the quotations another outlet quotes word for word.",
    "quote_variant_share": "Share of the quotations another outlet quotes with some words different.",
    "quote_unmatched_share": "Share of the quotations no other outlet in the batch carries.",
    "quote_fidelity": "Of the quotations other outlets also carry, the share quoted word for word (1 when none could be checked).",
    "sources_compared": "Other sources in the batch judged to cover the same story (the ones compared).",
    "events": "Events (dated happenings) the article reports that the batch's articles were grouped into.",
}


@dataclass(slots=True)
class _Relation:
    """How one claim stands against another article's claim. Only what the finding reads of
    that claim is kept, not the claim: relations wait for their article's turn, and the
    claims of articles out of the window should be let go."""

    verdict: str  # same | conflict | evolving | title_variant | quote_verbatim | quote_variant
    other: int  # article index
    start: int  # the other claim's offset, sentence and label
    sentence: int
    label: str
    confidence: float = 1.0
    diff: tuple = ()
    note: str = ""


class _Batch:
    """The batch being compared, its claims numbered one after another across articles.

    Nothing of the batch is copied: a claim is read from its article when asked for (the
    summaries may be unpacked on demand, see :mod:`audit.cache`), and what is derived
    from claims is cached a bounded amount, so a batch of any size keeps only the
    words of the claims it met lately.
    """

    def __init__(self, items: Sequence[ArticleClaims]) -> None:
        self.items = items
        self.offsets = list(accumulate((len(item.claims) for item in items), initial=0))  # article -> first claim
        self.words = lru_cache(maxsize=CACHED_CLAIMS)(self._words)
        self._stated = lru_cache(maxsize=CACHED_ARTICLES)(self._values)

    def __len__(self) -> int:
        return self.offsets[-1]

    def owner(self, index: int) -> int:
        """The article that holds claim ``index``."""
        return bisect_right(self.offsets, index) - 1

    def claim(self, index: int) -> Claim:
        article = self.owner(index)
        return self.items[article].claims[index - self.offsets[article]]

    def claims_of(self, article: int) -> range:
        return range(self.offsets[article], self.offsets[article + 1])

    def context(self, index: int) -> str:
        """The sentence words of claim ``index`` that its TF-IDF row is made from."""
        article = self.owner(index)
        return context_text(self.items[article], self.items[article].claims[index - self.offsets[article]])

    def said_there(self, claim: Claim, article: int, sentence: int) -> bool:
        """Whether the other article's sentence also states ``claim``'s value."""
        return (claim.kind, claim.unit, claim.value) in self._stated(article).get(sentence, ())

    def _words(self, index: int) -> set[str]:
        return claim_words(self.items[self.owner(index)], self.claim(index))

    def _values(self, article: int) -> dict[int, set]:
        stated: dict[int, set] = {}
        for c in self.items[article].claims:
            stated.setdefault(c.sentence, set()).add((c.kind, c.unit, c.value))
        return stated


def collect(doc: Document) -> ArticleClaims:
    """The article's claims and blocking keys (small and picklable)."""
    return extract(doc)


def compare(summaries: Mapping[str, ArticleClaims]) -> dict[str, SignalResult]:
    """Verdicts for every claim of every article, against the other articles of its story."""
    found = dict(verdicts(summaries))
    return {article_id: found[article_id] for article_id in summaries if article_id in found}


def verdicts(summaries: Mapping[str, ArticleClaims]) -> Iterator[tuple[str, SignalResult]]:
    """:func:`compare` one article at a time, story by story (:func:`audit.events.story_order`).

    Each pair of linked articles is judged on the turn of the first of the two, both ways;
    what is found for the other article waits for its turn, which in story order comes
    soon. So memory holds the relations, TF-IDF rows and summaries of a window of the
    batch, never of all of it; only the links and a flag per claim are the batch's.
    """
    try:
        yield from _verdicts(summaries)
    finally:
        _quote_words.cache_clear()  # it holds the batch's claims: let them go with the batch


def _verdicts(summaries: Mapping[str, ArticleClaims]) -> Iterator[tuple[str, SignalResult]]:
    ids = list(summaries)
    items = by_position(summaries, ids)
    batch = _Batch(items)
    links = link_articles(s.keys for s in items)
    touched = Counter(article for event in group_events(items, links) for article in event.articles)
    order = story_order(links)
    turn = [0] * len(order)
    for position, article in enumerate(order):
        turn[article] = position
    tfidf = _idf_of_claims_that_meet(batch, links, order, turn)
    waiting: dict[int, list[tuple[tuple[int, int, int], int, _Relation]]] = defaultdict(list)
    for start in range(0, len(order), WINDOW):
        window = order[start:start + WINDOW]
        due = {a: [(key, _candidate_pairs(batch, key[0], key[1])) for key in _pairs_due(batch, links, a, turn)]
               for a in window}  # fmt: skip
        pairs_in_window = [pair for keyed in due.values() for _, pairs in keyed for pair in pairs]
        similarity = iter(_similarities(batch, tfidf, pairs_in_window).tolist())  # taken in the same order below
        for a in window:
            mine = waiting.pop(a, [])  # (pair key, claim, relation): what earlier turns found for this article
            for (x, y, rank), pairs in due[a]:
                for k, ((g, h), sim) in enumerate(zip(pairs, similarity)):
                    for this, home, other, away in ((g, x, h, y), (h, y, g, x)):
                        relation = _judge(batch, (this, batch.claim(this), items[home]), (other, away, items[away]), sim)
                        if relation:
                            (mine if home == a else waiting[home]).append(((x, rank, k), this, relation))
            relations: dict[int, list[_Relation]] = defaultdict(list)
            for _, g, relation in sorted(mine, key=lambda found: found[0]):  # in the order the pairs are made
                relations[g].append(relation)
            findings = [_finding(batch, g, relations.get(g, [])) for g in batch.claims_of(a)]
            item = items[a]
            compared = {items[b].source for b, _ in links[a] if items[b].source != item.source}
            yield ids[a], SignalResult(findings=findings, scores=_scores(findings, len(compared), touched[item.id]))


def _pairs_due(batch: _Batch, links: Links, a: int,
               turn: list[int]) -> Iterator[tuple[int, int, int]]:  # fmt: skip
    """The linked articles of other outlets whose claims meet ``a``'s on ``a``'s turn (the
    ones whose own turn comes later), as ``(x, y, rank)``: the two articles by position and
    ``y``'s rank among ``x``'s links. Pairs made in that key's order come in the same order
    however the batch is walked, so each claim's evidence does too."""
    for b, _ in links[a]:
        if turn[b] > turn[a] and batch.items[a].source != batch.items[b].source:
            x, y = min(a, b), max(a, b)
            yield x, y, next(rank for rank, (other, _) in enumerate(links[x]) if other == y)


def _idf_of_claims_that_meet(batch: _Batch, links: Links, order: list[int],
                             turn: list[int]) -> TfidfWeights:  # fmt: skip
    """TF-IDF weights learnt from the sentences of every claim that meets a claim of another article."""
    meets = np.zeros(len(batch), dtype=bool)
    for a in order:
        for x, y, _ in _pairs_due(batch, links, a, turn):
            for g, h in _candidate_pairs(batch, x, y):
                meets[g] = meets[h] = True
    tfidf = TfidfWeights()
    tfidf.add(batch.context(g) for g in np.flatnonzero(meets).tolist())
    return tfidf


def _similarities(batch: _Batch, tfidf: TfidfWeights, pairs: list[tuple[int, int]]) -> np.ndarray:
    """The TF-IDF cosine of each pair's two sentences."""
    out = np.zeros(len(pairs), dtype=np.float32)
    if not pairs:
        return out
    first, second = np.array(pairs, dtype=np.int32).T
    involved = np.unique(np.concatenate([first, second]))
    vectors = tfidf.rows([batch.context(g) for g in involved.tolist()])
    first, second = np.searchsorted(involved, first), np.searchsorted(involved, second)
    for at in range(0, len(pairs), PAIRS_PER_SLICE):  # each pair copies its two rows: a slice at a time
        out[at:at + PAIRS_PER_SLICE] = cosines(vectors[first[at:at + PAIRS_PER_SLICE]], vectors[second[at:at + PAIRS_PER_SLICE]])
    return out


# ---------------------------------------------------------------- candidates


def _candidate_pairs(batch: _Batch, a: int, b: int) -> list[tuple[int, int]]:
    """Claim pairs of articles ``a`` and ``b`` worth judging: same kind and slot."""
    def slot(claim: Claim) -> list[str]:
        if claim.kind == "quantity":
            return [f"q:{claim.unit}"]
        if claim.kind == "actor":
            return [f"a:{claim.value}"]
        if claim.kind == "title":
            return [f"t:{claim.actor}"]
        if claim.kind == "date":  # blocked by month: a date conflict across months goes unseen
            return [f"d:{claim.value[:7]}"]
        return [f"w:{w}" for w in sorted(_quote_words(claim))]

    index: dict[str, list[int]] = defaultdict(list)
    theirs = dict(zip(batch.claims_of(b), batch.items[b].claims))
    for h, claim in theirs.items():
        for key in slot(claim):
            index[key].append(h)
    found: dict[tuple[int, int], None] = {}
    for g, claim in zip(batch.claims_of(a), batch.items[a].claims):
        for key in slot(claim):
            for h in index.get(key, ()):
                if (g, h) not in found and _worth_aligning(claim, theirs[h]):
                    found[(g, h)] = None
    return list(found)


@lru_cache(maxsize=CACHED_CLAIMS)
def _quote_words(claim: Claim) -> frozenset[str]:
    return frozenset(w for w in claim.value if len(w) > 3 and w not in STOPWORDS)


def _worth_aligning(mine: Claim, theirs: Claim) -> bool:
    """Cheap checks before two quotes are aligned: a shared speaker, or words enough in common."""
    if mine.kind != "quote":
        return True
    if mine.actor and theirs.actor and not same_actor(mine.actor, theirs.actor):
        return False
    shared = len(_quote_words(mine) & _quote_words(theirs))
    shortest = min(len(_quote_words(mine)), len(_quote_words(theirs)))
    return shared >= 1 and shared / (shortest or 1) >= 0.4 and (
        shared >= min(2, shortest) or bool(mine.actor and theirs.actor))


# ---------------------------------------------------------------- judging one pair


def _judge(batch: _Batch, ours: tuple[int, Claim, ArticleClaims], theirs_at: tuple[int, int, ArticleClaims],
           sim: float) -> _Relation | None:  # fmt: skip
    """How claim ``this`` (``mine``, of article ``home``) stands against claim ``other`` of article ``there``."""
    (this, mine, home), (other, there, away) = ours, theirs_at
    theirs = away.claims[other - batch.offsets[there]]
    judge = {"quantity": _quantity, "date": _date, "actor": _actor, "title": _title, "quote": _quote}[mine.kind]
    verdict = judge(mine, theirs, sim, home, away, batch.words(this) & batch.words(other))
    if verdict is None:
        return None
    if verdict[0] == "conflict" and mine.kind in ("quantity", "date") and batch.said_there(
            mine, there, theirs.sentence):
        return None  # the other sentence also gives this value: two slots, not two values for one
    name, confidence, *rest = verdict
    return _Relation(name, there, theirs.start, theirs.sentence, theirs.label, confidence, *rest)


def _quantity(mine: Claim, theirs: Claim, sim: float, home, away, shared: set[str]):
    if mine.unit != theirs.unit:
        return None
    running = mine.cumulative and theirs.cumulative
    if not running and mine.when and theirs.when and _days(mine.when, theirs.when) > SAME_EVENT_DAYS:
        return None  # two different events (a strike in November, another in February)
    if mine.value == theirs.value and mine.qualifier == theirs.qualifier:
        small = mine.value < 10 and mine.unit not in ("USD", "EUR", "GBP", "%")
        return ("same", min(1.0, 0.5 + sim)) if sim >= (0.3 if small else 0.1) and shared else None
    low, high = _interval(mine), _interval(theirs)
    overlap = low[0] <= high[1] and high[0] <= low[1]
    # a running count of a specific thing ("strikes") in one story needs no like sentence;
    # people, money, years and shares are counted for too many things to assume one slot
    specific = mine.unit not in GENERIC_UNITS
    if (sim < (0.0 if running and specific else 0.3)) or overlap and (not running or _near(home.date, away.date)):
        return None
    if running and not _near(home.date, away.date):
        earlier, later = (low, high) if (home.date or "") <= (away.date or "") else (high, low)
        if later[1] >= earlier[0]:
            return "evolving", 0.8, (), "a running count that grew between the articles' dates"
        if sim < 0.35 or not specific:
            return None
        return "conflict", 0.6, (), "a running count that shrank between the articles' dates"
    needed = 0.45 if specific else 0.6  # polls and tallies give many like sentences with other numbers
    if sim >= needed and (running or (mine.when and theirs.when)):
        return "conflict", 0.7, (), "another value for the same event"
    if sim >= needed + 0.05 and _near(home.date, away.date):
        return "conflict", 0.5, (), "another value in a very like sentence, same days"
    return None


def _interval(claim: Claim) -> tuple[float, float]:
    v = float(claim.value)
    return {
        ">": (v * 1.0001, float("inf")), ">=": (v, float("inf")), "<": (0.0, v * 0.9999), "<=": (0.0, v),
        "~": (v * 0.85, v * 1.15),
    }.get(claim.qualifier, (v * 0.995, v * 1.005))


def _date(mine: Claim, theirs: Claim, sim: float, home, away, shared: set[str]):
    if sim < 0.15 or len(shared) < 2:
        return None
    a, b = mine.value, theirs.value
    agree = a == b or (mine.unit == "month" and b.startswith(a[:7])) or (theirs.unit == "month" and a.startswith(b[:7]))
    if agree:
        return "same", min(1.0, 0.4 + sim)
    if sim >= 0.6 and mine.unit == theirs.unit == "day" and mine.qualifier == theirs.qualifier == "=":
        return "conflict", 0.5, (), "another date in a very like sentence"
    return None


def _actor(mine: Claim, theirs: Claim, sim: float, home, away, shared: set[str]):
    if mine.value != theirs.value or not same_actor(mine.actor, theirs.actor) or sim < 0.2 or not shared:
        return None
    if mine.when and theirs.when and _days(mine.when, theirs.when) > SAME_EVENT_DAYS:
        return None
    if mine.polarity == theirs.polarity:
        return "same", min(1.0, 0.4 + sim)
    return "conflict", 0.7, (), "one says the actor did it, the other that it did not"


def _title(mine: Claim, theirs: Claim, sim: float, home, away, shared: set[str]):
    if mine.actor != theirs.actor:
        return None
    return ("same", 0.9) if mine.value == theirs.value else ("title_variant", 0.8)


def _quote(mine: Claim, theirs: Claim, sim: float, home, away, shared: set[str]):
    if mine.actor and theirs.actor and not same_actor(mine.actor, theirs.actor):
        return None  # another speaker's words
    if mine.when and theirs.when and _days(mine.when, theirs.when) > SAME_EVENT_DAYS:
        return None  # the same speaker on another occasion
    alignment = align(mine.value, theirs.value)
    if alignment.matched == 0:
        return None
    if not alignment.diff and alignment.matched >= min(3, len(mine.value), len(theirs.value)):
        return "quote_verbatim", 1.0
    runs_short = all(len(op["this"].split()) <= 3 and len(op["other"].split()) <= 3 for op in alignment.diff)
    if not alignment.diff or not runs_short or alignment.coverage < 0.5:
        return None
    content = len([w for w in alignment.matched_words if w not in STOPWORDS and len(w) > 1])
    same_speaker = bool(mine.actor and theirs.actor)
    if (same_speaker and content) or (content >= 4 and alignment.coverage >= 0.6) or (sim >= 0.4 and content):
        return "quote_variant", round(0.5 + 0.5 * alignment.coverage, 3), alignment.diff
    return None


def _days(a: str, b: str) -> int:
    return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)


def _near(a: str | None, b: str | None) -> bool:
    return bool(a and b) and _days(a, b) <= 3


# ---------------------------------------------------------------- findings and scores


def _finding(batch: _Batch, index: int, relations: list[_Relation]) -> Finding:
    claim = batch.claim(index)
    by_verdict: dict[str, list[_Relation]] = defaultdict(list)
    for relation in relations:
        by_verdict[relation.verdict].append(relation)
    kind, chosen = _verdict(claim, by_verdict)
    sources = list(dict.fromkeys(batch.items[r.other].source for r in chosen))
    evidence = _evidence(batch, chosen)
    extra = {"claim_kind": claim.kind, "claim": claim.label, "sources": sources, "k": len(sources)}
    if claim.kind == "quote" and claim.actor:
        extra["speaker"] = claim.actor
    message, confidence = _message(kind, claim, chosen, sources, batch)
    if kind == "quote_variant":
        extra["diff"] = [dict(op) for op in chosen[0].diff]
    return Finding(signal="consistency", kind=kind, start=claim.start, end=claim.end, text=claim.text, message=message,
                   evidence=evidence, confidence=confidence, extra=extra)  # fmt: skip


def _verdict(claim: Claim, by: dict[str, list[_Relation]]) -> tuple[str, list[_Relation]]:
    if claim.kind == "quote":
        for verdict in ("quote_verbatim", "quote_variant"):
            if by.get(verdict):
                return verdict, sorted(by[verdict], key=_strongest)
        return "quote_unmatched", []
    agreeing = {r.other for r in by.get("same", ())}
    by["conflict"] = [r for r in by.get("conflict", ()) if r.other not in agreeing]  # it states our value too
    for verdict, kind in (("conflict", "conflict"), ("same", "corroborated"), ("evolving", "evolving"),
                          ("title_variant", "title_variant")):  # fmt: skip
        if by.get(verdict):
            return kind, sorted(by[verdict], key=_strongest)
    return "single_source", []


def _strongest(relation: _Relation) -> tuple[float, int, int]:
    """Most confident first; ties in a fixed order (output must not depend on hash seeds)."""
    return -relation.confidence, relation.other, relation.start


def _evidence(batch: _Batch, chosen: list[_Relation]) -> list[Evidence]:
    out, seen = [], set()
    for relation in chosen:
        key = (relation.other, relation.sentence)
        if key in seen or len(out) >= MAX_EVIDENCE:
            continue
        seen.add(key)
        item = batch.items[relation.other]
        start, end, sentence = item.sentences[relation.sentence]
        out.append(Evidence(article=item.id, text=sentence, start=start, end=end))
    return out


def _message(kind: str, claim: Claim, chosen: list[_Relation], sources: list[str], batch: _Batch) -> tuple[str, float]:
    what = f"“{claim.label}”"
    names = ", ".join(sources[:4]) + ("…" if len(sources) > 4 else "")
    first = chosen[0] if chosen else None
    if kind == "corroborated":
        return f"{what}: {len(sources)} other source(s) state the same ({names}).", max(r.confidence for r in chosen)
    if kind == "conflict":
        return f"{what} is contradicted by {names}, which gives “{first.label}”: {first.note}.", first.confidence
    if kind == "evolving":
        return (f"{what} differs from {names} (“{first.label}”), but as the articles' dates allow: "
                f"{first.note}; not a conflict."), first.confidence  # fmt: skip
    if kind == "title_variant":
        return (f"{what}: {names} names the same person as “{first.label}”: a difference of title, "
                "not a factual conflict."), first.confidence  # fmt: skip
    if kind == "quote_verbatim":
        return f"Quoted word for word by {len(sources)} other source(s) ({names}).", 1.0
    if kind == "quote_variant":
        return (f"{names} quotes the same passage with different words: {describe(first.diff)}. "
                "A quotation should not change between outlets."), first.confidence  # fmt: skip
    if kind == "quote_unmatched":
        return "No other outlet in this batch carries this quotation.", 0.6
    return f"{what}: no other source in this batch carries this claim; check it independently.", 0.6


def _scores(findings: list[Finding], compared: int, events: int) -> dict[str, float]:
    claims = [f for f in findings if f.extra["claim_kind"] != "quote"]
    quotes = [f for f in findings if f.extra["claim_kind"] == "quote"]

    def count(group: list[Finding], kind: str) -> int:
        return sum(f.kind == kind for f in group)

    def share(part: int, whole: int) -> float:
        return round(part / whole, 4) if whole else 0.0

    verbatim, variant = count(quotes, "quote_verbatim"), count(quotes, "quote_variant")
    return {
        "claims": len(claims),
        "corroborated_share": share(count(claims, "corroborated"), len(claims)),
        "conflicts": count(claims, "conflict"),
        "evolving": count(claims, "evolving"),
        "single_source_share": share(count(claims, "single_source"), len(claims)),
        "title_variants": count(claims, "title_variant"),
        "quotes": len(quotes),
        "quote_verbatim_share": share(verbatim, len(quotes)),
        "quote_variant_share": share(variant, len(quotes)),
        "quote_unmatched_share": share(count(quotes, "quote_unmatched"), len(quotes)),
        "quote_fidelity": share(verbatim, verbatim + variant) if verbatim + variant else 1.0,
        "sources_compared": compared,
        "events": events,
    }


def batch_events(summaries: Mapping[str, ArticleClaims]) -> list[Event]:
    """The events of a batch (for notebooks and reports): the same grouping ``compare`` uses."""
    items = list(summaries.values())
    return group_events(items, link_articles(s.keys for s in items))


SIGNAL = Signal(
    name="consistency",
    description="Which of the article's facts and quotations other outlets in the batch confirm, contradict, "
    "or do not carry.",
    scores=SCORES,
    collect=collect,
    compare=verdicts,
)
