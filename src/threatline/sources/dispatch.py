"""The one entry point: paths and URLs in, :class:`Article` and :class:`Failure` records out."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path

from threatline.errors import EmptyInputError, SourceError
from threatline.models import Article, Failure
from threatline.sources.encoding import read_limited
from threatline.sources.feeds import iter_feed
from threatline.sources.html import read_html_file
from threatline.sources.jsonl import iter_jsonl
from threatline.sources.options import SourceOptions
from threatline.sources.records import failure_from_error, failure_from_os_error
from threatline.sources.sniff import Kind, kind_from_extension, sniff_kind
from threatline.sources.text import read_text_file
from threatline.sources.urls import Fetcher, HttpxFetcher, is_url, iter_url

__all__ = ["file_kind", "iter_inputs", "iter_path", "walk_files"]


def iter_inputs(
    inputs: Sequence[str],
    options: SourceOptions | None = None,
    fetcher: Fetcher | None = None,
) -> Iterator[Article | Failure]:
    """Every article of every input, in input order; failures are yielded, never raised.

    ``inputs`` are file or directory paths (directories are walked recursively in sorted order,
    hidden entries skipped) or http(s) URLs (fetched with ``fetcher``, by default httpx).
    """
    if isinstance(inputs, str):
        raise TypeError("iter_inputs takes a sequence of paths or URLs, not one string")
    options = options or SourceOptions()
    for item in inputs:
        if is_url(item):
            if fetcher is None:
                limit = max(options.max_article_bytes, options.max_feed_bytes)
                fetcher = HttpxFetcher(max_bytes=limit)
            yield from iter_url(item, fetcher=fetcher, options=options)
        else:
            yield from iter_path(Path(item), options)


def iter_path(path: Path, options: SourceOptions) -> Iterator[Article | Failure]:
    """Articles and failures of one file or directory."""
    if path.is_dir():
        found = False
        for entry in walk_files(path, options):
            if isinstance(entry, Failure):
                yield entry
                continue
            found = True
            yield from _read_file(entry, options)
        if not found:
            error = EmptyInputError("directory holds no readable files (hidden ones skipped)")
            yield failure_from_error(error, input=str(path))
        return
    yield from _read_file(path, options)


def walk_files(directory: Path, options: SourceOptions) -> Iterator[Path | Failure]:
    """Files under ``directory``, depth first, sorted by name at every level.

    Hidden names are skipped unless ``include_hidden``; symbolic links are followed only with
    ``follow_symlinks``, and a directory reached twice (a link loop) is walked once. Broken
    links are yielded like files, so reading them reports the failure.
    """
    seen: set[tuple[int, int]] = set()
    try:
        info = directory.stat()
    except OSError as exc:
        yield failure_from_os_error(exc, input=str(directory))
        return
    seen.add((info.st_dev, info.st_ino))
    yield from _walk(directory, options, seen)


def _walk(
    directory: Path, options: SourceOptions, seen: set[tuple[int, int]]
) -> Iterator[Path | Failure]:
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield failure_from_os_error(exc, input=str(directory))
        return
    for entry in entries:
        if entry.name.startswith(".") and not options.include_hidden:
            continue
        if entry.is_symlink() and not options.follow_symlinks:
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if not is_dir:
            yield path
            continue
        try:
            info = path.stat()
        except OSError as exc:
            yield failure_from_os_error(exc, input=str(path))
            continue
        key = (info.st_dev, info.st_ino)
        if key not in seen:
            seen.add(key)
            yield from _walk(path, options, seen)


def file_kind(path: Path, options: SourceOptions) -> Kind:
    """The kind of a file: by extension, else sniffed from its first bytes."""
    kind = kind_from_extension(path.suffix, options)
    if kind is not None:
        return kind
    with path.open("rb") as handle:
        return sniff_kind(handle.read(options.sniff_bytes))


def _check_regular(path: Path, input: str) -> None:
    if path.is_symlink() and not path.exists():
        target = os.readlink(path)
        raise SourceError(f"cannot read {input}: broken symbolic link to {target}", input=input)
    mode = path.stat().st_mode
    if not stat.S_ISREG(mode):
        raise SourceError(f"cannot read {input}: not a regular file", input=input)


def _read_file(path: Path, options: SourceOptions) -> Iterator[Article | Failure]:
    input = str(path)
    try:
        _check_regular(path, input)
        kind = file_kind(path, options)
        if kind is Kind.JSONL:
            yield from iter_jsonl(path, input=input, options=options)
        elif kind is Kind.FEED:
            data = read_limited(path, options.max_feed_bytes, input=input, setting="max_feed_bytes")
            yield from iter_feed(data, input=input, name=path.name, options=options)
        elif kind is Kind.HTML:
            yield read_html_file(path, input=input, options=options)
        else:
            yield read_text_file(path, input=input, options=options)
    except SourceError as exc:
        yield failure_from_error(exc, input=input)
    except OSError as exc:
        yield failure_from_os_error(exc, input=input)
