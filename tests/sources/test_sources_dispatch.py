"""Paths: directory walks, dispatch by extension or sniffing, unreadable files, the seeds."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from threatline.errors import EmptyInputError, SourceError
from threatline.ids import content_hash
from threatline.models import Article, Failure
from threatline.sources import Kind, SourceOptions, iter_inputs, walk_files
from threatline.sources.sniff import sniff_kind

FIXTURES = Path(__file__).parent / "fixtures"
NOTE = "Ferry crews walked out on Saturday over the new river tolls."


def _tree(root: Path) -> Path:
    """A small corpus: nested folders, mixed kinds, hidden entries."""
    (root / "b_dir" / "inner").mkdir(parents=True)
    (root / "a_dir").mkdir()
    (root / ".hidden_dir").mkdir()
    (root / "z_last.txt").write_text(NOTE + " (z)")
    (root / "a_first.txt").write_text(NOTE + " (a)")
    (root / "b_dir" / "m.md").write_text(NOTE + " (m)")
    (root / "b_dir" / "inner" / "deep.TXT").write_text(NOTE + " (deep)")
    (root / "a_dir" / "page.html").write_bytes((FIXTURES / "article.html").read_bytes())
    (root / "a_dir" / "recs.jsonl").write_text(json.dumps({"id": "rec-1", "text": NOTE}) + "\n")
    (root / ".hidden.txt").write_text("hidden file")
    (root / ".hidden_dir" / "x.txt").write_text("inside a hidden folder")
    return root


def _ids(items: list[Article | Failure]) -> list[str]:
    return [item.id if isinstance(item, Article) else f"FAIL:{item.input}" for item in items]


def test_directory_walk_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    root = _tree(tmp_path / "corpus")
    items = list(iter_inputs([str(root)]))
    assert _ids(items) == ["page.html", "rec-1", "a_first.txt", "deep.TXT", "m.md", "z_last.txt"]
    sources = [item.source for item in items if isinstance(item, Article)]
    visible = [p for p in root.rglob("*") if p.is_file() and ".hidden" not in str(p)]
    assert sources == [str(p) for p in sorted(visible)]
    assert list(iter_inputs([str(root)])) == items  # deterministic


def test_include_hidden_option(tmp_path: Path) -> None:
    root = _tree(tmp_path / "corpus")
    ids = _ids(list(iter_inputs([str(root)], SourceOptions(include_hidden=True))))
    assert ids[:2] == [".hidden.txt", "x.txt"]


def test_inputs_keep_their_given_order(tmp_path: Path) -> None:
    first = tmp_path / "b.txt"
    second = tmp_path / "a.txt"
    first.write_text(NOTE)
    second.write_text(NOTE)
    assert _ids(list(iter_inputs([str(first), str(second)]))) == ["b.txt", "a.txt"]


def test_explicit_hidden_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / ".note.txt"
    path.write_text(NOTE)
    assert _ids(list(iter_inputs([str(path)]))) == [".note.txt"]


def test_empty_directory_is_a_failure(tmp_path: Path) -> None:
    (failure,) = iter_inputs([str(tmp_path)])
    assert isinstance(failure, Failure)
    assert failure.code == EmptyInputError.code
    assert failure.input == str(tmp_path)


def test_missing_path_is_a_failure(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    (failure,) = iter_inputs([str(missing)])
    assert isinstance(failure, Failure)
    assert failure.input == str(missing)
    assert "No such file or directory" in failure.message


def test_broken_symlink_is_a_failure_and_the_walk_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a_broken.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "b_ok.txt").write_text(NOTE)
    failure, article = iter_inputs([str(tmp_path)])
    assert isinstance(failure, Failure)
    assert failure.input == str(tmp_path / "a_broken.txt")
    assert failure.code == SourceError.code
    assert "broken symbolic link" in failure.message
    assert isinstance(article, Article)
    assert article.id == "b_ok.txt"


def test_symlinks_followed_once_or_not_at_all(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "n.txt").write_text(NOTE)
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    (root / "alias.txt").symlink_to(root / "sub" / "n.txt")
    assert _ids(list(iter_inputs([str(root)]))) == ["alias.txt", "n.txt"]
    unfollowed = list(iter_inputs([str(root)], SourceOptions(follow_symlinks=False)))
    assert _ids(unfollowed) == ["n.txt"]


def test_unreadable_file_is_a_failure_naming_the_os_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "a_locked.txt"
    locked.write_text(NOTE)
    (tmp_path / "b_open.txt").write_text(NOTE)
    real_open = Path.open

    def guarded_open(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "a_locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", guarded_open)
    failure, article = iter_inputs([str(tmp_path)])
    assert isinstance(failure, Failure)
    assert failure.input == str(locked)
    assert "Permission denied" in failure.message
    assert str(locked) in failure.message
    assert isinstance(article, Article)


def test_unlistable_directory_is_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "f.txt").write_text(NOTE)
    real_scandir = os.scandir

    def refuse(path: object) -> object:
        if Path(str(path)) == tmp_path:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", refuse)
    items = list(walk_files(tmp_path, SourceOptions()))
    assert len(items) == 1
    assert isinstance(items[0], Failure)
    assert "Permission denied" in items[0].message


def test_fifo_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (failure,) = iter_inputs([str(fifo)])
    assert isinstance(failure, Failure)
    assert "not a regular file" in failure.message


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b'<?xml version="1.0"?>\n<rss version="2.0">', Kind.FEED),
        (b"<?xml version='1.0'?><!-- c --><feed xmlns='http://www.w3.org/2005/Atom'>", Kind.FEED),
        (b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>", Kind.FEED),
        (b"\xef\xbb\xbf<!DOCTYPE html><html><head>", Kind.HTML),
        (b"  <div class='story'><p>Text</p></div>", Kind.HTML),
        (b'{"id": "1", "text": "x"}\n', Kind.JSONL),
        (b"Plain text that mentions <html> later", Kind.TEXT),
        (b"<not really markup", Kind.TEXT),
        ("<html><body>".encode("utf-16"), Kind.HTML),
    ],
)
def test_sniff_kind(head: bytes, kind: Kind) -> None:
    assert sniff_kind(head) is kind


def test_unknown_extensions_are_sniffed(tmp_path: Path) -> None:
    shutil.copyfile(FIXTURES / "article.html", tmp_path / "a_page")
    (tmp_path / "b_records.json").write_text(json.dumps({"id": "j1", "text": NOTE}) + "\n")
    (tmp_path / "c_note.log").write_text(NOTE)
    items = list(iter_inputs([str(tmp_path)]))
    assert _ids(items) == ["a_page", "j1", "c_note.log"]
    assert isinstance(items[0], Article)
    assert items[0].title == "Ferry crews strike over river tolls"


def test_extension_options_are_normalised_and_used(tmp_path: Path) -> None:
    options = SourceOptions(text_extensions=frozenset({"LOG", ".Note"}))
    assert options.text_extensions == frozenset({".log", ".note"})
    path = tmp_path / "looks.note"
    path.write_text("<p>not parsed as HTML because the extension says text</p>")
    (article,) = iter_inputs([str(path)], options)
    assert isinstance(article, Article)
    assert article.raw.startswith("<p>")


def test_seed_files_read_with_file_name_ids(seeds_dir: Path) -> None:
    seeds = sorted(seeds_dir.glob("*.txt"))
    assert len(seeds) == 5
    items = list(iter_inputs([str(seeds_dir)]))
    assert [item.id for item in items if isinstance(item, Article)] == [p.name for p in seeds]
    for article, path in zip(items, seeds, strict=True):
        assert isinstance(article, Article)
        expected = path.read_text(encoding="utf-8")
        assert article.raw == expected
        assert article.text == expected
        assert article.content_hash == content_hash(expected)
        assert article.source == str(path)


def test_a_single_string_is_refused() -> None:
    with pytest.raises(TypeError, match="sequence"):
        next(iter_inputs("corpus"))
