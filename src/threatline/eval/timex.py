"""Scoring temporal expressions against TempEval-3 (TimeML with a document creation time).

For every gold TIMEX3 of type DATE or TIME in a document's TEXT, the expressions that
:func:`~threatline.stages.timex.find_times` finds against the document creation time (DCT) are
compared:

- **span recall**: gold expressions overlapped by a found expression (lenient overlap);
- **span precision**: found expressions (durations left out) that overlap a gold DATE or TIME;
  found expressions overlapping a gold DURATION or SET count neither way;
- **value accuracy**, on matched gold expressions whose value is a calendar period: the found
  value, cut to the gold granularity, equals the gold value. Gold values are read as a day
  (``1998-08-07``, also with a time of day), a month, a year; quarters, halves and seasons
  count at year granularity and ISO weeks at the coarsest unit holding all their days (as the
  stage reports weeks). ``PRESENT_REF``, decades and partly unknown values are not scored.

Run ``python -m threatline.eval.timex PATH [--model NAME] [--limit N]`` on a folder of ``.tml``
files (searched recursively) or on single files; ``--bench DIR`` times the parse and the time
stage (ms per 1,000 words) on the ``.txt`` files of a folder instead.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from spacy.language import Language

from threatline.models import Precision, TimeMention, TimeValue
from threatline.stages.timex import find_times
from threatline.stages.timex_resolve import period_value

__all__ = [
    "GoldTimex",
    "TimexScores",
    "TmlDoc",
    "bench_stage",
    "gold_value",
    "main",
    "read_tml",
    "score_docs",
]

_SCORED_TYPES = frozenset({"DATE", "TIME"})
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_YEAR_PART = re.compile(r"^(\d{4})-(?:Q[1-4]|H[12]|SP|SU|FA|WI)$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TmlDoc:
    name: str
    dct: dt.date
    text: str
    timexes: tuple[GoldTimex, ...]


@dataclass(slots=True)
class TimexScores:
    """Counts and rates over a set of documents."""

    docs: int = 0
    gold: int = 0
    gold_matched: int = 0
    found: int = 0
    found_matched: int = 0
    found_ignored: int = 0
    values_scored: int = 0
    values_correct: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)

    @property
    def span_recall(self) -> float:
        return self.gold_matched / self.gold if self.gold else 0.0

    @property
    def span_precision(self) -> float:
        counted = self.found - self.found_ignored
        return self.found_matched / counted if counted else 0.0

    @property
    def value_accuracy(self) -> float:
        return self.values_correct / self.values_scored if self.values_scored else 0.0

    def summary(self) -> dict[str, float | int]:
        counts = {k: v for k, v in asdict(self).items() if k != "errors"}
        return {
            **counts,
            "span_recall": round(self.span_recall, 4),
            "span_precision": round(self.span_precision, 4),
            "value_accuracy": round(self.value_accuracy, 4),
        }


def _walk(element: ET.Element, parts: list[str], timexes: list[GoldTimex], size: int) -> int:
    if element.text:
        parts.append(element.text)
        size += len(element.text)
    for child in element:
        start = size
        size = _walk(child, parts, timexes, size)
        if child.tag == "TIMEX3":
            text = "".join(parts)[start:size]
            timexes.append(
                GoldTimex(start, size, text, child.get("type", ""), child.get("value", ""))
            )
        if child.tail:
            parts.append(child.tail)
            size += len(child.tail)
    return size


def read_tml(path: Path) -> TmlDoc:
    """A TimeML file: its TEXT, the TIMEX3 spans in it, and its creation date."""
    root = ET.parse(path).getroot()
    dct = root.find("DCT/TIMEX3")
    body = root.find("TEXT")
    if dct is None or body is None:
        raise ValueError(f"{path}: no DCT or TEXT")
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    _walk(body, parts, timexes, 0)
    created = dt.date.fromisoformat(dct.get("value", "")[:10])
    return TmlDoc(path.name, created, "".join(parts), tuple(timexes))


def gold_value(value: str) -> TimeValue | None:
    """A TIMEX3 value read as a calendar period (see the module doc), or None."""
    if m := _DAY.match(value):
        try:
            return TimeValue.day(dt.date(int(m[1]), int(m[2]), int(m[3])))
        except ValueError:
            return None
    if m := _MONTH.match(value):
        if 1 <= int(m[2]) <= 12:
            return TimeValue(value=dt.date(int(m[1]), int(m[2]), 1), precision=Precision.MONTH)
        return None
    if m := _YEAR.match(value) or _YEAR_PART.match(value):
        return TimeValue(value=dt.date(int(m[1]), 1, 1), precision=Precision.YEAR)
    if m := _WEEK.match(value):
        try:
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            return None
        first = monday + dt.timedelta(days=5) if m[3] else monday
        return period_value(first, monday + dt.timedelta(days=6))
    return None


def _value_ok(found: TimeValue | None, gold: TimeValue) -> bool:
    if found is None or gold.finer_than(found):
        return False
    return found.truncate(gold.precision).value == gold.value


def _overlaps(a: TimeMention, b: GoldTimex) -> bool:
    return a.start < b.end and b.start < a.end


def score_doc(doc: TmlDoc, found: Sequence[TimeMention], scores: TimexScores) -> None:
    """Add one document's counts to ``scores``."""
    gold = [g for g in doc.timexes if g.type in _SCORED_TYPES]
    other = [g for g in doc.timexes if g.type not in _SCORED_TYPES]
    dated = [m for m in found if m.kind != "duration"]
    scores.docs += 1
    scores.gold += len(gold)
    scores.found += len(dated)
    for m in dated:
        if any(_overlaps(m, g) for g in gold):
            scores.found_matched += 1
        elif any(_overlaps(m, g) for g in other):
            scores.found_ignored += 1
    for g in gold:
        hits = [m for m in dated if _overlaps(m, g)]
        if not hits:
            continue
        scores.gold_matched += 1
        expected = gold_value(g.value)
        if expected is None:
            continue
        best = max(hits, key=lambda m: min(m.end, g.end) - max(m.start, g.start))
        scores.values_scored += 1
        if _value_ok(best.value, expected):
            scores.values_correct += 1
        else:
            scores.errors.append(
                {"doc": doc.name, "text": g.text, "gold": g.value, "found": str(best.value)}
            )


def score_docs(docs: Iterable[TmlDoc], nlp: Language, batch_size: int = 16) -> TimexScores:
    """Score :func:`find_times` on TimeML documents, parsing them with ``nlp``."""
    scores = TimexScores()
    items = ((d.text, d) for d in docs)
    for parsed, doc in nlp.pipe(items, as_tuples=True, batch_size=batch_size):
        score_doc(doc, find_times(parsed, doc.dct), scores)
    return scores


def tml_files(paths: Iterable[Path]) -> list[Path]:
    """``.tml`` files under each path (a folder is searched recursively), sorted."""
    found: list[Path] = []
    for path in paths:
        found.extend(sorted(path.rglob("*.tml")) if path.is_dir() else [path])
    return found


def bench_stage(texts: Sequence[str], nlp: Language, repeats: int = 20) -> dict[str, float]:
    """Milliseconds per 1,000 words: parsing ``texts``, and the time stage on them with and
    without publication dates (best of ``repeats`` runs)."""
    from threatline.ids import content_hash
    from threatline.models import Article
    from threatline.stages.base import Work
    from threatline.stages.time import TimeStage

    words = max(1, sum(len(t.split()) for t in texts))
    start = time.perf_counter()
    docs = list(nlp.pipe(texts))
    parse = time.perf_counter() - start
    articles = [
        Article(id=str(i), text=t, raw=t, content_hash=content_hash(t)) for i, t in enumerate(texts)
    ]
    stage = TimeStage()
    figures = {"words": float(words), "parse": parse * 1e6 / words}
    for label, published in (("time_undated", None), ("time_dated", dt.date(2021, 1, 3))):
        best = float("inf")
        for _ in range(repeats):
            works = [
                Work(article=a.model_copy(update={"published": published}), doc=d)
                for a, d in zip(articles, docs, strict=True)
            ]
            start = time.perf_counter()
            stage(works)
            best = min(best, time.perf_counter() - start)
        figures[label] = best * 1e6 / words
    return {k: round(v, 2) for k, v in figures.items()}


def main(argv: Sequence[str] | None = None) -> int:
    from threatline.config import SHIPPED_MODEL
    from threatline.stages.nlp import load_model

    parser = argparse.ArgumentParser(prog="python -m threatline.eval.timex", description=__doc__)
    parser.add_argument("paths", nargs="+", type=Path, help="TimeML files or folders")
    parser.add_argument("--model", default=SHIPPED_MODEL, help="spaCy pipeline to parse with")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N files")
    parser.add_argument("--errors", type=int, default=0, help="print N value errors")
    parser.add_argument(
        "--bench", action="store_true", help="time the stage on the .txt files of PATHS instead"
    )
    args = parser.parse_args(argv)
    if args.bench:
        texts = [p.read_text("utf-8") for d in args.paths for p in sorted(d.glob("*.txt"))]
        print(json.dumps(bench_stage(texts, load_model(args.model)), indent=2))
        return 0
    files = tml_files(args.paths)
    if args.limit:
        files = files[: args.limit]
    if not files:
        print("no .tml files found", file=sys.stderr)
        return 2
    scores = score_docs((read_tml(f) for f in files), load_model(args.model))
    print(json.dumps(scores.summary(), indent=2))
    for error in scores.errors[: args.errors]:
        print(json.dumps(error, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
