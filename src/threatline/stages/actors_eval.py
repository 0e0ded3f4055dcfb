"""Measure the actors stage alone: clean -> nlp -> actors over a directory of text files,
scored against gold files, with the stage's cost per 1,000 words.

The time stage estimates publication dates; until it runs before this one, the measurement
takes each article's date from the gold file's ``published_estimate`` (only here)::

    python -m threatline.stages.actors_eval ../shared/seeds ../shared/gold/seeds
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from threatline.eval import EvalReport, Predictions, evaluate
from threatline.queries import actor_record, document_record
from threatline.sources.options import SourceOptions
from threatline.sources.text import read_text_file
from threatline.stages.actors import ActorStage
from threatline.stages.base import Work
from threatline.stages.clean import Cleaner

__all__ = ["Measure", "measure"]


@dataclass(frozen=True)
class Measure:
    report: EvalReport
    words: int
    parse_seconds: float
    stage_seconds: float
    works: list[Work]

    @property
    def stage_ms_per_1000_words(self) -> float:
        return 1000 * self.stage_seconds / max(self.words, 1) * 1000

    @property
    def stage_share_of_parse(self) -> float:
        return self.stage_seconds / self.parse_seconds if self.parse_seconds else 0.0


def _published(gold_dir: Path) -> dict[str, str]:
    dates: dict[str, str] = {}
    for path in sorted(gold_dir.glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw.get("published_estimate"):
            dates[raw["doc"]] = raw["published_estimate"]
    return dates


def measure(
    texts_dir: Path, gold_dir: Path, nlp: Language, stage: ActorStage, *, repeat: int = 1
) -> Measure:
    """Run clean, nlp and ``stage`` over ``texts_dir`` and score actors against ``gold_dir``."""
    options = SourceOptions()
    dates = _published(gold_dir)
    works: list[Work] = []
    cleaner = Cleaner()
    for path in sorted(texts_dir.glob("*.txt")):
        article = cleaner.clean(read_text_file(path, input=str(path), options=options))
        if path.name in dates:
            published = dt.date.fromisoformat(dates[path.name])
            article = article.model_copy(update={"published": published})
        works.append(Work(article=article))
    texts = [w.article.text for w in works]
    parse = float("inf")
    for _ in range(repeat):  # CPU time, fastest run: the machine may be busy
        start = time.process_time()
        docs = list(nlp.pipe(texts))
        parse = min(parse, time.process_time() - start)
    for work, doc in zip(works, docs, strict=True):
        work.doc = doc
    elapsed = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        stage(works)
        elapsed = min(elapsed, time.process_time() - start)
    actors = [actor_record(m) for w in works for m in w.actors]
    documents = [document_record(w.article, with_text=False) for w in works]
    report = evaluate(gold_dir, Predictions.from_records(actors=actors, documents=documents))
    words = sum(sum(1 for t in doc if not t.is_punct and not t.is_space) for doc in docs)
    return Measure(report, words, parse, elapsed, works)


def main(argv: list[str]) -> int:
    from threatline.knowledge import load_knowledge
    from threatline.stages.nlp import load_model

    texts, gold = Path(argv[0]), Path(argv[1])
    start = time.process_time()
    kb = load_knowledge()
    loaded = time.process_time()
    stage = ActorStage(kb)
    build = time.process_time() - loaded
    load = loaded - start
    result = measure(texts, gold, load_model(), stage, repeat=3)
    aliases = result.report.overall.actors.aliases
    print(f"knowledge base load: {load:.2f} s; resolver (matchers, indexes) build: {build:.2f} s")
    print(f"actor aliases resolved: {aliases.correct}/{aliases.total} = {aliases.value}")
    print(f"words: {result.words}; parse {result.parse_seconds:.2f} s")
    print(f"actors stage: {result.stage_ms_per_1000_words:.1f} ms / 1,000 words "
          f"({100 * result.stage_share_of_parse:.1f}% of parsing)")  # fmt: skip
    for doc in result.report.docs:
        for miss in doc.misses.aliases_unresolved:
            print(f"  miss {doc.doc}: {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
