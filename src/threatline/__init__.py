"""Threatline: news articles to a sourced, deduplicated, correctly dated database of events."""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]
