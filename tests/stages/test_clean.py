"""The clean stage: furniture rules, repeated lines, offsets, title; seeds and a real corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from threatline.ids import content_hash
from threatline.models import Article
from threatline.stages.clean import (
    Cleaner,
    CleanOptions,
    find_repeated_lines,
    kept_segments,
    split_lines,
    text_to_raw,
)

# Invented article lines used around the line under test.
LEAD = "Officials in the northern province said the convoy was attacked at dawn on Friday."
BODY = "The ministry said two soldiers were wounded and that an inquiry had been opened."
TAIL = "A spokesman declined to say when the road would reopen to civilian traffic."


def make(raw: str, doc: str = "t.txt", **kw: str) -> Article:
    return Article(id=doc, raw=raw, text=raw, content_hash=content_hash(raw), **kw)


def removed_lines(raw: str, cleaner: Cleaner | None = None) -> list[str]:
    return [s.text for s in (cleaner or Cleaner()).clean(make(raw)).removed]


def reasons(raw: str) -> list[str]:
    return [v.reason for v in Cleaner().furniture(raw)]


# --- rule families --------------------------------------------------------------------------

FURNITURE = [
    ("Skip to content", "navigation"),
    ("Jump to navigation", "navigation"),
    ("About Us | Contact | Privacy Policy | Advertise", "navigation"),
    ("Share this article", "share"),
    ("Share on Facebook", "share"),
    ("Copy URL", "share"),
    ("Facebook Twitter WhatsApp Email", "share"),
    ("Click to share on Telegram (Opens in new window)", "share"),
    ("Powered by Widgetly Pro", "share"),
    ("Source » dailyexample", "source"),
    ("Stock quotes provided by Exampletrade", "market_data"),
    ("Quotes delayed at least 15 minutes.", "market_data"),
    ("Market data & news supplied by www.example.net", "market_data"),
    ("Financial data provided by Example Markets", "market_data"),
    ("Privacy Policy and Terms of Use.", "legal"),
    ("Terms and Conditions | Privacy Policy", "navigation"),
    ("Terms of Service.", "legal"),
    ("By continuing to use this site, you accept how we handle your data.", "legal"),
    ("We use cookies to improve your experience on our website.", "cookies"),
    ("Accept all cookies", "cookies"),
    ("This article is also available in: Spanish French", "translation"),
    ("No Comments", "comments"),
    ("12 comments", "comments"),
    ("Leave a Reply Cancel reply", "comments"),
    ("Add a comment", "comments"),
    ("Labels: Middle East, Security", "comments"),
    ("Newer Post Older Post Home", "comments"),
    ("* An armed group banned in Examplestan.", "footnote"),
    ("** The organisation is recognised as extremist and prohibited in Ruritania", "footnote"),
    ("Subscribe to our daily newsletter for the latest updates", "newsletter"),
    ("Sign up", "newsletter"),
    ("Thanks for signing up!", "newsletter"),
    ("Follow us on Examplegram", "newsletter"),
    ("Read more", "read_more"),
    ("READ MORE: Flooding closes coastal highway for a second day", "read_more"),
    ("Related: Ten things to know about the ceasefire talks", "read_more"),
    ("[Related: Harbour strike enters third week]", "read_more"),
    ("You may also like...", "read_more"),
    ("Continue reading the main story", "read_more"),
    ("4 min read", "read_more"),
    ("Advertisement", "advertisement"),
    ("ADVERTISEMENT", "advertisement"),
    ("Story continues below advertisement", "advertisement"),
    ("By Jane Q. Example and Omar Sample, Example News", "byline"),
    ("Posted by newsdesk at 10:42 AM", "byline"),
    ("View all posts by Sam Writer", "byline"),
    ("FLOODS FORCE THOUSANDS FROM THEIR HOMES IN THE RIVER DELTA REGION", "caps_promo"),
]


@pytest.mark.parametrize(("line", "family"), FURNITURE)
def test_furniture_line_is_removed_with_its_family(line: str, family: str) -> None:
    raw = f"{LEAD}\n\n{BODY}\n\n{line}\n\n{TAIL}\n"
    article = Cleaner().clean(make(raw))
    assert [s.text for s in article.removed] == [line]
    assert reasons(raw) == [family]
    assert article.text == f"{LEAD}\n\n{BODY}\n\n{TAIL}\n"


KEPT = [
    "“We will not be intimidated,” she said.",
    "He denied it.",
    "TEHRAN, Iran (AP) — The foreign minister said talks would resume next week.",
    "NORTHPORT – (EXAMPLE WIRE) – Rebels claimed the attack in a statement.",
    "https://twitter.com/example_user/status/1234567890123456789",
    "The strike came hours after the talks collapsed, officials said",
    "WHAT HAPPENS NEXT?",
    "THE RESPONSE",
    "HOW TO READ THE NEW SANCTIONS LIST",
    "Share prices fell 5% on Monday after the announcement.",
    "Source: provincial health ministry figures",
    "By Tuesday, the fighting had stopped.",
    "* Figures for March are provisional.",
    "Comments from the minister were not immediately available.",
    "Read the full statement on the ministry website.",
    "Advertisement revenue fell sharply during the blockade.",
    "Powered by diesel generators, the hospital kept running for a week.",
    "Sign up for the reserve was voluntary until last year, he said.",
    "More than 200 people were detained, according to the group.",
    "Follow-up talks are planned for June.",
    "Related reports suggest the convoy was carrying fuel.",
    "The terrorist group was banned in 2019 and its leaders fled abroad.",
    "___",
    "Updated: March 3, 2021 10:15 GMT",
    "Reporting by Sam Writer; Editing by Jo Editor",
]


@pytest.mark.parametrize("line", KEPT)
def test_article_line_survives(line: str) -> None:
    raw = f"{LEAD}\n\n{BODY}\n\n{line}\n\n{TAIL}\n"
    article = Cleaner().clean(make(raw))
    assert article.removed == []
    assert article.text == raw


def test_caps_opening_headline_is_kept_as_title_but_later_caps_promo_is_removed() -> None:
    head = "REBELS SEIZE BORDER CROSSING AFTER THREE DAYS OF HEAVY FIGHTING"
    promo = "MINISTER RESIGNS OVER ARMS DEAL SCANDAL AS PROTESTS GROW IN CAPITAL"
    raw = f"{head}\n\n{LEAD}\n\n{promo}\n\n{BODY}"
    article = Cleaner().clean(make(raw))
    assert [s.text for s in article.removed] == [promo]
    assert article.title == head


def test_caps_line_that_is_a_sentence_or_list_lead_survives() -> None:
    lines = [
        "THE COURT RULED THAT THE DETENTION OF THE JOURNALISTS WAS UNLAWFUL.",
        "THE FOLLOWING GROUPS WERE NAMED IN THE REPORT ON TUESDAY:",
    ]
    for line in lines:
        assert removed_lines(f"{LEAD}\n\n{line}\n\n{BODY}") == []


def test_text_in_capitals_throughout_keeps_its_lines() -> None:
    paragraphs = [
        "REBELS SHELL PORT CITY",
        "REBELS SHELLED THE PORT CITY OVERNIGHT AND OFFICIALS REPORTED HEAVY DAMAGE",
        "THE GOVERNMENT VOWED TO RETAKE THE DISTRICT BEFORE THE END OF THE MONTH",
        "Residents said schools stayed closed.",
    ]
    assert removed_lines("\n\n".join(paragraphs)) == []


def test_disabled_rule_family_keeps_its_lines() -> None:
    raw = f"{LEAD}\n\nAdvertisement\n\nShare this\n\n{BODY}"
    cleaner = Cleaner(CleanOptions(disabled_rules=frozenset({"advertisement"})))
    assert removed_lines(raw, cleaner) == ["Share this"]


def test_unknown_rule_family_is_rejected() -> None:
    with pytest.raises(ValidationError, match="unknown rule families"):
        CleanOptions(disabled_rules=frozenset({"no_such_rule"}))


# --- title ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        (
            f"Rebels seize border crossing after heavy fighting\n\n{LEAD}",
            "Rebels seize border crossing after heavy fighting",
        ),
        (
            f"Skip to content\n\nRebels seize border crossing\n\n{LEAD}",
            "Rebels seize border crossing",
        ),
        (f"Why did the talks fail?\n{LEAD}\n{BODY}", "Why did the talks fail?"),
        (f"{LEAD}\n\n{BODY}", None),
        ("Rebels seize border crossing after heavy fighting", None),
        (f"Rebels seize border crossing. Army retreats\n\n{LEAD}", None),
        (f"https://example.org/story/123\n\n{LEAD}", None),
        (f"March 3, 2021\n\n{LEAD}", None),
    ],
)
def test_title_is_the_opening_headline(raw: str, title: str | None) -> None:
    assert Cleaner().clean(make(raw)).title == title


def test_existing_title_is_kept() -> None:
    raw = f"Rebels seize border crossing\n\n{LEAD}"
    assert Cleaner().clean(make(raw, title="From the feed")).title == "From the feed"


# --- offsets and text -----------------------------------------------------------------------


def check_offsets(article: Article, raw: str) -> None:
    assert article.raw == raw
    for span in article.removed:
        assert raw[span.start : span.end] == span.text
    segments = kept_segments(raw, article.removed)
    assert "".join(raw[a:b] for a, b in segments) == article.text
    for i, char in enumerate(article.text):
        assert raw[text_to_raw(article, i)] == char


def test_blank_line_convention_keeps_one_blank_line_between_paragraphs() -> None:
    paragraphs = [
        "Skip to content",
        "Headline about the strike",
        LEAD,
        "Share this",
        "Copy URL",
        BODY,
        "ADVERTISEMENT",
        TAIL,
        "Leave a reply",
    ]
    raw = "\n\n".join(paragraphs)
    article = Cleaner().clean(make(raw))
    furniture = {"Skip to content", "Share this", "Copy URL", "ADVERTISEMENT", "Leave a reply"}
    assert {s.text for s in article.removed} == furniture
    assert article.text == "\n\n".join(p for p in paragraphs if p not in furniture)
    check_offsets(article, raw)


def test_single_newline_convention_and_trailing_newline_are_kept() -> None:
    raw = f"{LEAD}\nRead more\n{BODY}\n{TAIL}\n0 Comments\nLeave a Reply\n"
    article = Cleaner().clean(make(raw))
    assert article.text == f"{LEAD}\n{BODY}\n{TAIL}\n"
    check_offsets(article, raw)


def test_blocks_around_furniture_keep_their_own_separation() -> None:
    raw = f"{LEAD}\n{BODY}\n\n\nShare this\nCopy URL\n\n\n{TAIL}"
    article = Cleaner().clean(make(raw))
    assert article.text == f"{LEAD}\n{BODY}\n\n\n{TAIL}"
    check_offsets(article, raw)


def test_characters_crlf_and_whitespace_lines_are_kept_exactly() -> None:
    quote = "“We will respond,” the\u00a0general said\u00a0— twice.  "
    raw = f"Skip to content\r\n\r\n{quote}\r\n \r\nShare this\r\n\r\n{BODY}\r\n"
    article = Cleaner().clean(make(raw))
    assert [s.text for s in article.removed] == ["Skip to content", "Share this"]
    assert article.text == f"{quote}\r\n \r\n{BODY}\r\n"
    check_offsets(article, raw)


def test_without_collapse_only_the_lines_go() -> None:
    raw = f"{LEAD}\n\nShare this\n\n{BODY}"
    cleaner = Cleaner(CleanOptions(collapse_blank_lines=False))
    assert cleaner.clean(make(raw)).text == f"{LEAD}\n\n\n{BODY}"


def test_all_furniture_gives_empty_text() -> None:
    raw = "Share this\nCopy URL\n\nAdvertisement"
    article = Cleaner().clean(make(raw))
    assert article.text == ""
    assert article.title is None
    assert len(article.removed) == 3


def test_text_to_raw_rejects_offsets_outside_text() -> None:
    article = Cleaner().clean(make(f"Share this\n{LEAD}"))
    assert text_to_raw(article, 0) == len("Share this\n")
    assert text_to_raw(article, len(article.text)) == len(article.raw)
    with pytest.raises(ValueError, match="outside text"):
        text_to_raw(article, len(article.text) + 1)


def test_split_lines_covers_the_text() -> None:
    text = "a\r\nb\n\nc"
    lines = split_lines(text)
    assert [text[ln.start : ln.end] for ln in lines] == ["a", "b", "", "c"]
    assert lines[-1].next == len(text)


# --- repeated lines -------------------------------------------------------------------------

FOOTER = ["Northport Daily Media Group", "Follow Northport Daily on Examplegram"]


def distinct_article(n: int) -> str:
    return "\n\n".join(
        [
            f"Story number {n} about the harbour",
            f"In report {n}, officials said the harbour at pier {n} was closed after a blast.",
            f"Witnesses counted {n + 2} ships waiting outside the breakwater on Tuesday evening.",
            *FOOTER,
        ]
    )


def test_footer_shared_by_five_different_articles_is_removed() -> None:
    texts = [distinct_article(n) for n in range(5)]
    repeated = find_repeated_lines(texts, CleanOptions())
    assert repeated == frozenset(FOOTER)
    article = Cleaner().clean(make(texts[0]), repeated)
    assert [s.text for s in article.removed] == FOOTER
    assert FOOTER[0] not in article.text


def test_footer_in_fewer_than_min_docs_is_kept() -> None:
    texts = [distinct_article(n) for n in range(4)]
    assert find_repeated_lines(texts, CleanOptions()) == frozenset()
    assert find_repeated_lines(texts, CleanOptions(repeated_min_docs=4)) == frozenset(FOOTER)


def wire_copy(n: int) -> str:
    """Copy ``n`` of one wire story: own masthead and footer, one own sentence, edits."""
    lines = [
        f"Outlet {n} | Home",
        "NORTHPORT (Example Wire) — Rebels shelled the port city overnight, officials said.",
        "“We heard explosions all night,” one resident said.",
        "He fled.",
        "WHAT COMES NEXT",
        "The government has vowed to retake the district before the end of the month.",
        f"Local editors in edition {n} added that schools in the district stayed closed today.",
        "https://example.org/status/42",
        f"Copyright Outlet {n}",
    ]
    if n == 3:
        lines.remove("He fled.")
    return "\n\n".join(lines)


def test_wire_copies_do_not_make_their_content_furniture() -> None:
    copies = [wire_copy(n) for n in range(6)]
    repeated = find_repeated_lines(copies, CleanOptions())
    assert repeated == frozenset()
    assert Cleaner().clean(make(copies[0]), repeated).removed == []


def test_wire_copies_count_once_beside_distinct_articles() -> None:
    footer = "Northport Daily Media Group"

    def corpus(distinct: int) -> list[str]:
        texts = [wire_copy(n) for n in range(6)]
        texts += [distinct_article(n) for n in range(distinct)]
        return [f"{text}\n\n{footer}" for text in texts]

    # Six copies of one story are one group: with 3 other articles the footer is in 4 groups.
    assert footer not in find_repeated_lines(corpus(3), CleanOptions())
    assert footer in find_repeated_lines(corpus(4), CleanOptions())


def test_long_sentences_are_never_furniture_by_repetition() -> None:
    background = "The port has been contested since the war began, and aid groups say it is vital."
    texts = [f"{distinct_article(n)}\n\n{background}\n\n___" for n in range(6)]
    repeated = find_repeated_lines(texts, CleanOptions())
    assert background not in repeated
    assert "___" not in repeated
    assert repeated == frozenset(FOOTER)


def test_repeated_lines_match_after_whitespace_normalisation() -> None:
    texts = [distinct_article(n).replace(FOOTER[0], f"  {FOOTER[0]} ") for n in range(5)]
    repeated = find_repeated_lines(texts, CleanOptions())
    assert FOOTER[0] in repeated
    article = Cleaner().clean(make(texts[1]), repeated)
    assert f"  {FOOTER[0]} " in [s.text for s in article.removed]


def test_stage_call_cleans_each_work_item() -> None:
    from threatline.stages.base import Work

    work = [Work(article=make(f"{LEAD}\n\nShare this")), Work(article=make(BODY))]
    Cleaner()(work)
    assert [w.article.text for w in work] == [LEAD, BODY]


# --- shared data ----------------------------------------------------------------------------


def test_seeds_match_gold_boilerplate_and_title(seeds_dir: Path, gold_dir: Path) -> None:
    cleaner = Cleaner()
    mismatches: dict[str, object] = {}
    files = sorted(seeds_dir.glob("*.txt"))
    assert len(files) == 5
    for path in files:
        raw = path.read_text(encoding="utf-8")
        gold = json.loads((gold_dir / f"{path.stem}.json").read_text(encoding="utf-8"))
        article = cleaner.clean(make(raw, doc=path.name))
        got = [s.text for s in article.removed]
        if sorted(got) != sorted(gold["boilerplate_lines"]):
            mismatches[f"{path.name} lines"] = (got, gold["boilerplate_lines"])
        if article.title != gold["title"]:
            mismatches[f"{path.name} title"] = (article.title, gold["title"])
        check_offsets(article, raw)
        kept = [ln for ln in raw.split("\n") if ln.strip() and ln not in got]
        assert [ln for ln in article.text.split("\n") if ln.strip()] == kept
    assert mismatches == {}


@pytest.fixture(scope="module")
def ground_truth_bodies(shared: Path) -> list[str]:
    path = shared / "data" / "article-extraction-scrapinghub" / "ground-truth.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    return [record["articleBody"] for record in records.values()]


def test_ground_truth_article_lines_are_not_removed(ground_truth_bodies: list[str]) -> None:
    """181 real article bodies from many sites: the rules remove (almost) none of their lines."""
    assert len(ground_truth_bodies) == 181
    cleaner = Cleaner()
    wrongly = [v.text for body in ground_truth_bodies for v in cleaner.furniture(body)]
    assert len(wrongly) <= 1, wrongly


def test_ground_truth_corpus_has_no_repeated_furniture(ground_truth_bodies: list[str]) -> None:
    repeated = find_repeated_lines(ground_truth_bodies, CleanOptions())
    hits = [ln for body in ground_truth_bodies for ln in body.split("\n") if ln.strip() in repeated]
    assert len(hits) <= 2, hits
