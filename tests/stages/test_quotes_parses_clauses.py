"""Where a quotation's or a reported clause's attribution is, under more than one parse of the
same sentence (the shipped model's, and hand-written ones of the other plausible attachments and
of a small model's tagging errors). Sentences and names are invented."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from tests.stages.test_quotes_parses import found, parsed, quotes_of
from threatline.stages.nlp import load_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


# -- a quotation after an "if" clause with its own finite verb ----------------------------

IF = "Lopez answered in kind, vowing to hit the depots if the rebels attack “any convoy.”"
IF_ADVCL_OF_MAIN = """
Lopez NNP nsubj 1
answered VBD ROOT 1 answer
in IN case 3
kind NN obl 1
, , punct 5
vowing VBG advcl 1 vow
to TO mark 7
hit VB xcomp 5
the DT det 9
depots NNS obj 7 depot
if IN mark 13
the DT det 12
rebels NNS nsubj 13 rebel
attack VBP advcl 1
“ `` punct 16
any DT det 16
convoy NN obj 13
. . punct 1
” '' punct 1
"""
IF_ADVCL_OF_HIT = IF_ADVCL_OF_MAIN.replace("attack VBP advcl 1", "attack VBP advcl 7")


@pytest.mark.parametrize("rows", [IF_ADVCL_OF_MAIN, IF_ADVCL_OF_HIT, None])
def test_quotation_in_an_if_clause_after_a_vow(nlp: Language, rows: str | None) -> None:
    doc = nlp(IF) if rows is None else parsed(nlp, IF, rows)
    assert found(quotes_of(doc)) == [("any convoy", True, "Maria Lopez")]


# -- where a reported clause is, and where it is not ---------------------------------------

PARENTHETICAL = "Instead, Ahmadi said, the answer needed to come from the army."
# the clause's verb read as a participle modifying its subject
PARENTHETICAL_ACL = """
Instead RB advmod 3
, , punct 0
Ahmadi NNP nsubj 3
said VBD ROOT 3 say
, , punct 3
the DT det 6
answer NN nsubj 3
needed VBN acl 6 need
to TO mark 9
come VB xcomp 7
from IN case 12
the DT det 12
army NN obl 9
. . punct 3
"""
PARENTHETICAL_VERB = """
Instead RB advmod 7
, , punct 0
Ahmadi NNP nsubj 3
said VBD parataxis 7 say
, , punct 3
the DT det 6
answer NN nsubj 7
needed VBD ROOT 7 need
to TO mark 9
come VB xcomp 7
from IN case 12
the DT det 12
army NN obl 9
. . punct 7
"""


@pytest.mark.parametrize("rows", [PARENTHETICAL_ACL, PARENTHETICAL_VERB, None])
def test_clause_after_a_parenthetical_attribution(nlp: Language, rows: str | None) -> None:
    doc = nlp(PARENTHETICAL) if rows is None else parsed(nlp, PARENTHETICAL, rows)
    assert found(quotes_of(doc)) == [
        ("the answer needed to come from the army", False, "Reza Ahmadi")
    ]


SAID_OBJ = "Lopez said the union expected output to rise."
# the clause's subject read as the verb's object, its verb as a modifier
SAID_OBJ_ROWS = """
Lopez NNP nsubj 1
said VBD ROOT 1 say
the DT det 3
union NN compound 5
expected VBN amod 5 expect
output NN obj 1
to TO mark 7
rise VB acl 5
. . punct 1
"""


@pytest.mark.parametrize("rows", [SAID_OBJ_ROWS, None])
def test_said_with_a_misread_subject_reports_the_clause(nlp: Language, rows: str | None) -> None:
    doc = nlp(SAID_OBJ) if rows is None else parsed(nlp, SAID_OBJ, rows)
    assert found(quotes_of(doc)) == [("the union expected output to rise", False, "Maria Lopez")]


MAINTAINED = "Iranian officials have maintained a stream of threats as the date approaches."
# the "as" clause parsed as a sentence of its own
MAINTAINED_SPLIT = """
Iranian JJ amod 1
officials NNS nsubj 3 official
have VBP aux 3 AUX have
maintained VBN ROOT 3 maintain
a DT det 5
stream NN obj 3
of IN case 7
threats NNS nmod 5 threat
as IN case 10
the DT det 10
date NN nsubj 11
approaches VBZ ROOT 11 approach
. . punct 11
"""
REVENGE = "Leaders vowed revenge on the U.S. Rebel forces fired rockets in May."
# the run-on read with the second verb modifying the object
REVENGE_ACL = """
Leaders NNS nsubj 1 leader
vowed VBD ROOT 1 vow
revenge NN obj 1
on IN case 7
the DT det 7
U.S. NNP compound 7
Rebel NNP compound 7
forces NNS nmod 2 force
fired VBD acl 2 fire
rockets NNS obj 8 rocket
in IN case 11
May NNP obl 8
. . punct 1
"""


@pytest.mark.parametrize(
    ("text", "rows"),
    [(MAINTAINED, MAINTAINED_SPLIT), (MAINTAINED, None), (REVENGE, REVENGE_ACL), (REVENGE, None)],
)
def test_bare_object_then_another_clause_is_no_report(
    nlp: Language, text: str, rows: str | None
) -> None:
    doc = nlp(text) if rows is None else parsed(nlp, text, rows)
    assert [q for q in quotes_of(doc) if not q.direct] == []


CUT = (
    "The ministry threatened an “all-out war” on the rebels if they attacked, a move Lopez "
    "said the army uses to justify “endless raids.”"
)


def test_clause_of_a_later_attribution_is_not_the_first_verb_s(nlp: Language) -> None:
    doc = nlp(CUT)
    assert ("endless raids", True, "Maria Lopez") in found(quotes_of(doc))
    # the parser may hang the later "said" on "threatened": it is still no complement of it
    said = next(t for t in doc if t.text == "said")
    threatened = next(t for t in doc if t.text == "threatened")
    heads = [threatened.i if t.i == said.i else t.head.i for t in doc]
    deps = ["parataxis" if t.i == said.i else t.dep_ for t in doc]
    reparsed = Doc(
        nlp.vocab,
        words=[t.text for t in doc],
        spaces=[bool(t.whitespace_) for t in doc],
        tags=[t.tag_ for t in doc],
        pos=[t.pos_ for t in doc],
        lemmas=[t.lemma_ for t in doc],
        deps=["ROOT" if h == i else d for i, (d, h) in enumerate(zip(deps, heads, strict=True))],
        heads=heads,
    )
    quotes = found(quotes_of(reparsed))
    assert ("endless raids", True, "Maria Lopez") in quotes
    assert not any(not direct and who == "Ministry of Defence" for _, direct, who in quotes)


def test_past_tense_read_as_participle_before_the_attribution(nlp: Language) -> None:
    text = "The blast destroyed two bridges, Lopez said."
    rows = """
The DT det 1
blast NN nsubj 2
destroyed VBN ccomp 7 destroy
two CD nummod 4
bridges NNS obj 2 bridge
, , punct 2
Lopez NNP nsubj 7
said VBD ROOT 7 say
. . punct 7
"""
    for doc in (parsed(nlp, text, rows), nlp(text)):
        assert found(quotes_of(doc)) == [("The blast destroyed two bridges", False, "Maria Lopez")]


INVERTED = "The road will stay shut, said Maria Lopez, adding that the army would guard it."
# the clause as the complement of "said", "adding" hung on "said" (the shipped model's reading)
INVERTED_CCOMP = """
The DT det 1
road NN nsubj 3
will MD aux 3
stay VB ccomp 6
shut VBN xcomp 3
, , punct 3
said VBD ROOT 6 say
Maria NNP nsubj 6
Lopez NNP flat 7
, , punct 10
adding VBG advcl 6 add
that IN mark 15 SCONJ
the DT det 13
army NN nsubj 15
would MD aux 15
guard VB ccomp 10
it PRP obj 15
. . punct 6
"""
# "said X" as a parenthetical of the clause, "adding" hung on the clause's verb
INVERTED_PARATAXIS = """
The DT det 1
road NN nsubj 3
will MD aux 3
stay VB ROOT 3
shut VBN xcomp 3
, , punct 6
said VBD parataxis 3 say
Maria NNP nsubj 6
Lopez NNP flat 7
, , punct 10
adding VBG advcl 3 add
that IN mark 15 SCONJ
the DT det 13
army NN nsubj 15
would MD aux 15
guard VB ccomp 10
it PRP obj 15
. . punct 3
"""


@pytest.mark.parametrize("rows", [INVERTED_CCOMP, INVERTED_PARATAXIS, None])
def test_inverted_attribution_then_adding_that(nlp: Language, rows: str | None) -> None:
    doc = nlp(INVERTED) if rows is None else parsed(nlp, INVERTED, rows)
    assert found(quotes_of(doc)) == [
        ("The road will stay shut", False, "Maria Lopez"),
        ("the army would guard it", False, "Maria Lopez"),
    ]
