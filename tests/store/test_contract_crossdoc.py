"""Contract of the Store methods the cross-article stages use (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests import factories as f
from threatline.models import ArticleResult
from threatline.store.base import ArticleDates
from threatline.store.sql import SqlStore


def _save(store: SqlStore, doc: str, text: str, **kw: object) -> None:
    store.save_result(ArticleResult(article=f.article(doc, text, **kw)))


def test_article_dates(store: SqlStore) -> None:
    window = (dt.date(2020, 1, 1), dt.date(2020, 1, 9))
    _save(store, "b.txt", "second", published=dt.date(2020, 1, 5), published_estimated=True,
          published_window=window)  # fmt: skip
    _save(store, "a.txt", "first", published=dt.date(2020, 2, 1))
    _save(store, "c.txt", "third")
    assert store.article_dates() == {
        "a.txt": ArticleDates(dt.date(2020, 2, 1), False, None),
        "b.txt": ArticleDates(dt.date(2020, 1, 5), True, window),
        "c.txt": ArticleDates(None, False, None),
    }
    store.update_article_dates("b.txt", dt.date(2020, 1, 6), True, (dt.date(2020, 1, 6), window[1]))
    assert store.article_dates()["b.txt"].window == (dt.date(2020, 1, 6), window[1])


def test_signatures_round_trip_per_scheme(store: SqlStore) -> None:
    _save(store, "a.txt", "alpha text")
    _save(store, "b.txt", "beta text")
    assert list(store.unsigned_articles("s1")) == [("a.txt", "alpha text"), ("b.txt", "beta text")]
    store.save_signatures("s1", [("a.txt", b"\x00\x01sig")])
    store.save_signatures("s2", [("b.txt", b"other")])
    assert list(store.unsigned_articles("s1")) == [("b.txt", "beta text")]
    assert list(store.signatures("s1")) == [("a.txt", b"\x00\x01sig")]
    store.save_signatures("s1", [("a.txt", b"new"), ("b.txt", b"\xff" * 600)])
    assert list(store.signatures("s1")) == [("a.txt", b"new"), ("b.txt", b"\xff" * 600)]
    assert list(store.signatures("s2")) == [("b.txt", b"other")]
    store.save_signatures("s1", [])


def test_replacing_an_article_drops_its_signature(store: SqlStore) -> None:
    _save(store, "a.txt", "old text")
    store.save_signatures("s1", [("a.txt", b"old")])
    assert store.save_result(ArticleResult(article=f.article("a.txt", "new text"))) == "replaced"
    assert list(store.signatures("s1")) == []
    assert list(store.unsigned_articles("s1")) == [("a.txt", "new text")]


def test_add_doc_links_keeps_the_others(store: SqlStore) -> None:
    for doc in ("a.txt", "b.txt", "c.txt"):
        _save(store, doc, doc)
    store.set_doc_links([("a.txt", "b.txt", "translation", 1.0)])
    store.add_doc_links([("b.txt", "c.txt", "near_duplicate", 0.9)])
    store.add_doc_links([("b.txt", "c.txt", "near_duplicate", 0.95), ("a.txt", "c.txt", "x", 0.1)])
    store.add_doc_links([])
    assert store.doc_links() == [
        ("a.txt", "b.txt", "translation", 1.0),
        ("a.txt", "c.txt", "x", 0.1),
        ("b.txt", "c.txt", "near_duplicate", 0.95),
    ]


def test_date_estimates_round_trip_and_go_with_the_article(store: SqlStore) -> None:
    window = (dt.date(2020, 1, 1), dt.date(2020, 1, 31))
    _save(store, "a.txt", "alpha")
    _save(store, "b.txt", "beta")
    store.save_date_estimates({"a.txt": ArticleDates(dt.date(2020, 1, 20), True, window)})
    store.save_date_estimates({"b.txt": ArticleDates(None, True, None)})
    store.save_date_estimates({})
    assert store.date_estimates() == {
        "a.txt": ArticleDates(dt.date(2020, 1, 20), True, window),
        "b.txt": ArticleDates(None, True, None),
    }
    store.save_date_estimates({"a.txt": ArticleDates(dt.date(2020, 1, 21), True, window)})
    assert store.date_estimates()["a.txt"].published == dt.date(2020, 1, 21)
    store.save_result(ArticleResult(article=f.article("a.txt", "alpha, corrected")))
    assert list(store.date_estimates()) == ["b.txt"]


def test_rewrite_events_groups_mentions_by_event_in_one_transaction(
    store: SqlStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.crossdoc.builders import mention
    from threatline.models import Event, ThreatOutcome
    from threatline.store import sql_events

    monkeypatch.setattr(sql_events, "_EVENTS_PER_READ", 2)
    docs = {f"d{i}.txt": [mention(f"d{i}.txt", start=k * 10) for k in range(2)] for i in range(5)}
    for doc, events in docs.items():
        store.save_result(ArticleResult(article=f.article(doc, doc), events=events))
    ids = sorted(m.id for events in docs.values() for m in events)
    assignments = {m: f"ev{i % 3}" for i, m in enumerate(ids)}  # 3 events, members interleaved
    seen: dict[str, list[str]] = {}

    def combine(event_id: str, mentions: list[Event]) -> Event:
        seen[event_id] = [m.id for m in mentions]
        first = mentions[0]
        merged = [p for m in mentions for p in m.mentions]
        return first.model_copy(update={"id": event_id, "mentions": merged})

    outcome = ThreatOutcome(status="carried_out", events=["ev1"], delay_days=3)
    assert store.rewrite_events(assignments, combine, lambda: {"ev0": outcome}) == 3
    assert seen == {e: sorted(m for m, a in assignments.items() if a == e) for e in seen}
    assert sorted(seen) == ["ev0", "ev1", "ev2"]
    stored = {e.id: e for e in store.events()}
    assert stored["ev0"].threat_outcome == outcome and stored["ev1"].threat_outcome is None
    assert len(stored["ev0"].mentions) == len(seen["ev0"])
    for doc in docs:
        for m in store.event_mentions(doc):
            assert store.event(assignments[m.id]) is not None
