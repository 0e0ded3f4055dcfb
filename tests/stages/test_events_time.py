"""Dates (gold README §2.4): the governing expression, references to other acts, the same
speaker's occasion, publication date for news, coarse fallbacks, and the historical flag."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from tests.stages.test_events_helpers import (
    PUBLISHED,
    TimeSpec,
    find,
    make_work,
    run,
)
from tests.stages.test_events_roles import ACTORS, PLACES
from threatline.models import EventType, TimeValue
from threatline.stages.events import EventStage
from threatline.stages.nlp import load_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


@pytest.fixture(scope="module")
def stage() -> EventStage:
    return EventStage()


TIMES: list[TimeSpec] = [
    ("Monday", "2031-03-10", "weekday"),
    ("Tuesday", "2031-03-11", "weekday"),
    ("March 2", "2031-03-02", "absolute"),
    ("January 3", "2031-01-03", "absolute"),
    ("February", "2031-02", "since"),
    ("in 2028", "2028", "absolute"),
    ("in recent weeks", "2031-03", "vague"),
]


ACTORS_KELL = [*ACTORS, ("Kell", "NRL", "Marit Kell")]


def _events(nlp: Language, stage: EventStage, text: str, **kw: object):  # type: ignore[no-untyped-def]
    work = make_work(nlp, text, actors=ACTORS_KELL, times=TIMES, places=PLACES, **kw)  # type: ignore[arg-type]
    return run(stage, work)


@pytest.mark.parametrize(
    ("text", "etype", "date"),
    [
        # governed by an expression on the verb or the act noun
        ("Norland attacked Sudria on Monday.", "ASSAULT", "2031-03-10"),
        ("Norland carried out the January 3 strike on Sudria.", "ASSAULT", "2031-01-03"),
        (
            "General Odo Brann was killed in a Norlandic drone strike on Tuesday.",
            "ASSAULT",
            "2031-03-11",
        ),
        # a statement takes a past date the parser hung on the act it is about
        ("Norland threatened to attack Sudria on Monday.", "THREATEN", "2031-03-10"),
        # an ongoing campaign "since X" is dated to its start
        ("Sudria has threatened to attack Norland since February.", "THREATEN", "2031-02"),
        # a year in the text
        ("Norland attacked Sudria in 2028.", "ASSAULT", "2028"),
        # vague "recently": the month of a day shortly before publication
        ("Norland has warned Sudria against attacks in recent weeks.", "THREATEN", "2031-03"),
    ],
)
def test_governed_date(nlp: Language, stage: EventStage, text: str, etype: str, date: str) -> None:
    events = find(_events(nlp, stage, text), EventType(etype))
    assert [str(e.date) for e in events] == [date]


def test_immediate_verbal_reaction_takes_the_month_of_the_act(
    nlp: Language,
    stage: EventStage,
) -> None:
    text = "Norland attacked Sudria on March 2. Sudria accused Norland of aggression in response."
    accusation = find(_events(nlp, stage, text), EventType.ACCUSE)
    assert [str(e.date) for e in accusation] == ["2031-03"]


def test_other_reaction_takes_only_the_year(nlp: Language, stage: EventStage) -> None:
    text = "Norland attacked Sudria on Monday. Sudria attacked Norland in response."
    dates = {(e.source and e.source.code): str(e.date) for e in _events(nlp, stage, text)}
    assert dates == {"NRL": "2031-03-10", "SUD": "2031"}


def test_reported_news_in_the_lede_takes_the_publication_date(
    nlp: Language,
    stage: EventStage,
) -> None:
    events = _events(nlp, stage, "Norland attacked Sudria.")
    assert [e.date for e in events] == [TimeValue.day(PUBLISHED)]


def test_no_publication_date_no_guess(nlp: Language, stage: EventStage) -> None:
    events = _events(nlp, stage, "Norland attacked Sudria.", published=None)
    assert [e.date for e in events] == [None]


def test_same_speaker_same_occasion(nlp: Language, stage: EventStage) -> None:
    text = (
        "Marit Kell spoke to reporters on Monday.\n\n"
        "Kell accused Sudria of aggression and urged Vastmark to cut ties with Sudria."
    )
    events = _events(nlp, stage, text)
    assert {str(e.date) for e in events} == {"2031-03-10"}
    assert {e.type for e in events} == {EventType.ACCUSE, EventType.REQUEST}


@pytest.mark.parametrize(("historical_days", "historical"), [(30, True), (3650, False)])
def test_historical_flag_uses_the_setting(
    nlp: Language,
    historical_days: int,
    historical: bool,
) -> None:
    stage = EventStage(historical_days=historical_days)
    work = make_work(nlp, "Norland attacked Sudria in 2028.", actors=ACTORS, times=TIMES)
    events = run(stage, work)
    assert [e.historical for e in events] == [historical]
    assert work.article.published == PUBLISHED
    assert dt.date(2028, 12, 31) < PUBLISHED
