"""Numbers, amounts and dates, normalised so that articles can be compared.

>>> [(q.value, q.unit, q.qualifier) for q in find_quantities("a $50 million reward")]
[(50000000.0, 'USD', '=')]
>>> [(q.value, q.unit, q.qualifier, q.ordinal) for q in find_quantities("at least the 21st strike")]
[(21.0, 'strike', '>=', True)]
>>> d = find_dates("On Nov. 15 and Tuesday", article_date=dt.date(2025, 11, 17))
>>> [(m.text, m.value.isoformat(), m.granularity) for m in d]
[('Nov. 15', '2025-11-15', 'day'), ('Tuesday', '2025-11-11', 'day')]
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "dozen": 12, "a dozen": 12, "dozens": 24, "hundreds": 200,
    "thousands": 2000, "millions": 2_000_000,
}  # fmt: skip
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20,
}  # fmt: skip
SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12}
CURRENCIES = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP"}
QUALIFIERS = {
    "more than": ">", "over": ">", "upwards of": ">", "in excess of": ">",
    "at least": ">=", "no fewer than": ">=", "a minimum of": ">=",
    "fewer than": "<", "less than": "<", "under": "<", "below": "<",
    "at most": "<=", "up to": "<=", "no more than": "<=",
    "about": "~", "around": "~", "roughly": "~", "approximately": "~", "nearly": "~",
    "almost": "~", "some": "~", "an estimated": "~", "close to": "~",
}  # fmt: skip
# words between a number and the thing counted that describe rather than name it
_MODIFIERS = frozenset(
    "male female more other additional new further separate total alleged suspected "
    "known confirmed reported armed unarmed innocent young old small large major minor "
    "us u.s. american venezuelan military civilian naval such".split()
)

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDNUM = "|".join(sorted(map(re.escape, NUMBER_WORDS), key=len, reverse=True))
_QUAL = "|".join(sorted(map(re.escape, QUALIFIERS), key=len, reverse=True))
_ORDWORD = "|".join(ORDINAL_WORDS)
_QUANTITY = re.compile(
    # (?<!\w): a quantity never starts inside a word, and failing there at once keeps a long word cheap
    rf"(?<!\w)(?:(?P<qual>{_QUAL})\s+)?(?P<the>the\s+)?"
    rf"(?:(?P<cur>US\$|[$€£])\s?)?"
    rf"(?:(?P<ord>\d+(?:st|nd|rd|th))|(?P<num>{_NUM})|(?P<word>{_WORDNUM})|(?P<ordword>(?<=the )(?:{_ORDWORD})))"
    rf"(?:[\s-]?(?P<scale>thousand|million|billion|trillion|bn|mn|[kmb])\b)?"
    rf"(?:\s?(?P<pct>%|percent\b|per cent\b))?"
    rf"(?P<unitpart>(?:[\s-]+(?:[A-Za-z][\w.'’-]*)){{0,3}})",
    re.IGNORECASE,
)
_MONTH_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    ("mdy", re.compile(rf"\b(?P<mon>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}})\b)?", re.I)),
    ("dmy", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH_RE})\b\.?(?:,?\s+(?P<y>\d{{4}})\b)?", re.I)),
    ("my", re.compile(rf"\b(?P<mon>{_MONTH_RE})\.?,?\s+(?P<y>(?:19|20)\d{{2}})\b", re.I)),
    ("month", re.compile(rf"\b(?:(?P<rel>last|this|next|early|late|mid|in|since|of|until|by|from|during)[\s-]+)(?P<mon>{_MONTH_RE})\b(?!\.?\s*\d)", re.I)),
    ("weekday", re.compile(r"\b(?:(?P<rel>last|this|next|on)\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b", re.I)),
    ("relative", re.compile(r"\b(?P<rel>today|tonight|yesterday|tomorrow|(?:earlier |later )?this (?:week|weekend|month|year)|last (?:week|weekend|month|year)|next (?:week|month|year))\b", re.I)),
    ("year", re.compile(r"(?<![\d$.,-])\b(?P<y>(?:19|20)\d{2})\b(?![\d,.]\d)")),
]


@dataclass(frozen=True)
class Quantity:
    """A number in the text with its unit and qualifier ("more than" is ``>``)."""

    start: int
    end: int
    text: str
    value: float
    unit: str | None
    qualifier: str = "="
    ordinal: bool = False

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text, "value": self.value,
                "unit": self.unit, "qualifier": self.qualifier, "ordinal": self.ordinal}  # fmt: skip


@dataclass(frozen=True)
class DateMention:
    """A date in the text, resolved against the article's date where it is relative.

    ``value`` is the first day of the period named (``granularity`` day, week, month or
    year), or None when a relative date cannot be resolved (no article date).
    """

    start: int
    end: int
    text: str
    value: dt.date | None
    granularity: str
    relative: bool

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text,
                "value": self.value.isoformat() if self.value else None,
                "granularity": self.granularity, "relative": self.relative}  # fmt: skip


def parse_date_phrase(text: str) -> dt.date | None:
    """Parse one absolute date ("2026-02-06", "Feb. 6, 2026", "6 February 2026", "2/6/2026")."""
    text = text.strip()
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2,4})", text)
    if match:
        month, day, year = (int(g) for g in match.groups())
        return _safe_date(year + 2000 if year < 100 else year, month, day)
    for kind, pattern in _DATE_PATTERNS[:3]:
        match = pattern.fullmatch(text)
        if match and match.group("y"):
            month = int(match.group("m")) if kind == "iso" else _month(match)
            return _safe_date(int(match.group("y")), month, int(match.group("d")))
    return None


def find_dates(text: str, article_date: dt.date | None = None) -> list[DateMention]:
    """Every date mention, leftmost-longest, resolved against ``article_date``."""
    found: list[DateMention] = []
    taken = _Spans()
    for (kind, _), matches in zip(_DATE_PATTERNS, _date_matches(text)):
        for match in matches:
            start, end = match.span()
            if kind in ("month", "weekday") and _folded(match.group("rel") or "") in _PREPOSITIONS:
                start = match.start("mon" if kind == "month" else "wd")  # keep "in"/"on" out of the span
            if taken.overlaps(start, end):
                continue
            if kind == "mdy" and _folded(match.group("mon")) == "may" and not match.group("y") and not re.match(r"May\s", match.group(0)):
                continue
            mention = _resolve(kind, match, text[start:end], start, end, article_date)
            if mention:
                found.append(mention)
                taken.add(start, end)
    return sorted(found, key=lambda m: m.start)


def find_quantities(text: str, skip: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Every number with its unit, skipping spans already read as dates (``skip``)."""
    skipped = _Spans()
    for s, e in skip or []:
        skipped.add(s, e)
    out: list[Quantity] = []
    for match in _quantity_matches(text):
        if not (match.group("num") or match.group("word") or match.group("ord") or match.group("ordword")):
            continue
        start = match.start("qual") if match.group("qual") else match.start("the") if match.group("the") else (
            match.start("cur") if match.group("cur") else match.start("ord") if match.group("ord") else
            match.start("num") if match.group("num") else match.start("word") if match.group("word") else match.start("ordword"))
        core_start = next(match.start(g) for g in ("ord", "num", "word", "ordword") if match.group(g))
        if _boundary_fails(text, core_start, match, start):
            continue
        if skipped.overlaps(core_start, core_start + 1):
            continue
        quantity = _quantity(match, text, start)
        if quantity:
            out.append(quantity)
    return out


# ---------------------------------------------------------------- finding candidates fast
#
# The date and number patterns are case-insensitive and open with a word boundary, which
# keeps the regex engine from skipping ahead: it tries each pattern at every character
# (~1.6 ms an article for the dates, ~0.6 ms for the numbers). Every match opens a word
# with one from a short list (a month, a weekday, "last", "the", "about", a digit ...) or
# with a currency sign, so one case-sensitive scan of the lower-cased text finds every
# place a match can start, and the patterns run only there. The scans open with a
# non-word character (the one before the word), which lets the engine skip through
# words. The matches are exactly those of ``pattern.finditer(text)``.


def _scannable(text: str) -> str | None:
    """" " + ``text.lower()`` (offsets one more than in ``text``), or None when lower case would mislead.

    The scans find case-sensitive lower-case words on it where IGNORECASE finds them on
    ``text``, with three exceptions: "İ" lower-cases to two characters (the offsets would
    shift), and IGNORECASE matches "ı" to "i" and "ſ" to "s" while ``lower`` keeps them.
    Every character keeps its class (word, digit, space) when lower-cased, so word
    boundaries stay where they were. The space in front lets a scan see a word that opens
    the text.

    >>> _scannable("On Nov. 15"), _scannable("ſeptember")
    (' on nov. 15', None)
    """
    if "İ" in text or "ı" in text or "ſ" in text:
        return None
    return " " + text.lower()


def _matches_from(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, trying only ``starts`` (increasing; every match starts at one of them).

    >>> [m.group() for m in _matches_from(re.compile(r"ab|b"), "abab b", [0, 1, 2, 5])]
    ['ab', 'ab', 'b']
    """
    free = 0  # finditer resumes where the last match ended (no pattern here matches the empty string)
    for start in starts:
        if start >= free and (match := pattern.match(text, start)):
            yield match
            free = match.end()


def _trie(words: Iterable[str]) -> str:
    """A pattern matching any of ``words``, nested by shared beginnings, so that the engine tries one
    branch per letter instead of every word in turn. It matches the longest word that fits.

    >>> _trie(["at", "atom", "about", "the"])
    '(?:a(?:t(?:om)?|bout)|the)'
    """
    words = list(words)
    heads: dict[str, list[str]] = {}
    for word in words:
        if word:
            heads.setdefault(word[0], []).append(word[1:])
    branches = [re.escape(head) + _trie(rests) for head, rests in heads.items()]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in words else body


_MONTH_PREFIXES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# the words a match of each date pattern can open with (beside a digit: iso, dmy, year)
_DATE_OPENERS = {
    "mdy": _MONTH_PREFIXES,
    "my": _MONTH_PREFIXES,
    "month": ("last", "this", "next", "early", "late", "mid", "in", "since", "of", "until", "by", "from", "during"),
    "weekday": ("last", "this", "next", "on", *WEEKDAYS),
    "relative": ("today", "tonight", "yesterday", "tomorrow", "earlier", "later", "this", "last", "next"),
}
_DIGIT_KINDS = ("iso", "dmy", "year")
_DATE_OPENER_KINDS = {
    # the scan finds the longest listed opener a word starts with: it stands for every listed prefix of it too
    word: tuple(kind for kind, openers in _DATE_OPENERS.items() if any(word.startswith(o) for o in openers))
    for words in _DATE_OPENERS.values()
    for word in words
}
# the trie finds the longest opener at a position, as the openers listed longest first would
_DATE_START = re.compile(r"\W(\d|" + _trie(_DATE_OPENER_KINDS) + ")")


# where a match of _QUANTITY can open: _QUANTITY's own opening (qualifier, "the", currency) up to the
# number it needs, so that "the", "some" or "over" before anything but a number opens no try; a
# look-ahead, so that a scanned "no more than" does not hide the "more than" a match may open with
_QUANTITY_START = re.compile(
    rf"\W(?=(?:{_trie(QUALIFIERS)}\s+)?(?:the\s+)?(?:(?:us\$|[$€£])\s?)?"
    rf"(?:\d|{_trie([*NUMBER_WORDS, *ORDINAL_WORDS])}))"
)


def _date_matches(text: str) -> list[Iterable[re.Match[str]]]:
    """The matches of each of ``_DATE_PATTERNS``, in its order, as ``finditer`` gives them."""
    scannable = _scannable(text)
    if scannable is None:
        return [pattern.finditer(text) for _, pattern in _DATE_PATTERNS]
    starts: dict[str, list[int]] = {kind: [] for kind, _ in _DATE_PATTERNS}
    for match in _DATE_START.finditer(scannable):
        for kind in _DATE_OPENER_KINDS.get(match.group(1), _DIGIT_KINDS):
            starts[kind].append(match.start(1) - 1)
    return [_matches_from(pattern, text, starts[kind]) for kind, pattern in _DATE_PATTERNS]


def _quantity_matches(text: str) -> Iterable[re.Match[str]]:
    """The matches of ``_QUANTITY``, as ``finditer`` gives them."""
    scannable = _scannable(text)
    if scannable is None:
        return _QUANTITY.finditer(text)
    return _matches_from(_QUANTITY, text, (match.end() - 1 for match in _QUANTITY_START.finditer(scannable)))


# ---------------------------------------------------------------- helpers


class _Spans:
    """Disjoint sorted spans with a logarithmic overlap test (a 100,000-date article stays linear).

    >>> spans = _Spans(); spans.add(5, 9); spans.add(0, 2)
    >>> spans.overlaps(8, 12), spans.overlaps(2, 5), spans.overlaps(1, 1 + 1)
    (True, False, True)
    """

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect_left(self.starts, end) - 1  # the last span starting before ``end``
        return index >= 0 and self.ends[index] > start

    def add(self, start: int, end: int) -> None:
        """Add a span, merging it with any it touches or overlaps so the spans stay disjoint."""
        first = bisect_left(self.ends, start)
        last = bisect_right(self.starts, end)
        if first < last:
            start, end = min(start, self.starts[first]), max(end, self.ends[last - 1])
        self.starts[first:last] = [start]
        self.ends[first:last] = [end]


def _boundary_fails(text: str, core_start: int, match: re.Match[str], start: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    if before.isalnum() or before in "_":
        return True
    core = match.group("word") or match.group("ordword")
    if core:
        end = match.end("word") if match.group("word") else match.end("ordword")
        after = text[end] if end < len(text) else " "
        return after.isalnum()
    return False


def _quantity(match: re.Match[str], text: str, start: int) -> Quantity | None:
    ordinal = bool(match.group("ord") or match.group("ordword"))
    if match.group("ord"):
        value = float(re.sub(r"\D", "", match.group("ord")))
    elif match.group("ordword"):
        value = float(ORDINAL_WORDS[_folded(match.group("ordword"))])
    elif match.group("num"):
        value = float(match.group("num").replace(",", ""))
    else:
        value = float(NUMBER_WORDS[_folded(match.group("word"))])
    scale = _folded(match.group("scale") or "")
    currency = match.group("cur")
    if scale in ("k", "m", "b") and not currency:
        scale = ""  # "5 m" is five metres, not five million, unless it is money
    value *= SCALES.get(scale, 1.0)
    end = max(match.end(g) for g in ("ord", "num", "word", "ordword", "pct") if match.group(g))
    if scale:
        end = match.end("scale")
    if match.group("pct"):
        unit: str | None = "%"
    elif currency:
        unit = CURRENCIES.get(currency.lower(), "USD")
    else:
        unit, unit_end = _unit(match)
        end = max(end, unit_end)
    if unit is None and not match.group("qual") and not ordinal and match.group("word"):
        return None  # a bare number word ("one of them") says nothing checkable
    qualifier = QUALIFIERS.get(" ".join(_folded(match.group("qual") or "").split()), "=")
    if match.group("word") and _folded(match.group("word")) in ("dozens", "hundreds", "thousands", "millions"):
        qualifier = ">="
    return Quantity(start, end, text[start:end], value, unit, qualifier, ordinal)


def _unit(match: re.Match[str]) -> tuple[str | None, int]:
    """The counted noun after a number: the last word of the noun run that follows it.

    "4,000 Marines and" -> "marine"; "two US defense officials" -> "official";
    "30 strikes occurred" -> "strike" (a verb-like word ends the run).
    """
    part = match.group("unitpart")
    base = match.start("unitpart")
    unit: str | None = None
    end = base
    for index, word in enumerate(re.finditer(r"[A-Za-z][\w.'’-]*", part)):
        token = word.group(0).rstrip(".").lower()
        if token in _STOP or token in MONTHS or token in WEEKDAYS:
            break
        if index and token.endswith(("ed", "ly", "ing")):
            break
        if token not in _MODIFIERS:
            unit, end = _singular(token), base + word.start() + len(word.group(0).rstrip("."))
    return unit, end


def _singular(word: str) -> str:
    if word in ("people", "news", "series", "species"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


# characters that IGNORECASE matches to an ASCII letter but lower() keeps apart ("ſeptember", "thırty")
_IGNORECASE_TWINS = str.maketrans({"ſ": "s", "ı": "i", "İ": "i"})


def _folded(text: str) -> str:
    """Lower case, with the letters IGNORECASE took for ASCII ones made ASCII, so a matched word is found
    in the tables ("ſeptember" matched the month pattern; MONTHS has "sep").

    >>> _folded("ſept"), _folded("THIRTY")
    ('sept', 'thirty')
    """
    return text.translate(_IGNORECASE_TWINS).lower()


def _month(match: re.Match[str]) -> int:
    return MONTHS[_folded(match.group("mon"))[:3]]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _resolve(kind: str, match: re.Match[str], text: str, start: int, end: int, ref: dt.date | None) -> DateMention | None:
    def mention(value: dt.date | None, granularity: str, relative: bool) -> DateMention:
        return DateMention(start, end, text, value, granularity, relative)

    if kind == "iso":
        value = _safe_date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
        return mention(value, "day", False) if value else None
    if kind in ("mdy", "dmy"):
        month, day = _month(match), int(match.group("d"))
        if match.group("y"):
            value = _safe_date(int(match.group("y")), month, day)
            return mention(value, "day", False) if value else None
        if not 1 <= day <= 31:
            return None
        return mention(_nearest_past(ref, month, day) if ref else None, "day", True)
    if kind == "my":
        return mention(dt.date(int(match.group("y")), _month(match), 1), "month", False)
    if kind == "month":
        month = _month(match)
        if not ref:
            return mention(None, "month", True)
        year = ref.year if month <= ref.month + 1 else ref.year - 1
        if _folded(match.group("rel")) == "last" and month >= ref.month:
            year = ref.year - 1
        if _folded(match.group("rel")) == "next" and month <= ref.month:
            year = ref.year + 1
        return mention(dt.date(year, month, 1), "month", True)
    if kind == "weekday":
        if not ref:
            return mention(None, "day", True)
        back = (ref.weekday() - WEEKDAYS.index(_folded(match.group("wd")))) % 7
        rel = _folded(match.group("rel") or "")
        if rel == "last" and back == 0:
            back = 7
        if rel == "next":
            return mention(ref + dt.timedelta(days=(7 - back) % 7 or 7), "day", True)
        return mention(ref - dt.timedelta(days=back), "day", True)
    if kind == "relative":
        return _relative(_folded(match.group("rel")), ref, mention)
    if kind == "year":
        return mention(dt.date(int(match.group("y")), 1, 1), "year", False)
    return None


def _relative(phrase: str, ref: dt.date | None, mention) -> DateMention:
    granularity = "day" if phrase in ("today", "tonight", "yesterday", "tomorrow") else phrase.split()[-1]
    granularity = "week" if granularity == "weekend" else granularity
    if not ref:
        return mention(None, granularity, True)
    shift = {"yesterday": -1, "tomorrow": 1}.get(phrase, 0)
    if granularity == "day":
        return mention(ref + dt.timedelta(days=shift), "day", True)
    step = -1 if phrase.startswith("last") else 1 if phrase.startswith("next") else 0
    if phrase.endswith("weekend"):
        saturday = ref - dt.timedelta(days=(ref.weekday() - 5) % 7)
        return mention(saturday + dt.timedelta(weeks=step), "week", True)
    if granularity == "week":
        monday = ref - dt.timedelta(days=ref.weekday())
        return mention(monday + dt.timedelta(weeks=step), "week", True)
    if granularity == "month":
        month_index = ref.year * 12 + ref.month - 1 + step
        return mention(dt.date(month_index // 12, month_index % 12 + 1, 1), "month", True)
    return mention(dt.date(ref.year + step, 1, 1), "year", True)


def _nearest_past(ref: dt.date, month: int, day: int) -> dt.date | None:
    """A month and day without a year: the latest such date not far after the article."""
    for year in (ref.year + 1, ref.year, ref.year - 1):
        value = _safe_date(year, month, day)
        if value and value <= ref + dt.timedelta(days=31):
            return value
    return None


_PREPOSITIONS = frozenset(("in", "on", "since", "of", "until", "by", "from", "during"))
_STOP = frozenset(
    "a an the and or but of in on at to for from by with as is are was were be been being has have had "
    "do does did will would could should may might can that which who whom whose this these those it its "
    "their them they he she his her we our you your i me my since after before during while into onto over "
    "under about than then so if when where why how not no nor per each every all any both either neither "
    "more most less least such only also just still yet up down out off aboard across against along among "
    "around behind below beneath beside between beyond inside near outside through toward towards upon "
    "via within without".split()
)
