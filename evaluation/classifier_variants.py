"""Compare classifier recipes for the credibility and bias readings, honestly.

Every variant is scored on the same rows: the whole cleaned training set of the reading,
with grouped cross-validation (GroupKFold by publisher domain). A variant may change the
features, the model, or which training rows (and weights) the model learns from; it
never changes the rows it is scored on.

Choosing among many variants on the same folds would flatter the winner, so the script
also runs the *selection itself* inside the cross-validation (nested): for each outer
grouped fold, the variant with the best inner grouped ROC-AUC on the training part is
picked and then scored on the outer fold, which it never saw. That nested figure is the
honest estimate of "pick the best of these variants"; the per-variant rows are shown for
information.

Features come from the `audit train` cache (evaluation/out/features/; run `audit evaluate
--jobs 2` first); the style signal's scores are computed here when the cache predates it.

    python evaluation/classifier_variants.py [--target credibility|bias|all] [--cache FILE ...]

Needs ../shared/data (developers' machines only): exits with a message when absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, roc_auc_score
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import PowerTransformer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from audit import datasets
from audit.features import cache_key

CACHE_DIR = ROOT / "evaluation" / "out" / "features"
FOLDS = 5
# raw counts grow with the article's length; their rates carry the same idea without it
SIZE_FEATURES = ["readability.words", "readability.sentences", "attribution.distinct_sources",
                 "attribution.named_sources", "attribution.direct_quotes", "attribution.unattributed_quotes",
                 "attribution.unattributed_claims", "hedging.source_hedges", "hedging.source_boosters_and_loaded"]  # fmt: skip


def logistic(C: float = 0.1) -> Pipeline:
    return Pipeline([("scale", PowerTransformer()), ("logit", LogisticRegression(C=C, max_iter=2000))])


def boosting() -> HistGradientBoostingClassifier:
    return HistGradientBoostingClassifier(max_depth=3, learning_rate=0.05, max_iter=200, l2_regularization=1.0,
                                          min_samples_leaf=40, random_state=0)  # fmt: skip


def balanced_weights(frame: pd.DataFrame) -> np.ndarray:
    """Each data set weighs the same in total, whatever its size."""
    counts = frame.dataset.map(frame.dataset.value_counts())
    return (len(frame) / frame.dataset.nunique() / counts).to_numpy()


# name -> (feature columns chooser, model factory, training-row filter, sample weights)
Variant = tuple[Callable[[list[str]], list[str]], Callable[[], object], Callable[[pd.DataFrame], np.ndarray] | None,
                Callable[[pd.DataFrame], np.ndarray] | None]  # fmt: skip


def variants(target: str) -> dict[str, Variant]:
    base = lambda cols: [c for c in cols if not c.startswith(("style.", "stacked."))]
    every = lambda cols: [c for c in cols if not c.startswith("stacked.")]
    stacked = lambda cols: cols
    rates = lambda cols: [c for c in cols if c not in SIZE_FEATURES]
    out: dict[str, Variant] = {
        "logistic, signal scores (shipped before)": (base, logistic, None, None),
        "logistic, + style": (every, logistic, None, None),
        "logistic C=1, + style": (every, lambda: logistic(1.0), None, None),
        "logistic, + style, rates only (no raw counts)": (rates, logistic, None, None),
        "boosting, + style": (every, boosting, None, None),
    }
    if target == "credibility":
        out |= {
            "logistic, + style, data sets weighted equally": (every, logistic, None, balanced_weights),
            "logistic, + style, not trained on FA-KES": (every, logistic, lambda f: (f.dataset != "FA-KES").to_numpy(), None),
            "logistic, + style, not trained on BuzzFeed 'mixture'": (every, logistic, lambda f: (f.veracity != "mixture of true and false").to_numpy(), None),
            "logistic C=1, + style + the bias reading (stacked)": (stacked, lambda: logistic(1.0), None, None),
        }  # fmt: skip
    return out


def load(target: str, caches: list[Path]) -> pd.DataFrame:
    """The cleaned training set with its cached signal scores and freshly computed style scores."""
    frame, _ = datasets.shared_dataset(target)
    if target == "credibility":
        raw = pd.read_csv(datasets.SHARED_DATA / "BuzzFeed-Webis-2016" / "buzzfeed_webis_2016_articles.csv")
        veracity = {datasets.strip_furniture(t, title): v for t, title, v in
                    zip(raw.mainText.fillna(""), raw.title.fillna(""), raw.veracity)}  # fmt: skip
        frame["veracity"] = [veracity.get(t, "") if d == "BuzzFeed-Webis-2016" else "" for t, d in zip(frame.text, frame.dataset)]
    stored: dict[str, dict] = {}
    for cache in caches:
        for line in cache.open(encoding="utf-8"):
            record = json.loads(line)
            if record["row"]:
                stored[record["key"]] = record["row"]
    rows = [stored.get(cache_key(text)) for text in frame.text]
    found = np.array([r is not None for r in rows])
    print(f"{target}: {found.sum()} of {len(frame)} texts have cached scores", file=sys.stderr)
    frame = frame[found].reset_index(drop=True)
    scores = pd.DataFrame([r for r in rows if r is not None]).drop(columns=["hedging.uncertainty_model"], errors="ignore")
    scores = scores.loc[:, scores.notna().all() & (scores.nunique() > 1)]
    if not any(c.startswith("style.") for c in scores.columns):  # a cache from before the style signal
        scores = pd.concat([scores, style_scores(list(frame.text))], axis=1)
    return pd.concat([frame, scores], axis=1)


def add_bias_reading(frame: pd.DataFrame, caches: list[Path]) -> pd.DataFrame:
    """The bias model's log-odds (trained on SemEval, a different data set) as one more credibility feature."""
    bias = load("bias", caches)
    cols = [c for c in bias.columns if "." in c and c in frame.columns]
    model = logistic().fit(bias[cols], bias.label)
    frame["stacked.bias_log_odds"] = model.decision_function(frame[cols])
    return frame


def style_scores(texts: list[str]) -> pd.DataFrame:
    from audit.corpus import Article
    from audit.signals.style import analyse
    from audit.text import Document

    rows = [analyse(Document.from_article(Article.from_text(t, id="training"))).scores for t in texts]
    return pd.DataFrame(rows).add_prefix("style.")


def fit_predict(variant: Variant, frame: pd.DataFrame, train: np.ndarray, test: np.ndarray, columns: list[str]) -> np.ndarray:
    choose, make, keep, weigh = variant
    cols = choose(columns)
    part = frame.iloc[train]
    rows = keep(part) if keep else np.ones(len(part), bool)
    model = make()
    weights = weigh(part)[rows] if weigh else None
    step = "logit__sample_weight" if isinstance(model, Pipeline) else "sample_weight"
    model.fit(part[cols][rows], part.label[rows], **({step: weights} if weights is not None else {}))
    return model.predict_proba(frame.iloc[test][cols])[:, 1]


def grouped_auc(variant: Variant, frame: pd.DataFrame, columns: list[str]) -> tuple[float, np.ndarray]:
    proba = np.zeros(len(frame))
    for train, test in GroupKFold(FOLDS).split(frame, frame.label, frame.group):
        proba[test] = fit_predict(variant, frame, train, test, columns)
    return roc_auc_score(frame.label, proba), proba


def calibration_setups(frame: pd.DataFrame, columns: list[str], C: float) -> None:
    """The chosen recipe with no calibration, a sigmoid on grouped inner folds, and a sigmoid on shuffled inner folds."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.metrics import brier_score_loss
    from sklearn.model_selection import StratifiedKFold

    cols = [c for c in columns if not c.startswith("stacked.")]
    X, y, groups = frame[cols], frame.label.to_numpy(), frame.group.to_numpy()
    print("\nCalibration set-ups for the chosen recipe (outer grouped CV):\n")
    print("| calibration | grouped ROC-AUC | Brier | accuracy at 0.5 |\n|---|---|---|---|")
    for name in ("none", "sigmoid, grouped inner folds", "sigmoid, shuffled inner folds"):
        proba = np.zeros(len(y))
        for train, test in GroupKFold(FOLDS).split(X, y, groups):
            if name == "none":
                model = logistic(C)
            else:
                inner = (list(GroupKFold(FOLDS).split(X.iloc[train], y[train], groups[train])) if "grouped" in name
                         else StratifiedKFold(FOLDS, shuffle=True, random_state=0))  # fmt: skip
                model = CalibratedClassifierCV(logistic(C), method="sigmoid", cv=inner, ensemble=False)
            proba[test] = model.fit(X.iloc[train], y[train]).predict_proba(X.iloc[test])[:, 1]
        print(f"| {name} | {roc_auc_score(y, proba):.3f} | {brier_score_loss(y, proba):.3f} "
              f"| {accuracy_score(y, proba >= 0.5):.3f} |", flush=True)  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", choices=("credibility", "bias", "all"), default="all")
    parser.add_argument("--cache", nargs="*", type=Path, help="feature cache files (default: every file in the cache folder)")
    args = parser.parse_args()
    if not datasets.SHARED_DATA.is_dir():
        print(f"{datasets.SHARED_DATA} is absent: this script needs the public data sets", file=sys.stderr)
        return 2
    caches = args.cache or sorted(CACHE_DIR.glob("features-*.jsonl"), key=lambda p: p.stat().st_mtime)
    for target in ("credibility", "bias") if args.target == "all" else (args.target,):
        started = time.process_time()
        frame = load(target, caches)
        if target == "credibility":
            frame = add_bias_reading(frame, caches)
        columns = [c for c in frame.columns if "." in c]
        options = variants(target)
        print(f"\n## {target}: {len(frame)} articles, {frame.group.nunique()} groups, {len(options)} variants\n")
        print("| variant | grouped ROC-AUC | accuracy at 0.5 (uncalibrated) | " +
              " | ".join(sorted(set(frame.dataset))) + " |")  # fmt: skip
        print("|---" * (3 + frame.dataset.nunique()) + "|")
        for name, variant in options.items():
            auc, proba = grouped_auc(variant, frame, columns)
            per = [roc_auc_score(frame.label[m], proba[m]) if frame.label[m].nunique() == 2 else float("nan")
                   for m in (frame.dataset == d for d in sorted(set(frame.dataset)))]  # fmt: skip
            acc = accuracy_score(frame.label, proba >= 0.5)
            print(f"| {name} | {auc:.3f} | {acc:.3f} | " + " | ".join(f"{x:.3f}" for x in per) + " |", flush=True)
        print("\nNested selection (inner grouped CV on each outer training part picks the variant):\n")
        proba = np.zeros(len(frame))
        for train, test in GroupKFold(FOLDS).split(frame, frame.label, frame.group):
            inner = frame.iloc[train].reset_index(drop=True)
            scored = {name: grouped_auc(v, inner, columns)[0] for name, v in options.items()}
            best = max(scored, key=scored.get)
            print(f"- outer fold of {len(test)} articles: picked '{best}' (inner ROC-AUC {scored[best]:.3f})", flush=True)
            proba[test] = fit_predict(options[best], frame, train, test, columns)
        print(f"\nnested grouped ROC-AUC: {roc_auc_score(frame.label, proba):.3f}; "
              f"accuracy at 0.5 (uncalibrated): {accuracy_score(frame.label, proba >= 0.5):.3f} "
              f"({time.process_time() - started:.0f} CPU s)")  # fmt: skip
        calibration_setups(frame, columns, C=1.0 if target == "credibility" else 0.1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
