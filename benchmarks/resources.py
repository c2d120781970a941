"""Resources: memory per article, and pathological inputs end to end, stage by stage.

    python benchmarks/resources.py                     # everything
    python benchmarks/resources.py memory --sizes 50 100 200 400
    python benchmarks/resources.py memory-cli --sizes 100 200 400 800   # through `audit report`
    python benchmarks/resources.py pathological        # 10,000 and 100,000 sentences, 1 MB word, quote marks

*Memory*: each batch size runs ``audit_corpus`` in a fresh process, once without tracing
(peak resident memory, ``ru_maxrss``) and once under ``tracemalloc`` (Python heap: the peak
during the run, and what the finished ``Audit`` keeps). Memory per article is the slope of
those figures over the batch sizes (a straight-line fit), so the fixed cost of the
interpreter, libraries and lexicons is not counted per article. *memory-cli* measures the
command-line path instead: the articles written to a JSON-lines file, then ``audit report
FILE --out DIR`` (every report) in a fresh process, its peak resident memory per size. Articles come from
../shared/data (BuzzFeed-Webis 2016 full texts) when it is there, else from the bundled
corpus under new ids and outlet names.

*Pathological inputs*: a 100,000-sentence article (one sentence per line, and all in one
paragraph; both under the 10 MB default size limit), a 1 MB word, 30,000 quotation marks.
Each goes through every stage on its own: loading (decode and cleaning), the text layer,
each signal (in a forked process with a time limit, so one runaway signal is reported as
such instead of stopping the benchmark), the cross-source comparison, the classifier, the
JSON and the reports. The 10,000-sentence run beside the 100,000 one shows the growth: a
linear stage takes about 10 times longer, a quadratic one 100 times.
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_ARTICLES = ROOT.parent / "shared" / "data" / "BuzzFeed-Webis-2016" / "buzzfeed_webis_2016_articles.csv"
sys.path.insert(0, str(ROOT))

SENTENCES = [  # varied on purpose: quotes, titles, initialisms, numbers, dates, hedges, attributions
    "Officials said 3 boats were struck on Sept. 2, 2025, killing about 11 people.",
    "“It was a lethal strike,” Gen. Francis L. Donovan told reporters on Tuesday.",
    "The U.S. Navy said the vessel may have been carrying drugs, according to two officials.",
    "Critics called it ‘an illegal killing’ and asked for evidence.",
    "More than $50 million was offered as a reward last week!",
    "Was the operation legal under international law?",
    "Some experts believe the strikes could possibly continue for months.",
    "Rubio said the 21st strike was the first in the Pacific.",
]


# ---------------------------------------------------------------- memory per article


def sample_articles(count: int) -> list:
    from audit.corpus import Article, load_paths

    texts: list[str] = []
    if SHARED_ARTICLES.exists():
        csv.field_size_limit(10**8)
        with open(SHARED_ARTICLES, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if len(row.get("mainText") or "") > 300:
                    texts.append(row["mainText"])
                if len(texts) >= count:
                    break
    if len(texts) < count:
        seeds = [a.text for a in load_paths([ROOT / "corpus"])[0]]
        texts += [seeds[i % len(seeds)] for i in range(count - len(texts))]
    return [Article.from_text(t, id=f"a{i}", source=f"Outlet {i % 37}", date="2025-11-17") for i, t in enumerate(texts)]


def memory_child(count: int, trace: bool) -> dict:
    from audit.pipeline import audit_corpus

    articles = sample_articles(count)
    text_chars = sum(len(a.text) for a in articles)
    if trace:
        tracemalloc.start()
        baseline = tracemalloc.get_traced_memory()[0]
    start = time.perf_counter()
    result = audit_corpus(articles)
    seconds = time.perf_counter() - start
    out = {"articles": count, "chars": text_chars, "seconds": round(seconds, 2),
           "findings": sum(len(r.findings) for r in result.articles)}  # fmt: skip
    if trace:
        current, peak = tracemalloc.get_traced_memory()
        out.update(heap_peak=peak - baseline, heap_kept=current - baseline)
    else:
        out["rss_peak"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB
        out["json_bytes"] = len(result.to_json().encode("utf-8"))
    return out


def cli_memory_child(count: int) -> dict:
    """Peak resident memory of ``audit report`` (all formats) on ``count`` articles."""
    from audit.cli import main

    with tempfile.TemporaryDirectory() as folder:
        batch = Path(folder) / "batch.jsonl"
        with open(batch, "w", encoding="utf-8") as out:
            for a in sample_articles(count):
                out.write(json.dumps({"id": a.id, "source": a.source, "date": a.date.isoformat(), "text": a.text}) + "\n")
        before = time.process_time()
        start = time.perf_counter()
        main(["report", str(batch), "--out", str(Path(folder) / "out"), "--quiet"])
        return {"articles": count, "seconds": round(time.perf_counter() - start, 2),
                "cpu_seconds": round(time.process_time() - before, 2),
                "rss_peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}  # fmt: skip


def memory_cli(sizes: list[int]) -> None:
    print("Memory of `audit report` (all formats; one process per row)")
    print(f"{'articles':>8} {'seconds':>8} {'CPU s':>8} {'peak RSS MB':>11}")
    rows = []
    for size in sizes:
        rows.append(run_child(str(size), "cli"))
        r = rows[-1]
        print(f"{size:>8} {r['seconds']:>8} {r['cpu_seconds']:>8} {r['rss_peak'] / 2**20:>11.1f}")
    if len(rows) > 1:
        per = slope([r["articles"] for r in rows], [r["rss_peak"] for r in rows]) / 1024
        print(f"per article (slope): peak RSS {per:,.0f} KiB")


def run_child(*args: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, "child", *args], capture_output=True, text=True, check=False)
    if proc.returncode:
        raise SystemExit(f"child {args} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def slope(xs: list[float], ys: list[float]) -> float:
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum((x - mean_x) ** 2 for x in xs)


def memory(sizes: list[int]) -> None:
    origin = "../shared BuzzFeed-Webis full texts" if SHARED_ARTICLES.exists() else "the bundled corpus, repeated"
    print(f"Memory per article ({origin}; every signal and the classifier; one process per row)")
    print(f"{'articles':>8} {'chars/article':>13} {'seconds':>8} {'peak RSS MB':>11} {'heap peak MB':>12} "
          f"{'heap kept MB':>12} {'JSON MB':>8}")  # fmt: skip
    rows = []
    for size in sizes:
        plain, traced = run_child(str(size), "rss"), run_child(str(size), "trace")
        rows.append({**plain, **{k: traced[k] for k in ("heap_peak", "heap_kept")}})
        r = rows[-1]
        print(f"{size:>8} {r['chars'] / size:>13,.0f} {r['seconds']:>8} {r['rss_peak'] / 2**20:>11.1f} "
              f"{r['heap_peak'] / 2**20:>12.1f} {r['heap_kept'] / 2**20:>12.1f} {r['json_bytes'] / 2**20:>8.2f}")  # fmt: skip
    if len(rows) > 1:
        xs = [r["articles"] for r in rows]
        per = {key: slope(xs, [r[key] for r in rows]) / 1024 for key in ("rss_peak", "heap_peak", "heap_kept", "json_bytes")}
        chars = sum(r["chars"] for r in rows) / sum(xs)
        print(f"per article (slope): peak RSS {per['rss_peak']:,.0f} KiB, heap peak {per['heap_peak']:,.0f} KiB, "
              f"kept after the audit {per['heap_kept']:,.0f} KiB, JSON {per['json_bytes']:,.0f} KiB "
              f"(articles average {chars:,.0f} characters)")  # fmt: skip


# ---------------------------------------------------------------- pathological inputs


def _timed_in_fork(function, limit: float):
    """Run ``function()`` in a forked process; (CPU seconds, None) or (None, why it stopped); the limit is wall time."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def target():
        start = time.process_time()
        try:
            function()
            send.send((time.process_time() - start, None))
        except Exception as exc:  # reported, never fatal
            send.send((None, f"{type(exc).__name__}: {exc}"))

    process = context.Process(target=target)
    process.start()
    process.join(limit)
    if process.is_alive():
        process.terminate()
        process.join()
        return None, f"> {limit:.0f} s: stopped"
    return receive.recv() if receive.poll() else (None, f"exit code {process.exitcode}")


def pathological_cases() -> dict[str, str]:
    def sentences(n: int, separator: str) -> str:
        return separator.join(SENTENCES[i % len(SENTENCES)] for i in range(n))

    return {
        "10,000 sentences, one per line": sentences(10_000, "\n"),
        "100,000 sentences, one per line": sentences(100_000, "\n"),
        "100,000 sentences, one paragraph": sentences(100_000, " "),
        "1 MB word": "The " + "a" * 1_000_000 + " said.",
        "30,000 quotation marks": "\"“”‘’'" * 5_000,
    }


def pathological(limit: float, only: list[str] | None) -> None:
    from audit import classifier
    from audit.corpus import DEFAULT_MAX_BYTES, load_paths
    from audit.pipeline import compare_across
    from audit.report import write_reports
    from audit.result import ArticleResult, Audit
    from audit.signals import SIGNALS
    from audit.text import Document

    warm = Document.from_text("Rubio said “it was lethal” on Tuesday. Officials said 3 boats were hit.")
    for signal in SIGNALS:  # lexicons and dictionaries load once, outside the timings
        signal.analyse and signal.analyse(warm)
        signal.collect and signal.collect(warm)
    print(f"Pathological inputs, CPU seconds per stage (time.process_time, so other load does not count; "
          f"each signal in a forked process, stopped after {limit:.0f} s of wall time)")
    for name, text in pathological_cases().items():
        if only and not any(o in name for o in only):
            continue
        size = len(text.encode("utf-8"))
        assert size <= DEFAULT_MAX_BYTES, f"{name} is over the size limit"
        times: dict[str, str] = {}
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "pathological.txt"
            path.write_text(text, encoding="utf-8")
            start = time.process_time()
            [article], errors = load_paths([path])
            times["load"] = f"{time.process_time() - start:.2f}"
            start = time.process_time()
            doc = Document.from_article(article)
            times["text layer"] = f"{time.process_time() - start:.2f}"
            result = ArticleResult(article=article)
            collected = {}
            for signal in SIGNALS:
                def work(signal=signal):
                    signal.analyse and signal.analyse(doc)
                    signal.collect and signal.collect(doc)

                seconds, problem = _timed_in_fork(work, limit)
                times[signal.name] = f"{seconds:.2f}" if problem is None else problem
                if problem is None:  # run it here too, to feed the stages after it
                    signal.analyse and result.add(signal.name, signal.analyse(doc))
                    if signal.collect:
                        collected[signal.name] = signal.collect(doc)
            for signal in SIGNALS:
                if signal.compare and signal.name in collected:
                    start = time.process_time()
                    compare_across([result], [collected], [signal])
                    times[f"{signal.name} compare"] = f"{time.process_time() - start:.2f}"
            start = time.process_time()
            result.classifier = classifier.readings([result])[0]
            times["classifier"] = f"{time.process_time() - start:.2f}"
            audit = Audit(articles=[result], errors=errors, signals=SIGNALS)
            start = time.process_time()
            document = audit.to_json()
            times["JSON"] = f"{time.process_time() - start:.2f}"
            start = time.process_time()
            write_reports(audit, Path(folder) / "out")
            times["reports"] = f"{time.process_time() - start:.2f}"
        print(f"\n{name}: {size / 2**20:.2f} MB, {len(doc.sentences):,} sentences, {len(doc.tokens):,} tokens, "
              f"{len(doc.quotes):,} quotes, {len(result.findings):,} findings, JSON {len(document) / 2**20:.1f} MB")  # fmt: skip
        print("  " + "; ".join(f"{stage} {value}" for stage, value in times.items()))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        print(f"  peak resident memory of this process so far: {peak:,.0f} MB")


def main() -> None:
    if sys.argv[1:2] == ["child"]:
        count, mode = int(sys.argv[2]), sys.argv[3]
        print(json.dumps(cli_memory_child(count) if mode == "cli" else memory_child(count, trace=mode == "trace")))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("part", nargs="?", choices=["memory", "memory-cli", "pathological", "all"], default="all")
    parser.add_argument("--sizes", nargs="+", type=int, default=[50, 100, 200, 400], help="batch sizes for memory")
    parser.add_argument("--limit", type=float, default=300, help="seconds before a signal is stopped")
    parser.add_argument("--only", nargs="+", help="pathological cases whose name contains one of these words")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}\n")
    if args.part in ("memory", "all"):
        memory(args.sizes)
        print()
    if args.part == "memory-cli":
        memory_cli(args.sizes)
    if args.part in ("pathological", "all"):
        pathological(args.limit, args.only)


if __name__ == "__main__":
    main()
