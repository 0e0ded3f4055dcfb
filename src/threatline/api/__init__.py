"""The REST API and dashboard server: ``create_app(settings | store)`` builds the FastAPI app."""

from __future__ import annotations

from threatline.api.app import create_app

__all__ = ["create_app"]
