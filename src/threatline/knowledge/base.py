"""The loaded knowledge base: validated entries plus the lookups the actor resolver needs.

A :class:`KnowledgeBase` is built once by :func:`threatline.knowledge.load_knowledge` and held
by its caller; it never changes after construction.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from threatline.knowledge.schema import (
    ActorEntry,
    AgentEntry,
    OfficeEntry,
    OrganEntry,
    PersonEntry,
    RoleEntry,
    StateEntry,
)
from threatline.knowledge.text import case_compatible, is_acronym, normalise, strip_article, tokens
from threatline.models import Actor, ActorKind, ActorRef

__all__ = ["KnowledgeBase", "Match", "Via"]

Via = Literal["name", "official", "alias", "demonym", "metonym", "organ"]


@dataclass(frozen=True, slots=True)
class Match:
    """One way a surface form names an actor: ``via`` says which kind of name it was."""

    actor: Actor
    via: Via
    alias: str
    organ: bool = False


@dataclass(frozen=True, slots=True)
class _Name:
    """An indexed alias: the match it gives, its tokens and whether it is an acronym."""

    match: Match
    tokens: tuple[str, ...]
    acronym: bool


@dataclass(frozen=True)
class _Indexes:
    actors: dict[str, Actor] = field(default_factory=dict)
    entries: dict[str, StateEntry | ActorEntry] = field(default_factory=dict)
    organs: dict[str, list[Actor]] = field(default_factory=lambda: defaultdict(list))
    organ_names: dict[str, dict[str, Actor]] = field(default_factory=lambda: defaultdict(dict))
    organ_loose: dict[str, dict[str, Actor]] = field(default_factory=lambda: defaultdict(dict))
    names: dict[str, list[_Name]] = field(default_factory=lambda: defaultdict(list))
    person_names: dict[str, list[PersonEntry]] = field(default_factory=lambda: defaultdict(list))
    surnames: dict[str, list[PersonEntry]] = field(default_factory=lambda: defaultdict(list))
    agents: dict[str, AgentEntry] = field(default_factory=dict)
    offices: dict[str, OfficeEntry] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    holders: dict[tuple[str, str], list[tuple[PersonEntry, RoleEntry]]] = field(
        default_factory=lambda: defaultdict(list)
    )


_LOOSE_STOP = frozenset({"the", "of", "for", "and", "on", "in"})


def _loose_key(key: str, drop: frozenset[str]) -> str:
    """A normalised organ name without function words or the owner's name: the organ's gist.

    "Ministry of the Interior" and "Ministry of Interior of France" both give "ministry
    interior" for FRA.
    """
    words = key.split(" ")
    return " ".join(word for word in words if word not in _LOOSE_STOP and word not in drop)


def _organ_actor(organ: OrganEntry, code: str, country: str | None) -> Actor:
    return Actor(
        code=code,
        name=organ.name,
        kind=organ.kind,
        sector=organ.sector,
        country=country,
        aliases=list(organ.aliases),
    )


def _state_actor(state: StateEntry) -> Actor:
    aliases = [state.official, *state.aliases, *state.metonyms, *state.demonyms]
    unique = [alias for alias in dict.fromkeys(aliases) if alias != state.name]
    return Actor(
        code=state.code, name=state.name, kind=ActorKind.STATE, country=state.code, aliases=unique
    )


def _entry_actor(entry: ActorEntry) -> Actor:
    return Actor(
        code=entry.code,
        name=entry.name,
        kind=entry.kind,
        sector=entry.sector,
        country=entry.country,
        aliases=list(entry.aliases),
    )


@dataclass(frozen=True)
class KnowledgeBase:
    """Validated knowledge entries and lookups over them (build with ``load_knowledge``)."""

    states: tuple[StateEntry, ...] = ()
    igos: tuple[ActorEntry, ...] = ()
    groups: tuple[ActorEntry, ...] = ()
    organisations: tuple[ActorEntry, ...] = ()
    media: tuple[ActorEntry, ...] = ()
    agents: tuple[AgentEntry, ...] = ()
    offices: tuple[OfficeEntry, ...] = ()
    persons: tuple[PersonEntry, ...] = ()
    _index: _Indexes = field(default_factory=_Indexes, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = self._index
        for state in self.states:
            self._add(index, state.code, state, _state_actor(state), state.code)
            actor = index.actors[state.code]
            self._name(index, state.official, actor, "official")
            for text in state.aliases:
                if text != state.official:
                    self._name(index, text, actor, "alias")
            for text in state.demonyms:
                self._name(index, text, actor, "demonym")
            for text in state.metonyms:
                self._name(index, text, actor, "metonym")
        for entry in (*self.igos, *self.groups, *self.organisations, *self.media):
            actor = _entry_actor(entry)
            self._add(index, entry.code, entry, actor, entry.country)
            for text in entry.aliases:
                self._name(index, text, actor, "alias")
        for agent in self.agents:
            for form in agent.forms:
                index.agents[normalise(form)] = agent
        for office in self.offices:
            index.offices[office.office] = office
            for title in office.titles:
                index.titles[normalise(title)] = office.office
        for person in self.persons:
            for text in (person.name, *person.aliases):
                bucket = index.person_names[normalise(text)]
                if all(other is not person for other in bucket):
                    bucket.append(person)
            surname = normalise(person.name).split(" ")[-1]
            index.surnames[surname].append(person)
            for role in person.roles:
                index.holders[(role.office, role.actor)].append((person, role))

    @staticmethod
    def _name(index: _Indexes, text: str, actor: Actor, via: Via, organ: bool = False) -> str:
        words = tokens(text)
        if len(words) > 1 and words[0] == "the":  # "the Kingdom" is found as "Kingdom" too
            words = words[1:]
        match = Match(actor=actor, via=via, alias=text, organ=organ)
        key = " ".join(word.casefold() for word in words)
        index.names[key].append(_Name(match, tuple(words), is_acronym(text)))
        return key

    def _add(
        self,
        index: _Indexes,
        code: str,
        entry: StateEntry | ActorEntry,
        actor: Actor,
        country: str | None,
    ) -> None:
        index.actors[code] = actor
        index.entries[code] = entry
        self._name(index, actor.name, actor, "name")
        owner = [entry.name, *(entry.demonyms if isinstance(entry, StateEntry) else ())]
        drop = frozenset(word for text in owner for word in normalise(text).split(" "))
        for organ in entry.organs:
            organ_actor = _organ_actor(organ, code, country)
            index.organs[code].append(organ_actor)
            for text in (organ.name, *organ.aliases):
                key = self._name(index, text, organ_actor, "organ", organ=True)
                index.organ_names[code].setdefault(key, organ_actor)
                index.organ_loose[code].setdefault(_loose_key(key, drop), organ_actor)

    # ----------------------------------------------------------------- actors

    @property
    def codes(self) -> frozenset[str]:
        """Every actor code (states, IGOs, groups, organisations, media)."""
        return frozenset(self._index.actors)

    def actor(self, code: str) -> Actor:
        """The canonical actor with this code (``KeyError`` if unknown)."""
        return self._index.actors[code]

    def get(self, code: str) -> Actor | None:
        return self._index.actors.get(code)

    def entry(self, code: str) -> StateEntry | ActorEntry:
        """The raw validated entry behind an actor code (``KeyError`` if unknown)."""
        return self._index.entries[code]

    def actors(self) -> list[Actor]:
        return list(self._index.actors.values())

    def organs(self, code: str) -> list[Actor]:
        """The named organs of an actor, each an :class:`Actor` sharing its code."""
        return list(self._index.organs.get(code, ()))

    def organ(self, code: str, name: str) -> Actor | None:
        """The organ of ``code`` called ``name``: its name or an alias, else the same gist.

        The gist ignores function words and the owner's name, so "Ministry of Foreign Affairs"
        finds China's "Ministry of Foreign Affairs of China".
        """
        exact = self._index.organ_names.get(code, {}).get(strip_article(normalise(name)))
        if exact is not None:
            return exact
        entry = self._index.entries.get(code)
        if entry is None:
            return None
        owner = [entry.name, *(entry.demonyms if isinstance(entry, StateEntry) else ())]
        drop = frozenset(word for text in owner for word in normalise(text).split(" "))
        loose = _loose_key(strip_article(normalise(name)), drop)
        return self._index.organ_loose.get(code, {}).get(loose)

    def state(self, code: str) -> StateEntry | None:
        entry = self._index.entries.get(code)
        return entry if isinstance(entry, StateEntry) else None

    def lookup(self, text: str, *, exact_case: bool = True) -> list[Match]:
        """Every actor or organ that ``text`` names, by exact normalised name.

        A leading "the" is optional ("the Pentagon" = "Pentagon"). With ``exact_case`` (the
        default) capitalised alias words must be capitalised in the text ("shell" is not Shell,
        "the Atlantic" is not The Atlantic); acronym aliases (US, UN, IRGC) always need capitals,
        so the pronoun "us" is not the United States.
        """
        words = tokens(text)
        candidates = [words]
        if len(words) > 1 and words[0].casefold() == "the":
            candidates.append(words[1:])
        for candidate in candidates:
            key = " ".join(word.casefold() for word in candidate)
            upper = is_acronym(" ".join(candidate))
            found = [
                name.match
                for name in self._index.names.get(key, ())
                if (upper or not name.acronym)
                and (not exact_case or case_compatible(name.tokens, candidate))
            ]
            if found:
                return found
        return []

    def matches(self) -> list[Match]:
        """Every indexed name of every actor and organ (one :class:`Match` per name)."""
        return [name.match for names in self._index.names.values() for name in names]

    # ------------------------------------------------------------ vocabulary

    def titles(self) -> dict[str, str]:
        """Every office title (normalised) with its office key."""
        return dict(self._index.titles)

    def agent_forms(self) -> dict[str, AgentEntry]:
        """Every agent form (normalised) with its agent."""
        return dict(self._index.agents)

    def agent(self, word: str) -> AgentEntry | None:
        """The generic agent a word denotes ("troops" -> MIL), if any."""
        return self._index.agents.get(strip_article(normalise(word)))

    def office(self, key: str) -> OfficeEntry | None:
        return self._index.offices.get(key)

    def office_for_title(self, title: str) -> str | None:
        """The office key a title names ("top diplomat" -> foreign_minister), if any."""
        return self._index.titles.get(strip_article(normalise(title)))

    # --------------------------------------------------------------- persons

    def person(self, name: str) -> PersonEntry | None:
        """The person whose canonical name is ``name``."""
        for person in self._index.person_names.get(normalise(name), ()):
            if person.name == name:
                return person
        return None

    def find_persons(self, text: str) -> list[PersonEntry]:
        """Persons named by ``text``: full name or alias first, else surname alone."""
        found = self._index.person_names.get(normalise(text))
        if found:
            return list(found)
        return list(self._index.surnames.get(normalise(text), ()))

    def roles_on(self, person: PersonEntry, on: dt.date) -> list[RoleEntry]:
        """The roles ``person`` may hold on ``on``."""
        return [role for role in person.roles if role.holds_on(on)]

    def persons_with_office(self, office: str, actor_code: str, on: dt.date) -> list[PersonEntry]:
        """Who holds ``office`` for ``actor_code`` on ``on`` (more than one when bounds blur)."""
        holders = self._index.holders.get((office, actor_code), ())
        return _unique(person for person, role in holders if role.holds_on(on))

    def office_holders(self, office: str, actor_code: str) -> list[tuple[PersonEntry, RoleEntry]]:
        """Everyone who ever held ``office`` for ``actor_code``, with the role."""
        return list(self._index.holders.get((office, actor_code), ()))

    def person_ref(self, person: PersonEntry, on: dt.date | None = None) -> ActorRef:
        """The person as an event participant: code, sector and role on a date.

        Without a date, or with no role held then, the latest role is used.
        """
        roles = self.roles_on(person, on) if on is not None else []
        if not roles:
            roles = sorted(person.roles, key=_role_sort_key)[-1:]
        if not roles:
            return ActorRef(name=person.name, person=person.name, kind=ActorKind.PERSON)
        role = roles[0]
        return ActorRef(
            code=role.actor,
            name=person.name,
            person=person.name,
            sector=role.sector,
            role=role.title or role.office,
            kind=ActorKind.PERSON,
        )


def _role_sort_key(role: RoleEntry) -> tuple[dt.date, dt.date]:
    start = role.start_date
    end = role.end_date
    return (start.start if start else dt.date.min, end.end if end else dt.date.max)


def _unique(persons: Iterable[PersonEntry]) -> list[PersonEntry]:
    out: list[PersonEntry] = []
    for person in persons:
        if all(other is not person for other in out):
            out.append(person)
    return out
