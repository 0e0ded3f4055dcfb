"""The store contract suite runs against SQLite always and PostgreSQL when one is configured.

Set THREATLINE_TEST_PG=postgresql://user@host:port/db to include PostgreSQL (``.ci/run`` starts
one). Under CI=true a missing PostgreSQL is a failure, not a skip.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from threatline.store.sql import SqlStore, engine_for


def pg_url() -> str | None:
    return os.environ.get("THREATLINE_TEST_PG")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    url = pg_url()
    if not url:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true but THREATLINE_TEST_PG is not set: .ci/run must start PostgreSQL")
        pytest.skip("PostgreSQL not configured (set THREATLINE_TEST_PG)")
    engine = engine_for(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()
    return url


@pytest.fixture
def store(store_url: str) -> Iterator[SqlStore]:
    s = SqlStore(store_url)
    yield s
    s.close()
