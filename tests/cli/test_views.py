"""`threatline quotes` and `threatline threats` over a store filled with known records."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from tests import factories as f
from threatline.cli import app
from threatline.ingest import refresh
from threatline.models import ArticleResult, EventType
from threatline.store import open_store


def _db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'v.db'}"
    store = open_store(url)
    threat = f.event(
        "a.txt", type=EventType.THREATEN, date="2020-01-05", text="Alpha vowed to strike Beta"
    )
    threat = threat.model_copy(update={"threatened_type": EventType.ASSAULT})
    strike = f.event("b.txt", date="2020-01-08", text="Alpha struck Beta bases")
    idle = f.event(
        "a.txt",
        type=EventType.THREATEN,
        source="CCC",
        target="DDD",
        start=50,
        text="Gamma warned Delta",
    )
    store.save_result(
        ArticleResult(
            article=f.article("a.txt", "first"), events=[threat, idle], quotes=[f.quote()]
        )
    )
    store.save_result(ArticleResult(article=f.article("b.txt", "second"), events=[strike]))
    refresh(store)
    store.close()  # type: ignore[attr-defined]
    return url


def test_threats_board(tmp_path: Path) -> None:
    url = _db(tmp_path)
    out = CliRunner().invoke(app, ["threats", "--json", "--db", url])
    assert out.exit_code == 0, out.output
    rows = {r["source"]["code"]: r for r in map(json.loads, out.stdout.splitlines())}
    assert rows["AAA"]["threat_outcome"]["status"] == "carried_out"
    assert (
        rows["AAA"]["threat_outcome"]["delay_days"]
        == (dt.date(2020, 1, 8) - dt.date(2020, 1, 5)).days
    )
    assert [e["type"] for e in rows["AAA"]["followed_by"]] == ["ASSAULT"]
    assert (
        rows["CCC"]["threat_outcome"] is None
        or rows["CCC"]["threat_outcome"]["status"] == "pending"
    )
    pending = CliRunner().invoke(app, ["threats", "--status", "pending", "--json", "--db", url])
    assert [json.loads(x)["source"]["code"] for x in pending.stdout.splitlines()] == ["CCC"]
    table = CliRunner().invoke(app, ["threats", "--db", url], env={"COLUMNS": "250"})
    assert "carried out after 3 days" in table.stdout


def test_quotes_filters(tmp_path: Path) -> None:
    url = _db(tmp_path)
    out = CliRunner().invoke(app, ["quotes", "--json", "--speaker", "alpha", "--db", url])
    assert [json.loads(x)["text"] for x in out.stdout.splitlines()] == ["We will respond"]
    none = CliRunner().invoke(app, ["quotes", "--json", "--actor", "ZZZ", "--db", url])
    assert none.stdout.strip() == ""
    table = CliRunner().invoke(app, ["quotes", "--db", url])
    assert "We will respond" in table.stdout
