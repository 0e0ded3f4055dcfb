"""Which role a person acts in on a date, and who holds an office on a date.

A person's :class:`~threatline.models.ActorRef` takes its code, sector and title from the most
salient role held on the date: head of state or government, then ministers, then military and
group leaders, then everyone else (:data:`OFFICE_RANK`). With no role held that day the most
recently ended role is used (the dead and the retired act as what they last were), else the
first role to come. Without a date, the roles still held today count (else the latest).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from threatline.knowledge.base import KnowledgeBase
from threatline.knowledge.resolve_context import make_ref
from threatline.knowledge.schema import PersonEntry, RoleEntry
from threatline.models import ActorKind, ActorRef

__all__ = ["OFFICE_RANK", "OFFICE_SECTOR", "TOP_OFFICES", "Roles", "office_sector", "role_rank"]

_RANKS: tuple[tuple[str, ...], ...] = (
    ("supreme_leader",),
    ("president", "head_of_state", "king", "emir"),
    ("prime_minister", "chancellor"),
    ("vice_president", "crown_prince", "deputy_prime_minister"),
    ("foreign_minister", "defence_minister", "interior_minister", "finance_minister"),
    (
        "minister", "justice_minister", "oil_minister", "information_minister", "health_minister",
        "intelligence_chief", "national_security_adviser", "nuclear_chief",
        "central_bank_governor", "presidential_chief_of_staff", "judiciary_chief", "speaker",
    ),
    (
        "army_chief", "military_commander", "secretary_general", "director_general",
        "group_leader", "high_commissioner", "police_chief", "prosecutor_general",
    ),
    ("deputy_foreign_minister", "deputy_commander", "deputy_leader", "chairman", "party_leader"),
    ("un_ambassador", "ambassador", "envoy", "special_envoy", "rapporteur"),
    ("committee_chair", "lawmaker", "prosecutor", "judge", "governor", "cleric"),
    ("spokesperson", "adviser"),
    ("analyst", "journalist", "scientist", "executive", "activist"),
)  # fmt: skip
OFFICE_RANK: Mapping[str, int] = MappingProxyType(
    {office: rank for rank, offices in enumerate(_RANKS) for office in offices}
)
_UNRANKED = len(_RANKS)

# Offices that lead a state's executive, most powerful first ("the US leader").
TOP_OFFICES = (
    "supreme_leader", "president", "king", "emir", "prime_minister", "chancellor", "head_of_state",
)  # fmt: skip

# The sector a title gives when only the title is known ("a Pentagon spokesman" keeps the
# organ's sector; None: the owner's sector).
OFFICE_SECTOR: Mapping[str, str] = MappingProxyType(
    {
        "army_chief": "MIL",
        "military_commander": "MIL",
        "deputy_commander": "MIL",
        "defence_minister": "MIL",
        "intelligence_chief": "SPY",
        "police_chief": "COP",
        "interior_minister": "GOV",
        "speaker": "LEG",
        "lawmaker": "LEG",
        "committee_chair": "LEG",
        "judiciary_chief": "JUD",
        "judge": "JUD",
        "prosecutor": "JUD",
        "prosecutor_general": "JUD",
        "cleric": "REL",
        "analyst": "ELI",
        "journalist": "MED",
        "scientist": "ELI",
        "executive": "BUS",
        "activist": "OPP",
    }
)
_GOVERNMENT = frozenset(
    [
        "head_of_state",
        "president",
        "vice_president",
        "prime_minister",
        "deputy_prime_minister",
        "chancellor",
        "supreme_leader",
        "king",
        "crown_prince",
        "emir",
        "presidential_chief_of_staff",
        "minister",
        "foreign_minister",
        "deputy_foreign_minister",
        "finance_minister",
        "justice_minister",
        "oil_minister",
        "information_minister",
        "health_minister",
        "national_security_adviser",
        "nuclear_chief",
        "central_bank_governor",
        "un_ambassador",
        "ambassador",
        "envoy",
        "special_envoy",
        "governor",
    ]
)


def role_rank(role: RoleEntry) -> int:
    return OFFICE_RANK.get(role.office, _UNRANKED)


def office_sector(office: str | None, owner_sector: str | None, state: bool) -> str | None:
    """The sector a title gives: its own, else the owner's, else GOV for state offices."""
    if office is not None and office in OFFICE_SECTOR:
        return OFFICE_SECTOR[office]
    if owner_sector is not None:
        return owner_sector
    return "GOV" if state and (office is None or office in _GOVERNMENT) else None


class Roles:
    """Dated roles of a knowledge base's persons, with their bounds computed once."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._bounds: dict[int, tuple[dt.date, dt.date]] = {}
        for person in kb.persons:
            for role in person.roles:
                start, end = role.start_date, role.end_date
                self._bounds[id(role)] = (
                    start.start if start is not None else dt.date.min,
                    end.end if end is not None else dt.date.max,
                )

    def bounds(self, role: RoleEntry) -> tuple[dt.date, dt.date]:
        found = self._bounds.get(id(role))
        if found is None:
            start, end = role.start_date, role.end_date
            found = (
                start.start if start is not None else dt.date.min,
                end.end if end is not None else dt.date.max,
            )
        return found

    def holds(self, role: RoleEntry, on: dt.date) -> bool:
        start, end = self.bounds(role)
        return start <= on <= end

    def active(self, person: PersonEntry, on: dt.date) -> bool:
        return any(self.holds(role, on) for role in person.roles)

    def roles_for(
        self, person: PersonEntry, on: dt.date | None, actors: Iterable[str] = ()
    ) -> list[RoleEntry]:
        """The person's roles that count on ``on``, most salient first.

        ``actors``: codes the text ties the person to ("PMF commander"); when some role is for
        one of them, only those roles count.
        """
        roles = list(person.roles)
        wanted = set(actors)
        if wanted and any(role.actor in wanted for role in roles):
            roles = [role for role in roles if role.actor in wanted]
        if on is None:
            chosen = [role for role in roles if role.end is None] or self._latest(roles)
        else:
            held = [role for role in roles if self.holds(role, on)]
            past = [role for role in roles if self.bounds(role)[1] < on]
            future = [role for role in roles if self.bounds(role)[0] > on]
            if held:
                chosen = held
            elif past:
                chosen = self._latest(past)
            else:
                first = min((self.bounds(role)[0] for role in future), default=None)
                chosen = [role for role in future if self.bounds(role)[0] == first]
        return sorted(chosen, key=role_rank)

    def _latest(self, roles: list[RoleEntry]) -> list[RoleEntry]:
        last = max((self.bounds(role)[1] for role in roles), default=None)
        return [role for role in roles if self.bounds(role)[1] == last]

    def person_ref(
        self,
        person: PersonEntry,
        on: dt.date | None,
        actors: Iterable[str] = (),
        name: str | None = None,
    ) -> ActorRef:
        """The person as an actor on ``on``: code, sector and title of the most salient role."""
        roles = self.roles_for(person, on, actors)
        if not roles:
            return make_ref(name=name or person.name, person=person.name, kind=ActorKind.PERSON)
        role = roles[0]
        return make_ref(
            code=role.actor,
            name=name or person.name,
            person=person.name,
            sector=role.sector,
            role=role.title or role.office.replace("_", " "),
            kind=ActorKind.PERSON,
        )

    def holders(
        self, office: str, code: str, on: dt.date | None, *, national: bool = False
    ) -> list[PersonEntry]:
        """Who holds ``office`` for ``code`` on ``on`` (without a date: today's holders).

        ``national``: when several hold it, prefer those whose role is not tied to an organ
        (the prime minister of Iraq over the prime minister of its Kurdistan Region).
        """
        pairs: list[tuple[PersonEntry, RoleEntry]] = []
        for person, role in self.kb.office_holders(office, code):
            held = role.end is None if on is None else self.holds(role, on)
            if held and all(other is not person for other, _ in pairs):
                pairs.append((person, role))
        if national and len(pairs) > 1:
            pairs = [pair for pair in pairs if pair[1].organ is None] or pairs
        return [person for person, _ in pairs]
