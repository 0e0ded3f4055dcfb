"""Query parameters shared by the API and the dashboard pages (the same query string works on
both): event filters and pagination, validated into :class:`EventFilter` with clear 422 errors.

An empty value (``?type=``, as an HTML form sends it) means "no filter".
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import Query
from fastapi.exceptions import RequestValidationError
from pydantic import BeforeValidator, StringConstraints

from threatline.models import EventType, Status
from threatline.store.base import EventFilter

__all__ = [
    "MAX_LIMIT",
    "ActorQ",
    "BoolQ",
    "DateQ",
    "LimitQ",
    "OffsetQ",
    "SortQ",
    "TextQ",
    "event_filter",
    "filter_query",
]

MAX_LIMIT = 500
MAX_OFFSET = 10_000_000


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _code(value: Any) -> Any:
    value = _blank_to_none(value)
    return value.strip().upper() if isinstance(value, str) else value


def _trim(value: Any) -> Any:
    value = _blank_to_none(value)
    return value.strip() if isinstance(value, str) else value


Blank = BeforeValidator(_blank_to_none)
Code = Annotated[str, StringConstraints(max_length=64)]
Words = Annotated[str, StringConstraints(max_length=200)]
ActorQ = Annotated[
    Code | None,
    BeforeValidator(_code),
    Query(description="Actor code (IRN, HEZBOLLAH, UN...), any case."),
]
TextQ = Annotated[Words | None, BeforeValidator(_trim), Query()]
DateQ = Annotated[dt.date | None, Blank, Query(description="YYYY-MM-DD.")]
BoolQ = Annotated[bool | None, Blank, Query()]
LimitQ = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size, 1 to {MAX_LIMIT}.")]
OffsetQ = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
SortQ = Annotated[
    Literal["date", "-date"], Query(description="date: oldest first; -date: newest first.")
]


def check_range(since: dt.date | None, until: dt.date | None) -> None:
    if since and until and since > until:
        raise RequestValidationError(
            [
                {
                    "type": "value_error",
                    "loc": ("query", "until"),
                    "msg": f"until ({until}) is before since ({since})",
                    "input": str(until),
                }
            ]
        )


def event_filter(
    *,
    actor: ActorQ = None,
    source: Annotated[
        Code | None, BeforeValidator(_code), Query(description="Source actor code.")
    ] = None,
    target: Annotated[
        Code | None, BeforeValidator(_code), Query(description="Target actor code.")
    ] = None,
    type: Annotated[EventType | None, Blank, Query(description="PLOVER event type.")] = None,
    status: Annotated[
        Status | None, Blank, Query(description="occurred, threatened, denied or hypothetical.")
    ] = None,
    since: DateQ = None,
    until: DateQ = None,
    place: Annotated[
        Words | None,
        BeforeValidator(_trim),
        Query(description="Country code or part of a place name."),
    ] = None,
    text: Annotated[
        Words | None,
        BeforeValidator(_trim),
        Query(description="Words in the evidence, actor names or place."),
    ] = None,
    historical: Annotated[
        bool | None, Blank, Query(description="Only historical (true) or current (false).")
    ] = None,
    threat_status: Annotated[
        Literal["pending", "carried_out"] | None,
        Blank,
        Query(description="Threats only: pending or carried_out."),
    ] = None,
) -> EventFilter:
    """The event filters of a request (no pagination)."""
    check_range(since, until)
    return EventFilter(
        actor=actor,
        source=source,
        target=target,
        type=type,
        status=status,
        since=since,
        until=until,
        place=place,
        text=text,
        historical=historical,
        threat_status=threat_status,
    )


#: Event filters a page or list takes from the query string (EventFilter less paging and doc).
FILTER_KEYS = tuple(k for k in EventFilter.model_fields if k not in ("limit", "offset", "doc"))


def filter_query(flt: EventFilter) -> dict[str, str]:
    """The query-string form of a filter (to carry it across pages and links)."""
    out: dict[str, str] = {}
    for key in FILTER_KEYS:
        value = getattr(flt, key)
        if value is None:
            continue
        if isinstance(value, bool):
            out[key] = "true" if value else "false"
        elif isinstance(value, dt.date):
            out[key] = value.isoformat()
        else:
            out[key] = str(value.value if hasattr(value, "value") else value)
    return out
