"""Finding expressions in raw text: the fast windowed scan equals the exhaustive one."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from threatline.stages.timex_resolve import resolve
from threatline.stages.timex_scan import Form, scan

SENTENCES = [
    "On Tuesday, July 21 the envoy met the premier; on 21 July 2020 he left.",
    "The raid of Jan. 3, 2020, was followed days later by a vote on Sunday evening.",
    "Since November militias have fired at the base; since 2018 sanctions have grown.",
    "In the days prior to the attack, and just two days after the January 8 strikes, "
    "officials met.",
    "For two years, and over the past decade, the two-year siege and months of talks wore on.",
    "Earlier this month, late last month and at the end of next year are all relative.",
    "The first anniversary, a year since the blast, and two years on from the war.",
    "Exports fell in the third quarter of 1989 and in the 1990 fourth quarter.",
    "Last night, this morning, yesterday afternoon and the day before yesterday.",
    "Mid-2019, early 2020 and late 1999 differ from the 1990s and from some 2000 troops.",
    "The deal was dated 03/01/2020 and 2020-01-03, and payment falls due on Christmas Eve.",
    "Recently, in recent weeks, lately and in the past few days things changed.",
    "Next Tuesday, last Friday, this weekend, the weekend and next winter.",
    "He said the May 5 talks in May were postponed until mid-June; May we go?",
    "two weeks ago, a year ago, several months ago and a few days ago",
    "The Sunday Times, Bloody Sunday, USA Today and Vision 2030 are names.",
]


@pytest.mark.parametrize("text", [*SENTENCES, " ".join(SENTENCES), "\n".join(SENTENCES)])
def test_windowed_scan_equals_exhaustive(text: str) -> None:
    assert scan(text) == scan(text, exhaustive=True)


def test_spans_are_sorted_disjoint_and_exact() -> None:
    text = " ".join(SENTENCES)
    found = scan(text)
    assert len(found) > 40
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    assert all(text[t.start : t.end] == t.text for t in found)


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("signed 03/01/2020 in Rome", "MDY", "2020-03-01"),
        ("signed 03/01/2020 in Rome", "DMY", "2020-01-03"),
        ("signed 25/12/2020 in Rome", "MDY", "2020-12-25"),
        ("signed 12/25/2020 in Rome", "DMY", "2020-12-25"),
    ],
)
def test_numeric_dates_follow_the_order(text: str, order: str, expected: str) -> None:
    (timex,) = scan(text, order)
    assert str(resolve(timex, None)) == expected


@pytest.mark.parametrize(
    ("text", "form", "since"),
    [
        ("since November", Form.DATE, True),
        ("ever since 2018", Form.YEAR, True),
        ("since last week", Form.PERIOD, True),
        ("in November", Form.DATE, False),
        ("last December", Form.MONTH_REL, False),
        ("four days ago", Form.AGO, False),
        ("the second anniversary", Form.ANNIVERSARY, False),
    ],
)
def test_forms(text: str, form: Form, since: bool) -> None:
    (timex,) = scan(f"It has been so {text}.")
    assert timex.form is form
    assert timex.since is since
    assert timex.text.endswith(text.rsplit(maxsplit=1)[-1])


def test_impossible_days_are_not_read_as_days() -> None:
    for text in ("on February 30, 2020 and on 31 April", "on February 29, 2021"):
        assert [t.day for t in scan(text)] == [None] * len(scan(text))
    (leap,) = scan("on February 29, 2020")
    assert str(resolve(leap, None)) == "2020-02-29"


def test_resolve_leaves_durations_open() -> None:
    (timex,) = scan("The siege went on for three years.")
    assert timex.form is Form.DURATION
    assert resolve(timex, dt.date(2021, 1, 1)) is None
