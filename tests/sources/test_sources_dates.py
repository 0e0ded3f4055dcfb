"""Publication dates: ISO read directly, other forms only when day, month and year are written."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from threatline.sources.dates import date_from_struct, parse_published


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-03-14", dt.date(2021, 3, 14)),
        ("  2021-03-14  ", dt.date(2021, 3, 14)),
        ("2021-03-14T23:30:00Z", dt.date(2021, 3, 14)),
        ("2021-03-14T23:30:00-05:00", dt.date(2021, 3, 14)),
        ("2021-03-14 08:00", dt.date(2021, 3, 14)),
        ("14 March 2021", dt.date(2021, 3, 14)),
        ("March 14, 2021", dt.date(2021, 3, 14)),
        ("Sun, 14 Mar 2021 23:30:00 -0500", dt.date(2021, 3, 14)),
        ("14 mars 2021", dt.date(2021, 3, 14)),
    ],
)
def test_parse_published(text: str, expected: dt.date) -> None:
    assert parse_published(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "   ", "yesterday", "3 days ago", "last Tuesday", "March 2021", "2021", "Tuesday", "soon"],
)
def test_dates_needing_the_current_date_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_published(text)


def test_date_from_struct() -> None:
    assert date_from_struct(time.strptime("2020-02-29", "%Y-%m-%d")) == dt.date(2020, 2, 29)
    assert date_from_struct(None) is None
