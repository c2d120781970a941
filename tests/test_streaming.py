"""audit.json is written piece by piece (one article at a time) and equals the whole document."""

from __future__ import annotations

import json

from audit import Article, audit_corpus
from audit.report.files import open_atomic
from audit.result import Audit


def test_json_pieces_join_to_the_whole_document(tmp_path):
    articles = [
        Article.from_text("Officials said “three boats\nwere hit” on Tuesday.", id="a", source="X"),
        Article.from_text("Rubio said \u2028 it was “lethal”. \"\\n\" [] {} 🚤", id="b", source="Y", date="2025-11-17"),
    ]
    result = audit_corpus(articles)
    assert "".join(result.json_pieces()) == result.to_json()
    path = result.write_json(tmp_path / "audit.json")
    assert path.read_text(encoding="utf-8") == result.to_json() + "\n"
    assert [a["id"] for a in json.loads(path.read_text(encoding="utf-8"))["articles"]] == ["a", "b"]


def test_an_empty_audit_streams_too():
    empty = Audit(articles=[], errors=[])
    assert "".join(empty.json_pieces()) == empty.to_json()


def test_a_failed_write_leaves_the_old_file(tmp_path):
    target = tmp_path / "audit.json"
    target.write_text("old", encoding="utf-8")
    try:
        with open_atomic(target) as out:
            out.write("half")
            raise RuntimeError("interrupted")
    except RuntimeError:
        pass
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["audit.json"]  # no temporary file left behind
