"""Gold files: one ``<doc stem>.json`` per annotated article, loaded and validated.

The schema is the one of ``gold/seeds/README.md`` §1. Every problem is reported as an
:class:`~threatline.errors.EvalError` that names the file and the field (``events[3].date``).
Beyond that schema a gold event may list ``alternatives``: partial overrides of its coding
(type, source, target, status, date, ...) that are accepted as well (the README's judgment
calls, §4, in machine-readable form).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from threatline.errors import EvalError
from threatline.models import ActorKind, EventType, Precision, Status, TimeValue

__all__ = [
    "GoldActor",
    "GoldAlternative",
    "GoldDoc",
    "GoldEvent",
    "GoldQuote",
    "format_validation_error",
    "load_gold",
    "load_gold_file",
    "parse_date",
]


def parse_date(value: str | None, precision: Precision | None) -> TimeValue | None:
    """Read a ``YYYY[-MM[-DD]]`` string, cut to ``precision`` when that is coarser."""
    if value is None:
        return None
    parsed = TimeValue.parse(value)
    return parsed.truncate(precision) if precision is not None else parsed


class _Gold(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Dated(_Gold):
    """Checks that ``date`` parses and agrees with ``date_precision``."""

    @model_validator(mode="after")
    def _check_date(self) -> _Dated:
        date: str | None = getattr(self, "date", None)
        precision: Precision | None = getattr(self, "date_precision", None)
        if date is None:
            return self
        try:
            parsed = TimeValue.parse(date)
        except ValueError as exc:
            raise ValueError(f"date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD") from exc
        if precision is not None and parsed.precision is not precision:
            raise ValueError(f"date {date!r} does not have precision {precision.value!r}")
        return self


class GoldAlternative(_Dated):
    """An acceptable alternative coding of a gold event; unset fields keep the event's value."""

    type: EventType | None = None
    threatened_type: EventType | None = None
    source: str | None = None
    target: str | None = None
    status: Status | None = None
    date: str | None = None
    date_precision: Precision | None = None


class GoldEvent(_Dated):
    world_event: str | None = None
    type: EventType
    threatened_type: EventType | None = None
    source: str | None = None
    source_name: str | None = None
    source_person: str | None = None
    target: str | None = None
    target_name: str | None = None
    target_person: str | None = None
    date: str | None
    date_precision: Precision | None = None
    location: str | None = None
    location_country: str | None = None
    status: Status
    killed: int | None = Field(default=None, ge=0)
    injured: int | None = Field(default=None, ge=0)
    evidence: str | None = None
    salience: Literal["main", "background"] = "background"
    alternatives: list[GoldAlternative] = Field(default_factory=list)

    @property
    def time(self) -> TimeValue | None:
        return parse_date(self.date, self.date_precision)

    @property
    def is_main(self) -> bool:
        return self.salience == "main"

    def variants(self) -> Iterator[GoldEvent]:
        """This coding, then each listed alternative applied over it."""
        yield self
        for alternative in self.alternatives:
            overrides = {name: getattr(alternative, name) for name in alternative.model_fields_set}
            if "date" in overrides and "date_precision" not in overrides:
                overrides["date_precision"] = None
            yield self.model_copy(update={**overrides, "alternatives": []})

    def label(self) -> str:
        """A short human description: ``THREATEN IRN→USA 2020-07-21 (key)``."""
        kind = self.type.value
        if self.threatened_type is not None:
            kind += f"({self.threatened_type.value})"
        text = f"{kind} {self.source or '-'}→{self.target or '-'} {self.date or '-'}"
        text += f" {self.status.value}"
        return f"{text} [{self.world_event}]" if self.world_event else text


class GoldQuote(_Gold):
    speaker: str | None = None
    speaker_as_written: str | None = None
    direct: bool
    text: str = Field(min_length=1)
    date: str | None = None

    @field_validator("date")
    @classmethod
    def _day(cls, value: str | None) -> str | None:
        if value is not None:
            dt.date.fromisoformat(value)
        return value


class GoldActor(_Gold):
    name: str
    kind: ActorKind
    code: str
    role_at_time: str | None = None
    aliases_in_text: list[str] = Field(default_factory=list)


class GoldDoc(_Gold):
    doc: str = Field(min_length=1)
    published_estimate: dt.date | None = None
    published_window: tuple[dt.date, dt.date] | None = None
    published_reasoning: str | None = None
    boilerplate_lines: list[str] = Field(default_factory=list)
    title: str | None = None
    events: list[GoldEvent] = Field(default_factory=list)
    quotes: list[GoldQuote] = Field(default_factory=list)
    actors: list[GoldActor] = Field(default_factory=list)

    @field_validator("published_window")
    @classmethod
    def _ordered(cls, value: tuple[dt.date, dt.date] | None) -> tuple[dt.date, dt.date] | None:
        if value is not None and value[1] < value[0]:
            raise ValueError(f"window ends ({value[1]}) before it starts ({value[0]})")
        return value

    @property
    def stem(self) -> str:
        return Path(self.doc).stem


def format_validation_error(error: ValidationError) -> str:
    """``events[3].date: <reason>; title: <reason>`` from a pydantic error."""
    parts = []
    for item in error.errors():
        field = ""
        for loc in item["loc"]:
            field += f"[{loc}]" if isinstance(loc, int) else (f".{loc}" if field else str(loc))
        parts.append(f"{field or '<record>'}: {item['msg']}")
    return "; ".join(parts)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise EvalError(f"cannot read gold file: {exc}", input=str(path)) from exc
    except UnicodeDecodeError as exc:
        raise EvalError(f"gold file is not UTF-8: {exc}", input=str(path)) from exc
    except json.JSONDecodeError as exc:
        raise EvalError(f"invalid JSON: {exc.msg}", input=str(path), line=exc.lineno) from exc


def load_gold_file(path: Path) -> GoldDoc:
    """Load one gold file; its ``doc`` must name the same article as the file name."""
    data = _read_json(path)
    if not isinstance(data, dict):
        raise EvalError("gold file must hold one JSON object", input=str(path))
    try:
        gold = GoldDoc.model_validate(data)
    except ValidationError as exc:
        raise EvalError(f"invalid gold: {format_validation_error(exc)}", input=str(path)) from exc
    if gold.stem != path.stem:
        raise EvalError(
            f"doc: {gold.doc!r} does not match the file name {path.name!r}", input=str(path)
        )
    return gold


def load_gold(path: Path) -> list[GoldDoc]:
    """Load a gold directory (every ``*.json`` in it, sorted) or a single gold file."""
    if path.is_file():
        return [load_gold_file(path)]
    if not path.is_dir():
        raise EvalError("gold directory not found", input=str(path))
    files: Sequence[Path] = sorted(path.glob("*.json"))
    if not files:
        raise EvalError("no gold files (*.json) in directory", input=str(path))
    docs = [load_gold_file(file) for file in files]
    seen: dict[str, Path] = {}
    for file, doc in zip(files, docs, strict=True):
        if doc.stem in seen:
            raise EvalError(
                f"doc: {doc.doc!r} also annotated in {seen[doc.stem].name}", input=str(file)
            )
        seen[doc.stem] = file
    return docs
