"""A disk cache of built knowledge: the gazetteer and the knowledge base, pickled.

Every process that runs the pipeline builds both (YAML and GeoNames JSON parsed, validated and
indexed): ~1.4 s, a third of the start-up of an ingest and paid again by every pool worker.
Unpickling them takes ~0.3 s. The first process to build one writes it to the cache; the next
ones read it.

Where: ``$THREATLINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/threatline``, else
``~/.cache/threatline``; ``THREATLINE_CACHE_DIR=off`` turns the cache off. One file per kind of
object: a key, then the object. The key covers the Threatline, Python and pydantic versions,
the arguments of the build and the path, size and modification time of every source file and
of every module that builds the object, so that editing a YAML file, a module or upgrading
rebuilds it (and overwrites the file of those arguments: the cache grows only with the
arguments used, such as the extra knowledge directories). A cache that cannot be read
or written is ignored (the object is built); files are replaced atomically, so processes
building at the same time do not see half-written files. Like any pickle, a cache file is
trusted: it lives in the user's own cache directory.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import TypeVar

import pydantic

from threatline import __version__

__all__ = ["cache_dir", "cached", "code_files", "yaml_files"]

T = TypeVar("T")
ENV = "THREATLINE_CACHE_DIR"


def cache_dir() -> Path | None:
    """The cache directory, or None when the cache is off."""
    chosen = os.environ.get(ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "none") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "threatline"


def code_files() -> list[Path]:
    """The modules that build knowledge objects: ``threatline.knowledge`` and the data model."""
    package = Path(str(resources.files("threatline")))
    return [*sorted((package / "knowledge").glob("*.py")), package / "models.py"]


def yaml_files(root: Path) -> list[Path]:
    """Every YAML file under ``root`` (a knowledge directory), in a stable order."""
    return sorted(p for p in root.rglob("*.yaml") if p.is_file())


def _key(kind: str, params: str, files: Iterable[Path]) -> bytes:
    digest = hashlib.sha256()
    for part in (__version__, sys.version, pydantic.VERSION, kind, params):
        digest.update(part.encode() + b"\0")
    for path in files:
        stat = path.stat()
        digest.update(f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.digest()


def cached(
    kind: str, cls: type[T], build: Callable[[], T], *, files: Iterable[Path], params: str = ""
) -> T:
    """The ``cls`` object ``build()`` makes from ``files`` (and ``params``), from the cache when
    it holds one made from the same inputs; else built, and written to the cache."""
    folder = cache_dir()
    if folder is None:
        return build()
    try:
        key = _key(kind, params, files)
    except OSError:  # a source file vanished: let the build report it
        return build()
    name = f"{kind}-{hashlib.sha256(params.encode()).hexdigest()[:12]}" if params else kind
    path = folder / f"{name}.pickle"
    found = _read(path, key, cls)
    if found is not None:
        return found
    made = build()
    _write(folder, path, key, made)
    return made


def _read(path: Path, key: bytes, cls: type[T]) -> T | None:
    try:
        with path.open("rb") as handle:
            if pickle.load(handle) != key:
                return None
            obj = pickle.load(handle)
    except Exception:  # absent, unreadable, truncated or from other code: build instead
        return None
    return obj if isinstance(obj, cls) else None


def _write(folder: Path, path: Path, key: bytes, obj: object) -> None:
    tmp: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.stem}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(key, handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(obj, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
    except (OSError, pickle.PicklingError):  # read-only home, full disk: run without it
        pass
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
