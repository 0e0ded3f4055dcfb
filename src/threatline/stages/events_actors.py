"""Actor and place mentions by token, and the rule that maps an argument phrase to an actor.

An argument resolves to the actor mention covering its head; failing that, to a mention among
its modifiers (compound, amod, possessive, apposition, flat name parts), to the occupant of a
facility ("bases housing American troops"), to the "of" noun of a quantity or role ("members
of X", "the decision of X"), to the speaker for first-person pronouns in quotes, to the last
person named for he/she, and, for targets, to the country of a named place ("destroy Haifa").
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from threatline.models import ActorKind, ActorMention, ActorRef, PlaceMention
from threatline.stages.events_candidate import Arg
from threatline.stages.events_lexicon import EventLexicon
from threatline.stages.events_parse import case_of, children, dep, kids

__all__ = ["ActorIndex"]

_MODIFIERS = ("flat", "compound", "appos", "amod", "nmod:poss", "det:poss")
_PERSONAL = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
_GROUP = frozenset({"they", "them", "their", "theirs", "it", "its", "itself"})
_SENTENCE_WINDOW = 2
_FRAGMENTS = 4
_FACILITY_WINDOW = 600


def _token_span(doc: Doc, start: int, end: int) -> range:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return range(0)
    return range(span.start, span.end)


class ActorIndex:
    """The actor and place mentions of one Doc, indexed by token."""

    def __init__(
        self,
        doc: Doc,
        actors: list[ActorMention],
        places: list[PlaceMention],
        lexicon: EventLexicon,
    ) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.sentence_of: list[int] = [0] * len(doc)
        self.sentences = list(doc.sents)
        for number, sent in enumerate(self.sentences):
            for i in range(sent.start, sent.end):
                self.sentence_of[i] = number
        self.actor_at: dict[int, ActorMention] = {}
        self.place_at: dict[int, PlaceMention] = {}
        persons: list[tuple[int, ActorMention]] = []
        groups: list[tuple[int, ActorMention]] = []
        for mention in actors:
            tokens = _token_span(doc, mention.start, mention.end)
            for i in tokens:
                self.actor_at.setdefault(i, mention)
            ref = mention.ref
            if tokens and ref is not None and ref.code is not None and ref.resolved:
                if ref.person is not None or ref.kind is ActorKind.PERSON:
                    persons.append((tokens.start, mention))
                elif doc[tokens.start].pos_ != "PRON":
                    groups.append((tokens.start, mention))
        for place in places:
            for i in _token_span(doc, place.start, place.end):
                self.place_at.setdefault(i, place)
        persons.sort(key=lambda p: p[0])
        groups.sort(key=lambda p: p[0])
        self._persons = persons
        self._person_keys = [p[0] for p in persons]
        self._groups = groups
        self._group_keys = [g[0] for g in groups]

    def inside_names(self) -> frozenset[int]:
        """Tokens inside actor mentions: never read as trigger nouns."""
        return frozenset(i for i, m in self.actor_at.items() if self.doc[i].pos_ != "PRON")

    def mention(self, token: Token) -> ActorMention | None:
        return self.actor_at.get(token.i)

    def resolve(
        self, token: Token, *, speaker: Arg | None = None, target: bool = False
    ) -> Arg | None:
        """The actor an argument phrase headed by ``token`` stands for, or None."""
        mention = self.actor_at.get(token.i)
        if mention is not None and (mention.ref is not None or not self._is_pronoun(token)):
            return Arg(token, mention.ref, "mention")
        if self._is_pronoun(token):
            return self._pronoun(token, speaker)
        found = self._modifier(token, depth=2, target=target)
        if found is not None:
            return found
        if target:
            return self._place(token) or self._earlier_facility(token)
        return None

    def _earlier_facility(self, token: Token) -> Arg | None:
        """ "the embassy" after "the U.S. embassy": the owner named at the earlier mention."""
        lemma = token.lemma_.lower()
        if lemma not in self.lexicon.facilities or not any(c.lower_ == "the" for c in kids(token)):
            return None
        for earlier in reversed(self.doc[max(0, token.i - _FACILITY_WINDOW) : token.i]):
            if earlier.lemma_.lower() == lemma and earlier.pos_ == "NOUN":
                found = self._modifier(earlier, depth=1)
                if found is not None:
                    return Arg(token, found.ref, "facility")
        return None

    def _place(self, token: Token) -> Arg | None:
        """A named place standing for its country ("destroy Haifa")."""
        place = self.place_at.get(token.i)
        if place is not None and place.place is not None and place.place.country:
            ref = ActorRef(code=place.place.country, name=place.text, kind=ActorKind.STATE)
            return Arg(token, ref, "place", place=place.place)
        return None

    def last_person(self, token: Token) -> Arg | None:
        """Who a subjectless statement verb belongs to when the parse cut its sentence ("X,
        leader of Y, in a speech ..., said"): the actor heading an earlier fragment of the
        same paragraph, else the last person named in it."""
        found = self.fragment_head(token)
        if found is not None:
            return found
        return self._paragraph_person(token)

    def fragment_head(self, token: Token) -> Arg | None:
        """The actor heading the fragment a cut sentence began with, if the parser cut the
        sentence holding ``token``."""
        number = self.sentence_of[token.i]
        start = number
        while start > 0 and number - start < _FRAGMENTS:
            previous = self.sentences[start - 1]
            tail = self.doc[previous.end - 1 : self.sentences[start].start + 1]
            if any("\n" in t.text for t in tail) or previous[-1].text in (".", "?", "!"):
                break
            start -= 1
        if start < number:
            fragment = self.sentences[start]
            for candidate in (fragment.root, *fragment):
                mention = self.actor_at.get(candidate.i)
                if mention is not None and mention.ref is not None and mention.ref.resolved:
                    return Arg(candidate, mention.ref, "pronoun")
        return None

    def _paragraph_person(self, token: Token) -> Arg | None:
        k = bisect.bisect_left(self._person_keys, token.i) - 1
        if k < 0:
            return None
        start, mention = self._persons[k]
        if any("\n" in t.text for t in self.doc[start : token.i]):
            return None
        return Arg(self.doc[start], mention.ref, "pronoun")

    def _is_pronoun(self, token: Token) -> bool:
        return token.pos_ == "PRON" or token.tag_ in ("PRP", "PRP$")

    def _modifier(self, token: Token, depth: int, *, target: bool = False) -> Arg | None:
        """An actor among the modifiers of a phrase head: an apposed person first ("Iran's
        top general, Qassem Soleimani"), then the occupant of a facility, then compounds,
        adjectives, possessives and "of" phrases; for targets, a named place's country."""
        lex = self.lexicon
        facility = token.lemma_.lower() in lex.facilities or token.lower_ in lex.facilities
        order: list[Token] = list(children(token, "appos"))
        if facility:
            for acl in children(token, "acl"):
                for occupant in children(acl, "obj"):
                    mention = self.actor_at.get(occupant.i)
                    if mention is not None and mention.ref is not None:
                        return Arg(occupant, mention.ref, "facility")
                    found = self._modifier(occupant, depth=1)
                    if found is not None:
                        return Arg(found.token, found.ref, "facility")
        order.extend(c for c in children(token, *_MODIFIERS) if c not in order)
        for child in children(token, "nmod"):
            if case_of(child) == "of" and child.i > token.i:
                order.append(child)
        for child in order:
            mention = self.actor_at.get(child.i)
            if mention is not None and mention.ref is not None:
                return Arg(child, mention.ref, "facility" if facility else "modifier")
        if depth > 1:
            for child in order:
                found = self._modifier(child, depth - 1, target=target)
                if found is not None:
                    return found
        if target:
            for child in order:
                if dep(child) in ("nmod:poss", "compound"):
                    found = self._place(child)
                    if found is not None:
                        return found
        return None

    def _pronoun(self, token: Token, speaker: Arg | None) -> Arg | None:
        low = token.lower_
        if low in self.lexicon.self_reference:
            if speaker is not None and speaker.ref is not None:
                return Arg(token, speaker.ref, "speaker")
            return None
        if low in _PERSONAL:
            found = self._last(self._persons, self._person_keys, token)
            return Arg(token, found.ref, "pronoun") if found is not None else None
        if low in _GROUP:
            found = self._last(self._groups, self._group_keys, token)
            return Arg(token, found.ref, "pronoun") if found is not None else None
        return None

    def _last(
        self, table: list[tuple[int, ActorMention]], keys: list[int], token: Token
    ) -> ActorMention | None:
        k = bisect.bisect_left(keys, token.i) - 1
        if k < 0:
            return None
        start, mention = table[k]
        if self.sentence_of[token.i] - self.sentence_of[start] > _SENTENCE_WINDOW:
            return None
        return mention
