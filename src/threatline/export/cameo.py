"""CAMEO-coded TSV with GDELT 1.0/2.0 event-table column names, for tools built on GDELT.

One row per merged event, tab-separated, with a header row (GDELT's own files have none). The
CAMEO code is the event's own ``cameo`` when set, else mapped from its PLOVER type and mode
(:mod:`threatline.export.cameo_codes`). Threatline's columns follow GDELT's. docs/exports.md lists
every column and how it is filled.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from typing import Any, TextIO

from threatline.export.cameo_codes import cameo_code, goldstein, quad_class
from threatline.export.common import (
    Countries,
    articles_for,
    numeric_id,
    place_level,
    sources_of,
)
from threatline.models import ActorRef, Article, Event, Place
from threatline.store.base import EventFilter, Store

__all__ = ["CAMEO_COLUMNS", "cameo_row", "cameo_rows", "write_cameo"]

_ACTOR_COLUMNS = ("Code", "Name", "CountryCode", "Type1Code")

CAMEO_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR_COLUMNS),
    *(f"Actor2{c}" for c in _ACTOR_COLUMNS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat",
    "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
    "threatline_id", "plover_type", "plover_mode", "threatened_type", "date_precision",
    "status", "historical",
)  # fmt: skip


def _actor(prefix: str, ref: ActorRef | None, countries: Countries) -> dict[str, Any]:
    if ref is None:
        return {f"{prefix}{c}": None for c in _ACTOR_COLUMNS}
    is_state = countries.is_country(ref.code)
    code = ref.code
    if code and is_state and ref.sector:
        code = f"{code}{ref.sector}"  # CAMEO actor codes chain country and role: IRNMIL
    return {
        f"{prefix}Code": code,
        f"{prefix}Name": ref.person or ref.name,
        f"{prefix}CountryCode": ref.code if is_state else None,
        f"{prefix}Type1Code": ref.sector,
    }


def _geo_type(place: Place, countries: Countries) -> int:
    """GDELT ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state
    (also used for a sea, strait or continent, which GDELT has no type for)."""
    level = place_level(place, countries)
    if level == "country":
        return 1
    if level == "area":
        return 5
    us = place.country == "USA"
    if level in ("admin1", "admin2"):
        return 2 if us else 5
    return 3 if us else 4


def _geo(place: Place | None, countries: Countries) -> dict[str, Any]:
    if place is None:
        return {
            "ActionGeo_Type": 0,
            "ActionGeo_FullName": None,
            "ActionGeo_CountryCode": None,
            "ActionGeo_Lat": None,
            "ActionGeo_Long": None,
            "ActionGeo_FeatureID": None,
        }
    country = countries.get(place.country)
    full = place.name
    if country and place_level(place, countries) not in ("country", "area"):
        full = f"{place.name}, {country.name}"
    return {
        "ActionGeo_Type": _geo_type(place, countries),
        "ActionGeo_FullName": full,
        "ActionGeo_CountryCode": country.fips if country else None,  # GDELT uses FIPS 10-4
        "ActionGeo_Lat": place.lat,
        "ActionGeo_Long": place.lon,
        "ActionGeo_FeatureID": place.geonameid,
    }


def cameo_row(ev: Event, articles: Mapping[str, Article], countries: Countries) -> dict[str, Any]:
    """One event as a GDELT-style row (values as written to the TSV, None for empty)."""
    code = cameo_code(ev)
    day = ev.date.start if ev.date else None
    first = ev.first_reported
    first_url = next(
        (articles[m.doc].url for m in ev.mentions if m.doc in articles and articles[m.doc].url),
        None,
    )
    return {
        "GLOBALEVENTID": numeric_id(ev.id),
        "SQLDATE": int(day.strftime("%Y%m%d")) if day else None,
        "MonthYear": int(day.strftime("%Y%m")) if day else None,
        "Year": day.year if day else None,
        "FractionDate": round(day.year + (day.month * 30 + day.day) / 365, 4) if day else None,
        **_actor("Actor1", ev.source, countries),
        **_actor("Actor2", ev.target, countries),
        "IsRootEvent": int(ev.salience == "main"),
        "EventCode": code,
        "EventBaseCode": code[:3],
        "EventRootCode": code[:2],
        "QuadClass": quad_class(code),
        "GoldsteinScale": goldstein(code),
        "NumMentions": len(ev.mentions),
        "NumSources": len(sources_of(ev, articles)),
        "NumArticles": len(ev.docs),
        **_geo(ev.location, countries),
        "DATEADDED": int(first.strftime("%Y%m%d")) if first else None,
        "SOURCEURL": first_url or ev.mentions[0].doc,
        "threatline_id": ev.id,
        "plover_type": ev.type.value,
        "plover_mode": ev.mode,
        "threatened_type": ev.threatened_type.value if ev.threatened_type else None,
        "date_precision": ev.date.precision.value if ev.date else None,
        "status": ev.status.value,
        "historical": ev.historical,
    }


def cameo_rows(store: Store, flt: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    events = store.events(flt)
    articles = articles_for(store, events)
    countries = Countries()
    return (cameo_row(ev, articles, countries) for ev in events)


def write_cameo(store: Store, out: TextIO, flt: EventFilter | None = None) -> int:
    """Write the TSV (header row first); returns the number of events."""
    writer = csv.DictWriter(out, fieldnames=CAMEO_COLUMNS, delimiter="\t", lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in cameo_rows(store, flt):
        writer.writerow(row)
        n += 1
    return n
