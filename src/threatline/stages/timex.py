"""Temporal expressions of an article, normalised against its publication date.

``find_times(doc, published)`` is the whole job for one article: find the expressions
(:mod:`timex_scan`), read the sentence around them (:mod:`timex_context`), and put them on the
calendar (:mod:`timex_resolve`). The two halves are also available separately, so that an
undated article can be scanned once, dated (:mod:`dating`), then resolved:

>>> timexes = find_timexes(doc)                   # doctest: +SKIP
>>> mentions = to_mentions(timexes, published)    # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from spacy.tokens import Doc

from threatline.models import Precision, TimeMention, TimeValue
from threatline.stages.timex_context import annotate
from threatline.stages.timex_resolve import resolve
from threatline.stages.timex_scan import Form, Timex, scan

__all__ = ["Form", "Timex", "find_times", "find_timexes", "resolve", "to_mentions"]


def find_timexes(doc: Doc, date_order: str = "MDY", text: str | None = None) -> list[Timex]:
    """Every temporal expression of ``doc`` with its written parts and sentence context.

    ``text`` is ``doc.text`` when the caller has it (``Doc.text`` is rebuilt on each access).
    """
    text = doc.text if text is None else text
    return annotate(doc, scan(text, date_order), text)


def _linked(t: Timex, anchor: TimeValue | None) -> TimeValue | None:
    """ "two days after <date>": the anchor moved by that many days; "days before <date>": a
    few days off the anchor, at month precision."""
    if anchor is None:
        return None
    day = anchor.value + dt.timedelta(days=t.offset or 0)
    if t.approximate or anchor.precision is not Precision.DAY:
        return TimeValue(value=day, precision=Precision.MONTH)
    return TimeValue.day(day)


def to_mentions(timexes: Sequence[Timex], published: dt.date | None) -> list[TimeMention]:
    """The :class:`TimeMention` of each expression, resolved against ``published``."""
    values = [resolve(t, published) for t in timexes]
    mentions: list[TimeMention] = []
    for t, own in zip(timexes, values, strict=True):
        value = own
        if t.link is not None and t.link < len(values):
            value = _linked(t, values[t.link]) or own
        mentions.append(
            TimeMention(start=t.start, end=t.end, text=t.text, value=value, kind=t.kind)
        )
    return mentions


def find_times(doc: Doc, published: dt.date | None) -> list[TimeMention]:
    """Every temporal expression of ``doc`` (offsets into ``doc.text``), sorted by position.

    Expressions that name their year get a value whatever ``published`` is; the others only
    when ``published`` is known.
    """
    return to_mentions(find_timexes(doc), published)
