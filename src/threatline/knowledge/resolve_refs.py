"""Second pass over a text: phrases built on agents and titles, and back-references.

In text order, each agent or title word not already part of a name is read with its
qualifiers: with an owner it is a phrase ("Iraqi lawmakers" -> IRQ LEG, "Iran's foreign
minister" -> the holder on the date, "a Pentagon spokesman" -> USA); without one, after "the",
it points back ("the supreme leader" -> the person last introduced with that title, else the
holder on the date; "the agency" -> the last organisation named; "parliament" -> the
legislature of the state in focus). A capitalised word alone that is the surname of a person
named in full earlier is that person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from threatline.knowledge.resolve_context import ArticleContext, Found, make_ref
from threatline.knowledge.resolve_found import Hints, owner_codes
from threatline.knowledge.resolve_lexicon import Hit
from threatline.knowledge.resolve_roles import TOP_OFFICES
from threatline.knowledge.resolve_rules import (
    GENERIC_NOUNS,
    INSTITUTION_SECTORS,
    MILITIA_AGENTS,
    PROXY_MILITIAS,
)
from threatline.knowledge.resolve_sheet import Chunk, Sheet, left_chunk
from threatline.knowledge.text import normalise
from threatline.models import ActorKind, ActorRef

if TYPE_CHECKING:
    from threatline.knowledge.resolve import ActorResolver

__all__ = ["RefPass", "find_refs"]

_HEADS = frozenset({"TITLE", "AGENT", "RANK"})
_BARE = frozenset({"parliament", "regime", "congress", "legislature"})
_INDEFINITE = frozenset({"a", "an", "some", "any", "another", "other", "many", "several"})
_PROXY_WINDOW = 400  # characters back to look for the country of a patron's militia
_INSTITUTION_KINDS = {
    "GOV": ActorKind.GOVERNMENT_BODY,
    "LEG": ActorKind.GOVERNMENT_BODY,
    "JUD": ActorKind.GOVERNMENT_BODY,
    "MIL": ActorKind.MILITARY,
}


def find_refs(
    resolver: ActorResolver,
    sheet: Sheet,
    ctx: ArticleContext,
    *,
    offset: int = 0,
    hints: Hints | None = None,
) -> list[Found]:
    """Phrases and back-references of a text whose names are already in ``ctx``."""
    return RefPass(resolver, sheet, ctx, offset=offset, hints=hints).run()


def _heads(sheet: Sheet, index: int, reach: int) -> list[Hit]:
    """The longest title, rank or agent hit starting at ``index`` (a title beats the same
    agent word), unless it lies inside the previous head (which ends at ``reach``)."""
    hit = sheet.hit_starting(index, ("TITLE", "RANK", "AGENT"), free=True)
    if hit is None or hit.end <= reach:
        return []
    return [hit]


def _after_owner(sheet: Sheet, end: int) -> list[str]:
    """ "the government of Iraq": an owner joined after the head by "of" ("of Iraq's
    parliament": the last name of the phrase)."""
    if sheet.key(end) != "of":
        return []
    j = end + 1
    if sheet.key(j) == "the":
        j += 1
    code: str | None = None
    while j in sheet.names:
        stop, matches = sheet.names[j]
        code = matches[0].actor.code
        j = stop + 1 if sheet.words[stop].is_possessive else stop
        if stop < len(sheet.words) and not sheet.words[stop].is_possessive:
            break
    return [code] if code is not None else []


def _drop_leading_possessor(sheet: Sheet, chunk: Chunk) -> None:
    """ "Yemen's Iran-allied Houthi rebels": the phrase starts after the possessor
    when another owner stands between it and the head."""
    if len(chunk.owners) < 2:
        return
    first = min(chunk.owners, key=lambda o: o.start)
    if first.start == chunk.start and sheet.words[first.end].is_possessive:
        chunk.owners.remove(first)
        chunk.start = min(o.start for o in chunk.owners)


class RefPass:
    """The second pass over one text (``offset``: where the text starts in its article)."""

    def __init__(
        self,
        resolver: ActorResolver,
        sheet: Sheet,
        ctx: ArticleContext,
        *,
        offset: int = 0,
        hints: Hints | None = None,
    ) -> None:
        self.resolver = resolver
        self.kb = resolver.kb
        self.sheet = sheet
        self.ctx = ctx
        self.on = ctx.on
        self.offset = offset
        self.hints = hints

    def run(self) -> list[Found]:
        sheet, ctx = self.sheet, self.ctx
        out: list[Found] = []
        reach = 0
        words = sheet.words
        starts = {s for s, hits in sheet.starting.items() if any(h.label in _HEADS for h in hits)}
        candidates = sorted(
            starts.union(
                i
                for i, w in enumerate(words)
                if w.is_word and (w.capitalised or w.key in GENERIC_NOUNS)
            )
        )
        for index in candidates:
            word = words[index]
            if index in sheet.taken:
                continue
            heads = _heads(sheet, index, reach)
            reach = max([reach, *(h.end for h in heads)])
            made: list[Found | None] = [self.head(head) for head in heads]
            if not heads and word.key in GENERIC_NOUNS:
                made.append(self.generic(index))
            if not heads and word.capitalised and index not in sheet.names:
                made.append(self.surname(index))
            for found in made:
                if found is not None:
                    ctx.add([found])
                    out.append(found)
        return out

    def found(self, start: int, end: int, ref: ActorRef, via: str) -> Found:
        a, b = self.sheet.span(start, end)
        return Found(a + self.offset, b + self.offset, self.sheet.text[a:b], ref, via)

    def position(self, index: int) -> int:
        """Article offset of word ``index``."""
        return self.sheet.words[index].start + self.offset

    # ------------------------------------------------------------------ heads

    def head(self, head: Hit) -> Found | None:
        sheet = self.sheet
        chunk = left_chunk(sheet, head.start)
        _drop_leading_possessor(sheet, chunk)
        key = " ".join(w.key for w in sheet.words[head.start : head.end])
        agents = [key, *(sheet.text_of(h.start, h.end).casefold() for h in chunk.agents)]
        codes = owner_codes(chunk, agents) + _after_owner(sheet, head.end)
        if head.label == "AGENT":
            return self.agent_phrase(head, chunk, key, codes)
        if sheet.hit_starting(head.end, ("HONORIFIC",)) is not None:
            return None  # a title before a name the first pass did not take
        offices = self.offices(head, bool(codes))
        ranks = frozenset({self.resolver.rank_class(key)}) if head.label == "RANK" else frozenset()
        if codes:
            return self.title_phrase(head, chunk, key, codes, offices)
        if chunk.determiner != "the" or chunk.owners or chunk.patrons():
            return None
        nxt = head.end
        if nxt < len(sheet.words) and sheet.words[nxt].is_word and sheet.words[nxt].capitalised:
            return None
        return self.title_alone(head, offices, ranks)

    def agent_phrase(self, head: Hit, chunk: Chunk, key: str, codes: list[str]) -> Found | None:
        """ "Iraqi lawmakers", "Tehran-funded militias", else "parliament", "the agency"."""
        agent = self.resolver.lexicon.agents.get(key)
        if agent is None:
            return None
        militia = agent.word in MILITIA_AGENTS
        if not codes and chunk.patrons() and militia:
            codes = self.proxy(chunk, self.position(head.start))
        text = self.sheet.text_of(chunk.start, head.end)
        if codes:
            owner = chunk.primary()[0].matches[0].actor if chunk.primary() else None
            sector = owner.sector if owner is not None and owner.sector else agent.sector
            ref = make_ref(code=codes[0], name=text, sector=sector, kind=agent.kind)
            return self.found(chunk.start, head.end, ref, "phrase")
        if chunk.patrons() and militia:
            ref = make_ref(name=text, sector=agent.sector, kind=agent.kind, resolved=False)
            return self.found(chunk.start, head.end, ref, "phrase")
        if chunk.patrons() or chunk.owners:
            return None
        return self.institution(head, chunk) or self.generic(head.start, head.end)

    def title_phrase(
        self, head: Hit, chunk: Chunk, key: str, codes: list[str], offices: tuple[str, ...]
    ) -> Found:
        """ "Iran's foreign minister" (the holder), "a Pentagon spokesman" (USA, no person)."""
        definite = chunk.determiner not in _INDEFINITE and not key.endswith("s")
        person = self.holder(offices, codes[0], self.position(head.start)) if definite else None
        if person is not None:
            return self.found(chunk.start, head.end, person, "title")
        sector = self.resolver.title_sector(chunk, codes, next(iter(offices), None))
        text = self.sheet.text_of(chunk.start, head.end)
        role = self.sheet.text_of(head.start, head.end)
        ref = make_ref(code=codes[0], name=text, sector=sector, role=role, kind=ActorKind.PERSON)
        return self.found(chunk.start, head.end, ref, "phrase")

    def title_alone(
        self, head: Hit, offices: tuple[str, ...], ranks: frozenset[str]
    ) -> Found | None:
        """ "the supreme leader", "the general": the person last named with that title or
        holding it, else the holder for the state in focus."""
        before = self.position(head.start)
        item = self.person_in_office(offices, None, before, ranks)
        if item is not None and item.ref is not None:
            return self.found(head.start, head.end, item.ref.model_copy(), "title")
        sentence = self.position(self.sheet.sentence_start(head.start))
        state = self.ctx.state_in_focus(before, sentence)
        if state is not None and offices:
            ref = self.holder_ref(offices, state)
            if ref is not None:
                return self.found(head.start, head.end, ref, "title")
        return None

    def offices(self, head: Hit, owned: bool) -> tuple[str, ...]:
        if head.label != "TITLE":
            return ()
        text = self.sheet.text_of(head.start, head.end)
        office = self.kb.office_for_title(text)
        if office is None:
            return ()
        if office == "group_leader" and owned and normalise(text) in ("leader", "leaders"):
            return (*TOP_OFFICES, office)  # "the US leader": whoever leads the state
        return (office,)

    # ---------------------------------------------------------------- holders

    def person_in_office(
        self,
        offices: tuple[str, ...],
        code: str | None,
        before: int,
        ranks: frozenset[str] = frozenset(),
    ) -> Found | None:
        """The last person named before ``before`` who was introduced with one of these
        titles or ranks, or holds one of ``offices`` on the date."""
        titled = self.ctx.titled(frozenset(offices), ranks, before)
        for item in reversed(self.ctx.found):
            if item.start >= before or not item.is_person or item.ref is None:
                continue
            if code is not None and item.code != code:
                continue
            if (item.ref.person or item.ref.name) in titled:
                return item
            person = self.kb.person(item.ref.person) if item.ref.person else None
            if person is None:
                continue
            roles = self.resolver.roles.roles_for(person, self.on)
            if any(role.office in offices for role in roles):
                return item
        return None

    def holder(self, offices: tuple[str, ...], code: str, before: int) -> ActorRef | None:
        if not offices:
            return None
        item = self.person_in_office(offices, code, before)
        if item is not None and item.ref is not None:
            return item.ref.model_copy()
        return self.holder_ref(offices, code)

    def holder_ref(self, offices: tuple[str, ...], code: str) -> ActorRef | None:
        for office in offices:
            found = self.resolver.roles.holders(office, code, self.on, national=True)
            if len(found) == 1:
                return self.resolver.person_ref(found[0], self.on, (code,))
            if found:
                return None
        return None

    def proxy(self, chunk: Chunk, before: int) -> list[str]:
        """ "Tehran-funded militias": the patron's militia in the country named just before."""
        patron = chunk.patrons()[0].matches[0].actor.code
        for item in reversed(self.ctx.states(before, max(0, before - _PROXY_WINDOW))):
            if item.code is not None and item.code != patron:
                group = PROXY_MILITIAS.get((patron, item.code))
                if group is not None:
                    return [group]
        return []

    # -------------------------------------------------------- back-references

    def institution(self, head: Hit, chunk: Chunk) -> Found | None:
        """ "parliament", "the regime": an institution of the state in focus."""
        sheet = self.sheet
        key = sheet.words[head.start].key
        if head.end - head.start != 1 or key not in INSTITUTION_SECTORS:
            return None
        if chunk.determiner != "the" and not (chunk.determiner is None and key in _BARE):
            return None
        a, b = sheet.span(head.start, head.end)
        if self.hints is not None and not self.hints.noun(a, b):
            return None  # "military bases", "government forces"
        before = self.position(head.start)
        if key == "regime":
            code = self.ctx.salient_state(before)
        else:
            code = self.ctx.state_in_focus(before, self.position(sheet.sentence_start(head.start)))
        if code is None:
            return None
        sector = INSTITUTION_SECTORS[key]
        kind = _INSTITUTION_KINDS.get(sector, ActorKind.GOVERNMENT_BODY)
        ref = make_ref(
            code=code, name=sheet.text_of(head.start, head.end), sector=sector, kind=kind
        )
        return self.found(head.start, head.end, ref, "generic")

    def generic(self, index: int, end: int | None = None) -> Found | None:
        """ "the agency", "the militia": the last organisation of that kind."""
        sheet = self.sheet
        kinds = GENERIC_NOUNS.get(sheet.words[index].key)
        if kinds is None or sheet.key(index - 1) != "the":
            return None
        if sheet.key(index + 1) == "of" or (index + 1) in sheet.names:
            return None
        item = self.ctx.last_of_kind(kinds, self.position(index))
        if item is None or item.ref is None:
            return None
        return self.found(index, end or index + 1, item.ref.model_copy(), "generic")

    def surname(self, index: int) -> Found | None:
        """A capitalised word alone that names a person introduced in full in the article."""
        sheet = self.sheet
        word = sheet.words[index]
        nxt = sheet.words[index + 1] if index + 1 < len(sheet.words) else None
        if nxt is not None and nxt.is_word and nxt.capitalised and (index + 1) not in sheet.taken:
            return None  # part of a longer name the first pass did not know
        honorific = sheet.hit_ending(index, ("HONORIFIC",))
        before = self.position(index)
        item = self.ctx.person_named(word.text, before)
        if item is None and honorific is not None:
            item = self.ctx.person_named(word.text, before, given=True)  # "Haj Qassem"
        if item is None or item.ref is None:
            return None
        start = honorific.start if honorific is not None else index
        return self.found(start, index + 1, item.ref.model_copy(), "surname")
