"""Transcription errors inside one article, with no other source to compare against.

Methods (each finding's ``method`` says which one found it):

* ``idiom`` — a fixed expression with one word changed ("lagged the charge");
* ``spelling`` — non-word typos, broken and run-together words, doubled function words;
* ``context`` — a real word that fits its neighbours far worse than a look-alike or
  sound-alike word ("an air strife on the town");
* ``sentence`` — an orphaned verb at the start of a sentence.

Dictionaries and the idiom index load once per process.

>>> from audit.text import Document
>>> r = analyse(Document.from_text("The administration has lagged the charge on Venezuela."))
>>> [(f.text, f.suggestion, f.extra["method"]) for f in r.findings]
[('lagged the charge', 'led the charge', 'idiom')]
"""

from __future__ import annotations

from audit.findings import Evidence, Finding, SignalResult
from audit.signals.transcription.within_context import misfits
from audit.signals.transcription.within_idioms import near_misses
from audit.signals.transcription.within_sentences import orphaned_verbs
from audit.signals.transcription.within_words import article_names, word_errors
from audit.text import Document

SIGNAL_NAME = "transcription"
MAX_SENTENCE_TOKENS = 400  # idioms are short: a longer "sentence" is scanned in its first tokens only

SCORES = {
    "garbles_per_1000_words": "Likely transcription or rewrite errors (garbled idioms, typos, real words "
    "that misfit their context, broken sentences) per 1,000 words; careful copy has close to none.",
}


def analyse(doc: Document) -> SignalResult:
    """All in-article transcription findings and their rate per 1,000 words."""
    names = article_names(doc)
    texts = doc.token_texts
    findings = _idiom_findings(doc, texts) + _word_findings(doc, names) + _sentence_findings(doc)
    findings += _context_findings(doc, texts, findings, names)
    findings.sort(key=lambda f: f.start)
    words = len(doc.words)
    sure = sum(f.confidence >= 0.6 for f in findings)
    return SignalResult(findings=findings, scores={"garbles_per_1000_words": round(1000 * sure / words, 2) if words else 0.0})


def _idiom_findings(doc: Document, texts: list[str]) -> list[Finding]:
    tokens = doc.tokens
    found = []
    for miss in near_misses(texts, _sentence_runs(doc)):
        start, end = tokens[miss.first].start, tokens[miss.last].end
        found.append(Finding.at(
            doc.text, start, end, signal=SIGNAL_NAME, kind="garbled_idiom",
            message=f"Reads like the fixed expression “{miss.idiom.text}” with {miss.found!r} "
                    f"in place of {miss.expected!r}.",
            suggestion=miss.suggestion, confidence=miss.confidence,
            evidence=[Evidence("lexicon:idioms", miss.idiom.text)],
            extra={"method": "idiom"}))  # fmt: skip
    return found


def _sentence_runs(doc: Document) -> list[tuple[int, int]]:
    """(first, end) token index range of each body sentence, cut at MAX_SENTENCE_TOKENS.

    >>> doc = Document.from_text("# Title\\n\\nOne two. Three four five.")
    >>> [[doc.tokens[i].text for i in range(*run)] for run in _sentence_runs(doc)]
    [['One', 'two', '.'], ['Three', 'four', 'five', '.']]
    """
    runs = [doc.token_range(sentence.start, sentence.end) for sentence in doc.body_sentences]
    return [(first, min(end, first + MAX_SENTENCE_TOKENS)) for first, end in runs]


def _context_findings(doc: Document, texts: list[str], found: list[Finding], names: frozenset[str]) -> list[Finding]:
    """Misfit words, except where another method already explains the place (one pass over
    the article's tokens: the pair statistics were counted over whole texts too)."""
    taken = [(f.start, f.end) for f in found]
    out = []
    for miss in misfits(texts, names):
        token = doc.tokens[miss.index]
        if any(s < token.end and token.start < e for s, e in taken):
            continue
        suggestion = miss.suggestion.capitalize() if token.text[:1].isupper() else miss.suggestion
        out.append(Finding.at(
            doc.text, token.start, token.end, signal=SIGNAL_NAME, kind="misfit_word",
            message=f"{token.text!r} fits its neighbours far worse than {suggestion!r} in news text "
                    f"({miss.bits:.0f} bits); a likely slip or mishearing.",
            suggestion=suggestion, confidence=miss.confidence,
            evidence=[Evidence("statistics:word_pairs", miss.evidence)],
            extra={"method": "context", "bits": miss.bits}))  # fmt: skip
    return out


def _word_findings(doc: Document, names: frozenset[str]) -> list[Finding]:
    return [
        Finding.at(doc.text, e.start, e.end, signal=SIGNAL_NAME, kind=e.kind, message=e.message,
                   suggestion=e.suggestion, confidence=e.confidence, extra={"method": "spelling"})  # fmt: skip
        for e in word_errors(doc, names)
    ]


def _sentence_findings(doc: Document) -> list[Finding]:
    return [
        Finding.at(doc.text, w.start, w.end, signal=SIGNAL_NAME, kind="orphaned_verb", message=w.message,
                   suggestion=w.suggestion, confidence=w.confidence, extra={"method": "sentence"})  # fmt: skip
        for w in orphaned_verbs(doc)
    ]
