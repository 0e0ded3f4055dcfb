"""Helpers for the eval tests: turn gold JSON into the export records the pipeline would write."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Records = dict[str, list[dict[str, Any]]]


def _ref(code: str | None, name: str | None, person: str | None) -> dict[str, Any] | None:
    if code is None and name is None:
        return None
    return {"code": code, "name": name or code or "", "person": person, "sector": None}


def gold_to_records(docs: list[dict[str, Any]]) -> Records:
    """Export records that reproduce gold exactly: one event per gold event with one mention."""
    records: Records = {"events": [], "quotes": [], "documents": [], "actors": []}
    for gold in docs:
        doc = gold["doc"]
        for index, event in enumerate(gold["events"]):
            location = None
            if event["location"] is not None or event["location_country"] is not None:
                location = {"name": event["location"], "country": event["location_country"]}
            evidence = event.get("evidence") or ""
            records["events"].append(
                {
                    "id": f"{doc}#{index}",
                    "type": event["type"],
                    "mode": None,
                    "threatened_type": event["threatened_type"],
                    "status": event["status"],
                    "historical": False,
                    "date": event["date"],
                    "date_precision": event["date_precision"],
                    "source": _ref(event["source"], event["source_name"], event["source_person"]),
                    "target": _ref(event["target"], event["target_name"], event["target_person"]),
                    "location": location,
                    "killed": event["killed"],
                    "injured": event["injured"],
                    "confidence": 1.0,
                    "mentions": [{"doc": doc, "text": evidence, "start": 0, "end": len(evidence)}],
                    "threat_outcome": None,
                }
            )
        for quote in gold["quotes"]:
            records["quotes"].append(
                {
                    "speaker": {"name": quote["speaker"], "code": None},
                    "text": quote["text"],
                    "direct": quote["direct"],
                    "doc": doc,
                    "date": quote["date"],
                }
            )
        records["documents"].append(
            {
                "doc": doc,
                "title": gold["title"],
                "published": gold["published_estimate"],
                "published_estimated": True,
                "published_window": gold["published_window"],
                "boilerplate": list(gold["boilerplate_lines"]),
            }
        )
        for actor in gold["actors"]:
            person = actor["name"] if actor["kind"] == "person" else None
            for alias in actor["aliases_in_text"]:
                records["actors"].append(
                    {
                        "doc": doc,
                        "text": alias,
                        "start": 0,
                        "end": len(alias),
                        "code": actor["code"],
                        "name": actor["name"],
                        "person": person,
                        "sector": None,
                        "role": actor["role_at_time"],
                    }
                )
    return records


@pytest.fixture
def to_records() -> Callable[[list[dict[str, Any]]], Records]:
    return gold_to_records


@pytest.fixture
def seed_gold(gold_dir: Path) -> list[dict[str, Any]]:
    """The raw JSON of every seed gold file."""
    return [
        json.loads(path.read_text(encoding="utf-8")) for path in sorted(gold_dir.glob("*.json"))
    ]


def write_gold(directory: Path, docs: list[dict[str, Any]]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        stem = doc["doc"].rsplit(".", 1)[0]
        (directory / f"{stem}.json").write_text(json.dumps(doc), encoding="utf-8")
    return directory


@pytest.fixture
def gold_writer() -> Callable[[Path, list[dict[str, Any]]], Path]:
    return write_gold
