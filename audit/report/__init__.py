"""Reports: ``audit.json``, and per source an HTML, a Markdown and a JSON report, plus ``index.html``.

One report model (:mod:`audit.report.model`) is rendered three ways, so the formats carry
the same content. Templates only render; every figure and sentence they show is computed
in the model or in the signals. Article text reaches HTML only through Jinja2's
autoescaping or :func:`markupsafe.escape`, Markdown only through :func:`markdown_escape`,
and each HTML page allows only its own script (a hash in its Content-Security-Policy), so
even a slip in escaping could not run an injected script.

>>> from audit import Article, audit_corpus
>>> import tempfile
>>> result = audit_corpus([Article.from_text("Officials said so.", id="a", source="X")])
>>> sorted(p.name for p in write_reports(result, tempfile.mkdtemp()))
['audit.json', 'index.html', 'x.html', 'x.json', 'x.md']
"""

from __future__ import annotations

import re

import base64
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from audit import __version__
from audit.ratings import RatingsTable
from audit.report import charts
from audit.report.files import write_atomic
from audit.report.highlight import CATEGORIES
from audit.report.model import FULL_TEXT_LIMIT, READING_AXES, Report, anchor, build, fmt, percent, plan, source_reports
from audit.result import Audit

FORMATS = ("json", "html", "md")
SOURCE_SCHEMA = "audit-source/1"
GENERATOR = f"audit {__version__}"


def write_reports(
    result: Audit, out_dir: str | Path, formats: Iterable[str] = FORMATS, *, full_text_limit: int = FULL_TEXT_LIMIT,
    ratings: RatingsTable | None = None,
) -> list[Path]:
    """Write the chosen formats under ``out_dir`` and return the paths written.

    ``json``: ``audit.json`` and ``<source>.json``; ``html``: ``<source>.html`` and
    ``index.html``; ``md``: ``<source>.md``. Every file is written atomically.
    ``ratings``: an outside table of domain ratings, shown beside the readings.
    """
    out = Path(out_dir)
    formats = set(formats)
    written: list[Path] = []
    if "json" in formats:
        written.append(result.write_json(out / "audit.json"))
    report = plan(result, ratings=ratings)  # the index needs only each source's header
    env = environment()
    for source in source_reports(result, report, full_text_limit=full_text_limit):  # one source at a time
        if "html" in formats:
            written.append(write_atomic(out / f"{source['slug']}.html", render_source_html(env, source, report)))
        if "md" in formats:
            written.append(write_atomic(out / f"{source['slug']}.md", env.get_template("source.md.j2").render(s=source)))
        if "json" in formats:
            written.append(write_atomic(out / f"{source['slug']}.json", source_json(source)))
    if "html" in formats:
        written.append(write_atomic(out / "index.html", render_index_html(env, report)))
    return written


def render_source_html(env: Environment, source: dict[str, Any], report: Report) -> str:
    present = {f["category"] for a in source["articles"] for f in a["findings"]}
    legend = [c for c in CATEGORIES.values() if c.key in present]
    return _render_page(env, "source.html.j2", "_source.js.j2", s=source, report=report, legend=legend)


def render_index_html(env: Environment, report: Report) -> str:
    return _render_page(env, "index.html.j2", "_index.js.j2", report=report, charts=standing_charts(report),
                        scatter=reading_scatter(report), headline=headline, reading=reading_mean)  # fmt: skip


def source_json(source: dict[str, Any]) -> str:
    """A source's report as JSON: the same content as its HTML and Markdown reports."""
    articles = [{k: v for k, v in a.items() if k != "html"} for a in source["articles"]]
    document = {"schema": SOURCE_SCHEMA, "generator": GENERATOR, **source, "articles": articles}
    return json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def standing_charts(report: Report) -> list[dict[str, Any]]:
    """One dot plot per signal's headline figure: where each source stands."""
    out = []
    for column in report.columns:
        values = [(s["name"], (h or {}).get("value")) for s in report.sources if (h := headline(s, column["signal"]))]
        if values:
            title = f"{column['signal']}: {column['label']}"
            caption = column["meaning"].rstrip(".") + ". Mean per source" + (
                f"; the first {charts.MAX_ROWS} sources are drawn." if len(values) > charts.MAX_ROWS else ".")
            out.append({"svg": charts.standings(title, values), "caption": caption})
    return out


def reading_scatter(report: Report) -> Markup | None:
    """Credibility (across) against bias (up), when both readings exist."""
    x_name, y_name = READING_AXES
    points = [(s["name"], x, y) for s in report.sources
              if (x := reading_mean(s, x_name)) is not None and (y := reading_mean(s, y_name)) is not None]  # fmt: skip
    if not points:
        return None
    return charts.scatter("Sources by reading", f"{x_name} reading", f"{y_name} reading", points)


def headline(source: dict[str, Any], signal: str) -> dict[str, Any] | None:
    return next((line["headline"] for line in source["scorecard"] if line["signal"] == signal), None)


def reading_mean(source: dict[str, Any], name: str) -> float | None:
    return next((r["value"] for r in source["readings"] if r["reading"] == name), None)


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("audit", "report/templates"),
        autoescape=lambda name: name is None or ".html" in name or ".js" in name,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(num=fmt, pct=percent, md=markdown_escape, mdurl=str, anchor=anchor, bar=charts.share_bar)
    return env


def markdown_escape(value: Any) -> str:
    r"""Escape text for Markdown so article text cannot make links, HTML, emphasis or tables.

    ``<`` and ``>`` become entities (no renderer reads them as a tag); other marks get a
    backslash; runs of white space and line breaks become one space, since a break would end
    a list item or a table row (a space at either end is kept: the text may be half a sentence).

    >>> print(markdown_escape("<script>x</script> [a](javascript:y) | *b*"))
    &lt;script&gt;x&lt;/script&gt; \[a\]\(javascript:y\) \| \*b\*
    >>> markdown_escape("said\n ")
    'said '
    """
    text = str(value if value is not None else "")
    return _WHITESPACE.sub(" ", text.translate(_MARKDOWN_ESCAPES))


_WHITESPACE = re.compile(r"\s+")


_MARKDOWN_ESCAPES = str.maketrans({char: "\\" + char for char in "\\`*_{}[]()#+!|~&"} | {"<": "&lt;", ">": "&gt;"})


def _render_page(env: Environment, template: str, script_template: str, **context: Any) -> str:
    """Render a page whose Content-Security-Policy allows its own script and nothing else."""
    script = env.get_template(script_template).render()
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    csp = (f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; img-src data:; "
           "base-uri 'none'; form-action 'none'")  # fmt: skip
    return env.get_template(template).render(csp=Markup(csp), script=Markup(script), generator=GENERATOR, **context)


__all__ = ["FORMATS", "write_reports", "markdown_escape", "build"]
