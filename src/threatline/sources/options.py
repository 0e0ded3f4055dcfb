"""The one options object that every source reader receives."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = ["MB", "SourceOptions"]

MB = 1024 * 1024


def _normalise_extensions(values: frozenset[str]) -> frozenset[str]:
    """``"TXT"``, ``".txt"`` and ``"txt"`` all mean the same extension: ``".txt"``."""
    return frozenset("." + value.lower().lstrip(".") for value in values if value.strip("."))


class SourceOptions(BaseModel):
    """How inputs are found, recognised and limited.

    Extensions are matched case-insensitively against the file's last suffix; files whose
    extension is in none of the sets are sniffed from their first bytes.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_article_bytes: int = Field(default=5 * MB, gt=0)
    """A single text or HTML file (or fetched page, or JSONL line) larger than this fails."""
    max_feed_bytes: int = Field(default=50 * MB, gt=0)
    """A feed document larger than this fails (feeds hold many articles)."""
    text_extensions: frozenset[str] = frozenset({".txt", ".text", ".md", ".markdown", ".rst"})
    html_extensions: frozenset[str] = frozenset({".html", ".htm", ".xhtml", ".shtml"})
    jsonl_extensions: frozenset[str] = frozenset({".jsonl", ".ndjson", ".jsonlines"})
    feed_extensions: frozenset[str] = frozenset({".xml", ".rss", ".atom", ".rdf"})
    follow_symlinks: bool = True
    """Follow symbolic links to files and directories while walking a directory."""
    include_hidden: bool = False
    """Read hidden files and directories (names starting with a dot) in directory walks."""
    encoding: str | None = None
    """Force this encoding for text and HTML files instead of detecting it."""
    preferred_legacy_encodings: tuple[str, ...] = ("cp1252",)
    """Among legacy encodings that fit a file equally well, these win (in this order)."""
    min_html_text_chars: int = Field(default=40, ge=1)
    """Extracted HTML article text shorter than this counts as no article text."""
    snippet_max_chars: int = Field(default=1000, ge=0)
    """Feed HTML shorter than this is turned into text by tag stripping, not trafilatura."""
    sniff_bytes: int = Field(default=4096, gt=0)
    """How many leading bytes are read to recognise a file of unknown extension."""

    @field_validator("text_extensions", "html_extensions", "jsonl_extensions", "feed_extensions")
    @classmethod
    def _dotted_lower(cls, value: frozenset[str]) -> frozenset[str]:
        return _normalise_extensions(value)
