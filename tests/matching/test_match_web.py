"""The match router on a tiny app of its own, with the session's real matcher."""

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from navigator.matching import web


@pytest.fixture(scope="module")
def client(matcher):
    app = FastAPI()
    app.include_router(web.router)
    app.dependency_overrides[web.get_matcher] = lambda: matcher
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


def test_the_page_shows_the_form_and_the_results(client):
    page = client.get("/match")
    assert page.status_code == 200 and "<textarea" in page.text and "あなたに合う制度を探す" in page.text
    result = client.post("/match", data={"note": "パン屋で働いています。パン作りの技術を国の資格として形にしたい。", "role": "employee"})
    assert result.status_code == 200
    assert "技能検定（食料品関係）" in result.text and "出典" in result.text
    assert "パン屋で働いています" in result.text  # the note stays in the form
    empty = client.post("/match", data={"note": " "})
    assert "ノートを入力してください" in empty.text
