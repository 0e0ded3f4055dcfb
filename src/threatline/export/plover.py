"""PLOVER JSON Lines: one event data record per line in the PLOVER manual's field names.

The record follows the PLOVER manual (draft 2.0, chapter "Data Fields"): ``id``, ``date`` (and
``enddate`` for a month or year), ``actor`` and ``recipient`` as lists of entity objects,
``event``, ``mode`` and ``context`` as lists, ``quad_code``, ``event_scale``, ``event_loc``,
``size`` (``dead``, ``injured``), ``event_text``, ``text_info``, ``cite_info`` and ``coder``.
Threatline adds the fields PLOVER leaves to the provider: ``status``, ``historical``,
``threatened_type``, ``date_precision``, ``confidence``, ``salience``, ``cameo``,
``threat_outcome``, ``disagreements`` and ``mentions`` (every source, so that records re-import
to equal events: :func:`threatline.export.plover_read.from_plover`). The JSON Schema is
``schemas/plover.schema.json``; docs/exports.md describes every field.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from functools import partial
from importlib import resources
from types import MappingProxyType
from typing import Any, TextIO

from threatline import __version__
from threatline.export.common import Countries, articles_for, place_level
from threatline.export.plover_codes import PLOVER_QUAD, plover_score
from threatline.models import ActorRef, Article, Event, Place, Precision, Provenance, Status
from threatline.store.base import EventFilter, Store

__all__ = [
    "CODEBOOK",
    "load_schema",
    "plover_records",
    "to_plover",
    "validate",
    "write_plover",
]

CODEBOOK = "plover-2.0"
_RESOLUTION: Mapping[str, int] = MappingProxyType(
    {"area": 1, "country": 1, "admin1": 2, "admin2": 3, "city": 4}
)


def load_schema() -> dict[str, Any]:
    """The JSON Schema every exported PLOVER record validates against."""
    text = (resources.files("threatline.export") / "schemas" / "plover.schema.json").read_text(
        encoding="utf-8"
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


def validate(records: Iterable[Mapping[str, Any]], schema: Mapping[str, Any] | None = None) -> int:
    """Check records against the schema; raises ``jsonschema.ValidationError``; returns count."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema or load_schema())
    n = 0
    for rec in records:
        validator.validate(rec)
        n += 1
    return n


def _entity(ref: ActorRef | None) -> list[dict[str, Any]]:
    if ref is None:
        return []
    return [
        {
            "code": ref.code,
            "sector": ref.sector,
            "entity_text": ref.name,
            "identifier_text": ref.person,
            "office": ref.role,
            "kind": ref.kind.value if ref.kind else None,
            "resolved": ref.resolved,
        }
    ]


def _location(place: Place | None, countries: Countries | None) -> dict[str, Any] | None:
    if place is None:
        return None
    country = countries.get(place.country) if countries else None
    return {
        "resolved_place": place.name,
        "geonameid": place.geonameid,
        "lat": place.lat,
        "lon": place.lon,
        "country": country.name if country else None,
        "country_code": place.country,
        "feature_code": place.kind,
        "resolution": _RESOLUTION[place_level(place, countries)],
    }


def _mention(m: Provenance) -> dict[str, Any]:
    return {
        "doc": m.doc,
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "sentence": m.sentence.model_dump() if m.sentence else None,
        "published": m.published.isoformat() if m.published else None,
    }


def _context(ev: Event) -> list[str]:
    """PLOVER's auxiliary modes, which the manual puts in the context field."""
    aux = ["historical"] if ev.historical else []
    if ev.status is Status.THREATENED:
        aux.append("future")
    elif ev.status is Status.HYPOTHETICAL:
        aux.append("hypothetical")
    return aux


def _cite(first: Provenance, article: Article | None) -> dict[str, Any]:
    return {
        "corpus": "threatline",
        "citation": first.doc,
        "url": article.url if article else None,
        "title": article.title if article else None,
        "publication": article.outlet if article else None,
        "language": "en",
        "coder": f"threatline {__version__}",
        "codebook": CODEBOOK,
    }


def to_plover(
    ev: Event,
    articles: Mapping[str, Article] | None = None,
    countries: Countries | None = None,
) -> dict[str, Any]:
    """One event as a PLOVER record (with Threatline's extra fields)."""
    first = ev.mentions[0]
    date = ev.date
    return {
        "id": ev.id,
        "date": date.start.isoformat() if date else None,
        "enddate": date.end.isoformat() if date and date.precision is not Precision.DAY else None,
        "date_precision": date.precision.value if date else None,
        "actor": _entity(ev.source),
        "recipient": _entity(ev.target),
        "event": [ev.type.value],
        "mode": [ev.mode] if ev.mode else [],
        "context": _context(ev),
        "quad_code": PLOVER_QUAD[ev.type],
        "event_scale": plover_score(ev.type, ev.mode),
        "event_loc": _location(ev.location, countries),
        "size": {"dead": ev.killed, "injured": ev.injured},
        "event_text": [m.text for m in ev.mentions],
        "text_info": {
            "start": first.start,
            "end": first.end,
            "text": [first.sentence.text if first.sentence else first.text],
        },
        "cite_info": _cite(first, (articles or {}).get(first.doc)),
        "coder": f"threatline {__version__}",
        "status": ev.status.value,
        "historical": ev.historical,
        "threatened_type": ev.threatened_type.value if ev.threatened_type else None,
        "confidence": ev.confidence,
        "salience": ev.salience,
        "cameo": ev.cameo,
        "threat_outcome": ev.threat_outcome.model_dump(mode="json") if ev.threat_outcome else None,
        "disagreements": ev.disagreements,
        "mentions": [_mention(m) for m in ev.mentions],
    }


def plover_records(store: Store, flt: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    """The stored events (filtered) as PLOVER records."""
    events = store.events(flt)
    convert = partial(to_plover, articles=articles_for(store, events), countries=Countries())
    return map(convert, events)


def write_plover(store: Store, out: TextIO, flt: EventFilter | None = None) -> int:
    n = 0
    for rec in plover_records(store, flt):
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n
