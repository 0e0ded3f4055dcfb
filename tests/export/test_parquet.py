"""Parquet: each table reads back with pyarrow under its declared schema and holds the records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from threatline.export import export
from threatline.export.parquet import SCHEMAS, ParquetKind
from threatline.store import EventFilter, QuoteFilter, SqlStore


@pytest.mark.parametrize("kind", ["events", "mentions", "quotes", "documents"])
def test_schema_reads_back_equal(store: SqlStore, tmp_path: Path, kind: ParquetKind) -> None:
    path = tmp_path / f"{kind}.parquet"
    n = export(store, kind, "parquet", path)
    table = pq.read_table(path)
    assert table.schema.equals(SCHEMAS[kind], check_metadata=True)
    assert table.num_rows == n > 0
    assert all(f.metadata and f.metadata[b"description"] for f in SCHEMAS[kind])
    assert not path.with_name(path.name + ".part").exists()


def test_event_rows_hold_the_events(store: SqlStore, tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    export(store, "events", "parquet", path)
    rows = {r["id"]: r for r in pq.read_table(path).to_pylist()}
    for ev in store.events():
        row = rows[ev.id]
        assert row["type"] == ev.type.value and row["status"] == ev.status.value
        assert row["killed"] == ev.killed and row["docs"] == ev.docs
        assert row["source_code"] == (ev.source.code if ev.source else None)
        if ev.date is not None:
            assert (row["date"], row["date_end"]) == (ev.date.start, ev.date.end)
            assert row["date_precision"] == ev.date.precision.value
        assert row["location_lat"] == (ev.location.lat if ev.location else None)
    threat = next(r for r in rows.values() if r["type"] == "THREATEN")
    assert threat["date"] == dt.date(2020, 1, 1) and threat["date_end"] == dt.date(2020, 1, 31)
    assert threat["threat_status"] == "pending"


def test_mentions_one_row_per_event_mention(store: SqlStore, tmp_path: Path) -> None:
    path = tmp_path / "mentions.parquet"
    export(store, "mentions", "parquet", path, event_filter=EventFilter(type="ASSAULT"))
    rows = pq.read_table(path).to_pylist()
    assault = store.events(EventFilter(type="ASSAULT"))
    assert len(rows) == sum(len(ev.mentions) for ev in assault)
    expected = {(ev.id, m.doc, m.start, m.end, m.text) for ev in assault for m in ev.mentions}
    assert {(r["event_id"], r["doc"], r["start"], r["end"], r["text"]) for r in rows} == expected
    with_sentence = [r for r in rows if r["sentence"]]
    assert with_sentence and with_sentence[0]["published"] == dt.date(2020, 1, 4)


def test_quotes_and_documents(store: SqlStore, tmp_path: Path) -> None:
    quotes_path, docs_path = tmp_path / "q.parquet", tmp_path / "d.parquet"
    export(store, "quotes", "parquet", quotes_path, quote_filter=QuoteFilter(actor="HEZBOLLAH"))
    quotes = pq.read_table(quotes_path).to_pylist()
    assert [q["text"] for q in quotes] == ["Revenge is coming"]
    assert quotes[0]["date"] == dt.date(2020, 1, 5) and quotes[0]["direct"] is True
    export(store, "documents", "parquet", docs_path)
    docs = {d["doc"]: d for d in pq.read_table(docs_path).to_pylist()}
    assert set(docs) == {a.id for a in store.articles()}
    assert docs["a.txt"]["outlet"] == "Wire A" and docs["a.txt"]["published"] == dt.date(2020, 1, 4)
