"""What Threatline produced, read from its export records (DESIGN.md §3).

Records are validated leniently where the export contract says "extend freely" (unknown keys are
ignored) and strictly on the fields that are scored. A merged event counts in every document it
has a mention in. Documents are matched to gold by name: ``000_x.txt`` in gold matches a
prediction doc ``000_x.txt``, ``000_x`` or ``some/dir/000_x.txt``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePath
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from threatline.errors import EvalError
from threatline.eval.gold import format_validation_error, parse_date
from threatline.models import EventType, Precision, Status, TimeValue

__all__ = [
    "DocPredictions",
    "PredActorMention",
    "PredDocument",
    "PredEvent",
    "PredLocation",
    "PredMention",
    "PredQuote",
    "PredRef",
    "PredSpeaker",
    "Predictions",
    "doc_keys",
]

M = TypeVar("M", bound=BaseModel)

FILES = {
    "events": "events.jsonl",
    "quotes": "quotes.jsonl",
    "documents": "documents.jsonl",
    "actors": "actors.jsonl",
}


def doc_keys(doc: str) -> tuple[str, ...]:
    """The names under which a document may be referred to, most exact first: itself, its file
    name, its file name without the extension."""
    name = PurePath(doc).name or doc
    keys = [doc, name, PurePath(name).stem]
    return tuple(dict.fromkeys(key for key in keys if key))


def _as_date(value: Any) -> Any:
    """Accept ``YYYY-MM-DD`` and full ISO timestamps (the date part is kept)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str) and len(value) > 10 and value[4:5] == "-" and value[10] in "T ":
        return value[:10]
    return value


class _Pred(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class PredRef(_Pred):
    code: str | None = None
    name: str | None = None
    person: str | None = None
    sector: str | None = None


class PredLocation(_Pred):
    name: str | None = None
    country: str | None = None


class PredMention(_Pred):
    doc: str = Field(min_length=1)
    text: str | None = None
    start: int | None = None
    end: int | None = None


class PredEvent(_Pred):
    id: str | None = None
    type: EventType
    threatened_type: EventType | None = None
    status: Status
    date: str | None = None
    date_precision: Precision | None = None
    source: PredRef | None = None
    target: PredRef | None = None
    location: PredLocation | None = None
    killed: int | None = None
    injured: int | None = None
    mentions: list[PredMention] = Field(min_length=1)

    @field_validator("date")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        if value is not None:
            TimeValue.parse(value)
        return value

    @property
    def time(self) -> TimeValue | None:
        return parse_date(self.date, self.date_precision)

    @property
    def docs(self) -> list[str]:
        return sorted({m.doc for m in self.mentions})

    def label(self) -> str:
        kind = self.type.value
        if self.threatened_type is not None:
            kind += f"({self.threatened_type.value})"
        source = self.source.code if self.source and self.source.code else "-"
        target = self.target.code if self.target and self.target.code else "-"
        text = f"{kind} {source}→{target} {self.date or '-'} {self.status.value}"
        return f"{text} [{self.id}]" if self.id else text


class PredSpeaker(_Pred):
    name: str | None = None
    code: str | None = None
    person: str | None = None


class PredQuote(_Pred):
    speaker: PredSpeaker | None = None
    text: str
    direct: bool
    doc: str = Field(min_length=1)
    date: str | None = None


class PredDocument(_Pred):
    doc: str = Field(min_length=1)
    title: str | None = None
    published: dt.date | None = None
    published_estimated: bool = False
    published_window: tuple[dt.date, dt.date] | None = None
    boilerplate: list[str] = Field(default_factory=list)

    @field_validator("published", mode="before")
    @classmethod
    def _published(cls, value: Any) -> Any:
        return _as_date(value)

    @field_validator("published_window", mode="before")
    @classmethod
    def _window(cls, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return [_as_date(item) for item in value]
        return value


class PredActorMention(_Pred):
    doc: str = Field(min_length=1)
    text: str
    start: int | None = None
    end: int | None = None
    code: str | None = None
    name: str | None = None
    person: str | None = None
    sector: str | None = None
    role: str | None = None


class DocPredictions(BaseModel):
    """Everything predicted for one document."""

    model_config = ConfigDict(frozen=True)

    events: list[PredEvent] = Field(default_factory=list)
    quotes: list[PredQuote] = Field(default_factory=list)
    actors: list[PredActorMention] = Field(default_factory=list)
    document: PredDocument | None = None


def _validate(model: type[M], record: Any, where: str, line: int | None) -> M:
    if not isinstance(record, Mapping):
        raise EvalError(f"{where}: record is not a JSON object", input=where, line=line)
    try:
        return model.model_validate(dict(record))
    except ValidationError as exc:
        raise EvalError(
            f"invalid {model.__name__} record: {format_validation_error(exc)}",
            input=where,
            line=line,
        ) from exc


def _validate_all(model: type[M], records: Iterable[Any], where: str) -> list[M]:
    return [_validate(model, record, where, index) for index, record in enumerate(records, 1)]


def _read_jsonl(path: Path) -> list[tuple[int, Any]]:
    rows: list[tuple[int, Any]] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"cannot read predictions: {exc}", input=str(path)) from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rows.append((number, json.loads(line)))
        except json.JSONDecodeError as exc:
            raise EvalError(f"invalid JSON: {exc.msg}", input=str(path), line=number) from exc
    return rows


class Predictions(BaseModel):
    """Predicted events, quotes, documents and actor mentions of any number of documents."""

    model_config = ConfigDict(frozen=True)

    events: list[PredEvent] = Field(default_factory=list)
    quotes: list[PredQuote] = Field(default_factory=list)
    documents: list[PredDocument] = Field(default_factory=list)
    actors: list[PredActorMention] = Field(default_factory=list)

    @classmethod
    def from_records(
        cls,
        *,
        events: Iterable[Mapping[str, Any]] = (),
        quotes: Iterable[Mapping[str, Any]] = (),
        documents: Iterable[Mapping[str, Any]] = (),
        actors: Iterable[Mapping[str, Any]] = (),
    ) -> Predictions:
        """Build from export records (dicts); a bad record raises EvalError naming its field."""
        return cls(
            events=_validate_all(PredEvent, events, "events"),
            quotes=_validate_all(PredQuote, quotes, "quotes"),
            documents=_validate_all(PredDocument, documents, "documents"),
            actors=_validate_all(PredActorMention, actors, "actors"),
        )

    @classmethod
    def from_jsonl_dir(cls, path: Path) -> Predictions:
        """Read ``events.jsonl``, ``quotes.jsonl``, ``documents.jsonl``, ``actors.jsonl``
        from ``path`` (each optional)."""
        if not path.is_dir():
            raise EvalError("predictions directory not found", input=str(path))

        def read(kind: str, model: type[M]) -> list[M]:
            file = path / FILES[kind]
            rows = _read_jsonl(file) if file.is_file() else []
            return [_validate(model, row, str(file), line) for line, row in rows]

        return cls(
            events=read("events", PredEvent),
            quotes=read("quotes", PredQuote),
            documents=read("documents", PredDocument),
            actors=read("actors", PredActorMention),
        )

    def docs(self) -> set[str]:
        """Every document named by any record."""
        names = {d.doc for d in self.documents} | {q.doc for q in self.quotes}
        names |= {a.doc for a in self.actors}
        names |= {m.doc for e in self.events for m in e.mentions}
        return names

    def by_doc(self, gold_docs: Iterable[str]) -> dict[str, DocPredictions]:
        """Predictions grouped under each gold doc name (see :func:`doc_keys`)."""
        golds = list(dict.fromkeys(gold_docs))
        lookup: dict[str, str] = {}
        for rank in range(3):
            for gold in golds:
                keys = doc_keys(gold)
                if rank < len(keys):
                    lookup.setdefault(keys[rank], gold)

        def owner(doc: str) -> str | None:
            for key in doc_keys(doc):
                if key in lookup:
                    return lookup[key]
            return None

        events: dict[str, list[PredEvent]] = {}
        for event in self.events:
            owners = {o for o in (owner(m.doc) for m in event.mentions) if o is not None}
            for gold in owners:
                events.setdefault(gold, []).append(event)
        quotes: dict[str, list[PredQuote]] = {}
        for quote in self.quotes:
            if (target := owner(quote.doc)) is not None:
                quotes.setdefault(target, []).append(quote)
        actors: dict[str, list[PredActorMention]] = {}
        for actor in self.actors:
            if (target := owner(actor.doc)) is not None:
                actors.setdefault(target, []).append(actor)
        documents: dict[str, PredDocument] = {}
        for document in self.documents:
            if (target := owner(document.doc)) is not None:
                documents.setdefault(target, document)
        return {
            gold: DocPredictions(
                events=events.get(gold, []),
                quotes=quotes.get(gold, []),
                actors=actors.get(gold, []),
                document=documents.get(gold),
            )
            for gold in golds
        }

    def unmatched_docs(self, gold_docs: Iterable[str]) -> list[str]:
        """Predicted documents that no gold file annotates (not scored)."""
        keys = {key for gold in gold_docs for key in doc_keys(gold)}
        return sorted(doc for doc in self.docs() if not set(doc_keys(doc)) & keys)
