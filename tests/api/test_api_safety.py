"""Markup and script payloads stored in article text, titles, actor names, places and quotes are
shown as text on every page and returned as JSON data by the API, never as markup."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.api.conftest import TestClient
from tests.api.hostile import DOC, EVENT_ID, EVIL_CODE, EVIL_NAME, PAYLOADS, SCRIPT, fill_hostile
from threatline.api import create_app
from threatline.api.app import SECURITY_HEADERS
from threatline.store.sql import SqlStore


class _Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = SqlStore(f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'h.db'}")
    fill_hostile(store)
    with TestClient(create_app(store)) as c:
        yield c
    store.close()


PAGES = [
    "/",
    "/events",
    f"/events/{EVENT_ID}",
    "/actors",
    f"/actors/{quote(EVIL_CODE, safe='')}",
    "/threats",
    "/map",
    "/quotes",
    "/documents",
    f"/documents/{quote(DOC, safe='')}?hl={EVENT_ID}",
    "/api/docs",
    f"/events?text={quote(SCRIPT)}&place={quote(PAYLOADS[1])}",
    f"/actors?q={quote(SCRIPT)}",
    f"/events/{quote(SCRIPT, safe='')}",
    f"/events?since={quote(SCRIPT)}",
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_show_payloads_as_text(hostile: TestClient, path: str) -> None:
    r = hostile.get(path)
    assert r.status_code in (200, 404, 422)
    assert r.headers["content-type"].startswith("text/html")
    html = r.text
    for payload in PAYLOADS:
        assert payload not in html
    page = _parse(html)
    for tag, attrs in page.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert not str(attrs.get("id", "")).startswith("injected"), (tag, attrs)
        assert not str(attrs.get("href", "")).lower().startswith("javascript:"), (tag, attrs)
        if tag == "script":
            assert str(attrs.get("src", "")).startswith("/static/"), attrs
    assert all(tag not in {"img", "svg", "iframe", "object"} for tag, _ in page.tags)
    for key, value in SECURITY_HEADERS.items():
        assert r.headers[key] == value


def test_payloads_are_visible_as_text(hostile: TestClient) -> None:
    event_page = "".join(_parse(hostile.get(f"/events/{EVENT_ID}").text).text)
    assert EVIL_NAME in event_page and "xss-img" in event_page
    doc_page = "".join(_parse(hostile.get(f"/documents/{quote(DOC, safe='')}").text).text)
    assert SCRIPT in doc_page and EVIL_NAME in doc_page


def test_api_returns_payloads_as_json_data(hostile: TestClient) -> None:
    r = hostile.get(f"/api/events/{EVENT_ID}")
    assert r.headers["content-type"] == "application/json"
    assert r.headers["x-content-type-options"] == "nosniff"
    body = r.json()
    assert body["source"]["name"] == EVIL_NAME
    assert body["evidence"][0]["title"].startswith(SCRIPT)
    doc = hostile.get(f"/api/documents/{quote(DOC, safe='')}").json()
    assert SCRIPT in doc["text"] and doc["doc"] == DOC


def test_templates_are_autoescaped_and_scripts_never_parse_data() -> None:
    web = Path(__file__).resolve().parents[2] / "src" / "threatline" / "web"
    for template in (web / "templates").glob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert "|safe" not in text.replace(" ", ""), template.name
        assert "autoescape false" not in text, template.name
    for script in (web / "static" / "js").glob("*.js"):
        text = script.read_text(encoding="utf-8")
        code = "\n".join(
            line for line in text.splitlines() if not line.lstrip().startswith(("*", "/*", "//"))
        )
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in code, (script.name, sink)
