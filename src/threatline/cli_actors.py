"""``threatline actors``: resolve a mention, import a PETRARCH/TABARI actor dictionary, and
measure a dictionary's coverage by the knowledge base.

Registered in :mod:`threatline.cli` with ``app.add_typer(actors_app, name="actors")``.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from threatline.config import load_settings
from threatline.errors import ThreatlineError
from threatline.knowledge import KnowledgeBase, load_knowledge

__all__ = ["actors_app"]

actors_app = typer.Typer(
    help="Actors: resolve mentions, import PETRARCH/TABARI dictionaries.", no_args_is_help=True
)

MIDDLE_EAST = "IRN,IRQ,ISR,PSE,LBN,SYR,JOR,EGY,SAU,ARE,QAT,KWT,BHR,OMN,YEM,TUR"

KnowledgeOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--knowledge-dir",
        "-k",
        help="Extra knowledge directory (repeatable; added to the knowledge_dirs setting).",
    ),
]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="Settings file (TOML).")]


def _knowledge(extra: list[Path] | None, config: Path | None) -> KnowledgeBase:
    settings = load_settings(config)
    configured = [Path(p) for p in getattr(settings, "knowledge_dirs", None) or []]
    return load_knowledge(extra_dirs=[*configured, *(extra or [])])


def _fail(exc: ThreatlineError) -> None:
    Console(stderr=True, highlight=False).print(f"[red]error:[/red] {exc}")
    raise typer.Exit(2) from exc


@actors_app.command("resolve")
def resolve_command(
    text: Annotated[str, typer.Argument(help='The mention text, e.g. "Iran\'s foreign minister".')],
    date: Annotated[
        dt.datetime | None,
        typer.Option("--date", formats=["%Y-%m-%d"], help="Resolve roles on this date."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    knowledge_dir: KnowledgeOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Resolve one actor mention: code, name, person, sector and role (or null)."""
    from threatline.knowledge.resolve import ActorResolver

    try:
        resolver = ActorResolver(_knowledge(knowledge_dir, config))
    except ThreatlineError as exc:
        _fail(exc)
    ref = resolver.resolve(text, date.date() if date else None)
    record = None
    if ref is not None:
        record = {
            "code": ref.code,
            "name": ref.name,
            "person": ref.person,
            "sector": ref.sector,
            "role": ref.role,
            "resolved": ref.resolved,
        }
    if as_json or record is None:
        typer.echo(json.dumps(record, ensure_ascii=False))
        return
    for key, value in record.items():
        typer.echo(f"{key}: {value if value is not None else '-'}")


@actors_app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="PETRARCH/TABARI actor dictionary (.actors.txt).")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Knowledge directory to write (default: ./knowledge-NAME)."
        ),
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Convert an actor dictionary into a knowledge directory for the knowledge_dirs setting."""
    from threatline.knowledge.petrarch import parse_actor_dictionary, to_knowledge, write_knowledge
    from threatline.knowledge.resolve_persons import PersonIndex

    console = Console(highlight=False)
    stem = file.name.split(".actors")[0].replace(".", "_").lower() or "imported"
    target = output or Path(f"knowledge-{stem}")
    try:
        text = file.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        console.print(f"[red]error:[/red] cannot read {file}: {exc}")
        raise typer.Exit(2) from exc
    try:
        kb = _knowledge(None, config)
    except ThreatlineError as exc:
        _fail(exc)
    entries, problems = parse_actor_dictionary(text)
    imported = to_knowledge(entries, kb, PersonIndex(kb))
    written = write_knowledge(imported, target, stem, file.name)
    console.print(f"{len(entries)} entries read from {file}")
    for key, count in sorted(imported.counts.items()):
        console.print(f"  {key}: {count}")
    for problem in [*problems, *imported.problems][:20]:
        console.print(f"  [yellow]skipped[/yellow] {problem}")
    console.print(
        f"{len(problems) + len(imported.problems)} problems; wrote {len(written)} files to {target}"
    )


@actors_app.command("coverage")
def coverage_command(
    file: Annotated[Path, typer.Argument(help="PETRARCH/TABARI actor dictionary (.actors.txt).")],
    *,
    countries: Annotated[
        str, typer.Option(help="Comma-separated state codes (default: the Middle East).")
    ] = MIDDLE_EAST,
    since: Annotated[
        dt.datetime, typer.Option(formats=["%Y-%m-%d"], help="Roles held on or after this date.")
    ] = dt.datetime(2000, 1, 1),
    show: Annotated[int, typer.Option(help="List this many persons not found.")] = 0,
    knowledge_dir: KnowledgeOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Share of a dictionary's persons (with roles for COUNTRIES since SINCE) the knowledge base
    holds, matched by the resolver."""
    from threatline.knowledge.petrarch import coverage, parse_actor_dictionary
    from threatline.knowledge.resolve_persons import PersonIndex

    try:
        kb = _knowledge(knowledge_dir, config)
    except ThreatlineError as exc:
        _fail(exc)
    entries, _ = parse_actor_dictionary(file.read_text(encoding="utf-8", errors="replace"))
    codes = [code.strip().upper() for code in countries.split(",") if code.strip()]
    matched, total, missing = coverage(entries, kb, PersonIndex(kb), codes, since.date())
    share = matched / total if total else 0.0
    typer.echo(f"{matched}/{total} persons = {share:.1%} ({','.join(codes)}, since {since.date()})")
    for name in missing[:show]:
        typer.echo(f"  not found: {name}")
