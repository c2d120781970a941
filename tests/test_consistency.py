"""Consistency across sources and cross-source garbles, on made-up mini-batches and the seeds."""

from __future__ import annotations

import pytest

from audit.corpus import load_paths
from audit.signals import consistency
from audit.signals.transcription import across
from audit.text import Document
from tests.conftest import CORPUS


def batch(*articles: tuple[str, str, str, str]) -> dict:
    """Compare (id, source, date, text) articles with the consistency signal."""
    docs = [Document.from_text(text, id=id_, source=source, date=date) for id_, source, date, text in articles]
    return consistency.compare({d.article.id: consistency.collect(d) for d in docs})


def kinds(result, claim_kind: str | None = None) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in result.findings if claim_kind in (None, f.extra["claim_kind"])]


def test_same_amount_in_two_outlets_is_corroborated_with_the_other_sentence_as_evidence():
    out = batch(("a", "Wire", "2025-09-02", "The US raised the reward for Maduro's arrest to $50 million on Friday."),
                ("b", "Daily", "2025-09-03", "Washington now offers a $50 million reward for the arrest of Maduro."))
    finding = next(f for f in out["a"].findings if f.extra["claim_kind"] == "quantity")
    assert (finding.kind, finding.text, finding.extra["k"]) == ("corroborated", "$50 million", 1)
    assert finding.evidence[0].article == "b" and "$50 million reward" in finding.evidence[0].text


def test_another_death_toll_for_the_same_event_is_a_conflict():
    out = batch(("a", "Wire", "2025-12-04", "The strike on the dock in Zulia killed 12 people on December 3, officials said."),
                ("b", "Daily", "2025-12-04", "The strike on the dock in Zulia killed 40 people on December 3, officials said."))
    assert ("conflict", "12 people") in kinds(out["a"], "quantity")
    assert ("conflict", "40 people") in kinds(out["b"], "quantity")


def test_a_running_count_that_grows_with_the_dates_is_evolving_not_a_conflict():
    out = batch(("a", "Wire", "2025-11-17", "It was at least the 21st strike on a drug boat since the campaign began."),
                ("b", "Daily", "2025-12-30", "The US has conducted over 30 strikes on drug boats since the campaign began."))
    assert ("evolving", "at least the 21st strike") in kinds(out["a"], "quantity")
    assert all(kind != "conflict" for kind, _ in kinds(out["b"]))


def test_an_agency_denying_what_another_outlet_says_it_did_is_a_conflict():
    out = batch(("a", "Wire", "2025-12-30", "The CIA conducted the drone strike on the dock near Maracaibo, sources said."),
                ("b", "Daily", "2025-12-30", "The CIA did not conduct the drone strike on the dock near Maracaibo, a spokesperson said."))
    conflict = [f for f in out["a"].findings if f.kind == "conflict" and f.extra["claim_kind"] == "actor"]
    assert conflict and conflict[0].evidence[0].article == "b"


def test_a_changed_word_in_the_same_quote_is_a_variant_with_the_word_shown():
    out = batch(("a", "Wire", "2025-09-02", "Rubio said the military “conducted a lethal strike” on a drug boat near Venezuela."),
                ("b", "Daily", "2025-09-03", "Rubio called it a “lifestyle strike” on a drug boat near Venezuela."))
    variant = next(f for f in out["b"].findings if f.kind == "quote_variant")
    assert variant.extra["diff"] == [{"op": "replace", "this": "lifestyle", "other": "lethal"}]
    assert "lifestyle" in variant.message and "lethal" in variant.message


def test_titles_that_differ_for_the_same_person_are_no_conflict():
    out = batch(("a", "Wire", "2025-11-17", "Secretary of War Pete Hegseth ordered the strike on the boat."),
                ("b", "Daily", "2026-02-06", "US Defence Secretary Pete Hegseth reposted the video of the boat strike."))
    assert ("title_variant", "Secretary of War Pete Hegseth") in kinds(out["a"], "title")
    assert not any(f.kind == "conflict" for f in out["a"].findings + out["b"].findings)


@pytest.mark.parametrize("text", [".", "\u200b \n x", "“" * 3000, "x" * 1_000_000, "Ünïcödé ‽ 𝔘𝔫𝔦 “" * 50,
                                  "He said “a b” and $5 million on 3 December. " * 300],
                         ids=["no-sentence", "zero-width", "quote-marks", "1MB-word", "unicode", "repeats"])  # fmt: skip
def test_a_single_article_or_bad_input_gives_single_source_and_plain_numbers(text):
    out = batch(("only", "Wire", "2025-12-30", text))["only"]
    assert all(f.kind in ("single_source", "quote_unmatched") for f in out.findings)
    assert set(out.scores) == set(consistency.SCORES)
    assert all(isinstance(v, (int, float)) and v == v for v in out.scores.values())


def test_compare_never_pairs_articles_of_unrelated_stories():
    strike = "The CIA conducted a drone strike on a dock near Maracaibo in Venezuela; $50 million reward for Maduro."
    match = "Arsenal beat Tottenham 3-1 at the Emirates; Saka scored twice and Arteta praised $50 million signing Rice."
    out = batch(("s1", "Wire", "2025-12-30", strike), ("s2", "Daily", "2025-12-30", strike.replace("drone", "missile")),
                ("f1", "Sport", "2025-12-30", match), ("f2", "Fans", "2025-12-30", match.replace("twice", "two goals")))
    story = {"s1": {"s1", "s2"}, "s2": {"s1", "s2"}, "f1": {"f1", "f2"}, "f2": {"f1", "f2"}}
    for article, result in out.items():
        assert result.findings and result.scores["sources_compared"] == 1
        assert all(e.article in story[article] for f in result.findings for e in f.evidence)


def test_cross_source_garble_goes_on_the_odd_side_with_the_majority_wording():
    texts = ["Rubio said the US conducted a “lethal strike” on the boat.",
             "Rubio called it a “lifestyle strike” on the boat.",
             "Rubio described a lethal strike on the boat near Venezuela."]  # fmt: skip
    docs = [Document.from_text(t, id=str(i), source=f"S{i}") for i, t in enumerate(texts)]
    out = across.compare({d.article.id: across.collect(d) for d in docs})
    assert [(f.text, f.suggestion, f.extra["method"]) for f in out["1"].findings] == [
        ("lifestyle strike", "lethal strike", "cross_source")]
    assert not out["0"].findings and not out["2"].findings


def test_a_synonym_swap_in_a_twin_sentence_is_no_garble_but_a_look_alike_is():
    base = "The administration has led the charge on Venezuela, drawing concern from allies in the region."
    docs = [Document.from_text(base, id="clean", source="A"),
            Document.from_text(base.replace("led", "lagged"), id="garbled", source="B"),
            Document.from_text(base.replace("concern", "worry"), id="spun", source="C")]  # fmt: skip
    out = across.compare({d.article.id: across.collect(d) for d in docs})
    assert [(f.text, f.suggestion) for f in out["garbled"].findings] == [("lagged the", "led the")]
    assert not out["spun"].findings and not out["clean"].findings


# ---------------------------------------------------------------- the seeds


@pytest.fixture(scope="module")
def seeds():
    articles, _ = load_paths([CORPUS])
    docs = {a.id[:3]: Document.from_article(a) for a in articles}
    ids = {short: doc.article.id for short, doc in docs.items()}
    result = consistency.compare({d.article.id: consistency.collect(d) for d in docs.values()})
    garbles = across.compare({d.article.id: across.collect(d) for d in docs.values()})
    return {short: result[ids[short]] for short in ids}, {short: garbles[ids[short]] for short in ids}, ids


def _find(result, text: str):
    return next(f for f in result.findings if f.text.startswith(text))


def test_seed_reward_is_corroborated_across_000_001_004(seeds):
    result, _, ids = seeds
    for short in ("000", "001", "004"):
        finding = _find(result[short], "$50 million")
        others = {ids[s] for s in ("000", "001", "004")} - {ids[short]}
        assert finding.kind == "corroborated" and {e.article for e in finding.evidence} == others


def test_seed_lifestyle_strike_is_a_quote_variant_and_a_garble(seeds):
    result, garbles, _ = seeds
    variant = _find(result["001"], "lifestyle strike")
    assert variant.kind == "quote_variant" and {"op": "replace", "this": "lifestyle", "other": "lethal"} in variant.extra["diff"]
    garble = _find(garbles["001"], "lifestyle")
    assert garble.suggestion == "lethal strike" and garble.extra["method"] == "cross_source"
    assert not garbles["000"].findings


def test_seed_21st_and_over_30_strikes_are_evolving_not_conflict(seeds):
    result, _, _ = seeds
    assert _find(result["002"], "at least the 21st strike").kind == "evolving"
    assert _find(result["004"], "Over 30 strikes").kind == "evolving"
    assert all(f.kind != "conflict" for r in result.values() for f in r.findings)


def test_seed_claims_only_001_carries_are_single_source(seeds):
    result, _, _ = seeds
    assert _find(result["001"], "last July").kind == "single_source"
    assert _find(result["001"], "Former national security adviser Michael Flynn").kind == "single_source"
    story = _find(result["001"], "The idea of there being an invasion")
    assert story.kind == "quote_unmatched" and story.extra["speaker"] == "story"


def test_seed_hegseth_titles_are_a_title_variant(seeds):
    result, _, _ = seeds
    assert _find(result["002"], "Secretary of War Pete Hegseth").kind == "title_variant"
    assert _find(result["003"], "US Defence Secretary Pete Hegseth").kind == "title_variant"


def test_both_cross_source_signals_yield_one_result_per_article():
    from audit.signals import transcription

    docs = [Document.from_text(t, id=i, source=i.upper(), date="2025-09-02") for i, t in (
        ("z", "Rubio said the US conducted a lethal strike on a boat carrying 11 people."),
        ("m", "Rubio said the US conducted a lifestyle strike on a boat carrying 11 people."),
        ("a", "Rubio said the US conducted a lethal strike on a boat carrying 12 people."))]
    for signal in (consistency.SIGNAL, transcription.SIGNAL):
        streamed = signal.compare({d.article.id: signal.collect(d) for d in docs})
        assert sorted(article for article, _ in streamed) == ["a", "m", "z"]  # each once, in the signal's order
