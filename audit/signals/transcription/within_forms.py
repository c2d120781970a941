"""Word forms for the transcription checks: one key per word whatever its inflection.

A key is the lower-case word with irregular verb forms mapped to their base and the
inflectional endings (-s, -es, -ed, -ing, a final -e) taken off, so "led", "leads" and
"leading" share the key of "lead". Only inflections go: a stemmer that also cuts
derivations would make "statue" and "status" one word. Pronouns that idioms leave open
("his", "their") all become ``*``.

>>> [form_key(w) for w in ("Led", "leading", "threw", "thrown", "gauntlets", "their", "charged", "charge")]
['lead', 'lead', 'throw', 'throw', 'gauntlet', '*', 'charg', 'charg']
>>> form_key("status") == form_key("statue"), form_key("taking") == form_key("take")
(False, True)
>>> is_past_form("told"), is_past_form("shed"), is_past_form("charge")
(True, True, False)
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

PRONOUN_SLOT = "*"
PRONOUNS = frozenset("his her their its our my your one's him them us me".split())


def read_lexicon(name: str) -> list[str]:
    """Non-comment, non-empty lines of a file under ``audit/lexicons``."""
    text = resources.files("audit.lexicons").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def _irregular() -> tuple[dict[str, str], frozenset[str], dict[str, str]]:
    """(inflected form -> base, all past-tense and participle forms, base -> past tense)."""
    to_base: dict[str, str] = {}
    past: set[str] = set()
    past_tense: dict[str, str] = {}
    for line in read_lexicon("irregular_verbs.txt"):
        base, *forms = line.split()
        past_tense[base] = forms[0].split("/")[0]
        for column in forms:
            for form in column.split("/"):
                to_base.setdefault(form, base)
                past.add(form)
    return to_base, frozenset(past), past_tense


@lru_cache(maxsize=65536)
def form_key(word: str) -> str:
    """The inflection-free key of a word (see the module docstring)."""
    low = word.lower().replace("’", "'")
    if low in PRONOUNS:
        return PRONOUN_SLOT
    if low.endswith("'s") and len(low) > 3:
        low = low[:-2]
    to_base = _irregular()[0]
    return _strip_inflection(to_base.get(low, low))


# words in -ing that are no verb form: stripping would merge them with other words ("evening"/"even")
ING_NOUNS = frozenset(
    "evening morning herring during nothing something anything everything ceiling darling pudding king ring "
    "thing spring string wing sing bring sting swing cling fling sling wring".split()
)


def _strip_inflection(low: str) -> str:
    if low in ING_NOUNS:
        return low
    if len(low) > 4 and low.endswith("ies"):
        return low[:-3] + "y"
    if len(low) > 4 and low.endswith(("sses", "shes", "ches", "xes", "zes")):
        low = low[:-2]
    elif len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is")):
        low = low[:-1]
    elif len(low) > 4 and low.endswith("ed"):
        low = low[:-2]
    elif len(low) > 5 and low.endswith("ing"):
        low = low[:-3]
    if len(low) > 3 and low[-1] == low[-2] and low[-1] not in "aeiouls":
        low = low[:-1]  # "stopped" -> "stop"
    return low[:-1] if len(low) > 3 and low.endswith("e") and not low.endswith("ee") else low


def is_past_form(word: str) -> bool:
    """True for a past tense or participle: irregular ("told") or regular ("stated")."""
    low = word.lower()
    return low in _irregular()[1] or (len(low) > 4 and low.endswith("ed") and not low.endswith("eed"))


def past_of(base: str) -> str:
    """Past tense of a base verb: "lead" -> "led", "charge" -> "charged"."""
    irregular = _irregular()[2].get(base)
    if irregular:
        return irregular
    if base.endswith("e"):
        return base + "d"
    if _doubles(base):
        return base + base[-1] + "ed"
    if base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
        return base[:-1] + "ied"
    return base + "ed"


def _doubles(base: str) -> bool:
    """A short verb ending consonant-vowel-consonant doubles its last letter: "tip" -> "tipped"."""
    vowels = "aeiou"
    return len(base) <= 4 and len(base) >= 3 and base[-1] not in vowels + "wxy" and base[-2] in vowels and base[-3] not in vowels


def inflect_like(base: str, model: str) -> str:
    """Give ``base`` the inflection ``model`` shows (past, -ing, -s), keeping its case.

    >>> inflect_like("lead", "lagged"), inflect_like("throw", "laid"), inflect_like("take", "Making")
    ('led', 'threw', 'Taking')
    """
    low = model.lower()
    if is_past_form(low):
        word = past_of(base)
    elif low.endswith("ing") and len(low) > 4:
        word = (base[:-1] if base.endswith("e") and not base.endswith("ee") else base + base[-1] * _doubles(base)) + "ing"
    elif low.endswith("s") and not low.endswith("ss") and form_key(low) != low:
        word = base + ("es" if base.endswith(("s", "sh", "ch", "x")) else "s")
    else:
        word = base
    return word.capitalize() if model[:1].isupper() else word
