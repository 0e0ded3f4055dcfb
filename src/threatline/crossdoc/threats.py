"""Was a threat carried out? Link each THREATEN event to what the same source later did.

A THREATEN event (its own status ``occurred``: the threat was made) is *carried out* by later
events of the same source against the same target whose type is the threatened type (or, for a
threat with no threatened type, an ASSAULT-like type), that occurred after the threat and within
a horizon. Its :class:`~threatline.models.ThreatOutcome` lists those events, earliest first, and
the delay in days to the first; a threat with none is ``pending``. :func:`threat_board` reads the
stored threats for the ``threatline threats`` view.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict

from threatline.models import Event, EventType, Status, ThreatOutcome
from threatline.store.base import EventFilter, Store

__all__ = [
    "ASSAULT_LIKE",
    "Act",
    "ThreatEntry",
    "ThreatOptions",
    "threat_board",
    "threat_outcomes",
    "track_threats",
]

#: What carries out a threat that does not say what it threatens ("revenge", "a response").
ASSAULT_LIKE = frozenset({EventType.ASSAULT, EventType.COERCE})

_CARRIED = frozenset({Status.OCCURRED})


@dataclass(frozen=True)
class ThreatOptions:
    """``horizon_days``: how long after a threat an act still counts as carrying it out."""

    horizon_days: int = 365
    generic: frozenset[EventType] = field(default=ASSAULT_LIKE)


def _code(ref: object) -> str | None:
    code = getattr(ref, "code", None)
    return code if isinstance(code, str) and code else None


@dataclass(frozen=True, slots=True)
class Act:
    """What threat tracking needs of a merged event (a few fields instead of the whole event,
    so that every event of a store fits in memory)."""

    id: str
    type: EventType
    status: Status
    start: dt.date | None
    end: dt.date | None
    source: str | None
    target: str | None
    threatened: EventType | None

    @classmethod
    def of(cls, event: Event) -> Act:
        date = event.date
        return cls(
            id=event.id,
            type=event.type,
            status=event.status,
            start=date.start if date is not None else None,
            end=date.end if date is not None else None,
            source=_code(event.source),
            target=_code(event.target),
            threatened=event.threatened_type,
        )

    @property
    def is_threat(self) -> bool:
        """A threat that was made (whose outcome is tracked)."""
        return self.type is EventType.THREATEN and self.status is Status.OCCURRED

    @property
    def is_candidate(self) -> bool:
        """An act that may carry a threat out."""
        return self.type is not EventType.THREATEN and self.start is not None


def _after(threat: Act, act: Act) -> bool:
    """The act happened after the threat, as far as both dates' precisions tell: it starts no
    earlier than the threat and is not the very same day or period."""
    assert threat.start and threat.end and act.start and act.end
    if act.start < threat.start:
        return False
    return act.start > threat.start or act.end > threat.end


def _wanted(threat: Act, options: ThreatOptions) -> frozenset[EventType]:
    if threat.threatened is not None:
        return frozenset({threat.threatened})
    return options.generic


def outcome(threat: Act, candidates: Iterable[Act], options: ThreatOptions) -> ThreatOutcome:
    """The outcome of one threat among candidate acts (same source and target already)."""
    if threat.start is None:
        return ThreatOutcome(status="pending")
    wanted = _wanted(threat, options)
    horizon = threat.start + dt.timedelta(days=options.horizon_days)
    acts = sorted(
        (
            e
            for e in candidates
            if e.id != threat.id
            and e.type in wanted
            and e.status in _CARRIED
            and e.start is not None
            and e.start <= horizon
            and _after(threat, e)
        ),
        key=lambda e: (e.start or dt.date.max, e.id),
    )
    if not acts:
        return ThreatOutcome(status="pending")
    first = acts[0].start
    assert first is not None
    return ThreatOutcome(
        status="carried_out",
        events=[e.id for e in acts],
        delay_days=(first - threat.start).days,
    )


def threat_outcomes(
    acts: Iterable[Act], options: ThreatOptions | None = None
) -> dict[str, ThreatOutcome]:
    """The outcome of every threat among ``acts`` (all merged events, or at least the threats
    and the acts that may carry them out), by event id."""
    options = options or ThreatOptions()
    by_dyad: dict[tuple[str | None, str | None], list[Act]] = defaultdict(list)
    threats: list[Act] = []
    for a in acts:
        if a.is_candidate:
            by_dyad[(a.source, a.target)].append(a)
        elif a.is_threat:
            threats.append(a)
    return {
        a.id: outcome(a, by_dyad.get((a.source, a.target), []) if a.source else [], options)
        for a in threats
    }


def track_threats(events: list[Event], options: ThreatOptions | None = None) -> list[Event]:
    """The events with ``threat_outcome`` set on every THREATEN event that was made (others
    unchanged)."""
    results = threat_outcomes((Act.of(e) for e in events), options)
    return [
        e.model_copy(update={"threat_outcome": results[e.id]}) if e.id in results else e
        for e in events
    ]


class ThreatEntry(BaseModel):
    """One row of the threat board: the threat, its outcome and the events that carried it out."""

    model_config = ConfigDict(frozen=True)

    threat: Event
    outcome: ThreatOutcome
    followed_by: list[Event]


def threat_board(
    store: Store, status: str | None = None, actor: str | None = None
) -> list[ThreatEntry]:
    """Stored threats with their outcomes (newest first), optionally only ``pending`` or
    ``carried_out`` ones, or those with ``actor`` as source or target."""
    flt = EventFilter(type=EventType.THREATEN, actor=actor)
    if status in ("pending", "carried_out"):
        flt = flt.model_copy(update={"threat_status": status})
    rows: list[ThreatEntry] = []
    for threat in store.events(flt):
        result = threat.threat_outcome or ThreatOutcome(status="pending")
        followed = [e for i in result.events if (e := store.event(i)) is not None]
        rows.append(ThreatEntry(threat=threat, outcome=result, followed_by=followed))
    rows.sort(key=lambda r: (r.threat.date.start if r.threat.date else dt.date.min, r.threat.id))
    rows.reverse()
    return rows
