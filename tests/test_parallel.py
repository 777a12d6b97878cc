"""stogen/core/parallel.py: the same results, in the same order, as a plain loop, on every core."""

from __future__ import annotations

import os

import pytest

from stogen.core.parallel import JOBS_ENV, ordered_map, tasks


def _square(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


@pytest.mark.parametrize("count", [0, 1, 199, 200, 1000, 1001])
@pytest.mark.parametrize("chunk", [1, 7, 64])
def test_results_come_in_order_as_from_a_loop(monkeypatch: pytest.MonkeyPatch, count: int, chunk: int) -> None:
    monkeypatch.setenv(JOBS_ENV, "2")
    found = list(ordered_map(_square, list(range(count)), chunk=chunk))
    assert [n for n, _ in found] == [n * n for n in range(count)]


@pytest.mark.parametrize("every", [3, 10, 997])
def test_items_done_together_are_done_by_one_worker_and_come_in_order(
    monkeypatch: pytest.MonkeyPatch, every: int
) -> None:
    """The items `together` picks (the listing pages, which share the cards a worker keeps) are one worker's task;
    the rest is shared out; the results are in the items' order all the same."""
    monkeypatch.setenv(JOBS_ENV, "2")
    items = list(range(3000))
    found = list(ordered_map(_square, items, chunk=16, together=lambda n: n % every == 0))
    assert [n for n, _ in found] == [n * n for n in items]
    grouped = {pid for n, (_, pid) in zip(items, found, strict=True) if n % every == 0}
    assert len(grouped) == 1 and os.getpid() not in grouped


def test_a_group_larger_than_a_workers_share_is_shared_out() -> None:
    items = list(range(100))
    assert tasks(items, 16, 2, lambda n: n % 10 == 0) == [
        list(range(0, 100, 10)),
        *([i for i in range(100) if i % 10][k : k + 16] for k in range(0, 90, 16)),
    ]
    assert tasks(items, 16, 2, lambda n: n % 4 != 0) == [range(k, min(k + 16, 100)) for k in range(0, 100, 16)]
    assert tasks(items, 16, 2, lambda n: False) == tasks(items, 16, 2)


def test_one_worker_runs_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(JOBS_ENV, "1")
    found = list(ordered_map(_square, list(range(500)), together=lambda n: n < 10))
    assert [n for n, _ in found] == [n * n for n in range(500)] and {pid for _, pid in found} == {os.getpid()}


def test_items_alone_are_a_task_each_after_the_group_and_before_the_chunks() -> None:
    """A photo's ladder (`alone`) is a task of its own, handed out before the chunks of light items, so that a few
    slow ones spread over the cores; an item both alone and together is alone."""
    items = list(range(100))
    found = tasks(items, 16, 2, together=lambda n: n % 10 == 0, alone=lambda n: n in (5, 50, 77))
    rest = [i for i in items if i % 10 and i not in (5, 77)]
    assert found == [
        [0, 10, 20, 30, 40, 60, 70, 80, 90],
        [5],
        [50],
        [77],
        *(rest[k : k + 16] for k in range(0, 88, 16)),
    ]
    assert tasks(items, 16, 2, alone=lambda n: n == 99) == [
        [99],
        *(items[k : min(k + 16, 99)] for k in range(0, 99, 16)),
    ]


def test_items_alone_come_in_order_with_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(JOBS_ENV, "2")
    items = list(range(600))
    found = list(ordered_map(_square, items, min_parallel=2, together=lambda n: n < 30, alone=lambda n: n % 97 == 0))
    assert [n for n, _ in found] == [n * n for n in items]
    assert os.getpid() not in {pid for _, pid in found}  # done by the workers
