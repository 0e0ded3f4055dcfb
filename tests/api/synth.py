"""A realistic synthetic event database for the API, dashboard and benchmark (invented content).

Many actors (states, armed groups, IGOs, persons), every PLOVER type, all statuses, day/month/
year and missing dates, places with coordinates, events reported by one to three outlets (so
merged events have several mentions in several articles), threats that are carried out later
or stay pending, quotes, and removed boilerplate lines. Deterministic for a seed.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from threatline.ids import content_hash, record_id
from threatline.models import (
    ActorKind,
    ActorMention,
    ActorRef,
    Article,
    ArticleResult,
    Event,
    EventType,
    Place,
    Precision,
    Provenance,
    Quote,
    Span,
    Status,
    ThreatOutcome,
    TimeValue,
)
from threatline.store.base import Store

__all__ = ["ACTORS", "PLACES", "Synthetic", "bulk", "fill_store", "generate"]

ACTORS: list[ActorRef] = [
    ActorRef(code=code, name=name, kind=kind, sector=sector)
    for code, name, kind, sector in [
        ("IRN", "Iran", ActorKind.STATE, "GOV"),
        ("USA", "United States", ActorKind.STATE, "GOV"),
        ("ISR", "Israel", ActorKind.STATE, "GOV"),
        ("IRQ", "Iraq", ActorKind.STATE, "GOV"),
        ("SYR", "Syria", ActorKind.STATE, "GOV"),
        ("LBN", "Lebanon", ActorKind.STATE, "GOV"),
        ("SAU", "Saudi Arabia", ActorKind.STATE, "GOV"),
        ("YEM", "Yemen", ActorKind.STATE, "GOV"),
        ("RUS", "Russia", ActorKind.STATE, "GOV"),
        ("UKR", "Ukraine", ActorKind.STATE, "GOV"),
        ("TUR", "Turkey", ActorKind.STATE, "GOV"),
        ("CHN", "China", ActorKind.STATE, "GOV"),
        ("TWN", "Taiwan", ActorKind.STATE, "GOV"),
        ("PRK", "North Korea", ActorKind.STATE, "GOV"),
        ("KOR", "South Korea", ActorKind.STATE, "GOV"),
        ("HEZBOLLAH", "Hezbollah", ActorKind.ARMED_GROUP, "REB"),
        ("HAMAS", "Hamas", ActorKind.ARMED_GROUP, "REB"),
        ("HOUTHIS", "Houthis", ActorKind.ARMED_GROUP, "REB"),
        ("PMF", "Popular Mobilization Forces", ActorKind.ARMED_GROUP, "MIL"),
        ("ISIS", "Islamic State", ActorKind.ARMED_GROUP, "REB"),
        ("UN", "United Nations", ActorKind.IGO, None),
        ("IAEA", "International Atomic Energy Agency", ActorKind.IGO, None),
    ]
]

PERSONS: dict[str, tuple[str, str]] = {
    "IRN": ("Farid Example", "foreign minister"),
    "USA": ("Jane Sample", "secretary of state"),
    "ISR": ("David Placeholder", "defence minister"),
    "RUS": ("Ivan Fictional", "foreign ministry spokesman"),
    "HOUTHIS": ("Yahya Invented", "spokesman"),
    "UN": ("Maria Testcase", "secretary-general"),
}

PLACES: list[Place] = [
    Place(name=name, country=cc, lat=lat, lon=lon, kind="city")
    for name, cc, lat, lon in [
        ("Baghdad", "IRQ", 33.31, 44.36),
        ("Erbil", "IRQ", 36.19, 44.01),
        ("Tehran", "IRN", 35.69, 51.39),
        ("Isfahan", "IRN", 32.65, 51.67),
        ("Beirut", "LBN", 33.89, 35.50),
        ("Damascus", "SYR", 33.51, 36.29),
        ("Aleppo", "SYR", 36.20, 37.16),
        ("Gaza City", "PSE", 31.50, 34.47),
        ("Jerusalem", "ISR", 31.77, 35.21),
        ("Haifa", "ISR", 32.79, 34.99),
        ("Sanaa", "YEM", 15.37, 44.19),
        ("Aden", "YEM", 12.79, 45.04),
        ("Riyadh", "SAU", 24.71, 46.68),
        ("Kyiv", "UKR", 50.45, 30.52),
        ("Kharkiv", "UKR", 49.99, 36.23),
        ("Moscow", "RUS", 55.76, 37.62),
        ("Washington", "USA", 38.90, -77.04),
        ("Ankara", "TUR", 39.93, 32.86),
        ("Beijing", "CHN", 39.90, 116.41),
        ("Taipei", "TWN", 25.03, 121.57),
        ("Pyongyang", "PRK", 39.04, 125.76),
        ("Seoul", "KOR", 37.57, 126.98),
        ("New York", "USA", 40.71, -74.01),
        ("Vienna", "AUT", 48.21, 16.37),
    ]
]

# (weight, evidence template, sentence tail); {s} source, {t} target, {p} place, {k} killed.
TEMPLATES: dict[EventType, tuple[int, str, str]] = {
    EventType.ASSAULT: (
        30,
        "{s} launched missile strikes on {t} positions",
        " near {p}, killing {k}.",
    ),
    EventType.THREATEN: (12, "{s} threatened to strike {t}", " if its demands were not met."),
    EventType.ACCUSE: (10, "{s} accused {t} of violating the ceasefire", " around {p}."),
    EventType.COERCE: (6, "{s} seized a vessel linked to {t}", " off {p}."),
    EventType.SANCTION: (6, "{s} imposed new sanctions on {t}", " over its weapons programme."),
    EventType.CONSULT: (8, "{s} held talks with {t}", " in {p}."),
    EventType.AGREE: (4, "{s} agreed with {t} on a prisoner exchange", " brokered in {p}."),
    EventType.REQUEST: (4, "{s} called on {t} to release detainees", " held in {p}."),
    EventType.REJECT: (4, "{s} rejected a proposal from {t}", " presented in {p}."),
    EventType.PROTEST: (
        3,
        "{s} summoned the envoy of {t} in protest",
        " after the incident in {p}.",
    ),
    EventType.MOBILIZE: (4, "{s} deployed additional troops toward {t}", " near {p}."),
    EventType.SUPPORT: (3, "{s} voiced support for {t}", " at a meeting in {p}."),
    EventType.AID: (3, "{s} sent humanitarian aid to {t}", " through {p}."),
    EventType.COOPERATE: (2, "{s} signed a security pact with {t}", " in {p}."),
    EventType.CONCEDE: (1, "{s} eased restrictions on {t}", " at the crossing near {p}."),
    EventType.RETREAT: (1, "{s} withdrew its forces from areas held by {t}", " around {p}."),
}
MODES = {EventType.ASSAULT: ["aerial", "drone", "explosives", "targeted"]}
OUTLETS = ["Wire One", "Daily Example", "Regional Monitor"]
BOILERPLATE = "Share this article on social media"


@dataclass
class Synthetic:
    """Per-article results (with event mentions), the merged events and mention assignments."""

    articles: list[ArticleResult] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    assignments: dict[str, str] = field(default_factory=dict)


@dataclass
class _World:
    """One real-world event before it is written into articles."""

    idx: int
    type: EventType
    source: ActorRef
    target: ActorRef
    date: TimeValue | None
    status: Status
    place: Place | None
    killed: int | None
    reports: int
    threatened_type: EventType | None = None
    mode: str | None = None
    outcome: ThreatOutcome | None = None
    provenance: list[Provenance] = field(default_factory=list)

    @property
    def id(self) -> str:
        return record_id("ev", "synthetic", self.idx)


def _date(rng: random.Random, start: dt.date, days: int) -> TimeValue | None:
    roll = rng.random()
    if roll < 0.03:
        return None
    day = start + dt.timedelta(days=rng.randrange(days))
    if roll < 0.08:
        return TimeValue(value=day, precision=Precision.MONTH)
    if roll < 0.10:
        return TimeValue(value=day, precision=Precision.YEAR)
    return TimeValue.day(day)


def _world(n: int, rng: random.Random, start: dt.date, days: int) -> list[_World]:
    types = list(TEMPLATES)
    weights = [TEMPLATES[k][0] for k in types]
    out: list[_World] = []
    while len(out) < n:
        kind = rng.choices(types, weights)[0]
        src, tgt = rng.sample(ACTORS, 2)
        status = Status.OCCURRED
        roll = rng.random()
        if kind is not EventType.THREATEN and roll < 0.08:
            status = rng.choice([Status.THREATENED, Status.DENIED, Status.HYPOTHETICAL])
        w = _World(
            idx=len(out),
            type=kind,
            source=src,
            target=tgt,
            date=_date(rng, start, days),
            status=status,
            place=rng.choice(PLACES) if rng.random() < 0.75 else None,
            killed=rng.randrange(0, 40) if kind is EventType.ASSAULT else None,
            reports=rng.choices([1, 2, 3], [5, 3, 2])[0],
            mode=rng.choice(MODES[kind]) if kind in MODES else None,
        )
        out.append(w)
        if kind is EventType.THREATEN:
            w.threatened_type = EventType.ASSAULT if rng.random() < 0.8 else EventType.SANCTION
            w.outcome = ThreatOutcome(status="pending")
            if w.date is not None and w.date.precision is Precision.DAY and rng.random() < 0.5:
                delay = rng.randrange(1, 90)
                act = _World(
                    idx=len(out),
                    type=w.threatened_type,
                    source=src,
                    target=tgt,
                    date=TimeValue.day(w.date.value + dt.timedelta(days=delay)),
                    status=Status.OCCURRED,
                    place=w.place or rng.choice(PLACES),
                    killed=rng.randrange(0, 20) if w.threatened_type is EventType.ASSAULT else None,
                    reports=rng.choice([1, 2]),
                )
                out.append(act)
                w.outcome = ThreatOutcome(status="carried_out", events=[act.id], delay_days=delay)
    return out[:n]


def _name(ref: ActorRef, rng: random.Random) -> tuple[str, ActorRef]:
    """The surface name of an actor in a sentence and the reference it resolves to."""
    person = PERSONS.get(ref.code or "")
    if person is not None and rng.random() < 0.25:
        who, role = person
        return f"{ref.name}'s {role} {who}", ref.model_copy(update={"person": who, "role": role})
    return ref.name, ref


def _when(date: TimeValue | None) -> str:
    if date is None:
        return ""
    if date.precision is Precision.YEAR:
        return f"In {date.value.year}, "
    if date.precision is Precision.MONTH:
        return f"In {date.value:%B %Y}, "
    return f"On {date.value.day} {date.value:%B %Y}, "


@dataclass
class _Draft:
    """An article's text with the offsets of what it reports (before any record is built)."""

    doc: str
    outlet: str
    published: dt.date
    text: str = ""
    title: str = ""
    sentences: list[tuple[_World, int, int, int, int]] = field(default_factory=list)
    actors: list[tuple[int, str, ActorRef]] = field(default_factory=list)
    quote: tuple[int, str, ActorRef] | None = None

    @property
    def raw(self) -> str:
        return f"{self.text}\n{BOILERPLATE}"


def _draft(
    doc: str, outlet: str, items: list[_World], rng: random.Random, fallback: dt.date
) -> _Draft:
    dates = [w.date.end for w in items if w.date is not None]
    published = (max(dates) if dates else fallback) + dt.timedelta(days=rng.randrange(0, 3))
    d = _Draft(doc, outlet, published)
    first = items[0]
    d.title = f"{first.source.name} and {first.target.name}: {first.type.value.lower()} report"
    for w in items:
        s_name, s_ref = _name(w.source, rng)
        t_name, t_ref = _name(w.target, rng)
        place = w.place.name if w.place else "the border"
        lead = _when(w.date) if rng.random() < 0.5 else ""
        core = TEMPLATES[w.type][1].format(s=s_name, t=t_name)
        sentence = lead + core + TEMPLATES[w.type][2].format(p=place, k=f"{w.killed or 0} people")
        base = len(d.text) + (1 if d.text else 0)
        d.text = f"{d.text} {sentence}" if d.text else sentence
        at = base + len(lead)
        d.sentences.append((w, at, at + len(core), base, base + len(sentence)))
        d.actors.append((at + core.index(s_name), s_name, s_ref))
        d.actors.append((at + core.index(t_name), t_name, t_ref))
    if rng.random() < 0.5:
        speaker = first.source
        person = PERSONS.get(speaker.code or "", (f"a {speaker.name} official", "official"))[0]
        said = "We will respond at a time and place of our choosing"
        base = len(d.text) + 1
        d.text = f'{d.text} "{said}," said {person}.'
        d.quote = (base + 1, said, speaker.model_copy(update={"person": person}))
    return d


def _provenance(d: _Draft, a: int, b: int, s0: int, s1: int) -> dict[str, Any]:
    sentence = {"start": s0, "end": s1, "text": d.text[s0:s1]}
    return {
        "doc": d.doc,
        "start": a,
        "end": b,
        "text": d.text[a:b],
        "published": d.published,
        "sentence": sentence,
    }


def _result(d: _Draft, assignments: dict[str, str]) -> ArticleResult:
    """The validated per-article records of a draft (its provenance added to each world event)."""
    mentions: list[Event] = []
    for w, a, b, s0, s1 in d.sentences:
        prov = Provenance.model_validate(_provenance(d, a, b, s0, s1))
        w.provenance.append(prov)
        mentions.append(_event(w, [prov], record_id("mn", d.doc, len(mentions))))
        assignments[mentions[-1].id] = w.id
    actors = [
        ActorMention(doc=d.doc, start=at, end=at + len(name), text=name, ref=ref)
        for at, name, ref in d.actors
    ]
    quotes = []
    if d.quote is not None:
        at, said, speaker = d.quote
        quotes.append(
            Quote(
                id=record_id("qt", d.doc, said),
                doc=d.doc,
                text=said,
                direct=True,
                start=at,
                end=at + len(said),
                speaker=speaker,
                speaker_text=speaker.person,
                cue="said",
                date=TimeValue.day(d.published),
            )
        )
    return ArticleResult(article=_article(d), actors=actors, events=mentions, quotes=quotes)


def _article(d: _Draft) -> Article:
    return Article(
        id=d.doc,
        text=d.text,
        raw=d.raw,
        content_hash=content_hash(f"{d.doc}\n{d.raw}"),  # unique even when texts repeat
        title=d.title,
        url=f"https://news.example/{d.doc}",
        outlet=d.outlet,
        published=d.published,
        source="synthetic",
        removed=[Span(start=len(d.text) + 1, end=len(d.raw), text=BOILERPLATE)],
    )


def _event(w: _World, mentions: list[Provenance] | list[dict[str, Any]], event_id: str) -> Event:
    fields = {
        "id": event_id,
        "type": w.type,
        "mode": w.mode,
        "threatened_type": w.threatened_type,
        "status": w.status,
        "historical": False,
        "date": w.date,
        "source": w.source,
        "target": w.target,
        "location": w.place,
        "killed": w.killed,
        "confidence": 0.6 + 0.1 * min(len(mentions), 3),
        "mentions": mentions,
        "threat_outcome": w.outcome,
    }
    return Event.model_validate(fields)


def _drafts(
    n_events: int, seed: int, start: dt.date, days: int, per_article: int
) -> tuple[list[_World], Iterator[_Draft]]:
    rng = random.Random(seed)
    world = _world(n_events, rng, start, days)

    def drafts() -> Iterator[_Draft]:
        end = start + dt.timedelta(days=days)
        for stream, outlet in enumerate(OUTLETS):
            reported = [w for w in world if w.reports > stream]
            reported.sort(key=lambda w: (w.date.value if w.date else dt.date.max, w.idx))
            for i in range(0, len(reported), per_article):
                doc = f"{stream}_{i // per_article:06d}.txt"
                yield _draft(doc, outlet, reported[i : i + per_article], rng, end)

    return world, drafts()


def generate(
    n_events: int,
    seed: int = 7,
    start: dt.date = dt.date(2023, 1, 1),
    days: int = 730,
    per_article: int = 4,
) -> Synthetic:
    """``n_events`` merged events written into articles of ``per_article`` sentences."""
    world, drafts = _drafts(n_events, seed, start, days, per_article)
    out = Synthetic()
    out.articles = [_result(d, out.assignments) for d in drafts]
    out.events = [_event(w, w.provenance, w.id) for w in world]
    return out


def fill_store(store: Store, synthetic: Synthetic) -> None:
    """Save every article (one transaction each) and the merged events."""
    for res in synthetic.articles:
        store.save_result(res)
    store.replace_events(synthetic.events, synthetic.assignments)


def bulk(
    n_events: int, seed: int = 7, start: dt.date = dt.date(2023, 1, 1), days: int = 730
) -> tuple[list[Article], list[Event]]:
    """The same world for a fast bulk load: the articles (no per-article records) and the
    merged events, without the per-article records (benchmarks only)."""
    world, drafts = _drafts(n_events, seed, start, days, 4)
    mentions: dict[int, list[dict[str, Any]]] = {}
    articles: list[Article] = []
    for d in drafts:
        for w, a, b, s0, s1 in d.sentences:
            mentions.setdefault(w.idx, []).append(_provenance(d, a, b, s0, s1))
        articles.append(_article(d))
    return articles, [_event(w, mentions[w.idx], w.id) for w in world]
