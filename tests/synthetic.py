"""Stand-in signals for report tests: crude rules that make every kind of finding the
reports draw (named and anonymous attributions, hedges, weasels, garbles with a
suggestion, corroborated / conflict / single-source claims, quote variants with evidence).

They replace the real signals of the same names only in tests, so the reports can be
checked on every finding kind whether or not the real signals have landed. They are
not meant to be right about the articles.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from audit import Article, Audit, audit_corpus
from audit.findings import Evidence, Finding, SignalResult
from audit.signals import SIGNALS
from audit.signals.base import Signal
from audit.text import Document

_SAID = re.compile(r"\b(?:(officials|sources|critics|a senior [a-z]+ official)|([A-Z][a-z]+(?: [A-Z][a-z]+)?)) "
                   r"(?:said|says|told)\b")  # fmt: skip
_HEDGE = re.compile(r"\b(?:allegedly|alleged|reportedly|may|might|could|suspected)\b", re.I)
_WEASEL = re.compile(r"\b(?:critics say|some say|it is believed|reports suggest)\b", re.I)
_BOOSTER = re.compile(r"\b(?:clearly|undoubtedly|definitely)\b", re.I)
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_GARBLE = re.compile(r"\b(lifestyle|lagged|memorializing)\b")


def _attribution(doc: Document) -> SignalResult:
    findings = []
    for m in _SAID.finditer(doc.text):
        anonymous = m.group(1) is not None
        findings.append(Finding.at(doc.text, m.start(), m.end(), signal="attribution", kind="attribution",
                                   message="claim attributed", extra={"speaker": m.group(1) or m.group(2),
                                   "source_type": "anonymous" if anonymous else "named_person"}))  # fmt: skip
    for q in doc.quotes:
        findings.append(Finding.at(doc.text, q.inner_start, q.inner_end, signal="attribution", kind="quote",
                                   message="direct quote", extra={"speaker": None, "source_type": "unknown"}))  # fmt: skip
    anonymous = sum(f.extra["source_type"] == "anonymous" for f in findings)
    return SignalResult(findings, {"anonymous_share": anonymous / len(findings) if findings else 0.0})


def _hedging(doc: Document) -> SignalResult:
    findings = [Finding.at(doc.text, m.start(), m.end(), signal="hedging", kind=kind, message=f"{kind} word")
                for pattern, kind in ((_HEDGE, "hedge"), (_WEASEL, "weasel"), (_BOOSTER, "booster"))
                for m in pattern.finditer(doc.text)]  # fmt: skip
    return SignalResult(findings, {"hedges_per_100_words": 100 * len(findings) / max(len(doc.words), 1)})


def _transcription(doc: Document) -> SignalResult:
    findings = [Finding.at(doc.text, m.start(), m.end(), signal="transcription", kind="garble",
                           message="looks garbled", suggestion=m.group(1)[:3] + "…",
                           evidence=[Evidence("lexicon:test", "a test double")], confidence=0.5)
                for m in _GARBLE.finditer(doc.text)]  # fmt: skip
    return SignalResult(findings, {"garbles_per_1000_words": 1000 * len(findings) / max(len(doc.words), 1)})


def _collect(doc: Document) -> dict[str, Any]:
    sentences = [(s.start, s.end, doc.span_text(s)) for s in doc.body_sentences]
    quotes = [(q.inner_start, q.inner_end, doc.text[q.inner_start:q.inner_end]) for q in doc.quotes if q.balanced]
    return {"text": doc.text, "sentences": sentences, "quotes": quotes}


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{4,}", text.lower()))


def _compare(summaries: Mapping[str, Any]) -> dict[str, SignalResult]:
    out = {}
    for article, mine in summaries.items():
        others = {k: v for k, v in summaries.items() if k != article}
        findings = []
        for start, end, sentence in mine["sentences"]:
            numbers = set(_NUMBER.findall(sentence))
            if not numbers:
                continue
            same = [(k, s) for k, v in others.items() for *_, s in v["sentences"] if numbers & set(_NUMBER.findall(s))]
            near = [(k, s) for k, v in others.items() for *_, s in v["sentences"]
                    if len(_words(sentence) & _words(s)) >= 6 and not numbers & set(_NUMBER.findall(s))]  # fmt: skip
            kind = "corroborated" if same else "conflict" if near else "single_source"
            evidence = [Evidence(k, s) for k, s in (same or near)[:3]]
            findings.append(Finding.at(mine["text"], start, end, signal="consistency", kind=kind,
                                       message=f"{kind.replace('_', ' ')} claim", evidence=evidence))  # fmt: skip
        for start, end, quote in mine["quotes"]:
            words = _words(quote)
            for k, v in others.items():
                for *_, theirs in v["quotes"]:
                    shared = len(words & _words(theirs))
                    if len(words) >= 3 and shared >= 0.6 * len(words):
                        kind = "quote_verbatim" if theirs.lower() == quote.lower() else "quote_variant"
                        findings.append(Finding.at(mine["text"], start, end, signal="consistency", kind=kind,
                                                   message="quote compared", evidence=[Evidence(k, theirs)]))  # fmt: skip
        share = sum(f.kind == "corroborated" for f in findings) / len(findings) if findings else 0.0
        out[article] = SignalResult(findings, {"corroborated_share": share})
    return out


STAND_INS = (
    Signal("attribution", "test double", {"anonymous_share": "share of anonymous attributions"}, analyse=_attribution),
    Signal("hedging", "test double", {"hedges_per_100_words": "hedge words per 100 words"}, analyse=_hedging),
    Signal("transcription", "test double", {"garbles_per_1000_words": "garbles per 1000 words"}, analyse=_transcription),
    Signal("consistency", "test double", {"corroborated_share": "share of claims corroborated"},
           collect=_collect, compare=_compare),
)  # fmt: skip
SIGNALS_WITH_STAND_INS = (*[s for s in SIGNALS if s.name == "readability"], *STAND_INS)


HOSTILE = '<script>window.__pwned=1;alert(1)</script>"><img src=x onerror="window.__pwned=2;alert(2)">'
HOSTILE_URL = "javascript:window.__pwned=3;alert(3)"
HOSTILE_MD = ("[click](javascript:window.__pwned=4) <b onmouseover=alert(5)>x</b> | --- | ![i](x) `code` *em* "
              "&#60;script&#62; <svg onload=window.__pwned=6>")  # fmt: skip
CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@lru_cache(maxsize=1)
def stand_in_audit() -> Audit:
    """The seeds audited with the stand-in signals, plus classifier readings of the real shape.

    Shared by the tests, which must not change it.
    """
    result = audit_corpus(CORPUS, signals=SIGNALS_WITH_STAND_INS)
    for r in result.articles:
        share = sum(f.signal == "hedging" for f in r.findings) / max(len(r.findings), 1)
        r.classifier = {"credibility": {"label": "credible", "probability": round(0.9 - share, 3),
                                        "reasons": ["many named sources", "few hedges"]},
                        "bias": {"label": "not hyperpartisan", "probability": round(0.2 + share, 3),
                                 "reasons": [{"text": "few loaded words"}]}}  # fmt: skip
    return result


def hostile_audit() -> Audit:
    """Articles whose text, title, source, id, URL, findings and readings carry injections."""
    text = f"Officials said {HOSTILE} and {HOSTILE_MD}.\n\nThe strike killed 11 people, Rubio said."
    articles = [Article.from_text(text, id=f'x"><b>{n}', source=f"{HOSTILE} Outlet {n}", title=HOSTILE + HOSTILE_MD,
                                  url=HOSTILE_URL, date="2025-09-02") for n in (1, 2)]  # fmt: skip
    result = audit_corpus(articles, signals=SIGNALS_WITH_STAND_INS)
    for r in result.articles:
        t = r.article.text
        r.findings.append(Finding.at(t, 0, 9, signal="transcription", kind=HOSTILE, message=HOSTILE_MD,
                                     suggestion=HOSTILE, evidence=[Evidence(HOSTILE, HOSTILE_MD)],
                                     extra={"speaker": HOSTILE, "source_type": HOSTILE}))  # fmt: skip
        r.classifier = {"credibility": {"label": HOSTILE, "probability": 0.5, "reasons": [HOSTILE_MD]}}
    return result
