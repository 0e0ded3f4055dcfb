"""Typed settings: shipped defaults < user file < environment < command-line overrides.

- shipped defaults: ``threatline/defaults.toml`` inside the package;
- user file: ``--config PATH``, else ``$THREATLINE_CONFIG``, else ``./threatline.toml`` if present;
- environment: ``THREATLINE_<FIELD>`` (nested with ``__``: ``THREATLINE_EVENTS__HISTORICAL_DAYS``);
- overrides: keyword arguments given by the CLI or the Python API.
"""

from __future__ import annotations

import os
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from threatline.errors import ConfigError

__all__ = ["EventSettings", "Settings", "load_settings"]

SHIPPED_MODEL = "en_threatline"


class EventSettings(BaseModel):
    """Event-level behaviour."""

    historical_days: int = Field(
        default=30,
        ge=0,
        description="An event dated more than this many days before publication is historical.",
    )
    min_confidence: float = Field(default=0.0, ge=0.0, le=1.0)


class Settings(BaseSettings):
    """Every setting Threatline reads; documented in docs/configuration.md."""

    model_config = SettingsConfigDict(
        env_prefix="THREATLINE_", env_nested_delimiter="__", extra="forbid"
    )

    db: str = Field(default="sqlite:///threatline.db", description="SQLAlchemy URL of the store.")
    model: str = Field(
        default=SHIPPED_MODEL,
        description="spaCy pipeline: 'en_threatline' (shipped), an installed package or a path.",
    )
    batch_size: int = Field(default=32, ge=1, description="Articles per processing batch.")
    workers: int = Field(default=1, ge=1, description="Worker processes for per-article stages.")
    max_article_bytes: int = Field(
        default=5_000_000, ge=1_000, description="Largest single article read."
    )
    repeated_min_docs: int = Field(
        default=5,
        ge=2,
        description="A short line found in this many distinct articles is site furniture.",
    )
    api_token: str | None = Field(
        default=None, description="Token required to ingest over the API."
    )
    knowledge_dirs: list[str] = Field(
        default_factory=list,
        description="Extra knowledge directories (same YAML format, e.g. imported dictionaries).",
    )
    events: EventSettings = Field(default_factory=EventSettings)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # Highest priority first: overrides, environment; files are merged in load_settings.
        return (init_settings, env_settings)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError as exc:
        raise ConfigError("config file not found", input=str(path)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", input=str(path)) from exc
    section = data.get("threatline", data)
    if not isinstance(section, dict):
        raise ConfigError("[threatline] must be a table", input=str(path))
    return section


def _merge(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _env_keys() -> set[str]:
    return {
        k[len("THREATLINE_") :].split("__")[0].lower()
        for k in os.environ
        if k.startswith("THREATLINE_")
    }


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Build the settings from every layer; errors name the file and the field."""
    shipped = resources.files("threatline").joinpath("defaults.toml")
    layers: list[tuple[str, dict[str, Any]]] = [("defaults.toml", _read_toml(Path(str(shipped))))]
    user = config_file or (
        Path(os.environ["THREATLINE_CONFIG"]) if os.environ.get("THREATLINE_CONFIG") else None
    )
    if user is None and Path("threatline.toml").is_file():
        user = Path("threatline.toml")
    if user is not None:
        layers.append((str(user), _read_toml(user)))
    merged: dict[str, Any] = {}
    for _, layer in layers:
        merged = _merge(merged, layer)
    # Environment beats files: drop file values the environment sets, then let pydantic read env.
    for key in _env_keys():
        merged.pop(key, None)
    merged = _merge(merged, {k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings(**merged)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        source = next(
            (name for name, layer in reversed(layers) if first["loc"][0] in layer), "environment"
        )
        raise ConfigError(f"setting {field!r}: {first['msg']}", input=source) from exc
