"""Map a function over many items on all cores, with the same results, in the same order, as a plain loop.

Workers are forked, so they inherit the site model instead of receiving it pickled; only each result travels
back. Small batches, or a machine with one core, run in the calling process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

JOBS_ENV = "STOGEN_JOBS"
MIN_PARALLEL = 200  # below this, starting workers costs more than it saves (for tasks of a millisecond or so)

_task: Callable[[Any], Any] | None = None
_items: Sequence[Any] = ()


def workers() -> int:
    value = os.environ.get(JOBS_ENV)
    if value and value.isdigit() and int(value) > 0:
        return int(value)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _worker_signals() -> None:
    """A worker dies on SIGTERM (Pool.terminate) and leaves Ctrl-C to its parent, whatever handlers it inherited:
    `stogen serve` answers SIGTERM by stopping after its build, and a worker that inherited that handler
    outlived terminate(), so the build waited for it forever (the preview hung after a change)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_chunk(indices: Sequence[int]) -> list[Any]:
    assert _task is not None
    return [_task(_items[i]) for i in indices]


def tasks(
    items: Sequence[T],
    chunk: int,
    n: int,
    together: Callable[[T], bool] | None = None,
    alone: Callable[[T], bool] | None = None,
) -> list[Sequence[int]]:
    """The workers' tasks, as the items' indices, in the order they are handed out: the items `together` picks as
    one task, when there are some and they are at most one of `n` workers' share; then each item `alone` picks as
    a task of its own; then the rest in chunks, in order (ranges, when nothing was picked)."""
    single = [i for i, item in enumerate(items) if alone(item)] if alone is not None else []
    grouped = [i for i, item in enumerate(items) if together(item)] if together is not None else []
    if single:
        alone_too = set(single)
        grouped = [i for i in grouped if i not in alone_too]
    if grouped and len(grouped) > len(items) // n:
        grouped = []
    if not grouped and not single:
        return [range(i, min(i + chunk, len(items))) for i in range(0, len(items), chunk)]
    chosen = set(grouped) | set(single)
    rest = [i for i in range(len(items)) if i not in chosen]
    head: list[Sequence[int]] = [grouped] if grouped else []
    return [*head, *([i] for i in single), *(rest[i : i + chunk] for i in range(0, len(rest), chunk))]


def ordered_map(
    task: Callable[[T], R],
    items: Sequence[T],
    chunk: int = 64,
    min_parallel: int = MIN_PARALLEL,
    together: Callable[[T], bool] | None = None,
    alone: Callable[[T], bool] | None = None,
) -> Iterator[R]:
    """Yield task(item) for every item, in order; on all cores when that pays off.

    With n cores, n forked workers take the chunks and this process only collects their results. (It used to
    take every n-th chunk itself, to save a copy of the model; but it also receives every other chunk's results,
    so its own chunks ran up to twice as slow and every core waited for it: Markdown for 16,200 bodies at 78 x
    200 took 5.0 s that way, 3.6 s this way.)

    `together`: the items for which it is true are done by one worker, as the first task, while the others share
    out the rest: for items that share what a worker remembers (the listing pages and the cards they show), as
    long as they are at most a worker's share of the items. `alone`: the items for which it is true are a task each
    (a photo's ladder: seconds of work), handed out before the chunks of the rest, so that they spread over the
    cores.
    """
    global _task, _items
    n = workers()
    if n <= 1 or len(items) < min_parallel or "fork" not in multiprocessing.get_all_start_methods():
        for item in items:
            yield task(item)
        return
    _task, _items = task, items
    bounds = tasks(items, chunk, n, together, alone)
    grouped = len(bounds) > 1 and not isinstance(bounds[0], range)
    # Objects that exist before the fork are moved out of the garbage collector's sight: otherwise every
    # worker's collections walk (and copy-on-write touch) the whole inherited site model.
    already_frozen = gc.get_freeze_count() > 0  # by the build, for its whole length
    gc.freeze()
    try:
        pool = multiprocessing.get_context("fork").Pool(n, initializer=_worker_signals)
        try:
            if not grouped:
                yield from (r for rs in pool.imap(_run_chunk, bounds) for r in rs)
            else:  # the results come in the items' order, not the tasks'
                done: dict[int, Any] = {}
                following = 0
                for indices, results in zip(bounds, pool.imap(_run_chunk, bounds), strict=True):
                    done.update(zip(indices, results, strict=True))
                    while following in done:
                        yield done.pop(following)
                        following += 1
        except BaseException:
            pool.terminate()
            raise
        else:
            pool.close()  # each worker ends at the end of the queue: none is killed while it holds the queue's lock
        finally:
            pool.join()
    finally:
        if not already_frozen:
            gc.unfreeze()
        _task, _items = None, ()
