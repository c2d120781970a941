"""Training and honest evaluation of the two readings (credibility, bias).

The model: each score made roughly normal and standardised (Yeo-Johnson power
transform: tames the long tails of counts and copes with the many zeros), then an
L2-regularised logistic regression (C per reading, chosen by grouped cross-validation
among the variants in evaluation/classifier_variants.py: 1.0 for credibility, 0.1 for
bias), calibrated with a sigmoid fitted on out-of-fold scores from shuffled stratified
folds. (Calibration folds grouped by publisher were tried: in the outer grouped
evaluation they gave no better Brier score and cost 0.026 pooled ROC-AUC on
credibility, because each fold's sigmoid then follows which outlets it happened to hold
out.) A linear model keeps every reading explainable: feature effect = coefficient x
standardised value.

Evaluation runs the whole recipe (calibration included) inside an outer cross-
validation twice: folds grouped by publisher domain (the honest figure: the model never
sees the test outlet) and naive shuffled folds (the optimistic figure a random split
gives, printed beside it so the gap shows).

>>> summary = figures(np.array([1, 0, 1, 0]), np.array([0.9, 0.2, 0.6, 0.4]), flagged=1)
>>> summary["roc_auc"], summary["accuracy"]
(1.0, 1.0)
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, brier_score_loss, f1_score, roc_auc_score
from sklearn.model_selection import GroupKFold, StratifiedKFold
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import PowerTransformer

from audit import __version__
from audit.features import declared_features, extract, meanings

FOLDS = 5
SEED = 0
FORMAT = "audit-classifier/1"
# what probability 1 means, which class F1 is reported for (the one the reading warns about),
# and the logistic regression's inverse penalty C
TARGET_INFO: dict[str, dict[str, Any]] = {
    "credibility": {"positive": "credible", "negative": "not credible", "flagged": 0, "C": 1.0},
    "bias": {"positive": "hyperpartisan", "negative": "not hyperpartisan", "flagged": 1, "C": 0.1},
}


@dataclass
class TrainingSet:
    """Feature matrix, labels and groups, after leaving out unusable features and rows."""

    X: pd.DataFrame
    y: np.ndarray
    groups: np.ndarray
    datasets: np.ndarray
    excluded: dict[str, str] = field(default_factory=dict)  # feature -> why it was left out
    dropped_rows: int = 0


def build_training_set(frame: pd.DataFrame, *, jobs: int = 1, cache: Path | None = None,
                       progress: bool = False) -> TrainingSet:  # fmt: skip
    """Extract features for a cleaned dataset (see :mod:`audit.datasets`)."""
    X = extract(list(frame.text), jobs=jobs, cache=cache, progress=progress)
    excluded = {}
    for name in X.columns:
        if X[name].isna().all():
            excluded[name] = "no training article produced it (cross-source scores need a batch of articles on one story)"
        elif X[name].nunique(dropna=True) < 2:
            excluded[name] = "the same value for every training article"
    X = X.drop(columns=list(excluded))
    usable = X.notna().all(axis=1).to_numpy()
    return TrainingSet(
        X=X[usable].reset_index(drop=True),
        y=frame.label.to_numpy()[usable].astype(int),
        groups=frame.group.to_numpy()[usable].astype(str),
        datasets=frame.dataset.to_numpy()[usable].astype(str),
        excluded=excluded,
        dropped_rows=int((~usable).sum()),
    )


def make_model(C: float = 0.1) -> Pipeline:
    """The uncalibrated recipe: power-transform and standardise, then logistic regression."""
    return Pipeline([("scale", PowerTransformer(method="yeo-johnson", standardize=True)),
                     ("logit", LogisticRegression(C=C, max_iter=2000))])  # fmt: skip


def fit(X: pd.DataFrame, y: np.ndarray, *, C: float = 0.1) -> CalibratedClassifierCV:
    """Fit the recipe on all rows; calibrate a sigmoid on out-of-fold scores (shuffled stratified folds)."""
    smallest = int(min(np.bincount(y, minlength=2)))
    if smallest < 2:
        raise ValueError("each class needs at least two articles")
    folds = StratifiedKFold(n_splits=min(FOLDS, smallest), shuffle=True, random_state=SEED)
    return CalibratedClassifierCV(make_model(C), method="sigmoid", cv=folds, ensemble=False).fit(X, y)


def out_of_fold(ts: TrainingSet, *, grouped: bool, C: float = 0.1) -> np.ndarray:
    """Probability of class 1 for every row, each predicted by a model that never saw its fold."""
    proba = np.zeros(len(ts.y))
    for train, test in _splits(ts.X, ts.y, ts.groups, grouped=grouped):
        model = fit(ts.X.iloc[train], ts.y[train], C=C)
        proba[test] = model.predict_proba(ts.X.iloc[test])[:, 1]
    return proba


def figures(y: np.ndarray, proba: np.ndarray, *, flagged: int) -> dict[str, float]:
    """ROC-AUC, accuracy, F1 of the flagged class, macro F1 and Brier score at threshold 0.5."""
    predicted = (proba >= 0.5).astype(int)
    both = len(set(y.tolist())) == 2
    return {
        "roc_auc": round(float(roc_auc_score(y, proba)), 3) if both else float("nan"),
        "accuracy": round(float(accuracy_score(y, predicted)), 3),
        "f1_flagged": round(float(f1_score(y, predicted, pos_label=flagged, zero_division=0)), 3),
        "macro_f1": round(float(f1_score(y, predicted, average="macro", zero_division=0)), 3),
        "brier": round(float(brier_score_loss(y, proba)), 3),
        "n": len(y),
    }


def evaluate(ts: TrainingSet, target: str) -> dict[str, Any]:
    """Grouped and random cross-validated figures, with the out-of-fold probabilities."""
    flagged = TARGET_INFO[target]["flagged"]
    result: dict[str, Any] = {"proba": {}, "figures": {}, "by_dataset": {}}
    for name, grouped in (("grouped", True), ("random", False)):
        proba = out_of_fold(ts, grouped=grouped, C=TARGET_INFO[target]["C"])
        result["proba"][name] = proba
        result["figures"][name] = figures(ts.y, proba, flagged=flagged)
    if len(set(ts.datasets)) > 1:
        for dataset in sorted(set(ts.datasets)):
            rows = ts.datasets == dataset
            result["by_dataset"][dataset] = figures(ts.y[rows], result["proba"]["grouped"][rows], flagged=flagged)
    return result


def model_bundle(ts: TrainingSet, target: str, evaluation: dict[str, Any], trained_on: list[str]) -> dict[str, Any]:
    """Everything the saved file holds: the fitted model and what a reader needs to trust it."""
    model = fit(ts.X, ts.y, C=TARGET_INFO[target]["C"])
    described = meanings()
    return {
        "format": FORMAT,
        "target": target,
        "model": model,
        "features": list(ts.X.columns),
        "meanings": {name: described.get(name, name) for name in ts.X.columns},
        "typical": {name: float(ts.X[name].median()) for name in ts.X.columns},
        "excluded_features": dict(ts.excluded),
        "classes": {"1": TARGET_INFO[target]["positive"], "0": TARGET_INFO[target]["negative"]},
        "figures": evaluation["figures"],
        "trained_on": trained_on,
        "rows": int(len(ts.y)),
        "positives": int(ts.y.sum()),
        "groups": int(len(set(ts.groups))),
        "audit_version": __version__,
        "trained": dt.date.today().isoformat(),
        "signals_declared": declared_features(),
    }


def coefficients(bundle: dict[str, Any]) -> pd.Series:
    """The logistic coefficients by feature (per standard deviation of the transformed score), largest first."""
    logit = bundle["model"].calibrated_classifiers_[0].estimator[-1]
    return pd.Series(logit.coef_[0], index=bundle["features"]).sort_values(key=abs, ascending=False)


def describe_data(frame: pd.DataFrame, dropped: dict[str, int]) -> list[str]:
    """One line per dataset: rows, share of class 1, groups; then what cleaning dropped."""
    lines = [f"{name}: {len(part)} articles, {part.label.mean():.0%} class 1, {part.group.nunique()} groups"
             for name, part in frame.groupby("dataset")]  # fmt: skip
    lines.append("dropped in cleaning: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in dropped.items()))
    return lines


def file_version(path: Path) -> str:
    """A short content hash naming one saved model."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def _splits(X: pd.DataFrame, y: np.ndarray, groups: np.ndarray, *, grouped: bool) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    if grouped:
        n_groups = len(set(groups.tolist()))
        if n_groups < 2:
            raise ValueError("grouped cross-validation needs at least two groups (publishers)")
        return GroupKFold(n_splits=min(FOLDS, n_groups)).split(X, y, groups)
    smallest = int(min(np.bincount(y, minlength=2)))
    if smallest < 2:
        raise ValueError("each class needs at least two articles")
    return StratifiedKFold(n_splits=min(FOLDS, smallest), shuffle=True, random_state=SEED).split(X, y)
