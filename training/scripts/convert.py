"""Convert UD English EWT (CoNLL-U) and UNER English EWT (IOB2) into spaCy DocBin files.

Each output Doc carries words, spacing, XPOS tags, UPOS, morphology, lemmas, the dependency tree
and, where the UNER file has the same sentence with the same words, PER/ORG/LOC entities.
Sentences without an aligned NER annotation keep their entity annotation *missing*, so the NER
component is neither rewarded nor penalised on them.

Usage: python training/scripts/convert.py DATA_DIR OUT_DIR
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

SPLITS = {
    "train": ("en_ewt-ud-train.conllu", "en_ewt-ud-train.OLD-2022-12-02.iob2"),
    "dev": ("en_ewt-ud-dev.conllu", "en_ewt-ud-dev.iob2"),
    "test": ("en_ewt-ud-test.conllu", "en_ewt-ud-test.iob2"),
}
SENTS_PER_DOC = 10


@dataclass
class Sentence:
    sent_id: str
    newdoc: bool
    words: list[str] = field(default_factory=list)
    spaces: list[bool] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    pos: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    morphs: list[str] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)
    deps: list[str] = field(default_factory=list)


def read_conllu(path: Path) -> Iterator[Sentence]:
    sent: Sentence | None = None
    newdoc = False
    mwt_end = -1
    mwt_space = True
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc"):
            newdoc = True
        elif line.startswith("# sent_id"):
            sent = Sentence(line.split("=", 1)[1].strip(), newdoc)
            newdoc = False
            mwt_end = -1
        elif not line.strip():
            if sent is not None and sent.words:
                yield sent
            sent = None
        elif not line.startswith("#") and sent is not None:
            cols = line.split("\t")
            idx = cols[0]
            if "." in idx:
                continue  # empty node of the enhanced graph
            if "-" in idx:
                mwt_end = int(idx.split("-")[1])
                mwt_space = "SpaceAfter=No" not in cols[9]
                continue
            i = int(idx)
            if i < mwt_end:
                space = False
            elif i == mwt_end:
                space = mwt_space
            else:
                space = "SpaceAfter=No" not in cols[9]
            sent.words.append(cols[1])
            sent.spaces.append(space)
            sent.lemmas.append(cols[2])
            sent.pos.append(cols[3])
            sent.tags.append(cols[4])
            sent.morphs.append("" if cols[5] == "_" else cols[5])
            sent.heads.append(int(cols[6]))
            sent.deps.append("ROOT" if cols[7] == "root" else cols[7])
    if sent is not None and sent.words:
        yield sent


LABELS = frozenset({"PER", "ORG", "LOC"})


def _tag(tag: str) -> str:
    """Keep PER/ORG/LOC; the older train file also has OTH and a stray "O" type, which the
    released dev/test files annotate as O."""
    if tag == "O" or tag.split("-", 1)[-1] not in LABELS:
        return "O"
    return tag


def read_iob2(path: Path) -> dict[str, tuple[list[str], list[str]]]:
    out: dict[str, tuple[list[str], list[str]]] = {}
    sent_id = ""
    words: list[str] = []
    tags: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("# sent_id"):
            sent_id = line.split("=", 1)[1].strip()
            words, tags = [], []
        elif not line.strip():
            if sent_id and words:
                out[sent_id] = (words, tags)
            sent_id = ""
        elif not line.startswith("#"):
            cols = line.split("\t")
            words.append(cols[1])
            tags.append(_tag(cols[2]))
    return out


def groups(sents: list[Sentence]) -> Iterator[list[Sentence]]:
    chunk: list[Sentence] = []
    for s in sents:
        if chunk and (s.newdoc or len(chunk) >= SENTS_PER_DOC):
            yield chunk
            chunk = []
        chunk.append(s)
    if chunk:
        yield chunk


def build_doc(vocab: spacy.vocab.Vocab, chunk: list[Sentence], ner: dict) -> tuple[Doc, int]:
    words: list[str] = []
    spaces: list[bool] = []
    keys = ("lemmas", "pos", "tags", "morphs", "deps")
    cols: dict[str, list[str]] = {k: [] for k in keys}
    heads: list[int] = []
    sent_starts: list[bool] = []
    ents: list[str | None] = []
    aligned = 0
    for s in chunk:
        offset = len(words)
        words += s.words
        spaces += s.spaces
        spaces[-1] = True
        for k in keys:
            cols[k] += getattr(s, k)
        heads += [offset + h - 1 if h > 0 else offset + i for i, h in enumerate(s.heads)]
        sent_starts += [True] + [False] * (len(s.words) - 1)
        gold = ner.get(s.sent_id)
        if gold is not None and gold[0] == s.words:
            ents += gold[1]
            aligned += 1
        else:
            ents += [None] * len(s.words)  # missing annotation
    ent_arg = None if ents and all(e is None for e in ents) else ents
    doc = Doc(
        vocab,
        words=words,
        spaces=spaces,
        lemmas=cols["lemmas"],
        pos=cols["pos"],
        tags=cols["tags"],
        morphs=cols["morphs"],
        heads=heads,
        deps=cols["deps"],
        sent_starts=sent_starts,
        ents=ent_arg,
    )
    return doc, aligned


def main(data_dir: Path, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank("en")
    for split, (conllu, iob2) in SPLITS.items():
        sents = list(read_conllu(data_dir / "ud-english-ewt" / conllu))
        ner = read_iob2(data_dir / "uner-english-ewt" / iob2)
        db = DocBin(store_user_data=False)
        aligned = 0
        for chunk in groups(sents):
            doc, n = build_doc(nlp.vocab, chunk, ner)
            db.add(doc)
            aligned += n
        db.to_disk(out_dir / f"{split}.spacy")
        words = sum(len(s.words) for s in sents)
        print(f"{split}: {len(sents)} sentences, {words} words, NER aligned {aligned}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
