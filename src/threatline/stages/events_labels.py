"""Accusations made by labelling or by a finding, which carry no accusation verb:

- "X described the killing as an act of war", "X named Y and Z as the perpetrators": a labelling
  verb with an ``as`` phrase holding an accusatory word (ACCUSE X -> the labelled actor, or ->
  the perpetrator of the labelled act);
- "X concluded that the killing was unlawful", "X said Y is a criminal": a finding or statement
  whose complement predicates an accusatory word of an actor or an act.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from threatline.models import EventType
from threatline.stages.events_actors import ActorIndex
from threatline.stages.events_candidate import Arg, Candidate
from threatline.stages.events_lexicon import EventLexicon
from threatline.stages.events_parse import (
    children,
    dep,
    kids,
    name_conjuncts,
    obj,
    pp_args,
    sentence_bounds,
    subject,
)
from threatline.stages.events_roles import RoleReader
from threatline.stages.events_triggers import Trigger

__all__ = ["LabelReader"]

_STRENGTH = 0.6


class LabelReader:
    """Finds labelling and finding accusations in a sentence."""

    def __init__(self, lexicon: EventLexicon) -> None:
        self.lex = lexicon
        self.roles = RoleReader(lexicon)

    def read(
        self,
        sent: Span,
        triggers: dict[int, Trigger],
        actors: ActorIndex,
        speaker: Arg | None,
        cues: list[int],
    ) -> list[Candidate]:
        """Accusations of the sentence (``cues``: its cue-verb tokens)."""
        out: list[Candidate] = []
        lex = self.lex
        doc = sent.doc
        for token in (doc[i] for i in cues):
            # a labelling verb the tagger misread keeps its subject and object
            verbal = token.pos_ == "VERB" or bool(children(token, "nsubj", "obj"))
            if not verbal or _negated(token, lex.negation):
                continue
            lemma = self.lex.lemma(token)
            labelled: Token | None = None
            if lemma in lex.labeling:
                phrase = self._as_phrase(token)
                if phrase is not None and self._accusatory(phrase):
                    labelled = obj(token) or _relative_antecedent(token)
            if labelled is None and (lemma in lex.conclusion or lemma in lex.speech):
                labelled = self._finding(token)
            if labelled is None:
                continue
            cand = self._candidate(
                token,
                labelled=labelled,
                sent=sent,
                triggers=triggers,
                actors=actors,
                speaker=speaker,
            )
            if cand is not None:
                out.append(cand)
        return out

    def _as_phrase(self, verb: Token) -> Token | None:
        """The "as" phrase of a labelling verb, hung on the verb, on its object (or a
        conjunct of it) or, when the verb was read as a modifier, on the word it modifies."""
        hosts = [verb]
        labelled = obj(verb)
        if labelled is not None:
            hosts.extend([labelled, *name_conjuncts(labelled)])
        if dep(verb) in ("amod", "acl") and verb.head.i > verb.i:
            hosts.append(verb.head)
        for host in hosts:
            for prep, arg in pp_args(host):
                if prep == "as" and arg.i > verb.i:
                    return arg
        found = children(verb, "xcomp")
        return found[0] if found else None

    def _accusatory(self, phrase: Token) -> bool:
        words = {t.lemma_.lower() for t in phrase.subtree} | {t.lower_ for t in phrase.subtree}
        if words & self.lex.accusatory:
            return True
        text = " ".join(t.lower_ for t in phrase.subtree)
        return any(" " in word and word in text for word in self.lex.accusatory)

    def _finding(self, verb: Token) -> Token | None:
        """The subject of an accusatory predicate in the verb's complement."""
        for comp in children(verb, "ccomp"):
            predicate = comp
            if not self._accusatory_word(predicate):
                continue
            subj = subject(predicate)
            if subj is not None and children(predicate, "cop"):
                return subj
        return None

    def _accusatory_word(self, token: Token) -> bool:
        return self.lex.lemma(token) in self.lex.accusatory or token.lower_ in self.lex.accusatory

    def _candidate(
        self,
        verb: Token,
        *,
        labelled: Token,
        sent: Span,
        triggers: dict[int, Trigger],
        actors: ActorIndex,
        speaker: Arg | None,
    ) -> Candidate | None:
        source: Arg | None = None
        for subj in self.roles.subjects(verb):
            source = actors.resolve(subj, speaker=speaker)
            if source is not None and source.ref is not None:
                break
        if source is None or source.ref is None:
            return None
        labelled = _antecedent(labelled)
        cand = Candidate(
            type=EventType.ACCUSE,
            trigger=verb,
            spec=None,
            sentence=sent,
            mode="allege",
            strength=_STRENGTH,
            source=source,
            tense="past",
        )
        cand.anchors.append(verb)
        cand.tokens.update({verb.i, labelled.i, source.token.i})
        trig = triggers.get(labelled.i)
        if trig is not None and trig.type is EventType.ASSAULT:
            cand.perpetrator_of = labelled
            return cand
        target = actors.resolve(labelled, speaker=speaker, target=True)
        if target is None or target.ref is None or target.code == source.code:
            return None
        cand.target = target
        return cand


def _negated(token: Token, negation: frozenset[str]) -> bool:
    return any(c.lower_ in negation and dep(c) == "advmod" for c in kids(token)) or any(
        c.lower_ in negation for a in children(token, "aux") for c in kids(a)
    )


def _relative_antecedent(verb: Token) -> Token | None:
    """Parse-error fallback: "the killing, which officials described as ..." read without a
    relative clause: the noun before the "which"."""
    doc = verb.doc
    for i in range(verb.i - 1, max(sentence_bounds(verb)[0], verb.i - 8) - 1, -1):
        if doc[i].lower_ in ("which", "that"):
            for j in range(i - 1, max(sentence_bounds(verb)[0], i - 4) - 1, -1):
                if doc[j].pos_ in ("NOUN", "PROPN", "VERB") and not doc[j].is_punct:
                    return doc[j]
            return None
    return None


def _antecedent(token: Token) -> Token:
    if token.lower_ in ("which", "that", "who") and dep(token.head) in ("acl:relcl", "acl"):
        return token.head.head
    return token
