"""A Dask ingest stores what a serial ingest stores (SQLite; PostgreSQL when configured)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from tests.scale.conftest import settings_for, snapshot
from tests.scale.pipelines import light
from threatline.config import Settings
from threatline.dask_runner import PLUGIN_NAME, DaskRunner
from threatline.errors import ConfigError
from threatline.ingest import ingest
from threatline.store import open_store


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """Two in-process workers with one thread each (processes=False keeps the test light)."""
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        Client(cluster) as c,  # type: ignore[no-untyped-call]
    ):
        yield c


def _pipeline_ids(client: Client) -> dict[str, int]:
    def ident(dask_worker: object) -> int:
        return id(dask_worker.plugins[PLUGIN_NAME].pipeline)  # type: ignore[attr-defined]

    ids: dict[str, int] = client.run(ident)
    return ids


def test_dask_ingest_stores_what_a_serial_ingest_stores(
    corpus: Path, db_pair: tuple[str, str], client: Client
) -> None:
    serial_url, dask_url = db_pair
    with open_store(serial_url) as store:  # type: ignore[attr-defined]
        serial = ingest([str(corpus)], store, settings_for(serial_url))
    settings = settings_for(dask_url)
    runner = DaskRunner(settings, client)
    built = _pipeline_ids(client)
    with open_store(dask_url) as store:  # type: ignore[attr-defined]
        report = ingest([str(corpus)], store, settings, runner=runner)
    assert report.as_dict()["added"] == serial.added == 37
    assert report.duplicates == serial.duplicates == 1 and report.ok
    assert snapshot(dask_url) == snapshot(serial_url)
    # Each worker built its pipeline once, when the plugin was registered, and kept it.
    assert _pipeline_ids(client) == built and len(set(built.values())) == 2
    assert report.stage_seconds["nlp"] > 0


def test_dask_runner_bounds_batches_in_flight_by_worker_threads(
    client: Client, tmp_path: Path
) -> None:
    runner = DaskRunner(settings_for(f"sqlite:///{tmp_path / 'x.db'}"), client, factory=light)
    assert runner.max_in_flight == 4  # 2 workers x 1 thread x 2


def test_unreachable_scheduler_is_a_clear_config_error(tmp_path: Path) -> None:
    settings: Settings = settings_for(f"sqlite:///{tmp_path / 'x.db'}")
    with pytest.raises(ConfigError, match="cannot reach the Dask scheduler"):
        DaskRunner.connect(settings, "tcp://127.0.0.1:9", timeout="2s")
