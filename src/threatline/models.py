"""The one typed data model that flows through every Threatline stage.

Per-article stages produce an :class:`ArticleResult` (the cleaned :class:`Article` with its actor
mentions, event mentions, quotes); cross-article stages merge event mentions into :class:`Event`
records with many :class:`Provenance` entries. Every record can point back to the sentence it
came from.
"""

from __future__ import annotations

import calendar
import datetime as dt
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "Actor",
    "ActorKind",
    "ActorMention",
    "ActorRef",
    "Article",
    "ArticleResult",
    "Event",
    "EventType",
    "Failure",
    "Place",
    "PlaceMention",
    "Precision",
    "Provenance",
    "Quote",
    "Span",
    "Status",
    "ThreatOutcome",
    "TimeMention",
    "TimeValue",
]


class EventType(StrEnum):
    """The 16 PLOVER event types."""

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


class Status(StrEnum):
    """Whether the reported act happened."""

    OCCURRED = "occurred"
    THREATENED = "threatened"
    DENIED = "denied"
    HYPOTHETICAL = "hypothetical"


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


_PRECISION_RANK = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}


class ActorKind(StrEnum):
    STATE = "state"
    GOVERNMENT_BODY = "government_body"
    MILITARY = "military"
    ARMED_GROUP = "armed_group"
    IGO = "igo"
    MEDIA = "media"
    PERSON = "person"
    OTHER = "other"


class Record(BaseModel):
    """Base of every record: strict fields, no surprises."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class TimeValue(Record):
    """A calendar date with the precision the text supports.

    ``value`` is always the first day of the period: 2020-01 at month precision is stored as
    2020-01-01.
    """

    value: dt.date
    precision: Precision

    @model_validator(mode="after")
    def _normalise(self) -> TimeValue:
        if self.precision is Precision.MONTH and self.value.day != 1:
            object.__setattr__(self, "value", self.value.replace(day=1))
        elif self.precision is Precision.YEAR and (self.value.month, self.value.day) != (1, 1):
            object.__setattr__(self, "value", self.value.replace(month=1, day=1))
        return self

    @classmethod
    def parse(cls, text: str) -> TimeValue:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
        parts = text.strip().split("-")
        if len(parts) == 1:
            return cls(value=dt.date(int(parts[0]), 1, 1), precision=Precision.YEAR)
        if len(parts) == 2:
            return cls(value=dt.date(int(parts[0]), int(parts[1]), 1), precision=Precision.MONTH)
        if len(parts) == 3:
            return cls(value=dt.date.fromisoformat(text.strip()), precision=Precision.DAY)
        raise ValueError(f"not a date: {text!r}")

    @classmethod
    def day(cls, value: dt.date) -> TimeValue:
        return cls(value=value, precision=Precision.DAY)

    def __str__(self) -> str:
        if self.precision is Precision.YEAR:
            return f"{self.value.year:04d}"
        if self.precision is Precision.MONTH:
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()

    @property
    def start(self) -> dt.date:
        return self.value

    @property
    def end(self) -> dt.date:
        """Last day of the period."""
        if self.precision is Precision.YEAR:
            return dt.date(self.value.year, 12, 31)
        if self.precision is Precision.MONTH:
            last = calendar.monthrange(self.value.year, self.value.month)[1]
            return self.value.replace(day=last)
        return self.value

    def truncate(self, precision: Precision) -> TimeValue:
        """The same moment at a coarser (or equal) precision."""
        if _PRECISION_RANK[precision] <= _PRECISION_RANK[self.precision]:
            return self
        return TimeValue(value=self.value, precision=precision)

    def coarser(self, other: TimeValue) -> Precision:
        a, b = _PRECISION_RANK[self.precision], _PRECISION_RANK[other.precision]
        return self.precision if a >= b else other.precision

    def compatible(self, other: TimeValue) -> bool:
        """Equal once both are cut to the coarser of the two precisions."""
        p = self.coarser(other)
        return self.truncate(p).value == other.truncate(p).value

    def finer_than(self, other: TimeValue) -> bool:
        return _PRECISION_RANK[self.precision] < _PRECISION_RANK[other.precision]


class Span(Record):
    """A character range of a text, with the text it covers."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} before start {self.start}")
        return self


class Provenance(Record):
    """Where a record comes from: an article, the evidence offsets, and its sentence."""

    doc: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    sentence: Span | None = None
    published: dt.date | None = None


class Place(Record):
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    kind: str | None = None
    geonameid: int | None = None


class PlaceMention(Record):
    """A place named in an article, resolved against the gazetteer (``place`` None if unknown)."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    place: Place | None = None


class TimeMention(Record):
    """A temporal expression of an article, normalised against the publication date.

    ``value`` is None when the expression cannot be placed on the calendar (``recently`` with no
    publication date, a duration). ``kind`` says how it was read: ``absolute`` (January 3,
    2020), ``relative`` (last month, yesterday), ``weekday`` (on Sunday), ``anniversary`` (a year
    since ...), ``vague`` (recently, in recent weeks), ``duration`` (for two years), ``since``.
    """

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    value: TimeValue | None = None
    kind: str = "absolute"


class Actor(Record):
    """A canonical actor of the knowledge base."""

    code: str
    name: str
    kind: ActorKind
    sector: str | None = None
    country: str | None = None
    aliases: list[str] = Field(default_factory=list)


class ActorRef(Record):
    """An actor as it takes part in one event or quote: resolved code, person and role."""

    code: str | None = None
    name: str
    person: str | None = None
    sector: str | None = None
    role: str | None = None
    kind: ActorKind | None = None
    resolved: bool = True

    def export(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "person": self.person, "sector": self.sector}


class ActorMention(Record):
    """One surface mention of an actor in an article, with its resolution (or none)."""

    doc: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    ref: ActorRef | None = None


class ThreatOutcome(Record):
    """What became of a THREATEN event: carried out by later events, or still pending."""

    status: Literal["pending", "carried_out"]
    events: list[str] = Field(default_factory=list)
    delay_days: int | None = None


class Event(Record):
    """A PLOVER event: one real-world act with every mention that reports it."""

    id: str
    type: EventType
    mode: str | None = None
    threatened_type: EventType | None = None
    status: Status = Status.OCCURRED
    historical: bool = False
    date: TimeValue | None = None
    source: ActorRef | None = None
    target: ActorRef | None = None
    location: Place | None = None
    killed: int | None = Field(default=None, ge=0)
    injured: int | None = Field(default=None, ge=0)
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    salience: Literal["main", "background"] | None = None
    cameo: str | None = None
    mentions: list[Provenance] = Field(min_length=1)
    threat_outcome: ThreatOutcome | None = None
    disagreements: dict[str, list[Any]] = Field(default_factory=dict)

    @property
    def docs(self) -> list[str]:
        return sorted({m.doc for m in self.mentions})

    @property
    def first_reported(self) -> dt.date | None:
        dates = [m.published for m in self.mentions if m.published is not None]
        return min(dates) if dates else None


class Quote(Record):
    """A direct or reported statement with its speaker."""

    id: str
    doc: str
    text: str
    direct: bool
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    speaker: ActorRef | None = None
    speaker_text: str | None = None
    cue: str | None = None
    date: TimeValue | None = None
    event_id: str | None = None


class Article(Record):
    """One news article: the raw input, the cleaned text and its metadata."""

    id: str
    text: str
    raw: str
    content_hash: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    published_estimated: bool = False
    published_window: tuple[dt.date, dt.date] | None = None
    source: str | None = None
    removed: list[Span] = Field(default_factory=list)


class Failure(Record):
    """An input or article that could not be processed, and why."""

    input: str
    line: int | None = None
    stage: str
    code: str
    message: str
    doc: str | None = None

    def __str__(self) -> str:
        where = f"{self.input}:{self.line}" if self.line is not None else self.input
        return f"{where}: [{self.code}] {self.message}"


class ArticleResult(Record):
    """Everything the per-article stages found in one article; stored in one transaction."""

    article: Article
    actors: list[ActorMention] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
