"""From candidates to :class:`~threatline.models.Event` records.

Candidates that report no act, or whose actors cannot be named, are dropped (an attack with
casualties and no named perpetrator stays, as ASSAULT null -> null; protests, mobilisations and
announced intentions may lack a target). Mentions of the same act within the article (same
type, source, target, threatened type and status, compatible dates) become one event with one
Provenance per mention (README §2.2). Each event gets its mode and CAMEO code, salience,
confidence, historical flag and a deterministic id.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from threatline.ids import record_id
from threatline.models import Article, Event, EventType, Provenance, Span, Status, TimeValue
from threatline.stages.events_candidate import Candidate
from threatline.stages.events_lexicon import EventLexicon
from threatline.stages.events_parse import kids

__all__ = ["EventMaker"]

_NULL_TARGET_OK = frozenset({EventType.MOBILIZE, EventType.PROTEST})
_EVIDENCE_MAX = 28
_STATUS_WEIGHT = {
    Status.OCCURRED: 1.0,
    Status.THREATENED: 0.9,
    Status.DENIED: 0.85,
    Status.HYPOTHETICAL: 0.8,
}
_VIA_WEIGHT = {"mention": 1.0, "modifier": 0.9, "facility": 0.85, "speaker": 0.85}


class EventMaker:
    """Filters, merges and converts the candidates of one article."""

    def __init__(self, lexicon: EventLexicon, historical_days: int = 30) -> None:
        self.lex = lexicon
        self.historical_days = historical_days

    def keep(self, cand: Candidate) -> bool:
        if not cand.emit:
            return False
        source = cand.source if cand.source is not None and cand.source.resolved else None
        target = cand.target if cand.target is not None and cand.target.resolved else None
        if source is not None and target is not None:
            return source.code != target.code
        if source is None and target is None:
            return cand.type is EventType.ASSAULT and bool(cand.killed or cand.injured)
        if source is None:
            return False
        return cand.type in _NULL_TARGET_OK

    def make(
        self, article: Article, doc: Doc, cands: list[Candidate], lede_end: int
    ) -> list[Event]:
        kept = [c for c in cands if self.keep(c)]
        merged: list[list[Candidate]] = []
        for cand in kept:
            for bucket in merged:
                if _same(bucket[0], cand, self.lex.is_verbal(cand.type)):
                    bucket.append(cand)
                    break
            else:
                merged.append([cand])
        main = self._main(merged, lede_end)
        return [self._event(article, doc, bucket, i in main) for i, bucket in enumerate(merged)]

    def _main(self, merged: list[list[Candidate]], lede_end: int) -> set[int]:
        main = {i for i, b in enumerate(merged) if any(c.trigger.i < lede_end for c in b)}
        occasions = {
            (merged[i][0].source_code, str(_date(merged[i]))) for i in main if _date(merged[i])
        }
        for i, bucket in enumerate(merged):
            key = (bucket[0].source_code, str(_date(bucket)))
            if (
                _date(bucket) is not None
                and key in occasions
                and self.lex.is_verbal(bucket[0].type)
            ):
                main.add(i)
        return main

    def _event(self, article: Article, doc: Doc, bucket: list[Candidate], main: bool) -> Event:
        first = bucket[0]
        date = _date(bucket)
        mode, cameo = self._mode(bucket)
        mentions = [self._provenance(article, doc, c) for c in bucket]
        seen: set[tuple[int, int]] = set()
        unique = []
        for m in mentions:
            if (m.start, m.end) not in seen:
                seen.add((m.start, m.end))
                unique.append(m)
        killed = max((c.killed for c in bucket if c.killed is not None), default=None)
        injured = max((c.injured for c in bucket if c.injured is not None), default=None)
        location = next((c.location for c in bucket if c.location is not None), None)
        source = next((c.source for c in bucket if c.source and c.source.resolved), None)
        target = next((c.target for c in bucket if c.target and c.target.resolved), None)
        return Event(
            id=record_id(
                "mn",
                article.id,
                first.type.value,
                first.source_code,
                first.target_code,
                first.threatened_type.value if first.threatened_type else None,
                str(date) if date else None,
                unique[0].start,
            ),
            type=first.type,
            mode=mode,
            threatened_type=first.threatened_type,
            status=first.status,
            historical=self._historical(date, article.published),
            date=date,
            source=source.ref if source is not None else None,
            target=target.ref if target is not None else None,
            location=location,
            killed=killed,
            injured=injured,
            confidence=max(self._confidence(c) for c in bucket),
            salience="main" if main else "background",
            cameo=cameo,
            mentions=unique,
        )

    def _historical(self, date: TimeValue | None, published: dt.date | None) -> bool:
        if date is None or published is None:
            return False
        return (published - date.end).days > self.historical_days

    def _mode(self, bucket: list[Candidate]) -> tuple[str | None, str | None]:
        first = bucket[0]
        if first.type is EventType.THREATEN:
            threatened = first.threatened_type or EventType.ASSAULT
            mode, cameo = self.lex.threat(threatened, first.threatened_mode)
            return mode, cameo
        mode = next((c.mode for c in bucket if c.mode is not None), None)
        if mode is None:
            mode = self._cue_mode(bucket)
        return mode, self.lex.cameo(first.type, mode, first.spec)

    def _cue_mode(self, bucket: list[Candidate]) -> str | None:
        cues = self.lex.mode_cues.get(bucket[0].type, [])
        if not cues:
            return None
        for cand in bucket:
            doc = cand.sentence.doc
            words: set[str] = set()
            for i in cand.tokens:
                token = doc[i]
                words.add(token.lemma_.lower())
                words.update(c.lemma_.lower() for c in kids(token))
                words.update(f"{c.lemma_.lower()} {token.lemma_.lower()}" for c in kids(token))
            for name, cue_words in cues:
                if words & cue_words:
                    return name
        return None

    def _confidence(self, cand: Candidate) -> float:
        score = cand.strength
        for arg in (cand.source, cand.target):
            if arg is not None and arg.resolved:
                score += 0.12 * _VIA_WEIGHT.get(arg.via, 0.7)
            else:
                score -= 0.1
        score -= 0.03 * max(0, cand.path - 2)
        score *= _STATUS_WEIGHT[cand.status]
        if cand.date is None:
            score -= 0.05
        return round(min(0.99, max(0.05, score)), 4)

    def _provenance(self, article: Article, doc: Doc, cand: Candidate) -> Provenance:
        sent = cand.sentence
        indexes = sorted(
            i for i in {*cand.tokens, *(a.i for a in cand.anchors)} if sent.start <= i < sent.end
        )
        if not indexes:
            indexes = [cand.trigger.i]
        lo, hi = indexes[0], indexes[-1]
        if hi - lo > _EVIDENCE_MAX:
            centre = cand.trigger.i
            lo = max(lo, centre - _EVIDENCE_MAX // 2)
            hi = min(hi, lo + _EVIDENCE_MAX)
        while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
            lo += 1
        while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
            hi -= 1
        span = doc[lo : hi + 1]
        raw = article.text[sent.start_char : sent.end_char]
        text = raw.strip()
        offset = sent.start_char + (len(raw) - len(raw.lstrip()))
        return Provenance(
            doc=article.id,
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            sentence=Span(start=offset, end=offset + len(text), text=text),
            published=article.published,
        )


def _date(bucket: list[Candidate]) -> TimeValue | None:
    dates = [c.date for c in bucket if c.date is not None]
    if not dates:
        return None
    return min(dates, key=lambda d: (_rank(d), d.value))


def _rank(value: TimeValue) -> int:
    return {"day": 0, "month": 1, "year": 2}[value.precision.value]


def _same(a: Candidate, b: Candidate, verbal: bool) -> bool:
    """Same act: same coding and compatible dates; a date guessed at year precision only
    joins another guessed one (it says nothing about which act of that year it is)."""
    if a.key() != b.key():
        return False
    if a.date is None or b.date is None:
        return True
    victim = a.target.person if a.target is not None else None
    if victim is not None and b.target is not None and b.target.person == victim:
        return a.date.compatible(b.date)
    guessed_a = a.date_how == "fallback"
    guessed_b = b.date_how == "fallback"
    if guessed_a != guessed_b and a.date != b.date:
        if a.date.precision.value == "year" or b.date.precision.value == "year":
            return False
        if verbal and (a.source is None or b.source is None or a.source.person != b.source.person):
            return False
        if not verbal and a.trigger.lemma_.lower() != b.trigger.lemma_.lower():
            return False
    return a.date.compatible(b.date)
