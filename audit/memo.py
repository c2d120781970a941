"""A bounded memory of per-word results, kept across the articles of a batch.

News reuses the same words article after article, so a per-word verdict that costs a
dictionary look-up or two is worth remembering; the memory must stay bounded, and a
hostile 1 MB "word" must be computed, never kept alive.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

Value = TypeVar("Value")


class WordMemo(dict, Generic[Value]):  # type: ignore[type-arg]
    """``memo[word]`` is ``compute(word)``, computed once per distinct word.

    Emptied when it holds ``max_entries`` words; a word longer than ``longest`` characters
    is computed each time and not kept. A hit is a plain dict look-up (no Python call).

    >>> lengths = WordMemo(len, max_entries=2)
    >>> lengths["news"], lengths["x" * 100], len(lengths)
    (4, 100, 1)
    """

    def __init__(self, compute: Callable[[str], Value], *, max_entries: int = 200_000, longest: int = 64) -> None:
        super().__init__()
        self.compute, self.max_entries, self.longest = compute, max_entries, longest

    def __missing__(self, word: str) -> Value:
        value = self.compute(word)
        if len(word) <= self.longest:
            if len(self) >= self.max_entries:
                self.clear()
            self[word] = value
        return value
