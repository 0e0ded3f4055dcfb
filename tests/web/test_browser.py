"""The dashboard in a real headless Chromium (Debian's, driven by Playwright).

The app runs with uvicorn in a background thread on a free localhost port over a synthetic
store that also holds an article full of script and markup payloads. Every page must render
with no console error, no page error and no dialog. Screenshots go to $THREATLINE_SCREENSHOTS
(docs/screenshots/ for the docs) or to the test's temporary folder.

Skips with a clear reason when playwright or Chromium is missing, except under CI=true.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlparse

import pytest

from tests.api.hostile import DOC, EVENT_ID, hostile_records
from tests.api.synth import fill_store, generate
from threatline.api import create_app
from threatline.store.sql import SqlStore

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("THREATLINE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def playwright_api() -> Any:
    try:
        from playwright import sync_api
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[dev]')")
    if not Path(CHROMIUM).exists():
        _unavailable(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    return sync_api


@dataclass(frozen=True)
class Site:
    url: str
    event: str  # a synthetic event reported by three articles
    doc: str  # one of its articles


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    import uvicorn

    store = SqlStore(f"sqlite:///{tmp_path_factory.mktemp('browser') / 'web.db'}")
    synthetic = generate(160, seed=9)
    sample = max(synthetic.events, key=lambda e: (len(e.mentions), e.type.value == "ASSAULT"))
    hostile, hostile_events = hostile_records()
    synthetic.articles.append(hostile)
    synthetic.events += hostile_events
    synthetic.assignments[EVENT_ID] = EVENT_ID
    fill_store(store, synthetic)
    config = uvicorn.Config(create_app(store), host="127.0.0.1", port=0, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield Site(f"http://127.0.0.1:{port}", sample.id, sample.mentions[0].doc)
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser(playwright_api: Any) -> Iterator[Any]:
    with playwright_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = os.environ.get("THREATLINE_SCREENSHOTS")
    path = Path(target) if target else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass
class Watched:
    """A page with every console error, page error and dialog it produced."""

    page: Any
    base: str
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def open(self, path: str, ready: str = "main") -> None:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        self.page.wait_for_selector(ready)

    def check(self, document_status: int = 200) -> None:
        """No errors (a page served with an error status logs that one load failure: allowed),
        no dialogs, no injected elements."""
        errors = self.errors
        if document_status != 200:
            url = self.page.url
            errors = [e for e in errors if not (f"status of {document_status}" in e and url in e)]
        assert errors == [], errors
        assert self.dialogs == [], self.dialogs
        injected = self.page.eval_on_selector_all(
            "[id^=injected], img, iframe, object, script:not([src^='/static/'])",
            "nodes => nodes.map(n => n.outerHTML)",
        )
        assert injected == []


@pytest.fixture
def watched(browser: Any, site: Site) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    w = Watched(page, site.url)

    def on_console(msg: Any) -> None:
        if msg.type == "error":
            w.errors.append(f"console: {msg.text} ({msg.location})")

    def on_dialog(dialog: Any) -> None:
        w.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("console", on_console)
    page.on("pageerror", lambda exc: w.errors.append(f"pageerror: {exc}"))
    page.on("dialog", on_dialog)
    yield w
    context.close()


PAGES = [
    ("timeline", "/", "#timeline svg a circle"),
    ("events", "/events?type=ASSAULT", "table.events"),
    ("event", "/events/{event}", "mark.hl-evidence"),
    ("actors", "/actors", "table.actors"),
    ("actor", "/actors/IRN", "#network svg circle.node"),
    ("threats", "/threats", "li.threat-card"),
    ("map", "/map", "#map svg path.country"),
    ("quotes", "/quotes", "table.quotes"),
    ("documents", "/documents", "table.documents"),
    ("document", "/documents/{doc}?hl={event}#ev-{event}", "mark.selected"),
    ("hostile-event", f"/events/{EVENT_ID}", "mark.hl-evidence"),
    ("hostile-document", f"/documents/{quote(DOC, safe='')}?hl={EVENT_ID}", "mark.selected"),
    ("api", "/api/docs", "section.op"),
    ("not-found", "/events/ev_missing", "section.error"),
]
STATUS = {"not-found": 404}
FULL_PAGE = {"timeline", "actor", "event", "document", "hostile-event"}


@pytest.mark.parametrize(("name", "path", "ready"), PAGES, ids=[p[0] for p in PAGES])
def test_page_renders_cleanly(
    *, watched: Watched, site: Site, shots: Path, name: str, path: str, ready: str
) -> None:
    watched.open(path.format(event=site.event, doc=quote(site.doc, safe="")), ready)
    watched.page.wait_for_timeout(150)
    watched.page.screenshot(path=str(shots / f"{name}.png"), full_page=name in FULL_PAGE)
    watched.check(STATUS.get(name, 200))


def test_timeline_to_event_to_source_article(watched: Watched) -> None:
    watched.open("/", "#timeline svg a circle")
    link = watched.page.locator("#timeline svg a").first
    href = link.get_attribute("href")
    assert href and href.startswith("/events/")
    link.click()
    watched.page.wait_for_url(f"**{href}")
    evidence = watched.page.locator("mark.hl-evidence").first.inner_text()
    assert evidence
    watched.page.locator("a.doc-link").first.click()
    watched.page.wait_for_url("**/documents/**")
    selected = watched.page.locator("mark.selected")
    assert selected.count() >= 1
    assert evidence in " ".join(selected.all_inner_texts())
    assert watched.page.url.split("#")[1] == f"ev-{href.rsplit('/', 1)[1]}"
    watched.check()


def test_timeline_zooms_and_pans(watched: Watched) -> None:
    watched.open("/", "#timeline svg a circle")
    page = watched.page
    dot = page.locator("#timeline svg circle.dot").first

    def cx() -> float:
        return float(dot.get_attribute("cx") or "nan")

    ticks = page.locator("#timeline .axis text").all_text_contents()
    before = cx()
    page.locator("[data-zoom=in]").first.click()
    zoomed = cx()
    assert zoomed != before
    assert page.locator("#timeline .axis text").all_text_contents() != ticks
    box = page.locator("#timeline svg").bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 20)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 150, box["y"] + 20, steps=5)
    page.mouse.up()
    assert cx() > zoomed
    page.mouse.wheel(0, 400)
    page.locator("[data-zoom=reset]").first.click()
    assert abs(cx() - before) < 0.5
    assert page.url.endswith("/")  # the drag did not follow a link
    watched.check()


def test_filter_form_round_trip(watched: Watched) -> None:
    watched.open("/events")
    page = watched.page
    page.fill("form.filters input[name=actor]", "irn")
    page.select_option("form.filters select[name=type]", "ASSAULT")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/events?**")
    query = parse_qs(urlparse(page.url).query)
    assert query == {"actor": ["irn"], "type": ["ASSAULT"]}
    rows = page.locator("table.events tbody tr").all_inner_texts()
    assert rows and all("ASSAULT" in r and "IRN" in r for r in rows)
    page.click("header nav >> text=Timeline")
    page.wait_for_selector("#timeline svg")
    note = page.locator("#timeline-note").inner_text()
    total = page.evaluate("fetch('/api/events?actor=IRN&type=ASSAULT&limit=1').then(r => r.json())")
    assert f"of {total['total']} events" in note
    assert set(page.locator("#timeline .lane-label").all_text_contents()) == {"ASSAULT"}
    watched.check()


def test_map_shades_countries_and_links_places(watched: Watched) -> None:
    watched.open("/map", "#map svg circle.place")
    page = watched.page
    stats = page.evaluate("fetch('/api/stats?places=500').then(r => r.json())")
    located = [p for p in stats["places"] if p["lat"] is not None]
    assert page.locator("#map svg circle.place").count() == len(located)
    shaded = page.locator("#map svg a path.country").count()
    on_map = sum(1 for c in stats["by_country"] if c["numeric"])
    assert 0 < shaded <= on_map
    assert page.locator("#country-table tbody tr").count() == len(stats["by_country"])
    page.locator("#map svg a:has(circle.place)").last.click()  # the smallest, drawn on top
    page.wait_for_url("**/events?place=**")
    watched.check()


def test_actor_network_links_counterparts(watched: Watched) -> None:
    watched.open("/actors/IRN", "#network svg circle.node")
    page = watched.page
    detail = page.evaluate("fetch('/api/actors/IRN?limit=1').then(r => r.json())")
    counterparts = {c["code"] for c in detail["counterparts"]}
    nodes = page.locator("#network svg a").count()
    assert nodes == min(24, len(counterparts))
    page.locator("#network svg a").first.click()
    page.wait_for_url("**/actors/**")
    assert page.url.rsplit("/", 1)[1].split("?")[0] in counterparts
    watched.check()


def test_hostile_strings_stay_text_in_the_browser(watched: Watched) -> None:
    for path in (
        f"/events/{EVENT_ID}",
        f"/documents/{quote(DOC, safe='')}",
        "/actors",
        "/threats",
        "/quotes",
        "/events?text=Brigade",
    ):
        watched.open(path)
        watched.page.wait_for_timeout(100)
        watched.check()
    watched.open(f"/events/{EVENT_ID}", "mark.hl-evidence")
    heading = watched.page.locator("h1").inner_text()
    assert "EVIL<I>" in heading
    body = watched.page.locator("main").inner_text()
    assert '<b id="injected-b">Evil</b> Brigade' in body
