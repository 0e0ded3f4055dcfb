"""ACLED-style CSV: ACLED's columns and codes, read back with pandas."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from threatline.export import export
from threatline.export.acled import ACLED_COLUMNS, ACLED_TYPES, acled_type
from threatline.models import Event, EventType, Status
from threatline.store import SqlStore

ACLED_EVENT_TYPES = {
    "Battles": {
        "Armed clash", "Government regains territory", "Non-state actor overtakes territory",
    },
    "Explosions/Remote violence": {
        "Chemical weapon", "Air/drone strike", "Suicide bomb",
        "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention",
                 "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    },
}  # fmt: skip


def _read(store: SqlStore) -> pd.DataFrame:
    out = io.StringIO()
    n = export(store, "events", "acled", out)
    frame = pd.read_csv(io.StringIO(out.getvalue()))
    assert len(frame) == n == store.count_events()
    return frame


def _csv(store: SqlStore) -> pd.DataFrame:
    return _read(store).set_index("threatline_id")


def test_columns_and_types(store: SqlStore) -> None:
    frame = _read(store)
    assert tuple(frame.columns) == ACLED_COLUMNS
    assert pd.api.types.is_integer_dtype(frame["fatalities"])
    assert pd.api.types.is_bool_dtype(frame["fatalities_known"])
    assert set(frame["time_precision"].dropna()) <= {1, 2, 3}
    assert set(frame["geo_precision"].dropna()) <= {1, 2, 3}
    assert frame["event_id_cnty"].is_unique
    for event_type, sub in zip(frame["event_type"], frame["sub_event_type"], strict=True):
        assert sub in ACLED_EVENT_TYPES[event_type]


def test_rows_follow_acled_conventions(store: SqlStore, events: list[Event]) -> None:
    frame = _csv(store)
    by_mode = {ev.mode: frame.loc[ev.id] for ev in events if ev.mode}
    drone = by_mode["drone"]
    assert (drone["event_type"], drone["sub_event_type"]) == (
        "Explosions/Remote violence",
        "Air/drone strike",
    )
    assert drone["disorder_type"] == "Political violence"
    assert drone["event_id_cnty"].startswith("IRQ") and drone["country"] == "Iraq"
    assert drone["iso"] == 368 and drone["geo_precision"] == 1 and drone["time_precision"] == 1
    assert drone["inter1"] == 8  # US forces acting in Iraq: external forces
    assert drone["actor2"] == "Iran" and drone["assoc_actor_2"] == "Qassem Soleimani"
    assert drone["source"] == "Wire A; Paper B" and drone["fatalities"] == 2
    clash = frame.loc[next(ev.id for ev in events if ev.target and ev.target.code == "ISIS")]
    assert clash["event_type"] == "Battles" and clash["inter2"] == 2
    assert clash["interaction"] == 23 and clash["admin1"] == "Anbar"
    assert clash["time_precision"] == 3 and clash["event_date"] == "2019-07-02"  # mid-year
    assert clash["geo_precision"] == 3 and clash["fatalities"] == 0
    assert not clash["fatalities_known"]
    shooting = frame.loc[next(ev.id for ev in events if ev.killed == 4)]
    assert shooting["event_type"] == "Violence against civilians"
    assert shooting["civilian_targeting"] == "Civilian targeting"
    assert shooting["interaction"] == 37 and bool(shooting["fatalities_known"])
    riot = by_mode["riot"]
    assert (riot["event_type"], riot["inter1"], riot["interaction"]) == ("Riots", 5, 50)
    threat = by_mode["violence"]
    assert (threat["event_type"], threat["sub_event_type"]) == ("Strategic developments", "Other")
    assert threat["time_precision"] == 3 and threat["event_date"] == "2020-01-16"
    assert threat["date"] == "2020-01" and threat["inter1"] == 3


def test_status_and_date_survive_in_the_extra_columns(store: SqlStore) -> None:
    frame = _csv(store)
    for ev in store.events():
        row = frame.loc[ev.id]
        assert row["status"] == ev.status.value and row["plover_type"] == ev.type.value
        assert bool(row["historical"]) is ev.historical
    assert (frame["status"] == Status.DENIED.value).sum() == 1


@pytest.mark.parametrize(
    ("type_", "mode", "expected"),
    [
        (EventType.ASSAULT, "explosives", "Remote explosive/landmine/IED"),
        (EventType.ASSAULT, "heavy-weapons", "Shelling/artillery/missile attack"),
        (EventType.ASSAULT, "abduct", "Abduction/forced disappearance"),
        (EventType.PROTEST, "demo", "Peaceful protest"),
        (EventType.PROTEST, None, "Peaceful protest"),
        (EventType.COERCE, "arrest", "Arrests"),
        (EventType.ACCUSE, None, "Other"),
        (EventType.REQUEST, "change", "Other"),
    ],
)
def test_type_table(type_: EventType, mode: str | None, expected: str, events: list[Event]) -> None:
    ev = events[0].model_copy(update={"type": type_, "mode": mode})
    disorder, event_type, sub = acled_type(ev)
    assert sub == expected and sub in ACLED_EVENT_TYPES[event_type]
    assert disorder in ("Political violence", "Demonstrations", "Strategic developments")


def test_table_values_are_acled_categories() -> None:
    for event_type, sub in ACLED_TYPES.values():
        assert sub in ACLED_EVENT_TYPES[event_type]
