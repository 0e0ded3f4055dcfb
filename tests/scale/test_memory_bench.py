"""The memory benchmark's own machinery: a sampled child process, ingest and refresh alone."""

from __future__ import annotations

from pathlib import Path

from benchmarks.corpus import write_jsonl
from benchmarks.memory import measure_ingest, measure_refresh


def test_ingest_then_refresh_alone_are_measured(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    write_jsonl(corpus, 30, seed=2)
    db = f"sqlite:///{tmp_path}/mem.db"
    ingested = measure_ingest(corpus, db, workers=1, pipeline="none", refresh=False)
    assert ingested["added"] == 30 and ingested["peak_rss_mb_main"] > 0
    refreshed = measure_refresh(db)
    assert refreshed["mentions"] == 0 and refreshed["events"] == 0  # no stage made events
    assert refreshed["peak_rss_mb"] > 0 and set(refreshed["seconds"]) >= {"dedup", "store"}
