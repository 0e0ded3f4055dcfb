"""``threatline serve``: the REST API and the dashboard over a store, with uvicorn.

The lead registers it in cli.py: ``app.command("serve")(serve)``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = ["serve"]


def serve(
    db: Annotated[
        str | None, typer.Option("--db", help="Database URL (default: sqlite:///threatline.db).")
    ] = None,
    host: Annotated[
        str, typer.Option(help="Interface to listen on (0.0.0.0 exposes it to the network).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    config: Annotated[Path | None, typer.Option("--config", help="Settings file (TOML).")] = None,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
) -> None:
    """Serve the REST API (/api/, docs at /api/docs) and the web dashboard (/)."""
    import uvicorn

    from threatline.api import create_app
    from threatline.config import load_settings

    settings = load_settings(config, db=db)
    app = create_app(settings)
    typer.echo(f"Threatline on http://{host}:{port}/ (API docs: /api/docs) over {settings.db}")
    uvicorn.run(app, host=host, port=port, log_level=log_level)
