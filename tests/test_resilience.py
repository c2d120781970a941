"""Nothing lost: a crashing signal costs only itself, on only its article; reports are
replaced whole or not at all."""

from __future__ import annotations

import json
import os

import jsonschema
import pytest

from audit import Article, audit_corpus
from audit.findings import Finding, SignalResult
from audit.report import write_reports
from audit.report.files import write_atomic
from audit.signals import get_signal
from audit.signals.base import Signal

from .conftest import SCHEMA

TEXTS = {
    "calm": "The Navy said the strike killed three people on Tuesday.",
    "explode": "Officials said the boat was carrying drugs. Nobody showed evidence.",
    "quiet": "Rubio said the operation would continue.",
}


def articles() -> list[Article]:
    return [Article.from_text(text, id=name, source=f"Outlet {name}") for name, text in TEXTS.items()]


def explode_on_one_article(doc):
    if "drugs" in doc.text:
        raise RuntimeError("boom on purpose")
    return SignalResult(scores={"ok": 1})


def broken_findings(doc):
    text = doc.text
    return SignalResult(
        findings=[
            Finding.at(text, 0, 3, signal="broken", kind="fine", message="kept"),
            Finding(signal="broken", kind="off_the_end", start=0, end=len(text) + 5, text=text, message="m"),
            Finding(signal="broken", kind="wrong_text", start=0, end=3, text="xyz", message="m"),
            Finding.at(text, 0, 3, signal="broken", kind="not_json", message="m", extra={"value": {1, 2}}),
            Finding.at(text, 0, 3, signal="broken", kind="nan", message="m", confidence=float("nan")),
        ],
        scores={"nan_score": float("nan"), "infinite": float("inf")},
    )


def failing_compare(summaries):
    raise ValueError("compare failed on purpose")


EXPLODING = Signal(name="exploding", description="fails on one article", scores={"ok": "1"}, analyse=explode_on_one_article)
BROKEN = Signal(name="broken", description="returns broken findings", scores={"nan_score": "x", "infinite": "y"},
                analyse=broken_findings)  # fmt: skip
FAILING_COMPARE = Signal(name="failing_compare", description="compare fails", collect=lambda doc: len(doc.text),
                         compare=failing_compare)  # fmt: skip


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_signal_crash_is_recorded_against_its_article_and_the_rest_still_runs(jobs):
    signals = [get_signal("readability"), EXPLODING, get_signal("hedging")]
    result = audit_corpus(articles(), signals=signals, jobs=jobs, readings=False)
    by_id = {r.article.id: r for r in result.articles}
    assert list(by_id) == list(TEXTS)  # the batch went on, in input order
    [failure] = by_id["explode"].signal_errors
    assert failure["signal"] == "exploding" and "RuntimeError: boom on purpose" in failure["error"]
    assert "test_resilience.py:" in failure["error"]  # where it failed, for the signal's owner
    for article_id, r in by_id.items():
        assert set(r.scores) >= {"readability", "hedging"}, article_id  # the other signals still ran
        assert ("exploding" in r.scores) == (article_id != "explode")
        assert r.signal_errors == [] or article_id == "explode"
    jsonschema.validate(json.loads(result.to_json()), SCHEMA)


def test_a_failing_comparison_is_recorded_and_per_article_results_are_kept():
    result = audit_corpus(articles(), signals=[get_signal("readability"), FAILING_COMPARE], readings=False)
    for r in result.articles:
        assert [e["signal"] for e in r.signal_errors] == ["failing_compare"]
        assert "ValueError: compare failed on purpose" in r.signal_errors[0]["error"]
        assert r.scores["readability"]["words"] > 0


def test_findings_that_break_the_contract_are_dropped_and_recorded(tmp_path):
    result = audit_corpus(articles()[:1], signals=[BROKEN], readings=False)
    [r] = result.articles
    assert [f.kind for f in r.findings] == ["fine"]
    [error] = r.signal_errors
    assert error["signal"] == "broken" and error["error"].startswith("dropped 4 finding(s)")
    assert r.scores["broken"] == {"nan_score": 0.0, "infinite": 0.0}  # JSON has no NaN or infinity
    document = json.loads(result.to_json())
    jsonschema.validate(document, SCHEMA)
    assert write_reports(result, tmp_path)  # the reports render what is left


def test_a_classifier_crash_keeps_the_audit(monkeypatch):
    import audit.pipeline

    def crash(results):
        raise MemoryError("classifier out of memory on purpose")

    monkeypatch.setattr(audit.pipeline.classifier, "readings", crash)
    result = audit_corpus(articles(), signals=[get_signal("readability")])
    for r in result.articles:
        assert r.classifier is None and r.scores["readability"]
        assert [e["signal"] for e in r.signal_errors] == ["classifier"]


def test_a_text_layer_crash_costs_one_article_and_is_reported_on_stderr(monkeypatch, tmp_path, capsys):
    from audit.cli import main
    from audit.text import Document

    real = Document.from_article.__func__

    def fragile(cls, article):
        if "drugs" in article.text:
            raise IndexError("text layer failed on purpose")
        return real(cls, article)

    monkeypatch.setattr(Document, "from_article", classmethod(fragile))
    for name, text in TEXTS.items():
        (tmp_path / f"{name}.txt").write_text(text)
    assert main(["report", str(tmp_path), "--out", str(tmp_path / "out"), "--quiet", "--no-classifier"]) == 0
    document = json.loads((tmp_path / "out" / "audit.json").read_text(encoding="utf-8"))
    failed = {a["id"]: a["signal_errors"] for a in document["articles"] if a["signal_errors"]}
    assert list(failed) == ["explode"] and "IndexError: text layer failed on purpose" in failed["explode"][0]["error"]
    assert len(document["articles"]) == 3
    err = capsys.readouterr().err
    assert "explode.txt" in err and "text layer failed on purpose" in err


def test_articles_with_the_same_id_are_kept_apart():
    """Two notebook articles with the default id must not share cross-source results."""
    first = Article.from_text("The Navy said three people died on Tuesday.", source="A")
    second = Article.from_text("The Navy said four people died on Tuesday.", source="B")
    result = audit_corpus([first, second, Article.from_text("Rubio said so.", id="article~2")], readings=False)
    assert [r.article.id for r in result.articles] == ["article", "article~3", "article~2"]
    assert first.id == second.id == "article"  # the caller's objects are not renamed
    for r in result.articles:
        assert r.signal_errors == [], r.signal_errors  # no finding computed on the other article's text
    assert any(f.signal == "consistency" for r in result.articles[:2] for f in r.findings)


# ---------------------------------------------------------------- atomic writes


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_an_interrupted_rename_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "audit.json"
    target.write_text('{"old": true}\n', encoding="utf-8")

    def interrupted(src, dst):
        raise KeyboardInterrupt  # Ctrl-C between writing and renaming

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, '{"new": true}\n')
    assert target.read_text(encoding="utf-8") == '{"old": true}\n'
    assert leftovers(tmp_path) == []


def test_a_failure_half_way_through_writing_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "source.html"
    target.write_text("<html>old</html>", encoding="utf-8")
    real_fdopen = os.fdopen

    class DiskFullHalfWay:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, content):
            self.handle.write(content[: len(content) // 2])
            self.handle.flush()
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: DiskFullHalfWay(real_fdopen(fd, *a, **k)))
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, "<html>" + "new " * 10_000 + "</html>")
    assert target.read_text(encoding="utf-8") == "<html>old</html>"
    assert leftovers(tmp_path) == []


def test_a_report_run_that_fails_keeps_every_previous_report_whole(tmp_path, monkeypatch):
    result = audit_corpus(articles(), signals=[get_signal("readability")], readings=False)
    write_reports(result, tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    calls = {"n": 0}
    real_replace = os.replace

    def fail_on_third(src, dst):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", fail_on_third)
    with pytest.raises(KeyboardInterrupt):
        write_reports(result, tmp_path)
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert set(after) == set(before)  # no temporary left, nothing missing
    assert after == before  # each file is the old or the new one, whole (the same inputs give the same bytes)
