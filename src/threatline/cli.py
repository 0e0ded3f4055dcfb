"""Command-line interface: thin commands over the library."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from threatline.cli_actors import actors_app
from threatline.cli_scale import DaskOpt, runner_for, watch
from threatline.cli_serve import serve
from threatline.cli_views import quotes, threats
from threatline.config import Settings, load_settings
from threatline.errors import ThreatlineError
from threatline.models import EventType, Status
from threatline.store import EventFilter, QuoteFilter, Store, open_store

__all__ = ["app", "main"]

app = typer.Typer(
    help="Threatline: news articles to a sourced, deduplicated, correctly dated event database.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
model_app = typer.Typer(help="The NLP pipeline.", no_args_is_help=True)
app.add_typer(model_app, name="model")
app.add_typer(actors_app, name="actors")
app.command("quotes")(quotes)
app.command("threats")(threats)
app.command("serve")(serve)
app.command("watch")(watch)

DbOpt = Annotated[
    str | None, typer.Option("--db", help="Database URL (default: sqlite:///threatline.db).")
]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="Settings file (TOML).")]
SinceOpt = Annotated[
    dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="From this date (YYYY-MM-DD).")
]
UntilOpt = Annotated[
    dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Up to this date (YYYY-MM-DD).")
]


def _console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False)


def _settings(config: Path | None, **overrides: Any) -> Settings:
    return load_settings(config, **overrides)


def _store(db: str | None, config: Path | None) -> Store:
    return open_store(_settings(config, db=db).db)


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


@app.command()
def ingest(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, directories or URLs (text, HTML, JSONL, RSS/Atom).")
    ],
    db: DbOpt = None,
    config: ConfigOpt = None,
    workers: Annotated[
        int | None, typer.Option(help="Worker processes for the per-article stages.")
    ] = None,
    batch_size: Annotated[int | None, typer.Option(help="Articles per batch.")] = None,
    model: Annotated[
        str | None, typer.Option(help="spaCy pipeline (default: the shipped en_threatline).")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    dask: DaskOpt = None,
) -> None:
    """Read articles, extract events, quotes and actors, and store them."""
    from threatline.ingest import ingest as run_ingest

    settings = _settings(config, db=db, workers=workers, batch_size=batch_size, model=model)
    err = _console(stderr=True)
    with open_store(settings.db) as store:  # type: ignore[attr-defined]
        progress = Progress(
            TextColumn("[bold]ingest"),
            BarColumn(),
            TextColumn(
                "{task.completed} articles, {task.fields[failed]} failed, {task.fields[rate]:.1f}/s"
            ),
            TimeElapsedColumn(),
            console=err,
            disable=quiet,
            transient=False,
        )
        with progress:
            task = progress.add_task("ingest", total=None, failed=0, rate=0.0)

            def update(done: int, failed: int) -> None:
                elapsed = progress.tasks[task].elapsed or 1e-9
                progress.update(task, completed=done, failed=failed, rate=done / elapsed)

            with runner_for(settings, dask) as runner:
                report = run_ingest(inputs, store, settings, runner=runner, progress=update)
    for failure in report.failures:
        err.print(f"[red]failed[/red] {failure}", markup=True, soft_wrap=True)
    err.print(
        f"{report.added} added, {report.replaced} replaced, {report.duplicates} already stored, "
        f"{report.failed} failed; {report.events} events in the store; "
        f"{report.seconds:.1f}s ({report.rate:.1f} articles/s)"
    )
    if report.failed:
        raise typer.Exit(1)


@app.command("export")
def export_cmd(
    kind: Annotated[
        Literal["events", "mentions", "quotes", "documents", "actors"],
        typer.Argument(help="What to export (mentions: one row per event mention)."),
    ],
    fmt: Annotated[
        Literal["jsonl", "csv", "plover", "cameo", "acled", "parquet"],
        typer.Option(
            "--format",
            "-f",
            help="jsonl, csv; for events also plover, cameo (GDELT-style TSV), acled; "
            "parquet for events, mentions, quotes and documents (needs -o).",
        ),
    ] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
    *,
    actor: Annotated[
        str | None, typer.Option(help="Actor code (events, mentions, quotes).")
    ] = None,
    type: Annotated[EventType | None, typer.Option("--type", help="PLOVER event type.")] = None,
    status: Annotated[Status | None, typer.Option(help="Event status.")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    place: Annotated[str | None, typer.Option(help="Country code or place name.")] = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Export events, event mentions, quotes, documents or actor mentions."""
    from threatline.export import check_format, export

    try:
        check_format(kind, fmt)
    except ThreatlineError as exc:
        raise typer.BadParameter(exc.message, param_hint="--format") from exc
    if fmt == "parquet" and output is None:
        raise typer.BadParameter("parquet is binary: give a file with -o", param_hint="--output")
    event_filter = EventFilter(
        actor=actor, type=type, status=status, since=_day(since), until=_day(until), place=place
    )
    quote_filter = QuoteFilter(actor=actor, since=_day(since), until=_day(until))
    with _store(db, config) as store:  # type: ignore[attr-defined]
        n = export(
            store,
            kind,
            fmt,
            output if output is not None else sys.stdout,
            event_filter=event_filter,
            quote_filter=quote_filter,
        )
    if output is not None:
        _console(stderr=True).print(f"{n} {kind} written to {output}")


def _actor_cell(ref: Any) -> str:
    if ref is None:
        return "-"
    label = ref.code or "?"
    who = ref.person or ref.name
    return f"{label} ({who})" if who and who != ref.code else label


@app.command()
def events(
    actor: Annotated[str | None, typer.Option(help="Actor code, as source or target.")] = None,
    type: Annotated[EventType | None, typer.Option("--type", help="PLOVER event type.")] = None,
    status: Annotated[
        Status | None, typer.Option(help="occurred, threatened, denied or hypothetical.")
    ] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    place: Annotated[str | None, typer.Option(help="Country code or place name.")] = None,
    text: Annotated[str | None, typer.Option(help="Words in the evidence or names.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 200,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """The events as a readable timeline."""
    flt = EventFilter(
        actor=actor,
        type=type,
        status=status,
        since=_day(since),
        until=_day(until),
        place=place,
        text=text,
        limit=limit,
    )
    with _store(db, config) as store:  # type: ignore[attr-defined]
        found = store.events(flt)
        total = store.count_events(flt.model_copy(update={"limit": None}))
    table = Table(title=f"Threatline timeline ({len(found)} of {total} events)", show_lines=False)
    for col in (
        "date",
        "type",
        "status",
        "source",
        "target",
        "where",
        "killed",
        "sources",
        "evidence",
    ):
        table.add_column(col, overflow="fold")
    for ev in found:
        flags = ev.status.value + (" (historical)" if ev.historical else "")
        kind = ev.type.value + (f"→{ev.threatened_type.value}" if ev.threatened_type else "")
        table.add_row(
            str(ev.date) if ev.date else "?",
            kind,
            flags,
            _actor_cell(ev.source),
            _actor_cell(ev.target),
            ev.location.name if ev.location else "",
            "" if ev.killed is None else str(ev.killed),
            str(len(ev.docs)),
            ev.mentions[0].text[:160],
        )
    _console().print(table)


@app.command()
def stats(
    db: DbOpt = None,
    config: ConfigOpt = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Counts of what is stored."""
    with _store(db, config) as store:  # type: ignore[attr-defined]
        data = store.stats()
    if as_json:
        print(json.dumps(data, indent=2))
        return
    table = Table(title="Threatline store")
    table.add_column("what")
    table.add_column("count", justify="right")
    for key, value in data.items():
        if isinstance(value, dict):
            for sub, n in sorted(value.items()):
                table.add_row(f"{key}: {sub}", str(n))
        else:
            table.add_row(key, "" if value is None else str(value))
    _console().print(table)


@app.command("eval")
def eval_cmd(
    gold_dir: Annotated[
        Path, typer.Argument(help="Directory of gold JSON files (format of shared/gold/seeds).")
    ],
    db: DbOpt = None,
    config: ConfigOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Score what is stored against gold files: precision, recall and F1 per field."""
    from threatline.eval import Predictions, evaluate, render
    from threatline.queries import actor_records, document_records, event_records, quote_records

    with _store(db, config) as store:  # type: ignore[attr-defined]
        preds = Predictions.from_records(
            events=event_records(store),
            quotes=quote_records(store),
            documents=document_records(store, with_text=False),
            actors=actor_records(store),
        )
    report = evaluate(gold_dir, preds)
    if as_json:
        print(report.to_json())
    else:
        _console().print(render(report))


@model_app.command("info")
def model_info_cmd(
    name: Annotated[str | None, typer.Option("--model", help="Pipeline name or path.")] = None,
    config: ConfigOpt = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Name, version, path, components and test scores of the NLP pipeline."""
    from threatline.stages.nlp import model_info

    info = model_info(name or _settings(config).model)
    if as_json:
        print(json.dumps(info, indent=2))
        return
    table = Table(title=f"spaCy pipeline {info['name']}")
    table.add_column("field")
    table.add_column("value", overflow="fold")
    for key, value in info.items():
        table.add_row(key, json.dumps(value) if isinstance(value, dict | list) else str(value))
    _console().print(table)


def main() -> None:
    """Entry point: ThreatlineErrors become a one-line message and exit status 2."""
    try:
        app()
    except ThreatlineError as exc:
        _console(stderr=True).print(f"[red]error[/red] {exc}", markup=True, soft_wrap=True)
        sys.exit(2)
