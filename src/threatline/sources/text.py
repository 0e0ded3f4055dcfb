"""Plain-text articles: the decoded text is the article, byte for byte apart from newlines."""

from __future__ import annotations

from pathlib import Path

from threatline.models import Article
from threatline.sources.encoding import decode_bytes, read_limited
from threatline.sources.options import SourceOptions
from threatline.sources.records import make_article

__all__ = ["read_text_file", "text_article"]


def text_article(
    data: bytes,
    *,
    id: str,
    source: str,
    options: SourceOptions,
    declared: str | None = None,
    url: str | None = None,
) -> Article:
    """An article from the bytes of a plain-text document (no title, outlet or date)."""
    raw = decode_bytes(
        data,
        input=source,
        declared=declared,
        forced=options.encoding,
        preferred=options.preferred_legacy_encodings,
    )
    return make_article(id=id, raw=raw, source=source, url=url)


def read_text_file(path: Path, *, input: str, options: SourceOptions) -> Article:
    """A text file from disk; its id is the file name (an export contract)."""
    data = read_limited(path, options.max_article_bytes, input=input)
    return text_article(data, id=path.name, source=input, options=options)
