"""Storage behind one interface: ``open_store(url)`` returns a :class:`Store`."""

from __future__ import annotations

from threatline.store.base import EventFilter, QuoteFilter, SaveOutcome, Store
from threatline.store.sql import SqlStore

__all__ = ["EventFilter", "QuoteFilter", "SaveOutcome", "SqlStore", "Store", "open_store"]


def open_store(url: str) -> Store:
    """Open (and migrate to the newest schema) the store at a SQLAlchemy URL."""
    return SqlStore(url)
