"""The nlp stage: the only place spaCy runs.

The default pipeline is the project's own ``en_threatline``, shipped inside the package
(``threatline/models/en_threatline``). Any installed spaCy pipeline (a package name such as
``en_core_web_trf``) or a directory holding one can be chosen with the ``model`` setting.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from threatline.config import SHIPPED_MODEL
from threatline.errors import ModelError
from threatline.stages.base import Work

__all__ = ["NlpStage", "load_model", "model_info", "model_path"]


def model_path(name: str = SHIPPED_MODEL) -> Path | None:
    """Directory of a pipeline given by name or path, or None for an installed package name."""
    if name == SHIPPED_MODEL:
        return Path(str(resources.files("threatline") / "models" / SHIPPED_MODEL))
    path = Path(name)
    return path if path.exists() else None


def load_model(name: str = SHIPPED_MODEL, *, exclude: tuple[str, ...] = ()) -> Language:
    """Load the shipped pipeline, an installed spaCy package or a pipeline directory."""
    path = model_path(name)
    target: str | Path = path if path is not None else name
    if path is not None and not (path / "meta.json").is_file():
        hint = " (build it with `make model`)" if name == SHIPPED_MODEL else ""
        raise ModelError(f"no spaCy pipeline at {path}{hint}")
    try:
        return spacy.load(target, exclude=list(exclude))
    except OSError as exc:
        raise ModelError(
            f"cannot load spaCy pipeline {name!r}: "
            "not the shipped model, an installed package or a path"
        ) from exc


def model_info(name: str = SHIPPED_MODEL) -> dict[str, Any]:
    """Name, version, path, components and recorded test scores of a pipeline."""
    path = model_path(name)
    if path is not None:
        meta_file = path / "meta.json"
        if not meta_file.is_file():
            raise ModelError(f"no spaCy pipeline at {path}")
        meta: dict[str, Any] = json.loads(meta_file.read_text(encoding="utf-8"))
    else:
        meta = load_model(name).meta
    return {
        "name": f"{meta.get('lang', 'xx')}_{meta.get('name', name)}",
        "version": meta.get("version"),
        "spacy_version": meta.get("spacy_version"),
        "path": str(path) if path is not None else None,
        "components": meta.get("components", meta.get("pipeline", [])),
        "labels": {k: len(v) for k, v in meta.get("labels", {}).items()},
        "test_scores": meta.get("threatline_test_scores", {}),
        "sources": meta.get("sources", []),
        "license": meta.get("license"),
    }


class NlpStage:
    """Parse every article with one ``nlp.pipe`` call per batch."""

    name = "nlp"
    requires = frozenset({"clean"})
    provides = frozenset({"doc"})

    def __init__(self, nlp: Language, batch_size: int = 64) -> None:
        self.nlp = nlp
        self.batch_size = batch_size

    def __call__(self, batch: list[Work]) -> None:
        pairs = ((w.article.text, i) for i, w in enumerate(batch))
        for doc, i in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            batch[i].doc = doc
