"""Shared fixtures: the real model and catalog, loaded once per test session (a few seconds)."""

import pytest

from navigator.catalog import load_catalog
from navigator.matching.matcher import Matcher
from navigator.matching.model import Embedder
from navigator.matching.settings import settings


@pytest.fixture(scope="session")
def embedder():
    return Embedder(settings().model_path)


@pytest.fixture(scope="session")
def catalog():
    return load_catalog(settings().catalog_dir)


@pytest.fixture(scope="session")
def matcher(embedder, catalog, tmp_path_factory):
    index_dir = tmp_path_factory.mktemp("index")
    return Matcher(catalog, embedder, index_dir, settings().catalog_dir / "barriers.yaml", progress=False)
