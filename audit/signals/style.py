"""Style: how much the writing sells, baits and generalises, against how much it specifies.

NELA-style counts that the readability signal does not already make: superlatives,
intensifying adverbs and reader-baiting phrases from the project's own list
(``audit/lexicons/style.txt``), outside quotations (inside a quotation the words are
the speaker's); and the marks of specific reporting: figures and dates, capitalised
names, varied vocabulary. Every count is one pass over the words, so the signal is
linear in the text's length.

>>> from audit.text import Document
>>> r = analyse(Document.from_text("You won't believe the worst deal ever. It is very bad."))
>>> r.scores["superlatives_per_100_words"], [f.kind for f in r.findings]
(9.09, ['clickbait', 'superlative'])
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from functools import lru_cache

from audit.findings import Finding, SignalResult
from audit.lexicons import expand, load_sections
from audit.signals.base import Signal, per_hundred, share
from audit.text import Document, Token

DIVERSITY_WINDOW = 50  # words: type-token ratio over a moving window, so it does not fall with length
_WORD = re.compile(r"[\w']+(?:-[\w']+)*")
NEGATIONS = frozenset(["not", "no", "never", "nothing", "nobody", "none", "nowhere", "neither", "nor", "cannot"])

SCORES = {
    "superlatives_per_100_words": "Superlatives ('worst', 'greatest') per 100 words outside quotations: promotional or alarmist style.",
    "intensifiers_per_100_words": "Intensifying adverbs ('very', 'totally', 'literally') per 100 words outside quotations.",
    "clickbait_per_100_words": "Reader-baiting phrases ('you won't believe', 'here's why', 'goes viral') per 100 words outside quotations.",
    "negations_per_100_words": "Negations ('not', 'never', 'nobody') per 100 words.",
    "figures_per_100_words": "Numbers and dates per 100 words: specific, checkable detail.",
    "capitalised_word_share": "Share of the words inside a sentence written with a capital (names of people, places, bodies).",
    "lexical_diversity": f"Distinct words per word in {DIVERSITY_WINDOW}-word windows (0-1): higher is more varied vocabulary.",
    "mean_word_length": "Average letters per word: longer words usually mean more technical, specific copy.",
}  # fmt: skip


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], frozenset[str], dict[str, list[tuple[str, ...]]]]:
    """Superlatives, intensifiers, and the bait phrases as word tuples indexed by their first word."""
    sections = load_sections("style")
    superlatives = frozenset(w.lower() for w in sections["superlative"])
    intensifiers = frozenset(w.lower() for w in sections["intensifier"])
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for entry in sections["clickbait"]:
        for text in expand(entry.lower()):
            words = tuple(_WORD.findall(text))
            phrases.setdefault(words[0], []).append(words)
    for candidates in phrases.values():
        candidates.sort(key=len, reverse=True)  # the longest phrase wins
    return superlatives, intensifiers, phrases


def analyse(doc: Document) -> SignalResult:
    """Style scores, and findings for superlatives and reader-baiting phrases."""
    superlatives, intensifiers, phrases = _lexicon()
    words = [w for w in doc.words if not w.text[:1].isdigit()]
    lowered = [w.lower.replace("’", "'") for w in words]
    quoted = doc.quoted_word_starts
    own = [w.start not in quoted for w in words]
    n = len(words)
    findings = [_finding(doc, words[i].start, words[j - 1].end, "clickbait",
                         "A phrase that baits the reader rather than informs.") for i, j in _baits(lowered, own, phrases)]
    findings += [_finding(doc, words[i].start, words[i].end, "superlative",
                          f"Superlative {words[i].text!r}: check what it is compared with.")
                 for i, low in enumerate(lowered) if low in superlatives and own[i]]  # fmt: skip
    # counted over distinct words (a Counter is one C loop), the quoted ones taken off after
    counts, counts_quoted = Counter(lowered), Counter(low for low, mine in zip(lowered, own) if not mine)
    scores = {
        "superlatives_per_100_words": per_hundred(sum(f.kind == "superlative" for f in findings), n),
        "intensifiers_per_100_words": per_hundred(_in(counts, intensifiers) - _in(counts_quoted, intensifiers), n),
        "clickbait_per_100_words": per_hundred(sum(f.kind == "clickbait" for f in findings), n),
        "negations_per_100_words": per_hundred(
            sum(c for low, c in counts.items() if low in NEGATIONS or low.endswith("n't")), n),
        "figures_per_100_words": per_hundred(len(doc.quantities) + len(doc.dates), n),
        "capitalised_word_share": share(_capitalised(doc, words), n),
        "lexical_diversity": _diversity(lowered),
        "mean_word_length": round(sum(map(len, lowered)) / n, 2) if n else 0.0,
    }
    return SignalResult(findings=sorted(findings, key=lambda f: (f.start, f.end)), scores=scores)


def _baits(lowered: list[str], own: list[bool], phrases: dict[str, list[tuple[str, ...]]]) -> list[tuple[int, int]]:
    """(first, past-last) word index of each bait phrase outside quotations, without overlaps."""
    found, resume = [], 0
    for i in [i for i, low in enumerate(lowered) if low in phrases]:  # few words can open a phrase
        if i < resume:
            continue  # inside the phrase just found
        match = next((len(p) for p in phrases[lowered[i]] if tuple(lowered[i : i + len(p)]) == p), 0)
        if match:
            resume = i + match
            if own[i]:
                found.append((i, resume))
    return found


def _in(counts: Counter[str], lexicon: frozenset[str]) -> int:
    return sum(c for word, c in counts.items() if word in lexicon)


def _finding(doc: Document, start: int, end: int, kind: str, message: str) -> Finding:
    return Finding.at(doc.text, start, end, signal="style", kind=kind, message=message)


def _capitalised(doc: Document, words: list[Token]) -> int:
    """Capitalised words that do not open a sentence (a sentence's first word is capitalised anyway).

    A word belongs to the last sentence starting at or before it (the first sentence if none does).
    """
    word_starts = [w.start for w in words]
    bounds = [0, *(bisect_left(word_starts, s.start) for s in doc.sentences[1:]), len(words)]
    openers = {first for first, after in zip(bounds, bounds[1:]) if first < after}
    return len([w for w in words if w.text[:1].isupper()]) - sum(words[i].text[:1].isupper() for i in openers)


def _diversity(words: list[str]) -> float:
    """Mean type-token ratio of consecutive windows (the last, shorter one only when it is the only one)."""
    if not words:
        return 0.0
    windows = [words[i : i + DIVERSITY_WINDOW] for i in range(0, len(words), DIVERSITY_WINDOW)]
    full = [w for w in windows if len(w) == DIVERSITY_WINDOW] or windows
    return round(sum(len(set(w)) / len(w) for w in full) / len(full), 4)


SIGNAL = Signal(
    name="style",
    description="Promotional and reader-baiting style against specific, checkable detail.",
    scores=SCORES,
    analyse=analyse,
)
