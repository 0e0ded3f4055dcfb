"""Actor resolution: who a mention names, on the date it acted.

:class:`ActorResolver` holds the knowledge base and everything built from it once (the
PhraseMatcher of names, titles and agents; the blocked person index). :meth:`analyse` finds
every actor mention of a text in two passes (:mod:`~threatline.knowledge.resolve_found`, then
:mod:`~threatline.knowledge.resolve_refs`); :meth:`resolve` resolves one mention text;
:meth:`ref_on` re-dates a person's resolution.

Conventions (see docs/knowledge.md, "Resolution"):

- a person's ``ActorRef`` has ``code`` = the actor of their most salient role on the date,
  ``person`` and ``name`` = the canonical name, ``role`` = the title then, ``sector``;
- a person the knowledge base does not hold keeps the name as written, the code its title
  gives ("Iranian Deputy Foreign Minister X" -> IRN) and ``resolved=False``;
- without a date, persons act in their current (else latest) role and titles resolve to their
  current holders.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from threatline.knowledge.base import KnowledgeBase, Match
from threatline.knowledge.resolve_context import ArticleContext, Found, make_ref
from threatline.knowledge.resolve_found import (
    Hints,
    NameSpan,
    find_names,
    person_found,
)
from threatline.knowledge.resolve_lexicon import Lexicon
from threatline.knowledge.resolve_names import fold
from threatline.knowledge.resolve_persons import PersonIndex
from threatline.knowledge.resolve_refs import find_refs
from threatline.knowledge.resolve_roles import Roles, office_sector, role_rank
from threatline.knowledge.resolve_scan import scan
from threatline.knowledge.resolve_sheet import Chunk, Sheet
from threatline.knowledge.schema import PersonEntry
from threatline.knowledge.text import normalise
from threatline.models import Actor, ActorKind, ActorRef

__all__ = ["ActorResolver"]

_RANK_CLASSES = {
    "general": ("gen", "general", "major general", "maj gen", "brigadier general", "brig gen",
                "lieutenant general", "lt gen", "second brigadier general", "sardar", "amir",
                "sepahbod"),
    "admiral": ("adm", "admiral", "rear admiral", "vice admiral"),
    "colonel": ("col", "colonel", "lieutenant colonel", "lt col"),
    "marshal": ("marshal", "field marshal", "air marshal"),
}  # fmt: skip


class ActorResolver:
    """Resolves actor mentions against a knowledge base (build once, reuse for every text)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.lexicon = Lexicon(kb)
        self.persons = PersonIndex(kb)
        self.roles = Roles(kb)
        self._ranks = {word: rank for rank, words in _RANK_CLASSES.items() for word in words}

    # ------------------------------------------------------------------ public

    def analyse(
        self,
        text: str,
        on: dt.date | None = None,
        *,
        hints: Hints | None = None,
        context: ArticleContext | None = None,
        offset: int = 0,
    ) -> list[Found]:
        """Every actor mention of ``text``, in order; offsets are shifted by ``offset``.

        ``hints`` (entity labels and tags of a parsed Doc) help with unknown names and nouns;
        ``context`` collects the mentions (back-references of a later call use them) and takes
        ``on`` as its date if it has none.
        """
        ctx = context if context is not None else ArticleContext(on=on)
        if ctx.on is None:
            ctx.on = on
        words = scan(text)
        sheet = Sheet(text, words, self.lexicon.find(words))
        names, people = find_names(self, sheet, hints)
        found: list[Found] = []
        codes = {m.actor.code for span in names for m in span.matches[:1]}
        for span in names:
            found.extend(self._name_found(sheet, span, codes, offset))
        found.extend(self._people(sheet, people, on, offset))
        ctx.add(found)
        found.extend(find_refs(self, sheet, ctx, offset=offset, hints=hints))
        return sorted(found, key=lambda f: (f.start, -f.end))

    def resolve(
        self,
        text: str,
        on: dt.date | None = None,
        context: ArticleContext | None = None,
        position: int | None = None,
    ) -> ActorRef | None:
        """The actor one mention text names ("Iran's foreign minister", "Qasem Soleimani").

        ``context`` (an article's mentions so far) lets back-references resolve ("the
        president", "Soleimani"); ``position`` is where the text stands in that article
        (default: after everything in the context). An unknown capitalised name gives an
        unresolved ``ActorRef``; text naming nothing gives None.
        """
        stripped = text.strip()
        if not stripped:
            return None
        ctx = ArticleContext(on=on, found=list(context.found) if context is not None else [])
        if position is None:
            position = max((f.end for f in ctx.found), default=0) + 1
        found = [f for f in self.analyse(stripped, on, context=ctx, offset=position) if f.ref]
        end = position + len(stripped)
        if found:
            best = max(found, key=lambda f: (f.end == end, f.end - f.start, f.start))
            assert best.ref is not None
            return best.ref
        words = [w for w in scan(stripped) if w.is_word]
        if words and all(w.capitalised for w in words[-2:]):
            return make_ref(name=stripped, resolved=False)
        return None

    def ref_on(self, ref: ActorRef, on: dt.date | None) -> ActorRef:
        """``ref`` re-dated: a knowledge-base person's code, sector and role on ``on``."""
        person = self.kb.person(ref.person) if ref.person is not None else None
        if person is None:
            return ref
        dated = self.roles.person_ref(person, on)
        return ref.model_copy(
            update={"code": dated.code, "sector": dated.sector, "role": dated.role}
        )

    def person_ref(
        self, person: PersonEntry, on: dt.date | None = None, actors: Iterable[str] = ()
    ) -> ActorRef:
        """A knowledge-base person on ``on``, preferring roles for ``actors`` (codes the text
        ties the person to)."""
        return self.roles.person_ref(person, on, actors)

    # ---------------------------------------------------------------- helpers

    def rank_class(self, text: str) -> str:
        key = normalise(text)
        return self._ranks.get(key, key)

    def title_sector(self, chunk: Chunk, codes: list[str], office: str | None) -> str | None:
        """The sector a title chunk gives: the office's own, the owner organ's, else GOV."""
        owners = chunk.primary()
        actor = owners[0].matches[0].actor if owners else None
        if actor is None and codes:
            actor = self.kb.get(codes[0])
        state = actor is not None and self.kb.state(actor.code) is not None
        sector = actor.sector if actor is not None and actor.kind is not ActorKind.STATE else None
        return office_sector(office, sector, state)

    def pick_person(
        self, persons: list[PersonEntry], on: dt.date | None, codes: set[str]
    ) -> PersonEntry | None:
        """One person among namesakes: the one acting on the date, for the article's actors,
        in the highest office."""
        if len(persons) <= 1:
            return persons[0] if persons else None
        pool = persons
        if on is not None:
            active = [p for p in pool if self.roles.active(p, on)]
            pool = active or pool
        related = [p for p in pool if any(r.actor in codes for r in p.roles)]
        pool = related or pool
        return min(
            pool, key=lambda p: min((role_rank(r) for r in self.roles.roles_for(p, on)), default=99)
        )

    def _name_found(
        self, sheet: Sheet, span: NameSpan, codes: set[str], offset: int
    ) -> list[Found]:
        match = _best_match(span.matches, codes)
        actor = match.actor
        a, b = sheet.span(span.start, span.end)
        state = actor.kind is ActorKind.STATE
        ref = make_ref(code=actor.code, name=actor.name, sector=actor.sector, kind=actor.kind)
        out = [Found(a + offset, b + offset, sheet.text[a:b], ref, match.via, state=state)]
        if span.end - span.start > 1:
            out.extend(self._inner(sheet, span, actor, offset))
        return out

    def _inner(self, sheet: Sheet, span: NameSpan, outer: Actor, offset: int) -> list[Found]:
        """Names inside a longer name that modify a common noun: the state in "US military"
        and "Iranian-backed Iraqi militiamen", the group in "Islamic State militants"; not a part
        of a longer proper name ("Mehr" in "Mehr News Agency", "Iran" in "Islamic Republic of
        Iran") nor the place in a media title."""
        out: list[Found] = []
        for start in range(span.start, span.end):
            for hit in sheet.starting.get(start, ()):
                if (
                    hit.label != "NAME"
                    or hit.end > span.end
                    or (hit.start, hit.end)
                    == (
                        span.start,
                        span.end,
                    )
                ):
                    continue
                if not _modifies(sheet, hit.start, hit.end, span.end):
                    continue
                found = self._inner_found(sheet, hit.start, hit.end, outer, offset)
                if found is not None:
                    out.append(found)
        return out

    def _inner_found(
        self, sheet: Sheet, start: int, end: int, outer: Actor, offset: int
    ) -> Found | None:
        usable = [
            m
            for m in sheet.lookup(self.kb, sheet.text_of(start, end))
            if m.via != "metonym"
            and (
                m.actor.code == outer.code
                or (m.actor.kind is ActorKind.STATE and outer.kind is not ActorKind.MEDIA)
            )
        ]
        if not usable:
            return None
        actor = usable[0].actor
        a, b = sheet.span(start, end)
        ref = make_ref(code=actor.code, name=actor.name, sector=actor.sector, kind=actor.kind)
        state = actor.kind is ActorKind.STATE
        return Found(a + offset, b + offset, sheet.text[a:b], ref, "inner", state=state)

    def _people(
        self, sheet: Sheet, spans: list[NameSpan], on: dt.date | None, offset: int
    ) -> list[Found]:
        out: list[Found] = []
        article = {p.name for s in spans if s.kind in ("person", "fuzzy") for p in s.persons}
        codes = {c for s in spans for p in s.persons for c in (r.actor for r in p.roles)}
        full_names = [s for s in spans if s.kind in ("person", "fuzzy", "unknown")]
        for span in spans:
            if span.kind == "org":
                a, b = sheet.span(span.start, span.end)
                text = sheet.text[a:b]
                ref = make_ref(name=text, kind=ActorKind.OTHER, resolved=False)
                out.append(Found(a + offset, b + offset, text, ref, "unknown"))
                continue
            if span.kind == "surname":
                same = _surname_owner(sheet, span, full_names)
                if same is not None and same.kind == "unknown":
                    continue  # the second pass links it to the unknown person
                persons = [p for p in span.persons if p.name in article] or span.persons
                if same is not None:
                    persons = same.persons or persons
                person = self.pick_person(persons, on, codes)
            elif span.kind == "unknown":
                person = None
            else:
                person = self.pick_person(span.persons, on, codes)
            item = person_found(self, sheet, span, person, on)
            if item.ref is not None and item.ref.code is not None:
                actor = Actor(code=item.ref.code, name=item.ref.name, kind=ActorKind.PERSON,
                              sector=item.ref.sector)  # fmt: skip
                sheet.add_name(span.start, span.end, (Match(actor, "name", item.text),))
            item.start += offset
            item.end += offset
            if span.kind == "surname":
                item.via = "surname"
            out.append(item)
        return out


def _modifies(sheet: Sheet, start: int, end: int, outer_end: int) -> bool:
    """Whether the name at ``[start, end)`` is followed, inside its outer name, by lower-case
    words or a possessive only (at least one)."""
    after = sheet.words[end:outer_end]
    if any(w.is_word and w.capitalised for w in after) or any(w.is_boundary for w in after):
        return False
    return bool(after)


def _best_match(matches: tuple[Match, ...], codes: set[str]) -> Match:
    if len(matches) == 1:
        return matches[0]
    for match in matches:
        if match.actor.code in codes:
            return match
    return matches[0]


def _surname_owner(sheet: Sheet, span: NameSpan, full: list[NameSpan]) -> NameSpan | None:
    """The full-name span of the article whose surname this single word is."""
    word = fold(sheet.words[span.start].key)
    for other in full:
        if other is span or other.end - other.start < 2:
            continue
        if fold(sheet.words[other.end - 1].key) == word:
            return other
    return None
