"""URLs through an injected fetcher double, and the default httpx fetcher over a mock transport."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import httpx
import pytest

from threatline.errors import FetchError, NoArticleTextError
from threatline.models import Article, Failure
from threatline.sources import FetchedPage, Fetcher, HttpxFetcher, SourceOptions, iter_inputs
from threatline.sources.urls import USER_AGENT, is_url

FIXTURES = Path(__file__).parent / "fixtures"


class FakeFetcher:
    """Serves canned pages by URL; an unknown URL fails like a network error would."""

    def __init__(self, pages: dict[str, FetchedPage]) -> None:
        self.pages = pages
        self.requested: list[str] = []

    def fetch(self, url: str) -> FetchedPage:
        self.requested.append(url)
        if url not in self.pages:
            raise FetchError("connection refused", input=url)
        return self.pages[url]


def _page(url: str, fixture: str, content_type: str | None) -> FetchedPage:
    return FetchedPage(
        url=url, content=(FIXTURES / fixture).read_bytes(), content_type=content_type
    )


def test_fake_fetcher_satisfies_the_protocol() -> None:
    assert isinstance(FakeFetcher({}), Fetcher)
    assert isinstance(HttpxFetcher(), Fetcher)


@pytest.mark.parametrize(
    "content_type", ["application/rss+xml; charset=utf-8", "text/html", "text/xml", None]
)
def test_feed_url_by_content_type_or_sniffing(content_type: str | None) -> None:
    url = "https://dispatch.example.org/feed"
    fetcher = FakeFetcher({url: _page(url, "feed.rss", content_type)})
    items = list(iter_inputs([url], fetcher=fetcher))
    articles = [item for item in items if isinstance(item, Article)]
    assert [a.id for a in articles] == ["dispatch-0001", "https://dispatch.example.org/storm"]
    assert all(a.source == url for a in articles)
    assert all(a.outlet == "Lakeside Dispatch" for a in articles)
    failures = [item for item in items if isinstance(item, Failure)]
    assert [f.input for f in failures] == [url]


def test_html_url_id_is_the_url() -> None:
    url = "https://courier.example.com/news/ferry-strike?ref=home"
    fetcher = FakeFetcher({url: _page(url, "article.html", "text/html; charset=utf-8")})
    (article,) = iter_inputs([url], fetcher=fetcher)
    assert isinstance(article, Article)
    assert article.id == url
    assert article.source == url
    assert article.title == "Ferry crews strike over river tolls"
    assert article.published == dt.date(2022, 7, 9)
    assert article.raw.startswith("Crews on the three river ferries")


def test_html_url_uses_declared_charset() -> None:
    url = "https://old.example.com/page"
    html = (FIXTURES / "article.html").read_text(encoding="utf-8")
    page = FetchedPage(
        url=url, content=html.encode("cp1252"), content_type="text/html; charset=windows-1252"
    )
    (article,) = iter_inputs([url], fetcher=FakeFetcher({url: page}))
    assert isinstance(article, Article)
    assert "“takes wages out of our pockets”" in article.raw


def test_plain_text_url() -> None:
    url = "https://plain.example.com/note.txt"
    page = FetchedPage(url=url, content=b"A short wire note.\r\nEnd.", content_type="text/plain")
    (article,) = iter_inputs([url], fetcher=FakeFetcher({url: page}))
    assert isinstance(article, Article)
    assert article.raw == "A short wire note.\nEnd."
    assert article.url == url


def test_fetch_failure_and_empty_page_do_not_stop_the_rest() -> None:
    good = "https://courier.example.com/a"
    empty = "https://courier.example.com/empty"
    fetcher = FakeFetcher(
        {
            good: _page(good, "article.html", "text/html"),
            empty: _page(empty, "nav_only.html", "text/html"),
        }
    )
    down = "https://down.example.com/"
    items = list(iter_inputs([down, empty, good], fetcher=fetcher))
    assert [type(item).__name__ for item in items] == ["Failure", "Failure", "Article"]
    assert isinstance(items[0], Failure)
    assert (items[0].input, items[0].code) == (down, FetchError.code)
    assert "connection refused" in items[0].message
    assert isinstance(items[1], Failure)
    assert items[1].code == NoArticleTextError.code
    assert fetcher.requested == [down, empty, good]


def test_oversized_page_is_a_failure() -> None:
    url = "https://big.example.com/"
    page = FetchedPage(url=url, content=b"<p>" + b"word " * 100 + b"</p>", content_type="text/html")
    (failure,) = iter_inputs(
        [url], options=SourceOptions(max_article_bytes=100), fetcher=FakeFetcher({url: page})
    )
    assert isinstance(failure, Failure)
    assert "over the limit of 100 bytes" in failure.message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://example.com/a", True),
        ("HTTP://example.com", True),
        ("ftp://example.com/a", False),
        ("https://", False),
        ("data/articles", False),
        ("C:/data/file.txt", False),
    ],
)
def test_is_url(value: str, expected: bool) -> None:
    assert is_url(value) is expected


def _mock(handler: httpx.MockTransport) -> HttpxFetcher:
    return HttpxFetcher(transport=handler, max_bytes=1000)


def test_httpx_fetcher_returns_final_url_bytes_and_type() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/old":
            return httpx.Response(301, headers={"location": "https://example.com/new"})
        return httpx.Response(200, content=b"<p>hi</p>", headers={"content-type": "text/html"})

    page = _mock(httpx.MockTransport(handler)).fetch("https://example.com/old")
    assert page == FetchedPage("https://example.com/new", b"<p>hi</p>", "text/html")
    assert seen[0].headers["user-agent"] == USER_AGENT


@pytest.mark.parametrize(
    ("response", "fragment"),
    [
        (httpx.Response(404), "HTTP 404"),
        (httpx.Response(200, content=b"x" * 1001), "over the limit of 1,000 bytes"),
    ],
)
def test_httpx_fetcher_errors_are_fetch_errors(response: httpx.Response, fragment: str) -> None:
    fetcher = _mock(httpx.MockTransport(lambda request: response))
    with pytest.raises(FetchError, match=fragment):
        fetcher.fetch("https://example.com/x")


def test_httpx_transport_error_is_a_failure() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no route to host", request=request)

    (failure,) = iter_inputs(["https://example.com/"], fetcher=_mock(httpx.MockTransport(handler)))
    assert isinstance(failure, Failure)
    assert failure.code == FetchError.code
    assert "no route to host" in failure.message
