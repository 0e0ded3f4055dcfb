"""The event rules on hand-built parses: both attachments a parser may choose for one meaning
give one reading, and the parse repairs of ``events_repair`` (paragraph breaks in the tree, a
sentence boundary missed after "U.S."). Sentences are invented; parses are written by hand in
the CoNLL-like table of :func:`tests.stages.test_events_helpers.parse`."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from tests.stages.test_events_helpers import dyads, make_work, parse, run
from tests.stages.test_events_roles import ACTORS, PLACES, TIMES
from threatline.stages.events import EventStage
from threatline.stages.events_parse import (
    acting_subject,
    adjunct_host,
    complements,
    is_passive,
    misread_main_verb,
    name_conjuncts,
    obj,
    subject,
)
from threatline.stages.events_repair import _Tree, repair
from threatline.stages.nlp import load_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


@pytest.fixture(scope="module")
def stage() -> EventStage:
    return EventStage()


def _events(stage: EventStage, nlp: Language, doc: Doc) -> set[tuple[str, str | None, str | None]]:
    work = make_work(nlp, doc.text, actors=ACTORS, times=TIMES, places=PLACES, doc=doc)
    return dyads(run(stage, work))


# -- repairs ---------------------------------------------------------------------------------

BREAK_AS_SUBJECT = """
\\n\\n \\n\\n SPACE _SP 5 nsubj
Thousands thousand NOUN NNS 5 nsubj
of of ADP IN 4 case
mourners mourner NOUN NNS 2 nmod
held hold VERB VBD 0 root
a a DET DT 7 det
procession procession NOUN NN 5 obj
in in ADP IN 9 case
Lune_ Lune PROPN NNP 7 nmod
. . PUNCT . 5 punct
"""

BREAK_AS_ROOT = """
\\n \\n SPACE _SP 0 root
Norland Norland PROPN NNP 3 nsubj
issued issue VERB VBD 1 ccomp
an an DET DT 6 det
arrest arrest NOUN NN 6 compound
warrant warrant NOUN NN 3 obj
against against ADP IN 8 case
Brann_ Brann PROPN NNP 6 nmod
. . PUNCT . 1 punct
"""


def test_a_paragraph_break_is_never_an_argument(nlp: Language, stage: EventStage) -> None:
    doc = parse(nlp.vocab, BREAK_AS_SUBJECT)
    mended = repair(doc)
    assert mended is not doc and doc[0].dep_ == "nsubj"  # the shared Doc is left alone
    assert mended[0].dep_ == "dep"
    assert subject(mended[4]) is not None and subject(mended[4]).text == "Thousands"
    # the crowd takes the country of the place it marched in
    assert _events(stage, nlp, doc) == {("PROTEST", "NRL", None)}


def test_a_paragraph_break_hands_the_root_to_its_clause(nlp: Language, stage: EventStage) -> None:
    mended = repair(parse(nlp.vocab, BREAK_AS_ROOT))
    assert mended[2].dep_ == "ROOT" and mended[8].head.i == 2
    assert mended[0].head.i == 2 and mended[0].dep_ == "dep"
    assert _events(stage, nlp, parse(nlp.vocab, BREAK_AS_ROOT)) == {("COERCE", "NRL", "SUD")}


MISSED_BOUNDARY = """
Sudrian sudrian ADJ JJ 2 amod
leaders leader NOUN NNS 3 nsubj
vowed vow VERB VBD 0 root
revenge revenge NOUN NN 3 obj
against against ADP IN 9 case
the the DET DT 9 det
U.S. U.S. PROPN NNP 9 compound
Sudrian sudrian ADJ JJ 9 amod
forces force NOUN NNS 4 nmod
attacked attack VERB VBD 4 acl
Norland Norland PROPN NNP 10 obj
on on ADP IN 13 case
Monday_ Monday PROPN NNP 10 obl
. . PUNCT . 3 punct
"""


def test_a_boundary_missed_after_an_abbreviation_is_restored(
    nlp: Language, stage: EventStage
) -> None:
    doc = parse(nlp.vocab, MISSED_BOUNDARY)
    assert len(list(doc.sents)) == 1
    mended = repair(doc)
    sentences = [s.text for s in mended.sents]
    assert sentences == [
        "Sudrian leaders vowed revenge against the U.S.",
        "Sudrian forces attacked Norland on Monday.",
    ]
    assert mended[6].head.i == 3 and mended[6].dep_ == "nmod"  # "against the U.S."
    assert mended[8].dep_ == "nsubj" and mended[9].dep_ == "ROOT"
    work = make_work(nlp, doc.text, actors=[*ACTORS, ("U.S.", "USA", None)], times=TIMES, doc=doc)
    assert dyads(run(stage, work)) == {("THREATEN", "SUD", "USA"), ("ASSAULT", "SUD", "NRL")}


def test_an_abbreviation_inside_a_name_keeps_its_sentence(nlp: Language) -> None:
    doc = parse(
        nlp.vocab,
        """
        The the DET DT 3 det
        U.S. U.S. PROPN NNP 3 compound
        Navy Navy PROPN NNP 4 nsubj
        sailed sail VERB VBD 0 root
        home_ home ADV RB 4 advmod
        . . PUNCT . 4 punct
        """,
    )
    assert repair(doc) is doc


def test_a_mended_tree_with_a_cycle_is_not_used(nlp: Language) -> None:
    tree = _Tree(parse(nlp.vocab, BREAK_AS_ROOT))
    assert tree.acyclic()
    tree.set(2, 1, "ccomp")  # "issued" under its own subject: a loop
    assert not tree.acyclic()


def test_the_stage_leaves_no_tables_on_the_shared_doc(nlp: Language, stage: EventStage) -> None:
    work = make_work(nlp, "Norland attacked Sudria on Monday.", actors=ACTORS, times=TIMES)
    run(stage, work)
    assert work.doc is not None
    assert not [k for k in work.doc.user_data if str(k).startswith("threatline.events.")]


# -- both attachments ------------------------------------------------------------------------


def _conjunct_on(last_name_part: bool) -> str:
    head = 5 if last_name_part else 4
    return f"""
    Norland Norland PROPN NNP 2 nsubj
    killed kill VERB VBD 0 root
    General General PROPN NNP 4 compound
    Odo Odo PROPN NNP 2 obj
    Brann Brann PROPN NNP 4 flat
    and and CCONJ CC 9 cc
    a a DET DT 9 det
    Vastmark Vastmark PROPN NNP 9 compound
    envoy envoy NOUN NN {head} conj
    on on ADP IN 11 case
    Monday_ Monday PROPN NNP 2 obl
    . . PUNCT . 2 punct
    """


@pytest.mark.parametrize("last_name_part", [False, True])
def test_a_conjunct_of_a_name_is_found_on_any_part_of_it(
    nlp: Language, stage: EventStage, last_name_part: bool
) -> None:
    doc = parse(nlp.vocab, _conjunct_on(last_name_part))
    assert [t.text for t in name_conjuncts(doc[3])] == ["envoy"]
    assert _events(stage, nlp, doc) == {("ASSAULT", "NRL", "SUD"), ("ASSAULT", "NRL", "VST")}


@pytest.mark.parametrize("label", ["xcomp", "advcl"])
def test_an_infinitive_complement_read_as_an_adjunct(
    nlp: Language, stage: EventStage, label: str
) -> None:
    doc = parse(
        nlp.vocab,
        f"""
        The the DET DT 3 det
        Sudrian sudrian ADJ JJ 3 amod
        parliament parliament NOUN NN 4 nsubj
        voted vote VERB VBD 0 root
        to to PART TO 6 mark
        expel expel VERB VB 4 {label}
        Norlandic norlandic ADJ JJ 8 amod
        troops troop NOUN NNS 6 obj
        on on ADP IN 10 case
        Monday_ Monday PROPN NNP 4 obl
        . . PUNCT . 4 punct
        """,
    )
    assert [t.text for t in complements(doc[3])] == ["expel"]
    assert _events(stage, nlp, doc) == {("REQUEST", "SUD", "NRL")}


def test_an_object_the_parser_hung_on_the_verb_above(nlp: Language) -> None:
    doc = parse(
        nlp.vocab,
        """
        Norland Norland PROPN NNP 2 nsubj
        plans plan VERB VBZ 0 root
        to to ADP IN 4 case
        enrich enrich ADJ JJ 2 obl
        uranium uranium NOUN NN 2 obl
        . . PUNCT . 2 punct
        """,
    )
    assert obj(doc[3]) is not None and obj(doc[3]).text == "uranium"
    assert complements(doc[1]) == [doc[3]]
    assert obj(doc[1]) is None  # a verb's own sibling is never its object


@pytest.mark.parametrize("label", ["obl", "nsubj"])
def test_the_subject_of_an_absolute_construction(nlp: Language, label: str) -> None:
    doc = parse(
        nlp.vocab,
        f"""
        Norland Norland PROPN NNP 2 nsubj
        sent send VERB VBD 0 root
        a a DET DT 4 det
        request_ request NOUN NN 2 obj
        , , PUNCT , 9 punct
        with with ADP IN 8 case
        the the DET DT 8 det
        request request NOUN NN 9 {label}
        said say VERB VBD 2 advcl
        to to PART TO 13 mark
        have have AUX VB 13 aux
        been be AUX VBN 13 aux:pass
        rejected_ reject VERB VBN 9 xcomp
        . . PUNCT . 2 punct
        """,
    )
    found = subject(doc[8])
    assert found is not None and found.i == 7


def test_a_participle_with_an_object_is_active(nlp: Language) -> None:
    doc = parse(
        nlp.vocab,
        """
        A a DET DT 3 det
        Norlandic norlandic ADJ JJ 3 amod
        submarine submarine NOUN NN 0 root
        crossed cross VERB VBN 3 acl
        the the DET DT 6 det
        strait strait NOUN NN 4 obj
        on on ADP IN 8 case
        Monday_ Monday PROPN NNP 4 obl
        . . PUNCT . 3 punct
        """,
    )
    assert not is_passive(doc[3])
    assert acting_subject(doc[3]) == doc[2]


def test_a_sentence_without_a_verb_has_its_participle_as_verb(
    nlp: Language, stage: EventStage
) -> None:
    doc = parse(
        nlp.vocab,
        """
        Thousands thousand NOUN NNS 0 root
        of of ADP IN 3 case
        protesters protester NOUN NNS 1 nmod
        converged converge VERB VBN 3 acl
        on on ADP IN 7 case
        the the DET DT 7 det
        square square NOUN NN 4 obl
        in in ADP IN 9 case
        Lune_ Lune PROPN NNP 4 obl
        . . PUNCT . 1 punct
        """,
    )
    assert misread_main_verb(doc[3]) and is_passive(doc[3])
    assert acting_subject(doc[3]) == doc[2]
    # the entry says who converges: the crowd acts, in the country of its place
    assert _events(stage, nlp, doc) == {("PROTEST", "NRL", None)}


def test_a_caption_without_a_verb_stays_passive(nlp: Language, stage: EventStage) -> None:
    doc = parse(
        nlp.vocab,
        """
        Three three NUM CD 3 nummod
        Norlandic norlandic ADJ JJ 3 amod
        soldiers soldier NOUN NNS 0 root
        killed kill VERB VBN 3 acl
        in in ADP IN 6 case
        Kessa_ Kessa PROPN NNP 4 obl
        . . PUNCT . 3 punct
        """,
    )
    assert is_passive(doc[3])
    assert not [e for e in _events(stage, nlp, doc) if e[1] == "NRL"]


def _adjunct_on(participle: bool) -> str:
    head = 10 if participle else 3
    return f"""
    Norlandic norlandic ADJ JJ 2 amod
    officials official NOUN NNS 3 nsubj
    issued issue VERB VBD 0 root
    threats threat NOUN NNS 3 obj
    against against ADP IN 6 case
    Sudria Sudria PROPN NNP 4 nmod
    as as ADP IN 9 case
    the the DET DT 9 det
    anniversary anniversary NOUN NN 3 obl
    approached_ approach VERB VBD 9 acl
    , , PUNCT , 13 punct
    while while SCONJ IN 13 mark
    accusing accuse VERB VBG {head} advcl
    Ilse Ilse PROPN NNP 13 obj
    Varo Varo PROPN NNP 14 flat
    of of SCONJ IN 17 mark
    lying_ lie VERB VBG 13 advcl
    . . PUNCT . 3 punct
    """


@pytest.mark.parametrize("participle", [False, True])
def test_an_adjunct_hung_on_a_nouns_participle_belongs_to_the_clause(
    nlp: Language, stage: EventStage, participle: bool
) -> None:
    doc = parse(nlp.vocab, _adjunct_on(participle))
    accusing = doc[12]
    assert (adjunct_host(accusing) is not None) is participle
    events = _events(stage, nlp, doc)
    assert ("ACCUSE", "NRL", "VST") in events and ("THREATEN", "NRL", "SUD") in events


def test_each_killing_verb_of_one_act_names_its_victims(nlp: Language, stage: EventStage) -> None:
    doc = parse(
        nlp.vocab,
        """
    The the DET DT 3 det
    Norlandic norlandic ADJ JJ 3 amod
    strike strike NOUN NN 9 nsubj
    that that PRON WDT 5 nsubj
    killed kill VERB VBD 3 acl:relcl
    General General PROPN NNP 7 compound
    Brann Brann PROPN NNP 5 obj
    also also ADV RB 9 advmod
    killed kill VERB VBD 0 root
    Ilse Ilse PROPN NNP 9 obj
    Varo_ Varo PROPN NNP 10 flat
    . . PUNCT . 9 punct
    """,
    )
    assert _events(stage, nlp, doc) == {("ASSAULT", "NRL", "SUD"), ("ASSAULT", "NRL", "VST")}


def test_a_labelling_verb_the_tagger_misread(nlp: Language, stage: EventStage) -> None:
    doc = parse(
        nlp.vocab,
        """
        Kell Kell PROPN NNP 2 nsubj
        branded brand ADJ JJ 5 amod
        Brann Brann PROPN NNP 2 obj
        and and CCONJ CC 5 cc
        Varo Varo PROPN NNP 0 root
        as as ADP IN 8 case
        the the DET DT 8 det
        perpetrators perpetrator NOUN NNS 5 obl
        of of ADP IN 11 case
        the the DET DT 11 det
        attack_ attack NOUN NN 8 nmod
        . . PUNCT . 5 punct
        """,
    )
    work = make_work(
        nlp, doc.text, actors=[*ACTORS, ("Kell", "NRL", "Marit Kell")], times=TIMES, doc=doc
    )
    assert ("ACCUSE", "NRL", "SUD") in dyads(run(stage, work))
