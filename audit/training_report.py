"""The ``audit train`` and ``audit evaluate`` work: load data, extract features,
cross-validate, print the figures as Markdown, draw the reliability diagram, and (for
``train``) save the model.

>>> print(figures_table({"grouped": {"roc_auc": 0.8, "accuracy": 0.7, "f1_flagged": 0.5,
...     "macro_f1": 0.6, "brier": 0.2, "n": 10}}))
| split | ROC-AUC | accuracy | F1 (flagged class) | macro F1 | Brier | n |
|---|---|---|---|---|---|---|
| grouped | 0.800 | 0.700 | 0.500 | 0.600 | 0.200 | 10 |
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from audit import datasets, training
from audit.classifier import model_path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CACHE = ROOT / "evaluation" / "out" / "features"
SPLIT_NAMES = {
    "grouped": "grouped (GroupKFold by publisher domain: no outlet in both train and test)",
    "random": "random (shuffled StratifiedKFold: the same outlets on both sides)",
}


@dataclass
class Run:
    """One target's evaluation, ready to print or save."""

    target: str
    markdown: str
    bundle: dict[str, Any] | None = None


def run(target: str, *, csv: str | None = None, jobs: int = 1, cache: Path | None = DEFAULT_CACHE,
        figures_dir: Path | None = None, save: bool = False, progress: bool = False) -> Run:  # fmt: skip
    """Evaluate (and with ``save`` fit on everything) one reading from ../shared/data or ``csv``."""
    started = time.monotonic()
    frame, dropped = datasets.csv_dataset(csv) if csv else datasets.shared_dataset(target)
    ts = training.build_training_set(frame, jobs=jobs, cache=cache, progress=progress)
    if len(ts.X.columns) == 0:
        raise ValueError("no usable features: every declared score was missing or constant")
    evaluation = training.evaluate(ts, target)
    trained_on = [csv] if csv else sorted(set(frame.dataset))
    bundle = training.model_bundle(ts, target, evaluation, trained_on) if save else None
    if figures_dir is not None:
        reliability_diagram(ts.y, evaluation["proba"], figures_dir / f"{target}_reliability.png", target)
    lines = [f"## {target}: P({training.TARGET_INFO[target]['positive']})", ""]
    lines += [f"- {line}" for line in training.describe_data(frame, dropped)]
    lines.append(f"- usable: {len(ts.y)} articles ({ts.dropped_rows} dropped: a signal failed), "
                 f"{len(set(ts.groups))} publisher groups, {len(ts.X.columns)} features")  # fmt: skip
    lines.append(f"- model: Yeo-Johnson scaling, logistic regression (C={training.TARGET_INFO[target]['C']:g}), "
                 "sigmoid calibration fitted on out-of-fold scores (shuffled stratified folds)")  # fmt: skip
    for name, why in ts.excluded.items():
        lines.append(f"- feature left out: `{name}`: {why}")
    lines += ["", figures_table(evaluation["figures"]), ""]
    if evaluation["by_dataset"]:
        lines += ["Grouped out-of-fold predictions, scored within each data set:", "",
                  figures_table(evaluation["by_dataset"], first="data set"), ""]  # fmt: skip
    if bundle is not None:
        weights = training.coefficients(bundle)
        lines += ["Largest coefficients (log-odds per standard deviation of the power-transformed score):", ""]
        lines += [f"- `{name}`: {value:+.2f}" for name, value in weights.head(8).items()]
        lines.append("")
    lines.append(f"({time.monotonic() - started:.0f} s)")
    return Run(target=target, markdown="\n".join(lines), bundle=bundle)


def save(bundle: dict[str, Any], model_dir: Path | None = None) -> Path:
    """Write a model bundle with skops; return the path."""
    import skops.io as sio

    path = model_path(bundle["target"], model_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    sio.dump(bundle, path)
    return path


def figures_table(rows: dict[str, dict[str, float]], first: str = "split") -> str:
    """The figures as a Markdown table, one row per split or data set."""
    head = f"| {first} | ROC-AUC | accuracy | F1 (flagged class) | macro F1 | Brier | n |\n|---|---|---|---|---|---|---|"
    body = [
        f"| {name} | {f['roc_auc']:.3f} | {f['accuracy']:.3f} | {f['f1_flagged']:.3f} | {f['macro_f1']:.3f} "
        f"| {f['brier']:.3f} | {f['n']} |"
        for name, f in rows.items()
    ]
    return "\n".join([head, *body])


def reliability_diagram(y: np.ndarray, probas: dict[str, np.ndarray], path: Path, target: str) -> Path:
    """Predicted probability against observed frequency (10 equal-count bins) for each split."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.calibration import calibration_curve

    fig, (curve, counts) = plt.subplots(2, 1, figsize=(5.5, 6.5), height_ratios=[3, 1], sharex=True)
    curve.plot([0, 1], [0, 1], linestyle=":", color="grey", label="perfectly calibrated")
    for (name, proba), style in zip(probas.items(), ("o-", "s--")):
        observed, predicted = calibration_curve(y, proba, n_bins=10, strategy="quantile")
        curve.plot(predicted, observed, style, label=SPLIT_NAMES.get(name, name).split(" (")[0] + " CV")
        counts.hist(proba, bins=20, range=(0, 1), histtype="step", label=name)
    positive = training.TARGET_INFO[target]["positive"]
    curve.set(ylabel=f"observed share {positive}", title=f"{target}: reliability of out-of-fold probabilities")
    curve.legend(loc="upper left", fontsize=8)
    counts.set(xlabel=f"predicted P({positive})", ylabel="articles")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
