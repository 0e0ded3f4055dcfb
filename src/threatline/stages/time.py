"""The time stage: every temporal expression of an article, and its date when it has none.

For each article the stage finds the expressions once (:func:`timex.find_timexes`); when the
article has no publication date it estimates one from them (:mod:`dating`) and records it as
estimated, with its window; then it resolves every expression against the (given or
estimated) date. Expressions that print their year never depend on the estimate.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from spacy.tokens import Doc

from threatline.stages.base import Work
from threatline.stages.dating import estimate_from_timexes
from threatline.stages.timex import find_timexes, to_mentions

__all__ = ["TimeOptions", "TimeStage"]


class TimeOptions(BaseModel):
    """Settings of the time stage."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    estimate_published: bool = True
    """Estimate the publication date of articles that have none."""
    max_window_days: int = Field(default=366, ge=1)
    """The longest publication window reported."""
    date_order: Literal["MDY", "DMY", "YMD"] = "MDY"
    """How to read all-numeric dates such as 03/01/2020 when both readings are possible."""


def _doc_text(doc: Doc, text: str) -> str:
    """``text`` when ``doc`` was parsed from it (cheap check), else ``doc.text``."""
    last = doc[-1] if len(doc) else None
    size = last.idx + len(last.text_with_ws) if last is not None else 0
    return text if size == len(text) else doc.text


class TimeStage:
    """Fills ``work.times``; sets ``article.published`` (estimated) when it is missing."""

    name = "time"
    requires = frozenset({"doc"})
    provides = frozenset({"times"})

    def __init__(self, options: TimeOptions | None = None) -> None:
        self.options = options or TimeOptions()

    def __call__(self, batch: list[Work]) -> None:
        opts = self.options
        for work in batch:
            if work.doc is None:
                continue
            text = _doc_text(work.doc, work.article.text)
            timexes = find_timexes(work.doc, opts.date_order, text)
            published = work.article.published
            if published is None and opts.estimate_published:
                estimate = estimate_from_timexes(
                    text, timexes, max_window_days=opts.max_window_days
                )
                if estimate is not None:
                    published = estimate.published
                    work.article = work.article.model_copy(
                        update={
                            "published": published,
                            "published_estimated": True,
                            "published_window": estimate.window,
                        }
                    )
            work.times = to_mentions(timexes, published)
