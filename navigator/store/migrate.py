"""Applies the Alembic migrations in migrations/ (at start, by `navigator serve`/`demo`)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from navigator import PROJECT_ROOT
from navigator.store.db import normalize_url

MIGRATIONS = PROJECT_ROOT / "migrations"


def alembic_config(database_url: str) -> Config:
    config = Config(str(MIGRATIONS / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS))
    # ConfigParser interpolation: a '%' in a password must be doubled.
    config.set_main_option("sqlalchemy.url", normalize_url(database_url).replace("%", "%%"))
    return config


def upgrade(database_url: str) -> None:
    command.upgrade(alembic_config(database_url), "head")
