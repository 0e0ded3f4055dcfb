"""Cluster event mentions into real-world events: blocked, phased, order-independent.

Mentions are only compared within a block (type, status, source code, target code), and within
a block along the calendar (a sorted sweep), so the work grows with the number of mentions, not
with its square. Inside a block the phases go from the surest evidence to the weakest:

1. **exact**: mentions with the same date at the same precision (or both undated and similar);
2. **tolerance**: day-precision groups a day apart, only with strong other evidence;
3. **attach**: a month-precision group joins the day-precision group it is compatible with, then
   a year-precision group the finer group it is compatible with, when that group is the only
   candidate (or clearly the best): "2020" is compatible with many events of 2020, so a coarse
   mention is left alone rather than guessed;
4. **undated**: an undated group joins the one dated group of its block near its publication date;

then, across blocks, **bridge**: near types (REQUEST/COERCE...) and a missing actor code
(``IRN→null`` with ``IRN→USA``) on the same date with similar evidence.

Every merge is complete-linkage (no pair of members may conflict), edges are applied strongest
first with ties broken by mention ids, and candidates are computed from the state at the start
of a phase: the result depends only on the set of mentions, never on their order.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Sequence

from threatline.crossdoc.compat import Group, MergeOptions, conflict, strength, text_similarity
from threatline.crossdoc.features import DateKey, MentionFeatures

__all__ = ["cluster", "cluster_groups"]

_Proposal = tuple[float, str, str, int, int]


class _Forest:
    """Union-find over groups; a union happens only when the two groups do not conflict."""

    def __init__(self, groups: list[Group], options: MergeOptions) -> None:
        self.groups = groups
        self.parent = list(range(len(groups)))
        self.options = options

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int, *, tolerance: bool = False) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return False
        a, b = self.groups[ri], self.groups[rj]
        if conflict(a, b, self.options, tolerance=tolerance):
            return False
        if b.key < a.key:
            ri, rj, a, b = rj, ri, b, a
        a.absorb(b)
        self.parent[rj] = ri
        return True

    def apply(self, proposals: list[_Proposal], *, tolerance: bool = False) -> None:
        for _, _, _, i, j in sorted(proposals, key=lambda p: (-p[0], p[1], p[2])):
            self.union(i, j, tolerance=tolerance)

    def roots(self) -> list[Group]:
        return [g for i, g in enumerate(self.groups) if self.find(i) == i]


def _proposal(score: float, a: Group, b: Group, i: int, j: int) -> _Proposal:
    return (round(score, 9), min(a.key, b.key), max(a.key, b.key), i, j)


def _merge_all(members: Sequence[MentionFeatures], options: MergeOptions) -> list[Group] | None:
    """One group when no two members conflict (the common case), else None."""
    acc = Group.of(members[0])
    for m in members[1:]:
        other = Group.of(m)
        if conflict(acc, other, options):
            return None
        acc.absorb(other)
    return [acc]


def _pairwise(
    groups: list[Group], options: MergeOptions, threshold: float | None, window: int | None
) -> list[Group]:
    """Greedy agglomeration over pairs: all of them, or (``window``) those published within
    ``window`` days of each other; a group with no publication date pairs with every other.

    Without a ``threshold`` every compatible pair may merge (complete linkage on the hard
    constraints). With one, a merge needs evidence: the edge, and the average strength over the
    compared pairs of the two clusters (average linkage), must reach it, so a chain of weak
    resemblances does not glue unrelated mentions together."""
    known = sorted(
        (i for i, g in enumerate(groups) if g.published is not None),
        key=lambda k: (groups[k].published, groups[k].key),
    )
    unknown = [i for i, g in enumerate(groups) if g.published is None]
    pairs: list[tuple[int, int]] = []
    for pos, i in enumerate(known):
        for j in known[pos + 1 :]:
            if window is not None and groups[j].published - groups[i].published > window:  # type: ignore[operator]
                break
            pairs.append((i, j))
    for pos, i in enumerate(unknown):
        pairs += [(i, j) for j in known + unknown[pos + 1 :]]
    proposals: list[_Proposal] = []
    scores: dict[tuple[int, int], float] = {}
    for i, j in pairs:
        a, b = groups[i], groups[j]
        if conflict(a, b, options):
            continue
        score = strength(a, b, options)
        scores[(min(i, j), max(i, j))] = score
        if threshold is None or score >= threshold:
            proposals.append(_proposal(score, a, b, i, j))
    forest = _Forest(groups, options)
    if threshold is None:
        forest.apply(proposals)
        return forest.roots()
    members = {i: [i] for i in range(len(groups))}
    for _, _, _, i, j in sorted(proposals, key=lambda p: (-p[0], p[1], p[2])):
        ri, rj = forest.find(i), forest.find(j)
        if ri == rj:
            continue
        cross = [
            scores[(min(x, y), max(x, y))]
            for x in members[ri]
            for y in members[rj]
            if (min(x, y), max(x, y)) in scores
        ]
        if sum(cross) < threshold * len(cross) or not forest.union(ri, rj):
            continue
        root = forest.find(ri)
        members[root] = (
            members.pop(ri) + members.pop(rj) if root == ri else (members.pop(rj) + members.pop(ri))
        )
    return forest.roots()


def _exact(members: Sequence[MentionFeatures], options: MergeOptions) -> list[Group]:
    by_date: dict[DateKey | None, list[MentionFeatures]] = defaultdict(list)
    for m in members:
        by_date[m.date].append(m)
    out: list[Group] = []
    for date in sorted(by_date, key=lambda d: (d is None, d)):
        same = by_date[date]
        if date is None:
            # undated: merged only on positive evidence, among mentions published close together
            groups = [Group.of(m) for m in same]
            out += _pairwise(
                groups, options, options.undated_threshold, options.undated_window_days
            )
        else:
            merged = _merge_all(same, options)
            out += merged or _pairwise([Group.of(m) for m in same], options, None, None)
    return out


def _tolerance(groups: list[Group], options: MergeOptions) -> list[Group]:
    """Day-precision groups a few days apart merge only with strong evidence."""
    tol = options.day_tolerance
    days = sorted(
        (i for i, g in enumerate(groups) if (f := g.finest) is not None and f.rank == 0),
        key=lambda i: (groups[i].finest, groups[i].key),
    )
    forest = _Forest(groups, options)
    proposals: list[_Proposal] = []
    for pos, i in enumerate(days):
        a, fa = groups[i], groups[i].finest
        for j in days[pos + 1 :]:
            b, fb = groups[j], groups[j].finest
            assert fa is not None and fb is not None
            if fb.start - fa.start > tol:
                break
            if fb.start == fa.start or conflict(a, b, options, tolerance=True):
                continue
            text = text_similarity(a, b)
            if text is None or text < options.strong_text:
                continue
            other = bool(a.source_persons & b.source_persons) or bool(a.killed & b.killed)
            other = other or any(x.same_or_within(y) for x in a.places for y in b.places)
            if other:
                proposals.append(_proposal(strength(a, b, options, text), a, b, i, j))
    forest.apply(proposals, tolerance=True)
    return forest.roots()


def _choose(
    group: Group, candidates: list[tuple[int, Group]], options: MergeOptions
) -> tuple[float, int] | None:
    """The one compatible candidate, or the clearly strongest; None when ambiguous."""
    compatible = [(j, c) for j, c in candidates if not conflict(group, c, options)]
    if not compatible or len(compatible) > options.max_candidates:
        return None
    scored = sorted(((strength(group, c, options), c.key, j) for j, c in compatible), reverse=True)
    if len(scored) > 1 and scored[0][0] - scored[1][0] < options.attach_margin:
        return None
    return scored[0][0], scored[0][2]


def _attach(groups: list[Group], rank: int, options: MergeOptions) -> list[Group]:
    """Groups whose finest date has precision ``rank`` join a unique finer compatible group."""
    finer = sorted(
        (
            (g.finest.start, g.key, i)
            for i, g in enumerate(groups)
            if g.finest and g.finest.rank < rank
        )
    )
    starts = [s for s, _, _ in finer]
    forest = _Forest(groups, options)
    proposals: list[_Proposal] = []
    for i, g in enumerate(groups):
        f = g.finest
        if f is None or f.rank != rank:
            continue
        lo, hi = bisect.bisect_left(starts, f.start), bisect.bisect_right(starts, f.end)
        if hi - lo > 4 * options.max_candidates:
            continue  # far too many events it could be: ambiguous
        candidates = [(finer[k][2], groups[finer[k][2]]) for k in range(lo, hi)]
        chosen = _choose(g, candidates, options)
        if chosen is not None:
            proposals.append(_proposal(chosen[0], g, groups[chosen[1]], i, chosen[1]))
    forest.apply(proposals)
    return forest.roots()


def _undated(groups: list[Group], options: MergeOptions) -> list[Group]:
    """An undated group joins the one dated group reported near its publication date."""
    dated = sorted((g.finest.end, g.key, i) for i, g in enumerate(groups) if g.finest is not None)
    ends = [e for e, _, _ in dated]
    forest = _Forest(groups, options)
    proposals: list[_Proposal] = []
    for i, g in enumerate(groups):
        if g.dates or g.published is None:
            continue
        lo = bisect.bisect_left(ends, g.published - options.undated_window_days)
        hi = bisect.bisect_right(ends, g.published + 366)
        candidates = [
            (dated[k][2], groups[dated[k][2]])
            for k in range(lo, hi)
            if groups[dated[k][2]].finest.start <= g.published  # type: ignore[union-attr]
        ]
        candidates = [
            (j, c)
            for j, c in candidates
            if (t := text_similarity(g, c)) is not None and t >= options.undated_text
        ]
        chosen = _choose(g, candidates, options)
        if chosen is not None:
            proposals.append(_proposal(chosen[0], g, groups[chosen[1]], i, chosen[1]))
    forest.apply(proposals)
    return forest.roots()


def _cluster_block(members: Sequence[MentionFeatures], options: MergeOptions) -> list[Group]:
    groups = _exact(members, options)
    if len(groups) < 2:
        return groups
    groups = _tolerance(groups, options) if options.day_tolerance > 0 else groups
    groups = _attach(groups, 1, options)
    groups = _attach(groups, 2, options)
    return _undated(groups, options)


def _bridge(groups: list[Group], options: MergeOptions) -> list[Group]:
    """Across blocks: near types, or one actor code missing, on the same date."""
    index: dict[tuple[str | None, ...], list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        f = g.finest
        if f is None or f.rank > 1 or len(g.types) != 1:
            continue
        (t,) = g.types
        source, target = next(iter(g.sources)), next(iter(g.targets))
        index[("full", t, g.status, source, target, str(f))].append(i)
        if source is not None and target is not None:
            index[("no-target", t, g.status, source, str(f))].append(i)
            index[("no-source", t, g.status, target, str(f))].append(i)
    forest = _Forest(groups, options)
    proposals: list[_Proposal] = []
    for i, g in enumerate(groups):
        f = g.finest
        if (
            f is None
            or f.rank > 1
            or len(g.types) != 1
            or len(g.sources) != 1
            or len(g.targets) != 1
        ):
            continue
        (t,) = g.types
        source, target = next(iter(g.sources)), next(iter(g.targets))
        keys: list[tuple[str | None, ...]] = [
            ("full", u, g.status, source, target, str(f)) for u in _near(t, options)
        ]
        if target is None and source is not None:
            keys.append(("no-target", t, g.status, source, str(f)))
        if source is None and target is not None:
            keys.append(("no-source", t, g.status, target, str(f)))
        candidates = [(j, groups[j]) for key in keys for j in index.get(key, []) if j != i]
        candidates = [
            (j, c)
            for j, c in candidates
            if (s := text_similarity(g, c)) is not None and s >= options.bridge_text
        ]
        chosen = _choose(g, candidates, options)
        if chosen is not None:
            proposals.append(_proposal(chosen[0], g, groups[chosen[1]], i, chosen[1]))
    forest.apply(proposals)
    return forest.roots()


def _near(t: str, options: MergeOptions) -> list[str]:
    return sorted(u for pair in options.near_types if t in pair for u in pair if u != t)


def cluster_groups(
    mentions: Iterable[MentionFeatures], options: MergeOptions | None = None
) -> list[Group]:
    """The groups of mentions that are one event each (see the module docstring)."""
    options = options or MergeOptions()
    blocks: dict[tuple[str, str, str | None, str | None], list[MentionFeatures]] = defaultdict(list)
    for m in sorted(mentions, key=lambda m: m.id):
        blocks[m.block].append(m)
    groups: list[Group] = []
    for key in sorted(blocks, key=lambda k: tuple(x or "" for x in k)):
        groups += _cluster_block(blocks[key], options)
    groups = _bridge(groups, options)
    return sorted(groups, key=lambda g: g.key)


def cluster(
    mentions: Iterable[MentionFeatures], options: MergeOptions | None = None
) -> list[list[str]]:
    """Mention ids grouped by event, each group sorted, groups sorted by their first id."""
    return [sorted(g.ids) for g in cluster_groups(mentions, options)]
