"""What the sentence around an expression says about it: tense, anniversaries, anchors.

Works with any spaCy pipeline: with a dependency parse, the governing verb of the expression
decides the tense (UD ``aux`` or ClearNLP ``aux``/``auxpass`` children such as *will*); without
one, a few words before the expression in its clause decide. Only the tokens around each
expression are looked at.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Final

from spacy.tokens import Doc, Span, Token

from threatline.stages.timex_scan import Form, Timex

__all__ = ["annotate"]

_FUTURE_AUX: Final = frozenset(
    {"will", "shall", "'ll", "’ll", "wo", "must", "should", "can", "may", "might", "ca"}
)
_PLAN_VERBS: Final = frozenset(
    {"schedule", "plan", "expect", "due", "set", "slate", "go", "prepare", "intend", "aim"}
)
_AUX_DEPS: Final = frozenset({"aux", "aux:pass", "auxpass"})
_VERBAL: Final = frozenset({"VERB", "AUX"})

_FUTURE_WORDS: Final = re.compile(
    r"(?i)\b(?:will|shall|won['’]t|going\s+to|(?:is|are)\s+(?:due|scheduled|set|expected|"
    r"planned)\s+to)\b|['’]ll\b"
)
_DEADLINE: Final = re.compile(r"(?i)\b(?:until|till|through|to|by)\s+$")
_SOONEST: Final = ("as early as", "as soon as", "no earlier than", "no sooner than")
_PAST_WORDS: Final = re.compile(r"(?i)\b(?:was|were|had|did|said|told|[a-z]{2,}ed)\b")
_CLAUSE_BREAK: Final = re.compile(r"[.!?;\n]|,\s+(?:but|and|while|which|who)\b")
_BEFORE_ANNIVERSARY: Final = re.compile(
    r"(?i)\b(?:ahead\s+of|before|approaching|upcoming|looming|nearing|on\s+the\s+eve\s+of|"
    r"run-up\s+to)\s+(?:the\s+|its\s+|his\s+|her\s+|their\s+)?$"
)
_APPROACH_AFTER: Final = re.compile(
    r"(?i)[^.;!?\n]{0,120}?\b(approach(?:es|ed|ing)?|loom(?:s|ed|ing)?|near(?:s|ed|ing)|"
    r"draws?\s+near|drew\s+near)\b"
)
_LINK_BEFORE: Final = re.compile(r"(?i)before|earlier|prior|leading")


def _governing_verb(span: Span) -> Token | None:
    """The verb the expression modifies directly (through its preposition), or None when the
    expression hangs off a noun ("the attack in April")."""
    token = span.root
    head = token.head
    if head.pos_ == "ADP" and head is not token:
        head = head.head  # ClearNLP: the preposition heads its object
    if head is token or head.pos_ not in _VERBAL:
        return None
    return head


def _is_past(verb: Token) -> bool:
    """Simple past, perfect, past passive; a participle without auxiliary ("the town,
    captured on March 4") too, but not a present passive ("is scheduled")."""
    if verb.tag_ == "VBD":
        return True
    if verb.tag_ != "VBN":
        return False
    aux = [c for c in verb.children if c.dep_ in _AUX_DEPS]
    return any(c.lemma_ == "have" for c in aux) or not any(
        c.tag_ in ("VBZ", "VBP", "MD", "VB") for c in aux
    )


def _is_future(verb: Token, *, infinitive: bool) -> bool:
    """*will*, *shall*, a present modal such as *must*, a plan ("is scheduled to meet") or,
    with ``infinitive``, an infinitive ("agreed to buy the company in January")."""
    if verb.lower_ in _FUTURE_AUX:
        return True
    for child in verb.children:
        if child.dep_ in _AUX_DEPS and child.lower_ in _FUTURE_AUX:
            return True
        if infinitive and verb.tag_ == "VB" and child.lower_ == "to" and child.i < verb.i:
            return True
    head = verb.head
    if verb.dep_ == "xcomp" and head is not verb and head.lemma_ in _PLAN_VERBS:
        # "is scheduled to meet", "the talks, set to resume Monday"; not "was expected to"
        if head.tag_ in ("VBZ", "VBP"):
            return True
        return head.tag_ in ("VBN", "VBG") and not any(c.tag_ == "VBD" for c in head.children)
    return False


def _tense_by_parse(span: Span, *, infinitive: bool) -> tuple[bool, bool]:
    """(future, past) of the verb governing ``span``; of the sentence's main verb when the
    expression hangs off a noun ("the January 3 strike ... brought")."""
    doc = span.doc
    before = doc[max(0, span.start - 3) : span.start].text.lower()
    if before.endswith(_SOONEST):
        return True, False
    verb = _governing_verb(span)
    if verb is None:
        root = span.sent.root
        if root.pos_ not in _VERBAL:
            return False, False
        verb, infinitive = root, False
    future = _is_future(verb, infinitive=infinitive)
    return future, not future and _is_past(verb)


def _tense_by_words(text: str, start: int) -> tuple[bool, bool]:
    """(future, past) from the words of the clause before ``start``, without a parse."""
    window = text[max(0, start - 80) : start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    if _FUTURE_WORDS.search(window) is not None:
        return True, False
    return False, _PAST_WORDS.search(window) is not None


def _anniversary_mode(text: str, t: Timex) -> str:
    if _BEFORE_ANNIVERSARY.search(text[max(0, t.start - 30) : t.start]):
        return "before"
    m = _APPROACH_AFTER.match(text, t.end)
    if m is None:
        return "at"
    word = m.group(1).lower()
    return "around" if word.endswith("ed") or word.startswith("drew") else "before"


def _link(timexes: list[Timex], text: str) -> list[Timex]:
    """Anchor "days before/after" to a date written right after it in the same clause."""
    out = list(timexes)
    for i, t in enumerate(timexes):
        if t.form is not Form.VAGUE or t.unit != "around" or i + 1 >= len(timexes):
            continue
        nxt = timexes[i + 1]
        gap = text[t.end : nxt.start]
        near = len(gap) <= 40 and not _CLAUSE_BREAK.search(gap)
        if nxt.form is Form.DATE and nxt.month is not None and near:
            direction = -1 if _LINK_BEFORE.search(t.text) else 1
            out[i] = replace(t, link=i + 1, offset=direction * (t.offset or 0))
    return out


def _parsed(doc: Doc) -> bool:
    """Whether ``doc`` has a dependency parse (``Doc.has_annotation`` walks every token)."""
    return any(token.dep_ for token in doc[:8])


def annotate(doc: Doc, timexes: list[Timex], text: str | None = None) -> list[Timex]:
    """``timexes`` with tense, anniversary mode and anchors filled in from ``doc``."""
    parsed = _parsed(doc)
    text = doc.text if text is None else text
    out: list[Timex] = []
    for t in timexes:
        span = doc.char_span(t.start, t.end, alignment_mode="expand") if parsed else None
        if span is not None and len(span):
            infinitive = t.form is Form.DATE and t.year is None
            future, past = _tense_by_parse(span, infinitive=infinitive)
        else:
            future, past = _tense_by_words(text, t.start)
        if past and t.form is Form.DATE and _DEADLINE.search(text[max(0, t.start - 12) : t.start]):
            past = False  # "extended the offer to Nov. 20": a deadline may lie ahead
        mode = None
        if t.form is Form.ANNIVERSARY:  # "will mark the anniversary": it is ahead
            mode = "before" if future else _anniversary_mode(text, t)
        out.append(replace(t, future=future, past=past and not future, mode=mode))
    return _link(out, text)
