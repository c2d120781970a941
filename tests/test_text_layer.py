"""The text layer against a hand-checked gold list for the seeds, and news edge cases."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from audit.corpus import load_paths
from audit.text import Document

from .conftest import CORPUS

GOLD = json.loads((Path(__file__).parent / "gold" / "seed_text_layer.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_docs():
    articles, errors = load_paths([CORPUS])
    assert not errors
    return {a.id: Document(a) for a in articles}


@pytest.mark.parametrize("article_id", sorted(GOLD))
def test_seed_sentences_match_gold(seed_docs, article_id):
    doc = seed_docs[article_id]
    assert [doc.span_text(s) for s in doc.sentences] == GOLD[article_id]["sentences"]
    assert [doc.span_text(s) for s in doc.sentences if s.heading] == GOLD[article_id]["headings"]


@pytest.mark.parametrize("article_id", sorted(GOLD))
def test_seed_quotes_match_gold(seed_docs, article_id):
    doc = seed_docs[article_id]
    assert [doc.span_text((q.inner_start, q.inner_end)) for q in doc.quotes] == GOLD[article_id]["quotes"]


ABBREVIATIONS = (
    "Gen. Francis L. Donovan spoke. Col. Allie Weiskopf and Lt. Col. Ann Smith agreed. "
    "Sen. Tim Kaine objected on Nov. 15 at 3 p.m. Tuesday. The U.S. Navy sent ship No. 7. "
    "They entered the U.S. Second, drugs came by sea."
)


def test_no_split_at_news_abbreviations():
    doc = Document.from_text(ABBREVIATIONS)
    assert [doc.span_text(s) for s in doc.sentences] == [
        "Gen. Francis L. Donovan spoke.",
        "Col. Allie Weiskopf and Lt. Col. Ann Smith agreed.",
        "Sen. Tim Kaine objected on Nov. 15 at 3 p.m. Tuesday.",
        "The U.S. Navy sent ship No. 7.",
        "They entered the U.S.",
        "Second, drugs came by sea.",
    ]


def test_headline_is_its_own_sentence():
    doc = Document.from_text("Strike Hits Boat\nThe Navy struck a boat. Two died.")
    assert [(doc.span_text(s), s.heading) for s in doc.sentences] == [
        ("Strike Hits Boat", True), ("The Navy struck a boat.", False), ("Two died.", False)]


def test_quote_spanning_sentences_and_nested_single_quotes():
    doc = Document.from_text("“We struck. They ‘ran’ away,” he said. Then 'quiet' fell.")
    quotes = [(doc.span_text((q.inner_start, q.inner_end)), q.depth) for q in doc.quotes]
    assert quotes == [("We struck. They ‘ran’ away,", 1), ("ran", 2), ("quiet", 1)]


def test_unbalanced_quote_stays_in_its_paragraph():
    doc = Document.from_text("He said “this never closes.\nThe next paragraph is not quoted.")
    (quote,) = doc.quotes
    assert not quote.balanced
    assert doc.span_text((quote.inner_start, quote.inner_end)) == "this never closes."
    assert doc.quote_at(doc.text.index("next")) is None


def test_stray_closing_mark_is_recorded_not_fatal():
    doc = Document.from_text('It was engaged in operations." "Two died," the command said.')
    assert [doc.span_text((q.inner_start, q.inner_end)) for q in doc.quotes] == ["Two died,"]
    assert doc.stray_quote_marks == [doc.text.index('"')]


def test_multi_paragraph_quote_continues():
    doc = Document.from_text("“First part.\n“Second part,” she said.")
    assert len(doc.quotes) == 1 and doc.quotes[0].balanced


def test_numbers_and_dates_normalised_against_article_date():
    doc = Document.from_text(
        "A $50 million reward; more than 4,000 Marines; at least the 21st strike; on Nov. 15 and Tuesday.",
        date="2025-11-17",
    )
    quantities = [(q.value, q.unit, q.qualifier) for q in doc.quantities]
    assert quantities == [(50_000_000.0, "USD", "="), (4000.0, "marine", ">"), (21.0, "strike", ">=")]
    assert [(d.text, d.value) for d in doc.dates] == [
        ("Nov. 15", dt.date(2025, 11, 15)), ("Tuesday", dt.date(2025, 11, 11))]


TRICKY = [
    "no more than two rounds; more than 4,000 Marines; the 21st strike; a dozen boats; US$5 million",
    "$$5 and £3bn; Tenants of ten-year leases; at least the first",
    "Last week, later this week, mid-November, in early December, since May, on Tuesdays, Tuesday",
    "May 5, 2026 and 5th of May 2026; 2026-02-06; 1999; pre-2016; 20,000; Sept. 3; June 2025",
    "ſeptember 5, Iİ ıin ten; KELVIN 5 Kmonday",  # characters that lower-case to another length or not at all
    "2025 opens the text", "Monday", "the", "", "İ" * 3 + " Monday 5 May",
]


SCAN_TEXTS = TRICKY + [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]


@pytest.mark.parametrize("text", SCAN_TEXTS, ids=[f"text{i}" for i in range(len(SCAN_TEXTS))])
def test_date_and_number_scans_find_what_finditer_finds(text):
    """The pre-scan that runs the date and number patterns only where a match can start loses nothing."""
    from audit import quantities as q

    spans = lambda matches: [(m.span(), m.groupdict()) for m in matches]  # noqa: E731
    assert [spans(found) for found in q._date_matches(text)] == [spans(p.finditer(text)) for _, p in q._DATE_PATTERNS]
    assert spans(q._quantity_matches(text)) == spans(q._QUANTITY.finditer(text))


def test_letters_that_case_insensitive_patterns_take_for_ascii_do_not_crash_the_text_layer():
    """ "ſeptember", "thırty": the patterns match them (IGNORECASE), so the tables must find them too."""
    doc = Document.from_text("On ſeptember 5 thırty people, the fırst strike; last ſunday. dozenſ-boats",
                             date="2025-11-17")  # fmt: skip
    assert [(d.text, d.value.isoformat()) for d in doc.dates] == [("ſeptember 5", "2025-09-05"), ("last ſunday", "2025-11-16")]
    assert [(q.value, q.unit) for q in doc.quantities] == [(1.0, "strike"), (24.0, "boat")]
    assert [(q.value, q.unit) for q in Document.from_text("thırty people").quantities] == [(30.0, "people")]
