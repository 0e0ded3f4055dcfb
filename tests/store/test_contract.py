"""Contract suite: every Store implementation behaves the same (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from tests import factories as f
from threatline.crossdoc.rewrite import rebuild_events
from threatline.models import ArticleResult, EventType, Failure, Place, Status
from threatline.store.base import EventFilter, QuoteFilter
from threatline.store.migrate import current_revision, head_revision
from threatline.store.sql import SqlStore


def test_opens_at_head_revision(store: SqlStore) -> None:
    with store.engine.connect() as conn:
        assert current_revision(conn) == head_revision()


def test_save_is_idempotent(store: SqlStore) -> None:
    assert store.save_result(f.result()) == "added"
    assert store.save_result(f.result()) == "duplicate"
    assert store.count_articles() == 1
    assert store.stats()["event_mentions"] == 1
    assert store.known_hashes([f.article().content_hash, "nope"]) == {f.article().content_hash}


def test_same_id_new_content_replaces_children(store: SqlStore) -> None:
    store.save_result(f.result(n_events=3))
    assert store.save_result(f.result(text="Alpha attacked Beta again.", n_events=1)) == "replaced"
    art = store.article("a.txt")
    assert art is not None and art.text == "Alpha attacked Beta again."
    assert len(list(store.event_mentions("a.txt"))) == 1


def test_article_round_trip(store: SqlStore) -> None:
    res = f.result()
    art = res.article.model_copy(
        update={
            "published": dt.date(2021, 1, 3),
            "title": "T",
            "published_window": (dt.date(2021, 1, 1), dt.date(2021, 1, 5)),
        }
    )
    store.save_result(res.model_copy(update={"article": art}))
    assert store.article("a.txt") == art
    assert [a.id for a in store.articles()] == ["a.txt"]
    store.update_article_dates("a.txt", dt.date(2021, 1, 4), True, None)
    got = store.article("a.txt")
    assert got is not None and got.published == dt.date(2021, 1, 4) and got.published_estimated


def test_actor_mentions_keep_resolution_and_offsets(store: SqlStore) -> None:
    store.save_result(f.result())
    mentions = list(store.actor_mentions("a.txt"))
    assert [(m.text, m.start, m.end) for m in mentions] == [("Alpha", 0, 5), ("Beta", 15, 19)]
    assert mentions[0].ref is not None and mentions[0].ref.code == "AAA"
    assert mentions[1].ref is None


def test_failed_child_insert_leaves_nothing(store: SqlStore) -> None:
    res = f.result()
    broken = ArticleResult(
        article=res.article, events=res.events, quotes=[res.quotes[0], res.quotes[0]]
    )
    with pytest.raises(sa.exc.IntegrityError):
        store.save_result(broken)
    assert store.count_articles() == 0
    assert list(store.event_mentions()) == []
    assert list(store.actor_mentions()) == []


def test_save_results_outcomes_are_those_of_saving_one_after_the_other(store: SqlStore) -> None:
    store.save_result(f.result("old.txt", "Stored before this batch.", n_events=2))
    batch = [
        f.result("a.txt", n_events=2),
        f.result("copy.txt"),  # same content as a.txt, under another name
        f.result("b.txt", "Gamma shelled Delta.", n_events=1),
        f.result("a.txt", "Alpha attacked Beta again.", n_events=3),  # a.txt earlier in the batch
        f.result("old.txt", "Stored content replaced.", n_events=1),
        f.result("c.txt", "Stored before this batch."),  # old.txt's content, replaced just above
    ]
    assert store.save_results(batch, None) == [
        "added", "duplicate", "added", "replaced", "replaced", "added",
    ]  # fmt: skip
    assert [a.id for a in store.articles()] == ["a.txt", "b.txt", "c.txt", "old.txt"]
    got = store.article("a.txt")
    assert got is not None and got.text == "Alpha attacked Beta again."
    mentions = {doc: len(list(store.event_mentions(doc))) for doc in ("a.txt", "b.txt", "old.txt")}
    assert mentions == {"a.txt": 3, "b.txt": 1, "old.txt": 1}
    assert store.stats()["quotes"] == 4 and store.stats()["actor_mentions"] == 8
    assert store.save_results([], None) == []


def test_failed_batch_stores_none_of_it(store: SqlStore) -> None:
    store.save_result(f.result("kept.txt", "Kept from an earlier batch."))
    res = f.result("b.txt", "Gamma shelled Delta.")
    broken = ArticleResult(
        article=res.article, events=res.events, quotes=[res.quotes[0], res.quotes[0]]
    )
    with pytest.raises(sa.exc.IntegrityError):
        store.save_results([f.result("a.txt"), broken], None)
    assert [a.id for a in store.articles()] == ["kept.txt"]
    assert len(list(store.event_mentions())) == 1 and store.stats()["quotes"] == 1


def test_merge_and_event_filters(store: SqlStore) -> None:
    baghdad = Place(name="Baghdad", country="IRQ", lat=33.3, lon=44.4)
    e1 = f.event("a.txt", killed=3, place=baghdad, published=dt.date(2020, 1, 4))
    e2 = f.event(
        "b.txt", killed=2, place=baghdad, published=dt.date(2020, 1, 3), text="Beta hit by Alpha"
    )
    e3 = f.event(
        "b.txt", type=EventType.THREATEN, source="BBB", target="AAA", date="2020-01", start=40
    )
    store.save_result(ArticleResult(article=f.article("a.txt"), events=[e1]))
    store.save_result(ArticleResult(article=f.article("b.txt", "other text"), events=[e2, e3]))
    assert rebuild_events(store) == 2
    merged = store.events(EventFilter(type=EventType.ASSAULT))
    assert len(merged) == 1
    ev = merged[0]
    assert (
        ev.docs == ["a.txt", "b.txt"] and ev.killed == 2 and ev.disagreements == {"killed": [2, 3]}
    )
    assert ev.first_reported == dt.date(2020, 1, 3)
    assert store.event(ev.id) == ev
    assert store.count_events(EventFilter(actor="AAA")) == 2
    assert store.count_events(EventFilter(source="BBB")) == 1
    assert store.count_events(EventFilter(since=dt.date(2020, 1, 2))) == 1
    assert store.count_events(EventFilter(until=dt.date(2020, 1, 2))) == 1
    assert store.count_events(EventFilter(place="irq")) == 1
    assert store.count_events(EventFilter(place="bagh")) == 1
    assert store.count_events(EventFilter(text="hit by")) == 1
    assert store.count_events(EventFilter(doc="a.txt")) == 1
    assert store.count_events(EventFilter(status=Status.DENIED)) == 0
    assert len(store.events(EventFilter(limit=1, offset=1))) == 1
    assert store.stats()["events_by_type"] == {"ASSAULT": 1, "THREATEN": 1}


def test_merge_does_not_depend_on_order(store_url: str, tmp_path: object) -> None:
    e1 = f.event("a.txt")
    e2 = f.event("b.txt")
    ids = []
    for order in ((e1, e2), (e2, e1)):
        s = SqlStore(store_url)
        with s.engine.begin() as conn:
            for table in ("event_mentions", "events", "articles"):
                conn.execute(sa.text(f"DELETE FROM {table}"))
        for ev in order:
            doc = ev.mentions[0].doc
            s.save_result(ArticleResult(article=f.article(doc, doc), events=[ev]))
        rebuild_events(s)
        ids.append([e.id for e in s.events()])
        s.close()
    assert ids[0] == ids[1]


def test_quotes_filters(store: SqlStore) -> None:
    store.save_result(f.result())
    assert len(store.quotes()) == 1
    assert len(store.quotes(QuoteFilter(speaker="alpha"))) == 1
    assert len(store.quotes(QuoteFilter(actor="ZZZ"))) == 0
    assert len(store.quotes(QuoteFilter(since=dt.date(2020, 1, 6)))) == 0


def test_article_sources(store: SqlStore) -> None:
    res = f.result()
    store.save_result(
        res.model_copy(update={"article": res.article.model_copy(update={"source": "/in/a.txt"})})
    )
    assert store.article_sources(["a.txt", "zz.txt"]) == {"a.txt": "/in/a.txt"}


def test_runs_failures_and_links(store: SqlStore) -> None:
    run = store.start_run("ingest", {"inputs": ["x"]})
    failure = Failure(input="bad.jsonl", line=3, stage="source", code="TL204", message="not JSON")
    store.add_failure(run, failure)
    store.finish_run(run, "partial", {"added": 0})
    assert store.failures(run) == [failure]
    assert store.runs()[0]["status"] == "partial"
    store.save_result(f.result())
    store.save_result(f.result("b.txt", "Another text."))
    store.set_doc_links([("a.txt", "b.txt", "near_duplicate", 0.9)])
    assert store.doc_links("b.txt") == [("a.txt", "b.txt", "near_duplicate", 0.9)]
