"""Names in the text: runs of capitalised words, with a title or role in front kept apart.

No tagger model is available offline, so names are found by rule: consecutive
capitalised tokens (with connectors such as "de los", "of" inside a run). A
sentence-initial capital is ambiguous ("Sources confirm", "Trump said"), so a lone
capitalised word opening a sentence counts as a name only when it is not a common
English word or the article uses it as a name elsewhere. A title in front ("Secretary
of State", "Gen", "former national security adviser") is kept as ``title``; ``kind``
is a guess: ``person`` after a personal title or when the surname of a titled person,
``organisation`` when the name holds an organisation word or is an acronym, else
``other`` (places, nationalities, untitled names).

>>> doc = Document.from_text("Secretary of State Marco Rubio visited U.S. Southern Command. "
...                          "Sources said Rubio left.")
>>> [(n.text, n.title, n.kind) for n in find_names(doc)]
[('Marco Rubio', 'Secretary of State', 'person'), ('U.S. Southern Command', None, 'organisation'), ('Rubio', None, 'person')]
"""

from __future__ import annotations

import weakref
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

from audit.text import Document, Token
from audit.vocabulary import is_english_word

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
    "leader envoy adviser advisor diplomat vice deputy fellow analyst professor prof economist "
    "mayor chairman chairwoman chair ceo founder editor correspondent reporter officer sheriff".split()
)
TITLE_COMPLEMENTS = frozenset("of the state war defense defence treasury homeland security justice".split())
# lower-case words that may stand in a role before a name: "former national security adviser"
ROLE_MODIFIERS = frozenset("former acting then national security senior top chief deputy vice white house".split())
CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
ORGANISATION_WORDS = frozenset(
    "command department council agency ministry office organization organisation committee party force "
    "forces navy army court government administration university institute news times post network "
    "corporation company bank fund union house senate congress parliament police guard coast cartel "
    "commission service bureau center centre group foundation association tribunal staff chiefs "
    "campaign board reports journal press media airlines inc corp ltd llc gang".split()
)
NEVER_ALONE = CALENDAR_WORDS | FUNCTION_WORDS  # a lone capitalised token that is one of these is no name
ROLE_WORDS = ROLE_MODIFIERS | PERSON_TITLES
# words that make a capitalised run a place, never a speaking person
GEOGRAPHY_WORDS = frozenset(
    "america american americas states kingdom united pacific atlantic caribbean ocean sea gulf bay river "
    "north south east west eastern western northern southern central latin york city county island islands "
    "republic valley mountains europe asia africa middle".split()
)


@dataclass(frozen=True, slots=True)
class Name:
    start: int
    end: int
    text: str
    title: str | None = None
    kind: str = "other"

    @property
    def surname(self) -> str:
        """The last word of the name ("Rubio" for "Marco Rubio")."""
        return self.text.split()[-1]

    @property
    def is_place(self) -> bool:
        return _names_a_place(self.text)


@lru_cache(maxsize=1 << 14)
def _names_a_place(text: str) -> bool:
    """A word of the name is a geography word ("Gulf of Mexico"); asked again and again of the same names."""
    return any(word.lower() in GEOGRAPHY_WORDS for word in text.replace("-", " ").split())


_FOUND: weakref.WeakKeyDictionary[Document, list[Name]] = weakref.WeakKeyDictionary()


def find_names(doc: Document) -> list[Name]:
    """Every capitalised name in the document, in text order.

    Found once per document (attribution, hedging and claims all ask); callers must not
    change the list.
    """
    if doc not in _FOUND:
        _FOUND[doc] = _find_names(doc)
    return _FOUND[doc]


def _find_names(doc: Document) -> list[Name]:
    tokens = doc.tokens
    starts = doc.token_starts
    capital = [(first := t.text[:1]).isupper() and first.isalpha() for t in tokens]
    capitals = list(compress(range(len(tokens)), capital))  # only these can start a run
    candidates: list[tuple[Name, bool]] = []  # (name, opens its sentence)
    for sentence in doc.body_sentences:
        first, last = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
        index = first
        while (k := bisect_left(capitals, index)) < len(capitals) and capitals[k] < last:
            index = capitals[k]  # the next capitalised token: the words between start no name
            end = _run_end(tokens, capital, index, last)
            opens = index == first or (index > first and tokens[index - 1].text in "“\"‘'(")
            name = _name(doc, tokens, list(range(index, end)), first, at_sentence_start=opens)
            if name:
                candidates.append((name, opens and name.start == tokens[index].start))
            index = end
    return _settle(candidates)


def _run_end(tokens: list[Token], capital: list[bool], index: int, last: int) -> int:
    """One past the last token of the capitalised run starting at ``index``."""
    end = index + 1
    while end < last:
        if capital[end]:
            end += 1
            continue
        # connectors continue a run when a capital follows them: "Cartel de los Soles"
        probe = end
        while probe < last and tokens[probe].lower in CONNECTORS:
            probe += 1
        if probe == end or probe == last or not capital[probe]:
            break
        end = probe + 1
    return end


def _settle(candidates: list[tuple[Name, bool]]) -> list[Name]:
    """Drop doubtful sentence-initial words and give surnames of titled people their kind."""
    used_as_name = {word for name, opens in candidates if not opens for word in name.text.split()}
    used_as_name |= {word for name, _ in candidates if " " in name.text for word in name.text.split()}
    kept = [
        name
        for name, opens in candidates
        if not (opens and " " not in name.text and is_english_word(name.text) and name.text not in used_as_name)
    ]
    surnames_used_alone = {n.text for n in kept if " " not in n.text}
    kept = [  # "Nicolás Maduro" ... "Maduro": a full name whose surname is reused alone is a person
        _person(n) if n.kind == "other" and " " in n.text and not n.is_place and n.surname in surnames_used_alone
        else n
        for n in kept
    ]
    person_surnames = {n.surname for n in kept if n.kind == "person"}
    return [_person(n) if n.kind == "other" and " " not in n.text and n.text in person_surnames else n for n in kept]


def _person(name: Name) -> Name:
    """``dataclasses.replace(name, kind="person")``, without its generic field-by-field copy."""
    return Name(name.start, name.end, name.text, name.title, "person")


def _split_title(run: list[Token]) -> tuple[list[Token], list[Token]]:
    """"US Defence Secretary Pete Hegseth" -> (US Defence Secretary, Pete Hegseth)."""
    if len(run) == 1:
        return [], run  # most runs are one word: no title in front of it
    last_title = max((i for i, t in enumerate(run[:-1]) if t.lower.rstrip(".") in PERSON_TITLES), default=-1)
    if last_title < 0:
        return [], run
    end = last_title + 1
    while end < len(run) - 1 and run[end].lower in TITLE_COMPLEMENTS:
        end += 1
    return run[:end], run[end:]


def _lowercase_role(tokens: list[Token], first: int, sentence_first: int) -> list[Token]:
    """The lower-case role in front of a name: "national security adviser" in "... adviser Michael Flynn"."""
    if first == sentence_first or tokens[first - 1].lower not in PERSON_TITLES:
        return []
    begin = first - 1
    while begin > sentence_first and first - begin < 5 and tokens[begin - 1].lower in ROLE_WORDS:
        begin -= 1
    return tokens[begin:first]


def _name(
    doc: Document, tokens: list[Token], indexes: list[int], sentence_first: int, at_sentence_start: bool
) -> Name | None:
    while indexes and tokens[indexes[-1]].lower in CONNECTORS:
        indexes = indexes[:-1]
    if at_sentence_start and indexes and tokens[indexes[0]].lower in FUNCTION_WORDS:
        indexes = indexes[1:]
    if not indexes:
        return None
    run = [tokens[i] for i in indexes]
    if len(run) == 1 and (run[0].lower in NEVER_ALONE or _shouted_word(run[0].text)):
        return None
    if run[0].lower in CALENDAR_WORDS:
        return None
    while len(run) > 1 and len(run[-1].text) == 1:
        run = run[:-1]  # a name does not end in an initial: "Southern Command X post" names Southern Command
    title_tokens, name_tokens = _split_title(run)
    if not name_tokens or all(t.lower.rstrip(".") in PERSON_TITLES for t in name_tokens):
        return None
    if not title_tokens:
        title_tokens = _lowercase_role(tokens, indexes[0], sentence_first)
    start, end = name_tokens[0].start, name_tokens[-1].end
    text = doc.text[start:end]
    for suffix in ("’s", "'s"):  # "Trump’s" names Trump
        if text.endswith(suffix):
            text, end = text[: -len(suffix)], end - len(suffix)
    if len(name_tokens) == 1 and len(text) < 2:
        return None
    title = doc.text[title_tokens[0].start:title_tokens[-1].end] if title_tokens else None
    lowered = {t.lower.removesuffix("’s").removesuffix("'s") for t in name_tokens}
    if lowered & ORGANISATION_WORDS or (len(name_tokens) == 1 and text.isupper() and len(text) >= 2):
        kind = "organisation"
    elif title:
        kind = "person"
    else:
        kind = "other"
    return Name(start, end, text, title, kind)


def _shouted_word(text: str) -> bool:
    """"WINNING", "INDEFINITELY": a common word in capitals is emphasis, not an acronym."""
    return len(text) >= 4 and text.isupper() and is_english_word(text)
