"""The event lexicon: complete, validated on load, CAMEO codes per (type, mode)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from threatline.errors import ConfigError
from threatline.models import EventType
from threatline.stages.events_lexicon import EventLexicon, inflections, load_lexicon


@pytest.fixture(scope="module")
def lexicon() -> EventLexicon:
    return load_lexicon()


def _shipped() -> dict[str, object]:
    from importlib import resources

    path = Path(str(resources.files("threatline") / "knowledge" / "events.yaml"))
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(raw, dict)
    return raw


def _write(tmp_path: Path, raw: dict[str, object]) -> Path:
    path = tmp_path / "events.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return path


def test_every_plover_type_has_triggers_and_a_cameo_code(lexicon: EventLexicon) -> None:
    for etype in EventType:
        spec = lexicon.types[etype]
        assert spec.triggers, etype
        assert spec.cameo.isdigit(), etype


@pytest.mark.parametrize(
    ("etype", "mode", "cameo"),
    [
        (EventType.ASSAULT, "aerial", "195"),
        (EventType.ASSAULT, "assassinate", "186"),
        (EventType.ASSAULT, None, "190"),
        (EventType.ACCUSE, None, "112"),
        (EventType.REQUEST, None, "100"),
        (EventType.PROTEST, "riot", "145"),
        (EventType.COERCE, "arrest", "173"),
    ],
)
def test_cameo_code_of_type_and_mode(
    lexicon: EventLexicon, etype: EventType, mode: str | None, cameo: str
) -> None:
    assert lexicon.cameo(etype, mode) == cameo


@pytest.mark.parametrize(
    ("threatened", "mode", "expected"),
    [
        (EventType.ASSAULT, None, ("violence", "138")),
        (EventType.SANCTION, None, ("restrict", "1312")),
        (EventType.COERCE, "deport", ("expel", "136")),
        (EventType.RETREAT, None, ("relations", "1313")),
    ],
)
def test_threat_mode_follows_the_threatened_act(
    lexicon: EventLexicon, threatened: EventType, mode: str | None, expected: tuple[str, str]
) -> None:
    assert lexicon.threat(threatened, mode) == expected


def test_unknown_type_is_an_error_naming_it(tmp_path: Path) -> None:
    raw = _shipped()
    types = raw["types"]
    assert isinstance(types, dict)
    types["INVADE"] = types["ASSAULT"]
    with pytest.raises(ConfigError, match="INVADE"):
        load_lexicon(_write(tmp_path, raw))


def test_unknown_mode_is_an_error_naming_the_entry(tmp_path: Path) -> None:
    raw = _shipped()
    types = raw["types"]
    assert isinstance(types, dict)
    types["PROTEST"]["triggers"].append({"mode": "flashmob", "verbs": ["dance"]})
    with pytest.raises(ConfigError, match=r"PROTEST trigger .*dance.*flashmob"):
        load_lexicon(_write(tmp_path, raw))


def test_missing_type_and_yaml_booleans_are_errors(tmp_path: Path) -> None:
    raw = _shipped()
    types = raw["types"]
    assert isinstance(types, dict)
    del types["AID"]
    with pytest.raises(ConfigError, match="AID"):
        load_lexicon(_write(tmp_path, raw))
    raw = _shipped()
    cues = raw["cues"]
    assert isinstance(cues, dict)
    cues["negation"] = [True]
    with pytest.raises(ConfigError, match="negation"):
        load_lexicon(_write(tmp_path, raw))


def test_lemma_recovers_a_missed_inflection(lexicon: EventLexicon) -> None:
    assert {"namechecked", "namechecks", "namechecking"} <= inflections("namecheck", verb=True)
    assert "namecheck" in lexicon.labeling
