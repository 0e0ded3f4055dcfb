"""POST /api/ingest: disabled without a token, 401 with a wrong one, validated, then ingests."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import make_client
from threatline.store.sql import SqlStore

RECORD = {
    "id": "api-1",
    "text": "Iranian forces fired missiles at a base in Erbil on Tuesday, officials said. <b>x</b>",
    "title": "Missiles hit base",
    "published": "2024-01-16",
    "outlet": "Wire One",
}


def test_disabled_without_a_configured_token(empty_store: SqlStore) -> None:
    r = make_client(empty_store, token=None).post(
        "/api/ingest", json={"records": [RECORD]}, headers={"Authorization": "Bearer anything"}
    )
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "forbidden"
    assert empty_store.count_articles() == 0


@pytest.mark.parametrize("header", [None, "Bearer wrong", "Basic c2VjcmV0", "Bearer "])
def test_wrong_or_missing_token_is_401(empty_store: SqlStore, header: str | None) -> None:
    headers = {"Authorization": header} if header is not None else {}
    r = make_client(empty_store, token="s3cret").post(
        "/api/ingest", json={"records": [RECORD]}, headers=headers
    )
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    assert r.json()["error"]["code"] == "unauthorized"
    assert empty_store.count_articles() == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"records": []}, "records"),
        ({"records": [{"id": "a"}]}, "records.0"),
        ({"records": [{"id": "a", "text": "   "}]}, "records.0"),
        ({"records": [{**RECORD, "colour": "red"}]}, "records.0.colour"),
        ({"records": [{**RECORD, "id": ""}]}, "records.0.id"),
        ({"articles": [RECORD]}, "records"),
    ],
)
def test_invalid_records_are_422(empty_store: SqlStore, body: dict[str, Any], field: str) -> None:
    r = make_client(empty_store, token="s3cret").post(
        "/api/ingest", json=body, headers={"Authorization": "Bearer s3cret"}
    )
    assert r.status_code == 422
    fields = [f["field"] for f in r.json()["error"]["fields"]]
    assert any(f.startswith(field) for f in fields), fields


def test_ingests_records_through_the_pipeline(empty_store: SqlStore) -> None:
    client = make_client(empty_store, token="s3cret")
    auth = {"Authorization": "Bearer s3cret"}
    r = client.post("/api/ingest", json={"records": [RECORD]}, headers=auth)
    assert r.status_code == 200, r.text
    result = r.json()
    assert (result["added"], result["duplicates"], result["failed"]) == (1, 0, 0)
    doc = client.get("/api/documents/api-1").json()
    assert doc["title"] == "Missiles hit base" and doc["published"] == "2024-01-16"
    assert doc["outlet"] == "Wire One" and "<b>x</b>" in doc["text"]
    again = client.post("/api/ingest", json={"records": [RECORD]}, headers=auth).json()
    assert (again["added"], again["duplicates"]) == (0, 1)
    assert empty_store.count_articles() == 1


def test_read_endpoints_refuse_writes(empty_store: SqlStore) -> None:
    client = make_client(empty_store, token="s3cret")
    for path in ("/api/events", "/api/actors", "/api/documents", "/api/stats"):
        r = client.post(path, json={}, headers={"Authorization": "Bearer s3cret"})
        assert r.status_code == 405
        assert r.json()["error"]["code"] == "method_not_allowed"
