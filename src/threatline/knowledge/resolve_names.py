"""Personal names: honorifics, ranks, and transliteration-tolerant forms of Arabic, Persian and
Hebrew names.

Two folded forms are computed from a name's lookup key:

- :func:`fold` irons out spelling variants that English transliteration produces for the same
  name: Qassem / Qasem / Ghasem / Kassem, Soleimani / Suleimani / Soleymani, Mohammad /
  Muhammad / Mohammed, Nasrallah / Nasrullah, Kharrazi / Kharazi, Kadhimi / Kazimi; the article
  ``al-`` / ``el-`` is dropped and Abou / Abu are one word. Folded names are compared with a
  strict fuzzy ratio.
- :func:`skeleton` keeps the first letter and the consonants of a folded word: the blocking key
  under which candidates are looked up before any fuzzy comparison.
"""

from __future__ import annotations

import re

__all__ = [
    "GIVEN_NAME_PARTICLES",
    "HONORIFICS",
    "NAME_PARTICLES",
    "RANKS",
    "fold",
    "fold_word",
    "skeleton",
    "skeleton_keys",
]

# Religious and customary honorifics: stripped to find the person, kept in the mention span
# ("Ayatollah Khamenei", "Hajj Qassem Soleimani") as gold annotations keep them.
HONORIFICS = frozenset(
    [
        "ayatollah",
        "ayatullah",
        "grand",
        "hojatoleslam",
        "hojjatoleslam",
        "hojatolislam",
        "hojjat",
        "hujjat",
        "sheikh",
        "sheik",
        "shaikh",
        "shaykh",
        "cheikh",
        "haj",
        "hajj",
        "haji",
        "hajji",
        "hadj",
        "hadji",
        "sayyid",
        "sayyed",
        "seyed",
        "seyyed",
        "sayed",
        "syed",
        "sayyida",
        "mullah",
        "mulla",
        "imam",
        "mufti",
        "rabbi",
        "mawlana",
        "maulana",
        "allama",
    ]
)

# Ranks, civil honorifics and generic title words stripped before a name ("Maj. Gen.",
# "Brig. Gen.", "Dr.", "Mr."). Office titles come from offices.yaml.
RANKS = frozenset(
    [
        "gen",
        "general",
        "maj",
        "major",
        "brig",
        "brigadier",
        "lt",
        "lieutenant",
        "col",
        "colonel",
        "capt",
        "captain",
        "cpt",
        "adm",
        "admiral",
        "cmdr",
        "commodore",
        "sgt",
        "sergeant",
        "cpl",
        "corporal",
        "marshal",
        "pvt",
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "professor",
        "sir",
        "dame",
        "rev",
        "reverend",
        "hon",
        "honourable",
        "honorable",
        "sen",
        "senator",
        "rep",
        "gov",
        "pres",
        "amir",
        "sardar",
        "sepahbod",
    ]
)

# Lower-case particles that may sit inside a personal name (Abu Mahdi al-Muhandis, Osama bin
# Laden, Ursula von der Leyen).
NAME_PARTICLES = frozenset(
    [
        "al",
        "el",
        "ul",
        "ad",
        "ar",
        "as",
        "ash",
        "at",
        "az",
        "an",
        "bin",
        "ibn",
        "ben",
        "bint",
        "abu",
        "abou",
        "abo",
        "de",
        "del",
        "della",
        "der",
        "di",
        "da",
        "do",
        "dos",
        "du",
        "la",
        "le",
        "van",
        "von",
        "ter",
        "den",
    ]
)
# Words that open a name but are not themselves the given name (Abu Mahdi, Umm Kulthum).
GIVEN_NAME_PARTICLES = frozenset(["abu", "abou", "abo", "umm", "um"])

_ARTICLES = frozenset(["al", "el", "ul"])
_SUN_ARTICLES = frozenset(["ad", "ar", "as", "ash", "at", "az", "an"])
_EQUIVALENT_WORDS = {"abou": "abu", "abo": "abu", "bin": "ibn", "ben": "ibn", "ebn": "ibn"}

# Ordered digraph rewrites applied to a lower-case ASCII word.
_REWRITES: tuple[tuple[str, str], ...] = (
    ("kh", "x"),
    ("gh", "q"),
    ("dh", "z"),
    ("dj", "j"),
    ("zh", "j"),
    ("th", "t"),
    ("ph", "f"),
    ("sch", "sh"),
    ("ck", "k"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ie", "i"),
    ("ey", "ei"),
    ("ay", "ai"),
    ("aa", "a"),
    ("w", "v"),
    ("q", "k"),
    ("c", "k"),
    ("y", "i"),
    ("o", "u"),
    ("e", "i"),
)
_DOUBLE = re.compile(r"(.)\1+")
_VOWELS = re.compile(r"[aeiou]")
_VOWEL_GROUP = re.compile(r"[aeiou]+")


def fold_word(word: str) -> str:
    """The transliteration-tolerant form of one lower-case word."""
    out = _EQUIVALENT_WORDS.get(word, word)
    for old, new in _REWRITES:
        if old in out:
            out = out.replace(old, new)
    out = _DOUBLE.sub(r"\1", out)
    if len(out) > 3 and out.endswith("h") and out[-2] in "aeiu":
        out = out[:-1]  # Fatemeh / Fatima, Nasrallah / Nasralla
    # unstressed vowels vary most (Muhammad / Mohammed, Nasrallah / Nasrullah): every vowel
    # group after the first one is written "a"
    first = _VOWEL_GROUP.search(out)
    if first is not None:
        out = out[: first.end()] + _VOWEL_GROUP.sub("a", out[first.end() :])
    return out


def fold(key: str) -> str:
    """The folded form of a name key ("abu mahdi al muhandis" -> "abu mahdi muhandis")."""
    words = key.split(" ")
    kept = [
        fold_word(word)
        for index, word in enumerate(words)
        if word
        and not (word in _ARTICLES and index + 1 < len(words))
        and not (word in _SUN_ARTICLES and 0 < index < len(words) - 1)
    ]
    return " ".join(kept)


def skeleton(folded_word: str) -> str:
    """Blocking key: first letter and consonants of a folded word (slmn for Soleimani)."""
    if not folded_word:
        return ""
    return folded_word[0] + _VOWELS.sub("", folded_word[1:])


def skeleton_keys(folded_word: str) -> set[str]:
    """The skeleton and its one-letter deletions: two names whose skeletons differ by one
    letter share a key (symmetric deletion blocking)."""
    base = skeleton(folded_word)
    found = {base}
    if len(base) > 2:
        found.update(base[:index] + base[index + 1 :] for index in range(1, len(base)))
    return found
