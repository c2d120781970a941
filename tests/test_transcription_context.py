"""Look-ups behind the spelling and context checks, made faster: the answers must not change."""

from __future__ import annotations

import pytest

from audit.signals.transcription.within_context import confusables, pair_counts
from audit.signals.transcription.within_sentences import orphaned_verbs
from audit.signals.transcription.within_words import word_errors
from audit.text import Document


@pytest.mark.parametrize("word", ["strife", "there", "horses", "court", "zzzq"])
def test_confusables_among_a_vocabulary_are_the_confusables_in_it(word: str) -> None:
    among = {w for w in confusables(word) if len(w) % 2} | {"unrelated"}
    assert confusables(word, among=among) == tuple(w for w in confusables(word) if w in among)
    if pair_counts() is not None:
        ids = pair_counts().ids
        assert confusables(word, among=ids) == tuple(w for w in confusables(word) if w in ids)


def test_each_doubled_pair_of_a_run_is_found_and_broken_words_beside_them() -> None:
    doc = Document.from_text("It was the the the best. A strik e hit the boat. Of of course.")
    found = [(e.kind, e.text) for e in word_errors(doc)]
    assert found == [("repeated_word", "the the"), ("repeated_word", "the the"), ("broken_word", "strik e"),
                     ("repeated_word", "Of of")]  # fmt: skip


def test_orphaned_verb_found_only_at_a_sentence_start() -> None:
    doc = Document.from_text("Told Marco Rubio, a close ally, shed some light. Then Told Marco Rubio shed light.")
    assert [w.text for w in orphaned_verbs(doc)] == ["Told Marco Rubio"]


def test_run_together_split_does_not_depend_on_the_hash_seed() -> None:
    # the joiners were a set: "atrained" split as "a trained" or "at rained" depending on the
    # process's string-hash seed, so worker processes could disagree
    from audit.signals.transcription.within_words import _run_together

    assert _run_together("atrained") == "a trained"
    assert _run_together("ofthe") == "of the"


def test_a_misspelled_name_between_two_equally_used_names_gets_the_same_suggestion_everywhere() -> None:
    from audit.signals.transcription.within_names import collect_names, compare_names

    docs = {
        "a": "Hegseth spoke. Hegseth left. Hegseth said.",
        "b": "Hegsetj spoke. Hegsetj left. Hegsetj said.",
        "c": "Hegsets was seen.",
    }
    summaries = {k: collect_names(Document.from_text(v)) for k, v in docs.items()}
    found = compare_names(summaries)["c"].findings
    assert [(f.text, f.suggestion) for f in found] == [("Hegsets", "Hegseth")]
