"""Streaming plumbing of the ingest: batches of a stream, and what one run has already seen.

Memory must stay flat whatever the size of a run, so nothing here grows in memory with the
number of articles: :func:`batches` holds one batch, and :class:`RunIndex` keeps the content
hashes and article ids of the run in a private temporary SQLite database (standard library),
which lives in a bounded page cache and spills to a temporary file once it is larger; SQLite
deletes the file when the index is closed.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from pathlib import PurePath
from typing import TypeVar

from threatline.models import Article

__all__ = ["RunIndex", "batches"]

T = TypeVar("T")

_CACHE_KIB = 16 * 1024
"""Page cache of the run index: at most this many KiB of it are held in memory."""


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last one shorter), read lazily."""
    if size < 1:
        raise ValueError("batch size must be at least 1")
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _other_file(art: Article, stored_sources: Mapping[str, str | None]) -> bool:
    if art.id not in stored_sources or not art.source:
        return False
    stored = stored_sources[art.id]
    named_after_file = PurePath(art.source).name == art.id
    return named_after_file and stored is not None and stored != art.source


class RunIndex:
    """Content hashes and article ids seen in one run, out of the Python heap.

    :meth:`fresh` keeps the articles whose content is neither stored (``known``, from the
    store) nor seen earlier in the run, and renames an article whose id was already used in
    the run by other content (two ``report.txt`` files in different folders) to
    ``id#<first 8 hex of its hash>`` so that both are kept.
    """

    def __init__(self, cache_kib: int = _CACHE_KIB) -> None:
        # "" opens a private temporary database: in memory up to the cache, then on disk.
        self._db = sqlite3.connect("", isolation_level=None)
        self._db.execute(f"PRAGMA cache_size=-{int(cache_kib)}")
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute("CREATE TABLE hashes (hash TEXT PRIMARY KEY) WITHOUT ROWID")
        self._db.execute("CREATE TABLE ids (id TEXT PRIMARY KEY, hash TEXT NOT NULL) WITHOUT ROWID")
        self.size = 0

    def fresh(
        self,
        articles: Iterable[Article],
        known: set[str],
        stored_sources: Mapping[str, str | None] | None = None,
    ) -> tuple[list[Article], int]:
        """The articles to process, in order, and how many were duplicates.

        ``stored_sources`` maps ids already in the store to the file or URL they came from. A
        file whose id is its own name, stored earlier from *another* file of that name, is a
        different article (``id#hash8``); the same file with new content replaces its earlier
        version, and so does a record with an explicit id (JSONL, API).
        """
        stored_sources = stored_sources or {}
        out: list[Article] = []
        dupes = 0
        db = self._db
        db.execute("BEGIN")
        try:
            for art in articles:
                digest = art.content_hash
                seen = db.execute("SELECT 1 FROM hashes WHERE hash = ?", (digest,)).fetchone()
                if digest in known or seen is not None:
                    dupes += 1
                    continue
                db.execute("INSERT INTO hashes VALUES (?)", (digest,))
                row = db.execute("SELECT hash FROM ids WHERE id = ?", (art.id,)).fetchone()
                kept = art
                if (row is not None and row[0] != digest) or _other_file(art, stored_sources):
                    kept = art.model_copy(update={"id": f"{art.id}#{digest[:8]}"})
                db.execute("INSERT OR REPLACE INTO ids VALUES (?, ?)", (kept.id, digest))
                out.append(kept)
                self.size += 1
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return out, dupes

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> RunIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
