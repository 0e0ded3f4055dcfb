from __future__ import annotations

from pathlib import Path

import pytest

from threatline.eval.gold import GoldDoc, load_gold


@pytest.fixture(scope="session")
def seed_gold_docs(gold_dir: Path) -> list[GoldDoc]:
    return load_gold(gold_dir)
