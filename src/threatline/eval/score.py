"""Score predictions against gold, document by document (gold README §2.9)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from threatline.errors import EvalError
from threatline.eval.assign import match
from threatline.eval.gold import GoldDoc, load_gold
from threatline.eval.match import (
    ATTRIBUTES,
    alias_resolved,
    attribute_checks,
    core_match,
    normalise_quote,
    quote_texts_match,
    same_speaker,
    strict_match,
)
from threatline.eval.predictions import (
    DocPredictions,
    PredDocument,
    PredEvent,
    Predictions,
    PredQuote,
)
from threatline.eval.report import (
    PRF,
    ActorScores,
    DocReport,
    EvalReport,
    EventScores,
    Misses,
    PublishedScores,
    QuoteScores,
    Rate,
    Scores,
)

__all__ = [
    "evaluate",
    "evaluate_gold",
    "score_actors",
    "score_boilerplate",
    "score_doc",
    "score_events",
    "score_published",
    "score_quotes",
    "score_title",
]


def _prf(matched: int, gold: int, predicted: int) -> PRF:
    return PRF(tp=matched, fp=predicted - matched, fn=gold - matched)


def _rate(flags: Sequence[bool]) -> Rate:
    return Rate(correct=sum(flags), total=len(flags))


def _quote_label(text: str, direct: bool, speaker: str | None) -> str:
    mark = "direct" if direct else "reported"
    short = normalise_quote(text)
    short = short if len(short) <= 80 else short[:77] + "..."
    return f"{speaker or '-'} ({mark}): {short}"


def score_events(gold: GoldDoc, preds: Sequence[PredEvent]) -> tuple[EventScores, Misses]:
    """Strict and core matching, main recall and attribute accuracies on core pairs."""
    events = gold.events

    def strict(g_index: int, p_index: int) -> int | None:
        return 0 if strict_match(events[g_index], preds[p_index]) else None

    def core(g_index: int, p_index: int) -> int | None:
        variant = core_match(events[g_index], preds[p_index])
        if variant is None:
            return None
        checks = attribute_checks(variant, preds[p_index]).values()
        return sum(1 for ok in checks if ok is not False)

    indices_g, indices_p = range(len(events)), range(len(preds))
    strict_pairs = match(indices_g, indices_p, strict)
    core_pairs = match(indices_g, indices_p, core, max_bonus=len(ATTRIBUTES))
    main = [i for i, event in enumerate(events) if event.is_main]
    strict_gold = {g for g, _ in strict_pairs}
    core_gold = {g for g, _ in core_pairs}
    flags: dict[str, list[bool]] = {name: [] for name in ATTRIBUTES}
    for g_index, p_index in core_pairs:
        variant = core_match(events[g_index], preds[p_index])
        if variant is None:  # pragma: no cover - core pairs always have a matching variant
            continue
        for name, ok in attribute_checks(variant, preds[p_index]).items():
            if ok is not None:
                flags[name].append(ok)
    scores = EventScores(
        strict=_prf(len(strict_pairs), len(events), len(preds)),
        core=_prf(len(core_pairs), len(events), len(preds)),
        main_recall=_rate([i in strict_gold for i in main]),
        main_recall_core=_rate([i in core_gold for i in main]),
        attributes={name: _rate(values) for name, values in flags.items()},
    )
    strict_pred = {p for _, p in strict_pairs}
    misses = Misses(
        events_missed=[e.label() for i, e in enumerate(events) if i not in strict_gold],
        events_spurious=[p.label() for i, p in enumerate(preds) if i not in strict_pred],
    )
    return scores, misses


def score_quotes(gold: GoldDoc, preds: Sequence[PredQuote]) -> tuple[QuoteScores, Misses]:
    """Full matching (direct, speaker, text) and speaker accuracy (text and direct only)."""
    quotes = gold.quotes

    def full(g_index: int, p_index: int) -> int | None:
        g, p = quotes[g_index], preds[p_index]
        ok = g.direct == p.direct and same_speaker(g, p) and quote_texts_match(g.text, p.text)
        return 0 if ok else None

    def textual(g_index: int, p_index: int) -> int | None:
        g, p = quotes[g_index], preds[p_index]
        if g.direct != p.direct or not quote_texts_match(g.text, p.text):
            return None
        return 1 if same_speaker(g, p) else 0

    indices_g, indices_p = range(len(quotes)), range(len(preds))
    pairs = match(indices_g, indices_p, full)
    text_pairs = match(indices_g, indices_p, textual, max_bonus=1)
    matched_gold = {g for g, _ in pairs}
    matched_pred = {p for _, p in pairs}

    def split(direct: bool) -> PRF:
        n_gold = sum(1 for q in quotes if q.direct == direct)
        n_pred = sum(1 for q in preds if q.direct == direct)
        n_match = sum(1 for g, _ in pairs if quotes[g].direct == direct)
        return _prf(n_match, n_gold, n_pred)

    scores = QuoteScores(
        all=_prf(len(pairs), len(quotes), len(preds)),
        direct=split(True),
        reported=split(False),
        speaker=_rate([same_speaker(quotes[g], preds[p]) for g, p in text_pairs]),
    )
    misses = Misses(
        quotes_missed=[
            _quote_label(q.text, q.direct, q.speaker)
            for i, q in enumerate(quotes)
            if i not in matched_gold
        ],
        quotes_spurious=[
            _quote_label(q.text, q.direct, q.speaker.name if q.speaker else None)
            for i, q in enumerate(preds)
            if i not in matched_pred
        ],
    )
    return scores, misses


def score_actors(gold: GoldDoc, preds: DocPredictions) -> tuple[ActorScores, Misses]:
    """Alias resolution rate overall, per actor kind, and per actor."""
    overall: list[bool] = []
    by_kind: dict[str, list[bool]] = {}
    found: list[bool] = []
    unresolved: list[str] = []
    for actor in gold.actors:
        flags = [alias_resolved(actor, alias, preds.actors) for alias in actor.aliases_in_text]
        if not flags:
            continue
        overall += flags
        by_kind.setdefault(actor.kind.value, []).extend(flags)
        found.append(any(flags))
        unresolved += [
            f"{alias} -> {actor.code} ({actor.name})"
            for alias, ok in zip(actor.aliases_in_text, flags, strict=True)
            if not ok
        ]
    scores = ActorScores(
        aliases=_rate(overall),
        by_kind={kind: _rate(flags) for kind, flags in sorted(by_kind.items())},
        actors=_rate(found),
    )
    return scores, Misses(aliases_unresolved=unresolved)


def _line(text: str) -> str:
    return text.rstrip("\r\n")


def score_boilerplate(gold: GoldDoc, document: PredDocument | None) -> tuple[PRF, Misses]:
    """Exact comparison of the sets of removed lines."""
    want = {_line(line) for line in gold.boilerplate_lines}
    got = {_line(line) for line in document.boilerplate} if document else set()
    scores = PRF(tp=len(want & got), fp=len(got - want), fn=len(want - got))
    misses = Misses(boilerplate_missed=sorted(want - got), boilerplate_wrong=sorted(got - want))
    return scores, misses


def _clean_title(title: str | None) -> str | None:
    return title.strip() or None if title is not None else None


def score_title(gold: GoldDoc, document: PredDocument | None) -> tuple[Rate, Misses]:
    """Exact title (surrounding whitespace ignored; no title = null). No document = wrong."""
    want = _clean_title(gold.title)
    got = _clean_title(document.title) if document else None
    ok = document is not None and got == want
    note = None if ok else f"expected {want!r}, got {got!r}" if document else "no document record"
    return Rate(correct=int(ok), total=1), Misses(title=note)


def score_published(gold: GoldDoc, document: PredDocument | None) -> tuple[PublishedScores, Misses]:
    """Predicted publication date inside the gold window, and equal to the gold estimate."""
    got = document.published if document else None
    in_window = exact = None
    if gold.published_window is not None:
        start, end = gold.published_window
        in_window = got is not None and start <= got <= end
    if gold.published_estimate is not None:
        exact = got is not None and got == gold.published_estimate
    scores = PublishedScores(
        in_window=_rate([] if in_window is None else [in_window]),
        exact=_rate([] if exact is None else [exact]),
    )
    note = None
    if in_window is False or exact is False:
        window = "..".join(str(d) for d in gold.published_window or ())
        note = f"got {got}, expected {gold.published_estimate} in {window or '-'}"
    return scores, Misses(published=note)


def score_doc(gold: GoldDoc, preds: DocPredictions) -> DocReport:
    """Every figure for one gold document."""
    events, event_misses = score_events(gold, preds.events)
    quotes, quote_misses = score_quotes(gold, preds.quotes)
    actors, actor_misses = score_actors(gold, preds)
    boilerplate, boilerplate_misses = score_boilerplate(gold, preds.document)
    title, title_misses = score_title(gold, preds.document)
    published, published_misses = score_published(gold, preds.document)
    merged: dict[str, object] = {}
    for part in (
        event_misses,
        quote_misses,
        actor_misses,
        boilerplate_misses,
        title_misses,
        published_misses,
    ):
        merged.update(part.model_dump(exclude_defaults=True))
    return DocReport(
        doc=gold.doc,
        scores=Scores(
            events=events,
            quotes=quotes,
            actors=actors,
            boilerplate=boilerplate,
            title=title,
            published=published,
        ),
        misses=Misses.model_validate(merged),
    )


def evaluate_gold(gold: Sequence[GoldDoc], predictions: Predictions, name: str = "") -> EvalReport:
    """Score ``predictions`` against already loaded gold documents."""
    if not gold:
        raise EvalError("no gold documents to evaluate against")
    names = [doc.doc for doc in gold]
    grouped = predictions.by_doc(names)
    docs = [score_doc(doc, grouped[doc.doc]) for doc in gold]
    overall = Scores()
    for report in docs:
        overall = overall + report.scores
    return EvalReport(
        gold=name,
        overall=overall,
        docs=docs,
        ignored_docs=predictions.unmatched_docs(names),
    )


def evaluate(gold_dir: Path, predictions: Predictions) -> EvalReport:
    """Load the gold files of ``gold_dir`` (or one gold file) and score ``predictions``."""
    return evaluate_gold(load_gold(gold_dir), predictions, name=str(gold_dir))
