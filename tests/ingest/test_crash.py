"""A process killed mid-ingest leaves no half-written article, and re-running completes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from threatline.config import Settings
from threatline.ingest import ingest
from threatline.runners import SerialRunner
from threatline.store import open_store

N = 160


def _corpus(root: Path) -> None:
    for i in range(N):
        (root / f"art_{i:04d}.txt").write_text(
            f"Report {i}\n\nOfficials in city {i} said on Monday that talks number {i} "
            "would resume. "
            f"Protesters gathered in square {i} and police arrested {i % 7} people.\n"
        )


def _consistent(url: str) -> int:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT id, n_actors, n_events, n_quotes FROM articles")).all()
        for table in ("actor_mentions", "event_mentions", "quotes"):
            orphans = conn.execute(
                sa.text(f"SELECT count(*) FROM {table} WHERE doc NOT IN (SELECT id FROM articles)")
            ).scalar_one()
            assert orphans == 0, table
        for doc, n_actors, n_events, n_quotes in rows:
            for table, n in (
                ("actor_mentions", n_actors),
                ("event_mentions", n_events),
                ("quotes", n_quotes),
            ):
                got = conn.execute(
                    sa.text(f"SELECT count(*) FROM {table} WHERE doc = :d"), {"d": doc}
                ).scalar_one()
                assert got == n, (doc, table)
    engine.dispose()
    return len(rows)


@pytest.mark.slow
def test_killed_ingest_leaves_whole_articles_and_rerun_completes(
    tmp_path: Path, settings: Settings, light_runner: SerialRunner
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _corpus(corpus)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    cmd = [
        sys.executable,
        "-m",
        "threatline",
        "ingest",
        str(corpus),
        "--db",
        settings.db,
        "-q",
        "--batch-size",
        "2",
    ]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    engine = sa.create_engine(settings.db)
    deadline = time.monotonic() + 300
    stored = 0
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
            try:
                with engine.connect() as conn:
                    stored = conn.execute(sa.text("SELECT count(*) FROM articles")).scalar_one()
            except sa.exc.OperationalError:
                continue  # schema not created yet
            if stored >= 6:
                break
        assert proc.poll() is None, (
            proc.stderr.read().decode() if proc.stderr else "ingest ended early"
        )
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        engine.dispose()
        if proc.poll() is None:
            proc.kill()
    partial = _consistent(settings.db)
    assert 0 < partial < N
    store = open_store(settings.db)
    report = ingest([str(corpus)], store, settings, runner=light_runner)
    store.close()
    assert report.ok
    assert report.added == N - partial and report.duplicates == partial
    assert _consistent(settings.db) == N
