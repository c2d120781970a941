"""The signal contract: what every signal returns.

A *finding* is one flagged span of an article's cleaned text with the reason it was
flagged and the evidence behind it. A *signal result* is a signal's findings plus its
per-article scores. Every signal, per-article or cross-source, returns these two
shapes, so the pipeline, the JSON, the DataFrame and the reports need no signal-specific
code.

>>> f = Finding.at("Rubio said it", 0, 5, signal="attribution", kind="quote",
...                message="named speaker")
>>> f.text
'Rubio'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Evidence:
    """A passage of another article (or a reference list) that backs a finding."""

    article: str  # the other article's id, or a reference name such as "lexicon:idioms"
    text: str
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"article": self.article, "text": self.text}
        if self.start is not None:
            out["start"], out["end"] = self.start, self.end
        return out


@dataclass
class Finding:
    """One flagged span. ``text`` always equals ``article_text[start:end]``."""

    signal: str
    kind: str
    start: int
    end: int
    text: str
    message: str
    suggestion: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 1.0
    # signal-specific fields (speaker, source_type, method ...), written as top-level JSON keys
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def at(cls, article_text: str, start: int, end: int, **kwargs: Any) -> Finding:
        """Build a finding whose ``text`` is cut from the article text itself."""
        return cls(start=start, end=end, text=article_text[start:end], **kwargs)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "signal": self.signal,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
            "suggestion": self.suggestion,
            "evidence": [e.to_dict() for e in self.evidence],
            "confidence": round(float(self.confidence), 4),
        }
        for key, value in self.extra.items():
            out.setdefault(key, value)
        return out


@dataclass
class SignalResult:
    """What a signal returns for one article: findings and named scores."""

    findings: list[Finding] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)

    def merge(self, other: SignalResult) -> SignalResult:
        """Combine two partial results of the same signal (per-article + cross-source)."""
        return SignalResult(self.findings + other.findings, {**self.scores, **other.scores})
