"""The read methods the REST API and the dashboard need (mixed into :class:`SqlStore`).

Aggregates for charts and pages (actors with event counts, counterparts, events per day, per
country and per place, a documents listing) and :meth:`ApiReadMixin.event_page`, a page of
events that sorts only the small columns and then loads the page's records by id, so a page
costs the same at offset 0 and at the end of 100,000 events.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from threatline.models import Event, EventType
from threatline.store import schema as t
from threatline.store.base import (
    ActorCount,
    Counterpart,
    DayCount,
    DocumentSummary,
    EventFilter,
    PlaceCount,
)

__all__ = ["ApiReadMixin"]

_CHUNK = 500


def _unpaged(flt: EventFilter | None) -> EventFilter:
    return (flt or EventFilter()).model_copy(update={"limit": None, "offset": 0})


class ApiReadMixin:
    """Needs ``self.engine`` and ``self._event_query`` (see :class:`SqlStore`)."""

    engine: sa.Engine

    def _event_query(self, flt: EventFilter, columns: list[Any]) -> sa.Select[Any]:
        raise NotImplementedError  # provided by SqlStore

    def _sides(self, flt: EventFilter, columns: list[Any]) -> list[sa.Select[Any]]:
        """The filtered query, as two when it filters by ``actor``: the events with the actor as
        source, and those with it as target only. Grouped counts over "source or target" make
        SQLite walk the grouping column's index over every event; each side uses its own
        index. Summing the two sides' counts gives the counts of the single query."""
        if not flt.actor:
            return [self._event_query(flt, columns)]
        c = t.events.c
        code, side = flt.actor, flt.model_copy(update={"actor": None})
        return [
            self._event_query(side, columns).where(c.source_code == code),
            self._event_query(side, columns).where(
                c.target_code == code, sa.or_(c.source_code.is_(None), c.source_code != code)
            ),
        ]

    def _grouped(self, flt: EventFilter, key: Any, *where: Any) -> dict[Any, int]:
        """Filtered events counted per value of ``key`` (None values left out)."""
        out: dict[Any, int] = {}
        with self.engine.connect() as conn:
            for q in self._sides(flt, [key, sa.func.count()]):
                for value, n in conn.execute(q.where(key.is_not(None), *where).group_by(key)):
                    out[value] = out.get(value, 0) + int(n)
        return out

    # -- planner statistics -------------------------------------------------------------------
    def optimize(self) -> None:
        """Give the query planner statistics (SQLite: ``ANALYZE`` when there are none yet, else
        ``PRAGMA optimize``); without them SQLite may pick a poor index for combined filters.
        PostgreSQL's autovacuum keeps its own. A read-only database is left as it is."""
        if self.engine.dialect.name != "sqlite":
            return
        try:
            with self.engine.begin() as conn:
                analysed = (
                    conn.exec_driver_sql(
                        "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
                    ).first()
                    and conn.exec_driver_sql(
                        "SELECT 1 FROM sqlite_stat1 WHERE tbl = 'events'"
                    ).first()
                )
                conn.exec_driver_sql("PRAGMA optimize" if analysed else "ANALYZE")
        except sa.exc.OperationalError:
            return

    # -- actors -------------------------------------------------------------------------------
    def actor_names(self, codes: Iterable[str]) -> dict[str, str]:
        """Canonical names of known actor codes (codes the knowledge base never named are left
        out)."""
        wanted = sorted(set(codes))
        out: dict[str, str] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), _CHUNK):
                q = sa.select(t.actors.c.code, t.actors.c.name).where(
                    t.actors.c.code.in_(wanted[i : i + _CHUNK])
                )
                out.update({r.code: r.name for r in conn.execute(q)})
        return out

    def actor_counts(
        self,
        flt: EventFilter | None = None,
        query: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> tuple[list[ActorCount], int]:
        """Actors of the filtered events, most events first, and how many actors there are.

        ``query`` keeps actors whose code or canonical name contains it (any case). An event
        whose source and target are the same actor counts once for it (and as source and as
        target). Three grouped index scans; the ranking is done here (actors are few).
        """
        base = _unpaged(flt)
        c = t.events.c
        as_source = self._grouped(base, c.source_code)
        as_target = self._grouped(base, c.target_code)
        both = self._grouped(base, c.source_code, c.source_code == c.target_code)
        names = self.actor_names(set(as_source) | set(as_target))
        found = [
            ActorCount(
                code,
                names.get(code),
                as_source.get(code, 0) + as_target.get(code, 0) - both.get(code, 0),
                as_source.get(code, 0),
                as_target.get(code, 0),
            )
            for code in set(as_source) | set(as_target)
        ]
        if query:
            needle = query.lower()
            found = [
                a for a in found if needle in a.code.lower() or needle in (a.name or "").lower()
            ]
        found.sort(key=lambda a: (-a.events, a.code))
        end = None if limit is None else offset + limit
        return found[offset:end], len(found)

    def actor_counterparts(self, code: str, flt: EventFilter | None = None) -> list[Counterpart]:
        """Who ``code`` acts on (``out``) and who acts on it (``in``), by event type, most events
        first; events with no counterpart are left out."""
        base = _unpaged(flt)
        c = t.events.c
        out_q = (
            self._event_query(base, [c.target_code, c.type, sa.func.count().label("n")])
            .where(c.source_code == code, c.target_code.is_not(None))
            .group_by(c.target_code, c.type)
        )
        in_q = (
            self._event_query(base, [c.source_code, c.type, sa.func.count().label("n")])
            .where(c.target_code == code, c.source_code.is_not(None))
            .group_by(c.source_code, c.type)
        )
        with self.engine.connect() as conn:
            raw: list[tuple[str, str, str, int]] = [
                ("out", r[0], r[1], int(r[2])) for r in conn.execute(out_q)
            ] + [("in", r[0], r[1], int(r[2])) for r in conn.execute(in_q)]
        names = self.actor_names(r[1] for r in raw)
        found = [
            Counterpart("out" if d == "out" else "in", other, names.get(other), EventType(k), n)
            for d, other, k, n in raw
        ]
        found.sort(key=lambda x: (-x.events, x.direction, x.code, x.type.value))
        return found

    # -- aggregates for charts and the map ----------------------------------------------------
    def events_per_day(self, flt: EventFilter | None = None) -> list[DayCount]:
        """Dated events per day and type, in date order."""
        c = t.events.c
        totals: dict[tuple[Any, str], int] = {}
        with self.engine.connect() as conn:
            for q in self._sides(_unpaged(flt), [c.date, c.type, sa.func.count()]):
                grouped = q.where(c.date.is_not(None)).group_by(c.date, c.type)
                for day, kind, n in conn.execute(grouped):
                    totals[(day, kind)] = totals.get((day, kind), 0) + int(n)
        return [DayCount(day, EventType(kind), n) for (day, kind), n in sorted(totals.items())]

    def events_by_type(self, flt: EventFilter | None = None) -> dict[EventType, int]:
        """Filtered events per type (dated or not)."""
        found = self._grouped(_unpaged(flt), t.events.c.type)
        return {EventType(k): n for k, n in found.items()}

    def events_by_country(self, flt: EventFilter | None = None) -> dict[str, int]:
        """Events per country code of their location (events with no country left out)."""
        return {str(k): n for k, n in self._grouped(_unpaged(flt), t.events.c.country).items()}

    def event_places(
        self, flt: EventFilter | None = None, limit: int | None = None
    ) -> list[PlaceCount]:
        """Places of the filtered events with their coordinates, most events first."""
        c = t.events.c
        grouped = (
            self._event_query(_unpaged(flt), [c.place, c.country, sa.func.count().label("n")])
            .where(c.place.is_not(None))
            .group_by(c.country, c.place)
            .subquery("grouped")
        )
        p = t.places.c
        same_country = sa.or_(
            p.country == grouped.c.country,
            sa.and_(p.country.is_(None), grouped.c.country.is_(None)),
        )
        coords = (
            sa.select(p.lat)
            .where(p.name == grouped.c.place, same_country)
            .limit(1)
            .scalar_subquery()
        )
        lon = (
            sa.select(p.lon)
            .where(p.name == grouped.c.place, same_country)
            .limit(1)
            .scalar_subquery()
        )
        q = sa.select(grouped.c.place, grouped.c.country, coords, lon, grouped.c.n).order_by(
            grouped.c.n.desc(), grouped.c.place
        )
        if limit is not None:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            return [PlaceCount(r[0], r[1], r[2], r[3], int(r[4])) for r in conn.execute(q)]

    # -- a page of events ---------------------------------------------------------------------
    def event_page(self, flt: EventFilter, descending: bool = False) -> list[Event]:
        """The page ``flt.offset``/``flt.limit`` of the filtered events by date (oldest first,
        or newest first when ``descending``; undated events last either way, ties by id)."""
        c = t.events.c
        ordering = [c.date.desc(), c.id.desc()] if descending else [c.date, c.id]
        base = _unpaged(flt)
        limit = flt.limit
        with self.engine.connect() as conn:
            dated = self._event_query(base, [c.id]).where(c.date.is_not(None))
            q = dated.order_by(*ordering).offset(flt.offset)
            ids = list(conn.execute(q.limit(limit) if limit else q).scalars())
            if limit is None or len(ids) < limit:
                offset = flt.offset
                if offset and not ids:
                    counted = sa.select(sa.func.count()).select_from(dated.subquery())
                    offset = max(0, offset - int(conn.execute(counted).scalar_one()))
                elif ids:
                    offset = 0
                undated = (
                    self._event_query(base, [c.id])
                    .where(c.date.is_(None))
                    .order_by(c.id.desc() if descending else c.id)
                    .offset(offset)
                )
                more = None if limit is None else limit - len(ids)
                ids += conn.execute(undated.limit(more) if more else undated).scalars()
            data: dict[str, Any] = {}
            for i in range(0, len(ids), _CHUNK):
                chunk = ids[i : i + _CHUNK]
                data.update(
                    (r.id, r.data)
                    for r in conn.execute(sa.select(c.id, c.data).where(c.id.in_(chunk)))
                )
        return [Event.model_validate(data[i]) for i in ids]

    def events_by_id(self, ids: Iterable[str]) -> dict[str, Event]:
        """The stored events of these ids (unknown ids left out), in one query per 500."""
        wanted = list(dict.fromkeys(ids))
        c = t.events.c
        out: dict[str, Event] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), _CHUNK):
                q = sa.select(c.id, c.data).where(c.id.in_(wanted[i : i + _CHUNK]))
                out.update((r.id, Event.model_validate(r.data)) for r in conn.execute(q))
        return out

    # -- documents ----------------------------------------------------------------------------
    def document_list(
        self, query: str | None = None, limit: int | None = None, offset: int = 0
    ) -> tuple[list[DocumentSummary], int]:
        """Articles without their text, newest first (undated last), and how many match
        ``query`` (part of the id, title or outlet, any case)."""
        a = t.articles.c
        q = sa.select(
            a.id,
            a.title,
            a.url,
            a.outlet,
            a.published,
            a.published_estimated,
            a.n_events,
            a.n_quotes,
        )
        if query:
            needle = query.lower()
            q = q.where(
                sa.or_(
                    *(
                        sa.func.lower(col).contains(needle, autoescape=True)
                        for col in (a.id, a.title, a.outlet)
                    )
                )
            )
        total_q = sa.select(sa.func.count()).select_from(q.subquery())
        page = q.order_by(a.published.is_(None), a.published.desc(), a.id).offset(offset)
        if limit is not None:
            page = page.limit(limit)
        with self.engine.connect() as conn:
            total = int(conn.execute(total_q).scalar_one())
            found = [
                DocumentSummary(
                    r.id,
                    r.title,
                    r.url,
                    r.outlet,
                    r.published,
                    bool(r.published_estimated),
                    int(r.n_events),
                    int(r.n_quotes),
                )
                for r in conn.execute(page)
            ]
        return found, total
