"""The events stage: PLOVER events with source, target, status, date, place, casualties and
evidence, from the parse and the actor, time and place mentions of each article.

Per sentence: triggers (lexicon) are grouped into acts, each act's fate is read from what
governs it (vows, requests, speech, conditions, negation), and candidates are built with their
actors. Per article: same-act mentions complete each other, dates are resolved, places and
casualties attached, and mentions of one act are merged into one :class:`Event` with one
Provenance per mention. See ``docs/events.md``.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Span

from threatline.models import Event, TimeMention
from threatline.stages.base import Work
from threatline.stages.events_actors import ActorIndex
from threatline.stages.events_build import CandidateBuilder, SentenceInput
from threatline.stages.events_candidate import Arg, Candidate
from threatline.stages.events_casualties import CasualtyReader
from threatline.stages.events_context import quoted_tokens
from threatline.stages.events_demands import DemandReader
from threatline.stages.events_frames import GroupReader
from threatline.stages.events_headline import HeadlineReader, is_title_case
from threatline.stages.events_labels import LabelReader
from threatline.stages.events_lexicon import EventLexicon, load_lexicon
from threatline.stages.events_merge import EventMaker
from threatline.stages.events_parse import release, subject
from threatline.stages.events_places import PlaceReader
from threatline.stages.events_repair import repair
from threatline.stages.events_resolve import Denial, Resolver
from threatline.stages.events_time import DateResolver, anniversaries, time_tokens
from threatline.stages.events_time_refs import ReferenceDater
from threatline.stages.events_triggers import Trigger, TriggerFinder

__all__ = ["EventStage"]

_TITLE_MAX_TOKENS = 30
_QUOTE_AHEAD = 6
_PERSONAL = frozenset({"he", "she"})
_PRONOUN_BACK = 5
_ATTRIBUTION_LEAD = 5
_TERMINAL = frozenset({".", "!", "?", '"', "”", "’", "'"})


class EventStage:
    """Fills ``work.events``. Holds the lexicon and the matchers built from it."""

    name = "events"
    requires = frozenset({"doc", "actors", "times", "places"})
    provides = frozenset({"events"})

    def __init__(self, lexicon: EventLexicon | None = None, historical_days: int = 30) -> None:
        self.lexicon = lexicon if lexicon is not None else load_lexicon()
        lex = self.lexicon
        self.groups = GroupReader(lex)
        self.builder = CandidateBuilder(lex)
        self.dates = DateResolver(lex)
        self.refs = ReferenceDater(lex)
        self.casualties = CasualtyReader(lex)
        self.places = PlaceReader(lex)
        self.resolver = Resolver(lex)
        self.labels = LabelReader(lex)
        self.demands = DemandReader(lex)
        self.headline = HeadlineReader(lex)
        self.maker = EventMaker(lex, historical_days)
        self._finders: dict[int, TriggerFinder] = {}

    def finder(self, doc: Doc) -> TriggerFinder:
        """The trigger matcher for this Doc's vocabulary (built once per vocabulary)."""
        key = id(doc.vocab)
        found = self._finders.get(key)
        if found is None:
            found = TriggerFinder(doc.vocab, self.lexicon)
            self._finders[key] = found
        return found

    def __call__(self, batch: list[Work]) -> None:
        for work in batch:
            if work.doc is None:
                continue
            work.events = self.extract(work)

    def extract(self, work: Work) -> list[Event]:
        if work.doc is None:
            return []
        doc = repair(work.doc)
        try:
            cands, lede_end = self._candidates(work, doc)
            return self.maker.make(work.article, doc, cands, lede_end)
        finally:
            release(doc)
            release(work.doc)

    def candidates(self, work: Work) -> tuple[list[Candidate], int]:
        """Every candidate of an article, resolved and dated (before filtering and merging),
        and the token index where the lede ends (read on the mended parse, see
        :mod:`events_repair`)."""
        if work.doc is None:
            return [], 0
        doc = repair(work.doc)
        try:
            return self._candidates(work, doc)
        finally:
            release(doc)
            release(work.doc)

    def _candidates(self, work: Work, doc: Doc) -> tuple[list[Candidate], int]:
        lex = self.lexicon
        actors = ActorIndex(doc, work.actors, work.places, lex)
        timed = time_tokens(doc, anniversaries(work.times, work.article.published))
        # words of names and of dates ("March") are never act nouns
        triggers, cues = self.finder(doc).scan(doc, actors.inside_names() | frozenset(timed))
        quoted = quoted_tokens(doc)
        past = _past_tokens(timed, work.article.published)
        first_break = _first_break(doc, work.article.text)
        lede_end = _lede_end(doc, first_break)
        cands: list[Candidate] = []
        denials: list[Denial] = []
        speeches: list[tuple[int, Arg]] = []
        quote_speaker: Arg | None = None
        by_sentence: dict[int, list[Trigger]] = {}
        sentences = list(doc.sents)
        for trig in triggers:
            by_sentence.setdefault(actors.sentence_of[trig.i], []).append(trig)
        cue_lists: dict[int, list[int]] = {}
        for i in sorted(cues):
            cue_lists.setdefault(actors.sentence_of[i], []).append(i)
        attributions: list[Arg | None] = []
        for number, sent in enumerate(sentences):
            attributions.append(
                self._attribution(sent, actors, attributions, number, cue_lists.get(number, []))
            )
        title = _title(doc, first_break)
        if title is not None and is_title_case(title):
            cands.extend(self.headline.read(title, triggers, actors))
        else:
            title = None
        for number, sent in enumerate(sentences):
            sent_triggers = by_sentence.get(number, [])
            sent_cues = cue_lists.get(number, [])
            quote_speaker = self._quote_speaker(
                number, sentences, attributions, quoted, quote_speaker
            )
            if not sent_triggers and not sent_cues:
                continue  # no act and no frame word: nothing below can find anything
            kinds = self.groups.frame_words(sent, sent_triggers, sent_cues)
            groups = self.groups.groups(sent, sent_triggers, kinds, past)
            embeds = self.groups.decide(groups, quoted)
            s = SentenceInput(
                sent=sent,
                triggers={t.i: t for t in sent_triggers},
                groups=groups,
                embeds=embeds,
                kinds=kinds,
                quoted=quoted,
                quote_speaker=quote_speaker,
                headline=sent.start < lede_end and number == 0,
                attribution=attributions[number],
            )
            found = self.builder.build(s, actors)
            found.extend(self.labels.read(sent, s.triggers, actors, quote_speaker, sent_cues))
            demands, clauses = self.demands.read(
                sent, kinds, actors, attributions[number] or quote_speaker
            )
            for cand in found:
                if any(c.left_edge.i <= cand.trigger.i <= c.right_edge.i for c in clauses):
                    cand.emit = False
            found.extend(demands)
            if title is not None and sent.start < title.end:
                for cand in found:
                    cand.emit = False
            self.casualties.read(sent, found)
            cands.extend(found)
            for token_i, kind in kinds.items():
                speaker = self._speaker(doc, token_i, actors, quote_speaker)
                if kind == "deny":
                    denials.append(Denial(doc[token_i], speaker, number))
                elif speaker is not None and (
                    kind in ("speech", "commissive")
                    or self.lexicon.lemma(doc[token_i]) in self.lexicon.speech
                ):
                    speeches.append((token_i, speaker))
        self._resolve(
            work,
            doc=doc,
            timed=timed,
            cands=cands,
            denials=denials,
            speeches=speeches,
            lede_end=lede_end,
            sentence_of=actors.sentence_of,
        )
        return cands, lede_end

    def _attribution(
        self,
        sent: Span,
        actors: ActorIndex,
        previous: list[Arg | None],
        number: int,
        cues: list[int],
    ) -> Arg | None:
        """The speaker a sentence names with a statement verb ("..., Nasrallah said"); "he
        said" is the last named speaker of the two previous sentences."""
        for token in (sent.doc[i] for i in cues):
            if token.pos_ != "VERB" or self.lexicon.lemma(token) not in self.lexicon.speech:
                continue
            subj = subject(token)
            if subj is not None and subj.lower_ in _PERSONAL:
                for back in range(number - 1, max(-1, number - _PRONOUN_BACK), -1):
                    earlier = previous[back]
                    if earlier is not None and earlier.person is not None:
                        return earlier
            found = self._speaker(sent.doc, token.i, actors, None)
            if found is not None:
                return found
        return None

    def _quote_speaker(
        self,
        number: int,
        sentences: list[Span],
        attributions: list[Arg | None],
        quoted: frozenset[int],
        previous: Arg | None,
    ) -> Arg | None:
        """Who speaks the quotation in a sentence: its own attribution, that of a short next
        sentence ("Nasrallah said."), or the speaker of the quotation it continues."""
        sent = sentences[number]
        if not _has_quote(sent, quoted):
            return None
        if attributions[number] is not None:
            return attributions[number]
        for ahead in range(number + 1, min(number + _QUOTE_AHEAD, len(sentences))):
            nxt = sentences[ahead]
            if attributions[ahead] is not None and self._leads_with_attribution(nxt):
                return attributions[ahead]
            if not _has_quote(nxt, quoted):
                break
        return previous

    def _leads_with_attribution(self, sent: Span) -> bool:
        """A sentence that opens with "X said" / "he added" (after a closing quote)."""
        words = [t for t in sent if not t.is_punct and not t.is_space][:_ATTRIBUTION_LEAD]
        return any(t.pos_ == "VERB" and t.lemma_.lower() in self.lexicon.speech for t in words)

    def _speaker(
        self, doc: Doc, token_i: int, actors: ActorIndex, quote_speaker: Arg | None
    ) -> Arg | None:
        for subj in self.builder.roles.subjects(doc[token_i]):
            arg = actors.resolve(subj, speaker=quote_speaker)
            if arg is not None and arg.ref is not None:
                return arg
        if not self.builder.roles.subjects(doc[token_i]):
            return actors.last_person(doc[token_i])
        return None

    def _resolve(
        self,
        work: Work,
        *,
        doc: Doc,
        timed: dict[int, tuple[TimeMention, Span]],
        cands: list[Candidate],
        denials: list[Denial],
        speeches: list[tuple[int, Arg]],
        lede_end: int,
        sentence_of: list[int],
    ) -> None:
        self.dates.governing(cands, timed, work.article.published)
        self.dates.shared(cands)
        utterances = self.refs.utterances(doc, speeches, timed, sentence_of)
        by_token: dict[int, Candidate] = {}
        for cand in sorted(cands, key=lambda c: not c.emit):
            for i in cand.triggers:
                by_token.setdefault(i, cand)
        self.resolver.same_act(cands)
        self.refs.references(cands, by_token)
        self.resolver.same_act(cands)
        self.resolver.perpetrators(cands, by_token)
        self.resolver.revenge(cands)
        self.resolver.context_targets(cands, sentence_of)
        self.refs.occasion(cands, utterances, sentence_of)
        self.dates.fallback(cands, work.article.published, lede_end, sentence_of)
        self.places.read(doc, work.places, cands)
        self.resolver.crowds(cands)
        self.resolver.denials(cands, denials, sentence_of)


def _past_tokens(
    timed: dict[int, tuple[TimeMention, Span]], published: dt.date | None
) -> frozenset[int]:
    """Tokens of time expressions that begin before publication."""
    if published is None:
        return frozenset()
    return frozenset(
        i for i, (m, _span) in timed.items() if m.value is not None and m.value.start < published
    )


def _has_quote(sent: Span, quoted: frozenset[int]) -> bool:
    return any(i in quoted for i in range(sent.start, sent.end))


def _first_break(doc: Doc, text: str) -> int:
    """Index of the first token holding a line break (len(doc) when there is none)."""
    pos = text.find("\n")
    if pos < 0:
        return len(doc)
    span = doc.char_span(0, pos + 1, alignment_mode="expand")
    return span.end - 1 if span is not None else len(doc)


def _title(doc: Doc, first_break: int) -> Span | None:
    """The headline: a short first line without final punctuation."""
    words = [t for t in doc[:first_break] if not t.is_space]
    if 0 < len(words) <= _TITLE_MAX_TOKENS and words[-1].text not in _TERMINAL:
        return doc[:first_break]
    return None


def _lede_end(doc: Doc, first_break: int) -> int:
    """Token index where the lede ends: the headline (a short first line without final
    punctuation) and the first sentence after it, or the first paragraph."""
    words = [t for t in doc[:first_break] if not t.is_space]
    is_title = 0 < len(words) <= _TITLE_MAX_TOKENS and words[-1].text not in _TERMINAL
    if not is_title:
        return first_break
    for sent in doc.sents:
        if sent.start > first_break and sent.text.strip():
            return sent.end
    return first_break
