"""Killed and injured counts of an attack (gold README §2.5), lower bounds from the text.

A casualty word (killed, wounded, injuries, dead...) belongs to the attack it hangs from in the
parse. Its count is the number among its arguments: "killed 193 people", "wounding more than
100", "injuries among over 100 troops", "12 were killed"; "more than / over / at least N" give
N; "tens", "dozens", "hundreds" give 10, 12, 100; vague amounts ("scores of", "others") add
nothing; "no casualties" / "no one was killed" give 0. Named victims count one each for the
dyad they belong to when the attack is a killing and no figure is given.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from threatline.stages.events_candidate import Candidate
from threatline.stages.events_lexicon import EventLexicon
from threatline.stages.events_parse import (
    case_of,
    children,
    dep,
    governor,
    kids,
    pp_args,
    temporal,
)

__all__ = ["CasualtyReader", "parse_number"]

_KILLED = frozenset(
    {"kill", "killed", "dead", "death", "die", "fatality", "killing", "slay", "massacre"}
)
_INJURED = frozenset({"wound", "injure", "injury", "injured", "wounded", "hurt", "maim"})
_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000, "million": 1_000_000,
}  # fmt: skip
_DIGITS = re.compile(r"^\d{1,3}(?:[,\u00a0]\d{3})+$|^\d+(?:\.\d+)?$")
_MAX_UP = 4
_ANY = frozenset({"casualty", "victim", "loss"})
_STEMS = (
    "casualt",
    "victim",
    "kill",
    "dead",
    "death",
    "die",
    "fatal",
    "wound",
    "injur",
    "hurt",
    "maim",
    "slay",
    "slain",
)


def parse_number(tokens: list[Token], vague: dict[str, int]) -> int | None:
    """The number a run of tokens states ("6,500", "two hundred", "dozens", "3 dozen")."""
    total: int | None = None
    factor = 1
    for token in sorted(set(tokens), key=lambda t: t.i):
        low = token.lower_
        if _DIGITS.match(low):
            value = float(low.replace(",", "").replace("\u00a0", ""))
            total = (total or 0) + int(value)
        elif low in _WORDS:
            value_int = _WORDS[low]
            if value_int >= 100 and total:
                total *= value_int
            else:
                total = (total or 0) + value_int
        elif low in vague:
            if total:
                factor = vague[low]
            else:
                total = vague[low]
        elif low in ("million", "m"):
            factor = 1_000_000
    if total is None:
        return None
    return total * factor


class CasualtyReader:
    """Reads casualty figures for the attacks of a sentence."""

    def __init__(self, lexicon: EventLexicon) -> None:
        self.lex = lexicon

    def read(self, sent: Span, cands: list[Candidate]) -> None:
        attacks = [c for c in cands if c.type.value == "ASSAULT"]
        if not attacks:
            return
        text = sent.text.lower()
        if not any(stem in text for stem in _STEMS):
            return
        owner: dict[int, list[Candidate]] = {}
        for cand in attacks:
            for i in {*cand.tokens, *(a.i for a in cand.anchors)}:
                owner.setdefault(i, []).append(cand)
        for token in sent:
            if token.lemma_.lower() in _ANY and any(c.lower_ == "no" for c in kids(token)):
                for cand in self._owner(token, owner):
                    cand.killed = 0 if cand.killed is None else cand.killed
                    cand.injured = 0 if cand.injured is None else cand.injured
                continue
            kind = self._kind(token)
            if kind is None:
                continue
            targets = self._owner(token, owner)
            if not targets:
                continue
            count = self._count(token)
            for cand in targets:
                current = getattr(cand, kind)
                if count is not None and (current is None or count > current):
                    setattr(cand, kind, count)
        for cand in attacks:
            if cand.killed is None and cand.victims and self._kills(cand):
                cand.killed = len(cand.victims)

    def _kind(self, token: Token) -> str | None:
        lemma = token.lemma_.lower()
        if lemma in _KILLED or token.lower_ in _KILLED:
            return "killed"
        if lemma in _INJURED or token.lower_ in _INJURED:
            return "injured"
        return None

    def _kills(self, cand: Candidate) -> bool:
        if cand.spec is not None and cand.spec.casualty == "killed":
            return True
        doc = cand.sentence.doc
        return any(doc[i].lemma_.lower() in _KILLED for i in cand.tokens)

    def _owner(self, token: Token, owner: dict[int, list[Candidate]]) -> list[Candidate]:
        node = token
        for _ in range(_MAX_UP):
            if node.i in owner:
                return owner[node.i]
            up = governor(node)
            if up is None:
                break
            node = up
        for child in kids(token):
            if child.i in owner:
                return owner[child.i]
        return []

    def _count(self, token: Token) -> int | None:
        """The figure attached to a casualty word, 0 for an explicit none, else None."""
        phrases: list[Token] = []
        verbal = token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")
        if verbal or children(token, "obj"):  # "wounded 6,500 others" tagged as an adjective
            phrases.extend(children(token, "obj", "nsubj:pass", "nsubj", "obl"))
        else:
            phrases.append(token)
            phrases.extend(a for p, a in pp_args(token) if p in ("among", "of", "to"))
        for phrase in phrases:
            if phrase is not token and temporal(phrase) and not phrase.like_num:
                continue  # "killed X on January 5": a date, no count
            if phrase is not token and phrase.like_num and case_of(phrase) is not None:
                continue  # "on 5 March" read as a number with a preposition
            if any(c.lower_ in ("no", "none") for c in (phrase, *kids(phrase))):
                return 0
            number = self._number_in(phrase)
            if number is not None:
                return number
        return None

    def _number_in(self, phrase: Token) -> int | None:
        vague = self.lex.cues.vague_amounts
        if phrase.like_num or phrase.lower_ in vague:
            return parse_number([phrase, *_num_parts(phrase)], vague)
        for child in kids(phrase):
            label = dep(child)
            if label == "nummod" or (label in ("amod", "det") and child.like_num):
                return parse_number([*_num_parts(child), child], vague)
            if child.lower_ in vague and child.i < phrase.i:
                return parse_number([child], vague)
            if label.startswith("nmod") and child.like_num and child.i < phrase.i:
                return parse_number([child], vague)
        return None


def _num_parts(token: Token) -> list[Token]:
    return sorted((c for c in kids(token) if c.like_num or c.lower_ in _WORDS), key=lambda t: t.i)
