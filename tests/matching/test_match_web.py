"""The match API on a tiny app of its own, with the session's real matcher.
(The page, inside the web app with its layout and CSRF, is tested in tests/web/test_match_page.py.)"""

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from navigator.web import deps
from navigator.web.api import match as web


@pytest.fixture(scope="module")
def client(matcher):
    app = FastAPI()
    app.include_router(web.router)
    app.dependency_overrides[deps.get_matcher] = lambda: matcher
    return TestClient(app)


def test_the_json_api_returns_explained_recommendations(client):
    response = client.post("/api/v1/match", json={"note": "毎日残業で勉強する時間が取れない。", "limit": 3, "as_of": "2026-11-01"})
    assert response.status_code == 200
    body = response.json()
    assert len(body["recommendations"]) == 3
    first = body["recommendations"][0]
    assert first["why"] and first["eligibility"]["status"] in ("判定不能", "対象", "対象外")
    assert body["barriers"][0]["barrier"] == "時間がない"


def test_the_api_refuses_empty_or_unknown_input(client):
    assert client.post("/api/v1/match", json={"note": ""}).status_code == 422
    assert client.post("/api/v1/match", json={"note": "   "}).status_code == 422
    assert client.post("/api/v1/match", json={"note": "学びたい", "role": "boss"}).status_code == 422
