"""Small closed vocabularies of the resolver: coding conventions, not knowledge-base facts.

- proxy militias: a militia described by its patron and its country is coded as the umbrella
  group the gold conventions use ("Iranian-backed Iraqi militiamen" -> PMF, "Iraqi militia
  commander" -> PMF);
- patron words: the suffixes and prefixes that mark a patron ("Tehran-backed", "pro-Iran");
- back-reference nouns: what "the agency", "the militia", "the regime" point back to;
- locative prepositions and reaction nouns for metonyms ("in Tehran" is a place, "anger in
  Washington" is the US government).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from threatline.models import ActorKind

__all__ = [
    "DETERMINERS",
    "FILLERS",
    "GENERIC_NOUNS",
    "INSTITUTION_SECTORS",
    "LOCATIVE",
    "MILITIA_AGENTS",
    "PATRON_PREFIXES",
    "PATRON_SUFFIXES",
    "PLACE_HEADS",
    "PROXY_MILITIAS",
    "REACTION_NOUNS",
    "STATE_INSTITUTIONS",
    "TITLE_CONNECTORS",
]

# (patron code or None, country code) -> group code. None: any patron, or none named.
PROXY_MILITIAS: Mapping[tuple[str | None, str], str] = MappingProxyType(
    {
        (None, "IRQ"): "PMF",
        ("IRN", "IRQ"): "PMF",
        ("IRN", "LBN"): "HEZBOLLAH",
        ("IRN", "YEM"): "HOUTHIS",
    }
)
# Agent words (agents.yaml) that name militias and their members.
MILITIA_AGENTS = frozenset(["militia", "proxies", "fighters", "militants"])

PATRON_SUFFIXES = frozenset(
    [
        "backed",
        "aligned",
        "allied",
        "sponsored",
        "supported",
        "funded",
        "financed",
        "armed",
        "linked",
        "affiliated",
        "controlled",
        "trained",
        "loyal",
    ]
)
PATRON_PREFIXES = frozenset({"pro"})

DETERMINERS = frozenset(
    ["the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our"]
)
# Modifiers allowed between an owner and its agent or title ("Iranian top general").
FILLERS = frozenset(
    [
        "top",
        "senior",
        "elite",
        "former",
        "ex",
        "acting",
        "interim",
        "deputy",
        "chief",
        "leading",
        "powerful",
        "influential",
        "hardline",
        "hardliner",
        "veteran",
        "retired",
        "outgoing",
        "incoming",
        "new",
        "then",
        "late",
        "slain",
        "assassinated",
        "prominent",
        "main",
        "key",
        "local",
        "regional",
        "national",
        "federal",
        "main",
        "own",
        "shadowy",
        "shia",
        "shiite",
        "sunni",
        "islamist",
        "paramilitary",
        "armed",
        "militant",
        "nuclear",
        "military",
        "security",
        "civilian",
        "political",
        "terror",
        "terrorist",
        "radical",
        "extremist",
        "rebel",
        "opposition",
        "other",
        "allied",
        "some",
        "several",
        "many",
    ]
)
# Words joining a title to its owner ("secretary general of Hezbollah", "fellow with FDD").
TITLE_CONNECTORS = frozenset(["of", "with", "at", "for", "from", "in"])

# Generic nouns that point back to an actor already named, with the kinds they may name.
GENERIC_NOUNS: Mapping[str, frozenset[ActorKind]] = MappingProxyType(
    {
        "agency": frozenset({ActorKind.IGO, ActorKind.OTHER, ActorKind.GOVERNMENT_BODY}),
        "watchdog": frozenset({ActorKind.IGO, ActorKind.OTHER, ActorKind.GOVERNMENT_BODY}),
        "organization": frozenset({ActorKind.IGO, ActorKind.OTHER, ActorKind.ARMED_GROUP}),
        "organisation": frozenset({ActorKind.IGO, ActorKind.OTHER, ActorKind.ARMED_GROUP}),
        "body": frozenset({ActorKind.IGO, ActorKind.GOVERNMENT_BODY}),
        "alliance": frozenset({ActorKind.IGO}),
        "bloc": frozenset({ActorKind.IGO}),
        "militia": frozenset({ActorKind.ARMED_GROUP}),
        "group": frozenset({ActorKind.ARMED_GROUP, ActorKind.OTHER}),
        "movement": frozenset({ActorKind.ARMED_GROUP, ActorKind.OTHER}),
        "faction": frozenset({ActorKind.ARMED_GROUP}),
        "outlet": frozenset({ActorKind.MEDIA}),
        "broadcaster": frozenset({ActorKind.MEDIA}),
        "newspaper": frozenset({ActorKind.MEDIA}),
    }
)
# Institutions of "the" state in context ("parliament", "the regime") and their sectors.
INSTITUTION_SECTORS: Mapping[str, str] = MappingProxyType(
    {
        "regime": "GOV",
        "government": "GOV",
        "administration": "GOV",
        "cabinet": "GOV",
        "parliament": "LEG",
        "legislature": "LEG",
        "judiciary": "JUD",
        "army": "MIL",
        "military": "MIL",
        "navy": "MIL",
    }
)
STATE_INSTITUTIONS = frozenset(INSTITUTION_SECTORS)

LOCATIVE = frozenset(
    [
        "in",
        "at",
        "to",
        "from",
        "near",
        "into",
        "inside",
        "outside",
        "across",
        "around",
        "toward",
        "towards",
        "through",
        "within",
        "via",
        "onto",
        "throughout",
        "off",
        "over",
        "above",
        "beyond",
        "past",
        "along",
        "beside",
        "outside",
    ]
)
# Nouns a place name modifies as a place ("Beirut port", "the Vienna accord").
PLACE_HEADS = frozenset(
    [
        "port",
        "airport",
        "square",
        "street",
        "road",
        "province",
        "city",
        "suburb",
        "suburbs",
        "district",
        "neighbourhood",
        "neighborhood",
        "area",
        "region",
        "outskirts",
        "hospital",
        "university",
        "mosque",
        "embassy",
        "consulate",
        "base",
        "bases",
        "station",
        "prison",
        "border",
        "crossing",
        "accord",
        "accords",
        "agreement",
        "talks",
        "summit",
        "conference",
        "deal",
        "process",
        "meeting",
        "meetings",
        "negotiations",
        "format",
        "declaration",
        "convention",
        "protocol",
        "marathon",
    ]
)
REACTION_NOUNS = frozenset(
    [
        "anger",
        "outrage",
        "concern",
        "concerns",
        "alarm",
        "fury",
        "dismay",
        "relief",
        "satisfaction",
        "criticism",
        "condemnation",
        "frustration",
        "irritation",
        "unease",
        "worry",
        "worries",
        "displeasure",
        "jubilation",
    ]
)
