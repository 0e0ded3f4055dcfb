"""The clean stage: remove site furniture from plain-text articles, keep everything recoverable.

``Cleaner.clean`` returns a copy of the article whose ``text`` is ``raw`` minus whole furniture
lines (and the blank lines their removal leaves behind); every other character of ``raw`` is kept
as it is. ``removed`` lists the furniture lines as spans of ``raw``, and :func:`kept_segments`
rebuilds, from ``raw`` and ``removed`` alone, which ranges of ``raw`` make up ``text``, so any
offset of ``text`` maps back to ``raw`` (:func:`text_to_raw`). See ``docs/cleaning.md``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, field_validator

from threatline.models import Article, Span
from threatline.stages.clean_rules import (
    RULE_FAMILIES,
    is_caps_promo,
    is_sentence_like,
    match_rule,
    normalize_line,
    word_count,
)

if TYPE_CHECKING:
    from threatline.stages.base import Work

__all__ = [
    "CleanOptions",
    "Cleaner",
    "Line",
    "LineVerdict",
    "find_repeated_lines",
    "kept_segments",
    "split_lines",
    "text_to_raw",
]

STAGE = "clean"
_TITLE_REJECT_END = (".", "!", ",", ";", ":", "–", "—", "-")
_CLOSERS = "\"'”’»)]"
# A sentence end inside the line: a lower-case word, then . ! or ?, a space and a capital.
_INNER_SENTENCE_END = re.compile(r"[^\W\d_A-Z]{2}[.!?][\"'”’]?\s+[\"'“‘]?[A-Z]")


class CleanOptions(BaseModel):
    """Settings of the clean stage; the defaults are the shipped ones."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    repeated_min_docs: int = Field(default=5, ge=2)
    """A line in at least this many distinct documents (near-duplicates counted once) ..."""
    repeated_max_chars: int = Field(default=300, ge=1)
    """... and at most this long (stripped) is furniture."""
    repeated_sentence_min_words: int = Field(default=10, ge=1)
    """A line this long in words that ends like a sentence is never furniture by repetition."""
    near_duplicate_overlap: float = Field(default=0.5, gt=0.0, le=1.0)
    """Two documents sharing this share of the smaller one's content lines are one group."""
    caps_promo_min_words: int = Field(default=8, ge=1)
    """An ALL-CAPS line needs this many words to count as an inserted promo headline."""
    title_max_chars: int = Field(default=200, ge=1)
    title_min_words: int = Field(default=3, ge=1)
    title_max_words: int = Field(default=22, ge=1)
    collapse_blank_lines: bool = True
    """Drop the blank lines a removal leaves behind (see docs/cleaning.md)."""
    disabled_rules: frozenset[str] = frozenset()
    """Rule families to switch off, e.g. ``{"byline", "caps_promo"}``."""

    @field_validator("disabled_rules")
    @classmethod
    def _known_families(cls, value: frozenset[str]) -> frozenset[str]:
        unknown = sorted(value - RULE_FAMILIES)
        if unknown:
            raise ValueError(f"unknown rule families {unknown}; known: {sorted(RULE_FAMILIES)}")
        return value


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a text: ``raw[start:end]`` is its content, ``next`` the next line's start."""

    start: int
    end: int
    next: int


@dataclass(frozen=True, slots=True)
class LineVerdict:
    """Why a line is removed (``reason`` is a rule family or ``"repeated"``)."""

    line: Line
    text: str
    reason: str


def split_lines(text: str) -> list[Line]:
    """Lines split on ``\\n`` only; a ``\\r`` before it belongs to the terminator."""
    lines: list[Line] = []
    pos, size = 0, len(text)
    while pos < size:
        newline = text.find("\n", pos)
        end = size if newline < 0 else newline
        nxt = size if newline < 0 else newline + 1
        content_end = end - 1 if newline >= 0 and end > pos and text[end - 1] == "\r" else end
        lines.append(Line(pos, content_end, nxt))
        pos = nxt
    return lines


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _groups(signatures: Sequence[frozenset[str]], overlap: float) -> list[int]:
    """Group ids of documents: near-duplicates (by signature overlap) share one.

    Identical signatures are merged first, then union-find joins every pair of distinct
    signatures that share at least ``overlap`` of the smaller one.
    """
    distinct: dict[frozenset[str], int] = {}
    of_doc = [distinct.setdefault(sig, len(distinct)) for sig in signatures]
    unique = list(distinct)
    parent = list(range(len(unique)))
    index: defaultdict[str, list[int]] = defaultdict(list)
    for u, sig in enumerate(unique):
        for line in sig:
            index[line].append(u)
    shared: defaultdict[tuple[int, int], int] = defaultdict(int)
    for holders in index.values():
        for i, a in enumerate(holders):
            for b in holders[i + 1 :]:
                shared[(a, b)] += 1
    for (a, b), count in shared.items():
        smaller = min(len(unique[a]), len(unique[b]))
        if smaller and count >= min(2, smaller) and count / smaller >= overlap:
            ra, rb = _find(parent, a), _find(parent, b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return [_find(parent, u) for u in of_doc]


@dataclass(frozen=True, slots=True)
class DocLines:
    """What repetition is counted on in one document, read once when it enters a window."""

    signature: frozenset[str]
    """Content lines that identify the document: those repetition can never make furniture
    (all its lines when it has none)."""
    repeatable: frozenset[str]
    """Distinct normalised lines that repetition alone can make furniture."""


def doc_lines(text: str, options: CleanOptions) -> DocLines:
    """The distinct normalised lines of one document, split into repeatable and identifying."""
    lines = {normalize_line(text[ln.start : ln.end]) for ln in split_lines(text)}
    lines.discard("")
    repeatable = frozenset(line for line in lines if _may_repeat(line, options))
    signature = frozenset(
        line for line in lines if line not in repeatable and any(c.isalnum() for c in line)
    )
    return DocLines(signature or frozenset(lines), repeatable)


def find_repeated_lines(texts: Iterable[str], options: CleanOptions) -> frozenset[str]:
    """Lines that repeat across many documents of one corpus: site template.

    A line counts once per group of near-duplicate documents (wire copies, reposts), so shared
    article content does not look like template. Returned lines are normalised with
    :func:`~threatline.stages.clean_rules.normalize_line`; :meth:`Cleaner.clean` compares the
    same way.
    """
    return repeated_in([doc_lines(text, options) for text in texts], options)


def repeated_in(docs: Sequence[DocLines], options: CleanOptions) -> frozenset[str]:
    """:func:`find_repeated_lines` over documents already read with :func:`doc_lines`."""
    roots = _groups([d.signature for d in docs], options.near_duplicate_overlap)
    seen: defaultdict[str, set[int]] = defaultdict(set)
    for root, doc in zip(roots, docs, strict=True):
        for line in doc.repeatable:
            seen[line].add(root)
    return frozenset(
        line for line, groups in seen.items() if len(groups) >= options.repeated_min_docs
    )


def _may_repeat(line: str, options: CleanOptions) -> bool:
    """Whether repetition alone can make ``line`` furniture: short, not a sentence, has words.

    Lines without a letter or digit (``___``, ``* * *``) are section separators: kept.
    """
    return (
        len(line) <= options.repeated_max_chars
        and any(c.isalnum() for c in line)
        and not is_sentence_like(line, options.repeated_sentence_min_words)
    )


def kept_segments(
    raw: str, removed: Iterable[Span], *, collapse_blank_lines: bool = True
) -> list[tuple[int, int]]:
    """The ranges of ``raw`` that make up the cleaned text, in order.

    A pure function of ``raw`` and the removed line spans: ``text`` is the concatenation of
    ``raw[a:b]`` over the result.
    """
    lines = split_lines(raw)
    starts = {span.start for span in removed}
    dropped = [ln.start in starts for ln in lines]
    blank = [not raw[ln.start : ln.end].strip() for ln in lines]
    delete = list(dropped)
    if collapse_blank_lines:
        _collapse(lines, dropped, blank, delete)
    segments: list[tuple[int, int]] = []
    for line, gone in zip(lines, delete, strict=True):
        if gone:
            continue
        if segments and segments[-1][1] == line.start:
            segments[-1] = (segments[-1][0], line.next)
        else:
            segments.append((line.start, line.next))
    kept = [i for i, gone in enumerate(delete) if not gone]
    if kept and any(delete[kept[-1] + 1 :]) and lines[-1].next == lines[-1].end:
        # The text ended without a line break and its last lines are gone: end it the same way.
        last = lines[kept[-1]]
        segments[-1] = (segments[-1][0], last.end)
    return [(a, b) for a, b in segments if b > a]


def _collapse(
    lines: list[Line], dropped: list[bool], blank: list[bool], delete: list[bool]
) -> None:
    """Mark for deletion the blank lines left around removed lines (see docs/cleaning.md)."""
    content = [not (d or b) for d, b in zip(dropped, blank, strict=True)]
    i, size = 0, len(lines)
    while i < size:
        if content[i]:
            i += 1
            continue
        j = i
        while j < size and not content[j]:
            j += 1
        gap = range(i, j)
        if any(dropped[k] for k in gap):
            blanks = [k for k in gap if blank[k]]
            keep = 0 if i == 0 or j == size else _longest_blank_run(gap, blank)
            for k in blanks[keep:]:
                delete[k] = True
        i = j


def _longest_blank_run(gap: range, blank: list[bool]) -> int:
    best = run = 0
    for k in gap:
        run = run + 1 if blank[k] else 0
        best = max(best, run)
    return best


def text_to_raw(article: Article, offset: int, *, collapse_blank_lines: bool = True) -> int:
    """The offset in ``article.raw`` of character ``offset`` of ``article.text``."""
    segments = kept_segments(
        article.raw, article.removed, collapse_blank_lines=collapse_blank_lines
    )
    if not 0 <= offset <= len(article.text):
        raise ValueError(f"offset {offset} outside text of length {len(article.text)}")
    ends: list[int] = []
    total = 0
    for a, b in segments:
        total += b - a
        ends.append(total)
    i = bisect_right(ends, offset)
    if i == len(segments):
        return segments[-1][1] if segments else 0
    before = ends[i - 1] if i else 0
    return segments[i][0] + offset - before


def _mostly_upper(content: list[tuple[int, Line, str]]) -> bool:
    """A text written in capitals throughout (old wire style): no line stands out as a promo."""
    upper = sum(1 for _, _, text in content if text == text.upper() != text.lower())
    return upper * 2 > len(content)


class Cleaner:
    """Removes site furniture lines; one instance serves any number of articles."""

    name = STAGE
    requires: frozenset[str] = frozenset({"article"})
    provides: frozenset[str] = frozenset({"clean"})

    def __init__(self, options: CleanOptions | None = None) -> None:
        self.options = options or CleanOptions()

    def __call__(self, batch: list[Work], repeated: frozenset[str] = frozenset()) -> None:
        """The per-article stage: replace each work item's article by its cleaned copy."""
        for work in batch:
            work.article = self.clean(work.article, repeated)

    def furniture(self, raw: str, repeated: frozenset[str] = frozenset()) -> list[LineVerdict]:
        """Every furniture line of ``raw`` with the reason it is furniture."""
        opts = self.options
        verdicts: dict[int, LineVerdict] = {}
        content: list[tuple[int, Line, str]] = []
        for i, line in enumerate(split_lines(raw)):
            text = raw[line.start : line.end]
            if not text.strip():
                continue
            reason = match_rule(text, opts.disabled_rules)
            if reason is None and repeated and normalize_line(text) in repeated:
                reason = "repeated"
            if reason is not None:
                verdicts[i] = LineVerdict(line, text, reason)
            else:
                content.append((i, line, text))
        if "caps_promo" not in opts.disabled_rules and not _mostly_upper(content):
            # The opening line is the article's own headline, whatever its case.
            for i, line, text in content[1:]:
                if is_caps_promo(text, opts.caps_promo_min_words):
                    verdicts[i] = LineVerdict(line, text, "caps_promo")
        return [verdicts[i] for i in sorted(verdicts)]

    def clean(self, article: Article, repeated: frozenset[str] = frozenset()) -> Article:
        """A copy of ``article`` with furniture removed from ``text``; ``raw`` is untouched."""
        raw = article.raw
        found = self.furniture(raw, repeated)
        removed = [Span(start=v.line.start, end=v.line.end, text=v.text) for v in found]
        segments = kept_segments(
            raw, removed, collapse_blank_lines=self.options.collapse_blank_lines
        )
        text = "".join(raw[a:b] for a, b in segments)
        title = article.title if article.title is not None else self._title(raw, found)
        return article.model_copy(update={"text": text, "removed": removed, "title": title})

    def _title(self, raw: str, found: list[LineVerdict]) -> str | None:
        """The opening line when it reads as a headline and more text follows it."""
        gone = {v.line.start for v in found}
        content = [
            raw[ln.start : ln.end].strip()
            for ln in split_lines(raw)
            if ln.start not in gone and raw[ln.start : ln.end].strip()
        ]
        if len(content) < 2:
            return None
        first = content[0]
        opts = self.options
        words = [w for w in first.split() if sum(c.isalpha() for c in w) >= 2]
        if (
            len(first) > opts.title_max_chars
            or not opts.title_min_words <= len(words)
            or word_count(first) > opts.title_max_words
            or first.rstrip(_CLOSERS).endswith(_TITLE_REJECT_END)
            or first.lower().startswith(("http://", "https://", "www."))
            or _INNER_SENTENCE_END.search(first) is not None
        ):
            return None
        return first
