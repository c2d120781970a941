"""A bundled English word list (from the pyspellchecker package), loaded once.

>>> is_english_word("winning"), is_english_word("southcom")
(True, False)
"""

from __future__ import annotations

from functools import lru_cache

from spellchecker import SpellChecker


@lru_cache(maxsize=1)
def word_frequencies() -> dict[str, int]:
    """Lower-case English words and their corpus counts (about 100,000 entries)."""
    return dict(SpellChecker(language="en", distance=1).word_frequency.dictionary)


def is_english_word(word: str, min_count: int = 50) -> bool:
    """True when ``word`` (any case) is a reasonably common English word."""
    return word_frequencies().get(word.lower(), 0) >= min_count
