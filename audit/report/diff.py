"""Word-level differences between a quote and another outlet's version of it.

The other outlet's passage is usually a whole sentence; it is trimmed to the stretch that
lines up with the quote, so the difference shows only the words that changed.

>>> ops = word_diff("a lifestyle strike in the Caribbean", "Rubio: “a lethal strike in the Caribbean,” he said")
>>> [(op.kind, op.ours, op.theirs) for op in ops if op.kind != "same"]
[('changed', 'lifestyle', 'lethal')]
>>> changes_text(ops)
'“lifestyle” → “lethal”'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

_WORD = re.compile(r"\w[\w'’-]*", re.UNICODE)  # words only: quote marks and commas never count as a change
MAX_WORDS = 400  # longer passages are cut: a quote comparison is about a sentence or two


@dataclass(frozen=True)
class DiffOp:
    """``same``, ``changed``, ``dropped`` (only in ours) or ``added`` (only in theirs)."""

    kind: str
    ours: str
    theirs: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "ours": self.ours, "theirs": self.theirs}


def word_diff(ours: str, theirs: str) -> list[DiffOp]:
    """The word-by-word difference from ``ours`` to the aligned part of ``theirs``.

    Case and punctuation are ignored, so "Strike," matches "strike"; the output is words.
    """
    a = _WORD.findall(ours)[:MAX_WORDS]
    b = _WORD.findall(theirs)[:MAX_WORDS]
    a_key, b_key = [_key(w) for w in a], [_key(w) for w in b]
    matcher = SequenceMatcher(None, a_key, b_key, autojunk=False)
    blocks = [m for m in matcher.get_matching_blocks() if m.size]
    if not blocks:
        return [DiffOp("changed", _join(a), _join(b))] if a or b else []
    # their window: the matched stretch, widened by as many words as ours has unmatched at each end
    first, last = blocks[0], blocks[-1]
    b_from = max(0, first.b - first.a)
    b_to = min(len(b), last.b + last.size + len(a) - (last.a + last.size))
    matcher = SequenceMatcher(None, a_key, b_key[b_from:b_to], autojunk=False)
    ops: list[DiffOp] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        ours_part, theirs_part = _join(a[i1:i2]), _join(b[b_from + j1:b_from + j2])
        kind = {"equal": "same", "replace": "changed", "delete": "dropped", "insert": "added"}[tag]
        ops.append(DiffOp(kind, ours_part, theirs_part))
    return _merge_same(ops)


_QUOTED = re.compile(r"“([^”]{1,2000})”|\"([^\"]{1,2000})\"")


def quoted_counterpart(ours: str, theirs: str) -> str:
    """The part of another outlet's sentence to compare a quote with: the quotation in it
    that shares the most words with ours (at least two, or half of a shorter one), else
    the whole sentence.

    >>> quoted_counterpart("conducted a lethal strike", "He called it a “lifestyle strike” on X.")
    'lifestyle strike'
    """
    mine = {_key(w) for w in _WORD.findall(ours)}
    best, best_shared = theirs, 0
    for match in _QUOTED.finditer(theirs):
        passage = match.group(1) or match.group(2)
        words = {_key(w) for w in _WORD.findall(passage)}
        shared = len(mine & words)
        if shared > best_shared and (shared >= 2 or 2 * shared >= len(words)):
            best, best_shared = passage, shared
    return best


def changes_text(ops: list[DiffOp]) -> str:
    """The changes in one line: ``“lifestyle” → “lethal”; dropped “very”``."""
    parts = []
    for op in ops:
        if op.kind == "changed":
            parts.append(f"“{op.ours}” → “{op.theirs}”")
        elif op.kind == "dropped":
            parts.append(f"only here: “{op.ours}”")
        elif op.kind == "added":
            parts.append(f"only there: “{op.theirs}”")
    return "; ".join(parts) or "same words"


def _merge_same(ops: list[DiffOp]) -> list[DiffOp]:
    merged: list[DiffOp] = []
    for op in ops:
        if merged and merged[-1].kind == op.kind == "same":
            last = merged.pop()
            op = DiffOp("same", _join([last.ours, op.ours]), _join([last.theirs, op.theirs]))
        merged.append(op)
    return merged


def _key(word: str) -> str:
    return word.lower().replace("’", "'")


def _join(words: list[str]) -> str:
    return " ".join(w for w in words if w)
