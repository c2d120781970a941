"""One record of facts per distinct token text, shared by the transcription checks.

Each check asks its own question of every token: its word id in the news counts, its
idiom key, the parts no dictionary knows, whether it is a name word. Asked of one shared
memory, a token is looked up in one table, whose lines the check before has just read,
instead of in one table per check (each gone cold in the processor's cache while the
other signals ran). A module adds its question with :func:`question` when it loads and
reads the answer at the index it gets back; records made before are dropped then.

>>> from audit.signals.transcription.within_idioms import IDIOM_KEY
>>> FACTS["Led"][IDIOM_KEY], answers(["Led", ","], IDIOM_KEY)
('lead', ['lead', '\\x00'])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import itemgetter
from typing import Any

from audit.memo import WordMemo

_QUESTIONS: list[Callable[[str], Any]] = []


def _record(text: str) -> tuple[Any, ...]:
    return tuple([ask(text) for ask in _QUESTIONS])


FACTS: WordMemo[tuple[Any, ...]] = WordMemo(_record)  # per distinct token text, across articles


def question(ask: Callable[[str], Any]) -> int:
    """Add a question every token record answers; returns where its answer sits in a record."""
    _QUESTIONS.append(ask)
    FACTS.clear()  # records made so far lack the answer
    return len(_QUESTIONS) - 1


def answers(texts: Iterable[str], at: int) -> list[Any]:
    """The answer at index ``at`` (from :func:`question`) of each text's record, in order."""
    return list(map(itemgetter(at), map(FACTS.__getitem__, texts)))
