"""Scale of the cross-source stage: 1k, 5k and 10k articles, time and peak memory.

    python benchmarks/consistency_scale.py              # 1000 5000 10000, 2 processes
    python benchmarks/consistency_scale.py 1000 --jobs 1

Filler corpora come from ../shared/data (BuzzFeed-Webis 2016, FakeNewsNet, FA-KES, SemEval
2019): about 3,500 real articles. Beyond that, each article comes back as a reworked copy
(every third sentence dropped, shifted by one each time, a few days later, under another
outlet name), the way syndicated and rewritten copies fill a real batch; so the larger
batches hold many near-duplicate stories, the hard case for blocking.

Each size runs in a fresh process (so peak memory is that size's own): the text layer and
both ``collect`` functions (consistency, cross-source transcription) on every article,
over ``--jobs`` processes as ``audit report --jobs`` would, then both ``compare`` functions
once. Printed: wall-clock seconds per stage, CPU seconds of all processes (what other load on
the machine does not inflate), and the peak resident memory of the comparing process.
Bar (issue 4): 10,000 articles in under 5 minutes on the 2-core machine.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import resource
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT))
csv.field_size_limit(10**8)

SOURCES = [  # (file, text column, id column, encoding)
    ("BuzzFeed-Webis-2016/buzzfeed_webis_2016_articles.csv", "mainText", "id", "utf-8"),
    ("FakeNewsNet/fakenewsnet_v1_articles.csv", "text", "id", "utf-8"),
    ("FA-KES/FA-KES-Dataset.csv", "article_content", "unit_id", "latin-1"),
    ("SemEval2019_hyperpartisan_byarticle/semeval2019_byarticle.csv", "text", "id", "utf-8"),
]


def filler(size: int) -> list:
    """``size`` articles from the shared data sets, reworked copies after the first pass."""
    from audit.corpus import Article

    base = []
    for name, column, key, encoding in SOURCES:
        with open(DATA / name, encoding=encoding, errors="replace", newline="") as handle:
            for row in csv.DictReader(handle):
                text = (row.get(column) or "").strip()
                if len(text) > 200:
                    base.append((f"{name.split('/')[0]}:{row.get(key)}", text))
    start = dt.date(2025, 1, 1)
    articles = []
    for index in range(size):
        copy, (key, text) = divmod(index, len(base))[0], base[index % len(base)]
        if copy:
            sentences = re.split(r"(?<=[.!?])\s+", text)
            text = " ".join(s for i, s in enumerate(sentences) if (i + copy) % 3) or text
        date = start + dt.timedelta(days=(index % len(base)) % 300 + 2 * copy)
        articles.append(Article.from_text(text, id=f"{key}#{copy}", source=f"outlet-{(index % 97) + 100 * copy}",
                                          date=date.isoformat()))  # fmt: skip
    return articles


def collect_one(article):
    from audit.signals import consistency
    from audit.signals.transcription import across
    from audit.text import Document

    doc = Document.from_article(article)
    return article.id, consistency.collect(doc), across.collect(doc)


def run(size: int, jobs: int) -> None:
    """One size, in this process: print one line of figures."""
    from audit.signals import consistency
    from audit.signals.transcription import across

    started = time.perf_counter()
    articles = filler(size)
    built = time.perf_counter()
    cpu_before = _cpu()
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            collected = list(pool.map(collect_one, articles, chunksize=32))
    else:
        collected = [collect_one(a) for a in articles]
    gathered = time.perf_counter()
    facts = consistency.compare({i: c for i, c, _ in collected})
    compared = time.perf_counter()
    garbles = across.compare({i: g for i, _, g in collected})
    done = time.perf_counter()
    cpu = _cpu() - cpu_before
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    findings = sum(len(r.findings) for r in facts.values())
    verdicts = sum(f.kind in ("corroborated", "conflict", "evolving") for r in facts.values() for f in r.findings)
    flagged = sum(len(r.findings) for r in garbles.values())
    print(f"{size:>6} articles | text layer + collect {gathered - built:7.1f} s | consistency compare "
          f"{compared - gathered:6.1f} s | garble compare {done - compared:6.1f} s | total {done - built:7.1f} s "
          f"| peak memory {peak_mb:6.0f} MB | {findings} claims, {verdicts} cross-source verdicts, "
          f"{flagged} garbles | CPU {cpu:.1f} s (all processes) | corpus build {built - started:.1f} s",
          flush=True)  # fmt: skip


def _cpu() -> float:
    """CPU seconds of this process and its finished workers: the figure the machine's other load does not inflate."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 5000, 10000])
    parser.add_argument("--jobs", type=int, default=2, help="processes for the per-article stage (default 2)")
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)  # one size, this process
    args = parser.parse_args()
    if not DATA.exists():
        raise SystemExit(f"{DATA} is absent: this benchmark needs ../shared/data (developers' machines and CI only)")
    if args.inside:
        run(args.sizes[0], args.jobs)
        return
    print(f"cross-source stage (consistency + garbles), --jobs {args.jobs}, filler from {DATA}")
    for size in args.sizes:
        subprocess.run([sys.executable, __file__, str(size), "--jobs", str(args.jobs), "--inside"], check=True)


if __name__ == "__main__":
    main()
