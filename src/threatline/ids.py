"""Deterministic identifiers: sha256 over normalised content or canonical JSON."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from typing import Any

__all__ = ["canonical_json", "content_hash", "record_id"]


def normalise_text(text: str) -> str:
    """NFC, whitespace collapsed: two copies that differ only in spacing hash the same."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def content_hash(text: str) -> str:
    """Full sha256 hex digest of the normalised text."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def record_id(prefix: str, *parts: Any, length: int = 16) -> str:
    """``prefix`` + the first ``length`` hex digits of sha256 over the canonical JSON of parts."""
    digest = hashlib.sha256(canonical_json(list(parts)).encode("utf-8")).hexdigest()
    return f"{prefix}_{digest[:length]}"
