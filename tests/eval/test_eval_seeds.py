"""The seed gold scored against itself, then against perturbed copies of itself."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from threatline.eval import EvalReport, Predictions, Scores, evaluate, load_gold

Records = dict[str, list[dict[str, Any]]]
ToRecords = Callable[[list[dict[str, Any]]], Records]

pytestmark = pytest.mark.shared


def _score(gold_dir: Path, records: Records) -> EvalReport:
    return evaluate(gold_dir, Predictions.from_records(**records))


def _event_index(records: Records, predicate: Callable[[dict[str, Any]], bool]) -> int:
    """Index of the first predicted event whose dyad/type tuple is unique in its doc."""
    events = records["events"]

    def key(e: dict[str, Any]) -> tuple[Any, ...]:
        src = e["source"]["code"] if e["source"] else None
        tgt = e["target"]["code"] if e["target"] else None
        return (e["mentions"][0]["doc"], e["type"], src, tgt)

    for index, event in enumerate(events):
        if predicate(event) and sum(key(e) == key(event) for e in events) == 1:
            return index
    pytest.skip("no suitable event in the gold set")


def test_gold_files_load(gold_dir: Path, seed_gold: list[dict[str, Any]]) -> None:
    docs = load_gold(gold_dir)
    assert [d.doc for d in docs] == [raw["doc"] for raw in seed_gold]
    for doc, raw in zip(docs, seed_gold, strict=True):
        assert len(doc.events) == len(raw["events"])
        assert len(doc.quotes) == len(raw["quotes"])
        assert len(doc.actors) == len(raw["actors"])


def _all_perfect(scores: Scores) -> None:
    events, quotes = scores.events, scores.quotes
    for prf in (events.strict, events.core, quotes.all, scores.boilerplate):
        assert (prf.precision, prf.recall, prf.f1) == (1.0, 1.0, 1.0)
    for rate in (
        events.main_recall,
        events.main_recall_core,
        *events.attributes.values(),
        quotes.speaker,
        scores.actors.aliases,
        *scores.actors.by_kind.values(),
        scores.title,
        scores.published.in_window,
        scores.published.exact,
    ):
        assert rate.value == 1.0


def test_gold_as_predictions_scores_one(
    gold_dir: Path, seed_gold: list[dict[str, Any]], to_records: ToRecords
) -> None:
    report = _score(gold_dir, to_records(seed_gold))
    _all_perfect(report.overall)
    total_events = sum(len(raw["events"]) for raw in seed_gold)
    assert report.overall.events.strict.tp == total_events
    assert report.overall.quotes.all.tp == sum(len(raw["quotes"]) for raw in seed_gold)
    assert report.ignored_docs == []
    for doc in report.docs:
        assert doc.misses.events_missed == doc.misses.quotes_missed == []


def test_stem_doc_names_match_gold(
    gold_dir: Path, seed_gold: list[dict[str, Any]], to_records: ToRecords
) -> None:
    records = to_records(seed_gold)
    for kind in ("quotes", "documents", "actors"):
        for record in records[kind]:
            record["doc"] = record["doc"].rsplit(".", 1)[0]
    for event in records["events"]:
        for mention in event["mentions"]:
            mention["doc"] = "some/dir/" + mention["doc"]
    _all_perfect(_score(gold_dir, records).overall)


def test_empty_predictions(gold_dir: Path, seed_gold: list[dict[str, Any]]) -> None:
    report = evaluate(gold_dir, Predictions())
    overall = report.overall
    for prf in (overall.events.strict, overall.events.core, overall.quotes.all):
        assert prf.recall == 0.0
        assert prf.precision is None
        assert prf.f1 == 0.0
    assert overall.events.main_recall.value == 0.0
    assert overall.actors.aliases.value == 0.0
    assert overall.title.value == 0.0
    assert overall.published.in_window.value == 0.0
    assert overall.events.attributes["date"].total == 0


def test_wrong_target_code(
    gold_dir: Path, seed_gold: list[dict[str, Any]], to_records: ToRecords
) -> None:
    records = to_records(seed_gold)
    index = _event_index(records, lambda e: e["target"] is not None)
    records["events"][index]["target"]["code"] = "NOWHERE"
    overall = _score(gold_dir, records).overall
    n = len(records["events"])
    for prf in (overall.events.strict, overall.events.core):
        assert (prf.tp, prf.fp, prf.fn) == (n - 1, 1, 1)
    assert overall.events.attributes["date"].total == n - 1
    assert overall.events.attributes["date"].value == 1.0
    assert overall.quotes.all.f1 == 1.0
    assert overall.actors.aliases.value == 1.0


def test_date_coarsened_is_compatible(
    gold_dir: Path, seed_gold: list[dict[str, Any]], to_records: ToRecords
) -> None:
    records = to_records(seed_gold)
    index = _event_index(records, lambda e: e["date_precision"] == "day")
    event = records["events"][index]
    event["date"], event["date_precision"] = event["date"][:7], "month"
    _all_perfect(_score(gold_dir, records).overall)


def test_date_in_another_month_is_incompatible(
    gold_dir: Path, seed_gold: list[dict[str, Any]], to_records: ToRecords
) -> None:
    records = to_records(seed_gold)
    index = _event_index(records, lambda e: e["date_precision"] in ("day", "month"))
    event = records["events"][index]
    year = int(event["date"][:4])
    event["date"] = f"{year - 7}{event['date'][4:]}"
    overall = _score(gold_dir, records).overall
    n = len(records["events"])
    assert (overall.events.strict.tp, overall.events.strict.fn) == (n - 1, 1)
    assert overall.events.core.tp == n
    date = overall.events.attributes["date"]
    assert (date.correct, date.total) == (n - 1, n)
    assert overall.events.attributes["status"].value == 1.0


def test_missing_quote(
    gold_dir: Path, seed_gold: list[dict[str, Any]], to_records: ToRecords
) -> None:
    records = to_records(seed_gold)
    dropped = records["quotes"].pop(0)
    overall = _score(gold_dir, records).overall
    n = len(records["quotes"]) + 1
    assert (overall.quotes.all.tp, overall.quotes.all.fp, overall.quotes.all.fn) == (n - 1, 0, 1)
    lost, kept = (
        (overall.quotes.direct, overall.quotes.reported)
        if dropped["direct"]
        else (overall.quotes.reported, overall.quotes.direct)
    )
    assert lost.fn == 1 and lost.precision == 1.0
    assert kept.recall == 1.0
    assert overall.quotes.speaker.value == 1.0
    assert overall.events.strict.f1 == 1.0


def test_wrong_speaker(
    gold_dir: Path, seed_gold: list[dict[str, Any]], to_records: ToRecords
) -> None:
    records = to_records(seed_gold)
    records["quotes"][0]["speaker"] = {"name": "Nobody In Particular", "code": None}
    overall = _score(gold_dir, records).overall
    n = len(records["quotes"])
    assert (overall.quotes.all.tp, overall.quotes.all.fp, overall.quotes.all.fn) == (n - 1, 1, 1)
    assert (overall.quotes.speaker.correct, overall.quotes.speaker.total) == (n - 1, n)


def test_extra_removed_line(
    gold_dir: Path, seed_gold: list[dict[str, Any]], to_records: ToRecords
) -> None:
    records = to_records(seed_gold)
    records["documents"][0]["boilerplate"].append("An article line wrongly removed")
    report = _score(gold_dir, records)
    gold_lines = sum(len(raw["boilerplate_lines"]) for raw in seed_gold)
    bp = report.overall.boilerplate
    assert (bp.tp, bp.fp, bp.fn) == (gold_lines, 1, 0)
    assert bp.recall == 1.0
    assert bp.precision == pytest.approx(gold_lines / (gold_lines + 1))
    first = report.docs[0]
    assert first.misses.boilerplate_wrong == ["An article line wrongly removed"]
    assert report.overall.title.value == 1.0


def _reverse(event: dict[str, Any]) -> None:
    event["source"], event["target"] = event["target"], event["source"]


def test_consult_reversed_still_matches(
    gold_dir: Path, seed_gold: list[dict[str, Any]], to_records: ToRecords
) -> None:
    records = to_records(seed_gold)
    index = _event_index(records, lambda e: e["type"] == "CONSULT")
    _reverse(records["events"][index])
    _all_perfect(_score(gold_dir, records).overall)


def test_other_type_reversed_does_not_match(
    gold_dir: Path, seed_gold: list[dict[str, Any]], to_records: ToRecords
) -> None:
    records = to_records(seed_gold)
    index = _event_index(
        records,
        lambda e: e["type"] == "ACCUSE" and e["source"] is not None and e["target"] is not None,
    )
    _reverse(records["events"][index])
    overall = _score(gold_dir, records).overall
    assert overall.events.core.fn == 1
    assert overall.events.strict.fn == 1


def test_missing_document_record(
    gold_dir: Path, seed_gold: list[dict[str, Any]], to_records: ToRecords
) -> None:
    records = to_records(seed_gold)
    removed = records["documents"].pop()
    report = _score(gold_dir, records)
    doc = report.doc(removed["doc"])
    assert doc.scores.title.value == 0.0
    assert doc.scores.published.in_window.value == 0.0
    assert doc.scores.boilerplate.tp == 0
    assert doc.scores.events.strict.f1 == 1.0
    assert report.overall.title.correct == len(seed_gold) - 1


def test_predictions_for_unknown_docs_are_ignored(
    gold_dir: Path, seed_gold: list[dict[str, Any]], to_records: ToRecords
) -> None:
    records = to_records(seed_gold)
    extra = copy.deepcopy(records["events"][0])
    extra["mentions"] = [{"doc": "999_unknown.txt", "text": "x", "start": 0, "end": 1}]
    records["events"].append(extra)
    report = _score(gold_dir, records)
    assert report.ignored_docs == ["999_unknown.txt"]
    _all_perfect(report.overall)
