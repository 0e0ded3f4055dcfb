"""Speech cues and reported speech: the finite clause a communication verb or noun reports.

- ``X said (that) CLAUSE``, ``X told Y CLAUSE``, ``X, adding that CLAUSE``: the clause after the
  cue, cut before the attribution's own dependents (", adding", ", but ...") and trailing glosses;
- ``CLAUSE, X said`` / ``CLAUSE, said X``: the clause before a sentence-final attribution;
- ``X expressed concern that CLAUSE``: a cue noun with a "that" clause;
- ``According to X, CLAUSE`` / ``CLAUSE, according to X``.

A cue whose content is itself attributed speech ("X said ..., the agency reported") is a relay
of that speech, not a statement of its own, and gives no entry.
"""

from __future__ import annotations

from spacy.attrs import LEMMA, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from threatline.stages.quotes_clause import clause_after, gloss_cut
from threatline.stages.quotes_lexicon import (
    ACCORDING,
    CLAUSE_CUES,
    CUE_NOUNS,
    LIGHT_VERBS,
    RELAY_CUES,
    SPEECH_CUES,
    TELL_VERBS,
    dep,
    is_finite,
    verb_forms,
)
from threatline.stages.quotes_syntax import (
    Attribution,
    Cue,
    is_negated,
    is_participle,
    noun_phrase,
    subject_of,
)
from threatline.stages.quotes_text import Layout, trim_quote

__all__ = ["find_cues", "reported_speech", "source_range"]

_FINAL = frozenset({".", "!", "?", "…"})
_CANDIDATE_IDS = frozenset(
    get_string_id(word)
    for word in SPEECH_CUES | CUE_NOUNS | {ACCORDING[0]} | verb_forms(SPEECH_CUES)
)
_DISCOURSE = frozenset({"RB", "CC", "UH"})
_CONTRAST = frozenset({"but", "though", "although", "while", "whereas", "yet"})
_NP_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM", "AUX", "ADV"})


def find_cues(doc: Doc, layout: Layout, skip_before: int) -> dict[int, Cue]:
    """Every speech cue outside quotations, by token index. ``skip_before`` (a character offset)
    hides the headline. Candidates are picked on lemma and word hashes first, so only they
    become Token objects."""
    cues: dict[int, Cue] = {}
    last: Cue | None = None
    wanted = _CANDIDATE_IDS
    arr = doc.to_array([LEMMA, LOWER]) if len(doc) else None
    if arr is None:
        return cues
    lemmas, lowers = arr[:, 0].tolist(), arr[:, 1].tolist()
    for i in range(len(doc)):
        if (lemmas[i] not in wanted and lowers[i] not in wanted) or layout.in_quote(i):
            continue
        tok = doc[i]
        if tok.idx < skip_before:
            continue
        lemma = tok.lemma_.lower()
        participle = is_participle(tok)
        verb = _verb_lemma(tok) if tok.tag_.startswith("VB") or participle else None
        if verb is not None:
            subject, passive = subject_of(tok, layout)
            if (
                (subject is None or participle)
                and not passive
                and (tok.tag_ == "VBG" or participle)
                and last is not None
                and layout.sent_of[last.token] == layout.sent_of[tok.i]
            ):
                subject = last.subject  # "..., adding/citing ...": the participle shares it
            cue = Cue(tok.i, verb, "verb", subject, passive)
            cues[tok.i] = cue
            if subject is not None and (
                last is None or layout.sent_of[last.token] != layout.sent_of[tok.i]
            ):
                last = cue  # the first speaker of each sentence: its main clause
        elif tok.pos_ == "NOUN" and lemma in CUE_NOUNS and _that_follows(doc, tok.i):
            cues[tok.i] = Cue(tok.i, lemma, "noun", _noun_speaker(tok, layout))
        elif (
            tok.lower_ == ACCORDING[0]
            and tok.i + 1 < len(doc)
            and doc[tok.i + 1].lower_ == ACCORDING[1]
        ):
            cues[tok.i] = Cue(
                tok.i, "according to", "according", _according_source(doc, tok.i, layout)
            )
    return cues


def _verb_lemma(tok: Token) -> str | None:
    """The cue lemma of a verb form, also when the lemmatizer read it as a noun ("warning")."""
    lemma = tok.lemma_.lower()
    if lemma in SPEECH_CUES:
        return lemma
    text = tok.lower_
    for suffix in ("ing", "ed", "s"):
        if text.endswith(suffix) and len(text) > len(suffix) + 2:
            stem = text[: -len(suffix)]
            for guess in (stem, stem + "e", stem[:-1]):
                if guess in SPEECH_CUES:
                    return guess
    return None


def _that_follows(doc: Doc, i: int) -> bool:
    for k in (i + 1, i + 2):
        if k < len(doc) and doc[k].lower_ == "that" and doc[k].tag_ in ("IN", "WDT", "DT"):
            return k + 1 < len(doc) and doc[k + 1].pos_ not in ("VERB", "AUX")
    return False


def _noun_speaker(noun: Token, layout: Layout) -> int | None:
    for c in noun.children:
        if dep(c) == "nmod:poss":
            return c.i
    head = noun.head
    if head.i != noun.i and head.pos_ in ("VERB", "AUX") and dep(noun) in ("obj", "nsubj:pass"):
        subject, passive = subject_of(head, layout)
        return None if passive else subject
    doc = noun.doc
    k = noun.i - 1
    while k >= 0 and doc[k].pos_ in ("DET", "ADJ", "ADV"):
        k -= 1
    if k >= 0 and doc[k].tag_.startswith("VB") and doc[k].lemma_.lower() in LIGHT_VERBS:
        subject, passive = subject_of(doc[k], layout)
        return None if passive else subject
    return None


def _according_source(doc: Doc, i: int, layout: Layout) -> int | None:
    end = layout.sentences[layout.sent_of[i]][1]
    k = i + 2
    last = None
    while k < end and doc[k].text not in (",", ".", ";", ":") and not layout.in_quote(k):
        if doc[k].pos_ in ("NOUN", "PROPN", "PRON"):
            last = k
        elif last is not None and doc[k].pos_ in ("VERB", "AUX", "ADP") and doc[k].tag_ != "POS":
            break
        k += 1
    return last


def source_range(doc: Doc, layout: Layout, cue: Cue) -> tuple[int, int] | None:
    """Token range of the cue's speaker phrase (computed once per cue)."""
    if cue.subject is None:
        return None
    if cue.phrase is None:
        a, b = layout.sentences[layout.sent_of[cue.token]]
        if cue.kind == "according":
            limit = (cue.token + 2, b)
        elif cue.subject < cue.token:
            limit = (a, cue.token)
        else:
            limit = (cue.token + 1, b)
        cue.phrase = noun_phrase(cue.subject, doc, layout, limit)
    return cue.phrase


def _chars(layout: Layout, start: int, end: int) -> tuple[int, int]:
    """Character range of tokens [start, end) without a final sentence period."""
    doc = layout.doc
    a = doc[start].idx
    b = doc[end - 1].idx + len(doc[end - 1].text)
    return trim_quote(layout.text, a, b)


def _only_quote(layout: Layout, start: int, end: int) -> bool:
    """The character range is one direct quotation and its marks, nothing more."""
    text = layout.text
    for mark in layout.quotes:
        if mark.open >= start - 1 and mark.open <= start and mark.close < end + 2:
            rest = text[mark.close + 1 : end]
            return not any(ch.isalnum() for ch in rest)
    return False


def _has_quote(layout: Layout, start: int, end: int) -> bool:
    return any(start <= m.open < end or start < m.close <= end for m in layout.quotes)


def _extend_over_quote(layout: Layout, end_char: int) -> int:
    for mark in layout.quotes:
        if mark.open < end_char <= mark.close:
            return mark.close + 1
    return end_char


class _Reporter:
    def __init__(
        self, doc: Doc, layout: Layout, cues: dict[int, Cue], times: frozenset[int]
    ) -> None:
        self.doc = doc
        self.layout = layout
        self.cues = cues
        self.times = times

    def sentence_end(self, i: int) -> int:
        a, b = self.layout.sentences[self.layout.sent_of[i]]
        while b > a and self.doc[b - 1].text in _FINAL:
            b -= 1
        return b

    def make(self, cue: Cue, start: int, end: int) -> Attribution | None:
        if end <= start:
            return None
        a, b = _chars(self.layout, start, end)
        b = _extend_over_quote(self.layout, b)
        a, b = trim_quote(self.layout.text, a, b)
        if b <= a or _only_quote(self.layout, a, b):
            return None
        return Attribution(
            start=a,
            end=b,
            direct=False,
            sentence=self.layout.sent_of[cue.token],
            cue=cue,
            source=source_range(self.doc, self.layout, cue),
            content_tokens=(start, end),
        )

    def after(self, cue: Cue) -> Attribution | None:
        tok = self.doc[cue.token]
        end = self.sentence_end(cue.token)
        if cue.kind == "noun":
            k = cue.token + 1
            while k < end and self.doc[k].lower_ != "that":
                k += 1
            span = clause_after(self.doc[k], self.layout, self.times, end) if k < end else None
        else:
            span = clause_after(tok, self.layout, self.times, end)
        if span is None:
            return None
        start, stop = span
        stop = self._before_attribution(start, gloss_cut(tok, start, stop))
        return self.make(cue, start, stop)

    def _before_attribution(self, start: int, stop: int) -> int:
        """Cut after a quotation that another attribution follows (said “...,” the agency
        reported), or that opens the clause and is followed by a contrast (said “...,” but
        the remarks came ...)."""
        doc = self.doc
        for mark in self.layout.quotes:
            if not doc[start].idx <= mark.open < mark.close < doc[stop - 1].idx:
                continue
            k = self.layout.token_at(mark.close) + 1
            while k < stop and doc[k].text in (",", "—", "–"):
                k += 1
            opens = self.layout.token_at(mark.open) <= start
            if opens and k < stop and doc[k].lower_ in _CONTRAST:
                return self.layout.token_at(mark.close) + 1
            for j in range(k, min(stop, k + 7)):
                if j in self.cues and self.cues[j].kind == "verb":
                    return self.layout.token_at(mark.close) + 1
                if doc[j].pos_ not in _NP_POS:
                    break
        return stop

    def before(self, cue: Cue) -> Attribution | None:
        """``CLAUSE, X said.`` / ``CLAUSE, said X.`` / ``CLAUSE, according to X.``"""
        doc = self.doc
        a, _ = self.layout.sentences[self.layout.sent_of[cue.token]]
        end = self.sentence_end(cue.token)
        src = source_range(doc, self.layout, cue)
        left = cue.token
        if cue.kind != "according" and src is not None and src[0] < cue.token:
            left = src[0]
        k = left - 1
        while k > a and (doc[k].pos_ in ("AUX", "ADV") or doc[k].is_space):
            k -= 1
        if k <= a or doc[k].text not in (",", "—", "–"):
            return None
        verb_ing = cue.kind == "verb" and doc[cue.token].tag_ == "VBG"
        if verb_ing or not self._tail_ok(cue, end, src):
            return None
        start = a
        if start + 1 < k and doc[start].tag_ in _DISCOURSE and doc[start + 1].text == ",":
            start += 2
        if _has_quote(self.layout, doc[start].idx, doc[k].idx) or self._relay(start, k, cue):
            return None
        if not any(is_finite(doc[i]) for i in range(start, k)):
            return None
        if doc[start].tag_ in ("IN", "WRB") and doc[start].lower_ != "that":
            return None  # a fronted adverbial clause ("After X was killed, Y promised ...")
        return self.make(cue, start, k)

    def _tail_ok(self, cue: Cue, end: int, src: tuple[int, int] | None) -> bool:
        """After a closing attribution comes only its subject, time, a short phrase or a
        participle clause ("..., the minister said, speaking to ...")."""
        doc = self.doc
        i = cue.token + (2 if cue.kind == "according" else 1)
        if src is not None and src[0] > cue.token:
            i = max(i, src[1])
        if i < end:
            t = doc[i]
            addressee = cue.lemma in TELL_VERBS and t.pos_ in ("NOUN", "PROPN", "PRON", "DET")
            if not addressee and t.tag_ not in ("IN", ",", ":", "RB", "NNP", "NNPS", "HYPH"):
                return False
        while i < end:
            t = doc[i]
            if t.text in (",", ";"):
                return True
            if is_finite(t) or t.lower_ == "that" or self.layout.in_quote(i):
                return False
            i += 1
        return True

    def _relay(self, start: int, end: int, cue: Cue) -> bool:
        """The content's main verb is a speech verb with its own subject ("X said ..., the
        agency reported"; "X said ..., according to Y"): the cue only relays that speech."""
        if cue.kind != "according" and cue.lemma not in RELAY_CUES:
            return False
        doc = self.doc
        for i in range(start, end):
            inner = self.cues.get(i)
            if (
                inner is None
                or inner.kind != "verb"
                or inner.subject is None
                or inner.lemma not in CLAUSE_CUES
                or inner.passive
            ):
                continue
            tok = doc[i]
            head = tok.head
            main = not start <= head.i < end or head.i == tok.i
            coordinated = dep(tok) == "conj" and (
                not start <= head.head.i < end or head.head.i == head.i
            )
            if main or coordinated:
                return True
        return False


def reported_speech(
    doc: Doc, layout: Layout, cues: dict[int, Cue], times: frozenset[int]
) -> list[Attribution]:
    """One indirect attribution per reported clause, in text order."""
    rep = _Reporter(doc, layout, cues, times)
    out: list[Attribution] = []
    for cue in cues.values():
        tok = doc[cue.token]
        if cue.passive or (
            cue.kind == "verb" and (cue.lemma not in CLAUSE_CUES or is_negated(tok))
        ):
            continue
        if cue.kind == "according":
            a, _ = layout.sentences[layout.sent_of[cue.token]]
            found = rep.before(cue) if cue.token > a + 1 else _according_front(rep, cue)
        else:
            # "..., said X[, adding ...]": the words after an inverted cue are its subject
            inverted = cue.subject is not None and cue.subject > cue.token
            found = None if inverted else rep.after(cue)
            if found is None and cue.kind == "verb" and cue.subject is not None:
                found = rep.before(cue)
        if found is not None:
            out.append(found)
    return sorted(out, key=lambda at: at.start)


def _according_front(rep: _Reporter, cue: Cue) -> Attribution | None:
    """``According to X, CLAUSE.``"""
    doc = rep.doc
    end = rep.sentence_end(cue.token)
    k = cue.token + 2
    while k < end and doc[k].text != ",":
        k += 1
    if k + 1 >= end or rep._relay(k + 1, end, cue):
        return None
    if not any(is_finite(doc[i]) for i in range(k + 1, end)):
        return None
    return rep.make(cue, k + 1, end)
