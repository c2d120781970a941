"""The reports: every finding highlighted, three formats with the same content, nothing injected."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from audit import Article, Finding, audit_corpus
from audit.report import markdown_escape, write_reports
from audit.report.diff import word_diff
from audit.report.highlight import article_html, segments
from audit.report.model import unique_slugs

from . import synthetic
from .synthetic import SIGNALS_WITH_STAND_INS

class Highlights(HTMLParser):
    """Collects, per article section, the text of each finding's highlights and the list ids."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.section: str | None = None
        self.marks: dict[tuple[str, int], str] = {}
        self.open: list[int] | None = None
        self.ids: set[str] = set()
        self.scripts = 0
        self.hrefs: list[str] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.handlers += [name for name in attrs if name.startswith("on")]
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if "href" in attrs:
            self.hrefs.append(attrs["href"])
        if tag == "script":
            self.scripts += 1
        if tag == "section":
            self.section = attrs.get("id")
        if tag == "mark" and "data-f" in attrs:
            self.open = [int(n) for n in attrs["data-f"].split()]
            for n in self.open:
                self.marks.setdefault((self.section, n), "")

    def handle_endtag(self, tag):
        if tag == "mark":
            self.open = None

    def handle_data(self, data):
        for n in self.open or ():
            self.marks[(self.section, n)] += data


def parse(path: Path) -> Highlights:
    parser = Highlights()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def stand_in_audit():
    return synthetic.stand_in_audit()


@pytest.fixture(scope="module")
def stand_in_reports(stand_in_audit, tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    write_reports(stand_in_audit, out)
    return out


def check_every_finding_is_highlighted(out: Path) -> int:
    """Every finding of audit.json: highlights whose text is exactly the finding's text,
    and an entry in the finding list that its tag links to."""
    document = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    sources = json.loads(json.dumps({s: json.loads((out / s).read_text(encoding="utf-8"))
                                     for s in [p.name for p in out.glob("*.json") if p.name != "audit.json"]}))  # fmt: skip
    anchors = {a["id"]: (name, a["anchor"], a["findings"]) for name, s in sources.items() for a in s["articles"]}
    checked = 0
    parsed: dict[str, Highlights] = {}
    for article in document["articles"]:
        name, anchor, listed = anchors[article["id"]]
        page = parsed.setdefault(name, parse(out / name.replace(".json", ".html")))
        assert len(listed) == len(article["findings"])
        for number, finding in enumerate(sorted(article["findings"], key=lambda f: (f["start"], -f["end"],
                                                                                    f["signal"], f["kind"])), 1):  # fmt: skip
            # the slice, not finding["text"]: the contract test checks that the two agree
            expected = article["text"][finding["start"]:finding["end"]]
            assert page.marks.get((anchor, number)) == expected, (article["id"], number, finding)
            assert f"{anchor}-f{number}" in page.ids
            checked += 1
    return checked


def test_every_stand_in_finding_is_highlighted(stand_in_reports, stand_in_audit):
    kinds = {(f.signal, f.kind) for r in stand_in_audit.articles for f in r.findings}
    assert {("attribution", "attribution"), ("hedging", "hedge"), ("consistency", "corroborated"),
            ("consistency", "single_source"), ("transcription", "garble")} <= kinds  # fmt: skip
    assert check_every_finding_is_highlighted(stand_in_reports) == sum(len(r.findings) for r in stand_in_audit.articles)


def test_every_real_finding_is_highlighted(seed_audit, tmp_path):
    write_reports(seed_audit, tmp_path)
    assert check_every_finding_is_highlighted(tmp_path) == sum(len(r.findings) for r in seed_audit.articles)


def test_segments_tile_the_text_and_keep_every_overlapping_finding():
    text = "abcdefghij\nklmnop"
    spans = [(0, 5), (2, 8), (2, 8), (3, 3), (6, 14), (15, 99), (-4, 1)]
    findings = [Finding(signal="s", kind="k", start=a, end=b, text=text[max(a, 0):b], message="") for a, b in spans]
    pieces = segments(len(text), findings)
    assert "".join(text[p.start:p.end] for p in pieces) == text
    for index, f in enumerate(findings):
        covered = "".join(text[p.start:p.end] for p in pieces if index in p.findings)
        assert covered == text[max(f.start, 0):min(f.end, len(text))]
    assert any(p.start == p.end == 3 and p.findings == (3,) for p in pieces)  # the zero-length one
    assert len(pieces) <= 2 * len(findings) + 2


def test_highlighting_many_overlapping_findings_keeps_each_one():
    text = "word " * 5_000
    findings = [Finding.at(text, i, i + 4, signal="hedging", kind="hedge", message="m") for i in range(0, len(text), 5)]
    findings.append(Finding.at(text, 0, len(text), signal="readability", kind="long_sentence", message="m"))
    html = str(article_html(text, findings, lambda i: f"f{i}"))
    assert html.count('class="tag ') == len(findings)
    assert html.count("<mark") == 2 * len(findings) - 2  # each word, and each gap under the long finding


def test_overlapping_findings_all_reachable_from_the_text():
    text = "Officials reportedly said so."
    findings = [Finding.at(text, 0, 24, signal="attribution", kind="attribution", message="anon",
                           extra={"source_type": "anonymous"}),
                Finding.at(text, 10, 20, signal="hedging", kind="hedge", message="hedge")]  # fmt: skip
    html = str(article_html(text, findings, lambda i: f"f{i + 1}"))
    assert 'data-f="1 2"' in html and "hl-anonymous" in html
    assert 'href="#f1"' in html and 'href="#f2"' in html
    assert ">A?·1<" in html and ">H·2<" in html  # the tag, not the colour, names the kind


def test_quote_difference_is_word_level():
    ops = word_diff("we have conducted a lifestyle strike", "“Today we have conducted a lethal strike,” Rubio said.")
    assert [(o.kind, o.ours, o.theirs) for o in ops if o.kind != "same"] == [("changed", "lifestyle", "lethal")]
    assert [o.kind for o in word_diff("same words here", "Same words, here")] == ["same"]


def test_formats_carry_the_same_content(stand_in_reports, stand_in_audit):
    for name, members in stand_in_audit.sources().items():
        stem = unique_slugs(stand_in_audit.sources())[name]
        data = json.loads((stand_in_reports / f"{stem}.json").read_text(encoding="utf-8"))
        markdown = (stand_in_reports / f"{stem}.md").read_text(encoding="utf-8")
        html = (stand_in_reports / f"{stem}.html").read_text(encoding="utf-8")
        assert data["schema"] == "audit-source/1" and data["name"] == name
        assert [line["signal"] for line in data["scorecard"]] == [s.name for s in stand_in_audit.signals]
        for line in data["scorecard"]:
            assert line["sentence"] and markdown_escape(line["sentence"]) in markdown
        for row in data["cited"]:
            assert markdown_escape(row["speaker"]) in markdown
        for claim in data["claims"] + data["quotes"]:
            assert markdown_escape(claim["text"]) in markdown
        findings = [f for a in data["articles"] for f in a["findings"]]
        assert len(findings) == sum(len(r.findings) for r in members)
        for f in findings:
            assert markdown_escape(f["text"]) in markdown
            assert f'id="{f["anchor"]}"' in html
            for e in f["evidence"]:
                assert markdown_escape(e["text"]) in markdown


def test_quote_variants_show_the_differing_words(stand_in_reports):
    quotes = [q for p in stand_in_reports.glob("*.json") if p.name != "audit.json"
              for q in json.loads(p.read_text(encoding="utf-8"))["quotes"]]  # fmt: skip
    variants = [c for q in quotes if q["verdict"] == "quote_variant" for c in q["comparisons"]]
    assert variants and all(c["diff"] for c in variants)
    changed = [op for c in variants for op in c["diff"] if op["kind"] != "same"]
    assert changed, "a variant must show at least one differing word"


def test_index_lists_every_source_with_charts(stand_in_reports, stand_in_audit):
    index = (stand_in_reports / "index.html").read_text(encoding="utf-8")
    for stem in unique_slugs(stand_in_audit.sources()).values():
        assert f'href="{stem}.html"' in index
    assert index.count('<svg class="chart"') == 1 + len([s for s in stand_in_audit.signals if s.scores])
    assert "Credibility against bias" in index


def test_index_says_so_when_there_are_no_readings(seed_audit, tmp_path):
    write_reports(seed_audit, tmp_path, ["html"])
    if not any(r.classifier for r in seed_audit.articles):
        assert "no classifier readings in this batch" in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_reports_are_self_contained(stand_in_reports):
    for page in stand_in_reports.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"<(link|iframe|object|embed|img)\b", text), page.name
        assert not re.search(r"\bsrc=|@import|url\(", text), page.name
        assert "Content-Security-Policy" in text and "script-src 'sha256-" in text
        parser = parse(page)
        assert parser.scripts == 1 and not parser.handlers
        assert all(h.startswith(("#", "http://", "https://")) or h.endswith(".html") or ".html#" in h
                   for h in parser.hrefs), page.name  # fmt: skip


def test_injection_is_inert_in_html_markdown_and_json(tmp_path):
    result = synthetic.hostile_audit()
    write_reports(result, tmp_path)
    for page in tmp_path.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        parser = parse(page)
        assert parser.scripts == 1 and not parser.handlers, page.name
        assert not any(h.lower().lstrip().startswith("javascript") for h in parser.hrefs), page.name
        assert "<img" not in text and "<b onmouseover" not in text, page.name
    for page in tmp_path.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"(?<!\\)<(?!https?://)", text), page.name  # every < is escaped or an autolink
        assert "](javascript" not in text and "(javascript" not in text.replace("\\(javascript", "")
    for page in tmp_path.glob("*.json"):
        json.loads(page.read_text(encoding="utf-8"))
    assert (tmp_path / "audit.json").exists() and len(list(tmp_path.glob("*.html"))) == 3


def test_source_names_never_overwrite_the_index_or_audit_json(tmp_path):
    articles = [Article.from_text("Rubio said so.", id=str(n), source=name)
                for n, name in enumerate(["audit", "Index", "CNN", "cnn", "C.N.N."])]  # fmt: skip
    written = write_reports(audit_corpus(articles, signals=SIGNALS_WITH_STAND_INS), tmp_path)
    assert len(written) == len(set(written)) == 2 + 3 * 5
    assert json.loads((tmp_path / "audit.json").read_text(encoding="utf-8"))["schema"] == "audit/1"
    assert unique_slugs(["CNN", "cnn", "C.N.N."]) == {"CNN": "cnn", "cnn": "cnn-2", "C.N.N.": "c-n-n"}
