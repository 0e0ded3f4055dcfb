"""When each act happened (gold README §2.4).

In order, an event takes:

1. the temporal expression that governs it in its sentence: one whose head reaches the
   event's trigger, light verb or statement verb going up the parse ("on Tuesday", "the
   January 3 strike", "since November"), or that the event's clause hangs from ("since 2018,
   when X withdrew"); an expression inside "before X" / "after X" keeps only its month;
2. the date of an act it refers to: "since the killing" (that date), "in the days prior to the
   attack" (the month just before), "in response to" / "prompted by" / "sparked" (the month of a
   dated killing for an immediate verbal reaction, its year for other acts);
3. the date of the same act mentioned elsewhere in the article (same type and victim), or of
   the same speaker's dated statement in the same or the two previous sentences (one occasion);
4. otherwise: the publication date when reported as new (headline, lede); the publication
   month for present or progressive acts, the month ten days before it for a present perfect;
   the year of the last dated act before it for a past act in a narrative; else the year of
   publication.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from threatline.models import Precision, TimeMention, TimeValue
from threatline.stages.events_candidate import Candidate
from threatline.stages.events_lexicon import EventLexicon
from threatline.stages.events_parse import (
    adjunct_host,
    case_of,
    dep,
    governor,
    kids,
    participle_adjunct,
)

__all__ = ["DateResolver", "Utterance", "adjust", "anniversaries", "time_tokens"]

_MAX_UP = 8
_ANNIVERSARY_DAYS = 7
_BEFORE_DAYS = 3
_PERFECT_DAYS = 10
_NARRATIVE_SENTENCES = 3
_OCCASION_SENTENCES = 2
_OCCASION_PERSON = 4
_RESPONSE_WINDOW = 80
_STOP = frozenset({"ccomp", "parataxis", "csubj", "acl", "acl:relcl", "xcomp", "conj", "appos"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_SHARE = frozenset({"advcl", "conj", "xcomp"})
_SPANS = frozenset({"days", "weeks", "hours", "months", "moments", "years", "day", "week"})
_MAIN = frozenset({"ROOT", "root", "conj", "ccomp", "parataxis", "xcomp", "obj"})


@dataclass(frozen=True, slots=True)
class Utterance:
    """A dated statement verb and who made it (for same-occasion dating)."""

    sentence: int
    code: str | None
    person: str | None
    date: TimeValue


def time_tokens(doc: Doc, times: list[TimeMention]) -> dict[int, tuple[TimeMention, Span]]:
    """Every token of a dated expression mapped to it (and the span)."""
    out: dict[int, tuple[TimeMention, Span]] = {}
    for mention in times:
        if mention.value is None:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        for token in span:
            out[token.i] = (mention, span)
    return out


def anniversaries(times: list[TimeMention], published: dt.date | None) -> list[TimeMention]:
    """The mentions with each anniversary expression ("marking a year since X", "the fifth
    anniversary of X", valued at X's date) moved to the anniversary itself: the last one on or
    shortly before publication, the date of an act that marks it."""
    if published is None:
        return times
    out = []
    for mention in times:
        value = mention.value
        if mention.kind != "anniversary" or value is None or value.precision is Precision.YEAR:
            out.append(mention)
            continue
        start = value.start
        day = min(start.day, 28) if (start.month, start.day) == (2, 29) else start.day
        year = published.year
        moved = start.replace(year=year, day=day)
        if moved > published + dt.timedelta(days=_ANNIVERSARY_DAYS):
            moved = moved.replace(year=year - 1)
        if moved <= start:
            out.append(mention)
            continue
        new = TimeValue(value=moved, precision=value.precision)
        out.append(mention.model_copy(update={"value": new}))
    return out


def adjust(value: TimeValue, relation: str | None) -> TimeValue:
    if relation == "before":
        shifted = value.start - dt.timedelta(days=_BEFORE_DAYS)
        return TimeValue(value=shifted, precision=Precision.MONTH).truncate(value.precision)
    if relation in ("after", "before"):
        return value.truncate(Precision.MONTH)
    return value


class DateResolver:
    """Dates the candidates of one article."""

    def __init__(self, lexicon: EventLexicon) -> None:
        self.lex = lexicon

    # -- 1. governing expressions -------------------------------------------------------------

    def governing(
        self,
        cands: list[Candidate],
        timed: dict[int, tuple[TimeMention, Span]],
        published: dt.date | None = None,
    ) -> None:
        anchors: dict[int, list[Candidate]] = {}
        for cand in cands:
            for token in cand.anchors:
                anchors.setdefault(token.i, []).append(cand)
        seen: set[int] = set()
        for _i, (mention, span) in timed.items():
            if id(mention) in seen:
                continue
            seen.add(id(mention))
            head = span.root
            relation = self._relation(span)
            value = self._value(mention, published)
            if value is None:
                continue
            found = self._attached(head, anchors) or self._before_noun(span, anchors)
            found = [*found, *self._next_fragment(span, anchors)]
            for cand in found:
                if cand.date is None:
                    cand.date = adjust(value, relation)
                    cand.date_how = "governed"
        for cand in cands:
            if cand.date is not None:
                continue
            for token in cand.anchors:
                hanging = self._hanging(token, timed)
                if hanging is not None:
                    cand.date, cand.date_how = hanging, "governed"
                    break
        self._embedded(cands, timed, published)

    def _embedded(
        self,
        cands: list[Candidate],
        timed: dict[int, tuple[TimeMention, Span]],
        published: dt.date | None,
    ) -> None:
        """A statement with no date of its own takes a past date the parser hung on the act
        it is about ("threatened to attack X on Monday": Monday is when it was said; a date
        after publication would be the threatened act's own)."""
        for cand in cands:
            if cand.date is not None or not cand.related:
                continue
            related = {t.i: [cand] for t in cand.related}
            for mention, span in {id(m): (m, sp) for m, sp in timed.values()}.values():
                value = mention.value
                if value is None or (published is not None and value.start > published):
                    continue
                if self._attached(span.root, related):
                    cand.date, cand.date_how = value, "governed"
                    break

    def _value(self, mention: TimeMention, published: dt.date | None) -> TimeValue | None:
        """The date an expression gives an event. A vague one ("recently", "in recent
        weeks") is the month of a day shortly before publication; one that only points at
        another act ("in the days prior to the attack") is left to the reference rule."""
        if mention.kind != "vague":
            return mention.value
        words = set(mention.text.lower().split())
        if words & {"prior", "before", "after", "following", "since"}:
            return None
        if published is None:
            return mention.value
        recent = published - dt.timedelta(days=_PERFECT_DAYS)
        return TimeValue(value=recent, precision=Precision.MONTH)

    def _relation(self, span: Span) -> str | None:
        node: Token | None = span.root
        for _ in range(3):
            if node is None:
                break
            prep = case_of(node)
            if prep is not None:
                first = prep.split()[0]
                if first in self.lex.cues.reference_before:
                    return "before"
                if first in ("after", "following"):
                    return "after"
                if first == "since":
                    return "since"
                return None
            node = governor(node)
            if node is not None and node.pos_ in ("VERB", "AUX"):
                if node.lemma_.lower() in self.lex.cues.reference_before:
                    return "before"
                break
        return None

    def _attached(self, head: Token, anchors: dict[int, list[Candidate]]) -> list[Candidate]:
        """Candidates whose anchor the expression hangs from within its clause (a participle
        adjunct, "speaking ... on Tuesday", shares the time of the clause it modifies)."""
        node = head
        for _ in range(_MAX_UP):
            if node.i in anchors:
                return anchors[node.i]
            label = dep(node)
            if participle_adjunct(node):
                pass
            elif label in _STOP or label == "advcl":
                return []
            up = governor(node)
            if up is None:
                return []
            node = up
        return []

    def _before_noun(self, span: Span, anchors: dict[int, list[Candidate]]) -> list[Candidate]:
        """Parse-error fallback: a date right before an act noun ("the November killing",
        "a January 3, 2020, strike") dates it."""
        doc = span.doc
        i = span.end
        while i < len(doc) and i - span.end < 3 and (doc[i].is_punct or doc[i].pos_ == "ADJ"):
            i += 1
        if i < len(doc) and i in anchors and doc[i].pos_ in ("NOUN", "VERB", "PROPN"):
            return anchors[i]
        return []

    def _next_fragment(self, span: Span, anchors: dict[int, list[Candidate]]) -> list[Candidate]:
        """Parse-error fallback: a date in a fragment without a finite verb that the parser cut
        off ("Earlier this month, UN rapporteur" | "X concluded ...", "Speaking ... on Monday,
        General" | "X said ...") also dates the next fragment's main verb."""
        sent = span.sent
        if any(t.tag_ in _FINITE for t in sent) or sent[-1].text in (".", "?", "!"):
            return []
        doc = span.doc
        for nxt in (later for later in doc.sents if later.start >= sent.end):
            if any("\n" in t.text for t in doc[sent.end - 1 : nxt.start + 1]):
                return []
            if nxt.root.i in anchors:
                return anchors[nxt.root.i]
            if any(t.tag_ in _FINITE for t in nxt):
                return []
            if nxt[-1].text in (".", "?", "!"):
                return []
        return []

    def shared(self, cands: list[Candidate]) -> None:
        """An undated act in an adjunct or coordinated clause of a dated act takes its date
        ("issued threats ..., while accusing X")."""
        dated: dict[int, Candidate] = {}
        for cand in cands:
            if cand.date is not None:
                for token in cand.anchors:
                    dated.setdefault(token.i, cand)
        for cand in cands:
            if cand.date is not None:
                continue
            for token in cand.anchors:
                found = self._share_from(token, dated)
                if found is not None and found.date is not None:
                    cand.date, cand.date_how = found.date, "clause"
                    break

    def _share_from(self, token: Token, dated: dict[int, Candidate]) -> Candidate | None:
        """The dated act whose clause this one is an adjunct of, or coordinated with in the
        same tense ("has placed sanctions ... and warned" does not share "will leave next
        month")."""
        node = token
        for _ in range(3):
            label = dep(node)
            up = adjunct_host(node) or governor(node)
            if up is None or label not in _SHARE:
                return None
            if label == "conj" and _tense_key(node) != _tense_key(up):
                return None
            if up.i in dated:
                return dated[up.i]
            node = up
        return None

    def _hanging(
        self, token: Token, timed: dict[int, tuple[TimeMention, Span]]
    ) -> TimeValue | None:
        """The time a "when" clause hangs from ("since 2018, when X withdrew")."""
        node = token
        for _ in range(3):
            label = dep(node)
            if label not in ("acl:relcl", "acl", "advcl", "conj") or adjunct_host(node):
                return None
            up = governor(node)
            if up is None:
                return None
            if up.i in timed and timed[up.i][0].value is not None:
                return timed[up.i][0].value
            when = any(t.lower_ == "when" for t in node.subtree if t.i < node.i)
            if label == "advcl" and when:
                for child in kids(up):
                    if child.i in timed and dep(child).startswith("obl"):
                        value = timed[child.i][0].value
                        if value is not None:
                            return value
            node = up
        return None

    def fallback(
        self,
        cands: list[Candidate],
        published: dt.date | None,
        lede_end: int,
        sentence_of: list[int],
    ) -> None:
        if published is None:
            return
        dated = sorted(
            (c for c in cands if c.date is not None and c.date_how != "fallback"),
            key=lambda c: c.trigger.i,
        )
        for cand in cands:
            if cand.date is not None:
                continue
            headline = cand.date_how == "headline"
            cand.date_how = "fallback"
            tense = cand.tense
            main = any(dep(a) in _MAIN for a in cand.anchors)
            clause_act = headline or (
                main and (cand.trigger.pos_ in ("VERB", "AUX") or len(cand.anchors) > 1)
            )
            if headline:
                cand.date = TimeValue(value=published, precision=Precision.MONTH)
            elif cand.trigger.i < lede_end and tense not in ("pluperfect",) and clause_act:
                cand.date = TimeValue.day(published)
            elif tense in ("present", "progressive", "future"):
                cand.date = TimeValue(value=published, precision=Precision.MONTH)
            elif tense == "perfect":
                recent = published - dt.timedelta(days=_PERFECT_DAYS)
                cand.date = TimeValue(value=recent, precision=Precision.MONTH)
            else:
                cand.date = self._narrative(cand, dated, published, sentence_of)

    def _narrative(
        self,
        cand: Candidate,
        dated: list[Candidate],
        published: dt.date,
        sentence_of: list[int],
    ) -> TimeValue:
        here = sentence_of[cand.trigger.i]
        for other in reversed(dated):
            there = sentence_of[other.trigger.i]
            if there > here or other.date is None:
                continue
            if here - there <= _NARRATIVE_SENTENCES and other.date.start <= published:
                # told after that act and before publication: the coarsest unit holding both
                start = other.date.start
                if (start.year, start.month) == (published.year, published.month):
                    return TimeValue(value=published, precision=Precision.MONTH)
                return other.date.truncate(Precision.YEAR)
            break
        return TimeValue(value=published, precision=Precision.YEAR)


def _tense_key(verb: Token) -> tuple[str, ...]:
    return (verb.tag_, *sorted(a.lower_ for a in kids(verb) if dep(a) == "aux"))
