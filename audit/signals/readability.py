"""Readability and style: how hard the article is to read and how it talks to the reader.

Reading-ease formulas are textstat's (0.7.8, which counts syllables with the bundled
CMU dictionary, offline), computed from one shared count of words, sentences, syllables
and difficult words, with each distinct word's syllables looked up once per process:
calling textstat's three formulas re-split the text and re-counted every word each time
(a third of the signal's time). The figures equal textstat's own (tests/test_readability.py). Style counts follow the NELA toolkit's style group,
with its known misses fixed: curly quotation marks count, and all-caps words are told
apart from acronyms (an all-caps word is "shouting" only when it is a common English
word, as in "WINNING", not "SOUTHCOM").

>>> from audit.text import Document
>>> r = analyse(Document.from_text("WINNING! We will win. You will see."))
>>> r.scores["exclamations_per_100_sentences"], [f.kind for f in r.findings]
(33.33, ['shouting', 'exclamation'])
"""

from __future__ import annotations

import re
import statistics
from functools import lru_cache
from itertools import repeat
from operator import and_

from textstat.backend.counts import count_syllables
from textstat.backend.transformations import remove_punctuation
from textstat.backend.utils import get_cmudict, get_lang_easy_words, get_pyphen

from audit.findings import Finding, SignalResult
from audit.signals.base import Signal, per_hundred, share
from audit.text import Document
from audit.vocabulary import is_english_word

LONG_SENTENCE_WORDS = 40
FIRST_PERSON = frozenset("i me my mine myself we us our ours ourselves".split())
SECOND_PERSON = frozenset("you your yours yourself yourselves".split())
PERSON_WORDS = FIRST_PERSON | SECOND_PERSON
TEXTSTAT_LANGUAGE = "en_US"  # textstat's default
FOG_SYLLABLES = 3  # textstat's bar for a "difficult" English word in Gunning fog
# textstat's sentence pieces, compiled once (it looks the pattern up per text)
_PIECE = re.compile(r"\b[^.!?]+[.!?]*")
# three whitespace-separated items holding a word character: what a piece has when textstat's word
# count of it (punctuation and non-contraction apostrophes removed, then split) is over two, since
# the removal empties exactly the items with no word character (a kept apostrophe is followed by a
# letter). Tries start only where an item starts, so a huge item is read once, not once per character.
_THREE_WORDS = re.compile(r"(?<!\S)[^\s\w]*\w\S*(?:\s+[^\s\w]+)*\s+[^\s\w]*\w\S*(?:\s+[^\s\w]+)*\s+[^\s\w]*\w")
# syllables and difficulty of each distinct word of the cleaned text, kept per process; emptied when full
WORD_MEMORY = 1 << 16
# each word's syllables and difficulty in one int, 2 * syllables + difficult: one look-up a word
_WORD_FACTS: dict[str, int] = {}

SCORES = {
    "words": "Words in the article body.",
    "sentences": "Sentences in the body (headlines and sub-headings not counted).",
    "flesch_reading_ease": "Flesch reading ease, 0-100: higher is easier; 60-70 is plain English, under 30 is very hard.",
    "flesch_kincaid_grade": "US school grade needed to follow the text (Flesch-Kincaid).",
    "gunning_fog": "Years of schooling needed to read the text on first reading (Gunning fog).",
    "mean_sentence_words": "Average words per sentence.",
    "sentence_words_sd": "Spread of sentence length: very low means choppy, uniform sentences.",
    "long_sentence_share": f"Share of sentences over {LONG_SENTENCE_WORDS} words.",
    "exclamations_per_100_sentences": "Exclamation marks per 100 sentences, a mark of sensational style.",
    "questions_per_100_sentences": "Question marks per 100 sentences.",
    "shouting_per_100_words": "Common words written in capitals (\"WINNING\") per 100 words; acronyms excluded.",
    "first_person_per_100_words": "I/we/our per 100 words outside quotations: the writer speaking for themself.",
    "second_person_per_100_words": "You/your per 100 words outside quotations: the writer addressing the reader.",
    "quoted_word_share": "Share of the words that stand inside quotation marks.",
}


def analyse(doc: Document) -> SignalResult:
    """Readability scores and style findings for one article."""
    body = doc.body_sentences
    body_text = "\n".join(doc.span_text(s) for s in body)
    lengths = [doc.word_count_in(s.start, s.end) for s in body]
    words = _body_words(doc)
    n_words, n_sentences = len(words), len(body)
    # only the few person words need the quotation look-up
    outside_quotes = [w.lower for w in words if w.lower in PERSON_WORDS and doc.quote_at(w.start) is None]
    findings = _long_sentences(doc, body, lengths) + _shouting(doc, words) + _marks(doc, "!", "exclamation")
    scores = {
        "words": n_words,
        "sentences": n_sentences,
        **reading_formulas(body_text),
        "mean_sentence_words": round(statistics.fmean(lengths), 2) if lengths else 0.0,
        "sentence_words_sd": round(statistics.pstdev(lengths), 2) if lengths else 0.0,
        "long_sentence_share": share(sum(n > LONG_SENTENCE_WORDS for n in lengths), n_sentences),
        "exclamations_per_100_sentences": per_hundred(doc.text.count("!"), n_sentences),
        "questions_per_100_sentences": per_hundred(doc.text.count("?"), n_sentences),
        "shouting_per_100_words": per_hundred(sum(f.kind == "shouting" for f in findings), n_words),
        "first_person_per_100_words": per_hundred(sum(w in FIRST_PERSON for w in outside_quotes), n_words),
        "second_person_per_100_words": per_hundred(sum(w in SECOND_PERSON for w in outside_quotes), n_words),
        "quoted_word_share": share(doc.quoted_word_count, n_words),
    }
    return SignalResult(findings=sorted(findings, key=lambda f: f.start), scores=scores)


def _body_words(doc: Document) -> list:
    """The words outside headlines: one pass over words and sentences together.

    A word belongs to the sentence that starts last at or before it (as ``doc.sentence_at``).
    """
    sentences, words = doc.sentences, doc.words
    if not any(s.heading for s in sentences):
        return list(words)
    kept, index = [], 0
    for word in words:
        while index + 1 < len(sentences) and sentences[index + 1].start <= word.start:
            index += 1
        if not sentences[index].heading:
            kept.append(word)
    return kept


def reading_formulas(text: str) -> dict[str, float]:
    """Flesch reading ease, Flesch-Kincaid grade and Gunning fog, as textstat 0.7.8 computes them.

    >>> reading_formulas("The cat sat on the mat. It was a very unusual cat.")
    {'flesch_reading_ease': 87.95, 'flesch_kincaid_grade': 2.48, 'gunning_fog': 5.73}
    """
    if not text.strip():
        return {"flesch_reading_ease": 0.0, "flesch_kincaid_grade": 0.0, "gunning_fog": 0.0}
    cleaned = remove_punctuation(text, rm_apostrophe=False)  # textstat's word list: punctuation out
    words = cleaned.split()
    sentences = _count_sentences(text)
    per_sentence = len(words) / sentences if sentences else 0.0
    syllables, difficult = _word_totals(words)
    per_word = syllables / len(words) if words else 0.0
    hard_share = 100 * difficult / len(words) if words else None
    unusable = per_sentence == 0 or per_word == 0
    return {
        "flesch_reading_ease": 0.0 if unusable else round(206.835 - 1.015 * per_sentence - 84.6 * per_word, 2),
        "flesch_kincaid_grade": 0.0 if unusable else round((0.39 * per_sentence) + (11.8 * per_word) - 15.59, 2),
        "gunning_fog": 0.0 if hard_share is None else round(0.4 * (per_sentence + hard_share), 2),
    }


def _count_sentences(text: str) -> int:
    """textstat's ``count_sentences`` of a non-empty text: its pieces ending in . ! or ?, less
    those of two words or fewer (as textstat's ``count_words`` counts them; one search a piece:
    removing the punctuation and splitting each piece cost four times as much).

    >>> _count_sentences("Ja. No. It was a very unusual cat!")
    1
    """
    pieces = _PIECE.findall(text)
    return max(1, len(pieces) - sum(_THREE_WORDS.search(p) is None for p in pieces))


def _word_totals(words: list[str]) -> tuple[int, int]:
    """(syllables, difficult words) of the cleaned text's words, as textstat counts them.

    Each distinct word is worked out once per process (a batch's articles share most of
    their words), so an article costs one pass of dictionary look-ups in C.

    >>> _word_totals("The cat sat on the extraordinary mat".split())
    (12, 1)
    """
    facts = list(map(_WORD_FACTS.get, words))
    if None in facts:
        missing = set(words).difference(_WORD_FACTS)
        if len(_WORD_FACTS) + len(missing) > WORD_MEMORY:
            _WORD_FACTS.clear()
            missing = set(words)
        easy = get_lang_easy_words(TEXTSTAT_LANGUAGE)
        for word in missing:
            lower = word.lower()  # = this word's piece of the lower-cased text, which textstat counts
            syllables = _syllables(lower)
            difficult = lower not in easy and syllables >= FOG_SYLLABLES  # textstat's is_difficult_word
            _WORD_FACTS[word] = 2 * syllables + difficult
        facts = list(map(_WORD_FACTS.__getitem__, words))
    difficult = sum(map(and_, facts, repeat(1)))
    return (sum(facts) - difficult) // 2, difficult


def _syllables(word: str) -> int:
    """textstat's syllable count of one lower-case word from the cleaned text.

    A plain lower-case word is looked up straight in textstat's CMU dictionary (vowel
    phones carry a stress digit) or hyphenated by its pyphen: textstat's own function
    would first re-clean and re-split the word, two regular expressions per new word,
    and a batch meets new words all the time. Anything else goes to textstat itself.
    """
    if not (word.isalpha() and word.islower()):
        return count_syllables(word, TEXTSTAT_LANGUAGE)
    pronunciations = get_cmudict(TEXTSTAT_LANGUAGE).get(word)
    if pronunciations:
        return sum(phone[-1].isdigit() for phone in pronunciations[0])
    return _hyphenation_points(word) + 1


@lru_cache(maxsize=1)
def _hyphenation_patterns() -> tuple[dict, int, int]:
    """textstat's pyphen patterns as a trie of their letters (the entry under None: offset and
    values), with pyphen's margins (points closer than these to either end do not count)."""
    pyphen = get_pyphen(TEXTSTAT_LANGUAGE)
    trie: dict = {}
    for pattern, entry in pyphen.hd.patterns.items():
        node = trie
        for char in pattern:
            node = node.setdefault(char, {})
        node[None] = entry
    return trie, pyphen.left, pyphen.right


def _hyphenation_points(word: str) -> int:
    """``len(pyphen.positions(word))`` for textstat's pyphen, by a walk down the pattern trie.

    pyphen looks up every substring of the word up to its longest pattern (a slice and a
    dictionary look-up each); the walk stops at the first letter no pattern continues with.
    The points are the same (checked on 216,850 words: the bundled English list, every word of
    the BuzzFeed articles, random strings).

    >>> _hyphenation_points("administration"), _hyphenation_points("strongman")
    (4, 1)
    """
    trie, left, right = _hyphenation_patterns()
    pointed = f".{word.lower()}."
    levels = [0] * (len(pointed) + 1)
    for i in range(len(pointed) - 1):  # as pyphen: no pattern starts at the closing dot
        node = trie
        for char in pointed[i:]:
            node = node.get(char)
            if node is None:
                break
            entry = node.get(None)
            if entry is not None:
                offset, values = entry
                at = i + offset
                levels[at:at + len(values)] = map(max, values, levels[at:at + len(values)])
    last = len(word) - right
    return sum(1 for point, level in enumerate(levels, -1) if level % 2 and left <= point <= last)


def _long_sentences(doc: Document, body, lengths: list[int]) -> list[Finding]:
    return [
        Finding.at(doc.text, s.start, s.end, signal="readability", kind="long_sentence",
                   message=f"{n} words in one sentence (over {LONG_SENTENCE_WORDS}): hard to follow.",
                   extra={"words": n})  # fmt: skip
        for s, n in zip(body, lengths)
        if n > LONG_SENTENCE_WORDS
    ]


def _shouting(doc: Document, words) -> list[Finding]:
    return [
        Finding.at(doc.text, word.start, word.end, signal="readability", kind="shouting",
                   message=f"{word.text!r} is an ordinary word written in capitals (shouting).")  # fmt: skip
        for word in words
        if word.text.isupper() and len(word.text) >= 4 and word.text.isalpha() and is_english_word(word.text)
    ]


def _marks(doc: Document, mark: str, kind: str) -> list[Finding]:
    return [
        Finding.at(doc.text, m.start(), m.end(), signal="readability", kind=kind,
                   message="Exclamation mark: sensational style in news copy unless inside a quotation.",
                   confidence=0.5 if doc.quote_at(m.start()) else 1.0)  # fmt: skip
        for m in re.finditer(re.escape(mark), doc.text)
    ]



SIGNAL = Signal(
    name="readability",
    description="How hard the text is to read, and style marks of sensational writing.",
    scores=SCORES,
    analyse=analyse,
)
