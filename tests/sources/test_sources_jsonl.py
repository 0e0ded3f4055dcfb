"""JSON Lines: records, per-line failures with line numbers, streaming of big files."""

from __future__ import annotations

import codecs
import datetime as dt
import json
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from threatline.errors import EmptyInputError, EncodingError, RecordError, TooLargeError
from threatline.ids import content_hash
from threatline.models import Article, Failure
from threatline.sources import SourceOptions, iter_inputs

FIXTURES = Path(__file__).parent / "fixtures"
BODY = "Two patrol boats collided near the breakwater on Thursday; nobody was hurt."


def _line(record: Any) -> str:
    return json.dumps(record, ensure_ascii=False)


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _items(path: Path, options: SourceOptions | None = None) -> list[Article | Failure]:
    return list(iter_inputs([str(path)], options))


def test_records_become_articles_with_their_metadata(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "batch.jsonl",
        [
            _line(
                {
                    "id": "harbour-7",
                    "text": BODY + "\r\nSecond line.",
                    "title": "Boats collide",
                    "url": "https://news.example.com/boats",
                    "published": "2021-06-03",
                    "outlet": "Harbour Times",
                    "extra": {"ignored": True},
                }
            ),
            _line({"id": 42, "text": BODY}),
            _line({"text": BODY, "published": "2021-06-04T23:10:00-07:00"}),
        ],
    )
    first, second, third = _items(path)
    assert isinstance(first, Article)
    assert first.id == "harbour-7"
    assert first.raw == first.text == BODY + "\nSecond line."
    assert first.content_hash == content_hash(first.raw)
    assert first.title == "Boats collide"
    assert first.url == "https://news.example.com/boats"
    assert first.outlet == "Harbour Times"
    assert first.published == dt.date(2021, 6, 3)
    assert first.source == str(path)
    assert isinstance(second, Article)
    assert second.id == "42"
    assert second.published is None
    assert isinstance(third, Article)
    assert third.id == "batch.jsonl:3"
    assert third.published == dt.date(2021, 6, 4)  # the publisher's local day, not UTC


def test_malformed_line_among_good_ones(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "mixed.jsonl",
        [
            _line({"id": "a", "text": BODY}),
            '{"id": "b", "text": "unterminated',
            "",
            _line({"id": "c", "text": BODY}),
        ],
    )
    items = _items(path)
    assert [type(item).__name__ for item in items] == ["Article", "Failure", "Article"]
    failure = items[1]
    assert isinstance(failure, Failure)
    assert failure.line == 2
    assert failure.code == RecordError.code
    assert failure.input == str(path)
    assert "malformed JSON" in failure.message
    assert [item.id for item in items if isinstance(item, Article)] == ["a", "c"]


@pytest.mark.parametrize(
    ("line", "code", "fragment"),
    [
        ("[1, 2, 3]", RecordError.code, "not an object"),
        ('"just a string"', RecordError.code, "not an object"),
        (_line({"id": "x", "title": "No body"}), RecordError.code, "neither"),
        (_line({"id": "x", "text": "   \n "}), EmptyInputError.code, "empty"),
        (_line({"id": "x", "html": ""}), EmptyInputError.code, "empty"),
        (_line({"id": "x", "text": 17}), RecordError.code, "'text'"),
        (_line({"id": "x", "text": BODY, "title": ["a"]}), RecordError.code, "'title'"),
        (_line({"id": True, "text": BODY}), RecordError.code, "'id'"),
        (_line({"id": "", "text": BODY}), RecordError.code, "'id'"),
        (_line({"id": "x", "text": BODY, "published": "yesterday"}), RecordError.code, "published"),
        (
            _line({"id": "x", "text": BODY, "published": "March 2021"}),
            RecordError.code,
            "published",
        ),
        (_line({"id": "x", "text": BODY, "published": 20210301}), RecordError.code, "published"),
    ],
)
def test_bad_records_fail_with_line_number(
    tmp_path: Path, line: str, code: str, fragment: str
) -> None:
    path = _write(tmp_path / "bad.jsonl", [_line({"id": "ok", "text": BODY}), line])
    good, failure = _items(path)
    assert isinstance(good, Article)
    assert isinstance(failure, Failure), failure
    assert failure.code == code
    assert failure.line == 2
    assert fragment in failure.message


def test_invalid_utf8_line_is_a_failure_with_offset(tmp_path: Path) -> None:
    path = tmp_path / "enc.jsonl"
    bad = b'{"id": "a", "text": "caf\xe9"}\n'
    path.write_bytes(bad + _line({"id": "b", "text": BODY}).encode())
    failure, article = _items(path)
    assert isinstance(failure, Failure)
    assert failure.code == EncodingError.code
    assert failure.line == 1
    assert f"offset {bad.index(0xE9)} " in failure.message
    assert isinstance(article, Article)


def test_bom_on_first_line_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.ndjson"
    path.write_bytes(codecs.BOM_UTF8 + _line({"id": "a", "text": BODY}).encode() + b"\n")
    (article,) = _items(path)
    assert isinstance(article, Article)
    assert article.id == "a"


@pytest.mark.parametrize("content", ["", "\n\n  \n"])
def test_empty_jsonl_gives_one_failure(tmp_path: Path, content: str) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text(content)
    (failure,) = _items(path)
    assert isinstance(failure, Failure)
    assert failure.code == EmptyInputError.code
    assert failure.line is None


def test_html_record_is_extracted_and_record_fields_win(tmp_path: Path) -> None:
    html = (FIXTURES / "article.html").read_text(encoding="utf-8")
    path = _write(
        tmp_path / "pages.jsonl",
        [
            _line({"id": "p1", "html": html}),
            _line({"id": "p2", "html": html, "title": "Own title", "published": "1 August 2022"}),
            _line({"id": "p3", "html": "<html><body><nav>Home</nav></body></html>"}),
        ],
    )
    first, second, third = _items(path)
    assert isinstance(first, Article)
    assert first.title == "Ferry crews strike over river tolls"
    assert first.published == dt.date(2022, 7, 9)
    assert first.outlet == "The Valley Courier"
    assert first.raw.startswith("Crews on the three river ferries")
    assert "\n\nThe crews’ union said" in first.raw
    assert "newsletter" not in first.raw
    assert isinstance(second, Article)
    assert second.title == "Own title"
    assert second.published == dt.date(2022, 8, 1)
    assert isinstance(third, Failure)
    assert third.line == 3
    assert third.doc == "p3"


def test_overlong_line_is_skipped_and_reading_goes_on(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "long.jsonl",
        [_line({"id": "big", "text": "z" * 5000}), _line({"id": "small", "text": BODY})],
    )
    failure, article = _items(path, SourceOptions(max_article_bytes=1000))
    assert isinstance(failure, Failure)
    assert failure.code == TooLargeError.code
    assert failure.line == 1
    assert "1,000 bytes" in failure.message
    assert isinstance(article, Article)
    assert article.id == "small"


def _big_jsonl(path: Path, size: int) -> int:
    paragraph = ("Officials in the port town reported calm streets after the vote. " * 150)[:9000]
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        while handle.tell() < size:
            count += 1
            handle.write(_line({"id": f"r{count}", "text": f"{count} {paragraph}"}) + "\n")
    return count


@pytest.mark.slow
def test_fifty_megabyte_jsonl_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    count = _big_jsonl(path, 50 * 1024 * 1024)
    assert path.stat().st_size >= 50 * 1024 * 1024
    stream: Iterator[Article | Failure] = iter_inputs([str(path)])
    first = next(stream)
    assert isinstance(first, Article)
    assert first.id == "r1"
    tracemalloc.start()
    try:
        seen = 1
        last = first
        for item in stream:
            assert isinstance(item, Article)
            seen += 1
            last = item
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert seen == count
    assert last.id == f"r{count}"
    assert peak < 5 * 1024 * 1024  # a few records at a time, never the whole 50 MB
