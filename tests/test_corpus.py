"""Loading: formats, encodings, page furniture, and bad files in a batch."""

from __future__ import annotations

import json

import pytest

from audit.corpus import Article, decode, load_paths, load_text

from .conftest import CORPUS


def test_seed_corpus_loads_with_metadata():
    articles, errors = load_paths([CORPUS])
    assert errors == []
    by_id = {a.id: a for a in articles}
    assert sorted(by_id) == [p.stem for p in sorted(CORPUS.glob("0*.txt"))]
    cnn = by_id["000_efd69a633545d00a"]
    assert (cnn.source, cnn.date.isoformat(), cnn.encoding) == ("CNN", "2025-09-02", "utf-8")
    assert by_id["001_83f7e1146e4f08e2"].source is None


def test_seed_furniture_removed_and_recorded():
    by_id = {a.id: a for a in load_paths([CORPUS])[0]}
    kinds = {i: [r.kind for r in a.removed] for i, a in by_id.items()}
    assert kinds["001_83f7e1146e4f08e2"] == ["repeated_headline", "trailing_furniture"]
    assert kinds["002_baf75e99f0aa5ef8"] == ["feed_footer"]
    assert kinds["003_0beeaa91816771a2"] == ["date_stamp"]
    assert not by_id["003_0beeaa91816771a2"].text.startswith("date")
    assert by_id["001_83f7e1146e4f08e2"].text.count("US Conducts Military Action") == 1
    assert not by_id["001_83f7e1146e4f08e2"].text.rstrip().endswith("Tags")


def test_furniture_rules_are_general_not_seed_strings():
    text = ("Published: March 3, 2024 Storm hits coast\n\nStorm hits coast\n\nThe storm hit at dawn.\n\n"
            "Read more:\nOther storm news\nAnother headline\n\nIt moved north.\n\n"
            "The post Storm hits coast appeared first on Example Daily.\nShare this article\nTags: weather, storms")
    article = Article.from_text(text, id="x")
    assert article.text == "Storm hits coast\n\nThe storm hit at dawn.\n\nIt moved north."
    assert article.date.isoformat() == "2024-03-03"
    assert [r.kind for r in article.removed] == [
        "date_stamp", "repeated_headline", "related_block", "feed_footer", "page_chrome", "trailing_furniture"]


def test_encodings_are_recorded():
    assert decode("Nicolás".encode("utf-8"))[1] == "utf-8"
    assert decode(b"\xef\xbb\xbf" + "Nicolás".encode("utf-8")) == ("Nicolás", "utf-8-sig")
    assert decode("Nicolás – “x”".encode("cp1252")) == ("Nicolás – “x”", "cp1252 (fallback: not valid UTF-8)")


def test_formats_jsonl_csv_html_and_front_matter(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "j1", "text": "One. Two.", "source": "S"}) + "\n")
    (tmp_path / "b.csv").write_text('text,source,date\n"Hello there.",T,2025-01-02\n')
    (tmp_path / "c.html").write_text(
        "<html><head><title>Page</title><meta property='og:site_name' content='Site'><script>alert(1)</script>"
        "</head><body><nav>Home</nav><article><h1>Head</h1><p>Body &amp; soul.</p></article></body></html>")
    (tmp_path / "d.md").write_text("---\nid: custom\ntitle: A title\nurl: https://www.example.org/x\n---\nText here.")
    articles, errors = load_paths([tmp_path])
    assert errors == []
    got = {a.id: a for a in articles}
    assert got["j1"].source == "S" and got["b-2"].date.isoformat() == "2025-01-02"
    assert got["c"].text == "Head\n\nBody & soul." and got["c"].source == "Site" and "alert" not in got["c"].text
    assert got["custom"].title == "A title" and got["custom"].domain == "example.org"


def test_bad_files_are_listed_and_the_rest_audited(tmp_path):
    (tmp_path / "good.txt").write_text("The Navy said the strike killed three people.")
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (tmp_path / "legacy.txt").write_bytes("Nicolás Maduro said “no” – again.".encode("cp1252"))
    (tmp_path / "broken.md").write_text("---\ntitle: [unclosed\n---\nText.")
    (tmp_path / "nocol.csv").write_text("body\nx\n")
    articles, errors = load_paths([tmp_path])
    assert sorted(a.id for a in articles) == ["good", "legacy"]
    assert {a.id: a.encoding for a in articles}["legacy"].startswith("cp1252")
    reasons = {e.path.rsplit("/", 1)[-1]: e.error for e in errors}
    assert sorted(reasons) == ["binary.txt", "broken.md", "empty.txt", "nocol.csv"]
    assert "binary" in reasons["binary.txt"] and "empty" in reasons["empty.txt"]
    assert "front matter" in reasons["broken.md"] and "'text' column" in reasons["nocol.csv"]


def test_size_limit_and_missing_path(tmp_path):
    (tmp_path / "big.txt").write_text("word " * 1000)
    articles, errors = load_paths([tmp_path / "big.txt", tmp_path / "nope.txt"], max_bytes=100)
    assert articles == [] and [("too large" in e.error or "no such" in e.error) for e in errors] == [True, True]


def test_symlink_loop_is_skipped(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Text.")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)
    articles, errors = load_paths([tmp_path])
    assert [a.id for a in articles] == ["a"] and any("loop" in e.error for e in errors)


def test_duplicate_ids_made_unique():
    articles = load_text('{"id": "x", "text": "A."}\n{"id": "x", "text": "B."}\n', suffix=".jsonl")
    assert [a.id for a in articles] == ["x", "x"]  # unique only within a loaded batch
    with pytest.raises(ValueError):
        load_text("   ")


def test_jsonl_record_holding_a_unicode_line_separator_is_one_record():
    record = json.dumps({"id": "ls", "text": "First line.\u2028Second line.\x85Third."}, ensure_ascii=False)
    articles = load_text(record + "\n" + json.dumps({"id": "next", "text": "B."}) + "\n", suffix=".jsonl")
    assert [a.id for a in articles] == ["ls", "next"]
    assert "Second line." in articles[0].text
