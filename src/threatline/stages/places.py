"""The places stage: place mentions of an article, resolved against the offline gazetteer.

Candidates come from two sources: the NER's place entities (LOC, GPE, FAC; an ORG or PER entity
too when its whole text is a country or a site: NER confuses them) and a PhraseMatcher over the
gazetteer's names (multi-word sites the NER misses or cuts: "Strait of Hormuz", "Baghdad
International Airport", "Ayn al-Asad"). Overlaps keep the longest name that resolves, so the
most specific place wins ("Beirut port" over "Beirut"). A place entity the gazetteer does not
know is kept, unresolved, only where the sentence uses it as a place ("in X", "the town of X").

Resolution uses the article: countries named in it (and cities that exist in only one country)
break ties between namesakes (Tripoli in Lebanon or Libya), and "City, Country" or "City, State"
decides outright. Demonyms ("Iranian") are not places. A lower-case direction word before a
place is part of the mention ("northern Iraq").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from threatline.errors import StageError
from threatline.knowledge.gazetteer import Candidate, Gazetteer, load_gazetteer
from threatline.knowledge.gazetteer_names import normalise
from threatline.models import Place, PlaceMention
from threatline.stages.base import Work
from threatline.stages.places_match import PlaceMatcher
from threatline.stages.places_syntax import (
    NON_PLACE_LABELS,
    PLACE_LABELS,
    PLACE_NOUNS,
    city_in_use,
    is_locative,
    named_person,
    person_words,
    place_runs,
    proper_runs,
)

__all__ = ["PlaceStage"]

_DIRECTIONS = frozenset(
    {
        "central", "northern", "southern", "eastern", "western", "northeastern",
        "northwestern", "southeastern", "southwestern", "north", "south", "east", "west",
        "northeast", "northwest", "southeast", "southwest", "downtown",
    }
)  # fmt: skip
_COMPASS = frozenset({"north", "south"})
_CALENDAR = frozenset(
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday",
    }
)  # fmt: skip
_TRIM_START = frozenset({"DT", "PDT", "PRP$"})
_TRIM_END = frozenset({"POS", ",", ".", ":", "HYPH", "''", "``"})
_NOT_PLACE_KINDS = frozenset({"city", "admin"})


@dataclass
class _Found:
    span: Span
    candidates: list[Candidate]
    syntactic: bool = False
    ranked: list[Candidate] = field(default_factory=list)


class PlaceStage:
    """Fills ``work.places``: sorted place mentions with offsets into ``work.article.text``."""

    name = "places"
    requires = frozenset({"doc"})
    provides = frozenset({"places"})

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        self.gazetteer.warm()
        self._matcher: PlaceMatcher | None = None

    def __call__(self, batch: list[Work]) -> None:
        for work in batch:
            if work.doc is None:
                raise StageError("no parsed doc", doc=work.article.id, stage=self.name)
            work.places = self.find(work.doc)

    def matcher(self, doc: Doc) -> PlaceMatcher:
        """The PhraseMatcher for this doc's vocabulary (built on first use)."""
        if self._matcher is None or self._matcher.vocab is not doc.vocab:
            self._matcher = PlaceMatcher(self.gazetteer, doc.vocab)
        return self._matcher

    def find(self, doc: Doc) -> list[PlaceMention]:
        """The place mentions of a parsed text, resolved and sorted."""
        lookups: dict[str, list[Candidate]] = {}
        persons = person_words(doc)
        found = _select(list(self._candidates(doc, lookups, persons)), len(doc), persons)
        for item in found:
            item.ranked = self.gazetteer.rank(item.candidates)
        context = _context(found)
        text = doc.text  # built on each access: once here
        mentions = []
        for i, item in enumerate(found):
            place = self._resolve(found, i, context)
            start, end = _extend_left(item.span), item.span.end_char
            mentions.append(PlaceMention(start=start, end=end, text=text[start:end], place=place))
        return mentions

    def _lookup(
        self, span: Span, lookups: dict[str, list[Candidate]], fuzzy: bool
    ) -> list[Candidate]:
        key = f"{fuzzy}:{span.text}"
        if key not in lookups:
            found = self.gazetteer.candidates(span.text, fuzzy=fuzzy)
            lookups[key] = [c for c in found if _acronym_fits(span, c)]
        return lookups[key]

    def _candidates(
        self, doc: Doc, lookups: dict[str, list[Candidate]], persons: dict[str, set[int]]
    ) -> Iterator[_Found]:
        matched = self.matcher(doc).spans(doc)
        for span in matched:
            candidates = self._lookup(span, lookups, fuzzy=False)
            if candidates:
                yield _Found(span, candidates)
        for ent in doc.ents:
            trimmed = _trim(ent)
            if trimmed is None:
                continue
            if ent.label_ in PLACE_LABELS:
                if not _demonym(trimmed):
                    yield _Found(trimmed, self._lookup(trimmed, lookups, fuzzy=True))
            elif ent.label_ in NON_PLACE_LABELS:
                candidates = self._lookup(trimmed, lookups, fuzzy=False)
                ranked = self.gazetteer.rank(candidates)
                if ranked and ranked[0].place.kind not in _NOT_PLACE_KINDS:
                    yield _Found(trimmed, candidates)
        runs = proper_runs(doc)
        for run in place_runs(runs):
            yield _Found(run, self._lookup(run, lookups, fuzzy=True), syntactic=True)
        placed = {t.i for span in matched for t in span}
        for run in runs:  # city names the matcher does not hold (smaller cities, variants)
            cities = [c for c in self._lookup(run, lookups, fuzzy=False) if c.place.kind == "city"]
            if not cities:
                continue
            large = max(c.entry.population for c in cities) >= self.gazetteer.pattern_population
            if city_in_use(run, placed, persons, large=large):
                yield _Found(run, cities)

    def _resolve(self, found: list[_Found], i: int, context: dict[str, set[str]]) -> Place | None:
        item = found[i]
        countries = _context_for(item, context)
        candidates = [c for c in item.candidates if _supported(c, countries)]
        if not candidates:
            return None
        after = found[i + 1] if i + 1 < len(found) else None
        if after is not None and after.ranked and _comma_between(item.span, after.span):
            outer = after.ranked[0]
            if outer.place.kind in {"country", "admin"} and outer.place.country:
                inside = [c for c in candidates if c.place.country == outer.place.country]
                if inside:
                    admin1 = outer.entry.admin1
                    return self.gazetteer.rank(inside, admin1=admin1)[0].place
        return self.gazetteer.rank(candidates, countries)[0].place


def _select(found: list[_Found], length: int, persons: dict[str, set[int]]) -> list[_Found]:
    """Non-overlapping mentions: resolved ones longest first, then unresolved place entities
    used as places."""
    taken = [False] * length
    chosen: list[_Found] = []
    resolved = sorted(
        (f for f in found if f.candidates), key=lambda f: (-len(f.span), f.span.start)
    )
    for item in resolved:
        if not any(taken[item.span.start : item.span.end]):
            chosen.append(item)
            taken[item.span.start : item.span.end] = [True] * len(item.span)
    for item in found:
        if item.candidates or any(taken[item.span.start : item.span.end]):
            continue
        if named_person(item.span, persons):
            continue
        if item.syntactic or _used_as_place(item.span):
            chosen.append(item)
            taken[item.span.start : item.span.end] = [True] * len(item.span)
    return sorted(chosen, key=lambda f: f.span.start)


def _context(found: list[_Found]) -> dict[str, set[str]]:
    """Countries the article names (named countries, places that exist in one country), each
    with the names that name it."""
    countries: dict[str, set[str]] = {}
    for item in found:
        if not item.ranked or item.ranked[0].fuzzy:
            continue
        top = item.ranked[0].place
        single = len({c.place.country for c in item.candidates}) == 1
        if top.country and (top.kind == "country" or single):
            countries.setdefault(top.country, set()).add(normalise(item.span.text))
    return countries


def _context_for(item: _Found, context: dict[str, set[str]]) -> set[str]:
    """The context countries named by other names than this mention's own ("Georgia" does
    not make itself the country Georgia)."""
    own = normalise(item.span.text)
    return {country for country, names in context.items() if names - {own}}


def _supported(candidate: Candidate, countries: set[str]) -> bool:
    """A city found only as a spelling variant must lie in a country the article names."""
    if not candidate.fuzzy or candidate.place.kind != "city":
        return True
    return candidate.place.country in countries


def _trim(ent: Span) -> Span | None:
    """An entity without a leading determiner or a trailing possessive or punctuation."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].tag_ in _TRIM_START or doc[start].lower_ == "the"):
        start += 1
    while end > start and (doc[end - 1].tag_ in _TRIM_END or doc[end - 1].is_punct):
        end -= 1
    if start >= end or not any(c.isalpha() for c in doc[start:end].text):
        return None
    return doc[start:end]


def _demonym(span: Span) -> bool:
    """A one-word adjective or plural people noun: "Iranian", "Iraqis"."""
    return len(span) == 1 and span[0].tag_ in {"JJ", "NNPS", "NNS"}


def _used_as_place(span: Span) -> bool:
    """An unknown place entity is kept where the sentence uses it as a place."""
    if all(t.lower_ in _CALENDAR or not t.is_alpha for t in span):
        return False
    if not any(t.text[:1].isupper() for t in span):
        return False
    return span[-1].lower_ in PLACE_NOUNS or is_locative(span.root, strict=True)


def _acronym_fits(span: Span, candidate: Candidate) -> bool:
    """An all-capitals short name (UN, IS) is a country or site alias, never a city."""
    text = span.text.replace(".", "")
    if not (text.isupper() and len(text) <= 5):
        return True
    return candidate.place.kind not in _NOT_PLACE_KINDS or len(span) > 1


def _comma_between(first: Span, second: Span) -> bool:
    return second.start == first.end + 1 and first.doc[first.end].text == ","


def _extend_left(span: Span) -> int:
    """The start offset including a lower-case direction word ("north-eastern Syria")."""
    doc = span.doc
    start = span.start
    if start > 0 and doc[start - 1].is_lower and doc[start - 1].lower_ in _DIRECTIONS:
        start -= 1
        if start > 1 and doc[start - 1].text == "-" and doc[start - 2].lower_ in _COMPASS:
            start -= 2
    return doc[start].idx
