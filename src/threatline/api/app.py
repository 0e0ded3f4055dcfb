"""The FastAPI application factory: JSON API under ``/api/``, the dashboard, static assets.

``create_app(settings)`` opens the store named by the settings (and closes it on shutdown);
``create_app(store)`` serves a store the caller owns. Nothing is created at import.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from types import MappingProxyType
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from threatline import __version__
from threatline.api import ingest, reference, routes
from threatline.api.state import AppState, country_table
from threatline.config import Settings
from threatline.store import open_store
from threatline.store.base import Store

__all__ = ["SECURITY_HEADERS", "create_app"]

SECURITY_HEADERS: Mapping[str, str] = MappingProxyType(
    {
        "Content-Security-Policy": (
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            "form-action 'self'"
        ),
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
    }
)

_CODES: Mapping[int, str] = MappingProxyType(
    {
        400: "bad_request",
        401: "unauthorized",
        403: "forbidden",
        404: "not_found",
        405: "method_not_allowed",
        422: "invalid_request",
    }
)

DESCRIPTION = """Read-only access to a Threatline store: PLOVER events with their sources and
evidence, actors and their counterparts, threats and their outcomes, quotes and the articles.
`POST /api/ingest` is the only write and needs `Authorization: Bearer <api_token>`."""


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _error(status: int, message: str, fields: list[dict[str, Any]] | None = None) -> JSONResponse:
    body = {"code": _CODES.get(status, "error"), "message": message, "fields": fields or []}
    return JSONResponse({"error": body}, status_code=status)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    message = str(exc.detail)
    if not _wants_json(request):
        from threatline.web.pages import error_page

        return error_page(request, exc.status_code, message)
    response = _error(exc.status_code, message)
    response.headers.update(exc.headers or {})
    return response


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    fields = [
        {
            "field": ".".join(str(p) for p in err.get("loc", ())[1:]) or "body",
            "in": str(err.get("loc", ("request",))[0]),
            "message": str(err.get("msg", "invalid")),
            "input": err.get("input") if isinstance(err.get("input"), str | int | float) else None,
        }
        for err in exc.errors()
    ]
    message = "; ".join(f"{f['field']}: {f['message']}" for f in fields) or "invalid request"
    if not _wants_json(request):
        from threatline.web.pages import error_page

        return error_page(request, 422, message)
    return _error(422, message, fields)


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    for key, value in SECURITY_HEADERS.items():
        response.headers.setdefault(key, value)
    return response


def create_app(source: Settings | Store, *, settings: Settings | None = None) -> FastAPI:
    """The app over the store of ``source`` (Settings: opened here; a Store: the caller's).

    ``settings`` (when ``source`` is a Store) gives the API token and the ingest settings.
    """
    from threatline.web import pages

    if isinstance(source, Settings):
        settings = source
        store: Store = open_store(settings.db)
        owns = True
    else:
        store, owns = source, False
    state = AppState(
        store=store,
        settings=settings,
        api_token=settings.api_token if settings else None,
        owns_store=owns,
        countries=country_table(),
        templates=pages.make_templates(),
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        state.store.optimize()  # planner statistics for the filtered lists
        yield
        if state.owns_store:
            state.store.close()

    app = FastAPI(
        title="Threatline",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.threatline = state
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.middleware("http")(_security_headers)
    app.include_router(routes.router())
    app.include_router(ingest.router())
    app.include_router(reference.router())
    app.include_router(pages.router())
    app.mount("/static", StaticFiles(packages=[("threatline.web", "static")]), name="static")
    return app
