"""The CLI end to end on the shipped demo corpus and on the seeds (thin shell over the library)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from threatline.cli import app

DEMO = Path(__file__).resolve().parents[2] / "src" / "threatline" / "demo"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'demo.db'}"
    result = CliRunner().invoke(app, ["ingest", str(DEMO), "--db", url, "-q"])
    assert result.exit_code == 0, result.output
    assert "failed" in result.output  # the summary line
    return url


def test_ingest_summary_and_idempotence(demo_db: str) -> None:
    result = CliRunner().invoke(app, ["ingest", str(DEMO), "--db", demo_db, "-q"])
    assert result.exit_code == 0
    assert "0 added" in result.output and "already stored" in result.output


def test_ingest_exit_status_is_nonzero_when_an_input_fails(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    result = CliRunner().invoke(
        app, ["ingest", str(tmp_path), "--db", f"sqlite:///{tmp_path / 'x.db'}", "-q"]
    )
    assert result.exit_code == 1
    assert "empty.txt" in result.output


def test_export_documents_jsonl_and_csv(demo_db: str) -> None:
    out = CliRunner().invoke(app, ["export", "documents", "--db", demo_db])
    assert out.exit_code == 0
    docs = [json.loads(line) for line in out.stdout.splitlines()]
    by_id = {d["doc"]: d for d in docs}
    assert {"demo-001", "undated_briefing.txt", "embassy.html"} <= set(by_id)
    assert by_id["demo-001"]["published"] == "2024-04-14"
    assert (
        by_id["undated_briefing.txt"]["title"]
        == "Iraqi lawmakers demand withdrawal of foreign troops"
    )
    assert "Share this article" in by_id["undated_briefing.txt"]["boilerplate"]
    assert "Share this article" not in by_id["undated_briefing.txt"]["text"]
    assert set(docs[0]) >= {
        "doc",
        "title",
        "published",
        "published_estimated",
        "published_window",
        "text",
    }
    csv_out = CliRunner().invoke(app, ["export", "documents", "--format", "csv", "--db", demo_db])
    rows = list(csv.DictReader(io.StringIO(csv_out.stdout)))
    assert len(rows) == len(docs)


def test_export_to_file(demo_db: str, tmp_path: Path) -> None:
    target = tmp_path / "events.jsonl"
    out = CliRunner().invoke(app, ["export", "events", "-o", str(target), "--db", demo_db])
    assert out.exit_code == 0 and target.exists()
    for line in target.read_text().splitlines():
        rec = json.loads(line)
        assert rec["mentions"] and {"id", "type", "status", "date", "source", "target"} <= set(rec)


def test_events_and_stats(demo_db: str) -> None:
    out = CliRunner().invoke(app, ["events", "--db", demo_db])
    assert out.exit_code == 0 and "timeline" in out.output
    stats = json.loads(CliRunner().invoke(app, ["stats", "--json", "--db", demo_db]).stdout)
    assert stats["articles"] == 9


def test_bad_database_url_is_a_clear_error(tmp_path: Path) -> None:
    out = CliRunner().invoke(app, ["stats", "--db", "nosuchdb://x"])
    assert out.exit_code != 0


def test_eval_on_seeds_reports_honestly(tmp_path: Path, seeds_dir: Path, gold_dir: Path) -> None:
    url = f"sqlite:///{tmp_path / 'seeds.db'}"
    assert CliRunner().invoke(app, ["ingest", str(seeds_dir), "--db", url, "-q"]).exit_code == 0
    out = CliRunner().invoke(app, ["eval", str(gold_dir), "--db", url, "--json"])
    assert out.exit_code == 0, out.output
    report = json.loads(out.stdout)
    assert report["overall"]["boilerplate"]["f1"] == 1.0
    assert report["overall"]["title"]["value"] == 1.0


def test_model_info_json() -> None:
    out = CliRunner().invoke(app, ["model", "info", "--json"])
    assert out.exit_code == 0, out.output
    info = json.loads(out.stdout)
    assert info["name"] == "en_threatline"
    assert {"tagger", "parser", "ner", "lemmatizer"} <= set(info["components"])
    assert info["test_scores"]["raw_text"]["uas"] > 0.5
