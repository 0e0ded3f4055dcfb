"""Event mentions for the cross-article tests (invented content)."""

from __future__ import annotations

import datetime as dt

from threatline.ids import record_id
from threatline.models import ActorRef, Event, EventType, Place, Provenance, Status, TimeValue

BAGHDAD = Place(name="Baghdad", country="IRQ", lat=33.31, lon=44.36)
KYIV = Place(name="Kyiv", country="UKR", lat=50.45, lon=30.52)


def mention(
    doc: str = "a.txt",
    type: EventType = EventType.ASSAULT,
    source: str | None = "AAA",
    target: str | None = "BBB",
    date: str | None = "2020-01-03",
    *,
    text: str = "Alpha forces attacked Beta positions",
    status: Status = Status.OCCURRED,
    threatened: EventType | None = None,
    source_person: str | None = None,
    target_person: str | None = None,
    place: Place | None = None,
    killed: int | None = None,
    injured: int | None = None,
    published: str | None = None,
    start: int = 0,
    confidence: float = 0.8,
) -> Event:
    """One event mention in one article."""
    return Event(
        id=record_id("mn", doc, type, source, target, date, start, text),
        type=type,
        threatened_type=threatened,
        status=status,
        date=TimeValue.parse(date) if date else None,
        source=ActorRef(code=source, name=source, person=source_person) if source else None,
        target=ActorRef(code=target, name=target, person=target_person) if target else None,
        location=place,
        killed=killed,
        injured=injured,
        confidence=confidence,
        mentions=[
            Provenance(
                doc=doc,
                start=start,
                end=start + len(text),
                text=text,
                published=dt.date.fromisoformat(published) if published else None,
            )
        ],
    )


def docs_of(events: list[Event]) -> list[list[str]]:
    """The documents of each event, sorted (a readable picture of a clustering)."""
    return sorted(e.docs for e in events)
