"""Article text with its findings highlighted, for the HTML report and the notebooks.

Each finding belongs to a *category* (named source, anonymous source, hedge, garble,
conflict ...). A category has a label, a short tag and a CSS class whose underline style
differs from every other, so colour is never the only cue; every highlighted run ends in
a tag (``A?·3`` = finding 3, an anonymous source) that links to the finding in the list.

The text is cut at every finding boundary in one sweep over the sorted boundaries, so
the cost grows with the number of findings plus the length of the output, not with
their product. A stretch covered by several findings lists them all (``data-f``).

>>> from audit.findings import Finding
>>> text = "Officials said it may be true."
>>> fs = [Finding.at(text, 0, 9, signal="attribution", kind="attribution", message="m",
...                  extra={"source_type": "anonymous"}),
...       Finding.at(text, 18, 21, signal="hedging", kind="hedge", message="m")]
>>> [(s.start, s.end, s.findings) for s in segments(len(text), fs)]
[(0, 9, (0,)), (9, 18, ()), (18, 21, (1,)), (21, 30, ())]
>>> category(fs[0]).key, category(fs[1]).tag
('anonymous', 'H')
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from typing import NamedTuple

from markupsafe import Markup

from audit.findings import Finding


@dataclass(frozen=True)
class Category:
    """How one kind of finding looks: CSS class ``hl-<key>``, tag text, legend wording.

    ``rank``: when findings overlap, the highest rank decides the look of the stretch.
    ``action``: what an editor should check, for the notebooks' checklist ("" = nothing).
    """

    key: str
    label: str
    tag: str
    meaning: str
    rank: int
    action: str = ""


_CATEGORIES = [
    Category("named", "named source", "A", "attributed to a named person, organisation or document", 40),
    Category("anonymous", "anonymous source", "A?", "attributed to an unnamed source (\"officials said\")", 60,
             "Find out who the unnamed source is, or a named source who confirms it"),
    Category("unattributed", "unattributed claim", "∅", "a factual claim (a figure, a date, a named actor) with no "
             "source given", 52, "Find where this claim comes from before repeating it"),
    Category("hedge", "hedge", "H", "hedged wording (may, reportedly, alleged)", 30,
             "Keep the caution: do not repeat these claims as settled fact"),
    Category("weasel", "weasel words", "W", "vague attribution that hides who says it (\"critics say\")", 55,
             "Ask who exactly says this"),
    Category("booster", "booster or loaded word", "B", "over-sure or loaded wording (clearly, strongman)", 35,
             "Separate the facts from the loaded wording"),
    Category("garble", "possible garble", "G", "a word or phrase that looks garbled; the suggestion says what was "
             "probably meant", 80, "Reread these words against another outlet or the original: they may be garbled"),
    Category("conflict", "conflicts with other outlets", "✗", "other outlets report a different fact", 90,
             "Settle which figure is right with a primary source"),
    Category("variant", "worded differently elsewhere", "≠", "other outlets give the same quote, name or title in "
             "different words", 85, "Check the wording against a recording, transcript or the speaker's own post"),
    Category("single", "single source", "U", "a checkable claim no other outlet in the batch carries", 50,
             "Find a second, independent source for this claim"),
    Category("evolving", "evolving figure", "~", "a figure that changed over time, consistent with the dates", 45,
             "Use the latest figure and give its date"),
    Category("corroborated", "corroborated", "✓", "other outlets report the same fact or quote", 20),
    Category("style", "style", "S", "a style mark: a very long sentence, shouting, exclamations, superlatives, "
             "reader-baiting phrases", 10),
    Category("other", "other finding", "•", "another finding; its message says what it is", 5),
]
CATEGORIES: dict[str, Category] = {c.key: c for c in _CATEGORIES}

# (signal, kind) -> category; (signal, "*") is the signal's default.
_BY_KIND = {
    ("attribution", "*"): "named",
    ("hedging", "*"): "hedge",
    ("hedging", "weasel"): "weasel",
    ("hedging", "booster"): "booster",
    ("hedging", "loaded"): "booster",
    ("transcription", "*"): "garble",
    ("consistency", "*"): "single",
    ("consistency", "corroborated"): "corroborated",
    ("consistency", "quote_verbatim"): "corroborated",
    ("consistency", "conflict"): "conflict",
    ("consistency", "quote_variant"): "variant",
    ("consistency", "title_variant"): "variant",
    ("consistency", "evolving"): "evolving",
    ("readability", "*"): "style",
    ("style", "*"): "style",
}


def category(finding: Finding) -> Category:
    """The category a finding is drawn in (:func:`category_of`)."""
    return category_of(finding.signal, finding.kind, finding.extra.get("source_type"))


def category_of(signal: str, kind: str, source_type: str | None = None) -> Category:
    """The category of a finding of this signal and kind; anonymous sources and claims with
    no source are told apart from named sources (the attribution signal's ``source_type``)."""
    if signal == "attribution":
        if source_type == "anonymous":
            return CATEGORIES["anonymous"]
        if source_type == "none" or kind == "unattributed_claim":
            return CATEGORIES["unattributed"]
    key = _BY_KIND.get((signal, kind)) or _BY_KIND.get((signal, "*"), "other")
    return CATEGORIES[key]


class Segment(NamedTuple):
    """The text between two consecutive finding boundaries and the findings covering it."""

    start: int
    end: int
    findings: tuple[int, ...]  # indexes into the finding list, in list order


def segments(length: int, findings: Sequence[Finding]) -> list[Segment]:
    """Cut ``[0, length)`` at every finding boundary (one sweep over sorted boundaries).

    Zero-length findings become zero-length segments at their offset, so they stay
    reachable. Offsets are clamped into the text.
    """
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    points: dict[int, list[int]] = {}
    for index, f in enumerate(findings):
        start, end = _clamp(f.start, length), _clamp(f.end, length)
        if end <= start:
            points.setdefault(start, []).append(index)
        else:
            starts.setdefault(start, []).append(index)
            ends.setdefault(end, []).append(index)
    cuts = sorted({0, length, *starts, *ends, *points})
    active: dict[int, None] = {}  # insertion-ordered set
    pieces: list[Segment] = []
    for here, after in zip(cuts, [*cuts[1:], None]):
        for index in ends.get(here, ()):
            active.pop(index, None)
        for index in starts.get(here, ()):
            active[index] = None
        if here in points:
            pieces.append(Segment(here, here, tuple(points[here])))
        if after is not None and after > here:
            pieces.append(Segment(here, after, tuple(sorted(active))))
    return pieces


def article_html(
    text: str,
    findings: Sequence[Finding],
    anchor: Callable[[int], str],
) -> Markup:
    """The article text as escaped HTML with ``<mark>`` highlights and numbered tags.

    ``anchor(i)`` gives the element id of finding ``i`` in the finding list (1-based
    numbers are shown to the reader). The result goes inside an element with
    ``white-space: pre-wrap``, so line breaks need no markup.
    """
    cats = [category(f) for f in findings]
    titles = [escape(_title(i, f, cats[i])) for i, f in enumerate(findings)]
    tags = [tag_html(i, cats[i], anchor(i)) for i in range(len(findings))]
    pieces = segments(len(text), findings)
    last_piece = _last_piece_of_each(pieces, len(findings))
    out: list[str] = []
    for number, piece in enumerate(pieces):
        chunk = escape(text[piece.start:piece.end], quote=False)
        if not piece.findings:
            out.append(chunk)
            continue
        main = max(piece.findings, key=lambda i: (cats[i].rank, -i))
        classes = f"hl hl-{cats[main].key}" + (" multi" if len(piece.findings) > 1 else "") + (
            " point" if piece.start == piece.end else "")  # fmt: skip
        ids = " ".join(str(i + 1) for i in piece.findings)
        title = " | ".join(titles[i] for i in piece.findings)
        out.append(f'<mark class="{classes}" data-f="{ids}" tabindex="0" title="{title}">{chunk}</mark>')
        out.extend(tags[i] for i in piece.findings if last_piece[i] == number)
    return Markup("".join(out))


def tag_html(index: int, cat: Category, href_id: str) -> str:
    """The small ``[tag number]`` link after a highlight: text, not colour, says what it is."""
    label = escape(f"finding {index + 1}: {cat.label}")
    return (f'<a class="tag tag-{cat.key}" href="#{escape(href_id)}" aria-label="{label}">'
            f"{escape(cat.tag, quote=False)}·{index + 1}</a>")  # fmt: skip


def _last_piece_of_each(pieces: list[Segment], count: int) -> list[int]:
    last = [-1] * count
    for number, piece in enumerate(pieces):
        for i in piece.findings:
            last[i] = number
    return last


def _title(index: int, finding: Finding, cat: Category) -> str:
    text = f"[{cat.tag}·{index + 1}] {cat.label}: {finding.message}"
    if finding.suggestion:
        text += f" Suggestion: {finding.suggestion}"
    return text


def _clamp(value: int, length: int) -> int:
    return min(max(int(value), 0), length)
