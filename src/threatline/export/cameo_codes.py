"""CAMEO facts used by the CAMEO/GDELT export: PLOVER -> CAMEO codes, Goldstein scale, QuadClass.

PLOVER -> CAMEO is the reverse of the PLOVER manual's CAMEO -> PLOVER table (CAMEO2PLOVER, PLOVER
draft 2.0): for each PLOVER type and mode, the CAMEO code whose description fits the mode best,
and for a type with no mode (or a mode CAMEO has no code for) the residual code of the type.
A few codes sit in another PLOVER category in that table; they are listed in ``CROSS_CATEGORY``
with the reason.

Goldstein values are those GDELT publishes for CAMEO 1.1b3 (``CAMEO.goldsteinscale.txt`` in the
GDELT documentation, itself Goldstein 1992's WEIS scale extended to CAMEO). Only the codes whose
value differs from their parent are listed; a code takes its parent's value otherwise (``1312``
takes ``131``'s), which is how the GDELT table is built.

QuadClass follows the usual GDELT/KEDS grouping of CAMEO root codes: 01-05 verbal cooperation,
06-08 material cooperation, 09-13 verbal conflict, 14-20 material conflict.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from threatline.models import Event, EventType

__all__ = [
    "CROSS_CATEGORY",
    "GOLDSTEIN",
    "PLOVER_TO_CAMEO",
    "THREAT_TO_CAMEO",
    "cameo_code",
    "goldstein",
    "quad_class",
]

_T = EventType

# (PLOVER type, mode) -> CAMEO code; mode None is the type's residual code.
PLOVER_TO_CAMEO: Mapping[tuple[EventType, str | None], str] = MappingProxyType({
    (_T.AGREE, None): "030",
    (_T.CONSULT, None): "040",
    (_T.CONSULT, "phone"): "041",
    (_T.CONSULT, "visit"): "042",
    (_T.CONSULT, "third-party"): "044",
    (_T.CONSULT, "multilateral"): "040",
    (_T.SUPPORT, None): "050",
    (_T.CONCEDE, None): "080",
    (_T.COOPERATE, None): "060",
    (_T.AID, None): "070",
    (_T.RETREAT, None): "084",
    (_T.RETREAT, "withdraw"): "0874",
    (_T.RETREAT, "release"): "0841",
    (_T.RETREAT, "disarm"): "0873",
    (_T.RETREAT, "ceasefire"): "0871",
    (_T.RETREAT, "access"): "086",
    (_T.RETREAT, "resign"): "0831",
    (_T.REQUEST, None): "100",
    (_T.REQUEST, "assist"): "101",
    (_T.REQUEST, "change"): "104",
    (_T.REQUEST, "yield"): "105",
    (_T.REQUEST, "meet"): "106",
    (_T.ACCUSE, None): "110",
    (_T.ACCUSE, "disapprove"): "111",
    (_T.ACCUSE, "investigate"): "090",
    (_T.ACCUSE, "allege"): "112",
    (_T.REJECT, None): "120",
    (_T.REJECT, "assist"): "121",
    (_T.REJECT, "change"): "123",
    (_T.REJECT, "yield"): "124",
    (_T.REJECT, "meet"): "125",
    (_T.THREATEN, None): "130",
    (_T.THREATEN, "restrict"): "1312",
    (_T.THREATEN, "arrest"): "137",
    (_T.THREATEN, "relations"): "1313",
    (_T.THREATEN, "expel"): "136",
    (_T.THREATEN, "territory"): "1382",
    (_T.THREATEN, "violence"): "138",
    (_T.PROTEST, None): "140",
    (_T.PROTEST, "demo"): "141",
    (_T.PROTEST, "hunger"): "142",
    (_T.PROTEST, "strike"): "143",
    (_T.PROTEST, "boycott"): "143",
    (_T.PROTEST, "obstruct"): "144",
    (_T.PROTEST, "riot"): "145",
    (_T.PROTEST, "vandalize"): "140",
    (_T.SANCTION, None): "160",
    (_T.SANCTION, "withdraw"): "161",
    (_T.SANCTION, "expel"): "166",
    (_T.SANCTION, "discontinue"): "163",
    (_T.SANCTION, "convict"): "116",
    (_T.MOBILIZE, None): "150",
    (_T.MOBILIZE, "troops"): "154",
    (_T.MOBILIZE, "weapons"): "152",
    (_T.MOBILIZE, "police"): "153",
    (_T.MOBILIZE, "militia"): "154",
    (_T.COERCE, None): "170",
    (_T.COERCE, "seize"): "1711",
    (_T.COERCE, "restrict"): "172",
    (_T.COERCE, "censor"): "1721",
    (_T.COERCE, "curfew"): "1723",
    (_T.COERCE, "martial-law"): "1724",
    (_T.COERCE, "arrest"): "173",
    (_T.COERCE, "deport"): "174",
    (_T.ASSAULT, None): "190",
    (_T.ASSAULT, "abduct"): "181",
    (_T.ASSAULT, "beat"): "182",
    (_T.ASSAULT, "torture"): "1822",
    (_T.ASSAULT, "sexual"): "1821",
    (_T.ASSAULT, "targeted"): "186",
    (_T.ASSAULT, "destroy"): "1712",
    (_T.ASSAULT, "primitive"): "180",
    (_T.ASSAULT, "firearms"): "193",
    (_T.ASSAULT, "explosives"): "183",
    (_T.ASSAULT, "suicide-attack"): "1831",
    (_T.ASSAULT, "aerial"): "195",
    (_T.ASSAULT, "drone"): "195",
    (_T.ASSAULT, "heavy-weapons"): "194",
    (_T.ASSAULT, "crowd-control"): "175",
    (_T.ASSAULT, "unconventional"): "204",
})  # fmt: skip

# A THREATEN event with no (known) mode: the code of what is threatened.
THREAT_TO_CAMEO: Mapping[EventType, str] = MappingProxyType({
    _T.ASSAULT: "138",
    _T.COERCE: "137",
    _T.MOBILIZE: "138",
    _T.SANCTION: "131",
    _T.RETREAT: "1313",
    _T.PROTEST: "133",
    _T.REJECT: "1313",
})  # fmt: skip

# Codes chosen for a PLOVER type although CAMEO2PLOVER files them under another one.
CROSS_CATEGORY: Mapping[str, str] = MappingProxyType({
    "116": "PLOVER codes court verdicts as SANCTION 'convict'; CAMEO's 'find guilty' is 116",
    "163": "PLOVER codes international sanctions as SANCTION 'discontinue'; CAMEO's is 163",
    "0831": "PLOVER codes resignations as RETREAT 'resign'; CAMEO's nearest is 0831",
})  # fmt: skip

GOLDSTEIN: Mapping[str, float] = MappingProxyType({
    # 01 make public statement
    "01": 0.0, "011": -0.1, "012": -0.4, "013": 0.4, "016": -2.0, "018": 3.4, "019": 3.4,
    # 02 appeal
    "02": 3.0, "021": 3.4, "022": 3.2, "023": 3.4, "024": -0.3, "025": -0.3, "026": 4.0,
    "027": 4.0, "028": 4.0,
    # 03 express intent to cooperate
    "03": 4.0, "031": 5.2, "032": 4.5, "033": 5.2, "0334": 6.0, "034": 7.0, "035": 7.0,
    "036": 4.0, "037": 5.0, "038": 7.0, "039": 5.0,
    # 04 consult
    "04": 1.0, "042": 1.9, "043": 2.8, "044": 2.5, "045": 5.0, "046": 7.0,
    # 05 engage in diplomatic cooperation
    "05": 3.5, "051": 3.4, "053": 3.8, "054": 6.0, "055": 7.0, "056": 7.0, "057": 8.0,
    # 06 engage in material cooperation
    "06": 6.0, "061": 6.4, "062": 7.4, "063": 7.4, "064": 7.0,
    # 07 provide aid
    "07": 7.0, "071": 7.4, "072": 8.3, "073": 7.4, "074": 8.5,
    # 08 yield
    "08": 5.0, "084": 7.0, "085": 7.0, "086": 9.0, "087": 9.0, "0874": 10.0,
    # 09 investigate, 10 demand, 11 disapprove
    "09": -2.0, "10": -5.0, "11": -2.0,
    # 12 reject
    "12": -4.0, "125": -5.0, "126": -5.0, "127": -5.0, "128": -5.0, "129": -5.0,
    # 13 threaten
    "13": -6.0, "130": -4.4, "131": -5.8, "132": -5.8, "133": -5.8, "134": -5.8, "135": -5.8,
    "136": -7.0, "137": -7.0, "138": -7.0, "139": -7.0,
    # 14 protest
    "14": -6.5, "144": -7.5, "145": -7.5,
    # 15 exhibit force posture
    "15": -7.2,
    # 16 reduce relations
    "16": -4.0, "162": -5.6, "163": -8.0, "164": -7.0, "165": -6.5, "166": -7.0,
    # 17 coerce
    "17": -7.0, "171": -9.2, "172": -5.0, "173": -5.0, "174": -5.0, "175": -9.0,
    # 18 assault
    "18": -9.0, "182": -9.5, "1821": -9.0, "1822": -9.0, "1823": -10.0, "183": -10.0,
    "184": -8.0, "185": -8.0, "186": -10.0,
    # 19 fight
    "19": -10.0, "191": -9.5, "192": -9.5, "196": -9.5,
    # 20 use unconventional mass violence
    "20": -10.0, "201": -9.5,
})  # fmt: skip


def cameo_code(ev: Event) -> str:
    """The event's CAMEO code: its own ``cameo`` when set, else mapped from PLOVER type and mode."""
    if ev.cameo:
        return ev.cameo
    mode = (ev.mode or "").strip().lower() or None
    if mode is not None and (ev.type, mode) in PLOVER_TO_CAMEO:
        return PLOVER_TO_CAMEO[(ev.type, mode)]
    threatened = ev.threatened_type
    if ev.type is EventType.THREATEN and threatened is not None and threatened in THREAT_TO_CAMEO:
        return THREAT_TO_CAMEO[threatened]
    return PLOVER_TO_CAMEO[(ev.type, None)]


def goldstein(code: str) -> float | None:
    """Goldstein scale value of a CAMEO code (a code takes its nearest listed parent's value)."""
    for n in range(len(code), 1, -1):
        value = GOLDSTEIN.get(code[:n])
        if value is not None:
            return value
    return None


def quad_class(code: str) -> int | None:
    """1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""
    if len(code) < 2 or not code[:2].isdigit():
        return None
    root = int(code[:2])
    if 1 <= root <= 5:
        return 1
    if 6 <= root <= 8:
        return 2
    if 9 <= root <= 13:
        return 3
    if 14 <= root <= 20:
        return 4
    return None
