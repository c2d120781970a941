"""The ``audit`` command.

Exit status: 0 when every input was audited, 1 when some could not be (each is listed
in ``audit.json`` under ``errors`` and on standard error; the rest are still audited),
2 for a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from audit import __version__
from audit.corpus import DEFAULT_MAX_BYTES
from audit.training_cli import add_training_commands

EPILOG = """examples:
  audit report corpus                     audit the bundled corpus into reports/
  audit report articles/ --out out --jobs 2
  cat story.txt | audit report - corpus   one pasted article against a folder of coverage
  audit report big/ --out out --jobs 2 --skip-existing      resume an interrupted batch
  audit report big/ --engine dask --scheduler tcp://host:8786
  audit report corpus --ratings ratings.csv   show an outside rating of each web domain beside ours
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="audit",
        description="Audit news articles and their sources for attribution, hedging, consistency "
        "across outlets, transcription errors and readability.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"audit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    report = commands.add_parser(
        "report",
        help="audit articles and write audit.json, HTML and Markdown reports",
        description="Audit PATHs (article files, folders read recursively, or - for standard input) "
        "and write DIR/audit.json, one HTML and one Markdown report per source, and DIR/index.html.",
    )
    report.add_argument("paths", nargs="+", metavar="PATH", help="a .txt/.md/.html/.jsonl/.csv file, a folder, or -")
    report.add_argument("--out", default="reports", metavar="DIR", help="where to write the reports (default: reports)")
    report.add_argument("--format", default="json,html,md", metavar="LIST",
                        help="comma-separated formats to write: json, html, md (default: all)")  # fmt: skip
    report.add_argument("--jobs", type=_positive_int, default=1, metavar="N",
                        help="processes for the per-article work (default: 1); results are identical for any N")  # fmt: skip
    report.add_argument("--max-bytes", type=_positive_int, default=DEFAULT_MAX_BYTES, metavar="N",
                        help=f"skip files larger than N bytes (default: {DEFAULT_MAX_BYTES:,})")  # fmt: skip
    report.add_argument("--engine", choices=("local", "dask"), default="local",
                        help="where the per-article work runs: local processes (--jobs) or a Dask cluster "
                        "(pip install 'audit[dask]'; a LocalCluster of --jobs workers unless --scheduler is given)")  # fmt: skip
    report.add_argument("--scheduler", metavar="ADDRESS",
                        help="a running Dask scheduler, e.g. tcp://10.0.0.5:8786 (implies --engine dask)")  # fmt: skip
    report.add_argument("--skip-existing", action="store_true",
                        help="resume a batch: reuse the per-article results kept in DIR/.audit-cache/ for "
                        "articles whose text, metadata and the tool's code are unchanged")  # fmt: skip
    report.add_argument("--no-classifier", action="store_true", help="skip the credibility and bias readings")
    report.add_argument("--ratings", metavar="FILE",
                        help="a CSV/TSV of outside ratings of web domains (a 'domain' column and any others), shown "
                        "beside our readings and labelled with the file's name; never used by the readings")  # fmt: skip
    report.add_argument("--quiet", action="store_true", help="print nothing but errors")
    report.set_defaults(run=run_report)
    add_training_commands(commands, positive_int=_positive_int)  # audit train, audit evaluate
    return parser


def run_report(args: argparse.Namespace) -> int:
    from audit.pipeline import audit_corpus
    from audit.report import FORMATS, write_reports
    from audit.report.files import scratch_folder
    from audit.runner import EngineUnavailable

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        print(f"audit: error: unknown format(s) {', '.join(unknown)} (choose from {', '.join(FORMATS)})", file=sys.stderr)
        return 2
    engine = "dask" if args.scheduler else args.engine
    ratings = None
    if args.ratings:
        from audit.ratings import RatingsError, load_ratings

        try:
            ratings = load_ratings(args.ratings)  # before the audit, so a bad file costs nothing
        except RatingsError as exc:
            print(f"audit: error: --ratings: {exc}", file=sys.stderr)
            return 2
    with scratch_folder(Path(args.out)) as scratch:  # each article's full result waits there, not in memory
        try:
            result = audit_corpus(args.paths, jobs=args.jobs, max_bytes=args.max_bytes, progress=not args.quiet,
                                  readings=not args.no_classifier, engine=engine, scheduler=args.scheduler,
                                  resume=args.out if args.skip_existing else None, spill=scratch)  # fmt: skip
        except EngineUnavailable as exc:
            print(f"audit: error: {exc}", file=sys.stderr)
            return 2
        for error in result.errors:
            print(f"audit: {error.path}: {error.error}", file=sys.stderr)
        for article in result.summaries():
            for failure in article.signal_errors:
                print(f"audit: {article.path}: signal {failure['signal']} failed: {failure['error']}", file=sys.stderr)
        written = write_reports(result, args.out, formats, ratings=ratings)
    if not args.quiet:
        print(f"audited {len(result.articles)} article(s) from {len(result.source_positions())} source(s); "
              f"{len(result.errors)} input(s) skipped; {len(written)} file(s) written to {args.out}/")  # fmt: skip
    return 1 if result.errors else 0


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    raise SystemExit(main())
