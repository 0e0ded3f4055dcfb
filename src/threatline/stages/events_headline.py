"""Title-case headlines ("Iran Vows Soleimani Revenge As Anniversary Looms"), which parsers
trained on running text read badly, are read by word order instead: the last actor named before
the first statement or act verb is the source; what follows the verb gives the act (a hostile
act after a vow, warning or hint makes a THREATEN) and its target (an actor after "against",
"on", "to", or right after the verb).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from threatline.models import EventType, Status
from threatline.stages.events_actors import ActorIndex
from threatline.stages.events_candidate import Arg, Candidate
from threatline.stages.events_lexicon import EventLexicon
from threatline.stages.events_triggers import Trigger, inflections

__all__ = ["HeadlineReader", "is_title_case"]

_TARGET_WORDS = frozenset({"against", "on", "to", "at", "over"})
_MIN_WORDS = 4
_TITLE_SHARE = 0.6
_STRENGTH = 0.55


def is_title_case(span: Span) -> bool:
    """Most words capitalised, as in a headline."""
    words = [t for t in span if t.is_alpha and len(t.text) > 3]
    if len(words) < _MIN_WORDS:
        return False
    return sum(t.text[0].isupper() for t in words) / len(words) >= _TITLE_SHARE


class HeadlineReader:
    """Reads a title-case headline by word order."""

    def __init__(self, lexicon: EventLexicon) -> None:
        self.lex = lexicon
        self.verbs: dict[str, tuple[str, EventType | None]] = {}
        for word in lexicon.commissive | {"warn", "threaten"}:
            for form in inflections(word, verb=True):
                self.verbs.setdefault(form, ("vow", None))
        for word in lexicon.speech:
            for form in inflections(word, verb=True):
                self.verbs.setdefault(form, ("say", None))
        for etype, spec in lexicon.entries():
            if not lexicon.is_verbal(etype) or spec.preps or spec.objects:
                continue
            for verb in spec.verbs:
                if " " in verb:
                    continue
                for form in inflections(verb, verb=True):
                    self.verbs[form] = ("act", etype)

    def read(self, span: Span, triggers: list[Trigger], actors: ActorIndex) -> list[Candidate]:
        verb = next(
            (t for t in span if t.lower_ in self.verbs and self._named_before(t, span, actors)),
            None,
        )
        if verb is None:
            return []
        kind, etype = self.verbs[verb.lower_]
        source = self._source(verb, span, actors)
        if source is None:
            return []
        after = [t for t in triggers if t.i > verb.i and span.start <= t.i < span.end]
        hostile = next((t for t in after if self.lex.is_hostile(t.type)), None)
        made: EventType
        threatened: EventType | None
        if kind == "act" and etype is not None and etype is not EventType.THREATEN:
            made, threatened = etype, None
        elif hostile is not None:
            made, threatened = EventType.THREATEN, hostile.type
        else:
            return []
        cand = Candidate(
            type=made,
            trigger=verb,
            spec=None,
            sentence=span,
            threatened_type=threatened,
            threatened_mode=hostile.spec.mode if hostile is not None and threatened else None,
            status=Status.OCCURRED,
            source=source,
            strength=_STRENGTH,
            tense="present",
            date_how="headline",
        )
        cand.anchors.append(verb)
        cand.tokens.update({verb.i, source.token.i})
        if hostile is not None:
            cand.tokens.add(hostile.i)
            cand.retaliation = hostile.spec.retaliation
            cand.victim = self._victim(hostile, span, actors)
        cand.target = self._target(verb, span, actors, source)
        if cand.target is not None:
            cand.tokens.add(cand.target.token.i)
        return [cand]

    def _named_before(self, verb: Token, span: Span, actors: ActorIndex) -> bool:
        return any(actors.mention(t) is not None for t in span.doc[span.start : verb.i])

    def _source(self, verb: Token, span: Span, actors: ActorIndex) -> Arg | None:
        for token in reversed(span.doc[span.start : verb.i]):
            mention = actors.mention(token)
            if mention is not None and mention.ref is not None and mention.ref.resolved:
                return Arg(token, mention.ref, "mention")
        return None

    def _target(self, verb: Token, span: Span, actors: ActorIndex, source: Arg) -> Arg | None:
        doc = span.doc
        for token in doc[verb.i + 1 : span.end]:
            mention = actors.mention(token)
            if mention is None or mention.ref is None or not mention.ref.resolved:
                continue
            if mention.ref.code == source.code:
                continue
            before = doc[token.i - 1]
            if token.i == verb.i + 1 or before.lower_ in _TARGET_WORDS:
                return Arg(token, mention.ref, "mention")
        return None

    def _victim(self, hostile: Trigger, span: Span, actors: ActorIndex) -> Token | None:
        if hostile.i - 1 < span.start:
            return None
        before = span.doc[hostile.i - 1]
        mention = actors.mention(before)
        if mention is not None and mention.ref is not None and mention.ref.person is not None:
            return before
        return None
