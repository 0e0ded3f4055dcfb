"""`threatline export` with the interop formats (a thin shell over threatline.export)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from threatline.cli import app
from threatline.export.cameo import CAMEO_COLUMNS
from threatline.export.parquet import SCHEMAS, ParquetKind
from threatline.export.plover import validate
from threatline.store import SqlStore


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["export", *args])
    return result.exit_code, result.output


def test_plover_to_stdout_validates(store: SqlStore) -> None:
    code, out = _run("events", "--format", "plover", "--db", store.url)
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert validate(records) == store.count_events()


def test_cameo_and_acled_with_filters(store: SqlStore, tmp_path: Path) -> None:
    code, out = _run("events", "-f", "cameo", "--type", "ASSAULT", "--db", store.url)
    assert code == 0
    frame = pd.read_csv(io.StringIO(out), sep="\t")
    assert tuple(frame.columns) == CAMEO_COLUMNS and set(frame["plover_type"]) == {"ASSAULT"}
    target = tmp_path / "acled.csv"
    code, out = _run("events", "-f", "acled", "--since", "2020-01-01", "-o", str(target),
                     "--db", store.url)  # fmt: skip
    assert code == 0 and "written to" in out
    assert (pd.read_csv(target)["year"] >= 2020).all()


@pytest.mark.parametrize("kind", ["events", "mentions", "quotes", "documents"])
def test_parquet_needs_a_file(store: SqlStore, tmp_path: Path, kind: ParquetKind) -> None:
    code, _ = _run(kind, "--format", "parquet", "--db", store.url)
    assert code == 2
    target = tmp_path / f"{kind}.parquet"
    code, _ = _run(kind, "--format", "parquet", "-o", str(target), "--db", store.url)
    assert code == 0 and pq.read_schema(target).equals(SCHEMAS[kind])


@pytest.mark.parametrize(("kind", "fmt"), [("actors", "parquet"), ("quotes", "plover")])
def test_unsupported_combinations_are_usage_errors(store: SqlStore, kind: str, fmt: str) -> None:
    code, out = _run(kind, "--format", fmt, "-o", "x.out", "--db", store.url)
    assert code == 2 and "cannot be exported" in out
