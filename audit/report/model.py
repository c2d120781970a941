"""What the reports show, computed once and rendered three ways (HTML, Markdown, JSON).

Everything here is generic over signals, scores and findings: a new signal or a new
kind of finding shows up in every report without a change to this module. The few
signal names it knows (attribution for "who is cited", consistency for claims and
quotes) only decide which table a finding also appears in.

>>> from audit import Article, audit_corpus
>>> result = audit_corpus([Article.from_text("Officials said the strike was lethal.", id="a", source="X")])
>>> report = build(result)
>>> [s["name"] for s in report.sources], report.sources[0]["slug"]
(['X'], 'x')
"""

from __future__ import annotations

import hashlib
import statistics
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from audit import classifier
from audit.findings import Finding
from audit.ratings import RatingsTable
from audit.report.diff import changes_text, quoted_counterpart, word_diff
from audit.report.highlight import CATEGORIES, article_html, category, category_of
from audit.result import ArticleResult, ArticleSummary, Audit, slug

FULL_TEXT_LIMIT = 50  # articles per source shown in full in the HTML; the rest are listed
RESERVED_SLUGS = {"audit", "index"}  # audit.json and index.html must never be overwritten
SIZE_SCORES = {"words", "sentences", "paragraphs", "characters", "tokens", "claims", "quotes"}  # sizes, not headlines
VERDICT_ORDER = {"conflict": 0, "quote_variant": 1, "single_source": 2, "quote_unmatched": 3, "evolving": 4}
READING_AXES = ("credibility", "bias")


@dataclass
class ArticleRef:
    """Where an article lives in the reports, for evidence links."""

    id: str
    source: str
    title: str
    href: str


@dataclass
class Report:
    """Every source's report model plus the batch-wide columns the index needs."""

    sources: list[dict[str, Any]]
    columns: list[dict[str, Any]]  # headline score per signal: signal, score, label, meaning
    readings: list[str]  # classifier reading names present in the batch
    errors: list[dict[str, str]] = field(default_factory=list)
    articles: int = 0
    rated_by: str | None = None  # provenance of the outside ratings file, when one was given
    refs: dict[str, ArticleRef] = field(default_factory=dict, repr=False)  # evidence link targets
    positions: dict[str, list[int]] = field(default_factory=dict, repr=False)  # source -> its articles


def build(result: Audit, *, full_text_limit: int = FULL_TEXT_LIMIT, ratings: RatingsTable | None = None) -> Report:
    """The report model of a whole audit; ``ratings``: an outside table shown beside our readings."""
    report = plan(result, ratings=ratings)
    report.sources = list(source_reports(result, report, full_text_limit=full_text_limit))
    return report


def plan(result: Audit, *, ratings: RatingsTable | None = None) -> Report:
    """The batch pass: every source's header (scorecard with batch medians, readings, counts),
    link targets and index columns, reading one source's articles at a time; the sources'
    full reports come from :func:`source_reports`."""
    summaries = result.summaries()
    groups = result.source_positions()
    slugs = unique_slugs(groups)
    refs: dict[str, ArticleRef] = {}
    headers, reading_names = [], set()
    for name, positions in groups.items():
        members = [summaries[i] for i in positions]  # read once: summaries may come back from disk
        for r in members:
            refs[r.id] = ArticleRef(r.id, name, r.title or r.id, f"{slugs[name]}.html#{anchor(r.id)}")
            reading_names.update(reading for reading, value in (r.classifier or {}).items()
                                 if isinstance(value, dict) and _is_number(value.get("probability")))  # fmt: skip
        headers.append(source_header(name, members, result.signals, slugs[name]))
    columns = [
        {"signal": s.name, "score": key, "label": label(key), "meaning": s.scores[key]}
        for s in result.signals if (key := headline_score(s.scores, getattr(s, "headline", None)))
    ]  # fmt: skip
    readings = sorted(reading_names, key=lambda name: (name not in READING_AXES, READING_AXES.index(name)
                                                       if name in READING_AXES else 0, name))  # fmt: skip
    _add_batch_medians(headers)
    if ratings is not None:
        for header in headers:
            header["outside_ratings"] = outside_ratings(header["domains"], ratings)
    return Report(sources=headers, columns=columns, readings=readings, errors=[e.to_dict() for e in result.errors],
                  articles=len(summaries), rated_by=ratings.describe() if ratings else None, refs=refs,
                  positions=groups)  # fmt: skip


def source_reports(result: Audit, report: Report, *, full_text_limit: int = FULL_TEXT_LIMIT) -> Iterator[dict[str, Any]]:
    """The per-source pass: each source's full report (its header from :func:`plan` and the
    tables and articles), one source's articles read at a time."""
    for header in report.sources:
        members = [result.articles[i] for i in report.positions[header["name"]]]
        yield source_report(header, members, report.refs, full_text_limit=full_text_limit)


def source_header(name: str, members: list[ArticleSummary], signals: Sequence[Any], slug_: str) -> dict[str, Any]:
    """One source's header: counts, dates, URLs, scorecard, readings, the anonymous share,
    from the articles' compact summaries (no article is read back)."""
    counts = category_counts(members)
    return {
        "name": name,
        "slug": slug_,
        "article_count": len(members),
        "finding_count": sum(sum(c.values()) for c in counts.values()),
        "dates": sorted({r.date for r in members if r.date}),
        "urls": sorted({u for r in members if (u := safe_url(r.url))}),
        "domains": sorted({r.domain for r in members if r.domain}),
        "scorecard": scorecard(members, signals, counts),
        "readings": readings_summary(members),
        "reading_notes": sorted({v for r in members for v in (r.classifier or {}).values() if isinstance(v, str)}),
        "anonymous": anonymous_share(counts.get("attribution", Counter())),
    }


def category_counts(members: list[ArticleSummary]) -> dict[str, Counter[str]]:
    """Signal -> how many of the members' findings fall in each report category."""
    out: dict[str, Counter[str]] = {}
    for r in members:
        for (signal, kind, source_type), n in r.finding_counts.items():
            key = category_of(signal, kind, source_type).key
            out.setdefault(signal, Counter())[key] += n
    return out


def source_report(
    header: dict[str, Any],
    members: list[ArticleResult],
    refs: dict[str, ArticleRef],
    *,
    full_text_limit: int = FULL_TEXT_LIMIT,
) -> dict[str, Any]:
    """One source: its header, then who is cited, claims, quotes, articles (outside ratings last)."""
    source = {k: v for k, v in header.items() if k != "outside_ratings"}
    source.update({
        "cited": who_is_cited(members),
        "claims": claims(members, refs),
        "quotes": quotes(members, refs),
        "articles": [article_view(r, refs, full_text=i < full_text_limit) for i, r in enumerate(members)],
        "full_text_limit": full_text_limit,
    })  # fmt: skip
    if "outside_ratings" in header:
        source["outside_ratings"] = header["outside_ratings"]
    return source


# ---------------------------------------------------------------- scorecard


def headline_score(scores: dict[str, str], explicit: str | None = None) -> str | None:
    """The score a signal is summed up by: its declared headline, else its first score
    that is not a plain size count (words, sentences).

    >>> headline_score({"words": "", "flesch_reading_ease": ""})
    'flesch_reading_ease'
    """
    if explicit in scores:
        return explicit
    names = list(scores)
    return next((n for n in names if n not in SIZE_SCORES), names[0] if names else None)


def scorecard(members: list[ArticleSummary], signals: Sequence[Any], counts: dict[str, Counter[str]]) -> list[dict[str, Any]]:
    """One line per signal: headline figure, its meaning, the findings it made, all scores
    (``counts``: :func:`category_counts` of the members)."""
    lines = []
    for signal in signals:
        rows = []
        for name, meaning in signal.scores.items():
            values = [r.scores[signal.name][name] for r in members if name in r.scores.get(signal.name, {})]
            if values:
                rows.append({"score": name, "label": label(name), "meaning": meaning, **spread(values)})
        found = counts.get(signal.name, Counter())
        key = headline_score(dict(signal.scores), getattr(signal, "headline", None))
        headline = next((row for row in rows if row["score"] == key), None)
        lines.append({
            "signal": signal.name,
            "description": signal.description,
            "headline": headline,
            "sentence": _sentence(signal.name, headline, found),
            "finding_count": sum(found.values()),
            "by_category": _by_category(found),
            "scores": rows,
        })  # fmt: skip
    return lines


def spread(values: list[float]) -> dict[str, Any]:
    """Mean, spread (population standard deviation) and count of a score over articles."""
    return {
        "value": round(statistics.fmean(values), 4),
        "spread": round(statistics.pstdev(values), 4) if len(values) > 1 else None,
        "n": len(values),
    }


def _sentence(signal: str, headline: dict[str, Any] | None, found: Counter[str]) -> str:
    """A plain-language line: what the figure means, and what was flagged."""
    counts = _by_category(found)
    flagged = ("Flagged: " + ", ".join(f"{c['count']} × {c['label']}" for c in counts) + ".") if counts else (
        "Nothing flagged.")  # fmt: skip
    if headline is None:
        return f"No {signal} figure for this source. {flagged}"
    meaning = headline["meaning"].strip()
    meaning = meaning[:1].upper() + meaning[1:]
    return f"{meaning if meaning.endswith('.') else meaning + '.'} {flagged}"


def _by_category(counts: Counter[str]) -> list[dict[str, Any]]:
    return [{"category": key, "label": CATEGORIES[key].label, "count": n}
            for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]  # fmt: skip


def _add_batch_medians(sources: list[dict[str, Any]]) -> None:
    """Each headline also carries the median over all sources, for comparison."""
    by_signal: dict[str, list[float]] = {}
    for s in sources:
        for line in s["scorecard"]:
            if line["headline"]:
                by_signal.setdefault(line["signal"], []).append(line["headline"]["value"])
    for s in sources:
        for line in s["scorecard"]:
            if line["headline"] and len(by_signal[line["signal"]]) > 1:
                line["headline"]["batch_median"] = round(statistics.median(by_signal[line["signal"]]), 4)


# ---------------------------------------------------------------- classifier readings


def readings_summary(members: list[ArticleResult]) -> list[dict[str, Any]]:
    """Per reading (credibility, bias), kept apart: how many articles were read, mean,
    spread and range of the probability, labels, and what pushed most across the articles."""
    summary = classifier.source_summary(members)
    out = []
    for name in classifier.READINGS:
        part = summary[name]
        if not part["n"] and not part["not_available"]:
            continue
        out.append({
            "reading": name,
            "probability_of": part["probability_of"],
            "value": part["mean"],
            "spread": part["sd"],
            "n": part["n"],
            "min": part["min"],
            "max": part["max"],
            "labels": part["labels"],
            "drivers": [{**p, "sentence": _driver_sentence(p, part["n"])} for p in part["pushes"]],
            "not_available": part["not_available"],
        })  # fmt: skip
    return out


def _driver_sentence(push: dict[str, Any], read: int) -> str:
    """'few named sources: toward not credible in 4 of 5 articles'."""
    return f"{push['words']}: toward {push['toward']} in {push['articles']} of {read} article{'s' if read != 1 else ''}"


def reading_view(reading: dict[str, Any]) -> dict[str, Any]:
    """One article's reading, with its reasons as sentences."""
    probability = reading.get("probability")
    return {
        "label": reading.get("label"),
        "probability": float(probability) if _is_number(probability) else None,
        "reasons": [reason_text(x) for x in (reading.get("reasons") or [])],
    }


def reason_text(reason: Any) -> str:
    """A reason as a sentence, whether the classifier gives text or a small record."""
    if isinstance(reason, dict):
        for key in ("text", "reason", "explanation", "feature"):
            if isinstance(reason.get(key), str):
                return reason[key]
        return ", ".join(f"{k}: {v}" for k, v in reason.items())
    return str(reason)


def outside_ratings(domains: list[str], ratings: RatingsTable) -> dict[str, Any]:
    """Someone else's rating of each of a source's web domains, with where it came from.

    >>> from audit.ratings import parse_ratings
    >>> view = outside_ratings(["news.x.org", "y.com"], parse_ratings("domain,fact\\nx.org,high\\n", name="t.csv"))
    >>> [(d["domain"], d["listed_as"], d["rating"]) for d in view["domains"]]
    [('news.x.org', 'x.org', [{'column': 'fact', 'value': 'high', 'shown': 'high'}]), ('y.com', None, [])]
    >>> view["summary"]
    'news.x.org: fact high; y.com: not listed'
    """
    rows = []
    for domain in domains:
        row = ratings.lookup(domain)
        values = [{"column": c, "value": v, "shown": _rating_value(v)} for c, v in (row or {}).items() if v]
        rows.append({"domain": domain, "listed_as": ratings.matched_domain(domain), "rating": values})
    summary = "; ".join(f"{r['domain']}: " + (", ".join(f"{v['column']} {v['shown']}"
                                                        for v in _headline_values(r["rating"])) or "listed, no values")
                        if r["listed_as"] else f"{r['domain']}: not listed" for r in rows)  # fmt: skip
    return {
        "rated_by": ratings.describe(),
        "note": "Someone else's rating of the web domain, from the file named here; not made by this tool "
                "and not used by its readings.",
        "domains": rows,
        "summary": summary or "no web domain known for this source, so it was not looked up",
    }


def _headline_values(values: list[dict[str, str]], limit: int = 2) -> list[dict[str, str]]:
    """The first few values that are not links (an index cell has room for little)."""
    return [v for v in values if not v["value"].lower().startswith(("http://", "https://"))][:limit]


def _rating_value(value: str) -> str:
    """A number in a ratings file shown to 3 significant digits, anything else as written."""
    try:
        return fmt(float(value))
    except ValueError:
        return value


# ---------------------------------------------------------------- who is cited, claims, quotes


def anonymous_share(attribution_categories: Counter[str]) -> dict[str, Any]:
    """Attributions that rest on an unnamed source, out of all attributions (claims with no
    source at all are not attributions and are left out), from the attribution findings'
    category counts."""
    attributions = sum(n for key, n in attribution_categories.items() if key != "unattributed")
    anonymous = attribution_categories.get("anonymous", 0)
    share = round(anonymous / attributions, 4) if attributions else None
    return {"anonymous": anonymous, "attributions": attributions, "share": share}


def who_is_cited(members: list[ArticleResult]) -> list[dict[str, Any]]:
    """Speakers from the attribution findings: who, what kind of source, how often."""
    table: dict[tuple[str, str], dict[str, Any]] = {}
    for r in members:
        for f in r.findings:
            if f.signal != "attribution" or category(f).key == "unattributed":
                continue
            speaker = str(f.extra.get("speaker") or "").strip() or "(no speaker named)"
            source_type = str(f.extra.get("source_type") or "unknown")
            row = table.setdefault((speaker.casefold(), source_type), {
                "speaker": speaker, "source_type": source_type, "count": 0, "quotes": 0,
                "articles": [], "example": f.text})  # fmt: skip
            row["count"] += 1
            row["quotes"] += f.kind == "quote"
            if r.article.id not in row["articles"]:
                row["articles"].append(r.article.id)
    return sorted(table.values(), key=lambda row: (-row["count"], row["speaker"].casefold()))


def claims(members: list[ArticleResult], refs: dict[str, ArticleRef]) -> list[dict[str, Any]]:
    """Consistency verdicts on facts (not quotes), conflicts first, with the other outlets' words."""
    rows = [
        {"article": r.article.id, "verdict": f.kind, "text": f.text, "message": f.message,
         "start": f.start, "context": context(r.article.text, f.start, f.end), "evidence": evidence_view(f, refs)}
        for r in members for f in r.findings
        if f.signal == "consistency" and not f.kind.startswith("quote")
    ]  # fmt: skip
    return sorted(rows, key=lambda row: (VERDICT_ORDER.get(row["verdict"], 9), row["article"], row["start"]))


def quotes(members: list[ArticleResult], refs: dict[str, ArticleRef]) -> list[dict[str, Any]]:
    """Quotes compared with other outlets, each comparison with its word-level difference."""
    rows = []
    for r in members:
        for f in r.findings:
            if f.signal != "consistency" or not f.kind.startswith("quote"):
                continue
            comparisons = []
            for e in evidence_view(f, refs):
                ops = word_diff(f.text, quoted_counterpart(f.text, e["text"]))
                comparisons.append({**e, "diff": [op.to_dict() for op in ops], "changes": changes_text(ops)})
            rows.append({"article": r.article.id, "verdict": f.kind, "text": f.text, "message": f.message,
                         "speaker": f.extra.get("speaker"), "start": f.start,
                         "signal_diff": f.extra.get("diff"), "comparisons": comparisons})  # fmt: skip
    return sorted(rows, key=lambda row: (VERDICT_ORDER.get(row["verdict"], 9), row["article"], row["start"]))


def evidence_view(finding: Finding, refs: dict[str, ArticleRef]) -> list[dict[str, Any]]:
    """Evidence with the other article's outlet, title and a link to it when it is in the batch
    (the same passage given twice is shown once)."""
    out, seen = [], set()
    for e in finding.evidence:
        if (e.article, e.text) in seen:
            continue
        seen.add((e.article, e.text))
        ref = refs.get(e.article)
        out.append({"article": e.article, "text": e.text, "source": ref.source if ref else None,
                    "title": ref.title if ref else None, "href": ref.href if ref else None})  # fmt: skip
    return out


def context(text: str, start: int, end: int, limit: int = 320) -> dict[str, str]:
    """The sentence around a span, cut into before / span / after, for showing a claim in place.

    >>> context("One. Rubio said 11 died. Two.", 16, 18)
    {'before': 'Rubio said ', 'span': '11', 'after': ' died.'}
    """
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    left = max(left + 1, start - limit)
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(min(stops) + 1 if stops else len(text), end + limit)
    return {"before": text[left:start].lstrip(), "span": text[start:end], "after": text[end:right]}


# ---------------------------------------------------------------- articles


def article_view(result: ArticleResult, refs: dict[str, ArticleRef], *, full_text: bool = True) -> dict[str, Any]:
    """One article: metadata, readings, numbered findings, and its highlighted text."""
    a = result.article
    findings = sorted(result.findings, key=lambda f: (f.start, -f.end, f.signal, f.kind))
    base = anchor(a.id)
    return {
        "id": a.id,
        "anchor": base,
        "title": a.title,
        "date": a.date.isoformat() if a.date else None,
        "url": a.url,
        "safe_url": safe_url(a.url),
        "path": a.path,
        "encoding": a.encoding,
        "removed": [r.to_dict() for r in a.removed],
        "readings": {name: reading_view(v) for name, v in (result.classifier or {}).items() if isinstance(v, dict)},
        "signal_errors": list(result.signal_errors),
        "findings": [finding_view(i, f, base, refs) for i, f in enumerate(findings)],
        "text": a.text,
        "html": article_html(a.text, findings, lambda i: f"{base}-f{i + 1}") if full_text else None,
    }


def finding_view(index: int, finding: Finding, base: str, refs: dict[str, ArticleRef]) -> dict[str, Any]:
    cat = category(finding)
    return {
        "number": index + 1,
        "anchor": f"{base}-f{index + 1}",
        "category": cat.key,
        "category_label": cat.label,
        "tag": f"{cat.tag}·{index + 1}",
        **finding.to_dict(),
        "evidence": evidence_view(finding, refs),
        "check": finding.confidence < 0.6,
    }


# ---------------------------------------------------------------- names and formats


def unique_slugs(names: Iterable[str]) -> dict[str, str]:
    """File-name stems for sources: unique, and never ``audit`` or ``index``.

    >>> unique_slugs(["CNN", "cnn", "Index"])
    {'CNN': 'cnn', 'cnn': 'cnn-2', 'Index': 'index-source'}
    """
    taken: set[str] = set()
    out = {}
    for name in names:
        base = slug(name)
        base = f"{base}-source" if base in RESERVED_SLUGS else base
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate)
        out[name] = candidate
    return out


def anchor(article_id: str) -> str:
    """A readable, unique HTML id for an article (ids may hold any character).

    >>> anchor("000_efd69a633545d00a")
    'a-000-efd69a633545d00a-fbb103'
    """
    digest = hashlib.sha1(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:6]
    return f"a-{slug(article_id)[:48]}-{digest}"


def safe_url(url: str | None) -> str | None:
    """A URL fit to be a link: http(s) only, so a ``javascript:`` URL stays plain text.

    >>> safe_url("javascript:alert(1)") is None, safe_url(" https://x.org/a ")
    (True, 'https://x.org/a')
    """
    if not url:
        return None
    url = url.strip()
    if url.lower().startswith(("http://", "https://")) and not any(c in url for c in "\"'<> \t\r\n\\"):
        return url
    return None


def label(score: str) -> str:
    """``flesch_reading_ease`` -> ``Flesch reading ease``."""
    text = score.replace("_", " ")
    return text[:1].upper() + text[1:]


def fmt(value: Any) -> str:
    """A figure as a reader wants it: 3 significant digits, thousands separated.

    >>> fmt(0.62345), fmt(52.345), fmt(12345.6), fmt(7), fmt(None)
    ('0.623', '52.3', '12,346', '7', '—')
    """
    if value is None:
        return "—"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    value = float(value)
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value


__all__ = ["Report", "anchor", "build", "plan", "source_reports", "fmt", "percent", "safe_url"]
