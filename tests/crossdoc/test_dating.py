"""Dating undated articles from near-duplicates and from the events they share."""

from __future__ import annotations

import datetime as dt

from tests.crossdoc.builders import mention
from threatline.crossdoc.dating import refine_dates
from threatline.crossdoc.dedup import NEAR_DUPLICATE
from threatline.crossdoc.features import features_of
from threatline.crossdoc.merge import merge_mentions
from threatline.models import Status
from threatline.store.base import ArticleDates

D = dt.date.fromisoformat


def known(day: str) -> ArticleDates:
    return ArticleDates(D(day), False, None)


def estimated(day: str, start: str, end: str) -> ArticleDates:
    return ArticleDates(D(day), True, (D(start), D(end)))


def test_a_copy_of_a_dated_article_takes_its_date() -> None:
    dates = {
        "wire.txt": known("2020-01-06"),
        "copy.txt": estimated("2020-01-20", "2020-01-01", "2020-01-31"),
    }
    links = [("copy.txt", "wire.txt", NEAR_DUPLICATE, 0.93)]
    (update,) = refine_dates(dates, links, [], {})
    assert update.doc == "copy.txt"
    assert update.published == D("2020-01-06")
    assert update.window == (D("2020-01-05"), D("2020-01-13"))


def test_a_copy_outside_the_window_is_ignored() -> None:
    dates = {
        "wire.txt": known("2021-05-01"),
        "copy.txt": estimated("2020-01-20", "2020-01-01", "2020-01-31"),
    }
    links = [("copy.txt", "wire.txt", NEAR_DUPLICATE, 0.9), ("copy.txt", "wire.txt", "other", 1.0)]
    assert refine_dates(dates, links, [], {}) == []


def test_an_article_is_not_older_than_the_events_it_reports() -> None:
    dates = {
        "dated.txt": known("2020-01-09"),
        "undated.txt": estimated("2020-01-03", "2020-01-01", "2020-01-31"),
    }
    mentions = [
        mention("dated.txt", date="2020-01-08", published="2020-01-09"),
        mention("undated.txt", date="2020-01", published="2020-01-03"),
    ]
    events, assignments = merge_mentions(mentions)
    assert len(events) == 1
    (update,) = refine_dates(dates, [], [features_of(m) for m in mentions], assignments)
    assert update.window == (D("2020-01-08"), D("2020-01-31"))
    assert update.published == D("2020-01-08")


def test_only_past_acts_from_dated_articles_count() -> None:
    dates = {
        "a.txt": estimated("2020-01-10", "2020-01-01", "2020-01-31"),
        "b.txt": estimated("2020-01-10", "2020-01-01", "2020-01-31"),
        "c.txt": known("2020-01-25"),
    }
    mentions = [
        mention("a.txt", date="2020-01-20"),
        mention("b.txt", date="2020-01", status=Status.THREATENED, text="plans to attack"),
        mention("c.txt", date="2020-01-20", status=Status.THREATENED, text="plans to attack"),
    ]
    _, assignments = merge_mentions(mentions)
    assert refine_dates(dates, [], [features_of(m) for m in mentions], assignments) == []
