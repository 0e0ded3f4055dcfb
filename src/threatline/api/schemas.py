"""Pydantic response models of the REST API (they are its OpenAPI schema).

Event records keep the export contract of DESIGN.md §3 (``queries.event_record``) and extend it.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from threatline.models import EventType, Status

__all__ = [
    "ActorDetail",
    "ActorOut",
    "ActorPage",
    "ActorSummary",
    "CounterpartOut",
    "CountryCount",
    "DayCountOut",
    "DocEventOut",
    "DocumentDetail",
    "DocumentPage",
    "DocumentSummaryOut",
    "ErrorBody",
    "ErrorOut",
    "EventDetail",
    "EventOut",
    "EventPage",
    "EvidenceOut",
    "IngestFailure",
    "IngestResult",
    "LocationOut",
    "MentionOut",
    "PlaceCountOut",
    "QuoteOut",
    "QuotePage",
    "SpanOut",
    "SpeakerOut",
    "StatsOut",
    "ThreatBoard",
    "ThreatColumn",
    "ThreatOut",
    "ThreatOutcomeOut",
]


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorBody(Out):
    code: str = Field(description="Stable error code: not_found, invalid_request, forbidden, ...")
    message: str
    fields: list[dict[str, Any]] = Field(
        default_factory=list, description="For invalid requests: each bad field and why."
    )


class ErrorOut(Out):
    error: ErrorBody


class ActorOut(Out):
    code: str | None
    name: str
    person: str | None
    sector: str | None


class LocationOut(Out):
    name: str
    country: str | None
    lat: float | None
    lon: float | None


class MentionOut(Out):
    doc: str = Field(description="Article id.")
    text: str = Field(description="The evidence text.")
    start: int = Field(description="Offset of the evidence in the article's cleaned text.")
    end: int


class ThreatOutcomeOut(Out):
    status: Literal["pending", "carried_out"]
    events: list[str]
    delay_days: int | None


class EventOut(Out):
    """One merged event (export contract fields, then extensions)."""

    id: str
    type: EventType
    mode: str | None
    threatened_type: EventType | None
    status: Status
    historical: bool
    date: str | None = Field(description="YYYY-MM-DD, YYYY-MM or YYYY.")
    date_precision: Literal["day", "month", "year"] | None
    source: ActorOut | None
    target: ActorOut | None
    location: LocationOut | None
    killed: int | None
    injured: int | None
    confidence: float
    mentions: list[MentionOut]
    threat_outcome: ThreatOutcomeOut | None
    cameo: str | None
    salience: Literal["main", "background"] | None
    n_sources: int
    first_reported: str | None
    disagreements: dict[str, list[Any]]


class EventPage(Out):
    total: int = Field(description="Events matching the filters, all pages together.")
    limit: int
    offset: int
    sort: Literal["date", "-date"]
    items: list[EventOut]


class SpanOut(Out):
    start: int
    end: int
    text: str


class EvidenceOut(Out):
    """One mention of an event with the article it comes from."""

    doc: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    published_estimated: bool
    text: str = Field(description="The evidence text.")
    start: int = Field(description="Evidence offsets in the article's cleaned text.")
    end: int
    sentence: SpanOut | None = Field(
        description="The sentence holding the evidence, with its offsets in the article."
    )
    article_found: bool


class EventDetail(EventOut):
    evidence: list[EvidenceOut]
    outcome_events: list[EventOut] = Field(description="For a threat: the events carrying it out.")
    carries_out: list[EventOut] = Field(description="Threats this event carries out.")


class ActorSummary(Out):
    code: str
    name: str | None
    events: int
    as_source: int
    as_target: int


class ActorPage(Out):
    total: int
    limit: int
    offset: int
    items: list[ActorSummary]


class CounterpartOut(Out):
    direction: Literal["out", "in"] = Field(
        description="out: the actor acts on the counterpart; in: the counterpart acts on it."
    )
    code: str
    name: str | None
    type: EventType
    events: int


class ActorDetail(ActorSummary):
    by_type: dict[str, int]
    counterparts: list[CounterpartOut]
    timeline: EventPage


class SpeakerOut(Out):
    name: str
    code: str | None
    person: str | None


class QuoteOut(Out):
    id: str
    speaker: SpeakerOut | None
    speaker_text: str | None
    text: str
    direct: bool
    doc: str
    date: str | None
    start: int
    end: int
    cue: str | None
    event_id: str | None


class QuotePage(Out):
    limit: int
    offset: int
    has_more: bool
    items: list[QuoteOut]


class ThreatOut(Out):
    threat: EventOut
    status: Literal["pending", "carried_out"]
    delay_days: int | None
    outcome_events: list[EventOut]


class ThreatColumn(Out):
    total: int
    items: list[ThreatOut]


class ThreatBoard(Out):
    limit: int
    offset: int
    pending: ThreatColumn
    carried_out: ThreatColumn
    median_delay_days: float | None = Field(description="Median delay of the listed carried-out.")


class DocumentSummaryOut(Out):
    doc: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    published_estimated: bool
    n_events: int
    n_quotes: int


class DocumentPage(Out):
    total: int
    limit: int
    offset: int
    items: list[DocumentSummaryOut]


class DocEventOut(Out):
    """An event found in one article, with its mentions in that article."""

    id: str
    type: EventType
    status: Status
    date: str | None
    source: ActorOut | None
    target: ActorOut | None
    mentions: list[SpanOut]


class DocumentDetail(DocumentSummaryOut):
    published_window: list[str] | None
    source: str | None
    text: str
    boilerplate: list[str] = Field(description="Lines removed from the raw text.")
    removed: list[SpanOut] = Field(description="Removed lines with their offsets in the raw text.")
    events: list[DocEventOut]
    quotes: list[QuoteOut]
    related: list[dict[str, Any]] = Field(description="Linked articles: doc, kind, score.")


class DayCountOut(Out):
    date: str
    type: EventType
    events: int


class CountryCount(Out):
    country: str = Field(description="ISO 3166 alpha-3.")
    numeric: str | None = Field(description="ISO 3166 numeric (ids of the bundled world map).")
    name: str | None
    events: int


class PlaceCountOut(Out):
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    events: int


class StatsOut(Out):
    articles: int
    events: int
    quotes: int
    actors: int
    event_mentions: int
    events_by_type: dict[str, int]
    events_by_status: dict[str, int]
    first_event: str | None
    last_event: str | None
    filtered_events: int = Field(description="Events matching the filters.")
    bucket: Literal["day", "week", "month"] = Field(description="Period of each per_day entry.")
    per_day: list[DayCountOut] = Field(description="Filtered events per day and type.")
    by_country: list[CountryCount]
    places: list[PlaceCountOut]


class IngestFailure(Out):
    input: str
    line: int | None
    code: str
    message: str
    doc: str | None


class IngestResult(Out):
    run_id: int
    added: int
    replaced: int
    duplicates: int
    failed: int
    events: int
    seconds: float
    failures: list[IngestFailure]
