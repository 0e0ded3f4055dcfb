"""When a statement was made and which event it expresses.

Dating: a time expression in the attribution (the cue's sentence outside the quoted content:
"said on Tuesday", "in a speech Sunday", "Speaking ... on Monday") dates the speech act when it
gives a day; one that gives only a month or year, or is anchored on another event ("days
before ..."), makes the day unknown. An act with no expression of its own takes the date of the
same speaker's previous act within two paragraphs ("..., he added"), else of the next one in the
same or next paragraph (a lede summing up the statement reported below it). A person's act also
continues their state's act of the paragraph before ("Spain vowed on Tuesday ... Lopez warned").

Linking: the event of ``work.events`` whose evidence overlaps the attribution or the quoted
text and whose source is the speaker; a vow prefers THREATEN, an accusation ACCUSE.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from threatline.models import (
    ActorKind,
    ActorRef,
    Event,
    EventType,
    Precision,
    TimeMention,
    TimeValue,
)
from threatline.stages.quotes_lexicon import FINITE_TAGS as _FINITE
from threatline.stages.quotes_lexicon import TIME_ANCHORS
from threatline.stages.quotes_text import Layout

__all__ = ["Act", "date_acts", "link_event", "own_date"]

_NO_DAY_KINDS = frozenset({"duration", "since", "anniversary"})
_PREFERRED = {
    EventType.THREATEN: frozenset({"vow", "warn", "threaten", "promise", "pledge", "swear"}),
    EventType.ACCUSE: frozenset(
        {"accuse", "blame", "allege", "charge", "condemn", "denounce", "call"}
    ),
    EventType.REJECT: frozenset({"deny", "reject", "dismiss"}),
    EventType.REQUEST: frozenset({"demand", "urge", "ask"}),
}


@dataclass
class Act:
    """A speech act: where its cue is, who made it, and its date once known."""

    pos: int
    para: int
    speakers: list[ActorRef]
    found: bool = False  # an expression of its own says when
    own: TimeValue | None = None
    date: TimeValue | None = None
    settled: bool = False


def own_date(
    layout: Layout,
    times: Sequence[TimeMention],
    cue: int,
    excluded: Sequence[tuple[int, int]],
) -> tuple[bool, TimeValue | None]:
    """``(found, day)``: whether an expression in the attribution of the cue (token ``cue``)
    dates the act, and the day when it gives one. An expression counts when it is in the cue's
    sentence, outside ``excluded`` (the reported clause, the quotations), with no other finite
    verb between it and the cue ("X said ..., but his remarks came a day after ...")."""
    text = layout.text
    sentence = layout.sentence_chars(layout.sent_of[cue])
    at = layout.idx[cue]
    best: TimeMention | None = None
    for tm in times:
        if not sentence[0] <= tm.start < sentence[1] or tm.kind in _NO_DAY_KINDS:
            continue
        if any(a <= tm.start < b for a, b in excluded):
            continue
        if _clause_between(layout, layout.token_at(tm.start), cue, excluded):
            continue
        if best is None or abs(tm.start - at) < abs(best.start - at):
            best = tm
    if best is None:
        return False, None
    before = [w.lower() for w in text[max(0, best.start - 20) : best.start].split()]
    while before and before[-1] in ("the", "a", "an"):
        before.pop()
    if before and before[-1] in TIME_ANCHORS:
        return True, None
    if best.value is None or best.value.precision is not Precision.DAY:
        return True, None
    return True, best.value


def _clause_between(layout: Layout, a: int, b: int, excluded: Sequence[tuple[int, int]]) -> bool:
    """A finite verb (not an auxiliary) outside ``excluded`` lies between tokens a and b."""
    doc = layout.doc
    lo, hi = (a, b) if a < b else (b, a)
    for k in range(lo + 1, hi):
        if layout.in_quote(k) or any(x <= layout.idx[k] < y for x, y in excluded):
            continue
        tok = doc[k]
        if tok.tag_ in _FINITE and tok.pos_ != "AUX":
            return True
    return False


def _same(a: ActorRef, b: ActorRef) -> bool:
    if a.person or b.person:
        return a.person == b.person
    return a.name.casefold() == b.name.casefold() and a.code == b.code


def _state_of(a: ActorRef, b: ActorRef) -> bool:
    """``b`` is a person speaking for the state ``a``."""
    return (
        a.kind is ActorKind.STATE
        and b.person is not None
        and a.code is not None
        and a.code == b.code
    )


def _same_speaker(a: Act, b: Act) -> bool:
    return any(_same(x, y) for x in a.speakers for y in b.speakers)


def _for_state(a: Act, b: Act) -> bool:
    """One act is a person's, the other their state's, in adjacent paragraphs."""
    if abs(a.para - b.para) > 1:
        return False
    return any(_state_of(x, y) or _state_of(y, x) for x in a.speakers for y in b.speakers)


def date_acts(acts: list[Act]) -> None:
    """Fill ``Act.date`` for acts in text order (see the module docstring)."""
    for i, act in enumerate(acts):
        if act.found:
            act.date, act.settled = act.own, True
            continue
        for prev in reversed(acts[:i]):
            if act.para - prev.para > 2:
                break
            if _same_speaker(prev, act) or (prev.found and _for_state(prev, act)):
                act.date, act.settled = prev.date, True
                break
    for i, act in enumerate(acts):
        if act.settled or not act.speakers:
            continue
        for nxt in acts[i + 1 :]:
            if nxt.para - act.para > 1:
                break
            if nxt.found and (_same_speaker(act, nxt) or _for_state(act, nxt)):
                act.date = nxt.own
                break


def _overlaps(a: int, b: int, c: int, d: int) -> bool:
    return a < d and c < b


def link_event(
    doc: str,
    events: Sequence[Event],
    speaker: ActorRef | None,
    cue: str | None,
    spans: Sequence[tuple[int, int]],
) -> str | None:
    """Id of the event the statement expresses, or None."""
    if speaker is None or speaker.code is None:
        return None
    best: tuple[int, int] | None = None
    found: str | None = None
    for event in events:
        source = event.source
        if source is None or source.code != speaker.code:
            continue
        if source.person and speaker.person and source.person != speaker.person:
            continue
        overlap = sum(
            min(m.end, b) - max(m.start, a)
            for m in event.mentions
            if m.doc == doc
            for a, b in spans
            if _overlaps(m.start, m.end, a, b)
        )
        if overlap <= 0:
            continue
        preferred = int(cue is not None and cue in _PREFERRED.get(event.type, frozenset()))
        score = (preferred, overlap)
        if best is None or score > best:
            best, found = score, event.id
    return found
