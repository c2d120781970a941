"""The classifier's features: the scores of the registered per-article signals, by name.

A feature is named ``signal.score`` (``readability.words``). The list is derived from
what the signals declare, sorted, so adding a signal adds its scores without touching
this module. Training texts go through the same :func:`audit.pipeline.analyse_article`
as audited files, so the model sees at training exactly what it sees in a report.

Cross-source scores (consistency, the ``across`` part of transcription) need a batch
of articles on one story. Training articles are audited one at a time, so those
scores are never produced there: :mod:`audit.training` leaves out every declared
feature that no training article has, and the model records what it left out.

>>> "readability.words" in declared_features()
True
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from audit import __version__
from audit.corpus import Article, ArticleError
from audit.pipeline import analyse_article
from audit.result import ArticleResult
from audit.runner import map_articles
from audit.signals import SIGNALS, Signal

PACKAGE = Path(__file__).resolve().parent
# modules that read or render features but never change them: editing them keeps the cache
NOT_ANALYSIS = {"classifier.py", "datasets.py", "features.py", "training.py", "training_report.py", "training_cli.py",
                "ratings.py", "cli.py", "explain.py"}


def declared_features(signals: Sequence[Signal] = SIGNALS) -> list[str]:
    """``signal.score`` for every score of every signal that analyses one article alone."""
    return sorted(f"{s.name}.{score}" for s in signals if s.analyse for score in s.scores)


def meanings(signals: Sequence[Signal] = SIGNALS) -> dict[str, str]:
    """What each feature means, from the signals' own score descriptions."""
    return {f"{s.name}.{score}": text for s in signals for score, text in s.scores.items()}


def scores_row(result: ArticleResult) -> dict[str, float]:
    """An audited article's scores as one flat ``{feature: value}`` row."""
    return {f"{signal}.{name}": float(value) for signal, scores in result.scores.items() for name, value in scores.items()}


def text_row(text: str) -> dict[str, float] | None:
    """The scores of one text audited alone; None when it cannot be audited or a signal failed."""
    try:
        article = Article.from_text(text, id="training")
    except ArticleError:
        return None
    outcome = analyse_article(article)
    return None if outcome.result.signal_errors else scores_row(outcome.result)


def extract(
    texts: Sequence[str], *, jobs: int = 1, cache: Path | None = None, progress: bool = False
) -> pd.DataFrame:
    """One row per text, one column per declared feature; a row is all-NaN when the
    text could not be audited. ``cache`` (a folder) keeps rows between runs, keyed by
    the text and a fingerprint of the analysis code."""
    cache_file = cache / f"features-{fingerprint()}.jsonl" if cache else None  # fixed before any work starts
    stored = _read_cache(cache_file)
    keys = [cache_key(text) for text in texts]
    todo = {key: text for key, text in zip(keys, texts) if key not in stored}
    fresh = dict(zip(todo, map_articles(text_row, list(todo.values()), jobs=jobs, progress=progress)))
    _append_cache(cache_file, fresh)
    stored.update(fresh)
    rows = [stored[key] or {} for key in keys]
    return pd.DataFrame(rows, columns=declared_features(), dtype=float)


def fingerprint() -> str:
    """A hash of the code and lexicons that compute the scores, and the audit version."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".txt", ".tsv", ".json"} and not _outside_analysis(path):
            digest.update(str(path.relative_to(PACKAGE)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _outside_analysis(path: Path) -> bool:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] in {"report", "schema", "__pycache__"} or (len(parts) == 1 and parts[0] in NOT_ANALYSIS)


def cache_key(text: str) -> str:
    """The key a text's feature row is cached under."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def _read_cache(cache_file: Path | None) -> dict[str, dict[str, float] | None]:
    if cache_file is None or not cache_file.exists():
        return {}
    stored = {}
    with cache_file.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            stored[record["key"]] = record["row"]
    return stored


def _append_cache(cache_file: Path | None, rows: dict[str, dict[str, float] | None]) -> None:
    if cache_file is None or not rows:
        return
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    with cache_file.open("a", encoding="utf-8") as out:
        for key, row in rows.items():
            out.write(json.dumps({"key": key, "row": row}) + "\n")
