"""Length-sorted, token-budgeted batches that give results back in input order."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def token_batches(lengths: Sequence[int], budget: int) -> list[list[int]]:
    """Group indices into batches whose padded size (longest * count) stays within `budget` tokens.

    Longest first, so a batch that would not fit in memory fails at the start of a run, and
    similar lengths share a batch, so little padding is computed. A single item longer than the
    budget gets a batch of its own. Ties keep input order, so batches are deterministic.
    """
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    batches: list[list[int]] = []
    for index in order:
        current = batches[-1] if batches else None
        # Sorted longest first: the batch's longest item is its first one.
        if current and lengths[current[0]] * (len(current) + 1) <= budget:
            current.append(index)
        else:
            batches.append([index])
    return batches


def map_batched(items: Sequence[T], lengths: Sequence[int], budget: int,
                function: Callable[[list[T]], list[R]],
                on_batch: Callable[[int], None] | None = None) -> list[R]:
    """Apply `function` to token-budgeted batches of `items` and return its results in input order."""
    results: list[R | None] = [None] * len(items)
    for batch in token_batches(lengths, budget):
        outputs = function([items[i] for i in batch])
        for index, output in zip(batch, outputs, strict=True):
            results[index] = output
        if on_batch:
            on_batch(len(batch))
    return results  # type: ignore[return-value]


def halve_on_error(errors: tuple[type[BaseException], ...], function: Callable[[list[T]], list[R]],
                   items: list[T], on_halve: Callable[[int], None] | None = None) -> list[R]:
    """Run `function` on `items`; when it raises one of `errors` (out of memory), run it on each half instead.

    A single item that still fails re-raises: there is nothing smaller to try. The halves run after
    the `except` block has ended: while an exception is live, its traceback keeps the failed
    attempt's frames, and with them every tensor they held (beam caches, vocabulary-sized scores),
    so retrying inside the block would run the halves beside the memory that did not fit.
    """
    try:
        return function(items)
    except errors:
        if len(items) < 2:
            raise
    if on_halve:  # the failed attempt is gone now: on_halve can hand its memory back (gc, empty_cache)
        on_halve(len(items))
    middle = len(items) // 2
    return (halve_on_error(errors, function, items[:middle], on_halve)
            + halve_on_error(errors, function, items[middle:], on_halve))


def sentence_windows(items: Iterable[tuple[T, int]], limit: int) -> Iterator[list[T]]:
    """Group (item, sentence count) pairs in order until a group holds `limit` sentences.

    The groups depend only on the items and the limit, so every run (resumed, sharded, local or on
    Ray) forms the same windows, and with them the same token batches.
    """
    window: list[T] = []
    sentences = 0
    for item, count in items:
        window.append(item)
        sentences += count
        if sentences >= limit:
            yield window
            window, sentences = [], 0
    if window:
        yield window
