"""Scoring against gold files: ``evaluate(gold_dir, predictions) -> EvalReport``.

- :mod:`~threatline.eval.gold` loads and validates gold files (README §1 schema);
- :mod:`~threatline.eval.predictions` reads export records into :class:`Predictions`;
- :mod:`~threatline.eval.match` holds the matching rules (README §2.9),
  :mod:`~threatline.eval.assign` the one-to-one assignment;
- :mod:`~threatline.eval.score` computes per-document figures, :mod:`~threatline.eval.report`
  holds them, :mod:`~threatline.eval.render` shows them as rich tables.

See ``docs/evaluation.md``.
"""

from __future__ import annotations

from threatline.eval.gold import GoldActor, GoldDoc, GoldEvent, GoldQuote, load_gold
from threatline.eval.predictions import DocPredictions, Predictions
from threatline.eval.render import render, render_tables
from threatline.eval.report import (
    PRF,
    ActorScores,
    DocReport,
    EvalReport,
    EventScores,
    PublishedScores,
    QuoteScores,
    Rate,
    Scores,
)
from threatline.eval.score import evaluate, evaluate_gold

__all__ = [
    "PRF",
    "ActorScores",
    "DocPredictions",
    "DocReport",
    "EvalReport",
    "EventScores",
    "GoldActor",
    "GoldDoc",
    "GoldEvent",
    "GoldQuote",
    "Predictions",
    "PublishedScores",
    "QuoteScores",
    "Rate",
    "Scores",
    "evaluate",
    "evaluate_gold",
    "load_gold",
    "render",
    "render_tables",
]
