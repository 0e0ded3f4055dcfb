"""The actor resolver on mention texts: names, transliterations, titles, dated roles, phrases."""

from __future__ import annotations

import datetime as dt

import pytest
from rapidfuzz import fuzz

from threatline.knowledge import load_knowledge
from threatline.knowledge.resolve import ActorResolver
from threatline.knowledge.resolve_names import fold, skeleton_keys
from threatline.knowledge.resolve_persons import FULL_NAME_MIN
from threatline.knowledge.text import normalise
from threatline.models import ActorKind, ActorRef

D = dt.date


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(load_knowledge())


def _ref(resolver: ActorResolver, text: str, on: dt.date | None = None) -> ActorRef:
    ref = resolver.resolve(text, on)
    assert ref is not None, text
    return ref


# ---------------------------------------------------------------- transliteration


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Qassem Soleimani", "Ghasem Suleimani"),
        ("Qasem Soleimani", "Kassem Soleymani"),
        ("Mohammad", "Muhammad"),
        ("Mohammed", "Mohamad"),
        ("Nasrallah", "Nasrullah"),
        ("Abdullah", "Abdallah"),
        ("Abu Mahdi al-Muhandis", "Abou Mahdi el-Mohandes"),
        ("Kharrazi", "Kharazi"),
        ("Mustafa al-Kadhimi", "Mustafa Kazimi"),
        ("Hossein", "Husayn"),
        ("Ahmadinejad", "Ahmadinezhad"),
        ("Javad", "Jawad"),
    ],
)
def test_transliteration_variants_fold_alike(a: str, b: str) -> None:
    fa, fb = fold(normalise(a)), fold(normalise(b))
    assert fuzz.ratio(fa, fb) >= FULL_NAME_MIN, (fa, fb)
    last_a, last_b = fa.split()[-1], fb.split()[-1]
    assert skeleton_keys(last_a) & skeleton_keys(last_b)  # same candidate block


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Qassem Soleimani", "Mohammad Soleimani"),
        ("Ali Rezaei", "Mohsen Rezaei"),
        ("Hassan Nasrallah", "Hassan Rouhani"),
    ],
)
def test_different_names_stay_apart(a: str, b: str) -> None:
    assert fuzz.ratio(fold(normalise(a)), fold(normalise(b))) < FULL_NAME_MIN


@pytest.mark.parametrize(
    ("text", "on", "person", "code"),
    [
        ("Ghasem Suleimani", D(2019, 5, 1), "Qassem Soleimani", "IRN"),
        ("Qasim Sulaymani", None, "Qassem Soleimani", "IRN"),
        ("Mohamad Javad Zareef", D(2016, 1, 1), "Mohammad Javad Zarif", "IRN"),
        ("Hassan Nasrullah", None, "Hassan Nasrallah", "HEZBOLLAH"),
        ("Mustafa Kazimi", D(2021, 1, 1), "Mustafa al-Kadhimi", "IRQ"),
        ("Mahmoud Ahmadinezhad", D(2008, 1, 1), "Mahmoud Ahmadinejad", "IRN"),
        ("Kamal Kharazi", D(2024, 7, 1), "Kamal Kharrazi", "IRN"),
    ],
)
def test_transliterated_names_resolve(
    resolver: ActorResolver, text: str, on: dt.date | None, person: str, code: str
) -> None:
    ref = _ref(resolver, text, on)
    assert (ref.person, ref.code, ref.kind) == (person, code, ActorKind.PERSON)


@pytest.mark.parametrize("text", ["Mohammad Soleimani", "Ali Rezaei Karimi", "Bob Smithfield"])
def test_other_names_are_not_taken_for_a_namesake(resolver: ActorResolver, text: str) -> None:
    ref = _ref(resolver, text, D(2019, 5, 1))
    assert ref.person != "Qassem Soleimani"
    assert ref.person != "Mohsen Rezaei"


def test_unknown_name_is_unresolved(resolver: ActorResolver) -> None:
    ref = _ref(resolver, "Bob Smithfield")
    assert (ref.code, ref.name, ref.resolved) == (None, "Bob Smithfield", False)
    assert resolver.resolve("the weather") is None
    assert resolver.resolve("   ") is None


# ---------------------------------------------------------------- titles and honorifics


@pytest.mark.parametrize(
    ("text", "on", "person"),
    [
        ("Maj. Gen. Qasem Soleimani", D(2019, 1, 1), "Qassem Soleimani"),
        ("Brig. Gen. Amir Ali Hajizadeh", D(2020, 1, 1), "Amir Ali Hajizadeh"),
        ("Supreme Leader Ayatollah Ali Khamenei", None, "Ali Khamenei"),
        ("President Donald Trump", D(2020, 1, 1), "Donald Trump"),
        ("Secretary of State Mike Pompeo", D(2019, 1, 1), "Mike Pompeo"),
        ("Sheikh Hassan Nasrallah", None, "Hassan Nasrallah"),
        ("Dr. Hassan Rouhani", D(2015, 1, 1), "Hassan Rouhani"),
        ("Hajj Qassem Soleimani", D(2019, 1, 1), "Qassem Soleimani"),
    ],
)
def test_titles_are_stripped(
    resolver: ActorResolver, text: str, on: dt.date | None, person: str
) -> None:
    assert _ref(resolver, text, on).person == person


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Iran mourned Hajj Qassem Soleimani on Friday.", "Hajj Qassem Soleimani"),
        ("Crowds chanted for Ayatollah Ali Khamenei.", "Ayatollah Ali Khamenei"),
        ("Crowds greeted Supreme Leader Ayatollah Khamenei.", "Ayatollah Khamenei"),
        ("A speech by Maj. Gen. Qasem Soleimani was aired.", "Qasem Soleimani"),
        ("Then US President Donald Trump spoke.", "Donald Trump"),
    ],
)
def test_mention_span_keeps_religious_honorifics_only(
    resolver: ActorResolver, text: str, span: str
) -> None:
    persons = [f for f in resolver.analyse(text, D(2019, 1, 1)) if f.is_person]
    assert [f.text for f in persons] == [span]
    assert text[persons[0].start : persons[0].end] == span


# ---------------------------------------------------------------- roles on the date


@pytest.mark.parametrize(
    ("text", "on", "person"),
    [
        ("the US president", D(2020, 1, 5), "Donald Trump"),
        ("the US president", D(2022, 3, 1), "Joe Biden"),
        ("Iran's foreign minister", D(2020, 6, 1), "Mohammad Javad Zarif"),
        ("Iran's foreign minister", D(2023, 3, 1), "Hossein Amir-Abdollahian"),
        ("the Israeli prime minister", D(2022, 9, 1), "Yair Lapid"),
        ("the Israeli prime minister", D(2023, 3, 1), "Benjamin Netanyahu"),
        ("the Iraqi prime minister", D(2020, 7, 1), "Mustafa al-Kadhimi"),
        ("the US leader", D(2020, 7, 1), "Donald Trump"),
    ],
)
def test_roles_on_the_date(resolver: ActorResolver, text: str, on: dt.date, person: str) -> None:
    ref = _ref(resolver, text, on)
    assert ref.person == person
    assert ref.role is not None


def test_person_code_follows_the_role_on_the_date(resolver: ActorResolver) -> None:
    as_president = _ref(resolver, "Ali Khamenei", D(1985, 1, 1))
    as_leader = _ref(resolver, "Ali Khamenei", D(2015, 1, 1))
    assert as_president.role != as_leader.role
    assert as_president.code == as_leader.code == "IRN"


def test_ref_on_redates_a_person(resolver: ActorResolver) -> None:
    ref = _ref(resolver, "Mike Pompeo", D(2019, 1, 1))
    earlier = resolver.ref_on(ref, D(2017, 6, 1))
    assert ref.role != earlier.role
    assert earlier.person == ref.person == "Mike Pompeo"
    organisation = _ref(resolver, "Hezbollah")
    assert resolver.ref_on(organisation, D(2000, 1, 1)) == organisation


# ---------------------------------------------------------------- phrases


@pytest.mark.parametrize(
    ("text", "code", "sector"),
    [
        ("Iranian forces", "IRN", "MIL"),
        ("Iraqi lawmakers", "IRQ", "LEG"),
        ("US officials", "USA", "GOV"),
        ("Israeli military", "ISR", "MIL"),
        ("Hezbollah fighters", "HEZBOLLAH", "REB"),
        ("Pentagon officials", "USA", "MIL"),
        ("a Pentagon spokesman", "USA", "MIL"),
        ("Iranian-backed Iraqi militiamen", "PMF", "REB"),
        ("the White House", "USA", "GOV"),
        ("Tehran", "IRN", None),
    ],
)
def test_demonym_agent_and_organ_phrases(
    resolver: ActorResolver, text: str, code: str, sector: str | None
) -> None:
    ref = _ref(resolver, text)
    assert (ref.code, ref.sector, ref.person) == (code, sector, None)


@pytest.mark.parametrize(
    ("text", "code", "role"),
    [
        ("Iranian Deputy Foreign Minister Ali Rezaei", "IRN", "Deputy Foreign Minister"),
        ("Lebanese militia commander Samir Haddad", "LBN", "commander"),
        ("senior fellow at the Brookings Institution Dana Whitcombe", "BROOKINGS", "senior fellow"),
        ("Iraqi militia commander Karim Jaber", "PMF", "commander"),
    ],
)
def test_unknown_person_takes_the_code_of_the_title(
    resolver: ActorResolver, text: str, code: str, role: str
) -> None:
    ref = _ref(resolver, text)
    name = " ".join(text.split()[-2:])
    assert (ref.code, ref.name, ref.role, ref.resolved) == (code, name, role, False)
    assert ref.kind is ActorKind.PERSON


# ---------------------------------------------------------------- back-references


def _found(resolver: ActorResolver, text: str, on: dt.date) -> dict[str, list[ActorRef]]:
    out: dict[str, list[ActorRef]] = {}
    for item in resolver.analyse(text, on):
        assert text[item.start : item.end] == item.text
        if item.ref is not None:
            out.setdefault(item.text, []).append(item.ref)
    return out


def test_surname_and_title_alone_point_back(resolver: ActorResolver) -> None:
    text = (
        "Iranian Deputy Foreign Minister Karim Vossoughi met Supreme Leader Ayatollah Ali "
        "Khamenei on Monday. Vossoughi said the supreme leader had approved the plan."
    )
    found = _found(resolver, text, D(2021, 5, 3))
    (unknown,) = found["Vossoughi"]
    assert (unknown.name, unknown.code, unknown.resolved) == ("Karim Vossoughi", "IRN", False)
    (leader,) = found["supreme leader"]
    assert leader.person == "Ali Khamenei"


def test_title_alone_prefers_the_last_person_holding_it(resolver: ActorResolver) -> None:
    text = (
        "President Hassan Rouhani spoke first. Later, Donald Trump replied from Washington. "
        "The president wrote that sanctions would stay."
    )
    found = _found(resolver, text, D(2019, 6, 1))
    assert [r.person for r in found["president"]] == ["Donald Trump"]


def test_generic_nouns_point_back_to_the_last_actor_of_their_kind(
    resolver: ActorResolver,
) -> None:
    text = (
        "Washington blamed Kata'ib Hezbollah fighters for the rocket fire, but the militia "
        "rejected the charge. "
        "The International Atomic Energy Agency said Iran had enriched uranium, and the agency "
        "asked for access."
    )
    found = _found(resolver, text, D(2021, 1, 1))
    assert [r.code for r in found["militia"]] == ["KATAIB_HEZBOLLAH"]
    assert [r.code for r in found["agency"]] == ["IAEA"]


def test_patron_militia_takes_the_country_named_before(resolver: ActorResolver) -> None:
    text = "Yemen has been at war for a decade. Tehran-funded militias launched drones again."
    found = _found(resolver, text, D(2020, 12, 1))
    assert [r.code for r in found["Tehran-funded militias"]] == ["HOUTHIS"]


def test_resolve_uses_an_article_context(resolver: ActorResolver) -> None:
    from threatline.knowledge.resolve_context import ArticleContext

    context = ArticleContext(on=D(2021, 5, 3))
    context.add(resolver.analyse("Iranian envoy Parviz Shahrokhi arrived.", D(2021, 5, 3)))
    ref = resolver.resolve("Shahrokhi", D(2021, 5, 3), context=context)
    assert ref is not None
    assert (ref.name, ref.code) == ("Parviz Shahrokhi", "IRN")
