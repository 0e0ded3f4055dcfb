"""Actors, documents and quotes as response models (shared by the API and the pages)."""

from __future__ import annotations

from typing import Literal

from threatline.api.events import event_page
from threatline.api.schemas import (
    ActorDetail,
    ActorOut,
    ActorPage,
    ActorSummary,
    CounterpartOut,
    DocEventOut,
    DocumentDetail,
    DocumentPage,
    DocumentSummaryOut,
    QuoteOut,
    QuotePage,
    SpanOut,
)
from threatline.queries import document_record, quote_record
from threatline.store.base import DocumentSummary, EventFilter, QuoteFilter, Store

__all__ = [
    "actor_detail",
    "actor_page",
    "document_detail",
    "document_page",
    "quote_page",
]


def actor_page(
    store: Store, flt: EventFilter, query: str | None, limit: int, offset: int
) -> ActorPage:
    found, total = store.actor_counts(flt, query=query, limit=limit, offset=offset)
    return ActorPage(
        total=total,
        limit=limit,
        offset=offset,
        items=[ActorSummary.model_validate(a._asdict()) for a in found],
    )


def actor_detail(
    store: Store,
    code: str,
    *,
    flt: EventFilter,
    limit: int,
    offset: int,
    sort: Literal["date", "-date"],
) -> ActorDetail | None:
    """One actor's counts, counterparts by type and (a page of) its timeline; None if the actor
    is neither known nor in any event."""
    mine = flt.model_copy(update={"actor": code})
    names = store.actor_names([code])
    by_type = {k.value: n for k, n in store.events_by_type(mine).items()}
    if not by_type and code not in names and store.count_events(EventFilter(actor=code)) == 0:
        return None
    return ActorDetail(
        code=code,
        name=names.get(code),
        events=sum(by_type.values()),
        as_source=store.count_events(mine.model_copy(update={"source": code})),
        as_target=store.count_events(mine.model_copy(update={"target": code})),
        by_type=dict(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))),
        counterparts=[
            CounterpartOut.model_validate(c._asdict())
            for c in store.actor_counterparts(code, flt.model_copy(update={"actor": None}))
        ],
        timeline=event_page(store, mine, limit, offset, sort),
    )


def _summary(d: DocumentSummary) -> DocumentSummaryOut:
    data = d._asdict()
    data["published"] = d.published.isoformat() if d.published else None
    return DocumentSummaryOut.model_validate(data)


def document_page(store: Store, query: str | None, limit: int, offset: int) -> DocumentPage:
    found, total = store.document_list(query, limit=limit, offset=offset)
    return DocumentPage(total=total, limit=limit, offset=offset, items=[_summary(d) for d in found])


def document_detail(store: Store, doc: str) -> DocumentDetail | None:
    """An article's text and metadata, with the events and quotes found in it (offsets in the
    cleaned text, for highlighting) and the articles linked to it."""
    article = store.article(doc)
    if article is None:
        return None
    rec = document_record(article)
    events = [
        DocEventOut(
            id=ev.id,
            type=ev.type,
            status=ev.status,
            date=str(ev.date) if ev.date else None,
            source=ActorOut.model_validate(ev.source.export()) if ev.source else None,
            target=ActorOut.model_validate(ev.target.export()) if ev.target else None,
            mentions=[
                SpanOut(start=m.start, end=m.end, text=m.text) for m in ev.mentions if m.doc == doc
            ],
        )
        for ev in store.events(EventFilter(doc=doc))
    ]
    events.sort(key=lambda e: (e.mentions[0].start if e.mentions else 0, e.id))
    quotes = [QuoteOut.model_validate(quote_record(q)) for q in store.quotes(QuoteFilter(doc=doc))]
    related = [
        {"doc": b if a == doc else a, "kind": kind, "score": round(score, 4)}
        for a, b, kind, score in store.doc_links(doc)
    ]
    return DocumentDetail(
        doc=article.id,
        title=article.title,
        url=article.url,
        outlet=article.outlet,
        published=rec["published"],
        published_estimated=article.published_estimated,
        n_events=len(events),
        n_quotes=len(quotes),
        published_window=rec["published_window"],
        source=article.source,
        text=article.text,
        boilerplate=rec["boilerplate"],
        removed=[SpanOut.model_validate(s.model_dump()) for s in article.removed],
        events=events,
        quotes=quotes,
        related=related,
    )


def quote_page(store: Store, flt: QuoteFilter) -> QuotePage:
    """A page of quotes; one extra row is read to tell whether another page follows."""
    limit = flt.limit or 50
    found = store.quotes(flt.model_copy(update={"limit": limit + 1}))
    return QuotePage(
        limit=limit,
        offset=flt.offset,
        has_more=len(found) > limit,
        items=[QuoteOut.model_validate(quote_record(q)) for q in found[:limit]],
    )
