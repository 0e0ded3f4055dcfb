"""Parallel runners store exactly what a serial run stores, stay bounded, and fail clearly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests import factories as f
from tests.scale.conftest import settings_for, snapshot
from tests.scale.pipelines import CRASH_MARK, crashing, light
from threatline.errors import StageError
from threatline.ingest import ingest
from threatline.models import Article
from threatline.pipeline import build_pipeline
from threatline.runners import PoolRunner, SerialRunner
from threatline.store import open_store


def _ingest(url: str, corpus: Path, workers: int) -> dict[str, list[dict[str, str]]]:
    settings = settings_for(url, workers=workers)
    with open_store(url) as store:  # type: ignore[attr-defined]
        report = ingest([str(corpus)], store, settings)
    assert report.ok and report.added == 37 and report.duplicates == 1
    return snapshot(url)


def test_two_workers_store_what_one_process_stores(corpus: Path, tmp_path: Path) -> None:
    serial = _ingest(f"sqlite:///{tmp_path / 'serial.db'}", corpus, workers=1)
    pooled = _ingest(f"sqlite:///{tmp_path / 'pool.db'}", corpus, workers=2)
    assert pooled == serial
    # The corpus exercises the stateful clean stage: furniture is found only once it has been
    # seen in enough earlier articles, which a worker seeing half the batches would miss.
    furniture = "Kestrel Valley Gazette"
    removed = [
        r for r in serial["articles"] if furniture in r["raw"] and furniture not in r["text"]
    ]
    assert 0 < len(removed) < 37


def test_pool_keeps_a_bounded_number_of_batches_in_flight(tmp_path: Path) -> None:
    settings = settings_for(f"sqlite:///{tmp_path / 'x.db'}")
    produced = 0

    def batches() -> Iterator[list[Article]]:
        nonlocal produced
        for i in range(20):
            produced += 1
            yield [f.article(f"{i}-{j}.txt", f"Report {i} {j} from the north.") for j in range(3)]

    runner = PoolRunner(settings, 2, factory=light, max_in_flight=3)
    ahead = []
    try:
        for received, results in enumerate(runner.map(batches()), start=1):
            assert len(results) == 3
            ahead.append(produced - received)
    finally:
        runner.close()
    assert len(ahead) == 20
    assert max(ahead) == 2  # after a batch is handed back, at most 2 others are still in flight


def test_pool_results_follow_input_order(tmp_path: Path) -> None:
    settings = settings_for(f"sqlite:///{tmp_path / 'x.db'}")
    batches = [[f.article(f"{i}-{j}.txt", f"Report {i} {j}.") for j in range(2)] for i in range(9)]
    runner = PoolRunner(settings, 2, factory=light)
    try:
        got = [[r.article.id for r in out] for out in runner.map(iter(batches))]  # type: ignore[union-attr]
    finally:
        runner.close()
    assert got == [[a.id for a in b] for b in batches]
    assert runner.timings()["clean"] > 0


def test_a_dying_worker_fails_the_run_clearly_and_a_rerun_completes(
    corpus: Path, tmp_path: Path
) -> None:
    # (Without the id clash of sub/art_000.txt: across runs, a clashing id replaces.)
    (corpus / "sub" / "art_000.txt").unlink()
    (corpus / "zz_bad.txt").write_text(f"Report of the day.\n\n{CRASH_MARK} in the text.\n")
    url = f"sqlite:///{tmp_path / 'crash.db'}"
    settings = settings_for(url)
    with open_store(url) as store:  # type: ignore[attr-defined]
        runner = PoolRunner(settings, 2, factory=crashing)
        try:
            with pytest.raises(StageError, match="worker process died") as info:
                ingest([str(corpus)], store, settings, runner=runner)
        finally:
            runner.close()
        assert info.value.stage == "runner"
        assert "run the same ingest again" in str(info.value)
        assert store.runs()[-1]["status"] == "failed"
        rerun = ingest([str(corpus)], store, settings, runner=SerialRunner(light(settings)))
        assert rerun.ok and rerun.added > 0 and rerun.replaced == 0
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM articles")).scalar_one() == 37
    engine.dispose()


def test_serial_runner_is_the_default_for_one_worker(tmp_path: Path) -> None:
    from threatline.runners import make_runner

    settings = settings_for(f"sqlite:///{tmp_path / 'x.db'}")
    runner = make_runner(settings, factory=light)
    assert isinstance(runner, SerialRunner)
    assert [s.name for s in runner.pipeline.stages] == [
        s.name for s in build_pipeline(settings, with_nlp=False).stages
    ]
    runner.close()


def test_serial_runner_freezes_its_pipeline_until_closed(tmp_path: Path) -> None:
    """The long-lived pipeline is kept out of full collections while the runner lives, and the
    process's collector is as it was once the runner is closed."""
    import gc

    from threatline.runners import make_runner

    gc.unfreeze()
    runner = make_runner(settings_for(f"sqlite:///{tmp_path / 'x.db'}"), factory=light)
    assert gc.get_freeze_count() > 0 and gc.isenabled()
    runner.close()
    assert gc.get_freeze_count() == 0
    runner.close()  # closing twice is harmless
