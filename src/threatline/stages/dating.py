"""Estimating the publication day of an article that has none, from what its text says.

The clues of :mod:`dating_clues` each allow some days with a weight. Candidate days run from
the latest dated past event of the text (publication cannot be earlier) over three years; each
day scores the weights of the clues it satisfies. The estimate is the earliest best-scoring day
(news is written soon after what it reports), the window the run of best-scoring days that
starts there (at most ``max_window_days`` long).

No estimate is made without at least one date of the text whose year is known to the day or
month (a year alone, such as "since 2018", is too weak to place an article).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from spacy.tokens import Doc

from threatline.models import Precision, TimeMention
from threatline.stages.dating_clues import LINK, Clue, Fixed, collect_clues, fixed_dates
from threatline.stages.timex import find_timexes
from threatline.stages.timex_resolve import add_years
from threatline.stages.timex_scan import Timex

__all__ = ["Estimate", "estimate_from_timexes", "estimate_publication"]

_HORIZON_YEARS = 3


@dataclass(frozen=True, slots=True)
class Estimate:
    """An estimated publication day, the window of days as consistent, and the clues used."""

    published: dt.date
    window: tuple[dt.date, dt.date]
    reasons: tuple[str, ...]


def _first_day(fixed: list[Fixed]) -> dt.date | None:
    known = [f for f in fixed if f.value.precision is not Precision.YEAR]
    past = [f.value.start for f in known if not f.future]
    if past:
        return max(past)
    if known:
        return add_years(min(f.value.end for f in known), -_HORIZON_YEARS)
    return None


def _merged(intervals: tuple[tuple[dt.date, dt.date], ...]) -> list[tuple[dt.date, dt.date]]:
    """Overlapping intervals of one clue joined, so that a clue counts once on any day."""
    out: list[tuple[dt.date, dt.date]] = []
    for a, b in sorted(intervals):
        if out and a <= out[-1][1] + dt.timedelta(days=1):
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _scores(clues: list[Clue], first: dt.date, days: int) -> list[float]:
    diff = [0.0] * (days + 1)
    origin = first.toordinal()
    for clue in clues:
        for a, b in _merged(clue.intervals):
            lo = max(a.toordinal() - origin, 0)
            hi = min(b.toordinal() - origin, days - 1)
            if lo <= hi:
                diff[lo] += clue.weight
                diff[hi + 1] -= clue.weight
    return list(accumulate(diff[:days]))


def _reasons(clues: list[Clue], day: dt.date) -> tuple[str, ...]:
    return tuple(
        c.reason for c in clues if c.weight >= LINK and any(a <= day <= b for a, b in c.intervals)
    )


def estimate_from_timexes(
    text: str, timexes: list[Timex], *, max_window_days: int = 366
) -> Estimate | None:
    """The publication estimate of an article (``text``, its expressions from
    :func:`~threatline.stages.timex.find_timexes`), or None without evidence."""
    fixed = fixed_dates(text, timexes)
    first = _first_day(fixed)
    if first is None:
        return None
    days = (add_years(first, _HORIZON_YEARS) - first).days
    clues = collect_clues(timexes, fixed, first)
    scores = _scores(clues, first, days)
    best = max(scores)
    start = scores.index(best)
    end = start
    while end + 1 < days and scores[end + 1] == best and end - start + 1 < max_window_days:
        end += 1
    day = first + dt.timedelta(days=start)
    window = (day, first + dt.timedelta(days=end))
    return Estimate(day, window, _reasons(clues, day))


def estimate_publication(
    doc: Doc, times: Sequence[TimeMention]
) -> tuple[dt.date, tuple[dt.date, dt.date]] | None:
    """The estimated publication day of ``doc`` and its window, from the expressions ``times``
    (as :func:`~threatline.stages.timex.find_times` gives them); None without evidence."""
    text = doc.text
    spans = {(m.start, m.end) for m in times}
    timexes = [t for t in find_timexes(doc, text=text) if (t.start, t.end) in spans]
    estimate = estimate_from_timexes(text, timexes)
    return None if estimate is None else (estimate.published, estimate.window)
