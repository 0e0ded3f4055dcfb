"""The actors stage: every actor mention of an article, resolved on its publication date.

Mentions come from :class:`~threatline.knowledge.resolve.ActorResolver` (names, persons,
phrases, back-references); the parsed Doc adds entity labels and part-of-speech tags, and
decides whether a capital stands for its state ("Tehran warned") or is a place ("in Tehran").
Mentions may nest: "US military" is a mention of the US armed forces and "US" inside it a
mention of the United States; :func:`~threatline.stages.actors_refs.outermost` keeps only the
outer ones.
"""

from __future__ import annotations

from spacy.tokens import Doc

from threatline.knowledge import KnowledgeBase, load_knowledge
from threatline.knowledge.resolve import ActorResolver
from threatline.models import ActorMention, Article
from threatline.stages.actors_syntax import DocHints, acts
from threatline.stages.base import Work

__all__ = ["ActorStage"]


def _same_text(doc: Doc, text: str) -> bool:
    """Whether ``doc`` was parsed from ``text`` (cheap: ends and lengths, not the whole text)."""
    if not len(doc):
        return not text.strip()
    last = doc[-1]
    return last.idx + len(last.text_with_ws) == len(text) and text.startswith(
        doc[0].text, doc[0].idx
    )


class ActorStage:
    """Finds and resolves actor mentions (``requires`` the Doc, ``provides`` actors).

    Build it once per process: ``ActorStage(kb)`` builds the resolver's matchers from a
    loaded knowledge base (``load_knowledge()`` when None). Articles without a publication
    date resolve persons in their current role and titles to their current holders.
    """

    name = "actors"
    requires = frozenset({"doc"})
    provides = frozenset({"actors"})

    def __init__(
        self, kb: KnowledgeBase | None = None, *, resolver: ActorResolver | None = None
    ) -> None:
        self.resolver = resolver if resolver is not None else ActorResolver(kb or load_knowledge())
        self.kb = self.resolver.kb

    def __call__(self, batch: list[Work]) -> None:
        for work in batch:
            work.actors = self.mentions(work.article, work.doc)

    def mentions(self, article: Article, doc: Doc | None = None) -> list[ActorMention]:
        """The resolved actor mentions of one article, in text order."""
        text = article.text
        hints = DocHints(doc) if doc is not None and _same_text(doc, text) else None
        found = self.resolver.analyse(text, article.published, hints=hints)
        out: list[ActorMention] = []
        for item in found:
            if item.ref is None:
                continue
            if (
                item.via == "metonym"
                and hints is not None
                and not acts(hints, item.start, item.end)
            ):
                continue
            out.append(
                ActorMention(
                    doc=article.id, start=item.start, end=item.end, text=item.text, ref=item.ref
                )
            )
        return out
