"""/api/events and /api/events/{id} against a synthetic store, checked with a Python oracle."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tests import factories as f
from tests.api.conftest import TestClient, make_client
from tests.api.synth import Synthetic
from threatline.models import Article, ArticleResult, Event, EventType, Status
from threatline.store.sql import SqlStore

Pred = Callable[[Event], bool]


def _code(ref: Any) -> str | None:
    return ref.code if ref is not None else None


def _all_ids(client: TestClient, query: str) -> list[str]:
    ids: list[str] = []
    offset = 0
    while True:
        page = client.get(f"/api/events?{query}&limit=100&offset={offset}").json()
        ids += [e["id"] for e in page["items"]]
        offset += 100
        if offset >= page["total"]:
            return ids


def test_pages_cover_every_event_once_in_date_order(
    client: TestClient, synthetic: Synthetic
) -> None:
    ids = _all_ids(client, "sort=date")
    assert sorted(ids) == sorted(e.id for e in synthetic.events)
    assert len(ids) == len(set(ids))
    by_id = {e.id: e for e in synthetic.events}
    dates = [by_id[i].date for i in ids]
    first_undated = next(i for i, d in enumerate(dates) if d is None)
    assert all(d is None for d in dates[first_undated:])
    starts = [d.value for d in dates[:first_undated] if d is not None]
    assert starts == sorted(starts)


def test_newest_first(client: TestClient) -> None:
    page = client.get("/api/events?sort=-date&limit=40").json()
    assert page["sort"] == "-date" and page["limit"] == 40 and len(page["items"]) == 40
    starts = [e["date"] for e in page["items"]]
    assert all(starts)
    keys = [f"{d}-01-01"[:10] if len(d) == 4 else f"{d}-01"[:10] for d in starts]
    assert keys == sorted(keys, reverse=True)


FILTERS: list[tuple[str, Pred]] = [
    ("actor=IRN", lambda e: "IRN" in (_code(e.source), _code(e.target))),
    ("actor=irn", lambda e: "IRN" in (_code(e.source), _code(e.target))),
    ("source=USA", lambda e: _code(e.source) == "USA"),
    ("target=HEZBOLLAH", lambda e: _code(e.target) == "HEZBOLLAH"),
    ("type=ASSAULT", lambda e: e.type is EventType.ASSAULT),
    ("status=denied", lambda e: e.status is Status.DENIED),
    (
        "since=2023-06-01&until=2023-12-31",
        lambda e: (
            e.date is not None and dt.date(2023, 6, 1) <= e.date.value <= dt.date(2023, 12, 31)
        ),
    ),
    ("place=IRQ", lambda e: e.location is not None and e.location.country == "IRQ"),
    ("place=baghdad", lambda e: e.location is not None and e.location.name == "Baghdad"),
    ("text=sanctions", lambda e: any("sanctions" in m.text.lower() for m in e.mentions)),
    ("historical=false", lambda e: not e.historical),
    (
        "threat_status=carried_out",
        lambda e: e.threat_outcome is not None and e.threat_outcome.status == "carried_out",
    ),
    (
        "actor=IRN&type=ASSAULT&since=2024-01-01",
        lambda e: (
            "IRN" in (_code(e.source), _code(e.target))
            and e.type is EventType.ASSAULT
            and e.date is not None
            and e.date.value >= dt.date(2024, 1, 1)
        ),
    ),
    ("type=&status=&since=&actor=", lambda e: True),
]


@pytest.mark.parametrize(("query", "pred"), FILTERS, ids=[q for q, _ in FILTERS])
def test_filters_match_the_oracle(
    client: TestClient, synthetic: Synthetic, query: str, pred: Pred
) -> None:
    expected = sorted(e.id for e in synthetic.events if pred(e))
    assert expected, "the synthetic data should exercise this filter"
    page = client.get(f"/api/events?{query}&limit=5").json()
    assert page["total"] == len(expected)
    assert sorted(_all_ids(client, query)) == expected


def test_records_keep_the_export_contract(client: TestClient, synthetic: Synthetic) -> None:
    rec = client.get("/api/events?type=ASSAULT&limit=1").json()["items"][0]
    contract = {"id", "type", "mode", "threatened_type", "status", "historical", "date",
                "date_precision", "source", "target", "location", "killed", "injured",
                "confidence", "mentions", "threat_outcome"}  # fmt: skip
    assert contract <= set(rec)
    ev = next(e for e in synthetic.events if e.id == rec["id"])
    assert rec["source"]["code"] == _code(ev.source) and rec["killed"] == ev.killed
    assert [m["doc"] for m in rec["mentions"]] == [m.doc for m in ev.mentions]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("since=2020-13-01", "since"),
        ("until=yesterday", "until"),
        ("type=BOMBING", "type"),
        ("status=maybe", "status"),
        ("limit=0", "limit"),
        ("limit=501", "limit"),
        ("offset=-1", "offset"),
        ("sort=size", "sort"),
        ("historical=perhaps", "historical"),
        ("threat_status=done", "threat_status"),
        ("since=2024-02-01&until=2024-01-01", "until"),
        (f"text={'x' * 201}", "text"),
    ],
)
def test_bad_parameters_are_422_with_the_field_named(
    client: TestClient, query: str, field: str
) -> None:
    r = client.get(f"/api/events?{query}")
    assert r.status_code == 422
    body = r.json()["error"]
    assert body["code"] == "invalid_request"
    assert field in [f["field"] for f in body["fields"]]
    assert field in body["message"]


def test_unknown_event_is_404_json(client: TestClient) -> None:
    r = client.get("/api/events/ev_nope")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["error"] == {
        "code": "not_found",
        "message": "no event with id 'ev_nope'",
        "fields": [],
    }


def test_event_detail_has_every_mention_with_its_article(
    client: TestClient, synthetic: Synthetic
) -> None:
    ev = next(e for e in synthetic.events if len(e.mentions) == 3)
    articles: dict[str, Article] = {r.article.id: r.article for r in synthetic.articles}
    detail = client.get(f"/api/events/{ev.id}").json()
    assert detail["id"] == ev.id and len(detail["evidence"]) == 3
    for item, prov in zip(detail["evidence"], ev.mentions, strict=True):
        art = articles[prov.doc]
        assert (item["doc"], item["title"], item["outlet"]) == (art.id, art.title, art.outlet)
        assert item["published"] == str(art.published) and item["article_found"]
        assert art.text[item["start"] : item["end"]] == item["text"] == prov.text
        sent = item["sentence"]
        assert art.text[sent["start"] : sent["end"]] == sent["text"]
        assert sent["start"] <= item["start"] < item["end"] <= sent["end"]


def test_threat_detail_links_both_ways(client: TestClient, synthetic: Synthetic) -> None:
    threat = next(
        e for e in synthetic.events if e.threat_outcome and e.threat_outcome.status == "carried_out"
    )
    assert threat.threat_outcome is not None
    detail = client.get(f"/api/events/{threat.id}").json()
    assert [e["id"] for e in detail["outcome_events"]] == threat.threat_outcome.events
    assert detail["threat_outcome"]["delay_days"] == threat.threat_outcome.delay_days
    act = client.get(f"/api/events/{threat.threat_outcome.events[0]}").json()
    assert threat.id in [t["id"] for t in act["carries_out"]]
    assert act["outcome_events"] == []


def test_sentence_is_found_when_not_stored(empty_store: SqlStore) -> None:
    text = "Talks failed. Alpha attacked Beta on Monday! Nobody was hurt."
    ev = f.event("s.txt", start=14, text="Alpha attacked Beta")
    empty_store.save_result(ArticleResult(article=f.article("s.txt", text), events=[ev]))
    empty_store.replace_events([ev], {ev.id: ev.id})
    detail = make_client(empty_store).get(f"/api/events/{ev.id}").json()
    assert detail["evidence"][0]["sentence"] == {
        "start": 14,
        "end": 44,
        "text": "Alpha attacked Beta on Monday!",
    }
