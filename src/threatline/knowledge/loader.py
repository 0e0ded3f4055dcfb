"""Read and validate the knowledge-base YAML files into a :class:`KnowledgeBase`.

Every problem raises :class:`threatline.errors.KnowledgeError` naming the file, the line of the
entry where it can be found, the entry (index and name) and the field.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from threatline.errors import KnowledgeError
from threatline.knowledge.base import KnowledgeBase
from threatline.knowledge.cache import cached, code_files, yaml_files
from threatline.knowledge.schema import (
    ACTOR_FILE_KINDS,
    ActorEntry,
    AgentEntry,
    OfficeEntry,
    OrganEntry,
    PersonEntry,
    StateEntry,
)
from threatline.knowledge.text import normalise

__all__ = [
    "ACTOR_FILES",
    "EXTENDS_FILE",
    "PERSONS_DIR",
    "ExtensionEntry",
    "load_knowledge",
    "organ_problems",
]

ACTOR_FILES = ("states.yaml", "igos.yaml", "groups.yaml", "organisations.yaml", "media.yaml")
PERSONS_DIR = "persons"
EXTENDS_FILE = "extends.yaml"
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


class ExtensionEntry(BaseModel):
    """An ``extends.yaml`` entry of an extra knowledge directory: names and organs added to
    an actor that another directory defines (by its code)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    aliases: list[str] = Field(default_factory=list)
    demonyms: list[str] = Field(default_factory=list)
    metonyms: list[str] = Field(default_factory=list)
    organs: list[OrganEntry] = Field(default_factory=list)


@dataclass
class _Directory:
    """The validated files of one knowledge directory (optional files may be absent)."""

    actor_files: dict[str, tuple[_File, list[Any]]] = field(default_factory=dict)
    agents: list[tuple[_File, list[AgentEntry]]] = field(default_factory=list)
    offices: list[tuple[_File, list[OfficeEntry]]] = field(default_factory=list)
    persons: list[tuple[_File, list[PersonEntry]]] = field(default_factory=list)
    extends: list[tuple[_File, list[ExtensionEntry]]] = field(default_factory=list)


def _read_directory(root: Traversable, *, required: bool) -> _Directory:
    found = _Directory()
    for name in ACTOR_FILES:
        source = root.joinpath(name)
        if not required and not source.is_file():
            continue
        file = _open(source)
        entries: list[Any] = (
            file.validate(StateEntry) if name == "states.yaml" else file.validate(ActorEntry)
        )
        allowed = ACTOR_FILE_KINDS.get(name)
        for index, entry in enumerate(entries):
            if allowed is not None and entry.kind not in allowed:
                kinds = ", ".join(sorted(kind.value for kind in allowed))
                raise file.error(index, f"kind {entry.kind.value!r} not allowed here ({kinds})")
        found.actor_files[name] = (file, entries)
    if (agents := _optional(root, "agents.yaml", AgentEntry, required)) is not None:
        found.agents.append(agents)
    if (offices := _optional(root, "offices.yaml", OfficeEntry, required)) is not None:
        found.offices.append(offices)
    if (extends := _optional(root, EXTENDS_FILE, ExtensionEntry, False)) is not None:
        found.extends.append(extends)
    found.persons = [(file, file.validate(PersonEntry)) for file in map(_open, _person_files(root))]
    return found


def _optional(
    root: Traversable, name: str, model: type[M], required: bool
) -> tuple[_File, list[M]] | None:
    source = root.joinpath(name)
    if not required and not source.is_file():
        return None
    file = _open(source)
    return file, file.validate(model)


def _root(directory: Path) -> Path:
    if not directory.is_dir():
        raise KnowledgeError("knowledge directory not found", input=str(directory))
    return directory


def load_knowledge(directory: Path | None = None, extra_dirs: Sequence[Path] = ()) -> KnowledgeBase:
    """Load and validate the knowledge base (default: the one shipped in the package).

    ``extra_dirs`` add knowledge (for instance an imported PETRARCH dictionary): every file is
    optional there; new actors, agents, offices and persons are added, ``extends.yaml`` adds
    aliases and organs to actors defined elsewhere, and a person whose name is already known
    gets the extra aliases and roles. A knowledge base built before from the same files is
    read from the cache (:mod:`threatline.knowledge.cache`).
    """
    root = _root(directory) if directory is not None else _shipped()
    extras = [_root(path) for path in extra_dirs]
    files = [f for d in (root, *extras) for f in yaml_files(d)] + code_files()
    params = "\n".join(str(d.resolve()) for d in (root, *extras))
    return cached(
        "knowledge", KnowledgeBase, lambda: _build(root, extras), files=files, params=params
    )


def _shipped() -> Path:
    return Path(str(importlib.resources.files("threatline.knowledge")))


def _build(root: Path, extra_dirs: Sequence[Path]) -> KnowledgeBase:
    base = _read_directory(root, required=True)
    _check_unique(base.persons, "name", "person", fold=True)
    extras = [_read_directory(path, required=False) for path in extra_dirs]

    actor_files: dict[str, list[tuple[_File, list[Any]]]] = {name: [] for name in ACTOR_FILES}
    for part in (base, *extras):
        for name, pair in part.actor_files.items():
            actor_files[name].append(pair)
    for part in extras:
        for file, entries in part.extends:
            _extend(actor_files, file, entries)
    every_actor = [pair for pairs in actor_files.values() for pair in pairs]
    _check_unique(every_actor, "code", "actor code")

    state_codes = {entry.code for _, entries in actor_files["states.yaml"] for entry in entries}
    for file, entries in every_actor:
        for index, entry in enumerate(entries):
            if isinstance(entry, ActorEntry) and entry.country not in (None, *state_codes):
                raise file.error(index, f"unknown country code {entry.country!r}", "country")

    agent_pairs = [pair for part in (base, *extras) for pair in part.agents]
    office_pairs = [pair for part in (base, *extras) for pair in part.offices]
    _check_unique(agent_pairs, "word", "agent word", fold=True)
    _check_unique(office_pairs, "office", "office key")
    for agent_file, agent_entries in agent_pairs:
        _check_unique_lists(agent_file, agent_entries, "forms", "form")
    for office_file, office_entries in office_pairs:
        _check_unique_lists(office_file, office_entries, "titles", "title")

    codes = {entry.code for _, entries in every_actor for entry in entries}
    office_keys = {entry.office for _, entries in office_pairs for entry in entries}
    person_pairs = [pair for part in (base, *extras) for pair in part.persons]
    for file, persons in person_pairs:
        for index, person in enumerate(persons):
            for number, role in enumerate(person.roles):
                if role.actor not in codes:
                    message = f"unknown actor code {role.actor!r}"
                    raise file.error(index, message, f"roles[{number}].actor")
                if role.office not in office_keys:
                    message = f"unknown office {role.office!r} (see offices.yaml)"
                    raise file.error(index, message, f"roles[{number}].office")

    def entries_of(name: str) -> tuple[Any, ...]:
        return tuple(entry for _, entries in actor_files[name] for entry in entries)

    return KnowledgeBase(
        states=entries_of("states.yaml"),
        igos=entries_of("igos.yaml"),
        groups=entries_of("groups.yaml"),
        organisations=entries_of("organisations.yaml"),
        media=entries_of("media.yaml"),
        agents=tuple(entry for _, entries in agent_pairs for entry in entries),
        offices=tuple(entry for _, entries in office_pairs for entry in entries),
        persons=_merge_persons(person_pairs),
    )


def _unique_texts(*groups: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for group in groups:
        for text in group:
            if text.casefold() not in seen:
                seen.add(text.casefold())
                out.append(text)
    return out


def _extend(
    actor_files: dict[str, list[tuple[_File, list[Any]]]],
    file: _File,
    extensions: list[ExtensionEntry],
) -> None:
    """Apply ``extends.yaml`` entries to the actors they name (in place)."""
    where: dict[str, tuple[list[Any], int]] = {}
    for pairs in actor_files.values():
        for _, entries in pairs:
            for position, entry in enumerate(entries):
                where[entry.code] = (entries, position)
    for index, extension in enumerate(extensions):
        if extension.code not in where:
            raise file.error(index, f"unknown actor code {extension.code!r}", "code")
        entries, position = where[extension.code]
        entry = entries[position]
        update: dict[str, Any] = {}
        names = {entry.name.casefold()}
        update["aliases"] = [
            alias
            for alias in _unique_texts(entry.aliases, extension.aliases)
            if alias.casefold() not in names
        ]
        if isinstance(entry, StateEntry):
            update["demonyms"] = _unique_texts(entry.demonyms, extension.demonyms)
            update["metonyms"] = _unique_texts(entry.metonyms, extension.metonyms)
        elif extension.demonyms or extension.metonyms:
            raise file.error(index, "only a state has demonyms and metonyms", "code")
        known = {organ.name.casefold() for organ in entry.organs}
        organs = [organ for organ in extension.organs if organ.name.casefold() not in known]
        update["organs"] = [*entry.organs, *organs]
        try:
            entries[position] = type(entry).model_validate({**entry.model_dump(), **update})
        except ValidationError as exc:
            raise file.error(index, format_error(exc), "code") from exc


def format_error(exc: ValidationError) -> str:
    first = exc.errors()[0]
    return f"{first['msg']} at {'.'.join(str(part) for part in first['loc'])}"


def _merge_persons(pairs: list[tuple[_File, list[PersonEntry]]]) -> tuple[PersonEntry, ...]:
    """Persons of every directory; a later person with a known name adds aliases and roles."""
    merged: dict[str, PersonEntry] = {}
    for _, persons in pairs:
        for person in persons:
            key = normalise(person.name)
            known = merged.get(key)
            if known is None:
                merged[key] = person
                continue
            aliases = [
                alias
                for alias in _unique_texts(known.aliases, person.aliases)
                if alias.casefold() != known.name.casefold()
            ]
            merged[key] = known.model_copy(
                update={"aliases": aliases, "roles": [*known.roles, *person.roles]}
            )
    return tuple(merged.values())


def organ_problems(kb: KnowledgeBase) -> list[str]:
    """Persons' roles whose ``organ`` is not a known organ of the role's actor."""
    problems: list[str] = []
    for person in kb.persons:
        for role in person.roles:
            if role.organ is not None and kb.organ(role.actor, role.organ) is None:
                problems.append(f"{person.name}: {role.organ!r} is not an organ of {role.actor}")
    return problems
