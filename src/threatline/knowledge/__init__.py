"""Threatline's own knowledge base: states, IGOs, groups, organisations, media, persons.

The YAML files next to this module are facts written by the project; :func:`load_knowledge`
reads and validates them into a :class:`KnowledgeBase` that callers hold and pass on.
"""

from __future__ import annotations

from threatline.knowledge.base import KnowledgeBase, Match, Via
from threatline.knowledge.loader import load_knowledge, organ_problems
from threatline.knowledge.schema import (
    REGIONS,
    SECTORS,
    ActorEntry,
    AgentEntry,
    OfficeEntry,
    OrganEntry,
    PersonEntry,
    RoleEntry,
    StateEntry,
)
from threatline.knowledge.text import is_acronym, normalise

__all__ = [
    "REGIONS",
    "SECTORS",
    "ActorEntry",
    "AgentEntry",
    "KnowledgeBase",
    "Match",
    "OfficeEntry",
    "OrganEntry",
    "PersonEntry",
    "RoleEntry",
    "StateEntry",
    "Via",
    "is_acronym",
    "load_knowledge",
    "normalise",
    "organ_problems",
]
