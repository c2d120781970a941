"""The result of an audit: per-article scores and findings, per-source groups, errors.

It renders itself as the ``audit/1`` JSON document, as pandas DataFrames, and as a
compact scorecard in Jupyter.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterator, MutableSequence, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit import __version__
from audit.corpus import Article, LoadError
from audit.findings import Finding, SignalResult

if TYPE_CHECKING:
    import pandas as pd

    from audit.signals.base import Signal

SCHEMA = "audit/1"


@dataclass
class ArticleResult:
    """One audited article: its scores by signal, its findings, its classifier reading."""

    article: Article
    scores: dict[str, dict[str, float]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    classifier: dict[str, Any] | None = None
    signal_errors: list[dict[str, str]] = field(default_factory=list)

    def add(self, signal: str, result: SignalResult) -> None:
        """Merge one signal's result; findings that break the contract are dropped and recorded."""
        scores = {str(k): _number(v) for k, v in result.scores.items()}
        kept, broken = [], []
        for finding in result.findings:
            problem = contract_problem(finding, self.article.text)
            (broken if problem else kept).append(problem or finding)
        self.scores.setdefault(signal, {}).update(scores)
        self.findings.extend(kept)
        if broken:
            error = f"dropped {len(broken)} finding(s) that break the finding contract, first: {broken[0]}"
            self.signal_errors.append({"signal": signal, "error": error})

    @property
    def source_key(self) -> str:
        """The name articles are grouped under: outlet, else web domain, else 'unknown (id)'."""
        return self.article.source or self.article.domain or f"unknown source ({self.article.id})"

    def to_dict(self) -> dict[str, Any]:
        out = self.article.to_dict()
        out["source_key"] = self.source_key
        out["scores"] = self.scores
        out["classifier"] = self.classifier
        out["findings"] = [f.to_dict() for f in sorted(self.findings, key=_finding_order)]
        out["signal_errors"] = self.signal_errors
        return out


@dataclass
class ArticleSummary:
    """What a batch keeps in memory of one article when its full result lives on disk
    (see :class:`audit.cache.StoredResults`): enough to group, link, read and count it.

    >>> ArticleSummary.of(ArticleResult(Article.from_text("Hi.", id="a", source="X"))).source_key
    'X'
    """

    id: str
    source_key: str
    title: str | None
    path: str | None
    scores: dict[str, dict[str, float]]
    classifier: dict[str, Any] | None = None
    signal_errors: list[dict[str, str]] = field(default_factory=list)
    date: str | None = None  # ISO date
    url: str | None = None
    domain: str | None = None
    # findings counted by (signal, kind, source_type): what a source's scorecard counts,
    # so the reports' batch pass need not read any article back
    finding_counts: dict[tuple[str, str, str | None], int] = field(default_factory=dict)

    @classmethod
    def of(cls, result: ArticleResult) -> ArticleSummary:
        a = result.article
        counts = Counter((f.signal, f.kind, t if isinstance(t := f.extra.get("source_type"), str) else None)
                         for f in result.findings)  # fmt: skip
        # a batch holds one summary per article: its score names are the same few dozen strings
        scores = {sys.intern(s): {sys.intern(k): v for k, v in named.items()} for s, named in result.scores.items()}
        return cls(a.id, result.source_key, a.title, a.path, scores, result.classifier, result.signal_errors,
                   date=a.date.isoformat() if a.date else None, url=a.url, domain=a.domain,
                   finding_counts=dict(counts))  # fmt: skip


@dataclass
class Audit:
    """A batch result. ``to_frame()`` for pandas, ``to_dict()`` for JSON, reports via
    :func:`audit.report.write_reports`."""

    articles: MutableSequence[ArticleResult]  # a list, or results kept on disk (audit.cache.StoredResults)
    errors: list[LoadError]
    signals: Sequence[Signal] = ()

    # ------------------------------------------------------------ groupings

    def summaries(self) -> list[ArticleSummary]:
        """The compact view of every article, in order (without reading results kept on disk)."""
        kept = getattr(self.articles, "summaries", None)
        return kept if kept is not None else [ArticleSummary.of(r) for r in self.articles]

    def source_positions(self) -> dict[str, list[int]]:
        """Positions in ``articles`` grouped by source, sources in alphabetical order."""
        groups: dict[str, list[int]] = {}
        for position, summary in enumerate(self.summaries()):
            groups.setdefault(summary.source_key, []).append(position)
        return dict(sorted(groups.items(), key=lambda kv: kv[0].lower()))

    def sources(self) -> dict[str, list[ArticleResult]]:
        """Articles grouped by source, sources in alphabetical order."""
        return {name: [self.articles[i] for i in positions] for name, positions in self.source_positions().items()}

    def article(self, article_id: str) -> ArticleResult:
        for result in self.articles:
            if result.article.id == article_id:
                return result
        raise KeyError(article_id)

    # ------------------------------------------------------------ pandas

    def to_frame(self) -> pd.DataFrame:
        """One row per article, one column per score (``signal.score``) and reading."""
        import pandas as pd

        rows = []
        for result in self.articles:
            a = result.article
            row: dict[str, Any] = {"id": a.id, "source": result.source_key, "title": a.title,
                                   "date": pd.Timestamp(a.date) if a.date else pd.NaT}  # fmt: skip
            for signal, scores in result.scores.items():
                row.update({f"{signal}.{name}": value for name, value in scores.items()})
            for reading, value in (result.classifier or {}).items():
                if isinstance(value, dict) and "probability" in value:
                    row[f"classifier.{reading}"] = value["probability"]
            row["findings"] = len(result.findings)
            rows.append(row)
        return pd.DataFrame(rows).set_index("id") if rows else pd.DataFrame()

    @property
    def findings(self) -> pd.DataFrame:
        """Every finding of every article, one row each, with the article and source."""
        import pandas as pd

        rows = [
            {"article": r.article.id, "source": r.source_key, **f.to_dict()}
            for r in self.articles
            for f in sorted(r.findings, key=_finding_order)
        ]
        return pd.DataFrame(rows)

    # ------------------------------------------------------------ JSON

    def to_dict(self) -> dict[str, Any]:
        """The ``audit/1`` document (see ``audit/schema/audit.schema.json``)."""
        return self._document([r.to_dict() for r in self.articles])

    def _document(self, articles: list[Any]) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "generator": f"audit {__version__}",
            "signals": {s.name: {"description": s.description, "scores": dict(s.scores)} for s in self.signals},
            "articles": articles,
            "errors": [e.to_dict() for e in self.errors],
        }

    def to_json(self, indent: int | None = 1) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, allow_nan=False)

    def json_pieces(self) -> Iterator[str]:
        """``to_json()`` in pieces, one article at a time, so a large batch's document is never
        whole in memory (as a dict or as one string); the pieces join to exactly ``to_json()``.
        """
        if not self.articles:
            yield self.to_json()
            return
        marker = f"audit-articles-{id(self)}"  # where the articles go in the document's frame
        frame = self._document([marker])
        head, tail = json.dumps(frame, ensure_ascii=False, indent=1, allow_nan=False).split(json.dumps(marker), 1)
        yield head
        for index, result in enumerate(self.articles):
            text = json.dumps(result.to_dict(), ensure_ascii=False, indent=1, allow_nan=False)
            yield ("" if index == 0 else ",\n  ") + text.replace("\n", "\n  ")  # one level deeper: inside the list
        yield tail

    def write_json(self, path: str | Path) -> Path:
        """Write ``audit.json`` atomically, streaming it article by article."""
        from audit.report.files import open_atomic

        with open_atomic(Path(path)) as out:
            for piece in self.json_pieces():
                out.write(piece)
            out.write("\n")
        return Path(path)

    # ------------------------------------------------------------ Jupyter

    def _repr_html_(self) -> str:
        """A compact scorecard: one row per source, each signal's headline figure."""
        from audit.report.notebook import scorecard_html

        return scorecard_html(self)

    def __repr__(self) -> str:
        return f"<Audit: {len(self.articles)} articles, {len(self.source_positions())} sources, {len(self.errors)} errors>"


def contract_problem(finding: Any, text: str) -> str | None:
    """What is wrong with a finding for this article text, or None when it keeps the contract.

    >>> contract_problem(Finding.at("Rubio said", 0, 5, signal="s", kind="k", message="m"), "Rubio said")
    >>> contract_problem(Finding(signal="s", kind="k", start=0, end=5, text="Rubin", message="m"), "Rubio said")
    "text 'Rubin' is not the article text at 0-5 ('Rubio')"
    """
    if not isinstance(finding, Finding):
        return f"not a Finding: {type(finding).__name__}"
    start, end = finding.start, finding.end
    if type(start) is not int or type(end) is not int:  # numpy integers cannot be written as JSON
        return f"offsets must be Python ints, not {type(start).__name__}/{type(end).__name__}"
    if not 0 <= start <= end <= len(text):
        return f"offsets {start!r}-{end!r} outside the article text (length {len(text)})"
    if finding.text != text[start:end]:
        return f"text {finding.text[:40]!r} is not the article text at {start}-{end} ({text[start:end][:40]!r})"
    if not all(isinstance(v, str) for v in (finding.signal, finding.kind, finding.message, finding.suggestion or "")):
        return "signal, kind, message and suggestion must be text"
    try:
        json.dumps(finding.to_dict(), allow_nan=False)
    except (TypeError, ValueError) as exc:
        return f"not JSON-serialisable ({exc})"
    if not 0 <= float(finding.confidence) <= 1:
        return f"confidence {finding.confidence} outside 0-1"
    return None


def _finding_order(f: Finding) -> tuple[int, int, str, str]:
    return (f.start, f.end, f.signal, f.kind)


def _number(value: Any) -> float | int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    value = float(value)
    if value != value or value in (float("inf"), float("-inf")):
        return 0.0  # JSON has no NaN; a score that cannot be computed is reported as 0
    return round(value, 4)


def slug(name: str) -> str:
    """A file-name-safe version of a source name."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:80] or "source"
