"""Where an act happened: the place attached to its trigger in its sentence (README §2.5).

A place counts when its phrase hangs from the trigger, the trigger's light verb or a noun of the
act: as a locative ("in/near/at/outside Baghdad", "over the Persian Gulf", "crossed the Strait
of Hormuz"), as a compound ("the Baghdad airport strike"), or one step down a target phrase
("attacks on the embassy in Baghdad"). A place that is the act's target ("destroy Haifa"), a
place inside an actor's name and any place elsewhere in the article never count. Statements
get a place only when one is stated for the statement itself.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from threatline.models import Place, PlaceMention
from threatline.stages.events_candidate import Candidate
from threatline.stages.events_lexicon import EventLexicon
from threatline.stages.events_parse import case_of, dep, governor

__all__ = ["PlaceReader"]

_LOCATIVE = frozenset(
    {
        "in", "near", "at", "outside", "inside", "over", "across", "around", "on", "off",
        "into", "from", "within", "along", "throughout", "through", "above", "between", "toward",
        "towards", "to",
    }
)  # fmt: skip
_MOVEMENT_OBJECT = frozenset({"cross", "enter", "patrol", "transit", "approach", "fly", "sail"})
_MAX_UP = 3


class PlaceReader:
    """Chooses the location of each candidate."""

    def __init__(self, lexicon: EventLexicon) -> None:
        self.lex = lexicon

    def read(self, doc: Doc, places: list[PlaceMention], cands: list[Candidate]) -> None:
        """Set each candidate's location (an attack on a named place happened there)."""
        self._attached(doc, places, cands)
        for cand in cands:
            target = cand.target
            attack = cand.type.value == "ASSAULT"
            if attack and cand.location is None and target is not None and target.via == "place":
                cand.location = target.place

    def _attached(self, doc: Doc, places: list[PlaceMention], cands: list[Candidate]) -> None:
        owner: dict[int, list[Candidate]] = {}
        for cand in cands:
            own = set(cand.tokens) | {a.i for a in cand.anchors}
            if self.lex.is_verbal(cand.type):
                own |= {c.i for a in cand.anchors for c in a.conjuncts}
            if cand.target is not None:
                own.discard(cand.target.token.i)
            for i in own:
                owner.setdefault(i, []).append(cand)
        for mention in places:
            if mention.place is None:
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            head = span.root
            for cand in self._owners(head, owner):
                if cand.location is not None or _is_target(cand, span.start, span.end):
                    continue
                if self.lex.is_verbal(cand.type) and not self._stated(head, cand):
                    continue
                cand.location = _named(mention.place, mention.text)

    def _owners(self, head: Token, owner: dict[int, list[Candidate]]) -> list[Candidate]:
        prep = case_of(head)
        label = dep(head)
        first = prep.split()[0] if prep else None
        up = governor(head)
        if up is None:
            return []
        if label == "compound" and up.i in owner:
            return owner[up.i]
        if label == "obj" and up.lemma_.lower() in _MOVEMENT_OBJECT and up.i in owner:
            return owner[up.i]
        if first not in _LOCATIVE:
            return []
        node = up
        for _ in range(_MAX_UP):
            if node.i in owner:
                return owner[node.i]
            if node.pos_ in ("VERB", "AUX"):
                return []
            nxt = governor(node)
            if nxt is None:
                return []
            node = nxt
        return []

    def _stated(self, head: Token, cand: Candidate) -> bool:
        """A statement's place: a locative phrase on the statement verb itself (or on a verb
        coordinated with it: "spoke in X and warned ...")."""
        up = governor(head)
        if up is None or case_of(head) not in ("in", "at"):
            return False
        verbs = {a.i for a in cand.anchors} | {c.i for a in cand.anchors for c in a.conjuncts}
        return up.i in verbs


def _is_target(cand: Candidate, start: int, end: int) -> bool:
    target = cand.target
    return target is not None and start <= target.token.i < end


def _named(place: Place, text: str) -> Place:
    """The place as the text names it (the most specific name), keeping its resolution."""
    if text and text != place.name and place.name.lower() not in text.lower():
        return place.model_copy(update={"name": text})
    return place
