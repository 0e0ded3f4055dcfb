"""Article-level rules that complete candidates from other acts of the same article.

- Same act, other mention: an attack mention that lacks its source or date takes them from
  another mention of the same type with the same victim (a person, or the same facility and
  actor), and split dyads of one trigger share what either half learns.
- Perpetrator targets: an accusation or threat aimed at an act ("described the killing as an
  act of war", "those involved in the killing would face retribution") targets who did it.
- Refusals of a request reverse the request's dyad ("this request ... was rejected").
- Revenge: a vow of revenge with no named target aims at the perpetrator of the attack on the
  avenger's side (or on the avenged person) nearest to it in the article.
- Denials: "X denied the claims" turns X's alleged act into ``denied``.
- Crowds: protesters or mourners with no resolved actor take the country of their location; an
  attack by a crowd is a PROTEST (riot).
"""

from __future__ import annotations

from spacy.tokens import Token

from threatline.models import ActorKind, ActorRef, EventType, Status
from threatline.stages.events_candidate import Arg, Candidate
from threatline.stages.events_lexicon import EventLexicon
from threatline.stages.events_parse import kids

__all__ = ["Denial", "Resolver"]

_DENIAL_WINDOW = 2
_DEFINITE_WINDOW = 120
_SIBLING_TYPES = frozenset(
    {
        EventType.SANCTION,
        EventType.COERCE,
        EventType.ASSAULT,
        EventType.THREATEN,
        EventType.MOBILIZE,
    }
)
_NEW_INSTANCE = frozenset(
    {"recent", "latest", "last", "new", "fresh", "another", "additional", "further", "next"}
)


class Denial:
    """A denial by an actor (or by an unresolved subject) at a token."""

    __slots__ = ("denier", "sentence", "token")

    def __init__(self, token: Token, denier: Arg | None, sentence: int) -> None:
        self.token = token
        self.denier = denier
        self.sentence = sentence


class Resolver:
    """Applies the article-level rules to all candidates of one article, in place."""

    def __init__(self, lexicon: EventLexicon) -> None:
        self.lex = lexicon

    def same_act(self, cands: list[Candidate]) -> None:
        attacks = [c for c in cands if c.type is EventType.ASSAULT]
        self._definite(attacks)
        self._latest(attacks)
        for cand in attacks:
            if cand.source is not None and cand.source.resolved and cand.date is not None:
                continue
            if any(c.lower_ in _NEW_INSTANCE for c in kids(cand.trigger)):
                continue
            for other in self._same(cand, attacks):
                unresolved = cand.source is None or not cand.source.resolved
                if unresolved and other.source is not None and other.source.resolved:
                    cand.source = other.source
                if cand.date is None and other.date is not None:
                    cand.date, cand.date_how = other.date, "same-act"
                if cand.source is not None and cand.source.resolved and cand.date is not None:
                    break
        self.siblings(cands)

    def _definite(self, attacks: list[Candidate]) -> None:
        """ "the attack", "the strike" with no actors named: the last dated attack before it
        in the article (within a few sentences)."""
        for k, cand in enumerate(attacks):
            if cand.date is not None or cand.source is not None or cand.target is not None:
                continue
            if not any(c.lower_ in ("the", "this", "that") for c in kids(cand.trigger)):
                continue
            for other in reversed(attacks[:k]):
                if other.date is None or other.target is None:
                    continue
                if cand.trigger.i - other.trigger.i > _DEFINITE_WINDOW:
                    break
                cand.date, cand.date_how = other.date, "same-act"
                cand.source, cand.target = other.source, other.target
                break

    def _latest(self, attacks: list[Candidate]) -> None:
        """ "the most recent attack on X", "another strike on X": a new act of the series
        against X, by whoever carried out the earlier ones (its date stays its own)."""
        for k, cand in enumerate(attacks):
            if cand.source is not None and cand.source.resolved:
                continue
            if cand.target is None or not cand.target.resolved:
                continue
            if not any(c.lower_ in _NEW_INSTANCE for c in cand.trigger.subtree):
                continue
            for other in reversed(attacks[:k]):
                source = other.source
                if other.target_code == cand.target_code and source and source.resolved:
                    cand.source = source
                    break

    def _same(self, cand: Candidate, attacks: list[Candidate]) -> list[Candidate]:
        """Other mentions of the attack ``cand`` mentions: same victim person, or same
        target actor and trigger word (nearest earlier mention first)."""
        out = []
        person = cand.target.person if cand.target is not None else None
        code = cand.target.code if cand.target is not None else None
        words = _words(cand)
        for other in attacks:
            if other is cand or other.target is None:
                continue
            victim = other.target.person
            if (person is not None and victim == person) or (
                code is not None
                and (person is None or victim is None)  # another named victim: another act
                and other.target.code == code
                and (bool(words & _words(other)) or _same_sentence_dyad(cand, other))
                and (
                    cand.source is None
                    or not cand.source.resolved
                    or other.source_code == cand.source_code
                )
                and (cand.date is None or other.date is None or cand.date.compatible(other.date))
            ):
                out.append(other)
        out.sort(
            key=lambda o: (
                person is None or o.target is None or o.target.person != person,
                o.trigger.i > cand.trigger.i,
                abs(o.trigger.i - cand.trigger.i),
            )
        )
        return out

    def siblings(self, cands: list[Candidate]) -> None:
        """Split dyads of one trigger share source and date."""
        by_trigger: dict[int, list[Candidate]] = {}
        for cand in cands:
            by_trigger.setdefault(cand.trigger.i, []).append(cand)
        for group in by_trigger.values():
            if len(group) < 2:
                continue
            source = next((c.source for c in group if c.source and c.source.resolved), None)
            date = next((c for c in group if c.date is not None), None)
            for cand in group:
                if source is not None and (cand.source is None or not cand.source.resolved):
                    cand.source = source
                if date is not None and cand.date is None:
                    cand.date, cand.date_how = date.date, date.date_how

    def perpetrators(self, cands: list[Candidate], by_token: dict[int, Candidate]) -> None:
        for cand in cands:
            if cand.perpetrator_of is not None:
                act = by_token.get(cand.perpetrator_of.i)
                if act is not None and act.source is not None and act.source.resolved:
                    cand.target = act.source
            if cand.reverse_of is not None:
                request = by_token.get(cand.reverse_of.i)
                if request is None or request.source is None or not request.source.resolved:
                    request = self._last_request(cand, cands)
                if request is not None:
                    if cand.source is None or not cand.source.resolved:
                        cand.source = request.target
                    cand.target = request.source
                    if cand.date is None and request.date is not None:
                        cand.date, cand.date_how = request.date, "same-act"

    def _last_request(self, cand: Candidate, cands: list[Candidate]) -> Candidate | None:
        best = None
        for other in cands:
            if other.type is not EventType.REQUEST or other.trigger.i >= cand.trigger.i:
                continue
            if other.source is None or not other.source.resolved:
                continue
            if other.target is not None and other.target.resolved:
                best = other
        return best

    def context_targets(self, cands: list[Candidate], sentence_of: list[int]) -> None:
        """A coordinated act with no target takes its sibling's ("withdrew from the deal and
        reimposed sanctions"); a mobilisation with none takes the target of the same actor's
        mobilisation just before it."""
        for cand in cands:
            if cand.target is not None and cand.target.resolved:
                continue
            if cand.source is None or not cand.source.resolved:
                continue
            if cand.type not in _SIBLING_TYPES:
                continue
            for other in reversed(cands):
                if other is cand or other.target is None or not other.target.resolved:
                    continue
                if other.source_code != cand.source_code or other.target_code == cand.source_code:
                    continue
                other_anchors = {a.i for a in other.anchors}
                sibling = any(a.dep_ == "conj" and a.head.i in other_anchors for a in cand.anchors)
                near = sentence_of[cand.trigger.i] - sentence_of[other.trigger.i]
                previous = (
                    cand.type is EventType.MOBILIZE
                    and other.type is EventType.MOBILIZE
                    and 0 <= near <= 2
                    and other.trigger.i < cand.trigger.i
                )
                if (sibling and cand.type is not EventType.MOBILIZE) or previous:
                    cand.target = other.target
                    break

    def revenge(self, cands: list[Candidate]) -> None:
        attacks = [c for c in cands if c.type is EventType.ASSAULT and c.source is not None]
        for cand in cands:
            if cand.type is not EventType.THREATEN:
                continue
            if cand.target is not None and cand.target.resolved:
                continue
            if not cand.retaliation and not self._attack_nearby(cand, attacks):
                continue
            avenger = cand.avenger or cand.source_code
            victim = cand.victim.lower_ if cand.victim is not None else None
            best: Candidate | None = None
            best_distance = 0
            for attack in attacks:
                if attack.source is None or not attack.source.resolved:
                    continue
                if attack.source_code == avenger:
                    continue
                hit = attack.target is not None and (
                    attack.target_code == avenger
                    or (victim is not None and victim in (attack.target.person or "").lower())
                )
                if not hit:
                    continue
                distance = cand.trigger.i - attack.trigger.i
                distance = distance if distance >= 0 else 10_000 - distance
                if best is None or distance < best_distance:
                    best, best_distance = attack, distance
            if best is not None:
                cand.target = best.source

    def _attack_nearby(self, cand: Candidate, attacks: list[Candidate]) -> bool:
        """A threat with no target in a sentence that names an attack on the threatener."""
        sent = cand.sentence
        return any(
            a.sentence.start == sent.start and a.target_code == cand.source_code for a in attacks
        )

    def denials(
        self, cands: list[Candidate], denials: list[Denial], sentence_of: list[int]
    ) -> None:
        for denial in denials:
            for cand in reversed(cands):
                if cand.trigger.i >= denial.token.i or not cand.alleged:
                    continue
                if denial.sentence - sentence_of[cand.trigger.i] > _DENIAL_WINDOW:
                    break
                denier = denial.denier
                if denier is None or not denier.resolved or denier.code == cand.source_code:
                    cand.status = Status.DENIED
                    break

    def crowds(self, cands: list[Candidate]) -> None:
        crowds = self.lex.crowds
        for cand in cands:
            source = cand.source
            if source is None:
                continue
            words = {source.token.lemma_.lower(), source.token.lower_}
            words |= {c.lemma_.lower() for c in kids(source.token)}
            if not words & crowds:
                continue
            if cand.type is EventType.ASSAULT:
                cand.type, cand.mode, cand.cameo = EventType.PROTEST, "riot", None
            if source.resolved:
                continue
            if cand.type is EventType.PROTEST and cand.location is not None:
                country = cand.location.country
                if country:
                    ref = ActorRef(
                        code=country, name=source.token.text, kind=ActorKind.OTHER, sector="CVL"
                    )
                    cand.source = Arg(source.token, ref, "context")


def _same_sentence_dyad(cand: Candidate, other: Candidate) -> bool:
    """Two attacks of one source on one target in one sentence ("The strike marked the first
    time X attacked Y") report one act, whatever words name it."""
    source = cand.source
    return (
        other.sentence.start == cand.sentence.start
        and source is not None
        and source.resolved
        and other.source_code == source.code
    )


def _words(cand: Candidate) -> set[str]:
    """Lemmas of the trigger words of a candidate."""
    doc = cand.trigger.doc
    return {doc[i].lemma_.lower() for i in cand.triggers} | {cand.trigger.lemma_.lower()}
