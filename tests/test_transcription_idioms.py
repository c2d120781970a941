"""The idiom near-miss search run once over a whole article (audit/signals/transcription/within_idioms.py)."""

from __future__ import annotations

from audit.signals.transcription.within_idioms import near_misses

SENTENCES = [
    "The administration has lagged the charge on Venezuela .".split(),
    "Lagged the charge , some said .".split(),
    "They threw down the gauntlet .".split(),
    "The senator laid down the gauntlet to the White House .".split(),
    "Lagged".split(),
    "the charge was read out in court .".split(),
]


def _runs(sentences: list[list[str]]) -> tuple[list[str], list[tuple[int, int]]]:
    words, runs = [], []
    for sentence in sentences:
        runs.append((len(words), len(words) + len(sentence)))
        words += sentence
    return words, runs


def test_one_search_over_runs_finds_what_a_search_per_run_finds() -> None:
    words, runs = _runs(SENTENCES)
    whole = [(m.first, m.last, m.slot, m.suggestion, m.confidence) for m in near_misses(words, runs)]
    per_run = [
        (lo + m.first, lo + m.last, lo + m.slot, m.suggestion, m.confidence)
        for (lo, hi) in runs
        for m in near_misses(words[lo:hi])
    ]
    assert whole == per_run
    assert [s for _, _, _, s, _ in whole] == ["led the charge", "Led the charge", "threw down the gauntlet"]


def test_a_window_never_crosses_a_run_end() -> None:
    # "Lagged" ends one run and "the charge" opens the next: no idiom across the boundary
    words, runs = _runs([["Lagged"], "the charge was read .".split()])
    assert near_misses(words, runs) == []
    assert [m.suggestion for m in near_misses(words)] == ["Led the charge"]


def test_no_runs_means_nothing_searched() -> None:
    assert near_misses("He lagged the charge .".split(), []) == []
