"""PLOVER JSONL: every record validates against the schema and re-imports to an equal event."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from threatline.export import export
from threatline.export.plover import load_schema, to_plover, validate
from threatline.export.plover_read import from_plover, read_plover
from threatline.models import Event, EventType, Precision, Status
from threatline.store import EventFilter, SqlStore


def _plover_lines(store: SqlStore, flt: EventFilter | None = None) -> list[dict[str, Any]]:
    out = io.StringIO()
    export(store, "events", "plover", out, event_filter=flt)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_every_record_validates_against_the_schema(store: SqlStore) -> None:
    records = _plover_lines(store)
    assert len(records) == store.count_events()
    assert validate(records) == len(records)
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert set(schema["required"]) == set(records[0])


@pytest.mark.parametrize(
    ("path", "bad"),
    [
        (("status",), "maybe"),
        (("event",), ["ATTACK"]),
        (("size", "dead"), -1),
        (("date",), "03/01/2020"),
        (("actor",), [{"code": "USA"}]),
    ],
)
def test_schema_rejects_malformed_records(store: SqlStore, path: tuple[str, ...], bad: Any) -> None:
    record = copy.deepcopy(_plover_lines(store)[0])
    target = record
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = bad
    with pytest.raises(jsonschema.ValidationError):
        validate([record])


def test_plover_jsonl_reimports_to_equal_events(store: SqlStore, tmp_path: Path) -> None:
    path = tmp_path / "events.plover.jsonl"
    n = export(store, "events", "plover", path)
    back = list(read_plover(path))
    stored = store.events()
    assert n == len(back) == len(stored)
    assert back == stored  # type, actors, date+precision, status, place, casualties, mentions...


def test_round_trip_keeps_the_fields_that_matter(store: SqlStore, tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    export(store, "events", "plover", path)
    for before, after in zip(store.events(), read_plover(path), strict=True):
        assert (after.type, after.mode, after.threatened_type) == (
            before.type,
            before.mode,
            before.threatened_type,
        )
        assert (after.source, after.target) == (before.source, before.target)
        assert after.date == before.date
        assert (after.status, after.historical) == (before.status, before.historical)
        assert after.location == before.location
        assert (after.killed, after.injured) == (before.killed, before.injured)
        assert after.mentions == before.mentions


def test_plover_fields_follow_the_manual(events: list[Event]) -> None:
    by_mode = {ev.mode: to_plover(ev) for ev in events}
    drone, threat = by_mode["drone"], by_mode["violence"]
    assert drone["event"] == ["ASSAULT"] and drone["mode"] == ["drone"]
    assert drone["actor"][0]["code"] == "USA" and drone["recipient"][0]["identifier_text"]
    assert drone["size"] == {"dead": 2, "injured": 3}
    assert drone["quad_code"] == 4 and drone["event_scale"] < threat["event_scale"] < 0
    assert drone["event_loc"]["country_code"] == "IRQ" and drone["event_loc"]["resolution"] == 4
    assert drone["context"] == ["historical"]
    assert drone["text_info"]["text"] == ["Alpha attacked Beta on Monday."]
    assert len(drone["event_text"]) == len(drone["mentions"]) == 2
    assert threat["date"] == "2020-01-01" and threat["enddate"] == "2020-01-31"
    assert threat["date_precision"] == "month" and threat["threatened_type"] == "ASSAULT"
    plan = next(to_plover(ev) for ev in events if ev.status is Status.THREATENED)
    assert plan["context"] == ["future"]


def test_cite_info_comes_from_the_stored_article(store: SqlStore) -> None:
    drone = next(r for r in _plover_lines(store) if r["mode"] == ["drone"])
    assert drone["cite_info"]["citation"] == "a.txt"
    assert drone["cite_info"]["url"] == "http://a.example/1"
    assert drone["cite_info"]["publication"] == "Wire A"


def test_filters_apply_to_the_plover_export(store: SqlStore) -> None:
    records = _plover_lines(store, EventFilter(type=EventType.THREATEN))
    assert [r["event"] for r in records] == [["THREATEN"]]


def test_foreign_records_are_read_leniently() -> None:
    year = from_plover(
        {
            "id": "X-1",
            "date": "2016-01-01",
            "enddate": "2016-12-31",
            "actor": [{"code": "USA", "entity_text": "Washington"}],
            "recipient": [{"code": "CAN"}],
            "event": ["CONSULT"],
            "context": ["hypothetical", "historical"],
            "size": {"dead": "1,200"},
        }
    )
    assert year.date is not None and year.date.precision is Precision.YEAR
    assert year.date.value == dt.date(2016, 1, 1)
    assert year.source is not None and year.source.name == "Washington"
    assert year.target is not None and year.target.code == "CAN"
    assert (year.status, year.historical, year.killed) == (Status.HYPOTHETICAL, True, 1200)
    assert year.mentions[0].doc == "X-1"
    legacy = from_plover({"id": "X-2", "date": "2000-01-01", "event": "DISAPPROVE", "dead": "3"})
    assert (legacy.type, legacy.mode, legacy.killed) == (EventType.ACCUSE, "disapprove", 3)
    with pytest.raises(ValueError, match="CRIME"):
        from_plover({"id": "X-3", "event": ["CRIME"]})


@pytest.mark.shared
def test_plover_gold_standard_records_import(shared: Path) -> None:
    """The PLOVER project's own gold records (early field names) read as events."""
    records = json.loads((shared / "data" / "plover" / "PLOVER_GSR_CAMEO.txt").read_text())
    coded = [r for r in records if r.get("event") != "DOCUMENT"]
    events = [from_plover(r) for r in coded]
    assert len(events) == len(coded) > 300
    sourced = [(ev, r) for ev, r in zip(events, coded, strict=True) if r.get("source")]
    assert sourced and all(ev.source and ev.source.code == r["source"][0].get("code")
                           for ev, r in sourced)  # fmt: skip
    kinds = {r["event"]: ev.type for ev, r in zip(events, coded, strict=True)}
    assert kinds["DEMAND"] is EventType.REQUEST and kinds["FIGHT"] is EventType.ASSAULT
    assert kinds["INVESTIGATE"] is kinds["DISAPPROVE"] is EventType.ACCUSE
    assert any(ev.location for ev in events) and any(ev.killed for ev in events)
    assert all(ev.mentions[0].sentence for ev in events)
