"""Watch mode: ingest new articles as they arrive in folders and feeds, until stopped.

A folder is scanned recursively (the same files :func:`~threatline.sources.walk_files` reads);
a file is ingested when it is new or changed (modification time or size), once it has not been
written to for ``settle`` seconds. A feed URL is polled every ``interval`` seconds; entries whose
content is stored, or that an earlier poll already sent, are left out. Everything goes through
the library's :func:`~threatline.ingest.ingest` with one long-lived runner, so re-seen content
adds nothing. With watchdog installed (the ``watch`` extra) a change in a folder wakes the loop
at once; otherwise folders are polled every ``interval`` seconds too.

:meth:`Watcher.step` does one scan and poll of every target: the testable core.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from threatline.config import Settings
from threatline.ingest import IngestReport, ingest, ingest_items
from threatline.models import Article, Failure
from threatline.runners import Runner, make_runner
from threatline.sources import Fetcher, HttpxFetcher, SourceOptions, walk_files
from threatline.sources.urls import is_url, iter_url
from threatline.store.base import Store

__all__ = ["DirectoryTarget", "FeedTarget", "WatchTotals", "Watcher"]

_REMEMBERED = 10_000
"""Feed entries (content hashes) and failures remembered between polls, most recent first."""


class _Recent:
    """A bounded set: the last ``size`` keys added."""

    def __init__(self, size: int = _REMEMBERED) -> None:
        self.size = size
        self._keys: OrderedDict[str, None] = OrderedDict()

    def __contains__(self, key: str) -> bool:
        return key in self._keys

    def add(self, key: str) -> None:
        self._keys[key] = None
        self._keys.move_to_end(key)
        while len(self._keys) > self.size:
            self._keys.popitem(last=False)


@dataclass
class WatchTotals:
    """What a watch did so far."""

    steps: int = 0
    runs: int = 0
    added: int = 0
    replaced: int = 0
    duplicates: int = 0
    failed: int = 0
    events: int = 0
    started: float = field(default_factory=time.monotonic)

    def add(self, report: IngestReport) -> None:
        self.runs += 1
        self.added += report.added
        self.replaced += report.replaced
        self.duplicates += report.duplicates
        self.failed += report.failed
        self.events = report.events

    def summary(self) -> str:
        minutes = (time.monotonic() - self.started) / 60
        return (
            f"watched {minutes:.1f} min, {self.steps} scans, {self.runs} ingest runs: "
            f"{self.added} added, {self.replaced} replaced, {self.duplicates} already stored, "
            f"{self.failed} failed; {self.events} events in the store"
        )


IngestPaths = Callable[[list[str]], IngestReport]
IngestItems = Callable[[list[Article | Failure], str], IngestReport]


class DirectoryTarget:
    """New and changed files under a folder, recursively."""

    def __init__(self, root: Path, options: SourceOptions, settle: float = 1.0) -> None:
        self.root = root
        self.options = options
        self.settle = settle
        self.name = str(root)
        self._state: dict[str, tuple[int, int]] = {}
        self._failures = _Recent()
        self.deferred = 0
        """Files seen changing in the last scan but not settled yet."""

    def scan(self, now: float | None = None) -> tuple[list[str], list[tuple[str, tuple[int, int]]]]:
        """Paths to ingest and their new (mtime, size) keys, to commit once ingested."""
        now = time.time() if now is None else now
        paths: list[str] = []
        keys: list[tuple[str, tuple[int, int]]] = []
        self.deferred = 0
        for entry in walk_files(self.root, self.options):
            if isinstance(entry, Failure):
                if str(entry) not in self._failures:
                    self._failures.add(str(entry))
                    paths.append(entry.input)  # ingest reports the unreadable folder
                continue
            try:
                info = entry.stat()
            except OSError:
                continue  # removed between listing and stat
            key = (info.st_mtime_ns, info.st_size)
            name = os.fspath(entry)
            if self._state.get(name) == key:
                continue
            if now - info.st_mtime < self.settle:
                self.deferred += 1
                continue
            paths.append(name)
            keys.append((name, key))
        return paths, keys

    def step(self, ingest_paths: IngestPaths) -> IngestReport | None:
        """Ingest what is new or changed; the files count as seen once the run is over."""
        paths, keys = self.scan()
        if not paths:
            return None
        report = ingest_paths(paths)
        self._state.update(keys)
        return report


class FeedTarget:
    """New entries of an RSS/Atom feed (or new content at a page URL)."""

    def __init__(self, url: str, fetcher: Fetcher, options: SourceOptions) -> None:
        self.url = url
        self.name = url
        self.fetcher = fetcher
        self.options = options
        self._sent = _Recent()

    def fresh(self, store: Store) -> list[Article | Failure]:
        """Entries neither stored nor sent by an earlier poll, and failures not yet reported."""
        items = list(iter_url(self.url, fetcher=self.fetcher, options=self.options))
        articles = [a for a in items if isinstance(a, Article)]
        known = store.known_hashes(a.content_hash for a in articles)
        out: list[Article | Failure] = []
        for item in items:
            key = item.content_hash if isinstance(item, Article) else str(item)
            if key in self._sent or key in known:
                continue
            self._sent.add(key)
            out.append(item)
        return out

    def step(self, store: Store, ingest_items: IngestItems) -> IngestReport | None:
        """Ingest the fresh entries, if any."""
        new = self.fresh(store)
        return ingest_items(new, self.url) if new else None


class Watcher:
    """Watches folders and feed URLs and ingests what is new; see the module docstring."""

    def __init__(
        self,
        targets: Sequence[str],
        store: Store,
        settings: Settings,
        *,
        runner: Runner | None = None,
        fetcher: Fetcher | None = None,
        settle: float = 1.0,
    ) -> None:
        self.store = store
        self.settings = settings
        self.options = SourceOptions(max_article_bytes=settings.max_article_bytes)
        fetcher = fetcher or HttpxFetcher(max_bytes=self.options.max_feed_bytes)
        self.folders: list[DirectoryTarget] = []
        self.feeds: list[FeedTarget] = []
        for target in targets:
            if is_url(target):
                self.feeds.append(FeedTarget(target, fetcher, self.options))
            else:
                self.folders.append(DirectoryTarget(Path(target), self.options, settle))
        self._own_runner = runner is None
        self.runner = runner or make_runner(settings)
        self.totals = WatchTotals()
        self._stop = threading.Event()
        self._wake = threading.Event()

    def _ingest_paths(self, paths: list[str]) -> IngestReport:
        return ingest(paths, self.store, self.settings, runner=self.runner)

    def _ingest_items(self, items: list[Article | Failure], url: str) -> IngestReport:
        args = {"inputs": [url], "watch": True}
        return ingest_items(items, self.store, self.settings, args=args, runner=self.runner)

    def step(self, *, feeds: bool = True) -> list[IngestReport]:
        """Scan every folder and (with ``feeds``) poll every feed once; ingest what is new."""
        reports: list[IngestReport] = []
        for folder in self.folders:
            report = folder.step(self._ingest_paths)
            if report is not None:
                reports.append(report)
        for feed in self.feeds if feeds else []:
            report = feed.step(self.store, self._ingest_items)
            if report is not None:
                reports.append(report)
        self.totals.steps += 1
        for report in reports:
            self.totals.add(report)
        return reports

    def run(
        self, interval: float, on_step: Callable[[list[IngestReport]], Any] | None = None
    ) -> WatchTotals:
        """Step every ``interval`` seconds (folders at once on a change) until :meth:`stop`."""
        observer = self._observe()
        next_poll = 0.0
        try:
            while not self._stop.is_set():
                now = time.monotonic()
                reports = self.step(feeds=now >= next_poll)
                if now >= next_poll:
                    next_poll = now + interval
                if on_step is not None:
                    on_step(reports)
                wait = max(0.05, next_poll - time.monotonic())
                for folder in self.folders:
                    if folder.deferred:  # come back as soon as those files have settled
                        wait = min(wait, folder.settle + 0.05)
                self._wake.wait(wait)
                self._wake.clear()
        finally:
            if observer is not None:
                observer.stop()
                observer.join(timeout=5)
        return self.totals

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    def _observe(self) -> Any:
        """A watchdog observer that wakes the loop on any change in a folder, if available."""
        if not self.folders:
            return None
        try:
            from watchdog.events import FileSystemEvent, FileSystemEventHandler
            from watchdog.observers import Observer
        except ImportError:
            return None
        wake = self._wake

        class _Wake(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                if event.event_type not in ("opened", "closed_no_write"):
                    wake.set()

        observer = Observer()
        for folder in self.folders:
            if folder.root.is_dir():
                observer.schedule(_Wake(), str(folder.root), recursive=True)
        observer.start()
        return observer

    def close(self) -> None:
        if self._own_runner:
            self.runner.close()

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
