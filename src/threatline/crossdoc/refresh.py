"""The cross-article stages in order: dedup -> dating -> merge -> threats.

Dating needs to know which events an article shares with others, so the mentions are clustered
once before dating and, when dating changed a publication date, once more after it (clustering
is near-linear; the second pass sees the refined dates, e.g. for undated mentions).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from threatline.crossdoc.compat import MergeOptions
from threatline.crossdoc.dating import DatingOptions, base_dates, update_article_dates
from threatline.crossdoc.dedup import DedupOptions, duplicate_groups, link_near_duplicates
from threatline.crossdoc.merge import merge_mentions
from threatline.crossdoc.threats import ThreatOptions, track_threats
from threatline.models import EventType
from threatline.store.base import Store

__all__ = ["CrossdocOptions", "CrossdocReport", "run_crossdoc"]


@dataclass(frozen=True)
class CrossdocOptions:
    dedup: DedupOptions = field(default_factory=DedupOptions)
    dating: DatingOptions = field(default_factory=DatingOptions)
    merge: MergeOptions = field(default_factory=MergeOptions)
    threats: ThreatOptions = field(default_factory=ThreatOptions)


@dataclass
class CrossdocReport:
    near_duplicate_links: int = 0
    dated_articles: int = 0
    mentions: int = 0
    events: int = 0
    threats_carried_out: int = 0
    threats_pending: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def run_crossdoc(store: Store, options: CrossdocOptions | None = None) -> CrossdocReport:
    """Run every cross-article stage over what is stored and write the merged events."""
    options = options or CrossdocOptions()
    report = CrossdocReport()
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        report.seconds[name] = round(now - clock, 3)
        clock = now

    report.near_duplicate_links = link_near_duplicates(store, options.dedup)
    lap("dedup")
    mentions = list(store.event_mentions())
    base = base_dates(store)
    published = {doc: d.published for doc, d in base.items()}
    groups = duplicate_groups(store.doc_links())
    events, assignments = merge_mentions(mentions, published, options.merge, groups)
    final = update_article_dates(store, mentions, assignments, options.dating, base)
    report.dated_articles = sum(1 for doc, d in final.items() if d != base[doc])
    lap("dating")
    refined = {doc: d.published for doc, d in final.items()}
    if refined != published:
        events, assignments = merge_mentions(mentions, refined, options.merge, groups)
    lap("merge")
    events = track_threats(events, options.threats)
    for e in events:
        if e.type is EventType.THREATEN and e.threat_outcome is not None:
            if e.threat_outcome.status == "carried_out":
                report.threats_carried_out += 1
            else:
                report.threats_pending += 1
    lap("threats")
    store.replace_events(events, assignments)
    lap("store")
    report.mentions, report.events = len(mentions), len(events)
    return report
