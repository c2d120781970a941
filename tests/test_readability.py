"""The readability signal's shared-count formulas give textstat's own figures, and the
text layer's fast paths give what the plain definitions give."""

from __future__ import annotations

import pytest
import textstat

from textstat.backend.counts import count_sentences

from audit.signals.readability import _body_words, _count_sentences, reading_formulas
from audit.text import Document

from .conftest import CORPUS

TEXTS = [
    "The cat sat on the mat. It was a very unusual cat.",
    "Officials said 3 boats were struck on Sept. 2, 2025, killing about 11 people! Was it legal?",
    "“It was a lethal strike,” Gen. Francis L. Donovan told reporters. Critics called it ‘an illegal "
    "killing’ — and asked: can't the administration's lawyers explain?",
    "Extraordinarily unconstitutional internationalisation notwithstanding, deliberation continued.",
    "Ja. No. Ok.",  # sentences of two words or fewer are not counted by textstat
    "...!!! ??? — “”",  # no words at all
    "İstanbul’s ÉLAN naïve café—co-operation re-elected 1,000 x’s",  # Unicode case folding, apostrophes
    "word " * 300,  # one sentence of 300 words
]


def textstat_figures(text: str) -> dict[str, float]:
    return {
        "flesch_reading_ease": round(float(textstat.flesch_reading_ease(text)), 2),
        "flesch_kincaid_grade": round(float(textstat.flesch_kincaid_grade(text)), 2),
        "gunning_fog": round(float(textstat.gunning_fog(text)), 2),
    }


@pytest.mark.parametrize("text", TEXTS)
def test_formulas_equal_textstat(text):
    assert reading_formulas(text) == textstat_figures(text)


def test_formulas_equal_textstat_on_the_seed_articles():
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    assert len(texts) >= 5
    for text in texts:
        assert reading_formulas(text) == textstat_figures(text)


@pytest.mark.parametrize("text", [t for t in TEXTS if t] + ["a 'b' c. d?!  e", "x.' 'tis y ve? ... ! ."])
def test_sentence_count_equals_textstat(text):
    assert _count_sentences(text) == count_sentences(text)


def test_sentence_count_equals_textstat_on_random_texts():
    import random

    rng = random.Random(5)
    alphabet = list("ab Z9_'’\".!?,;:-—()\t\n\u00a0é…# ") + ["'t", "'s", "'ve", "'ll", "don't"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
        assert _count_sentences(text) == count_sentences(text), text


def test_formulas_equal_textstat_when_the_word_memory_empties(monkeypatch):
    import audit.signals.readability as readability

    monkeypatch.setattr(readability, "WORD_MEMORY", 8)
    monkeypatch.setattr(readability, "_WORD_FACTS", {})
    for text in TEXTS + TEXTS[:2]:
        assert reading_formulas(text) == textstat_figures(text)
        assert len(readability._WORD_FACTS) <= max(8, len(set(text.split())))


def test_hyphenation_points_equal_pyphens():
    import random

    from textstat.backend.utils import get_pyphen

    from audit.signals.readability import _hyphenation_points
    from audit.vocabulary import word_frequencies

    pyphen = get_pyphen("en_US")
    rng = random.Random(9)
    words = rng.sample(sorted(word_frequencies()), 3000)
    words += ["".join(rng.choice("abcdefghijklmnopqrstuvwxyzéñüß") for _ in range(rng.randint(1, 25))) for _ in range(1000)]
    for word in words + ["a", "ab", "x" * 60, "venezuela", "hyphenation"]:
        assert _hyphenation_points(word) == len(pyphen.positions(word)), word


def test_empty_text_scores_zero():
    assert reading_formulas("  \n") == {"flesch_reading_ease": 0.0, "flesch_kincaid_grade": 0.0, "gunning_fog": 0.0}


def test_body_words_leave_out_headlines_as_sentence_at_does():
    doc = Document.from_text("NAVY STRIKES BOAT\n\nThe Navy said three people died. “We will act,” he said.\n\n"
                             "Pentagon Responds\n\nOfficials said more strikes may follow.")  # fmt: skip
    expected = [w for w in doc.words if not doc.sentence_at(w.start).heading]
    assert any(s.heading for s in doc.sentences) and len(expected) < len(doc.words)
    assert _body_words(doc) == expected


def test_words_in_equals_the_word_tokens_in_the_span():
    doc = Document.from_text("Sen. Smith said “no,” the U.S. Navy agreed: $5,000 at 3 p.m. — it’s over.")
    for start in range(0, len(doc.text), 3):
        for end in range(start, len(doc.text) + 1, 5):
            assert doc.words_in(start, end) == [t for t in doc.tokens_in(start, end) if t.is_word]
            assert doc.word_count_in(start, end) == len(doc.words_in(start, end))
            assert doc.tokens_in(start, end) == [t for t in doc.tokens if start <= t.start and t.end <= end]
            assert doc.word_starts_in(start, end) == [w.start for w in doc.words_in(start, end)]


def test_in_quote_agrees_with_quote_at():
    doc = Document.from_text("He said “we ‘never’ agreed” and ‘left’. “Open quote runs on\n\nNew “a” and "
                             "'b' said.” Then ‘x “y’ z” end.")  # fmt: skip
    assert any(doc.in_quote(w) for w in doc.words) and not all(doc.in_quote(w) for w in doc.words)
    assert [doc.in_quote(w) for w in doc.words] == [doc.quote_at(w.start) is not None for w in doc.words]
