"""Word lists and syntactic tests the places modules share: is a nominal used as a place,
is a proper noun part of a person's name, which proper-noun runs name a place.

Dependency labels may be Universal Dependencies (case, obl, nmod, flat) or ClearNLP (prep,
pobj, compound); NER labels UNER (LOC, PER, ORG, OTH) or OntoNotes (GPE, LOC, FAC, PERSON...).
"""

from __future__ import annotations

from spacy.attrs import TAG
from spacy.tokens import Doc, Span, Token

__all__ = [
    "LOCATIVE_CASES",
    "NON_PLACE_LABELS",
    "PLACE_LABELS",
    "PLACE_NOUNS",
    "SETTLEMENT_NOUNS",
    "STRICT_LOCATIVE_CASES",
    "TITLES",
    "case_marker",
    "city_in_use",
    "is_locative",
    "is_place_noun",
    "named_person",
    "opens_sentence",
    "person_words",
    "place_runs",
    "proper",
    "proper_runs",
]

#: NER labels of place entities (UNER: LOC; OntoNotes: GPE, LOC, FAC).
PLACE_LABELS = frozenset({"LOC", "GPE", "FAC"})
#: NER labels of entities a place name may be part of without being a place there.
NON_PLACE_LABELS = frozenset(
    {"PER", "PERSON", "ORG", "NORP", "OTH", "MISC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"}
)
#: Prepositions that introduce a location.
LOCATIVE_CASES = frozenset(
    {
        "in", "at", "near", "outside", "inside", "around", "across", "into", "from", "throughout",
        "within", "off", "along", "toward", "towards", "through", "over", "nearby", "beyond",
        "between", "to", "on", "onto",
    }
)  # fmt: skip
#: Prepositions of position only.
STRICT_LOCATIVE_CASES = frozenset(
    {"in", "at", "near", "outside", "inside", "around", "across", "throughout", "within", "off"}
)
#: Words before a name that make it a person's: "Mr Nelson", "President Jackson".
TITLES = frozenset(
    {
        "mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "president", "senator", "sen",
        "rep", "gov", "governor", "mayor", "judge", "coach", "minister", "king", "queen",
        "prince", "princess", "general", "gen", "colonel", "col", "captain", "capt", "saint",
    }
)  # fmt: skip
#: Nouns that name a kind of place ("the town of X", "X district").
PLACE_NOUNS = frozenset(
    {
        "town", "village", "city", "district", "province", "governorate", "region", "area",
        "camp", "neighbourhood", "neighborhood", "suburb", "settlement", "outskirts", "county",
        "state", "oblast", "municipality", "valley", "gorge", "mountain", "mountains", "river",
        "border", "crossing", "base", "airport", "port", "island", "islands", "desert", "coast",
        "square", "street", "road", "highway", "hills", "capital", "enclave", "territory",
        "strip", "heights", "plain", "plains", "zone", "quarter", "hamlet", "locality",
        "edge", "center", "centre", "heart", "north", "south", "east", "west", "part", "side",
        "periphery", "countryside", "vicinity", "environs", "streets", "sector",
        "front", "frontline", "outpost", "coastline", "waters", "airspace", "soil",
    }
)  # fmt: skip

#: Nouns after which (or "of" which) a proper noun is the name of a place.
SETTLEMENT_NOUNS = frozenset(
    {
        "town", "village", "city", "district", "province", "governorate", "region", "area",
        "neighbourhood", "neighborhood", "suburb", "county", "municipality", "oblast", "hamlet",
        "settlement", "valley", "island", "islands", "mountain", "mountains", "river",
        "crossing", "airport", "port", "countryside", "outskirts", "vicinity", "state",
        "villages", "towns", "cities", "districts", "provinces", "areas", "neighbourhoods",
        "neighborhoods", "junction", "canton", "commune", "prefecture", "township",
    }
)  # fmt: skip

#: Capitalised last words of multi-word place names ("Kodori Gorge", "Orange County"); not
#: "State" (Islamic State, Secretary of State).
_NAME_TAILS = (SETTLEMENT_NOUNS - {"state"}) | {
    "gorge", "desert", "plateau", "peninsula", "bay", "lake", "sea", "strait", "gulf", "canal",
    "coast", "hills", "hill", "pass", "ridge", "forest", "delta", "camp", "square", "street",
    "road", "avenue", "bridge", "dam", "airbase", "airfield", "base", "heights", "plain",
}  # fmt: skip

_CLEAR_OBJECTS = frozenset({"pobj"})
_SENTENCE_END = frozenset({".", "!", "?", ":", ";", "“", '"', "—", "•"})
_DATELINE_NEXT = frozenset({"(", "—", "–", "-", ",", ":"})


def case_marker(token: Token) -> str | None:
    """The lower-case preposition that introduces a nominal: its ``case`` child (UD) or the
    ``prep`` it is the ``pobj`` of (ClearNLP)."""
    for child in token.children:
        if child.dep_ == "case" and child.pos_ != "PART" and child.tag_ != "POS":
            return child.lower_
    for child in token.children:  # "in Tel Aviv" parsed with the case on "Tel"
        if child.dep_ in {"compound", "flat"} and child.i < token.i:
            for grandchild in child.children:
                if grandchild.dep_ == "case" and grandchild.tag_ != "POS":
                    return grandchild.lower_
    if token.dep_ in _CLEAR_OBJECTS and token.head.dep_ == "prep":
        return token.head.lower_
    return None


def is_place_noun(token: Token, nouns: frozenset[str] = PLACE_NOUNS) -> bool:
    """Whether a word (or its lemma) names a kind of place."""
    return token.lower_ in nouns or token.lemma_.lower() in nouns


def is_locative(token: Token, *, strict: bool = False) -> bool:
    """Whether a nominal is used as a place: "in/near/at X", "the town of X", "X district".

    ``strict`` accepts only prepositions of position ("in", "near"...), not of direction
    ("to X" may be a person)."""
    case = case_marker(token)
    if case in (STRICT_LOCATIVE_CASES if strict else LOCATIVE_CASES):
        return True
    head = token.head
    if case == "of" and is_place_noun(head):
        return True
    if token.dep_ in {"compound", "amod"} and is_place_noun(head):
        return True
    return (
        token.dep_ in {"appos", "conj"}
        and head is not token
        and case_marker(head) in LOCATIVE_CASES
    )


def city_in_use(span: Span, placed: set[int], persons: dict[str, set[int]], *, large: bool) -> bool:
    """Whether a proper-noun span that is only known as a city names a place here.

    Always, when tagged as a place, in a dateline, coordinated with a place or after a
    locative preposition ("in X", "X, Country"); never in a person's name ("Mr Nelson",
    "Eugene Robinson", or a word of a person's full name elsewhere in the article). Otherwise
    only for a ``large`` city, and not as a bare capitalised word opening a sentence."""
    token = span.root
    if token.ent_type_ in PLACE_LABELS or _dateline(span[0]):
        return True
    if token.dep_ in {"conj", "appos"} and token.head.i in placed:
        return True
    if any(c.dep_ in {"conj", "appos"} and c.i in placed for c in token.children):
        return True
    if named_person(span, persons) or _in_person_name(span, placed):
        return False
    if is_locative(token, strict=not large) or _before_place(span[-1]):
        return True
    if not large or not all(t.pos_ == "PROPN" or t.tag_ in {"NNP", "NNPS"} for t in span):
        return False
    doc = span.doc
    opens = opens_sentence(span[0]) and not token.ent_type_
    return not (opens and (span.end >= len(doc) or doc[span.end].tag_ != "POS"))


def opens_sentence(token: Token) -> bool:
    """A word after sentence-final punctuation or a line break (capitalised whatever it is);
    read from the text, not the parse, and cheap."""
    if token.i == 0:
        return True
    before = token.doc[token.i - 1]
    return before.text in _SENTENCE_END or before.is_space or "\n" in before.whitespace_


def _in_person_name(span: Span, placed: set[int]) -> bool:
    """``Eugene Robinson``, ``Mr Nelson``: a title before it, or a proper noun joined to it."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_.rstrip(".") in TITLES:
        return True
    after = doc[span.end] if span.end < len(doc) else None
    for other, inner in ((before, span[0]), (after, span[-1])):
        if other is None or other.i in placed or other.pos_ != "PROPN":
            continue
        linked = other.head.i == inner.i or inner.head.i == other.i
        if linked and {other.dep_, inner.dep_} & {"flat", "compound", "flat:name"}:
            return True
    return False


def person_words(doc: Doc) -> dict[str, set[int]]:
    """Words of the article's multi-word person names (a surname alone is then a person),
    each with the start tokens of the names it is in."""
    words: dict[str, set[int]] = {}
    for ent in doc.ents:
        if ent.label_ in {"PER", "PERSON"} and len(ent) > 1:
            for token in ent:
                words.setdefault(token.lower_, set()).add(ent.start)
    return words


def named_person(span: Span, persons: dict[str, set[int]]) -> bool:
    """Whether a word of the span is a word of a person's name elsewhere in the article."""
    return any(
        start < span.start or start >= span.end
        for token in span
        for start in persons.get(token.lower_, ())
    )


def proper_runs(doc: Doc) -> list[Span]:
    """Maximal runs of capitalised proper nouns, with the hyphens and particles inside names
    (Al-Bayaa, Dahiyat al-Assad)."""
    strings = doc.vocab.strings
    proper_tags = {strings["NNP"], strings["NNPS"]}
    tags = doc.to_array(TAG).tolist()  # one array read instead of a Token per word
    names = [tag in proper_tags and doc[i].text[:1].isupper() for i, tag in enumerate(tags)]
    runs = []
    i, n = 0, len(names)
    while i < n:
        if not names[i]:
            i += 1
            continue
        end = i + 1
        while end < n and (names[end] or (end + 1 < n and names[end + 1] and _joiner(doc[end]))):
            end += 1
        runs.append(doc[i:end])
        i = end
    return runs


def place_runs(runs: list[Span]) -> list[Span]:
    """Proper-noun runs the syntax marks as places though no NER or gazetteer name covers
    them: "the village of X", "X district", "the X neighbourhood", "X Province"."""
    return [
        run
        for run in runs
        if (len(run) > 1 and run[-1].lower_ in _NAME_TAILS) or _settlement_context(run)
    ]


def _joiner(token: Token) -> bool:
    """Hyphens and particles inside names: Al-Bayaa, Dahiyat al-Assad, Umm al-Fahm."""
    return token.tag_ == "HYPH" or token.lower_ in {"al", "el", "ad", "as", "ash", "de", "du"}


def _settlement_context(run: Span) -> bool:
    """The run names a settlement: compound or "of" modifier of a settlement noun."""
    for token in run:
        head = token.head
        if head.i >= run.start and head.i < run.end:
            continue
        if not is_place_noun(head, SETTLEMENT_NOUNS):
            return False
        if token.dep_ in {"compound", "amod", "flat"} and token.i < head.i:
            return True
        return token.dep_ in {"nmod", "pobj"} and case_marker(token) == "of"
    return False


def proper(token: Token) -> bool:
    """A proper noun, or a word in capitals (datelines, headlines)."""
    return (
        token.pos_ == "PROPN"
        or token.tag_ in {"NNP", "NNPS"}
        or (token.is_upper and len(token) >= 3)
    )


def _dateline(token: Token) -> bool:
    """An all-capitals place opening a line: ``BEIRUT (AP) —``."""
    if not token.is_upper or len(token) < 3:
        return False
    before = token.doc[token.i - 1] if token.i > 0 else None
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    opens_line = before is None or "\n" in before.text or "\n" in before.whitespace_
    return opens_line and after is not None and after.text in _DATELINE_NEXT


def _before_place(token: Token) -> bool:
    """``Tripoli, Lebanon``: a comma then a capitalised name."""
    doc = token.doc
    return (
        token.i + 2 < len(doc)
        and doc[token.i + 1].text == ","
        and doc[token.i + 2].ent_type_ in PLACE_LABELS
    )
