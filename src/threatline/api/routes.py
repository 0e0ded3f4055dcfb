"""The read-only JSON endpoints under ``/api/`` (thin: parameters in, response models out)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query

from threatline.api import catalog, events
from threatline.api.params import (
    ActorQ,
    DateQ,
    LimitQ,
    OffsetQ,
    SortQ,
    TextQ,
    check_range,
    event_filter,
)
from threatline.api.schemas import (
    ActorDetail,
    ActorPage,
    DocumentDetail,
    DocumentPage,
    ErrorOut,
    EventDetail,
    EventPage,
    QuotePage,
    StatsOut,
    ThreatBoard,
)
from threatline.api.state import AppState, get_state, get_store
from threatline.store.base import EventFilter, QuoteFilter, Store

__all__ = ["errors", "router"]


def errors(*, not_found: bool = False) -> dict[int | str, dict[str, Any]]:
    """The documented error responses of an endpoint."""
    out: dict[int | str, dict[str, Any]] = {
        422: {"model": ErrorOut, "description": "Invalid parameters (each bad field and why)."}
    }
    if not_found:
        out[404] = {"model": ErrorOut, "description": "No such record."}
    return out


StoreDep = Annotated[Store, Depends(get_store)]
StateDep = Annotated[AppState, Depends(get_state)]
FilterDep = Annotated[EventFilter, Depends(event_filter)]


def list_events(
    store: StoreDep, flt: FilterDep, limit: LimitQ = 50, offset: OffsetQ = 0, sort: SortQ = "date"
) -> EventPage:
    """Merged events matching every filter given, a page at a time, by date."""
    return events.event_page(store, flt, limit, offset, sort)


def get_event(store: StoreDep, event_id: Annotated[str, Path(max_length=128)]) -> EventDetail:
    """One event with every mention: the article (title, outlet, date), the evidence offsets
    and the sentence; for a threat, the events that carried it out."""
    found = events.event_detail(store, event_id)
    if found is None:
        raise HTTPException(404, f"no event with id {event_id!r}")
    return found


def list_actors(
    store: StoreDep,
    flt: FilterDep,
    q: Annotated[TextQ, Query(description="Part of the actor code or name.")] = None,
    limit: LimitQ = 100,
    offset: OffsetQ = 0,
) -> ActorPage:
    """Actors of the (filtered) events with their event counts, most events first."""
    return catalog.actor_page(store, flt, q, limit, offset)


def get_actor(
    *,
    store: StoreDep,
    code: Annotated[str, Path(max_length=64)],
    flt: FilterDep,
    limit: LimitQ = 50,
    offset: OffsetQ = 0,
    sort: SortQ = "-date",
) -> ActorDetail:
    """One actor's timeline (a page of its events) and counterparts: whom it acts on and who
    acts on it, by event type."""
    found = catalog.actor_detail(
        store, code.upper(), flt=flt, limit=limit, offset=offset, sort=sort
    )
    if found is None:
        raise HTTPException(404, f"no actor with code {code!r}")
    return found


def list_quotes(
    *,
    store: StoreDep,
    speaker: Annotated[TextQ, Query(description="Part of the speaker's name.")] = None,
    actor: ActorQ = None,
    since: DateQ = None,
    until: DateQ = None,
    text: Annotated[TextQ, Query(description="Words in the quote.")] = None,
    doc: Annotated[TextQ, Query(description="Article id.")] = None,
    limit: LimitQ = 50,
    offset: OffsetQ = 0,
) -> QuotePage:
    """Direct and reported statements with their speakers."""
    check_range(since, until)
    flt = QuoteFilter(
        speaker=speaker,
        actor=actor,
        since=since,
        until=until,
        text=text,
        doc=doc,
        limit=limit,
        offset=offset,
    )
    return catalog.quote_page(store, flt)


def list_threats(
    store: StoreDep, flt: FilterDep, limit: LimitQ = 50, offset: OffsetQ = 0
) -> ThreatBoard:
    """Pending and carried-out threats (newest first) with their outcome events and delays."""
    return events.threat_board(store, flt, limit, offset)


def list_documents(
    store: StoreDep,
    q: Annotated[TextQ, Query(description="Part of the id, title or outlet.")] = None,
    limit: LimitQ = 50,
    offset: OffsetQ = 0,
) -> DocumentPage:
    """Articles (newest first) with what was found in each, without their text."""
    return catalog.document_page(store, q, limit, offset)


def get_document(store: StoreDep, doc: str) -> DocumentDetail:
    """An article's text, dates and removed boilerplate lines, with the events and quotes found
    in it and their offsets (for highlighting)."""
    found = catalog.document_detail(store, doc)
    if found is None:
        raise HTTPException(404, f"no document with id {doc!r}")
    return found


def get_stats(
    state: StateDep,
    flt: FilterDep,
    bucket: Annotated[
        Literal["auto", "day", "week", "month"],
        Query(description="Period of per_day entries; auto picks by the span of dates."),
    ] = "auto",
    places: Annotated[int, Query(ge=0, le=2000, description="Busiest places listed.")] = 200,
) -> StatsOut:
    """Counts, and for the filtered events: per day (or week, month) and type, per country
    and per place."""
    return events.stats(state.store, flt, state.countries, bucket, places)


def router() -> APIRouter:
    """The read-only JSON endpoints (a new router per app)."""
    r = APIRouter(prefix="/api")
    routes: list[tuple[str, Callable[..., Any], type[Any], bool, str]] = [
        ("/events", list_events, EventPage, False, "events"),
        ("/events/{event_id}", get_event, EventDetail, True, "events"),
        ("/actors", list_actors, ActorPage, False, "actors"),
        ("/actors/{code}", get_actor, ActorDetail, True, "actors"),
        ("/quotes", list_quotes, QuotePage, False, "quotes"),
        ("/threats", list_threats, ThreatBoard, False, "threats"),
        ("/documents", list_documents, DocumentPage, False, "documents"),
        ("/documents/{doc:path}", get_document, DocumentDetail, True, "documents"),
        ("/stats", get_stats, StatsOut, False, "stats"),
    ]
    for path, endpoint, model, not_found, tag in routes:
        r.add_api_route(
            path,
            endpoint,
            methods=["GET"],
            response_model=model,
            responses=errors(not_found=not_found),
            tags=[tag],
        )
    return r
