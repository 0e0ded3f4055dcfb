"""The dashboard's HTML pages: jinja2 templates (autoescaped) over the same builders as the API.

Every page reads the shared filters from the query string (``actor``, ``type``, ``status``,
``since``, ``until``, ``place``, ``text``...), so a filtered view is a link and the navigation
keeps it. Charts, timeline, network and map are drawn by the page's script from the JSON API.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from threatline import __version__
from threatline.api import catalog, events
from threatline.api.params import (
    FILTER_KEYS,
    ActorQ,
    DateQ,
    LimitQ,
    OffsetQ,
    SortQ,
    TextQ,
    check_range,
    event_filter,
)
from threatline.api.schemas import ActorOut, CounterpartOut, EventDetail
from threatline.api.state import get_state, get_store
from threatline.models import EventType, Status
from threatline.store.base import EventFilter, QuoteFilter, Store
from threatline.web.highlight import Mark, Segment, locate, segments

__all__ = ["error_page", "make_templates", "router"]


StoreDep = Annotated[Store, Depends(get_store)]
FilterDep = Annotated[EventFilter, Depends(event_filter)]


def qs(params: dict[str, Any], **changes: Any) -> str:
    """``?key=value...`` from ``params`` updated with ``changes`` (None or "" drops a key)."""
    merged = {**params, **changes}
    kept = {k: v for k, v in merged.items() if v is not None and v != ""}
    return "?" + urlencode(kept) if kept else ""


def actor_label(ref: ActorOut | None) -> str:
    if ref is None:
        return "—"
    who = ref.person or ref.name
    code = ref.code or "?"
    return f"{code} ({who})" if who and who != code else code


def web_url(url: str | None) -> bool:
    """Whether ``url`` may become a link (http or https only: no ``javascript:``)."""
    return bool(url) and str(url).lower().startswith(("http://", "https://"))


def make_templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("threatline.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        qs=qs, event_types=[t.value for t in EventType], statuses=[s.value for s in Status]
    )
    env.globals["version"] = __version__
    env.filters["actor"] = actor_label
    env.filters["web_url"] = web_url
    return Jinja2Templates(env=env)


def _filters(request: Request) -> dict[str, str]:
    """The shared filters of the request, as given (carried over by links and navigation)."""
    return {k: v for k in FILTER_KEYS if (v := request.query_params.get(k, "").strip())}


def render(
    request: Request, name: str, nav: str, status: int = 200, **context: Any
) -> HTMLResponse:
    templates = get_state(request).templates
    assert templates is not None
    context.setdefault("filters", _filters(request))
    return templates.TemplateResponse(request, name, {"nav": nav, **context}, status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", "", status=status, code=status, message=message)


def index(request: Request, store: StoreDep, flt: FilterDep) -> HTMLResponse:
    recent = events.event_page(store, flt, 15, 0, "-date")
    return render(request, "index.html", "timeline", stats=store.stats(), recent=recent)


def events_list(
    *,
    request: Request,
    store: StoreDep,
    flt: FilterDep,
    limit: LimitQ = 50,
    offset: OffsetQ = 0,
    sort: SortQ = "-date",
) -> HTMLResponse:
    page = events.event_page(store, flt, limit, offset, sort)
    return render(request, "events.html", "events", page=page)


def _evidence_segments(detail: EventDetail) -> list[list[Segment]]:
    out: list[list[Segment]] = []
    for ev in detail.evidence:
        if ev.sentence is None:
            out.append([Segment(ev.text, (Mark(0, len(ev.text), "evidence"),))])
            continue
        rel = locate(
            ev.sentence.text, ev.start - ev.sentence.start, ev.end - ev.sentence.start, ev.text
        )
        marks = [Mark(rel[0], rel[1], "evidence")] if rel else []
        out.append(segments(ev.sentence.text, marks))
    return out


def event_page(
    request: Request, store: StoreDep, event_id: Annotated[str, Path(max_length=128)]
) -> HTMLResponse:
    detail = events.event_detail(store, event_id)
    if detail is None:
        raise HTTPException(404, f"no event with id {event_id!r}")
    return render(
        request,
        "event.html",
        "events",
        ev=detail,
        evidence=zip(detail.evidence, _evidence_segments(detail), strict=True),
    )


def actors_list(
    *,
    request: Request,
    store: StoreDep,
    flt: FilterDep,
    q: TextQ = None,
    limit: LimitQ = 100,
    offset: OffsetQ = 0,
) -> HTMLResponse:
    page = catalog.actor_page(store, flt, q, limit, offset)
    return render(request, "actors.html", "actors", page=page, q=q or "")


def _by_counterpart(found: list[CounterpartOut]) -> list[dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for c in found:
        row = rows.setdefault(
            c.code,
            {"code": c.code, "name": c.name, "out": 0, "in": 0, "out_types": {}, "in_types": {}},
        )
        row[c.direction] += c.events
        types = row[f"{c.direction}_types"]
        types[c.type.value] = types.get(c.type.value, 0) + c.events
    return sorted(rows.values(), key=lambda r: (-(r["out"] + r["in"]), r["code"]))


def actor_page(
    *,
    request: Request,
    store: StoreDep,
    code: Annotated[str, Path(max_length=64)],
    flt: FilterDep,
    limit: LimitQ = 25,
    offset: OffsetQ = 0,
    sort: SortQ = "-date",
) -> HTMLResponse:
    detail = catalog.actor_detail(
        store, code.upper(), flt=flt, limit=limit, offset=offset, sort=sort
    )
    if detail is None:
        raise HTTPException(404, f"no actor with code {code!r}")
    return render(
        request,
        "actor.html",
        "actors",
        actor=detail,
        counterparts=_by_counterpart(detail.counterparts),
    )


def threats_page(
    request: Request, store: StoreDep, flt: FilterDep, limit: LimitQ = 30, offset: OffsetQ = 0
) -> HTMLResponse:
    board = events.threat_board(store, flt, limit, offset)
    return render(request, "threats.html", "threats", board=board)


def map_page(request: Request, flt: FilterDep) -> HTMLResponse:
    return render(request, "map.html", "map")


def quotes_page(
    *,
    request: Request,
    store: StoreDep,
    speaker: TextQ = None,
    actor: ActorQ = None,
    since: DateQ = None,
    until: DateQ = None,
    text: TextQ = None,
    limit: LimitQ = 50,
    offset: OffsetQ = 0,
) -> HTMLResponse:
    check_range(since, until)
    flt = QuoteFilter(
        speaker=speaker,
        actor=actor,
        since=since,
        until=until,
        text=text,
        limit=limit,
        offset=offset,
    )
    return render(
        request, "quotes.html", "quotes", page=catalog.quote_page(store, flt), speaker=speaker or ""
    )


def documents_list(
    request: Request,
    store: StoreDep,
    q: TextQ = None,
    limit: LimitQ = 50,
    offset: OffsetQ = 0,
) -> HTMLResponse:
    page = catalog.document_page(store, q, limit, offset)
    return render(request, "documents.html", "documents", page=page, q=q or "")


def document_page(
    request: Request,
    store: StoreDep,
    doc: str,
    hl: Annotated[str | None, Query(max_length=128, description="Event id to select.")] = None,
) -> HTMLResponse:
    detail = catalog.document_detail(store, doc)
    if detail is None:
        raise HTTPException(404, f"no document with id {doc!r}")
    marks: list[Mark] = []
    for ev in detail.events:
        label = f"{ev.type.value} {actor_label(ev.source)} → {actor_label(ev.target)}"
        for m in ev.mentions:
            if (found := locate(detail.text, m.start, m.end, m.text)) is not None:
                marks.append(Mark(*found, "event", ev.id, label, selected=ev.id == hl))
    for q in detail.quotes:
        if (found := locate(detail.text, q.start, q.end, q.text)) is not None:
            who = q.speaker.person or q.speaker.name if q.speaker else q.speaker_text or "unknown"
            marks.append(Mark(*found, "quote", q.id, f"quote: {who}"))
    return render(
        request,
        "document.html",
        "documents",
        doc=detail,
        parts=segments(detail.text, marks),
        selected=hl or "",
    )


def router() -> APIRouter:
    """The dashboard pages (a new router per app)."""
    r = APIRouter(include_in_schema=False)
    r.add_api_route("/", index, methods=["GET"], response_class=HTMLResponse)
    r.add_api_route("/events", events_list, methods=["GET"], response_class=HTMLResponse)
    r.add_api_route("/events/{event_id}", event_page, methods=["GET"], response_class=HTMLResponse)
    r.add_api_route("/actors", actors_list, methods=["GET"], response_class=HTMLResponse)
    r.add_api_route("/actors/{code}", actor_page, methods=["GET"], response_class=HTMLResponse)
    r.add_api_route("/threats", threats_page, methods=["GET"], response_class=HTMLResponse)
    r.add_api_route("/map", map_page, methods=["GET"], response_class=HTMLResponse)
    r.add_api_route("/quotes", quotes_page, methods=["GET"], response_class=HTMLResponse)
    r.add_api_route("/documents", documents_list, methods=["GET"], response_class=HTMLResponse)
    r.add_api_route(
        "/documents/{doc:path}", document_page, methods=["GET"], response_class=HTMLResponse
    )
    return r
