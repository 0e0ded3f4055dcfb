"""Shared pieces of candidate building: who speaks, the roles of a group of triggers, their
resolution to actors, and one candidate per target actor (dyad splitting).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from threatline.models import EventType
from threatline.stages.events_actors import ActorIndex
from threatline.stages.events_candidate import Arg, Candidate
from threatline.stages.events_context import ContextReader
from threatline.stages.events_frames import Group
from threatline.stages.events_lexicon import EventLexicon
from threatline.stages.events_parse import (
    children,
    conjuncts,
    dep,
    is_passive,
    kids,
    name_conjuncts,
    obj,
    pp_args,
)
from threatline.stages.events_reframe import Reframer
from threatline.stages.events_roles import RoleReader, Roles
from threatline.stages.events_triggers import Trigger

__all__ = ["ArgBuilder", "SentenceInput"]


@dataclass(slots=True)
class SentenceInput:
    """What the builder needs about one sentence."""

    sent: Span
    triggers: dict[int, Trigger]
    groups: list[Group]
    embeds: dict[int, list[Group]]
    kinds: dict[int, str]
    quoted: frozenset[int]
    quote_speaker: Arg | None
    headline: bool
    attribution: Arg | None = None


_REFERRED = frozenset({EventType.ASSAULT, EventType.REQUEST})
# "X and Y held talks": the second party of a mutual act is its target
_MUTUAL = frozenset({EventType.CONSULT, EventType.AGREE, EventType.COOPERATE})


class ArgBuilder:
    """Resolves the participants of grouped triggers."""

    def __init__(self, lexicon: EventLexicon) -> None:
        self.lex = lexicon
        self.roles = RoleReader(lexicon)
        self.contexts = ContextReader(lexicon)
        self.reframer = Reframer(lexicon)

    def speaker(self, group: Group, s: SentenceInput, actors: ActorIndex) -> Arg | None:
        """Who says the sentence part holding ``group``: the subject of the nearest speech,
        vow or threat above it, else the speaker of the quotation it is in."""
        for tok, kind in group.ctx.frames:
            if kind in ("speech", "commissive", EventType.THREATEN.value):
                subjects = self.roles.subjects(tok)
                if s.attribution is not None and any(t.lower_ in ("he", "she") for t in subjects):
                    return s.attribution
                for subj in subjects:
                    arg = actors.resolve(subj, speaker=s.quote_speaker)
                    if arg is not None and arg.ref is not None:
                        return arg
                if not subjects and kind == "speech":
                    found = actors.last_person(tok)
                    if found is not None:
                        return found
        if group.primary.i in s.quoted:
            return s.quote_speaker
        return None

    def group_roles(self, group: Group, s: SentenceInput) -> Roles:
        doc = s.sent.doc
        merged = Roles()
        own = set(group.tokens)
        for member in [group.primary, *[m for m in group.members if m is not group.primary]]:
            token = doc[member.i]
            if member.verb:
                roles = self.roles.verb(token, member.type, member.spec)
            elif member is group.primary:
                gov = group.ctx.governor
                roles = self.roles.noun(
                    token,
                    member.type,
                    member.spec,
                    gov,
                    top=group.ctx.top,
                    span=range(member.start, member.end),
                )
            else:
                roles = self.roles.noun(
                    token, member.type, member.spec, span=range(member.start, member.end)
                )
            merged.sources.extend(self._expand_agent(t, own, s) for t in roles.sources)
            merged.targets.extend(t for t in roles.targets if t.i not in own)
            merged.recipients.extend(roles.recipients)
            merged.condition_subject = merged.condition_subject or roles.condition_subject
        merged.sources = [t for t in merged.sources if t.i not in own]
        return merged

    def _expand_agent(self, token: Token, own: set[int], s: SentenceInput) -> Token:
        """A source phrase that is itself an act ("a US drone strike") gives its own source;
        an instrument gives whoever launched it ("a missile launched by a US drone")."""
        for _ in range(3):
            trig = s.triggers.get(token.i)
            if trig is not None and not trig.verb and token.i not in own:
                roles = self.roles.noun(token, trig.type, trig.spec)
                if not roles.sources:
                    return token
                token = roles.sources[0]
                continue
            launched = [
                a
                for acl in children(token, "acl")
                if acl.lemma_.lower() in self.lex.agent_markers
                for p, a in pp_args(acl)
                if p == "by"
            ]
            if not launched:
                return token
            token = launched[0]
        return token

    def first(
        self,
        tokens: list[Token],
        actors: ActorIndex,
        speaker: Arg | None,
        *,
        target: bool,
        avoid: str | None = None,
    ) -> Arg | None:
        """The first phrase that resolves to an actor (other than ``avoid``); else an
        unresolved crowd phrase ("thousands of mourners"), else the first noun phrase."""
        fallback: Arg | None = None
        crowd: Arg | None = None
        for token in tokens:
            arg = actors.resolve(token, speaker=speaker, target=target)
            if arg is not None and arg.ref is not None:
                if avoid is None or arg.code != avoid:
                    return arg
                continue
            if token.pos_ == "PRON":
                continue
            words = {token.lemma_.lower(), *(c.lemma_.lower() for c in kids(token))}
            if crowd is None and words & self.lex.crowds:
                crowd = Arg(token, None)
            if fallback is None:
                fallback = Arg(token, None)
        return crowd or fallback

    def targets(
        self,
        tokens: list[Token],
        actors: ActorIndex,
        speaker: Arg | None,
        avoid: str | None = None,
    ) -> list[Arg]:
        """Targets of a phrase list: the first that resolves (to an actor other than the
        source), with its conjuncts."""
        fallback: Arg | None = None
        for token in tokens:
            arg = actors.resolve(token, speaker=speaker, target=True)
            if arg is not None and avoid is not None and arg.code == avoid:
                continue
            if arg is None or arg.ref is None:
                if fallback is None and token.pos_ != "PRON":
                    fallback = Arg(token, None)
                continue
            out = [arg]
            for conj in name_conjuncts(token):
                other = actors.resolve(conj, speaker=speaker, target=True)
                if other is not None and other.ref is not None:
                    out.append(other)
            return out
        return [fallback] if fallback is not None else []

    def base(self, group: Group, s: SentenceInput, etype: EventType) -> Candidate:
        doc = s.sent.doc
        primary = group.primary
        cand = Candidate(
            type=etype,
            trigger=doc[primary.i],
            spec=primary.spec,
            sentence=s.sent,
            mode=primary.spec.mode,
            strength=primary.spec.strength,
            path=group.ctx.path,
            quoted=primary.i in s.quoted,
            standalone=any(m.spec.standalone for m in group.members),
            retaliation=primary.spec.retaliation or any(m.spec.retaliation for m in group.members),
            tense=group.ctx.tense,
            future=group.ctx.modal == "future" or group.ctx.tense in ("future", "modal"),
        )
        cand.tokens.update(group.tokens)
        cand.triggers = [m.i for m in group.members]
        cand.anchors.extend(doc[i] for m in group.members for i in range(m.start, m.end))
        for member in group.members:
            head = doc[member.i].head
            if not member.verb and head.i != member.i and self._light_verb(head):
                cand.anchors.append(head)
        gov = group.ctx.governor
        if gov is not None and not primary.verb and self.light(group):
            cand.anchors.append(gov)
            cand.tokens.add(gov.i)
        if primary.spec.retaliation:
            victims = [c for c in children(doc[primary.i], "compound") if c.pos_ == "PROPN"]
            cand.victim = victims[0] if victims else None
        return cand

    def split(self, cand: Candidate, targets: list[Arg]) -> list[Candidate]:
        """One candidate per target actor code (dyad splitting); persons are the victims."""
        by_code: dict[str | None, list[Arg]] = {}
        for arg in targets:
            by_code.setdefault(arg.code, []).append(arg)
        if not by_code:
            return [cand]
        out = []
        for args in by_code.values():
            copy = replace(
                cand,
                tokens=set(cand.tokens) | {a.token.i for a in args},
                anchors=list(cand.anchors),
                triggers=list(cand.triggers),
                references=list(cand.references),
                target=args[0],
                victims=[a for a in args if a.person is not None],
            )
            out.append(copy)
        return out

    # -- acts --------------------------------------------------------------------------------

    def as_mention(self, group: Group, s: SentenceInput, actors: ActorIndex) -> list[Candidate]:
        """A non-reported act, kept so that later references can find its roles (only the
        kinds of act that other acts refer to: attacks and requests)."""
        if group.type not in _REFERRED:
            return []
        cands = self.roles_candidates(group, s, actors, group.type)
        for cand in cands:
            cand.emit = False
        return cands

    def roles_candidates(
        self,
        group: Group,
        s: SentenceInput,
        actors: ActorIndex,
        etype: EventType,
        source: Arg | None = None,
    ) -> list[Candidate]:
        """Candidates of a group, one per target actor; ``source`` overrides the group's own
        (the accused of an alleged act, the maker of a vow)."""
        speaker = self.speaker(group, s, actors)
        roles = self.group_roles(group, s)
        cand = self.base(group, s, etype)
        cand.speaker = speaker
        if cand.retaliation:
            cand.victim = self._victim(s.sent.doc[group.primary.i], actors) or cand.victim
        cand.source = self.first(roles.sources, actors, speaker, target=False)
        trigger = s.sent.doc[group.primary.i]
        passive = group.primary.verb and is_passive(trigger)
        main_clause = dep(trigger) in ("ROOT", "root", "conj", "parataxis")
        if not roles.sources and group.primary.verb and not passive and main_clause:
            cand.source = actors.fragment_head(trigger)
        if source is not None:
            cand.source = source
        if cand.source is not None:
            cand.tokens.add(cand.source.token.i)
        tokens = roles.targets + roles.recipients
        if passive and not roles.targets and main_clause:
            head = actors.fragment_head(trigger)
            if head is not None:
                tokens = [head.token, *tokens]
        if roles.condition_subject is not None and etype is EventType.THREATEN:
            tokens = [*tokens, roles.condition_subject]
        found = self.targets(tokens, actors, speaker, avoid=cand.source_code)
        found.extend(self._other_victims(group, s, actors, speaker, found, cand.source_code))
        if not found and etype in _MUTUAL and cand.source is not None:
            found = self.targets(conjuncts(cand.source.token), actors, speaker, cand.source_code)
        return self.split(cand, found)

    def _other_victims(
        self,
        group: Group,
        s: SentenceInput,
        actors: ActorIndex,
        speaker: Arg | None,
        found: list[Arg],
        avoid: str | None,
    ) -> list[Arg]:
        """Victims named by the other killing verbs of one act ("the strike that killed X
        also killed Y"): one more dyad for each actor not yet among the targets."""
        codes = {a.code for a in found}
        out: list[Arg] = []
        for member in group.members:
            if member is group.primary or not member.verb or member.spec.casualty is None:
                continue
            victim = obj(s.sent.doc[member.i])
            if victim is None:
                continue
            for arg in self.targets([victim], actors, speaker, avoid=avoid):
                if arg.ref is not None and arg.code not in codes:
                    codes.add(arg.code)
                    out.append(arg)
        return out

    def _victim(self, revenge: Token, actors: ActorIndex) -> Token | None:
        """Whom a revenge avenges ("the Soleimani revenge", "revenge for Soleimani")."""
        found = [*children(revenge, "compound", "amod", "flat")]
        found.extend(a for p, a in pp_args(revenge) if p in ("for", "over"))
        for token in found:
            mention = actors.mention(token)
            if mention is not None and mention.ref is not None and mention.ref.person:
                return token
        return None

    def _names_the_act(self, group: Group, s: SentenceInput) -> bool:
        """A revenge that is the subject of "could be the expulsion of ...": the act named
        is the threat, not the revenge word."""
        token = s.sent.doc[group.primary.i]
        head = token.head
        return dep(token) == "nsubj" and head.i in s.triggers and bool(children(head, "cop"))

    def _revenge_is(self, group: Group, s: SentenceInput) -> bool:
        """ "the revenge could be the expulsion of X": the act named as the revenge."""
        token = s.sent.doc[group.primary.i]
        if not children(token, "cop"):
            return False
        for subj in children(token, "nsubj"):
            trig = s.triggers.get(subj.i)
            if trig is not None and trig.spec.retaliation:
                return True
        return False

    def _light_verb(self, token: Token) -> bool:
        lex = self.lex
        lemma = lex.lemma(token)
        return token.pos_ in ("VERB", "AUX") and (
            lemma in lex.light_verbs or lemma in lex.reaction_verbs or lemma in lex.undergo_verbs
        )

    def light(self, group: Group) -> bool:
        """Whether a noun act is the object of a light, reaction or undergo verb."""
        gov = group.ctx.governor
        if gov is None or group.primary.verb or gov.pos_ not in ("VERB", "AUX"):
            return False
        lemma = gov.lemma_.lower()
        lex = self.lex
        return lemma in lex.light_verbs or lemma in lex.reaction_verbs or lemma in lex.undergo_verbs
