"""Threat tracking: a THREATEN event linked to what its source later did to its target."""

from __future__ import annotations

import datetime as dt

from tests import factories as f
from tests.crossdoc.builders import mention
from threatline.crossdoc.merge import merge_mentions
from threatline.crossdoc.rewrite import rebuild_events
from threatline.crossdoc.threats import ThreatOptions, threat_board, track_threats
from threatline.models import ArticleResult, Event, EventType, Status
from threatline.store.sql import SqlStore

THREAT = {"type": EventType.THREATEN, "text": "Alpha vowed revenge on Beta"}


def tracked(*mentions: Event, options: ThreatOptions | None = None) -> list[Event]:
    events, _ = merge_mentions(list(mentions))
    return track_threats(events, options)


def threat_of(events: list[Event]) -> Event:
    return next(e for e in events if e.type is EventType.THREATEN)


def test_a_later_attack_carries_out_the_threat() -> None:
    threat = mention("a.txt", date="2020-01-03", threatened=EventType.ASSAULT, **THREAT)  # type: ignore[arg-type]
    attack = mention("b.txt", date="2020-01-08")
    second = mention("c.txt", date="2020-02-01", text="another attack")
    events = tracked(threat, attack, second)
    outcome = threat_of(events).threat_outcome
    assert outcome is not None and outcome.status == "carried_out"
    attacks = sorted((e for e in events if e.type is EventType.ASSAULT), key=lambda e: str(e.date))
    assert outcome.events == [e.id for e in attacks] and outcome.delay_days == 5
    assert all(e.threat_outcome is None for e in attacks)


def test_threats_stay_pending_without_a_matching_later_act() -> None:
    threat = mention("a.txt", date="2020-01-03", threatened=EventType.ASSAULT, **THREAT)  # type: ignore[arg-type]
    cases = [
        mention("b.txt", date="2020-01-01"),  # before
        mention("b.txt", date="2020-01-03"),  # the same day
        mention("b.txt", date="2020-01-08", target="CCC"),  # another target
        mention("b.txt", date="2020-01-08", source="CCC"),  # another source
        mention("b.txt", date="2020-01-08", type=EventType.ACCUSE),  # not the threatened act
        mention("b.txt", date="2020-01-08", status=Status.DENIED),  # not carried out
        mention("b.txt", date="2022-01-08"),  # beyond the horizon
        mention("b.txt", date=None),  # undated
    ]
    for case in cases:
        outcome = threat_of(tracked(threat, case)).threat_outcome
        assert outcome is not None and outcome.status == "pending", case
        assert outcome.events == [] and outcome.delay_days is None


def test_the_threatened_type_decides_what_counts() -> None:
    close = mention("a.txt", date="2020", threatened=EventType.RETREAT, **THREAT)  # type: ignore[arg-type]
    attack = mention("b.txt", date="2020-12-05")
    retreat = mention("c.txt", date="2020-12", type=EventType.RETREAT, text="staff withdrawn")
    outcome = threat_of(tracked(close, attack, retreat)).threat_outcome
    assert outcome is not None and outcome.status == "carried_out" and len(outcome.events) == 1
    assert outcome.delay_days == (dt.date(2020, 12, 1) - dt.date(2020, 1, 1)).days
    generic = mention("d.txt", date="2020-01-03", threatened=None, **THREAT)  # type: ignore[arg-type]
    coerce = mention("e.txt", date="2020-01-09", type=EventType.COERCE, text="seized")
    outcome = threat_of(tracked(generic, coerce)).threat_outcome
    assert outcome is not None and outcome.status == "carried_out"
    narrow = ThreatOptions(generic=frozenset({EventType.ASSAULT}))
    outcome = threat_of(tracked(generic, coerce, options=narrow)).threat_outcome
    assert outcome is not None and outcome.status == "pending"


def test_threat_board_reads_the_store(tmp_path: object) -> None:
    store = SqlStore(f"sqlite:///{tmp_path}/threats.db")
    threat = mention("a.txt", date="2020-01-03", threatened=EventType.ASSAULT, **THREAT)  # type: ignore[arg-type]
    later = mention(
        "a.txt",
        date="2020-06-01",
        threatened=EventType.ASSAULT,
        type=EventType.THREATEN,
        source="CCC",
        text="Gamma warned Beta",
    )
    attack = mention("b.txt", date="2020-01-08")
    store.save_result(ArticleResult(article=f.article("a.txt", "a"), events=[threat, later]))
    store.save_result(ArticleResult(article=f.article("b.txt", "b"), events=[attack]))
    rebuild_events(store)
    board = threat_board(store)
    assert [r.outcome.status for r in board] == ["pending", "carried_out"]  # newest first
    assert board[1].followed_by[0].type is EventType.ASSAULT
    assert board[1].outcome.delay_days == 5
    assert [r.threat.id for r in threat_board(store, status="pending")] == [board[0].threat.id]
    assert len(threat_board(store, actor="CCC")) == 1
    store.close()
