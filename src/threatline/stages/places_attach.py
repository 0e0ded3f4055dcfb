"""Which place of a sentence is where an event happened: attachment by syntax.

:func:`event_place` takes an event trigger (a verb such as "killed" or a noun such as "strike")
and the article's place mentions, and returns the mention attached to the trigger as a location,
trying in order:

1. a locative phrase of the trigger: "killed *in* Kabul", "struck *near* X", "fighting
   *outside* X", also through a place noun: "in the town *of* X", "on the outskirts *of* X",
   "in the X district"; directional phrases ("to", "from", "on", "over") only when nothing
   better is found;
2. a locative phrase of the trigger's nominal object or passive subject: "bombed a school *in*
   Aleppo";
3. a place compounded with a nominal trigger: "the Baghdad airport strike";
4. a relative clause on a place: "X, *where* the attack took place";
5. the same through the clause the trigger belongs to: the verb a nominal trigger is the object
   or subject of ("carried out an attack in X"), or a verb it is coordinated with.

A place that is the trigger's subject, object or agent ("Iran attacked Israel") is never its
location. Dependency labels may be Universal Dependencies (obl, nmod, case) or ClearNLP (prep,
pobj, dobj, agent).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from spacy.tokens import Token

from threatline.models import PlaceMention
from threatline.stages.places_syntax import case_marker, is_place_noun

__all__ = ["event_place", "mention_tokens"]

#: Prepositions that say where something happened.
_WHERE = frozenset(
    {
        "in", "at", "near", "outside", "inside", "around", "across", "throughout", "within",
        "off", "along", "nearby", "beside", "between", "among", "amid", "through", "behind",
        "under", "beneath", "below", "above", "opposite", "beyond", "past",
    }
)  # fmt: skip
#: Prepositions that may say where, or say a target, origin or destination.
_WEAK = frozenset({"on", "over", "to", "into", "from", "toward", "towards", "onto", "upon"})
_OBLIQUE = frozenset(
    {"obl", "nmod", "advmod", "obl:npmod", "nmod:npmod", "obl:unmarked", "npadvmod", "obl:agent",
     "obl:tmod"}
)  # fmt: skip
_BARE_LOCATIVE = frozenset({"advmod", "obl:npmod", "npadvmod", "obl:unmarked"})
_AGENTS = frozenset({"obl:agent", "agent"})
_DESCEND = frozenset(
    {"nmod", "obl", "compound", "appos", "flat", "conj", "nmod:poss", "pobj", "prep", "poss",
     "amod"}
)  # fmt: skip
_POSSESSIVE = frozenset({"nmod:poss", "poss"})
_SUBJECTS = frozenset({"nsubj", "csubj"})
_CASED = frozenset({"nmod", "obl", "prep"})
_OBJECTS = frozenset({"obj", "dobj", "nsubj:pass", "nsubjpass"})
_RELATIVE = frozenset({"acl:relcl", "relcl"})
_CLAUSE_OF_NOUN = frozenset({"obj", "dobj", "nsubj", "nsubj:pass", "nsubjpass"})
_PREDICATES = frozenset({"VERB", "ADJ", "AUX"})
_SAME_TIME = frozenset({"while", "when", "as", "whilst"})
_MAX_DEPTH = 4


def mention_tokens(trigger: Token, places: Sequence[PlaceMention]) -> dict[int, PlaceMention]:
    """Token index -> the place mention covering it, for the trigger's sentence."""
    sent = trigger.sent
    covered: dict[int, PlaceMention] = {}
    for mention in places:
        if mention.end <= sent.start_char or mention.start >= sent.end_char:
            continue
        span = trigger.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            for token in span:
                covered[token.i] = mention
    return covered


def event_place(
    trigger: Token, places: Sequence[PlaceMention], *, patient_is_place: bool = False
) -> PlaceMention | None:
    """The place mention where the event of ``trigger`` happened, or None (see module doc).

    With ``patient_is_place`` (physical acts: attacks, captures, patrols), a place that is the
    trigger's object or passive subject is its location ("shelled Khanasir", "captured the town
    of X"); a country in that role ranks below any locative phrase.
    """
    covered = mention_tokens(trigger, places)
    if not covered:
        return None
    best: tuple[int, int, PlaceMention] | None = None
    for rank, mention in _attached(trigger, covered, patient_is_place):
        distance = abs(_first_token(trigger, mention) - trigger.i)
        if best is None or (rank, distance) < (best[0], best[1]):
            best = (rank, distance, mention)
    return best[2] if best is not None else None


def _first_token(trigger: Token, mention: PlaceMention) -> int:
    span = trigger.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span.start if span is not None else trigger.i


def _attached(
    trigger: Token, covered: dict[int, PlaceMention], patient_is_place: bool
) -> Iterator[tuple[int, PlaceMention]]:
    """(rank, mention) for every place attached to the trigger; lower rank is better."""
    for mention, weak in _locatives(trigger, covered):
        yield (1 if weak else 0), mention
    for child in trigger.children:
        if child.dep_ in _OBJECTS:
            inner = _patient_place(child, covered, patient_is_place)
            if inner is not None:
                mention, weak = inner
                country = mention.place is not None and mention.place.kind == "country"
                yield (3 if weak or (country and child.i in covered) else 1), mention
        elif child.dep_ in _SUBJECTS:
            inner = _place_in(child, covered, 0, False)
            if inner is not None:
                yield (4 if inner[1] else 3), inner[0]
    if trigger.pos_ in {"NOUN", "PROPN"}:
        for child in trigger.children:
            if child.dep_ == "compound" and child.i in covered:
                yield 2, covered[child.i]
    relative = trigger.dep_ in _RELATIVE and trigger.head.i in covered
    if relative and any(c.lower_ in {"where", "wherein"} for c in trigger.children):
        yield 2, covered[trigger.head.i]
    for verb in _clause_heads(trigger):
        for mention, weak in _locatives(verb, covered):
            yield (4 if weak else 3), mention
    yield from _surface(trigger, covered)


def _surface(
    trigger: Token, covered: dict[int, PlaceMention]
) -> Iterator[tuple[int, PlaceMention]]:
    """Fallbacks that do not trust the parse: a place right after the trigger and a
    preposition ("the strike near X"), and "X, where ... <trigger>" in one clause."""
    doc = trigger.doc
    after = trigger.i + 1
    if after < len(doc) and doc[after].pos_ == "ADP" and doc[after].lower_ in _WHERE | _WEAK:
        j = after + 1
        while j < len(doc) and j not in covered and doc[j].pos_ in {"DET", "ADJ", "NUM"}:
            j += 1
        if j in covered:
            mention = covered[j]
            where = doc[after].lower_ in _WHERE
            if where or mention.place is None or mention.place.kind != "country":
                yield (2 if where else 4), mention
    for k in range(max(trigger.left_edge.i, 2), trigger.i):
        if doc[k].lower_ != "where" or doc[k - 1].text != "," or (k - 2) not in covered:
            continue
        between = doc[k + 1 : trigger.i]
        if not any(t.is_punct or t.lower_ == "where" for t in between):
            yield 2, covered[k - 2]


def _patient_place(
    patient: Token, covered: dict[int, PlaceMention], patient_is_place: bool
) -> tuple[PlaceMention, bool] | None:
    """The place an object names (when ``patient_is_place``: itself, "the town of X", "X's
    streets"), or the place of a locative phrase on it ("a school in X")."""
    if patient_is_place and patient.i in covered:
        return covered[patient.i], False
    through = patient_is_place and is_place_noun(patient)
    return _place_in(patient, covered, 0, through)


def _clause_heads(trigger: Token) -> Iterator[Token]:
    """Predicates whose locatives the trigger shares: the verb a nominal trigger is an argument
    of, predicates coordinated with the trigger, and its "while/when/as" clauses."""
    if trigger.pos_ in {"NOUN", "PROPN"} and trigger.dep_ in _CLAUSE_OF_NOUN:
        yield trigger.head
    if trigger.dep_ == "conj" and trigger.head.pos_ in _PREDICATES and not _own_subject(trigger):
        yield trigger.head
    for child in trigger.children:
        if _shares_place(child):
            yield child


def _shares_place(child: Token) -> bool:
    """A coordinated predicate without its own subject, a "while/when/as" clause, or a
    participle clause ("killed fighting in X")."""
    if child.dep_ == "conj":
        return child.pos_ in _PREDICATES and not _own_subject(child)
    if child.dep_ not in {"advcl", "xcomp"}:
        return False
    marks = [m.lower_ for m in child.children if m.dep_ in {"mark", "aux"}]
    if not marks:
        return child.tag_ == "VBG" and not _own_subject(child)
    return any(mark in _SAME_TIME for mark in marks)


def _own_subject(predicate: Token) -> bool:
    return any(
        c.dep_ in _SUBJECTS or c.dep_ in _OBJECTS - {"obj", "dobj"} for c in predicate.children
    )


def _locatives(
    token: Token, covered: dict[int, PlaceMention]
) -> Iterator[tuple[PlaceMention, bool]]:
    """Places in the locative phrases of ``token``: (mention, weak preposition?)."""
    for child in token.children:
        nominal, case = _nominal(child)
        if nominal is None:
            continue
        if child.dep_ in _AGENTS or case == "by":
            seen = False
        elif case in _WHERE or (case is None and child.dep_ in _BARE_LOCATIVE):
            seen = True
        elif case in _WEAK:
            found = _place_in(nominal, covered, 0, True)
            if found is not None:
                yield found[0], True
            continue
        else:
            seen = False
        found = _place_in(nominal, covered, 0, seen)
        if found is not None:
            yield found


def _nominal(child: Token) -> tuple[Token | None, str | None]:
    """The nominal of an oblique dependent and its preposition (UD or ClearNLP)."""
    if child.dep_ in {"prep", "agent"}:
        objects = [c for c in child.children if c.dep_ == "pobj"]
        return (objects[0], child.lower_) if objects else (None, None)
    if child.dep_ not in _OBLIQUE:
        return None, None
    return child, case_marker(child)


def _place_in(
    token: Token, covered: dict[int, PlaceMention], depth: int, seen: bool, weak: bool = False
) -> tuple[PlaceMention, bool] | None:
    """The place an oblique nominal names, itself or through "the town of X", "X's north",
    "the offensive in X": reached through at least one locative preposition (``seen``)."""
    if token.i in covered:
        return (covered[token.i], weak) if seen else None
    if depth >= _MAX_DEPTH:
        return None
    part_of_place = is_place_noun(token)
    place_noun = depth == 0 or token.dep_ == "prep" or part_of_place
    for child in sorted(token.children, key=_specific_first(token)):
        if child.dep_ not in _DESCEND:
            continue
        if child.dep_ in _POSSESSIVE and not part_of_place:
            continue
        inner_seen, inner_weak = seen, weak
        if child.dep_ in _CASED:
            case = child.lower_ if child.dep_ == "prep" else case_marker(child)
            if case in _WHERE:
                inner_seen = True
            elif case in _WEAK:
                inner_seen, inner_weak = True, True
            elif case not in {None, "of"} or not place_noun:
                continue
        found = _place_in(child, covered, depth + (child.dep_ != "prep"), inner_seen, inner_weak)
        if found is not None:
            return found
    return None


def _specific_first(token: Token) -> Callable[[Token], tuple[int, int]]:
    """Order children: "the neighbourhood of X" before "the Baghdad neighbourhood", then near."""

    def key(child: Token) -> tuple[int, int]:
        of = child.dep_ in {"nmod", "prep"} and (child.lower_ == "of" or case_marker(child) == "of")
        return (0 if of else 1), abs(child.i - token.i)

    return key
