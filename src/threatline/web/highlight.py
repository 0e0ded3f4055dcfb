"""Split an article's text into segments by character offsets, for highlighting in templates.

The text stays text: templates print each segment escaped (jinja2 autoescape) and wrap the
marked ones in ``<mark>``; nothing here builds markup.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = ["Mark", "Segment", "locate", "segments"]


@dataclass(frozen=True)
class Mark:
    """A highlighted range: ``kind`` is ``event``, ``quote`` or ``evidence``; ``ref`` the id of
    the record it belongs to; ``label`` a short description (shown as a tooltip)."""

    start: int
    end: int
    kind: str
    ref: str = ""
    label: str = ""
    selected: bool = False


@dataclass
class Segment:
    text: str
    marks: tuple[Mark, ...] = ()
    anchors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def classes(self) -> str:
        classes = [f"hl-{k}" for k in sorted({m.kind for m in self.marks})]
        if any(m.selected for m in self.marks):
            classes.append("selected")
        return " ".join(classes)

    @property
    def title(self) -> str:
        return "; ".join(dict.fromkeys(m.label for m in self.marks if m.label))


def locate(text: str, start: int, end: int, expected: str) -> tuple[int, int] | None:
    """The offsets of ``expected`` in ``text``: ``start:end`` when they hold it, else its
    occurrence nearest to ``start``; None when the text does not contain it."""
    if 0 <= start <= end <= len(text) and text[start:end] == expected:
        return start, end
    if not expected:
        return None
    found = [i for i in _occurrences(text, expected)]
    if not found:
        return None
    best = min(found, key=lambda i: abs(i - start))
    return best, best + len(expected)


def _occurrences(text: str, needle: str) -> Iterable[int]:
    i = text.find(needle)
    while i != -1:
        yield i
        i = text.find(needle, i + 1)


def segments(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """``text`` cut at every mark boundary; each piece with the marks covering it. Marks are
    clipped to the text; empty and out-of-range marks are dropped. The first piece of each
    ``ref`` carries ``(kind, ref)`` in ``anchors`` (for ``id=`` attributes)."""
    n = len(text)
    kept = [
        Mark(max(0, m.start), min(n, m.end), m.kind, m.ref, m.label, m.selected)
        for m in marks
        if m.start < n and m.end > 0 and m.end > m.start
    ]
    cuts = sorted({0, n, *(m.start for m in kept), *(m.end for m in kept)})
    out: list[Segment] = []
    seen: set[str] = set()
    for a, b in itertools.pairwise(cuts):
        if a >= b:
            continue
        active = tuple(m for m in kept if m.start <= a and m.end >= b)
        anchors = [(m.kind, m.ref) for m in active if m.ref and m.start == a and m.ref not in seen]
        seen.update(ref for _, ref in anchors)
        out.append(Segment(text[a:b], active, anchors))
    if not out:
        out.append(Segment(text))
    return out
