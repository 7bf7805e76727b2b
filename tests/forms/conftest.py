"""Render the demo company's whole set once per test session; tests read the PDFs back."""

from __future__ import annotations

import pytest

from formkit import Rendered, demo_data, read_back
from navigator.forms.documents import employer_documents, prepare


@pytest.fixture(scope="session")
def demo_prepared():
    return prepare(demo_data())


@pytest.fixture(scope="session")
def demo_rendered(demo_prepared, tmp_path_factory) -> dict[str, Rendered]:
    directory = tmp_path_factory.mktemp("forms")
    return {form.doc_id: read_back(form, directory) for form in employer_documents(demo_prepared)}
