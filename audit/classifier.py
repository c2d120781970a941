"""Credibility and bias readings: two small trained models over the signals' scores.

Each reading is a calibrated probability with a label and the features that pushed it
up and down, in plain words. The two readings are never merged into one number. They
judge how an article is *written* (sourcing, hedging, style), learned from labelled
articles; they do not check facts and do not know the outlet. See models/README.md.

The models are scikit-learn objects saved with skops and loaded only when every type
in the file is on :data:`TRUSTED_TYPES`; anything else is refused with
:class:`UntrustedModelError`. When a model file is absent the reading says so and the
audit goes on.

>>> reading = readings([])  # no articles, no readings
>>> reading
[]
"""

from __future__ import annotations

import functools
import hashlib
import math
import statistics
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from audit.explain import IDEAS, idea_words, phrase
from audit.paths import models_dir

MODEL_DIR = models_dir()
READINGS = ("credibility", "bias")
FORMAT = "audit-classifier/1"
NOTE = ("Readings of how the article is written, learned from labelled articles: "
        "not a fact-check, and blind to who published it.")  # fmt: skip
# every type a model file may contain beyond plain Python and numpy containers
TRUSTED_TYPES = [
    "sklearn.calibration.CalibratedClassifierCV",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.pipeline.Pipeline",
    "sklearn.preprocessing._data.PowerTransformer",
    "sklearn.preprocessing._data.StandardScaler",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.model_selection._split.StratifiedKFold",
]
UNCERTAIN_BAND = (0.4, 0.6)  # probabilities in between are labelled "uncertain"
MIN_EFFECT = 0.05  # log-odds: smaller pushes are not worth a sentence
SHORT_TEXT_WORDS = 150
LABELS = {
    "credibility": ("likely credible", "likely not credible"),
    "bias": ("likely hyperpartisan", "likely not hyperpartisan"),
}


class UntrustedModelError(ValueError):
    """A model file holds a type that is not on the trusted list."""


def model_path(reading: str, model_dir: Path | None = None) -> Path:
    return (model_dir or MODEL_DIR) / f"{reading}.skops"


def load_model(path: Path) -> dict[str, Any]:
    """A saved model bundle, after checking every type in the file is trusted."""
    return _load_cached(Path(path).resolve(), Path(path).stat().st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _load_cached(path: Path, _mtime: int) -> dict[str, Any]:
    import skops.io as sio

    data = path.read_bytes()
    untrusted = sorted(set(sio.get_untrusted_types(data=data)) - set(TRUSTED_TYPES))
    if untrusted:
        raise UntrustedModelError(f"{path}: refusing to load a model holding untrusted type(s): {', '.join(untrusted)}")
    bundle = sio.loads(data, trusted=TRUSTED_TYPES)
    if not isinstance(bundle, dict) or bundle.get("format") != FORMAT:
        raise UntrustedModelError(f"{path}: not an audit classifier file (expected format {FORMAT})")
    bundle["version"] = hashlib.sha256(data).hexdigest()[:12]
    return bundle


def readings(results: list[Any], model_dir: Path | None = None) -> list[dict[str, Any] | None]:
    """One reading dict per article result (see module doc); the pipeline stores it
    in ``ArticleResult.classifier``."""
    if not results:
        return []
    out: list[dict[str, Any]] = [{"note": NOTE} for _ in results]
    for name in READINGS:
        path = model_path(name, model_dir)
        try:
            bundle = load_model(path)
        except FileNotFoundError:
            _all_unavailable(out, name, f"no model file at {path}; build one with `audit train --target {name}`")
            continue
        except (UntrustedModelError, ValueError, OSError) as exc:
            _all_unavailable(out, name, f"model not loaded: {exc}")
            continue
        gone = sorted(set(bundle["features"]) - set(_declared()))
        if gone:
            _all_unavailable(out, name, f"the model uses score(s) no registered signal declares any more "
                                        f"({', '.join(gone[:5])}); retrain with `audit train --target {name}`")  # fmt: skip
            continue
        for slot, reading in zip(out, _read(bundle, results)):
            slot[name] = reading
    return out


def compact(reading: dict[str, Any] | None) -> dict[str, Any] | None:
    """The part of an article's readings its summary keeps when the full reading is stored
    apart (a summary is read back for every report pass): what :func:`source_summary` and
    the index read (label, probability, the words and effect of each push; the first reason
    of a reading that is not available).

    >>> full = {"note": NOTE, "bias": {"label": "uncertain", "probability": 0.5, "reasons": ["r"],
    ...         "pushes_up": [{"words": "few named sources", "effect": 0.2, "phrase": "p"}], "model": {}}}
    >>> compact(full)["bias"]
    {'label': 'uncertain', 'probability': 0.5, 'pushes_up': [{'words': 'few named sources', 'effect': 0.2}]}
    """
    if reading is None:
        return None
    return {name: _compact_one(value) if isinstance(value, dict) else value for name, value in reading.items()}


def _compact_one(reading: dict[str, Any]) -> dict[str, Any]:
    kept = {key: reading[key] for key in ("label", "probability", "probability_of", "toward") if key in reading}
    for side in ("pushes_up", "pushes_down"):
        if side in reading:
            kept[side] = [{"words": p.get("words") or p.get("phrase", "?"), "effect": p["effect"]} for p in reading[side]]
    if "probability" not in reading:
        kept["reasons"] = reading.get("reasons", [])[:1]
    return kept


def source_summary(results: list[Any]) -> dict[str, Any]:
    """How a source's articles read on the whole, each reading on its own: count, mean,
    spread, range and labels, and the ideas that pushed most across its articles.

    A push is counted by its words ("few named sources"), summed over the articles where
    it was among the top three each way, so a source's summary says what drove its
    readings, not one article's. Readings that were not available are counted with their reasons.

    >>> source_summary([])["articles"]
    0
    """
    summary: dict[str, Any] = {"articles": len(results)}
    for name in READINGS:
        entries = [(r.classifier or {}).get(name) or {} for r in results]
        read = [e for e in entries if isinstance(e.get("probability"), (int, float))]
        probs = [float(e["probability"]) for e in read]
        summary[name] = {
            "n": len(probs),
            "probability_of": next((e.get("probability_of") for e in read if e.get("probability_of")), None),
            "mean": round(statistics.fmean(probs), 3) if probs else None,
            "sd": round(statistics.pstdev(probs), 3) if len(probs) > 1 else None,
            "min": round(min(probs), 3) if probs else None,
            "max": round(max(probs), 3) if probs else None,
            "labels": dict(Counter(e["label"] for e in read).most_common()),
            "pushes": _source_pushes(read),
            "not_available": dict(Counter(r for e in entries if e and e not in read for r in e.get("reasons", [])[:1])),
        }
    return summary


def _source_pushes(read: list[dict[str, Any]], top: int = 3) -> list[dict[str, Any]]:
    """The ideas that pushed a source's readings most, each way: words, direction, total
    effect (log-odds summed over articles) and in how many articles."""
    totals: dict[tuple[str, str], list[float]] = {}
    for entry in read:  # .get: a reading loaded from an older audit.json may lack these keys
        toward = entry.get("toward") or {}
        for push in entry.get("pushes_up", []) + entry.get("pushes_down", []):
            side = toward.get("up" if push["effect"] > 0 else "down", "")
            totals.setdefault((push.get("words") or push.get("phrase", "?"), side), []).append(push["effect"])
    ranked = sorted(totals.items(), key=lambda kv: (-abs(sum(kv[1])), kv[0]))
    out = []
    for sign in (1, -1):
        side = [(key, effects) for key, effects in ranked if sign * sum(effects) > 0][:top]
        out += [{"words": words, "toward": toward, "articles": len(effects), "effect": round(sum(effects), 3)}
                for (words, toward), effects in side]  # fmt: skip
    return out


# ---------------------------------------------------------------- one reading


def _read(bundle: dict[str, Any], results: list[Any]) -> list[dict[str, Any]]:
    import pandas as pd

    features: list[str] = bundle["features"]
    rows, missing = [], []
    for result in results:
        values = {f: _score(result, f) for f in features}
        missing.append(sorted(f for f, v in values.items() if v is None))
        rows.append({f: (math.nan if v is None else v) for f, v in values.items()})
    frame = pd.DataFrame(rows, columns=features, dtype=float)
    complete = np.array([not m for m in missing])
    proba = np.full(len(results), math.nan)
    effects = np.zeros((len(results), len(features)))
    if complete.any():
        model = bundle["model"]
        proba[complete] = model.predict_proba(frame[complete])[:, 1]
        pipeline = model.calibrated_classifiers_[0].estimator
        effects[complete] = pipeline[:-1].transform(frame[complete]) * pipeline[-1].coef_[0]
    return [
        _reading(bundle, result, frame.iloc[i], float(proba[i]), effects[i]) if complete[i]
        else _unavailable(f"score(s) missing for this article (a signal failed or was removed): {', '.join(missing[i][:5])}")
        for i, result in enumerate(results)
    ]  # fmt: skip


def _reading(bundle: dict[str, Any], result: Any, row: Any, probability: float, effects: np.ndarray) -> dict[str, Any]:
    name = bundle["target"]
    positive, negative = LABELS[name]
    low, high = UNCERTAIN_BAND
    label = positive if probability >= high else negative if probability <= low else "uncertain"
    pushes = sorted(_pushes(bundle, row, effects), key=lambda p: -abs(p["effect"]))
    up = [p for p in pushes if p["effect"] > 0][:3]
    down = [p for p in pushes if p["effect"] < 0][:3]
    toward = bundle["classes"]
    reasons = [f"{p['phrase']}: points to {toward['1'] if p['effect'] > 0 else toward['0']}" for p in pushes[:3]]
    reading: dict[str, Any] = {
        "label": label,
        "probability": round(probability, 3),
        "probability_of": toward["1"],
        "toward": {"up": toward["1"], "down": toward["0"]},
        "reasons": reasons,
        "pushes_up": up,
        "pushes_down": down,
        "model": _model_card(bundle),
    }
    length = _score(result, "readability.words")
    if length is not None and length < SHORT_TEXT_WORDS:
        reading["caution"] = f"short text ({length:g} words): the reading rests on little evidence"
    return reading


def _pushes(bundle: dict[str, Any], row: Any, effects: np.ndarray) -> list[dict[str, Any]]:
    """One push per idea: scores that say the same thing in the same words (boosters per
    sentence and per 100 words), and the scores of one idea (reading-ease formulas and
    their parts, see :data:`audit.explain.IDEAS`), are summed, so correlated scores cannot
    cancel in plain sight."""
    by_words: dict[str, dict[str, Any]] = {}
    for index in np.argsort(-np.abs(effects)):
        feature = bundle["features"][index]
        value, typical = float(row[feature]), bundle["typical"][feature]
        high, meaning = value > typical, bundle["meanings"].get(feature, "")
        text = idea_words(feature, high=high, meaning=meaning)
        key = IDEAS[feature][0] if feature in IDEAS else text  # the largest effect of an idea speaks for it
        if key in by_words:
            by_words[key]["effect"] += float(effects[index])
            by_words[key]["also"].append(feature)
            continue
        by_words[key] = {"feature": feature, "value": round(value, 4), "effect": float(effects[index]), "words": text,
                         "phrase": phrase(feature, value, typical=typical, high=high, meaning=meaning), "also": []}  # fmt: skip
    pushes = [p | {"effect": round(p["effect"], 3)} for p in by_words.values() if abs(p["effect"]) >= MIN_EFFECT]
    return [{k: v for k, v in p.items() if v or k != "also"} for p in pushes]


def _model_card(bundle: dict[str, Any]) -> dict[str, Any]:
    grouped = bundle["figures"]["grouped"]
    return {
        "name": f"audit {bundle['target']} (logistic regression on signal scores, sigmoid-calibrated)",
        "version": bundle["version"],
        "trained_on": bundle["trained_on"],
        "grouped_roc_auc": grouped["roc_auc"],
        "grouped_accuracy": grouped["accuracy"],
    }


def _declared() -> list[str]:
    from audit.signals import SIGNALS

    return [f"{s.name}.{score}" for s in SIGNALS for score in s.scores]


def _score(result: Any, feature: str) -> float | None:
    signal, _, name = feature.partition(".")
    value = result.scores.get(signal, {}).get(name)
    return None if value is None else float(value)


def _unavailable(reason: str) -> dict[str, Any]:
    return {"label": "not available", "reasons": [reason]}


def _all_unavailable(out: list[dict[str, Any]], name: str, reason: str) -> None:
    for slot in out:
        slot[name] = _unavailable(reason)
