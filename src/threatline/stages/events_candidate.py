"""What the event rules pass between them: resolved arguments and event candidates.

A :class:`Candidate` is one reported act found in one sentence, before dating, merging and
export. The stage turns candidates into :class:`~threatline.models.Event` records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Span, Token

from threatline.models import ActorRef, EventType, Place, Status, TimeValue
from threatline.stages.events_lexicon import TriggerSpec

__all__ = ["Arg", "Candidate", "Reference"]

Via = Literal["mention", "modifier", "facility", "place", "speaker", "pronoun", "context"]
RefKind = Literal["since", "before", "after", "response", "same"]


@dataclass(slots=True)
class Arg:
    """One participant: the head token of its phrase and the actor it resolves to (if any)."""

    token: Token
    ref: ActorRef | None
    via: Via = "mention"
    place: Place | None = None

    @property
    def code(self) -> str | None:
        return self.ref.code if self.ref is not None else None

    @property
    def person(self) -> str | None:
        return self.ref.person if self.ref is not None else None

    @property
    def resolved(self) -> bool:
        return self.ref is not None and self.ref.code is not None and self.ref.resolved


@dataclass(slots=True)
class Reference:
    """A pointer from a candidate to another act it is dated by or takes a role from."""

    kind: RefKind
    token: Token


@dataclass(slots=True)
class Candidate:
    """One act reported in one sentence, with everything the later rules need."""

    type: EventType
    trigger: Token
    spec: TriggerSpec | None
    sentence: Span
    mode: str | None = None
    cameo: str | None = None
    threatened_type: EventType | None = None
    threatened_mode: str | None = None
    status: Status = Status.OCCURRED
    source: Arg | None = None
    target: Arg | None = None
    speaker: Arg | None = None
    anchors: list[Token] = field(default_factory=list)
    triggers: list[int] = field(default_factory=list)
    related: list[Token] = field(default_factory=list)
    tokens: set[int] = field(default_factory=set)
    strength: float = 0.5
    path: int = 0
    reported: bool = False
    quoted: bool = False
    standalone: bool = True
    retaliation: bool = False
    victim: Token | None = None
    avenger: str | None = None
    perpetrator_of: Token | None = None
    reverse_of: Token | None = None
    references: list[Reference] = field(default_factory=list)
    future: bool = False
    tense: str = "past"
    date: TimeValue | None = None
    date_how: str = ""
    location: Place | None = None
    killed: int | None = None
    injured: int | None = None
    victims: list[Arg] = field(default_factory=list)
    emit: bool = True
    alleged: bool = False

    @property
    def source_code(self) -> str | None:
        return self.source.code if self.source is not None else None

    @property
    def target_code(self) -> str | None:
        return self.target.code if self.target is not None else None

    def key(self) -> tuple[EventType, str | None, str | None, EventType | None, Status]:
        return (self.type, self.source_code, self.target_code, self.threatened_type, self.status)
