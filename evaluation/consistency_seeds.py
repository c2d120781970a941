"""Score the consistency signal against the hand-made seed gold file.

    python evaluation/consistency_seeds.py

Runs ``collect`` on each of the five seed articles and ``compare`` on the batch, then
matches every gold claim (corpus/annotations/consistency_gold.yaml) to the finding that
starts inside it (or contains it). Prints precision and recall of ``conflict`` and
``corroborated`` (the acceptance figures), the agreement on every verdict, and each
disagreement. A gold claim with no finding counts as missed; a finding no gold entry
covers counts as a false positive for its verdict. The seeds are few: read the counts,
not only the ratios.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from audit.corpus import load_paths  # noqa: E402
from audit.signals import consistency  # noqa: E402
from audit.text import Document  # noqa: E402

GOLD = ROOT / "corpus" / "annotations" / "consistency_gold.yaml"
HEADLINE = ("conflict", "corroborated")


def main() -> None:
    articles, _ = load_paths([ROOT / "corpus"])
    docs = {a.id[:3]: Document.from_article(a) for a in articles}
    results = consistency.compare({d.article.id: consistency.collect(d) for d in docs.values()})
    findings = {short: results[doc.article.id].findings for short, doc in docs.items()}
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["claims"]

    pairs, used = [], set()
    for entry in gold:
        text = docs[entry["article"]].text
        start = _nth(text, entry["text"], entry.get("occurrence", 1))
        if start < 0:
            raise SystemExit(f"gold text not found in {entry['article']}: {entry['text']!r}")
        end = start + len(entry["text"])
        match = _match(findings[entry["article"]], entry.get("kind"), start, end, used)
        if match is not None:
            used.add(id(match))
        pairs.append((entry, match.kind if match else "missed"))
    unjudged = [(short, f) for short, fs in findings.items() for f in fs if id(f) not in used]

    print(f"seed gold: {len(gold)} claims judged by hand; findings: {sum(map(len, findings.values()))}; "
          f"findings no gold entry covers: {len(unjudged)}")  # fmt: skip
    print()
    print(f"{'verdict':14} {'gold':>5} {'system':>7} {'agree':>6} {'precision':>10} {'recall':>7}")
    for label in HEADLINE + ("evolving", "single_source", "title_variant", "quote_verbatim", "quote_variant",
                             "quote_unmatched"):  # fmt: skip
        tp = sum(e["expected"] == label and got == label for e, got in pairs)
        fp = sum(e["expected"] != label and got == label for e, got in pairs) + sum(f.kind == label for _, f in unjudged)
        fn = sum(e["expected"] == label and got != label for e, got in pairs)
        marker = "  <- acceptance" if label in HEADLINE else ""
        print(f"{label:14} {tp + fn:5d} {tp + fp:7d} {tp:6d} {_ratio(tp, tp + fp):>10} {_ratio(tp, tp + fn):>7}{marker}")
    agree = sum(e["expected"] == got for e, got in pairs)
    print(f"\nverdict agreement on all gold claims: {agree}/{len(pairs)} = {agree / len(pairs):.3f}")
    print(f"claims the extractor misses (gold marks them): {sum(got == 'missed' for _, got in pairs)}")
    print("\ndisagreements (article, gold -> system, claim):")
    for entry, got in pairs:
        if entry["expected"] != got:
            print(f"  {entry['article']}  {entry['expected']:>15} -> {got:<15} {entry['text'][:60]!r}")
    for short, f in unjudged:
        print(f"  {short}  {'(no gold)':>15} -> {f.kind:<15} {f.text[:60]!r}")
    confusion = Counter((e["expected"], got) for e, got in pairs)
    print("\nconfusion (gold, system): count")
    for (expected, got), count in sorted(confusion.items()):
        print(f"  {expected:>15} {got:<15} {count}")


def _match(findings, kind: str | None, start: int, end: int, used: set[int]):
    """The finding of the gold claim's kind that overlaps it, nearest its start."""
    overlapping = [f for f in findings if f.start < end and start < f.end and id(f) not in used
                   and kind in (None, f.extra.get("claim_kind"))]  # fmt: skip
    return min(overlapping, key=lambda f: abs(f.start - start), default=None)


def _nth(text: str, needle: str, n: int) -> int:
    at = -1
    for _ in range(n):
        at = text.find(needle, at + 1)
        if at < 0:
            return -1
    return at


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "n/a"


if __name__ == "__main__":
    main()
