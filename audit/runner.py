"""Running the per-article stage: in this process, over local processes, or on Dask.

The results come back in input order whichever way they were computed, so ``--jobs``
and ``--engine`` never change the output. With a :class:`~audit.cache.ResultCache`,
articles already done are read back instead of recomputed, and each new result is
stored as soon as it arrives, so an interrupted batch loses only the articles in flight.

>>> map_articles(len, ["ab", "abc"])
[2, 3]
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from tqdm import tqdm

if TYPE_CHECKING:
    from audit.cache import ResultCache

T = TypeVar("T")
ENGINES = ("local", "dask")
DASK_CHUNK = 16  # articles per Dask task: fewer round trips, still balanced over workers


class EngineUnavailable(RuntimeError):
    """The chosen engine cannot run here (e.g. Dask is not installed)."""


def map_articles(
    function: Callable[..., T],
    articles: Sequence[Any],
    *,
    jobs: int = 1,
    progress: bool = False,
    engine: str = "local",
    scheduler: str | None = None,
    cache: ResultCache | None = None,
    keep: Callable[[int, T], Any] | None = None,
    **kwargs: Any,
) -> list[Any]:
    """``[function(a, **kwargs) for a in articles]``, computed by ``engine``, reusing ``cache``.

    ``keep(position, outcome)``, when given, is called on each outcome as it arrives and its
    answer is kept instead (e.g. a compact summary, the outcome itself going to disk).
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    keep = keep or (lambda _, outcome: outcome)
    results: list[Any] = [None] * len(articles)
    todo = []
    for index, article in enumerate(articles):
        stored = cache.get(article) if cache else None
        if stored is None:
            todo.append(index)
        else:
            results[index] = keep(index, stored)
    work = partial(function, **kwargs)
    show = progress and sys.stderr.isatty()
    bar = tqdm(total=len(articles), initial=len(articles) - len(todo), unit="article", disable=not show,
               file=sys.stderr, smoothing=0.05)  # fmt: skip
    if engine == "dask":
        computed = _on_dask(work, [articles[i] for i in todo], jobs=jobs, scheduler=scheduler)
    else:
        computed = _locally(work, [articles[i] for i in todo], jobs=jobs)
    with bar:
        for position, outcome in computed:
            index = todo[position]
            if cache:
                cache.put(articles[index], outcome)
            results[index] = keep(index, outcome)
            bar.update()
    return results


def _locally(work: Callable[[Any], T], items: list[Any], *, jobs: int) -> Iterator[tuple[int, T]]:
    """In this process, or on ``jobs`` processes (results in order as they finish)."""
    if jobs <= 1 or len(items) < 2:
        yield from ((i, work(item)) for i, item in enumerate(items))
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        chunk = max(1, min(64, len(items) // (jobs * 8)))
        yield from enumerate(pool.map(work, items, chunksize=chunk))


def _on_dask(work: Callable[[Any], T], items: list[Any], *, jobs: int, scheduler: str | None) -> Iterator[tuple[int, T]]:
    """On a Dask cluster: ``scheduler`` (an address) or a LocalCluster of ``jobs`` workers.

    Work is sent in chunks of articles; chunks come back as they finish.
    """
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise EngineUnavailable("--engine dask needs dask and distributed: pip install 'audit[dask]'") from None
    if not items:
        return
    if scheduler:
        cluster, client = None, Client(scheduler)
    else:  # one thread per worker: the signals are pure Python and hold the GIL
        cluster = LocalCluster(n_workers=max(jobs, 1), threads_per_worker=1, processes=jobs > 1,
                               dashboard_address=None)  # fmt: skip
        client = Client(cluster)
    try:
        starts = range(0, len(items), DASK_CHUNK)
        futures = client.map(_run_chunk, [items[s:s + DASK_CHUNK] for s in starts], work=work, pure=False)
        first = {future.key: start for future, start in zip(futures, starts)}
        for future in as_completed(futures):
            start = first[future.key]
            yield from ((start + offset, outcome) for offset, outcome in enumerate(future.result()))
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _run_chunk(items: list[Any], work: Callable[[Any], T]) -> list[T]:
    return [work(item) for item in items]
