"""The pipeline is checked before any text runs; failures are isolated per article."""

from __future__ import annotations

import gc

import pytest

from tests import factories as f
from threatline.errors import ConfigError
from threatline.gc_pause import gc_paused
from threatline.models import ArticleResult, Failure
from threatline.pipeline import Pipeline
from threatline.stages.base import Work


class Stage:
    def __init__(self, name: str, requires: set[str], provides: set[str]) -> None:
        self.name = name
        self.requires = frozenset(requires)
        self.provides = frozenset(provides)
        self.calls = 0

    def __call__(self, batch: list[Work]) -> None:
        self.calls += 1


def test_missing_requirement_is_reported_before_running() -> None:
    with pytest.raises(ConfigError, match="'events' requires \\['doc'\\]"):
        Pipeline([Stage("clean", set(), {"clean"}), Stage("events", {"doc"}, {"events"})])


def test_stages_run_in_order_and_time_is_recorded() -> None:
    a, b = Stage("a", set(), {"x"}), Stage("b", {"x"}, {"y"})
    pipe = Pipeline([a, b])
    out = pipe.run([f.article("1.txt", "one"), f.article("2.txt", "two")])
    assert all(isinstance(r, ArticleResult) for r in out)
    assert (a.calls, b.calls) == (1, 1)
    assert set(pipe.timings) == {"a", "b"} and pipe.provides == {"article", "x", "y"}


def test_one_failing_article_does_not_sink_the_batch() -> None:
    class Picky:
        name, requires, provides = "picky", frozenset(), frozenset({"z"})

        def __call__(self, batch: list[Work]) -> None:
            if any("bad" in w.article.text for w in batch):
                raise RuntimeError("cannot handle bad")

    out = Pipeline([Picky()]).run(
        [f.article("1.txt", "good"), f.article("2.txt", "bad one"), f.article("3.txt", "ok")]
    )
    assert [type(r).__name__ for r in out] == ["ArticleResult", "Failure", "ArticleResult"]
    failure = out[1]
    assert isinstance(failure, Failure) and failure.doc == "2.txt" and failure.stage == "picky"


def test_clean_stage_learns_site_furniture_across_batches() -> None:
    from threatline.pipeline import CleanStage

    stage = CleanStage(repeated_min_docs=5)
    footer = "Subscribe to the Daily Brief for more regional coverage"
    outs = []
    for i in range(8):
        body = (
            f"Story {i}\n\nOfficials in district {i} said on Monday that {i} families were "
            f"moved.\n\n{footer}\n"
        )
        work = Work(article=f.article(f"{i}.txt", body))
        stage([work])
        outs.append(work.article)
    assert footer in outs[0].text  # four articles are too few to call it furniture
    assert footer not in outs[7].text and footer in [s.text for s in outs[7].removed]


def test_gc_paused_restores_the_collector_even_on_error() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), gc_paused():
        assert not gc.isenabled()
        raise RuntimeError("loading failed")
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()
