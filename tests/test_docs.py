"""Docs that fail when they miss a setting or a command."""

from __future__ import annotations

from pathlib import Path

import typer.main

from threatline.cli import app
from threatline.config import EventSettings, Settings

ROOT = Path(__file__).resolve().parents[1]


def test_every_setting_is_documented() -> None:
    doc = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    names = [n for n in Settings.model_fields if n != "events"] + [
        f"events.{n}" for n in EventSettings.model_fields
    ]
    missing = [n for n in names if f"`{n}`" not in doc]
    assert not missing, f"docs/configuration.md misses settings: {missing}"
    import re

    documented = re.findall(r"^\| `([a-z_.]+)` \|", doc, flags=re.M)
    stale = [n for n in documented if n not in names]
    assert not stale, f"docs/configuration.md documents settings that do not exist: {stale}"


def _commands(group: typer.main.click.Group, prefix: str = "") -> list[str]:  # type: ignore[name-defined]
    out = []
    for name, cmd in group.commands.items():
        full = f"{prefix}{name}"
        out.append(full)
        if hasattr(cmd, "commands"):
            out += _commands(cmd, full + " ")
    return out


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    missing = [c for c in _commands(group) if f"threatline {c}" not in readme]  # type: ignore[arg-type]
    assert not missing, f"README.md misses commands: {missing}"
