"""When two groups of mentions may be one real-world event, and how strongly the evidence says so.

A :class:`Group` summarises the mentions merged so far (its dates, documents, persons, places,
texts). :func:`conflict` says when two groups cannot be one event: a hard constraint on every
pair of their members (complete linkage), checked on the summaries. :func:`strength` scores the
evidence that they are: dates at the same precision, persons, places, evidence text, trigger
lemmas, arguments and casualty figures. The rules and their weights are in docs/crossdoc.md.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from types import MappingProxyType

from rapidfuzz import fuzz, utils

from threatline.crossdoc.features import EMPTY, DateKey, MentionFeatures, PlaceKey

__all__ = ["DEFAULT_NEAR_TYPES", "Group", "MergeOptions", "conflict", "strength", "text_similarity"]

#: Pairs of PLOVER types a single act is often coded as (PLOVER manual; gold judgment calls): a
#: demand backed by force (REQUEST/COERCE), a violent protest (PROTEST/ASSAULT), leaving a deal
#: (REJECT/RETREAT), punitive measures (SANCTION/COERCE), an attack coded as force (ASSAULT/COERCE).
DEFAULT_NEAR_TYPES: frozenset[frozenset[str]] = frozenset(
    frozenset(pair)
    for pair in (
        ("REQUEST", "COERCE"),
        ("PROTEST", "ASSAULT"),
        ("REJECT", "RETREAT"),
        ("SANCTION", "COERCE"),
        ("ASSAULT", "COERCE"),
    )
)

_DATE_WEIGHT = MappingProxyType({0: 3.0, 1: 2.0, 2: 1.0})
_MIXED_WEIGHT = MappingProxyType({1: 1.5, 2: 0.5})
_TEXT_SAMPLES = 4


@dataclass(frozen=True)
class MergeOptions:
    """Knobs of the merge; the defaults are the documented behaviour."""

    day_tolerance: int = 1
    strong_text: float = 0.8
    bridge_text: float = 0.6
    undated_text: float = 0.5
    undated_threshold: float = 2.0
    attach_margin: float = 1.0
    undated_window_days: int = 31
    max_candidates: int = 64
    near_km: float = 50.0
    near_types: frozenset[frozenset[str]] = DEFAULT_NEAR_TYPES
    lemma_weight: float = 1.5
    participant_weight: float = 1.5
    copy_weight: float = 1.0

    def near(self, a: str, b: str) -> bool:
        return frozenset((a, b)) in self.near_types


@dataclass(slots=True)
class Group:
    """The summary of a set of mentions that are taken to be one event.

    ``finest`` is the most precise date of the group (the earliest among equally precise ones).
    """

    ids: list[str]
    key: str
    types: set[str]
    status: str
    sources: set[str | None]
    targets: set[str | None]
    threatened: frozenset[str]
    dates: set[DateKey]
    undated: bool
    docs: dict[str, set[DateKey | None]]
    published: int | None
    source_persons: frozenset[str]
    target_persons: frozenset[str]
    places: list[PlaceKey]
    texts: list[str]
    lemmas: frozenset[str]
    participants: frozenset[str]
    killed: frozenset[int] = EMPTY
    doc_groups: frozenset[str] = EMPTY
    finest: DateKey | None = None

    @classmethod
    def of(cls, m: MentionFeatures) -> Group:
        return cls(
            ids=[m.id],
            key=m.id,
            types={m.type},
            status=m.status,
            sources={m.source},
            targets={m.target},
            threatened=frozenset({m.threatened}) if m.threatened else EMPTY,
            dates={m.date} if m.date is not None else set(),
            undated=m.date is None,
            docs={m.doc: {m.date}},
            published=m.published,
            source_persons=frozenset({m.source_person}) if m.source_person else EMPTY,
            target_persons=frozenset({m.target_person}) if m.target_person else EMPTY,
            places=[m.place] if m.place is not None else [],
            texts=[utils.default_process(m.text)] if m.text else [],
            lemmas=m.lemmas or EMPTY,
            participants=m.participants or EMPTY,
            killed=frozenset({m.killed}) if m.killed is not None else EMPTY,
            doc_groups=frozenset({m.doc_group}) if m.doc_group else EMPTY,
            finest=m.date,
        )

    def absorb(self, other: Group) -> None:
        self.ids.extend(other.ids)
        self.key = min(self.key, other.key)
        self.types |= other.types
        self.sources |= other.sources
        self.targets |= other.targets
        if other.threatened:
            self.threatened |= other.threatened
        self.dates |= other.dates
        if other.finest is not None and (
            self.finest is None
            or (other.finest.rank, other.finest.start) < (self.finest.rank, self.finest.start)
        ):
            self.finest = other.finest
        self.undated = self.undated or other.undated
        for doc, dates in other.docs.items():
            self.docs.setdefault(doc, set()).update(dates)
        known = [p for p in (self.published, other.published) if p is not None]
        self.published = min(known) if known else None
        if other.source_persons:
            self.source_persons |= other.source_persons
        if other.target_persons:
            self.target_persons |= other.target_persons
        for place in other.places:
            if place not in self.places:
                self.places.append(place)
        for text in other.texts:
            if len(self.texts) < _TEXT_SAMPLES and text not in self.texts:
                self.texts.append(text)
        if other.lemmas:
            self.lemmas |= other.lemmas
        if other.participants:
            self.participants |= other.participants
        if other.killed:
            self.killed |= other.killed
        if other.doc_groups:
            self.doc_groups |= other.doc_groups


def _dates_conflict(a: Group, b: Group, tolerance: int) -> bool:
    for x in a.dates:
        for y in b.dates:
            if x.overlaps(y):
                continue
            if tolerance and x.rank == 0 and y.rank == 0 and x.distance(y) <= tolerance:
                continue
            return True
    return False


def _same_doc_conflict(a: Group, b: Group) -> bool:
    """Within one article, mentions with different dates are different acts (gold §2.2)."""
    small, large = (a, b) if len(a.docs) <= len(b.docs) else (b, a)
    for doc, dates in small.docs.items():
        other = large.docs.get(doc)
        if other is None:
            continue
        known = {d for d in dates | other if d is not None}
        if len(known) > 1:
            return True
    return False


def _disjoint(x: AbstractSet[str], y: AbstractSet[str]) -> bool:
    return bool(x) and bool(y) and not (x & y)


def _places_conflict(a: Group, b: Group) -> bool:
    ca = {p.country for p in a.places if p.country}
    cb = {p.country for p in b.places if p.country}
    return _disjoint(ca, cb)


def conflict(a: Group, b: Group, options: MergeOptions, *, tolerance: bool = False) -> bool:
    """Whether the two groups cannot be one event (checked on every pair of their members)."""
    if a.status != b.status:
        return True
    if len(a.threatened | b.threatened) > 1:
        return True
    if len(a.source_persons | b.source_persons) > 1:
        return True
    if len({s for s in a.sources | b.sources if s}) > 1:
        return True
    if len({t for t in a.targets | b.targets if t}) > 1:
        return True
    for x in a.types:
        for y in b.types:
            if x != y and not options.near(x, y):
                return True
    if _places_conflict(a, b) or _same_doc_conflict(a, b):
        return True
    return _dates_conflict(a, b, options.day_tolerance if tolerance else 0)


def text_similarity(a: Group, b: Group) -> float | None:
    """Best rapidfuzz token-set ratio (0..1) between the evidence texts, None without texts."""
    if not a.texts or not b.texts:
        return None
    best = 0.0
    for x in a.texts:
        for y in b.texts:
            best = max(best, fuzz.token_set_ratio(x, y, processor=None) / 100.0)
    return best


def _date_strength(a: DateKey | None, b: DateKey | None) -> float:
    if a is None or b is None:
        return 0.0
    if a == b:
        return _DATE_WEIGHT[a.rank]
    if a.overlaps(b):
        return _MIXED_WEIGHT[max(a.rank, b.rank)]
    return 1.0  # within the day tolerance


def _place_strength(a: Group, b: Group, near_km: float) -> float:
    best = 0.0
    for x in a.places:
        for y in b.places:
            if x.same_or_within(y):
                return 1.0
            km = x.km(y)
            if km is not None and km <= near_km:
                best = 0.5
    return best


def strength(a: Group, b: Group, options: MergeOptions, text: float | None = None) -> float:
    """How strongly the evidence says the two groups are one event (higher is stronger)."""
    score = _date_strength(a.finest, b.finest)
    if a.source_persons & b.source_persons:
        score += 1.0
    if a.target_persons & b.target_persons:
        score += 1.0
    elif _disjoint(a.target_persons, b.target_persons):
        score -= 1.5
    score += _place_strength(a, b, options.near_km)
    if text is None:
        text = text_similarity(a, b)
    if text is not None:
        score += 2.0 * (text - 0.5)
    if a.lemmas and b.lemmas:
        score += options.lemma_weight if a.lemmas & b.lemmas else -options.lemma_weight
    if a.participants and b.participants:
        shared = a.participants & b.participants
        score += options.participant_weight if shared else -options.participant_weight / 2
    if a.killed & b.killed - {0}:
        score += 0.5
    if a.doc_groups & b.doc_groups and set(a.docs) != set(b.docs):
        score += options.copy_weight
    return score
