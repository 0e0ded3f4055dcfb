"""Validated shapes of the knowledge-base YAML files.

Every file is a YAML list of mappings; each mapping is read into one of the models below
(``extra="forbid"``: an unknown or misspelt key is an error). Checks that need more than one
entry (unique codes, persons' roles pointing at known actors and offices) live in
:mod:`threatline.knowledge.loader`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from threatline.models import ActorKind, TimeValue

__all__ = [
    "ACTOR_FILE_KINDS",
    "REGIONS",
    "SECTORS",
    "ActorEntry",
    "AgentEntry",
    "DateText",
    "Entry",
    "OfficeEntry",
    "OrganEntry",
    "PersonEntry",
    "RoleEntry",
    "StateEntry",
    "parse_date",
]

Sector = Literal[
    "GOV", "MIL", "LEG", "JUD", "SPY", "COP", "REB", "OPP", "PTY",
    "MED", "IGO", "NGO", "BUS", "CVL", "REL", "CRM", "UAF", "ELI",
]  # fmt: skip
SECTORS: tuple[str, ...] = get_args(Sector)

Region = Literal[
    "Middle East", "North Africa", "West Africa", "Central Africa", "East Africa",
    "Southern Africa", "Western Europe", "Northern Europe", "Southern Europe", "Eastern Europe",
    "Caucasus", "Central Asia", "South Asia", "East Asia", "Southeast Asia", "Oceania",
    "North America", "Central America", "Caribbean", "South America",
]  # fmt: skip
REGIONS: tuple[str, ...] = get_args(Region)

# Which top-level kinds each actor file may hold.
ACTOR_FILE_KINDS: Mapping[str, frozenset[ActorKind]] = MappingProxyType(
    {
        "igos.yaml": frozenset({ActorKind.IGO}),
        "groups.yaml": frozenset({ActorKind.ARMED_GROUP, ActorKind.OTHER}),
        "organisations.yaml": frozenset({ActorKind.OTHER}),
        "media.yaml": frozenset({ActorKind.MEDIA}),
    }
)

_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def parse_date(text: str) -> TimeValue:
    """Read a knowledge-base date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``)."""
    if not _DATE_RE.match(text):
        raise ValueError(f"date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return TimeValue.parse(text)


def _date_to_text(value: Any) -> Any:
    # YAML reads an unquoted 2020-01-03 as a date and 1957 as an int: accept both.
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _check_date(text: str) -> str:
    parse_date(text)
    return text


DateText = Annotated[str, BeforeValidator(_date_to_text), AfterValidator(_check_date)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Code = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9_]*$")]
Iso3 = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
OfficeKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


def _no_duplicates(values: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        key = value.casefold()
        if key in seen:
            raise ValueError(f"duplicate {what} {value!r}")
        seen.add(key)


class Entry(BaseModel):
    """Base of every knowledge entry: unknown keys are errors; entries are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class OrganEntry(Entry):
    """A named organ (ministry, force, council, building metonym, sub-unit) of an actor."""

    name: Name
    aliases: list[Name] = Field(default_factory=list)
    kind: ActorKind
    sector: Sector

    @model_validator(mode="after")
    def _check(self) -> OrganEntry:
        if self.kind in (ActorKind.STATE, ActorKind.PERSON):
            raise ValueError(f"an organ cannot be of kind {self.kind.value!r}")
        _no_duplicates([self.name, *self.aliases], "alias")
        return self


def _unique_organs(organs: list[OrganEntry]) -> None:
    _no_duplicates([organ.name for organ in organs], "organ name")


class StateEntry(Entry):
    """A state: UN member or observer (``states.yaml``)."""

    code: Iso3
    name: Name
    official: Name
    aliases: list[Name] = Field(default_factory=list)
    demonyms: list[Name] = Field(min_length=1)
    capital: Name | None
    metonyms: list[Name] = Field(default_factory=list)
    un: Literal["member", "observer", "non-member"]
    region: Region
    organs: list[OrganEntry] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self) -> StateEntry:
        _no_duplicates([self.name, *self.aliases], "alias")
        _unique_organs(self.organs)
        return self


class ActorEntry(Entry):
    """A non-state actor: IGO, armed group, organisation or media outlet."""

    code: Code
    name: Name
    aliases: list[Name] = Field(default_factory=list)
    kind: ActorKind
    sector: Sector
    country: Iso3 | None = None
    organs: list[OrganEntry] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self) -> ActorEntry:
        if self.kind in (ActorKind.STATE, ActorKind.PERSON):
            raise ValueError(f"kind {self.kind.value!r} does not belong in this file")
        _no_duplicates([self.name, *self.aliases], "alias")
        _unique_organs(self.organs)
        return self


class AgentEntry(Entry):
    """A generic agent word ("troops", "lawmakers") and the sector it denotes."""

    word: Name
    forms: list[Name] = Field(min_length=1)
    sector: Sector
    kind: ActorKind

    @model_validator(mode="after")
    def _check(self) -> AgentEntry:
        _no_duplicates(self.forms, "form")
        return self


class OfficeEntry(Entry):
    """An office key and the titles that name it in text."""

    office: OfficeKey
    titles: list[Name] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> OfficeEntry:
        _no_duplicates(self.titles, "title")
        return self


class RoleEntry(Entry):
    """A dated role of a person: which office, for which actor, from when to when."""

    office: OfficeKey
    title: Name | None = None
    actor: Code
    organ: Name | None = None
    sector: Sector
    start: DateText | None = None
    end: DateText | None = None

    @property
    def start_date(self) -> TimeValue | None:
        return parse_date(self.start) if self.start is not None else None

    @property
    def end_date(self) -> TimeValue | None:
        return parse_date(self.end) if self.end is not None else None

    def holds_on(self, day: dt.date) -> bool:
        """Whether the role may be held on ``day`` (imprecise bounds are read generously)."""
        start, end = self.start_date, self.end_date
        if start is not None and day < start.start:
            return False
        return end is None or day <= end.end

    @model_validator(mode="after")
    def _check(self) -> RoleEntry:
        start, end = self.start_date, self.end_date
        if start is not None and end is not None and end.end < start.start:
            raise ValueError(f"role ends ({self.end}) before it starts ({self.start})")
        return self


class PersonEntry(Entry):
    """A person with dated roles (``persons/*.yaml``)."""

    name: Name
    aliases: list[Name] = Field(default_factory=list)
    gender: Literal["m", "f"] | None = None
    born: DateText | None = None
    died: DateText | None = None
    roles: list[RoleEntry] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self) -> PersonEntry:
        _no_duplicates([self.name, *self.aliases], "alias")
        born = parse_date(self.born) if self.born is not None else None
        died = parse_date(self.died) if self.died is not None else None
        if born is not None and died is not None and died.end < born.start:
            raise ValueError(f"died ({self.died}) before born ({self.born})")
        for index, role in enumerate(self.roles):
            start = role.start_date
            if born is not None and start is not None and start.end < born.start:
                raise ValueError(f"roles[{index}] starts ({role.start}) before birth ({self.born})")
            end = role.end_date
            if died is not None and end is not None and end.start > died.end:
                raise ValueError(f"roles[{index}] ends ({role.end}) after death ({self.died})")
        return self
