"""The transcription signal on the five seed articles, against the hand-made gold file.

Prints, for every gold error, whether a transcription finding covers it (and its
suggestion), then every other transcription finding as a false alarm, per article.

Run: python evaluation/transcription_seeds.py
"""

from __future__ import annotations

from pathlib import Path

import yaml

from audit import audit_corpus

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "corpus" / "annotations" / "transcription_gold.yaml"


def main() -> int:
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["articles"]
    audit = audit_corpus(ROOT / "corpus", readings=False)
    found = total = 0
    for result in audit.articles:
        article_id = result.article.id
        if article_id not in gold:
            continue
        text = result.article.text
        findings = [f for f in result.findings if f.signal == "transcription"]
        used: set[int] = set()
        print(f"== {article_id}")
        for error in gold[article_id]:
            start = text.find(error["text"])
            end = start + len(error["text"])
            hits = [i for i, f in enumerate(findings) if start >= 0 and f.start < end and start < f.end]
            used.update(hits)
            total += 1
            found += bool(hits)
            if hits:
                f = findings[hits[0]]
                print(f"  found   {error['text']!r}: suggestion {f.suggestion!r} (meant {error['meant']!r}), "
                      f"method {f.extra.get('method')}, confidence {f.confidence:.2f}")  # fmt: skip
            else:
                print(f"  MISSED  {error['text']!r} ({error['kind']})")
        alarms = [f for i, f in enumerate(findings) if i not in used]
        for f in alarms:
            print(f"  false alarm {f.text!r} -> {f.suggestion!r} ({f.kind}, {f.extra.get('method')}, {f.confidence:.2f})")
        print(f"  {len(alarms)} false alarm(s)")
    print(f"gold errors found: {found} of {total}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
