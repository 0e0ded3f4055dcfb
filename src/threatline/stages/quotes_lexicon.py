"""Words and labels the quote rules use: speech cues, role nouns, pronouns, dependency labels.

Everything here is a frozen constant. Dependency labels are Universal Dependencies; the few
ClearNLP labels that other spaCy English pipelines use (``dobj``, ``nsubjpass``, ``pobj``,
``npadvmod``, ``relcl``...) are mapped onto them by :func:`dep`, so every rule reads one scheme.
"""

from __future__ import annotations

from spacy.tokens import Token

__all__ = [
    "ACCORDING",
    "CLAUSE_CUES",
    "CUE_NOUNS",
    "DATED_CUES",
    "FEMALE_WORDS",
    "FINITE_TAGS",
    "LIGHT_VERBS",
    "MALE_WORDS",
    "NAMING_CUES",
    "OBJECT_CUES",
    "PERSON_NOUNS",
    "PLURAL_PRONOUNS",
    "QUANTIFIERS",
    "RELAY_CUES",
    "ROLE_NOUNS",
    "SINGULAR_PRONOUNS",
    "SPEECH_CUES",
    "TELL_VERBS",
    "TIME_ANCHORS",
    "WH_WORDS",
    "dep",
    "is_finite",
    "is_passive",
    "verb_forms",
]

# Verbs whose finite complement clause is reported speech ("said (that) ...").
CLAUSE_CUES = frozenset(
    {
        "acknowledge",
        "add",
        "admit",
        "affirm",
        "allege",
        "announce",
        "argue",
        "assert",
        "assure",
        "boast",
        "caution",
        "charge",
        "claim",
        "comment",
        "complain",
        "conclude",
        "concede",
        "confirm",
        "contend",
        "counter",
        "declare",
        "deny",
        "disclose",
        "emphasise",
        "emphasize",
        "estimate",
        "explain",
        "find",
        "hint",
        "indicate",
        "inform",
        "insist",
        "maintain",
        "mention",
        "note",
        "observe",
        "predict",
        "pledge",
        "promise",
        "recall",
        "reaffirm",
        "reiterate",
        "remark",
        "remind",
        "repeat",
        "reply",
        "report",
        "retort",
        "reveal",
        "say",
        "signal",
        "speculate",
        "state",
        "stress",
        "suggest",
        "swear",
        "tell",
        "testify",
        "threaten",
        "tweet",
        "underline",
        "underscore",
        "vow",
        "warn",
        "write",
    }
)

# Clause verbs that as often take a noun object ("vowed revenge", "confirmed the deaths"): when
# the parser reads the words after them as their object and gives them no clause, it is believed.
OBJECT_CUES = frozenset(
    {"acknowledge", "admit", "announce", "confirm", "declare", "deny", "disclose", "estimate",
     "find", "maintain", "mention", "pledge", "predict", "promise", "reaffirm", "recall",
     "reiterate", "repeat", "report", "reveal", "signal", "stress", "swear", "threaten",
     "underline", "underscore", "vow", "emphasize", "emphasise"}
)  # fmt: skip

# Verbs that name or describe something in the speaker's words ("called it a 'war crime'").
NAMING_CUES = frozenset(
    {
        "accuse",
        "blame",
        "brand",
        "call",
        "cite",
        "condemn",
        "demand",
        "denounce",
        "describe",
        "dismiss",
        "dub",
        "label",
        "namecheck",
        "praise",
        "reject",
        "slam",
        "term",
        "urge",
    }
)

# Every verb that can attribute a direct quotation to its subject.
SPEECH_CUES = (
    CLAUSE_CUES
    | NAMING_CUES
    | frozenset({"ask", "quip", "joke", "lament", "chant", "respond", "post"})
)

# Cues that relay someone else's statement when their content is itself attributed speech
# ("X said ..., the agency reported"): the outer cue is a sourcing, not a statement.
RELAY_CUES = frozenset({"report", "say", "write", "add", "tell", "post", "tweet", "reveal"})

# Verbs whose first object is the addressee, not the content ("told reporters ...").
TELL_VERBS = frozenset(
    {"tell", "inform", "assure", "warn", "remind", "notify", "advise", "caution", "promise"}
)

# Nouns that report speech when a "that" clause follows ("expressed concern that ...").
CUE_NOUNS = frozenset(
    {
        "accusation",
        "admission",
        "allegation",
        "announcement",
        "assertion",
        "assurance",
        "claim",
        "comment",
        "concern",
        "declaration",
        "denial",
        "insistence",
        "pledge",
        "prediction",
        "promise",
        "remark",
        "statement",
        "suggestion",
        "threat",
        "vow",
        "warning",
    }
)

# Cues that make a statement (a speech act with a date); "respond", "post", "ask" may not.
DATED_CUES = CLAUSE_CUES | NAMING_CUES | CUE_NOUNS | frozenset({"according to"})

# Verbs that carry a cue noun without adding meaning ("issued a warning that").
LIGHT_VERBS = frozenset(
    {"express", "issue", "voice", "raise", "make", "deliver", "give", "send", "repeat", "reiterate"}
)

ACCORDING = ("according", "to")

# Head nouns of unnamed or collective speakers: the label comes from the text.
ROLE_NOUNS = frozenset(
    {
        "administration",
        "adviser",
        "advisor",
        "aide",
        "analyst",
        "authority",
        "commander",
        "critic",
        "diplomat",
        "envoy",
        "expert",
        "investigator",
        "lawmaker",
        "leader",
        "leadership",
        "military",
        "minister",
        "observer",
        "officer",
        "official",
        "person",
        "politician",
        "representative",
        "resident",
        "scientist",
        "source",
        "spokesman",
        "spokesperson",
        "spokeswoman",
        "witness",
    }
)

# Head nouns of a single person (pronouns "he"/"she" may refer back to them).
PERSON_NOUNS = ROLE_NOUNS - {"administration", "authority", "leadership", "military"} | frozenset(
    {"ambassador", "chief", "colonel", "director", "general", "governor", "judge", "mayor",
     "president", "prosecutor", "secretary", "senator", "cleric", "premier", "chairman",
     "chairwoman", "envoy", "negotiator", "lieutenant", "captain", "admiral", "king", "queen"}
)  # fmt: skip

# Leading words dropped from a descriptive speaker label.
QUANTIFIERS = frozenset(
    {"a", "an", "the", "other", "some", "several", "many", "two", "three", "both", "few"}
)

SINGULAR_PRONOUNS = frozenset({"he", "she", "him", "her"})
PLURAL_PRONOUNS = frozenset({"they", "them", "it", "we"})
MALE_WORDS = frozenset({"he", "him", "his", "mr", "mr.", "spokesman", "king", "prince"})
FEMALE_WORDS = frozenset({"she", "her", "hers", "mrs", "mrs.", "ms", "ms.", "spokeswoman", "queen"})

WH_WORDS = frozenset({"what", "whether", "how", "why", "when", "where", "who", "which", "if"})

# A time expression introduced by these gives no day for the speech act ("days before May 3").
TIME_ANCHORS = frozenset({"before", "after", "since", "until", "till", "by", "ahead", "prior"})

FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_AUX_DEPS = frozenset({"aux", "aux:pass", "cop"})

_DEP_MAP = {
    "dobj": "obj",
    "nsubjpass": "nsubj:pass",
    "csubjpass": "csubj:pass",
    "auxpass": "aux:pass",
    "pobj": "obl",
    "npadvmod": "obl:tmod",
    "relcl": "acl:relcl",
    "poss": "nmod:poss",
    "dative": "iobj",
    "agent": "obl:agent",
    "attr": "obj",
    "oprd": "xcomp",
    "prep": "case",
    "complm": "mark",
}


def verb_forms(lemmas: frozenset[str]) -> frozenset[str]:
    """Regular inflected forms of verb lemmas (say -> says, saying; note -> noted, noting)."""
    out: set[str] = set()
    for lemma in lemmas:
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        out.update({lemma + "s", lemma + "es", stem + "ed", stem + "ing", lemma + "d"})
        if lemma.endswith("y"):
            out.update({lemma[:-1] + "ies", lemma[:-1] + "ied"})
    return frozenset(out)


def dep(token: Token) -> str:
    """The token's dependency label in Universal Dependencies terms."""
    label: str = token.dep_
    return _DEP_MAP.get(label, label)


def is_finite(token: Token) -> bool:
    """A finite verb form. A past participle with its own active subject and no auxiliary is
    a simple past the tagger misread ("the blast destroyed two bridges")."""
    if token.tag_ in FINITE_TAGS:
        return True
    return (
        token.tag_ == "VBN"
        and any(dep(c) == "nsubj" for c in token.children)
        and not any(dep(c) in _AUX_DEPS for c in token.children)
    )


def is_passive(verb: Token) -> bool:
    """A passive speech verb ("is said to", "was told"): its subject is not the speaker."""
    return any(dep(c) in ("aux:pass", "nsubj:pass") for c in verb.children)
