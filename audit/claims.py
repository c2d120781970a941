"""Check-worthy claims in one article, with their slots normalised for comparison.

A claim is a statement another outlet could confirm or contradict:

* ``quantity`` — a number with what it counts ("$50 million", "at least the 21st strike");
* ``date`` — when something happened ("signed last July"), resolved against the article date;
* ``actor`` — who did (or did not do) what ("the CIA conducted", "did not support");
* ``title`` — the office a named person is given ("Secretary of War Pete Hegseth");
* ``quote`` — quoted words, with the speaker when the sentence names one.

:func:`extract` reads them from a :class:`~audit.text.Document` into an
:class:`ArticleClaims`, the compact, picklable summary the cross-source stage compares.

>>> doc = Document.from_text("The CIA did not conduct the strike. It cost $5 million.", date="2025-12-30")
>>> [(c.kind, c.value, c.actor, c.polarity) for c in extract(doc).claims]
[('actor', 'strike', 'cia', -1), ('quantity', 5000000.0, None, 1)]
"""

from __future__ import annotations

import datetime as dt
import re
import weakref
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from audit.alignment import content_words, fold, words
from audit.entities import Name, find_names
from audit.lexicons import expand, load_sections
from audit.memo import WordMemo
from audit.text import Document, Sentence
from audit.vocabulary import word_frequencies

MIN_QUOTE_WORDS = 2
MAX_SPAN_CHARS = 2000  # a claim's span is cut here, so a summary stays small
MAX_KEYS = 40  # blocking keys kept per article (the rarest)
COMMON_WORD_COUNT = 200_000  # a word this common in English is no blocking key
_NOT_IN_KEY = frozenset("the us of".split())
_TITLE_NOISE = frozenset("the of us u.s u.s. then former acting".split())
_SPELLING = {"defence": "defense", "centre": "center", "organisation": "organization"}
_AUX = frozenset("has have had was were is are be been did does do will would could can may might also".split())
_THAT = frozenset("it that they he she we".split())
_SKIP_TITLES = frozenset("mr mrs ms dr".split())
_PLACES_AS_SPEAKERS = frozenset("us usa uk un eu".split())  # "US officials said": no one in particular


@dataclass(frozen=True, slots=True)
class Claim:
    """One check-worthy statement. ``start``/``end`` point into the article text."""

    kind: str  # quantity | date | actor | title | quote
    start: int
    end: int
    sentence: int  # index into ArticleClaims.sentences (the claim's sentence)
    context: int  # index of the sentence read with it (the one before), or -1
    value: Any  # number | ISO date | action | normalised title | tuple of quoted words
    unit: str | None = None  # what a quantity counts; a date's granularity
    qualifier: str = "="  # ">", ">=", "~" ... for quantities
    actor: str | None = None  # the actor, the titled person, or the quote's speaker (a key)
    polarity: int = 1  # -1 when the sentence denies the action
    when: str | None = None  # ISO date of the event, when the text gives one
    cumulative: bool = False  # a running total ("the 21st strike", "over 30 strikes")
    label: str = ""  # the claim as a reader would name it
    text: str = ""  # the article's text from start to end


@dataclass
class ArticleClaims:
    """What the consistency signal keeps of one article: small, picklable."""

    id: str
    source: str  # the outlet (source, else domain, else the article id)
    date: str | None
    sentences: list[tuple[int, int, str]] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    keys: frozenset[str] = frozenset()  # rare words and names, for blocking
    anchors: list[tuple[str, str, int]] = field(default_factory=list)  # (date, granularity, sentence): events


# ---------------------------------------------------------------- lexicon


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, dict[str, str]]:
    """Each section's phrases (folded) -> the section's meaning (the action for act:*)."""
    out: dict[str, dict[str, str]] = {}
    for section, entries in load_sections("claim_words").items():
        group, _, action = section.partition(":")
        for entry in entries:
            for phrase in expand(entry):
                out.setdefault(group, {})[fold(phrase)] = action or group
    return out


@lru_cache(maxsize=1)
def _first_words() -> dict[str, frozenset[str]]:
    """Each section's words that open one of its phrases."""
    return {group: frozenset(phrase.split(" ")[0] for phrase in table) for group, table in _lexicon().items()}


def _phrase_at(tokens: list[str], index: int, group: str) -> tuple[str, int] | None:
    """The lexicon phrase of ``group`` starting at ``tokens[index]``: (meaning, length)."""
    table = _lexicon()[group]
    if index >= len(tokens) or tokens[index] not in _first_words()[group]:
        return None  # most words open no phrase: no need to join three candidates (~400 calls an article)
    for length in (3, 2, 1):
        phrase = " ".join(tokens[index:index + length])
        if len(tokens) - index >= length and phrase in table:
            return table[phrase], length
    return None


def _has_phrase(tokens: list[str], group: str) -> bool:
    """Whether a lexicon phrase of ``group`` starts anywhere in ``tokens`` (tried only at the words that open one)."""
    openers = _first_words()[group]
    return any(_phrase_at(tokens, i, group) for i, token in enumerate(tokens) if token in openers)


# ---------------------------------------------------------------- extraction


_EXTRACTED: weakref.WeakKeyDictionary[Document, ArticleClaims] = weakref.WeakKeyDictionary()


def extract(doc: Document) -> ArticleClaims:
    """Every check-worthy claim of ``doc`` and the keys that block it with other articles.

    Read once per document: the consistency signal and the cross-source transcription
    check both ask for it.
    """
    if doc not in _EXTRACTED:
        _EXTRACTED[doc] = _extract(doc)
    return _EXTRACTED[doc]


def _extract(doc: Document) -> ArticleClaims:
    article = doc.article
    summary = ArticleClaims(id=article.id, source=_source(article), date=_iso(article.date))
    reader = _Reader(doc, summary)
    names = find_names(doc)
    reader.quantities()
    reader.dates()
    reader.actors(names)
    reader.titles(names)
    reader.quotes(names)
    summary.claims.sort(key=lambda c: (c.start, c.kind))
    summary.keys = _keys(doc, names)
    return summary


def _source(article) -> str:
    return str(article.source or article.domain or article.id)


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


class _Reader:
    """Walks one document once per claim kind, filling one summary."""

    def __init__(self, doc: Document, summary: ArticleClaims) -> None:
        self.doc, self.summary = doc, summary
        self.is_body = {i for i, s in enumerate(doc.sentences) if not s.heading}
        self.local: dict[int, int] = {}
        self.day_dates = [(d.start, d.value) for d in doc.dates if d.value and d.granularity == "day"]
        self.day_starts = [start for start, _ in self.day_dates]
        self.article_date = _iso(doc.article.date)
        self.seen: set[tuple[Any, ...]] = set()

    # -- sentences kept in the summary

    def _keep(self, index: int) -> int:
        if index not in self.local:
            sentence = self.doc.sentences[index]
            self.local[index] = len(self.summary.sentences)
            self.summary.sentences.append((sentence.start, sentence.end, self.doc.span_text(sentence)))
        return self.local[index]

    def _context(self, index: int) -> int:
        """The sentence before, when this one leans on it (short, or opens with "It", "They")."""
        if index == 0 or self.doc.sentences[index - 1].heading:
            return -1
        sentence = self.doc.sentences[index]
        tokens = [t.lower for t in self.doc.words_in(sentence.start, sentence.end)]
        if len(tokens) < 9 or (tokens and _phrase_at(tokens, 0, "anaphor")):
            if self.doc.sentences[index - 1].paragraph == sentence.paragraph or len(tokens) < 9:
                return self._keep(index - 1)
        return -1

    def add(self, kind: str, start: int, end: int, **slots: Any) -> None:
        index = self.doc.sentence_index(start)
        if index not in self.is_body:
            return
        key = (kind, slots.get("value"), slots.get("actor"), slots.get("unit"), start if kind != "title" else None)
        if key in self.seen:
            return
        self.seen.add(key)
        end = min(end, start + MAX_SPAN_CHARS)
        context = self._context(index)
        text = self.doc.text[start:end]
        self.summary.claims.append(Claim(kind, start, end, self._keep(index), context, text=text, **slots))

    def _when(self, start: int) -> str | None:
        """The day the sentence at ``start`` is about: a day date in it or just before it in its paragraph."""
        sentence_index = self.doc.sentence_index(start)
        sentence = self.doc.sentences[sentence_index]
        position = bisect_right(self.day_starts, sentence.end - 1) - 1
        if position < 0:
            return None
        at, value = self.day_dates[position]
        home = self.doc.sentence_index(at)
        if self.doc.sentences[home].paragraph != sentence.paragraph or sentence_index - home > 2:
            return None
        return value.isoformat()

    def _sentence_words(self, start: int) -> list[str]:
        sentence = self.doc.sentence_at(start)
        return [t.lower for t in self.doc.words_in(sentence.start, sentence.end)]

    # -- kinds

    def quantities(self) -> None:
        for q in self.doc.quantities:
            if not q.unit or not (q.unit in ("USD", "EUR", "GBP", "%") or re.fullmatch(r"[a-z][a-z-]{2,}", q.unit)):
                continue
            tokens = self._sentence_words(q.start)
            # "the third debate" names an event; "at least the 21st strike", "over 30 strikes" count them
            cumulative = q.qualifier in (">", ">=") or _has_phrase(tokens, "cumulative")
            self.add("quantity", q.start, q.end, value=q.value, unit=q.unit, qualifier=q.qualifier,
                     when=self.article_date if cumulative else self._when(q.start), cumulative=cumulative,
                     label=q.text)  # fmt: skip

    def dates(self) -> None:
        for d in self.doc.dates:
            if d.value is None or d.granularity not in ("day", "month"):
                continue
            if d.granularity == "month" and d.relative and not re.match(r"(?i)(last|early|late|mid)", d.text):
                continue  # "in August" alone is a scope, not a checkable date
            self.add("date", d.start, d.end, value=d.value.isoformat(), unit=d.granularity,
                     qualifier="~" if d.relative else "=", label=d.text)  # "~": resolved from the article's date
            sentence = self.doc.sentence_index(d.start)
            for reported in (sentence, sentence + 1):  # "On Tuesday, Trump spoke. He said the strike ..."
                if self._is_event(reported, self.doc.sentences[sentence].paragraph):
                    self.summary.anchors.append((d.value.isoformat(), d.granularity, self._keep(reported)))
                    break

    def _is_event(self, index: int, paragraph: int) -> bool:
        if index >= len(self.doc.sentences) or self.doc.sentences[index].paragraph != paragraph:
            return False
        sentence = self.doc.sentences[index]
        tokens = [t.lower for t in self.doc.words_in(sentence.start, sentence.end)]
        return _has_phrase(tokens, "event")

    def actors(self, names: list[Name]) -> None:
        for name in names:
            if name.kind == "other" and " " not in name.text and not name.text.isupper():
                continue  # a lone capitalised word ("Venezuela") is rarely the actor of a claim
            if self.doc.text[name.end:name.end + 1] in ("’", "'"):
                continue  # "Maduro’s capture" names an event, not an act of Maduro's
            first, last = self.doc.token_range(name.end, self.doc.sentence_at(name.start).end)
            after = _words_until_punctuation(self.doc.tokens[first:min(last, first + 7)])  # up to 7 words
            found = _action_after([t.lower for t in after])
            if found:
                action, polarity, length = found
                end = after[length - 1].end if length else name.end
                self.add("actor", name.start, end, value=action, actor=actor_key(name.text), polarity=polarity,
                         when=self._when(name.start), label=self.doc.text[name.start:end])  # fmt: skip

    def titles(self, names: list[Name]) -> None:
        for name in names:
            if not name.title or name.title.lower().rstrip(".") in _SKIP_TITLES:
                continue
            title = title_key(name.title)
            if title:
                start = self.doc.text.rfind(name.title, 0, name.end)
                start = start if start >= 0 else name.start
                self.add("title", start, name.end, value=title, actor=person_key(name.text),
                         label=self.doc.text[start:name.end])  # fmt: skip

    def quotes(self, names: list[Name]) -> None:
        starts = [n.start for n in names]
        for quote in self.doc.quotes:
            quoted = tuple(words(self.doc.text[quote.inner_start:quote.inner_end]))
            if len(quoted) < MIN_QUOTE_WORDS:
                continue
            speaker = _speaker(self.doc, quote.start, quote.end, names, starts)
            self.add("quote", quote.inner_start, quote.inner_end, value=quoted, actor=speaker,
                     when=self._when(quote.start), label=" ".join(quoted[:12]))  # fmt: skip


def _words_until_punctuation(tokens: list) -> list:
    """The word tokens up to the first comma, dash or other mark ("Pacific Ocean, killing" stops)."""
    out = []
    for token in tokens:
        if not token.is_word:
            break
        out.append(token)
    return out


def _action_after(tokens: list[str]) -> tuple[str, int, int] | None:
    """An action right after a name: ("strike", polarity, tokens used) or None.

    >>> _action_after("stated it did not support this strike".split())
    ('support', -1, 5)
    >>> _action_after("denied support".split())
    ('support', -1, 2)
    """
    polarity, index = 1, 0
    while index < len(tokens):
        token = tokens[index]
        action = _phrase_at(tokens, index, "act")
        if action and token not in _AUX:
            return action[0], polarity, index + action[1]
        if _phrase_at(tokens, index, "denial"):
            following = _phrase_at(tokens, index + 1, "act") if index + 1 < len(tokens) else None
            return (following[0] if following else "take_part"), -1, index + 1 + (following[1] if following else 0)
        if token.endswith(("n't", "n’t")) or _phrase_at(tokens, index, "negation"):
            polarity = -polarity
        elif not (token in _AUX or token in _THAT or token.endswith("ly") or _phrase_at(tokens, index, "speech")):
            return None
        index += 1
    return None


def _speaker(doc: Document, start: int, end: int, names: list[Name], starts: list[int]) -> str | None:
    """Who a quote is attributed to: a name in its sentence (nearest a speech verb), else in the one before."""
    index, closing = doc.sentence_index(start), doc.sentence_index(max(start, end - 1))
    he_she = _opens_with_pronoun(doc, doc.sentences[index], ("he", "she"))
    order = (index - 1,) if he_she else (index, closing, index - 1)
    for sentence_index in dict.fromkeys(order):
        if sentence_index < 0:
            continue
        sentence = doc.sentences[sentence_index]
        first, last = bisect_right(starts, sentence.start - 1), bisect_right(starts, sentence.end - 1)
        candidates = [n for n in names[first:last] if not (start <= n.start < end) and _speaker_like(n)]
        if candidates:
            speech = _lexicon()["speech"]  # a one-word phrase of it, as _phrase_at([word], 0, "speech") finds it
            verbs = [t.start for t in doc.words_in(sentence.start, sentence.end)
                     if t.lower in speech and t.text[:1].islower()]  # fmt: skip
            anchor = verbs[0] if verbs and sentence_index != index - 1 else start
            best = candidates[0] if sentence_index == index - 1 else min(candidates, key=lambda n: abs(n.start - anchor))
            return person_key(best.text) if best.kind != "organisation" else actor_key(best.text)
        if sentence_index == closing and not _opens_with_pronoun(doc, doc.sentences[index]):
            return None
    return None


def _speaker_like(name: Name) -> bool:
    if actor_key(name.text) in _PLACES_AS_SPEAKERS:
        return False
    return name.kind in ("person", "organisation") or name.text.count(" ") <= 2


def _opens_with_pronoun(doc: Document, sentence: Sentence, pronouns: tuple[str, ...] = ("he", "she", "they", "it")) -> bool:
    first = doc.words_in(sentence.start, sentence.end)[:1]
    return bool(first) and first[0].lower in pronouns


# ---------------------------------------------------------------- keys


@lru_cache(maxsize=1 << 14)
def person_key(name: str) -> str:
    """A person as other articles name them: the surname, folded ("Nicolás Maduro" -> "maduro")."""
    parts = re.sub(r"\bu\.s\b\.?", "us", fold(name)).replace("'s", "").split()
    return parts[-1] if parts else ""


@lru_cache(maxsize=1 << 14)
def actor_key(name: str) -> str:
    """An organisation or person as a comparable key ("the U.S. CIA" -> "cia")."""
    parts = re.sub(r"\bu\.s\b\.?", "us", fold(name)).replace("'s", "").split()
    return " ".join(p for p in parts if p not in _NOT_IN_KEY) or " ".join(parts)


def same_actor(a: str | None, b: str | None) -> bool:
    """One key's words contained in the other's ("special operations" ~ "special operations command")."""
    if not a or not b:
        return False
    wa, wb = set(a.split()), set(b.split())
    return wa <= wb or wb <= wa


def title_key(title: str) -> str:
    """An office's words, order-free, spelling folded ("US Defence Secretary" -> "defense secretary")."""
    parts = {_SPELLING.get(p, p) for p in re.findall(r"[a-z]+", fold(title))} - _TITLE_NOISE
    parts = {p for p in parts if not re.fullmatch(r"[a-z]+(?:an|ian|ese)", p) or p in ("commander",)}
    return " ".join(sorted(parts))


def _keys(doc: Document, names: list[Name]) -> frozenset[str]:
    """The article's rarest words and its names: what another article on the same events shares."""
    found: dict[str, int] = {}
    for name in names:
        key = person_key(name.text) if name.kind == "person" else actor_key(name.text)
        if key and len(key) > 2:
            found[key] = 0
    # each distinct word once, in order of first use; a key already found keeps its first count
    for key, count in filter(None, map(_KEY_WORDS.__getitem__, dict.fromkeys([t.text for t in doc.words]))):
        found.setdefault(key, count)
    return frozenset(sorted(found, key=found.get)[:MAX_KEYS])


def _key_word(text: str) -> tuple[str, int] | None:
    """(folded word, its English frequency) of a word that can be a blocking key: over three letters,
    alphabetic, not common; None for any other word."""
    low = text.lower() if text.isascii() else fold(text)  # fold() of ASCII is lower()
    if len(low) > 3 and low.isalpha():
        count = word_frequencies().get(low, 0)
        if count < COMMON_WORD_COUNT:
            return low, count
    return None


# a plain dict, not an lru_cache: a hit in a large lru_cache moves its entry in a linked list (a few
# cache misses each), and an article asks for some 300 words (in one process, alternating per article
# on 1,000 articles: _keys 0.37 -> 0.32 ms)
_KEY_WORDS: WordMemo[tuple[str, int] | None] = WordMemo(_key_word, max_entries=1 << 16)


def context_text(summary: ArticleClaims, claim: Claim) -> str:
    """The claim's sentence, with the sentence before when it leans on it."""
    text = summary.sentences[claim.sentence][2]
    return (summary.sentences[claim.context][2] + " " + text) if claim.context >= 0 else text


def claim_words(summary: ArticleClaims, claim: Claim) -> set[str]:
    """Content words of a claim's context, plural -s cut, dates left out (for "do these share
    anything but the number")."""
    found = {w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w
             for w in content_words(words(context_text(summary, claim)))}  # fmt: skip
    return found - _DATE_WORDS


_DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december today yesterday week month year".split()
)


__all__ = ["ArticleClaims", "Claim", "extract", "context_text", "claim_words", "same_actor", "person_key",
           "actor_key", "title_key"]  # fmt: skip
