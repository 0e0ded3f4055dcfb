"""RSS and Atom feeds (feedparser): one article per entry, one failure per bad entry.

The entry's full content wins over its summary. HTML longer than ``snippet_max_chars`` goes
through trafilatura, shorter snippets (or when trafilatura finds nothing) through tag stripping.
The publication date is read from the entry's own date string first, so the publisher's local
day is kept; feedparser's ``published_parsed``/``updated_parsed`` (converted to UTC) are the
fallback.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator, Mapping
from typing import Any

import feedparser

from threatline.errors import EmptyInputError, NoArticleTextError, RecordError, SourceError
from threatline.models import Article, Failure
from threatline.sources.dates import date_from_struct, parse_published
from threatline.sources.encoding import normalise_newlines
from threatline.sources.html import extract_page, fragment_text
from threatline.sources.options import SourceOptions
from threatline.sources.records import failure_from_error, make_article

__all__ = ["entry_article", "iter_feed"]

_PLAIN = "text/plain"


def _entry_body(entry: Mapping[str, Any]) -> tuple[str, str] | None:
    """``(value, media type)`` of the entry's content, else its summary."""
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if value.strip():
            return value, content.get("type") or "text/html"
    summary = entry.get("summary") or ""
    if summary.strip():
        detail = entry.get("summary_detail") or {}
        return summary, detail.get("type") or "text/html"
    return None


def _body_text(value: str, media_type: str, options: SourceOptions) -> str:
    if media_type == _PLAIN:
        return normalise_newlines(value).strip("\n")
    if len(value) > options.snippet_max_chars:
        page = extract_page(f"<html><body><article>{value}</article></body></html>")
        if page is not None and len(page.text) >= options.min_html_text_chars:
            return page.text
    return fragment_text(value)


def _entry_date(entry: Mapping[str, Any]) -> dt.date | None:
    for text_key, parsed_key in (("published", "published_parsed"), ("updated", "updated_parsed")):
        text = entry.get(text_key)
        if isinstance(text, str) and text.strip():
            try:
                return parse_published(text)
            except ValueError:
                pass
        parsed = date_from_struct(entry.get(parsed_key))
        if parsed is not None:
            return parsed
    return None


def _title(entry: Mapping[str, Any]) -> str | None:
    title = entry.get("title")
    if not isinstance(title, str) or not title.strip():
        return None
    detail = entry.get("title_detail") or {}
    if detail.get("type", _PLAIN) != _PLAIN and "<" in title:
        return fragment_text(title) or None
    return title


def entry_article(
    entry: Mapping[str, Any],
    *,
    fallback_id: str,
    source: str,
    outlet: str | None,
    options: SourceOptions,
) -> Article:
    """An article from one feedparser entry; raises a :class:`SourceError` subclass."""
    doc = str(entry.get("id") or entry.get("link") or fallback_id)
    body = _entry_body(entry)
    if body is None:
        raise RecordError("feed entry has neither content nor a summary", doc=doc)
    raw = _body_text(*body, options)
    if not raw.strip():
        raise NoArticleTextError("feed entry content holds no text", doc=doc)
    link = entry.get("link")
    return make_article(
        id=doc,
        raw=raw,
        source=source,
        title=_title(entry),
        url=link if isinstance(link, str) else None,
        outlet=outlet,
        published=_entry_date(entry),
    )


def iter_feed(
    data: bytes,
    *,
    input: str,
    name: str,
    options: SourceOptions,
    content_type: str | None = None,
) -> Iterator[Article | Failure]:
    """Articles and failures of a feed document; entries without id or link get ``name:N``."""
    headers = {"content-type": content_type} if content_type else None
    # A file-like object: feedparser must never take the document for a URL or a file name.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            reason = parsed.get("bozo_exception")
            error: SourceError = RecordError(f"malformed feed with no entries: {reason}")
        elif not parsed.get("version"):
            error = RecordError("not an RSS or Atom feed (no feed root element)")
        else:
            error = EmptyInputError("feed has no entries")
        yield failure_from_error(error, input=input)
        return
    feed_title = (parsed.get("feed") or {}).get("title")
    outlet = feed_title if isinstance(feed_title, str) else None
    for index, entry in enumerate(entries, start=1):
        item: Article | Failure
        try:
            item = entry_article(
                entry,
                fallback_id=f"{name}:{index}",
                source=input,
                outlet=outlet,
                options=options,
            )
        except SourceError as exc:
            exc.message = f"entry {index}: {exc.message}"
            item = failure_from_error(exc, input=input)
        yield item
