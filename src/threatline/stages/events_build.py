"""Candidates from the grouped triggers of one sentence: roles resolved to actors, frames
turned into THREATEN / REQUEST / SUPPORT ... events, dyads split by target actor, and each
act's status read from what governs it.
"""

from __future__ import annotations

from dataclasses import replace

from threatline.models import EventType, Status
from threatline.stages.events_actors import ActorIndex
from threatline.stages.events_args import SentenceInput
from threatline.stages.events_candidate import Arg, Candidate
from threatline.stages.events_frames import FRAME_TYPES, Group
from threatline.stages.events_parse import dep
from threatline.stages.events_reframe import THREAT_TYPES
from threatline.stages.events_speech import FrameBuilder

__all__ = ["CandidateBuilder", "SentenceInput"]


class CandidateBuilder(FrameBuilder):
    """Builds the candidates of one sentence."""

    def build(self, s: SentenceInput, actors: ActorIndex) -> list[Candidate]:
        out: list[Candidate] = []
        for group in s.groups:
            if group.fate in ("drop", "embedded", "alleged"):
                out.extend(self.as_mention(group, s, actors))
                continue
            if s.kinds.get(group.primary.i) == "deny":
                out.extend(self.as_mention(group, s, actors))
            elif group.primary.type in FRAME_TYPES and group.primary.i in s.kinds:
                out.extend(self.frame(group, s, actors))
            else:
                out.extend(self._act(group, s, actors))
        for token_i, kind in s.kinds.items():
            if kind == "commissive" and token_i in s.embeds:
                out.extend(self.commissive(s.sent.doc[token_i], s, actors))
        return out

    def _act(self, group: Group, s: SentenceInput, actors: ActorIndex) -> list[Candidate]:
        ctx = group.ctx
        cands = self.roles_candidates(group, s, actors, group.type)
        if not cands:
            return []
        fate = group.fate
        hostile = self.lex.is_hostile(group.type) or group.type in THREAT_TYPES
        complement = dep(ctx.clause) in ("xcomp", "ccomp", "csubj") or (
            dep(ctx.clause) == "acl" and self.lex.lemma(ctx.clause.head) in self.lex.message
        )
        threat = (
            ctx.modal == "future"
            or ctx.tense in ("future", "modal")
            or (ctx.tense in ("infinitive", "gerund") and complement)
            or ctx.has_condition is not None
            or group.primary.spec.retaliation
            or self._revenge_is(group, s)
        )
        if group.primary.spec.retaliation and self._names_the_act(group, s):
            return [replace(c, emit=False) for c in cands]
        if fate == "reported" and hostile and threat and not ctx.negated:
            return self._threat_from_speech(group, cands, s, actors)
        status = self._status(group, s)
        for cand in cands:
            cand.status = status or Status.OCCURRED
            cand.emit = status is not None and (cand.standalone or self.light(group))
            cand.reported = fate == "reported"
            if fate == "intended" and status is not None:
                cand.status = Status.THREATENED
                cand.anchors.extend(
                    t for t, k in ctx.frames if k in ("intention", "speech", "commissive")
                )
            elif fate == "denied" and status is not None:
                cand.status = Status.DENIED
        self.reframer.apply(group, cands, status)
        return cands

    def _status(self, group: Group, s: SentenceInput) -> Status | None:
        """Status of a top-level or reported act, or None when it is no event."""
        ctx = group.ctx
        verbal = self.lex.is_verbal(group.type)
        if ctx.negated or ctx.habitual:
            return None
        if ctx.modal == "speculative" or ctx.tense == "modal":
            return Status.HYPOTHETICAL if ctx.has_condition is not None else None
        if ctx.tense == "future" or ctx.modal == "future":
            if ctx.has_condition is not None:
                return Status.HYPOTHETICAL
            return Status.THREATENED
        if group.fate in ("intended", "denied"):
            return Status.OCCURRED
        if ctx.tense == "present" and not verbal and not s.headline and group.fate != "reported":
            return None
        if ctx.tense == "infinitive" and dep(ctx.clause) == "advcl":
            return None
        return Status.OCCURRED

    def _unnamed_speaker(self, group: Group) -> Arg | None:
        """The subject of the statement verb when it names no known actor (the threat is
        still read, and dropped later for want of a source)."""
        for tok, kind in group.ctx.frames:
            if kind == "speech":
                for subj in self.roles.subjects(tok):
                    if subj.pos_ != "PRON":
                        return Arg(subj, None)
        return None

    def _threat_from_speech(
        self, group: Group, cands: list[Candidate], s: SentenceInput, actors: ActorIndex
    ) -> list[Candidate]:
        speaker = self.speaker(group, s, actors) or self._unnamed_speaker(group)
        if speaker is None:
            return []
        agent = cands[0].source
        if (
            group.ctx.modal == "speculative"
            and agent is not None
            and agent.via != "speaker"
            and (not agent.resolved or agent.code != speaker.code)
        ):
            return []
        speech = next((t for t, k in group.ctx.frames if k == "speech"), None)
        out = []
        for cand in cands:
            if agent is not None and agent.resolved:
                cand.avenger = agent.code
            cand.threatened_type, cand.threatened_mode = cand.type, cand.mode
            cand.type, cand.mode = EventType.THREATEN, None
            cand.source = speaker
            cand.reported = True
            cand.emit = True
            cand.status = Status.OCCURRED
            if speech is not None:
                cand.anchors = [speech]
                cand.tokens.add(speech.i)
                cand.tense = self.contexts.tense_of(speech)
            out.append(cand)
        return out
