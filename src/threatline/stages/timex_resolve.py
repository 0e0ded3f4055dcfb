"""Putting a :class:`~threatline.stages.timex_scan.Timex` on the calendar.

``resolve(timex, published)`` gives a :class:`~threatline.models.TimeValue` at the finest
precision the words support, or None. Expressions that name their year never look at the
publication date; the others need it (None when it is unknown). The rules are in
``docs/time.md``; in short:

- a date or month without a year is the most recent one on or before publication in a past
  clause, the first one on or after it in a future clause; when the tense says neither (a noun
  phrase, the present), a day is the coming one if it is at most ``FORWARD_DAYS`` ahead
  ("payable Dec. 15" written on November 2), else the most recent one;
- a bare weekday is the most recent such day on or before publication (on or after, in the
  future tense); ``last`` means strictly before, ``next`` strictly after;
- ``last <Month>`` is the most recent such month before the publication month;
- a period (a week, a weekend, a season) is given at the coarsest unit that contains all its
  days: a week inside one month is that month, a week across two months is the year, a week
  across two years is the year holding most of its days;
- ``recently``, ``in recent weeks``, ``days after``, an approaching anniversary: the publication
  month (a best estimate).
"""

from __future__ import annotations

import calendar
import datetime as dt

from threatline.models import Precision, TimeValue
from threatline.stages.timex_scan import Form, Timex

__all__ = [
    "FORWARD_DAYS",
    "add_months",
    "add_years",
    "looks_forward",
    "month_day_near",
    "period_value",
    "resolve",
]

FORWARD_DAYS = 60
"""How far ahead a yearless date in a clause of unknown tense may be read as the coming one."""

_SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "winter": (12, 14)}


def add_months(year: int, month: int, k: int) -> tuple[int, int]:
    """(year, month) moved by ``k`` months."""
    y, m = divmod(year * 12 + month - 1 + k, 12)
    return y, m + 1


def add_years(day: dt.date, k: int) -> dt.date:
    """``day`` moved by ``k`` years; 29 February becomes 28 February in a common year."""
    year = day.year + k
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return dt.date(year, 2, 28)
    return day.replace(year=year)


def _month(year: int, month: int) -> TimeValue:
    return TimeValue(value=dt.date(year, month, 1), precision=Precision.MONTH)


def _year(year: int) -> TimeValue:
    return TimeValue(value=dt.date(year, 1, 1), precision=Precision.YEAR)


def period_value(first: dt.date, last: dt.date) -> TimeValue:
    """The coarsest unit containing every day of ``first..last`` (see the module doc)."""
    if first == last:
        return TimeValue.day(first)
    if (first.year, first.month) == (last.year, last.month):
        return _month(first.year, first.month)
    if first.year == last.year:
        return _year(first.year)
    return _year((first + (last - first) / 2).year)


def month_day_near(
    published: dt.date, month: int, day: int, *, forward: bool, weekday: int | None = None
) -> dt.date | None:
    """The most recent ``month``/``day`` on or before ``published`` (first on or after if
    ``forward``); with ``weekday``, the nearest such date that falls on that weekday."""
    step = 1 if forward else -1
    year = published.year
    for _ in range(30 if weekday is not None else 9):
        if calendar.isleap(year) or (month, day) != (2, 29):
            candidate = dt.date(year, month, day)
            ok = candidate >= published if forward else candidate <= published
            if ok and (weekday is None or candidate.weekday() == weekday):
                return candidate
        year += step
    return None


def _month_near(published: dt.date, month: int, *, forward: bool) -> TimeValue:
    if forward:
        return _month(published.year + (month < published.month), month)
    return _month(published.year - (month > published.month), month)


def looks_forward(t: Timex, published: dt.date, first_day: dt.date) -> bool:
    """Whether a yearless ``t`` whose coming occurrence starts on ``first_day`` reads forward.

    Only a day can be read forward without a future tense: a bare month name ("the strike in
    January") mostly refers back, and a misparsed tense should not move it a year.
    """
    if t.future:
        return True
    if t.past or t.day is None:
        return False
    return 0 < (first_day - published).days <= FORWARD_DAYS


def _coming_start(p: dt.date, month: int, day: int | None) -> dt.date | None:
    if day is None:
        year = p.year + (month <= p.month)
        return dt.date(year, month, 1)
    return month_day_near(p + dt.timedelta(days=1), month, day, forward=True)


def _date(t: Timex, p: dt.date | None) -> TimeValue | None:
    month = t.month
    if month is None:
        return None
    year = t.year
    if year is None and t.year_rel is not None and p is not None:
        year = p.year + t.year_rel
    if year is not None:
        if t.day is None:
            return _month(year, month)
        if calendar.monthrange(year, month)[1] < t.day:
            return None
        return TimeValue.day(dt.date(year, month, t.day))
    if p is None:
        return None
    coming = _coming_start(p, month, t.day)
    forward = coming is not None and looks_forward(t, p, coming)
    if t.day is None:
        return _month_near(p, month, forward=forward)
    found = month_day_near(p, month, t.day, forward=forward, weekday=t.weekday)
    if found is None and t.weekday is not None:
        found = month_day_near(p, month, t.day, forward=forward)
    return TimeValue.day(found) if found is not None else None


def _month_rel(t: Timex, p: dt.date) -> TimeValue | None:
    month = t.month or 1
    if t.rel == "last":
        return _month(p.year - (month >= p.month), month)
    if t.rel == "next":
        return _month(p.year + (month <= p.month), month)
    return _month(p.year, month)


def _weekday(t: Timex, p: dt.date) -> TimeValue:
    wd = t.weekday or 0
    back = (p.weekday() - wd) % 7
    ahead = (wd - p.weekday()) % 7
    if t.rel == "last":
        return TimeValue.day(p - dt.timedelta(days=back or 7))
    if t.rel == "next":
        return TimeValue.day(p + dt.timedelta(days=ahead or 7))
    if t.future:
        return TimeValue.day(p + dt.timedelta(days=ahead))
    return TimeValue.day(p - dt.timedelta(days=back))


def _ago(t: Timex, p: dt.date) -> TimeValue:
    n = -(t.offset or -1)
    unit = t.unit or "day"
    if unit == "day":
        day = p - dt.timedelta(days=n)
        return _month(day.year, day.month) if t.approximate else TimeValue.day(day)
    if unit == "week":
        day = p - dt.timedelta(days=7 * n)
        if n == 1 and not t.approximate:
            return TimeValue.day(day)
        return _month(day.year, day.month)
    if unit == "month":
        y, m = add_months(p.year, p.month, -n)
        return _year(y) if t.approximate else _month(y, m)
    if unit == "year":
        y, m = add_months(p.year, p.month, -12 * n)
        return _year(y) if t.approximate else _month(y, m)
    return _year(p.year - 10 * n)


def _season(t: Timex, p: dt.date) -> TimeValue:
    first, last = _SEASONS[t.unit or "summer"]
    index = p.year * 12 + p.month - 1
    start = p.year * 12 + first - 1
    if p.month < 3 and first == 12:
        start -= 12  # January or February: the winter that began last December
    end = start + last - first
    if t.rel == "last":
        start -= 12 if index <= end else 0
    elif t.rel == "next":
        start += 12 if index >= start else 0
    elif t.future and index > end:
        start += 12
    y1, m1 = divmod(start, 12)
    y2, m2 = divmod(start + last - first, 12)
    return period_value(dt.date(y1, m1 + 1, 1), dt.date(y2, m2 + 1, 28))


def _period(t: Timex, p: dt.date) -> TimeValue | None:
    offset = t.offset or 0
    if t.unit == "week":
        monday = p - dt.timedelta(days=p.weekday()) + dt.timedelta(weeks=offset)
        return period_value(monday, monday + dt.timedelta(days=6))
    if t.unit == "weekend":
        if t.rel == "next" or (t.rel in ("bare", "this") and t.future):
            saturday = p + dt.timedelta(days=(5 - p.weekday()) % 7 or 7 * (t.rel == "next"))
        else:
            saturday = p - dt.timedelta(days=(p.weekday() - 5) % 7)
            if t.rel == "last" and p.weekday() >= 5:
                saturday -= dt.timedelta(days=7)
        return period_value(saturday, saturday + dt.timedelta(days=1))
    if t.unit == "month":
        return _month(*add_months(p.year, p.month, offset))
    if t.unit == "year":
        return _year(p.year + offset)
    return _season(t, p)


def _anniversary(t: Timex, p: dt.date) -> TimeValue | None:
    if t.mode in ("before", "around"):
        return _month(p.year, p.month)
    if t.offset is None:
        return None
    value = add_years(p, -t.offset)
    return _month(value.year, value.month) if t.approximate else TimeValue.day(value)


def _vague(t: Timex, p: dt.date) -> TimeValue | None:
    if t.unit == "years":
        return None
    if t.unit == "months":
        return _year(p.year)
    return _month(p.year, p.month)


def resolve(t: Timex, published: dt.date | None) -> TimeValue | None:
    """The calendar value of ``t`` against ``published`` (None when it cannot be placed)."""
    if t.form is Form.DATE:
        return _date(t, published)
    if t.form is Form.YEAR:
        return _year(t.year) if t.year is not None else None
    if t.form is Form.QUARTER and t.year is not None:
        return _year(t.year)
    if t.form is Form.DURATION or published is None:
        return None
    p = published
    if t.form is Form.MONTH_REL:
        return _month_rel(t, p)
    if t.form is Form.WEEKDAY:
        return _weekday(t, p)
    if t.form is Form.DAY_OFFSET:
        return TimeValue.day(p + dt.timedelta(days=t.offset or 0))
    if t.form is Form.AGO:
        return _ago(t, p)
    if t.form is Form.PERIOD:
        return _period(t, p)
    if t.form is Form.QUARTER:
        return _year(p.year)
    if t.form is Form.ANNIVERSARY:
        return _anniversary(t, p)
    return _vague(t, p)
