"""Acceptance on the seed articles and the PLOVER gold sentences (needs ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from threatline.config import load_settings
from threatline.eval import EvalReport, Predictions, evaluate
from threatline.eval.plover import DEFAULT_PATH, evaluate_plover, gold_type, load_gsr
from threatline.models import Article, ArticleResult, EventType
from threatline.pipeline import Pipeline, build_pipeline
from threatline.queries import event_record
from threatline.sources import iter_inputs
from threatline.stages.events import EventStage
from threatline.stages.nlp import load_model

pytestmark = [pytest.mark.shared, pytest.mark.slow]


@pytest.fixture(scope="module")
def report(seeds_dir: Path, gold_dir: Path) -> EvalReport:
    settings = load_settings()
    stages = [*build_pipeline(settings).stages, EventStage(historical_days=30)]
    articles = [a for a in iter_inputs([str(seeds_dir)]) if isinstance(a, Article)]
    results = Pipeline(stages).run(articles)
    records = [
        event_record(event)
        for result in results
        if isinstance(result, ArticleResult)
        for event in result.events
    ]
    return evaluate(gold_dir, Predictions.from_records(events=records))


def test_seed_events_core_floor(report: EvalReport) -> None:
    core = report.overall.events.core
    assert core.precision is not None and core.precision >= 0.75
    assert core.recall is not None and core.recall >= 0.72


def test_seed_events_date_and_status_floor(report: EvalReport) -> None:
    attributes = report.overall.events.attributes
    assert attributes["date"].value is not None and attributes["date"].value >= 0.80
    assert attributes["status"].value is not None and attributes["status"].value >= 0.90


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("DEMAND", EventType.REQUEST),
        ("DISAPPROVE", EventType.ACCUSE),
        ("FIGHT", EventType.ASSAULT),
        ("AGREE", EventType.AGREE),
        ("DOCUMENT", None),
    ],
)
def test_old_plover_names_map_to_todays_types(name: str, expected: EventType | None) -> None:
    assert gold_type(name) is expected


def test_plover_gold_sentences_type_floor(shared: Path) -> None:
    records = load_gsr(shared / DEFAULT_PATH)
    assert len(records) == 322
    report = evaluate_plover(records, load_model())
    assert report.accuracy >= 0.75
