"""The style signal: counts outside quotations, exact spans, a meaning for every score, bad input."""

from __future__ import annotations

import math

import pytest

from audit.lexicons import load_sections
from audit.signals.style import SIGNAL, analyse
from audit.text import Document

BAIT = "You won’t believe what happened next. Here's why the worst mayor ever is totally finished."
SOBER = "The council voted 7-2 on 4 March to close the Elm Street depot, the Springfield clerk said."


def test_bait_superlatives_and_intensifiers_are_counted_with_exact_spans():
    doc = Document.from_text(BAIT)
    result = analyse(doc)
    found = [(f.kind, f.text) for f in result.findings]
    assert found == [("clickbait", "You won’t believe"), ("clickbait", "what happened next"),
                     ("clickbait", "Here's why"), ("superlative", "worst")]  # fmt: skip
    assert all(doc.text[f.start : f.end] == f.text and f.signal == "style" for f in result.findings)
    assert result.scores["intensifiers_per_100_words"] > 0 and result.scores["clickbait_per_100_words"] > 10


def test_words_inside_a_quotation_are_the_speakers_not_the_writers():
    quoted = analyse(Document.from_text('The mayor said: "This is the worst, totally. You won\'t believe it."'))
    assert quoted.findings == [] and quoted.scores["superlatives_per_100_words"] == 0
    assert quoted.scores["intensifiers_per_100_words"] == 0


def test_specific_copy_scores_figures_and_names_higher_than_bait():
    sober, bait = analyse(Document.from_text(SOBER)).scores, analyse(Document.from_text(BAIT)).scores
    assert sober["figures_per_100_words"] > bait["figures_per_100_words"]
    assert sober["capitalised_word_share"] > bait["capitalised_word_share"]
    assert sober["clickbait_per_100_words"] == 0 == sober["superlatives_per_100_words"]


def test_lexical_diversity_does_not_fall_with_length():
    text = " ".join(f"word{i % 40} other{i % 7}." for i in range(2000))
    short, long = (analyse(Document.from_text(text[:n])).scores["lexical_diversity"] for n in (2000, len(text)))
    assert abs(short - long) < 0.05


def test_every_score_has_a_meaning_and_every_list_a_header():
    result = analyse(Document.from_text(SOBER))
    assert set(result.scores) == set(SIGNAL.scores) and all(SIGNAL.scores.values())
    assert {"superlative", "intensifier", "clickbait"} <= set(load_sections("style"))


@pytest.mark.parametrize("text", ["!!!???", "“" * 5000, "x" * 1_000_000, "\u202e\u0000 é ́ 🙂 " * 50, "3 4 5 2025-01-01 %"],
                         ids=["marks only", "quote marks", "1 MB word", "odd unicode", "numbers only"])  # fmt: skip
def test_bad_input_gives_plain_numbers(text):
    scores = analyse(Document.from_text(text)).scores
    assert all(isinstance(v, (int, float)) and math.isfinite(v) for v in scores.values())
