"""The cross-article stages over a store: dedup -> dating -> merge -> threats, in any order."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from pathlib import Path

import pytest

from tests import factories as f
from tests.crossdoc.builders import BAGHDAD, mention
from tests.crossdoc.test_dedup import repost, story
from threatline.crossdoc.refresh import run_crossdoc
from threatline.eval.coref import gold_mentions
from threatline.eval.gold import GoldDoc
from threatline.ingest import refresh
from threatline.models import Article, ArticleResult, Event, EventType
from threatline.store.sql import SqlStore

D = dt.date.fromisoformat


def _store(tmp_path: Path, name: str) -> SqlStore:
    return SqlStore(f"sqlite:///{tmp_path / name}.db")


def test_refresh_links_dates_merges_and_tracks(tmp_path: Path) -> None:
    store = _store(tmp_path, "refresh")
    wire_text = story(11)
    threat_kw = {
        "type": EventType.THREATEN,
        "threatened": EventType.ASSAULT,
        "text": "vowed revenge",
    }
    wire = f.article("wire.txt", wire_text, published=D("2020-01-09"))
    window = (D("2020-01-01"), D("2020-01-31"))
    copy = f.article(
        "copy.txt", repost(wire_text, 3), published=D("2020-01-20"), published_estimated=True,
        published_window=window,
    )  # fmt: skip
    other = f.article("other.txt", story(12), published=D("2020-01-08"))
    results = [
        (wire, [mention("wire.txt", date="2020-01-08", place=BAGHDAD, published="2020-01-09"),
                mention("wire.txt", date="2020-01-02", published="2020-01-09", **threat_kw)]),  # type: ignore[arg-type]
        (copy, [mention("copy.txt", date="2020-01", published="2020-01-20")]),
        (other, [mention("other.txt", date="2020-01-08", place=BAGHDAD, published="2020-01-08")]),
    ]  # fmt: skip
    for art, events in results:
        store.save_result(ArticleResult(article=art, events=events))
    report = run_crossdoc(store)
    assert report.near_duplicate_links == 1 and report.dated_articles == 1
    assert (report.mentions, report.events) == (4, 2)
    assert (report.threats_carried_out, report.threats_pending) == (1, 0)
    dated = store.article("copy.txt")
    assert dated is not None and dated.published == D("2020-01-09")
    assert dated.published_window == (D("2020-01-08"), D("2020-01-16"))
    attack = next(e for e in store.events() if e.type is EventType.ASSAULT)
    assert attack.docs == ["copy.txt", "other.txt", "wire.txt"]
    assert {m.doc: m.published for m in attack.mentions}["copy.txt"] == D("2020-01-09")
    threat = next(e for e in store.events() if e.type is EventType.THREATEN)
    assert threat.threat_outcome is not None and threat.threat_outcome.events == [attack.id]
    assert refresh(store) == 2  # a second run finds nothing new and changes nothing
    assert store.events() == [threat, attack] or store.events() == [attack, threat]
    store.close()


Batch = list[tuple[Article, list[Event]]]


def _ingest(store: SqlStore, batches: list[Batch]) -> None:
    for batch in batches:
        for art, events in batch:
            store.save_result(ArticleResult(article=art, events=events))
        refresh(store)


def _snapshot(store: SqlStore) -> tuple[object, ...]:
    events = [e.model_dump(mode="json") for e in store.events()]
    return events, store.article_dates(), store.doc_links()


def _articles(mentions: list[Event], dates: dict[str, dict[str, object]]) -> Batch:
    docs: dict[str, list[Event]] = defaultdict(list)
    for m in mentions:
        docs[m.mentions[0].doc].append(m)
    return [
        (f.article(doc, f"text of {doc}", **dates.get(doc, {})), events)
        for doc, events in sorted(docs.items())
    ]


def _check_orders(tmp_path: Path, articles: Batch) -> None:
    expected: tuple[object, ...] | None = None
    rng = random.Random(3)
    orders = [list(articles), list(reversed(articles))]
    orders += [rng.sample(articles, len(articles)) for _ in range(2)]
    for n, order in enumerate(orders):
        for split in (len(order), 2):  # all at once, or in two ingest runs
            store = _store(tmp_path, f"order{n}-{split}")
            _ingest(store, [order[:split], order[split:]])
            got = _snapshot(store)
            store.close()
            expected = expected if expected is not None else got
            assert got == expected, (n, split)


def test_ingest_order_does_not_change_the_events(tmp_path: Path) -> None:
    text = "Alpha rockets struck the Beta base"
    threat = {"type": EventType.THREATEN, "text": "vowed"}
    mentions = [
        mention("a.txt", date="2020-01-08", text=text, killed=4, published="2020-01-08"),
        mention("b.txt", date="2020-01", text=text, killed=5, published="2020-01-20"),
        mention("c.txt", date="2020", text=text, published="2020-03-01"),
        mention("d.txt", date="2020-01-09", text=text, place=BAGHDAD, published="2020-01-09"),
        mention("d.txt", date="2020-01-02", published="2020-01-09", **threat),  # type: ignore[arg-type]
    ]  # fmt: skip
    undated = {"published": D("2020-01-25"), "published_estimated": True,
               "published_window": (D("2020-01-01"), D("2020-01-31"))}  # fmt: skip
    dates = {"a.txt": {"published": D("2020-01-08")}, "b.txt": undated}
    _check_orders(tmp_path, _articles(mentions, dates))


@pytest.mark.shared
def test_ingest_order_does_not_change_gold_events(
    tmp_path: Path, seed_gold_docs: list[GoldDoc]
) -> None:
    dates: dict[str, dict[str, object]] = {
        g.doc: {
            "published": g.published_estimate,
            "published_estimated": True,
            "published_window": g.published_window,
        }
        for g in seed_gold_docs
    }
    first = seed_gold_docs[0].doc
    dates[first] = {"published": seed_gold_docs[0].published_estimate}  # one known date
    _check_orders(tmp_path, _articles(gold_mentions(seed_gold_docs), dates))
