"""How names are compared: one token form for knowledge-base aliases and text mentions.

A name becomes a list of word tokens with accents removed, apostrophes and full stops dropped
(Kata’ib = Kataib, U.S. = US) and every other punctuation mark a word break (al-Qaeda = al
Qaeda). :func:`normalise` joins the tokens in lower case: that is the lookup key.
:func:`case_compatible` keeps lookups from matching capitalised names to common words
("shell" is not Shell, "the base" is not The Base, "us" is not the US).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from types import MappingProxyType

__all__ = [
    "case_compatible",
    "is_acronym",
    "normalise",
    "strip_article",
    "tokens",
]

_DROP = MappingProxyType(str.maketrans("", "", "'’‘ʼʻ`´."))
_POSSESSIVE = re.compile(r"['’]s?$")
_WORD = re.compile(r"[^\W_]+")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,6}")


def tokens(text: str) -> list[str]:
    """The words of a name, case kept: no accents, apostrophes, full stops or possessive."""
    plain = text.strip()
    if not plain.isascii():
        decomposed = unicodedata.normalize("NFKD", plain)
        plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = _POSSESSIVE.sub("", plain).translate(_DROP)
    return _WORD.findall(plain)


def normalise(text: str) -> str:
    """The lookup key of a name: its tokens in lower case, separated by single spaces."""
    return " ".join(token.casefold() for token in tokens(text))


def strip_article(key: str) -> str:
    """A normalised key without a leading "the"."""
    return key[4:] if key.startswith("the ") else key


def is_acronym(text: str) -> bool:
    """An all-capitals short form (US, U.S., IRGC, AQAP): matched only when written in capitals."""
    compact = re.sub(r"[\s.\-]", "", text.strip())
    return bool(_ACRONYM.fullmatch(compact))


def case_compatible(alias: Sequence[str], text: Sequence[str]) -> bool:
    """Whether ``text`` tokens honour the capitals of ``alias`` tokens (same words assumed).

    Every alias word that starts with a capital must start with a capital (or digit) in the
    text; lower-case alias words match any case.
    """
    if len(alias) != len(text):
        return False
    for want, got in zip(alias, text, strict=True):
        if want[:1].isupper() and not (got[:1].isupper() or got[:1].isdigit()):
            return False
    return True
