"""Readability and style: how hard the article is to read and how it talks to the reader.

Reading-ease formulas come from textstat (0.7.8, which counts syllables with the
bundled CMU dictionary, offline). Style counts follow the NELA toolkit's style group,
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

import textstat

from audit.findings import Finding, SignalResult
from audit.signals.base import Signal
from audit.text import Document
from audit.vocabulary import is_english_word

LONG_SENTENCE_WORDS = 40
FIRST_PERSON = frozenset("i me my mine myself we us our ours ourselves".split())
SECOND_PERSON = frozenset("you your yours yourself yourselves".split())

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
    lengths = [len(doc.words_in(s.start, s.end)) for s in body]
    words = [w for w in doc.words if not doc.sentence_at(w.start).heading]
    n_words, n_sentences = len(words), len(body)
    outside_quotes = [w.lower for w in words if doc.quote_at(w.start) is None]
    findings = _long_sentences(doc, body, lengths) + _shouting(doc, words) + _marks(doc, "!", "exclamation")
    scores = {
        "words": n_words,
        "sentences": n_sentences,
        "flesch_reading_ease": _formula(textstat.flesch_reading_ease, body_text),
        "flesch_kincaid_grade": _formula(textstat.flesch_kincaid_grade, body_text),
        "gunning_fog": _formula(textstat.gunning_fog, body_text),
        "mean_sentence_words": round(statistics.fmean(lengths), 2) if lengths else 0.0,
        "sentence_words_sd": round(statistics.pstdev(lengths), 2) if lengths else 0.0,
        "long_sentence_share": _share(sum(n > LONG_SENTENCE_WORDS for n in lengths), n_sentences),
        "exclamations_per_100_sentences": _per(doc.text.count("!"), n_sentences),
        "questions_per_100_sentences": _per(doc.text.count("?"), n_sentences),
        "shouting_per_100_words": _per(sum(f.kind == "shouting" for f in findings), n_words),
        "first_person_per_100_words": _per(sum(w in FIRST_PERSON for w in outside_quotes), n_words),
        "second_person_per_100_words": _per(sum(w in SECOND_PERSON for w in outside_quotes), n_words),
        "quoted_word_share": _share(doc.quoted_word_count, n_words),
    }
    return SignalResult(findings=sorted(findings, key=lambda f: f.start), scores=scores)


def _long_sentences(doc: Document, body, lengths: list[int]) -> list[Finding]:
    return [
        Finding.at(doc.text, s.start, s.end, signal="readability", kind="long_sentence",
                   message=f"{n} words in one sentence (over {LONG_SENTENCE_WORDS}): hard to follow.",
                   extra={"words": n})  # fmt: skip
        for s, n in zip(body, lengths)
        if n > LONG_SENTENCE_WORDS
    ]


def _shouting(doc: Document, words) -> list[Finding]:
    found = []
    for word in words:
        text = word.text
        if len(text) >= 4 and text.isupper() and text.isalpha() and is_english_word(text):
            found.append(Finding.at(doc.text, word.start, word.end, signal="readability", kind="shouting",
                                    message=f"{text!r} is an ordinary word written in capitals (shouting)."))  # fmt: skip
    return found


def _marks(doc: Document, mark: str, kind: str) -> list[Finding]:
    return [
        Finding.at(doc.text, m.start(), m.end(), signal="readability", kind=kind,
                   message="Exclamation mark: sensational style in news copy unless inside a quotation.",
                   confidence=0.5 if doc.quote_at(m.start()) else 1.0)  # fmt: skip
        for m in re.finditer(re.escape(mark), doc.text)
    ]


def _formula(function, text: str) -> float:
    return round(float(function(text)), 2) if text.strip() else 0.0


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _per(count: int, whole: int) -> float:
    return round(100 * count / whole, 2) if whole else 0.0


SIGNAL = Signal(
    name="readability",
    description="How hard the text is to read, and style marks of sensational writing.",
    scores=SCORES,
    analyse=analyse,
)
