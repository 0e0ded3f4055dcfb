"""Syntax helpers of the quote rules: who a speech verb's subject is, where a reported clause
starts and ends. Each rule reads the dependency parse first and falls back on word order, so a
wrong attachment costs precision on one clause rather than the whole attribution."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from threatline.stages.quotes_lexicon import (
    dep,
    is_finite,
    is_passive,
)
from threatline.stages.quotes_text import Layout

__all__ = [
    "Attribution",
    "Cue",
    "is_negated",
    "is_participle",
    "noun_phrase",
    "passive_cue",
    "subject_of",
    "time_tokens",
]

_TIME_WORDS = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|[Tt]oday|[Yy]esterday"
    r"|[Tt]onight|January|February|March|April|June|July|August|September|October|November"
    r"|December|morning|afternoon|evening|night|week|month|year|[Ee]arlier|[Ll]ater|[Ll]ast)\b"
)
_NP_BASE = frozenset(
    {"det", "amod", "compound", "flat", "nmod", "nummod", "case", "punct", "appos", "conj", "cc",
     "fixed"}
)  # fmt: skip
_SUBJECT_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "DET", "ADJ", "X"})
_CLAUSE_DEPS = frozenset({"acl:relcl", "acl", "advcl", "parataxis", "ccomp"})
_INHERIT_DEPS = frozenset({"conj", "advcl", "xcomp", "acl", "parataxis", "ccomp"})
_NAME_TAGS = frozenset({"NNP", "NNPS"})
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
_PREDICATE_DEPS = frozenset({"obj", "iobj", "ccomp", "xcomp"})
# modifiers of a noun that are not part of the phrase it names ("one day after a commander")
_ADVERBIAL_NOMINALS = ("unmarked", "tmod", "npmod")
_TIME_NOUNS = frozenset(
    {"second", "minute", "hour", "day", "week", "month", "year", "decade", "night", "morning",
     "evening", "afternoon", "moment", "time"}
)  # fmt: skip
_TIME_CASES = frozenset({"after", "before", "since", "following", "until"})
_CLOSE_MARKS = frozenset({"”", '"', "’", "'", "»"})
_PARTICIPLE_LEADS = frozenset({"while", "when", "after", "before", "by", "in", "whilst"})
_MODIFIER_POS = frozenset({"ADJ", "NOUN", "PROPN", "DET", "NUM"})
_NOT_FIRST = frozenset({"CCONJ", "ADP", "SCONJ", "ADV"})
_WH = frozenset({"WDT", "WP"})


@dataclass
class Cue:
    """A speech cue: verb ("said"), noun ("warning that") or "according to"."""

    token: int
    lemma: str
    kind: str  # "verb" | "noun" | "according"
    subject: int | None  # head token of the speaker phrase
    passive: bool = False
    phrase: tuple[int, int] | None = None  # the speaker phrase, once computed


@dataclass
class Attribution:
    """One quotation or reported clause with what attributes it.

    ``start``/``end`` are the content's character offsets (the Quote offsets). ``source`` is the
    speaker phrase as a token range (``None`` when the speaker is inherited); ``inherit`` the
    earlier attribution whose speaker this one shares."""

    start: int
    end: int
    direct: bool
    sentence: int
    cue: Cue | None = None
    source: tuple[int, int] | None = None
    inherit: Attribution | None = None
    content_tokens: tuple[int, int] = (0, 0)
    notes: list[str] = field(default_factory=list)


def time_tokens(layout: Layout, spans: list[tuple[int, int]]) -> frozenset[int]:
    """Tokens inside the time stage's expressions, plus weekday, month and relative words and
    the prepositions that introduce them ("on Tuesday"): what may sit between a speech verb and
    its clause."""
    out: set[int] = set()
    for a, b in spans:
        i = layout.token_at(a)
        while i < len(layout.idx) and layout.idx[i] < b:
            out.add(i)
            i += 1
    for m in _TIME_WORDS.finditer(layout.text):
        out.add(layout.token_at(m.start()))
    for i in sorted(out):
        if i > 0 and layout.token_text(i - 1).lower() in (
            "on",
            "in",
            "at",
            "during",
            "late",
            "early",
        ):
            out.add(i - 1)
    return frozenset(out)


def is_negated(verb: Token) -> bool:
    return any(
        dep(c) == "advmod" and c.lower_ in ("not", "n't", "never", "n’t") for c in verb.children
    ) or any(c.dep_ == "neg" for c in verb.children)


def _nominal_subject(tok: Token) -> bool:
    return (
        tok.pos_ in _SUBJECT_POS
        and tok.tag_ != "EX"
        and not any(dep(c) == "case" for c in tok.children)
    )


def _subject_child(verb: Token) -> Token | None:
    for c in verb.children:
        if dep(c) in ("nsubj", "csubj") and _nominal_subject(c):
            return c
    return None


def passive_cue(cue: Token) -> bool:
    """ "is said to", "a request said to have been", "was told": the subject is not the speaker."""
    if is_passive(cue):
        return True
    doc = cue.doc
    if cue.tag_ == "VBN" and dep(cue) == "acl" and _subject_child(cue) is None:
        # "persons accused of ...": a participle modifying a noun, unless a relative pronoun
        # opens a clause with its own subject ("which officials described as ...")
        start = max(cue.i - 6, 0)
        if not any(t.tag_ in ("WDT", "WP") for t in doc[start : cue.i]):
            return True
    # "said to have been", "is believed to be": a raising passive whatever the tagger says
    return (
        cue.i + 2 < len(doc)
        and doc[cue.i + 1].tag_ == "TO"
        and doc[cue.i + 2].lemma_ in ("have", "be")
        and cue.tag_ in ("VBN", "VBD")
    )


def subject_of(cue: Token, layout: Layout) -> tuple[int | None, bool]:
    """The head of the cue's speaker phrase and whether the cue is passive.

    Order: the parser's subject; a noun right before the cue ("Lopez said"); the subject of
    the verb the cue hangs from ("..., adding", "and warned"); the phrase opening the sentence
    when the cue is its first finite verb; a noun right after a quotation ("..., said X")."""
    if passive_cue(cue):
        return None, True
    sentence = layout.sentences[layout.sent_of[cue.i]]
    subj = _subject_child(cue)
    if subj is not None and subj.tag_ in ("WP", "WDT") and dep(cue) == "acl:relcl":
        subj = cue.head  # "X, who said ...": the relative clause's antecedent speaks
    if subj is not None and sentence[0] <= subj.i < sentence[1] and not layout.in_quote(subj.i):
        return _past_time(_np_head(subj, sentence, cue.i)).i, False
    left = _left_noun(cue, layout, sentence)
    if left is not None:
        return left, False
    verb = cue
    adverbial = is_participle(cue)
    for _ in range(5):
        if (
            dep(verb) not in _INHERIT_DEPS
            or verb.head.i == verb.i
            or verb.head.pos_ not in ("VERB", "AUX")
        ):
            break
        if dep(verb) in ("ccomp", "parataxis") and verb.head.i < verb.i and verb.tag_ != "VBG":
            break  # a clause reported by the head verb does not share its subject
        verb = verb.head
        if is_passive(verb):
            break
        if adverbial and _subordinate(verb):
            continue  # "..., as the date neared, while accusing": the main clause controls it
        subj = _subject_child(verb)
        if subj is not None and sentence[0] <= subj.i < sentence[1] and not layout.in_quote(subj.i):
            return _np_head(subj, sentence, cue.i).i, False
    found = _surface_subject(cue, layout, sentence)
    if found is None and is_participle(cue):
        found = _main_subject(cue, layout, sentence)
    return found, False


def _subordinate(verb: Token) -> bool:
    """The verb of an adverbial clause opened by a subordinator ("as the date neared")."""
    return dep(verb) == "advcl" and any(
        dep(c) == "mark" and c.lower_ in _PARTICIPLE_LEADS | {"as", "because", "since", "if"}
        for c in verb.children
    )


def _past_time(tok: Token) -> Token:
    """ "[one day] after a top commander said": a time noun the parser made the subject stands
    for the noun of its "after/before" phrase."""
    if tok.lemma_.lower() not in _TIME_NOUNS:
        return tok
    for c in tok.children:
        if dep(c).split(":")[0] in ("nmod", "obl", "acl") and any(
            dep(g) in ("case", "mark") and g.lower_ in _TIME_CASES for g in c.children
        ):
            return c
    return tok


def is_participle(cue: Token) -> bool:
    """An adverbial participle: an "-ing" form after a comma or a subordinator ("..., warning
    that", "while accusing X of"), whatever tag the tagger gave it."""
    if not cue.lower_.endswith("ing") or cue.i == 0:
        return False
    doc = cue.doc
    k = cue.i - 1
    while k > 0 and (doc[k].text in _CLOSE_MARKS or doc[k].is_space):
        k -= 1
    return doc[k].text in (",", "—", "–", ";") or doc[k].lower_ in _PARTICIPLE_LEADS


def _main_subject(cue: Token, layout: Layout, sentence: tuple[int, int]) -> int | None:
    """The subject of the sentence's first main finite clause before ``cue`` (no relative or
    subordinate clause): who controls an adverbial participle ("Officials issued threats as X
    approached, while accusing ...")."""
    doc = cue.doc
    for k in range(sentence[0], cue.i):
        t = doc[k]
        if not is_finite(t) or layout.in_quote(k):
            continue
        verb = t.head if dep(t) in ("aux", "aux:pass", "cop") and t.head.i != t.i else t
        if dep(verb).startswith("acl") or any(dep(c) == "mark" for c in verb.children):
            continue
        subj = _subject_child(verb)
        if subj is None or subj.tag_ in _WH or is_passive(verb):
            return None
        if sentence[0] <= subj.i < k and not layout.in_quote(subj.i):
            return _np_head(subj, sentence, cue.i).i
        return None
    return None


def _np_head(tok: Token, sentence: tuple[int, int], cue: int) -> Token:
    """Climb from a noun inside a phrase to the phrase's head ("Council" -> "envoy" in "the
    envoy to the Security Council"),
    staying on the subject's side of the cue."""
    for _ in range(6):
        head = tok.head
        if head.i == tok.i or not sentence[0] <= head.i < sentence[1] or head.i == cue:
            break
        if (tok.i < cue) != (head.i < cue):
            break
        if head.pos_ not in ("NOUN", "PROPN"):
            break
        base = dep(tok).split(":")[0]
        inside_pp = base == "nmod" and any(dep(c) == "case" for c in tok.children)
        if base == "conj" and not _coordinated_subject(tok, head):
            break
        if base not in ("compound", "flat", "conj") and not inside_pp:
            break
        tok = head
    return tok


def _coordinated_subject(conj: Token, head: Token) -> bool:
    """ "X and Y": a conjunct joined by "and"/"or" to a head that is no object and sits in no
    prepositional phrase ("the killing of X, Y said" is no joint attribution)."""
    joined = any(dep(c) == "cc" for c in conj.children) or any(
        t.lower_ in ("and", "or", "&") for t in conj.doc[head.i + 1 : conj.i]
    )
    governed = any(dep(c) == "case" for c in head.children) or dep(head).split(":")[0] in (
        "obj",
        "iobj",
        "obl",
        "nmod",
    )
    return joined and not governed


def _left_noun(cue: Token, layout: Layout, sentence: tuple[int, int]) -> int | None:
    """The noun right before the cue, past auxiliaries and adverbs ("Lopez has indicated")."""
    doc = cue.doc
    i = cue.i - 1
    while i >= sentence[0] and (doc[i].pos_ in ("AUX", "ADV", "PART") or doc[i].tag_ == "MD"):
        i -= 1
    if (
        i >= sentence[0]
        and doc[i].pos_ in ("PROPN", "NOUN", "PRON")
        and not layout.in_quote(i)
        and doc[i].tag_ not in ("WP", "WDT")
    ):
        return _np_head(doc[i], sentence, cue.i).i
    if i >= sentence[0] and doc[i].tag_ in ("WP", "WDT") and dep(cue) == "acl:relcl":
        return _np_head(cue.head, sentence, cue.i).i
    return None


def _surface_subject(cue: Token, layout: Layout, sentence: tuple[int, int]) -> int | None:
    doc = cue.doc
    first = sentence[0]
    while first < cue.i and (doc[first].is_punct or layout.in_quote(first)):
        first += 1
    if (
        first < cue.i
        and doc[first].pos_ in ("PROPN", "NOUN", "PRON", "DET", "ADJ")
        and not any(is_finite(doc[k]) and not layout.in_quote(k) for k in range(first, cue.i))
    ):
        return _head_of_run(doc, first, cue.i)
    j = cue.i + 1
    before = doc[cue.i - 1].text if cue.i > 0 else ""
    if (
        before in (",", "”", '"', "’")
        and cue.tag_ != "VBG"
        and j < sentence[1]
        and not layout.in_quote(j)
        and doc[j].pos_ in ("PROPN", "NOUN", "PRON", "DET")
    ):
        head = _head_of_run(doc, j, sentence[1])
        after = doc[head + 1] if head + 1 < sentence[1] else None
        if after is None or after.text in (",", ".", ";") or after.tag_ == "IN":
            return head
    return None


def _head_of_run(doc: Doc, start: int, limit: int) -> int:
    """The last token of the noun run starting at ``start`` ("President Hassan Rouhani").

    The run stops before a word that takes an object or a clause (a verb the tagger read as an
    adjective: "Lopez slammed Keller and ...") and after a noun followed by a determiner or an
    adjective, whichever of the tag or the part of speech says so."""
    i = start
    while (
        i + 1 < limit
        and doc[i + 1].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "NUM")
        and doc[i + 1].tag_ != "POS"
    ):
        nxt = doc[i + 1]
        noun = doc[i].pos_ in ("NOUN", "PROPN") or doc[i].tag_ in _NOUN_TAGS
        if noun and (nxt.pos_ in ("DET", "ADJ") or nxt.tag_ in ("DT", "JJ")):
            break
        if any(dep(c) in _PREDICATE_DEPS for c in nxt.children):
            break
        i += 1
    return i


def noun_phrase(head: int, doc: Doc, layout: Layout, limit: tuple[int, int]) -> tuple[int, int]:
    """The speaker phrase around ``head``: its nominal dependents (titles, names, appositions,
    "including X", conjuncts), without relative clauses, never crossing a quotation or ``limit``."""
    tok = doc[head]
    lo, hi = head, head + 1
    if tok.pos_ == "PRON":
        return lo, hi
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if dep(c) in _CLAUSE_DEPS or not limit[0] <= c.i < limit[1] or layout.in_quote(c.i):
                continue
            if t.i == head and dep(c) in ("case", "mark", "cc"):
                continue
            if dep(c).endswith(_ADVERBIAL_NOMINALS):
                continue  # "[one day] after a commander": a time, not part of the name
            if dep(c).split(":")[0] in _NP_BASE or c.pos_ in ("PROPN",):
                lo, hi = min(lo, c.i), max(hi, c.i + 1)
                stack.append(c)
    if hi - lo > 40:  # a runaway parse: keep the head and its name
        lo, hi = head, head + 1
    # do not start or end on punctuation
    while lo < hi - 1 and (
        doc[lo].is_punct or doc[lo].is_space or doc[lo].pos_ in _NOT_FIRST or doc[lo].tag_ in _WH
    ):
        lo += 1
    while hi - 1 > lo and (
        doc[hi - 1].is_punct or doc[hi - 1].is_space or doc[hi - 1].tag_ == "POS"
    ):
        hi -= 1
    # widen over the rest of a name the parser left out ("Maria" + "Lopez") and over
    # titles and modifiers attached to the phrase ("veteran Spanish diplomat Maria Lopez")
    while lo > limit[0] and doc[lo - 1].tag_ in _NAME_TAGS and doc[lo].tag_ in _NAME_TAGS:
        lo -= 1
    while lo > limit[0] and doc[lo - 1].pos_ in _MODIFIER_POS and not layout.in_quote(lo - 1):
        prev = doc[lo - 1]
        if prev.tag_ in ("WDT", "WP", "EX", "PRP") or not lo - 1 <= prev.head.i < hi:
            break
        lo -= 1
    while hi < limit[1] and doc[hi].tag_ in _NAME_TAGS and doc[hi - 1].tag_ in _NAME_TAGS:
        hi += 1
    # a conjunct the parser cut off ("X and Y said")
    if lo - 2 >= limit[0] and doc[lo - 1].lower_ == "and" and doc[lo - 2].pos_ in ("PROPN", "NOUN"):
        k = lo - 2
        while k > limit[0] and doc[k - 1].pos_ in _MODIFIER_POS and not layout.in_quote(k - 1):
            k -= 1
        lo = k
    return lo, hi
