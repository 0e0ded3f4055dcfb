"""docs/exports.md documents every column of every export, and no column that does not exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from threatline.export import FORMATS
from threatline.export.acled import ACLED_COLUMNS
from threatline.export.cameo import CAMEO_COLUMNS
from threatline.export.parquet import SCHEMAS
from threatline.export.plover import load_schema

DOC = Path(__file__).resolve().parents[2] / "docs" / "exports.md"


def _sections() -> dict[str, list[str]]:
    """Heading -> the backquoted names in the first cell of its table rows, in order."""
    sections: dict[str, list[str]] = {}
    current, fenced = "", False
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif fenced:
            continue
        elif line.startswith("#"):
            current = line.lstrip("#").strip()
            sections[current] = []
        elif match := re.match(r"^\| `([^`]+)` \|", line):
            sections[current].append(match.group(1))
    return sections


@pytest.mark.parametrize(
    ("heading", "columns"),
    [
        ("CAMEO-coded TSV (GDELT columns)", CAMEO_COLUMNS),
        ("ACLED-style CSV", ACLED_COLUMNS),
        *((f"Parquet: {kind}", tuple(schema.names)) for kind, schema in SCHEMAS.items()),
    ],
)
def test_every_column_is_documented_in_order(heading: str, columns: tuple[str, ...]) -> None:
    assert tuple(_sections()[heading]) == columns


def test_every_plover_field_is_documented() -> None:
    documented = set(_sections()["PLOVER JSON Lines"])
    assert documented == set(load_schema()["properties"])


def test_the_format_table_matches_the_dispatch() -> None:
    lines = DOC.read_text(encoding="utf-8").split("\n## ")[0].splitlines()
    rows = [
        [c.strip() for c in line.strip("|").split("|")] for line in lines if line.startswith("|")
    ]
    header, table = rows[0], rows[2:]
    documented = {
        row[0].split("`")[1]: tuple(fmt for fmt, cell in zip(header[1:], row[1:], strict=True)
                                    if cell == "yes")
        for row in table
    }  # fmt: skip
    assert documented == dict(FORMATS)
