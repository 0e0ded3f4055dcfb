"""Writing per-article results (mixed into :class:`SqlStore`).

:meth:`ArticleWriteMixin.save_results` stores a batch of articles, with everything found in
them, in one transaction: one query finds what is already stored, then each table gets one
multi-row insert per batch instead of one statement per article (per-article statements and
commits cost ~1.5 ms an article, as much as the quotes stage). Outcomes are those of saving the
articles one after the other, in order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from threatline.errors import StoreError
from threatline.ids import record_id
from threatline.models import ArticleResult
from threatline.store import schema as t
from threatline.store.base import SaveOutcome

__all__ = ["ArticleWriteMixin"]

_CHUNK = 500


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class _Rows:
    """Rows waiting to be inserted, table by table, in an order the foreign keys accept."""

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self.articles: list[dict[str, Any]] = []
        self.actor_mentions: list[dict[str, Any]] = []
        self.actors: dict[str, dict[str, Any]] = {}
        self.places: dict[str, dict[str, Any]] = {}
        self.event_mentions: list[dict[str, Any]] = []
        self.quotes: list[dict[str, Any]] = []

    def add(self, result: ArticleResult, article_row: dict[str, Any]) -> None:
        doc = result.article.id
        self.articles.append(article_row)
        for m in result.actors:
            ref = m.ref
            row: dict[str, Any] = {
                "doc": doc,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "code": ref.code if ref else None,
                "name": ref.name if ref else None,
                "person": ref.person if ref else None,
                "sector": ref.sector if ref else None,
                "role": ref.role if ref else None,
                "kind": ref.kind.value if ref and ref.kind else None,
                "resolved": bool(ref and ref.resolved),
            }
            self.actor_mentions.append(row)
            code = ref.code if ref else None
            if code and row["resolved"]:
                self.actors[code] = {
                    "code": code,
                    "name": row["name"] if row["person"] is None else code,
                    "kind": row["kind"],
                    "sector": row["sector"],
                    "country": code if len(code) == 3 else None,
                }
        for ev in result.events:
            place_id = None
            if ev.location is not None:
                place_id = record_id("pl", ev.location.name, ev.location.country)
                self.places[place_id] = {"id": place_id, **ev.location.model_dump()}
            self.event_mentions.append(
                {
                    "id": ev.id,
                    "doc": doc,
                    "event_id": None,
                    "type": ev.type.value,
                    "status": ev.status.value,
                    "date": ev.date.value if ev.date else None,
                    "date_precision": ev.date.precision.value if ev.date else None,
                    "source_code": ev.source.code if ev.source else None,
                    "target_code": ev.target.code if ev.target else None,
                    "place_id": place_id,
                    "start": ev.mentions[0].start,
                    "end": ev.mentions[0].end,
                    "data": ev.model_dump(mode="json"),
                }
            )
        self.quotes += [
            {
                "id": q.id,
                "doc": doc,
                "speaker_name": q.speaker.name if q.speaker else None,
                "speaker_code": q.speaker.code if q.speaker else None,
                "speaker_person": q.speaker.person if q.speaker else None,
                "text": q.text,
                "direct": q.direct,
                "date": q.date.value if q.date else None,
                "start": q.start,
                "end": q.end,
                "event_id": q.event_id,
                "data": q.model_dump(mode="json"),
            }
            for q in result.quotes
        ]

    def flush(self, conn: sa.Connection) -> None:
        """Insert everything waiting (articles first: the other rows refer to them)."""
        for table, rows in (
            (t.articles, self.articles),
            (t.actor_mentions, self.actor_mentions),
            (t.event_mentions, self.event_mentions),
            (t.quotes, self.quotes),
        ):
            for i in range(0, len(rows), _CHUNK):
                conn.execute(table.insert(), rows[i : i + _CHUNK])
        insert_ignore(conn, t.actors, list(self.actors.values()))
        insert_ignore(conn, t.places, list(self.places.values()))
        self.clear()


def insert_ignore(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows, skipping those whose primary key is already stored."""
    if not rows:
        return
    dialect = conn.dialect.name
    stmt: Any
    if dialect == "sqlite":
        stmt = sqlite.insert(table).on_conflict_do_nothing()
    elif dialect == "postgresql":
        stmt = postgresql.insert(table).on_conflict_do_nothing()
    else:  # pragma: no cover - other dialects are not supported
        raise StoreError(f"unsupported database dialect {dialect}")
    for i in range(0, len(rows), _CHUNK):
        conn.execute(stmt, rows[i : i + _CHUNK])


class ArticleWriteMixin:
    """Needs ``self.engine``; see the per-article part of :class:`~threatline.store.Store`."""

    engine: sa.Engine

    def save_result(self, result: ArticleResult, run_id: int | None = None) -> SaveOutcome:
        """Store one article with everything found in it, in one transaction."""
        return self.save_results([result], run_id)[0]

    def save_results(
        self, results: Sequence[ArticleResult], run_id: int | None = None
    ) -> list[SaveOutcome]:
        """Store a batch of articles in one transaction; one outcome per article, in order.

        An article whose content is stored already is a ``duplicate``; one whose id is stored
        with other content replaces it (``replaced``) with everything found in it; else
        ``added``. A failure stores nothing of the batch."""
        outcomes: list[SaveOutcome] = []
        if not results:
            return outcomes
        with self.engine.begin() as conn:
            hash_of = self._stored_hashes(conn, results)  # article id -> content hash
            stored_hashes = set(hash_of.values())
            rows = _Rows()
            for res in results:
                art = res.article
                if art.content_hash in stored_hashes:
                    outcomes.append("duplicate")
                    continue
                outcome: SaveOutcome = "added"
                if art.id in hash_of:
                    rows.flush(conn)  # the article replaced may be one of this batch
                    self._delete_article(conn, art.id)
                    stored_hashes.discard(hash_of.pop(art.id))
                    outcome = "replaced"
                rows.add(res, self._article_row(res, run_id))
                hash_of[art.id] = art.content_hash
                stored_hashes.add(art.content_hash)
                outcomes.append(outcome)
            rows.flush(conn)
        return outcomes

    @staticmethod
    def _stored_hashes(conn: sa.Connection, results: Sequence[ArticleResult]) -> dict[str, str]:
        ids = list({r.article.id for r in results})
        hashes = list({r.article.content_hash for r in results})
        c = t.articles.c
        out: dict[str, str] = {}
        for i in range(0, max(len(ids), len(hashes)), _CHUNK):
            q = sa.select(c.id, c.content_hash).where(
                sa.or_(c.content_hash.in_(hashes[i : i + _CHUNK]), c.id.in_(ids[i : i + _CHUNK]))
            )
            out.update({r.id: r.content_hash for r in conn.execute(q)})
        return out

    @staticmethod
    def _article_row(result: ArticleResult, run_id: int | None) -> dict[str, Any]:
        art = result.article
        window = art.published_window
        return {
            "id": art.id,
            "content_hash": art.content_hash,
            "title": art.title,
            "url": art.url,
            "outlet": art.outlet,
            "published": art.published,
            "published_estimated": art.published_estimated,
            "window_start": window[0] if window else None,
            "window_end": window[1] if window else None,
            "source": art.source,
            "raw": art.raw,
            "text": art.text,
            "removed": [s.model_dump() for s in art.removed],
            "n_actors": len(result.actors),
            "n_events": len(result.events),
            "n_quotes": len(result.quotes),
            "run_id": run_id,
            "ingested_at": _now(),
        }

    @staticmethod
    def _delete_article(conn: sa.Connection, doc: str) -> None:
        for table in (t.actor_mentions, t.event_mentions, t.quotes):
            conn.execute(table.delete().where(table.c.doc == doc))
        conn.execute(
            t.doc_links.delete().where(
                sa.or_(t.doc_links.c.doc_a == doc, t.doc_links.c.doc_b == doc)
            )
        )
        conn.execute(t.articles.delete().where(t.articles.c.id == doc))
