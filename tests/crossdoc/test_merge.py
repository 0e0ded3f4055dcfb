"""Merging mentions into events: what merges, what stays apart, and what the merged event says."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from tests.crossdoc.builders import BAGHDAD, KYIV, docs_of, mention
from threatline.crossdoc.compat import MergeOptions
from threatline.crossdoc.merge import combine, event_id, merge_mentions
from threatline.models import Event, EventType, Place, Precision, Status


def merged(*mentions: Event, options: MergeOptions | None = None) -> list[Event]:
    return merge_mentions(list(mentions), options=options)[0]


def test_same_act_in_two_articles_is_one_event_with_both_sources() -> None:
    a = mention("a.txt", published="2020-01-04", killed=3, place=BAGHDAD)
    b = mention("b.txt", published="2020-01-03", killed=2, text="Beta positions hit by Alpha")
    (event,) = merged(a, b)
    assert event.docs == ["a.txt", "b.txt"]
    assert event.first_reported == dt.date(2020, 1, 3)
    assert [m.doc for m in event.mentions] == ["b.txt", "a.txt"]  # by publication date
    assert event.killed == 2 and event.disagreements == {"killed": [2, 3]}
    assert event.location == BAGHDAD
    assert event.id == event_id([b]) == event_id([a, b])  # named after the first report
    late = mention("c.txt", published="2020-01-09", text="a late summary of the attack")
    assert merged(a, b, late)[0].id == event.id


def test_assignments_map_every_mention_to_its_event() -> None:
    a, b, c = mention("a.txt"), mention("b.txt"), mention("c.txt", date="2020-03-01")
    events, assignments = merge_mentions([a, b, c])
    by_id = {e.id: e for e in events}
    assert set(assignments) == {a.id, b.id, c.id}
    assert assignments[a.id] == assignments[b.id] != assignments[c.id]
    assert by_id[assignments[c.id]].docs == ["c.txt"]


@pytest.mark.parametrize(
    ("change", "value"),
    [
        ("type", EventType.COERCE),  # a near type, but nothing else supports the bridge
        ("source", "CCC"),
        ("target", "CCC"),
        ("status", Status.DENIED),
        ("date", "2020-01-09"),
    ],
)
def test_different_core_fields_keep_events_apart(change: str, value: object) -> None:
    a = mention("a.txt")
    b = mention("b.txt", **{change: value}, text="a different sentence entirely")  # type: ignore[arg-type]
    assert len(merged(a, b)) == 2


def test_different_threatened_types_are_different_threats() -> None:
    kw = {"type": EventType.THREATEN, "text": "Alpha warned Beta"}
    a = mention("a.txt", threatened=EventType.ASSAULT, **kw)  # type: ignore[arg-type]
    b = mention("b.txt", threatened=EventType.RETREAT, **kw)  # type: ignore[arg-type]
    c = mention("c.txt", threatened=None, **kw)  # type: ignore[arg-type]
    events = merged(a, b, c)
    assert len(events) == 2  # the unspecified threat joins one of them, never both
    assert sorted(len(e.docs) for e in events) == [1, 2]


def test_speakers_that_differ_are_different_statements() -> None:
    kw = {"type": EventType.THREATEN, "text": "warned of a response"}
    trump = mention("a.txt", source_person="Donald Trump", **kw)  # type: ignore[arg-type]
    pompeo = mention("b.txt", source_person="Mike Pompeo", **kw)  # type: ignore[arg-type]
    unnamed = mention("c.txt", **kw)  # type: ignore[arg-type]
    trump_again = mention("d.txt", source_person="Donald Trump", **kw)  # type: ignore[arg-type]
    events = merged(trump, pompeo, unnamed, trump_again)
    assert len(events) == 2
    people = {e.source.person for e in events if e.source is not None}
    assert people == {"Donald Trump", "Mike Pompeo"}
    trumps = next(e for e in events if e.source and e.source.person == "Donald Trump")
    assert {"a.txt", "d.txt"} <= set(trumps.docs)


def test_places_in_different_countries_are_different_events() -> None:
    a = mention("a.txt", place=BAGHDAD)
    b = mention("b.txt", place=KYIV)
    c = mention("c.txt", place=Place(name="central Baghdad", country="IRQ"))
    assert docs_of(merged(a, b, c)) == [["a.txt", "c.txt"], ["b.txt"]]


def test_consult_is_symmetric() -> None:
    a = mention("a.txt", type=EventType.CONSULT, source="AAA", target="BBB", text="met")
    b = mention("b.txt", type=EventType.CONSULT, source="BBB", target="AAA", text="talks")
    c = mention("c.txt", type=EventType.REQUEST, source="BBB", target="AAA", text="urged")
    d = mention("d.txt", type=EventType.REQUEST, source="AAA", target="BBB", text="urged")
    assert docs_of(merged(a, b, c, d)) == [["a.txt", "b.txt"], ["c.txt"], ["d.txt"]]


def test_coarse_date_joins_the_only_compatible_event_and_the_finest_date_wins() -> None:
    day = mention("a.txt", date="2020-01-08")
    month = mention("b.txt", date="2020-01")
    year = mention("c.txt", date="2020")
    (event,) = merged(day, month, year)
    assert str(event.date) == "2020-01-08" and event.date.precision is Precision.DAY
    assert "date" not in event.disagreements  # coarser dates do not disagree


def test_ambiguous_coarse_date_stays_alone_and_does_not_chain_events() -> None:
    january = mention("a.txt", date="2020-01-08")
    july = mention("b.txt", date="2020-07-21")
    year = mention("c.txt", date="2020")
    assert docs_of(merged(january, july, year)) == [["a.txt"], ["b.txt"], ["c.txt"]]


def test_coarse_date_is_not_guessed_between_two_days_of_its_month() -> None:
    first = mention("a.txt", date="2020-01-03")
    second = mention("b.txt", date="2020-01-20")
    month = mention("c.txt", date="2020-01")
    assert docs_of(merged(first, second, month)) == [["a.txt"], ["b.txt"], ["c.txt"]]


def test_a_clearly_better_candidate_is_chosen() -> None:
    """Both day events are compatible with the month mention; only one has its speaker."""
    kw = {"type": EventType.THREATEN, "threatened": EventType.ASSAULT}
    khamenei = mention("a.txt", date="2020-01-05", source_person="Ali Khamenei", **kw)  # type: ignore[arg-type]
    other = mention("b.txt", date="2020-01-20", **kw)  # type: ignore[arg-type]
    vague = mention("c.txt", date="2020-01", source_person="Ali Khamenei", **kw)  # type: ignore[arg-type]
    assert docs_of(merged(khamenei, other, vague)) == [["a.txt", "c.txt"], ["b.txt"]]


def test_within_one_article_same_act_merges_but_other_dates_do_not() -> None:
    first = mention("a.txt", text="Alpha warned Beta", type=EventType.THREATEN, start=0)
    again = mention("a.txt", text="in a tweet, Alpha said", type=EventType.THREATEN, start=80)
    later = mention("a.txt", text="Alpha warned", type=EventType.THREATEN, date="2020-01-04")
    month = mention("a.txt", text="Alpha has warned", type=EventType.THREATEN, date="2020-01")
    events = merged(first, again, later, month)
    assert sorted(len(e.mentions) for e in events) == [1, 1, 2]
    pair = next(e for e in events if len(e.mentions) == 2)
    assert {m.start for m in pair.mentions} == {0, 80}


def test_a_day_apart_merges_only_with_strong_evidence() -> None:
    text = "Alpha rockets struck the Beta base near Baghdad"
    a = mention("a.txt", date="2020-01-03", text=text, place=BAGHDAD, published="2020-01-04")
    b = mention("b.txt", date="2020-01-04", text=text, place=BAGHDAD, published="2020-01-05")
    (event,) = merged(a, b)
    assert event.disagreements["date"] == ["2020-01-03", "2020-01-04"]
    unlike = mention("c.txt", date="2020-01-04", text="Beta says it shot down drones")
    assert len(merged(a, unlike)) == 2
    far = mention("d.txt", date="2020-01-06", text=text, place=BAGHDAD)
    assert len(merged(a, far)) == 2
    assert len(merged(a, b, options=MergeOptions(day_tolerance=0))) == 2


def test_undated_mention_joins_the_similar_event_reported_just_before() -> None:
    text = "Alpha rockets struck the Beta base near Baghdad"
    dated = mention("a.txt", date="2020-01-03", text=text, published="2020-01-03")
    undated = mention("b.txt", date=None, text=text, published="2020-01-05")
    unrelated = mention("c.txt", date=None, text="a parade took place", published="2020-01-05")
    long_after = mention("d.txt", date=None, text=text, published="2020-06-01")
    events = merged(dated, undated, unrelated, long_after)
    assert docs_of(events) == [["a.txt", "b.txt"], ["c.txt"], ["d.txt"]]


def test_near_types_and_missing_codes_bridge_only_on_the_same_day_with_similar_text() -> None:
    text = "Alpha demanded Beta withdraw its troops"
    request = mention("a.txt", type=EventType.REQUEST, text=text)
    coerce = mention("b.txt", type=EventType.COERCE, text=text)
    (event,) = merged(request, coerce)
    assert event.disagreements["type"] == ["COERCE", "REQUEST"]
    no_target = mention("c.txt", target=None, text="Alpha forces attacked Beta positions")
    coded = mention("d.txt")
    (event,) = merged(no_target, coded)
    assert event.target is not None and event.target.code == "BBB"
    assert event.disagreements["target"] == [None, "BBB"]
    other_day = mention("e.txt", target=None, date="2020-01-04")
    assert len(merged(other_day, coded)) == 2


def test_combine_keeps_the_most_informative_actor_and_place() -> None:
    a = mention("a.txt", place=Place(name="Baghdad", country="IRQ"), source_person=None)
    b = mention("b.txt", place=BAGHDAD, source_person="Some General")
    event = combine([a, b])
    assert event.location == BAGHDAD
    assert event.source is not None and event.source.person == "Some General"
    assert event.threat_outcome is None and len(event.mentions) == 2


def _dump(events: list[Event]) -> list[dict[str, object]]:
    return [e.model_dump(mode="json") for e in events]


def test_result_does_not_depend_on_input_order() -> None:
    text = "Alpha rockets struck the Beta base"
    mentions = [
        mention("a.txt", date="2020-01-08", text=text, place=BAGHDAD, killed=4),
        mention("b.txt", date="2020-01", text=text, killed=5),
        mention("c.txt", date="2020", text=text),
        mention("d.txt", date="2020-01-09", text=text, place=BAGHDAD),
        mention("e.txt", date="2020-07-21", text="Alpha struck again"),
        mention("f.txt", date=None, text=text, published="2020-01-10"),
        mention("g.txt", type=EventType.THREATEN, date="2020-01-02", source_person="X"),
        mention("h.txt", type=EventType.THREATEN, date="2020-01", source_person="Y"),
        mention("i.txt", type=EventType.THREATEN, date="2020-01"),
        mention("i.txt", type=EventType.THREATEN, date="2020-01-02", start=50),
    ]
    expected = _dump(merged(*mentions))
    rng = random.Random(5)
    for _ in range(20):
        rng.shuffle(mentions)
        assert _dump(merged(*mentions)) == expected
