"""Collect raw news text from ../shared/data for `spacy pretrain` (EWT has no newswire).

Usage: python training/scripts/raw_text.py DATA_DIR OUT_JSONL

Reads: PolNeAR train articles, ECB+ documents (token XML), TempEval-3 TimeBank/AQUAINT (TimeML),
the Scrapinghub ground-truth article bodies, GeoWebNews articles, the event-location wire
sentences and the raw text of EWT train. Evaluation splits used elsewhere (PolNeAR dev) are
left out. Writes {"text": ...} lines, one per paragraph-sized chunk.
"""

from __future__ import annotations

import json
import re
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

from lxml import etree


def chunks(text: str, max_chars: int = 3000) -> Iterator[str]:
    buf = ""
    for block in re.split(r"\n\s*\n", text):
        para = " ".join(block.split())
        if not para:
            continue
        if len(buf) + len(para) > max_chars and buf:
            yield buf
            buf = ""
        buf = f"{buf}\n\n{para}" if buf else para
    if buf:
        yield buf


def polnear(data: Path) -> Iterator[str]:
    for path in sorted((data / "polnear" / "data" / "train" / "text").glob("*.txt")):
        yield path.read_text(encoding="utf-8", errors="replace")


def ecbplus(data: Path) -> Iterator[str]:
    for path in sorted((data / "ecbplus" / "ECB+").rglob("*.xml")):
        root = etree.parse(str(path)).getroot()
        sents: dict[str, list[str]] = {}
        for tok in root.iter("token"):
            sents.setdefault(tok.get("sentence", "0"), []).append(tok.text or "")
        yield "\n\n".join(" ".join(words) for words in sents.values())


def timeml(data: Path) -> Iterator[str]:
    for path in sorted((data / "tempeval3" / "Training").rglob("*.tml")):
        root = etree.parse(str(path)).getroot()
        text = root.find(".//TEXT")
        if text is not None:
            yield "".join(text.itertext())


def scrapinghub(data: Path) -> Iterator[str]:
    truth = json.loads(
        (data / "article-extraction-scrapinghub" / "ground-truth.json").read_text(encoding="utf-8")
    )
    for rec in truth.values():
        yield rec.get("articleBody") or ""


def geowebnews(data: Path) -> Iterator[str]:
    for path in sorted((data / "geoparsing" / "GeoWebNews").glob("*.txt")):
        yield path.read_text(encoding="utf-8", errors="replace")


def event_location(data: Path) -> Iterator[str]:
    archive = data / "event-location" / "labeled_text.jsonl.zip"
    with zipfile.ZipFile(archive) as zf:
        for name in zf.namelist():
            if name.startswith("__MACOSX") or not name.endswith(".jsonl"):
                continue
            raw = zf.read(name).decode("utf-8").strip()
            records = (
                json.loads(raw)
                if raw.startswith("[")
                else [json.loads(x) for x in raw.splitlines()]
            )
            for rec in records:
                yield str(rec.get("text", ""))


def ewt_train(data: Path) -> Iterator[str]:
    sents = []
    for line in (
        (data / "ud-english-ewt" / "en_ewt-ud-train.conllu")
        .read_text(encoding="utf-8")
        .splitlines()
    ):
        if line.startswith("# text = "):
            sents.append(line[len("# text = ") :])
        if line.startswith("# newdoc") and sents:
            yield " ".join(sents)
            sents = []
    if sents:
        yield " ".join(sents)


def main(data: Path, out: Path) -> None:
    n_words = 0
    seen: set[int] = set()
    with out.open("w", encoding="utf-8") as fh:
        for reader in (
            polnear,
            ecbplus,
            timeml,
            scrapinghub,
            geowebnews,
            event_location,
            ewt_train,
        ):
            words = 0
            for text in reader(data):
                for chunk in chunks(text):
                    key = hash(chunk)
                    if key in seen:
                        continue
                    seen.add(key)
                    fh.write(json.dumps({"text": chunk}, ensure_ascii=False) + "\n")
                    words += len(chunk.split())
            print(f"{reader.__name__}: {words} words")
            n_words += words
    print(f"total: {n_words} words")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
