"""Batches: the same audit.json for any --jobs and either engine; --skip-existing resumes."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

from audit import Article, audit_corpus
from audit.cache import FOLDER, ResultCache, decode, encode
from audit.cli import main
from audit.findings import SignalResult
from audit.report.files import write_atomic
from audit.signals import SIGNALS
from audit.signals.base import Signal

from .conftest import CORPUS

CALLS: list[str] = []


def _counting(doc) -> SignalResult:
    CALLS.append(doc.text[:20])
    return SignalResult(scores={"calls": 1})


COUNTED = (*SIGNALS, Signal("counted", "counts how often the per-article stage runs", {"calls": "runs"},
                            analyse=_counting))  # fmt: skip


def articles(n: int = 6) -> list[Article]:
    return [Article.from_text(f"Officials said strike {i} killed {i + 2} people. Rubio said it was lethal.",
                              id=f"a{i}", source=f"Outlet {i % 3}", date="2025-09-02") for i in range(n)]  # fmt: skip


def test_jobs_give_byte_identical_audit_json(tmp_path, seed_audit):
    assert main(["report", str(CORPUS), "--out", str(tmp_path), "--jobs", "2", "--format", "json", "--quiet"]) == 0
    assert (tmp_path / "audit.json").read_text(encoding="utf-8") == seed_audit.to_json() + "\n"  # seed_audit: 1 job


@pytest.mark.skipif(importlib.util.find_spec("distributed") is None, reason="dask/distributed not installed "
                    "(pip install 'audit[dask]')")  # fmt: skip
def test_dask_engine_gives_the_same_audit_json(seed_audit, monkeypatch):
    monkeypatch.setattr("audit.runner.DASK_CHUNK", 2)  # several chunks, finishing in any order
    on_dask = audit_corpus(CORPUS, engine="dask", jobs=1)  # a LocalCluster in this process
    assert on_dask.to_json() == seed_audit.to_json()


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown engine"):
        audit_corpus(articles(1), engine="spark")


def test_skip_existing_reuses_finished_articles(tmp_path):
    fresh = audit_corpus(articles(), signals=COUNTED).to_json()
    CALLS.clear()
    first = audit_corpus(articles(), signals=COUNTED, resume=tmp_path).to_json()
    assert len(CALLS) == 6 and len(list((tmp_path / FOLDER).glob("*.json"))) == 6
    CALLS.clear()
    second = audit_corpus(articles(), signals=COUNTED, resume=tmp_path).to_json()
    assert CALLS == [] and first == second == fresh
    changed = articles()
    changed[2] = Article.from_text("A different text now.", id="a2", source="Outlet 2", date="2025-09-02")
    audit_corpus(changed, signals=COUNTED, resume=tmp_path)
    assert CALLS == ["A different text now"]  # only the edited article is recomputed


def test_an_interrupted_batch_resumes_with_the_same_result(tmp_path):
    fresh = audit_corpus(articles(), signals=COUNTED).to_json()
    audit_corpus(articles(), signals=COUNTED, resume=tmp_path)
    files = sorted((tmp_path / FOLDER).glob("*.json"))
    files[0].unlink()  # never written: the run stopped before it
    files[1].write_text(files[1].read_text(encoding="utf-8")[:50], encoding="utf-8")  # damaged by hand
    CALLS.clear()
    assert audit_corpus(articles(), signals=COUNTED, resume=tmp_path).to_json() == fresh
    assert len(CALLS) == 2


def test_cli_skip_existing_writes_the_same_reports(tmp_path):
    out = tmp_path / "out"
    assert main(["report", str(CORPUS), "--out", str(out), "--quiet", "--format", "json"]) == 0
    plain = (out / "audit.json").read_bytes()
    for _ in range(2):
        assert main(["report", str(CORPUS), "--out", str(out), "--quiet", "--format", "json", "--skip-existing"]) == 0
        assert (out / "audit.json").read_bytes() == plain
    assert len(list((out / FOLDER).glob("*.json"))) == 5


def test_cache_refuses_classes_outside_the_package(tmp_path):
    article = articles(1)[0]
    cache = ResultCache(tmp_path, SIGNALS)
    hostile = {"format": "audit-cache/1", "key": cache.key(article), "id": article.id,
               "outcome": {"dataclass": "subprocess:Popen", "fields": {"args": ["touch", str(tmp_path / "pwned")]}}}
    write_atomic(cache.path(article), json.dumps(hostile))
    assert cache.get(article) is None and not (tmp_path / "pwned").exists()
    with pytest.raises(ValueError, match="not an audit class"):
        decode({"namedtuple": "os:stat_result", "items": []})
    assert decode(encode({(1, "a"): [1.5, float("inf")]})) == {(1, "a"): [1.5, float("inf")]}


def test_an_interrupted_write_leaves_the_old_file_and_no_debris(tmp_path, monkeypatch):
    target = tmp_path / "index.html"
    target.write_text("old", encoding="utf-8")

    def interrupted(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new " * 100_000)
    assert target.read_text(encoding="utf-8") == "old" and [p.name for p in tmp_path.iterdir()] == ["index.html"]


def test_progress_bar_is_quiet_when_not_a_terminal(tmp_path, capsys):
    assert main(["report", str(CORPUS), "--out", str(tmp_path), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "article/s" not in captured.err and "%|" not in captured.err
    assert "audited 5 article(s)" in captured.out


def test_dask_without_dask_is_a_clear_usage_error(tmp_path, monkeypatch, capsys):
    import builtins

    real_import = builtins.__import__

    def no_dask(name, *args, **kwargs):
        if name.startswith(("dask", "distributed")):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    assert main(["report", str(CORPUS), "--out", str(tmp_path), "--engine", "dask", "--quiet"]) == 2
    assert "pip install 'audit[dask]'" in capsys.readouterr().err
    assert not Path(tmp_path / "audit.json").exists()
