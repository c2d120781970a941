"""Throughput and memory of the audit: each single-article signal, and whole batches.

    python benchmarks/throughput.py                         # both parts, default sizes
    python benchmarks/throughput.py signals --articles 1000
    python benchmarks/throughput.py batch --sizes 1000 5000 10000 --jobs 2
    python benchmarks/throughput.py batch --sizes 10000 --jobs 2 --flat   # through `audit report`

``signals``: 1,000 real articles of about 600 words (BuzzFeed-Webis 2016, the ones whose
length is nearest 600 words) in one process: the text layer and then each signal's
``analyse`` and ``collect`` timed apart (CPU time, so other load on the machine does not
count), so a slow signal shows by name. Printed per stage: milliseconds per article and
articles per second on one core. Bar (issue 7): the
single-article work >= 100 articles/s/core.

``batch``: the whole pipeline as ``audit_corpus`` runs it (per-article stage over
``--jobs`` processes, the cross-source step, the readings; each stage timed) on batches of growing size, each in a
fresh process so its peak memory is its own. Filler batches come from
``benchmarks/consistency_scale.py`` (real articles, then reworked copies). Printed: time,
articles per second, per core, and peak resident memory of the parent process, with
memory per 1,000 articles, to see whether memory stays flat as the batch grows. With
``--flat`` each batch goes through ``audit report FILE --out DIR --jobs N`` instead (the
command-line path: articles from a JSON-lines file, full results kept on disk, every report
written), timed as a whole, with the CPU time of all its processes.

Reads ../shared/data; exits with a message when it is absent.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
BUZZFEED = DATA / "BuzzFeed-Webis-2016" / "buzzfeed_webis_2016_articles.csv"
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]
csv.field_size_limit(10**8)


def real_articles(count: int, words: int = 600) -> list:
    """The ``count`` BuzzFeed-Webis articles whose length is nearest ``words`` words."""
    from audit.corpus import Article

    with open(BUZZFEED, encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if len((r.get("mainText") or "").split()) > 50]
    rows.sort(key=lambda r: (abs(len(r["mainText"].split()) - words), r["id"]))
    return [Article.from_text(r["mainText"], id=f"bf{r['id']}", source=r["portal"], title=r["title"])
            for r in rows[:count]]  # fmt: skip


def time_signals(count: int) -> None:
    from audit.signals import SIGNALS
    from audit.text import Document

    articles = real_articles(count)
    words = sum(len(a.text.split()) for a in articles) / len(articles)
    warm_up = time.process_time()
    for article in articles[:3]:  # dictionaries, lexicons and models load once per process, not per article
        doc = Document.from_article(article)
        for signal in SIGNALS:
            signal.analyse and signal.analyse(doc)
            signal.collect and signal.collect(doc)
    warm_up = time.process_time() - warm_up
    stages: dict[str, float] = {"text layer": 0.0}
    started, wall = time.process_time(), time.perf_counter()
    for article in articles:
        t0 = time.process_time()
        doc = Document.from_article(article)
        for _ in (doc.sentences, doc.tokens, doc.quotes):  # the parts computed on first use
            pass
        stages["text layer"] += time.process_time() - t0
        for signal in SIGNALS:
            for part in ("analyse", "collect"):
                function = getattr(signal, part)
                if function is None:
                    continue
                t0 = time.process_time()
                try:
                    function(doc)
                except Exception as exc:  # a failing signal is reported, not fatal
                    stages[f"{signal.name}.{part} errors"] = stages.get(f"{signal.name}.{part} errors", 0) + 1
                    print(f"  {signal.name}.{part} failed on {article.id}: {exc!r}", file=sys.stderr)
                stages[f"{signal.name}.{part}"] = stages.get(f"{signal.name}.{part}", 0.0) + time.process_time() - t0
    cpu, wall = time.process_time() - started, time.perf_counter() - wall
    print(f"\nsingle-article work on {len(articles)} BuzzFeed-Webis articles (mean {words:.0f} words), one process")
    print("CPU time per stage (time.process_time), so a busy machine does not inflate it")
    print(f"{'stage':32} {'ms/article':>10} {'articles/s/core':>16}")
    for name, seconds in stages.items():
        if name.endswith("errors"):
            print(f"{name:32} {int(seconds):>10} (articles)")
            continue
        per = seconds / len(articles)
        print(f"{name:32} {per * 1000:10.2f} {1 / per if per else float('inf'):16.0f}")
    total = sum(v for k, v in stages.items() if not k.endswith("errors")) / len(articles)
    print(f"{'all single-article work':32} {total * 1000:10.2f} {1 / total:16.0f}   (bar: >= 100 articles/s/core)")
    print(f"CPU time {cpu:.1f} s, wall time {wall:.1f} s; peak memory {peak_mb():.0f} MB; "
          f"loading dictionaries, lexicons and models first: {warm_up:.1f} s CPU, once per process")


def run_batch(size: int, jobs: int) -> dict:
    """One batch of ``size`` articles through the pipeline's stages, in this process, timed apart."""
    from consistency_scale import filler

    from audit import classifier
    from audit.pipeline import analyse_article, compare_across
    from audit.runner import map_articles
    from audit.signals import SIGNALS

    articles = filler(size)
    stages, started = {}, time.perf_counter()
    outcomes = map_articles(analyse_article, articles, signals=SIGNALS, jobs=jobs)
    stages["per-article"] = time.perf_counter() - started
    results = [o.result for o in outcomes]
    t0 = time.perf_counter()
    compare_across(results, [o.collected for o in outcomes], SIGNALS)
    stages["cross-source"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    classifier.readings(results)
    stages["readings"] = time.perf_counter() - t0
    failures = sum(bool(r.signal_errors) for r in results)
    return {"size": size, "jobs": jobs, "seconds": time.perf_counter() - started, "stages": stages,
            "peak_mb": peak_mb(), "failures": failures}  # fmt: skip


def run_flat_batch(size: int, jobs: int) -> dict:
    """One batch of ``size`` articles through ``audit report`` (flat path, all reports), in this process."""
    import tempfile

    from consistency_scale import filler

    from audit.cli import main

    with tempfile.TemporaryDirectory() as folder:
        batch = Path(folder) / "batch.jsonl"
        with open(batch, "w", encoding="utf-8") as out:
            for a in filler(size):
                out.write(json.dumps({"id": a.id, "source": a.source, "date": a.date.isoformat(), "text": a.text}) + "\n")
        cpu, started = _cpu_all(), time.perf_counter()
        status = main(["report", str(batch), "--out", str(Path(folder) / "out"), "--jobs", str(jobs), "--quiet",
                       "--max-bytes", str(batch.stat().st_size + 1)])  # one file holds the batch  # fmt: skip
        if status:
            raise SystemExit(f"audit report exited with {status}")
        seconds = time.perf_counter() - started
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"size": size, "jobs": jobs, "seconds": seconds, "cpu_seconds": _cpu_all() - cpu,
            "stages": {"audit report": seconds}, "peak_mb": peak_mb(), "worker_peak_mb": children, "failures": 0}  # fmt: skip


def _cpu_all() -> float:
    """CPU seconds of this process and of its finished child processes (the workers)."""
    return sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))  # fmt: skip


def time_batches(sizes: list[int], jobs: int, flat: bool = False) -> None:
    print(f"\nwhole pipeline (per-article stage on {jobs} process(es), cross-source step, readings); "
          f"wall-clock times; load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'articles':>8} {'seconds':>9} {'articles/s':>11} {'per core':>9} {'peak MB':>8} {'MB/1k articles':>15}")
    for size in sizes:
        proc = subprocess.run([sys.executable, __file__, "_one-flat-batch" if flat else "_one-batch", str(size), str(jobs)],
                              capture_output=True, text=True, check=False)  # fmt: skip
        if proc.returncode:
            print(f"{size:>8} failed: {proc.stderr.strip()[-500:]}")
            continue
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        rate = row["size"] / row["seconds"]
        print(f"{size:>8} {row['seconds']:9.1f} {rate:11.1f} {rate / jobs:9.1f} {row['peak_mb']:8.0f} "
              f"{row['peak_mb'] / size * 1000:15.1f}" + (f"   ({row['failures']} articles with a failed signal)"
                                                         if row["failures"] else ""))  # fmt: skip
        print(" " * 9 + "stages (s): " + ", ".join(f"{k} {v:.1f}" for k, v in row["stages"].items()))
        if "cpu_seconds" in row:
            print(" " * 9 + f"CPU time of all processes {row['cpu_seconds']:.0f} s = "
                  f"{row['size'] / row['cpu_seconds']:.1f} articles per CPU-second; "
                  f"largest worker's peak {row['worker_peak_mb']:.0f} MB")  # fmt: skip
    print("peak MB: the parent process (it holds every result and runs the cross-source step); "
          "worker processes hold one chunk of articles at a time")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] in ("_one-batch", "_one-flat-batch"):
        run = run_flat_batch if sys.argv[1] == "_one-flat-batch" else run_batch
        print(json.dumps(run(int(sys.argv[2]), int(sys.argv[3]))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("part", nargs="?", choices=("signals", "batch", "all"), default="all")
    parser.add_argument("--articles", type=int, default=1000, help="articles for the per-signal timing")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000], help="batch sizes")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes for the batch runs")
    parser.add_argument("--flat", action="store_true", help="batches through `audit report` (flat-memory path)")
    args = parser.parse_args()
    if not BUZZFEED.exists():
        print(f"{BUZZFEED} is absent: this benchmark needs ../shared/data (developers' machines and CI only)")
        return 1
    if args.part in ("signals", "all"):
        time_signals(args.articles)
    if args.part in ("batch", "all"):
        time_batches(args.sizes, args.jobs, args.flat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
