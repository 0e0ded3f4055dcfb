"""Run the per-article stages on a Dask cluster; this process stays the single store writer.

``threatline ingest --dask tcp://scheduler:8786`` connects to a running cluster;
``--dask local`` starts a :class:`distributed.LocalCluster` of ``workers`` processes (one
thread each). A worker plugin builds the pipeline once on every worker, including workers that
join later; each batch is one task. The calling process runs the sequential stages (see
:mod:`threatline.runners`), keeps at most two batches per worker thread in flight, collects
results in input order and writes them, so the stored result is the one a serial run gives.

Needs the ``dask`` extra (``pip install 'threatline[dask]'``); workers need Threatline and the
chosen spaCy model installed.
"""

from __future__ import annotations

import gc
import threading
from collections import deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from distributed import Client, KilledWorker, LocalCluster, WorkerPlugin, get_worker

from threatline.config import Settings
from threatline.errors import ConfigError
from threatline.models import Article
from threatline.pipeline import Pipeline, build_pipeline
from threatline.runners import (
    Ordered,
    PipelineFactory,
    Results,
    Sequencer,
    WorkerSpec,
    frozen_build,
    timed_run,
    worker_died,
)

if TYPE_CHECKING:
    from distributed import Future

__all__ = ["PLUGIN_NAME", "DaskRunner", "PipelinePlugin"]

PLUGIN_NAME = "threatline-pipeline"

Outcome = tuple[Results, dict[str, float]]


class PipelinePlugin(WorkerPlugin):
    """Builds the pipeline once per worker; tasks run their batch through it.

    A lock serialises batches on one worker, so a worker with several threads stays correct
    (give workers one thread each and scale with processes: spaCy holds the GIL).
    """

    name = PLUGIN_NAME

    def __init__(self, spec: WorkerSpec) -> None:
        self.spec = spec
        self.pipeline: Pipeline | None = None
        self.lock: threading.Lock | None = None

    def setup(self, worker: Any) -> None:
        self.lock = threading.Lock()
        self.pipeline = frozen_build(self.spec.build)

    def teardown(self, worker: Any) -> None:
        self.pipeline = None
        gc.unfreeze()

    def run(self, batch: list[Article]) -> Outcome:
        if self.pipeline is None or self.lock is None:  # pragma: no cover - setup always ran
            raise RuntimeError("threatline pipeline plugin was not set up on this worker")
        with self.lock:
            return timed_run(self.pipeline, batch)


def _run_on_worker(batch: list[Article]) -> Outcome:
    plugin = get_worker().plugins[PLUGIN_NAME]
    if not isinstance(plugin, PipelinePlugin):  # pragma: no cover - registered by DaskRunner
        raise RuntimeError("threatline pipeline plugin missing on this worker")
    return plugin.run(batch)


class DaskRunner:
    """Runs batches as tasks on a Dask cluster; see the module docstring."""

    def __init__(
        self,
        settings: Settings,
        client: Client,
        *,
        factory: PipelineFactory = build_pipeline,
        max_in_flight: int | None = None,
        on_close: Callable[[], None] | None = None,
    ) -> None:
        self.client = client
        self.sequencer = Sequencer(settings, factory)
        self._on_close = on_close
        client.register_plugin(PipelinePlugin(self.sequencer.spec), name=PLUGIN_NAME)
        threads = sum(client.nthreads().values())  # type: ignore[no-untyped-call]
        self.max_in_flight = max_in_flight or max(2, 2 * threads)

    @classmethod
    def connect(
        cls,
        settings: Settings,
        address: str,
        *,
        factory: PipelineFactory = build_pipeline,
        timeout: str = "30s",
    ) -> DaskRunner:
        """Connect to the scheduler at ``address``, or start a local cluster for ``"local"``."""
        if address == "local":
            cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=settings.workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            client = Client(cluster)  # type: ignore[no-untyped-call]

            def close() -> None:
                client.close()  # type: ignore[no-untyped-call]
                cluster.close()

            return cls(settings, client, factory=factory, on_close=close)
        try:
            client = Client(address, timeout=timeout)  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as exc:
            raise ConfigError(
                f"cannot reach the Dask scheduler at {address!r}: {exc}", stage="runner"
            ) from exc
        return cls(settings, client, factory=factory, on_close=client.close)

    def map(self, batches: Iterator[list[Article]]) -> Iterator[Results]:
        pending: deque[tuple[Ordered, Future[Outcome]]] = deque()
        for batch in batches:
            ordered = self.sequencer.order(batch)
            future = self.client.submit(_run_on_worker, ordered.articles, pure=False)
            pending.append((ordered, future))
            if len(pending) >= self.max_in_flight:
                yield self._collect(*pending.popleft())
        while pending:
            yield self._collect(*pending.popleft())

    def _collect(self, ordered: Ordered, future: Future[Outcome]) -> Results:
        try:
            results, timings = future.result()
        except KilledWorker as exc:
            raise worker_died(ordered, "a Dask worker") from exc
        finally:
            future.release()  # type: ignore[no-untyped-call]
        self.sequencer.add(timings)
        return ordered.complete(results)

    def timings(self) -> dict[str, float]:
        return self.sequencer.timings()

    def close(self) -> None:
        if self._on_close is not None:
            self._on_close()
            self._on_close = None
