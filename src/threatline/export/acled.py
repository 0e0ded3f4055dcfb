"""ACLED-style CSV: ACLED's column names and codes, for tools and analyses built on ACLED data.

ACLED codes political violence, demonstrations and strategic developments; Threatline's other
PLOVER events (threats, accusations, demands...) are written as "Strategic developments" with
sub-event type "Other", and every row keeps Threatline's own type, mode, status and date in
extra columns at the end. The type mapping, actor-type (``inter``) codes and precision codes are
documented in docs/exports.md.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any, TextIO

from threatline.export.common import (
    Countries,
    articles_for,
    is_armed,
    numeric_id,
    place_level,
    sources_of,
)
from threatline.models import ActorKind, ActorRef, Article, Event, EventType, Precision
from threatline.store.base import EventFilter, Store

__all__ = [
    "ACLED_COLUMNS",
    "ACLED_TYPES",
    "acled_row",
    "acled_rows",
    "acled_type",
    "inter_code",
    "write_acled",
]

_PV = "Political violence"
_DEM = "Demonstrations"
_SD = "Strategic developments"
_EXP = "Explosions/Remote violence"
_VAC = "Violence against civilians"

# (PLOVER type, mode) -> (event_type, sub_event_type). Not listed: see acled_type().
ACLED_TYPES: Mapping[tuple[EventType, str | None], tuple[str, str]] = MappingProxyType({
    (EventType.ASSAULT, "aerial"): (_EXP, "Air/drone strike"),
    (EventType.ASSAULT, "drone"): (_EXP, "Air/drone strike"),
    (EventType.ASSAULT, "heavy-weapons"): (_EXP, "Shelling/artillery/missile attack"),
    (EventType.ASSAULT, "explosives"): (_EXP, "Remote explosive/landmine/IED"),
    (EventType.ASSAULT, "suicide-attack"): (_EXP, "Suicide bomb"),
    (EventType.ASSAULT, "unconventional"): (_EXP, "Chemical weapon"),
    (EventType.ASSAULT, "sexual"): (_VAC, "Sexual violence"),
    (EventType.ASSAULT, "abduct"): (_VAC, "Abduction/forced disappearance"),
    (EventType.ASSAULT, "targeted"): (_VAC, "Attack"),
    (EventType.ASSAULT, "beat"): (_VAC, "Attack"),
    (EventType.ASSAULT, "torture"): (_VAC, "Attack"),
    (EventType.ASSAULT, "destroy"): (_SD, "Looting/property destruction"),
    (EventType.ASSAULT, "crowd-control"): ("Protests", "Excessive force against protesters"),
    (EventType.PROTEST, "riot"): ("Riots", "Violent demonstration"),
    (EventType.PROTEST, "vandalize"): ("Riots", "Violent demonstration"),
    (EventType.COERCE, "arrest"): (_SD, "Arrests"),
    (EventType.COERCE, "seize"): (_SD, "Looting/property destruction"),
    (EventType.RETREAT, "withdraw"): (_SD, "Non-violent transfer of territory"),
    (EventType.RETREAT, "ceasefire"): (_SD, "Agreement"),
    (EventType.AGREE, None): (_SD, "Agreement"),
})  # fmt: skip

_DISORDER: Mapping[str, str] = MappingProxyType({
    "Battles": _PV,
    _EXP: _PV,
    _VAC: _PV,
    "Protests": _DEM,
    "Riots": _DEM,
    _SD: _SD,
})  # fmt: skip

# Actor sectors by ACLED actor type: 1 state forces, 2 rebels, 3 political militias, 7 civilians.
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
_MILITIA_SECTORS = frozenset({"PRM", "UAF", "IMG"})
_CIVILIAN_SECTORS = frozenset(
    {"CVL", "REF", "JRN", "MED", "EDU", "BUS", "LAB", "AGR", "REL", "SOC", "OPP", "PTY", "ELI"}
)

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "country", "admin1", "location", "latitude",
    "longitude", "geo_precision", "source", "notes", "fatalities",
    "fatalities_known", "injured", "threatline_id", "plover_type", "plover_mode",
    "threatened_type", "status", "historical", "date", "date_precision", "confidence",
    "actor1_code", "actor2_code",
)  # fmt: skip


def acled_type(ev: Event) -> tuple[str, str, str]:
    """(disorder_type, event_type, sub_event_type) of an event."""
    mode = (ev.mode or "").strip().lower() or None
    found = ACLED_TYPES.get((ev.type, mode))
    if found is None and ev.type is EventType.ASSAULT:
        # firearms, primitive weapons or no mode: a clash between armed sides, else one-sided.
        found = ("Battles", "Armed clash") if is_armed(ev.target) else (_VAC, "Attack")
    elif found is None and ev.type is EventType.PROTEST:
        found = ("Protests", "Peaceful protest")
    event_type, sub = found or (_SD, "Other")
    disorder = _DISORDER[event_type]
    if sub == "Excessive force against protesters":
        disorder = f"{_PV}; {_DEM}"
    return disorder, event_type, sub


def inter_code(
    ref: ActorRef | None, ev: Event, countries: Countries, *, is_source: bool
) -> int | None:
    """ACLED actor type: 1 state forces, 2 rebels, 3 political militias, 5 rioters,
    6 protesters, 7 civilians, 8 external/other forces; None when the type is unknown."""
    if ref is None:
        return None
    sector = (ref.sector or "").upper()
    if ev.type is EventType.PROTEST and is_source:
        return 5 if (ev.mode or "").lower() in ("riot", "vandalize") else 6
    state_like = ref.kind in (ActorKind.STATE, ActorKind.MILITARY, ActorKind.GOVERNMENT_BODY)
    if sector in _STATE_SECTORS or state_like:
        where = ev.location.country if ev.location else None
        abroad = countries.is_country(ref.code) and where is not None and where != ref.code
        return 8 if abroad else 1
    if sector == "REB":
        return 2
    if sector in _MILITIA_SECTORS or ref.kind is ActorKind.ARMED_GROUP:
        return 3
    if ref.kind is ActorKind.IGO:
        return 8
    if sector in _CIVILIAN_SECTORS or ref.kind is ActorKind.MEDIA:
        return 7
    return None


def _interaction(a: int | None, b: int | None) -> int | None:
    if a is None and b is None:
        return None
    if a is None or b is None:
        return 10 * (a if a is not None else b or 0)  # a sole actor: 10, 20, ..., 80
    low, high = sorted((a, b))
    return low * 10 + high


def _event_date(ev: Event) -> tuple[dt.date | None, int | None]:
    """ACLED's date and time precision: 1 a day; 3 a month or coarser, dated to its middle."""
    if ev.date is None:
        return None, None
    if ev.date.precision is Precision.DAY:
        return ev.date.start, 1
    start, end = ev.date.start, ev.date.end
    return start + (end - start) // 2, 3


def _names(ref: ActorRef | None, countries: Countries) -> tuple[str | None, str | None]:
    """(actor, associated actor): a person is written as associated with their state or group."""
    if ref is None:
        return None, None
    if not ref.person:
        return ref.name, None
    country = countries.get(ref.code)
    return (country.name if country else ref.code or ref.name), ref.person


def acled_row(ev: Event, articles: Mapping[str, Article], countries: Countries) -> dict[str, Any]:
    """One event as an ACLED-style row."""
    disorder, event_type, sub = acled_type(ev)
    date, precision = _event_date(ev)
    inter1 = inter_code(ev.source, ev, countries, is_source=True)
    inter2 = inter_code(ev.target, ev, countries, is_source=False)
    actor1, assoc1 = _names(ev.source, countries)
    actor2, assoc2 = _names(ev.target, countries)
    place = ev.location
    country = countries.get(place.country) if place else None
    level = place_level(place, countries) if place else None
    code = country.iso3 if country else "XXX"
    return {
        "event_id_cnty": f"{code}{numeric_id(ev.id)}",
        "event_date": date.isoformat() if date else None,
        "year": date.year if date else None,
        "time_precision": precision,
        "disorder_type": disorder,
        "event_type": event_type,
        "sub_event_type": sub,
        "actor1": actor1,
        "assoc_actor_1": assoc1,
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": assoc2,
        "inter2": inter2,
        "interaction": _interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting"
        if inter2 == 7 and disorder.startswith(_PV)
        else None,
        "iso": country.isonumeric if country else None,
        "country": country.name if country else None,
        "admin1": place.name if place and level == "admin1" else None,
        "location": place.name if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": {"city": 1, "admin2": 2}.get(level or "", 3) if place else None,
        "source": "; ".join(sources_of(ev, articles)),
        "notes": " | ".join(m.text for m in ev.mentions),
        "fatalities": ev.killed or 0,
        "fatalities_known": ev.killed is not None,
        "injured": ev.injured,
        "threatline_id": ev.id,
        "plover_type": ev.type.value,
        "plover_mode": ev.mode,
        "threatened_type": ev.threatened_type.value if ev.threatened_type else None,
        "status": ev.status.value,
        "historical": ev.historical,
        "date": str(ev.date) if ev.date else None,
        "date_precision": ev.date.precision.value if ev.date else None,
        "confidence": ev.confidence,
        "actor1_code": ev.source.code if ev.source else None,
        "actor2_code": ev.target.code if ev.target else None,
    }


def acled_rows(store: Store, flt: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    events = store.events(flt)
    articles = articles_for(store, events)
    countries = Countries()
    return (acled_row(ev, articles, countries) for ev in events)


def write_acled(store: Store, out: TextIO, flt: EventFilter | None = None) -> int:
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in acled_rows(store, flt):
        writer.writerow(row)
        n += 1
    return n
