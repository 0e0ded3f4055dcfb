"""Places, merging of mentions, evidence, ids, confidence and salience."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.stages.test_events_helpers import find, make_work, run
from tests.stages.test_events_roles import ACTORS, TIMES
from threatline.ids import record_id
from threatline.models import EventType
from threatline.stages.events import EventStage
from threatline.stages.nlp import load_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


@pytest.fixture(scope="module")
def stage() -> EventStage:
    return EventStage()


PLACES = [("Kessa", "SUD"), ("Lune", "NRL"), ("Port Amber", "SUD")]


def _events(nlp: Language, stage: EventStage, text: str):  # type: ignore[no-untyped-def]
    return run(stage, make_work(nlp, text, actors=ACTORS, times=TIMES, places=PLACES))


@pytest.mark.parametrize(
    ("text", "location"),
    [
        ("Norland attacked Sudria in Port Amber on Monday.", "Port Amber"),
        # an attacked place is where the attack happened
        ("Norland shelled Kessa on Monday.", "Kessa"),
        # a statement gets a place only when one is stated for it
        (
            "Marit Kell spoke in Port Amber on Monday and warned that Norland will attack Sudria.",
            "Port Amber",
        ),
        ("Norland threatened to destroy Kessa on Monday.", None),
        ("Kessa officials said Norland attacked Sudria on Monday.", None),
    ],
)
def test_location(nlp: Language, stage: EventStage, text: str, location: str | None) -> None:
    events = _events(nlp, stage, text)
    assert len(events) == 1
    assert (events[0].location.name if events[0].location else None) == location


def test_mentions_of_one_act_are_one_event(nlp: Language, stage: EventStage) -> None:
    text = (
        "The Norlandic strike on Sudria on Monday killed three people. "
        "The strike on Sudria on Monday also wounded 12 others."
    )
    (event,) = _events(nlp, stage, text)
    assert len(event.mentions) == 2
    assert (event.killed, event.injured) == (3, 12)
    assert [m.start for m in event.mentions] == sorted(m.start for m in event.mentions)


def test_acts_on_different_dates_stay_apart(nlp: Language, stage: EventStage) -> None:
    text = "Norland attacked Sudria on Monday. Norland attacked Sudria again on March 2."
    work = make_work(
        nlp, text, actors=ACTORS, times=[*TIMES, ("March 2", "2031-03-02", "absolute")]
    )
    events = find(run(stage, work), EventType.ASSAULT)
    assert sorted(str(e.date) for e in events) == ["2031-03-02", "2031-03-10"]


def test_evidence_is_a_short_exact_span_inside_its_sentence(
    nlp: Language,
    stage: EventStage,
) -> None:
    text = "Talks collapsed. Norland attacked Sudria on Monday, officials in Kessa said."
    (event,) = _events(nlp, stage, text)
    (mention,) = event.mentions
    assert text[mention.start : mention.end] == mention.text
    assert "Norland attacked Sudria" in mention.text
    assert mention.sentence is not None
    assert mention.sentence.start <= mention.start < mention.end <= mention.sentence.end
    assert text[mention.sentence.start : mention.sentence.end] == mention.sentence.text
    assert mention.doc == "t.txt"


def test_id_is_deterministic_and_follows_the_contract(nlp: Language, stage: EventStage) -> None:
    first = _events(nlp, stage, "Norland attacked Sudria on Monday.")
    second = _events(nlp, stage, "Norland attacked Sudria on Monday.")
    assert [e.id for e in first] == [e.id for e in second]
    (event,) = first
    expected = record_id(
        "mn", "t.txt", "ASSAULT", "NRL", "SUD", None, "2031-03-10", event.mentions[0].start
    )
    assert event.id == expected


def test_confidence_reflects_resolution(nlp: Language, stage: EventStage) -> None:
    resolved = _events(nlp, stage, "Norland attacked Sudria on Monday.")[0]
    blast = _events(nlp, stage, "A bomb blast in Kessa killed 193 people on Monday.")[0]
    assert 0.0 <= blast.confidence < resolved.confidence <= 1.0


def test_salience_main_for_the_lede_and_its_occasion(nlp: Language, stage: EventStage) -> None:
    text = (
        "Norland threatened to attack Sudria on Monday.\n\n"
        "Sudria attacked Vastmark in 2028.\n\n"
        "Norland also accused Sudria of aggression on Monday."
    )
    work = make_work(nlp, text, actors=ACTORS, times=[*TIMES, ("in 2028", "2028", "absolute")])
    salience = {e.type: e.salience for e in run(stage, work)}
    assert salience == {
        EventType.THREATEN: "main",
        EventType.ASSAULT: "background",
        EventType.ACCUSE: "main",
    }


def _with_countries(nlp: Language, text: str):  # type: ignore[no-untyped-def]
    """Country names are place mentions too (the places stage tags them); mark their kind."""
    work = make_work(
        nlp,
        text,
        actors=ACTORS,
        times=TIMES,
        places=[*PLACES, ("Sudria", "SUD"), ("Norland", "NRL")],
    )
    work.places = [
        m.model_copy(update={"place": m.place.model_copy(update={"kind": "country"})})
        if m.place is not None and m.text in ("Sudria", "Norland")
        else m
        for m in work.places
    ]
    return work


@pytest.mark.parametrize(
    ("text", "location"),
    [
        # the attacker named as a modifier is no place; the attack happened where it is stated
        ("A Norland drone strike hit Sudria's army in Kessa on Monday.", "Kessa"),
        # an attack on a country happened in that country
        ("Norland attacked Sudria on Monday.", "Sudria"),
    ],
)
def test_countries_as_actors_or_places(
    nlp: Language, stage: EventStage, text: str, location: str
) -> None:
    events = run(stage, _with_countries(nlp, text))
    assert events and all((e.location.name if e.location else None) == location for e in events)
