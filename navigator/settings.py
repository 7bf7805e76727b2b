"""Settings from the environment (prefix NAVIGATOR_), with defaults that run on a fresh checkout."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from navigator import PROJECT_ROOT


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NAVIGATOR_")

    var_dir: Path = PROJECT_ROOT / "var"
    # Default: SQLite in var/ (git-ignored). PostgreSQL: postgresql://user:pass@127.0.0.1/db
    database_url: str = ""
    # Signs the session cookie. Unset: one is generated once into var/secret_key.
    secret_key: str = ""
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    # Seed the demo organization at start when the database has no organization yet.
    seed_demo: bool = False
    session_max_age_seconds: int = 12 * 60 * 60
    # Behind TLS set this to true so the session cookie is sent over HTTPS only.
    secure_cookies: bool = False
    password_hash_profile: Literal["RFC_9106_LOW_MEMORY", "CHEAPEST"] = "RFC_9106_LOW_MEMORY"
    # Sign-in rate limiting (navigator.store.throttle): failed sign-ins allowed per account and per
    # address within the window; past that, sign-in is refused until older failures age out.
    login_failures_per_account: int = Field(default=5, ge=1)
    login_failures_per_address: int = Field(default=20, ge=1)
    login_failure_window_minutes: int = Field(default=15, ge=1)
    # Optional: an OpenAI-compatible endpoint for the prompt set (e.g. http://127.0.0.1:11434/v1).
    # Empty (the default): prompts are copied by hand; nothing is ever sent anywhere.
    llm_url: str = ""
    llm_model: str = "default"
    llm_api_key: str = ""
    llm_timeout_seconds: float = Field(default=60.0, gt=0, le=600)

    @model_validator(mode="after")
    def _defaults_under_var(self) -> Settings:
        if not self.database_url:
            self.database_url = f"sqlite:///{self.var_dir / 'navigator.db'}"
        return self

    def ensure_var_dir(self) -> None:
        if self.database_url.startswith("sqlite:///") or not self.secret_key:
            self.var_dir.mkdir(parents=True, exist_ok=True)

    def resolved_secret_key(self) -> str:
        if self.secret_key:
            return self.secret_key
        self.ensure_var_dir()
        path = self.var_dir / "secret_key"
        if not path.exists():
            path.touch(mode=0o600)
            path.write_text(secrets.token_urlsafe(48))
        return path.read_text().strip()
