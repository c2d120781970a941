"""Throughput and memory of the audit: each single-article signal, and whole batches.

    python benchmarks/throughput.py                         # both parts, default sizes
    python benchmarks/throughput.py signals --articles 1000
    python benchmarks/throughput.py signals --articles 1000 --against /work/old  # this tree vs another
    python benchmarks/throughput.py batch --sizes 1000 5000 10000 --jobs 2
    python benchmarks/throughput.py batch --sizes 10000 --jobs 2 --flat   # through `audit report`

``signals``: 1,000 real articles of about 600 words (BuzzFeed-Webis 2016, the ones whose
length is nearest 600 words) in one process: the text layer and then each signal's
``analyse`` and ``collect`` timed apart (CPU time, so other load on the machine does not
count), so a slow signal shows by name. Printed per stage: milliseconds per article and
articles per second on one core; the articles' mean length and the total scaled to 600
words (taking the work as linear in words); and the CPU time of a fixed pure-Python
reference workload before and after the timed loop. This machine's speed swings by up
to 40% between runs, and CPU time does not hide that: when the reference figure is high,
the moment was slow, not the code. Bar (issue 7): the single-article work >= 100
articles/s/core at ~600 words.

``signals --against TREE``: the same work for this tree and for the ``audit`` package under
TREE (e.g. ``git archive COMMIT audit models | tar -x -C /work/old``), each in its own
process, taking turns on the same blocks of ``--block`` articles, which one goes first
alternating, so the machine's drift falls on both alike. Printed per stage: ms per article
for each tree, the difference, and twice its standard error over the blocks. Use it to
tell whether a change made the code faster; separate runs cannot resolve a few percent.
Small turns pair closer moments: on 1,000 articles the error of the total was ±0.62 ms
with turns of 50 articles, ±0.19 with 10 and ±0.15 with 5 (the default). Read the
difference, not the absolute figures: taking turns, both trees measured 10-30% slower
than the plain mode did at nearby moments (cause not established).

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
import statistics
import subprocess
import sys
import time
from multiprocessing import get_context
from multiprocessing.connection import Connection
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


def warm_up(articles: list, signals: list, document: type) -> float:
    """Run every signal on a few articles so dictionaries, lexicons and models load; CPU seconds spent."""
    started = time.process_time()
    for article in articles[:3]:
        doc = document.from_article(article)
        for signal in signals:
            signal.analyse and signal.analyse(doc)
            signal.collect and signal.collect(doc)
    return time.process_time() - started


def stage_times(articles: list, signals: list, document: type) -> dict[str, float]:
    """CPU seconds per stage over ``articles``: the text layer, then each signal's analyse and collect.

    A failing signal is counted under ``"<stage> errors"`` and reported, not fatal.
    """
    stages: dict[str, float] = {"text layer": 0.0}
    for article in articles:
        t0 = time.process_time()
        doc = document.from_article(article)
        for _ in (doc.sentences, doc.tokens, doc.quotes):  # the parts computed on first use
            pass
        stages["text layer"] += time.process_time() - t0
        for signal in signals:
            for part in ("analyse", "collect"):
                function = getattr(signal, part)
                if function is None:
                    continue
                name, t0 = f"{signal.name}.{part}", time.process_time()
                try:
                    function(doc)
                except Exception as exc:
                    stages[f"{name} errors"] = stages.get(f"{name} errors", 0) + 1
                    print(f"  {name} failed on {article.id}: {exc!r}", file=sys.stderr)
                stages[name] = stages.get(name, 0.0) + time.process_time() - t0
    return stages


def reference_ms(rounds: int = 5) -> float:
    """CPU milliseconds of a fixed pure-Python workload (median of ``rounds``): the machine's speed now.

    Splitting, counting in a dict and sorting, like the signals' own work; per-article times
    that rise and fall with it are the machine's moment, not the code.
    """
    times = []
    for _ in range(rounds):
        t0 = time.process_time()
        counts: dict[str, int] = {}
        for word in " ".join(f"w{i % 1009}x{i % 7}" for i in range(60_000)).split():
            counts[word] = counts.get(word, 0) + 1
        sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        times.append(time.process_time() - t0)
    return sorted(times)[rounds // 2] * 1000


def mean_words(articles: list) -> float:
    """Mean length in whitespace-separated words (the unit of the 600-word bar)."""
    return sum(len(a.text.split()) for a in articles) / len(articles)


def time_signals(count: int) -> None:
    from audit.signals import SIGNALS
    from audit.text import Document

    articles = real_articles(count)
    words = mean_words(articles)
    warm = warm_up(articles, SIGNALS, Document)
    before = reference_ms()
    started, wall = time.process_time(), time.perf_counter()
    stages = stage_times(articles, SIGNALS, Document)
    cpu, wall = time.process_time() - started, time.perf_counter() - wall
    after = reference_ms()
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
    at_600 = total * 600 / words
    print(f"scaled to 600 words (taking the work as linear in words): {at_600 * 1000:.2f} ms = "
          f"{1 / at_600:.0f} articles/s/core")  # fmt: skip
    print(f"machine speed: a fixed pure-Python reference workload took {before:.1f} ms CPU before the timed loop "
          f"and {after:.1f} ms after (compare it between runs: on a slow moment both it and the figures above rise)")  # fmt: skip
    print(f"CPU time {cpu:.1f} s, wall time {wall:.1f} s; peak memory {peak_mb():.0f} MB; "
          f"loading dictionaries, lexicons and models first: {warm:.1f} s CPU, once per process")


def _tree_worker(root: str, conn: Connection, count: int) -> None:
    """In a spawned process: import ``audit`` from ``root``, then time the blocks of articles asked for."""
    sys.path.insert(0, root)
    import audit
    from audit.signals import SIGNALS
    from audit.text import Document

    if not Path(audit.__file__).resolve().is_relative_to(Path(root).resolve()):
        raise SystemExit(f"imported audit from {audit.__file__}, not from {root}")
    articles = real_articles(count)  # built by this tree's own Article
    warm_up(articles, SIGNALS, Document)
    conn.send(mean_words(articles))
    while (block := conn.recv()) is not None:
        conn.send(stage_times(articles[block[0]:block[1]], SIGNALS, Document))


def compare_trees(other: Path, count: int, block: int = 5) -> None:
    """Per-article CPU time per stage of this tree and of ``other``, interleaved in one run.

    The machine's speed drifts by up to 40% between runs (and within one), so two separate
    runs cannot tell a few percent apart. Here each tree has its own process, both warmed
    up, and they take turns on the same blocks of ``block`` articles, which tree goes first
    alternating block by block, so a slow moment or a first-slot advantage falls on both
    alike; the block-by-block differences (same articles) give the spread of the result.
    """
    roots = [ROOT, other.resolve()]
    context = get_context("spawn")
    conns, workers = [], []
    for root in roots:
        parent, child = context.Pipe()
        worker = context.Process(target=_tree_worker, args=(str(root), child, count))
        worker.start()
        conns.append(parent)
        workers.append(worker)
    words = [conn.recv() for conn in conns]
    before = reference_ms()
    blocks: list[list[dict[str, float]]] = [[], []]
    sizes = []
    for k, start in enumerate(range(0, count, block)):
        sizes.append(min(block, count - start))
        for tree in (0, 1) if k % 2 == 0 else (1, 0):
            conns[tree].send((start, start + sizes[-1]))
            blocks[tree].append(conns[tree].recv())
    for conn, worker in zip(conns, workers):
        conn.send(None)
        worker.join()
    print_comparison(roots, blocks, sizes, words[0])
    print(f"machine speed: the reference workload took {before:.1f} ms CPU before and {reference_ms():.1f} ms after")


def print_comparison(roots: list[Path], blocks: list[list[dict[str, float]]], sizes: list[int], words: float) -> None:
    """ms per article per stage for both trees, the difference and twice its standard error over blocks."""
    count = sum(sizes)
    names = list(dict.fromkeys(n for tree in blocks for b in tree for n in b))
    print(f"\nsingle-article work, interleaved: {count} BuzzFeed-Webis articles (mean {words:.0f} words), "
          f"{len(sizes)} blocks taken in turn, each tree in its own process; CPU ms per article")  # fmt: skip
    print(f"  this  = {roots[0]}\n  other = {roots[1]}")
    print(f"{'stage':32} {'other':>8} {'this':>8} {'this-other':>11} {'± 2 s.e.':>9}")
    for name in [n for n in names if not n.endswith("errors")] + ["all"]:
        this, that = ([_stage(b, name) for b in tree] for tree in blocks)
        diffs = [(t - o) / n * 1000 for t, o, n in zip(this, that, sizes)]
        spread = 2 * statistics.stdev(diffs) / len(diffs) ** 0.5 if len(diffs) > 1 else float("nan")
        print(f"{name:32} {sum(that) / count * 1000:8.3f} {sum(this) / count * 1000:8.3f} "
              f"{(sum(this) - sum(that)) / count * 1000:+11.3f} {spread:9.3f}")  # fmt: skip
    for name in [n for n in names if n.endswith("errors")]:
        this, that = (sum(b.get(name, 0) for b in tree) for tree in blocks)
        print(f"{name:32} {that:8.0f} {this:8.0f} (articles)")
    print("± 2 s.e.: twice the standard error of the per-block differences (same articles in both trees)")


def _stage(block: dict[str, float], name: str) -> float:
    """Seconds of one stage in one block (``all``: every stage), 0 for a stage the tree lacks."""
    if name == "all":
        return sum(v for k, v in block.items() if not k.endswith("errors"))
    return block.get(name, 0.0)


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
    parser.add_argument("--against", type=Path, metavar="TREE",
                        help="signals: compare with the audit package under TREE (e.g. an older commit's "
                        "`git archive COMMIT audit models | tar -x -C TREE`), interleaved in one run")  # fmt: skip
    parser.add_argument("--block", type=int, default=5, help="articles per turn with --against (small turns: closer in time)")
    args = parser.parse_args()
    if not BUZZFEED.exists():
        print(f"{BUZZFEED} is absent: this benchmark needs ../shared/data (developers' machines and CI only)")
        return 1
    if args.against and not (args.against / "audit" / "__init__.py").exists():
        print(f"{args.against} holds no audit package (expected {args.against / 'audit' / '__init__.py'})")
        return 1
    if args.part in ("signals", "all"):
        compare_trees(args.against, args.articles, args.block) if args.against else time_signals(args.articles)
    if args.part in ("batch", "all"):
        time_batches(args.sizes, args.jobs, args.flat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
