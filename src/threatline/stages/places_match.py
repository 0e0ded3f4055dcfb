"""Finding place names in a parsed text: a PhraseMatcher over gazetteer names, and the checks
that keep common words, parts of person or organisation names and demonyms out.

:class:`PlaceMatcher` is built once per vocabulary from the names a :class:`Gazetteer` offers
(every country, continent and site name and alias; cities of at least the gazetteer's
``pattern_population``), matched on the ``NORM`` attribute (case-insensitive, ’s = 's). A match
is kept when the text honours the capitals of the name (``Strait of Hormuz`` needs a capital
``Hormuz``; kind words such as "airport" may be lower case; all-capitals short names such as
``US`` must be written so), and, for a one-word city, when the text uses it as a place.
"""

from __future__ import annotations

from dataclasses import dataclass

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from threatline.knowledge.gazetteer import Gazetteer
from threatline.knowledge.gazetteer_names import GENERIC_WORDS
from threatline.stages.places_syntax import (
    NON_PLACE_LABELS,
    PLACE_LABELS,
    city_in_use,
    person_words,
    proper,
)

__all__ = ["PlaceMatcher", "case_fits"]


@dataclass(frozen=True, slots=True)
class _Pattern:
    words: tuple[str, ...]
    kinds: frozenset[str]


def _acronym(word: str) -> bool:
    compact = word.replace(".", "")
    return len(compact) >= 2 and compact.isalpha() and compact.isupper()


def case_fits(words: tuple[str, ...], tokens: Span) -> bool:
    """Whether the text honours the capitals of a gazetteer name, word by word."""
    for want, token in zip(words, tokens, strict=False):
        got = token.text
        if _acronym(want):
            if got.replace(".", "") != want.replace(".", ""):
                return False
        elif _capital_needed(want) and not (got[:1].isupper() or got[:1].isdigit()):
            return False
    return True


def _capital_needed(word: str) -> bool:
    return word[:1].isupper() and word.lower() not in GENERIC_WORDS


class PlaceMatcher:
    """Gazetteer names found in a Doc, filtered (see the module docstring)."""

    def __init__(self, gazetteer: Gazetteer, vocab: Vocab) -> None:
        self.vocab = vocab
        self.matcher = PhraseMatcher(vocab, attr="NORM")
        tokenizer: Tokenizer = spacy.blank("en", vocab=vocab).tokenizer
        names: dict[str, set[str]] = {}
        for name, place in gazetteer.names():
            bare = name[4:] if name[:4].lower() == "the " else name
            names.setdefault(bare, set()).add(place.kind or "")
        for name, place in list(gazetteer.names()):
            if place.kind not in {"city", "country", "continent"}:
                for variant in _possessive_variants(name, gazetteer):
                    names.setdefault(variant, set()).add(place.kind or "")
        self.patterns: dict[int, _Pattern] = {}
        texts = list(names)
        for text, doc in zip(texts, tokenizer.pipe(texts), strict=True):
            key = self.vocab.strings.add(text)
            self.patterns[key] = _Pattern(tuple(t.text for t in doc), frozenset(names[text]))
            self.matcher.add(text, [doc])

    def spans(self, doc: Doc) -> list[Span]:
        """Matched place names that pass the checks; overlapping matches are all returned."""
        kept: list[Span] = []
        cities: list[Span] = []
        ents = list(doc.ents)
        for key, start, end in self.matcher(doc):
            pattern = self.patterns[key]
            span = doc[start:end]
            if not case_fits(pattern.words, span) or _inside_other_name(span, pattern, ents):
                continue
            if len(span) > 1 or pattern.kinds - {"city"}:
                if len(span) > 1 or proper(span[0]):
                    kept.append(span)
            elif proper(span[0]):
                cities.append(span)
        placed = {t.i for s in kept for t in s} | {
            i for e in ents if e.label_ in PLACE_LABELS for i in range(e.start, e.end)
        }
        persons = person_words(doc)
        kept.extend(s for s in cities if city_in_use(s, placed, persons, large=True))
        return kept


def _inside_other_name(span: Span, pattern: _Pattern, ents: list[Span]) -> bool:
    """Part of a person's name, or a city or region inside an organisation's name."""
    inside = _enclosing_entity(span, ents)
    if inside is None or inside.label_ not in NON_PLACE_LABELS:
        return False
    return inside.label_ in {"PER", "PERSON"} or pattern.kinds <= {"city", "admin"}


def _enclosing_entity(span: Span, ents: list[Span]) -> Span | None:
    """The named entity strictly larger than the span that contains it, if any."""
    if not span[0].ent_type_:
        return None
    for ent in ents:
        if ent.start <= span.start and span.end <= ent.end:
            return ent if (ent.end - ent.start) > len(span) else None
    return None


def _possessive_variants(name: str, gazetteer: Gazetteer) -> list[str]:
    """``Beirut's port`` for ``Beirut port``: a site name that opens with a city or country."""
    words = name.split()
    variants: list[str] = []
    for cut in (1, 2):
        if len(words) <= cut:
            break
        head, rest = " ".join(words[:cut]), words[cut:]
        if not all(w.lower() in GENERIC_WORDS for w in rest):
            continue
        ranked = gazetteer.rank(gazetteer.candidates(head, fuzzy=False))
        if ranked and ranked[0].place.kind in {"city", "country"}:
            tail = " ".join(w.lower() for w in rest)
            variants.extend((f"{head}'s {tail}", f"{head}’s {tail}"))
    return variants
