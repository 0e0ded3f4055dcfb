"""The run's one writer: stores batch k while the pipeline works on batch k+1, in order."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from tests import factories as f
from threatline.ingest import _Writer
from threatline.models import ArticleResult, Failure
from threatline.store.sql import SqlStore


class RecordingStore:
    """Records which thread saved which article, slowly (as a real write would take time)."""

    def __init__(self, threaded: bool, fail_on: str | None = None) -> None:
        self.threaded, self.fail_on = threaded, fail_on
        self.saved: list[tuple[str, str]] = []
        self.failures: list[Failure] = []

    def thread_safe(self) -> bool:
        return self.threaded

    def save_result(self, result: ArticleResult, run_id: int | None = None) -> str:
        time.sleep(0.01)
        if result.article.id == self.fail_on:
            raise RuntimeError(f"disk full at {result.article.id}")
        self.saved.append((result.article.id, threading.current_thread().name))
        return "added"

    def add_failure(self, run_id: int | None, failure: Failure) -> None:
        self.failures.append(failure)


def _batch(*docs: str) -> list[ArticleResult | Failure]:
    return [ArticleResult(article=f.article(d, d)) for d in docs]


def test_batches_are_written_in_order_behind_the_caller() -> None:
    store = RecordingStore(threaded=True)
    done = []
    with _Writer(store, 1) as writer:  # type: ignore[arg-type]
        done += writer.submit(_batch("a", "b"))
        assert done == []  # nothing finished yet: batch 1 is being written
        failure = Failure(input="bad.txt", stage="nlp", code="TL300", message="boom")
        done += writer.submit([*_batch("c"), failure])
        done += writer.drain()
    assert [d for d, _ in store.saved] == ["a", "b", "c"]
    assert {name for _, name in store.saved} == {"threatline-writer_0"}
    assert [(s.added, len(s.failures)) for s in done] == [(2, 0), (1, 1)]
    assert store.failures == [failure]


def test_a_write_error_is_raised_to_the_caller() -> None:
    store = RecordingStore(threaded=True, fail_on="b")
    with _Writer(store, 1) as writer:  # type: ignore[arg-type]
        writer.submit(_batch("a", "b"))
        with pytest.raises(RuntimeError, match="disk full at b"):
            writer.submit(_batch("c"))
    assert [d for d, _ in store.saved] == ["a"]


def test_a_store_that_is_not_thread_safe_is_written_inline() -> None:
    store = RecordingStore(threaded=False)
    with _Writer(store, 1) as writer:  # type: ignore[arg-type]
        (saved,) = writer.submit(_batch("a"))
    assert saved.added == 1 and store.saved == [("a", threading.current_thread().name)]


def test_sql_stores_say_whether_threads_may_write(tmp_path: Path) -> None:
    assert SqlStore(f"sqlite:///{tmp_path}/t.db").thread_safe()
    assert not SqlStore("sqlite://").thread_safe()
