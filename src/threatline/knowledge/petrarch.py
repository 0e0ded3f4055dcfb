"""Import a PETRARCH/TABARI actor dictionary as a Threatline knowledge directory.

The dictionary format (PETRARCH docs, "Actor Dictionary"): an entry is a primary phrase with an
optional ``[CODE]``, synonyms on lines starting with ``+``, and date-restricted codes on
indented lines: ``[CODE]`` (default), ``[CODE <date]`` (until), ``[CODE >date]`` (from),
``[CODE date-date]``. Dates are ``YYMMDD`` (00-30 is 20YY, else 19YY) or ``YYYYMMDD``.
Comments: ``#`` and ``;`` to the end of the line, ``<!-- ... -->`` (also over several lines),
``{...}``. Words are joined by ``_`` or spaces.

How entries become knowledge (:func:`to_knowledge`):

- an entry with a dated code, or generated from CountryInfo (its comment says so), is a
  **person**; each code becomes a role (office ``official``, title = the code) for the state
  the code starts with; a person the knowledge base already holds (matched by the resolver)
  keeps its canonical name, so loading merges the new aliases and roles into it;
- an entry whose code is a state code alone adds aliases to that state; a state code with a
  government sector (GOV, MIL, LEG, JUD, SPY, COP) adds an organ;
- any other entry is a new actor (group, organisation, IGO or outlet) with a code made from
  its name, unless its name already names a knowledge-base actor (then its synonyms become
  aliases of that actor).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from threatline.knowledge.base import KnowledgeBase
from threatline.knowledge.loader import EXTENDS_FILE, PERSONS_DIR
from threatline.knowledge.resolve_names import NAME_PARTICLES, RANKS
from threatline.knowledge.resolve_persons import PersonIndex, strip_name_titles
from threatline.knowledge.schema import SECTORS, PersonEntry
from threatline.knowledge.text import normalise

__all__ = [
    "CodeSpan",
    "DictionaryEntry",
    "Imported",
    "coverage",
    "parse_actor_dictionary",
    "readable",
    "to_knowledge",
    "write_knowledge",
]

_STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "SPY", "COP"})
_SECTOR_ALIASES = {
    "HRI": "NGO", "LAB": "CVL", "EDU": "ELI", "HLH": "CVL", "REF": "CVL", "AGR": "BUS",
    "ENV": "NGO", "SEP": "REB", "INS": "REB", "RAD": "REB", "MOD": "PTY", "IMG": "REB",
    "MNC": "BUS", "AMN": "NGO", "DEV": "NGO", "IRC": "NGO", "SPI": "SPY", "LEG": "LEG",
}  # fmt: skip
_FILE_FOR_PREFIX = {"IGO": "igos.yaml", "IMG": "groups.yaml", "MED": "media.yaml"}
_CODE = re.compile(r"\[\s*([^\]\s]*)\s*([^\]]*)\]")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BRACES = re.compile(r"\{[^}]*\}")
_PARENS = re.compile(r"\(([^)]*)\)")


@dataclass(frozen=True)
class CodeSpan:
    """A code and the dates it applies to (None: open; both None and not dated: default)."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass
class DictionaryEntry:
    """One actor record: primary phrase, synonyms, codes, the line it starts on."""

    phrase: str
    line: int
    synonyms: list[str] = field(default_factory=list)
    codes: list[CodeSpan] = field(default_factory=list)
    comment: str = ""

    @property
    def person(self) -> bool:
        return any(code.dated for code in self.codes) or "countryinfo" in self.comment.lower()


def _date(text: str) -> dt.date:
    digits = text.strip()
    if not digits.isdigit() or len(digits) not in (6, 8):
        raise ValueError(f"date {text!r} is not YYMMDD or YYYYMMDD")
    if len(digits) == 6:
        year = int(digits[:2])
        year += 2000 if year <= 30 else 1900
        month, day = int(digits[2:4]), int(digits[4:6])
    else:
        year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    return dt.date(year, max(month, 1), max(day, 1))


def _span(code: str, restriction: str) -> CodeSpan:
    text = restriction.strip()
    if not text:
        return CodeSpan(code)
    if text.startswith("<"):
        return CodeSpan(code, end=_date(text[1:]))
    if text.startswith(">"):
        return CodeSpan(code, start=_date(text[1:]))
    first, sep, second = text.partition("-")
    if not sep:
        raise ValueError(f"restriction {text!r} is not <date, >date or date-date")
    start, end = _date(first), _date(second)
    if end < start:
        raise ValueError(f"restriction {text!r} ends before it starts")
    return CodeSpan(code, start, end)


def parse_actor_dictionary(text: str) -> tuple[list[DictionaryEntry], list[str]]:
    """The entries of a dictionary and the problems met (``line N: ...``), in file order."""
    text = _HTML_COMMENT.sub(lambda m: "\n" * m.group().count("\n"), text)
    entries: list[DictionaryEntry] = []
    problems: list[str] = []
    for number, raw in enumerate(text.splitlines(), 1):
        body, _, comment = raw.partition("#")
        body = _BRACES.sub("", body.split(";", 1)[0]).rstrip()
        if not body.strip():
            continue
        codes = [(m.group(1), m.group(2)) for m in _CODE.finditer(body)]
        words = _CODE.sub("", body).strip()
        current = entries[-1] if entries else None
        if body[0] in " \t" and not words:
            if current is None:
                problems.append(f"line {number}: a code before any entry")
                continue
            _add_codes(current, codes, number, problems)
        elif words.startswith("+"):
            if current is None:
                problems.append(f"line {number}: a synonym before any entry")
                continue
            current.synonyms.extend(s.strip() for s in words.split("+") if s.strip())
            _add_codes(current, codes, number, problems)
        else:
            entry = DictionaryEntry(words, number, comment=comment)
            _add_codes(entry, codes, number, problems)
            entries.append(entry)
    return entries, problems


def _add_codes(
    entry: DictionaryEntry, codes: list[tuple[str, str]], number: int, problems: list[str]
) -> None:
    for code, restriction in codes:
        if not code or set(code) == {"-"}:
            continue  # the null code
        try:
            entry.codes.append(_span(code.upper(), restriction))
        except ValueError as exc:
            problems.append(f"line {number}: {exc}")


def readable(phrase: str) -> tuple[str, list[str]]:
    """A name as people write it, and acronyms given in brackets:
    ``ABU_MAHDI_AL-MUHANDIS_`` -> ``Abu Mahdi al-Muhandis``."""
    acronyms = [a.strip() for a in _PARENS.findall(phrase) if a.strip().isalpha()]
    words = [w for w in re.split(r"[_\s]+", _PARENS.sub(" ", phrase)) if w]
    out: list[str] = []
    for index, word in enumerate(words):
        if "." in word or any(char.isdigit() for char in word):
            out.append(word.upper())  # "U.S.S.R.", "G8"
            continue
        parts = word.split("-")
        cased = [
            part.lower()
            if (index or position) and part.lower() in NAME_PARTICLES
            else part.capitalize()
            for position, part in enumerate(parts)
        ]
        if len(parts) == 2 and parts[0].lower() in NAME_PARTICLES and index:
            cased[0] = parts[0].lower()
        out.append("-".join(cased))
    return " ".join(out), acronyms


def _sector(code: str) -> str | None:
    for position in range(3, len(code), 3):
        chunk = code[position : position + 3]
        if chunk in SECTORS:
            return chunk
        if chunk in _SECTOR_ALIASES:
            return _SECTOR_ALIASES[chunk]
    return None


@dataclass
class Imported:
    """A dictionary turned into knowledge files, with counts."""

    persons: list[dict[str, Any]] = field(default_factory=list)
    extends: dict[str, dict[str, Any]] = field(default_factory=dict)
    actors: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)


def _strip_title(name: str, kb: KnowledgeBase) -> str:
    """ "President Mahmoud Ahmadinejad" -> "Mahmoud Ahmadinejad" (honorifics kept)."""
    words = name.split(" ")
    changed = True
    while changed and len(words) > 1:
        changed = False
        for size in (3, 2, 1):
            head = " ".join(words[:size])
            if size < len(words) and (
                kb.office_for_title(head) or (size == 1 and normalise(head) in RANKS)
            ):
                words, changed = words[size:], True
                break
    return " ".join(words)


def _unique(texts: Iterable[str], exclude: str) -> list[str]:
    seen = {exclude.casefold()}
    out: list[str] = []
    for text in texts:
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            out.append(text)
    return out


def _match_person(
    names: Sequence[str], countries: set[str], index: PersonIndex
) -> PersonEntry | None:
    """The knowledge-base person these names denote: one person, acting for a country of
    the entry, found by full name (exact or transliteration) or by a surname."""
    found: list[PersonEntry] = []
    for name in names:
        bare = strip_name_titles(normalise(name))
        if " " in bare:
            found = index.exact(bare) or index.fuzzy(bare)
        elif len(bare) > 3 and not index.kb.lookup(name, exact_case=False):
            found = index.kb.find_persons(bare)  # a surname alone: exact only
        found = [p for p in found if not countries or {r.actor for r in p.roles} & countries]
        if len({p.name for p in found}) == 1:
            return found[0]
    return None


def _person(
    entry: DictionaryEntry, kb: KnowledgeBase, index: PersonIndex | None, out: Imported
) -> None:
    name, _ = readable(entry.phrase)
    aliases = [_strip_title(readable(s)[0], kb) for s in entry.synonyms]
    name = _strip_title(name, kb)
    roles: list[dict[str, Any]] = []
    countries: set[str] = set()
    defaults = [c for c in entry.codes if not c.dated]
    for code in [c for c in entry.codes if c.dated] + defaults:
        actor = code.code[:3]
        if kb.state(actor) is None:
            out.counts["roles skipped (not a state code)"] += 1
            continue
        countries.add(actor)
        roles.append(
            {
                "office": "official",
                "title": code.code,
                "actor": actor,
                "sector": _sector(code.code) or "ELI",
                "start": code.start.isoformat() if code.start else None,
                "end": code.end.isoformat() if code.end else None,
            }
        )
    known = _match_person([name, *aliases], countries, index) if index is not None else None
    if known is not None:
        out.counts["persons matched"] += 1
        aliases = [name, *aliases]
        name = known.name
    else:
        out.counts["persons new"] += 1
    person = {"name": name, "aliases": _unique(aliases, name), "roles": roles}
    out.persons.append(person)


def _actor(entry: DictionaryEntry, kb: KnowledgeBase, out: Imported, taken: set[str]) -> None:
    name, acronyms = readable(entry.phrase)
    synonyms = [readable(s)[0] for s in entry.synonyms] + acronyms
    code = entry.codes[0].code if entry.codes else ""
    prefix, sector = code[:3], _sector(code)
    if kb.state(prefix) is not None and (len(code) == 3 or sector in _STATE_SECTORS):
        extension = out.extends.setdefault(prefix, {"code": prefix, "aliases": [], "organs": []})
        if len(code) == 3:
            extension["aliases"].extend([name, *synonyms])
            out.counts["state aliases"] += 1 + len(synonyms)
        else:
            kind = "military" if sector == "MIL" else "government_body"
            organ = {"name": name, "aliases": _unique(synonyms, name), "kind": kind}
            extension["organs"].append({**organ, "sector": sector})
            out.counts["state organs"] += 1
        return
    known = [m for m in kb.lookup(name) if not m.organ]
    if known:
        target = known[0].actor.code
        extension = out.extends.setdefault(target, {"code": target, "aliases": [], "organs": []})
        extension["aliases"].extend(synonyms)
        out.counts["actors matched"] += 1
        return
    file = _FILE_FOR_PREFIX.get(prefix) or (
        "groups.yaml" if sector in ("REB", "PTY", "OPP") else "organisations.yaml"
    )
    if file == "organisations.yaml" and sector == "MED":
        file = "media.yaml"
    kind = {"igos.yaml": "igo", "media.yaml": "media"}.get(file, "other")
    if (file == "groups.yaml" and sector == "REB") or prefix == "IMG":
        kind = "armed_group"
    default = {"igos.yaml": "IGO", "media.yaml": "MED", "groups.yaml": "REB"}.get(file, "NGO")
    new_code = _new_code(name, taken)
    record = {
        "code": new_code,
        "name": name,
        "aliases": _unique(synonyms, name),
        "kind": kind,
        "sector": sector or default,
        "country": prefix if kb.state(prefix) is not None else None,
    }
    out.actors.setdefault(file, []).append(record)
    out.counts["actors new"] += 1


def _new_code(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^A-Z0-9]+", "_", normalise(name).upper()).strip("_")[:40] or "ACTOR"
    if not base[0].isalpha():
        base = "X_" + base
    code, number = base, 2
    while code in taken:
        code, number = f"{base}_{number}", number + 1
    taken.add(code)
    return code


def to_knowledge(
    entries: Sequence[DictionaryEntry], kb: KnowledgeBase, index: PersonIndex | None = None
) -> Imported:
    """Persons, extensions and new actors from dictionary entries (``index``: match persons
    the knowledge base already holds)."""
    out = Imported()
    taken = set(kb.codes)
    for entry in entries:
        if not readable(entry.phrase)[0]:
            out.problems.append(f"line {entry.line}: an entry without a name")
        elif entry.person:
            _person(entry, kb, index, out)
        elif entry.codes:
            _actor(entry, kb, out, taken)
        else:
            out.counts["entries without a code"] += 1
    for extension in out.extends.values():
        state = kb.state(extension["code"])
        extension["aliases"] = _unique(extension["aliases"], state.name if state else "")
        organs: dict[str, dict[str, Any]] = {}
        for organ in extension["organs"]:
            organs.setdefault(organ["name"].casefold(), organ)
        extension["organs"] = list(organs.values())
    return out


def write_knowledge(imported: Imported, directory: Path, stem: str, source: str) -> list[Path]:
    """Write the knowledge directory; returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    header = f"# Imported from {source} by `threatline actors import`.\n"
    written: list[Path] = []

    def dump(path: Path, records: list[dict[str, Any]]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        text = yaml.dump(records, Dumper=dumper, sort_keys=False, allow_unicode=True, width=1000)
        path.write_text(header + text, encoding="utf-8")
        written.append(path)

    if imported.persons:
        dump(directory / PERSONS_DIR / f"{stem}.yaml", imported.persons)
    if imported.extends:
        dump(directory / EXTENDS_FILE, list(imported.extends.values()))
    for name, records in sorted(imported.actors.items()):
        dump(directory / name, records)
    return written


def coverage(
    entries: Sequence[DictionaryEntry],
    kb: KnowledgeBase,
    index: PersonIndex,
    countries: Iterable[str],
    since: dt.date,
) -> tuple[int, int, list[str]]:
    """How many dictionary persons with a role for ``countries`` on or after ``since`` the
    knowledge base holds: (matched, total, names not matched)."""
    wanted = set(countries)
    matched = total = 0
    missing: list[str] = []
    for entry in entries:
        if not entry.person:
            continue
        spans = [
            c
            for c in entry.codes
            if c.dated and c.code[:3] in wanted and (c.end is None or c.end >= since)
        ]
        if not spans:
            continue
        total += 1
        name = _strip_title(readable(entry.phrase)[0], kb)
        names = [name, *(_strip_title(readable(s)[0], kb) for s in entry.synonyms)]
        if _match_person(names, {c.code[:3] for c in spans}, index) is not None:
            matched += 1
        else:
            missing.append(name)
    return matched, total, missing
