"""The matching rules, one at a time, on invented records."""

from __future__ import annotations

from typing import Any

import pytest

from threatline.eval.gold import GoldActor, GoldEvent, GoldQuote
from threatline.eval.match import (
    alias_resolved,
    attribute_checks,
    casualty_ok,
    core_match,
    dates_compatible,
    location_ok,
    normalise_alias,
    normalise_quote,
    quote_texts_match,
    same_speaker,
    strict_match,
)
from threatline.eval.predictions import PredActorMention, PredEvent, PredQuote
from threatline.models import TimeValue


def gold_event(**overrides: Any) -> GoldEvent:
    base: dict[str, Any] = {
        "type": "THREATEN",
        "threatened_type": "ASSAULT",
        "source": "AAA",
        "target": "BBB",
        "date": "2030-01-03",
        "date_precision": "day",
        "status": "occurred",
    }
    return GoldEvent.model_validate(base | overrides)


def pred_event(**overrides: Any) -> PredEvent:
    base: dict[str, Any] = {
        "type": "THREATEN",
        "threatened_type": "ASSAULT",
        "source": {"code": "AAA", "name": "Aland"},
        "target": {"code": "BBB", "name": "Bland"},
        "date": "2030-01-03",
        "date_precision": "day",
        "status": "occurred",
        "mentions": [{"doc": "d.txt"}],
    }
    return PredEvent.model_validate(base | overrides)


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        ("2020-01", "2020-01-03", True),
        ("2020-01-03", "2020-01", True),
        ("2020-01", "2020-02", False),
        ("2020", "2020-12-31", True),
        ("2020-01-03", "2020-01-04", False),
        ("2021", "2020-12", False),
        (None, None, True),
        (None, "2020", False),
        ("2020", None, False),
    ],
)
def test_dates_compatible(gold: str | None, pred: str | None, expected: bool) -> None:
    def parse(text: str | None) -> TimeValue | None:
        return TimeValue.parse(text) if text else None

    assert dates_compatible(parse(gold), parse(pred)) is expected


def test_strict_and_core_on_identical_events() -> None:
    assert strict_match(gold_event(), pred_event())
    assert core_match(gold_event(), pred_event()) is not None


@pytest.mark.parametrize(
    "change",
    [
        {"date": "2030-02", "date_precision": "month"},
        {"date": None, "date_precision": None},
        {"status": "threatened"},
        {"threatened_type": "COERCE"},
        {"threatened_type": None},
    ],
)
def test_strict_only_fields(change: dict[str, Any]) -> None:
    pred = pred_event(**change)
    assert not strict_match(gold_event(), pred)
    assert core_match(gold_event(), pred) is not None


def test_threatened_type_ignored_for_other_types() -> None:
    gold = gold_event(type="ACCUSE", threatened_type=None)
    assert strict_match(gold, pred_event(type="ACCUSE", threatened_type="ASSAULT"))


@pytest.mark.parametrize(
    "change",
    [
        {"type": "ACCUSE"},
        {"target": {"code": "CCC", "name": "C"}},
        {"source": None},
        {"target": None},
        {"source": {"code": "BBB", "name": "B"}, "target": {"code": "AAA", "name": "A"}},
    ],
)
def test_core_fields(change: dict[str, Any]) -> None:
    assert core_match(gold_event(), pred_event(**change)) is None
    assert not strict_match(gold_event(), pred_event(**change))


def test_null_source_and_target_match_only_null() -> None:
    gold = gold_event(type="ASSAULT", threatened_type=None, source=None, target=None)
    assert strict_match(gold, pred_event(type="ASSAULT", source=None, target=None))
    assert strict_match(
        gold, pred_event(type="ASSAULT", source={"code": None, "name": "someone"}, target=None)
    )
    assert not strict_match(gold, pred_event(type="ASSAULT", target=None))


def test_consult_matches_either_direction() -> None:
    gold = gold_event(type="CONSULT", threatened_type=None)
    reversed_pred = pred_event(
        type="CONSULT",
        source={"code": "BBB", "name": "B"},
        target={"code": "AAA", "name": "A"},
    )
    assert strict_match(gold, reversed_pred)


def test_alternatives_match() -> None:
    gold = gold_event(alternatives=[{"source": "CCC"}, {"type": "ACCUSE", "threatened_type": None}])
    assert strict_match(gold, pred_event(source={"code": "CCC", "name": "C"}))
    accuse = pred_event(type="ACCUSE", threatened_type=None)
    variant = core_match(gold, accuse)
    assert variant is not None and variant.type.value == "ACCUSE"
    assert not strict_match(gold, pred_event(source={"code": "DDD", "name": "D"}))


@pytest.mark.parametrize(
    ("gold_place", "gold_country", "pred_place", "expected"),
    [
        (None, None, None, None),
        ("Baghdad", "IRQ", {"name": "baghdad", "country": "IRQ"}, True),
        ("central Baghdad", "IRQ", {"name": "Baghdad", "country": "IRQ"}, True),
        ("Ayn al-Asad and Erbil", "IRQ", {"name": "Erbil"}, True),
        ("Baghdad", "IRQ", {"name": "Basra", "country": "IRQ"}, False),
        ("Baghdad", "IRQ", None, False),
        (None, "IRQ", {"name": "Mosul", "country": "IRQ"}, True),
        (None, "IRQ", {"name": "Tehran", "country": "IRN"}, False),
        ("Persian Gulf", None, {"name": "Persian Gulf", "country": None}, True),
    ],
)
def test_location(
    gold_place: str | None,
    gold_country: str | None,
    pred_place: dict[str, Any] | None,
    expected: bool | None,
) -> None:
    gold = gold_event(location=gold_place, location_country=gold_country)
    assert location_ok(gold, pred_event(location=pred_place)) is expected


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        (None, 5, None),
        (None, None, None),
        (100, 100, True),
        (100, 120, True),
        (100, 99, False),
        (1, None, False),
    ],
)
def test_casualties_are_lower_bounds(gold: int | None, pred: int | None, expected: bool) -> None:
    assert casualty_ok(gold, pred) is expected


def test_attribute_checks_skip_what_gold_lacks() -> None:
    checks = attribute_checks(gold_event(type="ACCUSE", threatened_type=None), pred_event())
    assert checks["threatened_type"] is None
    assert checks["location"] is None and checks["killed"] is None
    assert checks["date"] is True and checks["status"] is True


def test_quote_normalisation() -> None:
    assert normalise_quote("  \u201cWe will\u00a0 respond\u201d,  ") == '"We will respond"'
    assert normalise_quote("it\u2019s over.") == "it's over"
    assert quote_texts_match("We will respond.", "\u201cWe will respond\u201d")
    assert quote_texts_match("respond", "We will respond")
    assert not quote_texts_match("We will respond", "We shall respond")
    assert not quote_texts_match("", "anything")
    assert not quote_texts_match("...", "anything")


def test_speaker_comparison() -> None:
    gold = GoldQuote(speaker="Jane Roe", direct=True, text="x")
    assert same_speaker(
        gold, PredQuote(speaker={"name": "jane  roe"}, text="x", direct=True, doc="d")
    )
    assert not same_speaker(gold, PredQuote(speaker=None, text="x", direct=True, doc="d"))
    assert not same_speaker(
        gold, PredQuote(speaker={"name": "Roe"}, text="x", direct=True, doc="d")
    )


def test_alias_normalisation() -> None:
    assert normalise_alias("The Pentagon") == "pentagon"
    assert normalise_alias("Roe\u2019s") == "roe"
    assert normalise_alias("Aland's") == "aland"
    assert normalise_alias("theocracy") == "theocracy"


def mention(text: str, code: str | None, **extra: Any) -> PredActorMention:
    return PredActorMention.model_validate({"doc": "d.txt", "text": text, "code": code} | extra)


def test_alias_resolution() -> None:
    state = GoldActor(name="Aland", kind="state", code="AAA", aliases_in_text=["Aland"])
    assert alias_resolved(state, "Aland", [mention("the Aland", "AAA")])
    assert not alias_resolved(state, "Aland", [mention("Aland", "BBB")])
    assert not alias_resolved(state, "Aland", [mention("Alandish", "AAA")])
    person = GoldActor(name="Jane Roe", kind="person", code="AAA", aliases_in_text=["Roe"])
    assert alias_resolved(person, "Roe", [mention("Roe's", "AAA", person="Jane Roe")])
    assert alias_resolved(person, "Roe", [mention("Roe", "AAA", name="jane roe")])
    assert not alias_resolved(person, "Roe", [mention("Roe", "AAA", person="John Roe")])
    assert not alias_resolved(person, "Roe", [mention("Roe", "AAA")])
