"""Near-duplicate articles: MinHash/LSH links, stored signatures, incremental runs."""

from __future__ import annotations

import random

import pytest

from tests import factories as f
from threatline.crossdoc import dedup
from threatline.crossdoc.dedup import (
    NEAR_DUPLICATE,
    DedupOptions,
    duplicate_groups,
    link_near_duplicates,
    near_duplicates,
    shingles,
)
from threatline.models import ArticleResult
from threatline.store.sql import SqlStore

WORDS = [
    "missile", "strike", "base", "province", "officials", "said", "forces", "attack", "drone",
    "convoy", "government", "militia", "border", "ceasefire", "talks", "capital", "port", "army",
]  # fmt: skip


def story(seed: int, n: int = 220) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) + str(rng.randrange(50)) for _ in range(n))


def repost(text: str, seed: int, changes: int = 2) -> str:
    """The same story with a new lead-in and a few words replaced (a wire copy)."""
    rng = random.Random(seed)
    words = text.split()
    for _ in range(changes):
        words[rng.randrange(len(words))] = "edited"
    return "Reposted from the wire. " + " ".join(words)


def test_shingles() -> None:
    assert shingles("A b, c d!", 2) == {b"a b", b"b c", b"c d"}
    assert shingles("Too short", 5) == {b"too short"}
    assert shingles("", 5) == set()


def test_copies_are_linked_with_their_estimated_jaccard() -> None:
    original = story(1)
    texts = {"a.txt": original, "b.txt": repost(original, 2), "c.txt": story(3), "d.txt": ""}
    pairs = near_duplicates(texts)
    assert [(a, b) for a, b, _ in pairs] == [("a.txt", "b.txt")]
    exact = len(shingles(texts["a.txt"], 5) & shingles(texts["b.txt"], 5)) / len(
        shingles(texts["a.txt"], 5) | shingles(texts["b.txt"], 5)
    )
    assert pairs[0][2] == pytest.approx(exact, abs=0.12)


def test_a_stricter_threshold_drops_looser_copies() -> None:
    original = story(1)
    loose = repost(original, 2, changes=10)
    assert near_duplicates({"a": original, "b": loose}, DedupOptions(threshold=0.5))
    assert not near_duplicates({"a": original, "b": loose}, DedupOptions(threshold=0.95))


def test_groups_of_linked_articles() -> None:
    links = [
        ("b", "c", NEAR_DUPLICATE, 0.9),
        ("a", "b", NEAR_DUPLICATE, 0.9),
        ("x", "y", "other", 1.0),
    ]
    assert duplicate_groups(links) == {"a": "a", "b": "a", "c": "a"}


def _save(store: SqlStore, doc: str, text: str) -> None:
    store.save_result(ArticleResult(article=f.article(doc, text)))


def test_store_runs_are_incremental(tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    store = SqlStore(f"sqlite:///{tmp_path}/dedup.db")
    original = story(1)
    _save(store, "a.txt", original)
    _save(store, "b.txt", story(5))
    _save(store, "keep.txt", "linked by another stage")
    store.add_doc_links([("b.txt", "keep.txt", "translation", 0.5)])
    assert link_near_duplicates(store) == 0
    signed: list[str] = []
    real = dedup.signature

    def counting(text: str, options: DedupOptions) -> object:
        signed.append(text)
        return real(text, options)

    monkeypatch.setattr(dedup, "signature", counting)
    assert link_near_duplicates(store) == 0 and signed == []  # nothing new: nothing hashed
    _save(store, "c.txt", repost(original, 9))
    assert link_near_duplicates(store) == 1
    assert len(signed) == 1  # only the new article was signed
    links = store.doc_links()
    assert ("a.txt", "c.txt", NEAR_DUPLICATE) in [(a, b, k) for a, b, k, _ in links]
    assert ("b.txt", "keep.txt", "translation", 0.5) in links
    assert list(store.unsigned_articles(DedupOptions().scheme)) == []
    assert len(list(store.unsigned_articles(DedupOptions(shingle=3).scheme))) == 4
    store.close()


def _corpus(n: int) -> dict[str, str]:
    """Stories, copies of them with more or fewer edits, and a few empty texts."""
    rng = random.Random(7)
    texts: dict[str, str] = {}
    for i in range(n):
        if i % 3 == 0 or not texts:
            texts[f"s{i:03d}"] = story(100 + i)
        elif i % 17 == 0:
            texts[f"s{i:03d}"] = ""
        else:
            base = texts[rng.choice(sorted(texts))] or story(i)
            texts[f"s{i:03d}"] = repost(base, i, changes=rng.choice([1, 4, 12, 30]))
    return texts


def test_banding_finds_what_datasketch_lsh_finds() -> None:
    """The numpy band keys give the candidates of datasketch's own MinHashLSH (the reference
    implementation of the same banding), hence the same links."""
    options = DedupOptions(threshold=0.7)
    texts = _corpus(90)
    signed = {doc: dedup.signature(text, options) for doc, text in texts.items()}
    lsh = options.index()
    for doc in sorted(signed):
        lsh.insert(doc, signed[doc])
    expected = set()
    for doc, m in signed.items():
        if m.is_empty():
            continue
        for other in lsh.query(m):
            score = float(m.jaccard(signed[other]))
            if other != doc and score >= options.threshold:
                expected.add((min(doc, other), max(doc, other), round(score, 4)))
    found = near_duplicates(texts, options)
    assert len(expected) > 20
    assert set(found) == expected and found == sorted(found)


def test_store_dedup_in_small_batches_matches_the_in_memory_links(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from threatline.store import sql_crossdoc

    monkeypatch.setattr(dedup, "_BATCH", 4)
    monkeypatch.setattr(sql_crossdoc, "_PAGE", 3)
    texts = _corpus(40)
    store = SqlStore(f"sqlite:///{tmp_path}/batches.db")
    for doc in sorted(texts)[:25]:
        _save(store, doc, texts[doc])
    first = link_near_duplicates(store)
    for doc in sorted(texts)[25:]:
        _save(store, doc, texts[doc])
    second = link_near_duplicates(store)
    links = sorted((a, b, s) for a, b, k, s in store.doc_links() if k == NEAR_DUPLICATE)
    assert first > 0 and second > 0 and first + second == len(links)
    assert links == near_duplicates(texts)
    store.close()
