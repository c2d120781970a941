"""Writing report files so that an interrupted run never leaves half a file."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO


def write_atomic(path: Path, content: str) -> Path:
    """Write ``content`` to a temporary file beside ``path``, then rename it into place."""
    with open_atomic(path) as out:
        out.write(content)
    return path


@contextmanager
def open_atomic(path: Path) -> Iterator[TextIO]:
    """A text file to write piece by piece; it replaces ``path`` only when the block ends without an error.

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "a.txt"
    >>> with open_atomic(target) as out:
    ...     _ = out.write("one "), out.write("two")
    >>> target.read_text()
    'one two'
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            yield out
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def scratch_folder(parent: Path) -> Iterator[Path]:
    """A hidden folder under ``parent`` for one run's temporary files, removed when the block ends
    (``parent`` too, when it was made for this run and is left empty).

    >>> import tempfile
    >>> with scratch_folder(Path(tempfile.mkdtemp()) / "out") as folder:
    ...     folder.is_dir(), folder.parent.name
    (True, 'out')
    >>> folder.exists(), folder.parent.exists()
    (False, False)
    """
    made = not parent.exists()
    parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=parent, prefix=".audit-run-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if made and not any(parent.iterdir()):
            parent.rmdir()
