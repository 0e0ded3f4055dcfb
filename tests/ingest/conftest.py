from __future__ import annotations

import pytest

from threatline.config import Settings, load_settings
from threatline.pipeline import build_pipeline
from threatline.runners import SerialRunner


@pytest.fixture
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The database lives outside ``tmp_path``, which tests use as their input directory."""
    return load_settings(
        db=f"sqlite:///{tmp_path_factory.mktemp('db') / 'ingest.db'}", batch_size=8
    )


@pytest.fixture
def light_runner(settings: Settings) -> SerialRunner:
    """Clean stage only: ingest mechanics without loading the NLP model."""
    return SerialRunner(build_pipeline(settings, with_nlp=False))
