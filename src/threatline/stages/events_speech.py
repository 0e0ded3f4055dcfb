"""Frames: acts that govern other acts. A THREATEN, REQUEST, REJECT, SUPPORT, AGREE,
CONSULT, CONCEDE or ACCUSE trigger takes its target from what it governs when it names none
(``demanding a US withdrawal``: the US); a threat takes the type of the act threatened; an
accusation of an act makes that act an alleged event of the accused; a vow of a hostile act is a
THREATEN, a vow of support a SUPPORT, a vow of other cooperation an AGREE.
"""

from __future__ import annotations

from spacy.tokens import Token

from threatline.models import EventType, Status
from threatline.stages.events_actors import ActorIndex
from threatline.stages.events_args import ArgBuilder, SentenceInput
from threatline.stages.events_candidate import Candidate
from threatline.stages.events_frames import Group
from threatline.stages.events_parse import children, obj, subject

__all__ = ["FrameBuilder"]

_HOSTILE_EMBEDDED = frozenset(
    {EventType.ASSAULT, EventType.COERCE, EventType.SANCTION, EventType.MOBILIZE}
)
_WARN = frozenset({"warn", "caution", "warning"})


class FrameBuilder(ArgBuilder):
    """Candidates of frame triggers and vows."""

    def frame(self, group: Group, s: SentenceInput, actors: ActorIndex) -> list[Candidate]:
        etype = group.type
        embedded = [g for g in s.embeds.get(group.primary.i, []) if g.fate != "drop"]
        lemma = s.sent.doc[group.primary.i].lemma_.lower()
        hostile = [
            g for g in embedded if g.type in _HOSTILE_EMBEDDED or g.type is EventType.RETREAT
        ]
        if etype is EventType.THREATEN and lemma in _WARN and not hostile:
            return self.as_mention(group, s, actors)
        cands = self.roles_candidates(group, s, actors, etype)
        if not cands:
            return []
        status = self._frame_status(group, s)
        for cand in cands:
            cand.emit = status is not None and (cand.standalone or group.fate == "reported")
            cand.status = status or Status.OCCURRED
            cand.reported = group.fate == "reported"
        own_future = group.ctx.tense in ("future", "modal") and group.ctx.modal != "speculative"
        if status is None or (own_future and self.lex.is_cooperative(etype)):
            self.reframer.apply(group, cands, status and Status.THREATENED)
        if etype is EventType.ACCUSE and own_future and status is Status.HYPOTHETICAL:
            # "I will hold X responsible if ...": blame announced on a condition is a warning
            for cand in cands:
                cand.type, cand.mode, cand.spec = EventType.THREATEN, None, None
                cand.threatened_type, cand.status = EventType.ASSAULT, Status.OCCURRED
            etype = EventType.THREATEN
        requested = children(s.sent.doc[group.primary.i], "xcomp", "advcl", "ccomp")
        requested.extend(_controlled(s.sent.doc[group.primary.i], requested))
        requested.extend(s.sent.doc[m.i] for g in embedded for m in g.members)
        for cand in cands:
            cand.related.extend(requested)
        out = self._frame_targets(group, cands, embedded, s, actors)
        if etype is EventType.THREATEN:
            self._threatened(out, hostile, group, s, actors)
        if group.primary.spec.speaker:
            out = self._speaker_accusation(group, out, s, actors)
        if etype is EventType.ACCUSE:
            direct = [g for g in embedded if _direct(g, group)]
            out.extend(self._alleged(group, out[0], direct, s, actors))
        return out

    def _frame_status(self, group: Group, s: SentenceInput) -> Status | None:
        ctx = group.ctx
        if ctx.negated:
            return None
        if ctx.tense == "present" and not s.headline and group.fate != "reported":
            return None
        if ctx.modal == "speculative" or ctx.tense == "modal":
            return Status.HYPOTHETICAL if ctx.has_condition is not None else None
        if group.type is EventType.THREATEN:
            return Status.OCCURRED
        if (ctx.modal == "future" or ctx.tense == "future") and ctx.has_condition is not None:
            return Status.HYPOTHETICAL
        if ctx.habitual:
            return None
        return Status.OCCURRED

    def _frame_targets(
        self,
        group: Group,
        cands: list[Candidate],
        embedded: list[Group],
        s: SentenceInput,
        actors: ActorIndex,
    ) -> list[Candidate]:
        if any(c.target is not None and c.target.ref is not None for c in cands):
            return cands
        cand = cands[0]
        for emb in embedded:
            roles = self.group_roles(emb, s)
            if group.type is EventType.REQUEST:
                source = self.first(roles.sources, actors, cand.speaker, target=False)
                if (
                    source is not None
                    and source.ref is not None
                    and source.code != cand.source_code
                ):
                    cand.target = source
                    cand.tokens.update(emb.tokens)
                    return [cand]
            tokens = roles.targets + roles.recipients
            if group.type is EventType.THREATEN and roles.condition_subject is not None:
                # "warned the embassy may close if X cannot guarantee its safety": X
                tokens = [*tokens, roles.condition_subject]
            cand.related.extend(s.sent.doc[m.i] for m in emb.members)
            found = self.targets(tokens, actors, cand.speaker, avoid=cand.source_code)
            if found and found[0].ref is not None:
                cand.tokens.update(emb.tokens)
                return self.split(cand, found)
            if emb.primary.spec.retaliation:
                cand.retaliation = True
        target = cand.target
        if target is not None and target.ref is None:
            head = target.token
            trig = s.triggers.get(head.i)
            if (trig is not None and trig.type is EventType.REQUEST) or (
                head.lemma_.lower() in self.lex.message and group.type is EventType.REJECT
            ):
                cand.reverse_of = head
            elif trig is not None and trig.type is EventType.ASSAULT:
                cand.perpetrator_of = head
        return cands

    def _threatened(
        self,
        cands: list[Candidate],
        hostile: list[Group],
        group: Group,
        s: SentenceInput,
        actors: ActorIndex,
    ) -> None:
        kind = hostile[0] if hostile else None
        for cand in cands:
            cand.threatened_type = kind.type if kind is not None else EventType.ASSAULT
            cand.threatened_mode = kind.primary.spec.mode if kind is not None else None
            if kind is not None and kind.primary.spec.retaliation:
                cand.retaliation = True
            if kind is not None and kind.ctx.modal == "speculative":
                agent = self.first(self.group_roles(kind, s).sources, actors, None, target=False)
                if agent is not None and agent.resolved and agent.code != cand.source_code:
                    cand.emit = False

    def _alleged(
        self,
        group: Group,
        accusation: Candidate,
        embedded: list[Group],
        s: SentenceInput,
        actors: ActorIndex,
    ) -> list[Candidate]:
        out: list[Candidate] = []
        accused = accusation.target
        if accused is None or accused.ref is None:
            return out
        for emb in embedded:
            if not self.lex.is_hostile(emb.type):
                continue
            for cand in self.roles_candidates(emb, s, actors, emb.type, source=accused):
                cand.anchors = list(accusation.anchors)
                cand.emit = accusation.emit and (cand.standalone or self.light(emb))
                cand.alleged = True
                out.append(cand)
        return out

    def _speaker_accusation(
        self, group: Group, cands: list[Candidate], s: SentenceInput, actors: ActorIndex
    ) -> list[Candidate]:
        speaker = self.speaker(group, s, actors)
        out = []
        for cand in cands:
            accused = cand.source
            if speaker is None or accused is None or accused.ref is None:
                cand.emit = False
                out.append(cand)
                continue
            cand.source, cand.target = speaker, accused
            cand.emit = accused.code != speaker.code
            out.append(cand)
        return out[:1] if out and out[0].target is not None else out

    def commissive(self, verb: Token, s: SentenceInput, actors: ActorIndex) -> list[Candidate]:
        out: list[Candidate] = []
        if any(c.lower_ in self.lex.negation for c in children(verb, "advmod")):
            return out
        for emb in s.embeds.get(verb.i, []):
            if emb.fate == "drop":
                continue
            etype = emb.type
            if self.lex.is_hostile(etype):
                made, threatened = EventType.THREATEN, etype
            elif verb.pos_ == "ADJ" and self.lex.is_cooperative(etype):
                made, threatened = EventType.AGREE, None
            elif self.lex.is_verbal(etype):
                made, threatened = etype, None
            elif etype is EventType.RETREAT:
                made, threatened = EventType.CONCEDE, None
            else:
                made, threatened = EventType.AGREE, None
            subjects = self.roles.subjects(verb) or self.roles.subjects(verb.sent.root)
            source = self.first(subjects, actors, s.quote_speaker, target=False)
            for cand in self.roles_candidates(emb, s, actors, made, source=source):
                cand.threatened_type = threatened
                cand.threatened_mode = emb.primary.spec.mode if threatened else None
                cand.mode = None if threatened else cand.mode
                cand.related = list(cand.anchors)
                cand.anchors = [verb]
                cand.tokens.add(verb.i)
                cand.emit = True
                cand.status = Status.OCCURRED
                if not cand.target and subject(verb) is None:
                    cand.target = None
                out.append(cand)
        return out


def _controlled(verb: Token, found: list[Token]) -> list[Token]:
    """The infinitive right after a verb's object ("urging the country not to respond"),
    whichever verb the parser hung it on: what the object is asked (or forced) to do."""
    target = obj(verb)
    if target is None:
        return []
    doc = verb.doc
    i = target.right_edge.i + 1
    while i < len(doc) and doc[i].lower_ in ("not", "never"):
        i += 1
    if i + 1 >= len(doc) or doc[i].lower_ != "to":
        return []
    infinitive = doc[i].head
    if infinitive.i <= i or infinitive.pos_ not in ("VERB", "AUX") or infinitive in found:
        return []
    return [infinitive]


def _direct(embedded: Group, frame: Group) -> bool:
    """An act that is the charge itself ("accused X of attacking"), not one named inside it
    ("accused of involvement in the killing")."""
    top = embedded.ctx.top if not embedded.primary.verb else embedded.ctx.clause
    return frame.primary.i in (top.head.i, top.head.head.i)
