"""Read-only views of the CLI: ``threatline quotes`` and ``threatline threats``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.console import Console
from rich.table import Table

from threatline.config import load_settings
from threatline.queries import event_record, quote_record
from threatline.store import QuoteFilter, open_store

__all__ = ["quotes", "threats"]

DbOpt = Annotated[
    str | None, typer.Option("--db", help="Database URL (default: sqlite:///threatline.db).")
]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="Settings file (TOML).")]


def quotes(
    speaker: Annotated[str | None, typer.Option(help="Part of the speaker's name.")] = None,
    actor: Annotated[
        str | None, typer.Option(help="Speaker's actor code (IRN, HEZBOLLAH, ...).")
    ] = None,
    since: Annotated[
        dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Statements from this date.")
    ] = None,
    until: Annotated[
        dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Statements up to this date.")
    ] = None,
    text: Annotated[str | None, typer.Option(help="Words in the statement.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 200,
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines instead of a table.")] = False,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Statements with their speakers: direct quotes and reported speech."""
    flt = QuoteFilter(
        speaker=speaker,
        actor=actor,
        since=since.date() if since else None,
        until=until.date() if until else None,
        text=text,
        limit=limit,
    )
    with open_store(load_settings(config, db=db).db) as store:  # type: ignore[attr-defined]
        found = store.quotes(flt)
    if as_json:
        for q in found:
            print(json.dumps(quote_record(q), ensure_ascii=False))
        return
    table = Table(title=f"Quotes ({len(found)})")
    for col in ("date", "speaker", "code", "kind", "statement", "doc"):
        table.add_column(col, overflow="fold")
    for q in found:
        who = (q.speaker.person or q.speaker.name) if q.speaker else (q.speaker_text or "?")
        table.add_row(
            str(q.date) if q.date else "",
            who,
            (q.speaker.code or "") if q.speaker else "",
            "direct" if q.direct else "reported",
            q.text[:200],
            q.doc,
        )
    Console(highlight=False).print(table)


def threats(
    status: Annotated[
        Literal["pending", "carried_out"] | None,
        typer.Option(help="Only pending or carried-out threats."),
    ] = None,
    actor: Annotated[
        str | None, typer.Option(help="Actor code as the threatening or threatened side.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines instead of a table.")] = False,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Threats and what followed: carried out (by which events, how many days later) or pending."""
    from threatline.crossdoc.threats import threat_board

    with open_store(load_settings(config, db=db).db) as store:  # type: ignore[attr-defined]
        board = threat_board(store, status=status, actor=actor)
    if as_json:
        for row in board:
            rec = event_record(row.threat)
            rec["followed_by"] = [event_record(e) for e in row.followed_by]
            print(json.dumps(rec, ensure_ascii=False))
        return
    table = Table(title=f"Threats ({len(board)})")
    for col in ("date", "who", "against", "threatened", "outcome", "followed by", "evidence"):
        table.add_column(col, overflow="fold")
    for row in board:
        t = row.threat
        outcome = row.outcome.status.replace("_", " ")
        if row.outcome.delay_days is not None:
            outcome += f" after {row.outcome.delay_days} days"
        table.add_row(
            str(t.date) if t.date else "?",
            (t.source.person or t.source.code or t.source.name) if t.source else "?",
            (t.target.code or t.target.name) if t.target else "?",
            t.threatened_type.value if t.threatened_type else "",
            outcome,
            "; ".join(f"{e.type.value} {e.date or '?'}" for e in row.followed_by),
            t.mentions[0].text[:160],
        )
    Console(highlight=False).print(table)
