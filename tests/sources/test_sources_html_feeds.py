"""HTML files (trafilatura) and RSS/Atom feeds (feedparser) read from disk."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from threatline.errors import EmptyInputError, NoArticleTextError, RecordError
from threatline.ids import content_hash
from threatline.models import Article, Failure
from threatline.sources import SourceOptions, iter_inputs
from threatline.sources.html import fragment_text

FIXTURES = Path(__file__).parent / "fixtures"


def _items(path: Path, options: SourceOptions | None = None) -> list[Article | Failure]:
    return list(iter_inputs([str(path)], options))


def test_html_article_body_title_date_outlet() -> None:
    path = FIXTURES / "article.html"
    (article,) = _items(path)
    assert isinstance(article, Article)
    assert article.id == "article.html"
    assert article.title == "Ferry crews strike over river tolls"
    assert article.published == dt.date(2022, 7, 9)
    assert article.outlet == "The Valley Courier"
    assert article.url == "https://courier.example.com/news/ferry-strike"
    assert article.source == str(path)
    paragraphs = article.raw.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Crews on the three river ferries")
    assert "“takes wages out of our pockets”" in paragraphs[1]
    assert paragraphs[2].endswith("both sides of the water.")
    for furniture in ("Front page", "Weather", "newsletter", "Valley Courier."):
        assert furniture not in article.raw
    assert article.text == article.raw
    assert article.content_hash == content_hash(article.raw)


def test_html_with_no_article_text() -> None:
    (failure,) = _items(FIXTURES / "nav_only.html")
    assert isinstance(failure, Failure)
    assert failure.code == NoArticleTextError.code
    assert failure.doc == "nav_only.html"
    assert "no article text" in failure.message


def test_html_with_no_text_at_all(tmp_path: Path) -> None:
    path = tmp_path / "blank.htm"
    path.write_text('<html><body><div id="app"></div><script>go()</script></body></html>')
    (failure,) = _items(path)
    assert isinstance(failure, Failure)
    assert failure.code == NoArticleTextError.code


def test_html_in_legacy_encoding_declared_by_meta(tmp_path: Path) -> None:
    html = (FIXTURES / "article.html").read_text(encoding="utf-8")
    html = html.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    path = tmp_path / "legacy.html"
    path.write_bytes(html.encode("cp1252"))
    (article,) = _items(path)
    assert isinstance(article, Article)
    assert "The crews’ union said the new toll scheme “takes wages" in article.raw


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<p>One.</p><p>Two &amp; three.</p>", "One.\n\nTwo & three."),
        ("Plain words, no tags", "Plain words, no tags"),
        ("Line one<br>Line   two", "Line one\n\nLine two"),
        ("<ul><li>first</li><li>second</li></ul>", "first\n\nsecond"),
        ("<p>keep\u00a0nbsp and <b>bold</b></p><script>x()</script>", "keep\u00a0nbsp and bold"),
        ("   ", ""),
    ],
)
def test_fragment_text(fragment: str, expected: str) -> None:
    assert fragment_text(fragment) == expected


def test_rss_feed_entries() -> None:
    path = FIXTURES / "feed.rss"
    first, second, failure = _items(path)
    assert isinstance(first, Article)
    assert first.id == "dispatch-0001"  # the guid
    assert first.title == "Council approves new & wider jetty"
    assert first.url == "https://dispatch.example.org/jetty"
    assert first.outlet == "Lakeside Dispatch"
    # 22:15 at UTC-4 is already the next day in UTC: the publisher's own day is kept.
    assert first.published == dt.date(2022, 9, 5)
    assert first.raw == (
        "The town council voted seven to two on Monday to build a wider jetty at the north "
        "beach.\n\nFishing families had asked for the change for years."
    )
    assert first.source == str(path)
    assert isinstance(second, Article)
    assert second.id == "https://dispatch.example.org/storm"  # no guid: the link
    assert second.raw == "Fallen trees blocked the lake road\u00a0overnight."
    assert second.published == dt.date(2022, 9, 6)
    assert isinstance(failure, Failure)
    assert failure.code == RecordError.code
    assert failure.doc == "dispatch-0003"
    assert "entry 3" in failure.message


def test_atom_feed_entries() -> None:
    first, second = _items(FIXTURES / "feed.atom")
    assert isinstance(first, Article)
    assert first.id == "urn:example:hill-notes:17"
    assert first.title == "Bridge reopens"
    assert first.raw == "The old stone bridge reopened after repairs.\n\nDrivers welcomed the news."
    assert first.published == dt.date(2023, 1, 12)
    assert first.outlet == "Hill Country Notes"
    assert isinstance(second, Article)
    assert second.raw == "Heavy snow is expected\non the high passes."  # plain text kept as is
    assert second.url == "https://notes.example.net/snow"


def test_long_feed_content_goes_through_trafilatura(tmp_path: Path) -> None:
    paragraphs = [
        f"Paragraph {n} tells how the lake ferry service changed this year." for n in range(30)
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item>'
        f"<guid>long-1</guid><description><![CDATA[{body}]]></description></item></channel></rss>"
    )
    path = tmp_path / "long.rss"
    path.write_text(feed)
    (article,) = _items(path, SourceOptions(snippet_max_chars=100))
    assert isinstance(article, Article)
    assert article.raw == "\n\n".join(paragraphs)


def test_entry_without_guid_or_link_is_numbered(tmp_path: Path) -> None:
    path = tmp_path / "bare.rss"
    path.write_text(
        '<rss version="2.0"><channel><title>Bare</title>'
        "<item><description>First note.</description></item>"
        "<item><description>Second note.</description></item></channel></rss>"
    )
    assert [item.id for item in _items(path) if isinstance(item, Article)] == [
        "bare.rss:1",
        "bare.rss:2",
    ]


def test_malformed_feed_with_no_entries() -> None:
    (failure,) = _items(FIXTURES / "malformed.xml")
    assert isinstance(failure, Failure)
    assert failure.code == RecordError.code
    assert "malformed feed" in failure.message


def test_feed_with_no_entries(tmp_path: Path) -> None:
    path = tmp_path / "quiet.atom"
    path.write_text(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Quiet</title>'
        "<id>urn:x</id></feed>"
    )
    (failure,) = _items(path)
    assert isinstance(failure, Failure)
    assert failure.code == EmptyInputError.code


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "config.xml"
    path.write_text('<?xml version="1.0"?><settings><colour>blue</colour></settings>')
    (failure,) = _items(path)
    assert isinstance(failure, Failure)
    assert failure.code == RecordError.code


@pytest.mark.parametrize(
    ("fixture", "first_id"),
    [("feed.rss", "dispatch-0001"), ("feed.atom", "urn:example:hill-notes:17")],
)
def test_feeds_with_unknown_extension_are_sniffed(
    tmp_path: Path, fixture: str, first_id: str
) -> None:
    path = tmp_path / "download.dat"
    shutil.copyfile(FIXTURES / fixture, path)
    items = _items(path)
    assert isinstance(items[0], Article)
    assert items[0].id == first_id
