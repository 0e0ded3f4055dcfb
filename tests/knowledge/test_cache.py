"""The disk cache of built knowledge: read when its inputs are unchanged, rebuilt otherwise,
never a reason for a run to fail."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from threatline.knowledge import load_knowledge
from threatline.knowledge.cache import ENV, cache_dir, cached
from threatline.knowledge.gazetteer import Gazetteer, load_gazetteer


class Built:
    def __init__(self, value: str) -> None:
        self.value = value


class Counter:
    """A build function that counts its calls and makes a Built from a source file."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self.calls = 0

    def __call__(self) -> Built:
        self.calls += 1
        return Built(self.source.read_text())


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cache"
    monkeypatch.setenv(ENV, str(path))
    return path


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "source.yaml"
    path.write_text("first")
    return path


def test_second_call_reads_what_the_first_built(folder: Path, source: Path) -> None:
    build = Counter(source)
    first = cached("thing", Built, build, files=[source])
    second = cached("thing", Built, build, files=[source])
    assert build.calls == 1 and second is not first and second.value == "first"
    assert [p.name for p in folder.iterdir()] == ["thing.pickle"]


def test_a_changed_source_or_other_arguments_rebuild(folder: Path, source: Path) -> None:
    build = Counter(source)
    cached("thing", Built, build, files=[source])
    source.write_text("second, longer")
    assert cached("thing", Built, build, files=[source]).value == "second, longer"
    assert build.calls == 2
    cached("thing", Built, build, files=[source], params="other")
    cached("thing", Built, build, files=[source], params="other")
    assert build.calls == 3
    assert len(list(folder.iterdir())) == 2  # one file per set of arguments, overwritten


def test_off_builds_every_time_and_writes_nothing(
    tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV, "off")
    assert cache_dir() is None
    build = Counter(source)
    cached("thing", Built, build, files=[source])
    cached("thing", Built, build, files=[source])
    assert build.calls == 2


def test_default_location_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "threatline"


@pytest.mark.parametrize(
    "content",
    [b"", b"not a pickle", pickle.dumps(b"some other key")],
    ids=["empty", "garbage", "stale key"],
)
def test_unreadable_or_stale_file_is_rebuilt_and_replaced(
    folder: Path, source: Path, content: bytes
) -> None:
    folder.mkdir()
    (folder / "thing.pickle").write_bytes(content)
    build = Counter(source)
    assert cached("thing", Built, build, files=[source]).value == "first"
    assert cached("thing", Built, build, files=[source]).value == "first"
    assert build.calls == 1


def test_an_object_of_another_type_is_not_returned(folder: Path, source: Path) -> None:
    cached("thing", Built, Counter(source), files=[source])
    build = Counter(source)
    assert isinstance(cached("thing", str, lambda: "fresh", files=[source]), str)
    assert build.calls == 0


def test_unwritable_cache_still_builds(
    tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(ENV, str(blocker / "cache"))  # a directory cannot be made under a file
    build = Counter(source)
    assert cached("thing", Built, build, files=[source]).value == "first"
    assert cached("thing", Built, build, files=[source]).value == "first"
    assert build.calls == 2


def test_missing_source_file_leaves_the_error_to_the_build(folder: Path, tmp_path: Path) -> None:
    def build() -> Built:
        raise FileNotFoundError("the build reports it")

    with pytest.raises(FileNotFoundError, match="the build reports it"):
        cached("thing", Built, build, files=[tmp_path / "absent.yaml"])


def test_knowledge_from_the_cache_equals_a_fresh_load(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_knowledge()
    again = load_knowledge()
    assert list(folder.glob("knowledge-*.pickle")) and again == first
    monkeypatch.setenv(ENV, "off")
    assert load_knowledge() == first


_GROUP = "- code: ZZZGRP\n  name: {name}\n  kind: armed_group\n  sector: REB\n  country: IRQ\n"


def test_extra_knowledge_directory_is_part_of_the_key(folder: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    base = load_knowledge()
    (extra / "groups.yaml").write_text(_GROUP.format(name="Test Brigade"))
    added = load_knowledge(extra_dirs=[extra])
    assert added.lookup("Test Brigade") and not base.lookup("Test Brigade")
    (extra / "groups.yaml").write_text(_GROUP.format(name="Other Brigade"))
    changed = load_knowledge(extra_dirs=[extra])
    assert changed.lookup("Other Brigade") and not changed.lookup("Test Brigade")


def test_gazetteer_from_the_cache_answers_like_a_fresh_one(folder: Path) -> None:
    fresh = Gazetteer()
    cached_one = load_gazetteer()
    again = load_gazetteer()
    assert list(folder.glob("gazetteer-*.pickle"))
    for name in ("Baghdad", "Hodeidah", "Strait of Hormuz", "Kyiv", "Nowhereville"):
        assert again.lookup(name) == cached_one.lookup(name) == fresh.lookup(name)
    assert len(again) == len(fresh)
