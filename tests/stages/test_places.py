"""The places stage on invented sentences: sites, variants, context, demonyms, offsets."""

from __future__ import annotations

import pytest
from spacy.language import Language

from threatline.errors import StageError
from threatline.models import Article, PlaceMention
from threatline.stages.base import Work
from threatline.stages.nlp import load_model
from threatline.stages.places import PlaceStage


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


@pytest.fixture(scope="module")
def stage() -> PlaceStage:
    return PlaceStage()


def places(nlp: Language, stage: PlaceStage, text: str) -> list[PlaceMention]:
    return stage.find(nlp(text))


def by_text(mentions: list[PlaceMention]) -> dict[str, PlaceMention]:
    return {m.text: m for m in mentions}


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        (
            "Drones struck a fuel depot near Baghdad International Airport before dawn.",
            "Baghdad International Airport",
            ("Baghdad International Airport", "IRQ"),
        ),
        (
            "Rockets landed close to Beirut's port on Friday, witnesses said.",
            "Beirut's port",
            ("Beirut port", "LBN"),
        ),
        (
            "Two rockets hit Ain al-Assad on Tuesday, the coalition said.",
            "Ain al-Assad",
            ("Ayn al-Asad Air Base", "IRQ"),
        ),
        (
            "Inspectors returned to the Fordo enrichment facility last week.",
            "Fordo",
            ("Fordow Fuel Enrichment Plant", "IRN"),
        ),
        (
            "Reporters in Kiev heard sirens all night.",
            "Kiev",
            ("Kyiv", "UKR"),
        ),
    ],
)
def test_most_specific_place(
    nlp: Language, stage: PlaceStage, text: str, mention: str, expected: tuple[str, str]
) -> None:
    found = by_text(places(nlp, stage, text))
    assert mention in found, f"{mention!r} not in {list(found)}"
    place = found[mention].place
    assert place is not None and (place.name, place.country) == expected


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Tankers waited in the Strait of Hormuz while destroyers sailed up the Red Sea.",
            {"Strait of Hormuz", "Red Sea"},
        ),
        (
            "A freighter was hit in the Gulf of Aden, far from the Persian Gulf.",
            {"Gulf of Aden", "Persian Gulf"},
        ),
    ],
)
def test_international_waters(nlp: Language, stage: PlaceStage, text: str, names: set[str]) -> None:
    found = {m.place.name: m.place for m in places(nlp, stage, text) if m.place is not None}
    assert names <= set(found)
    assert all(found[n].country is None and found[n].lat is not None for n in names)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Clashes erupted in Tripoli on Sunday. The army of Lebanon sent reinforcements.", "LBN"),
        ("Clashes erupted in Tripoli on Sunday. Militias in Libya blamed each other.", "LBY"),
        ("Clashes erupted in Tripoli, Lebanon, on Sunday.", "LBN"),
    ],
)
def test_ambiguity_resolved_by_the_article(
    nlp: Language, stage: PlaceStage, text: str, country: str
) -> None:
    tripoli = by_text(places(nlp, stage, text))["Tripoli"]
    assert tripoli.place is not None and tripoli.place.country == country


def test_city_and_state(nlp: Language, stage: PlaceStage) -> None:
    found = by_text(places(nlp, stage, "The convoy left Atlanta, Georgia, at noon."))
    georgia = found["Georgia"].place
    assert georgia is not None and (georgia.country, georgia.kind) == ("USA", "admin")


def test_demonyms_are_not_places(nlp: Language, stage: PlaceStage) -> None:
    found = places(nlp, stage, "Iranian and Iraqi officials met Syrian envoys on Monday.")
    assert not any(m.text in {"Iranian", "Iraqi", "Syrian"} for m in found)


def test_countries_named_as_actors_are_mentions(nlp: Language, stage: PlaceStage) -> None:
    found = by_text(places(nlp, stage, "Iran threatened Israel with a crushing response."))
    assert {"Iran", "Israel"} <= set(found)
    assert found["Iran"].place is not None and found["Iran"].place.kind == "country"


def test_direction_word_is_part_of_the_mention(nlp: Language, stage: PlaceStage) -> None:
    found = by_text(places(nlp, stage, "Airstrikes hit targets in north-eastern Syria overnight."))
    place = found["north-eastern Syria"].place
    assert place is not None and place.country == "SYR"


def test_person_names_are_not_places(nlp: Language, stage: PlaceStage) -> None:
    text = "Jordan Hamilton spoke to reporters in Amman about the border."
    found = by_text(places(nlp, stage, text))
    assert "Jordan" not in found
    assert "Amman" in found


def test_mentions_are_sorted_offsets_into_the_text(nlp: Language, stage: PlaceStage) -> None:
    text = "From Basra to Mosul, and on to Erbil and the Kurdistan Region, roads were closed."
    found = places(nlp, stage, text)
    assert [text[m.start : m.end] for m in found] == [m.text for m in found]
    assert [m.start for m in found] == sorted(m.start for m in found)
    assert {"Basra", "Mosul", "Erbil", "Kurdistan Region"} <= {m.text for m in found}


def test_stage_fills_work(nlp: Language, stage: PlaceStage) -> None:
    text = "Protesters gathered in Basra."
    work = Work(article=Article(id="a", text=text, raw=text, content_hash="h"), doc=nlp(text))
    stage([work])
    assert [m.text for m in work.places] == ["Basra"]
    assert (stage.name, stage.requires, stage.provides) == (
        "places",
        frozenset({"doc"}),
        frozenset({"places"}),
    )


def test_stage_needs_a_doc(stage: PlaceStage) -> None:
    work = Work(article=Article(id="a", text="x", raw="x", content_hash="h"))
    with pytest.raises(StageError):
        stage([work])
