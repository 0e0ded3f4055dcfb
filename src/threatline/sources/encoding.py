"""Bytes to text: bounded reads, encoding detection, newline normalisation.

Decision order (documented in ``docs/sources.md``):

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) decides, strictly;
2. NUL bytes without a BOM mean binary, unless charset-normalizer recognises BOM-less UTF-16/32;
3. strict UTF-8;
4. a caller-declared charset (HTTP header), strictly;
5. bytes that are mostly valid UTF-8 with a few broken sequences are corrupt UTF-8, not a legacy
   encoding: :class:`EncodingError` naming the byte offset of the first bad sequence;
6. charset-normalizer's best guess (honouring a ``<meta charset>`` or XML declaration), with
   cp1252 preferred among guesses that fit equally well; no guess means binary;
7. decoded text that is mostly control characters is binary.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from charset_normalizer import from_bytes

from threatline.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    TooLargeError,
)

__all__ = [
    "control_ratio",
    "decode_bytes",
    "normalise_newlines",
    "read_limited",
]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_WIDE_UNICODE = ("utf_16", "utf_32")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_MAX_CONTROL_RATIO = 0.1


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_limited(
    path: Path, limit: int, *, input: str, setting: str = "max_article_bytes"
) -> bytes:
    """Read a whole file of at most ``limit`` bytes; a bigger one fails before it is read.

    The size is checked with ``stat`` first and the read itself is capped at ``limit + 1`` bytes,
    so a file that grows (or a device that reports no size) cannot exhaust memory.
    """
    size = path.stat().st_size
    if size > limit:
        raise TooLargeError(_too_big(size, limit, setting), input=input)
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLargeError(_too_big(len(data), limit, setting, at_least=True), input=input)
    return data


def _too_big(size: int, limit: int, setting: str, *, at_least: bool = False) -> str:
    more = "at least " if at_least else ""
    return f"input is {more}{size:,} bytes, over the limit of {limit:,} bytes ({setting})"


def control_ratio(text: str) -> float:
    """Share of characters that are control characters other than ordinary whitespace."""
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


def _codec_name(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _decode_strict(data: bytes, encoding: str, *, input: str, offset: int = 0) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        position = offset + exc.start
        bad = data[exc.start : exc.start + 4].hex(" ")
        raise EncodingError(
            f"invalid {encoding} at byte offset {position} (bytes {bad}): {exc.reason}",
            input=input,
        ) from exc


def _looks_like_corrupt_utf8(data: bytes) -> bool:
    """Valid multi-byte UTF-8 sequences at least as many as broken ones."""
    valid = len(_UTF8_MULTIBYTE.findall(data))
    if valid == 0:
        return False
    broken = data.decode("utf-8", errors="replace").count("\ufffd")
    return valid >= broken


def _guess_legacy(data: bytes, preferred: tuple[str, ...]) -> str | None:
    matches = from_bytes(data, preemptive_behaviour=True)
    if not matches:
        return None
    lowest = min(match.chaos for match in matches)
    tied = {
        _codec_name(name)
        for match in matches
        if match.chaos == lowest
        for name in match.could_be_from_charset
    }
    for name in preferred:
        codec = _codec_name(name)
        if codec is not None and codec in tied:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                continue
    best = matches.best()
    return None if best is None else str(best)


def _check_not_binary(text: str, *, input: str, what: str) -> str:
    ratio = control_ratio(text)
    if ratio > _MAX_CONTROL_RATIO:
        raise BinaryInputError(
            f"binary content: {ratio:.0%} of the characters are control characters ({what})",
            input=input,
        )
    return text


def _decode(
    data: bytes,
    *,
    input: str,
    declared: str | None,
    forced: str | None,
    preferred: tuple[str, ...],
) -> str:
    if forced is not None:
        return _decode_strict(data, forced, input=input)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_strict(data[len(bom) :], encoding, input=input, offset=len(bom))
    if b"\x00" in data:
        best = from_bytes(data).best()
        if best is not None and best.encoding.startswith(_WIDE_UNICODE):
            return str(best)
        raise BinaryInputError(
            f"binary content: NUL byte at offset {data.index(0)} and no UTF-16/32 text found",
            input=input,
        )
    try:
        return _check_not_binary(data.decode("utf-8"), input=input, what="utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc
    if declared is not None and _codec_name(declared) not in (None, "utf-8"):
        try:
            return _check_not_binary(data.decode(declared), input=input, what=declared)
        except (UnicodeDecodeError, LookupError):
            pass
    if _looks_like_corrupt_utf8(data):
        _decode_strict(data, "utf-8", input=input)  # raises EncodingError with the offset
    guess = _guess_legacy(data, preferred)
    if guess is None:
        raise BinaryInputError(
            "binary content: not UTF-8 (first invalid byte at offset "
            f"{first_bad.start}) and no legacy encoding fits",
            input=input,
        )
    return _check_not_binary(guess, input=input, what="legacy encoding")


def decode_bytes(
    data: bytes,
    *,
    input: str,
    declared: str | None = None,
    forced: str | None = None,
    preferred: tuple[str, ...] = ("cp1252",),
) -> str:
    """Decode a whole text or HTML document and normalise its newlines.

    Raises :class:`EmptyInputError` for empty or whitespace-only content,
    :class:`BinaryInputError` for binary content and :class:`EncodingError` for corrupt text.
    """
    if not data:
        raise EmptyInputError("empty input (0 bytes)", input=input)
    text = _decode(data, input=input, declared=declared, forced=forced, preferred=preferred)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise EmptyInputError(f"input holds only whitespace ({len(data)} bytes)", input=input)
    return normalise_newlines(text)
