"""Small builders of model records for tests (invented content)."""

from __future__ import annotations

import datetime as dt

from threatline.ids import content_hash, record_id
from threatline.models import (
    ActorMention,
    ActorRef,
    Article,
    ArticleResult,
    Event,
    EventType,
    Place,
    Provenance,
    Quote,
    Status,
    TimeValue,
)


def article(
    doc: str = "a.txt", text: str = "Alpha attacked Beta on Monday.", **kw: object
) -> Article:
    return Article(id=doc, text=text, raw=text, content_hash=content_hash(text), **kw)  # type: ignore[arg-type]


def event(
    doc: str = "a.txt",
    type: EventType = EventType.ASSAULT,
    source: str | None = "AAA",
    target: str | None = "BBB",
    date: str | None = "2020-01-03",
    status: Status = Status.OCCURRED,
    start: int = 0,
    text: str = "Alpha attacked Beta",
    killed: int | None = None,
    place: Place | None = None,
    published: dt.date | None = None,
) -> Event:
    return Event(
        id=record_id("mn", doc, type, source, target, date, start),
        type=type,
        status=status,
        date=TimeValue.parse(date) if date else None,
        source=ActorRef(code=source, name=source) if source else None,
        target=ActorRef(code=target, name=target) if target else None,
        killed=killed,
        location=place,
        confidence=0.8,
        mentions=[
            Provenance(doc=doc, start=start, end=start + len(text), text=text, published=published)
        ],
    )


def quote(
    doc: str = "a.txt",
    text: str = "We will respond",
    speaker: str = "Alpha Leader",
    code: str = "AAA",
) -> Quote:
    return Quote(
        id=record_id("qt", doc, text),
        doc=doc,
        text=text,
        direct=True,
        start=0,
        end=len(text),
        speaker=ActorRef(code=code, name=speaker, person=speaker),
        date=TimeValue.parse("2020-01-05"),
    )


def result(
    doc: str = "a.txt", text: str = "Alpha attacked Beta on Monday.", n_events: int = 1
) -> ArticleResult:
    art = article(doc, text)
    events = [event(doc, start=i) for i in range(n_events)]
    actors = [
        ActorMention(doc=doc, start=0, end=5, text="Alpha", ref=ActorRef(code="AAA", name="Alpha")),
        ActorMention(doc=doc, start=15, end=19, text="Beta", ref=None),
    ]
    return ArticleResult(article=art, actors=actors, events=events, quotes=[quote(doc)])
