"""A store holding markup and script payloads in every string a page shows (invented content).

The pages must show these as text: never as elements, never running them.
"""

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
    Span,
    ThreatOutcome,
    TimeValue,
)
from threatline.store.base import Store

__all__ = ["DOC", "EVENT_ID", "PAYLOADS", "fill_hostile", "hostile_records"]

SCRIPT = '<script>alert("xss-script")</script>'
IMG = "<img src=x onerror=alert('xss-img') id=injected-img>"
SVG = '<svg onload=alert("xss-svg") id="injected-svg"></svg>'
ATTR = '" onmouseover="alert(1)" data-x="'
EVIL_NAME = '<b id="injected-b">Evil</b> Brigade'
EVIL_CODE = "EVIL<I>"
PAYLOADS = [SCRIPT, IMG, SVG, EVIL_NAME]
DOC = "hostile<script>.txt"
EVENT_ID = "ev_hostile000000"

TEXT = (
    f"{SCRIPT} The {EVIL_NAME} fired rockets at Beta {IMG} near {SVG}. "
    f'"We will {SCRIPT} respond{ATTR}," said the {EVIL_NAME} spokesman.'
)


def hostile_records() -> tuple[ArticleResult, list[Event]]:
    """The hostile article (with its event mention, actor mention and quote) and its merged
    events: an ASSAULT and a THREATEN carried out by it."""
    start = TEXT.index(f"The {EVIL_NAME}")
    end = TEXT.index(" near")
    quote_text = f"We will {SCRIPT} respond{ATTR},"
    q_start = TEXT.index(quote_text)
    evil = ActorRef(code=EVIL_CODE, name=EVIL_NAME, person=f"{SCRIPT} Smith")
    beta = ActorRef(code="BETA", name=f"Beta {IMG}")
    published = dt.date(2024, 5, 2)
    article = Article(
        id=DOC,
        text=TEXT,
        raw=TEXT + f"\n{SVG} Share",
        content_hash=content_hash(TEXT),
        title=f"{SCRIPT} Title {IMG}",
        url="javascript:alert('xss-url')",
        outlet=f"{SVG} Outlet",
        published=published,
        removed=[Span(start=len(TEXT) + 1, end=len(TEXT) + 1 + len(SVG) + 6, text=f"{SVG} Share")],
    )
    prov = Provenance(
        doc=DOC,
        start=start,
        end=end,
        text=TEXT[start:end],
        sentence=Span(start=start, end=end + 1, text=TEXT[start : end + 1]),
        published=published,
    )
    event = Event(
        id=EVENT_ID,
        type=EventType.ASSAULT,
        mode=f"{SVG}",
        date=TimeValue.day(dt.date(2024, 5, 1)),
        source=evil,
        target=beta,
        location=Place(name=f"{IMG} Town", country="IRQ", lat=33.3, lon=44.4),
        killed=3,
        mentions=[prov],
        disagreements={f"{SCRIPT}": [IMG]},
    )
    threat = Event(
        id=record_id("ev", "hostile threat"),
        type=EventType.THREATEN,
        threatened_type=EventType.ASSAULT,
        date=TimeValue.day(dt.date(2024, 4, 20)),
        source=evil,
        target=beta,
        mentions=[prov],
        threat_outcome=ThreatOutcome(status="carried_out", events=[EVENT_ID], delay_days=11),
    )
    quote = Quote(
        id=record_id("qt", DOC),
        doc=DOC,
        text=quote_text,
        direct=True,
        start=q_start,
        end=q_start + len(quote_text),
        speaker=evil,
        speaker_text=EVIL_NAME,
        date=TimeValue.day(published),
    )
    actors = [
        ActorMention(
            doc=DOC,
            start=start + 4,
            end=start + 4 + len(EVIL_NAME),
            text=EVIL_NAME,
            ref=evil.model_copy(update={"person": None}),
        )
    ]
    result = ArticleResult(article=article, actors=actors, events=[event], quotes=[quote])
    return result, [event, threat]


def fill_hostile(store: Store) -> None:
    result, events = hostile_records()
    store.save_result(result)
    store.replace_events(events, {EVENT_ID: EVENT_ID})
