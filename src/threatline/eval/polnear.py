"""Scoring the quote rules against PolNeAR (political news attribution relations).

PolNeAR (Newell, Margolin and Ruths, LREC 2018; ``../shared/data/polnear``) marks every
attribution of an article as a *source*, a *cue* and a *content* span (BRAT standoff, one
``.ann`` file per article and annotator; the first annotator's file is read). The rules of
:mod:`threatline.stages.quotes` run on the text with no actor stage; each found quotation or
reported clause gives a content span, its speaker phrase gives the source span.

Figures, over all documents (word tokens: runs of letters and digits, so quotation marks and a
leading "that" do not count):

- **content overlap**: precision = found content words inside gold content / found content
  words, recall = gold content words found / gold content words (as citron's overlap metric);
- **source exact / overlap**: a found attribution is right when some gold attribution's content
  overlaps its content and that gold source has the same span (exact) or shares a word
  (overlap); precision over found attributions, recall over gold attributions that have a
  source; and the share of matched pairs whose source is right (source accuracy).

citron (BBC R&D) publishes, on the PARC 3.0 test set: content-span overlap F1 83.3%, all spans
overlap F1 83.2%, source-span exact F1 82.0%. PolNeAR annotates beliefs, intentions and
evidence ("polls show", "wants to") as well as speech, so recall here is bounded by what the
quote rules are meant to find.

Run ``python -m threatline.eval.polnear [--shared DIR] [--split dev] [--limit N] [--model NAME]``;
``--bench DIR`` instead times the parse and the quotes stage (ms per 1,000 words, best of
several runs; the time and actor stages run first, untimed) on the ``.txt`` files of a folder.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from spacy.language import Language

from threatline.stages.quotes import extract
from threatline.stages.quotes_syntax import Attribution

__all__ = [
    "CITRON_PARC3",
    "GoldAttribution",
    "PolnearDoc",
    "PolnearScores",
    "PredAttribution",
    "bench_stage",
    "load_split",
    "main",
    "predict",
    "read_ann",
    "score_docs",
]

Spans = tuple[tuple[int, int], ...]

CITRON_PARC3 = {
    "content_overlap_f1": 0.833,
    "all_spans_overlap_f1": 0.832,
    "source_exact_f1": 0.820,
}

_WORD = re.compile(r"\w+")
_TRIM = " \t\n\"'“”‘’,.;:—–-()"


@dataclass(frozen=True)
class GoldAttribution:
    source: Spans
    cue: Spans
    content: Spans


@dataclass(frozen=True)
class PredAttribution:
    source: tuple[int, int] | None
    cue: tuple[int, int] | None
    content: tuple[int, int]
    direct: bool


@dataclass(frozen=True)
class PolnearDoc:
    name: str
    text: str
    gold: tuple[GoldAttribution, ...]


def _spans(field_text: str) -> Spans:
    out: list[tuple[int, int]] = []
    for part in field_text.split(";"):
        a, b = part.split()[-2:]
        out.append((int(a), int(b)))
    return tuple(out)


def read_ann(text: str) -> list[GoldAttribution]:
    """Attributions of one BRAT ``.ann`` file (``T`` spans joined by ``E`` relations)."""
    spans: dict[str, Spans] = {}
    relations: list[dict[str, str]] = []
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            spans[parts[0]] = _spans(parts[1])
        elif parts[0].startswith("E"):
            roles = dict(item.split(":", 1) for item in parts[1].split() if ":" in item)
            relations.append(roles)
    out: list[GoldAttribution] = []
    for roles in relations:
        content = spans.get(roles.get("Content", ""), ())
        if not content:
            continue
        out.append(
            GoldAttribution(
                source=spans.get(roles.get("Source", ""), ()),
                cue=spans.get(roles.get("Cue", ""), ()),
                content=content,
            )
        )
    return out


def load_split(root: Path, split: str = "dev", limit: int | None = None) -> list[PolnearDoc]:
    """Documents of one split (``train`` or ``dev``), sorted by name; the first annotator's
    attributions of each."""
    text_dir = root / "data" / split / "text"
    ann_dir = root / "data" / split / "attributions"
    docs: list[PolnearDoc] = []
    for path in sorted(text_dir.glob("*.txt")):
        anns = sorted(ann_dir.glob(f"{path.stem}_*.ann"))
        if not anns:
            continue
        gold = read_ann(anns[0].read_text(encoding="utf-8"))
        docs.append(PolnearDoc(path.stem, path.read_text(encoding="utf-8"), tuple(gold)))
        if limit is not None and len(docs) >= limit:
            break
    return docs


def _source_of(at: Attribution) -> tuple[int, int] | None:
    while at.source is None and at.inherit is not None:
        at = at.inherit
    return at.source


def predict(nlp: Language, texts: Sequence[str]) -> list[list[PredAttribution]]:
    """The quote rules' attributions of each text (no actor, time or event stage)."""
    out: list[list[PredAttribution]] = []
    for text, doc in zip(texts, nlp.pipe(texts), strict=True):
        found: list[PredAttribution] = []
        for at in extract(doc, text=text).attributions:
            src = _source_of(at)
            source = (doc[src[0]].idx, doc[src[1] - 1].idx + len(doc[src[1] - 1])) if src else None
            cue = None
            if at.cue is not None:
                tok = doc[at.cue.token]
                cue = (tok.idx, tok.idx + len(tok))
            found.append(PredAttribution(source, cue, (at.start, at.end), at.direct))
        out.append(found)
    return out


def _words(text: str, spans: Iterable[tuple[int, int]]) -> set[int]:
    """Start offsets of the word tokens inside ``spans``."""
    out: set[int] = set()
    for a, b in spans:
        out.update(m.start() for m in _WORD.finditer(text, a, b))
    return out


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    a, b = span
    while a < b and text[a] in _TRIM:
        a += 1
    while b > a and text[b - 1] in _TRIM:
        b -= 1
    return a, b


@dataclass
class _Counts:
    found_words: int = 0
    gold_words: int = 0
    shared_words: int = 0
    found: int = 0
    gold_with_source: int = 0
    matched: int = 0
    exact_found: int = 0
    overlap_found: int = 0
    exact_gold: int = 0
    overlap_gold: int = 0
    pair_exact: int = 0
    pair_overlap: int = 0
    gold: int = 0
    gold_found: int = 0


def _score(doc: PolnearDoc, preds: list[PredAttribution], counts: _Counts) -> None:
    text = doc.text
    gold_words = _words(text, (s for g in doc.gold for s in g.content))
    found_words = _words(text, (p.content for p in preds))
    counts.gold_words += len(gold_words)
    counts.found_words += len(found_words)
    counts.shared_words += len(gold_words & found_words)
    counts.found += len(preds)
    counts.gold += len(doc.gold)
    gold_content = [_words(text, g.content) for g in doc.gold]
    exact_gold: set[int] = set()
    overlap_gold: set[int] = set()
    found_gold: set[int] = set()
    for p in preds:
        mine = _words(text, [p.content])
        scored = [(len(mine & words), i) for i, words in enumerate(gold_content) if mine & words]
        if not scored:
            continue
        counts.matched += 1
        found_gold.update(i for _, i in scored)
        src = _trim(text, p.source) if p.source else None
        src_words = _words(text, [p.source]) if p.source else set()
        exact = [
            i for _, i in scored if src and any(_trim(text, s) == src for s in doc.gold[i].source)
        ]
        overlap = [i for _, i in scored if src_words & _words(text, doc.gold[i].source)]
        best = max(scored)[1]
        counts.pair_exact += int(best in exact)
        counts.pair_overlap += int(best in overlap)
        counts.exact_found += int(bool(exact))
        counts.overlap_found += int(bool(overlap))
        exact_gold.update(exact)
        overlap_gold.update(overlap)
    counts.gold_with_source += sum(1 for g in doc.gold if g.source)
    counts.exact_gold += len(exact_gold)
    counts.overlap_gold += len(overlap_gold)
    counts.gold_found += len(found_gold)


def _prf(p_num: int, p_den: int, r_num: int, r_den: int) -> dict[str, float]:
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


@dataclass
class PolnearScores:
    docs: int
    gold: int
    found: int
    content_overlap: dict[str, float]
    source_exact: dict[str, float]
    source_overlap: dict[str, float]
    attribution_recall: float
    source_accuracy_exact: float
    source_accuracy_overlap: float
    citron_parc3: dict[str, float] = field(default_factory=lambda: dict(CITRON_PARC3))


def score_docs(docs: Sequence[PolnearDoc], preds: Sequence[list[PredAttribution]]) -> PolnearScores:
    counts = _Counts()
    for doc, found in zip(docs, preds, strict=True):
        _score(doc, found, counts)
    c = counts
    return PolnearScores(
        docs=len(docs),
        gold=c.gold,
        found=c.found,
        content_overlap=_prf(c.shared_words, c.found_words, c.shared_words, c.gold_words),
        source_exact=_prf(c.exact_found, c.found, c.exact_gold, c.gold_with_source),
        source_overlap=_prf(c.overlap_found, c.found, c.overlap_gold, c.gold_with_source),
        attribution_recall=round(c.gold_found / c.gold, 4) if c.gold else 0.0,
        source_accuracy_exact=round(c.pair_exact / c.matched, 4) if c.matched else 0.0,
        source_accuracy_overlap=round(c.pair_overlap / c.matched, 4) if c.matched else 0.0,
    )


def bench_stage(texts: Sequence[str], nlp: Language, repeats: int = 5) -> dict[str, float]:
    """Milliseconds per 1,000 words: parsing ``texts`` and the quotes stage on them, each the
    best of ``repeats`` runs, with the time and actor stages' output as input."""
    from threatline.ids import content_hash
    from threatline.knowledge import load_knowledge
    from threatline.models import Article
    from threatline.stages.actors import ActorStage
    from threatline.stages.base import Work
    from threatline.stages.quotes import QuoteStage
    from threatline.stages.time import TimeStage

    words = max(1, sum(len(t.split()) for t in texts))
    parse = float("inf")
    docs = []
    for _ in range(repeats):
        start = time.perf_counter()
        docs = list(nlp.pipe(texts))
        parse = min(parse, time.perf_counter() - start)
    works = [
        Work(article=Article(id=str(i), text=t, raw=t, content_hash=content_hash(t)), doc=d)
        for i, (t, d) in enumerate(zip(texts, docs, strict=True))
    ]
    kb = load_knowledge()
    TimeStage()(works)
    ActorStage(kb)(works)
    stage = QuoteStage(kb)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        stage(works)
        best = min(best, time.perf_counter() - start)
    return {
        "words": float(words),
        "parse": round(parse * 1e6 / words, 2),
        "quotes": round(best * 1e6 / words, 2),
        "share_of_parse": round(best / parse, 4),
    }


def _render(scores: PolnearScores) -> str:
    rows = [
        f"PolNeAR: {scores.docs} documents, {scores.gold} gold attributions, {scores.found} found",
        f"{'figure':<28}{'precision':>10}{'recall':>8}{'F1':>8}   citron PARC 3.0 F1",
    ]
    citron = {
        "content overlap": scores.citron_parc3["content_overlap_f1"],
        "source exact": scores.citron_parc3["source_exact_f1"],
    }
    for name, prf in (
        ("content overlap", scores.content_overlap),
        ("source exact", scores.source_exact),
        ("source overlap", scores.source_overlap),
    ):
        ref = f"{citron[name]:.1%}" if name in citron else "-"
        row = f"{name:<28}{prf['precision']:>10.1%}{prf['recall']:>8.1%}{prf['f1']:>8.1%}"
        rows.append(f"{row}   {ref}")
    rows.append(f"attributions found (content overlap): {scores.attribution_recall:.1%}")
    rows.append(
        f"source accuracy on found pairs: exact {scores.source_accuracy_exact:.1%}, "
        f"overlap {scores.source_accuracy_overlap:.1%}"
    )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    from threatline.stages.nlp import load_model

    parser = argparse.ArgumentParser(prog="python -m threatline.eval.polnear", description=__doc__)
    shared = Path(os.environ.get("THREATLINE_SHARED", "../shared"))
    parser.add_argument("--shared", type=Path, default=shared)
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the shipped one)")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--bench", type=Path, help="time the stage on the .txt files of DIR")
    args = parser.parse_args(argv)
    if args.bench is not None:
        texts = [p.read_text(encoding="utf-8") for p in sorted(args.bench.glob("*.txt"))]
        if not texts:
            print(f"no .txt files in {args.bench}", file=sys.stderr)
            return 2
        nlp = load_model(args.model) if args.model else load_model()
        print(json.dumps(bench_stage(texts, nlp)))
        return 0
    root = args.shared / "data" / "polnear"
    docs = load_split(root, args.split, args.limit)
    if not docs:
        print(f"no PolNeAR documents under {root}", file=sys.stderr)
        return 2
    nlp = load_model(args.model) if args.model else load_model()
    scores = score_docs(docs, predict(nlp, [d.text for d in docs]))
    print(json.dumps(asdict(scores), indent=2) if args.json else _render(scores))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
