"""Running the per-article stage: in this process, over local processes, or on Dask.

The results come back in input order whichever way they were computed, so ``--jobs``
and ``--engine`` never change the output. With a :class:`~audit.cache.ResultCache`,
articles already done are read back instead of recomputed, and each new result is
stored as soon as it arrives, so an interrupted batch loses only the articles in flight.
Local worker processes are sent a few chunks ahead of the results read, so articles kept
on disk (see :class:`~audit.cache.ScratchList`) are read only as their turn comes.
Worker processes the runner starts freeze their heap after their first article (see
:func:`_freeze_once`), so the garbage collector stops rescanning the lexicons and models.

>>> map_articles(len, ["ab", "abc"])
[2, 3]
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator, Sequence
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from functools import cache, partial
from typing import TYPE_CHECKING, Any, TypeVar

from tqdm import tqdm

from audit.signals.base import by_position

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
    pending = by_position(articles, todo)  # read as they are sent: the articles may live on disk
    if engine == "dask":
        computed = _on_dask(work, pending, jobs=jobs, scheduler=scheduler)
    else:
        computed = _locally(work, pending, jobs=jobs)
    with bar:
        for position, outcome in computed:
            index = todo[position]
            if cache:
                cache.put(articles[index], outcome)
            results[index] = keep(index, outcome)
            bar.update()
    return results


def _locally(work: Callable[[Any], T], items: Sequence[Any], *, jobs: int) -> Iterator[tuple[int, T]]:
    """In this process, or on ``jobs`` processes (results in input order)."""
    if jobs <= 1 or len(items) < 2:
        yield from ((i, work(item)) for i, item in enumerate(items))
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        chunk = max(1, min(64, len(items) // (jobs * 8)))
        yield from enumerate(_in_order(pool, partial(_in_worker, work), items, chunk, ahead=4 * jobs))


def _in_order(pool: ProcessPoolExecutor, work: Callable[[Any], T], items: Sequence[Any], chunk: int,
              ahead: int) -> Iterator[T]:  # fmt: skip
    """``work`` over ``items`` on ``pool``, in order, ``chunk`` items per task and at most
    ``ahead`` tasks sent and not yet read: unlike ``pool.map``, which sends every item at
    once, only a window of the batch is ever held.

    >>> with ProcessPoolExecutor(max_workers=2) as pool:
    ...     list(_in_order(pool, abs, [-3, 1, -2, 5, -8], chunk=2, ahead=2))
    [3, 1, 2, 5, 8]
    """
    sent: deque[Future[list[T]]] = deque()
    try:
        for start in range(0, len(items), chunk):
            sent.append(pool.submit(_run_chunk, items[start:start + chunk], work))
            if len(sent) >= ahead:
                yield from sent.popleft().result()
        while sent:
            yield from sent.popleft().result()
    finally:
        for task in sent:  # a consumer that stops early leaves nothing queued
            task.cancel()


def _on_dask(work: Callable[[Any], T], items: Sequence[Any], *, jobs: int, scheduler: str | None) -> Iterator[tuple[int, T]]:
    """On a Dask cluster: ``scheduler`` (an address) or a LocalCluster of ``jobs`` workers.

    Work is sent in chunks of articles; chunks come back as they finish.
    """
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise EngineUnavailable("--engine dask needs dask and distributed: pip install 'audit[dask]'") from None
    if not items:
        return
    if scheduler:  # a shared cluster's workers are not ours to freeze
        cluster, client = None, Client(scheduler)
    else:  # one thread per worker: the signals are pure Python and hold the GIL
        cluster = LocalCluster(n_workers=max(jobs, 1), threads_per_worker=1, processes=jobs > 1,
                               dashboard_address=None)  # fmt: skip
        client = Client(cluster)
        if jobs > 1:  # worker processes of our own (with one job, threads in this process)
            work = partial(_in_worker, work)
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


def _in_worker(work: Callable[[Any], T], item: Any) -> T:
    """``work(item)`` in a worker process the runner started; the first call also freezes the heap."""
    outcome = work(item)
    _freeze_once()
    return outcome


@cache  # once per process (a forked worker inherits no call: the caller never makes one)
def _freeze_once() -> None:
    """Hide everything alive now from the cyclic garbage collector, once per worker process.

    Why: the first article loads the lexicons, dictionaries and models (~450,000 objects, 275,000 of
    them lists in textstat's pronunciation dictionary), which live as long as the process. Every full
    collection walks them all (~190 ms), and a long batch sets off several.

    Why it cannot leak: ``gc.freeze`` only stops the cycle collector from scanning; reference
    counting still frees frozen objects. What is frozen is what survives the ``gc.collect()`` just
    before: module state (lexicons, models, caches), the worker's current chunk of articles and this
    first outcome. At worst a cyclic one of those, once dropped, is never reclaimed: a bounded,
    one-time amount, because every object made afterwards is tracked as usual. Never called in the
    caller's own process.
    """
    gc.collect()
    gc.freeze()
