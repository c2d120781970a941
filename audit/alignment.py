"""Aligning passages across articles: comparable words, word-level differences,
how alike two words look or sound, and TF-IDF vectors for "is this the same passage".

Shared by the consistency signal (quote fidelity) and the cross-source half of the
transcription signal (garbles), so both read a difference the same way.

>>> word_diff(words("a “lifestyle strike” against"), words("a lethal strike against"))
[{'op': 'replace', 'this': 'lifestyle', 'other': 'lethal'}]
>>> sound_key("lethal"), sound_key("lifestyle")
('ltl', 'lfstl')
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import islice

import numpy as np
from rapidfuzz.distance import Indel
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer

# a passage longer than this is cut before aligning, so one huge quote stays cheap
MAX_ALIGN_WORDS = 200
MAX_VECTOR_CHARS = 400  # characters of a passage that go into its TF-IDF vector
# a word as words() reads it: a figure with its currency and % sign, or letters
WORD_PATTERN = re.compile(r"[$€£]?\d[\d,.]*\d%?|[$€£]?\d%?|\w+(?:['’]\w+)*")
STOPWORDS = frozenset(
    "a an the and or but of in on at to for from by with as is are was were be been being has have had "
    "do does did will would could should may might can that which who whom whose this these those it its "
    "their them they he she his her we our you your i me my not no so if than then there here into over "
    "about after before said says also just more most very all any some such only up out where when what how "
    "why who".split()
)


def fold(text: str) -> str:
    """Lower case without accents and with straight apostrophes ("Nicolás’" -> "nicolas'").

    Length-preserving (one character for one), so offsets into the folded text are
    offsets into the original.
    """
    if text.isascii():
        return text.lower()
    # ASCII maps to itself: translating only the other runs spares str.translate its slow
    # per-character path over the whole text (a curly quote sends it there)
    folded = _NON_ASCII.sub(_fold_run, text).lower()
    return folded if len(folded) == len(text) else "".join(c.lower()[:1] or c for c in text.translate(_FOLD))


def _fold_run(match: re.Match[str]) -> str:
    return match.group().translate(_FOLD)


class _FoldTable(dict):
    """``str.translate`` table built on demand: a character to its unaccented base letter."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        self[code] = value = "'" if char in "’‘" else base if len(base) == 1 else char
        return value


_FOLD = _FoldTable()
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def words(text: str, limit: int | None = MAX_ALIGN_WORDS) -> list[str]:
    """The words of a passage (the first ``limit``), folded, punctuation and quotation marks dropped."""
    return WORD_PATTERN.findall(fold(text))[:limit] if text else []


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """The words of ``text`` as :func:`words` reads them, each with its offsets in ``text``.

    >>> word_spans("The “lifestyle strike”")
    [('the', 0, 3), ('lifestyle', 5, 14), ('strike', 15, 21)]
    """
    folded = fold(text)
    spans = []
    for match in WORD_PATTERN.finditer(folded):
        spans.append((match.group(), match.start(), match.end()))
        if len(spans) >= MAX_ALIGN_WORDS:
            break
    return spans


def content_words(tokens: Sequence[str]) -> list[str]:
    """Tokens that carry meaning: not stop words, not one letter."""
    return [t for t in tokens if len(t) > 1 and t not in STOPWORDS]


def stable_hash(text: str) -> int:
    """A hash that is the same in every process (``hash()`` of a str is salted)."""
    return zlib.crc32(text.encode("utf-8", "surrogatepass"))


# ---------------------------------------------------------------- word-level differences


def word_diff(this: Sequence[str], other: Sequence[str]) -> list[dict[str, str]]:
    """The changes that turn ``this`` into ``other``, word by word (equal runs left out)."""
    return [op for op in _opcodes(this, other) if op["op"] != "equal"]


def _opcodes(this: Sequence[str], other: Sequence[str]) -> list[dict[str, str]]:
    matcher = SequenceMatcher(None, list(this), list(other), autojunk=False)
    return [
        {"op": tag, "this": " ".join(this[i1:i2]), "other": " ".join(other[j1:j2])}
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


@dataclass(frozen=True)
class Alignment:
    """How a passage lines up with another telling of it (a quote in another outlet).

    Only the overlap counts: where one outlet's quote starts earlier or ends later than
    the other's, those words are outside the comparison; an unmatched edge of up to 3
    words inside the overlap is paired with the other's words next to the match (a quote's
    boundaries differ between outlets, its wording should not). ``length`` is the words of
    ``this`` in the overlap, ``matched`` those that agree, ``diff`` the changes.
    """

    matched: int
    length: int
    diff: tuple[dict[str, str], ...]
    matched_words: tuple[str, ...] = ()
    positions: tuple[tuple[int, int, int, int], ...] = ()  # (i1, i2, j1, j2) of each diff entry

    @property
    def coverage(self) -> float:
        return self.matched / self.length if self.length else 0.0

    @property
    def verbatim(self) -> bool:
        return self.matched == self.length > 0 and not self.diff


def align(this: Sequence[str], other: Sequence[str], edge: int = 3) -> Alignment:
    """Align ``this`` (a quote) against ``other`` (the same quote, maybe longer or shorter).

    >>> a = align(["lifestyle", "strike"], ["conducted", "a", "lethal", "strike"])
    >>> a.coverage, list(a.diff)
    (0.5, [{'op': 'replace', 'this': 'lifestyle', 'other': 'lethal'}])
    >>> align(["a", "lot", "of", "drugs"], "we have a lot of drugs pouring in".split()).verbatim
    True
    """
    this, other = list(this[:MAX_ALIGN_WORDS]), list(other[:MAX_ALIGN_WORDS])
    matcher = SequenceMatcher(None, this, other, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return Alignment(0, len(this), ())
    i1, j1 = blocks[0].a, blocks[0].b
    i2, j2 = blocks[-1].a + blocks[-1].size, blocks[-1].b + blocks[-1].size
    lead = min(i1, j1, edge)
    tail = min(len(this) - i2, len(other) - j2, edge)
    positions = [(i1 - lead, i1, j1 - lead, j1)] if lead else []
    inner = SequenceMatcher(None, this[i1:i2], other[j1:j2], autojunk=False).get_opcodes()
    positions += [(i1 + a1, i1 + a2, j1 + b1, j1 + b2) for tag, a1, a2, b1, b2 in inner if tag != "equal"]
    if tail:
        positions.append((i2, i2 + tail, j2, j2 + tail))
    diff = tuple(
        {"op": "replace" if a1 < a2 and b1 < b2 else "delete" if a1 < a2 else "insert",
         "this": " ".join(this[a1:a2]), "other": " ".join(other[b1:b2])}
        for a1, a2, b1, b2 in positions
    )  # fmt: skip
    matched = tuple(w for b in blocks for w in this[b.a:b.a + b.size])
    return Alignment(len(matched), (i2 + tail) - (i1 - lead), diff, matched, tuple(positions))


def describe(diff: Sequence[dict[str, str]]) -> str:
    """A diff as a reader sees it: ``“lifestyle” → “lethal”``."""
    parts = []
    for op in diff:
        if op["op"] == "replace":
            parts.append(f"“{op['this']}” → “{op['other']}”")
        elif op["op"] == "delete":
            parts.append(f"“{op['this']}” missing in the other")
        else:
            parts.append(f"the other adds “{op['other']}”")
    return "; ".join(parts)


# ---------------------------------------------------------------- look-alike, sound-alike

_SOUND_MAP = str.maketrans("cqkzvdbgj", "kkksftpkk")


def sound_key(word: str) -> str:
    """A rough English sound key: first letter, then consonants with like sounds merged.

    Our own simplification (not Soundex or Metaphone): "ph" -> f, "th" -> t, voiced and
    voiceless pairs merged (d/t, b/p, g/k, v/f, z/s), vowels, h, w, y dropped after the
    first letter, doubled letters once.
    """
    word = fold(word)
    word = re.sub(r"[^a-z]", "", word).replace("ph", "f").replace("th", "t").replace("ck", "k")
    if not word:
        return ""
    head, rest = word[0], word[1:].translate(_SOUND_MAP)
    rest = re.sub(r"[aeiouyhw]", "", rest)
    key = head.translate(_SOUND_MAP) + rest
    return re.sub(r"(.)\1+", r"\1", key)


def alike(a: str, b: str) -> float:
    """0..1: how much two words (or short runs) look or sound alike.

    >>> round(alike("lagged", "led"), 2), round(alike("CCN", "CNN"), 2), alike("lethal", "kinetic") < 0.5
    (0.72, 0.9, True)
    """
    if not a or not b:
        return 0.0
    look = Indel.normalized_similarity(fold(a), fold(b))
    sound = Indel.normalized_similarity(sound_key(a), sound_key(b)) if sound_key(a) and sound_key(b) else 0.0
    return max(look, sound * 0.9 if sound_key(a)[:1] == sound_key(b)[:1] else sound * 0.6)


# ---------------------------------------------------------------- TF-IDF on words and characters

_WORD_HASHER = HashingVectorizer(n_features=2**20, alternate_sign=False, norm=None, token_pattern=r"(?u)\b\w\w+\b",
                                 stop_words=sorted(STOPWORDS), dtype=np.float32)  # fmt: skip
_CHAR_HASHER = HashingVectorizer(n_features=2**20, alternate_sign=False, norm=None, analyzer="char_wb", ngram_range=(4, 4),
                                 dtype=np.float32)  # fmt: skip
TEXTS_PER_SLICE = 2_000  # texts are counted this many at a time
_HASHERS = (_WORD_HASHER, _CHAR_HASHER)


class TfidfWeights:
    """TF-IDF on words and character 4-grams (weighted alike), its IDF learnt from the texts
    :meth:`add` is given, a slice at a time: only the count of texts per hashed feature is
    kept (a fixed size, however many texts), so the rows of a large batch can be made a
    few at a time with :meth:`rows` and let go.

    >>> tfidf = TfidfWeights()
    >>> tfidf.add(["lethal strike on a boat", "a lethal strike on a boat", "peace talks"])
    >>> rows = tfidf.rows(["lethal strike on a boat", "a lethal strike on a boat", "peace talks"])
    >>> [round(float(x), 1) for x in cosines(rows[[0, 0]], rows[[1, 2]])]
    [1.0, 0.0]
    """

    def __init__(self) -> None:
        self.texts = 0
        self.df = [np.zeros(hasher.n_features, dtype=np.int32) for hasher in _HASHERS]
        self._idfs: list[np.ndarray] = []

    def add(self, texts: Iterable[str]) -> None:
        """Count ``texts`` (read once) into the IDF."""
        it = iter(texts)
        while chunk := list(islice(it, TEXTS_PER_SLICE)):
            for df, part in zip(self.df, _counts(chunk)):
                df += np.bincount(part.indices, minlength=part.shape[1]).astype(np.int32)
            self.texts += len(chunk)
            self._idfs = []

    def rows(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """L2-normalised rows of ``texts``: row ``i`` dot row ``j`` is their cosine.

        The columns are only the features these texts use (scipy's products cost the
        matrix's width on every call), so compare rows of one call with each other.
        """
        if not self._idfs:  # worked out once all texts are counted
            self._idfs = [(np.log((1 + self.texts) / (1 + df.astype(np.int64))) + 1.0).astype(np.float32)
                          for df in self.df]  # fmt: skip
        blocks = []
        for part, idf in zip(_counts(texts), self._idfs):
            used, inverse = np.unique(part.indices, return_inverse=True)  # in order: the sums come out the same
            part = sparse.csr_matrix((1.0 + np.log(part.data), inverse.astype(np.int32), part.indptr),
                                     shape=(part.shape[0], len(used)))  # fmt: skip
            blocks.append(_l2(part.multiply(idf[used][np.newaxis, :]).tocsr()))
        return _l2(sparse.hstack(blocks).tocsr())


def _counts(texts: Sequence[str]) -> list[sparse.csr_matrix]:
    """Hashed word and character 4-gram counts of ``texts``, one matrix per hasher."""
    # a lone surrogate (possible in an Article built by hand) would stop the hashers' UTF-8 step
    folded = [fold(t[:MAX_VECTOR_CHARS]).encode("utf-8", "replace").decode("utf-8") for t in texts]
    return [hasher.transform(folded).tocsr() for hasher in _HASHERS]


def _l2(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ matrix


def cosines(rows: sparse.csr_matrix, others: sparse.csr_matrix) -> np.ndarray:
    """Cosine of each row of ``rows`` with the same row of ``others`` (rows of one :meth:`TfidfWeights.rows`)."""
    return np.asarray(rows.multiply(others).sum(axis=1), dtype=np.float32).ravel()
