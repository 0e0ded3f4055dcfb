"""Killed and injured (gold README §2.5): explicit figures, lower bounds, vague amounts as
ACLED reads them, named victims, explicit zero, and null when no figure is given."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.stages.test_events_helpers import find, make_work, run
from tests.stages.test_events_roles import ACTORS, PLACES, TIMES
from threatline.models import EventType
from threatline.stages.events import EventStage
from threatline.stages.events_casualties import parse_number
from threatline.stages.nlp import load_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


@pytest.fixture(scope="module")
def stage() -> EventStage:
    return EventStage()


VAGUE = {"tens": 10, "dozens": 12, "dozen": 12, "hundreds": 100, "thousands": 1000}


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("193", 193),
        ("6,500", 6500),
        ("three", 3),
        ("two hundred", 200),
        ("dozens", 12),
        ("tens", 10),
        ("hundreds", 100),
        ("3 dozen", 36),
        ("scores", None),
        ("others", None),
    ],
)
def test_parse_number(nlp: Language, words: str, expected: int | None) -> None:
    assert parse_number(list(nlp.make_doc(words)), VAGUE) == expected


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("A bomb blast in Kessa killed 193 people and wounded 6,500 others on Monday.", 193, 6500),
        ("Norland shelled Kessa on Monday, killing more than 100 people.", 100, None),
        ("Norlandic troops attacked Kessa on Monday, wounding dozens of civilians.", None, 12),
        (
            "Norland attacked Kessa on Monday, killing hundreds and wounding over 40 people.",
            100,
            40,
        ),
        ("Norland bombed Kessa on Monday but there were no casualties.", 0, 0),
        ("The Norlandic air strike on Kessa on Monday caused scores of injuries.", None, None),
        ("Norland killed General Odo Brann in an air strike on Monday.", 1, None),
        ("Norland attacked Sudria on Monday.", None, None),
    ],
)
def test_casualties(
    nlp: Language,
    stage: EventStage,
    text: str,
    killed: int | None,
    injured: int | None,
) -> None:
    work = make_work(nlp, text, actors=ACTORS, times=TIMES, places=PLACES)
    events = find(run(stage, work), EventType.ASSAULT)
    assert [(e.killed, e.injured) for e in events] == [(killed, injured)]


def test_mass_casualty_blast_without_perpetrator_is_kept(nlp: Language, stage: EventStage) -> None:
    work = make_work(
        nlp,
        "A bomb blast in Kessa killed 193 people on Monday.",
        actors=ACTORS,
        times=TIMES,
        places=PLACES,
    )
    (event,) = run(stage, work)
    assert (event.source, event.target, event.mode) == (None, None, "explosives")
    assert event.location is not None and event.location.name == "Kessa"
