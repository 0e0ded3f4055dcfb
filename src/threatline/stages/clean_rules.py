"""Line rules of the clean stage: which single lines are site furniture.

Every rule looks at one line at a time, stripped of surrounding whitespace, and must match the
*whole* line (``fullmatch``): a rule never fires because a phrase occurs inside a longer
sentence. Rules are grouped in families (:data:`RULE_FAMILIES`); each family can be switched
off with ``CleanOptions.disabled_rules``. The ALL-CAPS promo headline rule needs the line's
position and lives in :func:`is_caps_promo`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "RULES",
    "RULE_FAMILIES",
    "Rule",
    "is_caps_promo",
    "is_sentence_like",
    "match_rule",
    "normalize_line",
    "word_count",
]


@dataclass(frozen=True, slots=True)
class Rule:
    """One furniture pattern: ``family`` names it, ``max_chars`` bounds the stripped line."""

    family: str
    pattern: re.Pattern[str]
    max_chars: int = 160


def _rule(family: str, pattern: str, max_chars: int = 160, flags: int = re.IGNORECASE) -> Rule:
    return Rule(family, re.compile(pattern, flags), max_chars)


_NETWORK = (
    r"(?:facebook|twitter|x|whatsapp|linkedin|reddit|telegram|pinterest|tumblr|flipboard"
    r"|messenger|e-?mail|sms|print|pocket|vk|weibo|wechat|threads|bluesky|mastodon)"
)
_SITE_NAV = (
    r"(?:about(?: us)?|contact(?: us)?|privacy(?: policy| notice)?|terms(?: of (?:use|service))?"
    r"|terms and conditions|cookie (?:policy|settings)|advertise(?: with us)?|careers|sitemap"
    r"|accessibility|help|faq|imprint|newsletters?|subscribe|rss)"
)
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|al-\w+|bin|el-\w+)){1,3}"

RULES: tuple[Rule, ...] = (
    # Skip links and navigation toggles.
    _rule(
        "navigation",
        r"(?:skip|jump) to (?:the )?(?:main )?(?:content|navigation|menu|search|footer"
        r"|article|comments|primary sidebar)|back to top|toggle navigation"
        r"|(?:open|close) (?:menu|navigation)|main menu|select language",
    ),
    _rule("navigation", rf"{_SITE_NAV}(?:\s*[|·•/]\s*{_SITE_NAV})+"),
    _rule("navigation", r"(?:log|sign) (?:in|out)|log ?in / register|my account"),
    # Share widgets.
    _rule(
        "share",
        rf"share(?: (?:this|via|on|to))?(?: (?:article|story|post|page|link|{_NETWORK}))*:?"
        r"|copy (?:the )?(?:link|url)|link copied(?: to clipboard)?!?|tweet|pin it|\d+ shares?",
    ),
    _rule("share", rf"{_NETWORK}(?:\s*[|·•,]?\s*{_NETWORK})*"),
    _rule("share", r"click to (?:share|email|print)(?: on \w+)?(?: \(opens in new window\))?"),
    _rule("share", r"powered by(?: [\w&'’.-]+){1,4}"),
    _rule(
        "share",
        r"(?:email this\s*)?blogthis!.*|(?:share to (?:twitter|facebook|pinterest)\s*)+"
        r"|(?:like|enjoy(?:ed)?) this (?:story|article|post)\? share it.{0,40}",
    ),
    # "Source » site" attribution of aggregator reposts.
    _rule("source", r"(?:source|via)\s*[»›]\s*\S.{0,80}|source link"),
    # Stock-quote and market-data disclaimers.
    _rule(
        "market_data",
        r"(?:(?:stock|market) )?quotes (?:are )?(?:supplied|provided|delayed|powered) .{1,100}"
        r"|(?:market )?data (?:&|and) news (?:supplied|provided) by .{1,80}"
        r"|(?:market |financial )?data (?:supplied|provided|powered) by .{1,80}"
        r"|(?:all )?quotes delayed(?: by)?(?: at least)? \d+ min(?:ute)?s?\.?",
    ),
    # Privacy, terms and consent lines.
    _rule(
        "legal",
        r"(?:privacy policy|terms (?:of (?:use|service)|and conditions))"
        r"(?:(?:,| and| &|\s*\|)\s*(?:privacy policy|terms (?:of (?:use|service)"
        r"|and conditions)|cookie policy))*\.?"
        r"|by (?:accessing|using|continuing to (?:use|browse)) this (?:page|site|website)\b.*"
        r"|do not sell (?:or share )?my personal information|all rights reserved\.?",
        max_chars=250,
    ),
    # Cookie notices.
    _rule(
        "cookies",
        r"(?:we|this (?:web)?site|our (?:web)?site) uses? cookies\b.*"
        r"|(?:accept|reject|allow) (?:all )?cookies|(?:manage|cookie) (?:cookies|settings"
        r"|preferences|consent)",
        max_chars=400,
    ),
    # Translation notices.
    _rule(
        "translation",
        r"this (?:post|article|page|story|entry) is (?:also )?available in:?\s*.{0,80}",
    ),
    # Blog comment prompts and blog navigation.
    _rule(
        "comments",
        r"no comments:?|\d+ comments?:?|comments?(?: \(\d+\))?:?|post a comment"
        r"|leave a (?:reply|comment)(?: cancel reply)?|cancel reply|add (?:a|your) comment"
        r"|(?:show|view|load|hide|read) (?:all )?(?:\d+ )?comments?(?: \(\d+\))?"
        r"|join the (?:conversation|discussion)"
        r"|you must be (?:logged in|signed in) to post a comment\.?"
        r"|please enable javascript to view the comments.*"
        r"|(?:newer post\s*)?(?:older post\s*)?home|newer posts?|older posts?"
        r"|(?:subscribe to:\s*)?post comments \(atom\)",
    ),
    _rule("comments", r"(?:labels|tags|tagged|filed under|categories)\s*:\s*.{0,200}", 220),
    # Legal footnote that explains a name ("* ... banned in <country>").
    _rule(
        "footnote",
        r"\*+\s*.*\b(?:banned|outlawed|prohibited|proscribed|recogni[sz]ed as|designated as"
        r"|terrorist|extremist|foreign agent|undesirable)\b.*",
        max_chars=260,
    ),
    # Newsletter and subscription prompts.
    _rule(
        "newsletter",
        r"(?:subscribe|sign up|register)(?: now| today| here| for free)?[.!]?"
        r"|(?:subscribe|sign up|register) (?:to|for) (?:our|the) .{0,60}"
        r"(?:newsletters?|mailing list|alerts|updates).{0,80}"
        r"|get (?:the|our) .{0,60}(?:newsletter|in your inbox).{0,80}"
        r"|enter your e-?mail(?: address)?.{0,60}|newsletter(?: sign[- ]?up)?"
        r"|thanks? (?:you )?for (?:signing up|subscribing)[.!]?"
        r"|already (?:a subscriber|have an account)\??(?: (?:sign|log) in\.?)?"
        r"|click here to (?:subscribe|sign up|register|follow|comment|share).{0,100}"
        r"|follow us(?: on| at)? .{0,80}",
        max_chars=220,
    ),
    # "Read more" and cross-promotion link lines.
    _rule(
        "read_more",
        r"(?:read|see|view|show|load) more(?: stories| articles| news)?\s*(?:»|›|\.\.\.|…)?"
        r"|continue reading(?: the main story| below)?\s*(?:»|›|\.\.\.|…)?"
        r"|(?:related|recommended|trending|popular|most read|most popular|latest|more)"
        r"(?: (?:articles?|stories|posts|news|content|coverage|reading|videos?"
        r"|on this(?: topic| story)?))?:?"
        r"|\[?(?:read more|read also|also read|read next|see also|see more|related"
        r"|related (?:coverage|content|posts?|articles?|stories)|more on this|watch|listen"
        r"|don[’']t miss)\s*[:»›|]\s*.{1,200}"
        r"|you (?:may|might) also (?:like|enjoy)\s*(?::|\.\.\.|…)?"
        r"|(?:most read|top stories|partner (?:news|content))(?: in [\w ]{1,30})?"
        r"|listen to (?:this|the) (?:article|story).{0,30}|\d+ min(?:ute)?s? read",
        max_chars=220,
    ),
    # Advertisement markers.
    _rule(
        "advertisement",
        r"advertisements?|ad|sponsored(?: content)?|promoted(?: content)?|paid (?:content|post)"
        r"|(?:story )?continues? (?:below|after) (?:the )?(?:advertisement|ad)"
        r"|scroll (?:down )?to continue(?: with content| reading)?|advertise with us"
        r"|ad feedback",
    ),
    # Byline-only and author-navigation lines.
    _rule(
        "byline",
        rf"(?i:by)\s+{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*(?:\s*[|,]\s*[\w .,:/-]{{1,40}})?"
        rf"|(?i:(?:more|all) (?:articles|posts|stories) (?:by|from)) {_NAME}"
        rf"|(?i:view all posts by) {_NAME}"
        r"|(?i:posted by) [^.]{1,60}?(?: (?:at|on) [\w ,:/.-]{1,40})?",
        max_chars=120,
        flags=0,
    ),
)

RULE_FAMILIES: frozenset[str] = frozenset({r.family for r in RULES} | {"caps_promo"})

_WORD = re.compile(r"\w[\w'’.-]*")
_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")
_SPACES = re.compile(r"\s+")
_CLOSERS = "\"'”’»)]"
# A dateline that opens a content line: "IRAN – (AGENCY) –", "WASHINGTON (AP) —".
_DATELINE = re.compile(r"^[^\W\d_][^()]{0,60}?\s*[–—-]*\s*\([^()]{1,40}\)\s*[–—-]")


def normalize_line(line: str) -> str:
    """The key under which a line is compared across documents: NFC, whitespace collapsed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", line)).strip()


def word_count(line: str) -> int:
    return len(_WORD.findall(line))


def is_sentence_like(line: str, min_words: int) -> bool:
    """A line of at least ``min_words`` words that ends like a sentence (``. ! ? …``)."""
    stripped = line.strip()
    return word_count(stripped) >= min_words and bool(_TERMINAL.search(stripped))


def match_rule(line: str, disabled: frozenset[str] = frozenset()) -> str | None:
    """The family of the first rule that matches the whole stripped line, or ``None``."""
    stripped = line.strip()
    if not stripped:
        return None
    for rule in RULES:
        if rule.family in disabled or len(stripped) > rule.max_chars:
            continue
        if rule.pattern.fullmatch(stripped):
            return rule.family
    return None


def is_caps_promo(line: str, min_words: int) -> bool:
    """An ALL-CAPS headline-like line: ``min_words``+ words, every cased letter upper case.

    Not a sentence (no final period), not a list lead-in (final colon), not a dateline. The
    caller excludes the article's own opening line.
    """
    stripped = line.strip().rstrip(_CLOSERS)
    if stripped != stripped.upper() or stripped == stripped.lower():
        return False
    words = [w for w in _WORD.findall(stripped) if sum(c.isalpha() for c in w) >= 2]
    if len(words) < min_words:
        return False
    if stripped.endswith((".", ":", ";", ",", "–", "—", "-")):
        return False
    return not _DATELINE.match(stripped)
