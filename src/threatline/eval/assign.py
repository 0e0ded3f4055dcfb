"""One-to-one matching: maximum-weight assignment (Hungarian algorithm), no dependencies.

:func:`match` pairs gold items with predicted items: it first maximises the number of pairs that
are allowed to match, then, among those matchings, the total bonus (how well each pair agrees on
the fields scored after matching). So a greedy order never costs a match.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

__all__ = ["assign", "match"]

G = TypeVar("G")
P = TypeVar("P")


def _min_cost(cost: Sequence[Sequence[int]], rows: int, cols: int) -> list[int]:
    """Column of each row in a minimum-cost assignment (``rows <= cols``)."""
    inf = 1 << 62
    u = [0] * (rows + 1)
    v = [0] * (cols + 1)
    owner = [0] * (cols + 1)  # row (1-based) assigned to each column, 0 = none
    way = [0] * (cols + 1)
    for row in range(1, rows + 1):
        owner[0] = row
        col0 = 0
        minv = [inf] * (cols + 1)
        used = [False] * (cols + 1)
        while True:
            used[col0] = True
            row0 = owner[col0]
            delta = inf
            col1 = 0
            for col in range(1, cols + 1):
                if used[col]:
                    continue
                current = cost[row0 - 1][col - 1] - u[row0] - v[col]
                if current < minv[col]:
                    minv[col] = current
                    way[col] = col0
                if minv[col] < delta:
                    delta = minv[col]
                    col1 = col
            for col in range(cols + 1):
                if used[col]:
                    u[owner[col]] += delta
                    v[col] -= delta
                else:
                    minv[col] -= delta
            col0 = col1
            if owner[col0] == 0:
                break
        while col0:
            col1 = way[col0]
            owner[col0] = owner[col1]
            col0 = col1
    result = [-1] * rows
    for col in range(1, cols + 1):
        if owner[col]:
            result[owner[col] - 1] = col - 1
    return result


def assign(weights: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """Pairs ``(row, col)`` of positive weight whose total weight is maximal, each row and
    each column used at most once. Weights are non-negative integers; 0 means "cannot pair"."""
    rows = len(weights)
    cols = len(weights[0]) if rows else 0
    if rows == 0 or cols == 0:
        return []
    if any(len(line) != cols for line in weights):
        raise ValueError("weights must be a rectangular matrix")
    transposed = rows > cols
    matrix = [list(line) for line in zip(*weights, strict=True)] if transposed else weights
    n, m = (cols, rows) if transposed else (rows, cols)
    cost = [[-w for w in line] for line in matrix]
    pairs = []
    for row, col in enumerate(_min_cost(cost, n, m)):
        if col >= 0 and matrix[row][col] > 0:
            pairs.append((col, row) if transposed else (row, col))
    return sorted(pairs)


def match(
    golds: Sequence[G],
    preds: Sequence[P],
    score: Callable[[G, P], int | None],
    max_bonus: int = 0,
) -> list[tuple[int, int]]:
    """Maximum one-to-one matching of ``golds`` with ``preds``.

    ``score(gold, pred)`` is ``None`` when the pair may not match, else a bonus in
    ``0..max_bonus``; the number of pairs is maximised first, the total bonus second.
    """
    if not golds or not preds:
        return []
    base = max_bonus * min(len(golds), len(preds)) + 1
    weights = []
    for gold in golds:
        line = []
        for pred in preds:
            bonus = score(gold, pred)
            if bonus is not None and not 0 <= bonus <= max_bonus:
                raise ValueError(f"bonus {bonus} outside 0..{max_bonus}")
            line.append(0 if bonus is None else base + bonus)
        weights.append(line)
    return assign(weights)
