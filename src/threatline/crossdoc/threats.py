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

__all__ = ["ASSAULT_LIKE", "ThreatEntry", "ThreatOptions", "threat_board", "track_threats"]

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


def _after(threat: Event, act: Event) -> bool:
    """The act happened after the threat, as far as both dates' precisions tell: it starts no
    earlier than the threat and is not the very same day or period."""
    assert threat.date is not None and act.date is not None
    if act.date.start < threat.date.start:
        return False
    return act.date.start > threat.date.start or act.date.end > threat.date.end


def _wanted(threat: Event, options: ThreatOptions) -> frozenset[EventType]:
    if threat.threatened_type is not None:
        return frozenset({threat.threatened_type})
    return options.generic


def outcome(threat: Event, candidates: Iterable[Event], options: ThreatOptions) -> ThreatOutcome:
    """The outcome of one threat among candidate acts (same source and target already)."""
    if threat.date is None:
        return ThreatOutcome(status="pending")
    wanted = _wanted(threat, options)
    horizon = threat.date.start + dt.timedelta(days=options.horizon_days)
    acts = sorted(
        (
            e
            for e in candidates
            if e.id != threat.id
            and e.type in wanted
            and e.status in _CARRIED
            and e.date is not None
            and e.date.start <= horizon
            and _after(threat, e)
        ),
        key=lambda e: (e.date.start if e.date else dt.date.max, e.id),
    )
    if not acts:
        return ThreatOutcome(status="pending")
    first = acts[0].date
    assert first is not None
    return ThreatOutcome(
        status="carried_out",
        events=[e.id for e in acts],
        delay_days=(first.start - threat.date.start).days,
    )


def track_threats(events: list[Event], options: ThreatOptions | None = None) -> list[Event]:
    """The events with ``threat_outcome`` set on every THREATEN event (others unchanged)."""
    options = options or ThreatOptions()
    by_dyad: dict[tuple[str | None, str | None], list[Event]] = defaultdict(list)
    for e in events:
        if e.type is not EventType.THREATEN and e.date is not None:
            by_dyad[(_code(e.source), _code(e.target))].append(e)
    out: list[Event] = []
    for e in events:
        if e.type is not EventType.THREATEN or e.status is not Status.OCCURRED:
            out.append(e)
            continue
        source, target = _code(e.source), _code(e.target)
        candidates = by_dyad.get((source, target), []) if source else []
        out.append(e.model_copy(update={"threat_outcome": outcome(e, candidates, options)}))
    return out


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
