"""PLOVER coding rules that change the type of an act from how it is reported:

- a cooperative act announced for the future or as an intention ("will provide aid", "is
  willing to withdraw", "would meet the mediator if ...") is an AGREE (PLOVER: cooperative acts
  in the future tense are intentions to cooperate);
- a cooperative act refused ("will not accept", "would not meet the demands") is a REJECT;
- a hostile act announced against a named target ("will impose sanctions on X", "would
  blockade X") is a THREATEN of that act; without a target it stays an announced intention
  (status ``threatened``, gold README §2.3); preparing to attack is a MOBILIZE;
- a protest lodged by an official body rather than a crowd ("X protested", "lodged a protest")
  is an ACCUSE.
"""

from __future__ import annotations

from threatline.models import EventType, Status
from threatline.stages.events_candidate import Candidate
from threatline.stages.events_frames import Group
from threatline.stages.events_lexicon import EventLexicon
from threatline.stages.events_parse import kids

__all__ = ["THREAT_TYPES", "Reframer"]

THREAT_TYPES = frozenset(
    {
        EventType.ASSAULT,
        EventType.COERCE,
        EventType.SANCTION,
        EventType.MOBILIZE,
        EventType.PROTEST,
    }
)


class Reframer:
    """Applies the type-changing rules to the candidates of one group, in place."""

    def __init__(self, lexicon: EventLexicon) -> None:
        self.lex = lexicon

    def intended(self, group: Group, status: Status | None) -> bool:
        """Announced, not done: future tense, an own intention, or a willingness."""
        if status is Status.THREATENED or group.fate == "intended":
            return True
        return any(kind == "commissive" and tok.pos_ == "ADJ" for tok, kind in group.ctx.frames)

    def refused(self, group: Group) -> bool:
        ctx = group.ctx
        return (
            ctx.negated
            and not ctx.in_condition
            and not ctx.blocked
            and self.lex.is_cooperative(group.type)
            and group.fate in ("event", "reported", "intended")
        )

    def apply(self, group: Group, cands: list[Candidate], status: Status | None) -> None:
        etype = group.type
        if status is None and self.refused(group):
            for cand in cands:
                _retype(cand, EventType.REJECT)
                cand.emit = True
            return
        if self._lodged_protest(group, cands):
            for cand in cands:
                _retype(cand, EventType.ACCUSE, "disapprove")
            return
        if status is None:
            return
        cooperative = self.lex.is_cooperative(etype)
        if cooperative and (self.intended(group, status) or status is Status.HYPOTHETICAL):
            for cand in cands:
                _retype(cand, EventType.AGREE)
            return
        if etype not in THREAT_TYPES or not self.intended(group, status):
            return
        if etype is EventType.ASSAULT and self._prepares(group):
            for cand in cands:
                _retype(cand, EventType.MOBILIZE, "troops")
            return
        for cand in cands:
            if cand.target is not None and _named(cand):
                cand.threatened_type, cand.threatened_mode = cand.type, cand.mode
                _retype(cand, EventType.THREATEN)

    def _prepares(self, group: Group) -> bool:
        return any(
            kind == "intention" and self.lex.lemma(tok) in self.lex.preparation
            for tok, kind in group.ctx.frames
        )

    def _lodged_protest(self, group: Group, cands: list[Candidate]) -> bool:
        if group.type is not EventType.PROTEST or group.primary.spec.mode != "demo":
            return False
        trigger = cands[0].trigger if cands else None
        if trigger is None or self.lex.lemma(trigger) != "protest":
            return False
        gov = group.ctx.governor
        if not group.primary.verb:
            return gov is not None and self.lex.lemma(gov) in self.lex.lodge_verbs
        source = cands[0].source
        if source is None:
            return False
        words = {source.token.lemma_.lower(), *(c.lemma_.lower() for c in kids(source.token))}
        return not words & self.lex.crowds


def _named(cand: Candidate) -> bool:
    """A target that is an actor: resolved, or at least a proper name."""
    target = cand.target
    if target is None:
        return False
    if target.resolved:
        return True
    token = target.token
    return token.pos_ == "PROPN" or any(c.pos_ == "PROPN" for c in kids(token))


def _retype(cand: Candidate, etype: EventType, mode: str | None = None) -> None:
    cand.type, cand.mode, cand.cameo, cand.spec = etype, mode, None, None
    cand.status = Status.OCCURRED
