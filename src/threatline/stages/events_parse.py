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
    "TEMPORAL_WORDS",
    "acting_subject",
    "adjunct_host",
    "case_of",
    "children",
    "complements",
    "conjuncts",
    "dep",
    "glued_infinitive",
    "governor",
    "is_infinitive",
    "is_passive",
    "kids",
    "misread_main_verb",
    "name_conjuncts",
    "obj",
    "participle_adjunct",
    "particle",
    "pp_args",
    "release",
    "sentence_bounds",
    "subject",
    "temporal",
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

TEMPORAL_WORDS = frozenset(
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "period", "time", "year", "month", "week", "day",
        "today", "yesterday", "weekend", "morning", "evening", "night", "decade", "meantime",
    }
)  # fmt: skip

_CASE_DEPS = frozenset({"case", "mark"})
_PREFIX = "threatline.events."
_KIDS = _PREFIX + "children"


def _kid_table(doc: Doc) -> list[list[tuple[int, str, str]]]:
    """(index, UD relation, its base) of the children of every token, built once per Doc and
    kept in ``doc.user_data`` (spaCy's ``Token.children`` scans the token's whole span per
    call)."""
    table = doc.user_data.get(_KIDS)
    if table is None:
        strings = doc.vocab.strings
        table = [[] for _ in range(len(doc))]
        rows = doc.to_array([HEAD, DEP]).astype("int64").tolist()
        for i, (offset, label) in enumerate(rows):
            if offset:
                name = strings[label & 0xFFFFFFFFFFFFFFFF]
                name = CLEAR_TO_UD.get(name, name)
                table[i + offset].append((i, name, name.split(":", 1)[0]))
        doc.user_data[_KIDS] = table
    return table


_SENTS = _PREFIX + "sentences"


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


_KID_TOKENS = "threatline.events.child_tokens"


def kids(token: Token) -> list[Token]:
    """The children of ``token`` in text order (a list cached per Doc: do not change it)."""
    doc = token.doc
    cache: list[list[Token] | None] | None = doc.user_data.get(_KID_TOKENS)
    if cache is None:
        cache = [None] * len(doc)
        doc.user_data[_KID_TOKENS] = cache
    found = cache[token.i]
    if found is None:
        found = [doc[i] for i, _label, _base in _kid_table(doc)[token.i]]
        cache[token.i] = found
    return found


def release(doc: Doc) -> None:
    """Drop the per-Doc tables these helpers keep in ``doc.user_data``."""
    for key in [k for k in doc.user_data if isinstance(k, str) and k.startswith(_PREFIX)]:
        del doc.user_data[key]


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
    doc = token.doc
    table = _kid_table(doc)[token.i]
    if not table:
        return []
    return [doc[i] for i, label, base_label in table if label in labels or base_label in labels]


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


_ABSOLUTE = frozenset({"with"})
_NONFINITE = frozenset({"VBG", "VBN", "VB"})


def subject(token: Token) -> Token | None:
    """The subject of a clause; in an absolute construction ("with this request said to have
    been rejected", "with Tehran responding") the noun after "with" whichever way the parser
    attached it (subject of the participle, or a "with" phrase before it)."""
    found = children(token, "nsubj", "csubj")
    if found:
        return found[0]
    if token.tag_ not in _NONFINITE and dep(token) not in ("advcl", "acl"):
        return None
    for child in children(token, "obl", "nmod"):
        nominal = child.pos_ in ("NOUN", "PROPN", "PRON")
        if child.i < token.i and nominal and case_of(child) in _ABSOLUTE:
            return child
    return None


def acting_subject(token: Token) -> Token | None:
    """Who does what a verb says: its subject, or, for an active participle or a finite verb
    the parser hung on a noun as a modifier ("a submarine crossed the strait" read as a noun
    phrase), the noun it modifies."""
    found = subject(token)
    if found is not None:
        return found
    if dep(token) not in ("acl", "amod") or token.i < token.head.i:
        return None
    return token.head if not is_passive(token) or misread_main_verb(token) else None


def conjuncts(token: Token) -> list[Token]:
    """The tokens coordinated with ``token`` (spaCy's ``Token.conjuncts`` read from the
    per-Doc child table)."""
    first = token
    while dep(first) == "conj" and first.head.i != first.i:
        first = first.head
    found: list[Token] = []
    stack = [first]
    while stack:
        node = stack.pop()
        if node.i != token.i:
            found.append(node)
        stack.extend(children(node, "conj"))
    return sorted(found, key=lambda t: t.i)


def name_conjuncts(token: Token) -> list[Token]:
    """The tokens coordinated with a phrase, also when the parser hung the conjunct on the
    last word of a multiword name ("Qassem Soleimani and a militia leader": conj of
    "Soleimani", not of the head "Qassem")."""
    found = conjuncts(token)
    for part in children(token, "flat", "compound"):
        if part.i > token.i:
            found.extend(c for c in children(part, "conj") if c not in found)
    return found


def obj(token: Token) -> Token | None:
    """The direct object; for a verb with none, the noun phrase right after it that the
    parser hung on the verb's head instead ("intends to enrich uranium" with "uranium" on
    "intends")."""
    found = children(token, "obj")
    if found:
        return found[0]
    doc = token.doc
    verbal = token.pos_ in ("VERB", "AUX") or (token.i > 0 and doc[token.i - 1].lower_ == "to")
    if not verbal or token.head.i == token.i or token.i + 1 >= len(doc):
        return None
    for sibling in children(token.head, "obj", "obl", "nmod"):
        adjacent = sibling.i > token.i and sibling.left_edge.i == token.i + 1
        nominal = sibling.pos_ in ("NOUN", "PROPN") and not temporal(sibling)
        if adjacent and nominal and case_of(sibling) is None:
            return sibling
    return None


def particle(token: Token) -> str | None:
    found = children(token, "compound:prt")
    return found[0].lower_ if found else None


def is_passive(token: Token) -> bool:
    """A passive verb; a participle modifying a noun ("the troops stationed there") is
    passive unless it takes an object of its own (then it is an active verb misread)."""
    for child in kids(token):
        if dep(child) in ("nsubj:pass", "aux:pass", "csubj:pass"):
            return True
    if token.tag_ != "VBN" or dep(token) not in ("acl", "amod"):
        return False
    return not children(token, "obj")


def misread_main_verb(token: Token) -> bool:
    """A verb read as a modifier of the noun before it in a sentence that has no other verb
    ("Thousands of protesters converged on the square." parsed as one noun phrase). Only a
    lexicon entry that says who does the act (its ``subjects``) may read it as active: "Three
    soldiers killed in Kessa." is a passive caption."""
    if dep(token) not in ("acl", "amod") or token.head.i > token.i:
        return False
    if token.tag_ not in ("VBN", "VBD"):
        return False
    start, end = sentence_bounds(token)
    doc = token.doc
    last = end - 1
    while last > start and doc[last].is_space:
        last -= 1
    if doc[last].text not in (".", "!"):
        return False
    node = token.head
    for _ in range(20):
        if node.pos_ in ("VERB", "AUX"):
            return False
        if node.head.i == node.i:
            return True
        node = node.head
    return False


def governor(token: Token) -> Token | None:
    """The head of ``token``, or None at the root."""
    head = token.head
    return None if head.i == token.i else head


def participle_adjunct(token: Token) -> bool:
    """A subjectless participle clause hanging from a verb ("X said, speaking to Y"), which
    shares that verb's subject and time; parsers label it advcl, ccomp or xcomp."""
    if token.tag_ not in ("VBG", "VBN") or subject(token) is not None:
        return False
    if dep(token) not in ("advcl", "ccomp", "xcomp", "conj"):
        return False
    return not any(c.lower_ in ("that", "whether", "if") for c in children(token, "mark"))


def complements(token: Token) -> list[Token]:
    """Clausal complements of a verb: ``xcomp`` / ``ccomp``, and an infinitive the parser
    read as an adjunct ("voted to expel", "intends to enrich" as ``advcl`` or ``obl``)."""
    found = children(token, "xcomp", "ccomp")
    for child in children(token, "advcl", "obl"):
        if child.i > token.i and child not in found and is_infinitive(child):
            found.append(child)
    return found


def is_infinitive(token: Token) -> bool:
    """A word introduced by "to" that is read as a verb: tagged one, or an adjective or adverb
    right after "to" (never a noun: "went to war")."""
    marker = any(m.lower_ == "to" and m.i < token.i for m in kids(token))
    if not marker:
        return False
    if token.pos_ in ("VERB", "AUX"):
        return True
    return token.pos_ in ("ADJ", "ADV") and token.doc[token.i - 1].lower_ == "to"


def glued_infinitive(verb: Token) -> Token | None:
    """Parse-error repair: in "threatened to expel diplomats" a parser may read "expel" as a
    modifier of "diplomats"; return that noun (the verb's real object), else None."""
    if dep(verb) not in ("amod", "compound") or verb.i in (0, verb.head.i):
        return None
    if verb.doc[verb.i - 1].lower_ != "to" or verb.head.i < verb.i:
        return None
    return verb.head


def adjunct_host(node: Token) -> Token | None:
    """Parse-error repair: a subordinate adjunct ("..., while accusing X") that the parser hung
    on a participle modifying a noun ("threats as the anniversary approached") belongs to the
    clause above that noun; return that clause's verb (None when the attachment is ordinary)."""
    if dep(node) != "advcl" or not any(m.lower_ != "to" for m in children(node, "mark")):
        return None
    host = node.head
    if dep(host) not in ("acl", "amod") or host.head.pos_ not in ("NOUN", "PROPN"):
        return None
    up = host.head
    for _ in range(8):
        if up.head.i == up.i:
            return None
        up = up.head
        if up.pos_ in ("VERB", "AUX"):
            return up
    return None


def temporal(token: Token) -> bool:
    """A date or time phrase ("on January 3", "on Monday"), never a participant or a count."""
    if token.lower_ in TEMPORAL_WORDS or token.like_num:
        return True
    return any(c.lower_ in TEMPORAL_WORDS for c in kids(token))


def with_conjuncts(token: Token) -> list[Token]:
    """``token`` and the tokens coordinated with it, in text order."""
    return sorted([token, *conjuncts(token)], key=lambda t: t.i)
