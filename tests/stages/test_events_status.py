"""Status (gold README §2.3): occurred, threatened, denied, hypothetical; negation,
speculation and habitual acts give no event; a THREATEN is itself occurred."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.stages.test_events_helpers import dyads, find, make_work, run
from tests.stages.test_events_roles import ACTORS, PLACES, TIMES
from threatline.models import EventType, Status
from threatline.stages.events import EventStage
from threatline.stages.nlp import load_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


@pytest.fixture(scope="module")
def stage() -> EventStage:
    return EventStage()


def _events(nlp: Language, stage: EventStage, text: str):  # type: ignore[no-untyped-def]
    return run(stage, make_work(nlp, text, actors=ACTORS, times=TIMES, places=PLACES))


@pytest.mark.parametrize(
    ("text", "etype", "status"),
    [
        ("Norland attacked Sudria on Monday.", "ASSAULT", Status.OCCURRED),
        ("Norland threatened to attack Sudria on Monday.", "THREATEN", Status.OCCURRED),
        # an announced own intention with no target
        (
            "Norland intends to enrich uranium, officials said on Monday.",
            "MOBILIZE",
            Status.THREATENED,
        ),
        (
            "Norland intends to deploy troops, officials said on Monday.",
            "MOBILIZE",
            Status.THREATENED,
        ),
        # conditional act of a named actor
        (
            "Norland said it would reject the Sudrian proposal if Sudria attacked Lune.",
            "REJECT",
            Status.HYPOTHETICAL,
        ),
        # denied by the alleged actor
        ("Sudria denied that it attacked Lune.", "ASSAULT", Status.DENIED),
    ],
)
def test_status(nlp: Language, stage: EventStage, text: str, etype: str, status: Status) -> None:
    events = find(_events(nlp, stage, text), EventType(etype))
    assert [e.status for e in events] == [status]


def test_denial_of_claims_turns_the_alleged_act_denied(nlp: Language, stage: EventStage) -> None:
    text = (
        "Norland accused the Red Hand of attacking Lune on Monday. The Red Hand denied the claims."
    )
    events = _events(nlp, stage, text)
    attacks = find(events, EventType.ASSAULT)
    assert [(e.source and e.source.code, e.status) for e in attacks] == [("REDHAND", Status.DENIED)]
    # the accusation stands; the denial is no event of its own
    assert {e.type for e in events} == {EventType.ACCUSE, EventType.ASSAULT}


@pytest.mark.parametrize(
    "text",
    [
        "Norland did not strike Sudria on Monday.",
        "Norland regularly attacks Sudria.",
        "Sudria may be planning attacks against Norland, experts said.",
        "Sudrian officials said on Monday that Norland may attack Lune.",
        "Norland is preparing for the possibility of attacks by Sudria.",
    ],
)
def test_no_event(nlp: Language, stage: EventStage, text: str) -> None:
    events = _events(nlp, stage, text)
    assert EventType.ASSAULT not in {e.type for e in events}
    assert EventType.THREATEN not in {e.type for e in events}


def test_cooperation_refused_is_a_rejection(nlp: Language, stage: EventStage) -> None:
    events = _events(nlp, stage, "Norland said on Monday it would not meet Sudria.")
    assert dyads(events) == {("REJECT", "NRL", "SUD")}


def test_cooperation_announced_is_an_agreement(nlp: Language, stage: EventStage) -> None:
    events = _events(nlp, stage, "Norland will provide aid to Sudria, Marit Kell said on Monday.")
    assert dyads(events) == {("AGREE", "NRL", "SUD")}
