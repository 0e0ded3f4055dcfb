"""The matching rules of gold README §2.9, one small function each."""

from __future__ import annotations

import re
import unicodedata

from threatline.eval.gold import GoldActor, GoldEvent, GoldQuote
from threatline.eval.predictions import PredActorMention, PredEvent, PredQuote, PredRef
from threatline.models import ActorKind, EventType, TimeValue

__all__ = [
    "ATTRIBUTES",
    "alias_resolved",
    "attribute_checks",
    "casualty_ok",
    "core_match",
    "dates_compatible",
    "location_ok",
    "normalise_alias",
    "normalise_quote",
    "quote_texts_match",
    "same_speaker",
    "strict_match",
]

ATTRIBUTES = ("date", "status", "threatened_type", "location", "killed", "injured")

_QUOTE_CHARS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00a0": " ",
        "\u202f": " ",
    }
)
_SPACE = re.compile(r"\s+")


def _code(ref: PredRef | None) -> str | None:
    return ref.code if ref is not None and ref.code else None


def _fold(text: str | None) -> str:
    """Quote marks and spaces normalised, case and diacritics folded (Agnès == Agnes)."""
    text = unicodedata.normalize("NFKD", (text or "").translate(_QUOTE_CHARS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACE.sub(" ", text).strip().casefold()


def dates_compatible(gold: TimeValue | None, pred: TimeValue | None) -> bool:
    """Equal once cut to the coarser precision; a missing date matches only a missing date."""
    if gold is None or pred is None:
        return gold is None and pred is None
    return gold.compatible(pred)


def _dyad(gold: GoldEvent, pred: PredEvent) -> bool:
    if gold.type is not pred.type:
        return False
    source, target = _code(pred.source), _code(pred.target)
    if (gold.source, gold.target) == (source, target):
        return True
    return gold.type is EventType.CONSULT and (gold.source, gold.target) == (target, source)


def core_match(gold: GoldEvent, pred: PredEvent) -> GoldEvent | None:
    """The gold coding (itself or an alternative) that ``pred`` matches on type, source code
    and target code (CONSULT in either direction), or ``None``."""
    return next((variant for variant in gold.variants() if _dyad(variant, pred)), None)


def _strict(gold: GoldEvent, pred: PredEvent) -> bool:
    if not _dyad(gold, pred) or gold.status is not pred.status:
        return False
    if gold.type is EventType.THREATEN and gold.threatened_type is not pred.threatened_type:
        return False
    return dates_compatible(gold.time, pred.time)


def strict_match(gold: GoldEvent, pred: PredEvent) -> bool:
    """Every rule of §2.9: dyad, threatened type, status and compatible dates."""
    return any(_strict(variant, pred) for variant in gold.variants())


def location_ok(gold: GoldEvent, pred: PredEvent) -> bool | None:
    """``None`` when gold gives no place; else names equal or nested (case-insensitive), or,
    when gold gives only a country, the same country."""
    if gold.location is None and gold.location_country is None:
        return None
    if pred.location is None:
        return False
    if gold.location is not None:
        want, got = _fold(gold.location), _fold(pred.location.name)
        return bool(got) and (want in got or got in want)
    return (pred.location.country or "").upper() == (gold.location_country or "").upper()


def casualty_ok(gold: int | None, pred: int | None) -> bool | None:
    """``None`` when gold gives no figure; else right when the prediction reaches the gold lower
    bound (gold counts are lower bounds, README §2.5)."""
    if gold is None:
        return None
    return pred is not None and pred >= gold


def attribute_checks(gold: GoldEvent, pred: PredEvent) -> dict[str, bool | None]:
    """Per scored attribute: right, wrong, or ``None`` when it does not apply to this pair."""
    threatened: bool | None = None
    if gold.type is EventType.THREATEN:
        threatened = gold.threatened_type is pred.threatened_type
    return {
        "date": dates_compatible(gold.time, pred.time),
        "status": gold.status is pred.status,
        "threatened_type": threatened,
        "location": location_ok(gold, pred),
        "killed": casualty_ok(gold.killed, pred.killed),
        "injured": casualty_ok(gold.injured, pred.injured),
    }


def normalise_quote(text: str) -> str:
    """Curly -> straight quotes, U+00A0 -> space, whitespace collapsed, trailing ``,.`` cut."""
    text = _SPACE.sub(" ", text.translate(_QUOTE_CHARS)).strip()
    return text.rstrip(",. ")


def quote_texts_match(gold: str, pred: str) -> bool:
    want, got = normalise_quote(gold), normalise_quote(pred)
    return bool(want) and bool(got) and (want in got or got in want)


def same_speaker(gold: GoldQuote, pred: PredQuote) -> bool:
    if gold.speaker is None:
        return pred.speaker is None or not pred.speaker.name
    if pred.speaker is None:
        return False
    wanted = _fold(gold.speaker)
    # the canonical name, the person, or (for a body such as "IAEA") its actor code
    return any(
        v and _fold(v) == wanted
        for v in (pred.speaker.name, pred.speaker.person, pred.speaker.code)
    )


def normalise_alias(text: str) -> str:
    """Case-folded, whitespace collapsed, leading "the " and trailing possessive dropped."""
    text = _fold(text)
    if text.startswith("the "):
        text = text[4:]
    for suffix in ("'s", "'"):
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
            break
    return text.strip()


def alias_resolved(actor: GoldActor, alias: str, mentions: list[PredActorMention]) -> bool:
    """Some predicted mention has this surface form and the gold code (and, for a person, the
    gold canonical name as its person or name)."""
    want = normalise_alias(alias)
    for mention in mentions:
        if normalise_alias(mention.text) != want or mention.code != actor.code:
            continue
        if actor.kind is ActorKind.PERSON:
            names = {_fold(mention.person), _fold(mention.name)}
            if _fold(actor.name) not in names:
                continue
        return True
    return False
