"""Reusable back-reference helpers over an article's actor mentions.

:func:`antecedent` finds what a pronoun most likely points back to: the last person (``he``,
``she``) or actor (``they``, ``it``) mentioned before a position. The quotes and events stages
use it for speakers and participants.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from threatline.knowledge.base import KnowledgeBase
from threatline.models import ActorKind, ActorMention

__all__ = ["antecedent", "outermost"]


def _gender(mention: ActorMention, kb: KnowledgeBase | None) -> str | None:
    if kb is None or mention.ref is None or mention.ref.person is None:
        return None
    person = kb.person(mention.ref.person)
    return person.gender if person is not None else None


def antecedent(
    mentions: Sequence[ActorMention],
    position: int,
    gender: Literal["m", "f"] | None = None,
    *,
    kb: KnowledgeBase | None = None,
) -> ActorMention | None:
    """The last resolved mention ending at or before ``position`` that a pronoun may name.

    With ``gender`` ("m" for he, "f" for she) only persons count, and a person whose gender
    the knowledge base (``kb``) records must match; without it (they, it) any actor counts,
    persons included. Mentions nested in a longer mention are skipped ("US" inside "US
    military").
    """
    candidates = outermost([m for m in mentions if m.end <= position and m.ref is not None])
    for mention in reversed(candidates):
        ref = mention.ref
        assert ref is not None
        if gender is not None:
            if ref.kind is not ActorKind.PERSON:
                continue
            known = _gender(mention, kb)
            if known is not None and known != gender:
                continue
        return mention
    return None


def outermost(mentions: Sequence[ActorMention]) -> list[ActorMention]:
    """Mentions not contained in another (longer) mention, in text order."""
    ordered = sorted(mentions, key=lambda m: (m.start, -m.end))
    out: list[ActorMention] = []
    reach = -1
    for mention in ordered:
        if mention.end <= reach and out and out[-1].start <= mention.start:
            continue
        out.append(mention)
        reach = max(reach, mention.end)
    return out
