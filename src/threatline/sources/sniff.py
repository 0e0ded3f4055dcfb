"""Recognising an input's kind from its extension, its content type or its first bytes."""

from __future__ import annotations

import codecs
import re
from email.message import Message
from enum import StrEnum

from threatline.sources.options import SourceOptions

__all__ = ["Kind", "charset_of", "kind_from_content_type", "kind_from_extension", "sniff_kind"]


class Kind(StrEnum):
    TEXT = "text"
    HTML = "html"
    JSONL = "jsonl"
    FEED = "feed"


_PROLOGUE = r"\A\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!doctype[^>\[]*(?:\[.*?\])?\s*>\s*)*"
_FEED_ROOT = re.compile(_PROLOGUE + r"<(?:rss|feed|rdf:rdf)[\s>/]", re.IGNORECASE | re.DOTALL)
_HTML_MARK = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>]|<(?:p|div)[\s>]",
    re.IGNORECASE,
)
_FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/feed+xml",
    }
)
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def kind_from_extension(suffix: str, options: SourceOptions) -> Kind | None:
    """The kind an extension names in the options, or ``None`` when it names none."""
    suffix = suffix.lower()
    for kind, extensions in (
        (Kind.TEXT, options.text_extensions),
        (Kind.HTML, options.html_extensions),
        (Kind.JSONL, options.jsonl_extensions),
        (Kind.FEED, options.feed_extensions),
    ):
        if suffix in extensions:
            return kind
    return None


def _head_text(head: bytes) -> str:
    for bom, encoding in (
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF8, "utf-8"),
    ):
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="ignore")
    return head.decode("utf-8", errors="ignore")


def sniff_kind(head: bytes) -> Kind:
    """The kind of a document from its first bytes: feed XML, HTML, JSONL or else text.

    Binary content is sniffed as text; the text reader then rejects it with a clear error.
    """
    text = _head_text(head)
    if _FEED_ROOT.search(text):
        return Kind.FEED
    stripped = text.lstrip()
    if stripped.startswith("{"):
        return Kind.JSONL
    if stripped.startswith("<") and _HTML_MARK.search(text):
        return Kind.HTML
    return Kind.TEXT


def _parsed(content_type: str) -> Message:
    message = Message()
    message["content-type"] = content_type
    return message


def kind_from_content_type(content_type: str | None) -> Kind | None:
    """The kind an HTTP content type names for sure; ``None`` when the body must be sniffed."""
    if not content_type:
        return None
    media = _parsed(content_type).get_content_type()
    if media in _FEED_TYPES:
        return Kind.FEED
    if media in _HTML_TYPES:
        return Kind.HTML
    if media == "text/plain":
        return Kind.TEXT
    return None


def charset_of(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a content type, if any."""
    if not content_type:
        return None
    charset = _parsed(content_type).get_content_charset()
    return charset or None
