"""The time stage with the shipped parser: tense from the parse, the stage's two passes."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from tests.factories import article
from threatline.stages.base import Work
from threatline.stages.nlp import load_model
from threatline.stages.time import TimeOptions, TimeStage
from threatline.stages.timex import find_times

D = dt.date


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


def _values(nlp: Language, text: str, published: D | None) -> dict[str, str | None]:
    return {m.text: (str(m.value) if m.value else None) for m in find_times(nlp(text), published)}


@pytest.mark.parametrize(
    ("text", "published", "span", "expected"),
    [
        # the governing verb's tense picks the previous or the coming day
        ("The ministers will meet on Tuesday in Doha.", D(2021, 1, 3), "Tuesday", "2021-01-05"),
        ("The ministers met on Tuesday in Doha.", D(2021, 1, 3), "Tuesday", "2020-12-29"),
        ("The talks are scheduled to resume on March 4.", D(2021, 2, 20), "March 4", "2021-03-04"),
        ("The talks resumed on March 4 after a pause.", D(2021, 2, 20), "March 4", "2020-03-04"),
        # a date inside a noun phrase takes the tense of the sentence
        (
            "The March 2 ambush on the convoy shocked the capital.",
            D(2020, 12, 30),
            "March 2",
            "2020-03-02",
        ),
        # present tense, a day close ahead: the coming one
        (
            "The dividend is payable Dec. 15 to holders of record.",
            D(1989, 11, 2),
            "Dec. 15",
            "1989-12-15",
        ),
        (
            "The dividend is payable Oct. 15 to holders of record.",
            D(1989, 11, 2),
            "Oct. 15",
            "1989-10-15",
        ),
        # anniversaries: marked (a date), approaching (the publication month)
        (
            "Crowds gathered to mark a year since the massacre.",
            D(2021, 5, 9),
            "a year since",
            "2020-05-09",
        ),
        (
            "Fears grow as the anniversary of the massacre approaches.",
            D(2021, 5, 9),
            "the anniversary",
            "2021-05",
        ),
    ],
)
def test_tense_from_the_parse(
    nlp: Language, text: str, published: D, span: str, expected: str
) -> None:
    assert _values(nlp, text, published)[span] == expected


TEXT = (
    "Rebels shelled the port on Saturday, a week after the March 5, 2019 bombing of the "
    "market, and officials said yesterday that talks would resume next month."
)


def test_stage_resolves_against_the_given_date(nlp: Language) -> None:
    work = Work(article=article(text=TEXT, published=D(2019, 3, 18)), doc=nlp(TEXT))
    TimeStage()([work])
    values = {m.text: str(m.value) for m in work.times}
    assert values == {
        "Saturday": "2019-03-16",
        "a week after": "2019-03-12",  # anchored to the date that follows
        "March 5, 2019": "2019-03-05",
        "yesterday": "2019-03-17",
        "next month": "2019-04",
    }
    assert work.article.published == D(2019, 3, 18)
    assert work.article.published_estimated is False
    assert [m.start for m in work.times] == sorted(m.start for m in work.times)
    assert all(TEXT[m.start : m.end] == m.text for m in work.times)


def test_stage_estimates_then_resolves(nlp: Language) -> None:
    text = "Mourners gathered on Sunday marking a year since the March 5, 2019 bombing."
    work = Work(article=article(text=text), doc=nlp(text))
    TimeStage()([work])
    a = work.article
    assert a.published_estimated is True
    assert a.published is not None and a.published_window is not None
    assert a.published_window[0] <= a.published <= a.published_window[1]
    assert D(2020, 3, 5) <= a.published <= D(2020, 3, 12)
    values = {m.text: m.value for m in work.times}
    # the relative expressions are resolved against the estimate (second pass)
    sunday = values["Sunday"]
    assert sunday is not None and sunday.value.weekday() == 6
    assert sunday.value <= a.published
    # the absolute one never depends on it
    assert str(values["March 5, 2019"]) == "2019-03-05"


def test_stage_leaves_undatable_articles_alone(nlp: Language) -> None:
    text = "Officials said on Tuesday that the talks would resume soon."
    work = Work(article=article(text=text), doc=nlp(text))
    TimeStage()([work])
    assert work.article.published is None
    assert work.article.published_estimated is False
    assert [(m.text, m.value) for m in work.times] == [("Tuesday", None)]


def test_estimation_can_be_switched_off(nlp: Language) -> None:
    text = "Mourners gathered on Sunday marking a year since the March 5, 2019 bombing."
    work = Work(article=article(text=text), doc=nlp(text))
    TimeStage(TimeOptions(estimate_published=False))([work])
    assert work.article.published is None
    assert {m.text for m in work.times if m.value is not None} == {"March 5, 2019"}


def test_stage_declares_what_it_needs() -> None:
    stage = TimeStage()
    assert stage.name == "time"
    assert stage.requires == frozenset({"doc"})
    assert stage.provides == frozenset({"times"})
    assert TimeOptions().date_order == "MDY"
    with pytest.raises(ValueError):
        TimeOptions(max_window_days=0)
