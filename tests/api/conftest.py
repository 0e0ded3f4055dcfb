"""A synthetic store (filled once per session, read-only in tests) and in-process clients."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.synth import Synthetic, fill_store, generate
from threatline.api import create_app
from threatline.config import Settings
from threatline.store.sql import SqlStore

with warnings.catch_warnings():
    # starlette asks for httpx2; the httpx-based TestClient works the same in process.
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

__all__ = ["TestClient", "make_client"]

N_EVENTS = 300


@pytest.fixture(scope="session")
def synthetic() -> Synthetic:
    return generate(N_EVENTS, seed=5)


@pytest.fixture(scope="session")
def api_store(tmp_path_factory: pytest.TempPathFactory, synthetic: Synthetic) -> Iterator[SqlStore]:
    path = tmp_path_factory.mktemp("api") / "api.db"
    store = SqlStore(f"sqlite:///{path}")
    fill_store(store, synthetic)
    yield store
    store.close()


@pytest.fixture(scope="session")
def client(api_store: SqlStore) -> Iterator[TestClient]:
    with TestClient(create_app(api_store)) as c:
        yield c


def make_client(store: SqlStore, token: str | None = None) -> TestClient:
    return TestClient(create_app(store, settings=Settings(db=store.url, api_token=token)))


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[SqlStore]:
    store = SqlStore(f"sqlite:///{tmp_path / 'empty.db'}")
    yield store
    store.close()
