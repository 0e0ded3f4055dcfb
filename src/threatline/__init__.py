"""Threatline: news articles to a sourced, deduplicated, correctly dated database of events."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from threatline.library import Threatline

__version__ = "0.1.0"
__all__ = ["__version__", "open"]


def open(url: str | None = None) -> Threatline:
    """Open a Threatline store for the Python API (default URL: the configured ``db``).

    ``threatline.open("sqlite:///threatline.db")`` returns a :class:`threatline.library.Threatline`;
    use it in a ``with`` block or call ``close()``. The library is imported on first call only.
    """
    from threatline.library import Threatline

    return Threatline.open(url)
