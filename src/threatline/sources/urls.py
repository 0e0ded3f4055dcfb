"""http(s) URLs: one injectable :class:`Fetcher`, then the page is read as a feed, text or HTML.

A response is a feed when its content type says so or its body starts like one; ``text/plain``
is read as a text article; anything else as an HTML page whose article id is the URL.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable
from urllib.parse import urlsplit

from threatline import __version__
from threatline.errors import FetchError, SourceError, TooLargeError
from threatline.models import Article, Failure
from threatline.sources.encoding import decode_bytes
from threatline.sources.feeds import iter_feed
from threatline.sources.html import html_article
from threatline.sources.options import SourceOptions
from threatline.sources.records import failure_from_error
from threatline.sources.sniff import Kind, charset_of, kind_from_content_type, sniff_kind
from threatline.sources.text import text_article

if TYPE_CHECKING:
    import httpx

__all__ = ["USER_AGENT", "FetchedPage", "Fetcher", "HttpxFetcher", "is_url", "iter_url"]

USER_AGENT = f"Threatline/{__version__} (+https://github.com/threatline/threatline)"


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A fetched document: the final URL (after redirects), its bytes and content type."""

    url: str
    content: bytes
    content_type: str | None = None


@runtime_checkable
class Fetcher(Protocol):
    """Anything that turns a URL into a :class:`FetchedPage`; raises :class:`FetchError`."""

    def fetch(self, url: str) -> FetchedPage: ...


class HttpxFetcher:
    """The default fetcher: httpx, redirects followed, a timeout, a user agent, a size cap.

    ``transport`` is httpx's own seam for tests (``httpx.MockTransport``).
    """

    def __init__(
        self,
        *,
        timeout: float = 20.0,
        max_bytes: int = 50 * 1024 * 1024,
        user_agent: str = USER_AGENT,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.user_agent = user_agent
        self.transport = transport

    def fetch(self, url: str) -> FetchedPage:
        import httpx

        try:
            with (
                httpx.Client(
                    timeout=self.timeout,
                    follow_redirects=True,
                    headers={"User-Agent": self.user_agent},
                    transport=self.transport,
                ) as client,
                client.stream("GET", url) as response,
            ):
                response.raise_for_status()
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > self.max_bytes:
                        raise FetchError(
                            f"response is over the limit of {self.max_bytes:,} bytes", input=url
                        )
                return FetchedPage(
                    url=str(response.url),
                    content=bytes(body),
                    content_type=response.headers.get("content-type"),
                )
        except httpx.HTTPStatusError as exc:
            status = exc.response.status_code
            raise FetchError(f"HTTP {status} {exc.response.reason_phrase}", input=url) from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"{type(exc).__name__}: {exc}", input=url) from exc


def is_url(value: str) -> bool:
    """True for an ``http://`` or ``https://`` URL with a host."""
    parts = urlsplit(value)
    return parts.scheme.lower() in {"http", "https"} and bool(parts.netloc)


def _page_kind(page: FetchedPage, options: SourceOptions) -> Kind:
    declared = kind_from_content_type(page.content_type)
    if declared is Kind.FEED or sniff_kind(page.content[: options.sniff_bytes]) is Kind.FEED:
        return Kind.FEED
    if declared is Kind.TEXT:
        return Kind.TEXT
    return Kind.HTML


def _read_page(url: str, page: FetchedPage, options: SourceOptions) -> Iterator[Article | Failure]:
    kind = _page_kind(page, options)
    if kind is Kind.FEED:
        if len(page.content) > options.max_feed_bytes:
            raise TooLargeError(
                f"feed is {len(page.content):,} bytes, over the limit of "
                f"{options.max_feed_bytes:,} bytes (max_feed_bytes)",
                input=url,
            )
        yield from iter_feed(
            page.content, input=url, name=url, options=options, content_type=page.content_type
        )
        return
    if len(page.content) > options.max_article_bytes:
        raise TooLargeError(
            f"page is {len(page.content):,} bytes, over the limit of "
            f"{options.max_article_bytes:,} bytes (max_article_bytes)",
            input=url,
        )
    declared = charset_of(page.content_type)
    if kind is Kind.TEXT:
        yield text_article(
            page.content, id=url, source=url, options=options, declared=declared, url=page.url
        )
        return
    html = decode_bytes(
        page.content,
        input=url,
        declared=declared,
        forced=options.encoding,
        preferred=options.preferred_legacy_encodings,
    )
    yield html_article(html, id=url, source=url, options=options, url=page.url)


def iter_url(url: str, *, fetcher: Fetcher, options: SourceOptions) -> Iterator[Article | Failure]:
    """Articles (one page, or every feed entry) and failures of one URL."""
    try:
        page = fetcher.fetch(url)
        yield from _read_page(url, page, options)
    except SourceError as exc:
        yield failure_from_error(exc, input=url)
