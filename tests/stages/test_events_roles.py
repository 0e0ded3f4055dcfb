"""Source and target from the parse: active, passive, nominal, prepositional targets,
apposition, conjunction (dyad splitting), relative clauses, light verbs, and speech acts with
their threatened type. All sentences are invented; actors are given by hand."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.stages.test_events_helpers import (
    ActorSpec,
    PlaceSpec,
    TimeSpec,
    dyads,
    find,
    make_work,
    run,
)
from threatline.models import EventType
from threatline.stages.events import EventStage
from threatline.stages.nlp import load_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


@pytest.fixture(scope="module")
def stage() -> EventStage:
    return EventStage()


ACTORS: list[ActorSpec] = [
    ("Norland", "NRL", None),
    ("Norlandic", "NRL", None),
    ("Sudria", "SUD", None),
    ("Sudrian", "SUD", None),
    ("Vastmark", "VST", None),
    ("General Odo Brann", "SUD", "Odo Brann"),
    ("Brann", "SUD", "Odo Brann"),
    ("Ilse Varo", "VST", "Ilse Varo"),
    ("Marit Kell", "NRL", "Marit Kell"),
    ("the Red Hand", "REDHAND", None),
]
TIMES: list[TimeSpec] = [("Monday", "2031-03-10", "weekday")]
PLACES: list[PlaceSpec] = [("Kessa", "SUD"), ("Lune", "NRL")]


def _events(nlp: Language, stage: EventStage, text: str):  # type: ignore[no-untyped-def]
    work = make_work(nlp, text, actors=ACTORS, times=TIMES, places=PLACES)
    return run(stage, work)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # active: subject -> source, object -> target
        ("Norland attacked Sudria on Monday.", {("ASSAULT", "NRL", "SUD")}),
        # passive with a by-agent
        ("Sudria was attacked by Norland on Monday.", {("ASSAULT", "NRL", "SUD")}),
        # passive with the perpetrator on the instrument noun ("a Norlandic drone strike")
        (
            "General Odo Brann was killed in a Norlandic drone strike on Monday.",
            {("ASSAULT", "NRL", "SUD")},
        ),
        # nominal event: modifier -> source, "of" -> target
        (
            "The Norlandic assassination of General Odo Brann shocked the region.",
            {("ASSAULT", "NRL", "SUD")},
        ),
        # possessive source and "on" target
        ("Sudria's attack on Norland on Monday shocked observers.", {("ASSAULT", "SUD", "NRL")}),
        # prepositional target that is a facility: its occupant
        (
            "Norland attacked Sudrian bases housing Vastmark troops on Monday.",
            {("ASSAULT", "NRL", "VST")},
        ),
        # light verb lends its subject; facility owner by adjective
        (
            "Sudrian forces launched missile attacks on Norlandic bases in Kessa on Monday.",
            {("ASSAULT", "SUD", "NRL")},
        ),
        # conjoined victims of different actors: one event per dyad
        (
            "Norland killed General Odo Brann and Ilse Varo in an air strike on Monday.",
            {("ASSAULT", "NRL", "SUD"), ("ASSAULT", "NRL", "VST")},
        ),
        # apposition: the person named after a title
        (
            "Norland shelled the home of Sudria's defence chief, General Odo Brann, on Monday.",
            {("ASSAULT", "NRL", "SUD")},
        ),
        # a named place as target stands for its country
        ("Norland shelled Kessa on Monday.", {("ASSAULT", "NRL", "SUD")}),
        # mutual act with conjoined parties
        ("Norland and Sudria held talks on Monday.", {("CONSULT", "NRL", "SUD")}),
    ],
)
def test_roles(
    nlp: Language,
    stage: EventStage,
    *,
    text: str,
    expected: set[tuple[str, str, str]],
) -> None:
    assert dyads(_events(nlp, stage, text)) == expected


@pytest.mark.parametrize(
    ("text", "etype", "source", "target", "threatened"),
    [
        ("Norland threatened to attack Sudria on Monday.", "THREATEN", "NRL", "SUD", "ASSAULT"),
        ("Marit Kell vowed revenge against Sudria on Monday.", "THREATEN", "NRL", "SUD", "ASSAULT"),
        ("Norland warned Sudria against any attack.", "THREATEN", "NRL", "SUD", "ASSAULT"),
        ("Norland threatened sanctions against Sudria.", "THREATEN", "NRL", "SUD", "SANCTION"),
        ("Norland threatened to expel Sudrian diplomats.", "THREATEN", "NRL", "SUD", "SANCTION"),
        # the speaker of a future attack is the source of the threat
        (
            "Marit Kell said on Monday that Norland will strike Sudria.",
            "THREATEN",
            "NRL",
            "SUD",
            "ASSAULT",
        ),
        ('"We will strike Norland," Brann said on Monday.', "THREATEN", "SUD", "NRL", "ASSAULT"),
        ("Norland accused Sudria of shelling Lune on Monday.", "ACCUSE", "NRL", "SUD", None),
        ("Norland urged Sudria to release the prisoners.", "REQUEST", "NRL", "SUD", None),
        (
            "Norland called for the release of Sudrian prisoners on Monday.",
            "REQUEST",
            "NRL",
            "SUD",
            None,
        ),
    ],
)
def test_speech_acts(
    nlp: Language,
    stage: EventStage,
    *,
    text: str,
    etype: str,
    source: str,
    target: str,
    threatened: str | None,
) -> None:
    events = find(_events(nlp, stage, text), EventType(etype))
    assert len(events) == 1
    event = events[0]
    assert (event.source and event.source.code, event.target and event.target.code) == (
        source,
        target,
    )
    assert (event.threatened_type.value if event.threatened_type else None) == threatened


def test_accused_act_is_an_event_of_the_accused(nlp: Language, stage: EventStage) -> None:
    events = _events(nlp, stage, "Norland accused Sudria of shelling Lune on Monday.")
    assert dyads(events) == {("ACCUSE", "NRL", "SUD"), ("ASSAULT", "SUD", "NRL")}


def test_person_is_kept_with_the_code(nlp: Language, stage: EventStage) -> None:
    events = _events(nlp, stage, "Marit Kell vowed revenge against Sudria on Monday.")
    assert events[0].source is not None and events[0].source.person == "Marit Kell"


def test_unnamed_actors_give_no_event(nlp: Language, stage: EventStage) -> None:
    assert _events(nlp, stage, "Gunmen attacked a village on Monday.") == []
