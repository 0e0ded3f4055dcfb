"""Finding temporal expressions in raw text and reading their parts (no calendar yet).

:func:`scan` runs the patterns of :mod:`timex_lexicon` over the text, keeps the earliest then
longest of overlapping matches, and reads each into a :class:`Timex`: which form it has and its
written parts (year, month, day, weekday, unit, offset). Nothing here depends on the
publication date; :mod:`timex_resolve` puts a Timex on the calendar.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Final

import dateparser

from threatline.stages.timex_lexicon import (
    HOLIDAYS,
    MONTH_TRIGGERS,
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    PATTERNS,
    QUANTITY_CUES,
    QUARTERS,
    REACH,
    SENTENCE_START,
    SINCE_BEFORE,
    TRIGGER_WORD,
    TRIGGERS,
    VAGUE_COUNTS,
    WEEKDAY_NAME_AFTER,
    WEEKDAY_NAME_BEFORE,
    WEEKDAYS,
    YEAR_TRIGGERS,
)

__all__ = ["Form", "Timex", "scan"]


class Form(StrEnum):
    """How an expression is read."""

    DATE = "date"  # a calendar date or month, with or without its year
    YEAR = "year"
    MONTH_REL = "month_rel"  # last December, next March
    WEEKDAY = "weekday"
    DAY_OFFSET = "day_offset"  # today, yesterday, tomorrow
    AGO = "ago"  # two days ago, a year ago
    PERIOD = "period"  # last week, this month, next year, last summer, the weekend
    QUARTER = "quarter"
    ANNIVERSARY = "anniversary"
    VAGUE = "vague"  # recently, in recent weeks, days after
    DURATION = "duration"


_KINDS = {
    Form.DATE: "absolute",
    Form.YEAR: "absolute",
    Form.WEEKDAY: "weekday",
    Form.ANNIVERSARY: "anniversary",
    Form.VAGUE: "vague",
    Form.DURATION: "duration",
}


@dataclass(frozen=True, slots=True)
class Timex:
    """One temporal expression: its span and written parts.

    ``offset`` is signed (``-1`` last, ``0`` this, ``+1`` next; ``-2`` for two days ago; the
    number of years for an anniversary). ``rel`` is how a weekday or month name is qualified:
    ``bare``, ``last``, ``next`` or ``this``. ``future``, ``past`` (the governing verb's tense)
    and ``mode`` come from the sentence (:mod:`timex_context`); ``link`` is the index of the
    expression a vague one is anchored to ("days before the January 8 strike").
    """

    start: int
    end: int
    text: str
    form: Form
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    unit: str | None = None
    offset: int | None = None
    rel: str = "bare"
    year_rel: int | None = None
    approximate: bool = False
    since: bool = False
    future: bool = False
    past: bool = False
    mode: str | None = None
    link: int | None = None

    @property
    def kind(self) -> str:
        """The :class:`~threatline.models.TimeMention` kind."""
        if self.since:
            return "since"
        if self.form is Form.ANNIVERSARY and self.mode in ("before", "around"):
            return "vague"
        return _KINDS.get(self.form, "relative")

    @property
    def has_year(self) -> bool:
        """The expression names its year (it does not depend on the publication date)."""
        return self.year is not None and self.form in (Form.DATE, Form.YEAR, Form.QUARTER)


Reader = Callable[[re.Match[str], str, str], Timex | None]


def _month(name: str) -> int:
    return MONTHS[name[:3].lower()]


def _day(text: str) -> int:
    return int(text.rstrip("stndrh"))


def _count(text: str) -> tuple[int, bool]:
    words = " ".join(text.lower().split())
    if words.isdigit():
        return int(words), False
    if words == "the":
        return 1, False
    return NUMBER_WORDS.get(words, NUMBER_WORDS.get(words.split()[-1], 1)), words in VAGUE_COUNTS


def _year_rel(text: str | None) -> int | None:
    if text is None:
        return None
    first = text.split()[0].lower()
    if first == "the":
        second = text.split()[1].lower()
        return {"previous": -1, "following": 1}.get(second)
    return {"this": 0, "last": -1, "next": 1}[first]


def _previous_word(text: str, start: int) -> str:
    m = re.search(r"([A-Za-z’'-]+)[\s,]*$", text[max(0, start - 30) : start])
    return m.group(1) if m else ""


def _at_sentence_start(text: str, start: int) -> bool:
    return SENTENCE_START.search(text[max(0, start - 4) : start]) is not None


def _valid_day(year: int | None, month: int, day: int) -> bool:
    last = calendar.monthrange(year if year is not None else 2000, month)[1]
    return 1 <= day <= last


def _make(m: re.Match[str], form: Form, **parts: Any) -> Timex:
    text = m.group(0).rstrip()
    return Timex(start=m.start(), end=m.start() + len(text), text=text, form=form, **parts)


def _iso(m: re.Match[str], text: str, order: str) -> Timex | None:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    return _make(m, Form.DATE, year=y, month=mo, day=d) if _valid_day(y, mo, d) else None


def _numeric(m: re.Match[str], text: str, order: str) -> Timex | None:
    settings = {
        "DATE_ORDER": order,
        "PARSERS": ["custom-formats", "absolute-time"],
        "REQUIRE_PARTS": ["day", "month", "year"],
        "STRICT_PARSING": True,
    }
    parsed: dt.datetime | None = dateparser.parse(m.group(0), languages=["en"], settings=settings)
    if parsed is None or not 1800 <= parsed.year <= 2099:
        return None
    return _make(m, Form.DATE, year=parsed.year, month=parsed.month, day=parsed.day)


def _month_day(m: re.Match[str], text: str, order: str) -> Timex | None:
    month, day = _month(m["mon"]), _day(m["d"])
    year = int(m["y"]) if m["y"] else None
    if not _valid_day(year, month, day):
        return None
    weekday = WEEKDAYS[m["wd"][:3].lower()] if m["wd"] else None
    return _make(
        m, Form.DATE, year=year, month=month, day=day, weekday=weekday, year_rel=_year_rel(m["yr"])
    )


def _month_year(m: re.Match[str], text: str, order: str) -> Timex | None:
    return _make(m, Form.DATE, year=int(m["y"]), month=_month(m["mon"]))


def _bare_month_ok(m: re.Match[str], text: str) -> bool:
    name = m["mon"]
    before = _previous_word(text, m.start()).lower()
    if before in MONTH_TRIGGERS:
        return True
    if name == "May" or (len(name.rstrip(".")) <= 4 and name not in ("June", "July")):
        return False
    after = text[m.end() : m.end() + 2]
    # "November killing", "in August." but not a person's name ("April Smith").
    return not after[:1].isspace() or not after[1:2].isupper()


def _month_only(m: re.Match[str], text: str, order: str) -> Timex | None:
    month = _month(m["mon"])
    rel = (m["rel"] or "").lower()
    if rel:
        return _make(m, Form.MONTH_REL, month=month, rel="last" if rel == "past" else rel)
    year_rel = _year_rel(m["yr"])
    if year_rel is None and not m["mod"] and not _bare_month_ok(m, text):
        return None
    return _make(m, Form.DATE, month=month, year_rel=year_rel)


def _counts_things(m: re.Match[str], text: str) -> bool:
    """ "some 2000 troops": a number after a word of quantity, before a plural noun."""
    if _previous_word(text, m.start()).lower() not in QUANTITY_CUES:
        return False
    after = re.match(r"\s+([a-z]+)", text[m.end() : m.end() + 30])
    return after is not None and after.group(1).endswith("s")


def _year(m: re.Match[str], text: str, order: str) -> Timex | None:
    if _counts_things(m, text):
        return None
    if not m["mod"]:
        before = _previous_word(text, m.start())
        possessive = before.endswith(("'s", "’s"))
        named = before[:1].isupper() and before.lower() not in YEAR_TRIGGERS and not possessive
        if named and before[:3].lower() not in MONTHS:
            return None  # "Vision 2030", "Resolution 2020"
    return _make(m, Form.YEAR, year=int(m["y"]))


def _holiday(m: re.Match[str], text: str, order: str) -> Timex | None:
    month, day = HOLIDAYS[" ".join(m["h"].lower().replace("’", "'").split())]
    return _make(m, Form.DATE, month=month, day=day)


_DAY_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "last": -1, "this": 0}


def _day_word(m: re.Match[str], text: str, order: str) -> Timex | None:
    words = m["w"].lower().split()
    if m["w"][:1].isupper() and not _at_sentence_start(text, m.start()):
        return None  # "USA Today"
    if words[0] == "the":
        offset = -2 if words[-1] == "yesterday" else 2
    else:
        offset = _DAY_OFFSETS[words[0]]
    return _make(m, Form.DAY_OFFSET, unit="day", offset=offset)


_RELS = {"last": "last", "past": "last", "previous": "last", "next": "next", "coming": "next"}
_OFFSETS = {"last": -1, "next": 1, "this": 0, "bare": 0}


def _weekday(m: re.Match[str], text: str, order: str) -> Timex | None:
    before = _previous_word(text, m.start()).lower()
    after = text[m.end() : m.end() + 12].lower().split()
    if before in WEEKDAY_NAME_BEFORE or (after and after[0] in WEEKDAY_NAME_AFTER):
        return None
    rel = _RELS.get((m["rel"] or "").lower(), (m["rel"] or "bare").lower())
    return _make(m, Form.WEEKDAY, weekday=WEEKDAYS[m["wd"][:3].lower()], rel=rel)


def _period(m: re.Match[str], text: str, order: str) -> Timex | None:
    rel = _RELS.get(m["rel"].lower(), m["rel"].lower())
    unit = m["unit"].lower()
    unit = "fall" if unit == "autumn" else unit
    return _make(m, Form.PERIOD, unit=unit, rel=rel, offset=_OFFSETS[rel])


def _weekend(m: re.Match[str], text: str, order: str) -> Timex | None:
    return _make(m, Form.PERIOD, unit="weekend", rel="bare", offset=0)


def _ago(m: re.Match[str], text: str, order: str) -> Timex | None:
    count, vague = _count(m["n"])
    unit = m["unit"].lower().rstrip("s")
    return _make(m, Form.AGO, unit=unit, offset=-count, approximate=vague)


def _anniversary_n(m: re.Match[str], text: str, order: str) -> Timex | None:
    count, vague = _count(m["n"])
    return _make(m, Form.ANNIVERSARY, offset=count, approximate=vague)


def _anniversary(m: re.Match[str], text: str, order: str) -> Timex | None:
    ordinal = (m["ord"] or "").lower()
    count = ORDINALS.get(ordinal) or (int(ordinal[:-2]) if ordinal[:-2].isdigit() else None)
    return _make(m, Form.ANNIVERSARY, offset=count)


def _quarter(m: re.Match[str], text: str, order: str) -> Timex | None:
    year = m["y"] or m["y1"]
    return _make(m, Form.QUARTER, offset=QUARTERS[m["q"].lower()], year=int(year) if year else None)


_UNIT_DAYS = {"hour": 0, "day": 1, "week": 7}


def _vague(m: re.Match[str], text: str, order: str) -> Timex | None:
    if m["u3"] or m["u5"]:  # "two days after": offset is the distance in days (sign: link)
        count, vague = _count(m["n"] or m["n1"]) if m["n"] or m["n1"] else (3, True)
        days = count * _UNIT_DAYS[(m["u3"] or m["u5"]).lower().rstrip("s")]
        return _make(m, Form.VAGUE, unit="around", offset=days, approximate=vague)
    if m["u4"]:
        return _make(m, Form.VAGUE, unit="around", offset=3, approximate=True)
    unit = (m["u"] or m["u2"] or "days").lower()
    return _make(m, Form.VAGUE, unit=unit)


def _duration(m: re.Match[str], text: str, order: str) -> Timex | None:
    return _make(m, Form.DURATION)


_BY_NAME: Final = MappingProxyType(dict(PATTERNS))
_PRIORITY: Final = MappingProxyType({name: i for i, (name, _) in enumerate(PATTERNS)})

_READERS: Final[Mapping[str, Reader]] = {
    "iso": _iso,
    "numeric": _numeric,
    "mdy": _month_day,
    "dmy": _month_day,
    "my": _month_year,
    "month": _month_only,
    "year": _year,
    "holiday": _holiday,
    "day": _day_word,
    "weekday": _weekday,
    "period": _period,
    "weekend": _weekend,
    "ago": _ago,
    "anniversary_n": _anniversary_n,
    "anniversary": _anniversary,
    "quarter": _quarter,
    "vague": _vague,
    "duration": _duration,
}


def _since(t: Timex, text: str) -> Timex:
    m = SINCE_BEFORE.search(text[max(0, t.start - 14) : t.start])
    if m is None or t.form in (Form.DURATION, Form.ANNIVERSARY, Form.VAGUE):
        return t
    start = t.start - len(m.group(0))
    return Timex(**{**_fields(t), "start": start, "text": text[start : t.end], "since": True})


def _fields(t: Timex) -> dict[str, Any]:
    return {name: getattr(t, name) for name in Timex.__slots__}


def _matches(text: str, exhaustive: bool) -> Iterator[tuple[str, re.Match[str]]]:
    """Every pattern match containing a trigger word (or, ``exhaustive``, every match)."""
    if exhaustive:
        for name, pattern in PATTERNS:
            for m in pattern.finditer(text):
                yield name, m
        return
    size = len(text)
    for word in TRIGGER_WORD.finditer(text):
        token = word.group()
        if token[0].isdigit():
            names = _number_patterns(text, token, word.end())
        else:
            names = TRIGGERS[token.lower()]
        for name in names:
            back, ahead = REACH[name]
            lo, hi = max(0, word.start() - back), min(size, word.end() + ahead)
            for m in _BY_NAME[name].finditer(text, lo, hi):
                if m.start() <= word.start() and m.end() >= word.end():
                    yield name, m


def _number_patterns(text: str, token: str, end: int) -> tuple[str, ...]:
    if len(token) == 4 and "1800" <= token <= "2099":
        return ("iso", "year")
    if text[end : end + 1] == "/" and len(token) <= 2:
        return ("numeric",)
    return ()


def scan(text: str, date_order: str = "MDY", *, exhaustive: bool = False) -> list[Timex]:
    """Every temporal expression of ``text``, sorted and non-overlapping.

    Patterns are only tried in a window around trigger words (month and weekday names,
    numbers, units of time...); ``exhaustive`` runs every pattern over the whole text instead
    (slower; the same result, which the tests check).
    """
    found: dict[tuple[int, int, int], Timex] = {}
    for name, m in _matches(text, exhaustive):
        timex = _READERS[name](m, text, date_order)
        if timex is not None:
            key = (timex.start, -(timex.end - timex.start), _PRIORITY[name])
            found.setdefault(key, timex)
    kept: list[Timex] = []
    for key in sorted(found):
        timex = found[key]
        if kept and timex.start < kept[-1].end:
            continue
        kept.append(_since(timex, text))
    return kept
