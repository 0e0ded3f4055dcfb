"""Where the per-article stages run: in this process, a pool of worker processes, or Dask.

Every runner maps batches of articles to batches of results, in input order; the caller (one
process) is the only writer to the store. Parallel runners keep a bounded number of batches in
flight, so memory does not grow with the corpus.

Stages that carry state from one article of a run to the next (the clean stage remembers the
recent articles to find repeated site furniture) must see the articles in input order, or a
parallel run would differ from a serial one. Parallel runners therefore run those *sequential*
stages (the stages of ``build_pipeline(settings, with_nlp=False)``) in the calling process, in
order, and ship the cleaned articles to the workers, whose pipelines skip those stages; the
result is identical to :class:`SerialRunner`'s.
"""

from __future__ import annotations

import concurrent.futures as cf
import functools
import gc
import multiprocessing as mp
import signal
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Protocol

from threatline.config import Settings
from threatline.errors import ConfigError, StageError
from threatline.gc_pause import gc_paused
from threatline.models import Article, ArticleResult, Failure
from threatline.pipeline import Pipeline, build_pipeline
from threatline.stages.base import Work

__all__ = [
    "Ordered",
    "PipelineFactory",
    "PoolRunner",
    "Runner",
    "SerialRunner",
    "WorkerSpec",
    "frozen_build",
    "make_runner",
    "timed_run",
]

Results = list[ArticleResult | Failure]
PipelineFactory = Callable[[Settings], Pipeline]
"""Builds the per-article pipeline; for process workers it must be importable (module level)."""


class Runner(Protocol):
    def map(self, batches: Iterator[list[Article]]) -> Iterator[Results]: ...
    def timings(self) -> dict[str, float]: ...
    def close(self) -> None: ...


class SerialRunner:
    """Runs the pipeline in this process.

    ``frozen``: the pipeline was frozen out of the collector (:func:`frozen_build`) for this
    runner, which unfreezes on :meth:`close`."""

    def __init__(self, pipeline: Pipeline, *, frozen: bool = False) -> None:
        self.pipeline = pipeline
        self.frozen = frozen

    def map(self, batches: Iterator[list[Article]]) -> Iterator[Results]:
        for batch in batches:
            yield self.pipeline.run(batch)

    def timings(self) -> dict[str, float]:
        return dict(self.pipeline.timings)

    def close(self) -> None:
        if self.frozen:
            gc.unfreeze()
            self.frozen = False


def frozen_build(build: Callable[[], Pipeline]) -> Pipeline:
    """Build a pipeline that will live long, then freeze it (and whatever else this process
    holds) out of the garbage collector's full collections (``gc.freeze``).

    Model, knowledge base and gazetteer are ~600,000 objects that are never garbage; without
    the freeze every full collection of an ingest traverses them again (~1 s per 2,000
    articles). The collector stays off while building (a fifth of the loading time went to
    collections), and no collection is needed before freezing: a build leaves a few dozen
    unreachable objects, which the freeze keeps until :func:`gc.unfreeze`."""
    with gc_paused():
        pipeline = build()
        gc.freeze()
    return pipeline


class _AlreadyRun:
    """Stands, in a worker's pipeline, for a sequential stage the calling process ran."""

    requires: frozenset[str] = frozenset()

    def __init__(self, name: str, provides: frozenset[str]) -> None:
        self.name = name
        self.provides = provides

    def __call__(self, batch: list[Work]) -> None:
        return None


@dataclass(frozen=True)
class WorkerSpec:
    """Everything a worker needs to build its pipeline: picklable and hashable."""

    settings_json: str
    factory: PipelineFactory = build_pipeline
    done: tuple[str, ...] = ()
    """Names of the sequential stages the calling process already ran."""

    def build(self) -> Pipeline:
        pipeline = self.factory(Settings.model_validate_json(self.settings_json))
        stages = [
            _AlreadyRun(s.name, s.provides) if s.name in self.done else s for s in pipeline.stages
        ]
        return Pipeline(stages)


def timed_run(pipeline: Pipeline, batch: list[Article]) -> tuple[Results, dict[str, float]]:
    """Run one batch; returns the results and the seconds each stage took on it."""
    before = dict(pipeline.timings)
    out = pipeline.run(batch)
    return out, {k: v - before.get(k, 0.0) for k, v in pipeline.timings.items()}


@dataclass
class Ordered:
    """One batch after the sequential stages: what goes to a worker, and the failures so far."""

    slots: Results
    """One entry per input article: a Failure, or the (cleaned) article's partial result."""

    @property
    def articles(self) -> list[Article]:
        return [r.article for r in self.slots if isinstance(r, ArticleResult)]

    def first_doc(self) -> str:
        return next((r.article.id for r in self.slots if isinstance(r, ArticleResult)), "?")

    def complete(self, worked: Results) -> Results:
        """The final results in input order: the worker's results fill the article slots."""
        if len(worked) != len(self.articles):  # pragma: no cover - one result per article
            raise StageError("a worker returned a result count unlike its batch", stage="runner")
        it = iter(worked)
        return [r if isinstance(r, Failure) else next(it) for r in self.slots]


class Sequencer:
    """Runs the sequential stages in the calling process, in input order.

    Those stages may change only ``Work.article`` (the clean stage does): the cleaned article is
    what travels to the workers."""

    def __init__(self, settings: Settings, factory: PipelineFactory = build_pipeline) -> None:
        self.pipeline = build_pipeline(settings, with_nlp=False)
        self.spec = WorkerSpec(
            settings.model_dump_json(), factory, tuple(s.name for s in self.pipeline.stages)
        )
        self._timings: dict[str, float] = {}

    def order(self, batch: list[Article]) -> Ordered:
        return Ordered(self.pipeline.run(batch))

    def add(self, timings: dict[str, float]) -> None:
        for k, v in timings.items():
            self._timings[k] = self._timings.get(k, 0.0) + v

    def timings(self) -> dict[str, float]:
        out = dict(self.pipeline.timings)
        for k, v in self._timings.items():
            out[k] = out.get(k, 0.0) + v
        return out


@functools.cache
def _pipeline_for(spec: WorkerSpec) -> Pipeline:
    """The pipeline of this worker process, built on its first batch and kept.

    Only ever called inside pool worker processes (the cache is each worker's own). The
    objects loaded with it (model, knowledge base, gazetteer) live as long as the worker, so
    they are frozen out of the garbage collector's full collections (``gc.freeze``)."""
    return frozen_build(spec.build)


def _ignore_interrupts() -> None:
    """Pool workers leave Ctrl-C to the calling process, which shuts the pool down."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_batch(spec: WorkerSpec, batch: list[Article]) -> tuple[Results, dict[str, float]]:
    return timed_run(_pipeline_for(spec), batch)


class PoolRunner:
    """Runs the pipeline in N worker processes, keeping at most 2N batches in flight.

    Each worker builds its pipeline once (on its first batch). A worker that dies (killed, out
    of memory, a crash in native code) fails the run with a :class:`StageError` naming the
    batch; what was stored before stays, and running the same ingest again resumes.
    ``max_batches_per_worker`` replaces each worker after that many batches (a bound on
    memory that grows inside long-lived workers, at the cost of reloading the model).
    """

    def __init__(
        self,
        settings: Settings,
        workers: int,
        *,
        factory: PipelineFactory = build_pipeline,
        max_in_flight: int | None = None,
        max_batches_per_worker: int | None = None,
    ) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.workers = workers
        self.max_in_flight = max_in_flight or 2 * workers
        self.sequencer = Sequencer(settings, factory)
        self.pool = cf.ProcessPoolExecutor(
            max_workers=workers,
            mp_context=mp.get_context("spawn"),
            initializer=_ignore_interrupts,
            max_tasks_per_child=max_batches_per_worker,
        )

    def map(self, batches: Iterator[list[Article]]) -> Iterator[Results]:
        pending: deque[tuple[Ordered, cf.Future[tuple[Results, dict[str, float]]]]] = deque()
        for batch in batches:
            ordered = self.sequencer.order(batch)
            future = self.pool.submit(_run_batch, self.sequencer.spec, ordered.articles)
            pending.append((ordered, future))
            if len(pending) >= self.max_in_flight:
                yield self._collect(*pending.popleft())
        while pending:
            yield self._collect(*pending.popleft())

    def _collect(
        self, ordered: Ordered, fut: cf.Future[tuple[Results, dict[str, float]]]
    ) -> Results:
        try:
            results, timings = fut.result()
        except BrokenProcessPool as exc:
            raise worker_died(ordered, "a worker process") from exc
        self.sequencer.add(timings)
        return ordered.complete(results)

    def timings(self) -> dict[str, float]:
        return self.sequencer.timings()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def worker_died(ordered: Ordered, who: str) -> StageError:
    """The error of a run whose worker died while processing ``ordered``."""
    n = len(ordered.articles)
    return StageError(
        f"{who} died while processing a batch of {n} articles starting with "
        f"{ordered.first_doc()!r} (killed, out of memory, or crashed in native code); "
        "the articles stored before are kept: run the same ingest again to resume",
        doc=ordered.first_doc(),
        stage="runner",
    )


def make_runner(
    settings: Settings, *, dask: str | None = None, factory: PipelineFactory = build_pipeline
) -> Runner:
    """The runner the settings ask for: Dask when ``dask`` names a scheduler address (or
    ``"local"`` for a local cluster of ``settings.workers`` processes), a process pool when
    ``settings.workers > 1``, else this process."""
    if dask:
        try:
            from threatline.dask_runner import DaskRunner
        except ImportError as exc:
            raise ConfigError(
                "running on Dask needs the dask extra: pip install 'threatline[dask]'",
                stage="runner",
            ) from exc

        return DaskRunner.connect(settings, dask, factory=factory)
    if settings.workers > 1:
        return PoolRunner(settings, settings.workers, factory=factory)
    return SerialRunner(frozen_build(lambda: factory(settings)), frozen=True)
