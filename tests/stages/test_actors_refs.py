"""antecedent() and outermost(): pronoun back-references over actor mentions."""

from __future__ import annotations

import pytest

from threatline.knowledge import KnowledgeBase, load_knowledge
from threatline.models import ActorKind, ActorMention, ActorRef
from threatline.stages.actors_refs import antecedent, outermost


def _m(start: int, end: int, name: str, kind: ActorKind, person: str | None = None) -> ActorMention:
    ref = ActorRef(code="X", name=name, person=person, kind=kind)
    return ActorMention(doc="d", start=start, end=end, text=name, ref=ref)


MENTIONS = [
    _m(0, 14, "Ali Khamenei", ActorKind.PERSON, "Ali Khamenei"),
    _m(20, 31, "US military", ActorKind.MILITARY),
    _m(20, 22, "US", ActorKind.STATE),
    _m(40, 55, "Agnès Callamard", ActorKind.PERSON, "Agnès Callamard"),
    _m(60, 68, "Hezbollah", ActorKind.ARMED_GROUP),
]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge()


@pytest.mark.parametrize(
    ("position", "gender", "expected"),
    [
        (100, None, "Hezbollah"),
        (100, "f", "Agnès Callamard"),
        (100, "m", "Ali Khamenei"),
        (39, None, "US military"),  # not the "US" nested inside it
        (39, "m", "Ali Khamenei"),
        (10, None, None),
    ],
)
def test_antecedent(
    kb: KnowledgeBase, position: int, gender: str | None, expected: str | None
) -> None:
    found = antecedent(MENTIONS, position, gender, kb=kb)  # type: ignore[arg-type]
    assert (found.text if found else None) == expected


def test_without_a_knowledge_base_gender_is_not_checked() -> None:
    found = antecedent(MENTIONS, 100, "m")
    assert found is not None and found.text == "Agnès Callamard"


def test_outermost_drops_nested_mentions() -> None:
    assert [m.text for m in outermost(MENTIONS)] == [
        "Ali Khamenei", "US military", "Agnès Callamard", "Hezbollah",
    ]  # fmt: skip
