"""Finding knowledge-base persons from a name as written: exact, surname, and fuzzy matches.

Fuzzy matching is blocked: every person name and alias is indexed under the skeleton keys of
its folded surname (:mod:`threatline.knowledge.resolve_names`), so a query compares only with
the few names whose surname sounds alike, never with all of them.
"""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import fuzz

from threatline.knowledge.base import KnowledgeBase
from threatline.knowledge.resolve_names import HONORIFICS, RANKS, fold, skeleton_keys
from threatline.knowledge.schema import PersonEntry
from threatline.knowledge.text import normalise

__all__ = ["FULL_NAME_MIN", "SURNAME_MIN", "PersonIndex", "strip_name_titles"]

FULL_NAME_MIN = 88.0  # rapidfuzz ratio (0-100) on folded full names
SURNAME_MIN = 92.0  # on a folded surname alone: stricter
_ISLAM = frozenset({"eslam", "islam"})
_SURNAME_STOP = frozenset(["ii", "iii", "iv", "jr", "jun", "sr", "sen", "junior", "senior"])


def strip_name_titles(key: str) -> str:
    """A name key without leading honorifics and ranks ("ayatollah ali x" -> "ali x",
    "hojjat ol eslam ali x" -> "ali x")."""
    words = key.split(" ")
    while len(words) > 1 and (words[0] in HONORIFICS or words[0] in RANKS):
        first, words = words[0], words[1:]
        if first.startswith(("hoj", "hujj")) and len(words) > 2 and words[1] in _ISLAM:
            words = words[2:]  # "Hojjat ol-Eslam" written as three words
    return " ".join(words)


def _surname(folded: str) -> str:
    words = [word for word in folded.split(" ") if word not in _SURNAME_STOP]
    return words[-1] if words else ""


def _unique(persons: list[PersonEntry]) -> list[PersonEntry]:
    out: list[PersonEntry] = []
    for person in persons:
        if all(other is not person for other in out):
            out.append(person)
    return out


class PersonIndex:
    """Exact, folded and fuzzy person lookups over a knowledge base's persons."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._folded: dict[str, list[PersonEntry]] = defaultdict(list)
        self._full: dict[str, list[tuple[str, PersonEntry]]] = defaultdict(list)
        self._surnames: dict[str, list[tuple[str, PersonEntry]]] = defaultdict(list)
        for person in kb.persons:
            names = {strip_name_titles(normalise(text)) for text in (person.name, *person.aliases)}
            for key in names:
                folded = fold(key)
                if not folded:
                    continue
                self._folded[folded].append(person)
                surname = _surname(folded)
                for block in skeleton_keys(surname):
                    self._full[block].append((folded, person))
            surname = _surname(fold(normalise(person.name)))
            if len(surname) >= 3:
                for block in skeleton_keys(surname):
                    self._surnames[block].append((surname, person))

    def exact(self, text: str) -> list[PersonEntry]:
        """Persons whose name or alias is ``text`` (honorifics and ranks ignored)."""
        key = strip_name_titles(normalise(text))
        found = self.kb.find_persons(key) if " " in key else []
        if found:
            return found
        return list(self._folded.get(fold(key), ()))

    def surname(self, text: str) -> list[PersonEntry]:
        """Persons whose surname is ``text``, exactly or as a transliteration variant."""
        key = normalise(text)
        folded = fold(key)
        if len(folded) < 3 or " " in folded:
            return []
        exact = self.kb.find_persons(key)
        if exact:
            return exact
        found: list[PersonEntry] = []
        for block in skeleton_keys(folded):
            for surname, person in self._surnames.get(block, ()):
                if fuzz.ratio(folded, surname) >= SURNAME_MIN:
                    found.append(person)
        return _unique(found)

    def fuzzy(self, text: str) -> list[PersonEntry]:
        """Persons whose full name is a close transliteration variant of ``text`` (best first)."""
        folded = fold(strip_name_titles(normalise(text)))
        if " " not in folded:
            return []
        exact = self._folded.get(folded)
        if exact:
            return _unique(list(exact))
        surname = _surname(folded)
        best = 0.0
        found: list[PersonEntry] = []
        first = folded.split(" ")[0]
        for block in skeleton_keys(surname):
            for name, person in self._full.get(block, ()):
                if fuzz.ratio(surname, _surname(name)) < FULL_NAME_MIN:
                    continue
                score = fuzz.ratio(folded, name)
                if score < FULL_NAME_MIN and (name.split(" ")[0], _surname(name)) == (
                    first,
                    surname,
                ):
                    # "Farouk Abdel Aziz Hosni" is "Farouk Hosny": same first and last names
                    score = FULL_NAME_MIN
                if score < FULL_NAME_MIN or score < best:
                    continue
                if score > best:
                    best, found = score, []
                found.append(person)
        return _unique(found)
