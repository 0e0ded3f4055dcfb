"""Quotation marks, paragraphs and sentences of the quote rules (no parser needed)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from threatline.stages.quotes_text import Layout, find_quote_marks, trim_quote


def texts(text: str) -> list[str]:
    return [m.text for m in find_quote_marks(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “we will stay,” then left.", ["we will stay"]),
        ('He said "we will stay." Then he left.', ["we will stay"]),
        ("“One.” And “two,” she said.", ["One", "two"]),
        # an apostrophe is not a quotation mark
        ("Iran’s envoy said the army’s units moved.", []),
        ("The general’s plan, ‘Operation Dawn’, began.", ["Operation Dawn"]),
        # a nested quotation stays inside the outer one
        ("“They called it ‘a farce’ today,” he said.", ["They called it ‘a farce’ today"]),
        # a closing mark used as an opener
        ("He said ”we are ready” and left.", ["we are ready"]),
        # one trailing comma or period is dropped, other punctuation kept
        ("“Why now?” she asked.", ["Why now?"]),
        ("“Enough.” he said.", ["Enough"]),
    ],
)
def test_quotation_marks(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_offsets_point_at_the_text() -> None:
    text = "Intro.\n\n“We hold the pass,” the major said."
    (mark,) = find_quote_marks(text)
    assert text[mark.start : mark.end] == "We hold the pass"
    assert text[mark.open] == "“" and text[mark.close] == "”"


def test_open_quote_continues_into_a_paragraph_that_opens_with_a_mark() -> None:
    text = "“The first stage is over.\n\n“The second starts soon,” the engineer said."
    (mark,) = find_quote_marks(text)
    assert mark.text.startswith("The first stage is over.")
    assert mark.text.endswith("The second starts soon")


def test_unclosed_quote_opening_a_paragraph_ends_with_it() -> None:
    text = "The chief spoke:\n\n“We will rebuild every bridge\n\nThe crowd cheered."
    assert texts(text) == ["We will rebuild every bridge"]


def test_unclosed_quote_inside_a_paragraph_is_dropped() -> None:
    assert texts("He said “we will stay and left.\n\nNext day.") == []


@pytest.mark.parametrize(
    ("span", "expected"),
    [(" ready, ", "ready"), ("ready.", "ready"), ("ready?", "ready?"), ("a, b,", "a, b")],
)
def test_trim_quote(span: str, expected: str) -> None:
    a, b = trim_quote(span, 0, len(span))
    assert span[a:b] == expected


@pytest.fixture(scope="module")
def blank() -> spacy.language.Language:
    return spacy.blank("en")


def sentences(blank: spacy.language.Language, text: str) -> list[str]:
    layout = Layout(blank(text))
    return [layout.doc[a:b].text for a, b in layout.sentences]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One went. Two came.", ["One went.", "Two came."]),
        ("“Go now.” Then he left.", ["“Go now.”", "Then he left."]),
        ("“Why?” he asked.", ["“Why?” he asked."]),
        ("Line one\nLine two.", ["Line one", "Line two."]),
        ("Gov. Ada Park spoke. Sen. Lee agreed.", ["Gov. Ada Park spoke.", "Sen. Lee agreed."]),
    ],
)
def test_sentences(blank: spacy.language.Language, text: str, expected: list[str]) -> None:
    assert sentences(blank, text) == expected


@pytest.mark.parametrize(
    ("first", "cut"),
    [("U.S.", True), ("Gov.", False), ("Dr.", False)],
)
def test_abbreviation_ends_a_sentence_only_when_it_can(
    blank: spacy.language.Language, first: str, cut: bool
) -> None:
    # the parser starts a sentence after every "X." here; titles never end one
    words = ["They", "met", "the", first, "Ada", "Park", "spoke", "."]
    starts: list[bool | int | None] = [True, False, False, False, True, False, False, False]
    doc = Doc(blank.vocab, words=words, sent_starts=starts)
    layout = Layout(doc)
    assert (len(layout.sentences) == 2) is cut


def test_layout_marks_quoted_tokens_and_paragraphs(blank: spacy.language.Language) -> None:
    text = "He spoke.\n\n“We stay,” he said."
    layout = Layout(blank(text))
    quoted = [layout.doc[i].text for i in range(len(layout.doc)) if layout.in_quote(i)]
    assert quoted == ["We", "stay", ","]
    assert layout.para_at(text.index("We")) == 1
    assert layout.para_of_sent == [0, 1]
    a, b = layout.quote_tokens(0)
    assert layout.doc[a:b].text == "We stay"
