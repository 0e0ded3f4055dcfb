"""/api/actors, /api/quotes, /api/threats, /api/documents and /api/stats against the oracle."""

from __future__ import annotations

import statistics
from collections import Counter

import pytest

from tests import factories as f
from tests.api.conftest import TestClient, make_client
from tests.api.synth import BOILERPLATE, PERSONS, Synthetic
from threatline.models import ArticleResult, Event, EventType
from threatline.store.sql import SqlStore


def _codes(e: Event) -> set[str]:
    return {r.code for r in (e.source, e.target) if r is not None and r.code}


def test_actor_counts(client: TestClient, synthetic: Synthetic) -> None:
    expected = Counter(code for e in synthetic.events for code in _codes(e))
    page = client.get("/api/actors?limit=500").json()
    assert page["total"] == len(expected)
    assert {a["code"]: a["events"] for a in page["items"]} == dict(expected)
    counts = [a["events"] for a in page["items"]]
    assert counts == sorted(counts, reverse=True)
    irn = next(a for a in page["items"] if a["code"] == "IRN")
    assert irn["name"] == "Iran"
    assert irn["as_source"] == sum(
        1 for e in synthetic.events if e.source and e.source.code == "IRN"
    )


def test_actor_search_and_filters(client: TestClient, synthetic: Synthetic) -> None:
    assert [a["code"] for a in client.get("/api/actors?q=hezb").json()["items"]] == ["HEZBOLLAH"]
    assert [a["code"] for a in client.get("/api/actors?q=atomic").json()["items"]] == ["IAEA"]
    assaults = Counter(
        code for e in synthetic.events if e.type is EventType.ASSAULT for code in _codes(e)
    )
    page = client.get("/api/actors?type=ASSAULT&limit=500").json()
    assert {a["code"]: a["events"] for a in page["items"]} == dict(assaults)
    assert client.get("/api/actors?limit=1000").status_code == 422


def test_actor_detail_counterparts_and_timeline(client: TestClient, synthetic: Synthetic) -> None:
    mine = [e for e in synthetic.events if "IRN" in _codes(e)]
    detail = client.get("/api/actors/irn?limit=10").json()
    assert (detail["code"], detail["name"], detail["events"]) == ("IRN", "Iran", len(mine))
    assert detail["by_type"] == dict(Counter(e.type.value for e in mine))
    expected: Counter[tuple[str, str, str]] = Counter()
    for e in mine:
        assert e.source is not None and e.target is not None
        if e.source.code == "IRN":
            expected[("out", e.target.code or "", e.type.value)] += 1
        if e.target.code == "IRN":
            expected[("in", e.source.code or "", e.type.value)] += 1
    got = {(c["direction"], c["code"], c["type"]): c["events"] for c in detail["counterparts"]}
    assert got == dict(expected)
    timeline = detail["timeline"]
    assert timeline["total"] == len(mine) and len(timeline["items"]) == 10
    assert timeline["sort"] == "-date"
    assert all("IRN" in {e["source"]["code"], e["target"]["code"]} for e in timeline["items"])


def test_unknown_actor_is_404(client: TestClient) -> None:
    r = client.get("/api/actors/NOBODY")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


def test_quotes_filters_and_paging(client: TestClient, synthetic: Synthetic) -> None:
    quotes = [q for r in synthetic.articles for q in r.quotes]
    code, _ = Counter(
        q.speaker.code for q in quotes if q.speaker and q.speaker.code in PERSONS
    ).most_common(1)[0]
    assert code is not None
    mine = [q for q in quotes if q.speaker and q.speaker.code == code]
    got = client.get(f"/api/quotes?actor={code.lower()}&limit=500").json()
    assert sorted(q["id"] for q in got["items"]) == sorted(q.id for q in mine)
    assert not got["has_more"]
    person = PERSONS[code][0]
    named = client.get(f"/api/quotes?speaker={person.upper()}&limit=500").json()["items"]
    assert len(named) == len(mine) and {q["speaker"]["person"] for q in named} == {person}
    first = client.get("/api/quotes?limit=3").json()
    second = client.get("/api/quotes?limit=3&offset=3").json()
    assert first["has_more"] and len(first["items"]) == 3
    assert not {q["id"] for q in first["items"]} & {q["id"] for q in second["items"]}
    assert client.get("/api/quotes?since=2024-05-01&until=2024-01-01").status_code == 422


def test_threat_board(client: TestClient, synthetic: Synthetic) -> None:
    threats = [e for e in synthetic.events if e.type is EventType.THREATEN]
    done = [e for e in threats if e.threat_outcome and e.threat_outcome.status == "carried_out"]
    board = client.get("/api/threats?limit=500").json()
    assert board["carried_out"]["total"] == len(done)
    assert board["pending"]["total"] == len(threats) - len(done)
    by_id = {e.id: e for e in done}
    for item in board["carried_out"]["items"]:
        outcome = by_id[item["threat"]["id"]].threat_outcome
        assert outcome is not None
        assert item["delay_days"] == outcome.delay_days
        assert [e["id"] for e in item["outcome_events"]] == outcome.events
    delays = [e.threat_outcome.delay_days for e in done if e.threat_outcome]
    assert board["median_delay_days"] == statistics.median([d for d in delays if d is not None])
    dates = [t["threat"]["date"] for t in board["pending"]["items"] if t["threat"]["date"]]
    assert dates[:5] == sorted(dates[:5], reverse=True)
    irn = client.get("/api/threats?actor=IRN&limit=500").json()
    assert irn["pending"]["total"] + irn["carried_out"]["total"] == sum(
        1 for e in threats if "IRN" in _codes(e)
    )


def test_documents_list_and_detail(client: TestClient, synthetic: Synthetic) -> None:
    page = client.get("/api/documents?limit=10").json()
    assert page["total"] == len(synthetic.articles)
    published = [d["published"] for d in page["items"]]
    assert published == sorted(published, reverse=True)
    regional = client.get("/api/documents?q=regional monitor&limit=1").json()
    assert regional["total"] == sum(
        1 for r in synthetic.articles if r.article.outlet == "Regional Monitor"
    )
    res = next(r for r in synthetic.articles if r.quotes)
    doc = client.get(f"/api/documents/{res.article.id}").json()
    assert doc["text"] == res.article.text and doc["title"] == res.article.title
    assert doc["boilerplate"] == [BOILERPLATE]
    assert res.article.raw[doc["removed"][0]["start"] : doc["removed"][0]["end"]] == BOILERPLATE
    assert len(doc["events"]) == len(res.events) == doc["n_events"]
    for ev in doc["events"]:
        for m in ev["mentions"]:
            assert doc["text"][m["start"] : m["end"]] == m["text"]
    q = doc["quotes"][0]
    assert doc["text"][q["start"] : q["end"]] == q["text"]


def test_document_ids_with_slashes_and_unknown(empty_store: SqlStore) -> None:
    doc = "feeds/wire one#2.txt"
    empty_store.save_result(ArticleResult(article=f.article(doc, "Alpha met Beta.")))
    c = make_client(empty_store)
    r = c.get("/api/documents/feeds/wire%20one%232.txt")
    assert r.status_code == 200 and r.json()["doc"] == doc
    assert c.get("/api/documents/feeds/none.txt").status_code == 404


def test_stats(client: TestClient, synthetic: Synthetic) -> None:
    stats = client.get("/api/stats?bucket=day").json()
    assert stats["events"] == stats["filtered_events"] == len(synthetic.events)
    assert stats["articles"] == len(synthetic.articles)
    assert stats["bucket"] == "day"
    dated = [e for e in synthetic.events if e.date]
    assert sum(d["events"] for d in stats["per_day"]) == len(dated)
    per_type = Counter(e.type.value for e in dated)
    got: Counter[str] = Counter()
    for d in stats["per_day"]:
        got[d["type"]] += d["events"]
    assert got == per_type
    countries = Counter(e.location.country for e in synthetic.events if e.location)
    assert {c["country"]: c["events"] for c in stats["by_country"]} == dict(countries)
    iraq = next(c for c in stats["by_country"] if c["country"] == "IRQ")
    assert (iraq["numeric"], iraq["name"]) == ("368", "Iraq")
    baghdad = next(p for p in stats["places"] if p["name"] == "Baghdad")
    assert (baghdad["lat"], baghdad["lon"], baghdad["country"]) == (33.31, 44.36, "IRQ")


@pytest.mark.parametrize("bucket", ["week", "month"])
def test_stats_buckets_keep_totals(client: TestClient, bucket: str) -> None:
    day = client.get("/api/stats?bucket=day&type=ASSAULT").json()
    other = client.get(f"/api/stats?bucket={bucket}&type=ASSAULT").json()
    assert other["bucket"] == bucket
    assert sum(d["events"] for d in other["per_day"]) == sum(d["events"] for d in day["per_day"])
    assert len(other["per_day"]) < len(day["per_day"])
    if bucket == "month":
        assert all(d["date"].endswith("-01") for d in other["per_day"])


def test_stats_auto_bucket_and_filters(client: TestClient, synthetic: Synthetic) -> None:
    assert client.get("/api/stats").json()["bucket"] == "week"  # two years of events
    short = client.get("/api/stats?since=2024-01-01&until=2024-02-15").json()
    assert short["bucket"] == "day"
    assert client.get("/api/stats?bucket=year").status_code == 422
