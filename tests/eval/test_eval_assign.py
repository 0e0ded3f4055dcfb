"""The one-to-one assignment against brute force."""

from __future__ import annotations

import itertools
import random

import pytest

from threatline.eval.assign import assign, match


def brute_force(weights: list[list[int]]) -> int:
    rows, cols = len(weights), len(weights[0])
    best = 0
    if rows <= cols:
        for perm in itertools.permutations(range(cols), rows):
            best = max(best, sum(weights[r][c] for r, c in enumerate(perm)))
    else:
        for perm in itertools.permutations(range(rows), cols):
            best = max(best, sum(weights[r][c] for c, r in enumerate(perm)))
    return best


@pytest.mark.parametrize("seed", range(40))
def test_assign_is_optimal(seed: int) -> None:
    rng = random.Random(seed)
    rows, cols = rng.randint(1, 5), rng.randint(1, 5)
    weights = [[rng.choice([0, 0, 1, 3, 7]) for _ in range(cols)] for _ in range(rows)]
    pairs = assign(weights)
    assert len({r for r, _ in pairs}) == len(pairs) == len({c for _, c in pairs})
    assert all(weights[r][c] > 0 for r, c in pairs)
    assert sum(weights[r][c] for r, c in pairs) == brute_force(weights)


def test_assign_empty_and_ragged() -> None:
    assert assign([]) == []
    assert assign([[]]) == []
    with pytest.raises(ValueError, match="rectangular"):
        assign([[1, 2], [1]])


def test_match_maximises_pairs_before_bonus() -> None:
    # Greedy on bonus would pair gold 0 with pred 0 and leave gold 1 unmatched.
    allowed = {(0, 0): 5, (0, 1): 0, (1, 0): 0}
    pairs = match([0, 1], [0, 1], lambda g, p: allowed.get((g, p)), max_bonus=5)
    assert pairs == [(0, 1), (1, 0)]


def test_match_prefers_bonus_among_maximum_matchings() -> None:
    bonus = {(0, 0): 0, (0, 1): 2, (1, 0): 2, (1, 1): 0}
    pairs = match([0, 1], [0, 1], lambda g, p: bonus[(g, p)], max_bonus=2)
    assert pairs == [(0, 1), (1, 0)]


def test_match_rejects_bonus_out_of_range() -> None:
    with pytest.raises(ValueError, match="bonus"):
        match([0], [0], lambda g, p: 3, max_bonus=1)
