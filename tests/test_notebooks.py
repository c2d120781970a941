"""The three notebooks run top to bottom, offline, in a fresh kernel."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def run(name: str) -> tuple[object, float]:
    book = nbformat.read(NOTEBOOKS / name, as_version=4)
    started = time.perf_counter()
    nbclient.NotebookClient(book, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()  # fmt: skip
    return book, time.perf_counter() - started


def outputs(book, kind: str = "text/html") -> list[str]:
    return [o.get("data", {}).get(kind, "") for c in book.cells if c.cell_type == "code" for o in c.outputs]


@pytest.mark.parametrize("name", ["01_media_literacy.ipynb", "02_newsroom_qa.ipynb", "03_batch_reports.ipynb"])
def test_notebook_runs_and_shows_results(name):
    committed = nbformat.read(NOTEBOOKS / name, as_version=4)
    assert committed.metadata.kernelspec.name == "python3"
    assert all(not c.get("outputs") for c in committed.cells if c.cell_type == "code"), "commit notebooks stripped"
    book, _seconds = run(name)
    html = outputs(book)
    assert any("<b>audit</b>" in h and "<table" in h for h in html), "the compact scorecard is displayed"
    if name.startswith("01"):
        assert sum("<details>" in h for h in html) >= 4  # the folded answers
        assert any("class='article-text'" in h for h in html)
    if name.startswith("02"):
        assert any("type='checkbox'" in h for h in html)  # the checklist
    if name.startswith("03"):
        assert any("image/png" in o.get("data", {}) for c in book.cells if c.cell_type == "code" for o in c.outputs)
        assert any("index.html" in t for t in outputs(book, "text/plain") + [
            o.get("text", "") for c in book.cells if c.cell_type == "code" for o in c.outputs])
