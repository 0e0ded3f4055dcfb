"""Reading PLOVER records back into :class:`~threatline.models.Event` records.

A record written by :mod:`threatline.export.plover` re-imports to an equal event. Records from
other PLOVER coders are read leniently: ``source``/``target`` for ``actor``/``recipient``, the
camelCase names of early PLOVER files (``eventText``, ``eventLoc``, ``textInfo``), a string where
the manual has a list, top-level ``dead``/``injured``, counts written as text, the earlier
category names (DEMAND, DISAPPROVE, INVESTIGATE, FIGHT), and no Threatline fields (status and
historical then come from the auxiliary modes in ``context``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from threatline.ids import record_id
from threatline.models import (
    ActorKind,
    ActorRef,
    Event,
    EventType,
    Place,
    Precision,
    Provenance,
    Span,
    Status,
    ThreatOutcome,
    TimeValue,
)

__all__ = ["LEGACY_CATEGORIES", "from_plover", "read_plover"]

# Category names of earlier PLOVER drafts -> (type, mode) of the current one.
LEGACY_CATEGORIES: Mapping[str, tuple[EventType, str | None]] = MappingProxyType(
    {
        "DEMAND": (EventType.REQUEST, None),
        "DISAPPROVE": (EventType.ACCUSE, "disapprove"),
        "INVESTIGATE": (EventType.ACCUSE, "investigate"),
        "FIGHT": (EventType.ASSAULT, None),
        "YIELD": (EventType.CONCEDE, None),
    }
)


def _get(record: Mapping[str, Any], *names: str) -> Any:
    for name in names:
        if record.get(name) not in (None, "", []):
            return record[name]
    return None


def _first(value: Any) -> Any:
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _as_list(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    return value if isinstance(value, list) else [value]


def _count(value: Any) -> int | None:
    """A count of people: an int, or text of digits ("1,000"); anything else is unknown."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    text = str(value).replace(",", "").strip()
    return int(text) if text.isdigit() else None


def _entity(value: Any) -> ActorRef | None:
    ent = _first(value)
    if not isinstance(ent, Mapping):
        return None
    code = _get(ent, "code", "country_code")
    name = _get(ent, "entity_text", "actorText", "raw_text", "entity_name", "identifier_text")
    kind = ent.get("kind")
    return ActorRef(
        code=code,
        name=str(name if name is not None else code or "?"),
        person=ent.get("identifier_text"),
        sector=_get(ent, "sector", "sector_code"),
        role=ent.get("office"),
        kind=ActorKind(kind) if kind else None,
        resolved=bool(ent.get("resolved", code is not None)),
    )


def _place(value: Any) -> Place | None:
    loc = _first(value)
    if not isinstance(loc, Mapping):
        return None
    name = _get(loc, "resolved_place", "name", "extracted_place", "city", "country")
    if name is None:
        return None
    geonameid = loc.get("geonameid")
    return Place(
        name=str(name),
        country=_get(loc, "country_code", "country code"),
        lat=loc.get("lat"),
        lon=loc.get("lon"),
        kind=loc.get("feature_code"),
        geonameid=int(geonameid) if geonameid is not None else None,
    )


def _date(record: Mapping[str, Any]) -> TimeValue | None:
    start = record.get("date")
    if not start:
        return None
    value = dt.date.fromisoformat(str(start)[:10])
    precision = record.get("date_precision")
    if precision:
        return TimeValue(value=value, precision=Precision(precision))
    end = record.get("enddate")
    if end:  # a whole month or a whole year written as a date range
        last = dt.date.fromisoformat(str(end)[:10])
        month_end = value.replace(day=calendar.monthrange(value.year, value.month)[1])
        if value == dt.date(value.year, 1, 1) and last == dt.date(value.year, 12, 31):
            return TimeValue(value=value, precision=Precision.YEAR)
        if value.day == 1 and last == month_end:
            return TimeValue(value=value, precision=Precision.MONTH)
    return TimeValue(value=value, precision=Precision.DAY)


def _mentions(record: Mapping[str, Any], event_id: str) -> list[Provenance]:
    stored = record.get("mentions")
    if stored:
        return [
            Provenance(
                doc=m["doc"],
                start=m["start"],
                end=m["end"],
                text=m["text"],
                sentence=Span.model_validate(m["sentence"]) if m.get("sentence") else None,
                published=dt.date.fromisoformat(m["published"]) if m.get("published") else None,
            )
            for m in stored
        ]
    info = _get(record, "text_info", "textInfo")
    info = info if isinstance(info, Mapping) else {}
    cite = _get(record, "cite_info", "citeInfo")
    cite = cite if isinstance(cite, Mapping) else {}
    story = record.get("text")
    text = _first(_get(record, "event_text", "eventText")) or _first(info.get("text")) or story
    start = int(info.get("start") or 0)
    end = int(info.get("end") or start + len(str(text or "")))
    doc = cite.get("citation") or cite.get("url") or event_id
    sentence = Span(start=0, end=len(story), text=story) if isinstance(story, str) else None
    return [
        Provenance(
            doc=str(doc), start=start, end=max(end, start), text=str(text or ""), sentence=sentence
        )
    ]


def _status(record: Mapping[str, Any], context: set[str]) -> Status:
    if record.get("status"):
        return Status(record["status"])
    if "hypothetical" in context:
        return Status.HYPOTHETICAL
    if "future" in context:
        return Status.THREATENED
    return Status.OCCURRED


def from_plover(record: Mapping[str, Any]) -> Event:
    """An :class:`Event` from one PLOVER record; raises ``ValueError`` for a non-PLOVER type."""
    category = str(_first(record.get("event")) or "").strip().upper()
    mode = _first(record.get("mode")) or None
    if category in LEGACY_CATEGORIES:
        type_, legacy_mode = LEGACY_CATEGORIES[category]
        mode = mode or legacy_mode
    else:
        type_ = EventType(category)
    event_id = str(record.get("id") or record_id("pl", dict(record)))
    context = {str(c).lower() for c in _as_list(record.get("context"))}
    size = record.get("size")
    size = size if isinstance(size, Mapping) else {}
    threatened = record.get("threatened_type")
    outcome = record.get("threat_outcome")
    return Event(
        id=event_id,
        type=type_,
        mode=mode,
        threatened_type=EventType(threatened) if threatened else None,
        status=_status(record, context),
        historical=bool(record.get("historical", "historical" in context)),
        date=_date(record),
        source=_entity(_get(record, "actor", "source")),
        target=_entity(_get(record, "recipient", "target")),
        location=_place(_get(record, "event_loc", "eventLoc")),
        killed=_count(size.get("dead", record.get("dead"))),
        injured=_count(size.get("injured", record.get("injured"))),
        confidence=float(record.get("confidence", 0.5)),
        salience=record.get("salience"),
        cameo=record.get("cameo"),
        mentions=_mentions(record, event_id),
        threat_outcome=ThreatOutcome.model_validate(outcome) if outcome else None,
        disagreements=dict(record.get("disagreements") or {}),
    )


def read_plover(path: Path) -> Iterator[Event]:
    """Events from a PLOVER JSON Lines file (blank lines skipped)."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield from_plover(json.loads(line))
