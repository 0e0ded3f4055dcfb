"""Shared export helpers: place levels of the gazetteer's kinds, countries, numeric ids."""

from __future__ import annotations

import pytest

from threatline.export.acled import acled_row
from threatline.export.cameo import cameo_row
from threatline.export.common import Countries, numeric_id, place_level
from threatline.export.plover import to_plover
from threatline.models import Event, Place


@pytest.mark.parametrize(
    ("kind", "level"),
    [
        ("city", "city"),
        ("town", "city"),
        ("city_district", "city"),
        ("base", "city"),
        ("PPLA", "city"),
        ("admin", "admin1"),
        ("ADM1", "admin1"),
        ("region", "admin1"),
        ("ADM2", "admin2"),
        ("country", "country"),
        ("PCLI", "country"),
        ("gulf", "area"),
        ("strait", "area"),
        ("continent", "area"),
    ],
)
def test_place_levels(kind: str, level: str) -> None:
    assert place_level(Place(name="X", country="IRQ", kind=kind)) == level


def test_a_place_without_kind_named_as_its_country_is_the_country() -> None:
    countries = Countries()
    assert place_level(Place(name="Iraq", country="IRQ"), countries) == "country"
    assert place_level(Place(name="Basra", country="IRQ"), countries) == "city"


def test_countries_and_ids() -> None:
    countries = Countries()
    iraq = countries.get("IRQ")
    assert iraq is not None and (iraq.iso2, iraq.fips, iraq.isonumeric) == ("IQ", "IZ", 368)
    assert countries.is_country("USA") and not countries.is_country("HEZBOLLAH")
    assert countries.get(None) is None
    assert numeric_id("ev_1") == numeric_id("ev_1") != numeric_id("ev_2")
    assert 0 < numeric_id("ev_1") < 2**63


def test_a_sea_is_an_area_in_every_format(events: list[Event]) -> None:
    gulf = Place(name="Persian Gulf", kind="gulf", lat=27.0, lon=51.0)
    ev = events[0].model_copy(update={"location": gulf})
    countries = Countries()
    assert cameo_row(ev, {}, countries)["ActionGeo_Type"] == 5
    row = acled_row(ev, {}, countries)
    assert row["geo_precision"] == 3 and row["event_id_cnty"].startswith("XXX")
    assert row["country"] is None and row["location"] == "Persian Gulf"
    assert to_plover(ev, countries=countries)["event_loc"]["resolution"] == 1
