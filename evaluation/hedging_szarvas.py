"""Sentence-level uncertainty on the Szarvas et al. (2012) corpus: train the model, score the signal.

Data: ../shared/data/uncertainty_Szarvas2012/ (developers' machines and CI only):
``wiki.cleaned.json`` (the CoNLL-2010 Wikipedia set, re-annotated for uncertainty cues:
20,747 sentences) and ``factbank.cleaned.json`` (FactBank news, 3,129 sentences). Each
item is ``{"text": ..., "ccue": {cue type: [cue strings]}}``; a sentence is uncertain
when it has any cue. The re-annotation keeps four cue types (epistemic modality, doxastic
"believe/consider", conditionals "if/would", investigation "whether"); the original
CoNLL weasel and peacock marks ("some people say", "many") are not in it, so weasels are
not counted as uncertainty here.

Split: the TEST sentences are those whose position in the list is divisible by 5
(0, 5, 10 ...); everything else is training. ``--train`` cross-validates and fits on the
training sentences only and writes models/uncertainty.skops; the default run scores the
test sentences, which nothing was trained or tuned on.

    python evaluation/hedging_szarvas.py --train   # 5-fold CV on the training split, fit, save the model
    python evaluation/hedging_szarvas.py           # F1 on the test split: regex baseline, rules, model, signal
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from audit.corpus import Article  # noqa: E402
from audit.signals.hedging_cues import find_cues  # noqa: E402
from audit.signals.hedging_model import MODEL_PATH, UncertaintyModel, load_model  # noqa: E402
from audit.text import Document  # noqa: E402

DATA = ROOT / ".." / "shared" / "data" / "uncertainty_Szarvas2012"
PARTS = {"wiki": "wiki.cleaned.json", "factbank": "factbank.cleaned.json"}
# the "dozen hedge words" baseline the issue quotes for scale
BASELINE_WORDS = ("may", "might", "could", "possibly", "perhaps", "probably", "likely", "apparently", "seems",
                  "appears", "suggests", "believed")  # fmt: skip
BASELINE = re.compile(r"\b(?:" + "|".join(BASELINE_WORDS) + r")\b", re.IGNORECASE)
C_GRID = (0.3, 1.0, 3.0)
THRESHOLD_GRID = tuple(round(0.2 + 0.05 * i, 2) for i in range(11))  # 0.20 ... 0.70


class Sentence:
    """One corpus sentence with its gold cues, tokenised by the project's text layer."""

    def __init__(self, text: str, cues: list[str]) -> None:
        self.text = text
        self.cues = cues
        self.doc = Document(Article(id="s", text=text))
        self.words = [t.text for t in self.doc.tokens]
        self.rule_hedge = any(c.kind == "hedge" for c in find_cues(self.doc))

    @property
    def uncertain(self) -> bool:
        return bool(self.cues)


def load(part: str, test: bool) -> list[Sentence]:
    path = DATA / PARTS[part]
    if not path.is_file():
        raise SystemExit(f"{path.resolve()} is absent: this evaluation needs ../shared (developers' machines and CI).")
    items = json.loads(path.read_text(encoding="utf-8"))
    return [
        Sentence(item["text"], [c.strip().lower() for cues in item["ccue"].values() for c in cues if c.strip()])
        for position, item in enumerate(items)
        if (position % 5 == 0) == test
    ]


def scores(gold: Sequence[bool], predicted: Sequence[bool]) -> tuple[float, float, float]:
    """Precision, recall and F1 of the uncertain class."""
    hits = sum(g and p for g, p in zip(gold, predicted))
    precision = hits / max(1, sum(predicted))
    recall = hits / max(1, sum(gold))
    return precision, recall, (2 * precision * recall / (precision + recall) if hits else 0.0)


def deciders(model: UncertaintyModel | None, probabilities: list[float]) -> dict[str, Callable[[int, Sentence], bool]]:
    """The ways of calling a sentence uncertain that the report compares."""
    out: dict[str, Callable[[int, Sentence], bool]] = {
        "regex baseline (12 words)": lambda i, s: bool(BASELINE.search(s.text)),
        "rules (hedges.txt)": lambda i, s: s.rule_hedge,
    }
    if model is not None:
        out["model"] = lambda i, s: probabilities[i] >= model.threshold
        out["signal (rules or model)"] = lambda i, s: s.rule_hedge or probabilities[i] >= model.threshold
    return out


def evaluate() -> None:
    model = load_model()
    if model is None:
        print(f"note: {MODEL_PATH} absent or untrusted; run with --train first. Showing rules only.\n")
    print(f"Test split = sentences at positions divisible by 5 in {DATA.resolve()}/*.cleaned.json")
    print(f"{'method':28s} {'corpus':9s} {'n':>5s} {'uncertain':>9s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    for part in PARTS:
        started = time.perf_counter()
        sentences = load(part, test=True)
        probabilities = model.sentence_probabilities([s.words for s in sentences]) if model else []
        gold = [s.uncertain for s in sentences]
        for name, decide in deciders(model, probabilities).items():
            p, r, f = scores(gold, [decide(i, s) for i, s in enumerate(sentences)])
            print(f"{name:28s} {part:9s} {len(sentences):5d} {sum(gold):9d} {p:6.3f} {r:6.3f} {f:6.3f}")
        print(f"{'':28s} ({time.perf_counter() - started:.1f} s incl. tokenising)")


def train() -> None:
    """Choose C and the threshold by 5-fold CV on the training split, then fit on all of it.

    The threshold is chosen for the decision the signal makes (a rule hedge or a model
    cue), maximising the mean F1 of the two corpora over the held-out folds.
    """
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    by_part = {part: load(part, test=False) for part in PARTS}
    sentences = [s for part in PARTS for s in by_part[part]]
    part_of = np.array([part for part in PARTS for _ in by_part[part]])
    gold = np.array([s.uncertain for s in sentences])
    rules = np.array([s.rule_hedge for s in sentences])
    strata = [f"{p}{g}" for p, g in zip(part_of, gold)]
    folds = list(StratifiedKFold(5, shuffle=True, random_state=0).split(sentences, strata))
    print(f"Training split: {len(sentences)} sentences ({', '.join(f'{p} {len(by_part[p])}' for p in PARTS)})")
    print("5-fold CV on the training split (F1 of held-out folds):")
    best = (-1.0, 0.0, 0.0)
    for c in C_GRID:
        held_out = np.zeros(len(sentences))
        for fit, check in folds:
            model = UncertaintyModel.train([sentences[i].words for i in fit], [sentences[i].cues for i in fit], c=c)
            held_out[check] = model.sentence_probabilities([sentences[i].words for i in check])
        for threshold in THRESHOLD_GRID:
            row = []
            for predicted in (held_out >= threshold, (held_out >= threshold) | rules):
                row.append([scores(gold[part_of == p], predicted[part_of == p])[2] for p in PARTS])
            print(f"  C={c:<4} threshold={threshold:.2f}  model: " + " ".join(f"{p}={f:.3f}" for p, f in zip(PARTS, row[0]))
                  + "   rules or model: " + " ".join(f"{p}={f:.3f}" for p, f in zip(PARTS, row[1])))  # fmt: skip
            if sum(row[1]) / 2 > best[0]:
                best = (sum(row[1]) / 2, c, threshold)
    _, c, threshold = best
    print(f"Chosen: C={c}, threshold={threshold} (best mean CV F1 of 'rules or model', the signal's decision)")
    model = UncertaintyModel.train([s.words for s in sentences], [s.cues for s in sentences], threshold=threshold, c=c)
    model.save(MODEL_PATH)
    load_model.cache_clear()
    print(f"Wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size / 1024:.0f} kB, {len(model.vocabulary)} candidate words)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", action="store_true", help="cross-validate and fit on the training split, save the model")
    if parser.parse_args().train:
        train()
    else:
        evaluate()


if __name__ == "__main__":
    main()
