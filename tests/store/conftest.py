"""Store tests run on SQLite always and on PostgreSQL when NAVIGATOR_TEST_POSTGRES_URL is set
(.ci/run starts Debian's postgresql and sets it)."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import text

from navigator.store import migrate, passwords
from navigator.store.db import make_engine, make_sessionmaker
from navigator.store.models import Base

POSTGRES_URL = os.environ.get("NAVIGATOR_TEST_POSTGRES_URL")
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(
            not POSTGRES_URL,
            reason="NAVIGATOR_TEST_POSTGRES_URL is not set (bash .ci/run starts a PostgreSQL server and sets it)",
        ),
    ),
]


@pytest.fixture(scope="session", autouse=True)
def _cheap_hashes():
    passwords.use_profile("CHEAPEST")


@pytest.fixture(scope="session")
def _postgres_migrated():
    """Migrations once per run on PostgreSQL; each test then starts from empty tables."""
    migrate.upgrade(POSTGRES_URL)
    engine = make_engine(POSTGRES_URL)
    yield engine
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.db'}"
        migrate.upgrade(url)
        return url
    engine = request.getfixturevalue("_postgres_migrated")
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    return POSTGRES_URL


@pytest.fixture
def db(db_url):
    engine = make_engine(db_url)
    with make_sessionmaker(engine)() as session:
        yield session
    engine.dispose()
