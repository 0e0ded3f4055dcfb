"""The Python API: typed records and DataFrames that match the store, filters, exports."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pydantic
import pytest

import threatline
from threatline.errors import ConfigError
from threatline.export import COLUMNS
from threatline.library import Threatline
from threatline.models import ActorMention, Article, Event, Quote
from threatline.store import EventFilter, QuoteFilter, SqlStore


@pytest.fixture
def tl(store: SqlStore) -> Iterator[Threatline]:
    with threatline.open(store.url) as api:
        yield api


def test_open_returns_typed_records(tl: Threatline, store: SqlStore) -> None:
    events = tl.events()
    assert events and all(isinstance(ev, Event) for ev in events)
    assert events == store.events()
    assert tl.event(events[0].id) == events[0] and tl.event("nope") is None
    assert all(isinstance(q, Quote) for q in tl.quotes())
    assert all(isinstance(a, Article) for a in tl.documents())
    assert {a.id for a in tl.documents()} == {"a.txt", "b.txt", "c.txt"}
    mentions = tl.actors("a.txt")
    assert mentions and all(isinstance(m, ActorMention) and m.doc == "a.txt" for m in mentions)
    assert len(tl.actors()) == 3
    assert tl.stats()["events"] == len(events) == tl.count_events()


@pytest.mark.parametrize(
    "filters",
    [
        {"actor": "USA"},
        {"type": "ASSAULT"},
        {"status": "denied"},
        {"since": "2020-01-01"},
        {"until": "2019-12-31"},
        {"place": "IRQ"},
        {"text": "drone"},
        {"historical": True},
        {"type": "ASSAULT", "place": "baghdad"},
    ],
)
def test_event_filters_match_the_store(
    tl: Threatline, store: SqlStore, filters: dict[str, object]
) -> None:
    expected = store.events(EventFilter.model_validate(filters))
    assert 0 < len(expected) < len(store.events())  # the filter selects something, not all
    assert tl.events(**filters) == expected
    frame = tl.events_df(**filters)
    assert list(frame["id"]) == [ev.id for ev in expected]


def test_unknown_or_bad_filters_are_errors(tl: Threatline) -> None:
    with pytest.raises(pydantic.ValidationError):
        tl.events(colour="red")
    with pytest.raises(pydantic.ValidationError):
        tl.events(type="EXPLODE")
    with pytest.raises(ConfigError):
        tl.export("documents", "jsonl", "x.jsonl", actor="USA")


def test_events_df_has_the_csv_columns_and_values(tl: Threatline, store: SqlStore) -> None:
    frame = tl.events_df()
    assert list(frame.columns) == list(COLUMNS["events"])
    events = store.events()
    assert len(frame) == len(events)
    assert frame["historical"].dtype == bool and frame["killed"].dtype == "Int64"
    for ev, (_, row) in zip(events, frame.iterrows(), strict=True):
        assert row["id"] == ev.id and row["type"] == ev.type.value
        assert (pd.isna(row["killed"]) and ev.killed is None) or row["killed"] == ev.killed
        assert row["date"] == str(ev.date) if ev.date else pd.isna(row["date"])
    assert tl.events_df(type="COOPERATE").empty


def test_quotes_and_quotes_df(tl: Threatline, store: SqlStore) -> None:
    assert tl.quotes(actor="HEZBOLLAH") == store.quotes(QuoteFilter(actor="HEZBOLLAH"))
    frame = tl.quotes_df(speaker="hezbollah")
    assert list(frame.columns) == list(COLUMNS["quotes"])
    assert list(frame["text"]) == ["Revenge is coming"] and frame["direct"].dtype == bool


def test_export_through_the_api(tl: Threatline, tmp_path: Path) -> None:
    path = tmp_path / "threats.plover.jsonl"
    n = tl.export("events", "plover", str(path), type="THREATEN")
    lines = [json.loads(x) for x in path.read_text().splitlines()]
    assert n == len(lines) == 1 and lines[0]["event"] == ["THREATEN"]
    assert tl.export("mentions", "csv", tmp_path / "m.csv", actor="USA") >= 2


def test_context_manager_closes_the_store() -> None:
    closed: list[bool] = []

    class FakeStore:
        url = "fake://"

        def close(self) -> None:
            closed.append(True)

    with Threatline(FakeStore()) as tl:  # type: ignore[arg-type]
        assert repr(tl) == "Threatline('fake://')"
    assert closed == [True]
