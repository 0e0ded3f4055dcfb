"""The Python API: typed records and pandas DataFrames over one store.

::

    import threatline

    with threatline.open("sqlite:///threatline.db") as tl:
        threats = tl.events(type="THREATEN", actor="IRN", since="2020-01-01")
        df = tl.events_df(status="occurred")
        tl.export("events", "parquet", "events.parquet")

Filters are the fields of :class:`~threatline.store.base.EventFilter` (events) and
:class:`~threatline.store.base.QuoteFilter` (quotes); values are checked and converted by them
(``"2020-01-01"`` becomes a date, ``"ASSAULT"`` an event type, an unknown filter is an error).
The CLI, the REST API and this class read through the same store and :mod:`threatline.queries`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType, TracebackType
from typing import TYPE_CHECKING, Any, TextIO

from threatline.errors import ConfigError
from threatline.models import ActorMention, Article, Event, Quote
from threatline.queries import event_record, quote_record
from threatline.store import EventFilter, QuoteFilter, Store, open_store

if TYPE_CHECKING:
    import pandas as pd

    from threatline.export import Format, Kind

__all__ = ["Threatline"]

# DataFrame dtypes of the flat event and quote columns (the CSV export's columns).
_EVENT_DTYPES: Mapping[str, str] = MappingProxyType(
    {
        "historical": "bool",
        "killed": "Int64",
        "injured": "Int64",
        "location_lat": "Float64",
        "location_lon": "Float64",
        "confidence": "float64",
        "n_sources": "Int64",
    }
)
_QUOTE_DTYPES: Mapping[str, str] = MappingProxyType(
    {"direct": "bool", "start": "Int64", "end": "Int64"}
)


def _frame(kind: str, rows: list[dict[str, Any]], dtypes: Mapping[str, str]) -> pd.DataFrame:
    import pandas as pd

    from threatline.export import COLUMNS

    frame = pd.DataFrame.from_records(rows, columns=list(COLUMNS[kind]))
    return frame.astype(dict(dtypes))


class Threatline:
    """One open Threatline store; close it (or use ``with``) when done."""

    def __init__(self, store: Store) -> None:
        self._store = store

    @classmethod
    def open(cls, url: str | None = None) -> Threatline:
        """Open the store at a SQLAlchemy URL (default: the configured ``db`` setting)."""
        if url is None:
            from threatline.config import load_settings

            url = load_settings().db
        return cls(open_store(url))

    @property
    def store(self) -> Store:
        return self._store

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Threatline:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- events -------------------------------------------------------------------------------
    def events(self, **filters: Any) -> list[Event]:
        """Merged events matching the filters (``actor``, ``type``, ``status``, ``since``...)."""
        return self._store.events(EventFilter(**filters))

    def events_df(self, **filters: Any) -> pd.DataFrame:
        """The same events as a DataFrame with the CSV export's flat columns."""
        from threatline.export import flatten

        rows = [flatten("events", event_record(ev)) for ev in self.events(**filters)]
        return _frame("events", rows, _EVENT_DTYPES)

    def event(self, event_id: str) -> Event | None:
        return self._store.event(event_id)

    def count_events(self, **filters: Any) -> int:
        return self._store.count_events(EventFilter(**filters))

    # -- quotes, documents, actors ------------------------------------------------------------
    def quotes(self, **filters: Any) -> list[Quote]:
        """Quotes matching the filters (``speaker``, ``actor``, ``since``, ``text``...)."""
        return self._store.quotes(QuoteFilter(**filters))

    def quotes_df(self, **filters: Any) -> pd.DataFrame:
        from threatline.export import flatten

        rows = [flatten("quotes", quote_record(q)) for q in self.quotes(**filters)]
        return _frame("quotes", rows, _QUOTE_DTYPES)

    def documents(self) -> list[Article]:
        return list(self._store.articles())

    def document(self, doc: str) -> Article | None:
        return self._store.article(doc)

    def actors(self, doc: str | None = None) -> list[ActorMention]:
        """Actor mentions, of one article or of all."""
        return list(self._store.actor_mentions(doc))

    def stats(self) -> dict[str, Any]:
        return self._store.stats()

    # -- exports ------------------------------------------------------------------------------
    def export(self, kind: Kind, format: Format, path: Path | str | TextIO, **filters: Any) -> int:
        """Write one kind of record (events, mentions, quotes, documents, actors) in a format
        (jsonl, csv, plover, cameo, acled, parquet); filters apply to events, mentions and
        quotes. Returns the number of records written."""
        from threatline.export import export

        if filters and kind in ("documents", "actors"):
            raise ConfigError(f"{kind} take no filters (got {', '.join(filters)})")
        out = Path(path) if isinstance(path, str) else path
        event_filter = EventFilter(**filters) if kind in ("events", "mentions") else None
        quote_filter = QuoteFilter(**filters) if kind == "quotes" else None
        return export(
            self._store, kind, format, out, event_filter=event_filter, quote_filter=quote_filter
        )

    def __repr__(self) -> str:
        return f"Threatline({self._store.url!r})"
