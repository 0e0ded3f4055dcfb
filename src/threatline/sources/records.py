"""Building the two records every reader yields: :class:`Article` and :class:`Failure`."""

from __future__ import annotations

import datetime as dt
import re

from threatline.errors import SourceError
from threatline.ids import content_hash
from threatline.models import Article, Failure

__all__ = [
    "STAGE",
    "collapse_spaces",
    "failure_from_error",
    "failure_from_os_error",
    "make_article",
]

STAGE = "source"
_ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]+")


def collapse_spaces(value: str) -> str:
    """Runs of ASCII whitespace become one space; NBSP and other characters stay as they are."""
    return _ASCII_SPACE.sub(" ", value).strip(" ")


def make_article(
    *,
    id: str,
    raw: str,
    source: str,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: dt.date | None = None,
) -> Article:
    """An article as a source yields it: ``text`` is ``raw`` until the clean stage runs."""
    return Article(
        id=id,
        raw=raw,
        text=raw,
        content_hash=content_hash(raw),
        title=_blank_to_none(title),
        url=_blank_to_none(url),
        outlet=_blank_to_none(outlet),
        published=published,
        source=source,
    )


def _blank_to_none(value: str | None) -> str | None:
    if value is None:
        return None
    value = collapse_spaces(value)
    return value or None


def failure_from_error(error: SourceError, *, input: str, line: int | None = None) -> Failure:
    """The failure record of a source error; the error's own input and line win when set."""
    return Failure(
        input=error.input or input,
        line=error.line if error.line is not None else line,
        stage=STAGE,
        code=error.code,
        message=error.message,
        doc=error.doc,
    )


def failure_from_os_error(error: OSError, *, input: str) -> Failure:
    """An unreadable file or directory: the OS reason, with the file name."""
    reason = error.strerror or str(error) or type(error).__name__
    name = error.filename if error.filename is not None else input
    code = SourceError.code
    detail = f"errno {error.errno}" if error.errno is not None else type(error).__name__
    return Failure(
        input=input,
        stage=STAGE,
        code=code,
        message=f"cannot read {name}: {reason} ({detail})",
    )
