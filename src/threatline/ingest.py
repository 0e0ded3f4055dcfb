"""The main job: read inputs, run the per-article stages, store, then the cross-article stages.

Articles are read, processed and written in batches, so memory stays bounded whatever the size
of the corpus: sources are generators, the run's dedup index lives out of the heap
(:class:`~threatline.streaming.RunIndex`), runners keep a bounded number of batches in flight,
and the report keeps counters and only the first :data:`MAX_REPORTED_FAILURES` failures (every
failure is stored). Each batch of articles is stored in one transaction; an input that fails
becomes a Failure (naming the file, the line and the reason) and the run carries on.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from threatline.config import Settings
from threatline.models import Article, ArticleResult, Failure
from threatline.runners import Runner, make_runner
from threatline.store.base import Store
from threatline.streaming import RunIndex, batches

if TYPE_CHECKING:
    from threatline.sources import Fetcher

__all__ = ["MAX_REPORTED_FAILURES", "IngestReport", "ingest", "ingest_items", "refresh"]

ProgressFn = Callable[[int, int], None]

MAX_REPORTED_FAILURES = 1000
"""The report lists at most this many failures; ``failed`` counts them all (the store has all)."""


@dataclass
class IngestReport:
    """What one ingest run did."""

    run_id: int
    added: int = 0
    replaced: int = 0
    duplicates: int = 0
    failures: list[Failure] = field(default_factory=list)
    failed: int = 0
    seconds: float = 0.0
    events: int = 0
    stage_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def articles(self) -> int:
        return self.added + self.replaced

    @property
    def ok(self) -> bool:
        return self.failed == 0

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0

    def add_failure(self, failure: Failure) -> None:
        self.failed += 1
        if len(self.failures) < MAX_REPORTED_FAILURES:
            self.failures.append(failure)

    def as_dict(self) -> dict[str, object]:
        return {
            "run_id": self.run_id,
            "added": self.added,
            "replaced": self.replaced,
            "duplicates": self.duplicates,
            "failed": self.failed,
            "events": self.events,
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.rate, 2),
            "stage_seconds": {k: round(v, 3) for k, v in self.stage_seconds.items()},
        }


def ingest(
    inputs: Sequence[str | os.PathLike[str]],
    store: Store,
    settings: Settings,
    *,
    runner: Runner | None = None,
    progress: ProgressFn | None = None,
    fetcher: Fetcher | None = None,
) -> IngestReport:
    """Ingest files, directories, URLs; returns what was added, skipped and failed.

    A ``runner`` given by the caller is left open (it can serve further runs, as in watch
    mode); without one, the runner the settings ask for is made and closed here.
    """
    from threatline.sources import SourceOptions, iter_inputs

    if isinstance(inputs, str | os.PathLike):
        raise TypeError("ingest takes a sequence of paths or URLs, not one path")
    names = [os.fspath(i) for i in inputs]
    options = SourceOptions(max_article_bytes=settings.max_article_bytes)
    return ingest_items(
        iter_inputs(names, options, fetcher=fetcher),
        store,
        settings,
        args={"inputs": names},
        runner=runner,
        progress=progress,
    )


def ingest_items(
    items: Iterable[Article | Failure],
    store: Store,
    settings: Settings,
    *,
    args: dict[str, Any] | None = None,
    runner: Runner | None = None,
    progress: ProgressFn | None = None,
) -> IngestReport:
    """Ingest a stream of articles (and source failures) as one run; see :func:`ingest`."""
    run_id = store.start_run("ingest", {**(args or {}), "model": settings.model})
    report = IngestReport(run_id=run_id)
    start = time.perf_counter()
    own_runner = runner is None
    status = "failed"
    with RunIndex() as index:
        try:
            runner = runner or make_runner(settings)
            before = runner.timings()
            fresh = _fresh_batches(items, store, settings.batch_size, index, report)
            for results in runner.map(fresh):
                _store_results(store, run_id, results, report)
                if progress is not None:
                    progress(report.articles + report.duplicates, report.failed)
            after = runner.timings()
            report.stage_seconds = {k: v - before.get(k, 0.0) for k, v in after.items()}
            if own_runner:  # free the workers' (or this process's pipeline's) memory first
                runner.close()
                own_runner, runner = False, None
            report.events = refresh(store)
            status = "ok" if report.ok else "partial"
        finally:
            if own_runner and runner is not None:
                runner.close()
            report.seconds = time.perf_counter() - start
            store.finish_run(run_id, status, report.as_dict())
    return report


def _fresh_batches(
    items: Iterable[Article | Failure],
    store: Store,
    size: int,
    index: RunIndex,
    report: IngestReport,
) -> Iterator[list[Article]]:
    """Batches of articles neither stored nor seen in this run; source failures are recorded."""
    for chunk in batches(items, size):
        articles: list[Article] = []
        for item in chunk:
            if isinstance(item, Failure):
                report.add_failure(item)
                store.add_failure(report.run_id, item)
            else:
                articles.append(item)
        known = store.known_hashes(a.content_hash for a in articles)
        sources = store.article_sources(a.id for a in articles)
        kept, dupes = index.fresh(articles, known, sources)
        report.duplicates += dupes
        if kept:
            yield kept


def _store_results(
    store: Store, run_id: int, results: list[ArticleResult | Failure], report: IngestReport
) -> None:
    """Store one batch: its articles in one transaction, then its failures."""
    done = [r for r in results if isinstance(r, ArticleResult)]
    for outcome in store.save_results(done, run_id):
        if outcome == "added":
            report.added += 1
        elif outcome == "replaced":
            report.replaced += 1
        else:
            report.duplicates += 1
    for res in results:
        if isinstance(res, Failure):
            report.add_failure(res)
            store.add_failure(run_id, res)


def refresh(store: Store) -> int:
    """Run the cross-article stages over what is stored (dedup -> dating -> merge -> threats);
    returns the number of events."""
    from threatline.crossdoc.refresh import run_crossdoc

    return run_crossdoc(store).events
