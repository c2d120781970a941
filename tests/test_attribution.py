"""The attribution signal on made-up sentences, on bad input, and against the seed gold."""

from __future__ import annotations

import math

import pytest

from audit.corpus import Article
from audit.signals.attribution import SCORES, analyse
from audit.text import Document


def findings(text: str, kind: str | None = None):
    doc = Document.from_text(text, date="2025-11-17")
    return [f for f in analyse(doc).findings if kind is None or f.kind == kind]


def sources(text: str, kind: str = "attribution"):
    return [(f.extra["speaker"], f.extra["source_type"]) for f in findings(text, kind)]


@pytest.mark.parametrize("cue", ["said", "says", "told reporters", "has said", "wrote on X", "posted", "stated",
                                 "added", "noted", "announced", "confirmed", "denied", "insists"])  # fmt: skip
def test_every_inflection_of_a_cue_attributes_the_claim(cue):
    assert sources(f"Senator Jane Holloway {cue} that the budget would pass in March.") == [
        ("Jane Holloway", "named_person")
    ]


def test_saying_after_a_comma_keeps_the_subject():
    text = "Mayor Ana Ruiz opened the bridge on Friday, saying that it cost 40 million dollars."
    assert sources(text) == [("Ana Ruiz", "named_person")]


def test_according_to_a_named_organisation():
    assert sources("According to U.S. Southern Command, the strike killed three people.") == [
        ("U.S. Southern Command", "named_organisation")
    ]


def test_role_is_kept_apart_from_the_name():
    (finding,) = findings("Secretary of State Marco Rubio said the strike was lawful.", "attribution")
    assert finding.extra["speaker"] == "Marco Rubio" and finding.extra["role"] == "Secretary of State"


@pytest.mark.parametrize(
    "text",
    [
        "A senior defense official confirmed the strike on Tuesday.",
        "Two US defense officials said 4,000 Marines were deployed.",
        "Sources familiar with the matter said the talks collapsed in May.",
        "Reports suggest that the flights land twice a week.",
        "The CIA hit a dock. Sources confirm this.",
        "The facility was believed to be used by smugglers.",
        "Officials from the Trump administration said the boats carried drugs.",
    ],
)
def test_unnamed_sources_are_anonymous(text):
    assert [t for _, t in sources(text)][-1:] == ["anonymous"]


def test_anonymous_findings_carry_the_css_class_value():
    (finding,) = findings("Officials said the vessel sank.", "attribution")
    assert finding.extra["source_type"] == "anonymous" and "unnamed" in finding.message


def test_a_document_without_author_is_a_document_source():
    assert sources("The statement said the vessel was in international waters.") == [
        ("The statement", "document")
    ]


def test_a_channel_of_a_named_body_is_that_body():
    assert sources("A spokesperson for Special Operations Command denied any role.") == [
        ("Special Operations Command", "named_organisation")
    ]


def test_quote_with_speaker_after_it():
    assert sources("“We will not bow to threats,” Maduro said on Monday.", "quote") == [
        ("Maduro", "named_person")
    ]


def test_quote_with_inverted_speaker():
    assert sources("“It is over,” said Rubio.", "quote") == [("Rubio", "named_person")]


def test_trailing_dash_names_the_speaker():
    text = "Analysts doubted it.\n“This is not a deployment focused on regime change.” – Geoff Ramsey"
    assert sources(text, "quote") == [("Geoff Ramsey", "named_person")]


def test_colon_introduced_quote():
    assert sources("Petro stated: “We need an intelligent strategy against the cartels.”", "quote") == [
        ("Petro", "named_person")
    ]


def test_he_said_goes_back_to_the_last_person_cited():
    text = (
        "President Donald Trump spoke at the White House on Tuesday. "
        "“There is more where that came from,” he said."
    )
    assert sources(text, "quote") == [("Donald Trump", "named_person")]


def test_he_said_skips_people_named_inside_quotes():
    text = (
        "“Marco Rubio wants to stain your hands with blood,” Nicolás Maduro said on Monday. "
        "“We are ready for anything that comes,” he said."
    )
    assert [s for s, _ in sources(text, "quote")] == ["Nicolás Maduro", "Nicolás Maduro"]


def test_quote_continuing_in_the_next_paragraph_keeps_its_speaker():
    text = "“We struck the vessel at dawn,” the Navy said.\n“Three crew members were killed in the attack.”"
    assert [s for s, _ in sources(text, "quote")] == ["Navy", "Navy"]


def test_short_unattributed_scare_quotes_are_not_quotations():
    assert findings("The so-called “peace plan” was announced.", "quote") == []


def test_unattributed_factual_claims_are_flagged_and_attributed_ones_not():
    text = "The U.S. Navy sent 12 warships in August. Officials said the ships carry 4,000 sailors."
    claims = findings(text, "unattributed_claim")
    assert [f.text for f in claims] == ["The U.S. Navy sent 12 warships in August."]
    assert claims[0].confidence < 1 and "check this" in claims[0].message.lower()


def test_scores_have_meanings_and_stay_in_range():
    doc = Document.from_text(
        "Officials said 3 boats sank. “It was a lawful strike,” Secretary Pete Hegseth said. "
        "The Navy sent 12 ships in May. Sources confirm this."
    )
    scores = analyse(doc).scores
    assert set(scores) == set(SCORES)
    for name in ("attributed_share", "named_source_share", "anonymous_source_share", "unattributed_claim_share"):
        assert 0.0 <= scores[name] <= 1.0, name
    # "Sources confirm this." vouches for the Navy sentence before it
    assert scores["anonymous_source_share"] == pytest.approx(2 / 3, abs=0.01)
    assert scores["attributed_share"] == 1.0
    assert scores["direct_quotes"] == 1 and scores["unattributed_claims"] == 0
    assert all(isinstance(v, (int, float)) and not math.isnan(v) for v in scores.values())


def test_findings_point_at_their_text():
    doc = Document.from_text("“It just happened,” Trump said. Reports suggest that “two flights” land weekly.")
    for finding in analyse(doc).findings:
        assert doc.text[finding.start:finding.end] == finding.text


BAD_INPUTS = {
    "empty": "", "blank": "   \n\n  ", "lone cue": "said", "many openers": "“" * 5000,
    "odd straight marks": "\"" * 3001 + " said", "1 MB word": "x" * 1_000_000, "3000 pronouns": "He said. " * 3000,
    "control characters": "\u202e\u0000 said “ said ” – \ufeff", "bare according": "According to",
    "according loop": "according to according to ,",
}  # fmt: skip


@pytest.mark.parametrize("text", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_bad_input_never_raises(text):
    result = analyse(Document(Article(id="bad", text=text)))
    assert all(not math.isnan(v) for v in result.scores.values())


def test_seed_speaker_accuracy_stays_above_the_bar():
    from evaluation.speakers import accuracy, seed_results

    assert accuracy(seed_results()) >= 0.90


def test_titles_of_works_are_not_quotations():
    assert findings("She appeared on “The Ellen DeGeneres Show” and on “Fifty Shades of Grey” sets.", "quote") == []


def test_embedded_post_is_a_quotation_of_its_account():
    text = "Obama weighed in.\nHe deserves a hearing and a vote.\n— Barack Obama (@BarackObama) September 21, 2016"
    (finding,) = findings(text, "quote")
    assert finding.text == "He deserves a hearing and a vote."
    assert (finding.extra["speaker"], finding.extra["source_type"]) == ("Barack Obama", "named_person")
