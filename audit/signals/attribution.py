"""Attribution: who is cited for what, and which claims rest on nobody.

An attribution relation has a *source* (who), a *cue* (the reporting verb in any
inflection, "according to", a dash after a quotation, a colon before one) and a
*content* (the quoted or reported words). Sources are typed: a named person (with the
role when the text gives it), a named organisation, a document or official channel,
an anonymous source ("officials", "sources familiar with the matter", "reports
suggest"), or none. "He said" goes back to the person last cited or named when that is
unambiguous. Rules and the project's own word lists only; no model.

>>> from audit.text import Document
>>> doc = Document.from_text("“We hit the boat,” Secretary of State Marco Rubio said. "
...                          "Two US defense officials said more strikes would follow.")
>>> [(f.kind, f.extra["speaker"], f.extra["source_type"]) for f in analyse(doc).findings]
[('quote', 'Marco Rubio', 'named_person'), ('attribution', 'Two US defense officials', 'anonymous')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from audit.entities import ORGANISATION_WORDS, Name, find_names
from audit.findings import Finding, SignalResult
from audit.lexicons import load_sections
from audit.signals.base import Signal, share
from audit.text import Document, Quote, Sentence, Token

NAMED_PERSON, NAMED_ORGANISATION = "named_person", "named_organisation"
DOCUMENT, ANONYMOUS, NONE = "document", "anonymous", "none"
NAMED = (NAMED_PERSON, NAMED_ORGANISATION)

SCORES = {
    "attributed_share": "Share of factual sentences that say where their claim comes from (a named or unnamed "
    "source, a document, or a quotation with its speaker).",
    "named_source_share": "Of the attributed sentences, the share whose source is a named person or organisation.",
    "anonymous_source_share": "Of the attributed sentences, the share resting on unnamed sources "
    "(\"officials\", \"sources\", \"reports suggest\"): claims a reader cannot check.",
    "document_source_share": "Of the attributed sentences, the share citing a document or channel without an author "
    "(\"the statement\", \"a post on X\").",
    "distinct_sources": "Different sources cited (people, organisations, documents and unnamed groups).",
    "named_sources": "Different named people and organisations cited.",
    "direct_quotes": "Direct quotations (quoted words of four or more, or shorter ones with a stated speaker).",
    "unattributed_quotes": "Direct quotations of four words or more with no stated speaker.",
    "unattributed_claims": "Factual sentences with a number, a date or a named actor and no stated source.",
    "unattributed_claim_share": "Share of factual sentences that are unattributed claims.",
}

_VERB_SECTIONS = load_sections("attribution_verbs")
# every inflected form -> its base form ("said" -> "say")
CUE_FORMS: dict[str, str] = {
    form: line.split()[0] for lines in _VERB_SECTIONS.values() for line in lines for form in line.split()
}
CUE_WORDS = frozenset(CUE_FORMS) | {"according"}
# forms that can follow "was/were/been" in an agentless passive ("it is believed", "were reported")
PASSIVE_FORMS = frozenset(
    form for lines in _VERB_SECTIONS.values() for line in lines for form in line.split()[2:] if not form.endswith("ing")
)
_SOURCE_WORDS = load_sections("attribution_sources")
ANONYMOUS_HEADS = frozenset(_SOURCE_WORDS["anonymous"])
SPOKESPERSON_HEADS = frozenset(_SOURCE_WORDS["spokesperson"])
CHANNEL_HEADS = frozenset(_SOURCE_WORDS["channel"])
INSTITUTION_HEADS = frozenset(_SOURCE_WORDS["institution"])
ANONYMITY_PHRASES = _SOURCE_WORDS["anonymity"]

# words skipped between a source and its cue: "Rubio had previously said", "Trump on Tuesday said"
SKIPPABLE = frozenset(
    "has have had was is are were be been did does do will would could should also previously further earlier "
    "later then first initially recently reportedly publicly officially repeatedly only not n't never once again "
    "already just still now today yesterday tonight on in at during last this next late early week month year "
    "morning afternoon evening night weekend day days ago mid-august the a an".split()
)
ADVERBS = frozenset(
    "also previously further earlier later then first initially recently reportedly publicly officially "
    "repeatedly only not n't never once again already just still now widely long generally".split()
)
CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
NP_WORD_STOP = frozenset(
    "that which who whom whose what whether how why where and but or while when as after before because if "
    "though although since than so also not to is are was were has have had be been being said says told "
    "he she it they we i you".split()
)
PREPOSITIONS = frozenset("of from for at with in on close near familiar within inside".split())
BE_FORMS = frozenset("is are was were be been being".split())
PERSON_PRONOUNS = frozenset("he she".split())
DASHES = "–—-"
OPEN_QUOTES = "“\"‘'«„"
CLOSE_QUOTES = "”\"’'»"


@dataclass(frozen=True, slots=True)
class Source:
    speaker: str | None
    source_type: str
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    """One cue with its source, inside sentence number ``sentence``."""

    sentence: int
    cue: str
    cue_start: int
    cue_end: int
    source: Source
    method: str
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class QuoteSource:
    """A top-level quotation with its source and the cue that gave it (``cue_start`` -1 when none)."""

    quote: Quote
    source: Source
    cue: str
    cue_start: int
    method: str
    confidence: float = 1.0


UNKNOWN = Source(None, NONE)


# ---------------------------------------------------------------- the signal


def analyse(doc: Document) -> SignalResult:
    """Attribution findings and scores for one article."""
    reader = _Reader(doc)
    attributions = reader.attributions()
    quote_sources = reader.quote_sources(attributions)
    findings = _quote_findings(doc, quote_sources) + _attribution_findings(doc, attributions, quote_sources)
    claims, scores = _scores(doc, reader, attributions, quote_sources)
    findings += claims
    return SignalResult(findings=sorted(findings, key=lambda f: (f.start, f.end)), scores=scores)


# ---------------------------------------------------------------- reading the text


class _Reader:
    """Per-article state: names, sentences, and the running memory of who spoke last."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.names = [n for n in find_names(doc) if doc.quote_at(n.start) is None]
        self._name_starts = [n.start for n in self.names]
        # start offsets of the figures and dates, so a sentence finds its own by bisection
        self._quantity_starts = [q.start for q in doc.quantities]
        self._date_starts = [d.start for d in doc.dates]
        self.places = {n.text for n in self.names if n.is_place or self._after_locative(n)}
        self.persons = {n for n in self.names if self._is_person(n)}
        self.word_starts = doc.word_starts
        self.full_names: dict[str, Name] = {}
        for name in self.names:
            if name in self.persons:
                known = self.full_names.get(name.surname)
                if known is None or len(name.text) > len(known.text) or (name.title and not known.title):
                    self.full_names[name.surname] = name
        self.persons_by_sentence: dict[int, list[str]] = {}
        for name in self.names:
            if name in self.persons:
                index = doc.sentence_index(name.start)
                self.persons_by_sentence.setdefault(index, []).append(self._canonical(name))
        # sentences counted outside quotations, so a long quotation does not push "he" out of reach
        self.narrative: list[int] = []
        count = 0
        for sentence in doc.sentences:
            count += doc.quote_at(sentence.start + 1) is None
            self.narrative.append(count)
        self.last_person: tuple[int, str] | None = None  # (sentence index, speaker) of the last person cited
        self.last_group: tuple[int, Source] | None = None  # the last organisation or unnamed group cited

    # ---------------------------------------------------------------- names

    def _after_locative(self, name: Name) -> bool:
        before = self.text[max(0, name.start - 8):name.start].lower().split()
        return bool(before) and before[-1] in {"in", "inside", "into", "across", "near", "to"}

    def _is_person(self, name: Name) -> bool:
        if name.kind == "person":
            return True
        return name.kind == "other" and " " in name.text and not name.is_place and name.text not in self.places

    def _canonical(self, name: Name) -> str:
        full = self.full_names.get(name.surname)
        return full.text if full is not None else name.text

    def _role(self, name: Name) -> str | None:
        full = self.full_names.get(name.surname)
        return name.title or (full.title if full is not None else None)

    def name_source(self, name: Name) -> Source:
        if name.kind == "organisation" or name.text in self.places:
            return Source(name.text, NAMED_ORGANISATION)
        if name.kind == "person" or " " in name.text or name.surname in self.full_names:
            return Source(self._canonical(name), NAMED_PERSON, self._role(name))
        # a lone capitalised word before "said" is far more often a surname than anything else
        return Source(name.text, NAMED_PERSON)

    def name_at(self, token: Token) -> Name | None:
        """The name covering ``token`` (a possessive "Trump’s" counts as Trump)."""
        index = bisect_right(self._name_starts, token.start) - 1
        if index >= 0 and self.names[index].start <= token.start < self.names[index].end + 2:
            return self.names[index]
        return None

    # ---------------------------------------------------------------- cues

    def attributions(self) -> list[Attribution]:
        """Every cue with a source, in text order, resolving pronouns as it goes."""
        found: list[Attribution] = []
        cue_starts = [t.start for t in self.doc.tokens if t.lower in CUE_WORDS]
        by_sentence: dict[int, list[int]] = {}
        for start in cue_starts:
            if self.doc.quote_at(start) is None:  # a verb inside quoted words is the speaker's, not the writer's
                by_sentence.setdefault(self.doc.sentence_index(start), []).append(start)
        for index, starts in by_sentence.items():
            sentence = self.doc.sentences[index]
            if sentence.heading:
                continue
            tokens = self.doc.tokens_in(sentence.start, sentence.end)
            positions = {t.start: i for i, t in enumerate(tokens)}
            in_sentence: list[Attribution] = []
            for start in starts:
                attribution = self._attribution(index, tokens, positions[start], in_sentence)
                if attribution is not None:
                    in_sentence.append(attribution)
                    self._remember(attribution)
            found.extend(in_sentence)
        return found

    def _attribution(
        self, index: int, tokens: list[Token], position: int, earlier: list[Attribution]
    ) -> Attribution | None:
        token = tokens[position]
        if token.lower == "according":
            if position + 1 < len(tokens) and tokens[position + 1].lower == "to":
                source = self._phrase_source(tokens, position + 2, forward=True)
                if source is not None:
                    return Attribution(index, "according to", token.start, tokens[position + 1].end, source, "according")
            return None
        if token.lower in CUE_FORMS and _verb_blocked(tokens, position):
            return None
        source, method, confidence = self._subject(index, tokens, position, earlier)
        if source is None:
            return None
        return Attribution(index, token.text, token.start, token.end, source, method, confidence)

    def _subject(
        self, index: int, tokens: list[Token], position: int, earlier: list[Attribution]
    ) -> tuple[Source | None, str, float]:
        left = position - 1
        while left >= 0 and _skippable(tokens[left]):
            left -= 1
        cue = tokens[position].lower
        auxiliary = position - 1
        while auxiliary >= 0 and tokens[auxiliary].lower in ADVERBS:
            auxiliary -= 1
        if auxiliary >= 0 and tokens[auxiliary].lower in BE_FORMS and cue in PASSIVE_FORMS:
            by = position + 1 < len(tokens) and tokens[position + 1].lower == "by"
            if by:
                source = self._phrase_source(tokens, position + 2, forward=True)
                if source is not None:
                    return source, "passive-by", 1.0
            return Source(None, ANONYMOUS), "agentless-passive", 0.8
        if left < 0 or tokens[left].text in CLOSE_QUOTES or tokens[left].text == ",":
            if cue.endswith("ing") and left >= 0 and tokens[left].text == ",":
                # "..., adding that", "..., stating": the subject of the clause before
                if earlier:
                    return earlier[-1].source, "participle", earlier[-1].confidence
                subject = self._sentence_subject(tokens, position)
                if subject is not None:
                    return subject, "participle", 0.8
            if left >= 0 and tokens[left].text == ",":
                appositive = self._appositive(tokens, left)
                if appositive is not None:
                    return appositive, "appositive", 1.0
            source = self._phrase_source(tokens, position + 1, forward=True, inverted=True)
            if source is not None:
                return source, "inverted", 1.0
            return None, "", 0.0
        return self._source_ending_at(index, tokens, left)

    def _source_ending_at(self, index: int, tokens: list[Token], last: int) -> tuple[Source | None, str, float]:
        token = tokens[last]
        lower = token.lower
        if lower in PERSON_PRONOUNS:
            speaker, confidence = self._resolve_person(index, token.start)
            return (Source(speaker, NAMED_PERSON, self._role_of(speaker)) if speaker else None), "pronoun", confidence
        if lower in ("they", "it"):
            group = self._resolve_group(index, lower)
            return group, "pronoun", 0.7
        if lower in ("who", "which") and last >= 1:
            before = last - 1 if tokens[last - 1].text != "," else last - 2
            if before >= 0:
                return self._source_ending_at(index, tokens, before)
            return None, "", 0.0
        source = self._phrase_source(tokens, last, forward=False)
        return source, "subject", 1.0

    def _appositive(self, tokens: list[Token], comma: int) -> Source | None:
        """"Geoff Ramsey, a senior fellow at the Atlantic Council, commented": the name before the first comma."""
        opening = comma - 1
        while opening >= 0 and tokens[opening].text != ",":
            if tokens[opening].text in OPEN_QUOTES + CLOSE_QUOTES or comma - opening > 25:
                return None
            opening -= 1
        if opening < 1 or tokens[opening + 1].lower not in {"a", "an", "the", "who", "which", "whose"} | _determiner_like(tokens[opening + 1]):
            return None
        return self._phrase_source(tokens, opening - 1, forward=False)

    def _sentence_subject(self, tokens: list[Token], before: int) -> Source | None:
        for token in tokens[:before]:
            if self.doc.quote_at(token.start) is not None:
                continue
            name = self.name_at(token)
            if name is not None:
                return self.name_source(name)
            if token.lower in PERSON_PRONOUNS:
                speaker, _ = self._resolve_person(self.doc.sentence_index(token.start), token.start)
                return Source(speaker, NAMED_PERSON, self._role_of(speaker)) if speaker else None
        return None

    def _phrase_source(
        self, tokens: list[Token], anchor: int, forward: bool, inverted: bool = False
    ) -> Source | None:
        """Type the noun phrase that starts (forward) or ends (backward) at ``anchor``."""
        if not 0 <= anchor < len(tokens):
            return None
        if forward:
            if inverted and tokens[anchor].lower in PERSON_PRONOUNS:
                index = self.doc.sentence_index(tokens[anchor].start)
                speaker, _ = self._resolve_person(index, tokens[anchor].start)
                return Source(speaker, NAMED_PERSON, self._role_of(speaker)) if speaker else None
            end = anchor
            while end < len(tokens) and end - anchor < 14 and _in_phrase(tokens[end]):
                end += 1
            phrase = tokens[anchor:end]
        else:
            begin = anchor
            while begin >= 0 and anchor - begin < 14 and _in_phrase(tokens[begin]):
                begin -= 1
            phrase = tokens[begin + 1:anchor + 1]
        return self._type_phrase(phrase, forward) if phrase else None

    def _type_phrase(self, phrase: Sequence[Token], forward: bool) -> Source | None:
        words = [t.lower.removesuffix("’s").removesuffix("'s") for t in phrase]
        # the head comes before the first preposition that is not inside a name or title:
        # "officials from the Trump administration", but "Secretary of State Marco Rubio"
        split = next(
            (i for i, w in enumerate(words) if w in PREPOSITIONS and 0 < i < len(words) - 1
             and not (phrase[i - 1].text[:1].isupper() and phrase[i + 1].text[:1].isupper())),
            len(words),
        )  # fmt: skip
        head_words, head_tokens = words[:split], phrase[:split]
        tail_tokens = phrase[split:]
        text = self.text[phrase[0].start:phrase[-1].end]
        lowered_text = text.lower()
        head = head_words[-1] if head_words else ""
        if head_words[-2:] and " ".join(head_words[-2:]) in SPOKESPERSON_HEADS | CHANNEL_HEADS | INSTITUTION_HEADS:
            head = " ".join(head_words[-2:])
        head_name = self._last_name(head_tokens)
        tail_name = self._last_name(tail_tokens)
        if any(phrase_ in lowered_text for phrase_ in ANONYMITY_PHRASES):
            return Source(_trim(text), ANONYMOUS)
        if head_name is not None and head_tokens[-1].start < head_name.end + 2:
            return self.name_source(head_name)  # the phrase ends in a name: "Secretary ... Marco Rubio"
        if head in ANONYMOUS_HEADS:
            return Source(_trim(self.text[phrase[0].start:head_tokens[-1].end] if tail_tokens else text), ANONYMOUS)
        if head in SPOKESPERSON_HEADS:
            owner = head_name or tail_name
            return self.name_source(owner) if owner is not None else Source(_trim(text), ANONYMOUS)
        if head in CHANNEL_HEADS:
            owner = head_name or tail_name
            return self.name_source(owner) if owner is not None else Source(_trim(text), DOCUMENT)
        if head in INSTITUTION_HEADS:
            return Source(_trim(text), NAMED_ORGANISATION)
        if head_name is not None and len(head_tokens) <= 2:
            return self.name_source(head_name)
        return None

    def _last_name(self, tokens: Sequence[Token]) -> Name | None:
        for token in reversed(tokens):
            name = self.name_at(token)
            if name is not None:
                return name
        return None

    # ---------------------------------------------------------------- pronouns

    def _resolve_person(self, index: int, offset: int) -> tuple[str | None, float]:
        """"he"/"she" -> the person last cited or named nearby, with a confidence."""
        candidates = [
            p for p in self.persons_by_sentence.get(index, [])
            if self._mention_before(index, p, offset)
        ]
        back = index - 1
        while back >= 0 and self._distance(back, index) <= 3:
            mentioned = self.persons_by_sentence.get(back, [])
            candidates = mentioned + candidates
            if mentioned:
                break
            back -= 1
        recent = self.last_person
        recent_speaker = recent[1] if recent and self._distance(recent[0], index) <= 3 else None
        if recent_speaker is not None and (recent_speaker in candidates or not candidates):
            return recent_speaker, 0.9
        distinct = list(dict.fromkeys(candidates))
        if len(distinct) == 1:
            return distinct[0], 0.9
        if distinct:
            return distinct[0], 0.6  # several people: the subject of the nearest sentence
        if recent and self._distance(recent[0], index) <= 6 and not any(
            self.persons_by_sentence.get(i) for i in range(recent[0] + 1, index + 1)
        ):
            return recent[1], 0.8  # nobody else named since the last person cited
        return None, 0.0

    def _distance(self, earlier: int, later: int) -> int:
        return self.narrative[later] - self.narrative[earlier]

    def _mention_before(self, index: int, speaker: str, offset: int) -> bool:
        return any(
            self._canonical(n) == speaker and n.start < offset
            for n in self.names[bisect_left(self._name_starts, self.doc.sentences[index].start):bisect_left(self._name_starts, offset)]
        )

    def _resolve_group(self, index: int, pronoun: str) -> Source | None:
        if self.last_group and self._distance(self.last_group[0], index) <= 1:
            return self.last_group[1]
        if pronoun == "it" and index > 0:
            previous = self.doc.sentences[index - 1]
            first = self.names[bisect_left(self._name_starts, previous.start):bisect_left(self._name_starts, previous.end)]
            if first and first[0].kind == "organisation" and first[0].start - previous.start < 6:
                return self.name_source(first[0])
        return None

    def _role_of(self, speaker: str | None) -> str | None:
        if speaker is None:
            return None
        full = self.full_names.get(speaker.split()[-1])
        return full.title if full is not None else None

    def _remember(self, attribution: Attribution) -> None:
        source = attribution.source
        if source.source_type == NAMED_PERSON and source.speaker:
            self.last_person = (attribution.sentence, source.speaker)
        elif source.source_type in (NAMED_ORGANISATION, ANONYMOUS) and source.speaker:
            self.last_group = (attribution.sentence, source)

    # ---------------------------------------------------------------- quotations

    def quote_sources(self, attributions: list[Attribution]) -> list[QuoteSource]:
        """Each top-level quotation with its source, cue, method and confidence."""
        by_sentence: dict[int, list[Attribution]] = {}
        for attribution in attributions:
            if attribution.method != "agentless-passive":  # "the “peace plan” was announced" cites no one
                by_sentence.setdefault(attribution.sentence, []).append(attribution)
        posts = embedded_posts(self.doc)
        post_starts = [p.quote.start for p in posts]
        results: list[QuoteSource] = list(posts)
        previous: QuoteSource | None = None
        for quote in (q for q in self.doc.quotes if q.depth == 1 and q.inner_end > q.inner_start):
            if _inside(post_starts, posts, quote):
                continue  # quoted words inside an embedded post belong to the post
            found = self._quote_source(quote, by_sentence)
            if found is None and previous is not None and self._continues(previous.quote, quote, by_sentence):
                found = QuoteSource(quote, previous.source, previous.cue, -1, "continuation", 0.7)
            found = found or QuoteSource(quote, UNKNOWN, "", -1, "none")
            results.append(found)
            if found.source.source_type != NONE:
                previous = found
        return sorted(results, key=lambda q: q.quote.start)

    def _quote_source(self, quote: Quote, by_sentence: dict[int, list[Attribution]]) -> QuoteSource | None:
        trailing = self._trailing_name(quote)
        if trailing is not None:
            return QuoteSource(quote, trailing, "–", quote.end, "trailing-dash")
        end_index = self.doc.sentence_index(max(quote.inner_start, quote.end - 1))
        after = self._cue_after(quote, by_sentence.get(end_index, []) + by_sentence.get(end_index + 1, []))
        start_index = self.doc.sentence_index(quote.start)
        before = [a for a in by_sentence.get(start_index, []) if a.cue_end <= quote.start]
        inner = self.text[quote.inner_start:quote.inner_end].rstrip()
        if after is not None and (not before or inner[-1:] in ",?!" or self.text[quote.end:quote.end + 1] == ","):
            return _from(quote, after, "cue-after")
        if before:
            return _from(quote, before[-1], "cue-before")
        if after is not None:
            return _from(quote, after, "cue-after")
        later = [a for a in by_sentence.get(end_index, []) if a.cue_start >= quote.end]
        if later:  # "The US “conducted a strike” against an alleged “drug vessel”, Rubio said."
            return _from(quote, later[0], "sentence", 0.9)
        introduced = self._colon_intro(quote, start_index, by_sentence)
        if introduced is not None:
            return _from(quote, introduced, "colon")
        return None

    def _cue_after(self, quote: Quote, candidates: list[Attribution]) -> Attribution | None:
        """A cue within a few words after the closing mark, with nothing sentence-ending between."""
        for attribution in candidates:
            if attribution.cue_start < quote.end:
                continue
            between = self.text[quote.end:attribution.cue_start]
            if re.search(r"[.!?;“\"‘]", between) or len(between.split()) > 7:
                return None
            return attribution
        return None

    def _trailing_name(self, quote: Quote) -> Source | None:
        """"“...” – Geoff Ramsey" at the end of a paragraph or sentence."""
        match = re.match(r"\s*[–—-]{1,2}\s*", self.text[quote.end:quote.end + 6])
        if not match:
            return None
        start = quote.end + match.end()
        index = bisect_left(self._name_starts, start)
        if index < len(self.names) and self.names[index].start == start:
            return self.name_source(self.names[index])
        return None

    def _colon_intro(
        self, quote: Quote, start_index: int, by_sentence: dict[int, list[Attribution]]
    ) -> Attribution | None:
        """A quotation opening its paragraph after a paragraph ending in a colon and a cue."""
        sentence = self.doc.sentences[start_index]
        if quote.start != sentence.start or start_index == 0:
            return None
        previous = self.doc.sentences[start_index - 1]
        if not self.text[previous.start:previous.end].rstrip().endswith(":"):
            return None
        cues = by_sentence.get(start_index - 1, [])
        return cues[-1] if cues else None

    def _continues(self, earlier: Quote, quote: Quote, by_sentence: dict[int, list[Attribution]]) -> bool:
        """The next quotation in the same or the next paragraph, with no other source cited between."""
        first = self.doc.sentence_index(earlier.end)
        last = self.doc.sentence_index(quote.start)
        paragraphs = self.doc.sentences[last].paragraph - self.doc.sentences[first].paragraph
        if paragraphs > 1 or (paragraphs == 1 and quote.start != self.doc.sentences[last].start):
            return False
        cited_between = any(  # the cue of the earlier quotation's own sentence does not count
            earlier.end <= a.cue_start < quote.start for i in range(first + 1, last + 1) for a in by_sentence.get(i, [])
        )
        return not cited_between and self._words(quote) >= 4

    def _words(self, quote: Quote) -> int:
        return len(self.text[quote.inner_start:quote.inner_end].split())


# the credit line of an embedded social-media post: "— Barack Obama (@BarackObama) September 21, 2016"
_POST_CREDIT = re.compile(
    r"(?:^|\s)[—–-]{1,2}\s*(?P<name>[^\n()]{1,60}?)\s*\(@\w{1,30}\)\s*(?:[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})?\s*$"
    r"|(?:^|\s)(?:An? (?:photo|video) posted by|Posted by)\s+(?P<poster>[^\n()]{1,60}?)\s*(?:\(@\w{1,30}\))?"
    r"\s+on\s+[\w ,:.]{4,60}$",
    re.MULTILINE,
)


def embedded_posts(doc: Document) -> list[QuoteSource]:
    r"""Embedded social-media posts: the post's words, credited to the account below them.

    Scraped pages keep an embedded post as its text followed by a credit line, either at
    the end of the same paragraph or as a paragraph of its own.

    >>> doc = Document.from_text("Obama weighed in.\nHe deserves a vote.\n— Barack Obama (@BarackObama) September 21, 2016")
    >>> [(doc.text[p.quote.inner_start:p.quote.inner_end], p.source.speaker) for p in embedded_posts(doc)]
    [('He deserves a vote.', 'Barack Obama')]
    """
    posts: list[QuoteSource] = []
    for index, (start, end) in enumerate(doc.paragraphs):
        tail_start = max(start, end - 160)  # the credit is short: look only at the paragraph's end
        match = _POST_CREDIT.search(doc.text, tail_start, end)
        if match is None:
            continue
        credit_start = match.start() + (len(match.group()) - len(match.group().lstrip()))
        if credit_start > start:
            content = (start, credit_start)
        elif index > 0 and not (posts and posts[-1].quote.end >= doc.paragraphs[index - 1][0]):
            content = doc.paragraphs[index - 1]
        else:
            continue
        content_end = content[0] + len(doc.text[content[0]:content[1]].rstrip(" —–-"))
        name = (match.group("name") or match.group("poster") or "").strip()
        if content_end <= content[0] or not name:
            continue
        quote = Quote(content[0], content_end, content[0], content_end, 1, True)
        kind = NAMED_ORGANISATION if name.isupper() or set(name.lower().split()) & ORGANISATION_WORDS else NAMED_PERSON
        posts.append(QuoteSource(quote, Source(name, kind), "posted on social media", match.start(), "embedded-post"))
    return posts


def _inside(starts: list[int], posts: list[QuoteSource], quote: Quote) -> bool:
    index = bisect_right(starts, quote.start) - 1
    return index >= 0 and quote.end <= posts[index].quote.end + 1


def _from(quote: Quote, attribution: Attribution, method: str, weight: float = 1.0) -> QuoteSource:
    return QuoteSource(quote, attribution.source, attribution.cue, attribution.cue_start, method,
                       attribution.confidence * weight)  # fmt: skip


# ---------------------------------------------------------------- token tests


def _skippable(token: Token) -> bool:
    lower = token.lower
    return lower in SKIPPABLE or lower in CALENDAR or lower.startswith("mid-") or token.text[:1].isdigit()


def _in_phrase(token: Token) -> bool:
    """Tokens a source phrase may hold: words, names, numbers, possessives, hyphens."""
    if token.lower in NP_WORD_STOP:
        return False
    return token.text[:1].isalnum() or token.text in ".-&’'"


def _determiner_like(token: Token) -> set[str]:
    return {token.lower} if token.lower in {"one", "two", "three", "several", "former", "longtime"} else set()


def _verb_blocked(tokens: list[Token], position: int) -> bool:
    """Uses of cue words that are not reporting: "the report", "a post", "his statement", "posted 3 gains"."""
    token = tokens[position]
    previous = tokens[position - 1].lower if position else ""
    following = tokens[position + 1].text if position + 1 < len(tokens) else ""
    if previous in {"the", "a", "an", "this", "that", "his", "her", "its", "their", "our", "my", "your"}:
        return True  # a noun: "the report", "a post"
    if token.text[:1].isupper() and position > 0:
        return True  # a name or title word: "Post", "Report"
    if previous.endswith(("’s", "'s")) or previous in {"declined", "refused", "no", "for", "without"}:
        return True  # "Flynn’s remarks", "declined comment", "for comment"
    if following.lower() in CUE_FORMS:
        return True  # "the Southern Command X post read": the noun before the cue
    return following[:1].isdigit() and CUE_FORMS[token.lower] in {"add", "post", "report", "claim"}


def _trim(text: str) -> str:
    return text.strip(" ,;:–—-").removesuffix("’s").removesuffix("'s")


# ---------------------------------------------------------------- findings


def _describe(source: Source) -> str:
    if source.source_type == NAMED_PERSON:
        return f"{source.speaker}" + (f" ({source.role})" if source.role else "") + ", a named person"
    if source.source_type == NAMED_ORGANISATION:
        return f"{source.speaker}, a named organisation"
    if source.source_type == DOCUMENT:
        return f"a document or channel ({source.speaker})"
    if source.source_type == ANONYMOUS:
        where = f" ({source.speaker})" if source.speaker else " (no one is named)"
        return f"an unnamed source{where}: a reader cannot check who said it"
    return "no stated source"


def _extra(source: Source, cue: str, method: str) -> dict[str, object]:
    return {"speaker": source.speaker, "source_type": source.source_type, "cue": cue or None,
            "role": source.role, "method": method}  # fmt: skip


def _quote_findings(doc: Document, quote_sources: list[QuoteSource]) -> list[Finding]:
    findings = []
    for found in quote_sources:
        quote, source, cue, method, confidence = found.quote, found.source, found.cue, found.method, found.confidence
        words = len(doc.text[quote.inner_start:quote.inner_end].split())
        if source.source_type == NONE and (words < 4 or _title_case(doc.text[quote.inner_start:quote.inner_end])):
            continue  # a scare quote or the title of a work, not a quotation of someone
        message = (
            f"Quoted words attributed to {_describe(source)}." if source.source_type != NONE
            else "Quotation with no stated speaker: who said this?"
        )
        findings.append(Finding.at(doc.text, quote.inner_start, quote.inner_end, signal="attribution", kind="quote",
                                   message=message, confidence=confidence, extra=_extra(source, cue, method)))  # fmt: skip
    return findings


SMALL_WORDS = frozenset("a an the of and or in on at to for with from by as vs".split())


def _title_case(text: str) -> bool:
    """"Fifty Shades of Grey", "The Ellen DeGeneres Show": every word capitalised but the small ones."""
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", text) if w.lower() not in SMALL_WORDS]
    return bool(words) and all(w[0].isupper() for w in words)


def _attribution_findings(
    doc: Document, attributions: list[Attribution], quote_sources: list[QuoteSource]
) -> list[Finding]:
    """One finding per sentence of reported speech; a bare “...,” X said is left to its quote finding."""
    findings = []
    seen: set[int] = set()
    quoting_cues = {q.cue_start for q in quote_sources if q.method in ("cue-after", "trailing-dash")}
    for attribution in attributions:
        if attribution.sentence in seen:
            continue
        seen.add(attribution.sentence)
        sentence = doc.sentences[attribution.sentence]
        if attribution.cue_start in quoting_cues or _quoted_share(doc, sentence) >= 0.5:
            continue  # a direct quotation: its quote finding already says who spoke
        source = attribution.source
        findings.append(Finding.at(doc.text, sentence.start, sentence.end, signal="attribution", kind="attribution",
                                   message=f"Reported claim attributed to {_describe(source)} (cue: “{attribution.cue}”).",
                                   confidence=attribution.confidence,
                                   extra=_extra(source, attribution.cue, attribution.method)))  # fmt: skip
    return findings


def _quoted_share(doc: Document, sentence: Sentence) -> float:
    words = doc.words_in(sentence.start, sentence.end)
    if not words:
        return 0.0
    return sum(map(doc.in_quote, words)) / len(words)


# ---------------------------------------------------------------- scores


def _scores(doc: Document, reader: _Reader, attributions: list[Attribution], quote_sources: list[QuoteSource]):
    sources_by_sentence: dict[int, Source] = {}
    for attribution in attributions:
        sources_by_sentence.setdefault(attribution.sentence, attribution.source)
        if attribution.sentence > 0 and _points_back(doc, attribution):
            sources_by_sentence.setdefault(attribution.sentence - 1, attribution.source)
    for found in quote_sources:
        quote, source = found.quote, found.source
        if source.source_type == NONE:
            continue
        for index in range(doc.sentence_index(quote.inner_start), doc.sentence_index(max(quote.inner_start, quote.inner_end - 1)) + 1):
            sources_by_sentence.setdefault(index, source)
    factual = [i for i, s in enumerate(doc.sentences) if _is_factual(doc, reader.word_starts, s)]
    attributed = [i for i in factual if i in sources_by_sentence]
    types = [sources_by_sentence[i].source_type for i in attributed]
    claims = [i for i in factual if i not in sources_by_sentence and _is_claim(doc, reader, doc.sentences[i])]
    all_sources = list(sources_by_sentence.values()) + [q.source for q in quote_sources if q.source.source_type != NONE]
    quotes = [
        (q.quote, q.source) for q in quote_sources
        if q.source.source_type != NONE or len(doc.text[q.quote.inner_start:q.quote.inner_end].split()) >= 4
    ]  # fmt: skip
    findings = [
        Finding.at(doc.text, doc.sentences[i].start, doc.sentences[i].end, signal="attribution", kind="unattributed_claim",
                   message="Check this: a factual claim (a number, a date or a named actor) with no stated source.",
                   confidence=0.4, extra=_extra(UNKNOWN, "", "none"))  # fmt: skip
        for i in claims
    ]
    scores = {
        "attributed_share": share(len(attributed), len(factual)),
        "named_source_share": share(sum(t in NAMED for t in types), len(types)),
        "anonymous_source_share": share(types.count(ANONYMOUS), len(types)),
        "document_source_share": share(types.count(DOCUMENT), len(types)),
        "distinct_sources": len({(s.speaker or s.source_type).lower() for s in all_sources}),
        "named_sources": len({s.speaker.lower() for s in all_sources if s.source_type in NAMED and s.speaker}),
        "direct_quotes": len(quotes),
        "unattributed_quotes": sum(s.source_type == NONE for _, s in quotes),
        "unattributed_claims": len(claims),
        "unattributed_claim_share": share(len(claims), len(factual)),
    }
    return findings, scores


def _points_back(doc: Document, attribution: Attribution) -> bool:
    """"Sources confirm this." vouches for the sentence before it."""
    rest = doc.text[attribution.cue_end:doc.sentences[attribution.sentence].end]
    return re.fullmatch(r"\s*(?:this|that|it|so)\s*[.!]?\s*", rest, re.IGNORECASE) is not None


def _word_count(word_starts: list[int], sentence: Sentence) -> int:
    return bisect_left(word_starts, sentence.end) - bisect_left(word_starts, sentence.start)


def _is_factual(doc: Document, word_starts: list[int], sentence: Sentence) -> bool:
    """A declarative body sentence of five words or more."""
    if sentence.heading:
        return False
    text = doc.text[sentence.start:sentence.end].rstrip("”\"’' )")
    return not text.endswith("?") and _word_count(word_starts, sentence) >= 5


def _is_claim(doc: Document, reader: _Reader, sentence: Sentence) -> bool:
    """Holds a number, a date or a named actor outside quotation marks."""
    def outside(offset: int) -> bool:
        return sentence.start <= offset < sentence.end and doc.quote_at(offset) is None

    if any(outside(q.start) for q in _between(doc.quantities, reader._quantity_starts, sentence)) or any(
        outside(d.start) for d in _between(doc.dates, reader._date_starts, sentence)
    ):
        return True
    names = reader.names[bisect_left(reader._name_starts, sentence.start):bisect_left(reader._name_starts, sentence.end)]
    return any(n.kind != "other" or n in reader.persons for n in names)


def _between(items, starts: list[int], sentence: Sentence):
    return items[bisect_left(starts, sentence.start):bisect_left(starts, sentence.end)]



SIGNAL = Signal(
    name="attribution",
    description="Who is cited for what: quotations and reported claims with their sources, typed as named, "
    "documentary or anonymous, and factual claims that rest on no stated source.",
    scores=SCORES,
    analyse=analyse,
)
