"""Entries for the analysis tests: the demo's two weeks (examples/demo-careerlog.yaml)."""

from __future__ import annotations

from datetime import date

import pytest

from navigator.careerlog.entries import Entry
from navigator.store.demo import demo_entries

TODAY = date(2026, 4, 15)


@pytest.fixture(scope="session")
def hanako() -> list[Entry]:
    return demo_entries("hanako@sakura.example.jp", TODAY)


@pytest.fixture(scope="session")
def jiro() -> list[Entry]:
    return demo_entries("jiro@sakura.example.jp", TODAY)
