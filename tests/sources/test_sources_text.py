"""Text files: encodings, binary and empty input, newline handling, size limits."""

from __future__ import annotations

import codecs
import random
import tracemalloc
from pathlib import Path
from types import SimpleNamespace

import pytest

from threatline.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    SourceError,
    TooLargeError,
)
from threatline.ids import content_hash
from threatline.models import Article, Failure
from threatline.sources import SourceOptions, iter_inputs
from threatline.sources.encoding import decode_bytes, read_limited

# Invented sample with curly quotes, an accented letter, an apostrophe and an NBSP.
SAMPLE = "The mayor said “the dam will hold” at the café.\nIt’s 5\u00a0km upstream.\n"


def _only(items: list[Article | Failure]) -> Article | Failure:
    assert len(items) == 1, items
    return items[0]


def _read(path: Path, options: SourceOptions | None = None) -> Article | Failure:
    return _only(list(iter_inputs([str(path)], options)))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf8", SAMPLE.encode("utf-8")),
        ("utf8_bom", codecs.BOM_UTF8 + SAMPLE.encode("utf-8")),
        ("utf16_le_bom", codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le")),
        ("utf16_be_bom", codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be")),
        ("utf32_le_bom", codecs.BOM_UTF32_LE + SAMPLE.encode("utf-32-le")),
        ("utf16_le_no_bom", SAMPLE.encode("utf-16-le")),
        ("cp1252", SAMPLE.encode("cp1252")),
    ],
)
def test_text_encodings_decode_to_the_same_text(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_bytes(data)
    article = _read(path)
    assert isinstance(article, Article), article
    assert article.raw == SAMPLE
    assert article.text == article.raw
    assert article.id == f"{name}.txt"
    assert article.source == str(path)
    assert article.content_hash == content_hash(SAMPLE)
    assert (article.title, article.url, article.outlet, article.published) == (None,) * 4


def test_cp1252_is_preferred_over_other_latin_code_pages(tmp_path: Path) -> None:
    # cp1250 decodes these bytes too, but turns "à" into "ŕ".
    text = "Le maire a déclaré à la radio que l’eau «montera encore». " * 3
    path = tmp_path / "fr.txt"
    path.write_bytes(text.encode("cp1252"))
    article = _read(path)
    assert isinstance(article, Article)
    assert article.raw == text


def test_other_legacy_encoding_is_detected(tmp_path: Path) -> None:
    text = "Мэр города заявил, что плотина выдержит весенний паводок.\n"
    path = tmp_path / "ru.txt"
    path.write_bytes(text.encode("cp1251"))
    article = _read(path)
    assert isinstance(article, Article)
    assert article.raw == text


def test_forced_encoding_option(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Straße über die Brücke".encode("latin-1"))
    article = _read(path, SourceOptions(encoding="latin-1"))
    assert isinstance(article, Article)
    assert article.raw == "Straße über die Brücke"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"one\r\ntwo\r\n", "one\ntwo\n"),
        (b"one\rtwo\r", "one\ntwo\n"),
        (b"one\r\n\r\ntwo", "one\n\ntwo"),
        ("tab\tand\u00a0nbsp \u2019 kept  twice".encode(), "tab\tand\u00a0nbsp \u2019 kept  twice"),
    ],
)
def test_only_newlines_are_normalised(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "n.txt"
    path.write_bytes(data)
    article = _read(path)
    assert isinstance(article, Article)
    assert article.raw == expected


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty", b"", EmptyInputError.code),
        ("blank", b" \n\t\r\n  ", EmptyInputError.code),
        ("blank16", codecs.BOM_UTF16_LE + " \n ".encode("utf-16-le"), EmptyInputError.code),
        ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", BinaryInputError.code),
        ("random", random.Random(7).randbytes(4096) + b"\x00", BinaryInputError.code),
        ("controls", bytes(range(1, 9)) * 64, BinaryInputError.code),
        (
            "random_no_nul",
            bytes(b for b in random.Random(3).randbytes(4096) if b),
            BinaryInputError.code,
        ),
    ],
)
def test_unreadable_content_fails_with_code(
    tmp_path: Path, name: str, data: bytes, code: str
) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_bytes(data)
    failure = _read(path)
    assert isinstance(failure, Failure), failure
    assert failure.code == code
    assert failure.input == str(path)
    assert failure.stage == "source"
    assert failure.line is None
    assert failure.message


def test_invalid_utf8_names_the_byte_offset(tmp_path: Path) -> None:
    good = "Crews said “no deal” on the ferry toll. ".encode()
    path = tmp_path / "broken.txt"
    path.write_bytes(good + b"\xc3\x28" + "and more “quoted” words".encode())
    failure = _read(path)
    assert isinstance(failure, Failure)
    assert failure.code == EncodingError.code
    assert f"offset {len(good)}" in failure.message


def test_invalid_utf16_after_bom_names_the_offset() -> None:
    data = codecs.BOM_UTF16_LE + "ok".encode("utf-16-le") + b"\x00\xdc"  # lone low surrogate
    with pytest.raises(EncodingError, match="offset 6"):
        decode_bytes(data, input="x")


def test_huge_text_file_is_rejected_by_size_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    line = b"The river rose again overnight and the ferries stayed in port.\n"
    with path.open("wb") as handle:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    assert path.stat().st_size > 50 * 1024 * 1024
    tracemalloc.start()
    try:
        failure = _read(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024
    assert isinstance(failure, Failure)
    assert failure.code == TooLargeError.code
    assert f"{path.stat().st_size:,} bytes" in failure.message
    assert f"{5 * 1024 * 1024:,} bytes" in failure.message


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "small.txt"
    path.write_text("x" * 101)
    assert isinstance(_read(path, SourceOptions(max_article_bytes=101)), Article)
    failure = _read(path, SourceOptions(max_article_bytes=100))
    assert isinstance(failure, Failure)
    assert "101 bytes" in failure.message
    assert "100 bytes" in failure.message


def test_read_limited_caps_a_file_that_reports_no_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Like a device, or a file still being written: stat says 0 bytes, the read finds more.
    path = tmp_path / "grows.txt"
    path.write_bytes(b"y" * 50)
    monkeypatch.setattr(Path, "stat", lambda self, **_: SimpleNamespace(st_size=0))
    with pytest.raises(SourceError, match="at least 11 bytes"):
        read_limited(path, 10, input="grows.txt")
