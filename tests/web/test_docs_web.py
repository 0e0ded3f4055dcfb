"""docs/api.md and docs/dashboard.md fail the suite when they miss an endpoint or a screenshot."""

from __future__ import annotations

import re
from pathlib import Path

from tests.api.conftest import TestClient
from threatline.api.params import event_filter

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_every_endpoint_and_filter_is_documented(client: TestClient) -> None:
    doc = (DOCS / "api.md").read_text(encoding="utf-8")
    for path, item in client.get("/openapi.json").json()["paths"].items():
        for method in item:
            pattern = (
                re.escape(f"`{method.upper()} {path}`").replace(r"\{", "{").replace(r"\}", "}")
            )
            pattern = re.sub(r"\{\w+\}", r"\\{\\w+\\}", pattern)
            assert re.search(pattern, doc), f"{method.upper()} {path}"
    for name in event_filter.__annotations__:
        if name != "return":
            assert f"`{name}`" in doc, name


def test_screenshots_are_referenced_and_present() -> None:
    doc = (DOCS / "dashboard.md").read_text(encoding="utf-8")
    referenced = set(re.findall(r"\(screenshots/([\w.-]+\.png)\)", doc))
    assert referenced
    for name in referenced:
        assert (DOCS / "screenshots" / name).is_file(), name
