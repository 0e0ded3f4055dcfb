"""The quote rules against a few PolNeAR dev documents, and the PolNeAR reader itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from threatline.eval.polnear import (
    GoldAttribution,
    PolnearDoc,
    PredAttribution,
    load_split,
    predict,
    read_ann,
    score_docs,
)
from threatline.stages.nlp import load_model

ANN = """T1\tSource 0 9\tThe mayor
T2\tCue 10 14\tsaid
T3\tContent 15 33\tthe road was shut.
T4\tAttribution 10 14\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tContent 35 41;50 56\tpart a part b
T6\tDiscard 60 64\tjunk
E2\tAttribution:T5 Content:T5
"""


def test_read_ann_joins_spans_into_attributions() -> None:
    first, second = read_ann(ANN)
    assert first == GoldAttribution(source=((0, 9),), cue=((10, 14),), content=((15, 33),))
    assert second.content == ((35, 41), (50, 56)) and second.source == ()


def test_scores_count_words_and_sources() -> None:
    text = "The mayor said the road was shut. Nobody else spoke."
    gold = (GoldAttribution(source=((0, 9),), cue=((10, 14),), content=((15, 33),)),)
    doc = PolnearDoc("x", text, gold)
    right = PredAttribution(source=(0, 9), cue=(10, 14), content=(15, 32), direct=False)
    wrong = PredAttribution(source=(4, 9), cue=(10, 14), content=(34, 40), direct=False)
    scores = score_docs([doc], [[right, wrong]])
    assert scores.content_overlap["recall"] == 1.0
    assert scores.content_overlap["precision"] == pytest.approx(4 / 5)
    assert scores.source_exact == {"precision": 0.5, "recall": 1.0, "f1": pytest.approx(0.6667)}
    assert scores.source_accuracy_exact == 1.0


@pytest.mark.shared
@pytest.mark.slow
def test_polnear_dev_floor(shared: Path) -> None:
    docs = load_split(shared / "data" / "polnear", "dev", limit=12)
    assert len(docs) == 12
    scores = score_docs(docs, predict(load_model(), [d.text for d in docs]))
    # measured on these 12 documents with the shipped model: content overlap P 0.93 R 0.52,
    # source accuracy on found pairs 0.81 (exact) and 0.86 (overlap)
    assert scores.content_overlap["precision"] >= 0.85
    assert scores.content_overlap["recall"] >= 0.45
    assert scores.source_accuracy_exact >= 0.7
    assert scores.source_accuracy_overlap >= 0.78
