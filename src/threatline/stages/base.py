"""What flows between per-article stages, and what a stage is."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from spacy.tokens import Doc

from threatline.models import (
    ActorMention,
    Article,
    ArticleResult,
    Event,
    PlaceMention,
    Quote,
    TimeMention,
)

__all__ = ["Stage", "Work"]


@dataclass
class Work:
    """One article on its way through the stages: each stage fills in what it provides."""

    article: Article
    doc: Doc | None = None
    actors: list[ActorMention] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def result(self) -> ArticleResult:
        return ArticleResult(
            article=self.article, actors=self.actors, events=self.events, quotes=self.quotes
        )


class Stage(Protocol):
    """A per-article stage. ``requires`` and ``provides`` name what it reads and fills in.

    Names in use: ``article`` (always there), ``clean``, ``doc``, ``actors``, ``times``
    (temporal expressions, and ``article.published`` estimated when missing), ``places``,
    ``events``, ``quotes``. The pipeline checks, before any text runs, that every requirement
    is provided by an earlier stage.
    """

    name: str
    requires: frozenset[str]
    provides: frozenset[str]

    def __call__(self, batch: list[Work]) -> None: ...
