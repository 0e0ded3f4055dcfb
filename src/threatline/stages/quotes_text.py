"""The layout the quote rules read: quotation-mark spans, paragraphs and sentences.

Quotation marks are found on the text itself, paragraph by paragraph, so a bad parse cannot
break a quotation. Sentences are cut on the tokens (final punctuation, closing marks, paragraph
breaks) rather than taken from the parser, whose boundaries are the least reliable part of a
small model.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START
from spacy.tokens import Doc

__all__ = ["Layout", "QuoteMark", "find_quote_marks", "trim_quote"]

_DOUBLE_OPEN = frozenset("“„«")
_DOUBLE_CLOSE = frozenset("”»")
_SINGLE_OPEN = frozenset("‘‹")
_SINGLE_CLOSE = frozenset("’›")
_OPENERS = _DOUBLE_OPEN | _SINGLE_OPEN | {'"', "'"}
_DOUBLE_ANY = _DOUBLE_OPEN | {'"'}
_SINGLE_OPENERS = _SINGLE_OPEN | {"'"}
_SINGLE_ANY = _SINGLE_CLOSE | {"'"}
_MARK = re.compile("[\"“”„«»‘’‹›']")
_BEFORE_OPEN = frozenset(' \t\n([{—–-:/“"')
_SINGLE_MAX = 200  # a single-quoted span is a short phrase or it is an apostrophe
_LINE_END_BREAK = frozenset('.!?:"”’»)')
_PARA_SPLIT = re.compile(r"\n[ \t\u00a0]*")
_FINAL = frozenset({".", "!", "?", "…", "..."})
# titles and abbreviations that come before a name or a number, never at a sentence end
_ABBREVIATIONS = frozenset(
    {"mr.", "mrs.", "ms.", "dr.", "prof.", "rep.", "sen.", "gov.", "gen.", "lt.", "col.", "maj.",
     "capt.", "sgt.", "adm.", "rev.", "st.", "no.", "pres.", "amb.", "sec.", "cmdr.", "brig.",
     "messrs.", "hon.", "jr.", "sr.", "vs.", "e.g.", "i.e.", "mt.", "ft."}
)  # fmt: skip
_BOUNDARY = re.compile(r"[.!?…]|\n")
_CLOSING = frozenset({'"', "”", "’", "'", "»", ")", "]"})


@dataclass(frozen=True)
class QuoteMark:
    """One quotation: ``open``/``close`` index the marks (``close`` is the paragraph end for an
    unclosed quotation); ``start``/``end`` the quoted text after trimming."""

    open: int
    close: int
    start: int
    end: int
    text: str
    double: bool = True


def trim_quote(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of ``text[start:end]`` without surrounding spaces and one trailing ``,`` or ``.``."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and text[end - 1] in ",.":
        end -= 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph ranges: a blank line always breaks; a single newline breaks after a line that
    ends a sentence (hard-wrapped lines inside a paragraph do not)."""
    ranges: list[tuple[int, int]] = []
    start = 0
    for m in _PARA_SPLIT.finditer(text):
        before = text[start : m.start()].rstrip()
        nxt = text[m.end() : m.end() + 1]
        blank = nxt == "\n" or m.end() >= len(text)
        if blank or not before or before[-1] in _LINE_END_BREAK or nxt in _OPENERS:
            if before:
                ranges.append((start, start + len(before)))
            start = m.end()
    if text[start:].strip():
        ranges.append((start, len(text.rstrip())))
    return [(a, b) for a, b in ranges if b > a]


def _opens_single(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before in _BEFORE_OPEN and not after.isspace()


def _closes_single(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    return not after.isalnum() and i > 0 and not text[i - 1].isspace()


@dataclass
class _Scan:
    text: str
    marks: list[QuoteMark] = field(default_factory=list)

    def emit(self, open_at: int, close_at: int, double: bool) -> None:
        start, end = trim_quote(self.text, open_at + 1, close_at)
        if end > start:
            self.marks.append(
                QuoteMark(open_at, close_at, start, end, self.text[start:end], double)
            )


def find_quote_marks(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[QuoteMark]:
    """Every quotation of ``text`` in order. Nested quotations stay part of the outer one; a
    quotation left open at the end of a paragraph continues when the next paragraph opens with a
    quotation mark, and ends with the paragraph when it opened the paragraph."""
    scan = _Scan(text)
    pending: int | None = None  # a double quotation carried over from the previous paragraph
    paragraphs = paragraphs if paragraphs is not None else _paragraphs(text)
    for p, (a, b) in enumerate(paragraphs):
        open_at: int | None = None
        single_at: int | None = None
        start = a
        if pending is not None and text[a] in _DOUBLE_ANY:
            open_at, start = pending, a + 1
        pending = None
        for m in _MARK.finditer(text, start, b):
            i = m.start()
            ch = text[i]
            if open_at is None and single_at is not None:
                if i - single_at > _SINGLE_MAX:
                    single_at = None
                elif ch in _SINGLE_ANY and _closes_single(text, i):
                    scan.emit(single_at, i, double=False)
                    single_at = None
                    continue
            if ch in _DOUBLE_CLOSE or (ch == '"' and open_at is not None):
                if open_at is not None:
                    scan.emit(open_at, i, double=True)
                    open_at = None
                elif i + 1 < b and text[i + 1].isalpha() and (i == a or text[i - 1].isspace()):
                    open_at, single_at = i, None  # a closing mark used as an opener
            elif open_at is None and ch in _DOUBLE_ANY:
                open_at, single_at = i, None
            elif (
                open_at is None
                and single_at is None
                and ch in _SINGLE_OPENERS
                and _opens_single(text, i)
            ):
                single_at = i
        if open_at is not None:
            nxt = paragraphs[p + 1][0] if p + 1 < len(paragraphs) else None
            if nxt is not None and text[nxt] in _DOUBLE_ANY:
                pending = open_at
            elif open_at == a:
                scan.emit(open_at, b, double=True)
    return sorted(scan.marks, key=lambda m: m.open)


class Layout:
    """Paragraphs, sentences (token ranges) and quotation marks of one parsed article.

    Token offsets, lengths and flags are read once with ``Doc.to_array``; the passes below work
    on plain lists, so no Token object is built for the thousands of tokens no rule looks at.
    """

    def __init__(self, doc: Doc, text: str | None = None) -> None:
        self.doc = doc
        # ``doc.text`` is rebuilt from the tokens on every access: take the article text
        self.text = text if text is not None else doc.text
        arr = doc.to_array([IDX, LENGTH, IS_SPACE, SENT_START]).astype("int64")
        self.idx: list[int] = arr[:, 0].tolist() if len(doc) else []
        self.length: list[int] = arr[:, 1].tolist() if len(doc) else []
        self.space: list[int] = arr[:, 2].tolist() if len(doc) else []
        self.sent_start: list[int] = arr[:, 3].tolist() if len(doc) else []
        self.paragraphs = _paragraphs(self.text)
        self.quotes = find_quote_marks(self.text, self.paragraphs)
        self.para_starts = [a for a, _ in self.paragraphs]
        n = len(doc)
        self.quote_of: list[int] = [-1] * n
        self.sent_of: list[int] = [0] * n
        self.sentences: list[tuple[int, int]] = [(0, 0)] if n == 0 else []
        self.para_of_sent: list[int] = []
        self._mark_quotes()
        self._cut_sentences()

    def token_text(self, i: int) -> str:
        return self.text[self.idx[i] : self.idx[i] + self.length[i]]

    def token_at(self, char: int) -> int:
        """Index of the token that starts at or before ``char``."""
        return max(bisect_right(self.idx, char) - 1, 0)

    def _mark_quotes(self) -> None:
        for q, mark in enumerate(self.quotes):
            i = bisect_right(self.idx, mark.open)
            while i < len(self.idx) and self.idx[i] < mark.close:
                self.quote_of[i] = q
                i += 1

    def para_at(self, char: int) -> int:
        return max(bisect_right(self.para_starts, char) - 1, 0)

    def _cut_sentences(self) -> None:
        """Cut after final punctuation (and the closing marks after it) when an upper-case
        word, a digit, an opening mark or a line break follows, and at every line break. Only
        the tokens at such characters are looked at."""
        n = len(self.idx)
        text = self.token_text
        start = 0
        last = -1
        for m in _BOUNDARY.finditer(self.text):
            i = self.token_at(m.start())
            if i <= last or i < start:
                continue
            last = i
            tok = text(i)
            end: int | None = None
            if self.space[i]:
                end = i + 1 if "\n" in tok else None
            elif tok in _FINAL or (
                tok.endswith(".")
                and len(tok) > 1
                and tok.lower() not in _ABBREVIATIONS
                and i + 1 < n
                and self.sent_start[i + 1] == 1
            ):
                j = i + 1
                while j < n and text(j) in _CLOSING:
                    j += 1
                nxt = text(j) if j < n else ""
                if (
                    j >= n
                    or self.space[j]
                    or nxt[:1].isupper()
                    or nxt[:1].isdigit()
                    or nxt[:1] in _OPENERS
                ):
                    end = j
            if end is not None and end > start:
                self._add_sentence(start, end)
                start = end
        self._add_sentence(start, n)
        # space tokens between sentences belong to the sentence before them
        for k in range(1, n):
            if self.space[k] and self.sent_of[k] < self.sent_of[k - 1]:
                self.sent_of[k] = self.sent_of[k - 1]

    def _add_sentence(self, start: int, end: int) -> None:
        while start < end and self.space[start]:
            start += 1
        while end > start and self.space[end - 1]:
            end -= 1
        if end <= start:
            return
        index = len(self.sentences)
        self.sentences.append((start, end))
        self.para_of_sent.append(self.para_at(self.idx[start]))
        self.sent_of[start:end] = [index] * (end - start)

    def sentence_chars(self, index: int) -> tuple[int, int]:
        a, b = self.sentences[index]
        return self.idx[a], self.idx[b - 1] + self.length[b - 1]

    def in_quote(self, token_i: int) -> bool:
        return self.quote_of[token_i] >= 0

    def quote_tokens(self, q: int) -> tuple[int, int]:
        """Token range [a, b) strictly inside quotation ``q`` (without its marks)."""
        mark = self.quotes[q]
        a = self.token_at(mark.start)
        b = bisect_left(self.idx, mark.end)
        return a, max(b, a + 1)

    def mark_token(self, char: int) -> int | None:
        """The token holding the character at ``char`` (a quotation mark)."""
        if not self.idx or char >= len(self.text):
            return None
        return self.token_at(char)
