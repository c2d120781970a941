"""Sentence-level wreckage: a sentence that opens with an orphaned verb.

"Told Marco Rubio, an important backchannel of Trump, shed some light ..." has two
verbs for one subject: a rewrite left the reporting verb of the original sentence
("..., Marco Rubio told ...") stranded at the front. The pattern is a past-tense verb,
then a name, then (optionally) an apposition between commas, then a second past-tense
verb. A participle clause ("Asked about it, Rubio said"), an inverted attribution
("Said Rubio: ...", "Said Rubio, “...”") and a headline do not match.

>>> from audit.text import Document
>>> doc = Document.from_text("Told Marco Rubio, a close ally of Trump, shed some light on it. Asked about it, Rubio said no.")
>>> [(w.text, w.suggestion) for w in orphaned_verbs(doc)]
[('Told Marco Rubio', 'Marco Rubio')]
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from audit.memo import WordMemo
from audit.signals.transcription.within_forms import is_past_form
from audit.text import Document, Token
from audit.vocabulary import is_english_word

MAX_APPOSITION = 15  # words between the commas


@dataclass(frozen=True, slots=True)
class Wreckage:
    start: int
    end: int
    text: str
    suggestion: str
    confidence: float
    message: str


def orphaned_verbs(doc: Document) -> list[Wreckage]:
    found = []
    starts = [t.start for t in doc.tokens]
    for sentence in doc.body_sentences:
        first = bisect_left(starts, sentence.start)
        if first == len(starts) or not _MAY_OPEN[doc.tokens[first].text]:
            continue  # nearly every sentence: no capitalised past form first
        tokens = doc.tokens_in(sentence.start, min(sentence.end, sentence.start + 2000))
        wreck = _orphan(doc, tokens)
        if wreck:
            found.append(wreck)
    return found


def _orphan(doc: Document, tokens: list[Token]) -> Wreckage | None:
    if len(tokens) < 4:
        return None
    verb = tokens[0]
    if not _MAY_OPEN[verb.text]:
        return None
    name_end = 1
    while name_end < len(tokens) and tokens[name_end].text[:1].isupper() and tokens[name_end].is_word:
        name_end += 1
    if name_end == 1 or name_end >= len(tokens):
        return None
    after = name_end
    if tokens[after].text == ",":
        closing = next((i for i in range(after + 1, min(len(tokens), after + 2 + MAX_APPOSITION))
                        if tokens[i].text == ","), None)  # fmt: skip
        if closing is None or not tokens[after + 1].text[:1].islower():
            return None  # 'Said Rubio, "We ..."' or a participle clause
        after = closing + 1
    if after >= len(tokens) or not (tokens[after].text.islower() and is_past_form(tokens[after].text)):
        return None
    name = doc.text[tokens[1].start:tokens[name_end - 1].end]
    return Wreckage(verb.start, tokens[name_end - 1].end, doc.text[verb.start:tokens[name_end - 1].end], name, 0.7,
                    f"The sentence opens with an orphaned verb {verb.text!r} before its subject {name!r} and has "
                    f"a second verb {tokens[after].text!r}: a garbled rewrite?")  # fmt: skip


def _may_open(word: str) -> bool:
    """Whether a sentence's first word could be an orphaned verb: a capitalised past form."""
    return word[:1].isupper() and is_past_form(word) and is_english_word(word)


_MAY_OPEN = WordMemo(_may_open)  # per distinct first word, across articles
