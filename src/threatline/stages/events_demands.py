"""Demands made as obligations: "X said (that) Y must/should do Z" is a REQUEST by X of Y
(PLOVER: demands and orders), whatever Z is; "Y must pay the price" or "Y will face
retribution" is a THREATEN by X against Y. The acts inside such a clause are what is demanded
or threatened, not events of their own.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from threatline.models import EventType
from threatline.stages.events_actors import ActorIndex
from threatline.stages.events_candidate import Arg, Candidate
from threatline.stages.events_lexicon import EventLexicon
from threatline.stages.events_parse import children, dep, subject
from threatline.stages.events_roles import RoleReader

__all__ = ["DemandReader"]

_STRENGTH = 0.55
_FIRST_PERSON = frozenset({"we", "i", "us"})
_PRICE = frozenset({"pay"})


class DemandReader:
    """Finds obligation clauses in what speakers say."""

    def __init__(self, lexicon: EventLexicon) -> None:
        self.lex = lexicon
        self.roles = RoleReader(lexicon)

    def read(
        self, sent: Span, kinds: dict[int, str], actors: ActorIndex, speaker: Arg | None
    ) -> tuple[list[Candidate], list[Token]]:
        """The demand candidates of a sentence and the clause heads they cover."""
        out: list[Candidate] = []
        clauses: list[Token] = []
        for token_i, kind in kinds.items():
            if kind != "speech":
                continue
            verb = sent.doc[token_i]
            for clause in self._obligations(verb):
                cand = self._candidate(verb, clause, sent, actors, speaker)
                if cand is not None:
                    out.append(cand)
                    clauses.append(clause)
        return out, clauses

    def _obligations(self, verb: Token) -> list[Token]:
        found = []
        candidates = [*children(verb, "ccomp", "parataxis")]
        if dep(verb) in ("parataxis", "ccomp") and verb.head.i != verb.i:
            candidates.append(verb.head)
        for clause in candidates:
            auxes = {a.lower_ for a in children(clause, "aux")}
            if not auxes & self.lex.obligation:
                continue
            if any(c.lower_ in self.lex.negation for c in children(clause, "advmod")):
                continue
            found.append(clause)
        return found

    def _candidate(
        self,
        verb: Token,
        clause: Token,
        sent: Span,
        actors: ActorIndex,
        speaker: Arg | None,
    ) -> Candidate | None:
        subj = subject(clause)
        if subj is None or subj.lower_ in _FIRST_PERSON:
            return None
        source = speaker
        for head in self.roles.subjects(verb):
            if head.lower_ in ("he", "she") and speaker is not None:
                break
            found = actors.resolve(head, speaker=speaker)
            if found is not None and found.ref is not None:
                source = found
                break
        target = actors.resolve(subj, speaker=speaker, target=True) or Arg(subj, None)
        lemma = self.lex.lemma(clause)
        threat = lemma in _PRICE or lemma in self.lex.undergo_verbs
        cand = Candidate(
            type=EventType.THREATEN if threat else EventType.REQUEST,
            trigger=clause,
            spec=None,
            sentence=sent,
            threatened_type=EventType.ASSAULT if threat else None,
            strength=_STRENGTH,
            source=source,
            target=target,
            reported=True,
            tense=_tense(verb),
        )
        cand.anchors.append(verb)
        cand.tokens.update({verb.i, clause.i, subj.i})
        return cand


def _tense(verb: Token) -> str:
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    return "perfect" if any(a.lemma_.lower() == "have" for a in children(verb, "aux")) else "past"
