"""Builders of hand-made ``Work`` objects for the events-stage tests (invented sentences).

Actor, time and place mentions are given by surface text and found in the text by offset, the
way the actor, time and places stages would report them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from threatline.ids import content_hash
from threatline.models import (
    ActorKind,
    ActorMention,
    ActorRef,
    Article,
    Event,
    EventType,
    Place,
    PlaceMention,
    Precision,
    TimeMention,
    TimeValue,
)
from threatline.stages.base import Work
from threatline.stages.events import EventStage
from threatline.stages.nlp import load_model

PUBLISHED = dt.date(2031, 3, 14)

#: (surface, code, person or None)
ActorSpec = tuple[str, str, str | None]
#: (surface, "YYYY[-MM[-DD]]", kind)
TimeSpec = tuple[str, str, str]
#: (surface, country code)
PlaceSpec = tuple[str, str]


def _spans(text: str, surface: str) -> Iterator[tuple[int, int]]:
    start = text.find(surface)
    while start >= 0:
        yield start, start + len(surface)
        start = text.find(surface, start + len(surface))


def make_work(
    nlp: Language,
    text: str,
    *,
    actors: Sequence[ActorSpec] = (),
    times: Sequence[TimeSpec] = (),
    places: Sequence[PlaceSpec] = (),
    published: dt.date | None = PUBLISHED,
    doc: Doc | None = None,
) -> Work:
    """A parsed article with hand-made actor, time and place mentions (every occurrence of
    each surface form); ``doc``: a hand-built parse of ``text`` to use instead of the model's."""
    article = Article(
        id="t.txt", text=text, raw=text, content_hash=content_hash(text), published=published
    )
    work = Work(article=article, doc=doc if doc is not None else nlp(text))
    for surface, code, person in actors:
        actor_kind = ActorKind.PERSON if person else ActorKind.STATE
        ref = ActorRef(code=code, name=person or surface, person=person, kind=actor_kind)
        for start, end in _spans(text, surface):
            work.actors.append(
                ActorMention(doc="t.txt", start=start, end=end, text=surface, ref=ref)
            )
    for surface, value, kind in times:
        for start, end in _spans(text, surface):
            work.times.append(
                TimeMention(
                    start=start, end=end, text=surface, value=TimeValue.parse(value), kind=kind
                )
            )
    for surface, country in places:
        place = Place(name=surface, country=country)
        for start, end in _spans(text, surface):
            work.places.append(PlaceMention(start=start, end=end, text=surface, place=place))
    work.actors.sort(key=lambda m: m.start)
    return work


def parse(vocab: Vocab, table: str) -> Doc:
    """A hand-built parse, one token per line: ``word lemma POS TAG head dep`` with ``head``
    the 1-based index of the head (0 for the root), as in CoNLL-U; ``_`` after a word means no
    space follows it. Lets a test give a rule both attachments a parser may choose."""
    words: list[str] = []
    spaces: list[bool] = []
    lemmas: list[str] = []
    pos: list[str] = []
    tags: list[str] = []
    heads: list[int] = []
    deps: list[str] = []
    for line in table.strip().splitlines():
        word, lemma, upos, tag, head, label = line.split()
        glued = word.endswith("_") and len(word) > 1
        words.append(word[:-1] if glued else word.replace("\\n", "\n"))
        spaces.append(not glued)
        lemmas.append(lemma)
        pos.append(upos)
        tags.append(tag)
        heads.append(int(head) - 1 if int(head) else len(heads))
        deps.append("ROOT" if label == "root" else label)
    spaces[-1] = False
    return Doc(
        vocab, words=words, spaces=spaces, lemmas=lemmas, pos=pos, tags=tags, heads=heads, deps=deps
    )


def run(stage: EventStage, work: Work) -> list[Event]:
    stage([work])
    return work.events


def dyads(events: Sequence[Event]) -> set[tuple[str, str | None, str | None]]:
    """(type, source code, target code) of each event."""
    return {
        (e.type.value, e.source.code if e.source else None, e.target.code if e.target else None)
        for e in events
    }


def find(events: Sequence[Event], etype: EventType) -> list[Event]:
    return [e for e in events if e.type is etype]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


@pytest.fixture(scope="module")
def stage() -> EventStage:
    return EventStage()


def test_make_work_places_every_mention_by_offset(nlp: Language) -> None:
    text = "Norland accused Sudria. Sudria denied it on Monday in Port Amber."
    work = make_work(
        nlp,
        text,
        actors=[("Norland", "NRL", None), ("Sudria", "SUD", None)],
        times=[("Monday", "2031-03-10", "weekday")],
        places=[("Port Amber", "SUD")],
    )
    assert [text[m.start : m.end] for m in work.actors] == ["Norland", "Sudria", "Sudria"]
    assert work.times[0].value == TimeValue(value=dt.date(2031, 3, 10), precision=Precision.DAY)
    assert work.places[0].text == "Port Amber"
    assert work.doc is not None and work.doc.text == text


def test_dyads_reads_codes() -> None:
    from tests.factories import event

    assert dyads([event(source="AAA", target=None)]) == {("ASSAULT", "AAA", None)}
