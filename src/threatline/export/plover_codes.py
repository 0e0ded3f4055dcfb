"""PLOVER facts used by the PLOVER export: quad categories and conflict-cooperation scores.

Both come from the PLOVER manual (draft 2.0): the quad category of each event type (its table of
quad categories) and the expert-derived score of each type and mode (its table of PLOVER
conflict-cooperation scores, -10 to +10). The manual prints the base ACCUSE score as 3 while
every ACCUSE mode is negative; it is taken here as -3.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from threatline.models import EventType

__all__ = ["PLOVER_QUAD", "PLOVER_SCORE", "plover_score"]

_T = EventType

# 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
PLOVER_QUAD: Mapping[EventType, int] = MappingProxyType({
    _T.AGREE: 1, _T.CONSULT: 1, _T.SUPPORT: 1, _T.CONCEDE: 1,
    _T.COOPERATE: 2, _T.AID: 2, _T.RETREAT: 2,
    _T.REQUEST: 3, _T.ACCUSE: 3, _T.REJECT: 3, _T.SANCTION: 3, _T.THREATEN: 3,
    _T.PROTEST: 4, _T.MOBILIZE: 4, _T.COERCE: 4, _T.ASSAULT: 4,
})  # fmt: skip

# type -> (score of the type, {mode: score}).
_SCORES: Mapping[EventType, tuple[float, Mapping[str, float]]] = MappingProxyType({
    _T.AGREE: (2.5, {}),
    _T.CONSULT: (2.5, {"visit": 4.0, "third-party": 1.0, "multilateral": 4.0, "phone": 1.5}),
    _T.SUPPORT: (5.0, {}),
    _T.CONCEDE: (4.5, {}),
    _T.COOPERATE: (9.5, {}),
    _T.AID: (10.0, {}),
    _T.RETREAT: (6.5, {"withdraw": 8.0, "release": 6.5, "disarm": 10.0, "ceasefire": 7.5,
                       "access": 6.5, "resign": 4.5}),
    _T.REQUEST: (0.0, {"assist": 0.5, "change": -1.0, "yield": -1.0, "meet": 0.0}),
    _T.ACCUSE: (-3.0, {"disapprove": -2.0, "investigate": -3.5, "allege": -3.5}),
    _T.REJECT: (-2.0, {"assist": -1.5, "change": -2.0, "yield": -2.0, "meet": -2.0}),
    _T.THREATEN: (-3.5, {"restrict": -3.0, "arrest": -3.5, "relations": -3.5, "expel": -3.5,
                         "territory": -4.0, "violence": -3.5}),
    _T.PROTEST: (-5.0, {"demo": -5.0, "riot": -7.0, "strike": -5.0, "hunger": -4.5,
                        "boycott": -4.5, "obstruct": -4.5}),
    _T.SANCTION: (-6.0, {"convict": -6.0, "expel": -5.5, "withdraw": -6.0, "discontinue": -6.0}),
    _T.MOBILIZE: (-5.5, {"troops": -6.5, "weapons": -6.5, "police": -5.5, "militia": -6.0}),
    _T.COERCE: (-7.0, {"seize": -7.0, "restrict": -7.0, "censor": -6.5, "curfew": -6.5,
                       "martial-law": -7.5, "arrest": -7.0, "deport": -7.0, "withhold": -7.0,
                       "misinformation": -6.5, "cyber": -7.0}),
    _T.ASSAULT: (-9.0, {"abduct": -8.5, "beat": -7.5, "torture": -8.5, "sexual": -8.5,
                        "targeted": -9.5, "destroy": -8.5, "primitive": -8.0, "firearms": -9.0,
                        "explosives": -9.0, "suicide-attack": -9.5, "aerial": -9.5,
                        "drone": -9.5, "heavy-weapons": -9.5, "crowd-control": -7.5,
                        "unconventional": -10.0}),
})  # fmt: skip

PLOVER_SCORE: Mapping[tuple[EventType, str | None], float] = MappingProxyType(
    {(t, None): base for t, (base, _) in _SCORES.items()}
    | {(t, mode): s for t, (_, modes) in _SCORES.items() for mode, s in modes.items()}
)


def plover_score(type_: EventType, mode: str | None) -> float:
    """The PLOVER score of a type and mode; the type's own score for an unknown or no mode."""
    key = (mode or "").strip().lower() or None
    return PLOVER_SCORE.get((type_, key), PLOVER_SCORE[(type_, None)])
