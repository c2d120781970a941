"""Find the hedging lexicons' phrases in a document's tokens.

All four lists (hedges, boosters, weasels, loaded) go into one phrase index keyed by first
word, so a document is scanned once. Overlaps are settled longest-first: "almost
certainly" (a hedge) beats "certainly" (a booster), and a ``[not_...]`` phrase such as
"could not" or "regime change" claims its words so that nothing is reported there.
Word-sense rules the lists cannot express live here: "May" with a capital is the month
or a name, "might" after "military" is a noun, a modal needs a verb after it.

>>> from audit.text import Document, Token
>>> doc = Document.from_text("In May the boat may have carried drugs; it could not be reached.")
>>> [(c.kind, c.category, doc.text[c.start:c.end]) for c in find_cues(doc)]
[('hedge', 'modal', 'may have')]
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

from audit.lexicons import expand, load_sections
from audit.text import Document, Token

LISTS = {"hedges": "hedge", "boosters": "booster", "weasels": "weasel", "loaded": "loaded"}
BLOCKING_PREFIX = "not_"  # [not_hedges], [not_boosters], [not_loaded]: claim words, report nothing
CONTEXT_SECTIONS = {"source_verbs"}  # sections that are not cues themselves
CONTRACTIONS = frozenset("it's there's that's he's she's what's who's here's where's let's".split())
# words before "might" that make it the noun ("military might")
NOUN_MIGHT_BEFORE = frozenset(
    "the its his her their our your my military naval economic full sheer all with of american russian chinese "
    "us u.s. western financial industrial".split()
)


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str  # hedge, booster, weasel, loaded; "" for a blocking phrase
    category: str  # the lexicon section
    first: int  # index of the first token in doc.tokens
    last: int  # index after the last token
    start: int  # character offsets into doc.text
    end: int


class PhraseIndex:
    """A word trie of phrases: matching costs the length of the match, not the list size."""

    def __init__(self, entries: Iterable[tuple[tuple[str, ...], str, str]]) -> None:
        self.root: dict = {}
        for words, kind, category in entries:
            node = self.root
            for word in words:
                node = node.setdefault(word, {})
            node.setdefault(None, (kind, category))  # the first listing of a phrase wins

    def matches(self, words: Sequence[str], begin: int = 0, end: int | None = None) -> Iterable[tuple[int, int, str, str]]:
        """(first, last, kind, category) of every phrase found in ``words[begin:end]``."""
        end = len(words) if end is None else end
        root = self.root
        # most words open no phrase: the positions of those that do, picked out without a Python loop
        for i in compress(range(begin, end), map(root.__contains__, words[begin:end])):
            node = root[words[i]]
            j = i
            while node is not None:
                if None in node:
                    yield (i, j + 1, *node[None])
                j += 1
                node = node.get(words[j]) if j < end else None


def normalise(word: str) -> str:
    """Lower case, straight apostrophe, possessive dropped ("strongman's" -> "strongman")."""
    return _normalise_lower(word.lower())


def _normalise_lower(word: str) -> str:
    word = word.replace("’", "'")
    if word.endswith("'s") and word not in CONTRACTIONS:
        return word[:-2]
    return word


def normalised_words(tokens: Sequence[Token]) -> list[str]:
    """``[normalise(t.text) for t in tokens]``, taking the lower case each token holds when it has no apostrophe.

    >>> normalised_words(Document.from_text("Maduro’s men AGREED").tokens)
    ['maduro', 'men', 'agreed']
    """
    return [_normalise_lower(t.lower) if "'" in t.lower or "’" in t.lower else t.lower for t in tokens]


_DOCUMENT_WORDS: weakref.WeakKeyDictionary[Document, list[str]] = weakref.WeakKeyDictionary()


def document_words(doc: Document) -> list[str]:
    """``normalised_words(doc.tokens)``, once per document: the tokens' lower case, with only the
    few that hold an apostrophe normalised (found by C-level membership tests). Callers must not
    change the list.

    >>> document_words(Document.from_text("Maduro’s men AGREED"))
    ['maduro', 'men', 'agreed']
    """
    words = _DOCUMENT_WORDS.get(doc)
    if words is None:
        words = list(doc.token_lowers)
        # the tokens holding an apostrophe, from the few apostrophes of the text (a token never holds a space)
        starts = doc.token_starts
        for index in {bisect_right(starts, m.start()) - 1 for m in _APOSTROPHE.finditer(doc.text)}:
            words[index] = _normalise_lower(words[index])
        _DOCUMENT_WORDS[doc] = words
    return words


_APOSTROPHE = re.compile("['’]")


@lru_cache(maxsize=None)
def cue_index() -> PhraseIndex:
    """Every cue and blocking phrase of the four lists."""
    return PhraseIndex(
        (tuple(phrase.split()), "" if section.startswith(BLOCKING_PREFIX) else kind, section)
        for name, kind in LISTS.items()
        for section, entries in load_sections(name).items()
        if section not in CONTEXT_SECTIONS
        for entry in entries
        for phrase in expand(normalise(entry))
    )


@lru_cache(maxsize=None)
def source_verb_index() -> PhraseIndex:
    """Verbs and phrases that introduce a source ("said", "according to")."""
    entries = load_sections("weasels").get("source_verbs", ())
    return PhraseIndex((tuple(p.split()), "source", "source_verbs") for e in entries for p in expand(normalise(e)))


def find_cues(doc: Document) -> list[Cue]:
    """Non-overlapping lexicon cues in text order (blocking phrases removed)."""
    tokens = doc.tokens
    words = document_words(doc)
    found = [m for m in cue_index().matches(words) if _sense_ok(tokens, words, m)]
    found.sort(key=lambda m: (m[0] - m[1], m[0]))  # longest first, then leftmost
    taken = bytearray(len(words))
    chosen = []
    for first, last, kind, category in found:
        if any(taken[first:last]):
            continue
        taken[first:last] = b"\x01" * (last - first)
        if kind:
            end = tokens[last - 1].start + len(words[last - 1])  # a dropped possessive stays out of the span
            chosen.append(Cue(kind, category, first, last, tokens[first].start, end))
    return sorted(chosen, key=lambda c: c.first)


def _sense_ok(tokens, words: list[str], match: tuple[int, int, str, str]) -> bool:
    first, _, kind, category = match
    if kind != "hedge" or category != "modal":
        return True
    word = words[first]
    if word == "may" and tokens[first].text != "may":
        return False  # "May": the month or a name (modal "may" opens a news sentence very rarely)
    if word == "might" and first > 0 and words[first - 1] in NOUN_MIGHT_BEFORE:
        return False
    following = tokens[first + 1].text if first + 1 < len(tokens) else ""
    return following[:1].isalpha()  # a modal is followed by a verb or an adverb, not by "." or ","
