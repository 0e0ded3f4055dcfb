"""Expressions normalised against a publication date: table-driven, on unparsed documents.

A blank English pipeline tokenises only, so tense comes from the words before an expression
(the fallback path); the parse-based path is tested with the shipped model in
``test_time_model.py``. All sentences are invented.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
import spacy
from spacy.language import Language

from threatline.models import TimeMention
from threatline.stages.timex import find_times


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("en")


def _one(nlp: Language, text: str, published: dt.date | None) -> TimeMention:
    found = find_times(nlp(text), published)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


D = dt.date

# (sentence, publication date, expected text, expected value or None, precision, kind)
CASES: list[tuple[str, D | None, str, str | None, str | None, str]] = [
    # full dates and their spellings; absolute dates ignore the publication date
    ("The strike came on January 3, 2020, near the airport.", D(2021, 1, 3), "January 3, 2020", "2020-01-03", "day", "absolute"),  # noqa: E501
    ("The strike came on 3 January 2020 near the airport.", None, "3 January 2020", "2020-01-03", "day", "absolute"),  # noqa: E501
    ("The ministry published it on 2020-01-03 at noon.", None, "2020-01-03", "2020-01-03", "day", "absolute"),  # noqa: E501
    ("Troops withdrew on the 3rd of January 2020.", None, "the 3rd of January 2020", "2020-01-03", "day", "absolute"),  # noqa: E501
    ("Talks collapsed in January 2020 after weeks.", None, "January 2020", "2020-01", "month", "absolute"),  # noqa: E501
    ("The accord was signed in 2018 in the capital.", D(2021, 5, 1), "2018", "2018", "year", "absolute"),  # noqa: E501
    ("Fighting flared again in mid-2019 along the border.", None, "mid-2019", "2019", "year", "absolute"),  # noqa: E501
    # yearless dates: the most recent one on or before publication
    ("The convoy was attacked on Jan. 3 near the border.", D(2021, 1, 10), "Jan. 3", "2021-01-03", "day", "absolute"),  # noqa: E501
    ("The convoy was attacked on Jan. 3 near the border.", D(2021, 1, 2), "Jan. 3", "2020-01-03", "day", "absolute"),  # noqa: E501
    ("The rally was held on Dec. 31 in the square.", D(2021, 1, 2), "Dec. 31", "2020-12-31", "day", "absolute"),  # noqa: E501
    ("Protesters gathered on Feb. 29 outside the embassy.", D(2021, 3, 10), "Feb. 29", "2020-02-29", "day", "absolute"),  # noqa: E501
    ("The envoy resigned in November after the vote.", D(2020, 12, 30), "November", "2020-11", "month", "absolute"),  # noqa: E501
    ("The envoy resigned in November after the vote.", D(2020, 10, 30), "November", "2019-11", "month", "absolute"),  # noqa: E501
    ("The summit will take place on March 4 in Oslo.", D(2021, 2, 20), "March 4", "2021-03-04", "day", "absolute"),  # noqa: E501
    ("Rockets were fired on January 3 this year at the base.", D(2020, 12, 30), "January 3 this year", "2020-01-03", "day", "absolute"),  # noqa: E501
    ("The base was hit in March last year by drones.", D(2021, 2, 1), "March last year", "2020-03", "month", "absolute"),  # noqa: E501
    # weekdays
    ("The minister spoke on Sunday in a televised address.", D(2021, 1, 3), "Sunday", "2021-01-03", "day", "weekday"),  # noqa: E501
    ("The minister spoke on Sunday in a televised address.", D(2021, 1, 5), "Sunday", "2021-01-03", "day", "weekday"),  # noqa: E501
    ("The minister spoke Saturday evening in the capital.", D(2021, 1, 3), "Saturday evening", "2021-01-02", "day", "weekday"),  # noqa: E501
    ("Delegates will meet on Tuesday to discuss the truce.", D(2021, 1, 3), "Tuesday", "2021-01-05", "day", "weekday"),  # noqa: E501
    ("The council meets again next Tuesday in Geneva.", D(2021, 1, 5), "next Tuesday", "2021-01-12", "day", "weekday"),  # noqa: E501
    ("The council met last Tuesday in Geneva.", D(2021, 1, 5), "last Tuesday", "2020-12-29", "day", "weekday"),  # noqa: E501
    # days relative to publication, across month, year and leap-day boundaries
    ("The militia said today that it would retreat.", D(2021, 1, 1), "today", "2021-01-01", "day", "relative"),  # noqa: E501
    ("The militia said yesterday that it would retreat.", D(2021, 1, 1), "yesterday", "2020-12-31", "day", "relative"),  # noqa: E501
    ("Shelling resumed last night around the port.", D(2020, 3, 1), "last night", "2020-02-29", "day", "relative"),  # noqa: E501
    ("The envoy arrives tomorrow for more talks.", D(2020, 2, 28), "tomorrow", "2020-02-29", "day", "relative"),  # noqa: E501
    ("Two villages were shelled two days ago by artillery.", D(2020, 3, 1), "two days ago", "2020-02-28", "day", "relative"),  # noqa: E501
    ("Two villages were shelled two days ago by artillery.", D(2021, 3, 1), "two days ago", "2021-02-27", "day", "relative"),  # noqa: E501
    ("The embassy closed a year ago after threats.", D(2021, 1, 3), "a year ago", "2020-01", "month", "relative"),  # noqa: E501
    # weeks, months, years, seasons
    ("The talks stalled last week over prisoners.", D(2021, 1, 13), "last week", "2021-01", "month", "relative"),  # noqa: E501
    ("The talks stalled last week over prisoners.", D(2021, 1, 5), "last week", "2020", "year", "relative"),  # noqa: E501
    ("The talks stalled last week over prisoners.", D(2020, 10, 2), "last week", "2020-09", "month", "relative"),  # noqa: E501
    ("Border clashes killed dozens last month in the north.", D(2021, 1, 15), "last month", "2020-12", "month", "relative"),  # noqa: E501
    ("Border clashes killed dozens last month in the north.", D(2020, 3, 31), "last month", "2020-02", "month", "relative"),  # noqa: E501
    ("A court issued the order late last month in absentia.", D(2020, 7, 21), "late last month", "2020-06", "month", "relative"),  # noqa: E501
    ("Earlier this month, inspectors visited the plant.", D(2020, 7, 21), "Earlier this month", "2020-07", "month", "relative"),  # noqa: E501
    ("The rally happened last December in the capital.", D(2021, 1, 10), "last December", "2020-12", "month", "relative"),  # noqa: E501
    ("The rally happened last December in the capital.", D(2020, 12, 30), "last December", "2019-12", "month", "relative"),  # noqa: E501
    ("The rally happened last April in the capital.", D(2020, 10, 30), "last April", "2020-04", "month", "relative"),  # noqa: E501
    ("Sanctions were tightened last year on the bank.", D(2021, 1, 1), "last year", "2020", "year", "relative"),  # noqa: E501
    ("Sanctions were tightened this year on the bank.", D(2021, 1, 1), "this year", "2021", "year", "relative"),  # noqa: E501
    ("The garrison left last summer without a fight.", D(2021, 1, 10), "last summer", "2020", "year", "relative"),  # noqa: E501
    ("Funerals took place over the weekend in the city.", D(2021, 1, 4), "the weekend", "2021-01", "month", "relative"),  # noqa: E501
    ("Exports fell in the third quarter of 2019 overall.", None, "the third quarter of 2019", "2019", "year", "relative"),  # noqa: E501
    # anniversaries
    ("Crowds gathered marking a year since the bombing.", D(2021, 1, 3), "a year since", "2020-01-03", "day", "anniversary"),  # noqa: E501
    ("Crowds gathered marking a year since the bombing.", D(2021, 2, 28), "a year since", "2020-02-28", "day", "anniversary"),  # noqa: E501
    ("Crowds gathered marking two years since the bombing.", D(2022, 2, 28), "two years since", "2020-02-28", "day", "anniversary"),  # noqa: E501
    ("Crowds gathered on the first anniversary of the bombing.", D(2021, 1, 3), "the first anniversary", "2020-01-03", "day", "anniversary"),  # noqa: E501
    ("Threats grew as the anniversary of the bombing approached.", D(2021, 1, 3), "the anniversary", "2021-01", "month", "vague"),  # noqa: E501
    # vague, since, durations
    ("The leader recently warned of reprisals.", D(2021, 1, 3), "recently", "2021-01", "month", "vague"),  # noqa: E501
    ("In recent weeks the navy sent two more ships.", D(2021, 1, 3), "In recent weeks", "2021-01", "month", "vague"),  # noqa: E501
    ("Militias have fired rockets since November at the base.", D(2020, 12, 30), "since November", "2020-11", "month", "since"),  # noqa: E501
    ("Tensions have soared since 2018 between the two.", None, "since 2018", "2018", "year", "since"),  # noqa: E501
    ("The siege lasted for two years before the truce.", D(2021, 1, 3), "for two years", None, None, "duration"),  # noqa: E501
    ("The war came after months of skirmishes on the border.", D(2021, 1, 3), "months", None, None, "duration"),  # noqa: E501
    # without a publication date, relative expressions stay unresolved
    ("The militia said yesterday that it would retreat.", None, "yesterday", None, None, "relative"),  # noqa: E501
    ("The minister spoke on Sunday in a televised address.", None, "Sunday", None, None, "weekday"),
    ("The convoy was attacked on Jan. 3 near the border.", None, "Jan. 3", None, None, "absolute"),
]  # fmt: skip


Case = tuple[str, D | None, str, str | None, str | None, str]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[2]}@{c[1]}")
def test_normalisation(blank: Language, case: Case) -> None:
    text, published, span, value, precision, kind = case
    mention = _one(blank, text, published)
    assert mention.text == span
    assert text[mention.start : mention.end] == span
    assert mention.kind == kind
    if value is None:
        assert mention.value is None
    else:
        assert mention.value is not None
        assert str(mention.value) == value
        assert mention.value.precision.value == precision


@pytest.mark.parametrize(
    "text",
    [
        "The Sunday Times reported the raid.",
        "She told USA Today about the raid.",
        "The plan, Vision 2030, was praised.",
        "April Smith said the raid failed.",
        "Iran may respond to the raid.",
        "Officials said some 2000 troops moved north.",
        "The blast killed 193 people and wounded 6,500 others.",
        "The 1990s were a decade of sanctions.",
    ],
)
def test_not_temporal(blank: Language, text: str) -> None:
    found = [m for m in find_times(blank(text), D(2021, 1, 3)) if m.kind != "duration"]
    assert found == []


def test_mentions_sorted_and_disjoint(blank: Language) -> None:
    text = (
        "On Monday, two days after the January 3, 2020 strike, officials said that since "
        "2018 attacks had grown; last week and earlier this month rockets fell again."
    )
    found = find_times(blank(text), D(2020, 1, 7))
    assert [m.text for m in found] == [
        "Monday",
        "two days after",
        "January 3, 2020",
        "since 2018",
        "last week",
        "earlier this month",
    ]
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    # "two days after" is anchored to the date that follows it
    assert str(found[1].value) == "2020-01-05"
    assert str(found[0].value) == "2020-01-06"


def test_weekday_with_date_picks_matching_year(blank: Language) -> None:
    found = find_times(blank("The talks opened on Tuesday, July 21 in Vienna."), D(2021, 8, 1))
    assert len(found) == 1
    # 21 July was a Tuesday in 2020, not in 2021
    assert str(found[0].value) == "2020-07-21"
