"""Removing page furniture by general rules, and recording what was removed.

Scraped articles carry parts of the page that are not the article: a headline printed
twice, a "date 2026-02-06" stamp, a WordPress feed footer ("The post ... appeared first
on ..."), trailing "Tags"/"Share" lines and "Related Articles" blocks. Each rule below
describes a *kind* of furniture, not a particular site's string, and every removal is
recorded so a report can say what was dropped.

>>> c = clean_text("Big News\\n\\nBig News\\n\\nIt happened.\\n\\nTags")
>>> c.text, [r.kind for r in c.removed], c.title
('Big News\\n\\nIt happened.', ['repeated_headline', 'trailing_furniture'], 'Big News')
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from audit.quantities import parse_date_phrase

# control characters, zero-width space, stray byte-order marks, and lone surrogates (which
# only a Python string can hold: no file can encode them, so writing the report would fail)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff\ud800-\udfff]")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})"
# a date stamp that a scraper left in front of the text: "date 2026-02-06", "Published: May 3, 2024"
_LEADING_STAMP = re.compile(
    rf"^\s*(?:date|published|posted|updated|last updated|first published)(?:\s+on)?\s*[:\-–]?\s*({_DATE})"
    rf"(?:\s*(?:at\s+)?\d{{1,2}}:\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{{2,4}})?)?\s*",
    re.IGNORECASE,
)
# the WordPress RSS footer, whatever the site and the post title
_FEED_FOOTER = re.compile(r"^\s*the post\s.{1,400}\sappeared first on\s.{1,200}$", re.IGNORECASE)
# a whole line that is only page chrome, wherever it stands
_CHROME_LINE = re.compile(
    r"^\s*(?:advertisement|sponsored( content)?|story continues below( advertisement)?|skip to (?:main )?content"
    r"|scroll (?:down )?to continue.*|share (?:this|on) .{0,40}|share|print|email|"
    r"sign up for (?:our|the) .{0,60}newsletter.*|click here to .{0,80}|follow us on .{0,80})\s*$",
    re.IGNORECASE,
)
# lines that end an article page: tags, share buttons, comments
_TRAILING = re.compile(
    r"^\s*(?:tags?|topics?|filed under|categories|share(?: this(?: article| story)?)?|comments?|"
    r"leave a (?:comment|reply)|related(?: articles| stories| posts| topics)?|about the author|"
    r"copyright\b.*|©.*|all rights reserved.*)\s*(?::.*)?$",
    re.IGNORECASE,
)
# the heading of a block of links to other articles
_RELATED_HEADING = re.compile(
    r"^\s*(?:related(?: articles| stories| posts| coverage| content| news)?|read (?:more|also|next)|"
    r"also read|see also|more (?:from|on) .{1,40}|recommended(?: for you| stories)?|you may also like|"
    r"trending(?: now)?|most (?:read|popular)|latest (?:news|stories))\s*:?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Removal:
    """A piece of page furniture that was dropped, and where it stood in the input."""

    kind: str
    text: str
    line: int  # 1-based line of the input text

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "text": self.text, "line": self.line}


@dataclass
class Cleaned:
    text: str
    removed: list[Removal] = field(default_factory=list)
    title: str | None = None
    date: dt.date | None = None


def clean_text(raw: str) -> Cleaned:
    """Strip control characters and page furniture; find the headline and a date stamp."""
    lines = [strip_control(line).rstrip() for line in raw.replace("\r\n", "\n").split("\n")]
    removed: list[Removal] = []
    date = _strip_leading_stamp(lines, removed)
    keep = [True] * len(lines)
    _drop_lines(lines, keep, removed)
    _drop_related_blocks(lines, keep, removed)
    _drop_repeated_headline(lines, keep, removed)
    _drop_trailing(lines, keep, removed)
    text = _join_paragraphs(line.strip() for line, k in zip(lines, keep) if k)
    removed.sort(key=lambda r: r.line)
    return Cleaned(text=text, removed=removed, title=_headline(text), date=date)


def strip_control(text: str) -> str:
    """Drop control characters and lone surrogates, which no report could show or encode.

    >>> strip_control("a\\x00b\\udcff")
    'ab'
    """
    return _CONTROL.sub("", text)


def is_headline(line: str) -> bool:
    """A short line without sentence-final punctuation: a headline or a sub-heading.

    >>> is_headline("Background of the Operation"), is_headline("It happened.")
    (True, False)
    """
    words = line.split()
    ends_like_sentence = re.search(r"[.!?:;,…]['\"”’)]*\s*$", line)
    holds_a_sentence_end = re.search(r"[a-z]{2}[.!?]['\"”’)]*\s+\S", line)
    return (
        0 < len(words) <= 20
        and not ends_like_sentence
        and not holds_a_sentence_end
        and not line.lstrip()[:1].islower()
    )


def _strip_leading_stamp(lines: list[str], removed: list[Removal]) -> dt.date | None:
    for number, line in enumerate(lines):
        if not line.strip():
            continue
        match = _LEADING_STAMP.match(line)
        if not match:
            return None
        removed.append(Removal("date_stamp", match.group(0).strip(), number + 1))
        lines[number] = line[match.end():]
        return parse_date_phrase(match.group(1))
    return None


def _drop_lines(lines: list[str], keep: list[bool], removed: list[Removal]) -> None:
    for number, line in enumerate(lines):
        if _FEED_FOOTER.match(line):
            keep[number] = False
            removed.append(Removal("feed_footer", line.strip(), number + 1))
        elif _CHROME_LINE.match(line):
            keep[number] = False
            removed.append(Removal("page_chrome", line.strip(), number + 1))


def _drop_related_blocks(lines: list[str], keep: list[bool], removed: list[Removal]) -> None:
    number = 0
    while number < len(lines):
        if keep[number] and _RELATED_HEADING.match(lines[number]):
            block = [number]
            follow = number + 1
            while follow < len(lines) and lines[follow].strip() and _looks_like_link_title(lines[follow]):
                block.append(follow)
                follow += 1
            for index in block:
                keep[index] = False
            removed.append(Removal("related_block", "\n".join(lines[i].strip() for i in block), number + 1))
            number = follow
        number += 1


def _looks_like_link_title(line: str) -> bool:
    words = line.split()
    return len(words) <= 25 and not (len(words) >= 12 and line.rstrip().endswith("."))


def _drop_repeated_headline(lines: list[str], keep: list[bool], removed: list[Removal]) -> None:
    firsts = [i for i, line in enumerate(lines) if keep[i] and line.strip()][:6]
    if not firsts or not is_headline(lines[firsts[0]]):
        return
    head = _norm(lines[firsts[0]])
    for index in firsts[1:]:
        if _norm(lines[index]) == head:
            keep[index] = False
            removed.append(Removal("repeated_headline", lines[index].strip(), index + 1))


def _drop_trailing(lines: list[str], keep: list[bool], removed: list[Removal]) -> None:
    for number in range(len(lines) - 1, -1, -1):
        line = lines[number]
        if not keep[number] or not line.strip():
            continue
        if _TRAILING.match(line) and len(line.split()) <= 30:
            keep[number] = False
            removed.append(Removal("trailing_furniture", line.strip(), number + 1))
            continue
        return


def _headline(text: str) -> str | None:
    first, _, rest = text.partition("\n")
    return first.strip() if rest.strip() and is_headline(first) else None


def _join_paragraphs(lines) -> str:
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _norm(line: str) -> str:
    return " ".join(line.casefold().split())
