"""Contract suite for the Store read methods the API and dashboard use (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from tests import factories as f
from threatline.models import (
    ActorMention,
    ActorRef,
    ArticleResult,
    Event,
    EventType,
    Place,
    Status,
)
from threatline.store.base import EventFilter
from threatline.store.sql import SqlStore

BAGHDAD = Place(name="Baghdad", country="IRQ", lat=33.31, lon=44.36)
TEHRAN = Place(name="Tehran", country="IRN", lat=35.69, lon=51.39)


def _fill(store: SqlStore) -> list[Event]:
    """Six events: IRN and USA acting on each other, one self-targeted, one undated, one at
    month precision; two places; one article per event (published on the event day)."""
    specs = [
        ("d1.txt", EventType.ASSAULT, "IRN", "USA", "2024-01-05", BAGHDAD, Status.OCCURRED),
        ("d2.txt", EventType.ASSAULT, "IRN", "USA", "2024-01-05", BAGHDAD, Status.OCCURRED),
        ("d3.txt", EventType.ACCUSE, "USA", "IRN", "2024-02", TEHRAN, Status.OCCURRED),
        ("d4.txt", EventType.THREATEN, "IRN", "ISR", "2024-03-01", None, Status.OCCURRED),
        ("d5.txt", EventType.CONSULT, "IRN", "IRN", "2024-03-02", TEHRAN, Status.DENIED),
        ("d6.txt", EventType.SANCTION, "USA", "IRN", None, None, Status.OCCURRED),
    ]
    events = []
    for i, (doc, kind, src, tgt, date, place, status) in enumerate(specs):
        published = dt.date(2024, 3, 10) - dt.timedelta(days=i)
        ev = f.event(doc, kind, src, tgt, date, status=status, place=place, published=published)
        art = f.article(
            doc, f"Article {i}: Alpha attacked Beta.", published=published, title=f"T{i}"
        )
        actors = [
            ActorMention(
                doc=doc, start=0, end=3, text=src, ref=ActorRef(code=src, name=f"{src} name")
            )
        ]
        store.save_result(ArticleResult(article=art, actors=actors, events=[ev]))
        events.append(ev)
    store.replace_events(events, {e.id: e.id for e in events})
    return events


def test_actor_counts_roles_query_and_paging(store: SqlStore) -> None:
    _fill(store)
    found, total = store.actor_counts()
    assert total == 3
    by_code = {a.code: a for a in found}
    # IRN: 6 events; the self-targeted CONSULT counts once, as source and as target.
    assert by_code["IRN"].events == 6
    assert (by_code["IRN"].as_source, by_code["IRN"].as_target) == (4, 3)
    assert (by_code["USA"].events, by_code["USA"].as_source, by_code["USA"].as_target) == (4, 2, 2)
    assert by_code["ISR"].events == 1 and by_code["IRN"].name == "IRN name"
    assert [a.code for a in found] == ["IRN", "USA", "ISR"]
    page, total = store.actor_counts(limit=1, offset=1)
    assert [a.code for a in page] == ["USA"] and total == 3
    assert [a.code for a in store.actor_counts(query="us")[0]] == ["USA"]
    assert [a.code for a in store.actor_counts(query="irn NAME")[0]] == ["IRN"]
    assert store.actor_counts(query="nobody")[0] == []
    assault, total = store.actor_counts(EventFilter(type=EventType.ASSAULT))
    assert {(a.code, a.events) for a in assault} == {("IRN", 2), ("USA", 2)} and total == 2


def test_actor_names_and_counterparts(store: SqlStore) -> None:
    _fill(store)
    assert store.actor_names(["IRN", "NOPE"]) == {"IRN": "IRN name"}
    found = {(c.direction, c.code, c.type, c.events) for c in store.actor_counterparts("IRN")}
    assert found == {
        ("out", "USA", EventType.ASSAULT, 2),
        ("out", "ISR", EventType.THREATEN, 1),
        ("out", "IRN", EventType.CONSULT, 1),
        ("in", "USA", EventType.ACCUSE, 1),
        ("in", "USA", EventType.SANCTION, 1),
        ("in", "IRN", EventType.CONSULT, 1),
    }
    assert store.actor_counterparts("IRN")[0].events == 2
    dated = store.actor_counterparts("IRN", EventFilter(since=dt.date(2024, 3, 1)))
    assert {(c.direction, c.code) for c in dated} == {("out", "ISR"), ("out", "IRN"), ("in", "IRN")}


def test_aggregates_per_day_type_country_place(store: SqlStore) -> None:
    _fill(store)
    days = [(d.day.isoformat(), d.type, d.events) for d in store.events_per_day()]
    assert days == [
        ("2024-01-05", EventType.ASSAULT, 2),
        ("2024-02-01", EventType.ACCUSE, 1),
        ("2024-03-01", EventType.THREATEN, 1),
        ("2024-03-02", EventType.CONSULT, 1),
    ]
    assert store.events_by_type()[EventType.SANCTION] == 1
    assert sum(store.events_by_type().values()) == 6
    assert store.events_by_type(EventFilter(status=Status.DENIED)) == {EventType.CONSULT: 1}
    assert store.events_by_country() == {"IRQ": 2, "IRN": 2}
    assert store.events_by_country(EventFilter(actor="ISR")) == {}
    places = store.event_places()
    assert [(p.name, p.country, p.events) for p in places] == [
        ("Baghdad", "IRQ", 2),
        ("Tehran", "IRN", 2),
    ]
    assert (places[0].lat, places[0].lon) == (33.31, 44.36)
    assert len(store.event_places(limit=1)) == 1


def test_event_page_orders_undated_last_and_pages_across_them(store: SqlStore) -> None:
    events = _fill(store)
    undated = next(e.id for e in events if e.date is None)
    asc = [e.id for e in store.event_page(EventFilter())]
    assert asc == [e.id for e in store.events()]  # same order as the Store's own events()
    assert asc[-1] == undated
    desc = [e.id for e in store.event_page(EventFilter(), descending=True)]
    assert desc[-1] == undated
    dated_desc = [e for e in store.event_page(EventFilter(), descending=True) if e.date]
    starts = [e.date.value for e in dated_desc if e.date]
    assert starts == sorted(starts, reverse=True)
    pages = [
        [e.id for e in store.event_page(EventFilter(limit=2, offset=o), descending=True)]
        for o in (0, 2, 4, 6)
    ]
    assert [len(p) for p in pages] == [2, 2, 2, 0]
    assert [i for p in pages for i in p] == desc
    assert [e.id for e in store.event_page(EventFilter(limit=3, offset=5))] == [undated]
    only = store.event_page(EventFilter(actor="ISR", limit=10))
    assert [e.type for e in only] == [EventType.THREATEN]


def test_document_list_newest_first_with_query_and_total(store: SqlStore) -> None:
    _fill(store)
    docs, total = store.document_list()
    assert total == 6
    assert [d.doc for d in docs] == ["d1.txt", "d2.txt", "d3.txt", "d4.txt", "d5.txt", "d6.txt"]
    assert docs[0].published == dt.date(2024, 3, 10) and docs[0].title == "T0"
    assert docs[0].n_events == 1 and docs[0].n_quotes == 0
    page, total = store.document_list("t2", limit=5)
    assert [d.doc for d in page] == ["d3.txt"] and total == 1
    page, total = store.document_list(limit=2, offset=4)
    assert [d.doc for d in page] == ["d5.txt", "d6.txt"] and total == 6


def test_api_indexes_and_planner_statistics(store: SqlStore) -> None:
    _fill(store)
    names = {ix["name"] for ix in sa.inspect(store.engine).get_indexes("events")}
    assert {"ix_events_source_code_target_code_date", "ix_events_threat_status_date"} <= names
    sqlite = store.engine.dialect.name == "sqlite"
    sqlite_only = {"ix_events_filter_scan", "ix_events_country_place"}  # too wide for PG btrees
    assert (sqlite_only <= names) == sqlite and (not sqlite_only & names) == (not sqlite)
    store.optimize()
    store.optimize()  # again: statistics exist, only refreshed
    if sqlite:
        with store.engine.connect() as conn:
            tables = {r[0] for r in conn.exec_driver_sql("SELECT tbl FROM sqlite_stat1")}
        assert "events" in tables
    assert store.count_events(EventFilter(threat_status="pending")) == 0
