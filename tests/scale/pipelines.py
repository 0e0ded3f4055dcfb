"""Pipeline factories for runner tests; module level, so spawned worker processes import them."""

from __future__ import annotations

import os

from threatline.config import Settings
from threatline.pipeline import Pipeline, build_pipeline
from threatline.stages.base import Work

CRASH_MARK = "EXIT-THE-WORKER-NOW"


class _CrashOnMark:
    """Ends the worker process (as a segfault or the OOM killer would) on a marked article."""

    name = "crash"
    requires = frozenset({"clean"})
    provides = frozenset({"crash"})

    def __call__(self, batch: list[Work]) -> None:
        if any(CRASH_MARK in w.article.text for w in batch):
            os._exit(3)


def light(settings: Settings) -> Pipeline:
    """The clean stage only: runner mechanics without loading the NLP model."""
    return build_pipeline(settings, with_nlp=False)


def crashing(settings: Settings) -> Pipeline:
    return Pipeline([*build_pipeline(settings, with_nlp=False).stages, _CrashOnMark()])
