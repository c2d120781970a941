"""The transcription signal: behaviour on made-up text, robustness, and the seed expectations."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from audit.corpus import Article
from audit.pipeline import audit_corpus
from audit.signals.transcription import SIGNAL
from audit.signals.transcription.within import analyse
from audit.signals.transcription.within_names import collect_names, compare_names
from audit.text import Document

GOLD = Path(__file__).resolve().parent.parent / "corpus" / "annotations" / "transcription_gold.yaml"


def findings(text: str):
    doc = Document.from_text(text)
    out = analyse(doc).findings
    for f in out:
        assert f.text == doc.text[f.start:f.end]
        assert f.signal == "transcription" and 0 < f.confidence <= 1 and f.extra["method"]
    return out


def test_idiom_near_miss_is_found_with_an_inflected_suggestion():
    found = findings("Senators of both parties threw down the glove and then laid down the gauntlet again.")
    assert [(f.text, f.suggestion) for f in found if f.kind == "garbled_idiom"] == [
        ("laid down the gauntlet", "threw down the gauntlet")
    ]


def test_intact_idioms_and_ordinary_phrases_are_not_flagged():
    assert findings("She led the charge, took the lead and denied the charge. They threw down the gauntlet.") == []


def test_typo_is_flagged_but_unknown_names_acronyms_and_handles_are_not():
    found = findings("The militray said Zelenskyy and SOUTHCOM met @potus at https://example.org/abcdefg today.")
    assert [(f.text, f.suggestion, f.kind) for f in found] == [("militray", "military", "typo")]


def test_name_written_lower_case_elsewhere_is_not_a_typo():
    assert findings("Rodrigo Duterte spoke. Later the duterte camp denied it.") == []


def test_broken_word_is_joined():
    found = findings("The strik e hit a boat near the coast on Tuesday.")
    assert [(f.text, f.suggestion, f.kind) for f in found] == [("strik e", "strike", "broken_word")]


def test_orphaned_verb_at_sentence_start():
    found = findings("Told Jane Smith, a close ally of the mayor, shed some light on the plan.")
    assert [(f.text, f.suggestion, f.kind) for f in found] == [("Told Jane Smith", "Jane Smith", "orphaned_verb")]
    assert findings("Asked about the plan, Jane Smith said it was ready.") == []
    assert findings('Said Jane Smith, "It is ready."') == []


def test_near_miss_name_across_a_batch():
    batch = [
        Article.from_text("Defense chief Hegseth ordered the strike on the boats. Hegseth later defended it.", id="a"),
        Article.from_text("Defense chief Hegseth spoke on Friday about the boats.", id="b"),
        Article.from_text("Defense chief Hegseht spoke on Friday about the boats.", id="c"),
    ]
    result = audit_corpus(batch, signals=[SIGNAL], readings=False)
    by_id = {r.article.id: [f for f in r.findings if f.kind == "misspelled_name"] for r in result.articles}
    assert [(f.text, f.suggestion) for f in by_id["c"]] == [("Hegseht", "Hegseth")]
    assert by_id["a"] == [] and by_id["b"] == []


def test_a_name_of_another_story_is_no_reference():
    batch = [
        Article.from_text("Quarterback Hegseth threw three touchdowns. Hegseth also ran for one as Alabama won.", id="x"),
        Article.from_text("Defense chief Hegseht spoke on Friday about the boats near Venezuela.", id="y"),
    ]
    result = audit_corpus(batch, signals=[SIGNAL], readings=False)
    assert not [f for r in result.articles for f in r.findings if f.kind == "misspelled_name"]


@pytest.mark.parametrize("text", [".", "“" * 3000, "x" * 1_000_000, "Ünïcödé ☃ 𝔘𝔫𝔦 " * 50, "Told. " * 2000,
                                  "a@" * 20_000])
def test_bad_input_never_raises(text):
    doc = Document.from_text(text)
    result = analyse(doc)
    assert isinstance(result.scores["garbles_per_1000_words"], float)
    compare_names({"a": collect_names(doc), "b": collect_names(doc)})


@pytest.fixture(scope="module")
def seed_findings(seed_audit):
    return {r.article.id: [f for f in r.findings if f.signal == "transcription"] for r in seed_audit.articles}


def _covered(found, text: str, needle: str):
    start = text.find(needle)
    return [f for f in found if f.start < start + len(needle) and start < f.end]


def test_seed_001_in_article_errors_are_found(seed_audit, seed_findings):
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["articles"]
    text = next(r.article.text for r in seed_audit.articles if r.article.id.startswith("001"))
    found = seed_findings["001_83f7e1146e4f08e2"]
    suggestions = {e["text"]: e["meant"] for e in gold["001_83f7e1146e4f08e2"]}
    for needle in ("lagged the charge", "laid down the gauntlet", "Told Marco Rubio"):
        hits = _covered(found, text, needle)
        assert hits, needle
        assert hits[0].suggestion == suggestions[needle]


@pytest.mark.parametrize("article_id", ["000_efd69a633545d00a", "002_baf75e99f0aa5ef8", "003_0beeaa91816771a2",
                                        "004_49ec58c33e705b62"])
def test_at_most_one_false_alarm_in_clean_seeds(seed_findings, article_id):
    assert len(seed_findings[article_id]) <= 1


def test_real_word_that_misfits_its_context_gets_the_look_alike():
    found = findings("Six people were killed in an air strife on the town, officials said on Monday.")
    assert [(f.text, f.suggestion, f.kind, f.extra["method"]) for f in found] == [
        ("strife", "strike", "misfit_word", "context")
    ]
    assert "air strike" in found[0].evidence[0].text


def test_rare_but_fitting_words_are_not_misfits():
    assert findings("The senators were sued in federal court, and the two parties remain at loggerheads.") == []


# ---------------------------------------------------------------- two outlets, one passage


def _twin_garbles(clean: str, changed: str) -> dict[str, list[tuple[str, str | None, str]]]:
    from audit.signals.transcription import across

    docs = [Document.from_text(clean, id="clean", source="A"), Document.from_text(changed, id="changed", source="B")]
    out = across.compare({d.article.id: across.collect(d) for d in docs})
    for doc in docs:
        for f in out[doc.article.id].findings:
            assert f.text == doc.text[f.start:f.end] and f.evidence and f.extra["decided_by"]
    return {k: [(f.text, f.suggestion, f.extra["decided_by"]) for f in v.findings] for k, v in out.items()}


STORY = ("Officials said the convoy of aid trucks was stopped near the border crossing on Tuesday, and "
         "the United Nations said the trucks would stay parked until the situation on the ground was clear.")


@pytest.mark.parametrize("meant, garbled, why", [
    ("ground", "soil", "idiom"),  # a synonym inside a fixed expression ("on the ground")
    ("was", "wsa", "unknown"),  # a non-word
    ("border", "boarder", "context"),  # a sound-alike that fits its neighbours worse
    ("parked", "par ked", "broken"),  # a word broken by a space
    ("situation", "situ ation", "broken"),
])
def test_with_one_twin_the_odd_side_is_found(meant, garbled, why):
    out = _twin_garbles(STORY, STORY.replace(f" {meant} ", f" {garbled} ", 1))
    assert not out["clean"]
    [(text, suggestion, decided_by)] = out["changed"]
    assert garbled in text and meant in suggestion.split() and decided_by == why


def test_with_one_twin_a_quoted_word_counts_but_an_editor_synonym_or_spelling_does_not():
    quote = 'The minister said: "We will not accept any delay in the delivery of the aid to the people of the town."'
    assert _twin_garbles(quote, quote.replace("delay", "postponement"))["changed"][0][1].startswith("delay")
    prose = STORY.replace("stopped", "halted")
    assert _twin_garbles(STORY, prose) == {"clean": [], "changed": []}
    meeting = "The attack took place near the border crossing on Tuesday, officials from both sides said."
    spun = _twin_garbles(meeting, meeting.replace("took", "seized"))  # a set phrase news text never breaks so
    assert [(t, s) for t, s, _ in spun["changed"]] == [("seized place", "took place")] and not spun["clean"]
    british = STORY.replace("the convoy", "the organisation's convoy")
    assert _twin_garbles(british, british.replace("organisation", "organization")) == {"clean": [], "changed": []}


def test_a_name_misspelt_once_is_told_from_the_name_news_text_knows():
    text = "Former governor Michael Dukakis said the campaign would visit Ohio and Iowa before the end of the month."
    out = _twin_garbles(text, text.replace("Dukakis", "Dkakis"))
    assert [(t, s) for t, s, _ in out["changed"]] == [("Dkakis said", "Dukakis said")] and not out["clean"]


@pytest.mark.parametrize("text", [
    "The lethal strike hit the boat near Venezuela on Tuesday. Officials said six people died in the strike.",
    "ΣΟΦΙΑ met the officials in Athens on Monday with six aides. The Greek σοφία is ΣΟΦΟΣ, she said.",  # sigma
])
@pytest.mark.parametrize("cut_inside_words", [False, True])
def test_collected_sentences_read_as_each_sentence_alone(text, cut_inside_words):
    """The passages' word 3-grams and hashes equal those of each sentence read on its own, and the
    word pairs those of the whole text, also when a sentence's edge falls inside a word."""
    from audit.alignment import stable_hash, words
    from audit.signals.transcription.across import _grams, collect
    from audit.text import Sentence

    doc = Document.from_text(text)
    if cut_inside_words:  # no splitter cuts a word; a sentence given by hand may
        doc.__dict__["body_sentences"] = [Sentence(2, 40, 0), Sentence(41, len(text), 0)]
    summary = collect(doc)
    read = [words(doc.span_text(s)) for s in doc.body_sentences]
    read = [w for w in read if len(w) >= 6]
    assert [t for _, t in summary.sentences] == [doc.span_text(s) for s in doc.body_sentences if len(words(doc.span_text(s))) >= 6]
    assert summary.shingles.tolist() == [g for w in read for g in _grams(w, 3).tolist()]
    assert summary.shingle_sentence.tolist() == [i for i, w in enumerate(read) for _ in range(len(w) - 2)]
    assert set(summary.passages.tolist()) >= {stable_hash(" ".join(w)) for w in read}
    every = words(text, None)  # the whole text's words, however its sentences fall
    assert summary.bigrams.tolist() == sorted(set(_grams(every, 2).tolist()))
    assert summary.uses.sum() == len(every)
