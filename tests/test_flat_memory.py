"""The flat-memory path: full results kept on disk, compact summaries in memory, same output."""

from __future__ import annotations

import gc
import http
import json
from collections.abc import Sequence

from audit import Article, audit_corpus
from audit import pipeline
from audit.cache import ScratchList, StoredResults
from audit.classifier import compact
from audit.cli import main
from audit.findings import Finding, SignalResult
from audit.pipeline import add_readings
from audit.runner import _locally, map_articles
from audit.report import write_reports
from audit.result import ArticleResult, ArticleSummary
from audit.signals import SIGNALS
from audit.signals.base import Signal

from .conftest import CORPUS


def _files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_spilled_audit_writes_the_same_bytes_as_the_in_memory_one(tmp_path, seed_audit):
    spilled = audit_corpus(CORPUS, spill=tmp_path / "scratch")
    assert isinstance(spilled.articles, StoredResults) and not spilled.articles.held
    assert spilled.to_json() == seed_audit.to_json()
    write_reports(seed_audit, tmp_path / "memory")
    write_reports(spilled, tmp_path / "flat")
    assert _files(tmp_path / "flat") == _files(tmp_path / "memory")


def test_readings_made_in_chunks_are_stored_and_only_their_compact_part_kept(tmp_path, seed_audit):
    spilled = audit_corpus(CORPUS, spill=tmp_path, readings=False)
    add_readings(spilled.articles, chunk=2)
    assert spilled.to_json() == seed_audit.to_json()
    kept, full = spilled.summaries()[0].classifier["credibility"], seed_audit.articles[0].classifier["credibility"]
    assert kept == compact(seed_audit.articles[0].classifier)["credibility"]
    assert kept["probability"] == full["probability"] and "model" in full and "model" not in kept
    assert all("phrase" not in push for push in kept["pushes_up"] + kept["pushes_down"])


def test_no_article_result_or_summary_stays_in_memory(tmp_path):
    articles = [Article.from_text(f"Officials said {n} boats were hit. Rubio said so.", id=f"flat-{n}",
                                  source=f"S{n % 2}") for n in range(4)]  # fmt: skip
    spilled = audit_corpus(articles, spill=tmp_path, readings=False)
    gc.collect()
    alive = [o for o in gc.get_objects() if isinstance(o, ArticleResult) and o.article.id.startswith("flat-")]
    assert alive == []
    assert not [o for o in gc.get_objects() if isinstance(o, ArticleSummary) and o.id.startswith("flat-")]
    assert [s.id for s in spilled.summaries()] == [a.id for a in articles]
    assert spilled.articles[2].article.id == "flat-2" and spilled.articles[2].findings


def test_cross_source_failure_is_recorded_the_same_way(tmp_path):
    def broken(summaries):
        raise ValueError("on purpose")

    def partly(summaries):  # one malformed result: only that article records the error
        return {i: (SignalResult(scores={"n": 1}) if i != "b" else None) for i in summaries}

    signals = (*SIGNALS, Signal("broken", "fails", collect=lambda doc: 1, compare=broken),
               Signal("partly", "one bad", scores={"n": "n"}, collect=lambda doc: 1, compare=partly))  # fmt: skip
    articles = [Article.from_text("Rubio said it.", id=i, source=i.upper()) for i in "ab"]
    memory = audit_corpus(articles, signals=signals, readings=False)
    flat = audit_corpus(articles, signals=signals, readings=False, spill=tmp_path)
    assert flat.to_json() == memory.to_json()
    assert [e["signal"] for e in flat.articles[1].signal_errors] == ["broken", "partly"]


def test_a_result_the_store_cannot_encode_stays_in_memory(tmp_path):
    article = Article.from_text("Rubio said it.", id="x")
    result = ArticleResult(article)
    result.findings.append(Finding.at(article.text, 0, 5, signal="s", kind="k", message="m",
                                      extra={"status": http.HTTPStatus.OK}))  # fmt: skip
    stored = StoredResults(tmp_path)
    stored.append(result)
    assert 0 in stored.held and stored[0].findings[0].extra["status"] is http.HTTPStatus.OK


def test_cli_reports_match_the_in_memory_reports_and_leave_no_scratch(tmp_path, seed_audit):
    out = tmp_path / "cli"
    assert main(["report", str(CORPUS), "--out", str(out), "--quiet"]) == 0
    write_reports(seed_audit, tmp_path / "memory")
    assert _files(out) == _files(tmp_path / "memory")  # also: no hidden scratch folder left behind
    assert json.loads((out / "audit.json").read_text(encoding="utf-8"))["articles"]



def test_streamed_results_are_filed_by_id_and_a_failure_costs_only_the_articles_after_it(tmp_path):
    def backwards(summaries):  # out of order: each result waits for its article
        yield from ((i, SignalResult(scores={"n": len(i)})) for i in reversed(list(summaries)))

    def fails_at_c(summaries):
        for i in summaries:
            if i == "c":
                raise ValueError("stream broke")
            yield i, SignalResult(scores={"n": 1})

    signals = (Signal("backwards", "b", scores={"n": "n"}, collect=lambda doc: 1, compare=backwards),
               Signal("fails", "f", scores={"n": "n"}, collect=lambda doc: 1, compare=fails_at_c))  # fmt: skip
    articles = [Article.from_text("Rubio said it.", id=i, source=i.upper()) for i in ("a", "bb", "c", "d")]
    for spill in (None, tmp_path):
        audit = audit_corpus(articles, signals=signals, readings=False, spill=spill)
        assert [r.scores["backwards"]["n"] for r in audit.articles] == [1, 2, 1, 1]
        assert [r.scores.get("fails") for r in audit.articles] == [{"n": 1}, {"n": 1}, None, None]
        assert [[e["signal"] for e in r.signal_errors] for r in audit.articles] == [[], [], ["fails"], ["fails"]]


class _Tracked(Sequence):
    """A sequence that remembers how far it has been read."""

    def __init__(self, n):
        self.n, self.furthest = n, -1

    def __len__(self):
        return self.n

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(self.n)[index]]
        self.furthest = max(self.furthest, index)
        return -index


def test_workers_are_sent_a_window_of_the_batch_not_all_of_it():
    items = _Tracked(5_000)
    results = _locally(abs, items, jobs=2)
    assert next(results) == (0, 0)
    assert 0 < items.furthest < 1_000  # pool.map would have read all 5,000 before the first result
    assert [value for _, value in results] == list(range(1, 5_000))


def test_loaded_articles_wait_in_the_scratch_folder(tmp_path, monkeypatch):
    given = {}

    def spy(function, articles, **options):
        given["articles"] = articles
        return map_articles(function, articles, **options)

    monkeypatch.setattr(pipeline, "map_articles", spy)
    articles = [Article.from_text(f"Officials said {n} boats were hit.", id=f"w{n}", source="S") for n in range(5)]
    flat = audit_corpus(articles, spill=tmp_path, readings=False, jobs=2)
    assert isinstance(given["articles"], ScratchList)
    assert [s.id for s in flat.summaries()] == [a.id for a in articles]
