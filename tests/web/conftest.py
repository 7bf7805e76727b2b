"""Fixtures for the web tests (the world itself is built in webworld.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import browserkit
from navigator.web.app import create_app
from webworld import World, build_world, copy_db, csrf_from, sign_in


@pytest.fixture(scope="session")
def template_world(tmp_path_factory) -> World:
    """Built once; tests that change data work on a copy (see `world`)."""
    base = tmp_path_factory.mktemp("world")
    world = build_world(base / "template.db", base / "var")
    app = create_app(world.settings(), run_migrations=False)
    for p in world.personas.values():
        with TestClient(app) as client:
            if p.email:
                p.csrf = sign_in(client, p.email)
            else:
                p.csrf = csrf_from(client.get("/login").text)
            p.cookies = dict(client.cookies)
    return world


@pytest.fixture
def world(template_world: World, tmp_path: Path) -> World:
    """A private copy of the world's database for a test that changes data."""
    db_path = copy_db(template_world, tmp_path / "world.db")
    return World(db_path, template_world.var_dir, template_world.personas, template_world.ids, template_world.invitation_token)


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


# --- the browser tests (browserkit.py): a fresh world, server and browser per test module -------


@pytest.fixture(scope="module")
def live_world(tmp_path_factory) -> World:
    return browserkit.world_as_of_today(tmp_path_factory)


@pytest.fixture(scope="module")
def server(live_world: World):
    yield from browserkit.serve(live_world)


@pytest.fixture(scope="module")
def browser():
    yield from browserkit.chromium()
