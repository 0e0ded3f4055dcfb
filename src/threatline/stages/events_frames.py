"""Triggers of one sentence grouped into acts, and each act's fate under what governs it.

Triggers that report one act are grouped ("killed ... in a drone strike", "the strike that
killed", "retaliate with a missile strike"). Each group then meets the nearest frame above it:

- under a vow or threat (``vowed to attack``, ``threatened sanctions``) a hostile act becomes the
  THREATEN's threatened act, a cooperative one the vow's SUPPORT or AGREE;
- under a request, refusal, support, meeting or concession the act is what is asked, refused...
  and gives that frame its target when it has none;
- under an accusation (``accused X of attacking Y``) it is an alleged act of the accused;
- under a denial (``denied attacking``) it is denied; under an own intention (``intends to``)
  it is threatened (announced, not done);
- under speech (``said``, a quotation) a future or obligatory hostile act is a THREATEN by the
  speaker; speculation about another actor (``may``, ``could``) is dropped; a past act is a
  reported event;
- inside an ``if`` clause, under a blocking word (``possibility of``, ``efforts to``), negated,
  habitual or in a generic present it is no event.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from threatline.models import EventType
from threatline.stages.events_context import Context, ContextReader
from threatline.stages.events_lexicon import EventLexicon
from threatline.stages.events_parse import (
    case_of,
    children,
    complements,
    dep,
    glued_infinitive,
    is_passive,
    kids,
    obj,
    participle_adjunct,
)
from threatline.stages.events_triggers import Trigger

__all__ = ["FRAME_TYPES", "Group", "GroupReader"]

FRAME_TYPES = frozenset(
    {
        EventType.THREATEN,
        EventType.REQUEST,
        EventType.REJECT,
        EventType.SUPPORT,
        EventType.AGREE,
        EventType.CONSULT,
        EventType.CONCEDE,
        EventType.ACCUSE,
    }
)
_INSTRUMENT_CASES = frozenset({"in", "by", "during", "with", "from", "through", "via", "after"})
_NEAR_WINDOW = 15
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_ADJ_COMMISSIVE = frozenset({"willing", "ready", "prepared", "determined", "eager", "keen"})


@dataclass(slots=True)
class Group:
    """Triggers reporting one act; ``fate`` says what becomes of it."""

    members: list[Trigger]
    primary: Trigger
    ctx: Context
    fate: str = "event"
    frame: Token | None = None
    frame_kind: str | None = None

    @property
    def type(self) -> EventType:
        return self.primary.type

    @property
    def tokens(self) -> list[int]:
        out: list[int] = []
        for m in self.members:
            out.extend(range(m.start, m.end))
        return out


class GroupReader:
    """Groups the triggers of a sentence and decides each group's fate."""

    def __init__(self, lexicon: EventLexicon) -> None:
        self.lex = lexicon
        self.contexts = ContextReader(lexicon)

    def frame_words(self, sent: Span, triggers: list[Trigger], cues: list[int]) -> dict[int, str]:
        """Tokens of the sentence that can govern an act, with their kind (``cues``: the
        sentence's tokens whose word is a cue verb)."""
        lex = self.lex
        kinds: dict[int, str] = {}
        doc = sent.doc
        for tok in (doc[i] for i in cues):
            lemma = self.lex.lemma(tok)
            if tok.pos_ == "ADJ" and lemma in _ADJ_COMMISSIVE and children(tok, "xcomp", "ccomp"):
                kinds[tok.i] = "commissive"
            if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ == "PROPN" and tok.is_title):
                continue
            complement = children(tok, "xcomp", "ccomp", "obj")
            if lemma in lex.commissive and complement and not is_passive(tok):
                kinds[tok.i] = "commissive"
            elif lemma in lex.denial and self._denies_claim(tok):
                kinds[tok.i] = "deny"
            elif lemma in lex.intention and _to_complement(tok):
                kinds[tok.i] = "intention"
            elif lemma in lex.speech:
                kinds[tok.i] = "speech"
        for trig in triggers:
            if trig.type in FRAME_TYPES and kinds.get(trig.i) not in ("deny", "commissive"):
                kinds[trig.i] = trig.type.value
            if trig.spec.retaliation and not trig.verb:
                for child in children(sent.doc[trig.i], "amod", "acl"):
                    if self.lex.lemma(child) in lex.commissive and child.tag_ == "VBN":
                        kinds[child.i] = "commissive"
        return kinds

    def _denies_claim(self, verb: Token) -> bool:
        target = obj(verb)
        if target is not None and (
            self.lex.lemma(target) in self.lex.claims or target.lower_ in self.lex.claims
        ):
            return True
        if children(verb, "ccomp"):
            return True
        return any(c.tag_ == "VBG" for c in children(verb, "xcomp", "obj"))

    def groups(
        self,
        sent: Span,
        triggers: list[Trigger],
        kinds: dict[int, str],
        past: frozenset[int] = frozenset(),
    ) -> list[Group]:
        """The acts of a sentence (``past``: tokens of time expressions dated before
        publication; an act noun they date is a past act, whatever the clause's tense)."""
        at = {t.i: t for t in triggers}
        parent = {t.i: t.i for t in triggers}

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for trig in triggers:
            other = self._linked(sent.doc[trig.i], trig, at)
            if other is None:
                other = self._near(sent.doc[trig.i], trig, triggers)
            if other is not None and other.i in parent:
                a, b = find(trig.i), find(other.i)
                if a != b:
                    parent[a] = b
        buckets: dict[int, list[Trigger]] = {}
        for trig in triggers:
            buckets.setdefault(find(trig.i), []).append(trig)
        out = []
        for members in buckets.values():
            doc = sent.doc
            # an instrument phrase ("the killing of X in a strike") is never the act's head
            heads = [m for m in members if m.verb or case_of(doc[m.i]) not in _INSTRUMENT_CASES]
            primary = min(heads or members, key=lambda m: (not m.verb, _depth(doc[m.i])))
            ctx = self.contexts.read(doc[primary.i], kinds, primary.verb)
            if not primary.verb and _dated_noun(doc[primary.i], past):
                ctx.modal, ctx.tense = None, "past"
            out.append(Group(members=sorted(members, key=lambda m: m.i), primary=primary, ctx=ctx))
        out.sort(key=lambda g: g.primary.i)
        return out

    def _linked(self, token: Token, trig: Trigger, at: dict[int, Trigger]) -> Trigger | None:
        """Another trigger of the same act, if the parse links them: an instrument phrase
        ("killed in a strike", "retaliate with a strike"), a compound ("drone strike
        assassination"), a participle or relative clause on an act noun ("the strike that
        killed", "a strike targeting"), or an act noun as subject ("the blast killed")."""
        head = token.head
        other = at.get(head.i)
        label = dep(token)
        base_label = label.split(":")[0]
        if other is not None and other.type is trig.type and head.i != token.i:
            if base_label in ("obl", "nmod") and case_of(token) in _INSTRUMENT_CASES:
                return other
            if label in ("compound", "obl:agent", "appos"):
                return other
            if base_label == "acl":
                return other
            if label == "nsubj" and other.verb and not trig.verb:
                return other
            casualty = trig.verb and trig.spec.casualty is not None
            if casualty and (base_label == "conj" or participle_adjunct(token)):
                return other
        if base_label == "acl" and head.i != token.i:
            above = head.head
            found = at.get(above.i)
            if found is not None and found.type is trig.type and dep(head).startswith("nmod"):
                return found
        for s in (c for c in kids(token) if dep(c) == "nsubj"):
            found = at.get(s.i)
            if found is not None and found.type is trig.type and not found.verb:
                return found
        return None

    def _vowed_modifier(self, group: Group) -> Token | None:
        """Parse-error fallback: "vowed vengeance" read as an adjective on the noun."""
        if not group.primary.spec.retaliation or group.primary.verb:
            return None
        token = group.ctx.top.doc[group.primary.i]
        for child in children(token, "amod", "acl"):
            if child.tag_ == "VBN" and self.lex.lemma(child) in self.lex.commissive:
                return child
        return None

    def _near(self, token: Token, trig: Trigger, triggers: list[Trigger]) -> Trigger | None:
        """Parse-error fallback: an instrument phrase ("in a strike", "with a missile
        strike") right after an act of the same type, with no verb between, is that act's."""
        for other in triggers:
            same = other is not trig and other.type is trig.type
            nouns = not other.verb and not trig.verb
            if same and nouns and (other.end == trig.start or trig.end == other.start):
                return other
        if trig.verb or case_of(token) not in _INSTRUMENT_CASES:
            return None
        doc = token.doc
        for other in reversed(triggers):
            if other.i >= token.i:
                continue
            if token.i - other.i > _NEAR_WINDOW:
                return None
            if other.type is not trig.type:
                return None
            between = doc[other.i + 1 : token.i]
            if any(t.tag_ in _FINITE for t in between):
                return None
            return other
        return None

    def decide(self, groups: list[Group], quoted: frozenset[int]) -> dict[int, list[Group]]:
        """Set each group's fate; return the groups embedded under each frame token."""
        embeds: dict[int, list[Group]] = {}
        for group in groups:
            ctx = group.ctx
            if ctx.in_condition:
                group.fate = "drop"
                continue
            frame = next(
                ((tok, kind) for tok, kind in ctx.frames if tok.i != group.primary.i), None
            )
            vowed = self._vowed_modifier(group)
            if vowed is not None:
                frame = (vowed, "commissive")
            if frame is not None:
                group.frame, group.frame_kind = frame
            kind = group.frame_kind
            if kind in {t.value for t in FRAME_TYPES} or kind == "commissive":
                if ctx.blocked and kind != "commissive":
                    group.fate = "drop"
                    continue
                group.fate = "alleged" if kind == EventType.ACCUSE.value else "embedded"
                if group.frame is not None:
                    embeds.setdefault(group.frame.i, []).append(group)
                continue
            if ctx.blocked:
                group.fate = "drop"
            elif kind == "deny":
                group.fate = "denied"
            elif kind == "intention":
                group.fate = "intended"
            elif kind == "speech" or group.primary.i in quoted:
                group.fate = "reported"
            else:
                group.fate = "event"
        return embeds


def _to_complement(verb: Token) -> bool:
    """An infinitive complement ("intends to produce"), also when the parser read it as an
    adjunct or glued the infinitive to the object ("intends to deploy troops" read as a
    compound on "troops", itself the object or a "to" phrase)."""
    if any(any(m.lower_ == "to" for m in kids(x)) for x in complements(verb)):
        return True
    nouns = children(verb, "obj", "obl")
    return any(glued_infinitive(v) is not None for o in nouns for v in kids(o))


def _dated_noun(noun: Token, past: frozenset[int]) -> bool:
    """An act noun dated in the past inside its own phrase ("the November killing", "the
    January 3 strike"): a past act referred to, not one announced."""
    return any(i in past for i in range(noun.left_edge.i, noun.i))


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth
