"""The audit pipeline, read top to bottom: corpus → text → signals → scores → report.

>>> result = audit_corpus([Article.from_text("Rubio said the strike was lethal.", id="a")])
>>> result.articles[0].scores["readability"]["words"]
6
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Iterable, Mapping, MutableSequence, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from audit import classifier
from audit.cache import ResultCache, ScratchList, SpilledSummaries, StoredResults
from audit.corpus import DEFAULT_MAX_BYTES, Article, LoadError, load_paths, unique_ids
from audit.findings import SignalResult
from audit.result import ArticleResult, Audit
from audit.runner import map_articles
from audit.signals import SIGNALS, Signal
from audit.text import Document

READINGS_CHUNK = 1000  # articles read by the classifier at once: the readings of a whole batch never sit in memory together


@dataclass
class ArticleOutcome:
    """What the per-article stage sends back: the result so far and the summaries
    the cross-source signals collected."""

    result: ArticleResult
    collected: dict[str, Any] = field(default_factory=dict)


def audit_corpus(
    inputs: str | os.PathLike[str] | Article | Iterable[str | os.PathLike[str] | Article],
    *,
    signals: Sequence[Signal] = SIGNALS,
    jobs: int = 1,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: bool = False,
    readings: bool = True,
    engine: str = "local",
    scheduler: str | None = None,
    resume: str | os.PathLike[str] | None = None,
    spill: str | os.PathLike[str] | None = None,
) -> Audit:
    """Audit articles given as paths (files, folders, ``-``) and/or :class:`Article` objects.

    ``engine``/``scheduler``: where the per-article work runs (see :mod:`audit.runner`);
    ``resume``: a folder whose per-article cache is reused and filled (see :mod:`audit.cache`);
    ``spill``: a scratch folder that keeps the loaded articles until their turn, and each
    article's full result, summary, reading and cross-source summaries as soon as they are
    made, so memory holds none of them for the whole batch (the caller removes the folder
    once the reports are written; see :class:`audit.cache.StoredResults`,
    :class:`audit.cache.SpilledSummaries` and :class:`audit.cache.ScratchList`).
    """
    articles, errors = load(inputs, max_bytes=max_bytes)
    cache = ResultCache(resume, signals) if resume is not None else None
    stored = StoredResults(spill) if spill is not None else None
    spilled = SpilledSummaries(spill) if spill is not None else None
    if spill is not None:  # read back as the workers take them, not held for the whole stage
        articles = ScratchList.of(articles, Path(spill) / "articles.pickle")

    def keep(position: int, outcome: ArticleOutcome) -> Any:
        if stored is None or spilled is None:
            return outcome
        spilled.put(position, outcome.collected)
        stored.put(position, outcome.result)
        return outcome.result.article.id

    outcomes = map_articles(analyse_article, articles, signals=signals, jobs=jobs, progress=progress,
                            engine=engine, scheduler=scheduler, cache=cache, keep=keep)  # fmt: skip
    del articles  # each result holds its article
    if stored is not None and spilled is not None:
        ids = outcomes
        try:  # one article's full result in memory at a time, and the summaries it is compared with
            compare_across(stored, spilled, signals, ids=ids)
        finally:
            spilled.close()
        results: MutableSequence[ArticleResult] = stored
    else:
        results = [o.result for o in outcomes]
        compare_across(results, [o.collected for o in outcomes], signals)
    if readings:
        add_readings(results)
    return Audit(articles=results, errors=errors, signals=tuple(signals))


def load(inputs: Any, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[Article], list[LoadError]]:
    """Stage 1, corpus: turn paths and Article objects into Articles and load errors."""
    if isinstance(inputs, (str, os.PathLike, Article)):
        inputs = [inputs]
    items = list(inputs)
    given = [item for item in items if isinstance(item, Article)]
    paths = [item for item in items if not isinstance(item, Article)]
    loaded, errors = load_paths(paths, max_bytes=max_bytes) if paths else ([], [])
    return unique_ids(given + loaded), errors  # results, comparisons and reports are keyed by id


def analyse_article(article: Article, signals: Sequence[Signal] = SIGNALS) -> ArticleOutcome:
    """Stages 2-3 for one article: the text layer, then every per-article signal.

    A signal that fails is recorded against the article; the other signals still run.
    """
    result = ArticleResult(article=article)
    collected: dict[str, Any] = {}
    try:
        doc = Document.from_article(article)
    except Exception as exc:  # recorded against the article; the batch goes on
        result.signal_errors.append(_signal_error("text", exc))
        return ArticleOutcome(result=result)
    for signal in signals:
        try:
            if signal.analyse:
                result.add(signal.name, signal.analyse(doc))
            if signal.collect:
                collected[signal.name] = signal.collect(doc)
        except Exception as exc:  # one signal's bug must not cost the article its other signals
            result.signal_errors.append(_signal_error(signal.name, exc))
    return ArticleOutcome(result=result, collected=collected)


def compare_across(results: MutableSequence[ArticleResult], collected: Sequence[Mapping[str, Any]],
                   signals: Sequence[Signal], ids: Sequence[str] | None = None) -> None:
    """Stage 3b: the cross-source signals over the whole batch, one signal after the other.

    Each article's result is attached as the signal gives it, in whatever order the signal
    walks the batch, and the article is stored back at once (``results`` may live on disk:
    one article in memory at a time); ``ids`` spares reading every article just for its id.
    """
    ids = ids or [r.article.id for r in results]
    position = {article_id: at for at, article_id in enumerate(ids)}
    for signal in signals:
        if signal.compare:
            summaries = (collected.view(signal.name, ids) if isinstance(collected, SpilledSummaries) else
                         {i: c[signal.name] for i, c in zip(ids, collected) if signal.name in c})  # fmt: skip
            _attach(signal, summaries, position, results)


def _attach(signal: Signal, summaries: Mapping[str, Any], position: Mapping[str, int],
            results: MutableSequence[ArticleResult]) -> None:  # fmt: skip
    """File each article's result from ``signal.compare``; if the signal fails part-way, the
    error is recorded against every article it had not given a result yet."""
    still = set(summaries)
    try:
        out = signal.compare(summaries)
        for article_id, verdict in out.items() if isinstance(out, Mapping) else out:
            at = position[article_id]
            result = results[at]
            try:
                result.add(signal.name, verdict)
            except Exception as exc:  # a malformed result for one article costs only that article
                result.signal_errors.append(_signal_error(signal.name, exc))
            results[at] = result
            still.discard(article_id)
    except Exception as exc:
        for at in sorted(position[article_id] for article_id in still):
            result = results[at]
            result.signal_errors.append(_signal_error(signal.name, exc))
            results[at] = result


def add_readings(results: MutableSequence[ArticleResult], chunk: int = READINGS_CHUNK) -> None:
    """Stage 4, scores → readings: the classifier's readings, ``chunk`` articles at a time
    (they need only the scores: for results kept on disk the compact summaries give them,
    the full reading is stored beside each result and the summary keeps its compact part).
    A chunk whose readings fail gets the error; the audit itself is kept."""
    stored = results if isinstance(results, StoredResults) else None
    items: MutableSequence[Any] = stored.summaries if stored is not None else results
    for start in range(0, len(items), chunk):
        part = items[start:start + chunk]  # summaries read back from disk are copies: stored again below
        try:
            made = classifier.readings(part)
        except Exception as exc:
            for at, item in enumerate(part, start):
                item.signal_errors.append(_signal_error("classifier", exc))
                items[at] = item
            continue
        for at, (item, reading) in enumerate(zip(part, made), start):
            if stored is not None:  # the full reading comes back with the result
                stored.readings.put(at, reading)
                reading = classifier.compact(reading)
            item.classifier = reading
            items[at] = item


def _signal_error(name: str, exc: Exception) -> dict[str, str]:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f" ({os.path.basename(where.filename)}:{where.lineno})" if where else ""
    return {"signal": name, "error": f"{type(exc).__name__}: {exc}{at}"}


__all__ = ["audit_corpus", "analyse_article", "compare_across", "add_readings", "load", "SignalResult"]
