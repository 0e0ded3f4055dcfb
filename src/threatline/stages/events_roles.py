"""Source and target phrases of a trigger, read from the dependency parse.

Verbs: active subject -> source, object -> target; passive subject -> target, ``by`` agent ->
source; a verb without a subject takes its controller's (``prompted lawmakers to pass``: the
object; ``vowing to target``: the governing verb's subject) or, as a participle, the agent of
the noun it modifies (``a message urging``: who sent the message). Nouns: possessive, compound
and adjective modifiers (``US assassination``, ``American drone strike``), ``by``/``from``
phrases and ``attributed to`` give the source; ``of``/``on``/``against`` phrases the target;
a light verb (``carried out a strike``, ``issued a warrant against``) lends its subject and its
prepositional phrases. Phrases are returned as head tokens; :mod:`events_actors` resolves them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from threatline.models import EventType
from threatline.stages.events_lexicon import EventLexicon, TriggerSpec
from threatline.stages.events_parse import (
    TEMPORAL_WORDS,
    adjunct_host,
    case_of,
    children,
    dep,
    glued_infinitive,
    governor,
    is_infinitive,
    is_passive,
    kids,
    obj,
    participle_adjunct,
    pp_args,
    sentence_bounds,
    subject,
    temporal,
)

__all__ = ["RoleReader", "Roles"]

_RELATIVE = frozenset({"that", "which", "who", "whom", "whose"})
_ADVERBIAL_PREPS = frozenset(
    {"since", "during", "after", "before", "until", "in", "on", "at", "for", "by", "from",
     "over", "throughout", "following", "amid"}
)  # fmt: skip
_MAX_INHERIT = 5
_INHERIT = frozenset({"advcl", "conj", "xcomp", "parataxis", "ccomp"})
# participles whose "on" phrase names the perpetrator ("an attack blamed on X")
_ON_AGENT = frozenset({"blame", "pin"})
_UNMARKED = frozenset({"obl:unmarked", "obl:npmod", "nmod:unmarked", "nmod:npmod", "dep"})


@dataclass(slots=True)
class Roles:
    """Head tokens of the source and target phrases (best first)."""

    sources: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    recipients: list[Token] = field(default_factory=list)
    condition_subject: Token | None = None


class RoleReader:
    """Reads argument phrases with the lexicon's preposition and cue lists."""

    def __init__(self, lexicon: EventLexicon) -> None:
        self.lex = lexicon

    def verb(self, verb: Token, etype: EventType, spec: TriggerSpec | None = None) -> Roles:
        roles = Roles()
        preps = self.lex.types[etype].target_preps
        if verb.tag_ == "VBG":
            for poss in children(verb, "nmod:poss"):
                victim = spec is not None and spec.possessor == "target"
                (roles.targets if victim else roles.sources).append(poss)
        # an entry that names its doers ("protesters converged") is active, however parsed
        if is_passive(verb) and not (spec is not None and spec.subjects):
            roles.targets.extend(children(verb, "nsubj:pass"))
            head = governor(verb)
            if not roles.targets and dep(verb) == "xcomp" and head is not None:
                raised = subject(head)  # "X was said to have been rejected"
                roles.targets.extend([raised] if raised is not None else [])
            if dep(verb) in ("acl", "amod") and verb.tag_ == "VBN" and not roles.targets:
                head = governor(verb)
                if head is not None:
                    roles.targets.append(head)
            roles.sources.extend(a for p, a in pp_args(verb) if p == "by")
        else:
            roles.sources.extend(self.subjects(verb))
            target = obj(verb)
            if target is not None:
                roles.targets.append(_antecedent(target))
            glued = glued_infinitive(verb)
            if glued is not None:
                roles.targets.append(glued)
                if glued.head.i != glued.i:
                    roles.sources.extend(self.subjects(glued.head))
        roles.recipients.extend(children(verb, "iobj"))
        roles.recipients.extend(self.message_recipients(verb))
        of_target = verb.tag_ == "VBG" and self.lex.types[etype].of_role == "target"
        for prep, arg in pp_args(verb):
            first = prep.split()[0]
            if temporal(arg):
                continue
            if (first in preps or (of_target and first == "of")) and arg not in roles.targets:
                roles.targets.append(arg)
        if etype is EventType.MOBILIZE:
            roles.targets.extend(self.adversaries(verb))
        roles.condition_subject = self._condition_subject(verb)
        return roles

    def adversaries(self, head: Token) -> list[Token]:
        """Whom a mobilisation is aimed at: the object of a deterrence verb in its phrase
        ("meant to deter Iran") or the source of the attacks it prepares for ("for attacks
        from X")."""
        found: list[Token] = []
        for token in head.subtree:
            if token.i == head.i:
                continue
            lemma = self.lex.lemma(token)
            if lemma in self.lex.deter_verbs and token.pos_ == "VERB":
                target = obj(token)
                if target is not None:
                    found.append(target)
            elif (
                case_of(token) in ("from", "by")
                and token.head.pos_ == "NOUN"
                and token.head.i != head.i
                and self.lex.lemma(token.head) not in self.lex.facilities
            ):
                found.append(token)
        return found

    def subjects(self, verb: Token) -> list[Token]:
        """The subject of a verb, its antecedent for a relative pronoun, or the inherited one."""
        node = verb
        for _ in range(_MAX_INHERIT):
            subj = subject(node)
            if subj is not None and not _adverbial(subj):
                return [_antecedent(subj)]
            host = adjunct_host(node)
            if host is not None:
                node = host
                continue
            head = governor(node)
            if head is None:
                return []
            label = dep(node)
            base_label = label.split(":")[0]
            if base_label == "conj" and head.pos_ not in ("VERB", "AUX"):
                # "X namechecked Y and Z ... and said" with the verb coordinated with a noun
                return self._predicate_subject(node)
            infinitive = base_label in ("advcl", "obl") and is_infinitive(node)
            if base_label == "xcomp" or infinitive:
                controller = obj(head)
                lemma = self.lex.lemma(head)
                if controller is not None and (
                    lemma in self.lex.causative or lemma in self.lex.directive
                ):
                    return [controller]
            elif base_label == "acl" and head.pos_ in ("NOUN", "PROPN", "PRON"):
                return self._noun_agent(self._message(node, head))
            elif base_label not in _INHERIT and not infinitive:
                return []
            if base_label in ("ccomp", "parataxis") and not participle_adjunct(node):
                return []
            node = head
        return []

    def _predicate_subject(self, verb: Token) -> list[Token]:
        """The subject of the nearest predicate before ``verb`` in its sentence, whatever its
        tag (a verb the tagger misread keeps its subject)."""
        doc = verb.doc
        for token in reversed(doc[sentence_bounds(verb)[0] : verb.i]):
            subj = subject(token)
            if subj is not None and not _adverbial(subj) and token.pos_ != "AUX":
                return [_antecedent(subj)]
        return []

    def _message(self, participle: Token, head: Token) -> Token:
        """The message a participle describes ("a message ... urging"), even when the parse
        hangs the participle on a nearer noun."""
        if self.lex.lemma(head) in self.lex.message:
            return head
        doc = participle.doc
        for token in reversed(
            doc[max(sentence_bounds(participle)[0], participle.i - 12) : participle.i]
        ):
            if token.pos_ == "NOUN" and self.lex.lemma(token) in self.lex.message:
                return token
        return head

    def message_recipients(self, participle: Token) -> list[Token]:
        """The addressee of the message a participle describes ("a message to Iran")."""
        head = governor(participle)
        if head is None or participle.tag_ != "VBG" or dep(participle) not in ("acl", "advcl"):
            return []
        message = self._message(participle, head)
        return [a for p, a in pp_args(message) if p == "to"]

    def _noun_agent(self, noun: Token) -> list[Token]:
        """Who produced a noun ("the US had sent a message", "lawmakers passed a
        resolution", "the US assassination")."""
        found = [c for c in children(noun, "nmod:poss", "compound", "amod") if c.i < noun.i]
        head = governor(noun)
        if head is not None and head.pos_ in ("VERB", "AUX") and dep(noun) in ("obj", "nsubj:pass"):
            if dep(noun) == "obj":
                found.extend(self.subjects(head))
            else:
                found.extend(a for p, a in pp_args(head) if p == "by")
        return found or [noun]

    def _condition_subject(self, verb: Token) -> Token | None:
        for child in children(verb, "advcl", "obj", "obl"):
            for node in (child, *children(child, "acl")):
                if dep(node).split(":")[0] not in ("advcl", "acl"):
                    continue
                if {m.lower_ for m in children(node, "mark")} & self.lex.conditional:
                    subj = subject(node)
                    if subj is not None:
                        return subj
        return None

    def noun(
        self,
        noun: Token,
        etype: EventType,
        spec: TriggerSpec,
        governor_: Token | None = None,
        *,
        top: Token | None = None,
        span: range | None = None,
    ) -> Roles:
        roles = Roles()
        type_spec = self.lex.types[etype]
        preps = set(type_spec.target_preps) | set(spec.target_preps)
        of_args = [a for p, a in pp_args(noun) if p == "of" and a.i > noun.i]
        of_args.extend(_continued(noun))
        # "the expulsion of X from Y": "from" names the place X leaves, not who acts
        moved = bool(of_args) and type_spec.of_role == "target"
        words = [noun, *(noun.doc[i] for i in span if i != noun.i)] if span else [noun]
        inside = {w.i for w in words}
        modifiers = [
            c
            for w in words
            for c in children(w, "nmod:poss", "compound", "amod", "det:poss")
            if c.i < noun.i and c.pos_ != "ADV" and c.i not in inside
        ]
        modifiers.extend(_stray_modifier(noun))
        victim_noun = spec.possessor == "target"
        if victim_noun and not of_args:
            roles.targets.extend(modifiers)
        else:
            roles.sources.extend(modifiers)
        if type_spec.of_role == "target":
            roles.targets.extend(of_args)
        else:
            roles.sources.extend(of_args)
        for prep, arg in pp_args(noun):
            first = prep.split()[0]
            if temporal(arg):
                continue
            if first == "by" or (first == "from" and not moved):
                roles.sources.append(arg)
            elif first in preps and first != "of":
                roles.targets.append(arg)
        roles.sources.extend(self._attributed(noun))
        if governor_ is not None:
            self._light(top if top is not None else noun, governor_, preps, roles)
        if etype is EventType.MOBILIZE:
            roles.targets.extend(self.adversaries(noun))
        return roles

    def _attributed(self, noun: Token) -> list[Token]:
        """Who a participle right after an act noun names ("a strike attributed to Israel",
        "an attack claimed by X"), attached to the noun or, by a parse error, elsewhere."""
        doc = noun.doc
        found: list[Token] = []
        end = min(noun.right_edge.i + 2, sentence_bounds(noun)[1])
        for by in doc[noun.i + 1 : end]:
            if by.lower_ == "by" and by.head.i != noun.i and by.head.i > by.i:
                found.append(by.head)
        for part in doc[noun.i + 1 : min(noun.i + 3, len(doc))]:
            if part.tag_ != "VBN" or self.lex.lemma(part) not in self.lex.agent_markers:
                continue
            if noun.head.i == part.i and dep(noun).startswith("nsubj"):
                continue  # "the strike was conducted on X": X is the target
            preps = ("to", "by", "on") if self.lex.lemma(part) in _ON_AGENT else ("to", "by")
            found.extend(a for p, a in pp_args(part) if p in preps)
            if not found:
                after = doc[part.i + 1 : min(part.i + 4, len(doc))]
                for k, token in enumerate(after):
                    if token.lower_ in preps and k + 1 < len(after):
                        found.append(
                            after[k + 1].head if after[k + 1].dep_ == "det" else after[k + 1]
                        )
                        break
        return found

    def _light(self, noun: Token, verb: Token, preps: set[str], roles: Roles) -> None:
        lemma = self.lex.lemma(verb)
        particle = " ".join(c.lower_ for c in children(verb, "compound:prt"))
        phrase = f"{lemma} {particle}".strip()
        label = dep(noun)
        lex = self.lex
        light = lemma in lex.light_verbs or phrase in lex.light_verbs
        reaction = lemma in lex.reaction_verbs and case_of(noun) == "with"
        if label == "obl" and case_of(noun) is None:
            label = "obj"
        if label == "obj" and (lemma in lex.undergo_verbs or phrase in lex.undergo_verbs):
            roles.targets[:0] = self.subjects(verb)
        elif (label == "obj" and light) or reaction:
            roles.sources.extend(self.subjects(verb))
        elif label == "nsubj:pass" and light:
            roles.sources.extend(a for p, a in pp_args(verb) if p == "by")
        else:
            return
        roles.recipients.extend(children(verb, "iobj"))
        for prep, arg in pp_args(verb):
            if prep.split()[0] in preps and arg.i != noun.i and not temporal(arg):
                roles.targets.append(arg)
        if roles.condition_subject is None:
            roles.condition_subject = self._condition_subject(verb)


def _stray_modifier(noun: Token) -> list[Token]:
    """Parse-error fallback: a name right before an act noun's phrase that the parser hung on
    the verb as a bare noun ("A Norland drone strike hit ..." with "Norland" on "hit") is the
    noun's modifier, as in "a Norland strike"."""
    left = noun.left_edge.i
    if left == 0:
        return []
    node = noun.doc[left - 1]
    while node.head.i != node.i and node.head.right_edge.i == left - 1:
        node = node.head
    if node.right_edge.i != left - 1 or dep(node) not in _UNMARKED:
        return []
    if node.pos_ not in ("PROPN", "ADJ") or node.head.i == noun.i:
        return []
    return [node]


def _continued(noun: Token) -> list[Token]:
    """Parse-error fallback: when the parser ends a sentence on an act noun and starts the
    next with "of X" ("the assassination" | "of commander X in ..."), X is its "of" phrase."""
    sent_end = sentence_bounds(noun)[1]
    doc = noun.doc
    last = sent_end - 1
    while last > noun.i and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if last != noun.i or sent_end >= len(doc) or doc[sent_end].lower_ != "of":
        return []
    prep = doc[sent_end]
    return [prep.head] if prep.head.i != prep.i else []


def _adverbial(token: Token) -> bool:
    """A subject the parser invented from an adverbial ("since November have resumed",
    "during the period has placed")."""
    if token.lower_ in TEMPORAL_WORDS or any(dep(c) == "case" for c in kids(token)):
        return True
    left = token.left_edge
    before = token.doc[left.i - 1] if left.i > 0 else None
    return (
        before is not None
        and before.lower_ in _ADVERBIAL_PREPS
        and before.dep_ == "case"
        and before.head.i == token.i
    )


def _antecedent(token: Token) -> Token:
    """The noun a relative pronoun stands for ("the strike that killed": strike)."""
    if token.lower_ in _RELATIVE and token.tag_ in ("WDT", "WP", "WP$", "IN", "DT"):
        clause = governor(token)
        if clause is not None and dep(clause) in ("acl:relcl", "relcl", "acl"):
            head = governor(clause)
            if head is not None:
                return head
    return token
