"""The quotes stage on invented sentences: direct and reported speech, speakers, dates, events."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from threatline.ids import content_hash, record_id
from threatline.knowledge import KnowledgeBase, load_knowledge
from threatline.models import (
    ActorKind,
    ActorMention,
    ActorRef,
    Article,
    Event,
    EventType,
    Provenance,
    Quote,
    TimeMention,
    TimeValue,
)
from threatline.stages.base import Work
from threatline.stages.nlp import load_model
from threatline.stages.quotes import QuoteStage, extract
from threatline.stages.quotes_lexicon import dep, is_passive

DOC = "t.txt"
PUBLISHED = dt.date(2024, 3, 7)  # a Thursday

# invented people and bodies: surface form -> (canonical name, code, person?)
ACTORS: dict[str, tuple[str, str, bool]] = {
    "Reza Ahmadi": ("Reza Ahmadi", "IRN", True),
    "Ahmadi": ("Reza Ahmadi", "IRN", True),
    "Maria Lopez": ("Maria Lopez", "ESP", True),
    "Mr. Haddad": ("Omar Haddad", "LBN", True),
    "Omar Haddad": ("Omar Haddad", "LBN", True),
    "Ms. Sayegh": ("Lina Sayegh", "LBN", True),
    "Alice Moreau": ("Alice Moreau", "FRA", True),
    "Jon Keller": ("Jon Keller", "DEU", True),
    "Anna Berg": ("Anna Berg", "SWE", True),
    "The grand mufti": ("Yusuf Amin", "EGY", True),
    "the health ministry": ("Ministry of Health", "GAZ", False),
    "Pentagon": ("Pentagon", "USA", False),
    "Iranian officials": ("Iran", "IRN", False),
    "defense official": ("United States", "USA", False),
    "Tehran": ("Iran", "IRN", False),
}
DAYS = {
    "Monday": dt.date(2024, 3, 4),
    "Tuesday": dt.date(2024, 3, 5),
    "Wednesday": dt.date(2024, 3, 6),
}


def mentions(text: str) -> list[ActorMention]:
    out = []
    for surface, (name, code, person) in ACTORS.items():
        for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
            ref = ActorRef(
                code=code,
                name=name,
                person=name if person else None,
                kind=ActorKind.PERSON if person else ActorKind.GOVERNMENT_BODY,
            )
            out.append(ActorMention(doc=DOC, start=m.start(), end=m.end(), text=surface, ref=ref))
    return sorted(out, key=lambda m: (m.start, -m.end))


def times(text: str) -> list[TimeMention]:
    out = [
        TimeMention(
            start=m.start(), end=m.end(), text=m.group(), value=TimeValue.day(DAYS[m.group()])
        )
        for m in re.finditer("|".join(DAYS), text)
    ]
    for m in re.finditer(r"[Ll]ast month|[Ee]arlier this month", text):
        month = TimeValue.parse("2024-02" if m.group().lower() == "last month" else "2024-03")
        out.append(
            TimeMention(start=m.start(), end=m.end(), text=m.group(), value=month, kind="relative")
        )
    for m in re.finditer(r"March 1\b", text):
        value = TimeValue.day(dt.date(2024, 3, 1))
        out.append(TimeMention(start=m.start(), end=m.end(), text=m.group(), value=value))
    return out


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge()


def run(
    nlp: Language,
    text: str,
    *,
    kb: KnowledgeBase | None = None,
    events: Iterable[Event] = (),
    title: str | None = None,
) -> list[Quote]:
    article = Article(
        id=DOC,
        text=text,
        raw=text,
        content_hash=content_hash(text),
        title=title,
        published=PUBLISHED,
    )
    work = Work(article=article, doc=nlp(text), actors=mentions(text), times=times(text))
    work.events = list(events)
    QuoteStage(kb)([work])
    for q in work.quotes:
        assert text[q.start : q.end] == q.text
    return work.quotes


def found(quotes: list[Quote], direct: bool) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker.name if q.speaker else None) for q in quotes if q.direct is direct]


# -- direct quotations ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # speaker before, colon
            "Reza Ahmadi said: “We will not leave the valley.”",
            [("We will not leave the valley", "Reza Ahmadi")],
        ),
        (  # speaker after
            "“Our patience has limits,” Maria Lopez said.",
            [("Our patience has limits", "Maria Lopez")],
        ),
        (  # inverted "said X"
            "“Our patience has limits,” said Maria Lopez.",
            [("Our patience has limits", "Maria Lopez")],
        ),
        (  # straight marks
            '"The convoy will pass," Ahmadi said.',
            [("The convoy will pass", "Reza Ahmadi")],
        ),
        (  # interrupted by the attribution: two entries
            "“The talks are over,” Ahmadi said. “We will now weigh other options.”",
            [
                ("The talks are over", "Reza Ahmadi"),
                ("We will now weigh other options", "Reza Ahmadi"),
            ],
        ),
        (  # one quotation over two paragraphs
            "“The first phase is done.\n\n“The second begins next week,” Maria Lopez said.",
            [("The first phase is done.\n\n“The second begins next week", "Maria Lopez")],
        ),
        (  # attribution after a dash
            "“Peace is still possible” — Foreign Minister Anna Berg",
            [("Peace is still possible", "Anna Berg")],
        ),
        (  # attribution in the next sentence
            "“We will answer at a time of our choosing.” Ahmadi said so in a televised address.",
            [("We will answer at a time of our choosing", "Reza Ahmadi")],
        ),
        (  # attribution ending a paragraph, quotation opening the next
            "Ahmadi addressed the crowd on Monday, saying:\n\n“We will defend every village\n\n"
            "The rally ended at noon.",
            [("We will defend every village", "Reza Ahmadi")],
        ),
        (  # a single attributed word
            "Maria Lopez called the verdict “unlawful”.",
            [("unlawful", "Maria Lopez")],
        ),
    ],
)
def test_direct_quotations(nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(run(nlp, text), direct=True) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The navy began ‘Operation Northern Shield’ on Monday.",  # a name in quotation marks
        "Critics mocked the so-called “peace plan” all week.",  # nothing attributes it
        "The “green zone” was quiet by evening.",
    ],
)
def test_unattributed_quotation_marks_give_nothing(nlp: Language, text: str) -> None:
    assert found(run(nlp, text), direct=True) == []


def test_headline_quotations_are_skipped(nlp: Language) -> None:
    title = "Ahmadi Says Iran Will ‘Never Retreat’"
    text = f"{title}\n\nReza Ahmadi spoke in the capital on Monday."
    assert run(nlp, text, title=title) == []


def test_echo_fragment_of_a_longer_quotation_is_dropped(nlp: Language) -> None:
    text = (
        "Ahmadi promised a “crushing response”. Later he spoke again.\n\n"
        "“We will deliver a crushing response to any aggression,” Ahmadi said."
    )
    assert found(run(nlp, text), direct=True) == [
        ("We will deliver a crushing response to any aggression", "Reza Ahmadi")
    ]


# -- reported speech -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ahmadi said that the border would reopen within days.",
            [("the border would reopen within days", "Reza Ahmadi")],
        ),
        ("Ahmadi said the border would reopen.", [("the border would reopen", "Reza Ahmadi")]),
        (  # addressee of "told"
            "Tehran told the envoy it would not negotiate under pressure.",
            [("it would not negotiate under pressure", "Iran")],
        ),
        (
            "Maria Lopez warned that any convoy would be stopped.",
            [("any convoy would be stopped", "Maria Lopez")],
        ),
        (
            "Maria Lopez denied that her forces had crossed the river.",
            [("her forces had crossed the river", "Maria Lopez")],
        ),
        (
            "According to the health ministry, 40 people were killed in the raid.",
            [("40 people were killed in the raid", "Ministry of Health")],
        ),
        (
            "Forty people were killed in the raid, according to the health ministry.",
            [("Forty people were killed in the raid", "Ministry of Health")],
        ),
        (  # "has said it will"
            "Tehran has said it will release the sailors.",
            [("it will release the sailors", "Iran")],
        ),
        (  # cue noun
            "Maria Lopez expressed concern that the dam could fail.",
            [("the dam could fail", "Maria Lopez")],
        ),
        (  # participle sharing the subject, and the clause cut before it
            "Ahmadi said the talks had collapsed, adding that a new round was unlikely.",
            [
                ("the talks had collapsed", "Reza Ahmadi"),
                ("a new round was unlikely", "Reza Ahmadi"),
            ],
        ),
        (  # attribution after the clause
            "The blast destroyed two bridges, Maria Lopez said.",
            [("The blast destroyed two bridges", "Maria Lopez")],
        ),
        (  # partial quotation inside reported speech: both entries
            "Ahmadi said the sanctions were “a declaration of economic war” on his country.",
            [("the sanctions were “a declaration of economic war” on his country", "Reza Ahmadi")],
        ),
        (  # trailing gloss cut
            "Ahmadi said the strait would close, a step long feared by shippers.",
            [("the strait would close", "Reza Ahmadi")],
        ),
    ],
)
def test_reported_speech(nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(run(nlp, text), direct=False) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ahmadi vowed to punish the attackers.",  # infinitive
        "Maria Lopez promised to retaliate within a week.",
        "Ahmadi suggested striking the depot at night.",  # gerund
        "Maria Lopez accused the rebels of shelling the town.",
        "Ahmadi vowed revenge.",  # a bare object
        "Ahmadi did not say when the troops would leave.",  # a question, negated
        "The plan was said to have been dropped.",  # passive
        "After the bridge was bombed, Ahmadi promised to rebuild it.",  # fronted clause
    ],
)
def test_not_reported_speech(nlp: Language, text: str) -> None:
    assert found(run(nlp, text), direct=False) == []


def test_clause_that_is_one_quotation_is_not_duplicated(nlp: Language) -> None:
    quotes = run(nlp, "Maria Lopez said that “the deal is dead.”")
    assert [(q.text, q.direct) for q in quotes] == [("the deal is dead", True)]


def test_partial_quotation_takes_the_reported_speaker(nlp: Language) -> None:
    quotes = run(nlp, "Ahmadi said the sanctions were “a declaration of economic war” on Iran.")
    assert found(quotes, direct=True) == [("a declaration of economic war", "Reza Ahmadi")]


def test_relayed_statement_is_not_the_outlet_s(nlp: Language) -> None:
    text = "Ahmadi praised the army and said “we will win,” the agency reported."
    quotes = run(nlp, text)
    assert [(q.text, q.direct, q.speaker.name if q.speaker else None) for q in quotes] == [
        ("we will win", True, "Reza Ahmadi")
    ]


# -- speakers ------------------------------------------------------------------------------


def test_pronoun_takes_the_last_speaker_of_its_gender(nlp: Language) -> None:
    text = (
        "Mr. Haddad said the drills were routine. Ms. Sayegh said the drills were a provocation. "
        "“We are watching closely,” he said. “We will not be provoked,” she said."
    )
    quotes = found(run(nlp, text), direct=True)
    assert quotes == [
        ("We are watching closely", "Omar Haddad"),
        ("We will not be provoked", "Lina Sayegh"),
    ]


def test_pronoun_without_antecedent_has_no_speaker(nlp: Language) -> None:
    quotes = run(nlp, "“We are ready,” he said.")
    assert [(q.speaker, q.speaker_text) for q in quotes] == [(None, "he")]


def test_title_resolved_by_the_actor_stage(nlp: Language) -> None:
    quotes = run(nlp, "The grand mufti said the fast would end on Wednesday.")
    assert [(q.speaker.name, q.speaker.person, q.speaker_text) for q in quotes if q.speaker] == [
        ("Yusuf Amin", "Yusuf Amin", "The grand mufti")
    ]


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("A Pentagon spokesman said the carrier would stay.", "Pentagon spokesman", "USA"),
        (
            "An unnamed defense official said the carrier would stay.",
            "unnamed US defense official",
            "USA",
        ),
        ("Iranian officials said the carrier had left.", "Iranian officials", "IRN"),
        ("Other Iranian officials said the carrier had left.", "Iranian officials", "IRN"),
        ("A senior official said the carrier would stay.", "unnamed senior official", None),
    ],
)
def test_unnamed_speakers_keep_a_label(
    nlp: Language, kb: KnowledgeBase, text: str, name: str, code: str | None
) -> None:
    (quote,) = run(nlp, text, kb=kb)
    assert quote.speaker is not None
    assert (quote.speaker.name, quote.speaker.code, quote.speaker.person) == (name, code, None)


def test_joint_attribution_gives_one_entry_per_person(nlp: Language) -> None:
    quotes = run(
        nlp, "President Alice Moreau and Chancellor Jon Keller said the summit had failed."
    )
    assert sorted(q.speaker.name for q in quotes if q.speaker) == ["Alice Moreau", "Jon Keller"]
    assert {q.text for q in quotes} == {"the summit had failed"}
    assert len({q.id for q in quotes}) == 2


def test_named_person_in_a_group_speaks(nlp: Language) -> None:
    quotes = run(
        nlp, "Senior commanders, including General Omar Haddad, said the drills would go on."
    )
    assert [q.speaker.name for q in quotes if q.speaker] == ["Omar Haddad"]


def test_the_official_refers_back(nlp: Language, kb: KnowledgeBase) -> None:
    text = (
        "An unnamed defense official told reporters the base was closed. "
        "“We have no choice,” the official said."
    )
    quotes = run(nlp, text, kb=kb)
    assert [(q.speaker.name if q.speaker else None, q.speaker_text) for q in quotes] == [
        ("unnamed US defense official", "An unnamed defense official"),
        ("unnamed US defense official", "the official"),
    ]


# -- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("Ahmadi said on Tuesday that the port would reopen.", ["2024-03-05"]),
        ("In a speech Monday, Ahmadi said the port would reopen.", ["2024-03-04"]),
        ("Ahmadi said the port would reopen.", [None]),
        ("Last month, Ahmadi said the port would reopen.", [None]),  # no day
        ("Days before March 1, Ahmadi warned that the vote would be rigged.", [None]),  # anchored
        (  # the clause's own date is not the statement's
            "Ahmadi said the port had reopened on Monday.",
            [None],
        ),
        (  # nor the date of another clause of the sentence
            "Ahmadi said “we are ready,” but the remarks came after the vote on Monday.",
            [None],
        ),
        (  # a later statement of the same speaker continues the occasion
            "Ahmadi said on Tuesday that the port would reopen. “Trade must go on,” he added.",
            ["2024-03-05", "2024-03-05"],
        ),
        (  # a lede summing up the statement dated below it
            "The port will reopen, Ahmadi has indicated.\n\n"
            "“Trade must go on,” Ahmadi said on Wednesday.",
            ["2024-03-06", "2024-03-06"],
        ),
    ],
)
def test_statement_dates(nlp: Language, text: str, dates: list[str | None]) -> None:
    quotes = run(nlp, text)
    assert [str(q.date) if q.date else None for q in quotes] == dates


# -- events and ids ------------------------------------------------------------------------


def _event(type: EventType, code: str, start: int, text: str, eid: str) -> Event:
    return Event(
        id=eid,
        type=type,
        source=ActorRef(code=code, name=code),
        mentions=[Provenance(doc=DOC, start=start, end=start + len(text), text=text)],
    )


def test_quote_links_the_event_of_its_speaker(nlp: Language) -> None:
    text = "Ahmadi warned that the navy would sink any ship that entered the strait."
    start = text.index("warned")
    threat = _event(EventType.THREATEN, "IRN", start, text[start:], "ev_threat")
    other = _event(EventType.ASSAULT, "IRN", start, text[start:], "ev_assault")
    foreign = _event(EventType.THREATEN, "USA", start, text[start:], "ev_foreign")
    (quote,) = run(nlp, text, events=[foreign, other, threat])
    assert quote.event_id == "ev_threat"
    (quote,) = run(nlp, text, events=[foreign])
    assert quote.event_id is None


def test_quote_records(nlp: Language) -> None:
    text = "“We hold the pass,” Ahmadi said on Monday. Maria Lopez said the pass had fallen."
    quotes = run(nlp, text)
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    direct, reported = quotes
    assert direct.id == record_id("qt", DOC, direct.start, direct.end, True)
    assert (direct.cue, direct.speaker_text, direct.doc) == ("say", "Ahmadi", DOC)
    assert reported.id == record_id("qt", DOC, reported.start, reported.end, False)
    assert reported.speaker is not None and reported.speaker.code == "ESP"


def test_stage_contract(nlp: Language) -> None:
    stage = QuoteStage()
    assert stage.name == "quotes"
    assert stage.requires == frozenset({"doc", "actors", "times", "events"})
    assert stage.provides == frozenset({"quotes"})
    text = "Ahmadi said the pass had fallen."
    article = Article(id=DOC, text=text, raw=text, content_hash=content_hash(text))
    empty = Work(article=article)
    full = Work(article=article, doc=nlp(text))
    stage([empty, full])
    assert empty.quotes == []
    assert [q.text for q in full.quotes] == ["the pass had fallen"]
    assert full.quotes[0].speaker is not None and full.quotes[0].speaker.resolved is False


# -- other label schemes -------------------------------------------------------------------


def _clearnlp_doc(nlp: Language) -> Doc:
    """A hand-parsed sentence in ClearNLP labels (dobj, nsubjpass, auxpass), as
    en_core_web_sm writes them."""
    words = ["Officials", "told", "the", "envoy", "the", "port", "was", "closed", "."]
    return Doc(
        nlp.vocab,
        words=words,
        spaces=[True, True, True, True, True, True, True, False, False],
        tags=["NNS", "VBD", "DT", "NN", "DT", "NN", "VBD", "VBN", "."],
        pos=["NOUN", "VERB", "DET", "NOUN", "DET", "NOUN", "AUX", "VERB", "PUNCT"],
        lemmas=["official", "tell", "the", "envoy", "the", "port", "be", "close", "."],
        deps=["nsubj", "ROOT", "det", "dobj", "det", "nsubjpass", "auxpass", "ccomp", "punct"],
        heads=[1, 1, 3, 1, 5, 7, 7, 1, 1],
        sent_starts=[True, False, False, False, False, False, False, False, False],
    )


def test_clearnlp_labels_are_read(nlp: Language) -> None:
    doc = _clearnlp_doc(nlp)
    found = extract(doc)
    (at,) = found.attributions
    assert doc.text[at.start : at.end] == "the port was closed"
    assert at.cue is not None and at.cue.lemma == "tell"
    assert at.source is not None and doc[at.source[0] : at.source[1]].text == "Officials"
    assert dep(doc[3]) == "obj" and dep(doc[5]) == "nsubj:pass" and is_passive(doc[7])
