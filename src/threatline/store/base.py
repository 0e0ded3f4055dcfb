"""The Store interface: every shell and stage reads and writes through it, never through SQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal, NamedTuple, Protocol

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
    ThreatOutcome,
)

__all__ = [
    "ActorCount",
    "ArticleDates",
    "Counterpart",
    "DayCount",
    "DocumentSummary",
    "EventFilter",
    "PlaceCount",
    "QuoteFilter",
    "SaveOutcome",
    "Store",
]

SaveOutcome = Literal["added", "duplicate", "replaced"]


class ArticleDates(NamedTuple):
    """An article's publication date, whether it is estimated, and its window."""

    published: dt.date | None
    estimated: bool
    window: tuple[dt.date, dt.date] | None


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


# -- read models for the REST API and dashboard (api/, web/) ---------------------------------
class ActorCount(NamedTuple):
    """An actor code with how many (filtered) events it takes part in, as source and target."""

    code: str
    name: str | None
    events: int
    as_source: int
    as_target: int


class Counterpart(NamedTuple):
    """Events of one type between an actor and a counterpart: ``out`` = the actor acts on the
    counterpart, ``in`` = the counterpart acts on the actor."""

    direction: Literal["out", "in"]
    code: str
    name: str | None
    type: EventType
    events: int


class DayCount(NamedTuple):
    """Events of one type on one day (month- and year-precision dates count on their first day)."""

    day: dt.date
    type: EventType
    events: int


class PlaceCount(NamedTuple):
    """Events at one place, with the place's coordinates when the gazetteer has them."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    events: int


class DocumentSummary(NamedTuple):
    """An article's metadata and how much was found in it, without its text."""

    doc: str
    title: str | None
    url: str | None
    outlet: str | None
    published: dt.date | None
    published_estimated: bool
    n_events: int
    n_quotes: int


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
    def article_sources(self, docs: Iterable[str]) -> dict[str, str | None]: ...
    def save_result(self, result: ArticleResult, run_id: int | None = None) -> SaveOutcome: ...
    def save_results(
        self, results: Sequence[ArticleResult], run_id: int | None = None
    ) -> list[SaveOutcome]: ...
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
    def replace_events(self, events: Iterable[Event], assignments: Mapping[str, str]) -> None: ...
    def rewrite_events(
        self,
        assignments: Mapping[str, str],
        combine: Callable[[str, list[Event]], Event],
        outcomes: Callable[[], Mapping[str, ThreatOutcome]] | None = None,
    ) -> int: ...
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

    # cross-article stages (crossdoc/): dates, MinHash signatures, additive links
    def article_dates(self) -> dict[str, ArticleDates]: ...
    def date_estimates(self) -> dict[str, ArticleDates]: ...
    def save_date_estimates(self, estimates: Mapping[str, ArticleDates]) -> None: ...
    def unsigned_articles(self, scheme: str) -> Iterator[tuple[str, str]]: ...
    def save_signatures(self, scheme: str, rows: Iterable[tuple[str, bytes]]) -> None: ...
    def signatures(self, scheme: str) -> Iterator[tuple[str, bytes]]: ...
    def add_doc_links(self, links: Iterable[tuple[str, str, str, float]]) -> None: ...

    # read methods for the REST API and dashboard (api/, web/; store/sql_api.py)
    def optimize(self) -> None: ...
    def actor_counts(
        self,
        flt: EventFilter | None = None,
        query: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> tuple[list[ActorCount], int]: ...
    def actor_names(self, codes: Iterable[str]) -> dict[str, str]: ...
    def actor_counterparts(
        self, code: str, flt: EventFilter | None = None
    ) -> list[Counterpart]: ...
    def events_per_day(self, flt: EventFilter | None = None) -> list[DayCount]: ...
    def events_by_type(self, flt: EventFilter | None = None) -> dict[EventType, int]: ...
    def events_by_country(self, flt: EventFilter | None = None) -> dict[str, int]: ...
    def event_places(
        self, flt: EventFilter | None = None, limit: int | None = None
    ) -> list[PlaceCount]: ...
    def event_page(self, flt: EventFilter, descending: bool = False) -> list[Event]: ...
    def events_by_id(self, ids: Iterable[str]) -> dict[str, Event]: ...
    def document_list(
        self, query: str | None = None, limit: int | None = None, offset: int = 0
    ) -> tuple[list[DocumentSummary], int]: ...
