"""Text to name words with character offsets, normalised exactly as knowledge-base names are.

:func:`scan` cuts a text into :class:`Word` tokens whose ``key`` is the lookup form used by
:func:`threatline.knowledge.text.normalise` (accents removed, apostrophes and full stops
dropped, lower case), so that a knowledge-base alias and a stretch of article text compare
equal word by word. Two extra kinds of token keep phrases honest:

- a possessive ``'s`` becomes its own token (key ``'s``): "Iran’s" is the word "Iran" followed
  by a possessive, so "Iran" is found in "Iran’s mission" and "Iran's mission" still matches as
  a whole;
- punctuation that ends a phrase (comma, colon, full stop, brackets, quotes, dashes) becomes a
  boundary token (key ``|``), so no name is matched across it. Hyphens and slashes inside a
  word sequence are plain breaks (``al-Qaeda`` = ``al Qaeda``).
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

__all__ = ["BOUNDARY", "POSSESSIVE", "Word", "keys", "scan"]

BOUNDARY = "|"
POSSESSIVE = "'s"

_APOSTROPHES = "'’‘ʼ`"
_DROP = str.maketrans("", "", "'’‘ʼ`´.")
# A word, or a run of punctuation that ends a phrase (brackets each on their own, a closing
# quote after a word, a hyphen standing between spaces as a dash).
_TOKEN = re.compile(
    r"(?P<w>[^\W_]+(?:['’‘ʼ`.][^\W_]+)*)"
    r"|(?P<b>[,;:.!?()\"“”«»–—…\n\t{}|]+|[\[\]]|(?<=\S)['’‘ʼ`]+|(?<=\s)-+(?=\s))"
)
# Abbreviations whose final full stop belongs to the word ("Gen.", "Dr.").
_ABBREVIATIONS = frozenset(
    [
        "gen",
        "maj",
        "brig",
        "lt",
        "col",
        "capt",
        "cpt",
        "adm",
        "cmdr",
        "sgt",
        "cpl",
        "gov",
        "sen",
        "rep",
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "rev",
        "hon",
        "st",
        "jr",
        "sr",
        "messrs",
        "mt",
        "ft",
        "pres",
        "supt",
        "insp",
    ]
)


class Word(NamedTuple):
    """One token of a scanned text: its lookup key and where it is."""

    key: str
    start: int
    end: int
    text: str
    is_word: bool = True  # not a boundary or a possessive
    capitalised: bool = False  # starts with a capital letter or a digit

    @property
    def is_boundary(self) -> bool:
        return self.key == BOUNDARY

    @property
    def is_possessive(self) -> bool:
        return self.key == POSSESSIVE

    @property
    def bracket(self) -> bool:
        return self.text in ("[", "]")


def _key(text: str) -> str:
    if text.isascii():
        if "." in text or "'" in text or "`" in text:
            return text.translate(_DROP).casefold()
        return text.casefold()
    plain = text
    if not plain.isascii():
        decomposed = unicodedata.normalize("NFKD", plain)
        plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return plain.translate(_DROP).casefold()


def scan(text: str) -> list[Word]:
    """The words, possessives and phrase boundaries of ``text``, in order."""
    out: list[Word] = []
    append = out.append
    make = tuple.__new__  # Word(...) without the keyword-argument machinery: scan is hot
    known: dict[str, str] = {}  # keys of the words seen so far
    position = 0  # end of the last word (an abbreviation's full stop included)
    for found in _TOKEN.finditer(text):
        start, end = found.span()
        raw = found.group()
        if found.lastgroup == "b":
            if start < position:  # the full stop of "U.S." is not a boundary
                start, raw = position, text[position:end]
            if start < end:
                append(make(Word, (BOUNDARY, start, end, raw, False, False)))
            continue
        first = raw[0]
        cap = first.isupper() or first.isdigit()
        if len(raw) > 2 and raw[-1] in "sS" and raw[-2] in _APOSTROPHES and raw[-3].isalnum():
            append(make(Word, (_key(raw[:-2]), start, end - 2, raw[:-2], True, cap)))
            append(make(Word, (POSSESSIVE, end - 2, end, raw[-2:], False, False)))
            continue
        key = known.get(raw)
        if key is None:
            key = known[raw] = _key(raw)
        if end < len(text) and text[end] == "." and ("." in raw or key in _ABBREVIATIONS):
            end += 1  # "U.S." and "Gen." keep their final full stop
            raw = text[start:end]
        append(make(Word, (key, start, end, raw, True, cap)))
        position = end
    return out


def keys(text: str) -> list[str]:
    """The token keys of a name (as :func:`scan` gives them), for building patterns."""
    if _PLAIN.fullmatch(text):  # the common case: letters, digits and spaces only
        return text.casefold().split()
    return [word.key for word in scan(text)]


_PLAIN = re.compile(r"[A-Za-z0-9]+(?: [A-Za-z0-9]+)*")
