"""A scanned text with its lexicon hits, and the chunk grammar around names and titles.

:class:`Sheet` indexes hits by word position. :func:`left_chunk` reads leftwards from a name
or a title the words that qualify it ("Iranian Deputy Foreign Minister", "senior fellow at
Brookings", "pro-Tehran Iraqi militia"); :func:`right_chunk` reads an appositive after a name
(", secretary general of Hezbollah", "– the French ambassador to Mali").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

from threatline.knowledge.base import KnowledgeBase, Match
from threatline.knowledge.resolve_lexicon import Hit
from threatline.knowledge.resolve_rules import (
    DETERMINERS,
    FILLERS,
    PATRON_PREFIXES,
    PATRON_SUFFIXES,
    TITLE_CONNECTORS,
)
from threatline.knowledge.resolve_scan import Word
from threatline.models import ActorKind

__all__ = ["Chunk", "Owner", "Sheet", "left_chunk", "right_chunk"]

_SENTENCE_END = frozenset(".!?\n")
_OPENERS = frozenset("\"“‘'( ")
_APPOSITIVE = frozenset(",–—-(:")
_QUALIFIERS = ("TITLE", "RANK", "AGENT", "HONORIFIC")
_PREFERENCE = {"TITLE": 0, "RANK": 1, "HONORIFIC": 2, "AGENT": 3}


@dataclass(frozen=True, slots=True)
class Owner:
    """An actor name qualifying a title or agent: its matches and where it stands."""

    start: int
    end: int
    matches: tuple[Match, ...]
    role: str  # "owner" (before the title), "after" (title of X), "host" (to X), "patron"


@dataclass(slots=True)
class Chunk:
    """The qualifiers of a name or head word, read from the text."""

    start: int  # first word of the chunk (determiners excluded)
    owners: list[Owner] = field(default_factory=list)
    titles: list[Hit] = field(default_factory=list)
    ranks: list[Hit] = field(default_factory=list)
    agents: list[Hit] = field(default_factory=list)
    honorifics: list[Hit] = field(default_factory=list)
    determiner: str | None = None

    @property
    def introduces(self) -> bool:
        """Whether the chunk is a title, rank or honorific introduction."""
        return bool(self.titles or self.ranks or self.honorifics)

    def primary(self) -> list[Owner]:
        """Owners before the title, else those joined after it by of/with/at; never hosts."""
        before = [o for o in self.owners if o.role == "owner"]
        return before or [o for o in self.owners if o.role == "after"]

    def patrons(self) -> list[Owner]:
        return [o for o in self.owners if o.role == "patron"]


class Sheet:
    """Words of a text with lexicon hits and the names selected among them."""

    def __init__(self, text: str, words: list[Word], hits: list[Hit]) -> None:
        self.text = text
        self.words = words
        self.starting: dict[int, list[Hit]] = {}
        self.ending: dict[int, list[Hit]] = {}
        for hit in sorted(hits, key=lambda h: (h.start - h.end, _PREFERENCE.get(h.label, 9))):
            self.starting.setdefault(hit.start, []).append(hit)
            self.ending.setdefault(hit.end, []).append(hit)
        # Actor names chosen by the resolver: word start -> (end, matches)
        self.names: dict[int, tuple[int, tuple[Match, ...]]] = {}
        self.name_ends: dict[int, int] = {}
        self.taken: set[int] = set()  # words inside any selected name or person
        self._title_lines: dict[int, bool] = {}
        self._lookups: dict[str, list[Match]] = {}
        # words inside a title, rank, honorific or agent hit
        self.qualified: set[int] = {
            index for hit in hits if hit.label in _QUALIFIERS for index in range(hit.start, hit.end)
        }
        self.name_words: set[int] = {
            index for hit in hits if hit.label == "NAME" for index in range(hit.start, hit.end)
        }
        self.person_words: set[int] = {
            index
            for hit in hits
            if hit.label in ("PERSON", "SURNAME")
            for index in range(hit.start, hit.end)
        }

    def loose_name_word(self, index: int) -> bool:
        """Whether word ``index`` is a capitalised word that may belong to an unknown name."""
        if not 0 <= index < len(self.words):
            return False
        word = self.words[index]
        return (
            word.is_word
            and word.capitalised
            and not word.text.isdigit()
            and index not in self.qualified
            and index not in self.name_words
            and word.key not in STOP_WORDS
        )

    def lookup(self, kb: KnowledgeBase, text: str) -> list[Match]:
        """``kb.lookup(text)``, once per distinct text of the sheet."""
        found = self._lookups.get(text)
        if found is None:
            found = self._lookups[text] = kb.lookup(text)
        return found

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.words[start].start, self.words[end - 1].end

    def text_of(self, start: int, end: int) -> str:
        a, b = self.span(start, end)
        return self.text[a:b]

    def hit_ending(self, end: int, labels: tuple[str, ...], free: bool = False) -> Hit | None:
        """The longest hit of ``labels`` ending at ``end`` (``free``: over no taken word)."""
        for hit in self.ending.get(end, ()):
            if hit.label in labels and (not free or self.free(hit.start, hit.end)):
                return hit
        return None

    def hit_starting(self, start: int, labels: tuple[str, ...], free: bool = False) -> Hit | None:
        """The longest hit of ``labels`` starting at ``start`` (``free``: over no taken word)."""
        for hit in self.starting.get(start, ()):
            if hit.label in labels and (not free or self.free(hit.start, hit.end)):
                return hit
        return None

    def free(self, start: int, end: int) -> bool:
        return self.taken.isdisjoint(range(start, end))

    def add_name(self, start: int, end: int, matches: tuple[Match, ...]) -> None:
        self.names[start] = (end, matches)
        self.name_ends[end] = start
        self.take(start, end)

    def take(self, start: int, end: int) -> None:
        self.taken.update(range(start, end))

    def key(self, index: int) -> str:
        return self.words[index].key if 0 <= index < len(self.words) else ""

    def sentence_start(self, index: int) -> int:
        """Word index where the sentence holding word ``index`` starts."""
        for j in range(index - 1, -1, -1):
            word = self.words[j]
            if word.is_boundary and (set(word.text) & _SENTENCE_END):
                return j + 1
        return 0

    def at_sentence_start(self, index: int) -> bool:
        j = index - 1
        while j >= 0 and self.words[j].is_boundary and not set(self.words[j].text) - _OPENERS:
            j -= 1
        return j < 0 or (
            self.words[j].is_boundary and bool(set(self.words[j].text) & _SENTENCE_END)
        )

    def title_case_line(self, index: int) -> bool:
        """Whether the line holding word ``index`` is written in title case (a headline)."""
        begin = self.words[index].start
        line_start = self.text.rfind("\n", 0, begin) + 1
        known = self._title_lines.get(line_start)
        if known is not None:
            return known
        self._title_lines[line_start] = verdict = self._title_case(line_start, begin)
        return verdict

    def _title_case(self, line_start: int, begin: int) -> bool:
        line_end = self.text.find("\n", begin)
        line = self.text[line_start : line_end if line_end >= 0 else len(self.text)]
        words = [w for w in line.split() if w[:1].isalpha()]
        if len(words) < 4:
            return False
        capitalised = sum(1 for w in words if w[:1].isupper())
        return capitalised / len(words) >= 0.7


def _owner_before(sheet: Sheet, end: int) -> tuple[int, tuple[Match, ...]] | None:
    start = sheet.name_ends.get(end)
    if start is None:
        return None
    return start, sheet.names[start][1]


def _stacked_states(chunk: Chunk, matches: tuple[Match, ...], end: int) -> bool:
    if not chunk.owners or matches[0].actor.kind is not ActorKind.STATE:
        return False
    last = chunk.owners[-1]
    return last.start == end and last.matches[0].actor.kind is ActorKind.STATE


def left_chunk(sheet: Sheet, index: int) -> Chunk:
    """The qualifiers ending just before word ``index``, read leftwards."""
    chunk = Chunk(start=index)
    j = index  # exclusive end of what is still to read
    while j > 0:
        prev = sheet.words[j - 1]
        if prev.bracket or prev.is_possessive:
            j -= 1
            continue
        hit = sheet.hit_ending(j, _QUALIFIERS, free=True)
        if hit is not None:
            getattr(chunk, _FIELD[hit.label]).append(hit)
            j = chunk.start = hit.start
            continue
        owner = _owner_before(sheet, j)
        if owner is not None:
            start, matches = owner
            if _stacked_states(chunk, matches, j):
                break  # "... the U.S. Russian troops ...": a sentence ends after "U.S."
            role = "patron" if sheet.key(j) in PATRON_SUFFIXES else "owner"
            if sheet.key(start - 1) in PATRON_PREFIXES:
                role, start = "patron", start - 1
            chunk.owners.append(Owner(start, j, matches, role))
            j = chunk.start = start
            continue
        key = prev.key
        if key in FILLERS or key in PATRON_SUFFIXES:
            j -= 1
            continue
        if key in TITLE_CONNECTORS or key == "to":
            # "fellow at Brookings", "ambassador to Syria": what was read so far follows a title
            if sheet.hit_ending(j - 1, ("TITLE", "RANK", "AGENT")) is None:
                break
            role = "host" if key == "to" else "after"
            chunk.owners = [
                Owner(o.start, o.end, o.matches, role) if o.start >= j and o.role == "owner" else o
                for o in chunk.owners
            ]
            j -= 1
            continue
        if key in DETERMINERS:
            if sheet.key(j - 2) in TITLE_CONNECTORS and chunk.owners:
                j -= 1  # "fellow with the FDD"
                continue
            chunk.determiner = key
        break
    return chunk


def right_chunk(sheet: Sheet, index: int) -> Chunk:
    """An appositive after word ``index`` (exclusive end of a name): ", the X minister of Y"."""
    words = sheet.words
    chunk = Chunk(start=index)
    if index >= len(words) or not words[index].is_boundary:
        return chunk
    if not set(words[index].text) & _APPOSITIVE:
        return chunk
    j = index + 1
    if j < len(words) and words[j].key in DETERMINERS:
        j += 1
    title_seen = False
    connector: str | None = None
    while j < len(words):
        word = words[j]
        if word.is_possessive:
            j += 1
            continue
        hit = sheet.hit_starting(j, _QUALIFIERS, free=True)
        if hit is not None:
            getattr(chunk, _FIELD[hit.label]).append(hit)
            title_seen = title_seen or hit.label in ("TITLE", "RANK")
            j = hit.end
            continue
        if j in sheet.names:
            end, matches = sheet.names[j]
            if connector == "to":
                role = "host"
            elif title_seen:
                role = "after"
            else:
                role = "owner"
            chunk.owners.append(Owner(j, end, matches, role))
            j = end
            continue
        if word.key in FILLERS or word.key in DETERMINERS:
            j += 1
            continue
        if title_seen and (word.key in TITLE_CONNECTORS or word.key == "to"):
            connector = word.key
            j += 1
            continue
        break
    if not title_seen or sheet.loose_name_word(j) or j in sheet.taken:
        return Chunk(start=index)  # no title, or the title of the next name ("X, President Y")
    return chunk


_FIELD = {"TITLE": "titles", "RANK": "ranks", "AGENT": "agents", "HONORIFIC": "honorifics"}
