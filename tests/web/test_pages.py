"""The dashboard's HTML pages, in process: content, shared filters, highlighting, errors, assets."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.api.conftest import TestClient
from tests.api.synth import Synthetic
from threatline.models import EventType

WEB = Path(__file__).resolve().parents[2] / "src" / "threatline" / "web"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.marks: list[dict[str, str | None]] = []
        self.ids: list[str] = []
        self.inputs: dict[str, str | None] = {}
        self._in_mark = False
        self.mark_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(str(a["href"]))
        if tag == "mark":
            self.marks.append(a)
            self._in_mark = True
            self.mark_text.append("")
        if a.get("id"):
            self.ids.append(str(a["id"]))
        if tag in ("input", "select") and a.get("name"):
            self.inputs[str(a["name"])] = a.get("value")

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._in_mark = False

    def handle_data(self, data: str) -> None:
        if self._in_mark:
            self.mark_text[-1] += data


def _parse(html: str) -> _Links:
    p = _Links()
    p.feed(html)
    return p


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/events",
        "/actors",
        "/actors/IRN",
        "/threats",
        "/map",
        "/quotes",
        "/documents",
        "/api/docs",
    ],
)
def test_pages_render(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "<nav" in r.text and "Threatline" in r.text


def test_filters_are_kept_in_the_form_and_every_link(client: TestClient) -> None:
    r = client.get("/events?actor=irn&type=ASSAULT&since=2024-01-01&limit=5")
    page = _parse(r.text)
    assert page.inputs["actor"] == "irn" and page.inputs["since"] == "2024-01-01"
    assert 'option value="ASSAULT" selected' in r.text
    nav = [link for link in page.links if link.startswith(("/threats", "/map", "/actors?"))]
    assert nav and all("actor=irn" in link and "type=ASSAULT" in link for link in nav)
    nxt = next(link for link in page.links if "offset=5" in link)
    assert "actor=irn" in nxt and "type=ASSAULT" in nxt and "sort=-date" in nxt


def test_event_list_pages_follow_the_api(client: TestClient) -> None:
    api = client.get("/api/events?type=SANCTION&sort=-date&limit=10&offset=10").json()
    page = _parse(client.get("/events?type=SANCTION&limit=10&offset=10").text)
    links = [link for link in page.links if link.startswith("/events/")]
    assert links == [f"/events/{e['id']}" for e in api["items"]]


def test_event_page_highlights_the_evidence_and_links_the_articles(
    client: TestClient, synthetic: Synthetic
) -> None:
    ev = next(e for e in synthetic.events if len(e.mentions) >= 2)
    page = _parse(client.get(f"/events/{ev.id}").text)
    evidence = [
        text
        for mark, text in zip(page.marks, page.mark_text, strict=True)
        if "hl-evidence" in str(mark.get("class"))
    ]
    assert evidence == [m.text for m in ev.mentions]
    for m in ev.mentions:
        assert f"/documents/{m.doc}?hl={ev.id}#ev-{ev.id}" in page.links


def test_document_page_marks_events_and_quotes(client: TestClient, synthetic: Synthetic) -> None:
    res = next(r for r in synthetic.articles if r.quotes and len(r.events) >= 2)
    merged = {m: e for m, e in synthetic.assignments.items()}
    chosen = merged[res.events[0].id]
    page = _parse(client.get(f"/documents/{res.article.id}?hl={chosen}").text)
    assert f"ev-{chosen}" in page.ids and f"q-{res.quotes[0].id}" in page.ids
    texts = {t for t in page.mark_text}
    assert {e.mentions[0].text for e in res.events} <= texts
    assert res.quotes[0].text in "".join(page.mark_text)
    selected = [
        t
        for mark, t in zip(page.marks, page.mark_text, strict=True)
        if "selected" in str(mark.get("class")).split()
    ]
    assert selected == [res.events[0].mentions[0].text]


def test_threat_and_actor_pages_show_the_numbers(client: TestClient, synthetic: Synthetic) -> None:
    board = client.get("/api/threats").json()
    html = client.get("/threats").text
    assert f"{board['pending']['total']} pending" in html
    assert f"{board['carried_out']['total']} carried out" in html
    actor = client.get("/api/actors/IRN").json()
    html = client.get("/actors/IRN").text
    assert f"{actor['events']} events: {actor['as_source']} as source" in html
    assert 'data-code="IRN"' in html
    codes = {c["code"] for c in actor["counterparts"]}
    assert all(f'href="/actors/{code}"' in html for code in codes)


def test_error_pages_are_html(client: TestClient) -> None:
    r = client.get("/events/ev_nope")
    assert r.status_code == 404 and "no event with id" in r.text and "<html" in r.text
    r = client.get("/events?since=2024-02-30")
    assert r.status_code == 422 and "since" in r.text
    assert client.get("/actors/NOBODY").status_code == 404
    assert client.get("/documents/none.txt").status_code == 404


def test_api_reference_lists_every_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    html = client.get("/api/docs").text
    for path, item in spec["paths"].items():
        for method in item:
            assert f">{method.upper()}</span> <code>{path}</code>" in html
    assert "threat_status" in html and "bearer token" in html
    assert "cdn" not in html.lower()


def test_static_assets_are_served_and_local(client: TestClient) -> None:
    for path, kind in [
        ("/static/js/common.js", "javascript"),
        ("/static/css/app.css", "text/css"),
        ("/static/vendor/topojson-client/topojson-client.min.js", "javascript"),
        ("/static/data/world-atlas/countries-110m.json", "json"),
        ("/static/favicon.svg", "svg"),
    ]:
        r = client.get(path)
        assert r.status_code == 200 and kind in r.headers["content-type"], path
    referenced = set()
    for template in (WEB / "templates").glob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", text), template.name
        referenced |= set(re.findall(r"/static/[\w./-]+", text))
    for asset in referenced:
        assert client.get(asset).status_code == 200, asset
    for script in (WEB / "static" / "js").glob("*.js"):
        code = script.read_text().replace('"http://www.w3.org/2000/svg"', "")  # a namespace name
        assert "http://" not in code and "https://" not in code, script.name


def test_vendored_files_carry_licences_and_sources() -> None:
    for folder in ("vendor/topojson-client", "data/world-atlas"):
        d = WEB / "static" / folder
        assert "ISC" in (d / "SOURCE.md").read_text() or "ISC" in (d / "LICENSE").read_text()
        assert (d / "LICENSE").read_text().startswith("Copyright")
    world = WEB / "static" / "data" / "world-atlas" / "countries-110m.json"
    assert world.stat().st_size < 1_000_000
    topo = json.loads(world.read_text())
    ids = {g.get("id") for g in topo["objects"]["countries"]["geometries"]}
    assert {"368", "364", "840"} <= ids  # Iraq, Iran, United States


def test_every_event_type_has_a_colour() -> None:
    css = (WEB / "static" / "css" / "app.css").read_text()
    js = (WEB / "static" / "js" / "common.js").read_text()
    for t in EventType:
        assert f".t-{t.value} {{ --c:" in css
        assert f'"{t.value}"' in js
