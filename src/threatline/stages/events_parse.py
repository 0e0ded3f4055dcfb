"""Small, label-scheme-neutral views of a dependency parse.

The rules read Universal Dependencies labels (the shipped model). Models trained on ClearNLP
labels (``en_core_web_*``) are read through :data:`CLEAR_TO_UD` and through
:func:`pp_args`, which sees ``prep``/``pobj`` pairs the way UD sees ``obl``/``nmod`` + ``case``.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.attrs import DEP, HEAD
from spacy.tokens import Doc, Token

__all__ = [
    "CLEAR_TO_UD",
    "case_of",
    "children",
    "dep",
    "glued_infinitive",
    "governor",
    "is_passive",
    "kids",
    "obj",
    "participle_adjunct",
    "particle",
    "pp_args",
    "sentence_bounds",
    "subject",
    "with_conjuncts",
]

CLEAR_TO_UD: dict[str, str] = {
    "dobj": "obj",
    "nsubjpass": "nsubj:pass",
    "csubjpass": "csubj:pass",
    "auxpass": "aux:pass",
    "poss": "nmod:poss",
    "agent": "obl:agent",
    "prt": "compound:prt",
    "relcl": "acl:relcl",
    "neg": "advmod",
    "dative": "iobj",
    "oprd": "xcomp",
    "acomp": "xcomp",
    "npadvmod": "obl:npmod",
    "quantmod": "advmod",
    "preconj": "cc:preconj",
    "predet": "det:predet",
    "intj": "discourse",
    "attr": "attr",
}

_CASE_DEPS = frozenset({"case", "mark"})
_KIDS = "threatline.events.children"


def _kid_table(doc: Doc) -> list[list[tuple[int, str]]]:
    """(index, UD relation) of the children of every token, built once per Doc and kept in
    ``doc.user_data`` (spaCy's ``Token.children`` scans the token's whole span per call)."""
    table = doc.user_data.get(_KIDS)
    if table is None:
        strings = doc.vocab.strings
        table = [[] for _ in range(len(doc))]
        rows = doc.to_array([HEAD, DEP]).astype("int64").tolist()
        for i, (offset, label) in enumerate(rows):
            if offset:
                name = strings[label & 0xFFFFFFFFFFFFFFFF]
                table[i + offset].append((i, CLEAR_TO_UD.get(name, name)))
        doc.user_data[_KIDS] = table
    return table


_SENTS = "threatline.events.sentences"


def sentence_bounds(token: Token) -> tuple[int, int]:
    """(start, end) token indexes of the sentence holding ``token``, from a table built once
    per Doc (``Token.sent`` scans the tokens on every call)."""
    doc = token.doc
    table = doc.user_data.get(_SENTS)
    if table is None:
        table = [(0, 0)] * len(doc)
        for sent in doc.sents:
            bounds = (sent.start, sent.end)
            for i in range(sent.start, sent.end):
                table[i] = bounds
        doc.user_data[_SENTS] = table
    found: tuple[int, int] = table[token.i]
    return found


def kids(token: Token) -> list[Token]:
    """The children of ``token`` in text order."""
    doc = token.doc
    return [doc[i] for i, _label in _kid_table(doc)[token.i]]


_PP_DEPS = frozenset({"obl", "nmod", "advcl", "acl"})


def dep(token: Token) -> str:
    """The token's relation in UD terms (ClearNLP labels mapped)."""
    label: str = token.dep_
    return CLEAR_TO_UD.get(label, label)


def base(label: str) -> str:
    return label.split(":", 1)[0]


def children(token: Token, *labels: str) -> list[Token]:
    """Children whose (mapped) relation is one of ``labels`` (a bare label also matches its
    subtypes: ``obl`` matches ``obl:tmod``)."""
    wanted = set(labels)
    doc = token.doc
    return [
        doc[i]
        for i, label in _kid_table(doc)[token.i]
        if label in wanted or label.split(":", 1)[0] in wanted
    ]


def case_of(token: Token) -> str | None:
    """The preposition introducing ``token`` ("on", "prior to", "according to"), if any."""
    if token.dep_ == "pobj" and token.head.dep_ in ("prep", "agent"):
        return "by" if token.head.dep_ == "agent" else token.head.lower_
    for child in kids(token):
        if child.dep_ in _CASE_DEPS and child.i < token.i:
            words = [child.lower_] + [g.lower_ for g in kids(child) if g.dep_ == "fixed"]
            return " ".join(words)
    left = token.left_edge
    if (
        left.i < token.i
        and left.dep_ == "case"
        and left.pos_ == "ADP"
        and dep(token).startswith(("nmod", "obl", "obj"))
    ):
        return left.lower_
    return None


def pp_args(token: Token) -> Iterator[tuple[str, Token]]:
    """(preposition, argument head) for each prepositional argument of ``token``."""
    for child in kids(token):
        label = child.dep_
        if label in ("prep", "agent"):
            for pobj in kids(child):
                if pobj.dep_ in ("pobj", "pcomp"):
                    yield ("by" if label == "agent" else child.lower_), pobj
            continue
        if base(dep(child)) in _PP_DEPS:
            prep = case_of(child)
            if prep is not None:
                yield prep, child


def subject(token: Token) -> Token | None:
    found = children(token, "nsubj", "csubj")
    return found[0] if found else None


def obj(token: Token) -> Token | None:
    found = children(token, "obj")
    return found[0] if found else None


def particle(token: Token) -> str | None:
    found = children(token, "compound:prt")
    return found[0].lower_ if found else None


def is_passive(token: Token) -> bool:
    for child in kids(token):
        if dep(child) in ("nsubj:pass", "aux:pass", "csubj:pass"):
            return True
    return token.tag_ == "VBN" and dep(token) in ("acl", "amod")


def governor(token: Token) -> Token | None:
    """The head of ``token``, or None at the root."""
    return None if token.head.i == token.i else token.head


def participle_adjunct(token: Token) -> bool:
    """A subjectless participle clause hanging from a verb ("X said, speaking to Y"), which
    shares that verb's subject and time; parsers label it advcl, ccomp or xcomp."""
    if token.tag_ not in ("VBG", "VBN") or subject(token) is not None:
        return False
    if dep(token) not in ("advcl", "ccomp", "xcomp", "conj"):
        return False
    return not any(c.lower_ in ("that", "whether", "if") for c in children(token, "mark"))


def glued_infinitive(verb: Token) -> Token | None:
    """Parse-error repair: in "threatened to expel diplomats" a parser may read "expel" as a
    modifier of "diplomats"; return that noun (the verb's real object), else None."""
    if dep(verb) not in ("amod", "compound") or verb.i in (0, verb.head.i):
        return None
    if verb.doc[verb.i - 1].lower_ != "to" or verb.head.i < verb.i:
        return None
    return verb.head


def with_conjuncts(token: Token) -> list[Token]:
    """``token`` and the tokens coordinated with it, in text order."""
    return sorted([token, *token.conjuncts], key=lambda t: t.i)
