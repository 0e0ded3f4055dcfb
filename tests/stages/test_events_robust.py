"""Constructions the event rules read whatever the parser makes of them (invented sentences,
parsed by the shipped model): predicate nominals, stray "that" clauses, parenthetical and
appositive frames, past acts named inside a future clause, instruments, absolute
constructions, conditions of a warning, conditional blame, object-control infinitives,
same-act mentions, places of attacked facilities, anniversaries and dates in counts."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from tests.stages.test_events_helpers import TimeSpec, dyads, find, make_work, run
from tests.stages.test_events_roles import ACTORS, PLACES
from threatline.models import Event, EventType, Precision, Status, TimeMention, TimeValue
from threatline.stages.events import EventStage
from threatline.stages.events_time import anniversaries
from threatline.stages.nlp import load_model

MONDAY: list[TimeSpec] = [("Monday", "2031-03-10", "weekday")]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


@pytest.fixture(scope="module")
def stage() -> EventStage:
    return EventStage()


def _events(
    nlp: Language, stage: EventStage, text: str, times: list[TimeSpec] | None = None
) -> list[Event]:
    actors = [*ACTORS, ("Kell", "NRL", "Marit Kell"), ("the Red Hand", "REDHAND", None)]
    work = make_work(nlp, text, actors=actors, times=times or MONDAY, places=PLACES)
    return run(stage, work)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a predicate nominal with its modal is its own clause; "from X" is where troops leave
        (
            "Marit Kell told the paper that Norland's revenge could be the expulsion of "
            "Sudrian troops from Vastmark.",
            {("THREATEN", "NRL", "SUD")},
        ),
        # a second subject after "said" starts what is said
        (
            "Instead, Brann said, the revenge needed to come in the form of attacks on Norland.",
            {("THREATEN", "SUD", "NRL")},
        ),
        # a warning with content of its own does not govern the clause it hangs on
        (
            "The Norlandic president posted photos of the latest attack by Sudria on Lune, "
            "warning: we will respond.",
            {("ASSAULT", "SUD", "NRL")},
        ),
        # "conducted on X": the target, not the perpetrator
        (
            "Brann said the Sudrian strike was conducted on Ilse Varo to stop an attack.",
            {("ASSAULT", "SUD", "VST")},
        ),
        # the condition of a warning names whom it is aimed at
        (
            "Marit Kell warned the Norlandic embassy may close down if Sudria cannot guarantee "
            "its safety.",
            {("THREATEN", "NRL", "SUD")},
        ),
        # the other killing verb of one act names another victim
        (
            "The Norlandic air strike that killed General Odo Brann also killed Ilse Varo on "
            "Monday.",
            {("ASSAULT", "NRL", "SUD"), ("ASSAULT", "NRL", "VST")},
        ),
        # an act verb that needs another act word ("responded") is an act with one
        (
            "Sudria responded with missile strikes on Norlandic bases on Monday.",
            {("ASSAULT", "SUD", "NRL")},
        ),
        # the subject of an absolute construction ("with the request said to have been ...")
        (
            "Norland sent a request to Sudria on Monday, with the request said to have been "
            "rejected immediately.",
            {("REQUEST", "NRL", "SUD"), ("REJECT", "SUD", "NRL")},
        ),
    ],
)
def test_constructions(
    nlp: Language, stage: EventStage, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert dyads(_events(nlp, stage, text)) == expected


def test_a_past_act_named_in_a_future_clause_is_no_threat(nlp: Language, stage: EventStage) -> None:
    text = (
        "Marit Kell said Norland will keep up the pressure following the March killing of "
        "Sudria's envoy in a strike attributed to Vastmark."
    )
    events = _events(nlp, stage, text, [("March", "2031-03", "absolute")])
    # "March" is a date, not a march; the strike is the killing's instrument, not its head
    assert dyads(events) == {("ASSAULT", "VST", "SUD")}
    assert str(events[0].date) == "2031-03"


def test_one_act_in_one_sentence_is_one_event(nlp: Language, stage: EventStage) -> None:
    text = (
        "Norland fired missiles at Sudria on Monday. "
        "The strike marked the first time Norland directly attacked Sudria."
    )
    events = _events(nlp, stage, text)
    assert dyads(events) == {("ASSAULT", "NRL", "SUD")} and len(events) == 1
    assert str(events[0].date) == "2031-03-10"


def test_a_refusal_reverses_the_last_request_with_both_parties(
    nlp: Language, stage: EventStage
) -> None:
    text = (
        "Norland sent Vastmark a request to arrest Brann on Monday. "
        "Vastmark said it would reject such a request if it was made."
    )
    refusals = find(_events(nlp, stage, text), EventType.REJECT)
    assert [(e.source and e.source.code, e.target and e.target.code) for e in refusals] == [
        ("VST", "NRL")
    ]
    assert refusals[0].status is Status.HYPOTHETICAL


def test_blame_announced_on_a_condition_is_a_warning(nlp: Language, stage: EventStage) -> None:
    text = 'Marit Kell said: "If one Norlandic soldier is killed, I will hold Sudria responsible."'
    events = _events(nlp, stage, text)
    assert dyads(events) == {("THREATEN", "NRL", "SUD")}
    assert events[0].threatened_type is EventType.ASSAULT


def test_what_a_request_asks_dates_it(nlp: Language, stage: EventStage) -> None:
    text = (
        "Norland killed General Odo Brann on January 5. Vastmark later sent a message to "
        "Sudria urging the country not to respond to the killing."
    )
    events = _events(nlp, stage, text, [("January 5", "2031-01-05", "absolute")])
    killing = find(events, EventType.ASSAULT)[0]
    request = find(events, EventType.REQUEST)[0]
    assert killing.killed == 1  # "on January 5" is a date, not five dead
    assert request.date == TimeValue(value=dt.date(2031, 1, 1), precision=Precision.MONTH)


def test_an_attacked_facility_is_where_it_was_named(nlp: Language, stage: EventStage) -> None:
    text = (
        "On Monday the Red Hand attacked the Norlandic embassy in Kessa. "
        "On Friday the latest attack on the Norlandic embassy wounded two guards."
    )
    times: list[TimeSpec] = [*MONDAY, ("Friday", "2031-03-07", "weekday")]
    events = _events(nlp, stage, text, times)
    assert len(events) == 2
    assert {e.location.name if e.location else None for e in events} == {"Kessa"}


def test_a_narrative_act_after_one_this_month_is_dated_this_month(
    nlp: Language, stage: EventStage
) -> None:
    text = "Norland attacked Sudria on March 2.\n\nSudria retaliated against Norland with strikes."
    events = _events(nlp, stage, text, [("March 2", "2031-03-02", "absolute")])
    retaliation = next(e for e in events if e.source and e.source.code == "SUD")
    assert retaliation.date == TimeValue(value=dt.date(2031, 3, 1), precision=Precision.MONTH)


def test_an_anniversary_dates_what_marks_it() -> None:
    # "a year since X" is valued at X's date; an act marking it happens on the anniversary
    mention = TimeMention(
        start=0,
        end=12,
        text="a year since",
        value=TimeValue.parse("2030-03-12"),
        kind="anniversary",
    )
    moved = anniversaries([mention], dt.date(2031, 3, 14))
    assert moved[0].value == TimeValue.parse("2031-03-12")
    assert anniversaries([mention], None) == [mention]
    assert anniversaries([mention], dt.date(2030, 3, 14)) == [mention]
