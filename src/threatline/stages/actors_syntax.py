"""What the parsed Doc tells the actor stage: entity labels, proper nouns, and whether a
place name acts.

Both label schemes are accepted: the shipped model's (UD dependencies, PER/ORG/LOC) and
spaCy's English models' (ClearNLP dependencies, PERSON/ORG/GPE). The parser of a model in
training makes mistakes, so the place test leans on the words around the name first and on
the parse second.
"""

from __future__ import annotations

import numpy
from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Token

from threatline.knowledge.resolve_rules import LOCATIVE, PLACE_HEADS, REACTION_NOUNS

__all__ = ["DocHints", "acts"]

_PROPER_TAGS = frozenset({"NNP", "NNPS"})
_PLACE_ENTITIES = frozenset({"LOC", "GPE", "FAC"})
_DIRECTIONS = frozenset(
    [
        "central",
        "northern",
        "southern",
        "eastern",
        "western",
        "north",
        "south",
        "east",
        "west",
        "downtown",
        "greater",
    ]
)
_ACTING_DEPS = frozenset(
    [
        "nsubj",
        "nsubj:pass",
        "nsubjpass",
        "csubj",
        "agent",
        "nmod:poss",
        "poss",
        "compound",
        "obj",
        "dobj",
        "iobj",
        "obl:agent",
    ]
)
_CASE_DEPS = frozenset({"case"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "nn"})


class DocHints:
    """Entity labels and proper-noun tags over character spans of one parsed Doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        array = doc.to_array([IDX, LENGTH])
        self.starts = array[:, 0]
        self.ends = array[:, 0] + array[:, 1]

    def tokens(self, start: int, end: int) -> list[Token]:
        """The tokens overlapping ``[start, end)``."""
        first = int(numpy.searchsorted(self.ends, start, side="right"))
        last = int(numpy.searchsorted(self.starts, end, side="left"))
        return [self.doc[i] for i in range(first, last)]

    def entity(self, start: int, end: int) -> str | None:
        labels = [token.ent_type_ for token in self.tokens(start, end) if token.ent_type_]
        if not labels:
            return None
        return max(set(labels), key=labels.count)

    def proper(self, start: int, end: int) -> bool:
        tokens = [t for t in self.tokens(start, end) if t.is_alpha]
        return bool(tokens) and all(t.tag_ in _PROPER_TAGS or t.pos_ == "PROPN" for t in tokens)

    def noun(self, start: int, end: int) -> bool:
        tokens = self.tokens(start, end)
        if not tokens:
            return True
        last = tokens[-1]
        return last.pos_ in ("NOUN", "PROPN") and last.dep_ not in _MODIFIER_DEPS


def _root(tokens: list[Token]) -> Token:
    inside = {token.i for token in tokens}
    for token in tokens:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return tokens[-1]


def _word_before(doc: Doc, index: int) -> tuple[Token | None, Token | None]:
    """The word before token ``index`` (directions skipped) and the one before that."""
    j = index - 1
    while j >= 0 and (doc[j].is_space or doc[j].lower_ in _DIRECTIONS):
        j -= 1
    if j < 0:
        return None, None
    k = j - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    return doc[j], doc[k] if k >= 0 else None


def acts(hints: DocHints, start: int, end: int) -> bool:
    """Whether the place name at ``[start, end)`` stands for its state ("Tehran warned",
    "Tehran's proxies", "talks with Washington") rather than a location ("in Tehran", "flew to
    Washington", "Baghdad International Airport")."""
    tokens = hints.tokens(start, end)
    if not tokens:
        return True
    doc = hints.doc
    root = _root(tokens)
    first = tokens[0].i
    if first > 0 and doc[first - 1].lower_ in _DIRECTIONS:
        return False  # "central Tehran", "northern Baghdad"
    before, earlier = _word_before(doc, first)
    if before is not None and before.lower_ in LOCATIVE:
        # "anger in Washington": a reaction located in a capital is the government's
        return before.lower_ == "in" and earlier is not None and earlier.lower_ in REACTION_NOUNS
    if any(c.dep_ in _CASE_DEPS and c.lower_ in LOCATIVE for c in root.children):
        return False
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE:
        return False
    after = tokens[-1].i + 1
    if after < len(doc) and doc[after].lower_ in PLACE_HEADS:
        return False  # "the Beirut port blast", "the Vienna accord"
    # part of a longer place name ("Baghdad International Airport") is a place
    return not (
        after < len(doc)
        and doc[after].ent_type_ in _PLACE_ENTITIES
        and doc[after].ent_iob_ == "I"
        and doc[after].is_title
    )
