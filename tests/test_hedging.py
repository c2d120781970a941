"""Behaviour of the hedging signal on made-up sentences (fast; no ../shared needed)."""

from __future__ import annotations

import math
import time

import pytest

from audit.corpus import Article
from audit.lexicons import expand, load_sections
from audit.signals import hedging
from audit.signals.hedging import SIGNAL, analyse
from audit.signals.hedging_cues import LISTS, normalise
from audit.text import Document


def findings(text: str, kind: str | None = None):
    result = analyse(Document.from_text(text))
    return [f for f in result.findings if kind is None or f.kind == kind]


@pytest.fixture(params=["with model", "rules only"])
def model_or_not(request, monkeypatch):
    """Run a test with the shipped model (when present) and without it."""
    if request.param == "rules only":
        monkeypatch.setattr(hedging, "load_model", lambda: None)
    return request.param


def test_may_the_month_is_not_a_hedge(model_or_not):
    assert findings("The strike took place in May, and a second one on May 20.", "hedge") == []
    assert [f.text for f in findings("The strike may have killed three people.", "hedge")] == ["may have"]


def test_military_might_and_could_not_be_reached_are_not_hedges():
    assert findings("The show of military might ended; the ministry could not be reached for comment.", "hedge") == []


def test_could_inside_a_quote_is_the_speakers_and_not_in_the_writers_rates(model_or_not):
    result = analyse(Document.from_text("“This could escalate quickly,” the minister said. The navy sailed on."))
    (hedge,) = [f for f in result.findings if f.kind == "hedge"]
    assert hedge.text == "could" and hedge.extra["in_quote"] is True and hedge.extra["voice"] == "quote"
    assert "speaker" in hedge.message
    assert result.scores["hedges_per_100_words"] == 0.0
    assert result.scores["source_hedges"] == 1


def test_alleged_vessel_is_caution_not_vagueness():
    for text in ("The navy struck an alleged drug vessel on Tuesday.",
                 "Forces hit a suspected narco-trafficking vessel in the Pacific."):
        (hedge,) = findings(text, "hedge")
        assert hedge.extra["use"] == "caution", text
        assert "caution" in hedge.message


def test_unsourced_belief_is_vague_and_sourced_belief_is_caution():
    (vague,) = findings("The facility was believed to be used by drug cartels.", "hedge")
    assert vague.extra["use"] == "vague" and vague.suggestion
    (sourced,) = findings("The facility is believed to be a cartel depot, Colonel Ana Ruiz said.", "hedge")
    assert sourced.extra["use"] == "caution"


def test_writers_estimate_is_speculation_but_a_named_sources_is_reported():
    (writer,) = findings("The escalation could have serious implications for the region.", "hedge")
    assert writer.extra["use"] == "speculation" and writer.extra["voice"] == "writer"
    (reported,) = findings("Donald Trump said talks could begin soon.", "hedge")
    assert reported.extra["voice"] == "reported"


def test_critics_say_without_a_named_critic_is_a_weasel():
    (weasel,) = findings("Critics say the strikes are illegal.", "weasel")
    assert weasel.text == "Critics say"
    assert findings("Critics, including Senator Tim Kaine, say the strikes are illegal.", "weasel") == []
    assert [f.text for f in findings("Some officials, including Pete Hegseth, praised it.", "weasel")] == []
    assert [f.text for f in findings("Reports suggest some officials opposed it.", "weasel")] == [
        "Reports suggest", "some officials"]


def test_boosters_and_their_negation():
    assert [f.text for f in findings("There is no doubt the strike was clearly legal.", "booster")] == [
        "There is no doubt", "clearly"]
    assert findings("It is not clearly legal, and it is almost certainly contested.", "booster") == []


def test_loaded_words_and_neutral_senses():
    texts = [f.text for f in findings("He dropped this bomb on the pernicious plague of the strongman's regime.",
                                      "loaded")]
    assert texts == ["dropped this bomb", "pernicious", "plague", "strongman", "regime"]
    assert findings("The sanctions regime calls for regime change.", "loaded") == []


def test_scores_are_numbers_and_every_score_has_a_meaning(model_or_not):
    result = analyse(Document.from_text("Critics say the alleged boat may have been clearly targeted. “It could,” he said."))
    assert set(result.scores) == set(SIGNAL.scores)
    assert all(isinstance(v, (int, float)) and not math.isnan(v) for v in result.scores.values())
    assert all(len(meaning) > 20 for meaning in SIGNAL.scores.values())
    assert result.scores["hedges_per_sentence"] == 1.0  # "alleged" and "may have" over two sentences
    assert result.scores["hedge_caution_share"] == 0.5
    assert result.scores["uncertainty_model"] == (0 if model_or_not == "rules only" else result.scores["uncertainty_model"])


def test_finding_text_is_the_article_span():
    doc = Document.from_text("Critics say the alleged boat may have been clearly targeted by the regime.")
    for f in analyse(doc).findings:
        assert f.text == doc.text[f.start:f.end] and f.signal == "hedging"


@pytest.mark.parametrize("text", ["", "   \n\n", "“" * 5000, "x" * 1_000_000, "may " * 20000, "\u202e\u0000\ufeff may"])
def test_bad_input_does_not_crash(text):
    result = analyse(Document(Article(id="bad", text=text)))  # Article() directly: from_text refuses empty text
    assert all(not math.isnan(v) for v in result.scores.values())


def test_cost_is_linear_in_length():
    sentence = "Critics say the alleged boat may have been clearly targeted, officials said. "
    started = time.perf_counter()
    analyse(Document.from_text(sentence * 2000))
    assert time.perf_counter() - started < 20  # generous: catches quadratic blow-ups, not a benchmark


def test_every_lexicon_entry_is_matchable_by_the_text_layer():
    """Entries must split into the same tokens the text layer makes, or they never match."""
    for name in LISTS:
        for entries in load_sections(name).values():
            for entry in entries:
                for phrase in expand(normalise(entry))[:3]:
                    tokens = [normalise(t.text) for t in Document.from_text(phrase).tokens]
                    assert tokens == phrase.split(), (name, entry)


def test_model_probabilities_equal_scikit_learns_to_the_last_bit():
    """The shortcut past predict_proba's input checks gives the very same numbers."""
    from audit.signals.hedging_model import _hasher, cue_features, load_model

    model = load_model()
    if model is None:
        pytest.skip("model file absent")
    doc = Document.from_text(SEED_LIKE)
    sentences = [[t.text for t in doc.tokens_in(s.start, s.end)] for s in doc.sentences]
    rows = _hasher().transform(cue_features(words, i) for words in sentences for i in model.candidates(words))
    assert rows.shape[0] > 5
    assert model._probabilities(rows).tolist() == model.classifier.predict_proba(rows)[:, 1].tolist()


SEED_LIKE = (
    "Officials said the boat may have carried drugs. If confirmed, it would be the 21st strike. "
    "Critics say the strikes could escalate, and some believe they might be illegal. "
    "It is unclear whether the vessel was armed; reportedly it was not. May 5 was a Tuesday."
)


def test_cue_features_read_the_same_from_a_window_or_from_the_whole_lower_case_sentence():
    """The two ways of calling cue_features (training passes words, the signal passes lower case too) agree,
    at the sentence's ends and in the middle; a repeated word in the window counts once."""
    from audit.signals.hedging_model import cue_features

    for text in (SEED_LIKE, "May it be. the the the could the the the.", "Could"):
        words = [t.text for t in Document.from_text(text).tokens]
        lower = [w.lower() for w in words]
        for i in range(len(words)):
            features = cue_features(words, i)
            assert features == cue_features(words, i, lower)
            assert set(features.values()) == {1.0} and f"word={lower[i]}" in features
    features = cue_features("the the the could the the the".split(), 3)
    assert features["bag_left=the"] == 1.0 and features["word_capitalised=could_False"] == 1.0


def test_document_words_equal_the_normalised_tokens():
    from audit.signals.hedging_cues import document_words, normalise, normalised_words

    doc = Document.from_text("Maduro’s men's ‘AGREED’ it's, x's's O’NEIL’S don’t ' ’ Σ'S İ’s critics' cases")
    assert document_words(doc) == normalised_words(doc.tokens) == [normalise(t.text) for t in doc.tokens]
