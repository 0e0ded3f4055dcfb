"""Merge a whole store's mentions into events with memory that does not grow with the store's
text: only compact features are held at once, never every mention.

1. :func:`mention_features` streams the stored mentions and keeps their
   :class:`~threatline.crossdoc.features.MentionFeatures` (a few hundred bytes each, strings
   shared) instead of the pydantic events (several kilobytes each);
2. :func:`~threatline.crossdoc.merge.assign_events` clusters the features and names each
   mention's merged event;
3. :func:`write_events` has the store set those event ids and read the mentions back one
   chunk of events at a time (:meth:`~threatline.store.Store.rewrite_events`), combines each
   event from its mentions, and keeps only an :class:`~threatline.crossdoc.threats.Act` per
   event to track threats once all are written, all in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from threatline.crossdoc.compat import MergeOptions
from threatline.crossdoc.features import MentionFeatures, features_of
from threatline.crossdoc.merge import assign_events, combine, with_published
from threatline.crossdoc.threats import Act, ThreatOptions, threat_outcomes
from threatline.gc_pause import gc_paused
from threatline.models import Event, ThreatOutcome
from threatline.store.base import Store

__all__ = ["Written", "mention_features", "rebuild_events", "redate", "write_events"]


def mention_features(
    store: Store,
    published: Mapping[str, dt.date | None],
    doc_groups: Mapping[str, str] | None = None,
) -> list[MentionFeatures]:
    """The features of every stored mention, with each article's current publication date
    (``published``) and set of near-duplicates (``doc_groups``)."""
    groups = doc_groups or {}
    out: list[MentionFeatures] = []
    with gc_paused():  # many small acyclic objects
        for e in store.event_mentions():
            doc = e.mentions[0].doc
            out.append(features_of(e, published=published.get(doc), doc_group=groups.get(doc)))
    return out


def redate(
    features: Iterable[MentionFeatures],
    before: Mapping[str, dt.date | None],
    after: Mapping[str, dt.date | None],
) -> list[MentionFeatures]:
    """The features with the publication dates of the articles whose date changed from
    ``before`` to ``after`` (cross-article dating refines them)."""
    return [
        replace(f, published=new.toordinal())
        if (new := after.get(f.doc)) is not None and new != before.get(f.doc)
        else f
        for f in features
    ]


@dataclass
class Written:
    """What :func:`write_events` stored."""

    events: int = 0
    threats_carried_out: int = 0
    threats_pending: int = 0


def write_events(
    store: Store,
    assignments: Mapping[str, str],
    published: Mapping[str, dt.date | None],
    threats: ThreatOptions | None = None,
) -> Written:
    """Combine and store every merged event (mentions grouped by ``assignments``, with the
    articles' ``published`` dates) with its threat outcome, replacing the stored ones."""
    acts: list[Act] = []
    results: dict[str, ThreatOutcome] = {}

    def build(event_id: str, mentions: list[Event]) -> Event:
        event = combine([with_published(m, published) for m in mentions])
        if event.id != event_id:  # the id the features gave (same rule): keep them in step
            event = event.model_copy(update={"id": event_id})
        act = Act.of(event)
        if act.is_threat or act.is_candidate:
            acts.append(act)
        return event

    def outcomes() -> Mapping[str, ThreatOutcome]:
        results.update(threat_outcomes(acts, threats))
        acts.clear()
        return results

    written = Written(events=store.rewrite_events(assignments, build, outcomes))
    written.threats_carried_out = sum(r.status == "carried_out" for r in results.values())
    written.threats_pending = len(results) - written.threats_carried_out
    return written


def rebuild_events(store: Store, options: MergeOptions | None = None) -> int:
    """Recompute every merged event from the stored mentions and the stored article dates,
    track threats, store them; returns the number of events."""
    published = {doc: d.published for doc, d in store.article_dates().items()}
    assignments = assign_events(mention_features(store, published), options)
    return write_events(store, assignments, published).events
