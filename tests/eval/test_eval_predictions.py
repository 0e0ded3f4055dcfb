"""Reading predictions from export records and JSONL files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from threatline.errors import EvalError
from threatline.eval import Predictions
from threatline.eval.predictions import doc_keys

EVENT = {
    "id": "e1",
    "type": "ASSAULT",
    "status": "occurred",
    "date": "2030-01",
    "date_precision": "month",
    "source": {"code": "AAA", "name": "Aland", "person": None, "sector": "MIL"},
    "target": None,
    "confidence": 0.9,
    "future_field": {"anything": True},
    "mentions": [{"doc": "a.txt", "text": "t", "start": 0, "end": 1}],
}


def test_from_records_ignores_unknown_keys() -> None:
    preds = Predictions.from_records(events=[EVENT])
    assert preds.events[0].time is not None
    assert str(preds.events[0].time) == "2030-01"


def test_date_cut_to_declared_precision() -> None:
    preds = Predictions.from_records(events=[EVENT | {"date": "2030-01-15"}])
    assert str(preds.events[0].time) == "2030-01"


@pytest.mark.parametrize(
    ("record", "field"),
    [
        (EVENT | {"type": "SHOUT"}, "type"),
        (EVENT | {"status": None}, "status"),
        (EVENT | {"date": "Jan 2030"}, "date"),
        (EVENT | {"mentions": []}, "mentions"),
    ],
)
def test_bad_event_record_names_field(record: dict[str, object], field: str) -> None:
    with pytest.raises(EvalError) as info:
        Predictions.from_records(events=[EVENT, record])
    assert field in str(info.value)
    assert info.value.line == 2


def test_from_jsonl_dir(tmp_path: Path) -> None:
    (tmp_path / "events.jsonl").write_text(json.dumps(EVENT) + "\n\n", encoding="utf-8")
    (tmp_path / "documents.jsonl").write_text(
        json.dumps({"doc": "a.txt", "title": "T", "published": None, "boilerplate": ["x"]}),
        encoding="utf-8",
    )
    preds = Predictions.from_jsonl_dir(tmp_path)
    assert len(preds.events) == 1 and preds.quotes == [] and preds.actors == []
    assert preds.documents[0].boilerplate == ["x"]


def test_from_jsonl_dir_errors(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match="not found"):
        Predictions.from_jsonl_dir(tmp_path / "absent")
    (tmp_path / "quotes.jsonl").write_text('{"text": "x", "direct": true, "doc": "a"}\n{', "utf-8")
    with pytest.raises(EvalError) as info:
        Predictions.from_jsonl_dir(tmp_path)
    assert info.value.line == 2 and "quotes.jsonl" in str(info.value)
    (tmp_path / "quotes.jsonl").write_text('{"text": "x", "doc": "a"}\n', "utf-8")
    with pytest.raises(EvalError, match="direct"):
        Predictions.from_jsonl_dir(tmp_path)


def test_doc_keys_and_grouping() -> None:
    assert doc_keys("dir/000_x.txt") == ("dir/000_x.txt", "000_x.txt", "000_x")
    preds = Predictions.from_records(
        quotes=[
            {"text": "a", "direct": True, "doc": "000_x"},
            {"text": "b", "direct": True, "doc": "in/000_x.txt"},
            {"text": "c", "direct": True, "doc": "001_y.txt"},
        ]
    )
    grouped = preds.by_doc(["000_x.txt"])
    assert [q.text for q in grouped["000_x.txt"].quotes] == ["a", "b"]
    assert preds.unmatched_docs(["000_x.txt"]) == ["001_y.txt"]
