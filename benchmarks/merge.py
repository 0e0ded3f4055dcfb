"""Merge benchmark: 100,000 synthetic event mentions into events (time, peak memory, quality).

The generator draws real-world events (PLOVER types with a realistic mix, Zipf-distributed
actors and dyads, five years of dates, places, persons, casualty figures) and reports each of
them in 1 to ~100 articles (heavy-tailed, as news coverage is), with the noise reports have:
coarser dates (month, year, undated), paraphrased evidence, a day off, differing casualty
figures. Since the true events are known, the run also scores the merge (B³, CoNLL).

``python -m benchmarks.merge [--mentions N] [--sizes 10000,30000,100000]`` prints JSON;
``run()`` returns the same dict for ``make bench``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import time
import tracemalloc
from types import MappingProxyType
from typing import Any

from threatline.crossdoc.merge import merge_mentions
from threatline.eval.coref import score_clusterings
from threatline.ids import record_id
from threatline.models import ActorRef, Event, EventType, Place, Provenance, Status, TimeValue

__all__ = ["generate", "run"]

_TYPES = MappingProxyType({
    "ASSAULT": 28, "THREATEN": 10, "ACCUSE": 12, "CONSULT": 10, "REQUEST": 8, "SUPPORT": 6,
    "REJECT": 5, "COERCE": 6, "PROTEST": 5, "SANCTION": 3, "MOBILIZE": 3, "AGREE": 2,
    "COOPERATE": 1, "AID": 1,
})  # fmt: skip
_VERBS = MappingProxyType(
    {
        "ASSAULT": ("attacked", "struck", "shelled", "bombed", "hit"),
        "THREATEN": ("threatened", "warned", "vowed revenge against"),
        "ACCUSE": ("accused", "blamed", "condemned"),
        "CONSULT": ("met", "held talks with", "spoke with"),
        "REQUEST": ("urged", "called on", "demanded"),
    }
)
_PLACES = (
    ("Baghdad", "IRQ", 33.31, 44.36), ("Gaza", "PSE", 31.50, 34.47),
    ("Kyiv", "UKR", 50.45, 30.52), ("Sanaa", "YEM", 15.35, 44.21),
    ("Beirut", "LBN", 33.89, 35.50), ("Damascus", "SYR", 33.51, 36.29),
    ("Tehran", "IRN", 35.69, 51.39), ("Kharkiv", "UKR", 49.99, 36.23),
    ("Mosul", "IRQ", 36.34, 43.13), ("Khartoum", "SDN", 15.50, 32.56),
    ("Tripoli", "LBY", 32.89, 13.19), ("Kabul", "AFG", 34.56, 69.21),
)  # fmt: skip
_START = dt.date(2019, 1, 1)


def _actors(rng: random.Random, n: int = 80) -> list[str]:
    return [f"A{i:02d}" for i in range(n)] + [rng.choice(["HAMAS", "HEZBOLLAH", "ISIS"])]


def _zipf(rng: random.Random, items: list[str]) -> str:
    weights = [1 / (k + 1) for k in range(len(items))]
    return rng.choices(items, weights)[0]


def _coverage(rng: random.Random) -> int:
    """Articles reporting one event: mostly one or two, sometimes dozens."""
    r = rng.random()
    if r < 0.55:
        return 1
    if r < 0.85:
        return rng.randint(2, 4)
    if r < 0.98:
        return rng.randint(5, 15)
    return rng.randint(16, 100)


def _mention_date(rng: random.Random, day: dt.date) -> TimeValue | None:
    r = rng.random()
    if r < 0.72:
        shifted = day + dt.timedelta(days=1) if rng.random() < 0.03 else day
        return TimeValue.day(shifted)
    if r < 0.88:
        return TimeValue.parse(f"{day.year:04d}-{day.month:02d}")
    if r < 0.96:
        return TimeValue.parse(f"{day.year:04d}")
    return None


def _real_event(rng: random.Random, actors: list[str], idx: int) -> dict[str, Any]:
    type_ = rng.choices(list(_TYPES), list(_TYPES.values()))[0]
    source = _zipf(rng, actors)
    target = _zipf(rng, [a for a in actors if a != source])
    place = rng.choice(_PLACES) if rng.random() < 0.5 else None
    return {
        "idx": idx,
        "type": EventType(type_),
        "source": source,
        "target": target,
        "day": _START + dt.timedelta(days=rng.randrange(5 * 365)),
        "place": place,
        "person": f"Leader {source}-{rng.randrange(3)}" if rng.random() < 0.2 else None,
        "killed": rng.randint(1, 40) if type_ == "ASSAULT" and rng.random() < 0.4 else None,
        "threatened": EventType.ASSAULT if type_ == "THREATEN" else None,
    }


def _mention(rng: random.Random, real: dict[str, Any], k: int) -> Event:
    doc = f"doc{real['idx']:06d}-{k:03d}.txt"
    verb = rng.choice(_VERBS.get(real["type"].value, ("acted against",)))
    place = real["place"]
    text = f"{real['source']} {verb} {real['target']}"
    if place is not None and rng.random() < 0.7:
        text += f" in {place[0]}"
    killed = real["killed"]
    if killed is not None and rng.random() < 0.3:
        killed = max(0, killed + rng.randint(-3, 3))
    return Event(
        id=record_id("mn", doc, real["idx"]),
        type=real["type"],
        threatened_type=real["threatened"],
        status=Status.OCCURRED,
        date=_mention_date(rng, real["day"]),
        source=ActorRef(code=real["source"], name=real["source"], person=real["person"]),
        target=ActorRef(code=real["target"], name=real["target"]),
        location=Place(name=place[0], country=place[1], lat=place[2], lon=place[3])
        if place is not None and rng.random() < 0.8
        else None,
        killed=killed if rng.random() < 0.8 else None,
        confidence=0.7,
        mentions=[
            Provenance(
                doc=doc,
                start=0,
                end=len(text),
                text=text,
                published=real["day"] + dt.timedelta(days=rng.randint(0, 3)),
            )
        ],
    )


def generate(n_mentions: int, seed: int = 7) -> tuple[list[Event], dict[str, int]]:
    """``n_mentions`` mentions and the true event of each mention id."""
    rng = random.Random(seed)
    actors = _actors(rng)
    mentions: list[Event] = []
    truth: dict[str, int] = {}
    idx = 0
    while len(mentions) < n_mentions:
        real = _real_event(rng, actors, idx)
        for k in range(min(_coverage(rng), n_mentions - len(mentions))):
            m = _mention(rng, real, k)
            mentions.append(m)
            truth[m.id] = idx
        idx += 1
    rng.shuffle(mentions)
    return mentions, truth


def _timed(mentions: list[Event]) -> tuple[float, float, list[Event], dict[str, str]]:
    start, cpu = time.perf_counter(), time.process_time()
    events, assignments = merge_mentions(mentions)
    return time.perf_counter() - start, time.process_time() - cpu, events, assignments


def run(n_mentions: int = 100_000, sizes: tuple[int, ...] = (10_000, 30_000)) -> dict[str, Any]:
    """Merge ``n_mentions`` (and smaller ``sizes``, for the scaling); time, memory, quality."""
    everything, truth = generate(n_mentions)
    scaling: dict[str, float] = {}
    cpu: dict[str, float] = {}
    for size in (*sorted(s for s in sizes if s < n_mentions), n_mentions):
        mentions = everything[:size]  # the mentions are shuffled: a random sample
        seconds, cpu_seconds, events, assignments = _timed(mentions)
        scaling[str(size)] = round(seconds, 2)
        cpu[str(size)] = round(cpu_seconds, 2)
    tracemalloc.start()
    _timed(mentions)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    scores = score_clusterings(truth, assignments)
    return {
        "mentions": n_mentions,
        "true_events": len(set(truth.values())),
        "merged_events": len(events),
        "seconds": scaling[str(n_mentions)],
        "mentions_per_second": round(n_mentions / scaling[str(n_mentions)]),
        "peak_memory_mb": round(peak / 2**20, 1),
        "cpu_seconds": cpu[str(n_mentions)],
        "seconds_by_size": scaling,
        "cpu_seconds_by_size": cpu,
        "b3": scores.b3.as_dict(),
        "b3_f1": round(scores.b3.f1, 4),
        "conll_f1": round(scores.conll, 4),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mentions", type=int, default=100_000)
    ap.add_argument("--sizes", default="10000,30000", help="smaller sizes, for the scaling")
    args = ap.parse_args()
    sizes = tuple(int(s) for s in args.sizes.split(",") if s)
    print(json.dumps(run(args.mentions, sizes), indent=2))


if __name__ == "__main__":
    main()
