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
from threatline.stages.events_parse import case_of, children, conjuncts, dep, governor, pp_args

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
_SITE_CASES = frozenset({"in", "at", "near", "outside", "inside"})
_SITE_WINDOW = 2000


class PlaceReader:
    """Chooses the location of each candidate."""

    def __init__(self, lexicon: EventLexicon) -> None:
        self.lex = lexicon

    def read(self, doc: Doc, places: list[PlaceMention], cands: list[Candidate]) -> None:
        """Set each candidate's location: the place attached to it; an attack on a named place
        or on a country ("Iran attacked Israel") happened there; the dyads split from one act
        share the place of that act."""
        self._attached(doc, places, cands)
        sited: dict[int, Place] | None = None
        for cand in cands:
            target = cand.target
            if cand.type.value != "ASSAULT" or cand.location is not None or target is None:
                continue
            if target.via == "place":
                cand.location = target.place
            elif (country := _country_at(doc, places, target.token.i)) is not None:
                cand.location = country
            elif (facility := self._facility_of(target.token)) is not None:
                sited = sited if sited is not None else self._sites(doc, places)
                cand.location = self._site_of(facility, sited)
        by_trigger: dict[int, list[Candidate]] = {}
        for cand in cands:
            by_trigger.setdefault(cand.trigger.i, []).append(cand)
        for group in by_trigger.values():
            where = next((c.location for c in group if c.location is not None), None)
            for cand in group:
                if cand.location is None:
                    cand.location = where

    def _attached(self, doc: Doc, places: list[PlaceMention], cands: list[Candidate]) -> None:
        owner: dict[int, list[Candidate]] = {}
        for cand in cands:
            own = set(cand.tokens) | {a.i for a in cand.anchors}
            if self.lex.is_verbal(cand.type):
                own |= {c.i for a in cand.anchors for c in conjuncts(a)}
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
                if cand.location is not None or _is_role(cand, span.start, span.end):
                    continue
                if dep(head) == "compound" and mention.place.kind == "country":
                    continue  # "a US strike", "the Iran attack": the country acts, it is no place
                if self.lex.is_verbal(cand.type) and not self._stated(head, cand):
                    continue
                cand.location = _named(mention.place, mention.text)

    def _facility(self, token: Token) -> bool:
        lex = self.lex
        return token.pos_ == "NOUN" and (
            token.lemma_.lower() in lex.facilities or token.lower_ in lex.facilities
        )

    def _facility_of(self, token: Token) -> Token | None:
        """The facility a target phrase names: its head, or the noun its resolved modifier
        belongs to ("the Norlandic embassy" resolved by "Norlandic")."""
        for candidate in (token, token.head):
            if self._facility(candidate):
                return candidate
        return None

    def _sites(self, doc: Doc, places: list[PlaceMention]) -> dict[int, Place]:
        """Facility nouns with the place a locative phrase on them names ("the embassy in
        Baghdad"), by token."""
        out: dict[int, Place] = {}
        for mention in places:
            if mention.place is None:
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            head = span.root
            up = governor(head)
            if up is None or case_of(head) not in _SITE_CASES:
                continue
            place = _named(mention.place, mention.text)
            if self._facility(up):
                out.setdefault(up.i, place)
                continue
            # "attacks on the embassy in Baghdad" with "in Baghdad" hung on "attacks"
            for _prep, arg in pp_args(up):
                if arg.i < head.i and self._facility(arg):
                    out.setdefault(arg.i, place)
        return out

    def _site_of(self, facility: Token, sited: dict[int, Place]) -> Place | None:
        """Where an attacked facility is: the place named on it, or on the nearest earlier
        mention of the same facility ("the U.S. embassy in Baghdad" ... "the most recent
        attack on the U.S. embassy")."""
        if facility.i in sited:
            return sited[facility.i]
        lemma = facility.lemma_.lower()
        owner = _owner_words(facility)
        for i in sorted((k for k in sited if k < facility.i), reverse=True):
            earlier = facility.doc[i]
            if facility.i - i > _SITE_WINDOW:
                break
            if earlier.lemma_.lower() == lemma and owner <= _owner_words(earlier):
                return sited[i]  # "the embassy" refers back to "the X embassy" too
        return None

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
        verbs = {a.i for a in cand.anchors} | {c.i for a in cand.anchors for c in conjuncts(a)}
        return up.i in verbs


def _owner_words(facility: Token) -> frozenset[str]:
    """The words that say whose a facility is ("U.S." in "the U.S. embassy")."""
    return frozenset(
        c.lower_
        for c in children(facility, "compound", "amod", "nmod:poss")
        if c.i < facility.i and c.pos_ in ("PROPN", "ADJ", "NOUN")
    )


def _country_at(doc: Doc, places: list[PlaceMention], token: int) -> Place | None:
    """The country a place mention names at this token (the target named as a country)."""
    at = doc[token].idx
    for mention in places:
        if mention.start <= at < mention.end and mention.place is not None:
            return mention.place if mention.place.kind == "country" else None
    return None


def _is_role(cand: Candidate, start: int, end: int) -> bool:
    """The place phrase is the act's source or target (an actor, not where it happened)."""
    return any(
        arg is not None and start <= arg.token.i < end
        for arg in (cand.target, cand.source, cand.speaker)
    )


def _named(place: Place, text: str) -> Place:
    """The place as the text names it (the most specific name), keeping its resolution."""
    if text and text != place.name and place.name.lower() not in text.lower():
        return place.model_copy(update={"name": text})
    return place
