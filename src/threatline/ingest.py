"""The main job: read inputs, run the per-article stages, store, then the cross-article stages.

Articles are read, processed and written in batches, so memory stays bounded whatever the size
of the corpus. Each article is stored in its own transaction; an input that fails becomes a
Failure (naming the file, the line and the reason) and the run carries on.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from threatline.config import Settings
from threatline.models import Article, ArticleResult, Failure
from threatline.runners import Runner, make_runner
from threatline.store.base import Store

__all__ = ["IngestReport", "ingest", "refresh"]

ProgressFn = Callable[[int, int], None]


@dataclass
class IngestReport:
    """What one ingest run did."""

    run_id: int
    added: int = 0
    replaced: int = 0
    duplicates: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    events: int = 0
    stage_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def articles(self) -> int:
        return self.added + self.replaced

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "run_id": self.run_id,
            "added": self.added,
            "replaced": self.replaced,
            "duplicates": self.duplicates,
            "failed": len(self.failures),
            "events": self.events,
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.rate, 2),
            "stage_seconds": {k: round(v, 3) for k, v in self.stage_seconds.items()},
        }


def _batches(items: Iterable[Article | Failure], size: int) -> Iterator[list[Article | Failure]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


class _Deduper:
    """Skips content already stored or seen in this run; keeps file-name ids unique."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.seen_hashes: set[str] = set()
        self.ids: dict[str, str] = {}

    def fresh(self, articles: list[Article]) -> tuple[list[Article], int]:
        known = self.store.known_hashes(a.content_hash for a in articles)
        out: list[Article] = []
        dupes = 0
        for art in articles:
            if art.content_hash in known or art.content_hash in self.seen_hashes:
                dupes += 1
                continue
            self.seen_hashes.add(art.content_hash)
            other = self.ids.get(art.id)
            if other is not None and other != art.content_hash:
                art = art.model_copy(update={"id": f"{art.id}#{art.content_hash[:8]}"})
            self.ids[art.id] = art.content_hash
            out.append(art)
        return out, dupes


def ingest(
    inputs: Sequence[str],
    store: Store,
    settings: Settings,
    *,
    runner: Runner | None = None,
    progress: ProgressFn | None = None,
) -> IngestReport:
    """Ingest files, directories, URLs; returns what was added, skipped and failed."""
    from threatline.sources import SourceOptions, iter_inputs

    run_id = store.start_run("ingest", {"inputs": list(inputs), "model": settings.model})
    report = IngestReport(run_id=run_id)
    start = time.perf_counter()
    runner = runner or make_runner(settings)
    dedupe = _Deduper(store)
    source_options = SourceOptions(max_article_bytes=settings.max_article_bytes)
    status = "failed"
    try:
        batches = _batches(iter_inputs(inputs, source_options), settings.batch_size)

        def articles_only() -> Iterator[list[Article]]:
            for chunk in batches:
                fresh: list[Article] = []
                for item in chunk:
                    if isinstance(item, Failure):
                        report.failures.append(item)
                        store.add_failure(run_id, item)
                    else:
                        fresh.append(item)
                kept, dupes = dedupe.fresh(fresh)
                report.duplicates += dupes
                if kept:
                    yield kept

        for results in runner.map(articles_only()):
            _store_results(store, run_id, results, report)
            if progress is not None:
                progress(report.articles + report.duplicates, len(report.failures))
        report.stage_seconds = runner.timings()
        report.events = refresh(store)
        status = "ok" if report.ok else "partial"
    finally:
        runner.close()
        report.seconds = time.perf_counter() - start
        store.finish_run(run_id, status, report.as_dict())
    return report


def _store_results(
    store: Store, run_id: int, results: list[ArticleResult | Failure], report: IngestReport
) -> None:
    for res in results:
        if isinstance(res, Failure):
            report.failures.append(res)
            store.add_failure(run_id, res)
            continue
        outcome = store.save_result(res, run_id)
        if outcome == "added":
            report.added += 1
        elif outcome == "replaced":
            report.replaced += 1
        else:
            report.duplicates += 1


def refresh(store: Store) -> int:
    """Run the cross-article stages over what is stored; returns the number of events."""
    from threatline.crossdoc.merge import rebuild_events

    return rebuild_events(store)
