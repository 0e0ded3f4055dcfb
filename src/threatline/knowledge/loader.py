"""Read and validate the knowledge-base YAML files into a :class:`KnowledgeBase`.

Every problem raises :class:`threatline.errors.KnowledgeError` naming the file, the line of the
entry where it can be found, the entry (index and name) and the field.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Iterable, Sequence
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from threatline.errors import KnowledgeError
from threatline.knowledge.base import KnowledgeBase
from threatline.knowledge.schema import (
    ACTOR_FILE_KINDS,
    ActorEntry,
    AgentEntry,
    OfficeEntry,
    PersonEntry,
    StateEntry,
)
from threatline.knowledge.text import normalise

__all__ = ["ACTOR_FILES", "PERSONS_DIR", "load_knowledge", "organ_problems"]

ACTOR_FILES = ("states.yaml", "igos.yaml", "groups.yaml", "organisations.yaml", "media.yaml")
PERSONS_DIR = "persons"
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_LABEL_KEYS = ("name", "code", "word", "office")

M = TypeVar("M", bound=BaseModel)


def _where(source: Traversable) -> str:
    return str(source)


def _read_list(source: Traversable) -> tuple[list[Any], str]:
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise KnowledgeError("knowledge file is missing", input=_where(source)) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"cannot read knowledge file: {exc}", input=_where(source)) from exc
    try:
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise KnowledgeError(f"invalid YAML: {problem}", input=_where(source), line=line) from exc
    if data is None:
        return [], text
    if not isinstance(data, list):
        raise KnowledgeError(
            f"a knowledge file must be a YAML list of mappings, not {type(data).__name__}",
            input=_where(source),
        )
    return data, text


def _entry_lines(text: str) -> list[int]:
    """1-based line of each top-level entry (only computed when reporting an error)."""
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError:
        return []
    if not isinstance(node, yaml.SequenceNode):
        return []
    return [item.start_mark.line + 1 for item in node.value]


def _label(raw: Any) -> str:
    if isinstance(raw, dict):
        for key in _LABEL_KEYS:
            if isinstance(raw.get(key), str):
                return str(raw[key])
    return "?"


def _field_path(raw: Any, loc: Sequence[int | str]) -> str:
    """``organs[2] (Quds Force).sector`` from a pydantic error location."""
    parts: list[str] = []
    node = raw
    for step in loc:
        if isinstance(step, int):
            parts.append(f"[{step}]")
            node = node[step] if isinstance(node, list) and step < len(node) else None
            if isinstance(node, dict) and _label(node) != "?":
                parts.append(f" ({_label(node)})")
        else:
            parts.append(f".{step}" if parts else step)
            node = node.get(step) if isinstance(node, dict) else None
    return "".join(parts) or "(entry)"


class _File:
    """One knowledge file being validated: knows how to name an entry in an error."""

    def __init__(self, source: Traversable, raw: list[Any], text: str) -> None:
        self.source = source
        self.raw = raw
        self.text = text

    def error(self, index: int, message: str, field: str | None = None) -> KnowledgeError:
        lines = _entry_lines(self.text)
        line = lines[index] if index < len(lines) else None
        where = f"entry {index} ({_label(self.raw[index])})"
        if field:
            where += f", field {field}"
        return KnowledgeError(f"{where}: {message}", input=_where(self.source), line=line)

    def validate(self, model: type[M]) -> list[M]:
        entries: list[M] = []
        for index, raw in enumerate(self.raw):
            if not isinstance(raw, dict):
                raise self.error(index, f"an entry must be a mapping, not {type(raw).__name__}")
            try:
                entries.append(model.model_validate(raw))
            except ValidationError as exc:
                first = exc.errors()[0]
                more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
                field = _field_path(raw, first["loc"])
                raise self.error(index, f"{first['msg']}{more}", field) from exc
        return entries


def _open(source: Traversable) -> _File:
    raw, text = _read_list(source)
    return _File(source, raw, text)


def _check_unique(
    files: Iterable[tuple[_File, list[Any]]], key: str, what: str, fold: bool = False
) -> None:
    seen: dict[str, str] = {}
    for file, entries in files:
        for index, entry in enumerate(entries):
            value = getattr(entry, key)
            folded = normalise(value) if fold else value
            if folded in seen:
                message = f"duplicate {what} {value!r} (first in {seen[folded]})"
                raise file.error(index, message, key)
            seen[folded] = _where(file.source)


def _check_unique_lists(file: _File, entries: list[Any], attr: str, what: str) -> None:
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        for value in getattr(entry, attr):
            key = normalise(value)
            if key in seen and seen[key] != index:
                raise file.error(index, f"{what} {value!r} also in entry {seen[key]}", attr)
            seen[key] = index


def _person_files(root: Traversable) -> list[Traversable]:
    folder = root.joinpath(PERSONS_DIR)
    if not folder.is_dir():
        return []
    found = [item for item in folder.iterdir() if item.is_file() and item.name.endswith(".yaml")]
    return sorted(found, key=lambda item: item.name)


def load_knowledge(directory: Path | None = None) -> KnowledgeBase:
    """Load and validate the knowledge base (default: the one shipped in the package)."""
    root: Traversable = (
        directory if directory is not None else importlib.resources.files("threatline.knowledge")
    )
    if directory is not None and not directory.is_dir():
        raise KnowledgeError("knowledge directory not found", input=str(directory))

    actor_files: dict[str, tuple[_File, list[Any]]] = {}
    for name in ACTOR_FILES:
        file = _open(root.joinpath(name))
        model = StateEntry if name == "states.yaml" else ActorEntry
        entries: list[Any] = file.validate(model)
        allowed = ACTOR_FILE_KINDS.get(name)
        for index, entry in enumerate(entries):
            if allowed is not None and entry.kind not in allowed:
                kinds = ", ".join(sorted(kind.value for kind in allowed))
                raise file.error(index, f"kind {entry.kind.value!r} not allowed here ({kinds})")
        actor_files[name] = (file, entries)
    _check_unique(actor_files.values(), "code", "actor code")

    state_codes = {entry.code for entry in actor_files["states.yaml"][1]}
    for file, entries in actor_files.values():
        for index, entry in enumerate(entries):
            if isinstance(entry, ActorEntry) and entry.country not in (None, *state_codes):
                raise file.error(index, f"unknown country code {entry.country!r}", "country")

    agents_file = _open(root.joinpath("agents.yaml"))
    agents = agents_file.validate(AgentEntry)
    _check_unique([(agents_file, agents)], "word", "agent word", fold=True)
    _check_unique_lists(agents_file, agents, "forms", "form")

    offices_file = _open(root.joinpath("offices.yaml"))
    offices = offices_file.validate(OfficeEntry)
    _check_unique([(offices_file, offices)], "office", "office key")
    _check_unique_lists(offices_file, offices, "titles", "title")

    codes = {entry.code for _, entries in actor_files.values() for entry in entries}
    office_keys = {entry.office for entry in offices}
    person_files = [_open(source) for source in _person_files(root)]
    persons_by_file: list[tuple[_File, list[Any]]] = []
    for file in person_files:
        persons = file.validate(PersonEntry)
        for index, person in enumerate(persons):
            for number, role in enumerate(person.roles):
                if role.actor not in codes:
                    message = f"unknown actor code {role.actor!r}"
                    raise file.error(index, message, f"roles[{number}].actor")
                if role.office not in office_keys:
                    message = f"unknown office {role.office!r} (see offices.yaml)"
                    raise file.error(index, message, f"roles[{number}].office")
        persons_by_file.append((file, persons))
    _check_unique(persons_by_file, "name", "person", fold=True)

    return KnowledgeBase(
        states=tuple(actor_files["states.yaml"][1]),
        igos=tuple(actor_files["igos.yaml"][1]),
        groups=tuple(actor_files["groups.yaml"][1]),
        organisations=tuple(actor_files["organisations.yaml"][1]),
        media=tuple(actor_files["media.yaml"][1]),
        agents=tuple(agents),
        offices=tuple(offices),
        persons=tuple(person for _, persons in persons_by_file for person in persons),
    )


def organ_problems(kb: KnowledgeBase) -> list[str]:
    """Persons' roles whose ``organ`` is not a known organ of the role's actor."""
    problems: list[str] = []
    for person in kb.persons:
        for role in person.roles:
            if role.organ is not None and kb.organ(role.actor, role.organ) is None:
                problems.append(f"{person.name}: {role.organ!r} is not an organ of {role.actor}")
    return problems
