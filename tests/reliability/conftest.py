"""Fixtures for the reliability tests: the web tests' world (tests/web/webworld.py), and a
`figures` record whose lines are printed at the end of the run and kept in
test-artifacts/reliability.txt (what was fuzzed, how many cases, what survived)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))

from navigator import PROJECT_ROOT  # noqa: E402
from navigator.web.app import create_app  # noqa: E402
from webworld import World, build_world, copy_db, csrf_from, sign_in  # noqa: E402

FIGURES: list[str] = []


@pytest.fixture
def figures():
    """figures("API fuzzing: 1234 requests ...") adds a line to the run's report."""
    return FIGURES.append


def pytest_terminal_summary(terminalreporter):
    if not FIGURES:
        return
    terminalreporter.section("reliability figures")
    for line in FIGURES:
        terminalreporter.write_line(line)
    out = PROJECT_ROOT / "test-artifacts"
    out.mkdir(exist_ok=True)
    (out / "reliability.txt").write_text("\n".join(FIGURES) + "\n", encoding="utf-8")


@pytest.fixture(scope="session")
def rel_template_world(tmp_path_factory) -> World:
    base = tmp_path_factory.mktemp("relworld")
    world = build_world(base / "template.db", base / "var")
    app = create_app(world.settings(), run_migrations=False)
    for p in world.personas.values():
        with TestClient(app) as client:
            p.csrf = sign_in(client, p.email) if p.email else csrf_from(client.get("/login").text)
            p.cookies = dict(client.cookies)
    return world


@pytest.fixture
def world(rel_template_world: World, tmp_path: Path) -> World:
    w = rel_template_world
    return World(copy_db(w, tmp_path / "world.db"), w.var_dir, w.personas, w.ids, w.invitation_token)


@pytest.fixture
def app(world: World):
    return create_app(world.settings(), run_migrations=False)


@pytest.fixture
def client_for(app, world: World):
    """client_for("owner") -> (a TestClient signed in as that persona, its CSRF token)."""

    def make(name: str) -> tuple[TestClient, str]:
        persona = world.personas[name]
        return TestClient(app, follow_redirects=False, cookies=persona.cookies), persona.csrf

    return make
