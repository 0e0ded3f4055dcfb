"""JSON Lines and CSV writers over the records of :mod:`threatline.queries`."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, TextIO

from threatline.export.common import MENTION_COLUMNS, mention_rows
from threatline.queries import actor_records, document_records, event_records, quote_records
from threatline.store.base import EventFilter, QuoteFilter, Store

__all__ = ["COLUMNS", "Kind", "export", "flatten", "records"]

Kind = Literal["events", "mentions", "quotes", "documents", "actors"]

COLUMNS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "events": (
        "id", "type", "mode", "threatened_type", "status", "historical", "date", "date_precision",
        "source_code", "source_name", "source_person", "source_sector",
        "target_code", "target_name", "target_person", "target_sector",
        "location_name", "location_country", "location_lat", "location_lon",
        "killed", "injured", "confidence", "n_sources", "first_reported", "docs", "evidence",
    ),
    "quotes": (
        "id", "speaker_name", "speaker_code", "speaker_person", "speaker_text", "text", "direct",
        "doc", "date", "start", "end", "cue", "event_id",
    ),
    "documents": (
        "doc", "title", "published", "published_estimated", "published_window", "url", "outlet",
        "source", "boilerplate", "text",
    ),
    "actors": (
        "doc", "text", "start", "end", "code", "name", "person", "sector", "role", "resolved",
    ),
    "mentions": MENTION_COLUMNS,
})  # fmt: skip


def records(
    store: Store,
    kind: Kind,
    event_filter: EventFilter | None = None,
    quote_filter: QuoteFilter | None = None,
) -> Iterator[dict[str, Any]]:
    if kind == "events":
        return event_records(store, event_filter)
    if kind == "mentions":
        return (
            {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()}
            for ev in store.events(event_filter)
            for row in mention_rows(ev)
        )
    if kind == "quotes":
        return quote_records(store, quote_filter)
    if kind == "documents":
        return document_records(store)
    return actor_records(store)


def flatten(kind: Kind, rec: dict[str, Any]) -> dict[str, Any]:
    """One CSV row: nested objects become prefixed columns, lists become ' | '-joined text."""
    row: dict[str, Any] = {}
    for key, value in rec.items():
        if isinstance(value, dict) and key not in ("disagreements", "threat_outcome"):
            for sub, v in value.items():
                row[f"{key}_{sub}"] = v
        elif key in ("source", "target", "location", "speaker") and value is None:
            continue
        else:
            row[key] = value
    if kind == "events":
        row["docs"] = " | ".join(sorted({m["doc"] for m in rec["mentions"]}))
        row["evidence"] = " | ".join(m["text"] for m in rec["mentions"])
    elif kind == "documents":
        row["published_window"] = "/".join(rec["published_window"] or [])
        row["boilerplate"] = " | ".join(rec["boilerplate"])
    return {col: row.get(col) for col in COLUMNS[kind]}


def _write(kind: Kind, fmt: str, recs: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    if fmt == "jsonl":
        for rec in recs:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
        return n
    writer = csv.DictWriter(out, fieldnames=COLUMNS[kind], extrasaction="ignore")
    writer.writeheader()
    for rec in recs:
        writer.writerow(flatten(kind, rec))
        n += 1
    return n


def export(
    store: Store,
    kind: Kind,
    fmt: Literal["jsonl", "csv"],
    out: Path | TextIO,
    *,
    event_filter: EventFilter | None = None,
    quote_filter: QuoteFilter | None = None,
) -> int:
    """Write records of one kind; returns how many. ``out`` is a path or an open text stream."""
    recs = records(store, kind, event_filter, quote_filter)
    if isinstance(out, Path):
        tmp = out.with_name(out.name + ".part")
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            n = _write(kind, fmt, recs, fh)
        tmp.replace(out)
        return n
    return _write(kind, fmt, recs, out)
