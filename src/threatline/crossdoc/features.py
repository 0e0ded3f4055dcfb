"""What the merger looks at in one event mention, as small immutable values.

The clustering (:mod:`threatline.crossdoc.cluster`) never touches pydantic models: an
:class:`~threatline.models.Event` mention (or an ECB+ gold mention, see
:mod:`threatline.eval.coref`) becomes a :class:`MentionFeatures` first. Dates become
:class:`DateKey` intervals of day ordinals: calendar periods are nested or disjoint, so two dates
are compatible in the sense of :meth:`TimeValue.compatible` exactly when their intervals overlap.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from threatline.models import Event, Precision, TimeValue

__all__ = [
    "SYMMETRIC_TYPES",
    "DateKey",
    "MentionFeatures",
    "PlaceKey",
    "date_key",
    "features_of",
    "place_key",
]

#: PLOVER types whose two actors have no direction (a meeting of A and B is a meeting of B and A).
SYMMETRIC_TYPES = frozenset({"CONSULT"})

_WORDS = re.compile(r"[^\W_]+")
_RANK = MappingProxyType({Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2})
_PRECISION = MappingProxyType({0: Precision.DAY, 1: Precision.MONTH, 2: Precision.YEAR})
#: The one empty set shared by every mention (and merge group) without lemmas, participants,
#: persons...: an empty frozenset is not a singleton in CPython and costs 216 bytes each.
EMPTY: frozenset[Any] = frozenset()


@dataclass(frozen=True, slots=True, order=True)
class DateKey:
    """A calendar period as day ordinals ``[start, end]`` with its precision rank (0 day, 1 month,
    2 year)."""

    start: int
    end: int
    rank: int

    def overlaps(self, other: DateKey) -> bool:
        return self.start <= other.end and other.start <= self.end

    def distance(self, other: DateKey) -> int:
        """Days between the two periods (0 when they overlap)."""
        return max(0, other.start - self.end, self.start - other.end)

    def to_time(self) -> TimeValue:
        return TimeValue(value=dt.date.fromordinal(self.start), precision=_PRECISION[self.rank])


def date_key(value: TimeValue | None) -> DateKey | None:
    if value is None:
        return None
    return DateKey(value.start.toordinal(), value.end.toordinal(), _RANK[value.precision])


@dataclass(frozen=True, slots=True)
class PlaceKey:
    """A place reduced to what the merger compares: a name key, a country, coordinates."""

    name: str | None
    country: str | None
    lat: float | None = None
    lon: float | None = None

    def same_or_within(self, other: PlaceKey) -> bool:
        """Same name, or one name's words contain the other's ("Baghdad" in "central Baghdad")."""
        if not self.name or not other.name:
            return False
        a, b = f" {self.name} ", f" {other.name} "
        return a in b or b in a

    def km(self, other: PlaceKey) -> float | None:
        if None in (self.lat, self.lon, other.lat, other.lon):
            return None
        lat1, lon1, lat2, lon2 = map(math.radians, (self.lat, self.lon, other.lat, other.lon))  # type: ignore[arg-type]
        h = math.sin((lat2 - lat1) / 2) ** 2
        h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
        return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def place_key(
    name: str | None, country: str | None, lat: float | None, lon: float | None
) -> PlaceKey | None:
    key = _key(name) if name else None
    if not key and not country:
        return None
    return PlaceKey(key or None, country.upper() if country else None, lat, lon)


@dataclass(frozen=True, slots=True)
class MentionFeatures:
    """One event mention as the merger sees it.

    ``type`` blocks mentions (a PLOVER type, or any label); ``source``/``target`` are actor codes
    (already ordered for symmetric types); ``lemmas`` are trigger lemmas and ``participants``
    argument identifiers, used when the producer has them (the ECB+ evaluation does).
    """

    id: str
    doc: str
    type: str
    status: str
    source: str | None = None
    target: str | None = None
    threatened: str | None = None
    date: DateKey | None = None
    published: int | None = None
    source_person: str | None = None
    target_person: str | None = None
    place: PlaceKey | None = None
    text: str = ""
    lemmas: frozenset[str] = EMPTY
    participants: frozenset[str] = EMPTY
    killed: int | None = None
    doc_group: str | None = None

    @property
    def block(self) -> tuple[str, str, str | None, str | None]:
        """Mentions are compared only within a block: same type, status and actor codes."""
        return (self.type, self.status, self.source, self.target)


def _key(text: str) -> str:
    """A cheap comparison key: lower-case words joined by single spaces."""
    return " ".join(_WORDS.findall(text.casefold()))


def _person(ref: object) -> str | None:
    person = getattr(ref, "person", None)
    return _shared(_key(person) or None) if isinstance(person, str) else None


def _shared(value: str | None) -> str | None:
    """One copy of a string many mentions repeat (articles, actor codes, persons)."""
    return sys.intern(value) if value is not None else None


def features_of(
    event: Event,
    published: dt.date | None = None,
    symmetric: frozenset[str] = SYMMETRIC_TYPES,
    doc_group: str | None = None,
) -> MentionFeatures:
    """The features of an event mention (an :class:`Event` whose mentions lie in one article).

    ``published`` overrides the publication date stored with the mention (the store's current
    article date, which cross-article dating may have refined); ``doc_group`` names the set of
    near-duplicate articles the mention's article belongs to.
    """
    source = _shared(event.source.code) if event.source is not None and event.source.code else None
    target = _shared(event.target.code) if event.target is not None and event.target.code else None
    s_person, t_person = _person(event.source), _person(event.target)
    if event.type.value in symmetric and (source or "") > (target or ""):
        source, target, s_person, t_person = target, source, t_person, s_person
    if published is None:
        dates = [m.published for m in event.mentions if m.published is not None]
        published = min(dates) if dates else None
    loc = event.location
    return MentionFeatures(
        id=event.id,
        doc=sys.intern(event.mentions[0].doc),
        type=event.type.value,
        status=event.status.value,
        source=source,
        target=target,
        threatened=event.threatened_type.value if event.threatened_type else None,
        date=date_key(event.date),
        published=published.toordinal() if published is not None else None,
        source_person=s_person,
        target_person=t_person,
        place=place_key(loc.name, loc.country, loc.lat, loc.lon) if loc is not None else None,
        text=" ".join(m.text for m in event.mentions),
        killed=event.killed,
        doc_group=doc_group,
    )
