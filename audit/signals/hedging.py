"""Hedging: how sure the article sounds, and whether its caution is honest or evasive.

Four kinds of findings, from the project's own lists (audit/lexicons/):

* ``hedge``: the writer stops short of asserting ("allegedly", "may", "is believed to").
  Each hedge says what it does (``use``): *caution* when it keeps an unproven claim
  unproven ("an alleged drug vessel") or states openly what is unknown, or when the
  sentence names who says or believes it; *vague* when it leans on hearsay or belief and
  names nobody ("reportedly", "is thought to"); *speculation* when the writer estimates
  ("could", "likely"). Caution is good practice and is scored apart.
* ``weasel``: authority without a name ("critics say", "it is believed", "some officials").
* ``booster``: certainty beyond what reporting can show ("clearly", "there is no doubt").
* ``loaded``: sensational or one-sided wording ("bombshell", "strongman", "scourge").

Words inside a quotation belong to the speaker: they are reported with ``in_quote: true``
and left out of the writer's rates. A small model (audit/signals/hedging_model.py, trained
on the Szarvas uncertainty corpus) scores each sentence's uncertainty; without the model
file the signal runs on rules alone.

>>> from audit.text import Document
>>> doc = Document.from_text("The alleged drug vessel was sunk, officials said. Critics say it may escalate.")
>>> [(f.kind, f.text, f.extra.get("use")) for f in analyse(doc).findings]
[('hedge', 'alleged', 'caution'), ('weasel', 'Critics say', None), ('hedge', 'may', 'speculation')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from audit.entities import find_names
from audit.findings import Finding, SignalResult
from audit.signals.base import Signal, share
from audit.signals.hedging_cues import Cue, document_words, find_cues, normalise, source_verb_index
from audit.signals.hedging_model import UncertaintyModel, load_model
from audit.text import Document, Sentence

KINDS = ("hedge", "weasel", "booster", "loaded")
PLURALS = {"hedge": "hedges", "weasel": "weasels", "booster": "boosters", "loaded": "loaded_words"}
REPORTABLE = frozenset({"modal", "epistemic", "certainty"})  # a named source's own estimate when in reported speech
USES = ("caution", "vague", "speculation")
CAUTION_CATEGORIES = frozenset({"allegation", "unknown"})
HEARSAY_CATEGORIES = frozenset({"hearsay", "doxastic"})  # caution when sourced, vague when not
NAMING_WORDS = frozenset({"including", "like", "among", "such", "led"})  # "critics, including Sen. Kaine"
NAMING_REACH = 8
_ASIDE = re.compile(r"\([^()]*\)?| [—–] [^—–]*(?: [—–] |$)")  # an unclosed aside runs to the sentence end  # tokens after a weasel in which a naming word + name clears it

SCORES = {
    **{f"{PLURALS[kind]}_per_100_words": f"{PLURALS[kind].replace('_', ' ').capitalize()} in the writer's own voice "
       "(quotations and speech reported from a named source excluded) per 100 words of body text." for kind in KINDS},
    **{f"{PLURALS[kind]}_per_sentence": f"{PLURALS[kind].replace('_', ' ').capitalize()} in the writer's own voice per "
       "body sentence." for kind in KINDS},
    "hedge_caution_share": "Of the writer's hedges, the share that are responsible caution: an unproven claim kept "
    "unproven (\"alleged\"), an open unknown stated as such, or a belief with its holder named. Higher is better.",
    "hedge_vague_share": "Of the writer's hedges, the share that lean on hearsay or belief with no source named "
    "(\"reportedly\", \"is thought to\"): vagueness that hides the source.",
    "hedge_speculation_share": "Of the writer's hedges, the share where the writer estimates (\"could\", \"likely\"): "
    "fine in analysis, a warning sign in straight news.",
    "source_hedges": "Hedges the article attributes to its sources: inside quotations, or estimates in speech reported "
    "from a named source (\"Trump said talks could begin\"). Not in the writer's rates.",
    "source_boosters_and_loaded": "Boosters and loaded words inside quotations or reported from a named source "
    "(the sources' words, not in the writer's rates).",
    "uncertain_sentence_share": "Share of body sentences whose own words (outside quotations) express uncertainty, "
    "conditionals and predictions included, as judged by the sentence model (or by the hedge list without it).",
    "uncertainty_model": "1 when the trained sentence-uncertainty model was used, 0 when rules alone (model file "
    "absent).",
}

MESSAGES = {
    "allegation": "keeps an unproven accusation unproven: responsible caution, not vagueness.",
    "unknown": "says openly what is not known or not verified: responsible caution.",
    "sourced": "hedges a claim whose holder the sentence names: caution with a source.",
    "vague": "leans on hearsay or belief but names no source: who reports or believes this?",
    "speculation": "is an estimate, not a report: speculation. Fine in analysis; in straight news, say whose "
    "estimate it is.",
    "weasel": "lends the claim authority without saying who holds it.",
    "booster": "presents the claim as beyond doubt, more certainty than reporting usually has.",
    "quote": "It is inside a quotation, so it is the speaker's, not the writer's (not counted in the writer's rates).",
    "reported": "It sits in speech reported from a named source, so it is the source's estimate, not the writer's "
    "(not counted in the writer's rates).",
}
LOADED_MESSAGES = {
    "sensational": "sensational wording that dramatises rather than informs.",
    "combative": "a combative verb that casts a statement as an attack.",
    "name_calling": "a pejorative label for a person or government.",
    "dehumanising": "a metaphor of disease, vermin or evil that dehumanises or alarms.",
    "adopted_label": "one side's label for the people involved; in the writer's own voice it adopts that side's "
    "framing.",
    "euphemism": "a euphemism that softens violence or harm.",
    "scare": "distances the writer from a name without saying why.",
}
SUGGESTIONS = {
    "vague": "Name who reports or believes it, or attribute the claim.",
    "weasel": "Name who says so, or drop the claim.",
    "booster": "Show the evidence instead of asserting certainty.",
    "loaded": "Use a neutral word.",
    "speculation": "Say who expects it, or present the sentence as analysis.",
}


@dataclass
class _Context:
    """What the rules need about the sentences of one document, each fact computed once."""

    doc: Document
    name_starts: list[int]
    sentence_facts: dict[int, tuple[bool, list[tuple[int, int]]]] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Document) -> _Context:
        return cls(doc, [n.start for n in find_names(doc)])

    def count_names(self, start: int, end: int) -> int:
        return bisect_left(self.name_starts, end) - bisect_left(self.name_starts, start)

    def facts(self, sentence: Sentence) -> tuple[bool, list[tuple[int, int]]]:
        """(has a verb of saying, spans of dash or bracket asides) of a sentence."""
        if sentence.start not in self.sentence_facts:
            first, last = self.doc.token_range(sentence.start, sentence.end)
            words = document_words(self.doc)[first:last]
            has_verb = next(iter(source_verb_index().matches(words)), None) is not None
            self.sentence_facts[sentence.start] = (has_verb, _asides(self.doc.text, sentence.start, sentence.end))
        return self.sentence_facts[sentence.start]

    def names_a_source(self, sentence: Sentence, cue: Cue) -> bool:
        """The sentence names somebody and has a verb of saying: the claim has a holder.

        Not when the cue sits in an aside ("— widely believed to be run by Maduro —"):
        that is the writer speaking.
        """
        has_verb, asides = self.facts(sentence)
        if not has_verb or any(a <= cue.start < b for a, b in asides):
            return False
        return self.count_names(sentence.start, sentence.end) > self.count_names(cue.start, cue.end)

    def weasel_is_named(self, cue: Cue) -> bool:
        """ "some officials, including Pete Hegseth": the group is named right after."""
        sentence = self.doc.sentence_at(cue.start)
        for token in self.doc.tokens[cue.last: cue.last + NAMING_REACH]:
            if token.start >= sentence.end:
                break
            if normalise(token.text) in NAMING_WORDS:
                return self.count_names(token.end, sentence.end) > 0
        return False


def analyse(doc: Document) -> SignalResult:
    """Hedges, weasels, boosters and loaded words, with writer's-voice rates."""
    cues = find_cues(doc)
    context = _Context.of(doc) if any(c.kind in ("hedge", "weasel", "booster") for c in cues) else None
    model = load_model()
    body = doc.body_sentences
    cue_probability = _model_cue_probabilities(doc, body, model, {c.start for c in cues if c.kind == "hedge"})
    findings = [f for cue in cues if (f := _finding(doc, cue, context, cue_probability)) is not None]
    return SignalResult(findings=findings, scores=_scores(doc, body, findings, cue_probability, model))


def _finding(doc: Document, cue: Cue, context: _Context | None, cue_probability: dict[int, float]) -> Finding | None:
    sentence = doc.sentence_at(cue.start)
    voice = _voice(doc, cue, sentence, context)
    text = doc.text[cue.start:cue.end]
    extra: dict[str, object] = {"category": cue.category, "in_quote": voice == "quote", "voice": voice}
    if sentence.heading:
        extra["heading"] = True
    if cue.kind == "hedge":
        use, reason = _hedge_use(cue, sentence, context)
        extra["use"] = use
        if cue.start in cue_probability:
            extra["model_probability"] = round(cue_probability[cue.start], 3)
        message, suggestion = f"“{text}” {MESSAGES[reason]}", SUGGESTIONS.get(use)
    elif cue.kind == "weasel":
        if context is not None and context.weasel_is_named(cue):
            return None
        message, suggestion = f"“{text}” {MESSAGES['weasel']}", SUGGESTIONS["weasel"]
    elif cue.kind == "booster":
        message, suggestion = f"“{text}” {MESSAGES['booster']}", SUGGESTIONS["booster"]
    else:
        message, suggestion = f"“{text}”: {LOADED_MESSAGES.get(cue.category, 'loaded wording.')}", SUGGESTIONS["loaded"]
    if voice != "writer":
        message, suggestion = f"{message} {MESSAGES[voice]}", None
    return Finding.at(doc.text, cue.start, cue.end, signal="hedging", kind=cue.kind, message=message,
                      suggestion=suggestion, extra=extra)  # fmt: skip


def _voice(doc: Document, cue: Cue, sentence: Sentence, context: _Context | None) -> str:
    """Whose words: "quote" (a quotation), "reported" (a named source's estimate), "writer"."""
    if doc.quote_at(cue.start) is not None:
        return "quote"
    if cue.category in REPORTABLE and context is not None and context.names_a_source(sentence, cue):
        return "reported"
    return "writer"


def _hedge_use(cue: Cue, sentence: Sentence, context: _Context | None) -> tuple[str, str]:
    """(use, message key) of a hedge: caution, vague or speculation."""
    if cue.category in CAUTION_CATEGORIES:
        return "caution", cue.category
    if cue.category in HEARSAY_CATEGORIES:
        if context is not None and context.names_a_source(sentence, cue):
            return "caution", "sourced"
        return "vague", "vague"
    return "speculation", "speculation"


def _model_cue_probabilities(doc: Document, body: Sequence[Sentence], model: UncertaintyModel | None,
                             hedge_starts: set[int]) -> dict[int, float]:  # fmt: skip
    """Start offset of a candidate word in a body sentence -> the model's cue probability.

    Only for the candidates whose figure is read: those outside quotations (the uncertain-sentence
    share counts the writer's sentences) and those that open a hedge (its finding shows the figure).
    A quarter of the candidates stand in quotations; scoring them cost a quarter of the model's time.
    """
    if model is None or not body:
        return {}
    ranges = [doc.token_range(s.start, s.end) for s in body]
    texts, lowers, starts, quoted = doc.token_texts, doc.token_lowers, doc.token_starts, doc.quoted_word_starts
    sentences = [texts[first:last] for first, last in ranges]
    lowered = [lowers[first:last] for first, last in ranges]
    chosen = [[i for i in model.candidates(words, lower)
               if starts[first + i] not in quoted or starts[first + i] in hedge_starts]
              for (first, _), words, lower in zip(ranges, sentences, lowered)]  # fmt: skip
    probabilities = model.cue_probabilities(sentences, lowered, chosen)
    return {starts[first + i]: p for (first, _), cues in zip(ranges, probabilities) for i, p in cues}


def _scores(doc: Document, body: Sequence[Sentence], findings: list[Finding], cue_probability: dict[int, float],
            model: UncertaintyModel | None) -> dict[str, float]:  # fmt: skip
    writer = [f for f in findings if f.extra["voice"] == "writer" and not f.extra.get("heading")]
    starts = [start for s in body for start in doc.word_starts_in(s.start, s.end)]  # distinct: sentences never overlap
    words = len(starts) - len(doc.quoted_word_starts.intersection(starts))
    scores: dict[str, float] = {}
    for kind in KINDS:
        count = sum(f.kind == kind for f in writer)
        scores[f"{PLURALS[kind]}_per_100_words"] = share(100 * count, words)
        scores[f"{PLURALS[kind]}_per_sentence"] = share(count, len(body))
    hedges = [f for f in writer if f.kind == "hedge"]
    for use in USES:
        scores[f"hedge_{use}_share"] = share(sum(f.extra["use"] == use for f in hedges), len(hedges))
    sources = [f for f in findings if f.extra["voice"] != "writer"]
    scores["source_hedges"] = sum(f.kind == "hedge" for f in sources)
    scores["source_boosters_and_loaded"] = sum(f.kind in ("booster", "loaded") for f in sources)
    scores["uncertain_sentence_share"] = share(_uncertain_sentences(doc, body, hedges, cue_probability, model), len(body))
    scores["uncertainty_model"] = 1 if model is not None else 0
    return scores


def _uncertain_sentences(doc: Document, body: Sequence[Sentence], hedges: list[Finding],
                         cue_probability: dict[int, float], model: UncertaintyModel | None) -> int:  # fmt: skip
    """Body sentences with a writer's hedge or a model cue outside quotations."""
    uncertain = {doc.sentence_index(f.start) for f in hedges}
    if model is not None:
        for offset, probability in cue_probability.items():
            if probability >= model.threshold and doc.quote_at(offset) is None:
                uncertain.add(doc.sentence_index(offset))
    return len(uncertain)


def _asides(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of a sentence between brackets or between a pair of spaced dashes."""
    return [(m.start(), m.end()) for m in _ASIDE.finditer(text, start, end)]



SIGNAL = Signal(
    name="hedging",
    description="How sure the article sounds: hedges (caution, vague, speculation), weasel words, boosters and "
    "loaded wording, the writer's apart from the quoted speakers'.",
    scores=SCORES,
    analyse=analyse,
)
