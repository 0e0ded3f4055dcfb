"""The data model: TimeValue arithmetic, validation, deterministic ids."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from tests import factories as f
from threatline.ids import content_hash, record_id
from threatline.models import Precision, Span, TimeValue


@pytest.mark.parametrize(
    ("text", "value", "precision", "end"),
    [
        ("2020", dt.date(2020, 1, 1), Precision.YEAR, dt.date(2020, 12, 31)),
        ("2020-02", dt.date(2020, 2, 1), Precision.MONTH, dt.date(2020, 2, 29)),
        ("2021-02", dt.date(2021, 2, 1), Precision.MONTH, dt.date(2021, 2, 28)),
        ("2020-01-03", dt.date(2020, 1, 3), Precision.DAY, dt.date(2020, 1, 3)),
    ],
)
def test_time_value_parse_and_period(
    text: str, value: dt.date, precision: Precision, end: dt.date
) -> None:
    tv = TimeValue.parse(text)
    assert (tv.value, tv.precision, tv.end, str(tv)) == (value, precision, end, text)


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("2020-01", "2020-01-03", True),
        ("2020-01", "2020-02-03", False),
        ("2020", "2020-12-31", True),
        ("2019", "2020-01", False),
    ],
)
def test_time_value_compatibility(a: str, b: str, compatible: bool) -> None:
    assert TimeValue.parse(a).compatible(TimeValue.parse(b)) is compatible
    assert TimeValue.parse(b).compatible(TimeValue.parse(a)) is compatible


def test_time_value_normalises_to_period_start() -> None:
    assert TimeValue(value=dt.date(2020, 5, 17), precision=Precision.MONTH).value == dt.date(
        2020, 5, 1
    )
    assert TimeValue.parse("2020-05-17").truncate(Precision.YEAR) == TimeValue.parse("2020")


def test_bad_time_value() -> None:
    with pytest.raises(ValueError):
        TimeValue.parse("2020-13")


def test_span_must_be_ordered() -> None:
    with pytest.raises(ValidationError):
        Span(start=5, end=2, text="x")


def test_event_needs_a_mention_and_sane_casualties() -> None:
    ev = f.event()
    with pytest.raises(ValidationError):
        ev.model_copy(update={"mentions": []}).model_validate(ev.model_dump() | {"mentions": []})
    with pytest.raises(ValidationError):
        type(ev).model_validate(ev.model_dump() | {"killed": -1})


def test_ids_are_deterministic_and_content_based() -> None:
    assert content_hash("a  b\n") == content_hash("a b")
    assert content_hash("a b") != content_hash("a c")
    assert record_id("ev", 1, "x") == record_id("ev", 1, "x")
    assert record_id("ev", 1, "x") != record_id("ev", "1", "x")
    assert record_id("ev", 1).startswith("ev_") and len(record_id("ev", 1)) == 3 + 16
