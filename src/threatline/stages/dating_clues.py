"""Clues to an undated article's publication day, each a set of days it allows, with a weight.

Every clue says which publication days are consistent with one thing the text says:

- a date the text prints with its year, in a past-tense clause, happened before publication
  (a future one bounds it from above); so did a tweet whose status id is in the text (ids
  encode their time) and an article whose URL carries its date;
- a date printed without its year ("January 3") is the most recent such date before
  publication; once its year is known (the same day printed elsewhere with a year, or a widely
  reported event of that day named in the sentence, :mod:`dating_anchors`), publication falls
  in the year after it; "January 3 this year" puts publication in that year;
- an anniversary ("a year since", "marking the anniversary", "as the anniversary approaches")
  puts publication on or just before the anniversary of a dated event of the text;
- news style names days of the past week by weekday and older days by date, so a date printed
  as a date is more likely a week or more old (weak); a bare month name ("in November") is
  more likely not the current month (weak).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Final

from threatline.models import Precision, TimeValue
from threatline.stages.dating_anchors import match_anchor
from threatline.stages.timex_resolve import FORWARD_DAYS, add_months, add_years, resolve
from threatline.stages.timex_scan import Form, Timex

__all__ = ["Clue", "Fixed", "collect_clues", "fixed_dates"]

Interval = tuple[dt.date, dt.date]

STRONG: Final = 4.0
LINK: Final = 3.0
WEAK: Final = 1.0
_APPROACH_DAYS: Final = 45
_MARK_DAYS: Final = 7
_WEEK: Final = dt.timedelta(days=7)
_CONTEXT: Final = 250
_FORWARD: Final = dt.timedelta(days=FORWARD_DAYS)
_ONE_DAY: Final = dt.timedelta(days=1)

_TWEET: Final = re.compile(r"(?i)\b(?:twitter|x)\.com/\w{1,15}/status(?:es)?/(\d{15,20})\b")
_TWITTER_EPOCH_MS: Final = 1288834974657
_URL_DATE: Final = re.compile(
    r"(?i)\bhttps?://[^\s/]+/(?:[^\s]*?/)?((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])\b"
)
_DEADLINE: Final = re.compile(r"(?i)\b(?:by|until|till|through|before)\s+(?:the\s+end\s+of\s+)?$")


@dataclass(frozen=True, slots=True)
class Fixed:
    """A date of the text whose year is known, with where it comes from."""

    value: TimeValue
    source: str  # text, tweet, url, same-day, anchor
    future: bool = False
    timex: Timex | None = None
    weekday_named: bool = False


@dataclass(frozen=True, slots=True)
class Clue:
    """Publication days a clue allows (inclusive intervals) and how much it counts."""

    weight: float
    intervals: tuple[Interval, ...]
    reason: str = field(default="", compare=False)


def _tweets(text: str) -> Iterator[Fixed]:
    if "/status" not in text:
        return
    for m in _TWEET.finditer(text):
        ms = (int(m.group(1)) >> 22) + _TWITTER_EPOCH_MS
        if ms > _TWITTER_EPOCH_MS:
            day = dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC).date()
            yield Fixed(TimeValue.day(day), "tweet")


def _urls(text: str) -> Iterator[Fixed]:
    if "http" not in text:
        return
    for m in _URL_DATE.finditer(text):
        try:
            day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
        yield Fixed(TimeValue.day(day), "url")


def _context(text: str, t: Timex) -> str:
    """The paragraph around ``t``, at most 250 characters either side (parsed sentence
    boundaries are not trusted: a wrong split would hide the words of the event)."""
    lo = max(0, t.start - _CONTEXT)
    newline = text.rfind("\n", lo, t.start)
    end = text.find("\n", t.end, t.end + _CONTEXT)
    return text[newline + 1 if newline >= 0 else lo : end if end >= 0 else t.end + _CONTEXT]


def _yearless(t: Timex) -> bool:
    return t.form is Form.DATE and t.year is None and t.month is not None


def fixed_dates(text: str, timexes: list[Timex]) -> list[Fixed]:
    """Dates with a known year: printed, from tweet ids and URLs, and yearless dates whose year
    another date of the text or a known event gives."""
    fixed: list[Fixed] = [*_tweets(text), *_urls(text)]
    for t in timexes:
        if not t.has_year:
            continue
        value = resolve(t, None)
        deadline = _DEADLINE.search(text[max(0, t.start - 20) : t.start]) is not None
        if value is not None and not deadline:
            named = t.weekday is not None
            fixed.append(Fixed(value, "text", t.future and not t.since, t, named))
    printed = {
        (f.value.value.month, f.value.value.day): f.value
        for f in fixed
        if f.value.precision is Precision.DAY
    }
    for t in timexes:
        if not _yearless(t) or t.month is None:
            continue
        same = printed.get((t.month, t.day)) if t.day is not None else None
        if same is not None and same.precision is Precision.DAY:
            fixed.append(Fixed(same, "same-day", t.future, t))
            continue
        event = match_anchor(_context(text, t), t.month, t.day)
        if event is not None:
            precision = Precision.DAY if t.day is not None else Precision.MONTH
            day = event.day if t.day is None else event.day.replace(day=t.day)
            fixed.append(Fixed(TimeValue(value=day, precision=precision), "anchor", t.future, t))
    return fixed


def _year_span(start: dt.date) -> Interval:
    """Days on which ``start`` is the most recent date of its kind: a year from it."""
    return start, add_years(start, 1) - _ONE_DAY


def _bounds(fixed: list[Fixed]) -> Iterator[Clue]:
    for f in fixed:
        if f.timex is not None and f.source in ("same-day", "anchor"):
            continue
        weak = f.value.precision is Precision.YEAR and f.timex is not None and not f.timex.past
        weight = WEAK if weak else STRONG
        if f.future:
            yield Clue(weight, ((dt.date.min, f.value.end),), f"{f.value} is ahead")
        else:
            yield Clue(weight, ((f.value.start, dt.date.max),), f"{f.value} has happened")


def _links(fixed: list[Fixed]) -> Iterator[Clue]:
    for f in fixed:
        t = f.timex
        if t is None or f.source not in ("same-day", "anchor"):
            continue
        start = f.value.start
        if t.year_rel is not None:
            year = start.year - t.year_rel
            yield Clue(LINK, ((dt.date(year, 1, 1), dt.date(year, 12, 31)),), f"{t.text}")
        elif t.future:
            yield Clue(LINK, ((add_years(start, -1) + _ONE_DAY, f.value.end),), f"{t.text} ahead")
        elif t.past or t.day is None:
            yield Clue(LINK, (_year_span(start),), f"{t.text} is {f.value}")
        else:  # read as the coming date when it is close ahead (timex_resolve.looks_forward)
            first, last = _year_span(start)
            yield Clue(LINK, ((first - _FORWARD, last - _FORWARD),), f"{t.text} is {f.value}")


def _weekday_dates(timexes: list[Timex], years: range) -> Iterator[Clue]:
    """ "Tuesday, July 21" without a year: only years where July 21 is a Tuesday fit."""
    for t in timexes:
        if not _yearless(t) or t.weekday is None or t.day is None or t.month is None:
            continue
        spans = []
        for year in years:
            try:
                day = dt.date(year, t.month, t.day)
            except ValueError:
                continue
            if day.weekday() == t.weekday:
                spans.append(_year_span(day))
        yield Clue(LINK, tuple(spans), f"{t.text} falls on its weekday")


def _anniversaries(timexes: list[Timex], fixed: list[Fixed]) -> Iterator[Clue]:
    anchors = [f.value for f in fixed if f.value.precision is not Precision.YEAR and not f.future]
    for t in timexes:
        if t.form is not Form.ANNIVERSARY or not anchors:
            continue
        counts = [t.offset] if t.offset is not None else list(range(1, 11))
        spans: list[Interval] = []
        for value in anchors:
            for n in counts:
                first, last = add_years(value.start, n), add_years(value.end, n)
                if t.mode == "before":
                    spans.append((first - dt.timedelta(days=_APPROACH_DAYS), last))
                elif t.mode == "around":
                    spans.append((first - dt.timedelta(days=_APPROACH_DAYS), last + _WEEK))
                else:
                    spans.append((first, last + _WEEK))
        yield Clue(LINK, tuple(spans), f"{t.text} ({t.mode})")


def _news_style(timexes: list[Timex], fixed: list[Fixed], years: range) -> Iterator[Clue]:
    for f in fixed:
        dated = f.source in ("text", "same-day", "anchor") and f.value.precision is Precision.DAY
        if dated and not f.future and not f.weekday_named:
            yield Clue(WEAK, ((f.value.value + _WEEK, dt.date.max),), "a date, not a weekday")
    months = {
        t.month
        for t in timexes
        if _yearless(t) and t.day is None and t.year_rel is None and not t.future
    }
    for month in sorted(m for m in months if m is not None):
        spans = []
        for year in years:
            after = add_months(year, month, 1)
            spans.append((dt.date(*after, 1), dt.date(year + 1, month, 1) - _ONE_DAY))
        yield Clue(WEAK, tuple(spans), f"month {month} named, so not the current month")


def collect_clues(timexes: list[Timex], fixed: list[Fixed], first: dt.date) -> list[Clue]:
    """Every clue of the text (see the module doc) for publication on or after ``first``;
    ``fixed`` from :func:`fixed_dates`."""
    years = range(first.year - 1, first.year + 5)
    return [
        *_bounds(fixed),
        *_links(fixed),
        *_weekday_dates(timexes, years),
        *_anniversaries(timexes, fixed),
        *_news_style(timexes, fixed, years),
    ]
