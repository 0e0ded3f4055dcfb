"""Reading every kind of input into :class:`~threatline.models.Article` records.

Text files, HTML files and pages (trafilatura), JSON Lines records, RSS/Atom feeds (feedparser)
and http(s) URLs through an injectable :class:`Fetcher`. :func:`iter_inputs` streams articles and
yields a :class:`~threatline.models.Failure` for each input, line or entry that cannot be read,
then goes on with the rest. See ``docs/sources.md``.
"""

from __future__ import annotations

from threatline.sources.dispatch import iter_inputs, iter_path, walk_files
from threatline.sources.options import SourceOptions
from threatline.sources.sniff import Kind
from threatline.sources.urls import FetchedPage, Fetcher, HttpxFetcher

__all__ = [
    "FetchedPage",
    "Fetcher",
    "HttpxFetcher",
    "Kind",
    "SourceOptions",
    "iter_inputs",
    "iter_path",
    "walk_files",
]
