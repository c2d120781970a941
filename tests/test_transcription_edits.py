"""The one-edit look-ups behind the spelling and context checks (audit/signals/transcription/within_edits.py)."""

from __future__ import annotations

import pytest
from rapidfuzz.distance import OSA

from audit.signals.transcription.within_edits import COMMON, one_edit_away
from audit.signals.transcription.within_words import _correction
from audit.vocabulary import word_frequencies


@pytest.mark.parametrize("word", ["strife", "dont", "wih", ""])
def test_one_edit_away_is_every_common_word_one_edit_away(word: str) -> None:
    by_scan = {w for w, n in word_frequencies().items() if n >= COMMON and OSA.distance(w, word) == 1}
    assert one_edit_away(word) == by_scan


def test_typo_suggestion_between_equally_common_words_does_not_depend_on_set_order() -> None:
    # "patmer" is one edit from "palmer" and "patter", equally common in the English list;
    # picking the first of a set made the suggestion depend on the process's string-hash seed
    # (PYTHONHASHSEED=1 gave "patter", 2 gave "palmer"), so worker processes could disagree
    counts = word_frequencies()
    assert counts["palmer"] == counts["patter"] >= COMMON
    assert _correction("patmer") == "palmer"
