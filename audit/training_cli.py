"""The ``audit train`` and ``audit evaluate`` subcommands (registered by :mod:`audit.cli` through :func:`add_training_commands`).

Kept apart from the report command so that ``audit report`` never imports the
training code, and light to import: the work is in :mod:`audit.training_report`.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from audit.classifier import READINGS


def add_training_commands(commands: argparse._SubParsersAction, *, positive_int: Callable[[str], int]) -> None:
    """Add ``train`` and ``evaluate`` to the ``audit`` command's subparsers."""
    for name, run, summary in (
        ("train", run_train, "rebuild the credibility and bias models and print their cross-validated figures"),
        ("evaluate", run_evaluate, "print the models' cross-validated figures (grouped by publisher vs random)"),
    ):
        command = commands.add_parser(name, help=summary, description=summary + ". Reads the public data sets "
                                      "in ../shared/data, or your own CSV with columns text, label (1/0), group.")  # fmt: skip
        command.add_argument("--target", choices=(*READINGS, "all"), default="all",
                             help="which reading: credibility, bias or all (default: all; --csv needs one)")  # fmt: skip
        command.add_argument("--csv", metavar="FILE", help="train on a labelled CSV (text, label, group) instead")
        command.add_argument("--jobs", type=positive_int, default=1, metavar="N",
                             help="processes for the feature extraction (default: 1)")  # fmt: skip
        command.add_argument("--cache", metavar="DIR", default=None,
                             help="keep extracted features here between runs (default: evaluation/out/features "
                                  "for the public sets, none for --csv)")  # fmt: skip
        command.add_argument("--figures", metavar="DIR", help="write reliability diagrams (PNG) here")
        command.add_argument("--report", metavar="FILE", help="also write the figures as Markdown to FILE")
        if name == "train":
            command.add_argument("--models", metavar="DIR",
                                 help="where to save the .skops files (default: the shipped models/ folder)")  # fmt: skip
        command.set_defaults(run=run)


def run_train(args: argparse.Namespace) -> int:
    return _run(args, save=True)


def run_evaluate(args: argparse.Namespace) -> int:
    return _run(args, save=False)


def _run(args: argparse.Namespace, *, save: bool) -> int:
    from audit import training_report

    if args.csv and args.target == "all":
        print("audit: error: --csv needs --target credibility or --target bias", file=sys.stderr)
        return 2
    targets = READINGS if args.target == "all" else (args.target,)
    cache = Path(args.cache) if args.cache else (None if args.csv else training_report.DEFAULT_CACHE)
    sections = [f"# Classifier figures ({time.strftime('%Y-%m-%d')}, `audit {' '.join(sys.argv[1:]) or args.run.__name__}`)"]
    for target in targets:
        try:
            result = training_report.run(target, csv=args.csv, jobs=args.jobs, cache=cache, save=save,
                                         figures_dir=Path(args.figures) if args.figures else None,
                                         progress=sys.stderr.isatty())  # fmt: skip
        except (FileNotFoundError, ValueError) as exc:
            print(f"audit: error: {exc}", file=sys.stderr)
            return 2
        print(result.markdown + "\n", flush=True)
        sections.append(result.markdown)
        if result.bundle is not None:
            path = training_report.save(result.bundle, Path(args.models) if args.models else None)
            print(f"saved {path} ({path.stat().st_size / 1024:.0f} kB)\n", flush=True)
    if args.report:
        Path(args.report).parent.mkdir(parents=True, exist_ok=True)
        Path(args.report).write_text("\n\n".join(sections) + "\n", encoding="utf-8")
    return 0
