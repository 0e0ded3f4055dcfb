"""Where a reported clause starts and ends: what may stand between a speech verb and its
clause, whether the words after it form a finite clause, and where the journalist's words
take over again (", adding that", ", but ...", a trailing gloss)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from threatline.stages.quotes_lexicon import OBJECT_CUES, TELL_VERBS, WH_WORDS, dep, is_finite
from threatline.stages.quotes_text import Layout

__all__ = ["clause_after", "gloss_cut"]

_SKIP_TAGS = frozenset({"RB", "RP", ",", ":", "HYPH", "NFP", "-LRB-", "-RRB-"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM", "DET", "ADJ"})
_RELATIVIZERS = frozenset({"WDT", "WP", "WP$"})
_SUBORDINATORS = frozenset(
    {"if", "because", "unless", "although", "though", "while", "whereas", "once", "until",
     "after", "before"}
)  # fmt: skip
_CUT_WORDS = frozenset(
    {"adding", "warning", "saying", "citing", "noting", "stressing", "insisting", "according",
     "arguing", "explaining", "claiming", "urging", "calling", "using", "referring", "speaking"}
)  # fmt: skip
_GLOSS_START = frozenset({"a", "an", "well", "far", "just", "only", "even"})
_BREAKS = frozenset({",", ";", "—", "–"})
_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "us", "me", "reporters", "journalists"})
_SUBJECT_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i"})
_AUX_DEPS = frozenset({"aux", "aux:pass", "cop"})
_CLOSE_MARKS = frozenset({"”", '"', "’", "'", "»"})
_CONTRAST = frozenset({"but", "though", "although", "while", "whereas", "yet"})


def _finite_head(doc: Doc, start: int, end: int, cue: Token) -> bool:
    """The tokens from ``start`` hold a finite clause: the parser's complement of the cue
    (opening at ``start``), or a finite verb after some nominal subject that is not the verb of
    a relative clause, of an "if" clause or of a clause coordinated with the cue's own ("vowed
    vengeance and expanded").

    When the words open with what the parser calls the cue's object and it gives the cue no
    clause, the object is believed for verbs that often take one ("maintained a drumbeat of
    threats as the date approached", "vowed revenge against X[.] Y responded") and when the
    finite verb lies in another sentence of the parse; not for "say" and its kin, whose object is
    nearly always a misread subject ("said [the union] expected production to rise")."""
    clauses = [
        c
        for c in cue.children
        if dep(c) in ("ccomp", "parataxis")
        and start <= c.i < end
        and c.i > cue.i
        and (is_finite(c) or any(is_finite(a) for a in c.children if dep(a) in _AUX_DEPS))
    ]
    if any(c.left_edge.i <= start for c in clauses):
        return True
    loose = _parenthetical(cue) or cue.lemma_.lower() not in OBJECT_CUES
    verb = _surface_verb(doc, start, end, loose)
    if verb is None:
        return False
    obj = next(
        (
            c
            for c in cue.children
            if dep(c) == "obj"
            and c.left_edge.i == start
            and not any(dep(g) in ("nsubj", "cop") for g in c.children)  # a misread clause
        ),
        None,
    )
    if obj is None or clauses:
        return True
    if dep(verb) in _AUX_DEPS and verb.head.i != verb.i:
        verb = verb.head
    same_sentence = verb.sent.start == cue.sent.start
    return same_sentence and cue.lemma_.lower() not in OBJECT_CUES


def _parenthetical(cue: Token) -> bool:
    """ "X said, ...": the cue sits between its subject and a comma, so what follows is its
    clause and nothing else."""
    doc = cue.doc
    return (
        0 < cue.i < len(doc) - 1
        and doc[cue.i + 1].text == ","
        and doc[cue.i - 1].pos_ in ("PROPN", "NOUN", "PRON")
    )


def _surface_verb(doc: Doc, start: int, end: int, loose: bool = False) -> Token | None:
    """The first finite verb after a nominal that is not the verb of a relative clause, an
    "if" clause or a coordinated clause; None when there is none. ``loose`` (after a
    parenthetical "X said,") also takes a past participle right after the nominal, with no
    auxiliary: a simple past the tagger misread ("the retribution needed to come")."""
    seen_nominal = False
    relative = False
    for i in range(start, min(end, start + 40)):
        t = doc[i]
        if t.text in (":", ";"):
            return None
        if seen_nominal and (t.tag_ in _RELATIVIZERS or (t.lower_ == "that" and t.tag_ != "IN")):
            relative = True
            continue
        if seen_nominal and t.tag_ == "IN" and t.lower_ in _SUBORDINATORS:
            return None
        coordinated = doc[i - 1].text == "," or (i + 1 < end and is_finite(doc[i + 1]))
        if t.pos_ == "CCONJ" and coordinated and not relative:
            return None
        if is_finite(t) or (loose and _bare_participle(t)):
            if relative:
                relative = False
                continue
            return t if seen_nominal else None
        if t.pos_ in _NOMINAL:
            seen_nominal = True
    return None


def _bare_participle(tok: Token) -> bool:
    doc = tok.doc
    return (
        tok.tag_ == "VBN"
        and tok.i > 0
        and doc[tok.i - 1].pos_ in ("NOUN", "PROPN", "PRON")
        and not any(dep(c) in _AUX_DEPS for c in tok.children)
    )


def clause_after(
    cue: Token, layout: Layout, times: frozenset[int], end: int
) -> tuple[int, int] | None:
    """Token range of the finite clause a speech cue reports after itself, or None.

    Between the cue and the clause may come adverbs, time expressions, "in a statement", the
    addressee of "told" and "that". Infinitives ("vowed to"), gerunds ("suggested striking"),
    questions ("did not say what") and bare objects ("vowed revenge") are no clause."""
    doc = cue.doc
    i = cue.i + 1
    while i < end and (
        doc[i].lower_ in ("not", "n't") or (doc[i].pos_ == "PART" and doc[i].tag_ == "RP")
    ):
        i += 1
    # "that" within a short distance, with no finite verb before it and no participle, whose
    # "that" it is ("..., said X, adding that ...")
    for k in range(i, min(end, i + 14)):
        t = doc[k]
        if is_finite(t) or layout.in_quote(k) or t.tag_ == "VBG":
            break
        if t.lower_ == "that" and (t.tag_ == "IN" or dep(t) == "mark"):
            return _checked(doc, k + 1, end, cue)
    while i < end:
        t = doc[i]
        if i in times or t.tag_ in _SKIP_TAGS or t.is_space:
            i += 1
            continue
        addressee = _addressee_end(doc, i, end) if cue.lemma_ in TELL_VERBS else None
        if addressee is not None:
            i = addressee
            continue
        obj = next(
            (c for c in cue.children if dep(c) in ("obj", "iobj") and c.left_edge.i == i), None
        )
        if cue.lemma_ in TELL_VERBS and obj is not None:
            after = obj.right_edge.i + 1
            while after < end and (after in times or doc[after].tag_ in _SKIP_TAGS):
                after += 1
            if after < end and not is_finite(doc[after]) and doc[after].tag_ != "TO":
                i = after
                continue
        if t.tag_ == "IN" and t.lower_ in ("in", "on", "to", "at", "during", "via", "through"):
            pp_end = _pp_end(doc, i, end)
            if pp_end is not None:
                i = pp_end
                continue
        break
    return _checked(doc, i, end, cue)


def _addressee_end(doc: Doc, i: int, end: int) -> int | None:
    """End of the addressee of "told" when a new subject follows it ("told the envoy it ...",
    "told him the ...")."""
    if doc[i].lower_ in _OBJECT_PRONOUNS:
        return i + 1
    k = i
    while k < end and k - i < 6 and doc[k].pos_ in ("DET", "ADJ", "NOUN", "PROPN"):
        k += 1
    if k > i and k < end and doc[k].lower_ in _SUBJECT_PRONOUNS:
        return k
    return None


def _pp_end(doc: Doc, i: int, end: int) -> int | None:
    """End of a short prepositional phrase ("in a statement", "to reporters") before a clause."""
    k = i + 1
    while k < end and k - i <= 8 and doc[k].pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "PUNCT"):
        if doc[k].text == ",":
            return k + 1
        k += 1
    if k == i + 1 or k >= end:
        return None
    if doc[k].lower_ == "that" or doc[k].tag_ in (",", ":"):
        return k
    return None


def _checked(doc: Doc, start: int, end: int, cue: Token) -> tuple[int, int] | None:
    while start < end and (doc[start].tag_ in (",", ":") or doc[start].is_space):
        start += 1
    if start + 1 < end and doc[start].lower_ == "that" and not _verbal(doc[start + 1]):
        start += 1  # the complementizer, whatever the tagger called it
    if start >= end:
        return None
    first = doc[start]
    if first.tag_ in ("TO", "VBG") or first.lower_ in WH_WORDS:
        return None
    if first.tag_ == "IN" and first.lower_ not in _SUBORDINATORS:
        return None
    if not _finite_head(doc, start, end, cue):
        return None
    return start, end


def _verbal(tok: Token) -> bool:
    return is_finite(tok) or tok.pos_ in ("AUX", "VERB")


def gloss_cut(cue: Token, start: int, end: int) -> int:
    """Where the reported clause stops: before a comma that opens a dependent of the speech verb
    (", adding that", ", but ..."), an attribution ("according to"), or a trailing appositive
    gloss (", a move long sought by ...", ", far above ...")."""
    doc = cue.doc
    heads = {cue.i}
    h = cue
    while h.head.i != h.i and len(heads) < 6:
        h = h.head
        heads.add(h.i)
    cut = end
    for k in range(start + 1, end):
        p = k - 1
        while p > start and doc[p].text in _CLOSE_MARKS:
            p -= 1
        if doc[p].text not in _BREAKS:
            continue
        t = doc[k]
        if t.lower_ in _CUT_WORDS:
            cut = k - 1
            break
        anchor = t.head if dep(t) in ("cc", "mark", "advmod", "punct") else t
        if anchor.i >= k and anchor.head.i in heads and anchor.head.i != anchor.i:
            contrast = t.lower_ in _CONTRAST
            if (dep(anchor) == "conj" and contrast) or (
                dep(anchor) in ("advcl", "parataxis") and (contrast or anchor.tag_ == "VBG")
            ):
                cut = k - 1
                break
    last = None
    for k in range(start + 1, cut):
        if doc[k].text == ",":
            last = k
    if last is not None and last + 1 < cut and doc[last + 1].lower_ in _GLOSS_START:
        tail = doc[last + 1 : cut]
        if not any(is_finite(t) for t in tail) and (
            doc[last + 1].pos_ == "DET" or (last + 2 < cut and doc[last + 2].tag_ == "IN")
        ):
            cut = last
    return cut
