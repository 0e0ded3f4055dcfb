"""Exports: JSON Lines, CSV, PLOVER JSONL, CAMEO/GDELT TSV, ACLED-style CSV and Parquet.

:func:`export` is the one entry point the CLI and the Python API call; it picks the writer for a
kind of record and a format. docs/exports.md describes every format and column.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Literal, TextIO, cast

from threatline.errors import ConfigError
from threatline.export.tabular import COLUMNS, Kind, flatten, records
from threatline.store.base import EventFilter, QuoteFilter, Store

__all__ = ["COLUMNS", "FORMATS", "Format", "Kind", "check_format", "export", "flatten", "records"]

Format = Literal["jsonl", "csv", "plover", "cameo", "acled", "parquet"]

# The formats each kind of record can be written in.
FORMATS: Mapping[Kind, tuple[Format, ...]] = MappingProxyType({
    "events": ("jsonl", "csv", "plover", "cameo", "acled", "parquet"),
    "mentions": ("jsonl", "csv", "parquet"),
    "quotes": ("jsonl", "csv", "parquet"),
    "documents": ("jsonl", "csv", "parquet"),
    "actors": ("jsonl", "csv"),
})  # fmt: skip

_TextWriter = Callable[[TextIO], int]


def _text_writer(
    store: Store,
    kind: Kind,
    fmt: Format,
    event_filter: EventFilter | None,
    quote_filter: QuoteFilter | None,
) -> _TextWriter:
    if fmt == "plover":
        from threatline.export.plover import write_plover

        return lambda out: write_plover(store, out, event_filter)
    if fmt == "cameo":
        from threatline.export.cameo import write_cameo

        return lambda out: write_cameo(store, out, event_filter)
    if fmt == "acled":
        from threatline.export.acled import write_acled

        return lambda out: write_acled(store, out, event_filter)
    from threatline.export.tabular import export as write_tabular

    text_fmt: Literal["jsonl", "csv"] = "csv" if fmt == "csv" else "jsonl"
    return lambda out: write_tabular(
        store, kind, text_fmt, out, event_filter=event_filter, quote_filter=quote_filter
    )


def check_format(kind: str, fmt: str) -> None:
    """Raise :class:`ConfigError` unless ``kind`` can be written as ``fmt``."""
    allowed: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in FORMATS.items()}
    if kind not in allowed:
        raise ConfigError(f"unknown export kind {kind!r}: one of {', '.join(allowed)}")
    if fmt not in allowed[kind]:
        choices = ", ".join(allowed[kind])
        raise ConfigError(f"{kind} cannot be exported as {fmt!r}: use one of {choices}")


def export(
    store: Store,
    kind: Kind,
    fmt: Format,
    out: Path | TextIO,
    *,
    event_filter: EventFilter | None = None,
    quote_filter: QuoteFilter | None = None,
) -> int:
    """Write the records of one kind in one format; returns how many were written.

    ``out`` is a path (written to ``PATH.part`` and renamed when complete) or an open text
    stream; Parquet needs a path. Filters apply to events and their mentions (``event_filter``)
    and to quotes (``quote_filter``).
    """
    check_format(kind, fmt)
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise ConfigError("parquet is a binary format: give an output file (-o PATH)")
        from threatline.export.parquet import ParquetKind, write_parquet

        table = cast(ParquetKind, kind)  # check_format allows parquet for these kinds only
        return write_parquet(
            store, table, out, event_filter=event_filter, quote_filter=quote_filter
        )
    write = _text_writer(store, kind, fmt, event_filter, quote_filter)
    if isinstance(out, Path):
        tmp = out.with_name(out.name + ".part")
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            n = write(fh)
        tmp.replace(out)
        return n
    return write(out)
