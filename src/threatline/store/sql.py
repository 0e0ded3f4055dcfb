"""SQLAlchemy Core implementation of the Store for SQLite (WAL) and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

import sqlalchemy as sa

from threatline import __version__
from threatline.errors import StoreError
from threatline.models import ActorMention, Article, Event, Failure, Quote
from threatline.store import schema as t
from threatline.store.base import EventFilter, QuoteFilter
from threatline.store.migrate import upgrade
from threatline.store.sql_api import ApiReadMixin
from threatline.store.sql_crossdoc import CrossdocMixin
from threatline.store.sql_events import EventWriteMixin
from threatline.store.sql_write import ArticleWriteMixin

__all__ = ["SqlStore", "engine_for"]

_CHUNK = 500


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def engine_for(url: str) -> sa.Engine:
    """Engine for a user URL: plain ``postgresql://`` uses psycopg 3; SQLite gets WAL."""
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    try:
        engine = sa.create_engine(url, future=True)
    except (sa.exc.ArgumentError, ImportError) as exc:
        raise StoreError(f"cannot open database {url!r}: {exc}") from exc
    if engine.dialect.name == "sqlite":

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

    return engine


class SqlStore(ArticleWriteMixin, EventWriteMixin, CrossdocMixin, ApiReadMixin):
    """The one Store implementation; see :class:`threatline.store.base.Store`."""

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        self.url = url
        self.engine = engine_for(url)
        try:
            if migrate:
                upgrade(self.engine)
        except sa.exc.OperationalError as exc:
            raise StoreError(f"cannot open database {url!r}: {exc.orig}") from exc

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- runs and failures --------------------------------------------------------------------
    def start_run(self, command: str, args: dict[str, Any]) -> int:
        with self.engine.begin() as conn:
            res = conn.execute(
                t.runs.insert().values(
                    command=command,
                    args=args,
                    version=__version__,
                    started_at=_now(),
                    status="running",
                    stats={},
                )
            )
            key = res.inserted_primary_key
            if key is None:  # pragma: no cover - every supported dialect returns it
                raise StoreError("the database did not return the new run id")
            return int(key[0])

    def finish_run(self, run_id: int, status: str, stats: dict[str, Any]) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                t.runs.update()
                .where(t.runs.c.id == run_id)
                .values(finished_at=_now(), status=status, stats=stats)
            )

    def add_failure(self, run_id: int | None, failure: Failure) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                t.failures.insert().values(run_id=run_id, at=_now(), **failure.model_dump())
            )

    def failures(self, run_id: int | None = None) -> list[Failure]:
        q = sa.select(t.failures).order_by(t.failures.c.id)
        if run_id is not None:
            q = q.where(t.failures.c.run_id == run_id)
        with self.engine.connect() as conn:
            return [
                Failure(
                    input=r.input,
                    line=r.line,
                    stage=r.stage,
                    code=r.code,
                    message=r.message,
                    doc=r.doc,
                )
                for r in conn.execute(q)
            ]

    def runs(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(sa.select(t.runs).order_by(t.runs.c.id))]

    # -- per-article results ------------------------------------------------------------------
    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        wanted = list(set(hashes))
        found: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), _CHUNK):
                q = sa.select(t.articles.c.content_hash).where(
                    t.articles.c.content_hash.in_(wanted[i : i + _CHUNK])
                )
                found.update(conn.execute(q).scalars())
        return found

    def article_sources(self, docs: Iterable[str]) -> dict[str, str | None]:
        """The file or URL each stored article of these ids came from."""
        wanted = list(set(docs))
        out: dict[str, str | None] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), _CHUNK):
                q = sa.select(t.articles.c.id, t.articles.c.source).where(
                    t.articles.c.id.in_(wanted[i : i + _CHUNK])
                )
                out.update({r.id: r.source for r in conn.execute(q)})
        return out

    def update_article_dates(
        self,
        doc: str,
        published: dt.date | None,
        estimated: bool,
        window: tuple[dt.date, dt.date] | None,
    ) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                t.articles.update()
                .where(t.articles.c.id == doc)
                .values(
                    published=published,
                    published_estimated=estimated,
                    window_start=window[0] if window else None,
                    window_end=window[1] if window else None,
                )
            )

    # -- articles -----------------------------------------------------------------------------
    @staticmethod
    def _article(r: sa.Row[Any]) -> Article:
        window = (r.window_start, r.window_end) if r.window_start and r.window_end else None
        return Article(
            id=r.id,
            text=r.text,
            raw=r.raw,
            content_hash=r.content_hash,
            title=r.title,
            url=r.url,
            outlet=r.outlet,
            published=r.published,
            published_estimated=r.published_estimated,
            published_window=window,
            source=r.source,
            removed=r.removed,
        )

    def article(self, doc: str) -> Article | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.articles).where(t.articles.c.id == doc)).first()
        return self._article(row) if row else None

    def articles(self, docs: Iterable[str] | None = None) -> Iterator[Article]:
        q = sa.select(t.articles).order_by(t.articles.c.id)
        if docs is not None:
            q = q.where(t.articles.c.id.in_(list(docs)))
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=200).execute(q):
                yield self._article(row)

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return int(
                conn.execute(sa.select(sa.func.count()).select_from(t.articles)).scalar_one()
            )

    def actor_mentions(self, doc: str | None = None) -> Iterator[ActorMention]:
        from threatline.models import ActorKind, ActorRef

        q = sa.select(t.actor_mentions).order_by(t.actor_mentions.c.doc, t.actor_mentions.c.start)
        if doc is not None:
            q = q.where(t.actor_mentions.c.doc == doc)
        with self.engine.connect() as conn:
            for r in conn.execute(q):
                ref = None
                if r.name is not None:
                    ref = ActorRef(
                        code=r.code,
                        name=r.name,
                        person=r.person,
                        sector=r.sector,
                        role=r.role,
                        kind=ActorKind(r.kind) if r.kind else None,
                        resolved=r.resolved,
                    )
                yield ActorMention(doc=r.doc, start=r.start, end=r.end, text=r.text, ref=ref)

    # -- events -------------------------------------------------------------------------------
    def event_mentions(self, doc: str | None = None) -> Iterator[Event]:
        q = sa.select(t.event_mentions.c.data).order_by(
            t.event_mentions.c.doc, t.event_mentions.c.start
        )
        if doc is not None:
            q = q.where(t.event_mentions.c.doc == doc)
        with self.engine.connect() as conn:
            for (data,) in conn.execution_options(yield_per=500).execute(q):
                yield Event.model_validate(data)

    def _event_query(self, flt: EventFilter, columns: list[Any]) -> sa.Select[Any]:
        c = t.events.c
        q = sa.select(*columns)
        if flt.actor:
            q = q.where(sa.or_(c.source_code == flt.actor, c.target_code == flt.actor))
        if flt.source:
            q = q.where(c.source_code == flt.source)
        if flt.target:
            q = q.where(c.target_code == flt.target)
        if flt.type:
            q = q.where(c.type == flt.type.value)
        if flt.status:
            q = q.where(c.status == flt.status.value)
        if flt.since:
            q = q.where(c.date >= flt.since)
        if flt.until:
            q = q.where(c.date <= flt.until)
        if flt.historical is not None:
            q = q.where(c.historical == flt.historical)
        if flt.threat_status:
            q = q.where(c.threat_status == flt.threat_status)
        if flt.place:
            q = q.where(
                sa.or_(
                    c.country == flt.place.upper(),
                    sa.func.lower(c.place).contains(flt.place.lower()),
                )
            )
        if flt.text:
            for word in flt.text.lower().split():
                q = q.where(c.search.contains(word, autoescape=True))
        if flt.doc:
            sub = sa.select(t.event_mentions.c.event_id).where(t.event_mentions.c.doc == flt.doc)
            q = q.where(c.id.in_(sub))
        return q

    def events(self, flt: EventFilter | None = None) -> list[Event]:
        flt = flt or EventFilter()
        c = t.events.c
        q = (
            self._event_query(flt, [c.data])
            .order_by(c.date.is_(None), c.date, c.id)
            .offset(flt.offset)
        )
        if flt.limit:
            q = q.limit(flt.limit)
        with self.engine.connect() as conn:
            return [Event.model_validate(data) for (data,) in conn.execute(q)]

    def count_events(self, flt: EventFilter | None = None) -> int:
        q = self._event_query(flt or EventFilter(), [sa.func.count()]).select_from(t.events)
        with self.engine.connect() as conn:
            return int(conn.execute(q).scalar_one())

    def event(self, event_id: str) -> Event | None:
        with self.engine.connect() as conn:
            data = conn.execute(
                sa.select(t.events.c.data).where(t.events.c.id == event_id)
            ).scalar()
        return Event.model_validate(data) if data is not None else None

    # -- quotes -------------------------------------------------------------------------------
    def quotes(self, flt: QuoteFilter | None = None) -> list[Quote]:
        flt = flt or QuoteFilter()
        c = t.quotes.c
        q = sa.select(c.data).order_by(c.doc, c.start).offset(flt.offset)
        if flt.speaker:
            q = q.where(
                sa.or_(
                    sa.func.lower(c.speaker_name).contains(flt.speaker.lower(), autoescape=True),
                    sa.func.lower(c.speaker_person).contains(flt.speaker.lower(), autoescape=True),
                )
            )
        if flt.actor:
            q = q.where(c.speaker_code == flt.actor)
        if flt.since:
            q = q.where(c.date >= flt.since)
        if flt.until:
            q = q.where(c.date <= flt.until)
        if flt.doc:
            q = q.where(c.doc == flt.doc)
        if flt.text:
            q = q.where(sa.func.lower(c.text).contains(flt.text.lower(), autoescape=True))
        if flt.limit:
            q = q.limit(flt.limit)
        with self.engine.connect() as conn:
            return [Quote.model_validate(data) for (data,) in conn.execute(q)]

    # -- links between articles ---------------------------------------------------------------
    def set_doc_links(self, links: Iterable[tuple[str, str, str, float]]) -> None:
        rows = [{"doc_a": a, "doc_b": b, "kind": k, "score": s} for a, b, k, s in links]
        with self.engine.begin() as conn:
            conn.execute(t.doc_links.delete())
            if rows:
                conn.execute(t.doc_links.insert(), rows)

    def doc_links(self, doc: str | None = None) -> list[tuple[str, str, str, float]]:
        c = t.doc_links.c
        q = sa.select(c.doc_a, c.doc_b, c.kind, c.score).order_by(c.doc_a, c.doc_b)
        if doc is not None:
            q = q.where(sa.or_(c.doc_a == doc, c.doc_b == doc))
        with self.engine.connect() as conn:
            return [(r.doc_a, r.doc_b, r.kind, r.score) for r in conn.execute(q)]

    # -- summaries ----------------------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        with self.engine.connect() as conn:

            def count(table: sa.Table) -> int:
                return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())

            by_type: dict[str, int] = {
                str(k): int(v)
                for k, v in conn.execute(
                    sa.select(t.events.c.type, sa.func.count()).group_by(t.events.c.type)
                )
            }
            by_status: dict[str, int] = {
                str(k): int(v)
                for k, v in conn.execute(
                    sa.select(t.events.c.status, sa.func.count()).group_by(t.events.c.status)
                )
            }
            span = conn.execute(
                sa.select(sa.func.min(t.events.c.date), sa.func.max(t.events.c.date))
            ).one()
            return {
                "articles": count(t.articles),
                "events": count(t.events),
                "event_mentions": count(t.event_mentions),
                "quotes": count(t.quotes),
                "actor_mentions": count(t.actor_mentions),
                "actors": count(t.actors),
                "failures": count(t.failures),
                "runs": count(t.runs),
                "events_by_type": by_type,
                "events_by_status": by_status,
                "first_event": span[0].isoformat() if span[0] else None,
                "last_event": span[1].isoformat() if span[1] else None,
            }
