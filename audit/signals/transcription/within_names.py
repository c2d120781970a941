"""Misspelled names: a name one letter away from a name the batch uses more often.

Each article contributes a compact summary: its capitalised name words (not common
English words) with where they occur. Over the batch, a name word written in one article
only, once or twice, that is one edit (a transposition counts as one) from a name word
used more often — in other articles of the batch or elsewhere in the same article — is
flagged: "CCN" beside "CNN", "Hegseht" beside "Hegseth". Candidates are found through
an index of one-letter deletions, so the batch is compared in linear time, never pair by
pair. A word that only adds a letter at the end ("Syria"/"Syrian", "Obama"/"Obamas") is
a derived form, not a misspelling.

>>> from audit.text import Document
>>> a = collect_names(Document.from_text("CNN reported it. CNN said the Pentagon agreed."))
>>> b = collect_names(Document.from_text("CCN reported that the Pentagon agreed."))
>>> [(f.text, f.suggestion) for f in compare_names({"a": a, "b": b})["b"].findings]
[('CCN', 'CNN')]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import compress

from rapidfuzz.distance import OSA

from audit.findings import Evidence, Finding, SignalResult
from audit.signals.transcription.within_edits import deletion_index, deletions
from audit.signals.transcription.within_tokens import answers, question
from audit.text import Document
from audit.vocabulary import is_english_word

MIN_LENGTH = 4  # shorter names (and acronyms under 3 letters) differ legitimately by one letter
MAX_OFFSETS = 8  # places kept per name word in a summary
VOWELS = frozenset("aeiouy")
MAX_RARE_USES = 2  # a misspelling is written once or twice, not throughout


@dataclass(frozen=True)
class NameSummary:
    """Name words of one article: word -> (offsets of its first uses, number of uses)."""

    names: dict[str, tuple[tuple[int, ...], int]]


def collect_names(doc: Document) -> NameSummary:
    places: dict[str, list[int]] = defaultdict(list)
    uses: Counter[str] = Counter()
    words = doc.words
    name_words = answers([t.text for t in words], NAME_WORD)
    for token, word in compress(zip(words, name_words), name_words):  # most words are no name word
        uses[word] += 1
        if len(places[word]) < MAX_OFFSETS:
            places[word].append(token.start)
    return NameSummary({w: (tuple(places[w]), uses[w]) for w in uses})


def _name_word(token: str) -> str | None:
    """The token without a possessive ending, if that is a name word."""
    word = token.removesuffix("’s").removesuffix("'s")
    return word if _is_name_word(word) else None


NAME_WORD = question(_name_word)  # a token record's name word, or None


def _is_name_word(word: str) -> bool:
    if not word[:1].isupper() or not word.isalpha():
        return False
    if word.isupper():
        return len(word) >= 3  # acronyms: CNN, NATO
    return len(word) >= MIN_LENGTH and not is_english_word(word)


def compare_names(summaries: Mapping[str, NameSummary],
                  linked: Mapping[str, Sequence[str]] | None = None) -> dict[str, SignalResult]:
    """Findings for every article whose rare name word is one edit from a commoner one.

    With ``linked`` (article id -> the articles of its story), the commoner name must be
    written in the article itself or in its story: "Moskowitz" in one story says nothing
    about "Moskovitz" in another.
    """
    uses: Counter[str] = Counter()
    articles: dict[str, set[str]] = defaultdict(set)
    for article_id, summary in summaries.items():
        for word, (_, count) in summary.names.items():
            uses[word] += count
            articles[word].add(article_id)
    index = deletion_index(uses)
    results: dict[str, SignalResult] = {}
    for article_id, summary in summaries.items():
        findings = []
        story = None if linked is None else {article_id, *linked.get(article_id, ())}
        for word, (offsets, count) in summary.names.items():
            if len(articles[word]) > 1 or count > MAX_RARE_USES:
                continue
            local = uses if story is None else _story_uses(word, index, summaries, articles, story)
            target = _likely_name(word, local, index)
            if target:
                seen_in = articles if story is None else {target: articles[target] & story}
                findings.extend(_findings(word, offsets, target, local, seen_in, article_id))
        if findings:
            results[article_id] = SignalResult(findings=findings)
    return results


def _story_uses(word: str, index: dict[str, list[str]], summaries: Mapping[str, NameSummary],
                articles: dict[str, set[str]], story: set[str]) -> Counter[str]:
    """Uses of ``word`` and of the name words one edit from it, counted in the story's articles only."""
    out: Counter[str] = Counter()
    for other in {o for key in deletions(word) for o in index.get(key, ())}:
        out[other] = sum(summaries[a].names[other][1] for a in articles[other] & story)
    return out


def _likely_name(word: str, uses: Counter[str], index: dict[str, list[str]]) -> str | None:
    """The commonest name word one edit away, used at least twice as often as ``word``."""
    candidates = {other for key in deletions(word) for other in index.get(key, ())}
    best = None
    for other in sorted(candidates):  # between equally used names the first in order, in every process
        if other == word or other.startswith(word) or word.startswith(other) or other.lower() == word.lower():
            continue  # derived forms ("Syrian") and case variants are not misspellings
        if uses[other] >= 2 * uses[word] and _slip(word, other):
            if best is None or uses[other] > uses[best]:
                best = other
    return best


def _slip(word: str, other: str) -> bool:
    """One edit that a slip of the hand makes, not two different names: the first letter
    stays (Sami/Rami, Tabqa/Sabqa are different names), and an acronym only swaps two
    letters or repeats a neighbour (CCN for CNN; ABC/CBC/NBC are all real)."""
    if word[0] != other[0] or OSA.distance(word, other) != 1:
        return False
    if not word.isupper():
        return True
    if len(word) != len(other):
        return False
    at = next(i for i, (a, b) in enumerate(zip(word, other)) if a != b)
    swapped = at + 1 < len(word) and word[at] == other[at + 1] and word[at + 1] == other[at]
    repeated = (at > 0 and word[at] == word[at - 1]) or (at + 1 < len(word) and word[at] == word[at + 1])
    return swapped or repeated


def variant_spelling(word: str, other: str) -> bool:
    """Only a vowel or a doubled letter differs (Hasakah/Hasakeh, Hasan/Hassan): often a
    transliteration variant rather than a slip, so such findings ask to check."""
    if len(word) == len(other):
        return all(a == b or (a in VOWELS and b in VOWELS) for a, b in zip(word.lower(), other.lower()))
    short, long = sorted((word, other), key=len)
    return any(long[:i] + long[i + 1:] == short and (long[i] in VOWELS or long[i] == long[i - 1])
               for i in range(1, len(long)))  # fmt: skip


def _findings(word: str, offsets: tuple[int, ...], target: str, uses: Counter[str],
              articles: dict[str, set[str]], article_id: str) -> list[Finding]:
    others = sorted(articles[target] - {article_id})
    where = f"{len(others)} other article(s)" if others else "elsewhere in this article"
    evidence = [Evidence(other, target) for other in others[:3]]
    confidence = (0.8 if others else 0.65) - (0.3 if variant_spelling(word, target) else 0.0)
    return [
        Finding(signal="transcription", kind="misspelled_name", start=offset, end=offset + len(word), text=word,
                message=f"{word!r} is one letter from {target!r}, written {uses[target]} times in {where}.",
                suggestion=target, evidence=evidence, confidence=confidence, extra={"method": "names"})  # fmt: skip
        for offset in offsets
    ]
