"""Scoring invented gold sets: edge cases of the figures, the report and its rendering."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from threatline.eval import EvalReport, GoldDoc, Predictions, evaluate, evaluate_gold, render
from threatline.eval.report import PRF

Writer = Callable[[Path, list[dict[str, Any]]], Path]


def g_event(source: str | None, target: str | None, date: str, **extra: Any) -> dict[str, Any]:
    precision = {1: "year", 2: "month", 3: "day"}[len(date.split("-"))]
    return {
        "type": "ASSAULT",
        "source": source,
        "target": target,
        "date": date,
        "date_precision": precision,
        "status": "occurred",
        "salience": "main",
    } | extra


def p_event(
    docs: list[str], source: str | None, target: str | None, date: str | None, **extra: Any
) -> dict[str, Any]:
    def ref(code: str | None) -> dict[str, Any] | None:
        return None if code is None else {"code": code, "name": code}

    return {
        "id": f"e-{source}-{target}-{date}",
        "type": "ASSAULT",
        "status": "occurred",
        "date": date,
        "source": ref(source),
        "target": ref(target),
        "mentions": [{"doc": doc, "text": "t", "start": 0, "end": 1} for doc in docs],
    } | extra


def g_doc(doc: str, **extra: Any) -> GoldDoc:
    return GoldDoc.model_validate({"doc": doc} | extra)


def test_merged_event_counts_in_each_doc() -> None:
    gold = [
        g_doc("a.txt", events=[g_event("AAA", "BBB", "2030-01-03")]),
        g_doc("b.txt", events=[g_event("AAA", "BBB", "2030-01")]),
    ]
    preds = Predictions.from_records(
        events=[p_event(["a.txt", "b.txt"], "AAA", "BBB", "2030-01-03")]
    )
    report = evaluate_gold(gold, preds)
    assert report.overall.events.strict == PRF(tp=2, fp=0, fn=0)
    assert report.doc("a").scores.events.strict.tp == 1
    assert report.doc("b.txt").scores.events.strict.tp == 1


def test_two_mentions_in_one_doc_count_once() -> None:
    gold = [g_doc("a.txt", events=[g_event("AAA", "BBB", "2030")])]
    preds = Predictions.from_records(events=[p_event(["a.txt", "a.txt"], "AAA", "BBB", "2030")])
    assert evaluate_gold(gold, preds).overall.events.strict == PRF(tp=1)


def test_null_source_and_target() -> None:
    gold = [g_doc("a.txt", events=[g_event(None, None, "2030-08", killed=10)])]
    good = Predictions.from_records(
        events=[p_event(["a.txt"], None, None, "2030-08-04", killed=12)]
    )
    report = evaluate_gold(gold, good)
    assert report.overall.events.strict.f1 == 1.0
    assert report.overall.events.attributes["killed"].value == 1.0
    wrong = Predictions.from_records(events=[p_event(["a.txt"], "AAA", None, "2030-08-04")])
    assert evaluate_gold(gold, wrong).overall.events.core.tp == 0


def test_precision_compatibility_in_strict_matching() -> None:
    gold = [
        g_doc(
            "a.txt",
            events=[g_event("AAA", "BBB", "2020-01"), g_event("AAA", "BBB", "2020-03-05")],
        )
    ]
    preds = Predictions.from_records(
        events=[
            p_event(["a.txt"], "AAA", "BBB", "2020-01-03"),
            p_event(["a.txt"], "AAA", "BBB", "2020-02"),
        ]
    )
    events = evaluate_gold(gold, preds).overall.events
    assert events.strict == PRF(tp=1, fp=1, fn=1)
    assert events.core == PRF(tp=2)
    assert (events.attributes["date"].correct, events.attributes["date"].total) == (1, 2)


def test_core_pairing_prefers_agreeing_attributes() -> None:
    gold = [
        g_doc(
            "a.txt",
            events=[g_event("AAA", "BBB", "2020-01-01"), g_event("AAA", "BBB", "2020-06-01")],
        )
    ]
    preds = Predictions.from_records(
        events=[
            p_event(["a.txt"], "AAA", "BBB", "2020-06-01"),
            p_event(["a.txt"], "AAA", "BBB", "2020-01-01"),
        ]
    )
    assert evaluate_gold(gold, preds).overall.events.attributes["date"].value == 1.0


def test_main_recall_only_counts_main_events() -> None:
    gold = [
        g_doc(
            "a.txt",
            events=[
                g_event("AAA", "BBB", "2020"),
                g_event("CCC", "DDD", "2020", salience="background"),
            ],
        )
    ]
    preds = Predictions.from_records(events=[p_event(["a.txt"], "CCC", "DDD", "2020")])
    events = evaluate_gold(gold, preds).overall.events
    assert events.main_recall.total == 1 and events.main_recall.value == 0.0
    assert events.strict.recall == 0.5


def test_quotes_split_direct_and_reported() -> None:
    gold = [
        g_doc(
            "a.txt",
            quotes=[
                {"speaker": "Jane Roe", "direct": True, "text": "We will respond."},
                {"speaker": "Jane Roe", "direct": False, "text": "it would respond"},
            ],
        )
    ]
    preds = Predictions.from_records(
        quotes=[
            {
                "speaker": {"name": "Jane Roe", "code": "AAA"},
                "text": "\u201cWe will respond\u201d",
                "direct": True,
                "doc": "a.txt",
                "date": None,
            },
            {
                "speaker": {"name": "Jane Roe", "code": "AAA"},
                "text": "it would respond",
                "direct": True,
                "doc": "a.txt",
                "date": None,
            },
        ]
    )
    quotes = evaluate_gold(gold, preds).overall.quotes
    assert quotes.all == PRF(tp=1, fp=1, fn=1)
    assert quotes.direct == PRF(tp=1, fp=1, fn=0)
    assert quotes.reported == PRF(tp=0, fp=0, fn=1)
    assert quotes.reported.precision is None
    assert (quotes.speaker.correct, quotes.speaker.total) == (1, 1)


def test_actor_rates_per_kind() -> None:
    gold = [
        g_doc(
            "a.txt",
            actors=[
                {
                    "name": "Aland",
                    "kind": "state",
                    "code": "AAA",
                    "aliases_in_text": ["Aland", "Alandish"],
                },
                {"name": "Jane Roe", "kind": "person", "code": "AAA", "aliases_in_text": ["Roe"]},
            ],
        )
    ]
    preds = Predictions.from_records(
        actors=[
            {"doc": "a.txt", "text": "Aland", "code": "AAA", "name": "Aland"},
            {"doc": "a.txt", "text": "Roe", "code": "AAA", "name": "Roe", "person": None},
        ]
    )
    report = evaluate_gold(gold, preds)
    actors = report.overall.actors
    assert (actors.aliases.correct, actors.aliases.total) == (1, 3)
    assert actors.by_kind["state"].value == 0.5
    assert actors.by_kind["person"].value == 0.0
    assert (actors.actors.correct, actors.actors.total) == (1, 2)
    assert report.docs[0].misses.aliases_unresolved == [
        "Alandish -> AAA (Aland)",
        "Roe -> AAA (Jane Roe)",
    ]


def test_title_and_publication_date() -> None:
    gold = [
        g_doc(
            "a.txt",
            title="Headline",
            published_estimate="2030-01-05",
            published_window=["2030-01-01", "2030-01-10"],
        ),
        g_doc(
            "b.txt",
            title=None,
            published_estimate="2030-01-05",
            published_window=["2030-01-01", "2030-01-10"],
        ),
    ]
    preds = Predictions.from_records(
        documents=[
            {"doc": "a.txt", "title": "Headline ", "published": "2030-01-09T00:00:00"},
            {"doc": "b", "title": "Not a headline", "published": "2030-01-05"},
        ]
    )
    overall = evaluate_gold(gold, preds).overall
    assert (overall.title.correct, overall.title.total) == (1, 2)
    assert (overall.published.in_window.correct, overall.published.exact.correct) == (2, 1)


def test_boilerplate_counts() -> None:
    gold = [g_doc("a.txt", boilerplate_lines=["Share", "Skip"])]
    preds = Predictions.from_records(
        documents=[{"doc": "a.txt", "boilerplate": ["Share", "Body line"]}]
    )
    report = evaluate_gold(gold, preds)
    assert report.overall.boilerplate == PRF(tp=1, fp=1, fn=1)
    misses = report.docs[0].misses
    assert (misses.boilerplate_missed, misses.boilerplate_wrong) == (["Skip"], ["Body line"])


def test_empty_predictions_on_invented_gold() -> None:
    gold = [g_doc("a.txt", events=[g_event("AAA", "BBB", "2030")], title="T")]
    report = evaluate_gold(gold, Predictions())
    strict = report.overall.events.strict
    assert (strict.precision, strict.recall, strict.f1) == (None, 0.0, 0.0)
    out = Console(width=140, record=True)
    out.print(render(report))
    text = out.export_text()
    assert "n/a" in text and "0.000" in text


def test_predictions_without_gold_events_have_zero_precision() -> None:
    gold = [g_doc("a.txt")]
    preds = Predictions.from_records(events=[p_event(["a.txt"], "AAA", "BBB", "2030")])
    strict = evaluate_gold(gold, preds).overall.events.strict
    assert (strict.precision, strict.recall, strict.f1) == (0.0, None, 0.0)


def test_report_json_round_trip(tmp_path: Path, gold_writer: Writer) -> None:
    raw = {"doc": "a.txt", "events": [g_event("AAA", "BBB", "2030-01-01")]}
    directory = gold_writer(tmp_path / "gold", [raw])
    preds = Predictions.from_records(events=[p_event(["a.txt"], "AAA", "BBB", "2030-01")])
    report = evaluate(directory, preds)
    data = json.loads(report.to_json())
    assert data["overall"]["events"]["strict"]["f1"] == 1.0
    assert data["docs"][0]["doc"] == "a.txt"
    assert EvalReport.model_validate(data) == report


def test_render_shows_each_field(tmp_path: Path) -> None:
    gold = [g_doc("a.txt", events=[g_event("AAA", "BBB", "2030")])]
    preds = Predictions.from_records(
        events=[p_event(["a.txt"], "AAA", "BBB", "2030")],
        quotes=[{"speaker": None, "text": "x", "direct": True, "doc": "zzz.txt", "date": None}],
    )
    out = Console(width=160, record=True)
    out.print(render(evaluate_gold(gold, preds, name="invented")))
    text = out.export_text()
    for label in (
        "events (strict",
        "quotes direct",
        "boilerplate lines",
        "event date",
        "title exact",
        "published in window",
        "a.txt",
        "zzz.txt",
    ):
        assert label in text


def test_no_gold_is_an_error() -> None:
    from threatline.errors import EvalError

    with pytest.raises(EvalError):
        evaluate_gold([], Predictions())
