"""Near-duplicate articles (wire copies, reposts): linked, never dropped.

Each article's cleaned text becomes a set of word shingles (``shingle`` consecutive words), its
MinHash signature (datasketch) is stored under a *scheme* name that records the parameters, and
an LSH index over the stored signatures gives, for every newly signed article, candidates (banded
to miss few pairs at the threshold) that are kept when their estimated Jaccard similarity
reaches the threshold. Each pair becomes a ``doc_links`` row of kind
``near_duplicate`` with the estimated Jaccard as its score. A later run signs only the articles
that have no signature yet, so stored articles are never re-hashed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from datasketch import LeanMinHash, MinHash, MinHashLSH

from threatline.store.base import Store

__all__ = [
    "NEAR_DUPLICATE",
    "DedupOptions",
    "duplicate_groups",
    "link_near_duplicates",
    "near_duplicates",
    "shingles",
]

NEAR_DUPLICATE = "near_duplicate"
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class DedupOptions:
    """``threshold``: estimated Jaccard from which two articles are near-duplicates."""

    threshold: float = 0.8
    num_perm: int = 128
    shingle: int = 5
    seed: int = 1
    hashing: Literal["affine32", "affine64"] = "affine32"
    #: LSH band weights (false positives, false negatives): candidates are checked against the
    #: full signatures anyway, so missing a copy costs more than checking a few extra pairs.
    weights: tuple[float, float] = (0.1, 0.9)

    def index(self) -> MinHashLSH:
        return MinHashLSH(threshold=self.threshold, num_perm=self.num_perm, weights=self.weights)

    @property
    def scheme(self) -> str:
        """The name signatures are stored under: changing a parameter signs articles anew."""
        return f"minhash-{self.hashing}-w{self.shingle}-p{self.num_perm}-s{self.seed}"


def shingles(text: str, size: int) -> set[bytes]:
    """The word ``size``-grams of a text, lower-cased (the whole text when it is shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str, options: DedupOptions) -> LeanMinHash:
    m = MinHash(num_perm=options.num_perm, seed=options.seed, scheme=options.hashing)
    m.update_batch(sorted(shingles(text, options.shingle)))
    return LeanMinHash(m)


def _encode(m: LeanMinHash) -> bytes:
    buf = bytearray(m.bytesize(byteorder="<"))
    m.serialize(buf, byteorder="<")
    return bytes(buf)


def _decode(data: bytes) -> LeanMinHash:
    return LeanMinHash.deserialize(data, byteorder="<")


def _pairs(
    index: MinHashLSH, signed: dict[str, LeanMinHash], new: Iterable[str], threshold: float
) -> Iterator[tuple[str, str, float]]:
    seen: set[tuple[str, str]] = set()
    for doc in sorted(new):
        mine = signed[doc]
        if mine.is_empty():
            continue  # no words: nothing to compare
        for other in sorted(index.query(mine)):
            pair = (min(doc, other), max(doc, other))
            if other == doc or pair in seen:
                continue
            seen.add(pair)
            score = float(mine.jaccard(signed[other]))
            if score >= threshold:
                yield pair[0], pair[1], round(score, 4)


def near_duplicates(
    texts: dict[str, str], options: DedupOptions | None = None
) -> list[tuple[str, str, float]]:
    """Near-duplicate pairs ``(doc_a, doc_b, estimated Jaccard)`` among texts (doc_a < doc_b)."""
    options = options or DedupOptions()
    signed = {doc: signature(text, options) for doc, text in texts.items()}
    index = options.index()
    for doc in sorted(signed):
        index.insert(doc, signed[doc])
    return list(_pairs(index, signed, signed, options.threshold))


def link_near_duplicates(store: Store, options: DedupOptions | None = None) -> int:
    """Sign the articles that have no signature yet, link them to their near-duplicates among
    all stored articles; returns the number of links added."""
    options = options or DedupOptions()
    fresh = {doc: signature(text, options) for doc, text in store.unsigned_articles(options.scheme)}
    if not fresh:
        return 0
    store.save_signatures(options.scheme, ((doc, _encode(m)) for doc, m in sorted(fresh.items())))
    index = options.index()
    signed: dict[str, LeanMinHash] = {}
    for doc, data in store.signatures(options.scheme):
        signed[doc] = fresh.get(doc) or _decode(data)
        index.insert(doc, signed[doc])
    links = [
        (a, b, NEAR_DUPLICATE, score)
        for a, b, score in _pairs(index, signed, fresh, options.threshold)
    ]
    store.add_doc_links(links)
    return len(links)


def duplicate_groups(links: Iterable[tuple[str, str, str, float]]) -> dict[str, str]:
    """Each article linked as a near-duplicate -> the smallest id of its connected set."""
    parent: dict[str, str] = {}

    def find(doc: str) -> str:
        parent.setdefault(doc, doc)
        while parent[doc] != doc:
            parent[doc] = parent[parent[doc]]
            doc = parent[doc]
        return doc

    for a, b, kind, _ in links:
        if kind == NEAR_DUPLICATE:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return {doc: find(doc) for doc in parent}
