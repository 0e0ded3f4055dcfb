"""Publication dates of the seed articles (which have none), against the gold windows."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from spacy.language import Language

from threatline.sources.records import make_article
from threatline.stages.base import Work
from threatline.stages.clean import Cleaner
from threatline.stages.nlp import load_model
from threatline.stages.time import TimeStage

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


def _dated(seeds_dir: Path, nlp: Language) -> list[Work]:
    cleaner = Cleaner()
    works = []
    for path in sorted(seeds_dir.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        article = cleaner.clean(make_article(id=path.name, raw=raw, source=str(path)))
        works.append(Work(article=article, doc=nlp(article.text)))
    TimeStage()(works)
    return works


def test_estimates_fall_in_the_gold_windows(seeds_dir: Path, gold_dir: Path, nlp: Language) -> None:
    works = _dated(seeds_dir, nlp)
    assert len(works) == 5
    inside = 0
    for work in works:
        gold = json.loads((gold_dir / work.article.id).with_suffix(".json").read_text("utf-8"))
        first, last = (dt.date.fromisoformat(d) for d in gold["published_window"])
        a = work.article
        if a.published is None:
            continue
        assert a.published_estimated is True
        assert a.published_window is not None
        assert a.published_window[0] <= a.published <= a.published_window[1]
        inside += first <= a.published <= last
    assert inside >= 4


def test_relative_expressions_follow_the_estimate(seeds_dir: Path, nlp: Language) -> None:
    for work in _dated(seeds_dir, nlp):
        published = work.article.published
        if published is None:
            continue
        for mention in work.times:
            if mention.kind == "weekday" and mention.value is not None:
                # a weekday lies in the week around publication
                assert abs((published - mention.value.value).days) <= 7
