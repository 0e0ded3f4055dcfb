"""Corpora and store snapshots for the scale tests (invented text)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from threatline.config import Settings, load_settings
from threatline.store import schema
from threatline.store.sql import engine_for

FURNITURE = ["Kestrel Valley Gazette", "Night desk edition", "Harbour bureau"]
_VOLATILE = {"run_id", "ingested_at", "at", "started_at", "finished_at"}


def write_corpus(root: Path, n: int = 36) -> int:
    """Articles with site furniture repeated across batches, one duplicate and one id clash."""
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        lines = [f"Talks in city {i} resume", ""]
        if i % 3 == 0:
            lines += [FURNITURE[1 + i % 2], ""]
        lines.append(
            f"Officials in city {i} said on Monday that delegation {i} would meet rebels. "
            f"Protesters gathered in square {i} and police arrested {i % 7 + 2} people."
        )
        lines += ["", FURNITURE[0]]
        (root / f"art_{i:03d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "copy_of_art_001.txt").write_text(
        (root / "art_001.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    sub = root / "sub"
    sub.mkdir(exist_ok=True)
    (sub / "art_000.txt").write_text("Another report named like the first one.\n", "utf-8")
    return n + 1  # distinct contents: the copy is a duplicate


def snapshot(url: str) -> dict[str, list[dict[str, str]]]:
    """Every stored row except run bookkeeping (run ids, times, autoincrement keys), sorted."""
    engine = engine_for(url)
    out: dict[str, list[dict[str, str]]] = {}
    try:
        with engine.connect() as conn:
            for table in schema.metadata.sorted_tables:
                if table.name in ("runs", "alembic_version"):
                    continue
                cols = [
                    c
                    for c in table.columns
                    if c.name not in _VOLATILE and not (c.primary_key and c.autoincrement is True)
                ]
                rows = conn.execute(sa.select(*cols)).mappings().all()
                records = [{k: repr(v) for k, v in r.items()} for r in rows]
                out[table.name] = sorted(records, key=repr)
    finally:
        engine.dispose()
    return out


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    write_corpus(root)
    return root


def settings_for(url: str, **kw: Any) -> Settings:
    return load_settings(db=url, batch_size=4, **kw)


def _pg_database(base: str, name: str) -> str:
    engine = engine_for(base)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    engine.dispose()
    return base.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_pair(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two empty stores of one kind: (reference, under test)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
        return
    base = os.environ.get("THREATLINE_TEST_PG")
    if not base:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true but THREATLINE_TEST_PG is not set")
        pytest.skip("PostgreSQL not configured (set THREATLINE_TEST_PG)")
    names = (f"tl_scale_a_{os.getpid()}", f"tl_scale_b_{os.getpid()}")
    yield _pg_database(base, names[0]), _pg_database(base, names[1])
