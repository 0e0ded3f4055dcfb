"""Evaluate a trained pipeline on the EWT / UNER test split and package it into Threatline.

Usage: python training/scripts/package.py MODEL_DIR CORPUS_DIR TARGET_DIR [--train-seconds N]

Scores are computed twice: on raw text (spaCy's tokenizer, as users run it: these are the
figures reported and recorded) and on gold tokens (comparable with UD shared-task parsers). They
are written into the packaged ``meta.json`` under ``threatline_test_scores``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from pathlib import Path
from typing import Any

import spacy
from spacy.training import Corpus

KEYS = {
    "tag_acc": "tag",
    "pos_acc": "upos",
    "morph_acc": "morph",
    "lemma_acc": "lemma",
    "dep_uas": "uas",
    "dep_las": "las",
    "sents_f": "sents_f",
    "ents_p": "ner_p",
    "ents_r": "ner_r",
    "ents_f": "ner_f",
    "token_acc": "token_acc",
}


def evaluate(nlp: spacy.language.Language, path: Path, gold_preproc: bool) -> dict[str, Any]:
    examples = list(Corpus(path, gold_preproc=gold_preproc)(nlp))
    start = time.perf_counter()
    scores = nlp.evaluate(examples)
    seconds = time.perf_counter() - start
    words = sum(len(eg.reference) for eg in examples)
    out: dict[str, Any] = {
        KEYS[k]: round(float(v), 4) for k, v in scores.items() if k in KEYS and v is not None
    }
    out["ner_per_type"] = {
        label: {m: round(float(x), 4) for m, x in vals.items()}
        for label, vals in (scores.get("ents_per_type") or {}).items()
    }
    out["words"] = words
    out["words_per_second"] = round(words / seconds)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("model", type=Path)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("target", type=Path)
    ap.add_argument("--train-seconds", type=float, default=None)
    args = ap.parse_args()

    nlp = spacy.load(args.model)
    test = args.corpus / "test.spacy"
    raw = evaluate(nlp, test, gold_preproc=False)
    gold = evaluate(nlp, test, gold_preproc=True)
    meta = dict(nlp.meta)
    meta.update(
        {
            "name": "threatline",
            "version": "0.1.0",
            "description": "Threatline's English pipeline: tagger, morphologizer, parser, "
            "rule lemmatizer, NER (PER, ORG, LOC); CNN tok2vecs sized for CPU speed.",
            "author": "Threatline developers",
            "license": "CC BY-SA 4.0",
            "sources": [
                {"name": "Universal Dependencies English EWT", "license": "CC BY-SA 4.0",
                 "url": "https://github.com/UniversalDependencies/UD_English-EWT"},
                {"name": "Universal NER English EWT", "license": "CC BY-SA 4.0",
                 "url": "https://github.com/UniversalNER/UNER_English-EWT"},
                {"name": "spacy-lookups-data (English lemma rules)", "license": "MIT",
                 "url": "https://github.com/explosion/spacy-lookups-data"},
            ],
            "threatline_test_scores": {
                "raw_text": raw, "gold_tokens": gold, "split": "EWT test / UNER test"
            },
        }
    )  # fmt: skip
    if args.train_seconds is not None:
        meta["threatline_training_seconds"] = round(args.train_seconds)
    nlp.meta = meta
    if args.target.exists():
        shutil.rmtree(args.target)
    args.target.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(args.target)
    size = sum(p.stat().st_size for p in args.target.rglob("*") if p.is_file())
    print(
        json.dumps(
            {"raw_text": raw, "gold_tokens": gold, "size_mb": round(size / 1e6, 2)}, indent=2
        )
    )
    if size > 30e6:
        raise SystemExit(f"packaged model is {size / 1e6:.1f} MB, over the 30 MB limit")


if __name__ == "__main__":
    main()
