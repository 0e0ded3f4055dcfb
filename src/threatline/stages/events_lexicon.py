"""The event lexicon: PLOVER types, modes, CAMEO codes, triggers and the cue words of the rules.

The lexicon is the YAML file ``threatline/knowledge/events.yaml`` (format in ``docs/events.md``),
validated on load: an unknown type, an unknown mode or a malformed entry is an error that names
the entry. :func:`load_lexicon` returns an immutable :class:`EventLexicon` that callers hold.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from spacy.tokens import Token

from threatline.errors import ConfigError
from threatline.models import EventType

__all__ = [
    "Cues",
    "EventLexicon",
    "ModeSpec",
    "TriggerSpec",
    "TypeSpec",
    "inflections",
    "load_lexicon",
]

Role = Literal["source", "target"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ModeSpec(_Strict):
    """A PLOVER mode of one type: its CAMEO code and the words that reveal it."""

    cameo: str | None = None
    cues: tuple[str, ...] = ()
    threat_mode: str | None = None
    threat_cameo: str | None = None


class TriggerSpec(_Strict):
    """Words that report one kind of act.

    ``verbs`` are lemmas, optionally with a particle (``draw down``); ``nouns`` are lemmas or
    lemma sequences (``arrest warrant``). Constraints: with ``objects`` a verb fires only when
    its object (or a prepositional argument) has one of those lemmas; with ``preps`` only with a
    prepositional argument headed by one of them; with ``subjects`` only when its subject has
    one of those lemmas; with ``complement`` only with a clause or infinitive complement
    ("expects X to leave", not "expects retaliation"). ``possessor``: what a possessive of a
    noun trigger is (``Iran's attack``: source; ``Soleimani's killing``: target).
    ``casualty``: verbs whose object counts as killed or injured. ``retaliation``: revenge
    words, whose target defaults to the perpetrator of an earlier attack on the avenger.
    ``standalone: false``: words (war, revenge) that report an act only when a vow, threat,
    request or light verb governs them. ``speaker``: the source is whoever utters the word
    (``the US crime``: ACCUSE by the speaker).
    """

    mode: str | None = None
    cameo: str | None = None
    verbs: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()
    preps: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    complement: bool = False
    target_preps: tuple[str, ...] = ()
    possessor: Role = "source"
    casualty: Literal["killed", "injured"] | None = None
    retaliation: bool = False
    standalone: bool = True
    speaker: bool = False
    strength: float = Field(default=0.7, ge=0.0, le=1.0)

    @model_validator(mode="after")
    def _has_words(self) -> TriggerSpec:
        if not self.verbs and not self.nouns:
            raise ValueError("a trigger entry needs verbs or nouns")
        return self


class TypeSpec(_Strict):
    """One PLOVER type: default CAMEO code, behaviour flags, modes and triggers.

    ``verbal``: a speech act (dated by the statement; immediate reactions take the month of
    what they react to). ``hostile``: a vow to do it is a THREATEN. ``cooperative``: announcing
    it for the future is an AGREE, refusing it a REJECT. ``threat_mode`` and
    ``threat_cameo``: the THREATEN mode and CAMEO code when this type is what is threatened.
    ``target_preps``: prepositions that introduce the target ("attacks on", "talks with");
    ``of_role``: what the "of" noun of a trigger noun is ("the killing of X": target;
    "the withdrawal of X": source).
    """

    cameo: str
    verbal: bool = False
    hostile: bool = False
    cooperative: bool = False
    threat_mode: str | None = None
    threat_cameo: str | None = None
    target_preps: tuple[str, ...] = ()
    of_role: Role = "target"
    modes: dict[str, ModeSpec] = Field(default_factory=dict)
    triggers: tuple[TriggerSpec, ...] = ()


class Cues(_Strict):
    """Closed word lists the rules read (lemmas, lower case; multiword entries space-separated)."""

    speech: tuple[str, ...]
    commissive: tuple[str, ...]
    directive: tuple[str, ...]
    intention: tuple[str, ...]
    denial: tuple[str, ...]
    labeling: tuple[str, ...]
    conclusion: tuple[str, ...]
    accusatory: tuple[str, ...]
    light_verbs: tuple[str, ...]
    undergo_verbs: tuple[str, ...]
    deter_verbs: tuple[str, ...]
    labor: tuple[str, ...]
    preparation: tuple[str, ...]
    obligation: tuple[str, ...]
    lodge_verbs: tuple[str, ...]
    reaction_verbs: tuple[str, ...]
    causative: tuple[str, ...]
    quantifiers: tuple[str, ...]
    blocking: tuple[str, ...]
    blocking_verbs: tuple[str, ...]
    habitual: tuple[str, ...]
    speculative: tuple[str, ...]
    future: tuple[str, ...]
    conditional: tuple[str, ...]
    negation: tuple[str, ...]
    claims: tuple[str, ...]
    crowds: tuple[str, ...]
    facilities: tuple[str, ...]
    message: tuple[str, ...]
    self_reference: tuple[str, ...]
    agent_markers: tuple[str, ...]
    reference_since: tuple[str, ...]
    reference_before: tuple[str, ...]
    reference_after: tuple[str, ...]
    reference_response: tuple[str, ...]
    vague_amounts: dict[str, int]

    @field_validator("*", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        if isinstance(value, list):
            bad = [v for v in value if not isinstance(v, str)]
            if bad:
                raise ValueError(f"not a word: {bad[0]!r} (quote yes/no/on/off in YAML)")
            return tuple(v.lower() for v in value)
        return value


class _File(_Strict):
    version: int
    types: dict[EventType, TypeSpec]
    cues: Cues

    @model_validator(mode="after")
    def _complete(self) -> _File:
        missing = sorted(set(EventType) - set(self.types))
        if missing:
            raise ValueError(f"types missing from the lexicon: {', '.join(missing)}")
        for etype, spec in self.types.items():
            for i, trig in enumerate(spec.triggers):
                if trig.mode is not None and trig.mode not in spec.modes:
                    words = ", ".join((trig.verbs + trig.nouns)[:3])
                    raise ValueError(
                        f"{etype.value} trigger #{i + 1} ({words}): unknown mode {trig.mode!r}"
                        f" (known: {', '.join(sorted(spec.modes)) or 'none'})"
                    )
            if spec.threat_mode is not None and spec.threat_mode not in self._threat_modes():
                raise ValueError(
                    f"{etype.value}: unknown threat_mode {spec.threat_mode!r} for THREATEN"
                )
        return self

    def _threat_modes(self) -> set[str]:
        threaten = self.types.get(EventType.THREATEN)
        return set(threaten.modes) if threaten else set()


def inflections(word: str, verb: bool) -> set[str]:
    """Regular inflected forms of a lemma (plural; for verbs, -s, -ed and -ing forms)."""
    forms = {word, word + "s"}
    if word.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(word + "es")
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        forms.add(word[:-1] + "ies")
    if verb:
        stem = word[:-1] if word.endswith("e") else word
        forms |= {stem + "ed", stem + "ing", word + "d" if word.endswith("e") else word + "ed"}
    return forms


class EventLexicon:
    """The validated lexicon plus the lookups the trigger finder and the rules need."""

    def __init__(self, types: dict[EventType, TypeSpec], cues: Cues) -> None:
        self.types = types
        self.cues = cues
        self.speech = frozenset(cues.speech)
        self.commissive = frozenset(cues.commissive)
        self.directive = frozenset(cues.directive)
        self.intention = frozenset(cues.intention)
        self.denial = frozenset(cues.denial)
        self.labeling = frozenset(cues.labeling)
        self.conclusion = frozenset(cues.conclusion)
        self.accusatory = frozenset(cues.accusatory)
        self.light_verbs = frozenset(cues.light_verbs)
        self.undergo_verbs = frozenset(cues.undergo_verbs)
        self.deter_verbs = frozenset(cues.deter_verbs)
        self.labor = frozenset(cues.labor)
        self.preparation = frozenset(cues.preparation)
        self.obligation = frozenset(cues.obligation)
        self.lodge_verbs = frozenset(cues.lodge_verbs)
        self.reaction_verbs = frozenset(cues.reaction_verbs)
        self.causative = frozenset(cues.causative)
        self.quantifiers = frozenset(cues.quantifiers)
        self.blocking = frozenset(cues.blocking)
        self.blocking_verbs = frozenset(cues.blocking_verbs)
        self.habitual = frozenset(cues.habitual)
        self.speculative = frozenset(cues.speculative)
        self.future = frozenset(cues.future)
        self.conditional = frozenset(cues.conditional)
        self.negation = frozenset(cues.negation)
        self.claims = frozenset(cues.claims)
        self.crowds = frozenset(cues.crowds)
        self.facilities = frozenset(cues.facilities)
        self.message = frozenset(cues.message)
        self.self_reference = frozenset(cues.self_reference)
        self.agent_markers = frozenset(cues.agent_markers)
        known: set[str] = set()
        for name in Cues.model_fields:
            value = getattr(cues, name)
            if isinstance(value, tuple):
                known.update(w for w in value if " " not in w)
        for _etype, trig in self.entries():
            known.update(w for w in trig.verbs + trig.nouns if " " not in w)
        self._known = frozenset(known)
        self.cue_verbs = frozenset(
            w
            for group in (
                cues.speech,
                cues.commissive,
                cues.intention,
                cues.denial,
                cues.labeling,
                cues.conclusion,
                ("willing", "ready", "prepared", "determined", "eager", "keen"),
            )
            for w in group
            if " " not in w
        )
        forms: dict[str, str] = {}
        for word in sorted(known):
            for form in inflections(word, verb=True):
                forms.setdefault(form, word)
        self._forms = forms
        self.mode_cues: dict[EventType, list[tuple[str, frozenset[str]]]] = {
            etype: [(name, frozenset(m.cues)) for name, m in spec.modes.items() if m.cues]
            for etype, spec in types.items()
        }

    def lemma(self, token: Token) -> str:
        """The token's lemma, or the lexicon word it inflects when the lemmatiser missed it
        ("namechecked" lemmatised "namechecke")."""
        lemma: str = token.lemma_.lower()
        if lemma in self._known:
            return lemma
        return self._forms.get(token.lower_, lemma)

    def entries(self) -> Iterator[tuple[EventType, TriggerSpec]]:
        for etype, spec in self.types.items():
            for trig in spec.triggers:
                yield etype, trig

    def cameo(self, etype: EventType, mode: str | None, trig: TriggerSpec | None = None) -> str:
        """The CAMEO code of a (type, mode): the trigger's own, the mode's, else the type's."""
        if trig is not None and trig.cameo:
            return trig.cameo
        spec = self.types[etype]
        if mode is not None and mode in spec.modes and spec.modes[mode].cameo:
            return spec.modes[mode].cameo or spec.cameo
        return spec.cameo

    def threat(self, threatened: EventType, mode: str | None = None) -> tuple[str | None, str]:
        """THREATEN mode and CAMEO code for a threat of ``threatened`` (by its mode)."""
        spec = self.types[threatened]
        default = self.types[EventType.THREATEN].cameo
        if mode is not None and mode in spec.modes:
            sub = spec.modes[mode]
            if sub.threat_mode is not None:
                return sub.threat_mode, sub.threat_cameo or spec.threat_cameo or default
        return spec.threat_mode, spec.threat_cameo or default

    def is_verbal(self, etype: EventType) -> bool:
        return self.types[etype].verbal

    def is_hostile(self, etype: EventType) -> bool:
        return self.types[etype].hostile

    def is_cooperative(self, etype: EventType) -> bool:
        return self.types[etype].cooperative


def _location(path: Path | None) -> Path:
    if path is not None:
        return path
    return Path(str(resources.files("threatline") / "knowledge" / "events.yaml"))


def load_lexicon(path: Path | None = None) -> EventLexicon:
    """Read and validate the lexicon (the shipped one by default)."""
    where = _location(path)
    try:
        raw = yaml.safe_load(where.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read the event lexicon: {exc}", input=str(where)) from exc
    try:
        parsed = _File.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"event lexicon entry {loc}: {first['msg']}", input=str(where)) from exc
    return EventLexicon(dict(parsed.types), parsed.cues)
