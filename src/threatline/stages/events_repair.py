"""Parse repairs the event rules read through: a private copy of the Doc whose tree is mended
where a parser's error is unambiguous, so that the rules see one structure for one meaning.

- Whitespace tokens (paragraph breaks) are never heads or arguments: their children hang from
  their head (a break that roots a sentence hands the root to its main child), and a break
  labelled as an argument (``nsubj``) becomes a plain ``dep``.
- A sentence boundary the parser missed after an abbreviation with a final period ("... vow
  revenge against the U.S. Iranian forces responded to ...") is restored when the words after
  it form a clause of their own: a finite verb with no subject of its own that the parser hung
  on the previous sentence, preceded only by a noun phrase (its subject).

The copy is made only when something is mended (the shared Doc, read by later stages, is never
changed); token indexes and character offsets are those of the original.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import numpy
from spacy.attrs import DEP, HEAD, IS_SPACE, ORTH
from spacy.tokens import Doc

from threatline.stages.events_parse import sentence_bounds

if TYPE_CHECKING:
    from thinc.types import Ints2d

__all__ = ["repair"]

_FINITE = frozenset({"VBD", "VBZ", "VBP"})
_VERBAL = frozenset({"VERB", "AUX"})
_NOT_NP = frozenset({"VERB", "AUX", "PUNCT", "SCONJ", "CCONJ", "ADP", "PART"})
_SUBJECTS = frozenset({"nsubj", "nsubj:pass", "nsubjpass", "csubj", "expl"})
_MASK = 0xFFFFFFFFFFFFFFFF


class _Tree:
    """Heads and labels of a Doc, editable, written back in one ``from_array`` call."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        rows = doc.to_array([HEAD, DEP]).astype("int64").tolist()
        self.heads = [i + offset for i, (offset, _label) in enumerate(rows)]
        self._label_ids = [label & _MASK for _offset, label in rows]
        self._labels: dict[int, str] = {}
        self.edited: set[int] = set()

    def label(self, i: int) -> str:
        found = self._labels.get(i)
        if found is None:
            found = self.doc.vocab.strings[self._label_ids[i]]
            self._labels[i] = found
        return found

    def set(self, i: int, head: int, label: str) -> None:
        if (self.heads[i], self.label(i)) != (head, label):
            self.heads[i], self._labels[i] = head, label
            self.edited.add(i)

    @property
    def changed(self) -> bool:
        return bool(self.edited)

    def acyclic(self) -> bool:
        """Every head chain ends at a root (a mended tree is only used when it is a tree; the
        parser's tree was one, so only chains through an edited token can loop)."""
        limit = len(self.heads)
        for start in self.edited:
            node, steps = start, 0
            while self.heads[node] != node:
                node = self.heads[node]
                steps += 1
                if steps > limit:
                    return False
        return True

    def children(self, i: int) -> list[int]:
        return [k for k, h in enumerate(self.heads) if h == i and k != i]

    def build(self) -> Doc:
        # copy without the shared Doc's user data (cached tables of the original parse)
        saved, self.doc.user_data = self.doc.user_data, {}
        try:
            copy = self.doc.copy()
        finally:
            self.doc.user_data = saved
        strings = copy.vocab.strings
        array = cast("Ints2d", numpy.asarray(copy.to_array([HEAD, DEP]), dtype=numpy.uint64))
        for i in self.edited:
            array[i, 0] = (self.heads[i] - i) & _MASK
            array[i, 1] = strings.add(self.label(i))
        copy.from_array([HEAD, DEP], array)
        return copy


def repair(doc: Doc) -> Doc:
    """The Doc itself when its parse needs no mending, else a mended copy."""
    if not doc.has_annotation("DEP") or len(doc) < 2:
        return doc
    tree = _Tree(doc)
    _spaces(tree)
    _missed_boundaries(tree)
    return tree.build() if tree.changed and tree.acyclic() else doc


def _spaces(tree: _Tree) -> None:
    doc = tree.doc
    spaces = [i for i, flag in enumerate(doc.to_array([IS_SPACE]).tolist()) if flag]
    if not spaces:
        return
    below: dict[int, list[int]] = {i: [] for i in spaces}
    for k, head in enumerate(tree.heads):
        if head != k and head in below:
            below[head].append(k)
    for i in spaces:
        kids = [k for k in below[i] if tree.heads[k] == i]
        if tree.heads[i] == i:
            if not kids:
                continue
            words = [k for k in kids if not doc[k].is_space and not doc[k].is_punct]
            verbs = [k for k in words if doc[k].pos_ in _VERBAL]
            root = (verbs or words or kids)[0]
            tree.set(root, root, "ROOT")
            for k in kids:
                if k != root:
                    tree.set(k, root, tree.label(k))
            tree.set(i, root, "dep")
            continue
        for k in kids:
            tree.set(k, tree.heads[i], tree.label(k))
        if tree.label(i) != "dep":
            tree.set(i, tree.heads[i], "dep")


def _missed_boundaries(tree: _Tree) -> None:
    doc = tree.doc
    strings = doc.vocab.strings
    # only a word with a final period can hide a boundary (read from the arrays: cheap)
    orths = doc.to_array([ORTH]).tolist()
    marked = {o for o in set(orths) if _abbreviation(strings[o])}
    candidates = [
        i
        for i, orth in enumerate(orths[:-1])
        if orth in marked and strings[orths[i + 1]][:1].isupper()
    ]
    if not candidates:
        return
    done: set[int] = set()
    for i in candidates:
        start, end = sentence_bounds(doc[i])
        if start in done or i >= end - 2:
            continue
        split = _split_after(tree, i, start, end)
        if split is not None:
            _split(tree, i, split, start, end)
            done.add(start)


def _abbreviation(text: str) -> bool:
    """ "U.S.", "U.K.", "Inc.": a word with a final period that the tokenizer kept."""
    return len(text) >= 2 and text.endswith(".") and any(c.isalpha() for c in text)


def _root_of(tree: _Tree, start: int, end: int) -> int | None:
    roots = [k for k in range(start, end) if tree.heads[k] == k]
    return roots[0] if len(roots) == 1 else None


def _split_after(tree: _Tree, i: int, start: int, end: int) -> int | None:
    """The verb of the clause that starts after token ``i``, if the parser glued that clause
    to the sentence ending with the abbreviation ``i``; else None."""
    doc = tree.doc
    if not _abbreviation(doc[i].text):
        return None
    first = doc[i + 1]
    if not first.text[:1].isupper() or first.is_punct:
        return None
    root = _root_of(tree, start, end)
    if root is None or root > i:
        return None
    for k in range(i + 1, end):
        token = doc[k]
        if token.tag_ in _FINITE and token.pos_ in _VERBAL:
            head = tree.heads[k]
            own_subject = any(tree.label(c) in _SUBJECTS and c > i for c in tree.children(k))
            if head <= i and head != k and not own_subject and k > i + 1:
                return k
            return None
        if token.pos_ in _NOT_NP and not (token.pos_ == "PUNCT" and token.text in ("-", "–")):
            return None
    return None


def _split(tree: _Tree, i: int, verb: int, start: int, end: int) -> None:
    """Make ``verb`` the root of a new sentence starting after ``i``: the noun phrase before it
    is its subject; what hung across the boundary hangs from the verb (after) or from the
    abbreviation, which takes the noun phrase's place (before)."""
    subject = next((k for k in range(i + 1, verb) if not i < tree.heads[k] < verb), None)
    old_head = tree.heads[subject] if subject is not None else None
    old_label = tree.label(subject) if subject is not None else None
    after = range(i + 1, end)
    tree.set(verb, verb, "ROOT")
    if subject is not None:
        tree.set(subject, verb, "nsubj")
    for k in after:
        if k not in (verb, subject) and not i < tree.heads[k] < end:
            tree.set(k, verb, tree.label(k))
    root = _root_of(tree, start, i + 1)
    if root is None:  # pragma: no cover - the old root is kept before the boundary
        return
    if old_head is not None and old_label is not None and start <= old_head <= i:
        tree.set(i, old_head, old_label)
    elif tree.heads[i] > i:
        tree.set(i, root, tree.label(i))
    for k in range(start, i):
        if tree.heads[k] > i:
            tree.set(k, i if k != root else k, tree.label(k))
