"""Direct quotations and what attributes each one.

In order: a cue right before the opening mark ("X said: “...”", "vowed “...”"); a cue right
after the closing mark ("“...,” X said", "“...,” said X") or a name after a dash; the reported
clause the quotation sits in ("said the talks were “a dead end”"); a speech verb or noun above it
in the parse ("branded the raid a “war crime”"); the previous attributed quotation when this one
stands alone in the same or next paragraph ("“...,” Lopez said. “...”"). A quotation nothing
attributes, a name in quotation marks and a headline quotation give no entry.
"""

from __future__ import annotations

from spacy.tokens import Doc

from threatline.stages.quotes_lexicon import dep, is_finite
from threatline.stages.quotes_reported import source_range
from threatline.stages.quotes_syntax import Attribution, Cue
from threatline.stages.quotes_text import Layout, QuoteMark

__all__ = ["direct_quotes", "is_name"]

_FUNCTION_WORDS = frozenset(
    {"of", "the", "and", "for", "in", "on", "a", "an", "to", "at", "de", "al"}
)
_PRE_SKIP = frozenset({":", ",", "that", "as", "an", "a", "the", "of", "—", "–", "-"})
_POST_SKIP = frozenset({",", "—", "–", "-", "―"})
_DASHES = frozenset({"—", "–", "-", "--", "―"})
_WINDOW = 8
_SUBORDINATORS = frozenset({"if", "unless", "when", "should", "once", "until", "because"})


def is_name(mark: QuoteMark) -> bool:
    """A name or title in quotation marks ('Operation Northern Dawn', “Night Watch”): every
    word capitalised, no sentence punctuation."""
    words = mark.text.split()
    if not words or len(words) > 8 or mark.text[-1:] in "!?":
        return False
    content = [w for w in words if w.lower() not in _FUNCTION_WORDS]
    return (
        bool(content)
        and all(w[:1].isupper() or w[:1].isdigit() for w in content)
        and (len(content) > 1 or not mark.double)
    )


def _speaks(cue: Cue) -> bool:
    """An active cue with a speaker ("so-called" has none)."""
    return cue.subject is not None and not cue.passive


def _inline_space(text: str) -> bool:
    return text.isspace() and "\n" not in text


class _Attributor:
    def __init__(
        self, doc: Doc, layout: Layout, cues: dict[int, Cue], reported: list[Attribution]
    ) -> None:
        self.doc = doc
        self.layout = layout
        self.cues = cues
        self.reported = reported

    def _attribution(self, q: int, cue: Cue) -> Attribution:
        mark = self.layout.quotes[q]
        return Attribution(
            start=mark.start,
            end=mark.end,
            direct=True,
            sentence=self.layout.sent_of[cue.token],
            cue=cue,
            source=source_range(self.doc, self.layout, cue),
            content_tokens=self.layout.quote_tokens(q),
        )

    def before(self, q: int) -> Cue | None:
        """A cue just before the opening mark, with only ":", "that" or a short phrase between."""
        mark = self.layout.quotes[q]
        open_tok = self.layout.mark_token(mark.open)
        if open_tok is None:
            return None
        doc = self.doc
        i = open_tok - 1
        while i >= 0 and doc[i].is_space:
            i -= 1
        colon = i >= 0 and doc[i].text == ":"
        for k in range(i, max(i - _WINDOW, -1), -1):
            t = doc[k]
            if self.layout.in_quote(k):
                return None
            cue = self.cues.get(k)
            if cue is not None and cue.kind == "verb" and _speaks(cue):
                return cue
            same = self.layout.sent_of[k] == self.layout.sent_of[open_tok] or colon
            if not same or is_finite(t) or (t.is_punct and t.text not in _PRE_SKIP):
                return None
        return None

    def after(self, q: int) -> Cue | None:
        """A cue right after the closing mark: "“...,” X said", "“...,” said X"."""
        mark = self.layout.quotes[q]
        close_tok = (
            self.layout.mark_token(mark.close) if mark.close < len(self.layout.text) else None
        )
        if close_tok is None:
            return None
        doc = self.doc
        n = len(doc)
        i = close_tok + 1
        while i < n and (doc[i].text in _POST_SKIP or _inline_space(doc[i].text)):
            i += 1
        depth = 0
        for k in range(i, min(n, i + _WINDOW + 6)):
            t = doc[k]
            if self.layout.in_quote(k) or (t.is_space and "\n" in t.text):
                return None
            depth += (t.text == "(") - (t.text == ")")
            cue = self.cues.get(k)
            if cue is not None and cue.kind == "verb" and _speaks(cue) and depth == 0:
                return None if any(at.cue is cue for at in self.reported) else cue
            if (
                depth == 0
                and t.text != ")"
                and (
                    (t.is_punct and t.text not in ("-", ".")) or (is_finite(t) and t.pos_ != "AUX")
                )
            ):
                return None
        return None

    def dash_name(self, q: int) -> tuple[int, int] | None:
        """“...” — Name: a bare name after a dash ends the paragraph."""
        mark = self.layout.quotes[q]
        close_tok = (
            self.layout.mark_token(mark.close) if mark.close < len(self.layout.text) else None
        )
        if close_tok is None:
            return None
        doc = self.doc
        i = close_tok + 1
        if i >= len(doc) or doc[i].text not in _DASHES:
            return None
        end = i + 1
        while end < len(doc) and not doc[end].is_space and doc[end].text not in (".", ";"):
            if doc[end].pos_ not in ("PROPN", "NOUN", "ADJ", "DET", "PUNCT") or is_finite(doc[end]):
                return None
            end += 1
        return (
            (i + 1, end)
            if end > i + 1 and any(doc[k].pos_ == "PROPN" for k in range(i + 1, end))
            else None
        )

    def containing(self, q: int) -> Attribution | None:
        mark = self.layout.quotes[q]
        for at in self.reported:
            if at.start <= mark.open + 1 and mark.close <= at.end + 1:
                return at
        return None

    def above(self, q: int) -> Cue | None:
        """A speech cue up the parse from the quotation, with a speaker."""
        a, b = self.layout.quote_tokens(q)
        if b <= a:
            return None
        sent = self.layout.sentences[self.layout.sent_of[a]]
        for tok in self.doc[a:b]:
            if a <= tok.head.i < b:
                continue
            node = tok
            for _ in range(8):
                if node.head.i == node.i or not sent[0] <= node.head.i < sent[1]:
                    break
                node = node.head
                cue = self.cues.get(node.i)
                if cue is not None and cue.subject is not None and not cue.passive:
                    return cue
        return None

    def nearby(self, q: int) -> Cue | None:
        """The closest speech verb before the quotation in its sentence when only a
        subordinate clause lies between ("vowing to strike ... if the rebels attack “...”").

        Read backwards from the quotation, a finite verb is the subordinate clause's own when a
        subordinator ("if", "unless") comes before the speech verb does; any other finite verb
        is a main clause of its own between them."""
        mark = self.layout.quotes[q]
        open_tok = self.layout.mark_token(mark.open)
        if open_tok is None:
            return None
        doc = self.doc
        start = self.layout.sentences[self.layout.sent_of[open_tok]][0]
        finite = False  # a finite verb not yet claimed by a subordinator
        for k in range(open_tok - 1, max(start - 1, open_tok - 30), -1):
            t = doc[k]
            cue = self.cues.get(k)
            if (
                cue is not None
                and cue.kind == "verb"
                and cue.subject is not None
                and not cue.passive
            ):
                return None if finite else cue
            if t.lower_ in _SUBORDINATORS and (t.tag_ == "IN" or dep(t) == "mark"):
                finite = False
            elif is_finite(t):
                finite = True
            if self.layout.in_quote(k):
                return None
        return None

    def next_sentence(self, q: int) -> Cue | None:
        """A short attribution sentence right after a quotation that stands alone ("“...”
        The commander said this on Friday.")."""
        layout = self.layout
        _, b = layout.quote_tokens(q)
        s = layout.sent_of[b - 1] + 1
        if s >= len(layout.sentences) or layout.para_of_sent[s] != layout.para_of_sent[s - 1]:
            return None
        start, end = layout.sentences[s]
        if end - start > 14:
            return None
        for k in range(start, end):
            cue = self.cues.get(k)
            if cue is None or cue.kind != "verb" or cue.subject is None or cue.passive:
                continue
            if any(at.cue is cue for at in self.reported) or layout.in_quote(k):
                return None
            return cue
        return None

    def stands_alone(self, q: int) -> bool:
        """The quotation opens its sentence and nothing but punctuation follows it there."""
        layout = self.layout
        a, b = layout.quote_tokens(q)
        if b <= a:
            return False
        s0, _ = layout.sentences[layout.sent_of[a]]
        if any(not (self.doc[k].is_punct or self.doc[k].is_space) for k in range(s0, a)):
            return False
        _, s1 = layout.sentences[layout.sent_of[b - 1]]
        return all(self.doc[k].is_punct or self.doc[k].is_space for k in range(b, s1))


def direct_quotes(
    doc: Doc, layout: Layout, cues: dict[int, Cue], reported: list[Attribution], skip_before: int
) -> list[Attribution]:
    """One direct attribution per attributed quotation, in text order."""
    att = _Attributor(doc, layout, cues, reported)
    out: list[Attribution] = []
    last: Attribution | None = None
    last_para = -1
    for q, mark in enumerate(layout.quotes):
        if mark.open < skip_before or is_name(mark):
            continue
        para = layout.para_at(mark.open)
        found: Attribution | None = None
        cue = att.before(q) or att.after(q)
        if cue is not None:
            found = att._attribution(q, cue)
        elif (dash := att.dash_name(q)) is not None:
            a, _ = layout.quote_tokens(q)
            found = Attribution(mark.start, mark.end, True, layout.sent_of[a], None, dash)
        elif (outer := att.containing(q)) is not None:
            found = att._attribution(q, outer.cue) if outer.cue is not None else None
            if found is not None:
                found.inherit = outer
                found.source = None
        elif (cue := att.above(q) or att.nearby(q)) is not None or (
            (last is None or para - last_para > 1)
            and att.stands_alone(q)
            and (cue := att.next_sentence(q)) is not None
        ):
            found = att._attribution(q, cue)
        elif last is not None and para - last_para <= 1 and att.stands_alone(q):
            found = att._attribution(q, last.cue) if last.cue is not None else None
            if found is None:
                a, _ = layout.quote_tokens(q)
                found = Attribution(mark.start, mark.end, True, layout.sent_of[a])
            found.inherit = last
            found.source = None
        if found is None:
            continue
        found.content_tokens = layout.quote_tokens(q)
        out.append(found)
        last, last_para = found, para
    return out
