"""Put the independently trained NER into the main pipeline.

Usage: python training/scripts/assemble.py MAIN_MODEL NER_MODEL OUT_DIR

The main pipeline (tok2vec, tagger, morphologizer, parser, lemmatizer) keeps its components; its
NER, which listened to the shared tok2vec, is replaced by the NER trained on its own CNN tok2vec
(training/configs/ner.cfg), which scores better on UNER.
"""

from __future__ import annotations

import sys
from pathlib import Path

import spacy


def main(main_model: Path, ner_model: Path, out: Path) -> None:
    nlp = spacy.load(main_model)
    ner_nlp = spacy.load(ner_model)
    if "ner" in nlp.pipe_names:
        nlp.remove_pipe("ner")
    nlp.add_pipe("ner", source=ner_nlp, last=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    print(f"{out}: {nlp.pipe_names}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
