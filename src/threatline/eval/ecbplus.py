"""ECB+ (Cybulska and Vossen 2014) read as event mentions for the merger, with gold clusters.

Only the sentences listed in ``ECBplus_coreference_sentences.csv`` are used (the corpus README
asks for that). Each ACTION/NEG mention with tokens becomes a
:class:`~threatline.crossdoc.features.MentionFeatures`: its ECB+ class as the type, the lemmas of
its trigger words, the sentence as evidence text, the entity instances (participants, times,
places) annotated in the same sentence as arguments, and the document's dateline (when it has
one) as the publication date. Its gold cluster is its cross-document instance, else its
within-document chain, else itself.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from lxml import etree

from threatline.crossdoc.compat import MergeOptions
from threatline.crossdoc.features import MentionFeatures

__all__ = [
    "EcbMention",
    "EcbTopic",
    "dateline",
    "evaluate",
    "plain_lemmatizer",
    "read_topics",
    "same_lemma",
    "spacy_lemmatizer",
    "to_features",
]

#: The lemma of every word of a sentence ("" for words that carry no content: stop words, marks).
Lemmatizer = Callable[[list[str]], list[str]]

_EVENT = re.compile(r"^(NEG_)?ACTION_")
_ENTITY = re.compile(r"^(HUMAN_|NON_HUMAN|LOC_|TIME_)")
_MONTHS = MappingProxyType(
    {
        m: i + 1
        for i, m in enumerate(
            ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
        )
    }
)
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]{3,9})\.?,? (\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b")


@dataclass
class EcbMention:
    id: str
    doc: str
    topic: str
    tag: str
    sentence: int
    positions: list[int]
    gold: str
    lemmas: frozenset[str] = frozenset()
    participants: frozenset[str] = frozenset()


@dataclass
class EcbTopic:
    topic: str
    mentions: list[EcbMention] = field(default_factory=list)
    sentences: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    published: dict[str, dt.date] = field(default_factory=dict)


def _date(day: str, month: str, year: str) -> dt.date | None:
    m = _MONTHS.get(month[:3].lower())
    if m is None:
        return None
    try:
        return dt.date(int(year), m, int(day))
    except ValueError:
        return None


def dateline(sentences: Sequence[str]) -> dt.date | None:
    """The first full date (``14 June 2013``, ``Aug 18, 2011``) in a short line."""
    for sentence in sentences:
        if len(sentence.split()) > 16:
            continue
        text = sentence.replace(" ,", ",")
        for match in _DAY_MONTH_YEAR.finditer(text):
            if (found := _date(*match.groups())) is not None:
                return found
        for match in _MONTH_DAY_YEAR.finditer(text):
            month, day, year = match.groups()
            if (found := _date(day, month, year)) is not None:
                return found
    return None


def _selected(root: Path) -> dict[str, set[tuple[str, int]]]:
    """Topic -> (document file, sentence number) of the annotated sentences."""
    out: dict[str, set[tuple[str, int]]] = defaultdict(set)
    with (root / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out[row["Topic"]].add(
                (f"{row['Topic']}_{row['File']}.xml", int(row["Sentence Number"]))
            )
    return out


def _chains(tree: etree._Element, doc: str) -> dict[str, str]:
    """Mention id -> instance label (cross-document instance or within-document chain)."""
    chains: dict[str, str] = {}
    for rel in tree.iter("CROSS_DOC_COREF"):
        for src in rel.iter("source"):
            chains[src.get("m_id", "")] = f"x:{rel.get('note')}"
    for rel in tree.iter("INTRA_DOC_COREF"):
        target = rel.find("target")
        label = f"i:{doc}:{target.get('m_id') if target is not None else rel.get('r_id')}"
        for src in rel.iter("source"):
            chains.setdefault(src.get("m_id", ""), label)
    return chains


def _read_doc(path: Path, topic: EcbTopic, keep: set[int]) -> None:
    tree = etree.parse(str(path)).getroot()
    doc = path.name
    tokens: dict[str, tuple[int, int, str]] = {}
    sentences: dict[int, list[str]] = defaultdict(list)
    for tok in tree.iter("token"):
        sent = int(tok.get("sentence", "0"))
        tokens[tok.get("t_id", "")] = (sent, len(sentences[sent]), tok.text or "")
        sentences[sent].append(tok.text or "")
    published = dateline([" ".join(sentences[s]) for s in sorted(sentences)[1:5]])
    if published is not None:
        topic.published[doc] = published
    chains = _chains(tree, doc)
    markables = tree.find("Markables")
    events: list[tuple[str, str, int, list[int]]] = []
    entities: dict[int, set[str]] = defaultdict(set)
    for el in markables if markables is not None else []:
        anchors = [tokens[a.get("t_id", "")] for a in el.iter("token_anchor")]
        if not anchors or anchors[0][0] not in keep:
            continue
        m_id, sent = el.get("m_id", ""), anchors[0][0]
        if _EVENT.match(el.tag):
            events.append((m_id, el.tag, sent, [a[1] for a in anchors]))
        elif _ENTITY.match(el.tag):
            entities[sent].add(chains.get(m_id, f"s:{doc}:{m_id}"))
    for sent in keep:
        if sent in sentences:
            topic.sentences[(doc, sent)] = sentences[sent]
    for m_id, tag, sent, positions in events:
        topic.mentions.append(
            EcbMention(
                id=f"{doc}:{m_id}",
                doc=doc,
                topic=topic.topic,
                tag=tag,
                sentence=sent,
                positions=positions,
                gold=chains.get(m_id, f"s:{doc}:{m_id}"),
                participants=frozenset(entities.get(sent, set())),
            )
        )


def read_topics(root: Path, topics: Sequence[str] | None = None) -> Iterator[EcbTopic]:
    """The topics of an ECB+ directory (``ECB+/<topic>/*.xml`` + the sentence list)."""
    selected = _selected(root)
    wanted = topics or sorted(selected, key=lambda t: (len(t), t))
    for name in wanted:
        topic = EcbTopic(name)
        by_doc: dict[str, set[int]] = defaultdict(set)
        for doc, sent in selected.get(name, set()):
            by_doc[doc].add(sent)
        for doc in sorted(by_doc):
            path = root / "ECB+" / name / doc
            if path.is_file():
                _read_doc(path, topic, by_doc[doc])
        if topic.mentions:
            yield topic


def to_features(topic: EcbTopic, lemmatize: Lemmatizer) -> list[MentionFeatures]:
    """The merger's view of a topic's mentions; sets each mention's trigger ``lemmas``."""
    out: list[MentionFeatures] = []
    by_sentence: dict[tuple[str, int], list[EcbMention]] = defaultdict(list)
    for m in topic.mentions:
        by_sentence[(m.doc, m.sentence)].append(m)
    for key, mentions in sorted(by_sentence.items()):
        words = topic.sentences[key]
        lemmas_of = lemmatize(words)
        for m in mentions:
            found = [lemmas_of[p] for p in m.positions if p < len(lemmas_of)]
            content = [x for x in found if x]
            lemmas = frozenset(content or [words[p].lower() for p in m.positions])
            m.lemmas = lemmas
            published = topic.published.get(m.doc)
            out.append(
                MentionFeatures(
                    id=m.id,
                    doc=m.doc,
                    type=m.tag,
                    status="occurred",
                    published=published.toordinal() if published else None,
                    text=" ".join(words),
                    lemmas=lemmas,
                    participants=m.participants,
                )
            )
    return out


def plain_lemmatizer(words: list[str]) -> list[str]:
    """Lower-cased words (no model needed)."""
    return [w.lower() if any(c.isalnum() for c in w) else "" for w in words]


def spacy_lemmatizer(model: str | None = None) -> Lemmatizer:
    """Lemmas from a spaCy pipeline (the shipped one by default) run on the given words."""
    from spacy.tokens import Doc

    from threatline.stages.nlp import load_model

    nlp = load_model(model) if model else load_model(exclude=("ner", "parser"))

    def lemmatize(words: list[str]) -> list[str]:
        doc = Doc(nlp.vocab, words=words)
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        return ["" if t.is_stop or t.is_punct else t.lemma_.lower() for t in doc]

    return lemmatize


def same_lemma(topics: Sequence[EcbTopic]) -> dict[str, str]:
    """The baseline: mentions of a topic with the same trigger lemmas form one cluster."""
    return {m.id: f"{t.topic}|{'+'.join(sorted(m.lemmas))}" for t in topics for m in t.mentions}


def evaluate(
    root: Path,
    topics: Sequence[str] | None = None,
    lemmatize: Lemmatizer | None = None,
    options: MergeOptions | None = None,
) -> dict[str, Any]:
    """Event coreference of the merger and of the same-lemma baseline on ECB+ (within and
    across documents, within each topic), as CoNLL-style scores."""
    from threatline.crossdoc.cluster import cluster
    from threatline.eval.coref import score_clusterings

    lemmatize = lemmatize or plain_lemmatizer
    read = list(read_topics(root, topics))
    key: dict[str, str] = {}
    response: dict[str, str] = {}
    for topic in read:
        features = to_features(topic, lemmatize)
        key.update((m.id, f"{topic.topic}|{m.gold}") for m in topic.mentions)
        for ids in cluster(features, options):
            response.update(dict.fromkeys(ids, ids[0]))
    return {
        "topics": len(read),
        "documents": sum(len({m.doc for m in t.mentions}) for t in read),
        "dated_documents": sum(len(t.published) for t in read),
        "mentions": len(key),
        "merge": score_clusterings(key, response).as_dict(),
        "same_lemma": score_clusterings(key, same_lemma(read)).as_dict(),
    }
