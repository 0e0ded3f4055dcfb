"""Merging a store's mentions chunk by chunk gives what merging them all in memory gives."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from tests import factories as f
from tests.crossdoc.builders import BAGHDAD, KYIV, mention
from threatline.crossdoc import rewrite
from threatline.crossdoc.features import features_of
from threatline.crossdoc.merge import merge_mentions
from threatline.crossdoc.threats import track_threats
from threatline.models import ArticleResult, Event, EventType, Status
from threatline.store import sql_events
from threatline.store.base import EventFilter
from threatline.store.sql import SqlStore

THREAT = {"type": EventType.THREATEN, "threatened": EventType.ASSAULT, "text": "vowed revenge"}


def _mentions(seed: int, n_docs: int) -> dict[str, list[Event]]:
    """Mentions of a few acts (some threats), each reported by several articles."""
    rng = random.Random(seed)
    acts = [
        (rng.choice(["AAA", "CCC"]), rng.choice(["BBB", "DDD"]), f"2020-0{rng.randint(1, 9)}-1{i}")
        for i in range(8)
    ]
    by_doc: dict[str, list[Event]] = {}
    for d in range(n_docs):
        doc = f"d{d:03d}.txt"
        published = f"2020-10-{d % 28 + 1:02d}"
        events = []
        for k, (source, target, day) in enumerate(rng.sample(acts, 3)):
            if k == 0 and d % 5 == 0:
                events.append(
                    mention(doc, source=source, target=target, date="2020-01-01",
                            published=published, start=k * 100, **THREAT)  # type: ignore[arg-type]
                )  # fmt: skip
                continue
            events.append(
                mention(
                    doc,
                    source=source,
                    target=target,
                    date=day if rng.random() < 0.8 else day[:7],
                    place=rng.choice([BAGHDAD, KYIV, None]),
                    killed=rng.choice([None, 2, 3]),
                    published=published,
                    start=k * 100,
                    text=f"forces of {source} attacked {target}",
                )
            )
        by_doc[doc] = events
    return by_doc


def _store(tmp_path: Path, by_doc: dict[str, list[Event]]) -> SqlStore:
    store = SqlStore(f"sqlite:///{tmp_path}/rewrite.db")
    for doc, events in by_doc.items():
        article = f.article(doc, doc, published=events[0].mentions[0].published)
        store.save_result(ArticleResult(article=article, events=events))
    return store


@pytest.mark.parametrize("per_read", [1, 3, 1000])
def test_chunked_rewrite_equals_the_in_memory_merge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, per_read: int
) -> None:
    monkeypatch.setattr(sql_events, "_EVENTS_PER_READ", per_read)
    by_doc = _mentions(seed=3, n_docs=30)
    store = _store(tmp_path, by_doc)
    assert rewrite.rebuild_events(store) > 1
    mentions = [e for events in by_doc.values() for e in events]
    expected, assignments = merge_mentions(mentions)
    expected = track_threats(expected)
    stored = store.events()
    assert sorted(e.id for e in stored) == [e.id for e in expected]
    by_id = {e.id: e for e in stored}
    for e in expected:
        assert by_id[e.id].model_dump() == e.model_dump()
    assert any(e.threat_outcome and e.threat_outcome.status == "carried_out" for e in stored)
    for doc in by_doc:  # every mention points to its event
        for m in store.event_mentions(doc):
            assert assignments[m.id] in by_id
    store.close()


def test_a_failed_rewrite_keeps_the_stored_events(tmp_path: Path) -> None:
    store = _store(tmp_path, _mentions(seed=4, n_docs=12))
    rewrite.rebuild_events(store)
    before = store.events()
    published = {doc: d.published for doc, d in store.article_dates().items()}
    assignments = {m.id: "ev-new" for m in store.event_mentions()}

    def broken(event_id: str, mentions: list[Event]) -> Event:
        raise RuntimeError("combine failed")

    with pytest.raises(RuntimeError, match="combine failed"):
        store.rewrite_events(assignments, broken)
    assert store.events() == before
    assert rewrite.write_events(store, assignments, published).events == 1
    assert [e.id for e in store.events()] == ["ev-new"]
    store.close()


def test_threat_outcomes_are_written_with_the_events(tmp_path: Path) -> None:
    threat = mention("a.txt", date="2020-01-03", published="2020-01-04", **THREAT)  # type: ignore[arg-type]
    attack = mention("b.txt", date="2020-01-08", published="2020-01-09")
    denied = mention("c.txt", date="2020-02-01", status=Status.DENIED, published="2020-02-02")
    store = _store(tmp_path, {"a.txt": [threat], "b.txt": [attack], "c.txt": [denied]})
    published = {doc: d.published for doc, d in store.article_dates().items()}
    assignments = {m.id: f"ev{i}" for i, m in enumerate(store.event_mentions())}
    written = rewrite.write_events(store, assignments, published)
    assert (written.events, written.threats_carried_out, written.threats_pending) == (3, 1, 0)
    (stored,) = store.events(EventFilter(type=EventType.THREATEN, threat_status="carried_out"))
    assert stored.threat_outcome is not None and stored.threat_outcome.events == ["ev1"]
    assert stored.id == "ev0"
    store.close()


def test_redate_changes_only_the_redated_articles() -> None:
    a, b = mention("a.txt", published="2020-01-05"), mention("b.txt", published="2020-01-06")
    feats = [features_of(a), features_of(b)]
    before = {"a.txt": dt.date(2020, 1, 5), "b.txt": dt.date(2020, 1, 6)}
    after = {"a.txt": dt.date(2020, 1, 4), "b.txt": dt.date(2020, 1, 6)}
    out = rewrite.redate(feats, before, after)
    assert out[0].published == dt.date(2020, 1, 4).toordinal()
    assert out[1] is feats[1]
