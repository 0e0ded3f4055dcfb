"""Who speaks: a speaker phrase mapped to the actor stage's mentions.

- a named person in the phrase wins over the body around it ("Senior commanders, including
  General Omar Haddad" -> Haddad; "Spain's envoy to Chile—Maria Lopez" -> Lopez), but not a
  person inside an "of/for/with" phrase ("the father of X");
- conjoined actors speak each ("X and Y said" -> one speaker per conjunct);
- unnamed and collective speakers keep a descriptive label with the mention's code ("an unnamed
  defense official" -> "unnamed US defense official", USA; "Iranian officials" -> IRN);
- "he"/"she" is the most recent earlier speaker who is a person of that gender (else the most
  recent such person mentioned); "they"/"it" the most recent body; "the official" the most recent
  speaker with that head noun.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from threatline.knowledge import KnowledgeBase
from threatline.models import ActorKind, ActorMention, ActorRef
from threatline.stages.quotes_lexicon import (
    FEMALE_WORDS,
    MALE_WORDS,
    PERSON_NOUNS,
    PLURAL_PRONOUNS,
    QUANTIFIERS,
    ROLE_NOUNS,
    SINGULAR_PRONOUNS,
    dep,
)
from threatline.stages.quotes_text import Layout

__all__ = ["Speaker", "SpeakerResolver"]

_BLOCKING_CASES = frozenset(
    {"of", "for", "with", "to", "from", "at", "by", "on", "in", "against", "about"}
)
_PARAGRAPH_REACH = 3
_DEMONYM_ENDINGS = ("an", "ese", "i", "ish", "ic")


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: the reference, the phrase as written and what pronouns need."""

    ref: ActorRef | None
    text: str
    pos: int
    person: bool = False
    gender: str | None = None
    head: str = ""
    plural: bool = False


class SpeakerResolver:
    """Resolves speaker phrases in text order; holds the speakers seen so far for pronouns."""

    def __init__(
        self, doc: Doc, layout: Layout, actors: list[ActorMention], kb: KnowledgeBase | None = None
    ) -> None:
        self.doc = doc
        self.layout = layout
        self.kb = kb
        self.mentions = sorted((m for m in actors if m.ref is not None), key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.longest = max((m.end - m.start for m in self.mentions), default=0)
        self.history: list[Speaker] = []

    # -- lookups ---------------------------------------------------------------------------

    def _overlapping(self, start: int, end: int) -> list[ActorMention]:
        """Mentions overlapping [start, end), in text order."""
        hi = bisect_right(self.starts, end - 1)
        lo = bisect_left(self.starts, start - self.longest)
        return [m for m in self.mentions[lo:hi] if m.end > start]

    def _covering(self, tok: Token) -> ActorMention | None:
        found = self._overlapping(tok.idx, tok.idx + len(tok.text))
        return min(found, key=lambda m: m.end - m.start) if found else None

    def _gender(self, ref: ActorRef | None, words: list[str]) -> str | None:
        if ref is not None and ref.person and self.kb is not None:
            entry = self.kb.person(ref.person)
            if entry is not None and entry.gender:
                return entry.gender
        lowered = {w.lower() for w in words}
        if lowered & MALE_WORDS:
            return "m"
        if lowered & FEMALE_WORDS:
            return "f"
        return None

    def _attached(self, mention: ActorMention) -> bool:
        """The mention belongs to the phrase itself, not to an "of/for/with" phrase in it ("the
        father of X"); "including X" and appositions belong."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return False
        before = self.doc[span.start - 1].lower_ if span.start > 0 else ""
        if before in _BLOCKING_CASES:
            return False
        return not any(dep(c) == "case" and c.lower_ in _BLOCKING_CASES for c in span.root.children)

    # -- resolution ------------------------------------------------------------------------

    def resolve(self, lo: int, hi: int, head: int) -> list[Speaker]:
        """Speakers of the phrase ``doc[lo:hi]`` headed by ``head``; remembered for pronouns."""
        tok = self.doc[head]
        if tok.lower_ in SINGULAR_PRONOUNS | PLURAL_PRONOUNS and hi - lo <= 1:
            found = [self._pronoun(tok)]
        else:
            found = [self._single(a, b, h) for a, b, h in self._conjuncts(lo, hi, head)]
        self.history.extend(s for s in found if s.ref is not None)
        return found

    def _conjuncts(self, lo: int, hi: int, head: int) -> list[tuple[int, int, int]]:
        """Split "X and Y" (and "X, Y and Z") when every part names an actor."""
        doc = self.doc
        cuts = [
            k
            for k in range(lo + 1, hi - 1)
            if doc[k].lower_ in ("and", "&") or (doc[k].text == "," and doc[k + 1].pos_ == "PROPN")
        ]
        if not cuts:
            return [(lo, hi, head)]
        parts: list[tuple[int, int, int]] = []
        start = lo
        for k in [*cuts, hi]:
            if k > start:
                parts.append((start, k, k - 1))
            start = k + 1
        named = [
            p
            for p in parts
            if any(m.ref is not None and m.ref.person for m in self._phrase_mentions(*p))
        ]
        if len(parts) < 2 or len(named) != len(parts):
            return [(lo, hi, head)]
        return [(a, b, self._last_name(a, b)) for a, b, _ in parts]

    def _last_name(self, lo: int, hi: int) -> int:
        for k in range(hi - 1, lo - 1, -1):
            if self.doc[k].pos_ in ("PROPN", "NOUN"):
                return k
        return hi - 1

    def _phrase_mentions(self, lo: int, hi: int, _head: int) -> list[ActorMention]:
        return self._overlapping(
            self.doc[lo].idx, self.doc[hi - 1].idx + len(self.doc[hi - 1].text)
        )

    def _single(self, lo: int, hi: int, head: int) -> Speaker:
        doc = self.doc
        tok = doc[head]
        start = doc[lo].idx
        text = _as_written(doc, lo, hi, head)
        mentions = [m for m in self._phrase_mentions(lo, hi, head) if m.ref is not None]
        at_head = self._covering(tok)
        persons = [m for m in mentions if m.ref is not None and m.ref.person and self._attached(m)]
        chosen: ActorMention | None
        if at_head is not None and at_head.ref is not None and at_head.ref.person:
            chosen = at_head
        elif persons:
            chosen = persons[0]
        elif at_head is not None:
            chosen = at_head
        else:
            chosen = next((m for m in mentions if self._attached(m)), None)
        ref = chosen.ref if chosen is not None else None
        words = [t.text for t in doc[lo:hi]]
        plural = tok.tag_ in ("NNS", "NNPS")
        if ref is not None and ref.person:
            person_ref = ref.model_copy(update={"name": ref.person, "kind": ActorKind.PERSON})
            return Speaker(person_ref, text, start, True, self._gender(ref, words), _lemma(tok))
        if _lemma(tok) in ROLE_NOUNS:
            earlier = self._definite(tok, lo, head)
            if earlier is not None:
                return replace(earlier, text=text, pos=start)
            label = self._label(lo, head, ref)
            kind = ref.kind if ref is not None else None
            labelled = ActorRef(
                code=ref.code if ref is not None else None,
                name=label,
                sector=ref.sector if ref is not None else None,
                role=ref.role if ref is not None else None,
                kind=kind if kind is not ActorKind.STATE else None,
                resolved=ref is not None and ref.resolved,
            )
            person = not plural and _lemma(tok) not in ("military", "administration", "leadership")
            return Speaker(
                labelled, text, start, person, self._gender(None, words), _lemma(tok), plural
            )
        if ref is None:
            name = _name_at(doc, head, lo, hi)
            if name is None and (tok.pos_ == "NOUN" or _lemma(tok) in PERSON_NOUNS):
                unnamed = ActorRef(name=self._label(lo, head, None), resolved=False)
                return Speaker(
                    unnamed, text, start, _lemma(tok) in PERSON_NOUNS, None, _lemma(tok), plural
                )
            if name is None:
                return Speaker(None, text, start, head=_lemma(tok))
            person = tok.ent_type_ in ("PER", "PERSON")
            ref = ActorRef(name=name, person=name if person else None, resolved=False)
            return Speaker(ref, text, start, person, self._gender(None, words), _lemma(tok))
        return Speaker(ref, text, start, False, None, _lemma(tok), plural)

    def _definite(self, tok: Token, lo: int, head: int) -> Speaker | None:
        """ "the official" after "an unnamed defense official": the same speaker."""
        doc = self.doc
        dets = [t for t in doc[lo:head] if t.lower_ in ("the", "this", "that")]
        if not dets or head - lo > 1:
            return None
        lemma = _lemma(tok)
        for sp in reversed(self.history):
            if sp.head == lemma and sp.ref is not None:
                return sp
        return None

    def _label(self, lo: int, head: int, ref: ActorRef | None) -> str:
        """A descriptive label for an unnamed speaker: the phrase up to its head without
        determiners; a singular indefinite phrase with no organisation name becomes "unnamed
        ...", and a known country missing from the phrase is added."""
        doc = self.doc
        words = [t for t in doc[lo : head + 1] if not t.is_punct or t.text in ("-",)]
        indefinite = bool(words) and words[0].lower_ in ("a", "an")
        while words and (
            words[0].lower_ in QUANTIFIERS or words[0].tag_ in ("WDT", "WP", "PDT", "CC")
        ):
            words = words[1:]
        if not words:
            return doc[head].text
        named_org = any(self._organisation_word(t) for t in words if t.i != head)
        parts = [t.text for t in words]
        country = self._country(ref, words)
        lead = 1 if parts[0].lower() in ("unnamed", "anonymous") else 0
        if country is not None:
            parts.insert(lead, country)
        if indefinite and not named_org and doc[head].tag_ == "NN" and lead == 0:
            parts.insert(0, "unnamed")
        return " ".join(parts)

    def _organisation_word(self, tok: Token) -> bool:
        """A capitalised word naming an organisation, not a country or a demonym."""
        if not tok.text[:1].isupper() or tok.is_sent_start:
            return False
        if self.kb is not None:
            found = self.kb.lookup(tok.text)
            if found:
                return not any(m.actor.kind is ActorKind.STATE and not m.organ for m in found)
        return tok.pos_ == "PROPN" and not tok.text.endswith(_DEMONYM_ENDINGS)

    def _country(self, ref: ActorRef | None, words: list[Token]) -> str | None:
        if ref is None or ref.code is None or self.kb is None:
            return None
        state = self.kb.state(ref.code)
        if state is None:
            return None
        for t in words:
            if any(m.actor.code == ref.code for m in self.kb.lookup(t.text)):
                return None
        short = [a for a in state.aliases if a.isupper() and len(a) <= 4]
        return short[0] if short else state.demonyms[0]

    def _pronoun(self, tok: Token) -> Speaker:
        low = tok.lower_
        pos = tok.idx
        para = self.layout.para_at(pos)
        want_person = low in SINGULAR_PRONOUNS
        gender = "m" if low in ("he", "him") else "f" if low in ("she", "her") else None
        for sp in reversed(self.history):
            if para - self.layout.para_at(sp.pos) > _PARAGRAPH_REACH:
                break
            if sp.pos >= pos:
                continue
            if self._fits(sp, want_person, gender):
                return replace(sp, text=tok.text, pos=pos)
        for k in range(bisect_left(self.starts, pos) - 1, -1, -1):
            m = self.mentions[k]
            if m.end > pos or m.ref is None:
                continue
            if para - self.layout.para_at(m.start) > 1:
                break
            is_person = bool(m.ref.person)
            ref = m.ref.model_copy(update={"name": m.ref.person}) if m.ref.person else m.ref
            sp = Speaker(ref, tok.text, pos, is_person, self._gender(m.ref, m.text.split()))
            if self._fits(sp, want_person, gender):
                return sp
        return Speaker(None, tok.text, pos)

    @staticmethod
    def _fits(sp: Speaker, want_person: bool, gender: str | None) -> bool:
        if want_person:
            return (
                sp.person
                and not sp.plural
                and (sp.gender is None or gender is None or sp.gender == gender)
            )
        return not sp.person or sp.plural


def _lemma(tok: Token) -> str:
    """Lower-case lemma; a capitalised plural the lemmatizer kept ("Experts") is singularised."""
    lemma: str = tok.lemma_.lower()
    if lemma not in ROLE_NOUNS and lemma.endswith("s") and lemma[:-1] in ROLE_NOUNS:
        return lemma[:-1]
    return lemma


def _name_at(doc: Doc, head: int, lo: int, hi: int) -> str | None:
    """The name at the head of an unresolved phrase: its named entity, else its run of
    proper nouns ("Behnam Ben Taleblu"), else None."""
    tok = doc[head]
    if tok.ent_iob_ != "O" and tok.ent_type_:
        for ent in doc.ents:
            if ent.start <= head < ent.end:
                return str(ent.text)
    if tok.tag_ not in ("NNP", "NNPS"):
        return None
    a, b = head, head + 1
    while a > lo and doc[a - 1].tag_ in ("NNP", "NNPS"):
        a -= 1
    while b < hi and doc[b].tag_ in ("NNP", "NNPS"):
        b += 1
    return str(doc[a:b].text)


def _as_written(doc: Doc, lo: int, hi: int, head: int) -> str:
    """The phrase as written, cut before a comma apposition that follows the head's name."""
    end = hi
    for k in range(head + 1, hi):
        if doc[k].text == ",":
            end = k
            break
    return doc[lo:end].text.strip()
