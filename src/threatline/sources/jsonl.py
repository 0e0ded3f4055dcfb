"""JSON Lines: one article record per line, streamed, each bad line a failure of its own.

Record schema: ``{"id", "text" | "html", "title"?, "url"?, "published"?, "outlet"?}``; other
fields are ignored. Lines are read one at a time with a bounded ``readline``, so memory stays
within one line (at most ``max_article_bytes``) whatever the file size.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from pydantic import BaseModel, ConfigDict, ValidationError

from threatline.errors import (
    EmptyInputError,
    EncodingError,
    RecordError,
    SourceError,
    TooLargeError,
)
from threatline.models import Article, Failure
from threatline.sources.dates import parse_published
from threatline.sources.encoding import normalise_newlines
from threatline.sources.html import html_article
from threatline.sources.options import SourceOptions
from threatline.sources.records import failure_from_error, make_article

__all__ = ["JsonlRecord", "iter_jsonl", "record_article"]

_SKIP_CHUNK = 1024 * 1024


class JsonlRecord(BaseModel):
    """One JSONL input record; types are checked strictly, unknown fields ignored."""

    model_config = ConfigDict(extra="ignore", strict=True)

    id: str | int | float | None = None
    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None


def _bounded_lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, bytes)`` per line; ``None`` for a line longer than ``limit`` (skipped)."""
    number = 0
    while chunk := handle.readline(limit + 1):
        number += 1
        if len(chunk) > limit and not chunk.endswith(b"\n"):
            while chunk and not chunk.endswith(b"\n"):
                chunk = handle.readline(_SKIP_CHUNK)
            yield number, None
            continue
        yield number, chunk


def _describe(error: ValidationError) -> str:
    problems: dict[str, list[str]] = {}
    for item in error.errors():
        field = str(item["loc"][0]) if item["loc"] else "record"
        problems.setdefault(field, []).append(item["msg"])
    parts = [f"field {field!r}: {' or '.join(msgs)}" for field, msgs in problems.items()]
    return "wrong field types: " + "; ".join(parts)


def _record_id(record: JsonlRecord, fallback: str) -> str:
    if record.id is None:
        return fallback
    value = str(record.id).strip()
    if not value:
        raise RecordError("the 'id' field is empty")
    return value


def record_article(
    payload: object, *, fallback_id: str, source: str, options: SourceOptions
) -> Article:
    """An article from one decoded JSON value; raises a :class:`SourceError` subclass."""
    if not isinstance(payload, dict):
        raise RecordError(f"record is a JSON {type(payload).__name__}, not an object")
    try:
        record = JsonlRecord.model_validate(payload)
    except ValidationError as exc:
        raise RecordError(_describe(exc)) from exc
    doc = _record_id(record, fallback_id)
    published = None
    if record.published is not None and record.published.strip():
        try:
            published = parse_published(record.published)
        except ValueError as exc:
            raise RecordError(f"unparseable 'published' value: {exc}", doc=doc) from exc
    if record.text is not None:
        raw = normalise_newlines(record.text)
        if not raw.strip():
            raise EmptyInputError("the 'text' field is empty", doc=doc)
        return make_article(
            id=doc,
            raw=raw,
            source=source,
            title=record.title,
            url=record.url,
            outlet=record.outlet,
            published=published,
        )
    if record.html is None:
        raise RecordError("record has neither a 'text' nor an 'html' field", doc=doc)
    if not record.html.strip():
        raise EmptyInputError("the 'html' field is empty", doc=doc)
    return html_article(
        record.html,
        id=doc,
        source=source,
        options=options,
        url=record.url,
        title=record.title,
        outlet=record.outlet,
        published=published,
    )


def _parse_line(chunk: bytes, number: int) -> object:
    if number == 1 and chunk.startswith(codecs.BOM_UTF8):
        chunk = chunk[len(codecs.BOM_UTF8) :]
    try:
        line = chunk.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"invalid UTF-8 at byte offset {exc.start} of the line: {exc.reason}"
        ) from exc
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise RecordError(f"malformed JSON: {exc.msg} (column {exc.colno})") from exc


def iter_jsonl(path: Path, *, input: str, options: SourceOptions) -> Iterator[Article | Failure]:
    """Articles and per-line failures of a JSONL file, in line order, streamed."""
    limit = options.max_article_bytes
    seen_record = False
    with path.open("rb") as handle:
        for number, chunk in _bounded_lines(handle, limit):
            if chunk is None:
                seen_record = True
                error = TooLargeError(
                    f"line is over the limit of {limit:,} bytes (max_article_bytes); skipped"
                )
                yield failure_from_error(error, input=input, line=number)
                continue
            if not chunk.strip() or (number == 1 and chunk.strip() == codecs.BOM_UTF8):
                continue
            seen_record = True
            item: Article | Failure
            try:
                payload = _parse_line(chunk, number)
                item = record_article(
                    payload, fallback_id=f"{path.name}:{number}", source=input, options=options
                )
            except SourceError as exc:
                item = failure_from_error(exc, input=input, line=number)
            yield item
    if not seen_record:
        yield failure_from_error(EmptyInputError("JSONL file holds no records"), input=input)
