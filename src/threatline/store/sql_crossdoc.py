"""The Store methods the cross-article stages need (mixed into :class:`SqlStore`).

Article dates without the texts, the articles' own publication estimates (dating starts again
from them on every run), MinHash signatures per signature scheme (so a later run only signs new
articles), and doc links added without removing the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import sqlalchemy as sa

from threatline.store import schema as t
from threatline.store.base import ArticleDates

__all__ = ["CrossdocMixin"]

_CHUNK = 500
_PAGE = 200


class CrossdocMixin:
    """Needs ``self.engine``; see the cross-article part of :class:`~threatline.store.Store`."""

    engine: sa.Engine

    def article_dates(self) -> dict[str, ArticleDates]:
        """Every article's publication date, estimated flag and window, by article id."""
        c = t.articles.c
        q = sa.select(c.id, c.published, c.published_estimated, c.window_start, c.window_end)
        with self.engine.connect() as conn:
            return {
                r.id: ArticleDates(
                    r.published,
                    bool(r.published_estimated),
                    (r.window_start, r.window_end) if r.window_start and r.window_end else None,
                )
                for r in conn.execute(q.order_by(c.id))
            }

    def unsigned_articles(self, scheme: str) -> Iterator[tuple[str, str]]:
        """(id, cleaned text) of the articles with no signature under ``scheme``, by id.

        Read a page at a time (no cursor stays open between pages), so the caller may save
        signatures while it iterates."""
        s, a = t.doc_signatures.c, t.articles.c
        signed = sa.exists().where(s.doc == a.id, s.scheme == scheme)
        last: str | None = None
        while True:
            q = sa.select(a.id, a.text).where(~signed)
            if last is not None:
                q = q.where(a.id > last)
            with self.engine.connect() as conn:
                page = conn.execute(q.order_by(a.id).limit(_PAGE)).all()
            for row in page:
                yield row.id, row.text
            if len(page) < _PAGE:
                return
            last = page[-1].id

    def save_signatures(self, scheme: str, rows: Iterable[tuple[str, bytes]]) -> None:
        """Store (or replace) signatures under ``scheme``."""
        data = [{"doc": doc, "scheme": scheme, "signature": sig} for doc, sig in rows]
        if not data:
            return
        s = t.doc_signatures.c
        with self.engine.begin() as conn:
            for i in range(0, len(data), _CHUNK):
                chunk = data[i : i + _CHUNK]
                conn.execute(
                    t.doc_signatures.delete().where(
                        s.scheme == scheme, s.doc.in_([d["doc"] for d in chunk])
                    )
                )
                conn.execute(t.doc_signatures.insert(), chunk)

    def signatures(self, scheme: str) -> Iterator[tuple[str, bytes]]:
        """(id, signature) of every article signed under ``scheme``, by id."""
        s = t.doc_signatures.c
        q = sa.select(s.doc, s.signature).where(s.scheme == scheme).order_by(s.doc)
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=1000).execute(q):
                yield row.doc, bytes(row.signature)

    def date_estimates(self) -> dict[str, ArticleDates]:
        """The recorded own estimates of articles (see :meth:`save_date_estimates`), by id."""
        c = t.article_estimates.c
        q = sa.select(c.doc, c.published, c.window_start, c.window_end).order_by(c.doc)
        with self.engine.connect() as conn:
            return {
                r.doc: ArticleDates(
                    r.published,
                    True,
                    (r.window_start, r.window_end) if r.window_start and r.window_end else None,
                )
                for r in conn.execute(q)
            }

    def save_date_estimates(self, estimates: Mapping[str, ArticleDates]) -> None:
        """Record (or replace) articles' own publication estimates, before anything refines
        them; they are dropped with the article."""
        rows = [
            {
                "doc": doc,
                "published": d.published,
                "window_start": d.window[0] if d.window else None,
                "window_end": d.window[1] if d.window else None,
            }
            for doc, d in sorted(estimates.items())
        ]
        if not rows:
            return
        c = t.article_estimates.c
        with self.engine.begin() as conn:
            for i in range(0, len(rows), _CHUNK):
                chunk = rows[i : i + _CHUNK]
                conn.execute(
                    t.article_estimates.delete().where(c.doc.in_([r["doc"] for r in chunk]))
                )
                conn.execute(t.article_estimates.insert(), chunk)

    def add_doc_links(self, links: Iterable[tuple[str, str, str, float]]) -> None:
        """Add links (or replace the link already stored for the same pair), keeping the rest."""
        c = t.doc_links.c
        rows = {(a, b): {"doc_a": a, "doc_b": b, "kind": k, "score": s} for a, b, k, s in links}
        if not rows:
            return
        with self.engine.begin() as conn:
            for pair, row in sorted(rows.items()):
                conn.execute(t.doc_links.delete().where(c.doc_a == pair[0], c.doc_b == pair[1]))
                conn.execute(t.doc_links.insert(), [row])
