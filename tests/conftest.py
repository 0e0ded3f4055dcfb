"""Shared fixtures.

Tests that need ``../shared`` (seeds, gold, public datasets) use the ``shared`` fixture: they skip
with a clear reason when it is absent, except under ``CI=true`` where its absence is a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


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
