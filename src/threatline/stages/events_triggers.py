"""Trigger words: a spaCy Matcher (single words, by lemma and inflected form) and a
PhraseMatcher (multiword nouns) built once from the lexicon, then the entry constraints
(particles, objects, prepositions, subjects) checked on the parse.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from threatline.models import EventType
from threatline.stages.events_lexicon import EventLexicon, TriggerSpec, inflections
from threatline.stages.events_parse import (
    acting_subject,
    children,
    complements,
    dep,
    glued_infinitive,
    kids,
    obj,
    pp_args,
    sentence_bounds,
)

__all__ = ["Trigger", "TriggerFinder", "inflections"]

_VERB_POS = frozenset({"VERB"})
# prepositions whose phrase can stand for a verb's object ("withdraw from the deal")
_OBJECT_PREPS = frozenset({"from", "of", "with", "to", "for", "out", "off", "into"})
_NOUN_POS = frozenset({"NOUN", "PROPN", "X"})
_HEADLINE_POS = frozenset({"PROPN", "ADJ", "NOUN"})


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger found in a sentence: its head token, token span, type and lexicon entry."""

    i: int
    start: int
    end: int
    type: EventType
    spec: TriggerSpec
    verb: bool


@dataclass(frozen=True, slots=True)
class _Entry:
    type: EventType
    spec: TriggerSpec
    extra: tuple[str, ...]
    constrained: bool


def _constrained(spec: TriggerSpec) -> bool:
    return bool(spec.objects or spec.preps or spec.subjects or spec.complement)


class TriggerFinder:
    """Finds trigger words in a Doc. Build once per vocabulary; call per sentence."""

    def __init__(self, vocab: Vocab, lexicon: EventLexicon) -> None:
        self.lexicon = lexicon
        self.verbs: dict[str, list[_Entry]] = defaultdict(list)
        self.nouns: dict[str, list[_Entry]] = defaultdict(list)
        self.forms: dict[str, str] = {}
        phrases: dict[str, list[_Entry]] = defaultdict(list)
        for etype, spec in lexicon.entries():
            for verb in spec.verbs:
                head, *extra = verb.split()
                self.verbs[head].append(_Entry(etype, spec, tuple(extra), _constrained(spec)))
                for form in inflections(head, verb=True):
                    self.forms.setdefault(form, head)
            for noun in spec.nouns:
                entry = _Entry(etype, spec, (), _constrained(spec))
                if " " in noun or "-" in noun:
                    phrases[noun].append(entry)
                else:
                    self.nouns[noun].append(entry)
                    for form in inflections(noun, verb=False):
                        self.forms.setdefault(form, noun)
        for table in (self.verbs, self.nouns):
            for entries in table.values():
                entries.sort(key=lambda e: not e.constrained)
        self.labour_strike = next(
            (
                _Entry(etype, spec, (), False)
                for etype, spec in lexicon.entries()
                if etype is EventType.PROTEST and spec.mode == "strike"
            ),
            None,
        )
        # single words by lemma and by inflected form (headline words keep their form as lemma)
        words = sorted(set(self.verbs) | set(self.nouns))
        cues = sorted(lexicon.cue_verbs)
        self.word_key = vocab.strings.add("WORD")
        self.cue_key = vocab.strings.add("CUE")
        self.lemmas = PhraseMatcher(vocab, attr="LEMMA")
        self.lemmas.add("WORD", [Doc(vocab, words=[w], lemmas=[w]) for w in words])
        self.lemmas.add("CUE", [Doc(vocab, words=[w], lemmas=[w]) for w in cues])
        self.lowers = PhraseMatcher(vocab, attr="LOWER")
        self.lowers.add("WORD", [Doc(vocab, words=[f]) for f in sorted(self.forms)])
        cue_forms = sorted({f for w in cues for f in inflections(w, verb=True)})
        self.lowers.add("CUE", [Doc(vocab, words=[f]) for f in cue_forms])
        self.phrases = PhraseMatcher(vocab, attr="LOWER")
        self.phrase_entries: dict[int, list[_Entry]] = {}
        for phrase, entries in phrases.items():
            key = vocab.strings.add("PHRASE:" + phrase)
            self.phrase_entries[key] = entries
            variants = [_phrase_doc(vocab, v) for v in _phrase_variants(phrase)]
            self.phrases.add("PHRASE:" + phrase, variants)

    def find(self, doc: Doc, skip: frozenset[int] = frozenset()) -> list[Trigger]:
        """Triggers of a Doc in text order; tokens in ``skip`` (inside actor names) are never
        nouns."""
        return self.scan(doc, skip)[0]

    def scan(
        self, doc: Doc, skip: frozenset[int] = frozenset()
    ) -> tuple[list[Trigger], frozenset[int]]:
        """Triggers of a Doc in text order, and the tokens that are cue verbs (say, vow,
        intend, deny, describe...)."""
        hits = [*self.lemmas(doc), *self.lowers(doc)]
        cues = frozenset(start for key, start, _end in hits if key == self.cue_key)
        found: dict[int, Trigger] = {}
        covered: set[int] = set()
        for key, start, end in sorted(self.phrases(doc), key=lambda m: (m[1] - m[2], m[1])):
            if any(i in covered or i in skip for i in range(start, end)):
                continue
            head = _span_head(doc[start:end])
            entry = self.phrase_entries[key][0]
            found[head.i] = Trigger(head.i, start, end, entry.type, entry.spec, verb=False)
            covered.update(range(start, end))
        words = sorted({start for key, start, _end in hits if key == self.word_key})
        for start in words:
            token = doc[start]
            if token.i in covered or token.i in found:
                continue
            trig = self._word(token, skip)
            if trig is not None:
                found[token.i] = trig
        return [found[i] for i in sorted(found)], cues

    def _word(self, token: Token, skip: frozenset[int]) -> Trigger | None:
        lemma = token.lemma_.lower()
        lower = token.lower_
        before = token.doc[token.i - 1] if token.i > 0 else None
        after_to = before is not None and before.tag_ == "TO"
        # "to enrich" with "to" read as a preposition and "enrich" as an adjective
        after_prep_to = (
            before is not None and before.lower_ == "to" and token.pos_ in ("ADJ", "ADV")
        )
        verb_args = any(c.dep_ in ("nsubj", "obj", "dobj") for c in kids(token))
        verb_reading = (
            token.pos_ in _VERB_POS
            or (token.pos_ in _HEADLINE_POS and token.is_title and lemma not in self.nouns)
            or (after_to and token.pos_ in ("ADV", "ADP", "ADJ", "NOUN"))
            or after_prep_to
            or (token.pos_ in ("NOUN", "ADJ") and verb_args and lemma not in self.nouns)
        )
        hyphenated = token.i > 0 and token.doc[token.i - 1].text in ("-", "–")
        if verb_reading and not hyphenated:
            base_form = lemma if lemma in self.verbs else self.forms.get(lower, lower)
            for entry in self.verbs.get(base_form, ()):
                if self._fits(token, entry, verb=True):
                    return Trigger(token.i, token.i, token.i + 1, entry.type, entry.spec, True)
        if token.pos_ in _NOUN_POS and token.i not in skip:
            base_form = lemma if lemma in self.nouns else self.forms.get(lower, lower)
            for entry in self.nouns.get(base_form, ()):
                if self._fits(token, entry, verb=False):
                    chosen = self._labour(token, entry)
                    return Trigger(token.i, token.i, token.i + 1, chosen.type, chosen.spec, False)
        return None

    def _labour(self, token: Token, entry: _Entry) -> _Entry:
        """A "strike" in a sentence about workers, unions or wages is a labour strike."""
        if entry.type is not EventType.ASSAULT or token.lemma_.lower() != "strike":
            return entry
        if self.labour_strike is None:
            return entry
        start, end = sentence_bounds(token)
        words = {t.lemma_.lower() for t in token.doc[start:end]}
        return self.labour_strike if words & self.lexicon.labor else entry

    def _fits(self, token: Token, entry: _Entry, *, verb: bool) -> bool:
        spec = entry.spec
        if verb and entry.extra and not _has_extra(token, entry.extra):
            return False
        if spec.objects and not (_object_words(token, verb) & set(spec.objects)):
            return False
        if spec.preps and not any(p.split()[0] in spec.preps for p, _ in pp_args(token)):
            return False
        if spec.complement and not complements(token):
            return False
        if spec.subjects:
            subj = acting_subject(token)
            if subj is None or not (_phrase_words(subj) & set(spec.subjects)):
                return False
        return True


def _phrase_variants(phrase: str) -> list[str]:
    words = phrase.split()
    last = words[-1]
    return [" ".join([*words[:-1], form]) for form in sorted(inflections(last, verb=False))]


def _phrase_doc(vocab: Vocab, phrase: str) -> Doc:
    words: list[str] = []
    for word in phrase.split():
        parts = word.split("-")
        for k, part in enumerate(parts):
            if k:
                words.append("-")
            if part:
                words.append(part)
    return Doc(vocab, words=words)


def _span_head(span: Span) -> Token:
    for token in span:
        if token.head.i < span.start or token.head.i >= span.end or token.head.i == token.i:
            return token
    return span[-1]


def _has_extra(token: Token, extra: tuple[str, ...]) -> bool:
    near = {
        t.lower_
        for t in token.doc[token.i + 1 : min(token.i + 6, len(token.doc))]
        if token.i in (t.head.i, t.head.head.i)
    }
    return all(word in near for word in extra)


def _phrase_words(token: Token) -> set[str]:
    """Lemmas naming a phrase: its head, compounds/modifiers, and the "of" noun of a quantity."""
    words = {token.lemma_.lower(), token.lower_}
    for child in kids(token):
        label = dep(child)
        if label in ("compound", "amod", "flat") or (
            label.startswith("nmod") and child.i > token.i
        ):
            words |= {child.lemma_.lower(), child.lower_}
            if label.startswith("nmod"):
                words.add(f"{token.lemma_.lower()} {child.lemma_.lower()}")
    for child in children(token, "compound"):
        words.add(f"{child.lemma_.lower()} {token.lemma_.lower()}")
    return words


def _object_words(token: Token, verb: bool) -> set[str]:
    words: set[str] = set()
    if verb:
        target = obj(token) or glued_infinitive(token)
        if target is not None:
            words |= _phrase_words(target)
        for prep, arg in pp_args(token):
            if prep.split()[0] in _OBJECT_PREPS:
                words |= _phrase_words(arg)
        for child in children(token, "nsubj:pass", "compound:prt"):
            words |= _phrase_words(child)
    else:
        words |= _phrase_words(token)
    return words
