"""A store holding a varied set of invented events, quotes and articles for the export tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import factories
from threatline.models import (
    ActorKind,
    ActorMention,
    ActorRef,
    ArticleResult,
    Event,
    EventType,
    Place,
    Provenance,
    Span,
    Status,
    ThreatOutcome,
)
from threatline.store import SqlStore

BAGHDAD = Place(name="Baghdad", country="IRQ", lat=33.34, lon=44.4, kind="PPLC", geonameid=98182)
ANBAR = Place(name="Anbar", country="IRQ", kind="ADM1")
IRAQ = Place(name="Iraq", country="IRQ")


def _ref(code: str | None, name: str, **kw: object) -> ActorRef:
    return ActorRef(code=code, name=name, **kw)


def sample_events() -> list[Event]:
    """Events covering every field the exports write (invented content)."""
    drone = factories.event("a.txt", place=BAGHDAD, killed=2, published=dt.date(2020, 1, 4))
    drone = drone.model_copy(
        update={
            "mode": "drone",
            "source": _ref("USA", "United States", sector="MIL", kind=ActorKind.STATE),
            "target": _ref(
                "IRN",
                "Qassem Soleimani",
                person="Qassem Soleimani",
                sector="MIL",
                role="commander",
                kind=ActorKind.PERSON,
            ),
            "injured": 3,
            "salience": "main",
            "historical": True,
            "mentions": [
                Provenance(
                    doc="a.txt",
                    start=0,
                    end=19,
                    text="Alpha attacked Beta",
                    sentence=Span(start=0, end=30, text="Alpha attacked Beta on Monday."),
                    published=dt.date(2020, 1, 4),
                ),
                Provenance(doc="b.txt", start=5, end=20, text="the drone strike"),
            ],
        }
    )
    threat = factories.event("b.txt", type=EventType.THREATEN, date="2020-01", start=40)
    threat = threat.model_copy(
        update={
            "source": _ref("HEZBOLLAH", "Hezbollah", kind=ActorKind.ARMED_GROUP),
            "target": _ref("USA", "United States", kind=ActorKind.STATE),
            "threatened_type": EventType.ASSAULT,
            "mode": "violence",
            "threat_outcome": ThreatOutcome(status="pending"),
            "disagreements": {"date": ["2020-01", "2020-01-05"]},
        }
    )
    clash = factories.event("c.txt", date="2019", killed=None, place=ANBAR, start=3)
    clash = clash.model_copy(
        update={
            "mode": "firearms",
            "source": _ref("PMF", "Popular Mobilization Forces", sector="PRM"),
            "target": _ref("ISIS", "Islamic State", sector="REB", kind=ActorKind.ARMED_GROUP),
        }
    )
    shooting = factories.event("c.txt", date="2019-06-02", killed=4, place=IRAQ, start=60)
    shooting = shooting.model_copy(
        update={
            "mode": "firearms",
            "source": _ref(None, "gunmen", sector="UAF", resolved=False),
            "target": _ref("IRQ", "protesters", sector="CVL"),
        }
    )
    denied = factories.event("a.txt", type=EventType.ASSAULT, status=Status.DENIED, start=90)
    denied = denied.model_copy(update={"cameo": "183", "confidence": 0.3125})
    protest = factories.event("c.txt", type=EventType.PROTEST, date=None, target=None, start=120)
    protest = protest.model_copy(
        update={"mode": "riot", "source": _ref("IRQ", "Iraqi protesters", sector="CVL")}
    )
    plan = factories.event("b.txt", type=EventType.RETREAT, status=Status.THREATENED, start=150)
    return [drone, threat, clash, shooting, denied, protest, plan]


@pytest.fixture
def events() -> list[Event]:
    return sample_events()


@pytest.fixture
def store(tmp_path: Path, events: list[Event]) -> Iterator[SqlStore]:
    """A SQLite store with three articles, the sample events merged, and two quotes."""
    s = SqlStore(f"sqlite:///{tmp_path / 'export.db'}")
    articles = {
        "a.txt": factories.article("a.txt", "Alpha attacked Beta on Monday.", url="http://a.example/1",
                                   outlet="Wire A", published=dt.date(2020, 1, 4)),
        "b.txt": factories.article("b.txt", "Hezbollah vowed revenge on the United States.",
                                   outlet="Paper B"),
        "c.txt": factories.article("c.txt", "Gunmen fired on protesters in Iraq."),
    }  # fmt: skip
    quotes = {
        "a.txt": [factories.quote("a.txt", "We will respond")],
        "b.txt": [factories.quote("b.txt", "Revenge is coming", "Hezbollah Leader", "HEZBOLLAH")],
    }
    for doc, art in articles.items():
        mine = [ev for ev in events if ev.mentions[0].doc == doc]
        actors = [ActorMention(doc=doc, start=0, end=5, text=art.text[:5], ref=_ref("USA", "US"))]
        result = ArticleResult(article=art, actors=actors, events=mine, quotes=quotes.get(doc, []))
        s.save_result(result)
    s.replace_events(events, {})
    yield s
    s.close()
