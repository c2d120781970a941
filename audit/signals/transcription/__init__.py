"""The transcription signal: garbles left by rewrite tools, speech-to-text and careless copying.

Three parts share the name: ``within`` (one article on its own: garbled idioms, typos,
broken sentences), ``within_names`` (a name one letter from the one the rest of the
batch uses) and ``across`` (the same passage in other articles of the batch).

>>> from audit.text import Document
>>> a = Document.from_text("CNN said the Pentagon agreed. CNN has asked.", id="a")
>>> b = Document.from_text("CCN said the Pentagon agreed.", id="b")
>>> out = compare({d.article.id: SIGNAL.collect(d) for d in (a, b)})
>>> [(f.text, f.suggestion) for f in out["b"].findings]
[('CCN', 'CNN')]
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from audit.findings import SignalResult
from audit.signals.base import Signal
from audit.signals.transcription import across, within
from audit.signals.transcription.within_names import collect_names, compare_names
from audit.text import Document


def collect(doc: Document) -> tuple[Any, Any]:
    """The article's summaries for the two batch-level parts: passages and name words."""
    return across.collect(doc), collect_names(doc)


def compare(summaries: Mapping[str, tuple[Any, Any]]) -> dict[str, SignalResult]:
    """Cross-source garbles and misspelled names, merged per article; both compare an article
    only with the articles of its own story."""
    return dict(verdicts(summaries))


def verdicts(summaries: Mapping[str, tuple[Any, Any]]) -> Iterator[tuple[str, SignalResult]]:
    """:func:`compare` one article at a time, in the order of ``summaries``."""
    passages = _part(summaries, 0)
    linked = across.stories(passages)
    names = compare_names({k: v[1] for k, v in summaries.items()}, linked)  # few: only articles with findings
    for article_id, result in across.verdicts(passages, linked):
        yield article_id, result.merge(names.pop(article_id)) if article_id in names else result


def _part(summaries: Mapping[str, tuple[Any, Any]], part: int) -> Mapping[str, Any]:
    """One part of each article's summary pair: a dict when the summaries are in memory (as
    :func:`audit.signals.base.by_position` gives a list), else a view that reads on demand."""
    return {k: v[part] for k, v in summaries.items()} if isinstance(summaries, dict) else _Part(summaries, part)


class _Part(Mapping[str, Any]):
    """One part of each article's summary pair, read only when asked for."""

    def __init__(self, summaries: Mapping[str, tuple[Any, Any]], part: int) -> None:
        self.summaries, self.part = summaries, part

    def __getitem__(self, article_id: str) -> Any:
        return self.summaries[article_id][self.part]

    def __iter__(self) -> Iterator[str]:
        return iter(self.summaries)

    def __len__(self) -> int:
        return len(self.summaries)


SIGNAL = Signal(
    name="transcription",
    description="Likely transcription and rewrite errors: words that differ from the same passage in other "
    "outlets, garbled fixed expressions, typos and broken words, misspelled names, orphaned verbs; each with "
    "what the text probably meant.",
    scores={**within.SCORES, **getattr(across, "SCORES", {})},
    analyse=within.analyse,
    collect=collect,
    compare=verdicts,
)
