"""Near-duplicate articles (wire copies, reposts): linked, never dropped.

Each article's cleaned text becomes a set of word shingles (``shingle`` consecutive words), its
MinHash signature (datasketch) is stored under a *scheme* name that records the parameters, and
LSH banding over the stored signatures gives, for every newly signed article, candidates (the
articles that share a band with it; datasketch chooses the bands to miss few pairs at the
threshold) that are kept when their estimated Jaccard similarity reaches the threshold. The band
keys are numpy arrays (8 bytes per band and article), so the index of 100,000 articles takes
about 11 MB. Each pair becomes a ``doc_links`` row of kind
``near_duplicate`` with the estimated Jaccard as its score. A later run signs only the articles
that have no signature yet, so stored articles are never re-hashed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
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
_BATCH = 500


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


def _band_keys(hashvalues: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One uint64 key per band of each signature (one signature per row of ``hashvalues``).
    Equal bands give equal keys; a rare collision only adds a candidate, which the full
    signatures then reject."""
    # odd 64-bit multipliers, fixed (keys are recomputed on every run, never stored)
    mix = np.random.default_rng(20_201).integers(1, 2**63, size=rows, dtype=np.uint64)
    mix |= np.uint64(1)
    keys = np.empty((hashvalues.shape[0], bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for band in range(bands):
            part = hashvalues[:, band * rows : (band + 1) * rows].astype(np.uint64)
            folded = (part * mix).sum(axis=1, dtype=np.uint64)
            keys[:, band] = folded ^ (folded >> np.uint64(29))
    return keys


def _candidates(keys: np.ndarray, fresh: np.ndarray) -> set[tuple[int, int]]:
    """Pairs of row numbers ``(i, j)``, ``i < j``, that share a band key, one of them fresh."""
    pairs: set[tuple[int, int]] = set()
    for band in range(keys.shape[1]):
        column = keys[:, band]
        order = np.argsort(column, kind="stable")
        ranked = column[order]
        starts = np.flatnonzero(np.r_[True, ranked[1:] != ranked[:-1]])
        sizes = np.diff(np.r_[starts, len(ranked)])
        for start, size in zip(starts[sizes > 1].tolist(), sizes[sizes > 1].tolist(), strict=True):
            members = order[start : start + size].tolist()
            for i in members:
                if fresh[i]:
                    pairs.update((min(i, j), max(i, j)) for j in members if j != i)
    return pairs


def _links(
    docs: list[str],
    pairs: set[tuple[int, int]],
    signatures: dict[int, np.ndarray],
    threshold: float,
) -> list[tuple[str, str, float]]:
    out = []
    for i, j in sorted(pairs):
        a, b = signatures[i], signatures[j]
        score = float(np.count_nonzero(a == b)) / len(a)
        if score >= threshold:
            out.append((docs[i], docs[j], round(score, 4)))
    return out


@dataclass
class _Index:
    """Band keys of signatures, added in increasing doc order; empty signatures left out."""

    bands: int
    rows: int
    docs: list[str] = field(default_factory=list)
    chunks: list[np.ndarray] = field(default_factory=list)
    fresh: list[bool] = field(default_factory=list)

    def add(self, batch: list[tuple[str, LeanMinHash]], fresh: set[str]) -> None:
        kept = [(doc, m) for doc, m in batch if not m.is_empty()]
        if not kept:
            return
        values = np.stack([m.hashvalues for _, m in kept])
        self.chunks.append(_band_keys(values, self.bands, self.rows))
        self.docs += [doc for doc, _ in kept]
        self.fresh += [doc in fresh for doc, _ in kept]

    def candidates(self) -> set[tuple[int, int]]:
        if not self.chunks:
            return set()
        return _candidates(np.concatenate(self.chunks), np.array(self.fresh, dtype=bool))


def _index(options: DedupOptions) -> _Index:
    lsh = options.index()
    return _Index(bands=lsh.b, rows=lsh.r)


def near_duplicates(
    texts: dict[str, str], options: DedupOptions | None = None
) -> list[tuple[str, str, float]]:
    """Near-duplicate pairs ``(doc_a, doc_b, estimated Jaccard)`` among texts (doc_a < doc_b)."""
    options = options or DedupOptions()
    signed = sorted((doc, signature(text, options)) for doc, text in texts.items())
    index = _index(options)
    index.add(signed, set(texts))
    values = {i: m.hashvalues for i, (_, m) in enumerate(s for s in signed if not s[1].is_empty())}
    return _links(index.docs, index.candidates(), values, options.threshold)


def link_near_duplicates(store: Store, options: DedupOptions | None = None) -> int:
    """Sign the articles that have no signature yet, link them to their near-duplicates among
    all stored articles; returns the number of links added.

    Memory stays small whatever the store's size: new signatures are written a batch at a
    time, the index holds ``bands`` 8-byte keys per article, and only the signatures of
    candidate pairs are read back to check them."""
    options = options or DedupOptions()
    fresh: set[str] = set()
    batch: list[tuple[str, bytes]] = []
    for doc, text in store.unsigned_articles(options.scheme):
        batch.append((doc, _encode(signature(text, options))))
        fresh.add(doc)
        if len(batch) >= _BATCH:
            store.save_signatures(options.scheme, batch)
            batch = []
    store.save_signatures(options.scheme, batch)
    if not fresh:
        return 0
    index = _index(options)
    read: list[tuple[str, LeanMinHash]] = []
    for doc, data in store.signatures(options.scheme):
        read.append((doc, _decode(data)))
        if len(read) >= _BATCH:
            index.add(read, fresh)
            read = []
    index.add(read, fresh)
    pairs = index.candidates()
    wanted = {index.docs[k]: k for pair in pairs for k in pair}
    values = {
        wanted[doc]: _decode(data).hashvalues
        for doc, data in store.signatures(options.scheme)
        if doc in wanted
    }
    links = [
        (a, b, NEAR_DUPLICATE, score)
        for a, b, score in _links(index.docs, pairs, values, options.threshold)
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
