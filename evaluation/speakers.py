"""Speaker and source-type accuracy of the attribution signal on the hand-made seed gold.

Gold: corpus/annotations/speakers.yaml, every direct quotation of the five seed
articles with its speaker and source type, written by hand. Each gold quotation is
found in the article's quotations by its opening words; the tool's quote finding on
the same quoted words gives the prediction (no finding = no speaker, type "none").

A speaker is right when the names agree up to case, punctuation, "the" and a possessive,
or when one name is the other with words dropped in front ("Rubio" for "Marco Rubio",
"Southern Command" for "U.S. Southern Command"). For unnamed sources ("a senior defense
official"), only the type is compared: the wording of an anonymous source is not a name.

Run: python evaluation/speakers.py   (prints per-quote errors and the accuracies)
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from audit.corpus import load_paths  # noqa: E402
from audit.signals.attribution import analyse  # noqa: E402
from audit.text import Document  # noqa: E402

GOLD = ROOT / "corpus" / "annotations" / "speakers.yaml"
NAMED = ("named_person", "named_organisation")


@dataclass
class Judged:
    article: str
    quote: str
    gold_speaker: str | None
    gold_type: str
    speaker: str | None
    source_type: str
    speaker_ok: bool
    type_ok: bool


def _words(name: str | None) -> list[str]:
    text = (name or "").lower().replace("’s", "").replace("'s", "")
    return [w for w in re.findall(r"[a-z0-9]+", text.replace(".", "")) if w != "the"]


def same_source(gold: str | None, aliases: list[str], predicted: str | None, gold_type: str) -> bool:
    """Whether the predicted speaker names the gold source (see the module docstring)."""
    if gold_type not in NAMED:
        return (predicted is None) == (gold is None) or gold_type == "anonymous"
    if predicted is None:
        return False
    guess = _words(predicted)
    for name in [gold or "", *aliases]:
        truth = _words(name)
        if not truth or not guess:
            continue
        shorter, longer = sorted((truth, guess), key=len)
        if shorter == longer[-len(shorter):] or (set(shorter) <= set(longer) and shorter[-1] == longer[-1]):
            return True
    return False


def judge(gold: dict, documents: dict[str, Document]) -> list[Judged]:
    """Compare every gold quotation with the tool's finding on it."""
    judged = []
    for article_id, entries in gold.items():
        doc = documents[article_id]
        findings = {(f.start, f.end): f for f in analyse(doc).findings if f.kind == "quote"}
        quotes = [q for q in doc.quotes if q.depth == 1]
        for entry in entries:
            matches = [q for q in quotes if doc.text[q.inner_start:q.inner_end].startswith(entry["quote"])]
            occurrence = entry.get("occurrence", 1)
            if len(matches) < occurrence:
                raise SystemExit(f"{article_id}: gold quote {entry['quote']!r} not found among the quotations")
            quote = matches[occurrence - 1]
            finding = findings.get((quote.inner_start, quote.inner_end))
            speaker = finding.extra["speaker"] if finding else None
            source_type = finding.extra["source_type"] if finding else "none"
            judged.append(Judged(
                article_id, entry["quote"], entry["speaker"], entry["source_type"], speaker, source_type,
                same_source(entry["speaker"], entry.get("aliases", []), speaker, entry["source_type"]),
                source_type == entry["source_type"],
            ))  # fmt: skip
    return judged


def seed_results() -> list[Judged]:
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    articles, errors = load_paths([ROOT / "corpus"])
    if errors:
        raise SystemExit(f"could not load the seeds: {errors}")
    return judge(gold, {a.id: Document(a) for a in articles})


def accuracy(judged: list[Judged]) -> float:
    """Share of quotations with both the speaker and the source type right."""
    return sum(j.speaker_ok and j.type_ok for j in judged) / len(judged) if judged else 0.0


def main() -> None:
    judged = seed_results()
    for j in judged:
        if not (j.speaker_ok and j.type_ok):
            print(f"MISS {j.article} {j.quote!r}: gold {j.gold_speaker} ({j.gold_type}), "
                  f"got {j.speaker} ({j.source_type})")  # fmt: skip
    n = len(judged)
    print(f"quotations: {n}")
    print(f"speaker correct:      {sum(j.speaker_ok for j in judged) / n:.3f}")
    print(f"source type correct:  {sum(j.type_ok for j in judged) / n:.3f}")
    print(f"both correct:         {accuracy(judged):.3f}   (bar: 0.90)")


if __name__ == "__main__":
    main()
