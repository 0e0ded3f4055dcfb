"""PETRARCH/TABARI actor dictionaries: parsing, dated codes, conversion, loading the result."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from threatline.errors import KnowledgeError
from threatline.knowledge import KnowledgeBase, load_knowledge
from threatline.knowledge.petrarch import (
    CodeSpan,
    DictionaryEntry,
    coverage,
    parse_actor_dictionary,
    readable,
    to_knowledge,
    write_knowledge,
)
from threatline.knowledge.resolve import ActorResolver
from threatline.knowledge.resolve_persons import PersonIndex

D = dt.date
Parsed = tuple[list[DictionaryEntry], list[str]]

# An invented dictionary: invented names on real state codes, every feature of the format.
FIXTURE = """\
<!-- invented test dictionary
     for Threatline -->
# a Python-like comment
ZARAVAND_PROVINCE_  [IRN]
+ZARAVAND_CITY_
NORTHERN_SHIELD_CORPS
+NSC_UNIT
\t[IRNMIL]
DARIUS_FEREYDOUNI_  # CountryInfo.txt
+FEREYDOUNI
+PRESIDENT_FEREYDOUNI
\t[IRNGOV 970803-050803]
\t[IRNELI >050803]
\t[IRNMIL <900101]
KARIM_AL-BAZARGANI_
\t[IRQGOV 20100101-20140908]
\t[IRQLEG]
SILVER_HAND_BRIGADE_(SHB)_ [IRQREB] ; legacy comment
+SILVER_HANDS_ {a braced comment}
BROKEN_DATE_MAN_
\t[IRNGOV 991301-000101]
\t[IRNGOV 20100101]
NULL_CODE_ENTRY [---]
MOHAMMAD_JAVAD_ZARIF_
+JAVAD_ZARIF_
\t[IRNGOV 130815-210825]
"""


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge()


@pytest.fixture(scope="module")
def parsed() -> Parsed:
    return parse_actor_dictionary(FIXTURE)


def test_entries_synonyms_and_comments(parsed: Parsed) -> None:
    entries, _ = parsed
    assert [e.phrase for e in entries] == [
        "ZARAVAND_PROVINCE_",
        "NORTHERN_SHIELD_CORPS",
        "DARIUS_FEREYDOUNI_",
        "KARIM_AL-BAZARGANI_",
        "SILVER_HAND_BRIGADE_(SHB)_",
        "BROKEN_DATE_MAN_",
        "NULL_CODE_ENTRY",
        "MOHAMMAD_JAVAD_ZARIF_",
    ]
    by_name = {e.phrase: e for e in entries}
    assert by_name["ZARAVAND_PROVINCE_"].synonyms == ["ZARAVAND_CITY_"]
    assert by_name["SILVER_HAND_BRIGADE_(SHB)_"].synonyms == ["SILVER_HANDS_"]
    assert by_name["NULL_CODE_ENTRY"].codes == []
    assert by_name["ZARAVAND_PROVINCE_"].line == 4  # the multi-line comment keeps line numbers


def test_date_restricted_codes(parsed: Parsed) -> None:
    entries, problems = parsed
    darius = entries[2]
    assert darius.codes == [
        CodeSpan("IRNGOV", D(1997, 8, 3), D(2005, 8, 3)),  # YY > 30: 19YY; YY <= 30: 20YY
        CodeSpan("IRNELI", D(2005, 8, 3), None),
        CodeSpan("IRNMIL", None, D(1990, 1, 1)),
    ]
    assert darius.person
    karim = entries[3]
    assert karim.codes == [CodeSpan("IRQGOV", D(2010, 1, 1), D(2014, 9, 8)), CodeSpan("IRQLEG")]
    assert not entries[1].person  # an institution: one undated code
    assert len(problems) == 2
    assert all(p.startswith("line 2") for p in problems)  # lines 20 and 21, the broken dates


@pytest.mark.parametrize(
    ("phrase", "name", "acronyms"),
    [
        ("ABU_MAHDI_AL-MUHANDIS_", "Abu Mahdi al-Muhandis", []),
        ("AL-QAEDA", "Al-Qaeda", []),
        ("MOHAMMAD_ALI_RAJA'I_", "Mohammad Ali Raja'i", []),
        ("SILVER_HAND_BRIGADE_(SHB)_", "Silver Hand Brigade", ["SHB"]),
        ("U.S.S.R.", "U.S.S.R.", []),
        ("OSAMA BIN LADEN", "Osama bin Laden", []),
    ],
)
def test_readable_names(phrase: str, name: str, acronyms: list[str]) -> None:
    assert readable(phrase) == (name, acronyms)


def test_conversion(parsed: Parsed, kb: KnowledgeBase) -> None:
    entries, _ = parsed
    imported = to_knowledge(entries, kb, PersonIndex(kb))
    persons = {p["name"]: p for p in imported.persons}
    assert set(persons) == {"Darius Fereydouni", "Karim al-Bazargani", "Mohammad Javad Zarif"}
    assert imported.counts["entries without a code"] == 2  # broken dates only; the null code
    darius = persons["Darius Fereydouni"]
    assert darius["aliases"] == ["Fereydouni"]  # "President Fereydouni" is the same alias
    assert [(r["actor"], r["sector"], r["start"], r["end"]) for r in darius["roles"]] == [
        ("IRN", "GOV", "1997-08-03", "2005-08-03"),
        ("IRN", "ELI", "2005-08-03", None),
        ("IRN", "MIL", None, "1990-01-01"),
    ]
    assert persons["Mohammad Javad Zarif"]["aliases"] == ["Javad Zarif"]
    assert imported.counts["persons matched"] == 1
    iran = imported.extends["IRN"]
    assert iran["aliases"] == ["Zaravand Province", "Zaravand City"]
    assert [(o["name"], o["sector"], o["kind"]) for o in iran["organs"]] == [
        ("Northern Shield Corps", "MIL", "military")
    ]
    (group,) = imported.actors["groups.yaml"]
    assert (group["code"], group["kind"], group["sector"], group["country"]) == (
        "SILVER_HAND_BRIGADE", "armed_group", "REB", "IRQ",
    )  # fmt: skip
    assert group["aliases"] == ["Silver Hands", "SHB"]


def test_written_directory_loads_and_resolves(
    parsed: Parsed,
    kb: KnowledgeBase,
    tmp_path: Path,
) -> None:
    entries, _ = parsed
    written = write_knowledge(to_knowledge(entries, kb, PersonIndex(kb)), tmp_path, "test", "x")
    assert {p.relative_to(tmp_path).as_posix() for p in written} == {
        "persons/test.yaml", "extends.yaml", "groups.yaml",
    }  # fmt: skip
    merged = load_knowledge(extra_dirs=[tmp_path])
    assert len(merged.persons) == len(kb.persons) + 2
    resolver = ActorResolver(merged)
    cases = {
        ("Darius Fereydouni", D(2000, 1, 1)): ("IRN", "GOV", "IRNGOV"),
        ("Darius Fereydouni", D(2010, 1, 1)): ("IRN", "ELI", "IRNELI"),
        ("Karim al-Bazargani", D(2012, 1, 1)): ("IRQ", "GOV", "IRQGOV"),
        ("Karim al-Bazargani", D(2016, 1, 1)): ("IRQ", "LEG", "IRQLEG"),
    }
    for (text, on), (code, sector, role) in cases.items():
        ref = resolver.resolve(text, on)
        assert ref is not None
        assert (ref.code, ref.sector, ref.role) == (code, sector, role), (text, on)
    organ = resolver.resolve("the Northern Shield Corps")
    assert organ is not None and (organ.code, organ.sector) == ("IRN", "MIL")
    group = resolver.resolve("Silver Hand Brigade")
    assert group is not None and group.code == "SILVER_HAND_BRIGADE"
    zarif = merged.person("Mohammad Javad Zarif")
    assert zarif is not None and "IRNGOV" in [r.title for r in zarif.roles]  # merged, not new


def test_extension_of_an_unknown_code_is_reported(tmp_path: Path) -> None:
    (tmp_path / "extends.yaml").write_text("- code: NOPE_NOT_HERE\n  aliases: [X]\n", "utf-8")
    with pytest.raises(KnowledgeError, match="unknown actor code"):
        load_knowledge(extra_dirs=[tmp_path])


def test_extra_directory_must_exist(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="not found"):
        load_knowledge(extra_dirs=[tmp_path / "missing"])


@pytest.mark.shared
def test_phoenix_countries_dictionary(shared: Path, kb: KnowledgeBase) -> None:
    path = shared / "data" / "petrarch-dictionaries" / "Phoenix.Countries.actors.txt"
    entries, problems = parse_actor_dictionary(path.read_text("utf-8", errors="replace"))
    assert len(entries) > 18_000
    assert len(problems) < 20  # a few malformed dates in the source, each reported and skipped
    imported = to_knowledge(entries, kb)
    assert imported.counts["persons new"] > 17_000
    assert imported.counts["state organs"] > 50
    assert not imported.problems
    out = yaml.safe_dump(imported.persons[:50])
    assert "roles" in out
    middle_east = ["IRN", "IRQ", "ISR", "PSE", "LBN", "SYR", "JOR", "EGY", "SAU", "ARE", "QAT",
                   "KWT", "BHR", "OMN", "YEM", "TUR"]  # fmt: skip
    matched, total, _ = coverage(entries, kb, PersonIndex(kb), middle_east, D(2000, 1, 1))
    assert total > 1000
    assert matched / total >= 0.25  # measured 414/1566 = 26.4%: keep the floor
