"""The quotes stage: direct quotations and reported speech with speaker, date and event.

The work is split by concern:

- :mod:`~threatline.stages.quotes_text`: quotation marks, paragraphs, sentences;
- :mod:`~threatline.stages.quotes_reported`: speech cues and the clauses they report (bounds in
  :mod:`~threatline.stages.quotes_clause`, subjects in :mod:`~threatline.stages.quotes_syntax`);
- :mod:`~threatline.stages.quotes_direct`: what attributes each quotation;
- :mod:`~threatline.stages.quotes_speaker`: speaker phrases to actors, pronouns, labels;
- :mod:`~threatline.stages.quotes_link`: statement dates and the event a statement expresses.

See ``docs/quotes.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from threatline.ids import record_id
from threatline.knowledge import KnowledgeBase
from threatline.models import Article, Quote, TimeMention
from threatline.stages.base import Work
from threatline.stages.quotes_direct import direct_quotes
from threatline.stages.quotes_lexicon import DATED_CUES
from threatline.stages.quotes_link import Act, date_acts, link_event, own_date
from threatline.stages.quotes_reported import find_cues, reported_speech, source_range
from threatline.stages.quotes_speaker import Speaker, SpeakerResolver
from threatline.stages.quotes_syntax import Attribution, Cue, time_tokens
from threatline.stages.quotes_text import Layout

__all__ = ["Extraction", "QuoteStage", "extract", "title_end"]

_FOLD = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " "})
_SPACE = re.compile(r"\s+")


@dataclass
class Extraction:
    """Everything the rules found in one parsed article, before speakers are resolved."""

    layout: Layout
    cues: dict[int, Cue]
    attributions: list[Attribution]


def title_end(article: Article) -> int:
    """Character offset where the headline ends (0 when the text does not open with it)."""
    title = (article.title or "").strip()
    if not title:
        return 0
    text = article.text
    start = len(text) - len(text.lstrip())
    return start + len(title) if text.startswith(title, start) else 0


def extract(
    doc: Doc,
    times: list[tuple[int, int]] | None = None,
    skip_before: int = 0,
    text: str | None = None,
) -> Extraction:
    """Cues, reported clauses and attributed quotations of ``doc``; ``times`` are the
    character spans of temporal expressions, ``skip_before`` the end of the headline, ``text``
    the text ``doc`` was parsed from (read from ``doc`` when not given)."""
    layout = Layout(doc, text)
    cues = find_cues(doc, layout, skip_before)
    reported = reported_speech(doc, layout, cues, time_tokens(layout, times or []))
    direct = direct_quotes(doc, layout, cues, reported, skip_before)
    found = _without_echoes(_dedupe(reported + direct), layout.text)
    found.sort(key=lambda at: (at.start, not at.direct))
    return Extraction(layout, cues, found)


def _fold(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_FOLD)).strip(" ,.").casefold()


def _dedupe(found: list[Attribution]) -> list[Attribution]:
    """One entry per span: a clause reached from two cues is kept once."""
    seen: set[tuple[int, int, bool]] = set()
    out: list[Attribution] = []
    for at in found:
        key = (at.start, at.end, at.direct)
        if key not in seen:
            seen.add(key)
            out.append(at)
    return out


class QuoteStage:
    """Fills ``work.quotes``: every statement with its speaker, date and event, sorted by start.

    ``kb`` (optional) gives persons' gender for pronouns and countries' short names for
    unnamed speakers ("unnamed US defense official"); without it both are read from the text.
    """

    name = "quotes"
    requires = frozenset({"doc", "actors", "times", "events"})
    provides = frozenset({"quotes"})

    def __init__(self, kb: KnowledgeBase | None = None) -> None:
        self.kb = kb

    def __call__(self, batch: list[Work]) -> None:
        for work in batch:
            work.quotes = self.quotes(work) if work.doc is not None else []

    def quotes(self, work: Work) -> list[Quote]:
        """The quotes of one parsed article."""
        doc = work.doc
        if doc is None:
            return []
        article = work.article
        text = article.text if _parsed_from(doc, article.text) else None
        found = extract(doc, [(t.start, t.end) for t in work.times], title_end(article), text)
        text = found.layout.text
        resolver = SpeakerResolver(doc, found.layout, work.actors, self.kb)
        by_cue, by_dash = _resolve(found, resolver)

        def speakers(at: Attribution) -> list[Speaker]:
            if at.inherit is not None:
                return speakers(at.inherit)
            if at.cue is not None:
                return by_cue.get(at.cue.token, [])
            return by_dash.get(id(at), [])

        acts = _acts(found, by_cue, work.times)
        date_acts(list(acts.values()))

        def act_of(at: Attribution) -> Act | None:
            if at.inherit is not None:
                return act_of(at.inherit)
            return acts.get(at.cue.token) if at.cue is not None else None

        out: list[Quote] = []
        for at in found.attributions:
            who = speakers(at) or [Speaker(None, "", at.start)]
            act = act_of(at)
            cue = at.cue.lemma if at.cue is not None else None
            spans = [(at.start, at.end), found.layout.sentence_chars(at.sentence)]
            for sp in who:
                parts: list[object] = [article.id, at.start, at.end, at.direct]
                if len(who) > 1 and sp.ref is not None:
                    parts.append(sp.ref.person or sp.ref.name)  # joint speakers share the span
                out.append(
                    Quote(
                        id=record_id("qt", *parts),
                        doc=article.id,
                        text=text[at.start : at.end],
                        direct=at.direct,
                        start=at.start,
                        end=at.end,
                        speaker=sp.ref,
                        speaker_text=sp.text or None,
                        cue=cue,
                        date=act.date if act is not None else None,
                        event_id=link_event(article.id, work.events, sp.ref, cue, spans),
                    )
                )
        out.sort(key=lambda q: (q.start, q.end, not q.direct))
        return out


def _parsed_from(doc: Doc, text: str) -> bool:
    """``doc`` was parsed from ``text`` (compared by length, without rebuilding doc.text)."""
    if len(doc) == 0:
        return not text.strip()
    last = doc[-1]
    return last.idx + len(last.text_with_ws) == len(text)


def _resolve(
    found: Extraction, resolver: SpeakerResolver
) -> tuple[dict[int, list[Speaker]], dict[int, list[Speaker]]]:
    """Speakers of every cue (by token) and of every dash attribution (by object id), resolved
    in text order so that pronouns see the speakers before them."""
    doc, layout = resolver.doc, found.layout
    by_cue: dict[int, list[Speaker]] = {}
    by_dash: dict[int, list[Speaker]] = {}
    items: list[tuple[int, Cue | Attribution]] = [
        (cue.subject if cue.subject is not None else cue.token, cue) for cue in found.cues.values()
    ]
    items += [(at.source[0], at) for at in found.attributions if at.cue is None and at.source]
    for _, item in sorted(items, key=lambda pair: pair[0]):
        if isinstance(item, Cue):
            span = source_range(doc, layout, item)
            if span is not None and item.subject is not None:
                by_cue[item.token] = resolver.resolve(span[0], span[1], item.subject)
        elif item.source is not None:
            by_dash[id(item)] = resolver.resolve(item.source[0], item.source[1], item.source[0])
    return by_cue, by_dash


def _acts(
    found: Extraction, by_cue: dict[int, list[Speaker]], times: list[TimeMention]
) -> dict[int, Act]:
    """One speech act per cue, with the date its own attribution gives (if any)."""
    layout = found.layout
    contents: dict[int, list[tuple[int, int]]] = {}
    for at in found.attributions:
        if at.cue is not None and not at.direct:
            contents.setdefault(at.cue.token, []).append((at.start, at.end))
    quoted = [(m.open, m.close + 1) for m in layout.quotes]
    acts: dict[int, Act] = {}
    for token in sorted(found.cues):
        if found.cues[token].lemma not in DATED_CUES:
            continue  # "responded with missile strikes" is no statement
        refs = [s.ref for s in by_cue.get(token, []) if s.ref is not None]
        pos = layout.idx[token]
        got, day = own_date(layout, times, token, contents.get(token, []) + quoted)
        acts[token] = Act(pos, layout.para_at(pos), refs, got, day)
    return acts


def _without_echoes(found: list[Attribution], text: str) -> list[Attribution]:
    """Drop a direct quotation whose words are part of a longer one ("heavy price" beside
    "the enemy will pay a heavy price"): an echo of the same statement."""
    direct = [(at, _fold(text[at.start : at.end])) for at in found if at.direct]
    drop: set[int] = set()
    for at, words in direct:
        for other, longer in direct:
            if other is at or len(longer) <= len(words):
                continue
            if re.search(rf"(?<!\w){re.escape(words)}(?!\w)", longer):
                drop.add(id(at))
                break
    return [at for at in found if id(at) not in drop]
