"""Streaming plumbing: lazy batches, the run's dedup index, bounded reports, runner ownership."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

import threatline.ingest as ingest_module
from tests import factories as f
from tests.scale.conftest import settings_for
from tests.scale.pipelines import light
from threatline.ingest import ingest, ingest_items
from threatline.models import Article
from threatline.runners import Results, SerialRunner
from threatline.store import open_store
from threatline.streaming import RunIndex, batches


def test_batches_are_read_lazily() -> None:
    assert list(batches(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    endless = batches(itertools.count(), 2)
    assert next(endless) == [0, 1] and next(endless) == [2, 3]
    with pytest.raises(ValueError, match="at least 1"):
        next(batches([1], 0))


def test_run_index_skips_seen_and_stored_content_and_renames_clashing_ids() -> None:
    a1 = f.article("a.txt", "First text.")
    b = f.article("b.txt", "Second text.")
    a2 = f.article("a.txt", "Other text under the same name.")
    stored = f.article("c.txt", "Already in the store.")
    with RunIndex() as index:
        kept, dupes = index.fresh([a1, b, a1, stored], known={stored.content_hash})
        assert [k.id for k in kept] == ["a.txt", "b.txt"] and dupes == 2
        kept, dupes = index.fresh([a2, b], known=set())
        assert [k.id for k in kept] == [f"a.txt#{a2.content_hash[:8]}"] and dupes == 1
        assert index.size == 3


def test_run_index_keeps_working_past_its_memory_cache() -> None:
    with RunIndex(cache_kib=64) as index:  # 20,000 hashes and ids are ~3 MB: spilled to disk
        for start in range(0, 20_000, 2_000):
            arts = [f.article(f"{i}.txt", f"text {i}") for i in range(start, start + 2_000)]
            kept, _ = index.fresh(arts, known=set())
            assert len(kept) == 2_000
        again, dupes = index.fresh([f.article("7.txt", "text 7")], known=set())
        assert again == [] and dupes == 1


def test_report_counts_every_failure_but_lists_only_the_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_module, "MAX_REPORTED_FAILURES", 2)
    feed = tmp_path / "records.jsonl"
    feed.write_text("not json\n" * 5 + '{"id": "ok", "text": "A valid record."}\n')
    url = f"sqlite:///{tmp_path / 'x.db'}"
    settings = settings_for(url)
    with open_store(url) as store:  # type: ignore[attr-defined]
        report = ingest([str(feed)], store, settings, runner=SerialRunner(light(settings)))
        assert (report.failed, len(report.failures), report.added) == (5, 2, 1)
        assert not report.ok and report.as_dict()["failed"] == 5
        assert len(store.failures(report.run_id)) == 5


class _Recording:
    def __init__(self, inner: SerialRunner) -> None:
        self.inner = inner
        self.closed = 0

    def map(self, batches: Iterator[list[Article]]) -> Iterator[Results]:
        return self.inner.map(batches)

    def timings(self) -> dict[str, float]:
        return self.inner.timings()

    def close(self) -> None:
        self.closed += 1


def test_a_callers_runner_serves_several_runs_and_stage_times_are_per_run(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    settings = settings_for(url)
    runner = _Recording(SerialRunner(light(settings)))
    with open_store(url) as store:  # type: ignore[attr-defined]
        first = ingest_items([f.article("1.txt", "One.")], store, settings, runner=runner)
        second = ingest_items([f.article("2.txt", "Two.")], store, settings, runner=runner)
    assert runner.closed == 0 and (first.added, second.added) == (1, 1)
    total = runner.timings()["clean"]
    assert first.stage_seconds["clean"] + second.stage_seconds["clean"] == pytest.approx(total)
