"""The same inputs give byte-identical output: across processes (each with its own
string-hash seed, so any order taken from a set of strings shows up) and across --jobs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from audit.cli import main

from .conftest import CORPUS, ROOT

EXTRA = {
    # a second story and a near-duplicate of it, so cross-source comparison has work to do
    "extra-a.md": "---\nsource: Outlet A\ndate: 2025-11-17\n---\nNavy Strikes Boat\n\nThe Navy said three people "
    "died on Tuesday. “It was lethal,” Gen. Smith said. Officials, who spoke on condition of anonymity, said "
    "about 14 boats had been hit since September.",
    "extra-b.md": "---\nsource: Outlet B\ndate: 2025-11-18\n---\nThe Navy said four people died on Tuesday. "
    "“It was lethal,” Smith said. Some experts believe the strikes may be illegal, perhaps.",
}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("inputs")
    for name, text in EXTRA.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [str(CORPUS), str(folder)]


def run_in_process(inputs: list[str], out: Path, hash_seed: str, jobs: int = 1) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    command = [sys.executable, "-m", "audit", "report", *inputs, "--out", str(out), "--quiet", "--jobs", str(jobs)]
    proc = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, check=False)
    assert proc.returncode == 0, proc.stderr.decode()
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def differing(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


def test_audit_json_is_identical_across_processes_and_hash_seeds(inputs, tmp_path):
    first = run_in_process(inputs, tmp_path / "a", hash_seed="1")
    second = run_in_process(inputs, tmp_path / "b", hash_seed="2024")
    assert first["audit.json"].count(b'"kind":') > 50  # a real audit, with findings from several signals
    assert first["audit.json"] == second["audit.json"]
    assert differing(first, second) == []  # every report too, not only audit.json


def test_output_is_identical_for_any_number_of_jobs(inputs, tmp_path):
    main(["report", *inputs, "--out", str(tmp_path / "j1"), "--quiet", "--jobs", "1"])
    main(["report", *inputs, "--out", str(tmp_path / "j2"), "--quiet", "--jobs", "2"])
    read = lambda folder: {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}  # noqa: E731
    assert differing(read(tmp_path / "j1"), read(tmp_path / "j2")) == []
