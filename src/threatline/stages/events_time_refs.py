"""Dates an act takes from other acts and statements (README §2.4): "since the killing",
"in the days prior to the attack", "in response to" or "prompted by" a dated attack (the month
for an immediate verbal reaction, the year for other acts), a bare "in response" (the last dated
attack before it), and the same speaker's dated statement nearby (one occasion).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.attrs import POS
from spacy.tokens import Doc, Span, Token

from threatline.models import Precision, TimeMention, TimeValue
from threatline.stages.events_candidate import Arg, Candidate
from threatline.stages.events_lexicon import EventLexicon
from threatline.stages.events_parse import (
    case_of,
    children,
    conjuncts,
    dep,
    governor,
    participle_adjunct,
    pp_args,
)
from threatline.stages.events_time import Utterance, adjust

__all__ = ["ReferenceDater"]

_OCCASION_SENTENCES = 2
_OCCASION_PERSON = 4
_RESPONSE_WINDOW = 80
_MAX_UP = 8
_STOP = frozenset({"ccomp", "parataxis", "csubj", "acl", "acl:relcl", "xcomp", "conj", "appos"})
_SPANS = frozenset({"days", "weeks", "hours", "months", "moments", "years", "day", "week"})


class ReferenceDater:
    """Dates candidates from the acts and statements they refer to."""

    def __init__(self, lexicon: EventLexicon) -> None:
        self.lex = lexicon

    def utterances(
        self,
        doc: Doc,
        speeches: list[tuple[int, Arg]],
        timed: dict[int, tuple[TimeMention, Span]],
        sentence_of: list[int],
    ) -> list[Utterance]:
        """Statement verbs with a governing date, for same-occasion dating."""
        anchors = {i: i for i, _ in speeches}
        dated: dict[int, TimeValue] = {}
        seen: set[int] = set()
        for mention, span in timed.values():
            if id(mention) in seen or mention.value is None:
                continue
            seen.add(id(mention))
            node = span.root
            for _ in range(_MAX_UP):
                if node.i in anchors:
                    dated.setdefault(node.i, mention.value)
                    break
                up = governor(node)
                if up is None or (dep(node) in _STOP and not participle_adjunct(node)):
                    break
                node = up
        out = []
        for i, arg in speeches:
            if i in dated:
                out.append(Utterance(sentence_of[i], arg.code, arg.person, dated[i]))
        return sorted(out, key=lambda u: u.sentence)

    # -- 2. references ------------------------------------------------------------------------

    def references(self, cands: list[Candidate], by_token: dict[int, Candidate]) -> None:
        """Dates from acts the candidate refers to (since X, prior to X, in response to X;
        a bare "in response" reacts to the last dated attack before it)."""
        attacks = sorted(
            (c for c in cands if c.type.value == "ASSAULT" and c.date is not None),
            key=lambda c: c.trigger.i,
        )
        undated = [c for c in cands if c.date is None]
        if not undated:
            return
        doc = undated[0].trigger.doc
        words = self.lex.cues.reference_response
        noun = doc.vocab.strings["NOUN"]  # the part-of-speech array, not a Token per word
        responses = [
            doc[i]
            for i, pos in enumerate(doc.to_array([POS]).tolist())
            if pos == noun and self.lex.lemma(doc[i]) in words
        ]
        for cand in undated:
            for relation, ref in self._refs(cand, by_token, attacks, responses):
                if ref.date is None:
                    continue
                cand.date = self._derive(cand, relation, ref.date)
                cand.date_how = f"reference:{relation}"
                break

    def _refs(
        self,
        cand: Candidate,
        by_token: dict[int, Candidate],
        attacks: list[Candidate],
        responses: list[Token],
    ) -> Iterator[tuple[str, Candidate]]:
        """(relation, act) for each act the candidate's clause refers to."""
        lex = self.lex.cues
        heads = [*cand.anchors, *cand.related]
        heads.extend(t.head for t in list(heads) if dep(t) == "conj")
        heads.extend(c for t in list(heads) for c in conjuncts(t))
        args = [(t, p, a) for t in heads for p, a in pp_args(t)]
        args.extend(self._response_phrases(heads, responses))
        args.extend(
            (head, p, a)
            for _, _, head in list(args)
            if head.lower_ in _SPANS
            for p, a in pp_args(head)
        )
        for token, prep, arg in args:
            first = prep.split()[0]
            ref = _act_at(arg, by_token, cand)
            if first in ("in", "as") and self.lex.lemma(arg) in lex.reference_response:
                subs = [s for p, s in pp_args(arg) if p in ("to", "for", "over")]
                for sub in subs:
                    ref = _act_at(sub, by_token, cand)
                if not subs:
                    ref = _last_before(cand, attacks)
                if ref is not None:
                    yield "response", ref
                continue
            if ref is None:
                continue
            if first == "since":
                yield "since", ref
            elif first in lex.reference_before:
                yield "before", ref
            elif first in lex.reference_after:
                yield "after", ref
            elif first in ("for", "over", "to") and (
                cand.retaliation or self.lex.lemma(token) in lex.reference_response
            ):
                yield "response", ref
        node = cand.anchors[0] if cand.anchors else cand.trigger
        for _ in range(4):
            up = governor(node)
            if up is None:
                break
            if self.lex.lemma(up) in self.lex.causative:
                for subj in children(up, "nsubj"):
                    ref = _act_at(subj, by_token, cand)
                    if ref is not None:
                        yield "response", ref
                        return
            node = up

    def _response_phrases(
        self, heads: list[Token], responses: list[Token]
    ) -> list[tuple[Token, str, Token]]:
        """ "in response" / "in retaliation" anywhere in the clause of a head (the parser may
        hang it on the object: "expanded its program in response"); ``responses``: the Doc's
        response nouns."""
        out: list[tuple[Token, str, Token]] = []
        for head in heads:
            left, right = head.left_edge.i, head.right_edge.i
            for token in responses:
                if token.i == head.i or not left <= token.i <= right:
                    continue
                prep = case_of(token)
                if prep not in ("in", "as") or not _same_clause(token, head):
                    continue
                out.append((head, prep, token))
        return out

    def _derive(self, cand: Candidate, relation: str, ref: TimeValue) -> TimeValue:
        if relation == "since":
            return ref
        if relation == "before":
            return adjust(ref, "before").truncate(Precision.MONTH)
        verbal = self.lex.is_verbal(cand.type)
        return ref.truncate(Precision.MONTH if verbal else Precision.YEAR)

    # -- 3. same act, same occasion ----------------------------------------------------------

    def occasion(
        self, cands: list[Candidate], utterances: list[Utterance], sentence_of: list[int]
    ) -> None:
        for cand in cands:
            if cand.date is not None or not self.lex.is_verbal(cand.type):
                continue
            here = sentence_of[cand.trigger.i]
            latest = here + 1 if cand.quoted else here
            for utt in sorted(utterances, key=lambda u: abs(u.sentence - here)):
                if utt.sentence > latest or here - utt.sentence > _OCCASION_PERSON:
                    continue
                same_person = (
                    cand.source is not None
                    and utt.person is not None
                    and (cand.source.person == utt.person)
                )
                same_code = utt.code is not None and cand.source_code == utt.code
                close = here - utt.sentence <= _OCCASION_SENTENCES
                if same_person or (same_code and close and here - utt.sentence <= 1):
                    cand.date, cand.date_how = utt.date, "occasion"
                    break

    # -- 4. fallbacks -------------------------------------------------------------------------


def _same_clause(token: Token, head: Token) -> bool:
    node = token
    for _ in range(6):
        if node.i == head.i:
            return True
        if dep(node) in ("ccomp", "advcl", "acl", "acl:relcl", "parataxis", "xcomp"):
            return False
        up = governor(node)
        if up is None:
            return False
        node = up
    return False


def _last_before(cand: Candidate, attacks: list[Candidate]) -> Candidate | None:
    earlier = [a for a in attacks if a.trigger.i < cand.trigger.i and a is not cand]
    if not earlier or cand.trigger.i - earlier[-1].trigger.i > _RESPONSE_WINDOW:
        return None
    return earlier[-1]


def _act_at(token: Token, by_token: dict[int, Candidate], cand: Candidate) -> Candidate | None:
    """The act a phrase names: the candidate whose trigger is its head (or its compound)."""
    for probe in (token, *children(token, "compound")):
        found = by_token.get(probe.i)
        if found is not None and found is not cand:
            return found
    return None
