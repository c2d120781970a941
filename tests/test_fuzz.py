"""Property-based tests: hostile input never escapes as an exception or breaks the contract.

Loading, the text layer and every registered signal are driven with arbitrary Unicode,
control characters, NUL bytes, right-to-left text, lone surrogates, runs of quotation
marks, unbalanced quotes, empty and whitespace-only text. The properties: nothing but a
clear ``ArticleError`` escapes; every span and finding points at the text it claims to;
offsets stay in range; the JSON document is valid against the schema.

The default run is short (a few hundred examples in all). ``HYPOTHESIS_PROFILE=thorough``
runs twenty times as many; add ``--hypothesis-show-statistics`` to count them.
"""

from __future__ import annotations

import json
import os

import jsonschema
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from audit.corpus import SUFFIXES, Article, ArticleError, decode, load_text
from audit.pipeline import analyse_article, compare_across
from audit.result import Audit, contract_problem
from audit.signals import SIGNALS
from audit.text import Document

from .conftest import SCHEMA

SCALE = {"default": 1, "thorough": 20}[os.environ.get("HYPOTHESIS_PROFILE", "default")]
BASE = settings(
    deadline=None,
    database=None,  # no .hypothesis folder left in the working tree; failures print their example
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


def fuzz(examples: int) -> settings:
    return settings(BASE, max_examples=examples * SCALE)


# ---------------------------------------------------------------- strategies

HOSTILE = [
    "The Navy said", "officials said", " ", "  ", "\n", "\n\n", "\t", "\r\n", ".", "!", "?", "…", "...", ",",
    '"', "'", "“", "”", "‘", "’", "«", "»", "„", "‹", "(", ")", "[", "—", "-",
    "U.S.", "Gen. Smith", "Sen.", "Nov. 15", "on Tuesday", "last week", "2025-09-02", "about 14 people",
    "$50 million", "3", "11th", "the first", "at least 11", "1,000,000", "0.5%",
    "\x00", "\x07", "\x1b[31m", "\x7f", "\u200b", "\ufeff", "\u00a0", "\u2028", "\u2029", "\x1c", "\x85",
    "\u202e", "\u202d", "\u2066", "\u200f", "שלום עולם.", "مرحبا بالعالم.", "\u0301", "🇻🇪", "Ω", "ǅ", "ﬁ",
    "\udcff", "\ud800", "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "[x](javascript:alert(1))",
    "# Heading", "| a | b |", "---", "Tags", "Advertisement", "The post x appeared first on y",
]  # fmt: skip
pieces = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12))
hostile_text = st.one_of(
    st.lists(pieces, max_size=80).map("".join),
    st.text(max_size=400),
    st.lists(st.sampled_from(['"', "'", "“", "”", "‘", "’", " ", "x", "\n"]), max_size=300).map("".join),
)
EDGE_CASES = ["", " ", "\n\n\t \n", '"' * 3000, "“" * 2000 + "”" * 5, "‘x " * 1500, 'He said "no. \n\nThen “yes.',
              "\u202eevil\u202c said.", "a" * 5_000, ". " * 3000, "\x00" * 100]  # fmt: skip
MEGABYTE_WORD = "The " + "a" * 1_000_000 + " said."
GIANTS = {"50 KB word": "The " + "x" * 50_000 + " said.", "12,000 quote marks": '"“”‘’\'' * 2_000,
          "2,000 unbalanced quotes": "\n".join(f"“Quote {n} said." for n in range(2_000))}  # fmt: skip


def with_edge_cases(test):
    for text in EDGE_CASES:
        test = example(text)(test)
    return test


def articles_from(text: str) -> list[Article]:
    """The text as a cleaned Article (as loaded from a file) and raw (as built in a notebook)."""
    raw = Article(id="raw", text=text, source="Raw")
    try:
        return [Article.from_text(text, id="cleaned", source="Cleaned", date="2025-11-17"), raw]
    except ArticleError:
        return [raw]  # empty after cleaning: the loader refuses it with a clear message


# ---------------------------------------------------------------- loading


@fuzz(100)
@given(st.binary(max_size=600))
@example(b"\xff\xfe\x00\xd8")  # UTF-16 with a lone surrogate
@example(b"\xef\xbb\xbf\xff")  # a UTF-8 byte-order mark, then not UTF-8
@example(b"\x00" * 10)
def test_decode_gives_text_or_a_clear_error(raw):
    try:
        text, encoding = decode(raw)
    except ArticleError as exc:
        assert str(exc)
        return
    assert isinstance(text, str) and encoding


front_matter = st.builds(
    lambda meta, body: f"---\n{meta}\n---\n{body}",
    st.lists(st.sampled_from(["title: x", "date: 2025-13-45", "date: 2025-01-02", "a: [", "t: &a [1,2]",
                              "u: *a", "id: {x: 1}", "source: !!python/object:os.system", "url: javascript:x",
                              "date: yesterday", "- item", "key:", ": :"]), max_size=5).map("\n".join),  # fmt: skip
    hostile_text,
)
csv_text = st.lists(st.lists(st.sampled_from(["text", "id", "source", "date", '"', ",", "x", "\n", "a b.", "\x00", "2025-01-01"]),
                             max_size=12).map("".join), max_size=6).map("\n".join)  # fmt: skip
jsonl_text = st.lists(st.one_of(st.sampled_from(['{"text": "A b."}', '{"text": 5}', "[[[[", "{}", '{"text": "x", "id": [1]}',
                                                 '{"text": "A.", "date": "2025-02-30"}', "null", ""]),
                                st.text(max_size=20)), max_size=5).map("\n".join)  # fmt: skip
html_text = st.lists(st.one_of(st.sampled_from(["<", ">", "<!", "<![", "<![foo", "]]>", "<!--", "-->", "<!DOCTYPE x [", "<p>",
                                                "</p>", "<article>", "<script>", "</script>", "<title>", "&", "&#",
                                                "<meta property='og:title' content='", "'>", "<br>", "text. "]),
                               st.text(max_size=8)), max_size=40).map("".join)  # fmt: skip


@fuzz(100)
@given(st.one_of(
    st.tuples(st.one_of(hostile_text, front_matter).map(lambda t: t.encode("utf-8", "surrogatepass")), st.just(".md")),
    st.tuples(csv_text.map(str.encode), st.just(".csv")),
    st.tuples(jsonl_text.map(str.encode), st.just(".jsonl")),
    st.tuples(html_text.map(str.encode), st.just(".html")),
    st.tuples(st.binary(max_size=300), st.sampled_from(sorted(SUFFIXES))),
))  # fmt: skip
def test_any_input_loads_or_is_refused_clearly(data_and_suffix):
    data, suffix = data_and_suffix
    try:
        articles = load_text(data, name=f"input{suffix}", suffix=suffix)
    except ArticleError as exc:
        assert str(exc)
        return
    for article in articles:
        assert article.text.strip() and article.id
        json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8")  # writable as UTF-8


# ---------------------------------------------------------------- the text layer


def _in_order(spans) -> bool:
    return all(a.end <= b.start for a, b in zip(spans, spans[1:]))


@fuzz(80)
@given(hostile_text)
@with_edge_cases
@example(MEGABYTE_WORD)
@example('"“”‘’\'' * 5_000)
@example("It ended" + "." * 50_000)  # quadratic in the sentence splitter once (20,000 dots: 24 s)
@example("<a" * 50_000)
def test_text_layer_spans_stay_in_the_text(text):
    for article in articles_from(text):
        doc = Document.from_article(article)
        n = len(doc.text)
        assert all(0 <= s < e <= n for s, e in doc.paragraphs)
        assert all(0 <= s.start <= s.end <= n for s in doc.sentences) and _in_order(doc.sentences)
        assert all(doc.text[t.start:t.end] == t.text for t in doc.tokens) and _in_order(doc.tokens)
        for q in doc.quotes:
            assert 0 <= q.start <= q.inner_start <= q.inner_end <= q.end <= n and q.depth in (1, 2)
        for mention in (*doc.dates, *doc.quantities):
            assert doc.text[mention.start:mention.end] == mention.text
        for offset in range(0, n + 1, max(1, n // 20)):
            doc.quote_at(offset)
            if doc.sentences:
                assert doc.sentence_at(offset) in doc.sentences


# ---------------------------------------------------------------- every signal, through the pipeline


def batch(texts: list[str]) -> list[Article]:
    articles = []
    for index, text in enumerate(texts):
        for article in articles_from(text):
            article.id = f"{article.id}-{index}"
            articles.append(article)
    return articles


def audit_with(signals, articles: list[Article]) -> Audit:
    outcomes = [analyse_article(article, signals) for article in articles]
    results = [o.result for o in outcomes]
    compare_across(results, [o.collected for o in outcomes], signals)
    return Audit(articles=results, errors=[], signals=tuple(signals))


def check_contract(audit: Audit) -> None:
    for result in audit.articles:
        assert result.signal_errors == [], result.signal_errors  # a crash or a broken finding is a bug
        text = result.article.text
        for finding in result.findings:
            assert contract_problem(finding, text) is None, contract_problem(finding, text)
            for evidence in finding.evidence:
                assert isinstance(evidence.text, str)
    document = json.loads(audit.to_json())
    jsonschema.validate(document, SCHEMA)
    for article in document["articles"]:
        for finding in article["findings"]:
            assert article["text"][finding["start"]:finding["end"]] == finding["text"]


SIGNAL_PARAMS = [pytest.param(signal, id=signal.name) for signal in SIGNALS]


@pytest.mark.parametrize("signal", SIGNAL_PARAMS)
@fuzz(25)
@given(st.lists(hostile_text, min_size=1, max_size=3))
@example(EDGE_CASES)
@example(["The Navy said 3 boats were hit.", "The Navy said 4 boats were hit.", "Officials said “three” boats."])
def test_every_signal_keeps_the_contract_on_hostile_text(signal, texts):
    check_contract(audit_with([signal], batch(texts)))


@fuzz(12)
@given(st.lists(hostile_text, min_size=2, max_size=4))
@example(["", "\udcff«שלום עולם."])  # found by the thorough profile: a lone surrogate stopped the comparison
def test_all_signals_together_keep_the_contract(texts):
    check_contract(audit_with(SIGNALS, batch(texts)))


@pytest.mark.parametrize("signal", SIGNAL_PARAMS)
def test_every_signal_keeps_the_contract_on_giant_input(signal):
    check_contract(audit_with([signal], batch(list(GIANTS.values()))))
