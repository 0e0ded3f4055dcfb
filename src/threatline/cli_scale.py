"""Commands and options for running at scale: ``threatline watch`` and ``ingest --dask``.

The lead registers them in cli.py::

    from threatline.cli_scale import DaskOpt, runner_for, watch
    app.command("watch")(watch)

    # in `ingest`: a parameter `dask: DaskOpt = None`, and around the library call
    with runner_for(settings, dask) as runner:
        report = run_ingest(inputs, store, settings, runner=runner, progress=update)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from threatline.config import Settings, load_settings
from threatline.ingest import IngestReport
from threatline.runners import Runner, make_runner

__all__ = ["DaskOpt", "runner_for", "watch"]

DaskOpt = Annotated[
    str | None,
    typer.Option(
        "--dask",
        help="Run the per-article stages on a Dask cluster: the scheduler address "
        "(tcp://host:8786), or 'local' for a local cluster of --workers processes. "
        "This process stays the only writer to the store.",
    ),
]


@contextmanager
def runner_for(settings: Settings, dask: str | None) -> Iterator[Runner | None]:
    """The Dask runner when ``dask`` is given (closed on exit); else None: ingest then uses
    the runner the settings ask for (one process, or ``--workers N`` processes)."""
    if not dask:
        yield None
        return
    runner = make_runner(settings, dask=dask)
    try:
        yield runner
    finally:
        runner.close()


def _line(reports: list[IngestReport]) -> str:
    added = sum(r.added for r in reports)
    replaced = sum(r.replaced for r in reports)
    dupes = sum(r.duplicates for r in reports)
    failed = sum(r.failed for r in reports)
    events = reports[-1].events
    now = dt.datetime.now().strftime("%H:%M:%S")
    return (
        f"{now} {added} added, {replaced} replaced, {dupes} already stored, {failed} failed; "
        f"{events} events in the store"
    )


def watch(
    targets: Annotated[
        list[str], typer.Argument(help="Folders (watched recursively) and feed URLs (polled).")
    ],
    *,
    db: Annotated[
        str | None, typer.Option("--db", help="Database URL (default: sqlite:///threatline.db).")
    ] = None,
    config: Annotated[Path | None, typer.Option("--config", help="Settings file (TOML).")] = None,
    interval: Annotated[
        float, typer.Option(min=0.1, help="Seconds between polls of feeds (and of folders).")
    ] = 60.0,
    settle: Annotated[
        float, typer.Option(min=0.0, help="A file is read once unchanged for this many seconds.")
    ] = 1.0,
    workers: Annotated[
        int | None, typer.Option(help="Worker processes for the per-article stages.")
    ] = None,
    dask: DaskOpt = None,
    once: Annotated[bool, typer.Option("--once", help="Scan and poll once, then exit.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the final summary.")] = False,
) -> None:
    """Ingest new and changed articles from folders and feeds as they arrive (Ctrl-C stops)."""
    from threatline.store import open_store
    from threatline.watch import Watcher

    settings = load_settings(config, db=db, workers=workers)
    err = Console(stderr=True, highlight=False)

    def show(reports: list[IngestReport]) -> None:
        if reports and not quiet:
            err.print(_line(reports))

    with (
        open_store(settings.db) as store,  # type: ignore[attr-defined]
        runner_for(settings, dask) as runner,
        Watcher(targets, store, settings, runner=runner, settle=settle) as watcher,
    ):
        if not quiet:
            err.print(f"watching {', '.join(targets)} into {settings.db} (Ctrl-C stops)")
        try:
            if once:
                show(watcher.step())
            else:
                watcher.run(interval, on_step=show)
        except KeyboardInterrupt:
            err.print("stopped")
        err.print(watcher.totals.summary())
    if watcher.totals.failed:
        raise typer.Exit(1)
