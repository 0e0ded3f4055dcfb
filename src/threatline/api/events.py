"""Events, their evidence, threats and statistics as response models (the API and the dashboard
pages both build on these; no SQL here, only the Store)."""

from __future__ import annotations

import datetime as dt
import statistics
from typing import Literal

from threatline.api.schemas import (
    CountryCount,
    DayCountOut,
    EventDetail,
    EventOut,
    EventPage,
    EvidenceOut,
    PlaceCountOut,
    SpanOut,
    StatsOut,
    ThreatBoard,
    ThreatColumn,
    ThreatOut,
)
from threatline.api.state import Country
from threatline.models import Article, Event, EventType, Provenance
from threatline.queries import event_record
from threatline.store.base import DayCount, EventFilter, Store

__all__ = [
    "Bucket",
    "event_detail",
    "event_out",
    "event_page",
    "sentence_span",
    "stats",
    "threat_board",
]

Bucket = Literal["day", "week", "month"]
_SENTENCE_ENDS = ".!?\n"


def event_out(ev: Event) -> EventOut:
    return EventOut.model_validate(event_record(ev))


def event_page(
    store: Store, flt: EventFilter, limit: int, offset: int, sort: Literal["date", "-date"]
) -> EventPage:
    page = flt.model_copy(update={"limit": limit, "offset": offset})
    found = store.event_page(page, descending=sort == "-date")
    return EventPage(
        total=store.count_events(flt),
        limit=limit,
        offset=offset,
        sort=sort,
        items=[event_out(e) for e in found],
    )


def sentence_span(text: str, start: int, end: int) -> SpanOut:
    """The sentence of ``text`` around ``start:end`` (evidence with no stored sentence)."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    left = max((text.rfind(ch, 0, start) for ch in _SENTENCE_ENDS), default=-1) + 1
    while left < start and text[left].isspace():
        left += 1
    rights = [i for ch in _SENTENCE_ENDS if (i := text.find(ch, end)) != -1]
    right = min(rights) + 1 if rights else len(text)
    return SpanOut(start=left, end=right, text=text[left:right])


def _evidence(prov: Provenance, article: Article | None) -> EvidenceOut:
    sentence: SpanOut | None = None
    if prov.sentence is not None:
        sentence = SpanOut.model_validate(prov.sentence.model_dump())
    elif article is not None:
        sentence = sentence_span(article.text, prov.start, prov.end)
    published = article.published if article else prov.published
    return EvidenceOut(
        doc=prov.doc,
        title=article.title if article else None,
        outlet=article.outlet if article else None,
        url=article.url if article else None,
        published=published.isoformat() if published else None,
        published_estimated=bool(article and article.published_estimated),
        text=prov.text,
        start=prov.start,
        end=prov.end,
        sentence=sentence,
        article_found=article is not None,
    )


def _carries_out(store: Store, ev: Event) -> list[EventOut]:
    if ev.type is EventType.THREATEN or ev.source is None or ev.source.code is None:
        return []
    flt = EventFilter(
        type=EventType.THREATEN,
        source=ev.source.code,
        target=ev.target.code if ev.target else None,
        threat_status="carried_out",
    )
    return [
        event_out(t)
        for t in store.events(flt)
        if t.threat_outcome is not None and ev.id in t.threat_outcome.events
    ]


def event_detail(store: Store, event_id: str) -> EventDetail | None:
    ev = store.event(event_id)
    if ev is None:
        return None
    articles = {a.id: a for a in store.articles(ev.docs)}
    outcome = ev.threat_outcome.events if ev.threat_outcome else []
    acts = store.events_by_id(outcome)
    return EventDetail(
        **event_out(ev).model_dump(),
        evidence=[_evidence(m, articles.get(m.doc)) for m in ev.mentions],
        outcome_events=[event_out(acts[i]) for i in outcome if i in acts],
        carries_out=_carries_out(store, ev),
    )


def _threat_column(
    store: Store,
    flt: EventFilter,
    status: Literal["pending", "carried_out"],
    limit: int,
    offset: int,
) -> ThreatColumn:
    col = flt.model_copy(update={"type": EventType.THREATEN, "threat_status": status})
    page = store.event_page(col.model_copy(update={"limit": limit, "offset": offset}), True)
    acts = store.events_by_id(i for t in page if t.threat_outcome for i in t.threat_outcome.events)
    items: list[ThreatOut] = []
    for threat in page:
        outcome = threat.threat_outcome
        followed = outcome.events if outcome else []
        items.append(
            ThreatOut(
                threat=event_out(threat),
                status=status,
                delay_days=outcome.delay_days if outcome else None,
                outcome_events=[event_out(acts[i]) for i in followed if i in acts],
            )
        )
    return ThreatColumn(total=store.count_events(col), items=items)


def threat_board(store: Store, flt: EventFilter, limit: int, offset: int) -> ThreatBoard:
    """Pending and carried-out threats (newest first), each with the events that carried it out
    and the delay in days to the first of them."""
    pending = _threat_column(store, flt, "pending", limit, offset)
    done = _threat_column(store, flt, "carried_out", limit, offset)
    delays = [t.delay_days for t in done.items if t.delay_days is not None]
    return ThreatBoard(
        limit=limit,
        offset=offset,
        pending=pending,
        carried_out=done,
        median_delay_days=statistics.median(delays) if delays else None,
    )


def _bucket_start(day: dt.date, bucket: Bucket) -> dt.date:
    if bucket == "week":
        return day - dt.timedelta(days=day.weekday())
    if bucket == "month":
        return day.replace(day=1)
    return day


def choose_bucket(days: list[DayCount]) -> Bucket:
    if not days:
        return "day"
    span = (days[-1].day - days[0].day).days
    return "day" if span <= 120 else "week" if span <= 3 * 365 else "month"


def per_bucket(days: list[DayCount], bucket: Bucket) -> list[DayCountOut]:
    totals: dict[tuple[dt.date, EventType], int] = {}
    for d in days:
        key = (_bucket_start(d.day, bucket), d.type)
        totals[key] = totals.get(key, 0) + d.events
    return [
        DayCountOut(date=day.isoformat(), type=kind, events=n)
        for (day, kind), n in sorted(totals.items(), key=lambda kv: (kv[0][0], kv[0][1].value))
    ]


def stats(
    store: Store,
    flt: EventFilter,
    countries: dict[str, Country],
    bucket: Bucket | Literal["auto"] = "auto",
    places: int = 200,
) -> StatsOut:
    """Store counts, and for the filtered events: counts per day/week/month and type, per
    country and per place (the ``places`` busiest)."""
    base = store.stats()
    days = store.events_per_day(flt)
    chosen: Bucket = choose_bucket(days) if bucket == "auto" else bucket
    by_country = sorted(store.events_by_country(flt).items(), key=lambda kv: (-kv[1], kv[0]))
    return StatsOut(
        articles=int(base.get("articles", 0)),
        events=int(base.get("events", 0)),
        quotes=int(base.get("quotes", 0)),
        actors=int(base.get("actors", 0)),
        event_mentions=int(base.get("event_mentions", 0)),
        events_by_type={str(k): int(v) for k, v in dict(base.get("events_by_type", {})).items()},
        events_by_status={
            str(k): int(v) for k, v in dict(base.get("events_by_status", {})).items()
        },
        first_event=base.get("first_event"),
        last_event=base.get("last_event"),
        filtered_events=store.count_events(flt),
        bucket=chosen,
        per_day=per_bucket(days, chosen),
        by_country=[
            CountryCount(
                country=code,
                numeric=countries[code].numeric if code in countries else None,
                name=countries[code].name if code in countries else None,
                events=n,
            )
            for code, n in by_country
        ],
        places=[PlaceCountOut.model_validate(p._asdict()) for p in store.event_places(flt, places)],
    )
