"""Date undated articles with what other articles say.

An article whose publication date is estimated (``published_estimated``, with a window) is
narrowed by two kinds of evidence:

- **near-duplicates** with a known date ``p``: a wire copy or repost appears around the same
  time, so the window is cut to ``[p - copy_before_days, p + copy_after_days]``;
- **events it reports as past** (status occurred or denied), merged with mentions from other
  articles that date them: it cannot have been published before the latest such event, so the
  window starts no earlier than that event's date (the finest date other articles give).

The estimate is moved into the new window (to the near-duplicate's date when there is one). A
constraint that would empty the window is ignored (it contradicts the article's own clues).
Every run starts again from the article's own estimate (kept in the store the first time the
article is seen), so the refined date is a function of what is stored, whatever the order of
ingest, and is undone if the evidence for it goes away.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from threatline.crossdoc.dedup import NEAR_DUPLICATE
from threatline.crossdoc.features import MentionFeatures
from threatline.models import Status
from threatline.store.base import ArticleDates, Store

__all__ = ["DateUpdate", "DatingOptions", "base_dates", "refine_dates", "update_article_dates"]

_PAST = frozenset({Status.OCCURRED.value, Status.DENIED.value})


@dataclass(frozen=True)
class DatingOptions:
    copy_before_days: int = 1
    copy_after_days: int = 7


@dataclass(frozen=True)
class DateUpdate:
    doc: str
    published: dt.date
    window: tuple[dt.date, dt.date]


def _event_floors(
    mentions: Iterable[MentionFeatures],
    assignments: Mapping[str, str],
    dates: Mapping[str, ArticleDates],
) -> dict[str, dt.date]:
    """Per estimated article: the latest start date, according to other articles with known
    publication dates, of an event it reports as past."""
    by_event: dict[str, list[MentionFeatures]] = defaultdict(list)
    for m in mentions:
        if m.id in assignments:
            by_event[assignments[m.id]].append(m)
    floors: dict[str, dt.date] = {}
    for members in by_event.values():
        for m in members:
            info = dates.get(m.doc)
            if info is None or not info.estimated or m.status not in _PAST:
                continue
            known = [
                dt.date.fromordinal(o.date.start)
                for o in members
                if o.date is not None
                and o.doc != m.doc
                and (o_info := dates.get(o.doc)) is not None
                and not o_info.estimated
            ]
            if known:
                floors[m.doc] = max(floors.get(m.doc, dt.date.min), *known)
    return floors


def _copy_windows(
    links: Iterable[tuple[str, str, str, float]],
    dates: Mapping[str, ArticleDates],
    options: DatingOptions,
) -> dict[str, list[tuple[dt.date, dt.date, dt.date]]]:
    """Per estimated article: (from, to, date) windows around its dated near-duplicates."""
    out: dict[str, list[tuple[dt.date, dt.date, dt.date]]] = defaultdict(list)
    before = dt.timedelta(days=options.copy_before_days)
    after = dt.timedelta(days=options.copy_after_days)
    for a, b, kind, _ in links:
        if kind != NEAR_DUPLICATE:
            continue
        for doc, other in ((a, b), (b, a)):
            mine, theirs = dates.get(doc), dates.get(other)
            if mine is None or theirs is None or not mine.estimated:
                continue
            if theirs.estimated or theirs.published is None:
                continue
            p = theirs.published
            out[doc].append((p - before, p + after, p))
    return out


def refine_dates(
    dates: Mapping[str, ArticleDates],
    links: Iterable[tuple[str, str, str, float]],
    mentions: Iterable[MentionFeatures],
    assignments: Mapping[str, str],
    options: DatingOptions | None = None,
) -> list[DateUpdate]:
    """The narrowed dates of estimated articles (only those that change), sorted by doc."""
    options = options or DatingOptions()
    copies = _copy_windows(links, dates, options)
    floors = _event_floors(mentions, assignments, dates)
    updates: list[DateUpdate] = []
    for doc in sorted(set(copies) | set(floors)):
        info = dates[doc]
        lo, hi = info.window or (None, None)
        anchor: dt.date | None = None
        for start, end, p in sorted(copies.get(doc, [])):
            new_lo = max(lo, start) if lo else start
            new_hi = min(hi, end) if hi else end
            if new_lo <= new_hi:
                lo, hi, anchor = new_lo, new_hi, p
        floor = floors.get(doc)
        if floor is not None and (hi is None or floor <= hi):
            lo = max(lo, floor) if lo else floor
        if lo is None:
            continue
        if hi is None:
            hi = max(lo, info.published or lo)
        estimate = anchor or info.published or lo
        estimate = min(max(estimate, lo), hi)
        if (estimate, (lo, hi)) != (info.published, info.window):
            updates.append(DateUpdate(doc, estimate, (lo, hi)))
    return updates


def base_dates(store: Store) -> dict[str, ArticleDates]:
    """Every article's dates before cross-article dating: its own estimate when estimated
    (recorded the first time the article is seen), else its stored date."""
    current = store.article_dates()
    own = store.date_estimates()
    new = {doc: d for doc, d in current.items() if d.estimated and doc not in own}
    store.save_date_estimates(new)
    own.update(new)
    return {doc: own.get(doc, d) if d.estimated else d for doc, d in current.items()}


def update_article_dates(
    store: Store,
    mentions: Iterable[MentionFeatures],
    assignments: Mapping[str, str],
    options: DatingOptions | None = None,
    base: Mapping[str, ArticleDates] | None = None,
) -> dict[str, ArticleDates]:
    """Refine the estimated articles from their own estimates (``base``, read with
    :func:`base_dates` when not given), write the dates that differ from the stored ones, and
    return every article's dates after dating. Starting from the own estimates each time makes
    the dates depend on what is stored, not on the order it arrived in."""
    base = base if base is not None else base_dates(store)
    current = store.article_dates()
    refined = refine_dates(base, store.doc_links(), mentions, assignments, options)
    final = dict(base)
    final.update({u.doc: ArticleDates(u.published, True, u.window) for u in refined})
    for doc, d in sorted(final.items()):
        if doc in current and d != current[doc]:
            store.update_article_dates(doc, d.published, d.estimated, d.window)
    return final
