"""Merge event mentions (one per article and act) into events (one per real-world act).

This first version groups mentions that agree exactly on type, actors, threatened type, status
and date. The merged event keeps every mention, takes the finest date, the most conservative
casualty figures (recording disagreements) and an id that does not depend on ingest order.
"""

from __future__ import annotations

from collections.abc import Iterable

from threatline.ids import record_id
from threatline.models import Event
from threatline.store.base import Store

__all__ = ["combine", "merge_key", "rebuild_events"]


def merge_key(ev: Event) -> tuple[str | None, ...]:
    return (
        ev.type.value,
        ev.source.code if ev.source else None,
        ev.target.code if ev.target else None,
        ev.threatened_type.value if ev.threatened_type else None,
        ev.status.value,
        str(ev.date) if ev.date else None,
    )


def _conservative(values: list[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return min(known) if known else None


def combine(mentions: list[Event]) -> Event:
    """One event from the mentions of one real-world act (order of mentions does not matter)."""
    mentions = sorted(mentions, key=lambda e: e.id)
    best = max(mentions, key=lambda e: (e.confidence, -len(e.id), e.id))
    dated = [e.date for e in mentions if e.date is not None]
    date = (
        min(dated, key=lambda d: (["day", "month", "year"].index(d.precision.value), d.value))
        if dated
        else None
    )
    disagreements: dict[str, list[object]] = {}
    for field in ("killed", "injured"):
        values = sorted({getattr(e, field) for e in mentions if getattr(e, field) is not None})
        if len(values) > 1:
            disagreements[field] = list(values)
    provenance = [m for e in mentions for m in e.mentions]
    return best.model_copy(
        update={
            "id": record_id("ev", mentions[0].id),
            "date": date,
            "killed": _conservative([e.killed for e in mentions]),
            "injured": _conservative([e.injured for e in mentions]),
            "confidence": max(e.confidence for e in mentions),
            "historical": all(e.historical for e in mentions),
            "mentions": provenance,
            "disagreements": disagreements,
            "salience": "main" if any(e.salience == "main" for e in mentions) else best.salience,
        }
    )


def group(mentions: Iterable[Event]) -> list[list[Event]]:
    groups: dict[tuple[str | None, ...], list[Event]] = {}
    for ev in mentions:
        groups.setdefault(merge_key(ev), []).append(ev)
    return list(groups.values())


def rebuild_events(store: Store) -> int:
    """Recompute every merged event from the stored mentions; returns the number of events."""
    events: list[Event] = []
    assignments: dict[str, str] = {}
    for members in group(store.event_mentions()):
        merged = combine(members)
        events.append(merged)
        for m in members:
            assignments[m.id] = merged.id
    store.replace_events(events, assignments)
    return len(events)
