"""Settings layers: defaults < user file < environment < overrides; errors name the source."""

from __future__ import annotations

from pathlib import Path

import pytest

from threatline.config import load_settings
from threatline.errors import ConfigError


def test_shipped_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    s = load_settings()
    assert (
        s.db == "sqlite:///threatline.db"
        and s.model == "en_threatline"
        and s.events.historical_days == 30
    )


def test_layers_in_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "threatline.toml").write_text(
        "batch_size = 7\nworkers = 3\n[events]\nhistorical_days = 10\n"
    )
    assert load_settings().batch_size == 7
    monkeypatch.setenv("THREATLINE_BATCH_SIZE", "9")
    monkeypatch.setenv("THREATLINE_EVENTS__HISTORICAL_DAYS", "60")
    s = load_settings()
    assert (s.batch_size, s.workers, s.events.historical_days) == (9, 3, 60)
    assert load_settings(batch_size=11).batch_size == 11


def test_explicit_config_file_and_section(tmp_path: Path) -> None:
    cfg = tmp_path / "custom.toml"
    cfg.write_text('[threatline]\ndb = "sqlite:///other.db"\n')
    assert load_settings(cfg).db == "sqlite:///other.db"


@pytest.mark.parametrize(
    ("content", "match"),
    [
        ("batch_size = 0\n", "batch_size"),
        ("nonsense = 1\n", "nonsense"),
        ("batch_size = [\n", "invalid TOML"),
    ],
)
def test_bad_settings_name_file_and_field(tmp_path: Path, content: str, match: str) -> None:
    cfg = tmp_path / "bad.toml"
    cfg.write_text(content)
    with pytest.raises(ConfigError, match=match) as err:
        load_settings(cfg)
    assert "bad.toml" in str(err.value)


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "nope.toml")
