"""Publication dates as sources give them, read into a calendar date.

ISO 8601 dates and datetimes are read directly; anything else goes to dateparser with settings
that never borrow from the current date: day, month and year must all be written, and relative
expressions ("yesterday", "2 days ago") are refused. A datetime keeps the calendar date written
in its own time zone (the publisher's local day), never converted to UTC.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import dateparser

__all__ = ["date_from_struct", "parse_published"]


def _dateparser_settings() -> dict[str, Any]:
    """Fresh settings per call: nothing may be taken from the current date."""
    return {
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PARSERS": ["custom-formats", "absolute-time"],
        "RETURN_AS_TIMEZONE_AWARE": False,
        "STRICT_PARSING": True,
    }


def _iso(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        return None


def parse_published(text: str) -> dt.date:
    """A date from a published string; :class:`ValueError` when none can be read from it alone."""
    value = text.strip()
    if not value:
        raise ValueError("empty date")
    iso = _iso(value)
    if iso is not None:
        return iso
    parsed: dt.datetime | None = dateparser.parse(value, settings=_dateparser_settings())
    if parsed is None:
        raise ValueError(f"not a full date (day, month and year): {value!r}")
    return parsed.date()


def date_from_struct(value: time.struct_time | None) -> dt.date | None:
    """The date of a ``time.struct_time`` as feedparser returns it (``None`` passes through)."""
    if value is None:
        return None
    try:
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    except ValueError:
        return None
