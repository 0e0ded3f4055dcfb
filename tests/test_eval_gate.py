"""Eval gate: the whole product on the seed articles must keep the quality floors of the issues.

It runs what a user runs (`threatline ingest` then `threatline eval`) once, and fails CI when a
figure drops below its floor, as trafilatura's eval gate does. Floors are the issue targets.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from threatline.cli import app
from threatline.eval.coref import score_world_events
from threatline.eval.gold import load_gold
from threatline.store import open_store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seeds_run(
    tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path, gold_dir: Path
) -> dict[str, Any]:
    url = f"sqlite:///{tmp_path_factory.mktemp('gate') / 'seeds.db'}"
    ingest = CliRunner().invoke(app, ["ingest", str(seeds_dir), "--db", url, "-q"])
    assert ingest.exit_code == 0, ingest.output
    out = CliRunner().invoke(app, ["eval", str(gold_dir), "--db", url, "--json"])
    assert out.exit_code == 0, out.output
    report: dict[str, Any] = json.loads(out.stdout)
    store = open_store(url)
    try:
        report["world_events"] = score_world_events(load_gold(gold_dir), store.events()).as_dict()
    finally:
        store.close()  # type: ignore[attr-defined]
    return report


def test_foundation_boilerplate_and_titles(seeds_run: dict[str, Any]) -> None:
    overall = seeds_run["overall"]
    assert overall["boilerplate"]["precision"] == 1.0 and overall["boilerplate"]["recall"] == 1.0
    assert overall["title"]["value"] == 1.0


def test_actor_aliases_resolved(seeds_run: dict[str, Any]) -> None:
    assert seeds_run["overall"]["actors"]["aliases"]["value"] >= 0.95


def test_events_precision_recall_date_status(seeds_run: dict[str, Any]) -> None:
    events = seeds_run["overall"]["events"]
    assert events["core"]["precision"] >= 0.75
    assert events["core"]["recall"] >= 0.75
    assert events["attributes"]["date"]["value"] >= 0.85
    assert events["attributes"]["status"]["value"] >= 0.90


def test_publication_dates_in_window(seeds_run: dict[str, Any]) -> None:
    assert seeds_run["overall"]["published"]["in_window"]["correct"] >= 4


def test_quotes_recall_and_speakers(seeds_run: dict[str, Any]) -> None:
    quotes = seeds_run["overall"]["quotes"]
    assert quotes["direct"]["recall"] >= 0.85
    assert quotes["reported"]["recall"] >= 0.70
    assert quotes["speaker"]["value"] >= 0.90


def test_world_events_merged_across_articles(seeds_run: dict[str, Any]) -> None:
    assert seeds_run["world_events"]["b3"]["f1"] >= 0.85
