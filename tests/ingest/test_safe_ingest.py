"""Safe ingest: idempotent, per-input failures that name the file (and line), the rest goes on."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from threatline.config import Settings
from threatline.ingest import ingest
from threatline.runners import SerialRunner
from threatline.store import open_store

GOOD = (
    "Officials in the capital said the talks would resume next week after a pause of two months.\n"
)


def _run(inputs: list[Path], settings: Settings, runner: SerialRunner):  # type: ignore[no-untyped-def]
    store = open_store(settings.db)
    try:
        return ingest(
            [str(p) for p in inputs], store, settings, runner=runner
        ), store.count_articles()
    finally:
        store.close()


def test_same_content_twice_adds_nothing(
    tmp_path: Path, settings: Settings, light_runner: SerialRunner
) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "copy.txt").write_text(GOOD)
    report, count = _run([tmp_path / "a.txt", tmp_path / "copy.txt"], settings, light_runner)
    assert (report.added, report.duplicates, count) == (1, 1, 1)
    again, count = _run([tmp_path / "a.txt"], settings, light_runner)
    assert (again.added, again.duplicates, count) == (0, 1, 1)
    assert again.ok


@pytest.mark.parametrize(
    ("name", "content", "code", "words"),
    [
        (
            "binary.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
            "TL203",
            "binary",
        ),
        ("empty.txt", b"", "TL202", "empty"),
        ("empty.jsonl", b"", "TL202", "no records"),
        (
            "latin.txt",
            b"caf\xc3\xa9 ok " * 50 + b"\xc3\x28 broken " + b"more text " * 50,
            "TL201",
            "UTF-8",
        ),
        (
            "nothing.html",
            b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
            "TL205",
            "article",
        ),
    ],
)
def test_bad_input_is_a_named_failure_and_the_rest_goes_on(
    tmp_path: Path,
    settings: Settings,
    light_runner: SerialRunner,
    name: str,
    content: bytes,
    code: str,
    words: str,
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    (tmp_path / "good.txt").write_text(GOOD)
    report, count = _run([tmp_path], settings, light_runner)
    assert count == 1 and report.added == 1
    assert len(report.failures) == 1
    failure = report.failures[0]
    assert failure.input == str(bad) and failure.code == code
    assert words.lower() in failure.message.lower()


def test_malformed_jsonl_line_names_the_line(
    tmp_path: Path, settings: Settings, light_runner: SerialRunner
) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "r1", "text": GOOD}),
        "{not json",
        json.dumps({"id": "r3", "text": GOOD + " More."}),
    ]
    path.write_text("\n".join(lines) + "\n")
    report, count = _run([path], settings, light_runner)
    assert count == 2
    assert [(f.input, f.line, f.code) for f in report.failures] == [(str(path), 2, "TL204")]
    store = open_store(settings.db)
    assert [f.line for f in store.failures(report.run_id)] == [2]
    store.close()


def test_unreadable_file(tmp_path: Path, settings: Settings, light_runner: SerialRunner) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "good.txt").write_text(GOOD)
    report, count = _run([tmp_path], settings, light_runner)
    assert count == 1
    assert report.failures[0].input == str(tmp_path / "gone.txt")


def test_fifty_megabyte_file_is_refused_by_size(
    tmp_path: Path, settings: Settings, light_runner: SerialRunner
) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
        fh.seek(0)
        fh.write(GOOD.encode() * 10)
    (tmp_path / "good.txt").write_text(GOOD)
    report, count = _run([tmp_path], settings, light_runner)
    assert count == 1
    assert report.failures[0].code == "TL207" and "max_article_bytes" in report.failures[0].message


def test_missing_path_fails_clearly(
    tmp_path: Path, settings: Settings, light_runner: SerialRunner
) -> None:
    report, count = _run([tmp_path / "nope"], settings, light_runner)
    assert count == 0 and not report.ok
    assert "nope" in report.failures[0].input


def test_stage_crash_on_one_article_fails_only_that_article(
    tmp_path: Path, settings: Settings
) -> None:
    from threatline.pipeline import Pipeline
    from threatline.stages.base import Work

    class Boom:
        name = "boom"
        requires = frozenset({"article"})
        provides = frozenset({"boom"})

        def __call__(self, batch: list[Work]) -> None:
            for w in batch:
                if "explode" in w.article.text:
                    raise ValueError("bad article")

    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_text("This one will explode in the stage.\n")
    report, count = _run([tmp_path], settings, SerialRunner(Pipeline([Boom()])))
    assert count == 1
    assert report.failures[0].doc == "b.txt" and report.failures[0].stage == "boom"
    assert "bad article" in report.failures[0].message


def test_env_does_not_leak() -> None:
    assert "THREATLINE_DB" not in os.environ


def test_same_file_name_in_a_later_run_is_another_article(
    tmp_path: Path, settings: Settings, light_runner: SerialRunner
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "report.txt").write_text(GOOD)
    (tmp_path / "b" / "report.txt").write_text(GOOD + " A different story altogether.")
    _run([tmp_path / "a"], settings, light_runner)
    report, count = _run([tmp_path / "b"], settings, light_runner)
    assert (report.added, report.replaced, count) == (1, 0, 2)


def test_edited_file_and_updated_record_replace_their_earlier_version(
    tmp_path: Path, settings: Settings, light_runner: SerialRunner
) -> None:
    doc = tmp_path / "report.txt"
    doc.write_text(GOOD)
    _run([doc], settings, light_runner)
    doc.write_text(GOOD + " Updated with a correction.")
    report, count = _run([doc], settings, light_runner)
    assert (report.replaced, count) == (1, 1)
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "r1", "text": GOOD + " First version."}) + "\n")
    _run([feed], settings, light_runner)
    feed.write_text(json.dumps({"id": "r1", "text": GOOD + " Second version."}) + "\n")
    report, count = _run([feed], settings, light_runner)
    assert (report.replaced, count) == (1, 2)


def test_path_objects_are_accepted_and_recorded_as_text(
    tmp_path: Path, settings: Settings, light_runner: SerialRunner
) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    with open_store(settings.db) as store:
        report = ingest([tmp_path / "a.txt"], store, settings, runner=light_runner)
        assert report.added == 1
        assert store.runs()[-1]["args"]["inputs"] == [str(tmp_path / "a.txt")]
        with pytest.raises(TypeError, match="sequence of paths"):
            ingest(tmp_path / "a.txt", store, settings, runner=light_runner)  # type: ignore[arg-type]
