"""First pass over a text: knowledge-base names, persons and unknown proper names.

Overlapping lexicon hits are settled longest first (a person's full name beats the state name
inside it, "Washington Post" beats "Washington"); a knowledge-base actor name beats a bare
surname unless the article names that person in full. Capitalised runs that no name covers
become transliteration matches of knowledge-base persons, or unknown persons and organisations
when the text introduces them with a title or the NER model tags them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from spacy.lang.en.stop_words import STOP_WORDS

from threatline.knowledge.base import Match
from threatline.knowledge.resolve_context import Found, make_ref
from threatline.knowledge.resolve_names import NAME_PARTICLES
from threatline.knowledge.resolve_rules import PROXY_MILITIAS
from threatline.knowledge.resolve_sheet import Chunk, Sheet, left_chunk, right_chunk
from threatline.knowledge.schema import PersonEntry
from threatline.models import ActorKind

if TYPE_CHECKING:
    from threatline.knowledge.resolve import ActorResolver

__all__ = ["Hints", "NameSpan", "find_names"]

_DASHES = frozenset(",–—-:")
_NAME_LABELS = frozenset({"NAME", "PERSON", "SURNAME", "PREFIX"})
PERSON_LABELS = frozenset({"PER", "PERSON"})
ORG_LABELS = frozenset({"ORG"})
_NOT_NAMES = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)


class Hints(Protocol):
    """What a parsed Doc can tell the resolver about a character span."""

    def entity(self, start: int, end: int) -> str | None:
        """The NER label over the span (PER, ORG, LOC, ... as the model writes it), if any."""
        ...

    def proper(self, start: int, end: int) -> bool:
        """Whether every token of the span is tagged as a proper noun."""
        ...

    def noun(self, start: int, end: int) -> bool:
        """Whether the span's last token is a noun heading its phrase (not a modifier)."""
        ...


@dataclass(slots=True)
class NameSpan:
    """A candidate name: words ``[start, end)`` and what it may name."""

    start: int
    end: int
    priority: int
    kind: str  # name | person | surname | fuzzy | unknown | org
    matches: tuple[Match, ...] = ()
    persons: list[PersonEntry] = field(default_factory=list)


def _capitalised(sheet: Sheet, start: int, end: int) -> bool:
    words = [w for w in sheet.words[start:end] if w.is_word]
    return (
        bool(words)
        and all(w.capitalised or w.key in NAME_PARTICLES for w in words)
        and (words[-1].capitalised)
    )


def _candidates(resolver: ActorResolver, sheet: Sheet) -> list[NameSpan]:
    kb = resolver.kb
    found: list[NameSpan] = []
    covered: list[int] = [0] * (len(sheet.words) + 1)  # longest name found so far, per word
    ordered = sorted(
        (h for hits in sheet.starting.values() for h in hits if h.label in _NAME_LABELS),
        key=lambda h: h.start - h.end,
    )
    for hit in ordered:
        size = hit.end - hit.start
        if any(covered[i] > size for i in range(hit.start, hit.end)):
            continue  # inside a longer name: it could not win
        before = len(found)
        text = sheet.text_of(hit.start, hit.end)
        if hit.label == "NAME":
            matches = sheet.lookup(kb, text)
            if matches:
                found.append(NameSpan(hit.start, hit.end, 1, "name", tuple(matches)))
        elif hit.label == "PERSON" and _capitalised(sheet, hit.start, hit.end):
            if size > 1 or not _inside_longer_name(sheet, hit.start):
                persons = resolver.persons.exact(text)
                if persons:
                    found.append(NameSpan(hit.start, hit.end, 0, "person", persons=persons))
        elif hit.label == "SURNAME" and _capitalised(sheet, hit.start, hit.end):
            key = sheet.words[hit.start].key
            if key not in _NOT_NAMES and not _inside_longer_name(sheet, hit.start):
                persons = kb.find_persons(key)
                found.append(NameSpan(hit.start, hit.end, 2, "surname", persons=persons))
        elif hit.label == "PREFIX" and _capitalised(sheet, hit.start, hit.end):
            gap = _gapped(resolver, sheet, hit.start, hit.end)
            if gap is not None:
                found.append(gap)
        for span in found[before:]:
            for i in range(span.start, span.end):
                covered[i] = max(covered[i], span.end - span.start)
    return found


def _inside_longer_name(sheet: Sheet, index: int) -> bool:
    """A surname inside a longer name ("Karim" in "Karim Vossoughi") is not that surname. In a
    headline, where every word is capitalised, only a neighbouring name word counts."""
    neighbours = (index - 1, index + 1)
    if sheet.title_case_line(index):
        return any(sheet.loose_name_word(j) and j in sheet.person_words for j in neighbours)
    return any(sheet.loose_name_word(j) for j in neighbours)


def _gapped(resolver: ActorResolver, sheet: Sheet, start: int, end: int) -> NameSpan | None:
    """A name split by 1-3 lower-case words: "the Quds special operations force"."""
    heads = resolver.lexicon.gapped.get(" ".join(w.key for w in sheet.words[start:end]), [])
    for j in range(end + 1, min(end + 4, len(sheet.words))):
        between = sheet.words[end:j]
        if not all(w.is_word and not w.capitalised for w in between):
            return None
        for head, alias in heads:
            if sheet.words[j].key == head:
                matches = resolver.kb.lookup(alias)
                if matches:
                    return NameSpan(start, j + 1, 1, "name", tuple(matches))
    return None


def _select(spans: list[NameSpan]) -> list[NameSpan]:
    chosen: list[NameSpan] = []
    used: set[int] = set()
    for span in sorted(spans, key=lambda s: (s.start - s.end, s.priority, s.start)):
        if used.isdisjoint(range(span.start, span.end)):
            chosen.append(span)
            used.update(range(span.start, span.end))
    return sorted(chosen, key=lambda s: s.start)


def _runs(sheet: Sheet) -> list[tuple[int, int]]:
    """Runs of capitalised words that no selected name covers and no title word starts."""
    runs: list[tuple[int, int]] = []
    words = sheet.words
    i = 0
    while i < len(words):
        if not _run_word(sheet, i):
            i += 1
            continue
        j = i + 1
        while j < len(words):
            if _run_word(sheet, j):
                j += 1
            elif words[j].key in NAME_PARTICLES and j + 1 < len(words) and _run_word(sheet, j + 1):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _run_word(sheet: Sheet, index: int) -> bool:
    word = sheet.words[index]
    return (
        word.is_word
        and word.capitalised
        and index not in sheet.taken
        and index not in sheet.qualified
        and not word.text.isdigit()
        and word.key not in STOP_WORDS
        and word.key not in _NOT_NAMES
    )


def _unknown_spans(resolver: ActorResolver, sheet: Sheet, hints: Hints | None) -> list[NameSpan]:
    found: list[NameSpan] = []
    for start, end in _runs(sheet):
        single = end - start == 1
        if not single:
            persons = resolver.persons.fuzzy(sheet.text_of(start, end))
            if persons:
                found.append(NameSpan(start, end, 0, "fuzzy", persons=persons))
                continue
        chunk = _introduction(sheet, start, end, left_only=single)
        if chunk.introduces and (not single or not sheet.at_sentence_start(start)):
            found.append(NameSpan(start, end, 0, "unknown"))
            continue
        if single or sheet.title_case_line(start) or hints is None:
            continue
        a, b = sheet.span(start, end)
        if not hints.proper(a, b):
            continue
        label = hints.entity(a, b)
        if label in PERSON_LABELS:
            found.append(NameSpan(start, end, 0, "unknown"))
        elif label in ORG_LABELS:
            found.append(NameSpan(start, end, 1, "org"))
    return found


def _introduction(sheet: Sheet, start: int, end: int, left_only: bool = False) -> Chunk:
    """The title chunk of a name: before it, before a comma or dash before it, or after it."""
    chunk = left_chunk(sheet, start)
    if chunk.introduces or chunk.owners or left_only:
        return chunk
    before = start - 1
    if before > 0 and sheet.words[before].is_boundary and set(sheet.words[before].text) & _DASHES:
        earlier = left_chunk(sheet, before)
        if earlier.titles:
            return earlier
    after = right_chunk(sheet, end)
    return after if after.introduces else chunk


def find_names(
    resolver: ActorResolver, sheet: Sheet, hints: Hints | None
) -> tuple[list[NameSpan], list[NameSpan]]:
    """Selected actor names and person names (knowledge-base, fuzzy and unknown)."""
    spans = _select(_candidates(resolver, sheet))
    full = {p.name for s in spans if s.kind == "person" for p in s.persons}
    for span in spans:
        if span.kind == "surname" and any(p.name in full for p in span.persons):
            span.priority = 0
    spans = _select(spans)
    names = [s for s in spans if s.kind == "name"]
    for span in names:
        sheet.add_name(span.start, span.end, span.matches)
    persons = [s for s in spans if s.kind != "name"]
    for span in persons:
        sheet.take(span.start, span.end)
    unknown = _unknown_spans(resolver, sheet, hints)
    for span in unknown:
        sheet.take(span.start, span.end)
    return names, sorted(persons + unknown, key=lambda s: s.start)


def owner_codes(chunk: Chunk, agents: list[str]) -> list[str]:
    """Codes of a chunk's primary owners; a state owner of a militia becomes the militia."""
    codes: list[str] = []
    militia = any(agent in ("militia", "militias", "militiamen") for agent in agents)
    patrons = [o.matches[0].actor.code for o in chunk.patrons()]
    for owner in chunk.primary():
        code = owner.matches[0].actor.code
        if militia and owner.matches[0].actor.kind is ActorKind.STATE:
            patron = patrons[0] if patrons else None
            code = PROXY_MILITIAS.get((patron, code)) or PROXY_MILITIAS.get((None, code)) or code
        codes.append(code)
    return codes


def person_found(
    resolver: ActorResolver,
    sheet: Sheet,
    span: NameSpan,
    person: PersonEntry | None,
    on: dt.date | None,
) -> Found:
    """A person mention with the code its title gives, or the knowledge base on the date."""
    chunk = _introduction(sheet, span.start, span.end)
    agents = [sheet.text_of(h.start, h.end).casefold() for h in chunk.agents]
    codes = owner_codes(chunk, agents)
    start = span.start
    while (hon := sheet.hit_ending(start, ("HONORIFIC",))) is not None:
        start = hon.start
    a, b = sheet.span(start, span.end)
    text = sheet.text[a:b]
    offices = frozenset(
        office
        for hit in chunk.titles
        if (office := resolver.kb.office_for_title(sheet.text_of(hit.start, hit.end)))
    )
    ranks = frozenset(resolver.rank_class(sheet.text_of(h.start, h.end)) for h in chunk.ranks)
    for hit in (*chunk.titles, *chunk.agents, *chunk.ranks):
        sheet.take(hit.start, hit.end)
    name_text = sheet.text_of(span.start, span.end)
    if person is not None:
        ref = resolver.person_ref(person, on, codes)
        return Found(a, b, text, ref, "person" if span.kind != "fuzzy" else "fuzzy", offices, ranks)
    title = sheet.text_of(chunk.titles[0].start, chunk.titles[0].end) if chunk.titles else None
    code = codes[0] if codes else None
    first = (
        resolver.kb.office_for_title(sheet.text_of(chunk.titles[0].start, chunk.titles[0].end))
        if chunk.titles
        else None
    )
    sector = resolver.title_sector(chunk, codes, first)
    ref = make_ref(
        code=code,
        name=name_text,
        person=name_text,
        sector=sector,
        role=title,
        kind=ActorKind.PERSON,
        resolved=False,
    )
    return Found(a, b, text, ref, "unknown", offices, ranks)
