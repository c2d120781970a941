"""Non-word typos, broken and run-together words, doubled function words.

A word is known when the bundled English frequency list has it, when the derived news
vocabulary has it (``audit/data/news_vocabulary.txt``: words of the public news corpora
missing from the English list, such as "narco"), or when the article writes it with a
capital somewhere (a name). Capitalised words, acronyms, numbers, URLs, e-mail addresses
and @handles are never flagged: a name the dictionary lacks is not a typo.

>>> from audit.text import Document
>>> doc = Document.from_text("The militray said Zelenskyy met the the team. A strik e hit thestrike boat.")
>>> [(w.kind, w.text, w.suggestion) for w in word_errors(doc)]
[('typo', 'militray', 'military'), ('repeated_word', 'the the', 'the'), ('broken_word', 'strik e', 'strike'), ('run_together', 'thestrike', 'the strike')]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import compress
from operator import add, eq, itemgetter

from audit.memo import WordMemo
from audit.signals.transcription.within_edits import COMMON, one_edit_away
from audit.signals.transcription.within_tokens import FACTS, answers, question
from audit.text import Document, Token
from audit.vocabulary import word_frequencies

NEVER_DOUBLED = frozenset("the a an of to in on for and with at by from is was are were".split())
# what a lost space glues on, tried in this order (a tuple: iterating a set of strings follows the
# process's hash seed, and "atrained" came out "a trained" or "at rained" from run to run)
JOINERS = tuple("the a an of to in on and for at by is was".split())
# bounded repeats: an unbounded "\S+@" would backtrack quadratically over a 1 MB "word"
_SKIP_SPAN = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+|[@#]\w+")
_SKIP_MARKS = ("://", "www.", "@", "#")
_AFFIX = re.compile(r"(?:['’](?:s|t|re|ve|ll|d|m))$", re.IGNORECASE)
NAME_CONNECTORS = frozenset("de del la las los le di da do dos das du van von der den bin ibn al el y".split())
SHORT_WORDS = frozenset("a i an in on at to of by up us we he me my no so do go be is it or as if am oh ok".split())
SUFFIXES = frozenset("ing ed ly ion tion sion ment ness er ers est es ible ous ive ity ize ise".split())
MAX_WORD = 30
MIN_TYPO = 4  # shorter unknown words are abbreviations and interjections ("hrs", "luv")
FOREIGN_SENTENCE = 3  # unknown words in one sentence from which it reads as another language  # longer "words" are tables, code or garbage: not typos


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


def count(word: str) -> int:
    """How common a lower-case word is in the bundled English list (0 when absent)."""
    return word_frequencies().get(word, 0)


PREFIXES = ("re", "un", "pre", "non", "anti", "counter", "over", "under", "mis", "co", "ex", "post", "mid",
            "multi", "inter", "sub", "super", "semi", "self", "cyber", "geo", "narco", "socio")
# British spellings and their American forms: a British spelling of a known word is known
SPELLING_VARIANTS = (("is", "iz"), ("isation", "ization"), ("our", "or"), ("tre", "ter"), ("ence", "ense"),
                     ("ogue", "og"), ("lled", "led"), ("lling", "ling"), ("yse", "yze"), ("scep", "skep"))


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
    if low.endswith("s") and not low.endswith(("ys", "ss")) and count(low[:-1]) >= COMMON:
        return True  # a plural the list lacks ("frontlines")
    if any(low.startswith(p) and len(low) - len(p) >= 5 and count(low[len(p):]) >= COMMON for p in PREFIXES):
        return True
    return any(british in low and _listed(low.replace(british, american), names) for british, american in SPELLING_VARIANTS)


def _listed(low: str, names: frozenset[str]) -> bool:
    return count(low) > 0 or low in news_vocabulary() or low in names


def article_names(doc: Document) -> frozenset[str]:
    """Lower case of every word the article writes with a capital somewhere (its names)."""
    return frozenset(t.lower for t in doc.words if t.text[:1].isupper())


def word_errors(doc: Document, names: frozenset[str] | None = None) -> list[WordError]:
    """Every typo, broken word, run-together word and doubled function word of the article
    (``names``: :func:`article_names`, when the caller has them already)."""
    names = article_names(doc) if names is None else names
    text = doc.text
    # every skipped span holds one of these marks: most articles need no pass of the pattern
    skip = [m.span() for m in _SKIP_SPAN.finditer(text)] if any(m in text for m in _SKIP_MARKS) else []
    words = _outside(doc.words, skip)
    errors: list[WordError] = []
    broken_at: set[int] = set()
    texts = [w.text for w in words]
    for at in _pair_suspects(texts, [w.lower for w in words]):
        left, right = words[at], words[at + 1]
        if text[left.end:right.start] != " ":
            continue
        if left.lower == right.lower and left.lower in NEVER_DOUBLED:
            errors.append(_error(doc, "repeated_word", left.start, right.end, left.text, 0.85,
                                 f"{left.text!r} twice in a row."))  # fmt: skip
            continue
        piece = _LEFT_PIECE[left.text]
        if not (piece and _RIGHT_PIECE[right.text]):
            continue
        joined = (piece + right.text).lower()
        if len(joined) >= MIN_TYPO and count(joined) >= COMMON and _broken(piece, right.text, joined, names):
            joined = left.text + right.text
            errors.append(_error(doc, "broken_word", left.start, right.end, joined, 0.75,
                                 f"A word broken by a space: {joined!r}?"))  # fmt: skip
            broken_at.update((left.start, right.start))
    for start, part in _unknown_parts(doc, words, texts, names):
        error = None if start in broken_at else _non_word(doc, start, part)
        if error:
            errors.append(error)
    return sorted(errors, key=lambda e: e.start)


def _pair_suspects(texts: list[str], lowers: list[str]) -> list[int]:
    """Indices ``i`` of the word pairs (i, i + 1) that may be a doubled word or a broken one:
    the same word twice, or a left piece and a lower-case right word whose letters join into
    a common word (``lowers``: the texts' lower case). The tests run over the whole article in
    C (``map``), since nearly every pair fails them; :func:`word_errors` asks the rest of its
    questions of the few left.

    >>> words = "A strik e hit the The boat".split()
    >>> _pair_suspects(words, [w.lower() for w in words])
    [1, 4]
    >>> _pair_suspects(["ΟΔΟΣ", "the", "the"], ["οδος", "the", "the"])
    [1]
    """
    if "Σ" in "".join(texts):  # a capital sigma's lower case depends on the letters after it
        joined = map(str.lower, map(add, map(_LEFT_PIECE.__getitem__, texts), texts[1:]))
    else:  # lower case is then one character at a time: the pieces' lower cases joined
        joined = map(add, map(_LOWER_LEFT_PIECE_OF, map(FACTS.__getitem__, texts)), lowers[1:])
    # the right word's test last: only the pairs left need it
    broken = compress(range(len(texts)), map(_common_words().__contains__, joined))
    doubled = compress(range(len(texts)), map(eq, lowers, lowers[1:]))
    return sorted({*(at for at in broken if _RIGHT_PIECE[texts[at + 1]]), *doubled})


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """The words of the English list counted at least COMMON times."""
    return frozenset(word for word, number in word_frequencies().items() if number >= COMMON)


def _outside(words: list[Token], spans: list[tuple[int, int]]) -> list[Token]:
    """The words that start in none of the spans (sorted, not overlapping): one bisection each."""
    if not spans:
        return words
    starts = [start for start, _ in spans]
    return [w for w in words if (at := bisect_right(starts, w.start) - 1) < 0 or w.start >= spans[at][1]]


def _unknown_parts(doc: Document, words: list[Token], texts: list[str], names: frozenset[str]) -> list[tuple[int, str]]:
    """(offset, text) of lower-case words or word parts ("deciision" of "deciision-making")
    the vocabularies lack, written once only (a repeated spelling is deliberate). A
    sentence with several unknown words is in another language or a jargon: skipped."""
    seen: dict[str, list[tuple[int, str]]] = {}
    per_sentence: dict[int, int] = {}
    suspects = answers(texts, SUSPECT_PARTS)
    for word, parts in compress(zip(words, suspects), suspects):  # most words have none
        for at, part in parts:
            if is_known(part, names):
                continue  # the article writes it with a capital somewhere: a name
            offset = word.start + at
            seen.setdefault(part.lower(), []).append((offset, part))
            sentence = doc.sentence_index(offset)
            per_sentence[sentence] = per_sentence.get(sentence, 0) + 1
    return [
        places[0] for places in seen.values()
        if len(places) == 1 and per_sentence[doc.sentence_index(places[0][0])] < FOREIGN_SENTENCE
    ]


# (offset in the word, part) of the parts of a word no vocabulary knows, before the article's
# names are asked (they only ever clear a part): a token record's answer
SUSPECT_PARTS = question(lambda text: tuple(_unknown_pieces(text)))


def _unknown_pieces(text: str) -> Iterator[tuple[int, str]]:
    if not text[:1].islower():
        return  # taking an ending off leaves the first letter: no need to try (most tokens end here)
    if "'" in text or "’" in text:
        text = _AFFIX.sub("", text)
    if not text[:1].islower() or len(text) > MAX_WORD or not text.replace("-", "").isalpha():
        return
    if text in NAME_CONNECTORS or not text[1:].islower() and "-" not in text:
        return  # "Cartel de los Soles", "iPads"
    offset = 0
    parts = text.split("-")
    for part in parts:
        if _suspect(part, len(parts) > 1):
            yield offset, part
        offset += len(part) + 1


def _suspect(part: str, in_compound: bool) -> bool:
    if in_compound and part in PREFIXES:
        return False  # "narco-terrorism", "counter-terrorism"
    return _long_enough(part, in_compound) and part.islower() and not is_known(part)


def _long_enough(part: str, in_compound: bool) -> bool:
    """Four letters or more, or three with a vowel ("wih" for "with"; "hrs" is an abbreviation);
    in a hyphenated compound five or more ("pre-", "-olds" are pieces, not typos)."""
    if in_compound:
        return len(part) > MIN_TYPO
    return len(part) >= MIN_TYPO or (len(part) == 3 and any(v in part.lower() for v in "aeiouy"))


def _left_piece(word: str) -> str:
    """The letters a word could give the left half of a broken word (its last hyphen-part),
    or "" when it cannot: a lone "s" or "t" is a stray apostrophe's ("Trump' s aid")."""
    piece = word.rsplit("-", 1)[-1]
    return piece if piece.isalpha() and word.lower() not in {"s", "t"} else ""


# per distinct word text across articles: the question comes for every pair of words of every article
_LEFT_PIECE = WordMemo(_left_piece)
_LOWER_LEFT_PIECE_OF = itemgetter(question(lambda word: _left_piece(word).lower()))  # of a token record
_RIGHT_PIECE = WordMemo(lambda word: word.isalpha() and word.islower())


def _broken(left_piece: str, right_piece: str, joined: str, names: frozenset[str]) -> bool:
    """Whether two pieces whose letters join into a common word are one word broken by a
    space: one piece is no word on its own ("strik e", "pain ed") or the whole word is
    commoner than either piece ("mil lion"; not "may be")."""
    if not (_solid(left_piece.lower(), names) and _solid(right_piece, names)):
        return True
    return count(joined) > max(count(left_piece.lower()), count(right_piece))


def _solid(piece: str, names: frozenset[str]) -> bool:
    if len(piece) <= 2:
        return piece in SHORT_WORDS
    return piece not in SUFFIXES and (count(piece) >= COMMON or piece in names or piece in news_vocabulary())


def _non_word(doc: Document, start: int, text: str) -> WordError | None:
    split = _run_together(text.lower())
    if split:
        return _error(doc, "run_together", start, start + len(text), split, 0.75,
                      f"Two words run together: {split!r}?")  # fmt: skip
    suggestion = _correction(text.lower())
    if suggestion:
        return _error(doc, "typo", start, start + len(text), suggestion, 0.8,
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
    """The most common known word one edit away (a transposition counts as one); between
    equally common ones the first in alphabetical order, so every process agrees.

    >>> _correction("militray"), _correction("patmer"), _correction("zzzzq")
    ('military', 'palmer', None)
    """
    near = one_edit_away(word)
    top = max(map(count, near), default=0)
    return min(w for w in near if count(w) == top) if near else None


def _error(doc: Document, kind: str, start: int, end: int, suggestion: str | None, confidence: float,
           message: str) -> WordError:
    return WordError(kind, start, end, doc.text[start:end], suggestion, confidence, message)
