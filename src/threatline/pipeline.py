"""Builds the per-article stages from the settings, checks them, runs batches.

A batch of :class:`Article` goes in; an :class:`ArticleResult` or a :class:`Failure` comes out for
each article. A stage that fails on a batch is retried article by article, so one bad article
becomes one Failure naming the article and the stage while the rest carries on. Stage times are
accumulated in :attr:`Pipeline.timings`.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from threatline.config import Settings
from threatline.errors import ConfigError, ThreatlineError
from threatline.gc_pause import gc_paused
from threatline.models import Article, ArticleResult, Failure
from threatline.stages.base import Stage, Work

if TYPE_CHECKING:
    from threatline.stages.clean import DocLines

__all__ = ["CleanStage", "Pipeline", "build_pipeline"]

_WINDOW = 2000
_RECOUNT = 256


class CleanStage:
    """Removes site furniture; lines repeated across the recent articles of the run count too.

    The repeated-line set is recounted over the window of the last ``_WINDOW`` articles while
    the window is small, then every ``_RECOUNT`` articles: recounting 2,000 documents for every
    batch cost as much as parsing it. Each article's lines are split and classified once, when
    it enters.
    """

    name = "clean"
    requires: frozenset[str] = frozenset()
    provides = frozenset({"clean"})

    def __init__(self, repeated_min_docs: int = 5) -> None:
        from threatline.stages.clean import Cleaner, CleanOptions

        self.options = CleanOptions(repeated_min_docs=repeated_min_docs)
        self.cleaner = Cleaner(self.options)
        self.window: deque[DocLines] = deque(maxlen=_WINDOW)
        self.repeated: frozenset[str] = frozenset()
        self.unseen = 0

    def __call__(self, batch: list[Work]) -> None:
        from threatline.stages.clean import doc_lines, repeated_in

        self.window.extend(doc_lines(w.article.raw, self.options) for w in batch)
        self.unseen += len(batch)
        if self.unseen >= _RECOUNT or len(self.window) <= _RECOUNT:
            self.repeated = repeated_in(self.window, self.options)
            self.unseen = 0
        for w in batch:
            w.article = self.cleaner.clean(w.article, self.repeated)


class Pipeline:
    """An ordered list of stages, checked before any text runs."""

    def __init__(self, stages: Sequence[Stage]) -> None:
        provided = {"article"}
        for stage in stages:
            missing = stage.requires - provided
            if missing:
                raise ConfigError(
                    f"stage {stage.name!r} requires {sorted(missing)}, "
                    "which no earlier stage provides",
                    stage="pipeline",
                )
            provided |= stage.provides
        self.stages = list(stages)
        self.provides = frozenset(provided)
        self.timings: dict[str, float] = {s.name: 0.0 for s in self.stages}

    def run(self, articles: Sequence[Article]) -> list[ArticleResult | Failure]:
        works = [Work(article=a) for a in articles]
        failed: dict[int, Failure] = {}
        for stage in self.stages:
            live = [w for i, w in enumerate(works) if i not in failed]
            if not live:
                break
            start = time.perf_counter()
            try:
                stage(live)
            except Exception:
                for i, w in enumerate(works):
                    if i in failed:
                        continue
                    try:
                        stage([w])
                    except Exception as exc:
                        failed[i] = _failure(w.article, stage.name, exc)
            self.timings[stage.name] += time.perf_counter() - start
        return [failed[i] if i in failed else w.result() for i, w in enumerate(works)]


def _failure(article: Article, stage: str, exc: Exception) -> Failure:
    code = exc.code if isinstance(exc, ThreatlineError) else "TL300"
    message = f"{type(exc).__name__}: {exc}"
    return Failure(
        input=article.source or article.id, stage=stage, code=code, message=message, doc=article.id
    )


def build_pipeline(settings: Settings, *, with_nlp: bool = True) -> Pipeline:
    """The per-article stages in order.

    clean -> nlp -> time -> actors -> places -> events -> quotes. Time runs before actors so that
    persons resolve to their role on the (possibly estimated) publication date. ``with_nlp=False``
    keeps only the clean stage (ingest mechanics without loading any model).
    """
    stages: list[Stage] = [CleanStage(settings.repeated_min_docs)]
    if not with_nlp:
        return Pipeline(stages)
    from threatline.stages.nlp import NlpStage, load_model

    nlp = load_model(settings.model)  # first: spaCy's msgpack reader turns the collector back on
    with gc_paused(collect=True):  # loading: a fifth of its time went to full collections
        from threatline.knowledge import load_knowledge
        from threatline.stages.actors import ActorStage
        from threatline.stages.events import EventStage
        from threatline.stages.places import PlaceStage
        from threatline.stages.quotes import QuoteStage
        from threatline.stages.time import TimeStage

        kb = load_knowledge(extra_dirs=[Path(d) for d in settings.knowledge_dirs])
        places = PlaceStage()
        places.matcher(nlp.make_doc(""))  # build the place matcher now, not on the first text
        stages += [
            NlpStage(nlp, batch_size=settings.batch_size),
            TimeStage(),
            ActorStage(kb),
            places,
            EventStage(historical_days=settings.events.historical_days),
            QuoteStage(kb),
        ]
    return Pipeline(stages)
