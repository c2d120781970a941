"""Running the per-article stage: in this process, or over several processes.

The results come back in input order whichever way they were computed, so ``--jobs``
never changes the output.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from typing import Any, TypeVar

from tqdm import tqdm

T = TypeVar("T")


def map_articles(
    function: Callable[..., T], articles: Sequence[Any], *, jobs: int = 1, progress: bool = False, **kwargs: Any
) -> list[T]:
    """``[function(a, **kwargs) for a in articles]``, on ``jobs`` processes when jobs > 1."""
    work = partial(function, **kwargs)
    show = progress and sys.stderr.isatty()
    bar = partial(tqdm, total=len(articles), unit="article", disable=not show, file=sys.stderr)
    if jobs <= 1 or len(articles) < 2:
        return [work(article) for article in bar(articles)]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        chunk = max(1, min(64, len(articles) // (jobs * 8)))
        return list(bar(pool.map(work, articles, chunksize=chunk)))
