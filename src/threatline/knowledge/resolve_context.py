"""What an article has said so far: the memory behind back-references.

An :class:`ArticleContext` collects the actors found in one article (:class:`Found`), in text
order, and answers the questions back-references ask: who was introduced with this surname or
given name, who last held this title, which organisation of this kind was named last, which
state the text is talking about.
"""

from __future__ import annotations

import datetime as dt
from bisect import insort
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from threatline.knowledge.resolve_names import GIVEN_NAME_PARTICLES, fold
from threatline.knowledge.text import normalise
from threatline.models import ActorKind, ActorRef

__all__ = ["ArticleContext", "Found", "make_ref"]


def make_ref(**fields: Any) -> ActorRef:
    """An :class:`ActorRef` (one place to build them, so they can be made cheaper later)."""
    return ActorRef(**fields)


@dataclass(slots=True)
class Found:
    """One actor mention found in a text: character span, resolution and how it was found.

    ``via`` is one of name, official, alias, demonym, metonym, organ (knowledge-base names),
    person, surname, fuzzy, unknown (names of persons and organisations), phrase (owner +
    agent or title), title (a title standing for its holder), generic (a back-reference noun),
    inner (a state named inside a longer mention). ``offices`` and ``ranks`` are the titles a
    person was introduced with; ``state`` marks a state named directly.
    """

    start: int
    end: int
    text: str
    ref: ActorRef | None
    via: str
    offices: frozenset[str] = frozenset()
    ranks: frozenset[str] = frozenset()
    state: bool = False

    @property
    def code(self) -> str | None:
        return self.ref.code if self.ref is not None else None

    @property
    def is_person(self) -> bool:
        return self.ref is not None and self.ref.kind is ActorKind.PERSON


def _name_parts(name: str) -> tuple[str, str]:
    """Folded given name and surname of a full name."""
    words = fold(normalise(name)).split(" ")
    given = [word for word in words if word not in GIVEN_NAME_PARTICLES]
    return (given[0] if given else "", words[-1] if words else "")


@dataclass
class ArticleContext:
    """The actors of one article so far, and its publication date (``on``)."""

    on: dt.date | None = None
    found: list[Found] = field(default_factory=list)
    _persons: list[Found] = field(default_factory=list, repr=False)
    # full-name persons by folded given name (0) and surname (1); folded forms of words
    _named: tuple[dict[str, list[Found]], dict[str, list[Found]]] = field(
        default_factory=lambda: ({}, {}), repr=False
    )
    _folded: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        found, self.found = self.found, []
        self.add(found)

    def add(self, items: Iterable[Found]) -> None:
        for item in items:
            if not self.found or _order(item) >= _order(self.found[-1]):
                self.found.append(item)
            else:
                insort(self.found, item, key=_order)
            if item.is_person and item.via in _FULL_NAME_VIAS and item.ref is not None:
                insort(self._persons, item, key=_order)
                for part, key in enumerate(_name_parts(item.ref.name)):
                    if key:
                        insort(self._named[part].setdefault(key, []), item, key=_order)

    def fold(self, word: str) -> str:
        """The folded form of a word (see :func:`threatline.knowledge.resolve_names.fold`)."""
        found = self._folded.get(word)
        if found is None:
            found = self._folded[word] = fold(normalise(word))
        return found

    # ------------------------------------------------------------------ persons

    def persons(self) -> list[Found]:
        """Persons introduced by a full name (two words or more)."""
        return self._persons

    def person_named(
        self, word: str, before: int | None = None, *, given: bool = False
    ) -> Found | None:
        """The person whose surname (``given``: given name) is ``word``; the last one
        introduced before ``before`` wins, else the first introduced after."""
        folded = self.fold(word)
        found = self._named[0 if given else 1].get(folded) if folded else None
        return _nearest(found, before) if found else None

    def titled(self, offices: frozenset[str], ranks: frozenset[str], before: int) -> set[str]:
        """Persons (canonical name, else name) introduced before ``before`` with one of these
        titles or ranks."""
        return {
            _identity(item)
            for item in self.found
            if item.start < before
            and item.is_person
            and (item.offices & offices or item.ranks & ranks)
        }

    def last_person(self, before: int, code: str | None = None) -> Found | None:
        for item in reversed(self.found):
            if item.start < before and item.is_person and (code is None or item.code == code):
                return item
        return None

    # ------------------------------------------------------------ organisations

    def last_of_kind(self, kinds: frozenset[ActorKind], before: int) -> Found | None:
        """The last non-person, non-state actor of one of ``kinds`` named before ``before``."""
        for item in reversed(self.found):
            if item.start >= before or item.ref is None or item.ref.code is None:
                continue
            if item.is_person or item.state or item.via in ("generic", "inner"):
                continue
            if item.ref.kind in kinds:
                return item
        return None

    # ------------------------------------------------------------------- states

    def states(self, before: int, since: int = 0) -> list[Found]:
        return [f for f in self.found if f.state and since <= f.start < before]

    def state_in_focus(self, before: int, sentence_start: int) -> str | None:
        """The state named last in this sentence, else the one named most so far."""
        recent = self.states(before, sentence_start)
        if recent:
            return recent[-1].code
        return self.salient_state(before)

    def salient_state(self, before: int) -> str | None:
        counts = Counter(f.code for f in self.states(before) if f.code is not None)
        if not counts:
            return None
        best = max(counts.values())
        tied = {code for code, count in counts.items() if count == best}
        for item in self.states(before):  # earliest named among the most named
            if item.code in tied:
                return item.code
        return None


def _identity(item: Found) -> str:
    ref = item.ref
    return (ref.person or ref.name) if ref is not None else ""


def _order(item: Found) -> tuple[int, int]:
    return (item.start, -item.end)


_FULL_NAME_VIAS = frozenset({"person", "fuzzy", "unknown"})


def _nearest(found: list[Found], before: int | None) -> Found:
    if before is None:
        return found[0]
    earlier = [f for f in found if f.start < before]
    return earlier[-1] if earlier else found[0]


def person_ref_copy(item: Found) -> ActorRef | None:
    """The resolution of an earlier mention, to reuse for a back-reference."""
    return item.ref.model_copy() if item.ref is not None else None
