"""How place names are compared: lookup keys, transliteration skeletons, name filters.

A name's *key* is its words in lower case without accents, apostrophes or full stops, every other
punctuation mark a word break, a trailing possessive and a leading "the" dropped:
``Al-Ḩudaydah`` -> ``al hudaydah``, ``U.S.`` -> ``us``, ``Baghdad's`` -> ``baghdad``.

A key's *skeleton* is what stays the same across the usual English transliterations of Arabic,
Persian, Kurdish or Cyrillic names: the Arabic article dropped, vowels (and y, w) removed,
digraphs simplified and doubled letters collapsed (``Hodeidah`` and ``al-Hudaydah`` are both
``hdd``; ``Erbil`` and ``Arbil`` are both ``rbl``).
"""

from __future__ import annotations

import re
import unicodedata
from itertools import groupby

__all__ = [
    "ARTICLES",
    "GENERIC_WORDS",
    "dearticled",
    "edges_agree",
    "fold",
    "is_latin_name",
    "normalise",
    "skeleton",
    "strip_article",
    "strip_generic",
]

_DROP = str.maketrans("", "", "'’‘ʼʻ`´.")
_FOLD_DROP = str.maketrans("", "", "’‘ʼʻ`´")
_POSSESSIVE = re.compile(r"['’]s\b|(?<=s)['’](?=\s|$)")
_WORD = re.compile(r"[^\W_]+")
_DIGRAPHS = (("kh", "k"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("ph", "f"), ("q", "k"))
_VOWELS = frozenset("aeiouyw")
_LATIN_NAME = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF'’ .,()\-]+")

#: Arabic-style articles that may lead a transliterated name (al-, el-, ad-, ash-...).
ARTICLES = frozenset(
    {
        "al", "el", "ad", "ar", "as", "at", "an", "az", "ash", "ath", "ed", "er", "es", "et",
        "ez",
    }
)  # fmt: skip

#: Words that name the kind of a place rather than the place; they may be written in lower case
#: in text ("Baghdad international airport") and are stripped as a last resort in lookups.
GENERIC_WORDS = frozenset(
    {
        "air", "airbase", "airfield", "airport", "area", "base", "bay", "border", "bridge",
        "camp", "canal", "city", "complex", "corridor", "county", "crossing", "dam", "desert",
        "district", "facility", "field", "governorate", "gulf", "harbor", "harbour", "heights",
        "hospital", "international", "island", "islands", "lake", "mosque", "mount",
        "mountain", "mountains", "municipality", "naval", "nuclear", "oblast", "ocean",
        "peninsula", "plant", "port", "power", "prison", "province", "reactor", "refugee",
        "region", "river", "sea", "shoal", "site", "square", "state", "station", "strait",
        "straits", "suburb", "terminal", "town", "valley", "village",
    }
)  # fmt: skip

_STRIP_TAIL = frozenset(
    {
        "area", "city", "district", "governorate", "municipality", "oblast", "province",
        "region", "state", "town", "village",
    }
)  # fmt: skip
_STRIP_HEAD = frozenset(
    {
        "central", "north", "south", "east", "west", "northern", "southern", "eastern",
        "western", "northeastern", "northwestern", "southeastern", "southwestern",
        "northeast", "northwest", "southeast", "southwest", "downtown",
    }
)  # fmt: skip
_KIND_OF = frozenset({"city", "town", "village", "province", "governorate", "region", "district"})


def fold(name: str) -> str:
    """A name in plain ASCII letters as English text writes it: ``Sāmarrā’`` -> ``Samarra``."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return plain.translate(_FOLD_DROP)


def normalise(text: str) -> str:
    """The lookup key of a place name."""
    plain = text
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = _POSSESSIVE.sub("", plain).translate(_DROP).casefold()
    return strip_article(" ".join(_WORD.findall(plain)))


def strip_article(key: str) -> str:
    """A key without a leading English "the"."""
    return key[4:] if key.startswith("the ") else key


def strip_generic(key: str) -> str:
    """A key without leading direction words and trailing kind words (``northern idlib
    province`` -> ``idlib``); the key itself when nothing would be left."""
    words = key.split()
    while len(words) > 1 and words[0] in _STRIP_HEAD:
        words = words[1:]
    if len(words) > 2 and words[0] in _KIND_OF and words[1] == "of":
        words = words[2:]
    while len(words) > 1 and words[-1] in _STRIP_TAIL:
        words = words[:-1]
    return " ".join(words)


def dearticled(key: str) -> str:
    """A key without Arabic-style articles (``deir ez zor`` -> ``deir zor``), unless that would
    leave nothing."""
    words = key.split()
    if len(words) < 2 or not ARTICLES.intersection(words):
        return key
    kept = [word for word in words if word not in ARTICLES]
    return " ".join(kept) if kept else key


def skeleton(key: str) -> str:
    """The transliteration skeleton of a key (see the module docstring)."""
    text = dearticled(key).replace(" ", "")
    for digraph, simple in _DIGRAPHS:
        text = text.replace(digraph, simple)
    text = re.sub(r"(?<=[aeiou])h$", "", text)
    single = "".join(char for char, _ in groupby(text))
    return "".join(char for char in single if char not in _VOWELS)


def edges_agree(a: str, b: str) -> bool:
    """Whether two keys start and end alike (vowel or consonant, ignoring a final vowel+h).

    A transliteration variant keeps the shape of the word's edges; a derived word does not:
    ``Iraq``/``Iraqi``, ``August``/``Augusta``, ``Yemen``/``Yemeni`` fail this test.
    """
    x, y = dearticled(a).replace(" ", ""), dearticled(b).replace(" ", "")
    x, y = re.sub(r"(?<=[aeiou])h$", "", x), re.sub(r"(?<=[aeiou])h$", "", y)
    if not x or not y:
        return False
    return (x[0] in _VOWELS) == (y[0] in _VOWELS) and (x[-1] in _VOWELS) == (y[-1] in _VOWELS)


def is_latin_name(name: str) -> bool:
    """A usable English-script alternate name: Latin letters, capitalised, not a code."""
    if len(name) < 3 or not name[0].isupper() or name.isupper():
        return False
    return _LATIN_NAME.fullmatch(name) is not None
