"""Where the per-article stages run: in this process, or in a pool of worker processes.

Every runner maps batches of articles to batches of results; the caller (one process) is the
only writer to the store.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing as mp
from collections import deque
from collections.abc import Iterator
from typing import Protocol

from threatline.config import Settings
from threatline.models import Article, ArticleResult, Failure
from threatline.pipeline import Pipeline, build_pipeline

__all__ = ["PoolRunner", "Runner", "SerialRunner", "make_runner"]

Results = list[ArticleResult | Failure]


class Runner(Protocol):
    def map(self, batches: Iterator[list[Article]]) -> Iterator[Results]: ...
    def timings(self) -> dict[str, float]: ...
    def close(self) -> None: ...


class SerialRunner:
    """Runs the pipeline in this process."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline

    def map(self, batches: Iterator[list[Article]]) -> Iterator[Results]:
        for batch in batches:
            yield self.pipeline.run(batch)

    def timings(self) -> dict[str, float]:
        return dict(self.pipeline.timings)

    def close(self) -> None:
        return None


class _Worker:
    """Holds the pipeline of one worker process (built once, in the worker)."""

    pipeline: Pipeline | None = None


def _init_worker(settings_json: str) -> None:
    settings = Settings.model_validate_json(settings_json)
    _Worker.pipeline = build_pipeline(settings)


def _run_batch(batch: list[Article]) -> tuple[Results, dict[str, float]]:
    pipeline = _Worker.pipeline
    if pipeline is None:  # pragma: no cover - the initializer always ran
        raise RuntimeError("worker pipeline not initialised")
    before = dict(pipeline.timings)
    out = pipeline.run(batch)
    return out, {k: v - before.get(k, 0.0) for k, v in pipeline.timings.items()}


class PoolRunner:
    """Runs the pipeline in N worker processes, keeping at most 2N batches in flight."""

    def __init__(self, settings: Settings, workers: int) -> None:
        ctx = mp.get_context("spawn")
        self.workers = workers
        self.pool = cf.ProcessPoolExecutor(
            max_workers=workers,
            mp_context=ctx,
            initializer=_init_worker,
            initargs=(settings.model_dump_json(),),
        )
        self._timings: dict[str, float] = {}

    def map(self, batches: Iterator[list[Article]]) -> Iterator[Results]:
        pending: deque[cf.Future[tuple[Results, dict[str, float]]]] = deque()
        for batch in batches:
            pending.append(self.pool.submit(_run_batch, batch))
            if len(pending) >= 2 * self.workers:
                yield self._collect(pending.popleft())
        while pending:
            yield self._collect(pending.popleft())

    def _collect(self, fut: cf.Future[tuple[Results, dict[str, float]]]) -> Results:
        results, timings = fut.result()
        for k, v in timings.items():
            self._timings[k] = self._timings.get(k, 0.0) + v
        return results

    def timings(self) -> dict[str, float]:
        return dict(self._timings)

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


def make_runner(settings: Settings) -> Runner:
    if settings.workers > 1:
        return PoolRunner(settings, settings.workers)
    return SerialRunner(build_pipeline(settings))
