"""Words and compiled patterns of English temporal expressions (frozen constants only).

The patterns work on the raw text so that finding candidates costs one regex pass each; the
parse is consulted afterwards, only around what was found (see :mod:`timex_context`).
Month and weekday names are matched case-sensitively (``march`` and ``may`` are verbs);
relative words case-insensitively.
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Final

__all__ = [
    "MONTHS",
    "NUMBER_WORDS",
    "ORDINALS",
    "PATTERNS",
    "QUARTERS",
    "REACH",
    "SEASONS",
    "TRIGGERS",
    "TRIGGER_WORD",
    "WEEKDAYS",
]

MONTHS: Final = MappingProxyType(
    {
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
        "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    }
)  # fmt: skip
"""Month number by the first three letters of its name."""

WEEKDAYS: Final = MappingProxyType(
    {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
)

NUMBER_WORDS: Final = MappingProxyType(
    {
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
        "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
        "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
        "a couple of": 2, "a few": 3, "few": 3, "several": 3,
    }
)  # fmt: skip
"""Counts written as words; the vague ones (few, several) are read as three."""

VAGUE_COUNTS: Final = frozenset({"a few", "few", "several"})

ORDINALS: Final = MappingProxyType(
    {
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
        "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "twentieth": 20,
        "one-year": 1, "two-year": 2, "three-year": 3, "five-year": 5, "ten-year": 10,
    }
)  # fmt: skip

QUARTERS: Final = MappingProxyType(
    {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
)

SEASONS: Final = frozenset({"spring", "summer", "fall", "autumn", "winter"})

HOLIDAYS: Final = MappingProxyType(
    {"christmas eve": (12, 24), "christmas": (12, 25), "christmas day": (12, 25),
     "new year's day": (1, 1), "new year's eve": (12, 31)}
)  # fmt: skip

# Words before a bare month name ("in November") that make it a date rather than a name.
MONTH_TRIGGERS: Final = frozenset(
    {
        "in", "on", "since", "until", "till", "by", "before", "after", "during", "through",
        "throughout", "from", "to", "of", "and", "or", "between", "early", "late", "mid",
        "last", "next", "this", "the", "that", "each", "every", "recent", "previous",
    }
)  # fmt: skip

# Capitalised words that may precede a year without making it part of a name ("In 2018").
YEAR_TRIGGERS: Final = frozenset(
    {
        "in", "since", "by", "until", "till", "before", "after", "during", "from", "through",
        "throughout", "early", "late", "mid", "of", "and", "or", "the", "fiscal", "to",
        "between", "around", "circa", "about", "as", "back", "for", "year", "also", "but",
        "then", "at",
    }
)  # fmt: skip

# Words before a number that make it a count ("some 2000 troops"), not a year.
QUANTITY_CUES: Final = frozenset(
    {"about", "some", "nearly", "almost", "over", "than", "least", "around", "approximately",
     "roughly", "to", "estimated", "just", "only", "all"}
)  # fmt: skip

# "The Sunday Times", "Bloody Sunday": a weekday in a name is not a date.
WEEKDAY_NAME_BEFORE: Final = frozenset(
    {"bloody", "super", "black", "good", "easter", "palm", "ash", "holy", "cyber", "fat"}
)
WEEKDAY_NAME_AFTER: Final = frozenset(
    {"times", "telegraph", "express", "mail", "herald", "post", "star", "mirror", "people",
     "independent", "observer", "tribune", "sport", "night live", "school", "prayers"}
)  # fmt: skip

_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sept(?:ember|\.)?|Sep\.?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
    r"(?![A-Za-z])"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:.,]\d|\d)"
_YEAR = r"(?:1[89]\d\d|20\d\d)(?!\d)"
_YEAR_REL = r"(?i:this|last|next|the\s+same|the\s+previous|the\s+following)\s+year\b"
_COUNT = (
    r"(?:\d{1,3}|a\s+couple\s+of|a\s+few|an?|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|fifteen|twenty|thirty|forty|fifty|a\s+hundred|several|few)"
)
_UNIT = r"(?:days?|weeks?|months?|years?|decades?)"
_PART = r"(?:\s+(?i:morning|afternoon|evening|night))?"


def _c(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


# Each pattern's name says which reader in :mod:`timex_scan` interprets it. Where matches
# overlap, the earliest then longest wins.
PATTERNS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    ("iso", _c(rf"\b(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b")),
    ("numeric", _c(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])")),
    (
        "mdy",
        _c(
            rf"(?:(?P<wd>{_WEEKDAY}),?\s+(?:\(\s*)?)?(?P<mon>{_MONTH})\s+(?P<d>{_DAY})"
            rf"(?:,?\s+(?P<y>{_YEAR})|\s+(?P<yr>{_YEAR_REL}))?"
        ),
    ),
    (
        "dmy",
        _c(
            rf"(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:(?i:the)\s+)?(?<![\d,.])(?P<d>{_DAY})\s+"
            rf"(?:(?i:of)\s+)?(?P<mon>{_MONTH})(?:,?\s+(?P<y>{_YEAR})|\s+(?P<yr>{_YEAR_REL}))?"
        ),
    ),
    ("my", _c(rf"(?P<mon>{_MONTH})(?:,?\s+|\s+(?i:of)\s+)(?P<y>{_YEAR})")),
    (
        "month",
        _c(
            r"(?:(?P<mod>(?i:early|mid|late|the\s+(?:end|beginning|start|middle)\s+of))[\s-]+)?"
            rf"(?:(?P<rel>(?i:last|next|this|past))\s+)?(?P<mon>{_MONTH})"
            rf"(?:\s+(?P<yr>{_YEAR_REL}))?"
        ),
    ),
    (
        "year",
        _c(
            r"(?<![\d$£€#.,/:])(?:(?P<mod>(?i:early|mid|late))[\s-]+)?"
            rf"(?P<y>{_YEAR})(?!s\b|%|,\d|\.\d|-\d\d-)"
        ),
    ),
    (
        "holiday",
        _c(r"\b(?P<h>Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s\s+(?:Day|Eve))\b"),
    ),
    (
        "day",
        _c(
            r"\b(?P<w>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|"
            r"today|tonight|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening)))"
            r"(?:\s+(?i:morning|afternoon|evening|night))?\b"
        ),
    ),
    (
        "weekday",
        _c(rf"(?:(?P<rel>(?i:last|next|this|past|coming))\s+)?(?P<wd>{_WEEKDAY})(?!s\b){_PART}\b"),
    ),
    (
        "period",
        _c(
            r"(?i:\b(?:(?P<mod>early|earlier|late|later|mid|(?:at\s+)?the\s+(?:end|start|"
            r"beginning|middle)\s+of|end\s+of|start\s+of)[\s-]+)?(?:the\s+)?(?P<rel>last|next|this|"
            r"past|coming|previous)\s+(?P<unit>week|weekend|month|year|spring|summer|fall|autumn|"
            r"winter)\b)"
        ),
    ),
    ("weekend", _c(r"(?i:\bthe\s+weekend\b)")),
    (
        "ago",
        _c(rf"(?i:\b(?P<n>{_COUNT})\s+(?P<unit>{_UNIT})\s+ago\b)"),
    ),
    (
        "anniversary_n",
        _c(rf"(?i:\b(?P<n>{_COUNT})\s+(?:full\s+)?years?\s+(?:since|on\s+from|to\s+the\s+day)\b)"),
    ),
    (
        "anniversary",
        _c(
            r"(?i:\b(?:the\s+|its\s+|his\s+|her\s+|their\s+)?(?:(?P<ord>first|second|third|"
            r"fourth|fifth|sixth|seventh|eighth|ninth|tenth|twentieth|\d{1,2}(?:st|nd|rd|th)|"
            r"(?:one|two|three|five|ten)-year)\s+)?anniversary\b)"
        ),
    ),
    (
        "quarter",
        _c(
            rf"(?i:\b(?:the\s+)?(?:(?P<y1>{_YEAR})\s+)?(?:fiscal\s+)?(?P<q>first|second|third|"
            rf"fourth|1st|2nd|3rd|4th)[\s-]+quarter\b(?:\s+of\s+(?:fiscal\s+)?(?P<y>{_YEAR}))?)"
        ),
    ),
    (
        "vague",
        _c(
            r"(?i:\b(?:recently|lately|in\s+recent\s+(?P<u>days|weeks|months|years)|"
            r"in\s+the\s+(?:past|last)\s+(?:few|several|couple\s+of)\s+(?P<u2>days|weeks|months)|"
            rf"(?:(?:just|only|mere)\s+)?(?:(?:(?P<n>{_COUNT})\s+)?(?P<u3>hours|days|weeks)|"
            r"(?P<n1>an?|one|the)\s+(?P<u5>hour|day|week))\s+"
            r"(?:after|before|later|earlier|prior\s+to)|in\s+the\s+(?P<u4>days|weeks|hours)\s+"
            r"(?:before|after|prior\s+to|leading\s+up\s+to|following))\b)"
        ),
    ),
    (
        "duration",
        _c(
            rf"(?i:\b(?:(?:for|over|throughout|within)\s+(?:the\s+(?:past|last|next|coming)\s+)?"
            rf"(?:{_COUNT}\s+|many\s+)?{_UNIT}|{_COUNT}-(?:day|week|month|year|decade)(?:-long)?|"
            rf"(?:days|weeks|months|years|decades)\s+(?=of\b)|"
            rf"{_COUNT}\s+(?:days|weeks|months|years|decades)(?!\s+(?:ago|since|later|earlier|"
            rf"after|before|old|on)\b))\b)"
        ),
    ),
)

_DATE_PARTS = ("mdy", "dmy", "my", "month")
MONTH_WORDS: Final = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
)  # fmt: skip
_UNIT_PATTERNS = ("duration", "vague", "ago", "anniversary_n", "period")


_WEEKDAY_WORDS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_UNIT_WORDS = (
    "day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades",
    "hour", "hours",
)  # fmt: skip
_SEASON_WORDS = ("weekend", "spring", "summer", "fall", "autumn", "winter")
_DAY_WORDS = (
    "today", "tonight", "yesterday", "tomorrow", "night", "morning", "afternoon", "evening",
)  # fmt: skip


def _triggers() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = dict.fromkeys(MONTH_WORDS, _DATE_PARTS)
    table.update(dict.fromkeys(_WEEKDAY_WORDS, ("weekday", "mdy", "dmy")))
    table.update(dict.fromkeys(_UNIT_WORDS, _UNIT_PATTERNS))
    table.update(dict.fromkeys(("year", "years"), (*_UNIT_PATTERNS, "holiday")))
    table.update(dict.fromkeys(_SEASON_WORDS, ("period", "weekend")))
    table.update(dict.fromkeys(_DAY_WORDS, ("day",)))
    table.update(
        ago=("ago",),
        since=("anniversary_n",),
        recently=("vague",),
        recent=("vague",),
        lately=("vague",),
        anniversary=("anniversary",),
        quarter=("quarter",),
        christmas=("holiday",),
    )
    return table


TRIGGERS: Final = MappingProxyType(_triggers())
"""Which patterns a (lower-case) word can be part of (numbers: see ``timex_scan``)."""

TRIGGER_WORD: Final = re.compile(
    r"(?<![A-Za-z])(?a:(?i:"
    + "|".join(sorted(TRIGGERS, key=len, reverse=True))
    + r"))(?![A-Za-z])|\d+"
)
"""Trigger words (a whole run of ASCII letters, any case) and numbers: the patterns are only
tried around them. Finding them with one regular expression skips, in C, the ~95% of words
that trigger nothing."""

REACH: Final = MappingProxyType(
    {
        "iso": (0, 8), "numeric": (0, 10), "year": (12, 8), "mdy": (14, 30), "dmy": (26, 24),
        "my": (0, 14), "month": (28, 24), "weekday": (10, 12), "period": (36, 2),
        "weekend": (6, 2), "day": (30, 12), "ago": (28, 6), "anniversary_n": (28, 16),
        "anniversary": (28, 2), "quarter": (28, 22), "vague": (24, 16), "duration": (36, 8),
        "holiday": (6, 10),
    }
)  # fmt: skip
"""How many characters a match of each pattern may reach before and after its trigger word."""

SINCE_BEFORE: Final = re.compile(r"(?i:\b(?:ever\s+)?since\s+)$")
"""``since`` right before an expression: the expression is the start of a span."""

SENTENCE_START: Final = re.compile(r"(?:^|[.!?:;\n\"“”'‘`]\s*|\(\s*)$")
