"""Event-type accuracy on the PLOVER gold-standard sentences (``PLOVER_GSR_CAMEO.txt``).

Each record is one sentence with one coded event. The sentence is parsed, the events stage
reads it (no actor, time or place mentions: only the type is scored), and the predicted type
is the type of the outermost act it reports. Record types from older PLOVER drafts are mapped
to today's 16 types as the 2021 manual does (DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE ->
ACCUSE, FIGHT -> ASSAULT).

``python -m threatline.eval.plover [PATH]`` prints the accuracy and a per-type table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from threatline.ids import content_hash
from threatline.models import Article, EventType
from threatline.stages.base import Work
from threatline.stages.events import EventStage
from threatline.stages.events_candidate import Candidate

__all__ = ["OLD_TYPES", "PloverRecord", "PloverReport", "evaluate_plover", "load_gsr", "main"]

OLD_TYPES: dict[str, EventType] = {
    "DEMAND": EventType.REQUEST,
    "DISAPPROVE": EventType.ACCUSE,
    "INVESTIGATE": EventType.ACCUSE,
    "FIGHT": EventType.ASSAULT,
}
DEFAULT_PATH = Path("data") / "plover" / "PLOVER_GSR_CAMEO.txt"


@dataclass(frozen=True)
class PloverRecord:
    id: str
    text: str
    type: EventType


@dataclass
class PloverReport:
    """Accuracy overall and per gold type, with the confusions."""

    total: int = 0
    correct: int = 0
    by_type: Counter[str] = field(default_factory=Counter)
    correct_by_type: Counter[str] = field(default_factory=Counter)
    confusions: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def add(self, gold: EventType, predicted: EventType | None) -> None:
        self.total += 1
        self.by_type[gold.value] += 1
        if predicted is gold:
            self.correct += 1
            self.correct_by_type[gold.value] += 1
        else:
            self.confusions[(gold.value, predicted.value if predicted else "-")] += 1

    def table(self) -> str:
        lines = [f"PLOVER GSR type accuracy: {self.accuracy:.3f} ({self.correct}/{self.total})"]
        for name, n in sorted(self.by_type.items()):
            ok = self.correct_by_type[name]
            lines.append(f"  {name:10s} {ok:3d}/{n:3d}  {ok / n:.2f}")
        lines.append("  most frequent confusions (gold -> predicted):")
        for (gold, pred), n in self.confusions.most_common(12):
            lines.append(f"    {gold:10s} -> {pred:10s} {n}")
        return "\n".join(lines)


def gold_type(name: str) -> EventType | None:
    """Today's PLOVER type for a record's (possibly older) type name."""
    if name in OLD_TYPES:
        return OLD_TYPES[name]
    try:
        return EventType(name)
    except ValueError:
        return None


def load_gsr(path: Path) -> list[PloverRecord]:
    """The gold records of a GSR file (documentation records and unknown types skipped)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for item in raw:
        etype = gold_type(str(item.get("event", "")))
        text = item.get("text")
        if etype is None or not isinstance(text, str) or not text.strip():
            continue
        out.append(PloverRecord(id=str(item["id"]), text=text.strip("{} "), type=etype))
    return out


def predicted_type(cands: Sequence[Candidate]) -> EventType | None:
    """The type of the outermost act: reported acts before mere mentions, then the one
    highest in the parse, then the strongest trigger."""
    if not cands:
        return None

    def depth(cand: Candidate) -> int:
        token, steps = cand.anchors[0] if cand.anchors else cand.trigger, 0
        while token.head.i != token.i and steps < 50:
            token, steps = token.head, steps + 1
        return steps

    best = min(cands, key=lambda c: (not c.emit, depth(c), -c.strength, c.trigger.i))
    return best.type


def _work(doc: Doc, record: PloverRecord) -> Work:
    article = Article(
        id=record.id,
        text=doc.text,
        raw=doc.text,
        content_hash=content_hash(doc.text),
        published=dt.date(2000, 1, 1),
    )
    return Work(article=article, doc=doc)


def evaluate_plover(
    records: Iterable[PloverRecord], nlp: Language, stage: EventStage | None = None
) -> PloverReport:
    """Type accuracy of the events stage on the records."""
    stage = stage or EventStage()
    records = list(records)
    report = PloverReport()
    for doc, record in zip(nlp.pipe(r.text for r in records), records, strict=True):
        cands, _ = stage.candidates(_work(doc, record))
        report.add(record.type, predicted_type(cands))
    return report


def main(argv: Sequence[str] | None = None) -> int:
    from threatline.stages.nlp import load_model

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=Path("..") / "shared" / DEFAULT_PATH)
    parser.add_argument("--model", default="en_threatline")
    args = parser.parse_args(argv)
    report = evaluate_plover(load_gsr(args.path), load_model(args.model))
    print(report.table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
