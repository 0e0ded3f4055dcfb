"""``threatline serve``: options reach uvicorn and the app serves the store named by --db."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from tests.api.conftest import TestClient
from threatline.cli_serve import serve


def _cli() -> typer.Typer:
    app = typer.Typer()
    app.command("serve")(serve)
    app.command("noop")(lambda: None)  # a group, as in the real CLI
    return app


def test_serve_runs_uvicorn_on_the_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen: dict[str, Any] = {}

    def fake_run(app: Any, **kwargs: Any) -> None:
        seen.update(kwargs, app=app)

    monkeypatch.setattr("uvicorn.run", fake_run)
    db = f"sqlite:///{tmp_path / 's.db'}"
    result = CliRunner().invoke(_cli(), ["serve", "--db", db, "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 8123)
    assert "http://127.0.0.1:8123/" in result.output
    with TestClient(seen["app"]) as client:
        assert client.get("/api/stats").json()["events"] == 0
    assert (tmp_path / "s.db").exists()


def test_serve_rejects_a_bad_port() -> None:
    result = CliRunner().invoke(_cli(), ["serve", "--port", "70000"])
    assert result.exit_code == 2
