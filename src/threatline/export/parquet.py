"""Parquet tables (pyarrow) for events, event mentions, quotes and documents.

Each table has an explicit schema whose fields carry their meaning as ``description`` metadata
(docs/exports.md lists the same). Rows are written in batches, so a large store never sits in
memory as one table. Dates are ``date32``; an event's ``date`` is the first day of its period
and ``date_end`` the last, with ``date_precision`` saying which.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

import pyarrow as pa
import pyarrow.parquet as pq

from threatline.export.common import mention_rows
from threatline.models import ActorRef, Article, Event, Quote
from threatline.store.base import EventFilter, QuoteFilter, Store

__all__ = [
    "SCHEMAS",
    "ParquetKind",
    "document_row",
    "event_row",
    "quote_row",
    "write_parquet",
]

ParquetKind = Literal["events", "mentions", "quotes", "documents"]
_BATCH = 5_000


# Parquet names a list's items "element" (its nested-type spec); declaring it so reads back equal.
_STRINGS = pa.list_(pa.field("element", pa.string()))


def _f(name: str, type_: pa.DataType, description: str) -> pa.Field:
    return pa.field(name, type_, metadata={"description": description})


def _actor_fields(role: str) -> list[pa.Field]:
    return [
        _f(f"{role}_code", pa.string(), f"{role} actor code (ISO3 for states, else a group code)"),
        _f(f"{role}_name", pa.string(), f"{role} actor name as resolved"),
        _f(f"{role}_person", pa.string(), f"{role} person's canonical name, if a person"),
        _f(f"{role}_sector", pa.string(), f"{role} sector (GOV, MIL, REB, ...)"),
        _f(f"{role}_role", pa.string(), f"{role} person's role on the event date"),
        _f(f"{role}_kind", pa.string(), f"{role} actor kind (state, military, armed_group, ...)"),
    ]


EVENTS = pa.schema([
    _f("id", pa.string(), "event id"),
    _f("type", pa.string(), "PLOVER event type"),
    _f("mode", pa.string(), "PLOVER mode (for THREATEN: what is threatened)"),
    _f("threatened_type", pa.string(), "for THREATEN: the PLOVER type threatened"),
    _f("status", pa.string(), "occurred, threatened, denied or hypothetical"),
    _f("historical", pa.bool_(), "event date well before the reporting article's date"),
    _f("date", pa.date32(), "first day of the event's date"),
    _f("date_end", pa.date32(), "last day of the event's date (= date at day precision)"),
    _f("date_precision", pa.string(), "day, month or year"),
    *_actor_fields("source"),
    *_actor_fields("target"),
    _f("location_name", pa.string(), "place name"),
    _f("location_country", pa.string(), "ISO 3166 alpha-3 country of the place"),
    _f("location_lat", pa.float64(), "latitude (WGS84)"),
    _f("location_lon", pa.float64(), "longitude (WGS84)"),
    _f("location_geonameid", pa.int64(), "GeoNames id of the place"),
    _f("killed", pa.int32(), "people killed (lower bound); null when no figure is given"),
    _f("injured", pa.int32(), "people injured (lower bound); null when no figure is given"),
    _f("confidence", pa.float64(), "extraction confidence, 0 to 1"),
    _f("salience", pa.string(), "main or background in its articles"),
    _f("cameo", pa.string(), "CAMEO code when the extractor set one"),
    _f("n_mentions", pa.int32(), "number of mentions (evidence spans)"),
    _f("n_sources", pa.int32(), "number of distinct articles"),
    _f("first_reported", pa.date32(), "earliest publication date among its articles"),
    _f("docs", _STRINGS, "ids of the articles reporting it"),
    _f("threat_status", pa.string(), "for THREATEN: pending or carried_out"),
    _f("threat_events", _STRINGS, "for THREATEN: ids of the events carrying it out"),
    _f("threat_delay_days", pa.int32(), "for THREATEN: days until it was carried out"),
])  # fmt: skip

MENTIONS = pa.schema([
    _f("event_id", pa.string(), "id of the event the mention reports"),
    _f("position", pa.int32(), "order of the mention within its event (0 first)"),
    _f("doc", pa.string(), "article id"),
    _f("start", pa.int32(), "character offset of the evidence in the article text"),
    _f("end", pa.int32(), "character offset after the evidence"),
    _f("text", pa.string(), "evidence text"),
    _f("sentence_start", pa.int32(), "character offset of the evidence's sentence"),
    _f("sentence_end", pa.int32(), "character offset after the sentence"),
    _f("sentence", pa.string(), "the sentence the evidence comes from"),
    _f("published", pa.date32(), "publication date of the article"),
])  # fmt: skip

QUOTES = pa.schema([
    _f("id", pa.string(), "quote id"),
    _f("doc", pa.string(), "article id"),
    _f("text", pa.string(), "the quoted or reported words"),
    _f("direct", pa.bool_(), "true for a direct quote, false for reported speech"),
    _f("start", pa.int32(), "character offset of the text in the article"),
    _f("end", pa.int32(), "character offset after the text"),
    _f("speaker_name", pa.string(), "speaker as resolved"),
    _f("speaker_code", pa.string(), "speaker's actor code"),
    _f("speaker_person", pa.string(), "speaker's canonical person name"),
    _f("speaker_sector", pa.string(), "speaker's sector"),
    _f("speaker_text", pa.string(), "speaker as written at the attribution"),
    _f("cue", pa.string(), "the attribution verb or noun"),
    _f("date", pa.date32(), "first day of the statement's date"),
    _f("date_precision", pa.string(), "day, month or year"),
    _f("event_id", pa.string(), "id of the event the statement is, if any"),
])  # fmt: skip

DOCUMENTS = pa.schema([
    _f("doc", pa.string(), "article id (file name, or the JSONL record id)"),
    _f("title", pa.string(), "headline"),
    _f("url", pa.string(), "article URL"),
    _f("outlet", pa.string(), "publisher"),
    _f("source", pa.string(), "input the article was read from"),
    _f("published", pa.date32(), "publication date (given or estimated)"),
    _f("published_estimated", pa.bool_(), "true when the publication date was estimated"),
    _f("published_window_start", pa.date32(), "earliest publication date consistent with it"),
    _f("published_window_end", pa.date32(), "latest publication date consistent with it"),
    _f("content_hash", pa.string(), "sha256 of the normalised text"),
    _f("boilerplate", _STRINGS, "site furniture removed from the text"),
    _f("text", pa.string(), "cleaned article text"),
])  # fmt: skip

SCHEMAS: Mapping[ParquetKind, pa.Schema] = MappingProxyType(
    {
        "events": EVENTS,
        "mentions": MENTIONS,
        "quotes": QUOTES,
        "documents": DOCUMENTS,
    }
)


def _actor(role: str, ref: ActorRef | None) -> dict[str, Any]:
    return {
        f"{role}_code": ref.code if ref else None,
        f"{role}_name": ref.name if ref else None,
        f"{role}_person": ref.person if ref else None,
        f"{role}_sector": ref.sector if ref else None,
        f"{role}_role": ref.role if ref else None,
        f"{role}_kind": ref.kind.value if ref and ref.kind else None,
    }


def event_row(ev: Event) -> dict[str, Any]:
    loc, outcome = ev.location, ev.threat_outcome
    return {
        "id": ev.id,
        "type": ev.type.value,
        "mode": ev.mode,
        "threatened_type": ev.threatened_type.value if ev.threatened_type else None,
        "status": ev.status.value,
        "historical": ev.historical,
        "date": ev.date.start if ev.date else None,
        "date_end": ev.date.end if ev.date else None,
        "date_precision": ev.date.precision.value if ev.date else None,
        **_actor("source", ev.source),
        **_actor("target", ev.target),
        "location_name": loc.name if loc else None,
        "location_country": loc.country if loc else None,
        "location_lat": loc.lat if loc else None,
        "location_lon": loc.lon if loc else None,
        "location_geonameid": loc.geonameid if loc else None,
        "killed": ev.killed,
        "injured": ev.injured,
        "confidence": ev.confidence,
        "salience": ev.salience,
        "cameo": ev.cameo,
        "n_mentions": len(ev.mentions),
        "n_sources": len(ev.docs),
        "first_reported": ev.first_reported,
        "docs": ev.docs,
        "threat_status": outcome.status if outcome else None,
        "threat_events": outcome.events if outcome else None,
        "threat_delay_days": outcome.delay_days if outcome else None,
    }


def quote_row(q: Quote) -> dict[str, Any]:
    sp = q.speaker
    return {
        "id": q.id,
        "doc": q.doc,
        "text": q.text,
        "direct": q.direct,
        "start": q.start,
        "end": q.end,
        "speaker_name": sp.name if sp else None,
        "speaker_code": sp.code if sp else None,
        "speaker_person": sp.person if sp else None,
        "speaker_sector": sp.sector if sp else None,
        "speaker_text": q.speaker_text,
        "cue": q.cue,
        "date": q.date.start if q.date else None,
        "date_precision": q.date.precision.value if q.date else None,
        "event_id": q.event_id,
    }


def document_row(a: Article) -> dict[str, Any]:
    window = a.published_window
    return {
        "doc": a.id,
        "title": a.title,
        "url": a.url,
        "outlet": a.outlet,
        "source": a.source,
        "published": a.published,
        "published_estimated": a.published_estimated,
        "published_window_start": window[0] if window else None,
        "published_window_end": window[1] if window else None,
        "content_hash": a.content_hash,
        "boilerplate": [s.text for s in a.removed],
        "text": a.text,
    }


def _rows(
    store: Store,
    kind: ParquetKind,
    event_filter: EventFilter | None,
    quote_filter: QuoteFilter | None,
) -> Iterator[dict[str, Any]]:
    if kind == "events":
        return map(event_row, store.events(event_filter))
    if kind == "mentions":
        return (row for ev in store.events(event_filter) for row in mention_rows(ev))
    if kind == "quotes":
        return map(quote_row, store.quotes(quote_filter))
    return map(document_row, store.articles())


def _batches(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    it = iter(rows)
    while batch := list(islice(it, size)):
        yield batch


def write_parquet(
    store: Store,
    kind: ParquetKind,
    path: Path,
    *,
    event_filter: EventFilter | None = None,
    quote_filter: QuoteFilter | None = None,
) -> int:
    """Write one table to ``path`` (replaced atomically); returns the number of rows."""
    schema = SCHEMAS[kind]
    tmp = path.with_name(path.name + ".part")
    n = 0
    with pq.ParquetWriter(tmp, schema) as writer:
        for batch in _batches(_rows(store, kind, event_filter, quote_filter), _BATCH):
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    tmp.replace(path)
    return n
