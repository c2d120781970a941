"""Names in the text: runs of capitalised words, with a title or role in front kept apart.

No tagger model is available offline, so names are found by rule: consecutive
capitalised tokens (with connectors such as "de", "los", "of" inside a run), minus a
sentence-initial function word. A title in front ("Secretary of State", "Gen") is kept
as ``title``; ``kind`` is a guess: ``person`` after a personal title, ``organisation``
when the name holds an organisation word or is an acronym, else ``other``.

>>> doc = Document.from_text("Secretary of State Marco Rubio visited U.S. Southern Command.")
>>> [(n.text, n.title, n.kind) for n in find_names(doc)]
[('Marco Rubio', 'Secretary of State', 'person'), ('U.S. Southern Command', None, 'organisation')]
"""

from __future__ import annotations

from dataclasses import dataclass

from audit.text import Document, Token

CONNECTORS = frozenset("de del la las los of bin al van von der da di y".split())
# words that open a sentence without being part of a name
FUNCTION_WORDS = frozenset(
    "the a an he she it they we i you this that these those his her their its our my your there here "
    "according in on at as after before when while if but and so yet however meanwhile still then now "
    "former both each some many most several no not all one two three what who why how told".split()
)
PERSON_TITLES = frozenset(
    "president secretary gen general col colonel lt lieutenant sen senator rep representative gov governor "
    "commander adm admiral mr mrs ms dr minister prime chief director spokesperson spokesman spokeswoman "
    "ambassador judge attorney sgt sergeant capt captain maj major king queen pope prince "
    "leader envoy adviser advisor diplomat vice deputy".split()
)
TITLE_COMPLEMENTS = frozenset("of the state war defense defence treasury homeland security justice".split())
CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
ORGANISATION_WORDS = frozenset(
    "command department council agency ministry office organization organisation committee party force "
    "forces navy army court government administration university institute news times post network "
    "corporation company bank fund union house senate congress parliament police guard coast cartel "
    "commission service bureau center centre group foundation association network tribunal".split()
)


@dataclass(frozen=True, slots=True)
class Name:
    start: int
    end: int
    text: str
    title: str | None = None
    kind: str = "other"


def find_names(doc: Document) -> list[Name]:
    """Every capitalised name in the document, in text order."""
    names: list[Name] = []
    for sentence in doc.body_sentences:
        tokens = doc.tokens_in(sentence.start, sentence.end)
        run: list[Token] = []
        for index, token in enumerate(tokens + [None]):  # None flushes the last run
            if token is not None and _continues(token, run, tokens, index):
                run.append(token)
                continue
            if run:
                name = _name(doc, run, at_sentence_start=run[0] is tokens[0] or _after_opening_quote(tokens, run[0]))
                if name:
                    names.append(name)
            run = [token] if token is not None and _capitalised(token) else []
    return names


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and token.text[:1].isalpha()


def _continues(token: Token, run: list[Token], tokens: list[Token], index: int) -> bool:
    if not run:
        return _capitalised(token)
    if _capitalised(token):
        return True
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    return token.lower in CONNECTORS and following is not None and _capitalised(following)


def _after_opening_quote(tokens: list[Token], first: Token) -> bool:
    position = tokens.index(first)
    return position > 0 and tokens[position - 1].text in "“\"‘'(" and (position == 1 or tokens[position - 2].text in ".:")


def _split_title(run: list[Token]) -> tuple[list[Token], list[Token]]:
    """"US Defence Secretary Pete Hegseth" -> (US Defence Secretary, Pete Hegseth)."""
    last_title = max((i for i, t in enumerate(run[:-1]) if t.lower.rstrip(".") in PERSON_TITLES), default=-1)
    if last_title < 0:
        return [], run
    end = last_title + 1
    while end < len(run) - 1 and run[end].lower in TITLE_COMPLEMENTS:
        end += 1
    return run[:end], run[end:]


def _name(doc: Document, run: list[Token], at_sentence_start: bool) -> Name | None:
    while run and (run[-1].lower in CONNECTORS):
        run = run[:-1]
    if at_sentence_start and run and run[0].lower in FUNCTION_WORDS:
        run = run[1:]
    if not run:
        return None
    run = [t for t in run if t.lower not in CALENDAR_WORDS] if len(run) == 1 else run
    if not run or run[0].lower in CALENDAR_WORDS:
        return None
    title_tokens, name_tokens = _split_title(run)
    if not name_tokens:
        return None
    start, end = name_tokens[0].start, name_tokens[-1].end
    text = doc.text[start:end]
    for suffix in ("’s", "'s"):  # "Trump’s" names Trump
        if text.endswith(suffix):
            text, end = text[: -len(suffix)], end - len(suffix)
    if len(name_tokens) == 1 and len(text) < 2:
        return None
    title = doc.text[title_tokens[0].start:title_tokens[-1].end] if title_tokens else None
    lowered = {t.lower for t in name_tokens}
    if lowered & ORGANISATION_WORDS or (len(name_tokens) == 1 and text.isupper() and len(text) >= 2):
        kind = "organisation"
    elif title:
        kind = "person"
    else:
        kind = "other"
    return Name(start, end, text, title, kind)
