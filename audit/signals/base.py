"""The shape every signal has.

A signal is a module that exposes ``SIGNAL``, a :class:`Signal`:

* a *per-article* signal gives ``analyse(doc) -> SignalResult``;
* a *cross-source* signal gives ``collect(doc) -> summary`` (run per article, in any
  process: the summary must be small and picklable) and
  ``compare({article_id: summary})`` (run once per batch), which returns
  ``{article_id: SignalResult}`` or yields ``(article_id, SignalResult)`` pairs, each
  article once, in any order (say, story by story: the order that lets the signal keep
  only a window of the batch in memory); yielding lets the pipeline file each article's
  result as it comes, so a large batch never holds them all. The summaries may be read
  from disk as they are asked for: read them by id (:func:`by_position`), never copy
  them all.

A signal may give both; the pipeline merges the two results under the signal's name.
``scores`` documents each score in words a reader understands: reports print these
descriptions beside the numbers, so no score is shown without its meaning.

>>> from audit.signals import SIGNALS
>>> [s.name for s in SIGNALS][:1]
['readability']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from audit.findings import SignalResult
from audit.text import Document


@dataclass(frozen=True)
class Signal:
    name: str
    description: str
    scores: Mapping[str, str] = field(default_factory=dict)  # score name -> what it means
    analyse: Callable[[Document], SignalResult] | None = None
    collect: Callable[[Document], Any] | None = None
    compare: Callable[[Mapping[str, Any]], Mapping[str, SignalResult] | Iterable[tuple[str, SignalResult]]] | None = None


def share(part: float, whole: float) -> float:
    """``part / whole`` to four places, 0.0 when ``whole`` is 0 (a score is a number, never NaN).

    >>> share(1, 3), share(2, 0)
    (0.3333, 0.0)
    """
    return round(part / whole, 4) if whole else 0.0


def per_hundred(count: float, whole: float) -> float:
    """``count`` per 100 of ``whole`` to two places, 0.0 when ``whole`` is 0.

    >>> per_hundred(3, 40), per_hundred(1, 0)
    (7.5, 0.0)
    """
    return round(100 * count / whole, 2) if whole else 0.0


def by_position(summaries: Mapping[Any, Any] | Sequence[Any], ids: Sequence[Any]) -> Sequence[Any]:
    """The summaries of ``ids`` (keys or positions), by position: a list when they are in
    memory, else a sequence that reads each from ``summaries`` when asked for (a list would
    unpack every summary of the batch at once; the runner uses it the same way for articles
    kept on disk).

    >>> from types import MappingProxyType
    >>> items = by_position(MappingProxyType({"a": 1, "b": 2}), ["b", "a"])
    >>> type(items).__name__, len(items), items[0], list(items)
    ('_ByPosition', 2, 2, [2, 1])
    """
    return [summaries[i] for i in ids] if isinstance(summaries, dict) else _ByPosition(summaries, ids)


class _ByPosition(Sequence[Any]):
    def __init__(self, summaries: Mapping[Any, Any] | Sequence[Any], ids: Sequence[Any]) -> None:
        self.summaries, self.ids = summaries, ids

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, position: Any) -> Any:
        if isinstance(position, slice):
            return [self.summaries[i] for i in self.ids[position]]
        return self.summaries[self.ids[position]]
