"""Injection benchmark for the transcription signal: precision and recall per corruption kind.

Clean articles (BuzzFeed-Webis 2016 mainstream "mostly true", FA-KES credible wire copy,
from ../shared/data) get corruptions of one kind at a time (evaluation/injection.py, which
shares no code or list with the detector). Each batch runs through audit.pipeline with the
full transcription SIGNAL, once without and once with a clean twin of every article in
the batch. The corruptions go into the text as the tool cleans it (so an injection's
offsets are the offsets a finding reports). A finding counts as a hit when it overlaps an injected span; every other
transcription finding, on a corrupted article or on its clean twin, is a false alarm.
The same batch uncorrupted is audited too, so the false alarms the clean text raises
anyway (pre-existing errors of the source, systematic misfires) can be told apart.

Run:  python evaluation/transcription_injection.py [--split dev|test] [--limit N] [--min-confidence C]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from injection import CleanArticle, Injection, clean_articles, corrupt, require_shared, split_of  # noqa: E402
from spellchecker import SpellChecker  # noqa: E402

from audit.corpus import Article  # noqa: E402
from audit.pipeline import audit_corpus  # noqa: E402
from audit.signals.transcription import SIGNAL  # noqa: E402

KINDS = ["idiom", "typo", "split_word", "name", "real_word", "quote_word"]
_FREQUENCIES = SpellChecker(language="en", distance=1).word_frequency.dictionary


def is_word(word: str, min_count: int = 1) -> bool:
    return _FREQUENCIES.get(word, 0) >= min_count


def run(articles: list[CleanArticle], kind: str, twin: bool, seed: int, min_confidence: float, show: int = 0) -> dict:
    rng = random.Random(f"{seed}-{kind}")
    corrupted: list[Article] = []
    clean: list[Article] = []
    injected: dict[str, list[Injection]] = {}
    for article in articles:
        # corrupt the text as the tool reads it (cleaned), so injection offsets are finding offsets
        base = Article.from_text(article.text, id=article.id)
        text, injections = corrupt(CleanArticle(article.id, article.corpus, base.text), kind, rng, is_word)
        damaged = Article.from_text(text, id=article.id)
        if not injections or damaged.text != text:
            continue
        corrupted.append(damaged)
        clean.append(base)
        injected[article.id] = injections
        if twin:
            twin_article = Article.from_text(base.text, id=article.id + "~twin")
            corrupted.append(twin_article)
            clean.append(twin_article)
    if not corrupted:
        return {}
    background = {(r.article.id, f.kind, f.text) for r in _audit(clean, min_confidence) for f in r.findings}
    hits = false_alarms = new_false_alarms = 0
    by_method: Counter[str] = Counter()
    found: set[tuple[str, int]] = set()
    for result in _audit(corrupted, min_confidence):
        injections = injected.get(result.article.id, [])
        for finding in result.findings:
            overlapping = [i for i, inj in enumerate(injections) if finding.start < inj.end and inj.start < finding.end]
            if overlapping:
                hits += 1
                found.update((result.article.id, i) for i in overlapping)
            else:
                false_alarms += 1
                by_method[finding.extra.get("method", "?")] += 1
                new = (result.article.id, finding.kind, finding.text) not in background
                new_false_alarms += new
                if show and (by_method[finding.extra.get("method", "?")] <= show):
                    print(f"    FA {'new' if new else 'old'} {finding.extra.get('method')} {result.article.id} "
                          f"{finding.text!r} -> {finding.suggestion!r} ({finding.confidence:.2f}) "
                          f"{[e.article for e in finding.evidence][:3]}")
    if show:
        missed = [(a, inj) for a, injections in injected.items() for i, inj in enumerate(injections) if (a, i) not in found]
        for article_id, inj in missed[:show]:
            print(f"    MISSED {article_id} {inj.original!r} -> {inj.corrupted!r}")
    total = sum(len(v) for v in injected.values())
    words = sum(len(a.text.split()) for a in corrupted)
    return {
        "articles": len(injected), "injected": total, "recall": len(found) / total,
        "precision": hits / (hits + false_alarms) if hits + false_alarms else 1.0,
        "precision_new": hits / (hits + new_false_alarms) if hits + new_false_alarms else 1.0,
        "false_alarms_per_1000_words": 1000 * false_alarms / words,
        "false_alarms_by_method": dict(by_method.most_common()),
    }


def _audit(batch: list[Article], min_confidence: float):
    """Per article, the transcription findings at or above the confidence floor."""
    results = audit_corpus(batch, signals=[SIGNAL], readings=False).articles
    for result in results:
        result.findings = [f for f in result.findings
                           if f.signal == "transcription" and f.confidence >= min_confidence]  # fmt: skip
    return results


def main() -> None:
    require_shared()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "test"], default="test")
    parser.add_argument("--limit", type=int, default=300, help="articles per corpus")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--min-confidence", type=float, default=0.0)
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--twin", choices=["both", "no", "yes"], default="both", help="rows without/with a twin")
    parser.add_argument("--show-false-alarms", type=int, default=0, metavar="N",
                        help="print the first N false alarms of each method, and N missed injections, per row (error analysis)")
    args = parser.parse_args()
    by_corpus: dict[str, list[CleanArticle]] = defaultdict(list)
    for article in clean_articles():
        if split_of(article.id) == args.split and len(by_corpus[article.corpus]) < args.limit:
            by_corpus[article.corpus].append(article)
    articles = [a for group in by_corpus.values() for a in group]
    print(f"split={args.split} articles={len(articles)} ({', '.join(f'{k} {len(v)}' for k, v in by_corpus.items())}) "
          f"min_confidence={args.min_confidence} seed={args.seed}; up to 2 corruptions per article")
    print("precision: over all findings that miss an injection; precision_new: not counting false alarms "
          "the clean original raises too (pre-existing errors and systematic misfires); FA/1000w: all false alarms")
    print(f"{'kind':<12} {'twin':<5} {'articles':>8} {'injected':>8} {'recall':>7} {'precision':>9} "
          f"{'prec_new':>8} {'FA/1000w':>9}  false alarms by method")
    started = time.perf_counter()
    for kind in args.kinds.split(","):
        for twin in {"both": (False, True), "no": (False,), "yes": (True,)}[args.twin]:
            row = run(articles, kind, twin, args.seed, args.min_confidence, args.show_false_alarms)
            if row:
                print(f"{kind:<12} {'yes' if twin else 'no':<5} {row['articles']:>8} {row['injected']:>8} "
                      f"{row['recall']:>7.3f} {row['precision']:>9.3f} {row['precision_new']:>8.3f} "
                      f"{row['false_alarms_per_1000_words']:>9.3f}  {row['false_alarms_by_method']}")
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
