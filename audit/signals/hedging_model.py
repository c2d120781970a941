"""Sentence uncertainty from a small linear model that scores candidate cue words.

The model follows the cue-detection design that did best at CoNLL-2010: every word that
was ever an uncertainty cue in the training data ("may", "if", "considered", "would" ...)
is a *candidate*; a logistic regression over the word and its neighbours decides whether
this occurrence is a cue ("may" the modal, not "May 20"; "would" of a hypothesis, not of
a habit). A sentence is uncertain when its most probable cue passes a threshold chosen by
cross-validation on the training sentences only.

The model is trained by ``evaluation/hedging_szarvas.py --train`` on the training portion
of the Szarvas et al. (2012) uncertainty corpus and shipped as ``models/uncertainty.skops``.
It is loaded once per process with an explicit list of trusted types; when the file is
missing or not trusted, :func:`load_model` returns None and the signal uses rules only.

>>> words = "Officials said the boat may have carried drugs".split()
>>> f = cue_features(words, 4)
>>> f["word_after=may_have"], f["word_capitalised=may_False"], f["before=boat"]
(1.0, 1.0, 1.0)
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from scipy.special import expit
from sklearn.feature_extraction import FeatureHasher
from sklearn.linear_model import LogisticRegression

from audit.paths import models_dir

MODEL_PATH = models_dir() / "uncertainty.skops"
N_FEATURES = 2**18
WINDOW = 4  # words either side that go into the bag-of-context features
# the only types the model file may contain beyond what skops trusts by default
TRUSTED_TYPES = ["sklearn.linear_model._logistic.LogisticRegression"]
log = logging.getLogger(__name__)


def cue_features(words: Sequence[str], index: int, lower: Sequence[str] | None = None) -> dict[str, float]:
    """Features (each worth 1.0) of the word at ``index`` as a possible cue: itself, its neighbours,
    its shape, and the bag of lower-case words within ``WINDOW`` either side (``lower``: the
    sentence's words in lower case, when the caller has them already).

    Built in one pass with no intermediate window: this runs for every candidate of every sentence.
    """
    if lower is None:
        lower = [w.lower() for w in words[max(0, index - WINDOW): index + WINDOW + 1]]
        index, words = min(index, WINDOW), words[max(0, index - WINDOW): index + WINDOW + 1]
    n = len(lower)
    word = lower[index]
    before = lower[index - 1] if index >= 1 else "<s>"
    before2 = lower[index - 2] if index >= 2 else "<s>"
    after = lower[index + 1] if index + 1 < n else "</s>"
    after2 = lower[index + 2] if index + 2 < n else "</s>"
    shape = _shape(after)
    capitalised = words[index][:1].isupper() and index > 0
    features = dict.fromkeys((
        "word=" + word,
        f"word_capitalised={word}_{capitalised}",
        "before=" + before,
        "before2=" + before2,
        "after=" + after,
        "after2=" + after2,
        f"before_word={before}_{word}",
        f"word_after={word}_{after}",
        f"word_after2={word}_{after}_{after2}",
        "after_shape=" + shape,
        f"word_after_shape={word}_{shape}",
    ), 1.0)  # fmt: skip
    for left in lower[max(0, index - WINDOW): index]:
        features["bag_left=" + left] = 1.0
    for right in lower[index + 1: index + WINDOW + 1]:
        features["bag_right=" + right] = 1.0
    return features


def _shape(word: str) -> str:
    if word[:1].isdigit():
        return "digit"
    if word[:1].isalpha():
        return "word"
    return "mark"


@dataclass
class UncertaintyModel:
    """Candidate cue words, the classifier that scores them, and the sentence threshold."""

    vocabulary: frozenset[str]
    classifier: LogisticRegression
    threshold: float

    def candidates(self, words: Sequence[str], lower: Sequence[str] | None = None) -> list[int]:
        """Indices of the words that are possible cues (``lower``: the words in lower case, if known)."""
        lower = [w.lower() for w in words] if lower is None else lower
        return [i for i, w in enumerate(lower) if w in self.vocabulary]

    def cue_probabilities(self, sentences: Sequence[Sequence[str]], lowered: Sequence[Sequence[str]] | None = None,
                          chosen: Sequence[Sequence[int]] | None = None) -> list[list[tuple[int, float]]]:  # fmt: skip
        """For each sentence (a list of words), (word index, cue probability) of each candidate.

        All candidates of all sentences go through the classifier in one call, so an
        article costs one matrix product however many sentences it has. Each sentence is
        put in lower case once, not once per candidate window (``lowered``: the sentences'
        words in lower case, when the caller has them already). ``chosen``: per sentence, the
        candidates to score when the caller needs only some (a candidate's figure does not
        depend on which others are scored with it).
        """
        out: list[list[tuple[int, float]]] = [[] for _ in sentences]
        positions, features = [], []
        for s, words in enumerate(sentences):
            lower = [w.lower() for w in words] if lowered is None else lowered[s]
            for i in self.candidates(words, lower) if chosen is None else chosen[s]:
                positions.append((s, i))
                features.append(cue_features(words, i, lower))
        if positions:
            for (s, i), p in zip(positions, self._probabilities(_hasher().transform(features))):
                out[s].append((i, float(p)))
        return out

    def _probabilities(self, rows: sp.csr_matrix) -> np.ndarray:
        """``classifier.predict_proba(rows)[:, 1]`` without its input checks (a fifth of the model's time).

        The same product, sum and logistic function as scikit-learn's binary logistic
        regression (the model has two classes), so the figures are equal to the last bit (tested).
        """
        return expit(rows @ self.classifier.coef_.T + self.classifier.intercept_)[:, 0]

    def sentence_probabilities(self, sentences: Sequence[Sequence[str]]) -> list[float]:
        """Probability that each sentence holds an uncertainty cue (its likeliest cue's)."""
        return [max((p for _, p in cues), default=0.0) for cues in self.cue_probabilities(sentences)]

    @classmethod
    def train(cls, sentences: Sequence[Sequence[str]], cues: Sequence[Sequence[str]],
              threshold: float = 0.5, c: float = 1.0) -> UncertaintyModel:
        """Fit on sentences (lists of words) and, per sentence, its annotated cue strings.

        A candidate occurrence is a positive example when its word starts one of the
        sentence's cues (the corpus gives cue strings, not positions).
        """
        vocabulary = frozenset(cue.split()[0].lower() for sentence_cues in cues for cue in sentence_cues if cue.split())
        model = cls(vocabulary, LogisticRegression(C=c, max_iter=3000), threshold)
        features, labels = [], []
        for words, sentence_cues in zip(sentences, cues):
            first_words = {cue.split()[0].lower() for cue in sentence_cues if cue.split()}
            for i in model.candidates(words):
                features.append(cue_features(words, i))
                labels.append(words[i].lower() in first_words)
        model.classifier.fit(_hasher().transform(features), np.array(labels))
        return model

    def save(self, path: Path) -> None:
        import skops.io

        payload = {"vocabulary": sorted(self.vocabulary), "classifier": self.classifier,
                   "threshold": float(self.threshold), "n_features": N_FEATURES}  # fmt: skip
        path.parent.mkdir(parents=True, exist_ok=True)
        skops.io.dump(payload, path, compression=8, compresslevel=9)  # 8 = zipfile.ZIP_DEFLATED


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> UncertaintyModel | None:
    """The shipped model, loaded once per process; None (rules only) when absent or untrusted."""
    if not path.is_file():
        return None
    try:
        import skops.io

        unexpected = set(skops.io.get_untrusted_types(file=path)) - set(TRUSTED_TYPES)
        if unexpected:
            log.warning("not loading %s: untrusted types %s", path, sorted(unexpected))
            return None
        payload = skops.io.load(path, trusted=TRUSTED_TYPES)
        if payload.get("n_features") != N_FEATURES:
            return None
        return UncertaintyModel(frozenset(payload["vocabulary"]), payload["classifier"], float(payload["threshold"]))
    except Exception as error:  # a corrupt or foreign file must not break an audit
        log.warning("not loading %s: %s", path, error)
        return None


@lru_cache(maxsize=1)
def _hasher() -> FeatureHasher:
    return FeatureHasher(N_FEATURES, input_type="dict", alternate_sign=False)
