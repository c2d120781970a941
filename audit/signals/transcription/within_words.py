"""Non-word typos, broken and run-together words, doubled function words.

A word is known when the bundled English frequency list has it, when the derived news
vocabulary has it (``audit/data/news_vocabulary.txt``: words of the public news corpora
missing from the English list, such as "narco"), or when the article writes it with a
capital somewhere (a name). Capitalised words, acronyms, numbers, URLs, e-mail addresses
and @handles are never flagged: a name the dictionary lacks is not a typo.

>>> from audit.text import Document
>>> doc = Document.from_text("The militray said Zelenskyy met the the strik e team at thestrike.")
>>> [(w.kind, w.text, w.suggestion) for w in word_errors(doc)]
[('typo', 'militray', 'military'), ('repeated_word', 'the the', 'the'), ('broken_word', 'strik e', 'strike'), ('run_together', 'thestrike', 'the strike')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spellchecker import SpellChecker

from audit.text import Document, Token
from audit.vocabulary import word_frequencies

NEVER_DOUBLED = frozenset("the a an of to in on for and with at by from is was are were".split())
JOINERS = frozenset("the a an of to in on and for at by is was".split())  # what a lost space glues on
_SKIP_SPAN = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\S+|[@#]\w+")
_AFFIX = re.compile(r"(?:['’](?:s|t|re|ve|ll|d|m))$", re.IGNORECASE)
NAME_CONNECTORS = frozenset("de del la las los le di da do dos das du van von der den bin ibn al el y".split())
MAX_WORD = 30  # longer "words" are tables, code or garbage: not typos
COMMON = 500  # count in the frequency list that makes a word a safe suggestion


@dataclass(frozen=True, slots=True)
class WordError:
    kind: str
    start: int
    end: int
    text: str
    suggestion: str | None
    confidence: float
    message: str


@lru_cache(maxsize=1)
def news_vocabulary() -> frozenset[str]:
    """Words of the news corpora missing from the English list (derived file, may be absent)."""
    path = resources.files("audit").joinpath("data", "news_vocabulary.txt")
    if not path.is_file():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def _speller() -> SpellChecker:
    return SpellChecker(language="en", distance=1)


def count(word: str) -> int:
    """How common a lower-case word is in the bundled English list (0 when absent)."""
    return word_frequencies().get(word, 0)


PREFIXES = ("re", "un", "pre", "non", "anti", "counter", "over", "under", "mis", "co", "ex", "post", "mid",
            "multi", "inter", "sub", "super", "semi", "self", "cyber", "geo", "narco", "socio")
# British and American spellings of one word: if either is known, both are
SPELLING_VARIANTS = (("is", "iz"), ("isation", "ization"), ("our", "or"), ("tre", "ter"), ("ence", "ense"),
                     ("ogue", "og"), ("lled", "led"), ("lling", "ling"), ("yse", "yze"))


def is_known(word: str, names: frozenset[str] = frozenset()) -> bool:
    """A word of the English list, the news vocabulary or the article's names, or a
    prefixed or British/American form of one ("reposted", "organisation").

    >>> is_known("reposted"), is_known("organisation"), is_known("militray")
    (True, True, False)
    """
    low = word.lower()
    if len(low) == 1:
        return low in "ai"
    if _listed(low, names):
        return True
    if any(low.startswith(p) and len(low) - len(p) >= 4 and _listed(low[len(p):], names) for p in PREFIXES):
        return True
    return any(a in low and _listed(low.replace(a, b), names) for pair in SPELLING_VARIANTS for a, b in (pair, pair[::-1]))


def _listed(low: str, names: frozenset[str]) -> bool:
    return count(low) > 0 or low in news_vocabulary() or low in names


def word_errors(doc: Document) -> list[WordError]:
    """Every typo, broken word, run-together word and doubled function word of the article."""
    names = frozenset(t.lower for t in doc.words if t.text[:1].isupper())
    skip = [m.span() for m in _SKIP_SPAN.finditer(doc.text)]
    words = [w for w in doc.words if not _inside(w, skip)]
    errors: list[WordError] = []
    unknown_once = _unknown_words(doc, words, names)
    broken_at: set[int] = set()
    for left, right in zip(words, words[1:]):
        if doc.text[left.end:right.start] != " ":
            continue
        if left.lower == right.lower and left.lower in NEVER_DOUBLED:
            errors.append(_error(doc, "repeated_word", left.start, right.end, left.text, 0.85,
                                 f"{left.text!r} twice in a row."))  # fmt: skip
        elif _broken(left, right, names):
            joined = left.text + right.text
            errors.append(_error(doc, "broken_word", left.start, right.end, joined, 0.8,
                                 f"A word broken by a space: {joined!r}?"))  # fmt: skip
            broken_at.update((left.start, right.start))
    for word in unknown_once:
        error = None if word.start in broken_at else _non_word(doc, word)
        if error:
            errors.append(error)
    return sorted(errors, key=lambda e: e.start)


def _inside(word: Token, spans: list[tuple[int, int]]) -> bool:
    return any(start <= word.start < end for start, end in spans)


def _unknown_words(doc: Document, words: list[Token], names: frozenset[str]) -> list[Token]:
    """Lower-case words the vocabularies lack, written once only (a repeated spelling is deliberate)."""
    seen: dict[str, list[Token]] = {}
    for word in words:
        text = _AFFIX.sub("", word.text)
        if not text[:1].islower() or len(text) > MAX_WORD or not text.replace("-", "").isalpha():
            continue
        if text in NAME_CONNECTORS:
            continue  # "Cartel de los Soles"
        if all(is_known(part, names) for part in text.split("-") if part):
            continue
        seen.setdefault(text.lower(), []).append(word)
    return [tokens[0] for tokens in seen.values() if len(tokens) == 1]


def _broken(left: Token, right: Token, names: frozenset[str]) -> bool:
    if not (left.text.isalpha() and right.text.isalpha() and right.text.islower()):
        return False
    if count((left.text + right.text).lower()) < COMMON:
        return False
    return not is_known(left.text, names) or not is_known(right.text, names)


def _non_word(doc: Document, word: Token) -> WordError | None:
    text = _AFFIX.sub("", word.text)
    split = _run_together(text.lower())
    if split:
        return _error(doc, "run_together", word.start, word.start + len(text), split, 0.75,
                      f"Two words run together: {split!r}?")  # fmt: skip
    suggestion = _correction(text.lower()) if "-" not in text else None
    if suggestion:
        return _error(doc, "typo", word.start, word.start + len(text), suggestion, 0.8,
                      f"{text!r} is not a known word; probably {suggestion!r}.")  # fmt: skip
    return None  # unknown but near no common word: jargon or a rare word far more often than a typo


def _run_together(word: str) -> str | None:
    """"thestrike" -> "the strike": a function word glued to a known word."""
    for joiner in JOINERS:
        rest = word[len(joiner):]
        if word.startswith(joiner) and len(rest) > 2 and count(rest) >= COMMON:
            return f"{joiner} {rest}"
        rest = word[: -len(joiner)]
        if word.endswith(joiner) and len(rest) > 2 and count(rest) >= COMMON:
            return f"{rest} {joiner}"
    return None


@lru_cache(maxsize=4096)
def _correction(word: str) -> str | None:
    """The most common known word one edit away (a transposition counts as one)."""
    candidates = _speller().edit_distance_1(word)
    best = max(candidates, key=count, default=None)
    return best if best is not None and count(best) >= COMMON else None


def _error(doc: Document, kind: str, start: int, end: int, suggestion: str | None, confidence: float,
           message: str) -> WordError:
    return WordError(kind, start, end, doc.text[start:end], suggestion, confidence, message)
