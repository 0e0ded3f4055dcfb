"""HTML pages and fragments to article text.

Whole pages go through trafilatura (body, title, date, canonical URL, site name). Short
fragments such as feed summaries go through lxml tag stripping: trafilatura is built for pages
and drops small fragments. Either way, paragraphs are separated by one blank line, whitespace
inside a paragraph is collapsed (HTML whitespace carries no meaning) and non-ASCII spaces such as
NBSP are kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from threatline.errors import NoArticleTextError
from threatline.models import Article
from threatline.sources.encoding import decode_bytes, read_limited
from threatline.sources.options import SourceOptions
from threatline.sources.records import collapse_spaces, make_article

__all__ = [
    "ExtractedPage",
    "extract_page",
    "fragment_text",
    "html_article",
    "read_html_file",
]

_PARAGRAPH = "\ue000"
_BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    }
)
# Dates from metadata, URL and bylines only: a date in the body is usually an event's, not the
# publication's.
_DATE_PARAMS = MappingProxyType({"extensive_search": False, "original_date": True})


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    """What trafilatura found in a page."""

    text: str
    title: str | None
    published: dt.date | None
    url: str | None
    outlet: str | None


def _paragraphs(lines: list[str], *, drop_first: str | None = None) -> str:
    kept = [line for line in (collapse_spaces(line) for line in lines) if line]
    if drop_first is not None and len(kept) > 1 and kept[0] == collapse_spaces(drop_first):
        kept = kept[1:]
    return "\n\n".join(kept)


def _iso_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def extract_page(html: str, *, url: str | None = None) -> ExtractedPage | None:
    """trafilatura's reading of a page: ``None`` when it finds no main text.

    A first paragraph equal to the page title (the headline repeated as ``<h1>``) is dropped,
    since the title is kept in its own field.
    """
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=dict(_DATE_PARAMS),
    )
    if document is None or isinstance(document, dict):
        return None
    title: str | None = document.title or None
    text = _paragraphs((document.text or "").split("\n"), drop_first=title)
    if not text:
        return None
    return ExtractedPage(
        text=text,
        title=title,
        published=_iso_date(document.date),
        url=document.url or None,
        outlet=document.sitename or document.hostname or None,
    )


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment by tag stripping; block elements become paragraphs."""
    if not fragment.strip():
        return ""
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for unwanted in root.xpath(".//script|.//style|.//noscript"):
        unwanted.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = _PARAGRAPH + (element.tail or "")
            if element.tag.lower() != "br":
                element.text = _PARAGRAPH + (element.text or "")
    return _paragraphs(root.text_content().split(_PARAGRAPH))


def html_article(
    html: str,
    *,
    id: str,
    source: str,
    options: SourceOptions,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published: dt.date | None = None,
) -> Article:
    """An article from a whole HTML page; given metadata wins over what the page says."""
    page = extract_page(html, url=url)
    if page is None or len(page.text) < options.min_html_text_chars:
        found = 0 if page is None else len(page.text)
        raise NoArticleTextError(
            f"no article text in the HTML ({found} characters extracted, "
            f"min_html_text_chars={options.min_html_text_chars})",
            input=source,
            doc=id,
        )
    return make_article(
        id=id,
        raw=page.text,
        source=source,
        title=title or page.title,
        url=url or page.url,
        outlet=outlet or page.outlet,
        published=published or page.published,
    )


def read_html_file(path: Path, *, input: str, options: SourceOptions) -> Article:
    """An HTML file from disk; its id is the file name."""
    data = read_limited(path, options.max_article_bytes, input=input)
    html = decode_bytes(
        data, input=input, forced=options.encoding, preferred=options.preferred_legacy_encodings
    )
    return html_article(html, id=path.name, source=input, options=options)
