"""The cross-article stages in order: dedup -> dating -> merge -> threats.

Dating needs to know which events an article shares with others, so the mentions are clustered
once before dating and, when dating changed a publication date, once more after it (clustering
is near-linear; the second pass sees the refined dates, e.g. for undated mentions). Only the
mentions' compact features are held; the merged events are built and written a chunk at a time
(:mod:`threatline.crossdoc.rewrite`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from threatline.crossdoc.compat import MergeOptions
from threatline.crossdoc.dating import DatingOptions, base_dates, update_article_dates
from threatline.crossdoc.dedup import DedupOptions, duplicate_groups, link_near_duplicates
from threatline.crossdoc.merge import assign_events
from threatline.crossdoc.rewrite import mention_features, redate, write_events
from threatline.crossdoc.threats import ThreatOptions
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
    base = base_dates(store)
    published = {doc: d.published for doc, d in base.items()}
    features = mention_features(store, published, duplicate_groups(store.doc_links()))
    report.mentions = len(features)
    assignments = assign_events(features, options.merge)
    final = update_article_dates(store, features, assignments, options.dating, base)
    report.dated_articles = sum(1 for doc, d in final.items() if d != base[doc])
    lap("dating")
    refined = {doc: d.published for doc, d in final.items()}
    if refined != published:
        features = redate(features, published, refined)
        assignments = assign_events(features, options.merge)
    del features
    lap("merge")
    written = write_events(store, assignments, refined, options.threats)
    report.events = written.events
    report.threats_carried_out = written.threats_carried_out
    report.threats_pending = written.threats_pending
    lap("store")
    return report
