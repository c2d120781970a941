"""Jupyter helpers: the compact scorecard an :class:`~audit.result.Audit` shows in a cell,
an article with its highlights, a checklist of what to verify, and answers kept folded
until a student opens them.

Each returns an object Jupyter displays as HTML (and prints sensibly as text), built
from the same report model as the HTML reports.

>>> from audit import Article, audit_corpus
>>> result = audit_corpus([Article.from_text("Officials said so.", id="a", source="X")])
>>> "<table" in scorecard_html(result)
True
"""

from __future__ import annotations

from html import escape
from typing import Any

from audit.report.highlight import CATEGORIES, Category, category
from audit.report.model import anchor, build, fmt, percent
from audit.result import Audit

STYLE_TEMPLATE = "_highlight.css.j2"  # only the highlight rules: the page's own style stays


class HTML:
    """Rich output for Jupyter with a plain-text fallback."""

    def __init__(self, html: str, text: str = "") -> None:
        self.html, self.text = html, text

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text or "<HTML output: display it in Jupyter>"


def scorecard_html(result: Audit) -> str:
    """One row per source: articles, findings, anonymous share, each signal's headline, readings."""
    report = build(result, full_text_limit=0)
    head = ["source", "articles", "findings", "anonymous"] + [f"{c['signal']}<br><small>{escape(c['label'])}</small>"
                                                              for c in report.columns] + report.readings  # fmt: skip
    rows = []
    for s in report.sources:
        lines = {line["signal"]: line["headline"] for line in s["scorecard"]}
        readings = {r["reading"]: r["value"] for r in s["readings"]}
        anonymous = s["anonymous"]
        cells = [escape(s["name"]), str(s["article_count"]), str(s["finding_count"]),
                 f"{percent(anonymous['share'])} ({anonymous['anonymous']}/{anonymous['attributions']})"
                 if anonymous["share"] is not None else "—"]  # fmt: skip
        cells += [fmt((lines.get(c["signal"]) or {}).get("value")) for c in report.columns]
        cells += [percent(readings.get(name)) for name in report.readings]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    errors = f"<p>{len(result.errors)} input(s) could not be audited: see <code>.errors</code>.</p>" if result.errors else ""
    return (f"<div><p><b>audit</b>: {len(result.articles)} article(s) from {len(report.sources)} source(s). "
            f"Means per source; <code>.to_frame()</code> has every score, <code>.findings</code> every finding.</p>"
            f"<table><thead><tr>{''.join(f'<th>{h}</th>' for h in head)}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>{errors}</div>")  # fmt: skip


def show_article(result: Audit, article_id: str) -> HTML:
    """An article's text with every finding highlighted, its legend and its finding list."""
    report = build(result)
    for s in report.sources:
        for a in s["articles"]:
            if a["id"] == article_id:
                return HTML(_article_block(a), f"{a['title'] or a['id']}: {len(a['findings'])} findings")
    raise KeyError(article_id)


def checklist(result: Audit, article_id: str) -> HTML:
    """What an editor should verify before relying on this article, most serious first."""
    article = result.article(article_id)
    groups: dict[str, list[Any]] = {}
    for f in sorted(article.findings, key=lambda f: f.start):
        cat = category(f)
        if cat.action:
            groups.setdefault(cat.key, []).append(f)
    items, lines = [], []
    for key in sorted(groups, key=lambda k: -CATEGORIES[k].rank):
        cat, found = CATEGORIES[key], groups[key]
        spans = "".join(f"<li>“{escape(f.text)}” — {escape(f.message)}"
                        + "".join(f"<br><small>{escape(e.article)}: {escape(e.text)}</small>" for e in f.evidence[:2])
                        + "</li>" for f in found)  # fmt: skip
        items.append(f"<li><label><input type='checkbox'> <b>{escape(cat.action)}</b> "
                     f"({len(found)} × {escape(cat.label)})</label><ul>{spans}</ul></li>")  # fmt: skip
        lines.append(f"[ ] {cat.action} ({len(found)} × {cat.label})")
    if not items:
        return HTML("<p>Nothing in this article calls for a check by the tool's signals.</p>", "nothing to check")
    return HTML(f"<ol>{''.join(items)}</ol>", "\n".join(lines))


def reveal(answer: Any, label: str = "Show the tool's answer") -> HTML:
    """Fold an answer (a DataFrame, HTML or text) so a student opens it only when ready."""
    if hasattr(answer, "to_html"):
        inner = answer.to_html(index=False)
    elif hasattr(answer, "_repr_html_"):
        inner = answer._repr_html_()
    else:
        inner = f"<pre>{escape(str(answer))}</pre>"
    return HTML(f"<details><summary><b>{escape(label)}</b></summary>{inner}</details>", f"{label} (folded)")


def _article_block(a: dict[str, Any]) -> str:
    from audit.report import environment

    css = environment().get_template(STYLE_TEMPLATE).render()
    present = {f["category"] for f in a["findings"]}
    legend = " ".join(_legend_item(c) for c in CATEGORIES.values() if c.key in present)
    listed = "".join(f"<li id='{f['anchor']}'><b>{escape(f['tag'])}</b> {escape(f['category_label'])}: "
                     f"“{escape(f['text'])}” — {escape(f['message'])}"
                     + (f" <i>Probably meant: “{escape(f['suggestion'])}”.</i>" if f["suggestion"] else "")
                     + "</li>" for f in a["findings"])  # fmt: skip
    return (f"<div class='audit-article' id='{anchor(a['id'])}'><style>{css}</style>"
            f"<h4>{escape(a['title'] or a['id'])}</h4><p class='legend'>{legend}</p>"
            f"<div class='article-text'>{a['html']}</div><ol class='findings'>{listed}</ol></div>")  # fmt: skip


def _legend_item(c: Category) -> str:
    return f"<span><mark class='hl hl-{c.key}'>{escape(c.label)}</mark> <span class='tag tag-{c.key}'>{escape(c.tag)}</span></span>"
