"""The read side shared by every shell (CLI, API, Python API, exports): records, never SQL.

The record shapes are the export contract of DESIGN.md §3; keep them stable, extend freely.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from threatline.models import ActorMention, Article, Event, Quote
from threatline.store.base import EventFilter, QuoteFilter, Store

__all__ = [
    "actor_record",
    "actor_records",
    "document_record",
    "document_records",
    "event_record",
    "event_records",
    "quote_record",
    "quote_records",
]


def event_record(ev: Event) -> dict[str, Any]:
    loc = ev.location
    return {
        "id": ev.id,
        "type": ev.type.value,
        "mode": ev.mode,
        "threatened_type": ev.threatened_type.value if ev.threatened_type else None,
        "status": ev.status.value,
        "historical": ev.historical,
        "date": str(ev.date) if ev.date else None,
        "date_precision": ev.date.precision.value if ev.date else None,
        "source": ev.source.export() if ev.source else None,
        "target": ev.target.export() if ev.target else None,
        "location": {"name": loc.name, "country": loc.country, "lat": loc.lat, "lon": loc.lon}
        if loc
        else None,
        "killed": ev.killed,
        "injured": ev.injured,
        "confidence": round(ev.confidence, 4),
        "mentions": [
            {"doc": m.doc, "text": m.text, "start": m.start, "end": m.end} for m in ev.mentions
        ],
        "threat_outcome": ev.threat_outcome.model_dump(mode="json") if ev.threat_outcome else None,
        "cameo": ev.cameo,
        "salience": ev.salience,
        "n_sources": len(ev.docs),
        "first_reported": ev.first_reported.isoformat() if ev.first_reported else None,
        "disagreements": ev.disagreements,
    }


def quote_record(q: Quote) -> dict[str, Any]:
    return {
        "id": q.id,
        "speaker": {"name": q.speaker.name, "code": q.speaker.code, "person": q.speaker.person}
        if q.speaker
        else None,
        "speaker_text": q.speaker_text,
        "text": q.text,
        "direct": q.direct,
        "doc": q.doc,
        "date": str(q.date) if q.date else None,
        "start": q.start,
        "end": q.end,
        "cue": q.cue,
        "event_id": q.event_id,
    }


def document_record(a: Article, *, with_text: bool = True) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "doc": a.id,
        "title": a.title,
        "published": a.published.isoformat() if a.published else None,
        "published_estimated": a.published_estimated,
        "published_window": [d.isoformat() for d in a.published_window]
        if a.published_window
        else None,
        "url": a.url,
        "outlet": a.outlet,
        "source": a.source,
        "boilerplate": [s.text for s in a.removed],
    }
    if with_text:
        rec["text"] = a.text
    return rec


def actor_record(m: ActorMention) -> dict[str, Any]:
    ref = m.ref
    return {
        "doc": m.doc,
        "text": m.text,
        "start": m.start,
        "end": m.end,
        "code": ref.code if ref else None,
        "name": ref.name if ref else None,
        "person": ref.person if ref else None,
        "sector": ref.sector if ref else None,
        "role": ref.role if ref else None,
        "resolved": bool(ref and ref.resolved),
    }


def event_records(store: Store, flt: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    for ev in store.events(flt):
        yield event_record(ev)


def quote_records(store: Store, flt: QuoteFilter | None = None) -> Iterator[dict[str, Any]]:
    for q in store.quotes(flt):
        yield quote_record(q)


def document_records(store: Store, *, with_text: bool = True) -> Iterator[dict[str, Any]]:
    for a in store.articles():
        yield document_record(a, with_text=with_text)


def actor_records(store: Store, doc: str | None = None) -> Iterator[dict[str, Any]]:
    for m in store.actor_mentions(doc):
        yield actor_record(m)
