"""Shared fixtures.

Tests that need ``../shared`` (seeds, gold, public datasets) use the ``shared`` fixture: they skip
with a clear reason when it is absent, except under ``CI=true`` where its absence is a failure.

The knowledge cache (``threatline.knowledge.cache``) of the run lives in a temporary directory
(set before any test, inherited by worker processes), never in the user's own cache.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_CACHE_ENV = "THREATLINE_CACHE_DIR"
_cache_key = pytest.StashKey[str]()


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_cache_key] = tempfile.mkdtemp(prefix="threatline-test-cache-")
    os.environ[_CACHE_ENV] = config.stash[_cache_key]


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = config.stash.get(_cache_key, None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def shared_path() -> Path:
    return Path(os.environ.get("THREATLINE_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_path()
    if not (path / "seeds").is_dir():
        message = f"../shared data not found at {path} (set THREATLINE_SHARED)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but {message}")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def seeds_dir(shared: Path) -> Path:
    return shared / "seeds"


@pytest.fixture(scope="session")
def gold_dir(shared: Path) -> Path:
    return shared / "gold" / "seeds"
