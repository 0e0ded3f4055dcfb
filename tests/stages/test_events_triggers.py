"""Trigger words: verbs, nouns, multiword nouns, particles and entry constraints."""

from __future__ import annotations

import pytest
from spacy.language import Language

from threatline.models import EventType
from threatline.stages.events_lexicon import load_lexicon
from threatline.stages.events_triggers import TriggerFinder
from threatline.stages.nlp import load_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


@pytest.fixture(scope="module")
def finder(nlp: Language) -> TriggerFinder:
    return TriggerFinder(nlp.vocab, load_lexicon())


def _found(nlp: Language, finder: TriggerFinder, text: str) -> dict[str, tuple[str, str | None]]:
    doc = nlp(text)
    return {doc[t.start : t.end].text: (t.type.value, t.spec.mode) for t in finder.find(doc)}


@pytest.mark.parametrize(
    ("text", "word", "etype", "mode"),
    [
        ("Norland kidnapped the envoy.", "kidnapped", "ASSAULT", "abduct"),
        (
            "The assassination of the envoy shocked Tovia.",
            "assassination",
            "ASSAULT",
            "assassinate",
        ),
        ("Tovia issued an arrest warrant for the envoy.", "arrest warrant", "COERCE", "arrest"),
        ("Norland asked for a red notice against the envoy.", "red notice", "REQUEST", "yield"),
        ("Tovia imposed sanctions on Norland.", "sanctions", "SANCTION", "discontinue"),
        ("Norland withdrew from the treaty.", "withdrew", "REJECT", "meet"),
        ("Norland withdrew its troops from Tovia.", "withdrew", "RETREAT", "withdraw"),
        ("Norland drew its staff down.", "drew", "RETREAT", "withdraw"),
        ("Norland expelled two diplomats.", "expelled", "SANCTION", "expel"),
        ("Norland expelled the activist.", "expelled", "COERCE", "deport"),
        ("Thousands of protesters converged on the square.", "converged", "PROTEST", "demo"),
        ("Tovia accused Norland of lying.", "accused", "ACCUSE", "allege"),
        ("Tovia urged Norland to leave.", "urged", "REQUEST", None),
        ("Norland fired rockets at the town.", "fired", "ASSAULT", "heavy-weapons"),
        ("The dock workers began a strike over wages.", "strike", "PROTEST", "strike"),
        ("Norland launched a strike on the airfield.", "strike", "ASSAULT", None),
    ],
)
def test_trigger_type_and_mode(
    nlp: Language,
    finder: TriggerFinder,
    *,
    text: str,
    word: str,
    etype: str,
    mode: str | None,
) -> None:
    assert _found(nlp, finder, text).get(word) == (etype, mode)


def test_hyphenated_modifier_is_no_trigger(nlp: Language, finder: TriggerFinder) -> None:
    found = _found(nlp, finder, "The Tovia-backed militia met reporters.")
    assert "backed" not in found


def test_names_are_never_trigger_nouns(nlp: Language, finder: TriggerFinder) -> None:
    doc = nlp("The Strike Brigade met Norland.")
    strike = next(t.i for t in doc if t.text == "Strike")
    assert all(t.i != strike for t in finder.find(doc, frozenset({strike, strike + 1})))


def test_cue_verbs_are_reported(nlp: Language, finder: TriggerFinder) -> None:
    doc = nlp("Norland said it vowed revenge.")
    _triggers, cues = finder.scan(doc)
    assert {doc[i].text for i in cues} == {"said", "vowed"}
    assert EventType.ASSAULT in {t.type for t in _triggers}
