"""The Store interface: every shell and stage reads and writes through it, never through SQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from threatline.models import (
    ActorMention,
    Article,
    ArticleResult,
    Event,
    EventType,
    Failure,
    Quote,
    Status,
)

__all__ = ["EventFilter", "QuoteFilter", "SaveOutcome", "Store"]

SaveOutcome = Literal["added", "duplicate", "replaced"]


class EventFilter(BaseModel):
    """Filters shared by the CLI, the API and the Python API."""

    model_config = ConfigDict(extra="forbid")

    actor: str | None = Field(default=None, description="Actor code as source or target.")
    source: str | None = None
    target: str | None = None
    type: EventType | None = None
    status: Status | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    place: str | None = Field(default=None, description="Country code or part of a place name.")
    text: str | None = Field(default=None, description="Words in the evidence, actors or place.")
    doc: str | None = None
    historical: bool | None = None
    threat_status: Literal["pending", "carried_out"] | None = None
    limit: int | None = Field(default=None, ge=1)
    offset: int = Field(default=0, ge=0)


class QuoteFilter(BaseModel):
    model_config = ConfigDict(extra="forbid")

    speaker: str | None = Field(default=None, description="Part of the speaker's name.")
    actor: str | None = Field(default=None, description="Speaker's actor code.")
    since: dt.date | None = None
    until: dt.date | None = None
    doc: str | None = None
    text: str | None = None
    limit: int | None = Field(default=None, ge=1)
    offset: int = Field(default=0, ge=0)


class Store(Protocol):
    """Storage behind one interface (SQLite and PostgreSQL implement it in store/sql.py)."""

    url: str

    def close(self) -> None: ...

    # runs and failures
    def start_run(self, command: str, args: dict[str, Any]) -> int: ...
    def finish_run(self, run_id: int, status: str, stats: dict[str, Any]) -> None: ...
    def add_failure(self, run_id: int | None, failure: Failure) -> None: ...
    def failures(self, run_id: int | None = None) -> list[Failure]: ...
    def runs(self) -> list[dict[str, Any]]: ...

    # per-article results
    def known_hashes(self, hashes: Iterable[str]) -> set[str]: ...
    def save_result(self, result: ArticleResult, run_id: int | None = None) -> SaveOutcome: ...
    def update_article_dates(
        self,
        doc: str,
        published: dt.date | None,
        estimated: bool,
        window: tuple[dt.date, dt.date] | None,
    ) -> None: ...

    # articles
    def article(self, doc: str) -> Article | None: ...
    def articles(self, docs: Iterable[str] | None = None) -> Iterator[Article]: ...
    def count_articles(self) -> int: ...
    def actor_mentions(self, doc: str | None = None) -> Iterator[ActorMention]: ...

    # events
    def event_mentions(self, doc: str | None = None) -> Iterator[Event]: ...
    def replace_events(self, events: Iterable[Event], assignments: dict[str, str]) -> None: ...
    def events(self, flt: EventFilter | None = None) -> list[Event]: ...
    def count_events(self, flt: EventFilter | None = None) -> int: ...
    def event(self, event_id: str) -> Event | None: ...

    # quotes
    def quotes(self, flt: QuoteFilter | None = None) -> list[Quote]: ...

    # links between articles
    def set_doc_links(self, links: Iterable[tuple[str, str, str, float]]) -> None: ...
    def doc_links(self, doc: str | None = None) -> list[tuple[str, str, str, float]]: ...

    # summaries
    def stats(self) -> dict[str, Any]: ...
