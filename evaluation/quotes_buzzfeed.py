"""Direct-quote detection against the BuzzFeed-Webis 2016 quote annotations.

Data: ../shared/data/BuzzFeed-Webis-2016/articles_xml.zip (1,627 articles, 11,879
``<quote>`` spans given as character offsets into ``<mainText>``). How the data is used:

* ``mainText`` joins the article's paragraphs with one character (the ``<paragraph>``
  offsets say where); that character becomes a line break so the text layer sees the
  paragraphs. Offsets are unchanged.
* 86 articles (mostly one publisher) are UTF-8 read as Latin-1 ("â€œ" for a curly quote).
  With ``--repair`` (the default) such runs are decoded back to the characters they
  were, keeping a map to the original offsets, so predictions are scored in the gold's
  own coordinates; ``--no-repair`` scores the text as stored.
* Gold spans with a negative start are broken annotations (they cover the article's
  first characters or all of it); they are left out and counted.
* Predictions are the attribution signal's ``quote`` findings (the quoted words).

Scoring: a prediction matches a gold span when they share at least half of the longer
of the two (``--overlap``, default 0.5). Precision: of the predictions of four words or
more, the share that match a gold span of any length. Recall: of the gold spans of four
words or more, the share matched by some prediction.

Split: articles whose number (the XML file name) is divisible by 5 are the held-out
test split; the rest are the development split the rules were looked at on.

Run: python evaluation/quotes_buzzfeed.py [--split test|dev|all] [--overlap 0.5] [--errors N]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from audit.corpus import Article  # noqa: E402
from audit.signals.attribution import analyse  # noqa: E402
from audit.text import Document  # noqa: E402

DATA = ROOT / ".." / "shared" / "data" / "BuzzFeed-Webis-2016" / "articles_xml.zip"
MIN_WORDS = 4
# UTF-8 bytes read as Latin-1/cp1252: a lead byte (Â-ô) then one to three continuation characters
_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
                       "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{1,3}")  # fmt: skip


@dataclass
class Item:
    number: int
    portal: str
    text: str  # the text the tool sees
    to_original: list[int]  # offset in ``text`` -> offset in mainText (one past the end included)
    original: str
    gold: list[tuple[int, int]]
    broken: int  # gold spans with a negative start, left out


def articles(path: Path, repair: bool) -> Iterator[Item]:
    with zipfile.ZipFile(path) as archive:
        for name in sorted(n for n in archive.namelist() if n.endswith(".xml")):
            root = ET.fromstring(archive.read(name))
            main = root.findtext("mainText") or ""
            chars = list(main)
            for paragraph in root.findall("paragraph"):
                end = int(paragraph.findtext("end") or 0)
                if 0 <= end < len(chars) and chars[end].isspace():
                    chars[end] = "\n"
            text = "".join(chars)
            spans = [(int(q.findtext("start") or 0), int(q.findtext("end") or 0)) for q in root.findall("quote")]
            fixed, to_original = _repair(text) if repair else (text, list(range(len(text) + 1)))
            yield Item(
                int(Path(name).stem), root.findtext("portal") or "", fixed, to_original, main,
                [s for s in spans if s[0] >= 0], sum(s[0] < 0 for s in spans),
            )  # fmt: skip


def _repair(text: str) -> tuple[str, list[int]]:
    """Decode mojibake runs, returning the new text and a map back to the old offsets."""
    pieces: list[str] = []
    to_original: list[int] = []
    last = 0
    for match in _MOJIBAKE.finditer(text):
        try:
            decoded = match.group().encode("cp1252", errors="strict").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            try:
                decoded = match.group().encode("latin-1").decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
        pieces.append(text[last:match.start()])
        to_original.extend(range(last, match.start()))
        pieces.append(decoded)
        to_original.extend([match.start()] * len(decoded))
        last = match.end()
    pieces.append(text[last:])
    to_original.extend(range(last, len(text) + 1))
    return "".join(pieces), to_original


def predictions(item: Item) -> list[tuple[int, int]]:
    doc = Document(Article(id=str(item.number), text=item.text))
    spans = []
    for finding in analyse(doc).findings:
        if finding.kind == "quote":
            start = item.to_original[finding.start]
            end = item.to_original[finding.end - 1] + 1 if finding.end > finding.start else start
            spans.append((start, end))
    return spans


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return max(0, shared) / max(a[1] - a[0], b[1] - b[0], 1)


def words(text: str, span: tuple[int, int]) -> int:
    return len(text[span[0]:span[1]].split())


def in_split(number: int, split: str) -> bool:
    return split == "all" or (number % 5 == 0) == (split == "test")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("test", "dev", "all"), default="test")
    parser.add_argument("--overlap", type=float, default=0.5)
    parser.add_argument("--no-repair", dest="repair", action="store_false")
    parser.add_argument("--errors", type=int, default=0, help="print this many sampled misses of each kind")
    args = parser.parse_args()
    if not DATA.exists():
        raise SystemExit(f"{DATA.resolve()} is absent: this evaluation needs ../shared (developers' machines and CI).")

    true_pos = predicted = found = gold_total = broken = n_articles = 0
    misses: dict[str, list[str]] = {"false positive": [], "missed": []}
    by_portal: dict[str, list[int]] = {}
    started = time.perf_counter()
    for item in articles(DATA, args.repair):
        if not in_split(item.number, args.split):
            continue
        n_articles += 1
        broken += item.broken
        spans = predictions(item)
        long_predictions = [p for p in spans if words(item.original, p) >= MIN_WORDS]
        long_gold = [g for g in item.gold if words(item.original, g) >= MIN_WORDS]
        hits = [p for p in long_predictions if any(overlap(p, g) >= args.overlap for g in item.gold)]
        recalled = [g for g in long_gold if any(overlap(p, g) >= args.overlap for p in spans)]
        true_pos += len(hits)
        predicted += len(long_predictions)
        found += len(recalled)
        gold_total += len(long_gold)
        counts = by_portal.setdefault(item.portal, [0, 0, 0, 0])
        for index, value in enumerate((len(hits), len(long_predictions), len(recalled), len(long_gold))):
            counts[index] += value
        for p in long_predictions:
            if p not in hits:
                misses["false positive"].append(f"{item.number}: {item.original[max(0, p[0] - 40):p[1] + 20]!r}")
        for g in long_gold:
            if g not in recalled:
                misses["missed"].append(f"{item.number}: {item.original[max(0, g[0] - 40):g[1] + 20][:400]!r}")
    elapsed = time.perf_counter() - started

    precision = true_pos / predicted if predicted else 0.0
    recall = found / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"BuzzFeed-Webis 2016 quotes, split={args.split}, overlap>={args.overlap}, "
          f"quotes of >= {MIN_WORDS} words, mojibake repair={'on' if args.repair else 'off'}")  # fmt: skip
    print(f"articles: {n_articles}; gold spans left out as broken (negative start): {broken}")
    print(f"precision {precision:.3f} ({true_pos}/{predicted})   recall {recall:.3f} ({found}/{gold_total})   "
          f"F1 {f1:.3f}")  # fmt: skip
    print("per publisher (precision, recall):")
    for portal, (tp, pred, hit, total) in sorted(by_portal.items()):
        print(f"  {portal:18} P {tp / pred if pred else 0:.3f} ({pred:4})   R {hit / total if total else 0:.3f} ({total:4})")
    print(f"time: {elapsed:.1f} s for {n_articles} articles (text layer + attribution signal)")
    rng = random.Random(0)
    for kind, rows in misses.items():
        for row in rng.sample(rows, min(args.errors, len(rows))):
            print(f"[{kind}] {row}")


if __name__ == "__main__":
    main()
