"""The figures of an evaluation, per document and overall (micro-averaged: counts are summed).

A figure that cannot be computed is ``None`` (shown as "n/a"): precision with nothing predicted,
recall with nothing in gold, an accuracy with no applicable pair. F1 is 0.0 as soon as one of
precision and recall is defined, so predicting nothing for a non-empty gold gives P n/a, R 0,
F1 0.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "PRF",
    "ActorScores",
    "DocReport",
    "EvalReport",
    "EventScores",
    "Misses",
    "PublishedScores",
    "QuoteScores",
    "Rate",
    "Scores",
]


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


class _Figure(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PRF(_Figure):
    """Precision, recall and F1 from true positives, false positives and false negatives."""

    tp: int = Field(default=0, ge=0)
    fp: int = Field(default=0, ge=0)
    fn: int = Field(default=0, ge=0)
    precision: float | None = None
    recall: float | None = None
    f1: float | None = None

    @model_validator(mode="after")
    def _derive(self) -> PRF:
        precision = _ratio(self.tp, self.tp + self.fp)
        recall = _ratio(self.tp, self.tp + self.fn)
        f1: float | None = None
        if precision is not None or recall is not None:
            p, r = precision or 0.0, recall or 0.0
            f1 = 2 * p * r / (p + r) if p + r else 0.0
        object.__setattr__(self, "precision", precision)
        object.__setattr__(self, "recall", recall)
        object.__setattr__(self, "f1", f1)
        return self

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    def __add__(self, other: PRF) -> PRF:
        return PRF(tp=self.tp + other.tp, fp=self.fp + other.fp, fn=self.fn + other.fn)


class Rate(_Figure):
    """``correct`` out of ``total``; ``value`` is their ratio (``None`` when total is 0)."""

    correct: int = Field(default=0, ge=0)
    total: int = Field(default=0, ge=0)
    value: float | None = None

    @model_validator(mode="after")
    def _derive(self) -> Rate:
        if self.correct > self.total:
            raise ValueError(f"correct {self.correct} > total {self.total}")
        object.__setattr__(self, "value", _ratio(self.correct, self.total))
        return self

    def __add__(self, other: Rate) -> Rate:
        return Rate(correct=self.correct + other.correct, total=self.total + other.total)


def _sum_rates(rates: Iterable[dict[str, Rate]]) -> dict[str, Rate]:
    total: dict[str, Rate] = {}
    for group in rates:
        for key, rate in group.items():
            total[key] = total.get(key, Rate()) + rate
    return dict(sorted(total.items()))


class EventScores(_Figure):
    """``strict``: every §2.9 rule; ``core``: type, source and target only. Attribute accuracies
    (``attributes``) are on core-matched pairs where gold gives the attribute."""

    strict: PRF = PRF()
    core: PRF = PRF()
    main_recall: Rate = Rate()
    main_recall_core: Rate = Rate()
    attributes: dict[str, Rate] = Field(default_factory=dict)

    def __add__(self, other: EventScores) -> EventScores:
        return EventScores(
            strict=self.strict + other.strict,
            core=self.core + other.core,
            main_recall=self.main_recall + other.main_recall,
            main_recall_core=self.main_recall_core + other.main_recall_core,
            attributes=_sum_rates([self.attributes, other.attributes]),
        )


class QuoteScores(_Figure):
    """Quote matching overall and split by ``direct`` (direct) / not (reported); ``speaker``:
    share of gold quotes found by text and directness whose speaker is right."""

    all: PRF = PRF()
    direct: PRF = PRF()
    reported: PRF = PRF()
    speaker: Rate = Rate()

    def __add__(self, other: QuoteScores) -> QuoteScores:
        return QuoteScores(
            all=self.all + other.all,
            direct=self.direct + other.direct,
            reported=self.reported + other.reported,
            speaker=self.speaker + other.speaker,
        )


class ActorScores(_Figure):
    """Alias resolution: gold aliases resolved overall and per actor kind; ``actors``: gold
    actors with at least one alias resolved."""

    aliases: Rate = Rate()
    by_kind: dict[str, Rate] = Field(default_factory=dict)
    actors: Rate = Rate()

    def __add__(self, other: ActorScores) -> ActorScores:
        return ActorScores(
            aliases=self.aliases + other.aliases,
            by_kind=_sum_rates([self.by_kind, other.by_kind]),
            actors=self.actors + other.actors,
        )


class PublishedScores(_Figure):
    """Predicted publication date inside the gold window / equal to the gold estimate."""

    in_window: Rate = Rate()
    exact: Rate = Rate()

    def __add__(self, other: PublishedScores) -> PublishedScores:
        return PublishedScores(
            in_window=self.in_window + other.in_window, exact=self.exact + other.exact
        )


class Scores(_Figure):
    """Every figure for one document or for a whole gold set. ``boilerplate`` counts removed
    lines: tp correctly removed, fp wrongly removed, fn missed."""

    events: EventScores = EventScores()
    quotes: QuoteScores = QuoteScores()
    actors: ActorScores = ActorScores()
    boilerplate: PRF = PRF()
    title: Rate = Rate()
    published: PublishedScores = PublishedScores()

    def __add__(self, other: Scores) -> Scores:
        return Scores(
            events=self.events + other.events,
            quotes=self.quotes + other.quotes,
            actors=self.actors + other.actors,
            boilerplate=self.boilerplate + other.boilerplate,
            title=self.title + other.title,
            published=self.published + other.published,
        )


class Misses(_Figure):
    """What went wrong in one document, to read when improving the pipeline."""

    events_missed: list[str] = Field(default_factory=list)
    events_spurious: list[str] = Field(default_factory=list)
    quotes_missed: list[str] = Field(default_factory=list)
    quotes_spurious: list[str] = Field(default_factory=list)
    aliases_unresolved: list[str] = Field(default_factory=list)
    boilerplate_missed: list[str] = Field(default_factory=list)
    boilerplate_wrong: list[str] = Field(default_factory=list)
    title: str | None = None
    published: str | None = None


class DocReport(_Figure):
    doc: str
    scores: Scores
    misses: Misses = Misses()


class EvalReport(_Figure):
    gold: str
    overall: Scores
    docs: list[DocReport]
    ignored_docs: list[str] = Field(
        default_factory=list, description="predicted documents that no gold file annotates"
    )

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)

    def doc(self, name: str) -> DocReport:
        """The report of one gold doc, by file name or stem."""
        for report in self.docs:
            if name in (report.doc, report.doc.rsplit(".", 1)[0]):
                return report
        raise KeyError(name)
