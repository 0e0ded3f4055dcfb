"""Watch mode: new and changed files and feed entries are ingested once, until stopped."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from tests.scale.conftest import settings_for
from tests.scale.pipelines import light
from threatline.cli_scale import watch
from threatline.config import Settings
from threatline.runners import SerialRunner
from threatline.sources import FetchedPage
from threatline.store import Store, open_store
from threatline.watch import Watcher


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return settings_for(f"sqlite:///{tmp_path / 'watch.db'}")


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    with open_store(settings.db) as s:  # type: ignore[attr-defined]
        yield s


def _write(path: Path, text: str, age: float = 5.0) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    then = time.time() - age
    os.utime(path, (then, then))


def _watcher(target: str, store: Store, settings: Settings, **kw: object) -> Watcher:
    runner = SerialRunner(light(settings))
    return Watcher([target], store, settings, runner=runner, **kw)  # type: ignore[arg-type]


def test_files_written_between_steps_are_ingested_once(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    inbox = tmp_path / "inbox"
    _write(inbox / "a.txt", "Rebels attacked the northern depot on Monday.")
    _write(inbox / "b.txt", "Talks between the two delegations resumed in the capital.")
    watcher = _watcher(str(inbox), store, settings, settle=1.0)
    first = watcher.step()
    assert [(r.added, r.duplicates) for r in first] == [(2, 0)]
    assert watcher.step() == []  # nothing new: no run at all
    _write(inbox / "deep" / "c.txt", "Protesters marched to the ministry in the old town.")
    _write(inbox / "a.txt", "Rebels attacked the northern depot on Tuesday, officials said.", 3)
    third = watcher.step()
    assert [(r.added, r.replaced) for r in third] == [(1, 1)]
    _write(inbox / "b.txt", "Talks between the two delegations resumed in the capital.", 2)
    touched = watcher.step()  # same content, new time: read again, nothing added
    assert [(r.added, r.replaced, r.duplicates) for r in touched] == [(0, 0, 1)]
    assert store.count_articles() == 3
    assert (watcher.totals.added, watcher.totals.replaced, watcher.totals.steps) == (3, 1, 4)
    assert len(store.runs()) == 3


def test_a_file_still_being_written_waits_until_it_settles(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    inbox = tmp_path / "inbox"
    _write(inbox / "fresh.txt", "Half of a report that is still being", age=0.0)
    watcher = _watcher(str(inbox), store, settings, settle=60.0)
    assert watcher.step() == []
    assert watcher.folders[0].deferred == 1 and store.count_articles() == 0


class FakeFeed:
    """A feed whose entries the test adds between polls."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, str]] = []
        self.fetches = 0

    def fetch(self, url: str) -> FetchedPage:
        self.fetches += 1
        items = "".join(
            f"<item><guid>{guid}</guid><title>{guid}</title><description>{text}</description>"
            "<pubDate>Mon, 06 Jan 2020 10:00:00 GMT</pubDate></item>"
            for guid, text in self.entries
        )
        channel = f"<channel><title>Wire</title>{items}</channel>"
        body = f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'
        return FetchedPage(url=url, content=body.encode(), content_type="application/rss+xml")


def test_new_feed_entries_are_ingested_once(store: Store, settings: Settings) -> None:
    feed = FakeFeed()
    feed.entries += [
        ("w-1", "Militia fighters shelled the airport road."),
        ("w-2", "Envoys met in Geneva."),
    ]
    watcher = Watcher(
        ["https://news.example.org/rss"],
        store,
        settings,
        runner=SerialRunner(light(settings)),
        fetcher=feed,
    )
    assert [r.added for r in watcher.step()] == [2]
    assert watcher.step() == []  # polled again, nothing new: no run
    feed.entries.append(("w-3", "The army sent reinforcements to the border."))
    assert [(r.added, r.duplicates) for r in watcher.step()] == [(1, 0)]
    assert watcher.step(feeds=False) == [] and feed.fetches == 3
    assert store.count_articles() == 3 and store.article("w-3") is not None


def test_run_loop_picks_up_a_new_file_and_stops_cleanly(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    watcher = _watcher(str(inbox), store, settings, settle=0.0)
    done = threading.Thread(target=watcher.run, args=(0.2,))
    done.start()
    try:
        _write(inbox / "late.txt", "A convoy was ambushed near the river crossing.")
        deadline = time.monotonic() + 60
        while watcher.totals.added == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        watcher.stop()
        done.join(timeout=30)
    assert not done.is_alive()
    assert watcher.totals.added == 1 and watcher.totals.steps >= 1


def test_watch_command_once_prints_a_summary(tmp_path: Path, settings: Settings) -> None:
    inbox = tmp_path / "inbox"
    _write(inbox / "a.txt", "Rebels attacked the northern depot on Monday.")
    app = typer.Typer()
    app.command()(watch)
    env = {"THREATLINE_BATCH_SIZE": "4"}
    args = [str(inbox), "--db", settings.db, "--once", "--settle", "0"]
    result = CliRunner().invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    assert "1 added" in result.output and "1 scans" in result.output
    # A new watch reads the folder again: what is stored adds nothing.
    again = CliRunner().invoke(app, args, env=env)
    assert again.exit_code == 0, again.output
    assert "0 added" in again.output and "1 already stored" in again.output
