"""The context check's shortcuts (bounds that rule out places and alternatives before their pairs
are looked up) and the shared per-token records must not change what the checks find."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from audit.signals.transcription import within_context, within_tokens
from audit.signals.transcription.within_context import confusables, misfits, pair_counts
from audit.signals.transcription.within_idioms import IDIOM_KEY
from audit.signals.transcription.within_forms import form_key
from audit.text import Document

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _slipped_texts() -> list[list[str]]:
    """The seed articles' tokens, as written and with every seventh long lower-case word
    swapped for its first confusable (deterministic slips, so that some places are flagged)."""
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        tokens = Document.from_text(path.read_text(encoding="utf-8")).token_texts
        slipped = list(tokens)
        for i, token in enumerate(tokens):
            if i % 7 == 0 and token.islower() and token.isalpha() and len(token) > 3 and confusables(token):
                slipped[i] = confusables(token)[0]
        out += [tokens, slipped]
    return out


@pytest.mark.skipif(pair_counts() is None, reason="the derived word-pair file is absent")
def test_misfits_with_the_bounds_are_those_without(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _slipped_texts()
    assert texts, "the seed corpus is missing"
    shortcut = [misfits(tokens) for tokens in texts]
    monkeypatch.setattr(within_context, "_may_gain_here", lambda counts, sides, mine: np.ones(len(mine), dtype=bool))
    monkeypatch.setattr(within_context, "_may_gain", lambda counts, sides, ids, n, mine: np.ones(len(ids), dtype=bool))
    assert shortcut == [misfits(tokens) for tokens in texts]
    assert sum(map(len, shortcut)) >= 3  # the slips give the check something to find


@pytest.mark.skipif(pair_counts() is None, reason="the derived word-pair file is absent")
def test_the_place_bound_needs_pairs_no_larger_than_their_words() -> None:
    counts = pair_counts()
    assert counts is not None and counts.pairs_within_words
    assert counts.most_as_left[-1] == counts.most_as_right[-1] == 0  # what an unknown word's id (-1) reads
    the, strike = counts.ids["the"], counts.ids["strike"]
    assert counts.most_as_left[the] >= counts.pair("the", "strike") > 0
    assert counts.most_as_right[strike] >= counts.pair("the", "strike")


def test_a_token_record_answers_every_question(monkeypatch: pytest.MonkeyPatch) -> None:
    assert within_tokens.answers(["Led", ","], IDIOM_KEY) == [form_key("Led"), "\0"]
    monkeypatch.setattr(within_tokens, "_QUESTIONS", list(within_tokens._QUESTIONS))
    within_tokens.FACTS["news"]
    length = within_tokens.question(len)  # records made before lack the new answer: they are dropped
    assert within_tokens.answers(["news", "strike"], length) == [4, 6]
    assert within_tokens.answers(["Led"], IDIOM_KEY) == [form_key("Led")]
