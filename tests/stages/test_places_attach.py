"""Which place of a sentence is the event's location (invented sentences)."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from threatline.models import Place, PlaceMention
from threatline.stages.nlp import load_model
from threatline.stages.places import PlaceStage
from threatline.stages.places_attach import event_place, mention_tokens


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


@pytest.fixture(scope="module")
def stage() -> PlaceStage:
    return PlaceStage()


def locate(
    nlp: Language, stage: PlaceStage, text: str, trigger: str, *, patient: bool = False
) -> str | None:
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    found = event_place(token, stage.find(doc), patient_is_place=patient)
    return found.text if found is not None else None


@pytest.mark.parametrize(
    ("text", "trigger", "where"),
    [
        ("A car bomb exploded in Kirkuk on Monday morning.", "exploded", "Kirkuk"),
        ("Two soldiers were killed near Mosul overnight.", "killed", "Mosul"),
        (
            "The strike near Baghdad International Airport killed two men.",
            "strike",
            "Baghdad International Airport",
        ),
        ("Gunmen opened fire on the outskirts of Kandahar, police said.", "opened", "Kandahar"),
        ("Militants attacked a checkpoint in the town of Tikrit.", "attacked", "Tikrit"),
        (
            "Officials in Tehran said the tanker was seized in the Strait of Hormuz.",
            "seized",
            "Strait of Hormuz",
        ),
        ("Thousands marched through Beirut, where police fired tear gas.", "fired", "Beirut"),
        ("Iran attacked Israel with drones.", "attacked", None),
        ("Washington warned Tehran against any escalation.", "warned", None),
    ],
)
def test_event_place(
    nlp: Language, stage: PlaceStage, text: str, trigger: str, where: str | None
) -> None:
    assert locate(nlp, stage, text, trigger) == where


@pytest.mark.parametrize(
    ("text", "trigger", "physical"),
    [
        ("Artillery shelled Khan Younis for hours.", "shelled", "Khan Younis"),
        ("Rebels captured the town of Kidal last year.", "captured", "Kidal"),
    ],
)
def test_patient_places_for_physical_acts(
    nlp: Language, stage: PlaceStage, text: str, trigger: str, physical: str
) -> None:
    assert locate(nlp, stage, text, trigger) is None
    assert locate(nlp, stage, text, trigger, patient=True) == physical


def test_no_places_no_location(nlp: Language) -> None:
    doc = nlp("Rebels attacked a convoy.")
    assert event_place(doc[1], []) is None


def test_places_outside_the_sentence_are_ignored(nlp: Language, stage: PlaceStage) -> None:
    doc = nlp("Fighting was reported in Aleppo. A bomb exploded on Tuesday.")
    trigger = next(t for t in doc if t.text == "exploded")
    places = stage.find(doc)
    assert places and mention_tokens(trigger, places) == {}
    assert event_place(trigger, places) is None


def _doc(words: list[str], heads: list[int], deps: list[str], pos: list[str]) -> Doc:
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)


def _mention(doc: Doc, i: int, place: Place) -> PlaceMention:
    token = doc[i]
    return PlaceMention(start=token.idx, end=token.idx + len(token), text=token.text, place=place)


def test_clearnlp_labels() -> None:
    """prep/pobj (ClearNLP) work as case/obl do: "Rebels attacked a base near Kabul"."""
    words = ["Rebels", "attacked", "a", "base", "near", "Kabul", "."]
    heads = [1, 1, 3, 1, 1, 4, 1]
    deps = ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"]
    pos = ["NOUN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"]
    doc = _doc(words, heads, deps, pos)
    kabul = _mention(doc, 5, Place(name="Kabul", country="AFG", kind="city"))
    assert event_place(doc[1], [kabul]) == kabul


def test_clearnlp_agent_is_not_a_location() -> None:
    words = ["The", "convoy", "was", "attacked", "by", "Syria", "."]
    heads = [1, 3, 3, 3, 3, 4, 3]
    deps = ["det", "nsubjpass", "auxpass", "ROOT", "agent", "pobj", "punct"]
    pos = ["DET", "NOUN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"]
    doc = _doc(words, heads, deps, pos)
    syria = _mention(doc, 5, Place(name="Syria", country="SYR", kind="country"))
    assert event_place(doc[3], [syria]) is None
