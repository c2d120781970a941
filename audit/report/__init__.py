"""Reports: ``audit.json``, one HTML and one Markdown report per source, and ``index.html``.

Templates only render; every figure and sentence they show is computed here or in the
signals. All article text passes through Jinja2's autoescaping.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from audit.findings import Finding
from audit.report.files import write_atomic
from audit.result import ArticleResult, Audit, slug

FORMATS = ("json", "html", "md")


@dataclass
class Segment:
    """A stretch of article text and the findings that cover it (for highlighting)."""

    text: str
    findings: list[int]  # indexes into the article's sorted finding list

    @property
    def main(self) -> int | None:
        return self.findings[-1] if self.findings else None


def write_reports(result: Audit, out_dir: str | Path, formats: Iterable[str] = FORMATS) -> list[Path]:
    """Write the chosen formats under ``out_dir`` and return the paths written."""
    out = Path(out_dir)
    formats = set(formats)
    written: list[Path] = []
    if "json" in formats:
        written.append(result.write_json(out / "audit.json"))
    env = _environment()
    sources = source_summaries(result)
    for summary in sources:
        if "html" in formats:
            page = env.get_template("source.html.j2").render(s=summary, signals=result.signals)
            written.append(write_atomic(out / f"{summary['slug']}.html", page))
        if "md" in formats:
            page = env.get_template("source.md.j2").render(s=summary, signals=result.signals)
            written.append(write_atomic(out / f"{summary['slug']}.md", page))
    if "html" in formats:
        page = env.get_template("index.html.j2").render(sources=sources, audit=result, signals=result.signals)
        written.append(write_atomic(out / "index.html", page))
    return written


def source_summaries(result: Audit) -> list[dict[str, Any]]:
    """What a per-source report shows, computed once for every format."""
    summaries = []
    for name, members in result.sources().items():
        summaries.append({
            "name": name,
            "slug": slug(name),
            "articles": [article_view(r) for r in members],
            "scorecard": scorecard(members, result.signals),
            "dates": sorted({r.article.date.isoformat() for r in members if r.article.date}),
            "urls": sorted({r.article.url for r in members if r.article.url}),
            "domains": sorted({r.article.domain for r in members if r.article.domain}),
        })  # fmt: skip
    return summaries


def scorecard(members: list[ArticleResult], signals) -> list[dict[str, Any]]:
    """Per signal and score: the mean over the source's articles, its spread, its meaning."""
    rows = []
    for signal in signals:
        for name, meaning in signal.scores.items():
            values = [r.scores[signal.name][name] for r in members if name in r.scores.get(signal.name, {})]
            if not values:
                continue
            rows.append({
                "signal": signal.name, "score": name, "meaning": meaning,
                "mean": round(statistics.fmean(values), 3),
                "spread": round(statistics.pstdev(values), 3) if len(values) > 1 else None,
                "n": len(values),
            })  # fmt: skip
    return rows


def article_view(result: ArticleResult) -> dict[str, Any]:
    findings = sorted(result.findings, key=lambda f: (f.start, -f.end, f.signal, f.kind))
    return {
        "result": result,
        "article": result.article,
        "findings": findings,
        "segments": segments(result.article.text, findings),
        "paragraphs": paragraphs(segments(result.article.text, findings)),
        "safe_url": safe_url(result.article.url),
    }


def segments(text: str, findings: list[Finding]) -> list[Segment]:
    """Cut the text at every finding boundary; each piece lists the findings covering it."""
    cuts = sorted({0, len(text), *(f.start for f in findings), *(f.end for f in findings)})
    pieces = []
    for start, end in zip(cuts, cuts[1:]):
        covering = [i for i, f in enumerate(findings) if f.start <= start and end <= f.end and f.end > f.start]
        pieces.append(Segment(text[start:end], covering))
    return pieces


def paragraphs(pieces: list[Segment]) -> list[list[Segment]]:
    """Split highlighted segments into paragraphs at newlines."""
    paras: list[list[Segment]] = [[]]
    for piece in pieces:
        parts = piece.text.split("\n")
        for index, part in enumerate(parts):
            if index:
                paras.append([])
            if part:
                paras[-1].append(Segment(part, piece.findings))
    return [p for p in paras if p]


def safe_url(url: str | None) -> str | None:
    """A URL fit to be a link: http(s) only, so a ``javascript:`` URL stays text."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("audit", "report/templates"),
        autoescape=select_autoescape(["html", "j2"], default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = lambda v: "" if v is None else (f"{v:,.3g}" if isinstance(v, float) else f"{v:,}")
    env.filters["md"] = _markdown_escape
    return env


def _markdown_escape(value: Any) -> str:
    """Escape text for Markdown so article text cannot inject links, HTML or tables."""
    text = str(value if value is not None else "")
    for char in "\\`*_{}[]<>()#+!|":
        text = text.replace(char, "\\" + char)
    return text.replace("\n", " ")
