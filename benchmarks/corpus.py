"""Synthetic news-like articles for benchmarks: invented sentences from templates (no real text)."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path

ACTORS = [
    "Iran", "Israel", "the United States", "Russia", "Ukraine", "Hezbollah", "Hamas", "the Houthis",
    "Iraqi militias", "Turkey", "Saudi Arabia", "the Syrian army", "NATO", "the European Union",
    "Chinese officials", "the Taliban", "Pakistani forces", "Indian troops", "Kurdish fighters",
]  # fmt: skip
PLACES = [
    "Baghdad", "Damascus", "Beirut", "Gaza", "Kyiv", "Kharkiv", "Tehran", "Sanaa", "Aden", "Erbil",
    "Idlib", "Mosul", "the Red Sea", "the Strait of Hormuz", "Kabul", "Karachi", "Tripoli",
]  # fmt: skip
TEMPLATES = [
    "{a} launched a drone attack on {b} near {p} on {day}, officials said.",
    "{a} accused {b} of violating the ceasefire in {p} last week.",
    "{a} threatened to retaliate against {b} if the strikes on {p} continued.",
    "Protesters gathered outside the embassy of {b} in {p} on {day} to denounce the raids.",
    "{a} imposed new sanctions on {b} over its role in the fighting around {p}.",
    "Talks between {a} and {b} resumed in {p} on {day} after a pause of two months.",
    "At least {n} people were killed and {m} wounded when a car bomb exploded in {p} on {day}.",
    "{a} denied that its forces had shelled villages near {p}.",
    "{a} said it would send more troops to {p} in the coming weeks.",
    "A spokesman for {a} said the group would respond to any attack by {b} at a time of its "
    "choosing.",
    "{a} called on {b} to withdraw its forces from {p} immediately.",
    "The foreign minister of {a} met his counterpart from {b} in {p} on {day}.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def article(rng: random.Random, i: int, sentences: int = 8) -> dict[str, str]:
    published = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(1800))
    lines = []
    for _ in range(sentences):
        a, b = rng.sample(ACTORS, 2)
        text = rng.choice(TEMPLATES).format(
            a=a,
            b=b,
            p=rng.choice(PLACES),
            day=rng.choice(DAYS),
            n=rng.randrange(2, 90),
            m=rng.randrange(5, 300),
        )
        lines.append(text[0].upper() + text[1:])
    body = "\n\n".join(" ".join(lines[k : k + 2]) for k in range(0, len(lines), 2))
    return {
        "id": f"bench-{i:07d}",
        "published": published.isoformat(),
        "outlet": "Bench Wire",
        "text": body,
    }


def articles(n: int, seed: int = 7, sentences: int = 8) -> Iterator[dict[str, str]]:
    rng = random.Random(seed)
    for i in range(n):
        yield article(rng, i, sentences)


def write_jsonl(path: Path, n: int, seed: int = 7, sentences: int = 8) -> int:
    """Write n articles; returns the number of words."""
    words = 0
    with path.open("w", encoding="utf-8") as fh:
        for rec in articles(n, seed, sentences):
            words += len(rec["text"].split())
            fh.write(json.dumps(rec) + "\n")
    return words
