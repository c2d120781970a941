"""The audit/1 JSON contract, the reports and the command line."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser

import jsonschema
import pytest

from audit.cli import main

from .conftest import CORPUS, SCHEMA


def test_seed_json_is_valid_against_the_schema(seed_json):
    jsonschema.validate(seed_json, SCHEMA)
    assert seed_json["schema"] == "audit/1" and len(seed_json["articles"]) == 5


def test_every_finding_points_at_its_text(seed_json):
    count = 0
    for article in seed_json["articles"]:
        for finding in article["findings"]:
            assert article["text"][finding["start"]:finding["end"]] == finding["text"]
            count += 1
    assert count > 0


def test_every_score_has_a_meaning(seed_json):
    for article in seed_json["articles"]:
        for signal, scores in article["scores"].items():
            assert set(scores) <= set(seed_json["signals"][signal]["scores"]), signal


def test_frame_has_one_row_per_article_and_one_column_per_score(seed_audit):
    frame = seed_audit.to_frame()
    assert len(frame) == 5
    assert "readability.flesch_reading_ease" in frame.columns
    assert len(seed_audit.findings) == sum(len(r.findings) for r in seed_audit.articles)
    assert "<table" in seed_audit._repr_html_()


def test_cli_writes_reports(tmp_path):
    out = tmp_path / "reports"
    assert main(["report", str(CORPUS), "--out", str(out), "--quiet"]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert "audit.json" in names and "index.html" in names
    assert len([n for n in names if n.endswith(".html")]) == 6 and len([n for n in names if n.endswith(".md")]) == 5
    jsonschema.validate(json.loads((out / "audit.json").read_text(encoding="utf-8")), SCHEMA)


def test_cli_exit_1_when_some_inputs_fail(tmp_path, capsys):
    (tmp_path / "good.txt").write_text("The Navy said the strike killed three people.")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00" * 100)
    (tmp_path / "legacy.txt").write_bytes("Nicolás said “no”.".encode("cp1252"))
    status = main(["report", str(tmp_path), "--out", str(tmp_path / "out"), "--quiet"])
    assert status == 1
    result = json.loads((tmp_path / "out" / "audit.json").read_text(encoding="utf-8"))
    assert sorted(a["id"] for a in result["articles"]) == ["good", "legacy"]
    assert sorted(e["path"].rsplit("/", 1)[-1] for e in result["errors"]) == ["binary.txt", "empty.txt"]
    err = capsys.readouterr().err
    assert "binary.txt" in err and "empty.txt" in err


def test_cli_usage_errors_exit_2(tmp_path):
    with pytest.raises(SystemExit) as exc:
        main(["report"])
    assert exc.value.code == 2
    assert main(["report", str(CORPUS), "--out", str(tmp_path), "--format", "pdf"]) == 2


def test_stdin_and_console_script(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "audit", "report", "-", "--out", str(tmp_path), "--quiet"],
                          input="Rubio said the strike was lethal.".encode(), capture_output=True, check=False)
    assert proc.returncode == 0, proc.stderr
    result = json.loads((tmp_path / "audit.json").read_text(encoding="utf-8"))
    assert result["articles"][0]["id"] == "stdin"


def test_report_text_is_escaped(tmp_path):
    from audit import Article, audit_corpus
    from audit.report import write_reports

    evil = Article.from_text('<script>alert(1)</script> "><img src=x onerror=alert(2)> said.', id="evil",
                             source="<b>Bad</b>", url="javascript:alert(3)")
    write_reports(audit_corpus([evil]), tmp_path)
    page = (tmp_path / "b-bad-b.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page and 'href="javascript:' not in page
    md = (tmp_path / "b-bad-b.md").read_text(encoding="utf-8")
    assert "<script>" not in md and "<img" not in md


class _Tags(HTMLParser):
    """Every tag and attribute of a page, and the text of its scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += attrs

    def handle_data(self, data):
        if self.tags and self.tags[-1] == "script" and self.lasttag == "script":
            self.scripts.append(data)


def test_fields_that_come_from_files_are_escaped_too(tmp_path, capsys):
    """File names (article path, load errors), a malformed URL and removed page furniture."""
    hostile = '<img src=x onerror=alert(1)>"><svg onload=alert(2)>[x](javascript:alert(3))'
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / f"{hostile}.txt").write_text(
        "---\nsource: Outlet\nurl: https://<script>alert(4)</script>.example/x\n---\nBig News\n\n"
        "The Navy said three people died.\n\nRelated articles:\n<img src=x onerror=alert(5)> more\n\n"
        "The post <script>alert(6)</script> appeared first on <b>Evil</b>.\nTags: <svg onload=alert(7)>")
    (folder / f"empty {hostile}.txt").write_text("")
    assert main(["report", str(folder), "--out", str(tmp_path / "out"), "--quiet", "--no-classifier"]) == 1
    capsys.readouterr()
    document = json.loads((tmp_path / "out" / "audit.json").read_text(encoding="utf-8"))
    [article] = document["articles"]
    assert hostile in article["path"] and article["domain"] is None and len(article["removed"]) >= 3
    assert hostile in document["errors"][0]["path"]  # kept verbatim in JSON, which is data, not markup
    for page in (tmp_path / "out").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        parser = _Tags()
        parser.feed(text)
        assert "img" not in parser.tags and not any(name.startswith("on") for name, _ in parser.attributes), page.name
        assert not any("javascript:" in (value or "").lower() for _, value in parser.attributes), page.name
        assert parser.tags.count("script") <= 1 and not any("alert(" in s for s in parser.scripts), page.name
    for page in (tmp_path / "out").glob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"(?<!\\)<(?!https?://)", text), page.name  # every < escaped or an autolink
        assert "](javascript" not in text, page.name
