import random

import pytest

from translate.batching import halve_on_error, map_batched, token_batches


@pytest.mark.parametrize("seed", range(5))
def test_batches_cover_every_index_once_within_budget(seed):
    rng = random.Random(seed)
    lengths = [rng.randint(1, 120) for _ in range(rng.randint(0, 300))]
    budget = 400
    batches = token_batches(lengths, budget)
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    for batch in batches:
        assert len(batch) == 1 or max(lengths[i] for i in batch) * len(batch) <= budget


def test_batches_are_length_sorted_longest_first():
    lengths = [3, 50, 7, 50, 1]
    batches = token_batches(lengths, 100)
    assert batches == [[1, 3], [2, 0, 4]]


def test_item_over_budget_gets_its_own_batch():
    assert token_batches([500, 10, 10], 100) == [[0], [1, 2]]


def test_map_batched_returns_input_order_and_reports_progress():
    items = ["ccc", "a", "bbbbb", "dd"]
    seen_batches, progress = [], []

    def upper(batch):
        seen_batches.append(batch)
        return [s.upper() for s in batch]

    result = map_batched(items, [len(s) for s in items], 6, upper, on_batch=progress.append)
    assert result == ["CCC", "A", "BBBBB", "DD"]
    assert sum(progress) == len(items)
    assert seen_batches[0] == ["bbbbb"]


def test_halve_on_error_splits_until_batches_fit():
    calls = []

    def fussy(batch):
        calls.append(len(batch))
        if len(batch) > 2:
            raise MemoryError
        return [x * 10 for x in batch]

    halved = []
    assert halve_on_error((MemoryError,), fussy, [1, 2, 3, 4, 5], on_halve=halved.append) == [10, 20, 30, 40, 50]
    assert halved == [5, 3]
    assert calls == [5, 2, 3, 1, 2]


def test_halve_on_error_reraises_for_a_single_item_and_other_errors():
    def always(batch):
        raise MemoryError

    with pytest.raises(MemoryError):
        halve_on_error((MemoryError,), always, [1, 2])
    with pytest.raises(ValueError):
        halve_on_error((MemoryError,), lambda batch: int("x"), [1, 2])


@pytest.mark.real_checkpoint
def test_the_failed_attempts_memory_is_gone_before_the_halves_run():
    """What a failed attempt held (here a stand-in for its beam caches and scores) is freed before the retry."""
    import weakref

    class Tensor:
        pass

    held: list[weakref.ref] = []
    alive_at_retry: list[int] = []

    def out_of_memory_above_two(batch):
        scores = Tensor()  # referenced only by this frame, and by the traceback while the exception lives
        held.append(weakref.ref(scores))
        if len(batch) > 2:
            raise MemoryError("out of memory (simulated)")
        return list(batch)

    def on_halve(size):
        alive_at_retry.append(sum(ref() is not None for ref in held))

    assert halve_on_error((MemoryError,), out_of_memory_above_two, [1, 2, 3, 4], on_halve=on_halve) == [1, 2, 3, 4]
    assert alive_at_retry == [0]
