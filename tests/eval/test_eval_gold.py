"""Loading and validating gold files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from threatline.errors import EvalError
from threatline.eval import load_gold
from threatline.eval.gold import GoldDoc, load_gold_file

Writer = Callable[[Path, list[dict[str, Any]]], Path]


def event(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "world_event": "2030-05-01-example",
        "type": "ACCUSE",
        "threatened_type": None,
        "source": "AAA",
        "source_name": "Aland",
        "source_person": None,
        "target": "BBB",
        "target_name": "Bland",
        "target_person": None,
        "date": "2030-05-01",
        "date_precision": "day",
        "location": None,
        "location_country": None,
        "status": "occurred",
        "killed": None,
        "injured": None,
        "evidence": "Aland accused Bland",
        "salience": "main",
    }
    return base | overrides


def gold(doc: str = "100_example.txt", **overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "doc": doc,
        "published_estimate": "2030-05-02",
        "published_window": ["2030-05-01", "2030-05-05"],
        "published_reasoning": "invented",
        "boilerplate_lines": [],
        "title": "A headline",
        "events": [event()],
        "quotes": [],
        "actors": [],
    }
    return base | overrides


def test_valid_file_loads(tmp_path: Path, gold_writer: Writer) -> None:
    directory = gold_writer(tmp_path / "g", [gold(), gold("101_other.txt", title=None)])
    docs = load_gold(directory)
    assert [d.doc for d in docs] == ["100_example.txt", "101_other.txt"]
    assert docs[0].events[0].time is not None
    assert str(docs[0].events[0].time) == "2030-05-01"
    assert load_gold(directory / "101_other.json")[0].title is None


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"events": [event(type="SHOUT")]}, "events[0].type"),
        ({"events": [event(date="2030-05", date_precision="day")]}, "events[0]"),
        ({"events": [event(date="May 2030", date_precision=None)]}, "events[0]"),
        ({"events": [event(status="maybe")]}, "events[0].status"),
        ({"events": [event(killed=-1)]}, "events[0].killed"),
        ({"events": [event(sorce="AAA")]}, "events[0].sorce"),
        ({"quotes": [{"speaker": "X", "direct": "yes please", "text": "t"}]}, "quotes[0].direct"),
        ({"actors": [{"name": "X", "kind": "planet", "code": "X"}]}, "actors[0].kind"),
        ({"published_window": ["2030-05-05", "2030-05-01"]}, "published_window"),
        ({"title": 3}, "title"),
    ],
)
def test_invalid_gold_names_file_and_field(
    tmp_path: Path, gold_writer: Writer, overrides: dict[str, Any], field: str
) -> None:
    gold_writer(tmp_path, [gold(**overrides)])
    with pytest.raises(EvalError) as info:
        load_gold(tmp_path)
    message = str(info.value)
    assert "100_example.json" in message
    assert field in message
    assert info.value.code == "TL700"


def test_doc_must_match_file_name(tmp_path: Path) -> None:
    path = tmp_path / "100_example.json"
    path.write_text(json.dumps(gold("200_elsewhere.txt")), encoding="utf-8")
    with pytest.raises(EvalError, match="doc"):
        load_gold_file(path)


def test_invalid_json_names_line(tmp_path: Path) -> None:
    path = tmp_path / "100_example.json"
    path.write_text('{"doc": "100_example.txt",\n  oops}', encoding="utf-8")
    with pytest.raises(EvalError) as info:
        load_gold(tmp_path)
    assert info.value.line == 2
    assert "100_example.json" in str(info.value)


def test_missing_and_empty_directories(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match="not found"):
        load_gold(tmp_path / "absent")
    with pytest.raises(EvalError, match="no gold files"):
        load_gold(tmp_path)


def test_alternatives_are_variants() -> None:
    doc = GoldDoc.model_validate(
        gold(events=[event(alternatives=[{"type": "COERCE"}, {"date": "2030-05"}])])
    )
    variants = list(doc.events[0].variants())
    assert [v.type.value for v in variants] == ["ACCUSE", "COERCE", "ACCUSE"]
    assert [str(v.time) for v in variants] == ["2030-05-01", "2030-05-01", "2030-05"]
