"""Where a trigger stands in its sentence: the clause that carries it, the verb that governs a
trigger noun, the frames above it (vows, requests, speech, intentions, blocking nouns), and the
clause's tense, modality, negation, condition and habitual reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.attrs import IS_SPACE, ORTH
from spacy.tokens import Doc, Token

from threatline.stages.events_lexicon import EventLexicon
from threatline.stages.events_parse import (
    adjunct_host,
    case_of,
    children,
    dep,
    glued_infinitive,
    governor,
    kids,
    sentence_bounds,
    subject,
)

__all__ = ["Context", "ContextReader", "quoted_tokens"]

_NOUN_UP = frozenset({"compound", "nmod", "appos", "conj", "flat", "amod", "dep", "nummod"})
_CLAUSE_UP = frozenset(
    {"xcomp", "ccomp", "advcl", "acl", "csubj", "parataxis", "conj", "obl", "nmod", "obj"}
)
_COMPLEMENT = frozenset({"xcomp", "ccomp", "csubj", "obj", "acl", "parataxis"})
_COMPLEMENT_CASES = frozenset({"of", "against", "for", "about", "on", "to", "with", "at"})
_QUOTE_OPEN = frozenset({"“", "‘"})
_QUOTE_CLOSE = frozenset({"”", "’"})
_QUOTE_BOTH = frozenset({'"', "``", "''"})
_MAX_UP = 8
_BE = frozenset({"is", "are", "am", "was", "were", "be", "been", "being", "'s", "'re"})
_HAVE = frozenset({"has", "have", "had", "having", "'ve", "'d"})


@dataclass(slots=True)
class Context:
    """The reading of one trigger's clause and what governs it."""

    clause: Token
    top: Token
    governor: Token | None = None
    relation: str = ""
    frames: list[tuple[Token, str]] = field(default_factory=list)
    negated: bool = False
    modal: str | None = None
    tense: str = "past"
    in_condition: bool = False
    has_condition: Token | None = None
    habitual: bool = False
    blocked: bool = False
    path: int = 0


def quoted_tokens(doc: Doc) -> frozenset[int]:
    """Tokens inside quotation marks (a paragraph break closes any open quote)."""
    inside: set[int] = set()
    open_ = False
    strings = doc.vocab.strings
    marks = {strings.add(m): m for m in _QUOTE_OPEN | _QUOTE_CLOSE | _QUOTE_BOTH}
    for i, (orth, space) in enumerate(doc.to_array([ORTH, IS_SPACE]).tolist()):
        if space:
            if "\n" in strings[orth]:
                open_ = False
            elif open_:
                inside.add(i)
            continue
        mark = marks.get(orth)
        if mark is None:
            if open_:
                inside.add(i)
        elif mark in _QUOTE_OPEN:
            open_ = True
        elif mark in _QUOTE_CLOSE and (mark != "’" or open_):
            open_ = False
        elif mark in _QUOTE_BOTH:
            open_ = not open_
        elif open_:
            inside.add(i)
    return frozenset(inside)


class ContextReader:
    """Reads contexts with the lexicon's cue lists."""

    def __init__(self, lexicon: EventLexicon) -> None:
        self.lex = lexicon

    def clause_of(self, token: Token, verb: bool = False) -> tuple[Token, Token | None, str, Token]:
        """The verb whose clause carries ``token``; for a noun, also the word that governs the
        noun phrase, by which relation (``obj``, ``nsubj:pass``, ``obl``...), and the top of
        the phrase (``a stream of threats``: stream)."""
        if verb or token.pos_ in ("VERB", "AUX") or _predicate(token):
            return token, None, "", token
        node = token
        lex = self.lex
        for _ in range(_MAX_UP):
            head = governor(node)
            if head is None:
                return node, None, "", node
            label = dep(node)
            if head.pos_ in ("VERB", "AUX") or (head.pos_ == "ADJ" and label != "amod"):
                return head, head, label, node
            quantity = self.lex.lemma(head) in lex.quantifiers and case_of(node) == "of"
            if not quantity:
                return head, head, label, node
            node = head
        return node, None, "", node

    def read(self, token: Token, frame_words: dict[int, str], verb: bool = False) -> Context:
        """The context of a trigger; ``frame_words`` maps token indexes to frame kinds
        (``commissive``, ``THREATEN``, ``speech``...) found in the sentence."""
        clause, gov, relation, top = self.clause_of(token, verb)
        if gov is not None and gov.pos_ not in ("VERB", "AUX", "ADJ"):
            clause = self._verb_above(gov)
        ctx = Context(clause=clause, top=top, governor=gov, relation=relation)
        self._noun_path(token, ctx, frame_words)
        self._clause_reading(clause, ctx)
        glued = glued_infinitive(clause) if verb else None
        if glued is not None:
            ctx.tense = "infinitive"
        self._climb(glued if glued is not None else clause, ctx, frame_words)
        if not ctx.frames:
            self._stray_that_clause(token, clause, ctx, frame_words)
        return ctx

    def _stray_that_clause(
        self, token: Token, clause: Token, ctx: Context, frame_words: dict[int, str]
    ) -> None:
        """Parse-error fallback: a "that" clause the parser hung on a noun ("told the
        website that X could be Y" read as a relative clause) is still what the statement
        verb before it says."""
        node: Token | None = token
        for _ in range(_MAX_UP):
            if node is None:
                return
            if any(m.lower_ == "that" for m in children(node, "mark")):
                break
            node = governor(node)
        else:
            return
        if node is None:
            return
        for i in range(node.i - 1, sentence_bounds(node)[0] - 1, -1):
            if frame_words.get(i) == "speech":
                ctx.frames.append((node.doc[i], "speech"))
                return

    def tense_of(self, verb: Token) -> str:
        """The tense of a verb's clause (see :func:`_tense`)."""
        return _tense(verb, children(verb, "aux", "aux:pass", "cop"), children(verb, "mark"))

    def _verb_above(self, token: Token) -> Token:
        node = token
        for _ in range(_MAX_UP):
            if node.pos_ in ("VERB", "AUX"):
                return node
            head = governor(node)
            if head is None:
                return node
            node = head
        return node

    def _noun_path(self, token: Token, ctx: Context, frame_words: dict[int, str]) -> None:
        lex = self.lex
        for child in kids(token):
            if child.lower_ == "no" and dep(child) == "det":
                ctx.negated = True
        if case_of(token) == "without":
            ctx.negated = True
        if token.i == ctx.clause.i:
            return
        node = token
        for _ in range(_MAX_UP):
            head = governor(node)
            if head is None:
                break
            if head.i in frame_words and _complement(node):
                ctx.frames.append((head, frame_words[head.i]))
            lemma = self.lex.lemma(head)
            if head.i not in frame_words and (lemma in lex.blocking or head.lower_ in lex.blocking):
                ctx.blocked = True
            if head.i == ctx.clause.i:
                break
            node = head

    def _clause_reading(self, clause: Token, ctx: Context) -> None:
        lex = self.lex
        auxes = children(clause, "aux", "aux:pass", "cop")
        for aux in auxes:
            low = aux.lower_
            lemma = self.lex.lemma(aux)
            if low in lex.future or lemma in lex.future:
                ctx.modal = ctx.modal or "future"
            if low in lex.speculative or lemma in lex.speculative:
                ctx.modal = "speculative"
            for grand in kids(aux):
                if grand.lower_ in lex.negation and dep(grand) == "advmod":
                    ctx.negated = True
        for child in children(clause, "advmod"):
            low = child.lower_
            if low in lex.negation:
                ctx.negated = True
            elif low in lex.habitual:
                ctx.habitual = True
            elif low in lex.speculative:
                ctx.modal = "speculative"
        ctx.has_condition = self.condition_of(clause)
        ctx.tense = _tense(clause, auxes, children(clause, "mark"))

    def condition_of(self, clause: Token) -> Token | None:
        """The "if"/"unless" clause attached to a clause or to one of its arguments (parsers
        often hang it on the object: "would reject the proposal if ...")."""
        lex = self.lex
        for child in children(clause, "advcl", "obj", "obl", "nsubj"):
            for node in (child, *children(child, "acl")):
                if (
                    dep(node).split(":")[0] in ("advcl", "acl")
                    and {m.lower_ for m in children(node, "mark")} & lex.conditional
                ):
                    return node
        return None

    def _climb(self, clause: Token, ctx: Context, frame_words: dict[int, str]) -> None:
        lex = self.lex
        node = clause
        for step in range(_MAX_UP):
            head = adjunct_host(node) or governor(node)
            if head is None:
                break
            label = dep(node)
            base_label = label.split(":")[0]
            if (
                base_label in ("advcl", "acl", "ccomp")
                and {m.lower_ for m in children(node, "mark")} & lex.conditional
            ):
                ctx.in_condition = True
            if base_label not in _CLAUSE_UP and label not in ("nsubj:pass", "nsubj"):
                break
            ctx.path = step + 1
            lemma = self.lex.lemma(head)
            if base_label == "conj":
                node = head
                continue
            if head.i in frame_words and _complement(node):
                ctx.frames.append((head, frame_words[head.i]))
            elif base_label == "ccomp" and lemma in lex.light_verbs:
                ctx.frames.extend(
                    (o, frame_words[o.i]) for o in children(head, "obj") if o.i in frame_words
                )
            elif base_label in ("xcomp", "ccomp", "acl", "obj", "csubj") and (
                (head.pos_ in ("VERB", "AUX") and lemma in lex.blocking_verbs)
                or (head.pos_ not in ("VERB", "AUX") and lemma in lex.blocking)
            ):
                ctx.blocked = True
            if (
                base_label == "xcomp"
                and ctx.modal is None
                and (lemma in lex.future or any(c.lower_ == "yet" for c in kids(head)))
            ):
                ctx.modal = "future"
            if base_label in ("xcomp", "ccomp") and ctx.modal is None:
                for aux in children(head, "aux"):
                    if aux.lower_ in lex.speculative:
                        ctx.modal = "speculative"
                    elif base_label == "xcomp" and aux.lower_ in lex.future:
                        ctx.modal = "future"
            node = head
        for child in kids(node):
            if child.i == clause.i or child.i not in frame_words:
                continue
            # a frame word hung on the clause governs it ("..., he warned"; "Instead, X
            # said, ..."), unless it has content of its own ("..., warning: we will respond")
            if _own_content(child):
                continue
            speech = frame_words[child.i] == "speech" and subject(child) is not None
            trailing = speech and child.i > clause.i
            parenthetical = speech and dep(child) in ("advcl", "parataxis")
            if dep(child) == "parataxis" or trailing or parenthetical:
                ctx.frames.append((child, frame_words[child.i]))


def _complement(node: Token) -> bool:
    """Whether ``node`` is a complement of its head (what is said, vowed, asked...), not an
    adjunct ("days before the strikes", "over the killing"). A second subject after a verb
    that already has one is the subject of its complement clause, which the parser flattened
    ("X said, the retribution needed to come ...")."""
    label = dep(node)
    base_label = label.split(":")[0]
    if base_label in _COMPLEMENT or label == "nsubj:pass":
        return True
    if label == "nsubj" and node.i > node.head.i:
        return any(s.i < node.head.i for s in children(node.head, "nsubj") if s.i != node.i)
    if base_label == "advcl" and any(
        m.lower_ == "to" or (m.lower_ in _COMPLEMENT_CASES and dep(m) == "mark") for m in kids(node)
    ):
        return True  # "vowed to strike", "accused X of shelling" read as adjuncts
    if base_label in ("obl", "nmod"):
        prep = case_of(node)
        if prep is None:
            return label in ("obl", "nmod")
        return prep.split()[0] in _COMPLEMENT_CASES
    return False


def _own_content(frame: Token) -> bool:
    """Whether a frame word says its own content: an object, a clause or a verb after it."""
    return any(
        c.i > frame.i and (c.pos_ in ("VERB", "AUX") or dep(c) in ("obj", "ccomp", "xcomp"))
        for c in kids(frame)
    )


def _predicate(token: Token) -> bool:
    """A noun that heads its own clause: a predicate nominal with its auxiliary ("the revenge
    could be the expulsion of X") or a noun the parser gave a tense ("since November have
    resumed attacks" with the auxiliary on "attacks")."""
    return any(dep(c) in ("aux", "aux:pass") for c in kids(token))


def _tense(clause: Token, auxes: list[Token], marks: list[Token]) -> str:
    lowers = {a.lower_ for a in auxes} | {m.lower_ for m in marks}
    lemmas = {a.lemma_.lower() for a in auxes}
    if lowers & _BE:
        lemmas.add("be")
    if lowers & _HAVE:
        lemmas.add("have")
    tag = clause.tag_
    if dep(clause) == "xcomp" and not auxes:
        return "gerund" if tag == "VBG" else "infinitive"
    if dep(clause) == "obj" and tag in ("VB", "VBP") and not auxes:
        return "infinitive"
    if lowers & {"will", "shall", "'ll", "wo"}:
        return "future"
    if lowers & {"would", "could", "might", "may", "should", "must"}:
        return "modal"
    if tag == "VBN" and "have" in lemmas:
        return "pluperfect" if "had" in lowers else "perfect"
    if tag == "VBG" and "be" in lemmas:
        return "progressive"
    if tag in ("VBZ", "VBP"):
        return "present"
    if tag == "VB" and ("to" in lowers or dep(clause) == "xcomp"):
        return "infinitive"
    if tag == "VBG":
        return "gerund"
    if tag == "VBN" and "be" in lemmas:
        return "present" if lowers & {"is", "are", "am"} else "past"
    return "past"
