"""The hedging model scores only the candidates whose figure is read, with the figures unchanged (fast)."""

from __future__ import annotations

import pytest

from audit.signals import hedging
from audit.signals.hedging_model import load_model
from audit.text import Document

QUOTED = (
    "Officials said the boat may have carried drugs. “It could be a mistake, and it might not,” "
    "the senator said, “but it may escalate.” Critics believe the strikes could be illegal. "
    "“Perhaps,” he said."
)


@pytest.fixture(scope="module")
def model():
    found = load_model()
    if found is None:
        pytest.skip("model file absent")
    return found


def test_a_candidates_probability_does_not_depend_on_the_others_scored(model):
    doc = Document.from_text(QUOTED)
    sentences = [doc.token_texts[slice(*doc.token_range(s.start, s.end))] for s in doc.body_sentences]
    everything = model.cue_probabilities(sentences)
    every_other = [[i for i, _ in cues][::2] for cues in everything]
    some = model.cue_probabilities(sentences, chosen=every_other)
    assert sum(map(len, some)) >= 3
    assert some == [cues[::2] for cues in everything]  # the same floats, to the last bit


def test_quoted_candidates_are_left_out_unless_they_open_a_hedge(model):
    doc = Document.from_text(QUOTED)
    hedges = {f.start for f in hedging.analyse(doc).findings if f.kind == "hedge"}
    scored = hedging._model_cue_probabilities(doc, doc.body_sentences, model, hedges)
    quoted = [start for start in scored if doc.quote_at(start) is not None]
    assert quoted and set(quoted) <= hedges  # "could", "might", "may" inside the quotation open hedges
    assert all(doc.quote_at(start) is None or start in hedges for start in scored)
    everything = hedging._model_cue_probabilities(doc, doc.body_sentences, model, {t.start for t in doc.tokens})
    assert len(everything) > len(scored)
    assert {start: everything[start] for start in scored} == scored


def test_a_quoted_hedge_still_shows_the_models_figure(model):
    findings = [f for f in hedging.analyse(Document.from_text(QUOTED)).findings if f.kind == "hedge"]
    quoted = [f for f in findings if f.extra["in_quote"]]
    assert quoted and all("model_probability" in f.extra for f in quoted)


def test_document_words_normalise_every_token_that_holds_an_apostrophe():
    from audit.signals.hedging_cues import document_words, normalised_words

    text = ("It's Maduro’s boats' crews, 'they said', ’twas ''odd'' — rock ’n’ roll's O'Neill’S; "
            "don't ' ’ '' 3's U.S.'s\n'Quoted' line’s end’")
    doc = Document.from_text(text)
    words = document_words(doc)
    assert words == normalised_words(doc.tokens)
    assert "maduro" in words and "o'neill" in words and "don't" in words
