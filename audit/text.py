"""The text layer: paragraphs, sentences, tokens, quotations, numbers and dates.

Computed once per article and shared by every signal, so no signal re-tokenises.
Everything is a span (start, end) into ``Article.text``. The sentence splitter is our
own rule set (no model to download) tuned for news: titles and month abbreviations,
initialisms such as "U.S." that may or may not end a sentence, and quotation marks
that close after the full stop. Headlines are their own sentences.

>>> doc = Document.from_text("Sen. Smith said “no.” The U.S. Navy agreed.")
>>> [doc.span_text(s) for s in doc.sentences]
['Sen. Smith said “no.”', 'The U.S. Navy agreed.']
>>> [doc.span_text((q.inner_start, q.inner_end)) for q in doc.quotes]
['no.']
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from audit.cleaning import is_headline
from audit.corpus import Article
from audit.quantities import DateMention, Quantity, find_dates, find_quantities

# abbreviations after which a full stop does not end a sentence (lower case, no dot)
TITLES = frozenset(
    "mr mrs ms dr gen col lt sen rep gov sgt capt maj adm cmdr prof st jr sr rev hon pres "
    "supt insp det cpl pvt brig lieut amb atty dept univ corp inc ltd co bros mt ft fig vs "
    "approx est no nos vol art sec gens reps sens".split()
)
MONTH_ABBREVIATIONS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
# words that start a new sentence after an initialism such as "U.S." or "p.m."
SENTENCE_STARTERS = frozenset(
    "the a an it he she they we i you this that these those there here his her their its our "
    "but and so yet however meanwhile still then now in on at as after before when while if "
    "first second third finally also later earlier since despite although though no some many "
    "most several both each one two three what who why how".split()
)
# (?<!...): start only where a run of marks starts; trying every mark of a long run of
# dots not followed by a space was quadratic (20,000 trailing dots took 24 s). The first mark
# comes before the look-behind so that the engine skips to the next mark in C.
_BOUNDARY = re.compile(r"[.!?…](?<![.!?…][.!?…])[.!?…]*(?:['\"”’)\]]+)?(?=\s+)")
_TOKEN = re.compile(
    r"(?=\S)"  # no token starts at a space: one check there instead of every alternative in turn
    r"(?:(?:[A-Za-z]\.){2,}"  # initialisms: U.S., p.m.
    r"|[$€£]?\d[\d,.:]*\d%?|[$€£]?\d%?"  # numbers, amounts, times
    r"|\w+(?:[-'’]\w+)*"  # words, hyphenated and with apostrophes
    r"|[^\w\s])"  # any other single symbol
)
_SPACES = re.compile(r"\s*")
_OPENERS = re.compile(r"[“\"‘'(\[]*")
_NEXT_WORD = re.compile(r"[\w’']+")
# the look-behind lets a search start only where a run of word characters starts: without it the
# search tried every position of the window and read each word to its end again (a fifth of the splitter)
_WORD_BEFORE_STOP = re.compile(r"(?<![\w.’'])([\w.’']+)\.$")
_INITIALISM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_SENTENCE_END = ".!?:;,…"  # a paragraph ending in one of these (before closing marks) is no headline
_CLOSING_MARKS = "'\"”’)"
OPENING_DOUBLE, CLOSING_DOUBLE = "“„«", "”»"
OPENING_SINGLE, CLOSING_SINGLE = "‘‹", "’›"


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    heading: bool = False


@dataclass(slots=True, unsafe_hash=True, init=False)
class Token:
    """A token; ``lower`` and ``is_word`` are computed once, since signals ask for them thousands of times.

    >>> Token(0, 3, "The").lower, Token(3, 4, ",").is_word
    ('the', False)
    """

    start: int
    end: int
    text: str
    lower: str = field(repr=False, compare=False)
    is_word: bool = field(repr=False, compare=False)

    def __init__(self, start: int, end: int, text: str) -> None:  # one call per token: this runs ~600 times an article
        self.start, self.end, self.text = start, end, text
        self.lower = text.lower()
        self.is_word = text[:1].isalnum()


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: ``start``/``end`` include the marks, ``inner_*`` the quoted words.

    ``balanced`` is False when the closing mark is missing (the quote then ends at the
    end of its paragraph, never later); ``depth`` is 2 for a quote inside a quote.
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    depth: int = 1
    balanced: bool = True


class Document:
    """An article with its text layer. Build it with :meth:`from_article`."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self.paragraphs: list[tuple[int, int]] = _paragraphs(self.text)
        self.sentences: list[Sentence] = [
            s for index, para in enumerate(self.paragraphs) for s in _split_paragraph(self.text, para, index)
        ]
        self.tokens: list[Token] = [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(self.text)]
        self.quotes, self.stray_quote_marks = find_quotes(self.text, self.paragraphs)
        self.dates: list[DateMention] = find_dates(self.text, article.date)
        self.quantities: list[Quantity] = find_quantities(self.text, [(d.start, d.end) for d in self.dates])
        self._sentence_starts = [s.start for s in self.sentences]
        self.token_starts = [t.start for t in self.tokens]  # for binary searches (tokens_in, entities)
        self._quotes_by_depth = {
            depth: ([q.inner_start for q in qs], qs)
            for depth in (1, 2)
            for qs in [sorted((q for q in self.quotes if q.depth == depth), key=lambda q: q.inner_start)]
        }

    @classmethod
    def from_article(cls, article: Article) -> Document:
        return cls(article)

    @classmethod
    def from_text(cls, text: str, **meta: object) -> Document:
        """A Document straight from a string (for notebooks and tests)."""
        return cls(Article.from_text(text, **meta))  # type: ignore[arg-type]

    # -------------------------------------------------------------- lookups

    def span_text(self, span: tuple[int, int] | Sentence | Quote) -> str:
        start, end = (span.start, span.end) if not isinstance(span, tuple) else span
        return self.text[start:end]

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence containing ``offset`` (or the one before it)."""
        return max(0, bisect_right(self._sentence_starts, offset) - 1)

    def sentence_at(self, offset: int) -> Sentence:
        return self.sentences[self.sentence_index(offset)]

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """The tokens inside ``[start, end)``."""
        first, last = _inside(self.token_starts, self.tokens, start, end)
        return self.tokens[first:last]

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """(first, past-last) index in ``tokens`` of the tokens inside ``[start, end)``."""
        return _inside(self.token_starts, self.tokens, start, end)

    def words_in(self, start: int, end: int) -> list[Token]:
        """The words inside ``[start, end)``."""
        first, last = _inside(self.word_starts, self.words, start, end)
        return self.words[first:last]

    def word_count_in(self, start: int, end: int) -> int:
        """``len(self.words_in(start, end))`` without building the list."""
        first, last = _inside(self.word_starts, self.words, start, end)
        return last - first

    def word_starts_in(self, start: int, end: int) -> list[int]:
        """``[w.start for w in self.words_in(start, end)]``, sliced from ``word_starts``."""
        first, last = _inside(self.word_starts, self.words, start, end)
        return self.word_starts[first:last]

    def quote_at(self, offset: int) -> Quote | None:
        """The innermost quotation whose quoted words contain ``offset``."""
        for depth in (2, 1):  # quotes of one depth never overlap, so one look-up each
            starts, quotes = self._quotes_by_depth[depth]
            index = bisect_right(starts, offset) - 1
            if index >= 0 and offset < quotes[index].inner_end:
                return quotes[index]
        return None

    @cached_property
    def words(self) -> list[Token]:
        return [t for t in self.tokens if t.is_word]

    @cached_property
    def token_texts(self) -> list[str]:
        """Each token's text, in token order: a plain list, for look-ups over every token at C speed."""
        return [t.text for t in self.tokens]  # a comprehension reads a slot faster than map(attrgetter)

    @cached_property
    def token_lowers(self) -> list[str]:
        """Each token's lower case, in token order (as ``token_texts``)."""
        return [t.lower for t in self.tokens]

    @cached_property
    def word_starts(self) -> list[int]:
        """Start offsets of ``words``, for binary searches."""
        return [t.start for t in self.words]

    def in_quote(self, word: Token) -> bool:
        """``quote_at(word.start) is not None`` for a word, from a set built in one pass."""
        return word.start in self.quoted_word_starts

    @cached_property
    def quoted_word_starts(self) -> frozenset[int]:
        """Starts of the words that ``quote_at`` puts in a quotation: two binary searches per quote.

        A word belongs to the last quote (of a depth) starting at or before it, as in ``quote_at``,
        so a quote's words run to its end or to the next quote's start, whichever comes first.
        """
        quoted: list[int] = []
        word_starts = self.word_starts
        for starts, quotes in self._quotes_by_depth.values():
            for index, quote in enumerate(quotes):
                end = quote.inner_end if index + 1 == len(quotes) else min(quote.inner_end, starts[index + 1])
                quoted += word_starts[bisect_left(word_starts, quote.inner_start):bisect_left(word_starts, end)]
        return frozenset(quoted)

    @cached_property
    def body_sentences(self) -> list[Sentence]:
        """Sentences that are not headlines or sub-headings."""
        return [s for s in self.sentences if not s.heading]

    @cached_property
    def quoted_word_count(self) -> int:
        spans = [(q.inner_start, q.inner_end) for q in self.quotes if q.depth == 1]
        return sum(len(self.words_in(s, e)) for s, e in spans)


def _inside(starts: list[int], tokens: list[Token], start: int, end: int) -> tuple[int, int]:
    """(first, past-last) index of the tokens inside ``[start, end)``: those starting in it, less
    the last one if it runs past ``end`` (tokens never overlap, so no other one can)."""
    first = bisect_right(starts, start - 1)
    last = bisect_right(starts, end - 1)
    if last > first and tokens[last - 1].end > end:
        last -= 1
    return first, last


# ---------------------------------------------------------------- paragraphs and sentences


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Each non-empty line is a paragraph (scraped news puts one paragraph per line)."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        start, end = match.span()
        stripped = match.group()
        start += len(stripped) - len(stripped.lstrip())
        end -= len(stripped) - len(stripped.rstrip())
        if end > start:
            spans.append((start, end))
    return spans


def _split_paragraph(text: str, para: tuple[int, int], index: int) -> list[Sentence]:
    start, end = para
    chunk = text[start:end]
    tail = chunk.rstrip(_CLOSING_MARKS)[-1:]  # most paragraphs end like a sentence: no need for is_headline's scans
    if not (tail and tail in _SENTENCE_END) and is_headline(chunk):
        return [Sentence(start, end, index, heading=True)]
    sentences = []
    begin = 0
    for match in _BOUNDARY.finditer(chunk):
        if _is_boundary(chunk, match):
            sentences.append(Sentence(start + begin, start + match.end(), index))
            begin = _SPACES.match(chunk, match.end()).end()
    if begin < len(chunk):
        sentences.append(Sentence(start + begin, end, index))
    return sentences


def _is_boundary(chunk: str, match: re.Match[str]) -> bool:
    # positions, not slices: copying the rest of the paragraph at every full stop is quadratic
    after = _SPACES.match(chunk, match.end()).end()
    if after == len(chunk):
        return False
    mark = match.group()
    first = chunk[after]
    if first.islower() or (first in ",;:-–—)" ):
        return False
    if mark.startswith("…") or mark.startswith(".."):
        return first.isupper() and not _next_word(chunk, after).islower()
    if not mark.startswith("."):
        return True  # ? and ! end a sentence before a capital, a digit or a quote
    if mark != "." and mark[1:2] in "'\"”’)]":
        return True  # the stop sits inside a closing quote or bracket: "...region.” Some"
    # only the last few characters matter: searching the whole prefix is quadratic in paragraph length
    before = _WORD_BEFORE_STOP.search(chunk[max(0, match.start() - 64): match.start() + 1])
    word = before.group(1) if before else ""
    low = word.lower().rstrip(".")
    if low in TITLES or low in MONTH_ABBREVIATIONS:
        return False  # "Gen. Francis", "Nov. 15", "No. 2"
    if len(word) == 1 and word.isascii() and word.isalpha():
        return False  # an initial: "Francis L. Donovan"
    if _INITIALISM.fullmatch(word):
        # an initialism such as U.S. or p.m.: a sentence ends only before a typical opener
        return _next_word(chunk, after).lower() in SENTENCE_STARTERS
    return True


def _next_word(chunk: str, after: int) -> str:
    """The word at ``after``, past any opening quotation marks or brackets ("" if none)."""
    next_word = _NEXT_WORD.match(chunk, _OPENERS.match(chunk, after).end())
    return next_word.group() if next_word else ""


# ---------------------------------------------------------------- quotations


def find_quotes(text: str, paragraphs: list[tuple[int, int]]) -> tuple[list[Quote], list[int]]:
    """Pair quotation marks, paragraph by paragraph, tolerating unbalanced marks.

    Curly marks say which way they face; a straight mark is an opener after a space,
    a bracket or a dash and a closer otherwise. A quote still open at the end of a
    paragraph continues when the next paragraph opens with a quote mark (the news
    convention for a quote over several paragraphs); otherwise it ends there, marked
    unbalanced, so a missing mark never swallows the rest of the article.
    Returns the quotes and the positions of double marks that belong to none.
    """
    quotes: list[Quote] = []
    stray: list[int] = []
    carry: int | None = None  # an open double quote continuing from the previous paragraph
    for number, (start, end) in enumerate(paragraphs):
        first_quote = len(quotes)  # quotes before this index end before this paragraph
        doubles, singles = _marks(text, start, end)
        open_at: int | None = None
        if carry is not None:
            first_is_opener = bool(doubles) and doubles[0][0] == start and doubles[0][1] == "open"
            if first_is_opener:
                open_at = carry
                doubles = doubles[1:]
            else:
                quotes.append(Quote(carry, paragraphs[number - 1][1], carry + 1, paragraphs[number - 1][1], 1, False))
            carry = None
        for position, direction in doubles:
            if direction == "open" and open_at is None:
                open_at = position
            elif direction == "close" and open_at is not None:
                quotes.append(Quote(open_at, position + 1, open_at + 1, position, 1, True))
                open_at = None
            else:
                stray.append(position)
        if open_at is not None:
            next_para = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
            if next_para and text[next_para[0]] in OPENING_DOUBLE + '"':
                carry = open_at
            else:
                quotes.append(Quote(open_at, end, open_at + 1, end, 1, False))
        quotes.extend(_single_quotes(text, singles, quotes[first_quote:]))
    if carry is not None:
        last_end = paragraphs[-1][1]
        quotes.append(Quote(carry, last_end, carry + 1, last_end, 1, False))
    return sorted(quotes, key=lambda q: (q.start, -q.end)), sorted(stray)


_MARK = re.compile("[\"'“”„«»‘’‹›]")


def _marks(text: str, start: int, end: int) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    doubles: list[tuple[int, str]] = []
    singles: list[tuple[int, str]] = []
    for match in _MARK.finditer(text, start, end):
        position, char = match.start(), match.group()
        if char in OPENING_DOUBLE:
            doubles.append((position, "open"))
        elif char in CLOSING_DOUBLE:
            doubles.append((position, "close"))
        elif char == '"':
            doubles.append((position, _straight_direction(text, position, start, end)))
        elif char in OPENING_SINGLE or char in CLOSING_SINGLE or char == "'":
            direction = _single_direction(text, position, start, end)
            if direction:
                singles.append((position, direction))
    return doubles, singles


def _straight_direction(text: str, position: int, start: int, end: int) -> str:
    before = text[position - 1] if position > start else " "
    after = text[position + 1] if position + 1 < end else " "
    if before.isspace() or before in "([{—–-/" or position == start:
        return "open" if not after.isspace() else "close"
    return "close"


def _single_direction(text: str, position: int, start: int, end: int) -> str | None:
    """Which way a single mark faces, or None for an apostrophe (don't, Venezuela's)."""
    before = text[position - 1] if position > start else " "
    after = text[position + 1] if position + 1 < end else " "
    if before.isalnum() and after.isalnum():
        return None  # inside a word
    if (before.isspace() or before in "([{—–-“\"" or position == start) and (after.isalnum() or after in "$€£"):
        return "open"
    if (before.isalnum() or before in ".,!?…") and (after.isspace() or after in ".,;:!?)”\"" or position + 1 == end):
        return "close"
    return None


def _single_quotes(text: str, singles: list[tuple[int, str]], doubles: list[Quote]) -> list[Quote]:
    """Pair single marks in order; an unpaired closer is an apostrophe (drivers').

    ``doubles`` are the paragraph's double quotes: in order and never overlapping, so
    a binary search finds the one around a single mark.
    """
    starts = [q.inner_start for q in doubles]
    found = []
    open_at: int | None = None
    for position, direction in singles:
        if direction == "open":
            open_at = position
        elif open_at is not None:
            around = bisect_right(starts, open_at) - 1
            depth = 2 if around >= 0 and open_at < doubles[around].inner_end else 1
            found.append(Quote(open_at, position + 1, open_at + 1, position, depth, True))
            open_at = None
    return found
