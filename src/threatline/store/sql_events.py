"""Writing the merged events (mixed into :class:`SqlStore`).

:meth:`EventWriteMixin.replace_events` takes merged events that the caller holds;
:meth:`EventWriteMixin.rewrite_events` builds them inside the store from the stored mentions,
one group of mentions at a time, so that memory does not grow with the store. Both replace every
merged event and every mention's event id in one transaction: readers see the old events or the
new ones, and a failure leaves the old ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from itertools import groupby
from typing import Any

import sqlalchemy as sa

from threatline.models import Event, ThreatOutcome
from threatline.store import schema as t

__all__ = ["EventWriteMixin", "event_row"]

_CHUNK = 500
#: Merged events built per read of their mentions in :meth:`EventWriteMixin.rewrite_events`.
_EVENTS_PER_READ = 1000


def _event_search(event: Event) -> str:
    parts = [m.text for m in event.mentions]
    for ref in (event.source, event.target):
        if ref is not None:
            parts += [ref.name, ref.person or "", ref.code or ""]
    if event.location is not None:
        parts.append(event.location.name)
    return " ".join(p for p in parts if p).lower()


def event_row(ev: Event) -> dict[str, Any]:
    """The ``events`` row of a merged event."""
    return {
        "id": ev.id,
        "type": ev.type.value,
        "status": ev.status.value,
        "historical": ev.historical,
        "date": ev.date.value if ev.date else None,
        "date_precision": ev.date.precision.value if ev.date else None,
        "source_code": ev.source.code if ev.source else None,
        "target_code": ev.target.code if ev.target else None,
        "country": ev.location.country if ev.location else None,
        "place": ev.location.name if ev.location else None,
        "killed": ev.killed,
        "injured": ev.injured,
        "confidence": ev.confidence,
        "n_mentions": len(ev.mentions),
        "n_sources": len(ev.docs),
        "first_reported": ev.first_reported,
        "threat_status": ev.threat_outcome.status if ev.threat_outcome else None,
        "search": _event_search(ev),
        "data": ev.model_dump(mode="json"),
    }


def _assign(conn: sa.Connection, pairs: list[tuple[str, str]]) -> None:
    """Clear every mention's event id, then set those of ``pairs`` (mention id, event id)."""
    conn.execute(t.event_mentions.update().values(event_id=None))
    c = t.event_mentions.c
    assign = (
        t.event_mentions.update()
        .where(c.id == sa.bindparam("mention_id"))
        .values(event_id=sa.bindparam("new_event_id"))
    )
    for i in range(0, len(pairs), _CHUNK):
        conn.execute(
            assign, [{"mention_id": m, "new_event_id": e} for m, e in pairs[i : i + _CHUNK]]
        )


class _Inserter:
    """Inserts event rows a chunk at a time on one connection."""

    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn
        self.rows: list[dict[str, Any]] = []

    def add(self, event: Event) -> None:
        self.rows.append(event_row(event))
        if len(self.rows) >= _CHUNK:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.conn.execute(t.events.insert(), self.rows)
            self.rows = []


class EventWriteMixin:
    """Needs ``self.engine``; see the events part of :class:`~threatline.store.Store`."""

    engine: sa.Engine

    def replace_events(self, events: Iterable[Event], assignments: Mapping[str, str]) -> None:
        """Replace the merged events and each mention's event id in one transaction.

        Rows are built and written a chunk at a time (never all of them at once), and the
        mentions' event ids are set with one executemany per chunk."""
        with self.engine.begin() as conn:
            conn.execute(t.events.delete())
            out = _Inserter(conn)
            for ev in events:
                out.add(ev)
            out.flush()
            _assign(conn, sorted(assignments.items()))

    def rewrite_events(
        self,
        assignments: Mapping[str, str],
        combine: Callable[[str, list[Event]], Event],
        outcomes: Callable[[], Mapping[str, ThreatOutcome]] | None = None,
    ) -> int:
        """Rebuild every merged event from the stored mentions in one transaction; returns the
        number of events.

        ``assignments`` gives each mention's event id (mentions not in it get none). The
        mentions of each event are read back from the store, ``_EVENTS_PER_READ`` events at a
        time in event-id order, and ``combine(event_id, mentions)`` makes the event. When every
        event is written, ``outcomes()`` gives the threat outcomes to set on threat events (it
        may use what ``combine`` saw)."""
        c = t.event_mentions.c
        ids = sorted(set(assignments.values()))
        n = 0
        with self.engine.begin() as conn:
            conn.execute(t.events.delete())
            _assign(conn, sorted(assignments.items()))
            out = _Inserter(conn)
            for i in range(0, len(ids), _EVENTS_PER_READ):
                lo, hi = ids[i], ids[min(i + _EVENTS_PER_READ, len(ids)) - 1]
                q = (
                    sa.select(c.event_id, c.data)
                    .where(c.event_id >= lo, c.event_id <= hi)
                    .order_by(c.event_id, c.id)
                )
                rows = conn.execute(q).all()
                for eid, group in groupby(rows, key=lambda r: r[0]):
                    out.add(combine(eid, [Event.model_validate(r[1]) for r in group]))
                    n += 1
            out.flush()
            if outcomes is not None:
                self._set_outcomes(conn, outcomes())
        return n

    @staticmethod
    def _set_outcomes(conn: sa.Connection, outcomes: Mapping[str, ThreatOutcome]) -> None:
        c = t.events.c
        wanted = sorted(outcomes)
        update = (
            t.events.update()
            .where(c.id == sa.bindparam("event_id"))
            .values(threat_status=sa.bindparam("new_status"), data=sa.bindparam("new_data"))
        )
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i : i + _CHUNK]
            rows = conn.execute(sa.select(c.id, c.data).where(c.id.in_(chunk))).all()
            params = []
            for eid, old in rows:
                result = outcomes[eid]
                new = {**old, "threat_outcome": result.model_dump(mode="json")}
                params.append({"event_id": eid, "new_status": result.status, "new_data": new})
            if params:
                conn.execute(update, params)
