"""The project's own word lists, read from plain-text files in this folder.

File format (one entry a line, UTF-8):

* lines starting with ``#`` are comments (every file opens with a header saying what
  the list is and where its entries come from);
* ``[name]`` starts a section (a category); entries before any section belong to ``""``;
* blank lines are ignored; an entry keeps its spelling and case (callers decide whether
  to match case-insensitively);
* an entry may be a pattern: ``{a|b}`` is one of the alternatives, ``(x)`` is optional,
  ``(a|b)`` is optionally one of the alternatives.
  ``load_sections`` returns entries as written; ``expand`` spells a pattern out.

``load_list`` gives every entry of a file; ``load_sections`` gives them by category.
Files are read once per process.

>>> expand("it {is|was} (widely) believed")
['it is widely believed', 'it is believed', 'it was widely believed', 'it was believed']

>>> "allegedly" in load_list("hedges")
True
>>> sorted(load_sections("hedges"))[:2]
['allegation', 'doxastic']
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent


def lexicon_path(name: str) -> Path:
    """The file behind a list name: ``"hedges"`` -> ``.../lexicons/hedges.txt``."""
    return LEXICON_DIR / (name if "." in name else f"{name}.txt")


@lru_cache(maxsize=None)
def load_sections(name: str) -> dict[str, tuple[str, ...]]:
    """Entries of a list file grouped by ``[section]``, in file order."""
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in lexicon_path(name).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
            sections.setdefault(current, [])
            continue
        sections.setdefault(current, []).append(line)
    return {section: tuple(entries) for section, entries in sections.items()}


@lru_cache(maxsize=None)
def load_list(name: str) -> tuple[str, ...]:
    """Every entry of a list file, all sections together, duplicates dropped."""
    return tuple(dict.fromkeys(entry for entries in load_sections(name).values() for entry in entries))


_PART = re.compile(r"\{([^{}]*)\}|\(([^()]*)\)|([^{}()]+)")


def expand(pattern: str) -> list[str]:
    """Every phrase a pattern stands for (``{a|b}`` alternatives, ``(x)`` or ``(a|b)`` optional)."""
    choices: list[list[str]] = []
    for alternatives, optional, literal in _PART.findall(pattern):
        if literal:
            choices.append([literal])
        elif optional:
            choices.append([*optional.split("|"), ""])
        else:
            choices.append(alternatives.split("|"))
    phrases = (" ".join("".join(parts).split()) for parts in itertools.product(*choices))
    return [phrase for phrase in dict.fromkeys(phrases) if phrase]
