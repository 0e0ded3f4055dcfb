"""Publication dates estimated from the text of invented undated articles."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from threatline.stages.dating import estimate_from_timexes, estimate_publication
from threatline.stages.dating_anchors import ANCHOR_EVENTS, match_anchor
from threatline.stages.nlp import load_model
from threatline.stages.timex import find_times, find_timexes

D = dt.date
_TWITTER_EPOCH_MS = 1288834974657


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


def _estimate(nlp: Language, text: str) -> tuple[D, tuple[D, D]] | None:
    doc = nlp(text)
    return estimate_publication(doc, find_times(doc, None))


def _tweet_id(moment: dt.datetime) -> int:
    return (int(moment.timestamp() * 1000) - _TWITTER_EPOCH_MS) << 22


# (article, earliest acceptable estimate, latest acceptable estimate)
CASES = [
    # an anniversary of a printed date, marked on a weekday
    (
        "Mourners gathered on Sunday marking a year since the March 5, 2019 bombing of the "
        "market. Police said on Saturday that two suspects had been arrested.",
        D(2020, 3, 5),
        D(2020, 3, 12),
    ),
    # a future date bounds publication from above, a past one from below
    (
        "The election will be held on May 3, 2022. The April 2, 2022 bombing of a rally "
        "has raised fears of violence.",
        D(2022, 4, 2),
        D(2022, 5, 3),
    ),
    # a yearless date printed with its year elsewhere, and "this year"
    (
        "Rebels seized the town on March 12 this year. A report dated March 12, 2021 "
        "described the assault in detail.",
        D(2021, 3, 12),
        D(2021, 12, 31),
    ),
    # a widely reported event fixes the year of a yearless date
    (
        "The scientist Mohsen Fakhrizadeh was killed on November 27 in an ambush. Officials "
        "vowed revenge on Thursday.",
        D(2020, 11, 27),
        D(2021, 11, 26),
    ),
    # a bare month name is more likely not the current month
    (
        "The scientist Mohsen Fakhrizadeh was killed on November 27 in an ambush. Rocket "
        "attacks resumed in November and have continued since.",
        D(2020, 12, 1),
        D(2020, 12, 31),
    ),
    # an approaching anniversary of a printed date
    (
        "Security was tightened as the second anniversary of the June 14, 2018 raid approaches.",
        D(2020, 4, 30),
        D(2020, 6, 14),
    ),
]


@pytest.mark.parametrize(("text", "earliest", "latest"), CASES)
def test_estimates(nlp: Language, text: str, earliest: D, latest: D) -> None:
    found = _estimate(nlp, text)
    assert found is not None
    day, (first, last) = found
    assert earliest <= day <= latest
    assert first <= day <= last


@pytest.mark.parametrize(
    "text",
    [
        "Officials said on Tuesday that talks would resume soon.",
        "Sanctions have grown since 2018, a senior diplomat said last week.",
        "The militia recently warned that it would strike again in January.",
    ],
)
def test_no_estimate_without_evidence(nlp: Language, text: str) -> None:
    assert _estimate(nlp, text) is None


def test_tweet_ids_date_the_article(nlp: Language) -> None:
    moment = dt.datetime(2021, 6, 15, 18, 30, tzinfo=dt.UTC)
    text = (
        f"The minister answered on Sunday: https://twitter.com/someone/status/{_tweet_id(moment)} "
        "and the army said the drills would go on."
    )
    found = _estimate(nlp, text)
    assert found is not None
    assert found[0] == D(2021, 6, 15)


def test_dated_urls_bound_the_article(nlp: Language) -> None:
    text = "Earlier coverage is at https://news.example.org/world/2022/03/14/port-attack today."
    found = _estimate(nlp, text)
    assert found is not None
    assert found[0] >= D(2022, 3, 14)


def test_window_is_capped(nlp: Language) -> None:
    doc = nlp("The March 5, 2019 bombing was condemned by the council.")
    estimate = estimate_from_timexes(doc.text, find_timexes(doc), max_window_days=30)
    assert estimate is not None
    first, last = estimate.window
    assert (last - first).days < 30
    assert estimate.reasons  # the clues that support the estimate are reported


def test_anchor_events_need_their_words_and_day() -> None:
    sentence = "The convoy was hit on January 3 near the airport, killing Qasem Soleimani."
    event = match_anchor(sentence, 1, 3)
    assert event is not None and event.day == D(2020, 1, 3)
    assert match_anchor(sentence, 1, 4) is None
    assert match_anchor("The convoy was hit on January 3 near the airport.", 1, 3) is None
    assert match_anchor(sentence, 1, None) is not None  # "in January" with the same words


def test_anchor_events_are_well_formed() -> None:
    days = [e.day for e in ANCHOR_EVENTS]
    assert len(ANCHOR_EVENTS) >= 60
    assert all(D(1990, 1, 1) <= d <= D(2030, 1, 1) for d in days)
    assert all(e.groups and e.label for e in ANCHOR_EVENTS)
    assert len({(e.day, e.label) for e in ANCHOR_EVENTS}) == len(ANCHOR_EVENTS)
