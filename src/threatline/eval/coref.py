"""Coreference scores: B³, MUC, CEAF-e and CoNLL F1 over clusterings, and event merging scored
against the gold ``world_event`` keys (gold README §3) or ECB+ (``python -m
threatline.eval.coref ecbplus``).

A clustering is a mapping from an item (any hashable: a mention id, ``(doc, index)``) to its
cluster label. Key and response may cover different items; the scores follow the CoNLL-2012
reference definitions for that case (an item the other side lacks counts as a singleton there).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np
from scipy.optimize import linear_sum_assignment  # type: ignore[import-untyped]

from threatline.eval.gold import GoldDoc, GoldEvent
from threatline.ids import record_id
from threatline.models import ActorRef, Event, EventType, Place, Provenance

__all__ = [
    "PRF",
    "CorefScores",
    "b_cubed",
    "ceaf_e",
    "conll",
    "gold_mentions",
    "main",
    "match_world_events",
    "muc",
    "score_clusterings",
    "score_world_events",
]

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"p": round(self.precision, 4), "r": round(self.recall, 4), "f1": round(self.f1, 4)}


def _clusters(assign: Mapping[K, Hashable]) -> list[set[K]]:
    groups: dict[Hashable, set[K]] = defaultdict(set)
    for item, label in assign.items():
        groups[label].add(item)
    return list(groups.values())


def _b3_side(clusters: list[set[K]], other: Mapping[K, Hashable]) -> float:
    total = sum(len(c) for c in clusters)
    if not total:
        return 0.0
    score = 0.0
    for c in clusters:
        overlaps: dict[Hashable, int] = defaultdict(int)
        for item in c:
            if item in other:
                overlaps[other[item]] += 1
        score += sum(n * n for n in overlaps.values()) / len(c)
    return score / total


def b_cubed(key: Mapping[K, Hashable], response: Mapping[K, Hashable]) -> PRF:
    """B³ (Bagga and Baldwin 1998): per item, the overlap of its key and response clusters."""
    recall = _b3_side(_clusters(key), response)
    precision = _b3_side(_clusters(response), key)
    return PRF(precision, recall)


def _muc_side(clusters: list[set[K]], other: Mapping[K, Hashable]) -> float:
    num = den = 0
    for c in clusters:
        parts = {other[i] for i in c if i in other}
        missing = sum(1 for i in c if i not in other)
        num += len(c) - (len(parts) + missing)
        den += len(c) - 1
    return num / den if den else 0.0


def muc(key: Mapping[K, Hashable], response: Mapping[K, Hashable]) -> PRF:
    """MUC (Vilain et al. 1995): links kept, counted per cluster."""
    return PRF(_muc_side(_clusters(response), key), _muc_side(_clusters(key), response))


def ceaf_e(key: Mapping[K, Hashable], response: Mapping[K, Hashable]) -> PRF:
    """Entity-based CEAF (Luo 2005, φ4): the best one-to-one alignment of clusters."""
    k, r = _clusters(key), _clusters(response)
    if not k or not r:
        return PRF(0.0, 0.0)
    sim = np.zeros((len(k), len(r)))
    where = {item: j for j, c in enumerate(r) for item in c}
    for i, c in enumerate(k):
        for item in c:
            if item in where:
                sim[i, where[item]] += 1
    for i, c in enumerate(k):
        for col in np.nonzero(sim[i])[0]:
            sim[i, col] = 2 * sim[i, col] / (len(c) + len(r[int(col)]))
    rows, cols = linear_sum_assignment(sim, maximize=True)
    total = float(sim[rows, cols].sum())
    return PRF(total / len(r), total / len(k))


def conll(key: Mapping[K, Hashable], response: Mapping[K, Hashable]) -> float:
    """CoNLL F1: the mean of the MUC, B³ and CEAF-e F1."""
    return (muc(key, response).f1 + b_cubed(key, response).f1 + ceaf_e(key, response).f1) / 3


@dataclass(frozen=True)
class CorefScores:
    items: int
    key_clusters: int
    response_clusters: int
    muc: PRF
    b3: PRF
    ceaf_e: PRF

    @property
    def conll(self) -> float:
        return (self.muc.f1 + self.b3.f1 + self.ceaf_e.f1) / 3

    def as_dict(self) -> dict[str, object]:
        return {
            "items": self.items,
            "key_clusters": self.key_clusters,
            "response_clusters": self.response_clusters,
            "muc": self.muc.as_dict(),
            "b3": self.b3.as_dict(),
            "ceaf_e": self.ceaf_e.as_dict(),
            "conll_f1": round(self.conll, 4),
        }


def score_clusterings(key: Mapping[K, Hashable], response: Mapping[K, Hashable]) -> CorefScores:
    """All the scores at once."""
    return CorefScores(
        items=len(key),
        key_clusters=len(set(key.values())),
        response_clusters=len(set(response.values())),
        muc=muc(key, response),
        b3=b_cubed(key, response),
        ceaf_e=ceaf_e(key, response),
    )


# -- merged events against gold world_event keys ----------------------------------------------


def _codes(event: Event) -> tuple[str | None, str | None]:
    s = event.source.code if event.source is not None and event.source.code else None
    t = event.target.code if event.target is not None and event.target.code else None
    return s, t


def _dyad_match(gold: GoldEvent, type_: EventType, source: str | None, target: str | None) -> bool:
    for v in gold.variants():
        if v.type is not type_:
            continue
        if (v.source, v.target) == (source, target):
            return True
        if v.type is EventType.CONSULT and (v.source, v.target) == (target, source):
            return True
    return False


def _pair_score(gold: GoldEvent, event: Event) -> float:
    """Preference among dyad matches: compatible date, equal threatened type and status."""
    score = 1.0
    gt = gold.time
    if gt is not None and event.date is not None and gt.compatible(event.date):
        score += 1.0 + (0.5 if str(gt) == str(event.date) else 0.0)
    if gold.threatened_type is event.threatened_type:
        score += 0.5
    if gold.status is event.status:
        score += 0.5
    return score


def match_world_events(
    gold: Sequence[GoldDoc], events: Iterable[Event]
) -> tuple[dict[tuple[str, int], str], dict[tuple[str, int], str]]:
    """Match gold events to merged events within each doc, one-to-one on type, source code and
    target code; returns the gold clustering (world_event key) and the predicted clustering
    (merged event id) of the matched gold events, keyed by ``(doc, gold index)``."""
    from threatline.eval.predictions import doc_keys

    per_doc: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        for doc in sorted({m.doc for m in event.mentions}):
            for name in doc_keys(doc):
                per_doc[name].append(event)
    key: dict[tuple[str, int], str] = {}
    response: dict[tuple[str, int], str] = {}
    for g in gold:
        preds = next((per_doc[k] for k in doc_keys(g.doc) if k in per_doc), [])
        if not preds or not g.events:
            continue
        sim = np.zeros((len(g.events), len(preds)))
        for i, ge in enumerate(g.events):
            for j, pe in enumerate(preds):
                if _dyad_match(ge, pe.type, *_codes(pe)):
                    sim[i, j] = _pair_score(ge, pe)
        for i, j in zip(*linear_sum_assignment(sim, maximize=True), strict=True):
            if sim[i, j] > 0:
                item = (g.doc, int(i))
                key[item] = g.events[i].world_event or f"{g.doc}#{i}"
                response[item] = preds[j].id
    return key, response


def score_world_events(gold: Sequence[GoldDoc], events: Iterable[Event]) -> CorefScores:
    """Coreference scores of merged events against the gold world_event keys, over matches."""
    key, response = match_world_events(gold, events)
    return score_clusterings(key, response)


def _ref(code: str | None, name: str | None, person: str | None) -> ActorRef | None:
    if code is None and name is None:
        return None
    return ActorRef(code=code, name=name or code or "", person=person)


def gold_mentions(gold: Sequence[GoldDoc]) -> list[Event]:
    """Each gold event as a per-article event mention (with its doc and publication estimate),
    what a perfect extractor would give the merger."""
    out: list[Event] = []
    for g in gold:
        published: dt.date | None = g.published_estimate
        for i, ge in enumerate(g.events):
            text = ge.evidence or ""
            place = None
            if ge.location is not None or ge.location_country is not None:
                name = ge.location or ge.location_country or ""
                place = Place(name=name, country=ge.location_country)
            out.append(
                Event(
                    id=record_id("mn", g.doc, i),
                    type=ge.type,
                    threatened_type=ge.threatened_type,
                    status=ge.status,
                    date=ge.time,
                    source=_ref(ge.source, ge.source_name, ge.source_person),
                    target=_ref(ge.target, ge.target_name, ge.target_person),
                    location=place,
                    killed=ge.killed,
                    injured=ge.injured,
                    salience=ge.salience,
                    confidence=1.0,
                    mentions=[
                        Provenance(
                            doc=g.doc, start=0, end=len(text), text=text, published=published
                        )
                    ],
                )
            )
    return out


def _shared() -> Path:
    return Path(os.environ.get("THREATLINE_SHARED", "../shared"))


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m threatline.eval.coref ecbplus|seeds``: print the scores as JSON."""
    parser = argparse.ArgumentParser(prog="python -m threatline.eval.coref", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    ecb = sub.add_parser("ecbplus", help="event coreference on ECB+ (merger and same-lemma)")
    ecb.add_argument("--root", type=Path, help="ECB+ directory (default ../shared/data/ecbplus)")
    ecb.add_argument("--topics", help="comma-separated topic numbers (default: all)")
    ecb.add_argument(
        "--lemmas",
        choices=("model", "plain"),
        default="model",
        help="trigger lemmas from the shipped spaCy model or lower-cased words",
    )
    seeds = sub.add_parser("seeds", help="gold events merged against their world_event keys")
    seeds.add_argument("--gold", type=Path, help="gold directory (default ../shared/gold/seeds)")
    seeds.add_argument(
        "--db",
        help="score the merged events stored in this database (default: gold-derived mentions)",
    )
    args = parser.parse_args(argv)
    if args.command == "ecbplus":
        from threatline.eval.ecbplus import evaluate, plain_lemmatizer, spacy_lemmatizer

        root = args.root or _shared() / "data" / "ecbplus"
        topics = args.topics.split(",") if args.topics else None
        lemmatize = spacy_lemmatizer() if args.lemmas == "model" else plain_lemmatizer
        result = evaluate(root, topics, lemmatize)
    else:
        from threatline.crossdoc.merge import merge_mentions
        from threatline.eval.gold import load_gold

        gold = load_gold(args.gold or _shared() / "gold" / "seeds")
        if args.db:
            from threatline.store import open_store

            store = open_store(args.db)
            try:
                events = store.events()
            finally:
                store.close()
        else:
            events, _ = merge_mentions(gold_mentions(gold))
        result = score_world_events(gold, events).as_dict()
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
