"""One spaCy PhraseMatcher over every name, title and agent word of the knowledge base.

Patterns and texts are both cut by :func:`~threatline.knowledge.resolve_scan.scan`, so they
compare key by key (case, accents, apostrophes and full stops ignored); a hit is then checked
against the knowledge base, which applies its case rules ("shell" is not Shell, "us" is not the
US). The matcher runs over a light "shadow" Doc of keys, never over the parsed Doc, so it works
for any spaCy model and for plain text.
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from threatline.knowledge.base import KnowledgeBase
from threatline.knowledge.resolve_names import HONORIFICS, RANKS
from threatline.knowledge.resolve_persons import strip_name_titles
from threatline.knowledge.resolve_scan import BOUNDARY, POSSESSIVE, Word, keys
from threatline.knowledge.text import normalise

__all__ = ["GAP_HEADS", "LABELS", "MULTI_RANKS", "Hit", "Lexicon"]

LABELS = ("NAME", "PERSON", "SURNAME", "TITLE", "RANK", "HONORIFIC", "AGENT", "PREFIX")

MULTI_RANKS = (
    "major general", "brigadier general", "lieutenant general", "maj gen", "brig gen", "lt gen",
    "rear admiral", "vice admiral", "field marshal", "air marshal", "lt col", "lieutenant colonel",
    "second brigadier general", "grand ayatollah",
)  # fmt: skip
# Generic head words of organisation names that a text may separate from the distinctive part
# ("the Quds special operations force" for the Quds Force).
GAP_HEADS = frozenset(
    [
        "force",
        "forces",
        "corps",
        "army",
        "brigade",
        "brigades",
        "unit",
        "units",
        "council",
        "guard",
        "guards",
        "front",
        "movement",
        "party",
        "ministry",
        "agency",
        "organization",
        "organisation",
        "committee",
        "command",
        "militia",
    ]
)
_SURNAME_STOP = frozenset(["ii", "iii", "iv", "jr", "jun", "sr"])


class Hit(NamedTuple):
    """A run of words ``[start, end)`` whose keys form a pattern of ``label``."""

    label: str
    start: int
    end: int


class Lexicon:
    """The phrase patterns of a knowledge base, matched over scanned words."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.vocab = Vocab()
        self.matcher = PhraseMatcher(self.vocab)
        self.titles = kb.titles()
        self.agents = kb.agent_forms()
        self.gapped: dict[str, list[tuple[str, str]]] = defaultdict(list)
        patterns: dict[str, set[tuple[str, ...]]] = {label: set() for label in LABELS}
        common = set(self.titles) | set(self.agents) | HONORIFICS | RANKS
        for match in kb.matches():
            patterns["NAME"].add(tuple(keys(match.alias)))
        for match in kb.matches():
            self._gap(match.alias, patterns["NAME"])
        surnames: set[str] = set()
        for person in kb.persons:
            for text in (person.name, *person.aliases):
                patterns["PERSON"].add(tuple(keys(text)))
                stripped = strip_name_titles(normalise(text))
                patterns["PERSON"].add(tuple(stripped.split(" ")))
            surname = normalise(person.name).split(" ")[-1]
            if len(surname) >= 3 and surname not in _SURNAME_STOP and surname not in common:
                surnames.add(surname)
        patterns["SURNAME"] = {(surname,) for surname in surnames}
        patterns["TITLE"] = {tuple(keys(title)) for title in self.titles}
        patterns["AGENT"] = {tuple(keys(form)) for form in self.agents}
        ranks = {(rank,) for rank in RANKS} | {tuple(r.split()) for r in MULTI_RANKS}
        patterns["RANK"] = ranks - patterns["TITLE"]
        patterns["HONORIFIC"] = {(word,) for word in HONORIFICS}
        patterns["PREFIX"] = {tuple(prefix.split(" ")) for prefix in self.gapped}
        for label, found in patterns.items():
            trimmed = {_trim(words) for words in found}
            docs = [Doc(self.vocab, words=list(words)) for words in trimmed if words]
            self.matcher.add(label, docs)
        self.labels = {self.vocab.strings[label]: label for label in LABELS}

    def _gap(self, alias: str, names: set[tuple[str, ...]]) -> None:
        """Index "Quds Force" under its distinctive part "quds" with the head "force" (not
        "Iraqi Army" under "iraqi": a part that is a name itself is found as that name)."""
        words = alias.split()
        if len(words) < 2 or not words[0][:1].isupper():
            return
        head = words[-1].casefold()
        if head not in GAP_HEADS or any(not word[:1].isupper() for word in words[:-1]):
            return
        prefix = normalise(" ".join(words[:-1]))
        if prefix in self.titles or prefix in self.agents or tuple(prefix.split(" ")) in names:
            return
        if prefix:
            self.gapped[prefix].append((head, alias))

    def find(self, words: list[Word]) -> list[Hit]:
        """Every pattern hit in ``words`` (overlapping hits included)."""
        if not words:
            return []
        doc = Doc(self.vocab, words=[word.key for word in words])
        labels, make = self.labels, tuple.__new__
        return [
            make(Hit, (labels[match_id], start, end)) for match_id, start, end in self.matcher(doc)
        ]


def _trim(words: tuple[str, ...]) -> tuple[str, ...]:
    """A pattern without boundary or possessive tokens at its ends ("US." is "US")."""
    edge = (BOUNDARY, POSSESSIVE)
    start, end = 0, len(words)
    while start < end and words[start] in edge:
        start += 1
    while end > start and words[end - 1] in edge:
        end -= 1
    return words[start:end]
