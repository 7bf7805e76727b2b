"""The rules engine's JSON endpoints, on a bare app (the web app includes the same router)."""

import yaml
from fastapi import FastAPI
from fastapi.testclient import TestClient

from navigator import PROJECT_ROOT
from navigator.web.api.rules import router

app = FastAPI()
app.include_router(router)
client = TestClient(app)
EXAMPLE = yaml.safe_load((PROJECT_ROOT / "examples/kigyounai-combined.yaml").read_text(encoding="utf-8"))


def _json(data):
    import json

    return json.loads(json.dumps(data, default=str))


def test_evaluate_returns_amounts_and_groups():
    response = client.post("/api/v1/employer/evaluate", json=_json(EXAMPLE))
    assert response.status_code == 200
    data = response.json()
    assert data["total_yen"] == 950000
    assert data["application_groups"][0]["deadline"] == "2015-09-10"


def test_next_questions_for_empty_facts():
    response = client.post("/api/v1/employer/next-questions", json={})
    assert response.status_code == 200
    questions = response.json()
    assert questions and questions[0]["settles"] >= questions[-1]["settles"]


def test_bad_input_is_422_naming_the_field():
    response = client.post("/api/v1/employer/evaluate",
                           json={"employer": {"regular_employees": -5, "capitol": 1}})
    assert response.status_code == 422
    locs = [tuple(e["loc"]) for e in response.json()["detail"]]
    assert ("body", "employer", "regular_employees") in locs
    assert ("body", "employer", "capitol") in locs
    response = client.post("/api/v1/employer/evaluate?as_of=2024-02-30", json={})
    assert response.status_code == 422
    assert "存在しない日付" in response.json()["detail"][0]["msg"]


def test_rules_list_and_openapi():
    rules = client.get("/api/v1/rules").json()
    assert any(r["id"] == "kigyounai.training_evaluation" for r in rules)
    schema = client.get("/openapi.json").json()
    assert "/api/v1/employer/evaluate" in schema["paths"]


def test_worker_benefit_endpoint():
    worker = yaml.safe_load((PROJECT_ROOT / "examples/benefit-worker.yaml").read_text(encoding="utf-8"))
    course = yaml.safe_load((PROJECT_ROOT / "examples/benefit-course-iot.yaml").read_text(encoding="utf-8"))
    from navigator.rules.commands import worker_facts

    response = client.post("/api/v1/worker/benefit", json=_json(worker_facts(worker, course)))
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["total_yen"] == 344080
    response = client.post("/api/v1/worker/benefit", json={"worker": {"insured_months": "abc"}})
    assert response.status_code == 422


def _with_workers(count: int) -> dict:
    """The example with `count` more workers, listed before those the plan names (so that
    finding one of them goes through all the others)."""
    case = _json(EXAMPLE)
    case["workers"] = [{"id": f"X{i}", "insured": True} for i in range(count)] + case["workers"]
    return case


def test_a_large_company_gets_the_same_answer_as_a_small_one():
    # 6 trainees × 1,800 workers is more than one CEL run may go through (ITERATION_BUDGET) when
    # all the trainees are looked up at once: they are then looked up one by one, same answer.
    many = _with_workers(1_800)
    for course in many["courses"]:
        course["trainees"] = course["trainees"] * 6
    few = _json(EXAMPLE)
    few["courses"] = many["courses"]
    small, large = (client.post("/api/v1/employer/evaluate", json=case).json() for case in (few, many))
    answers = [[(r["rule"], r["status"], r["amounts"]) for r in case["results"]] for case in (small, large)]
    assert large["total_yen"] == small["total_yen"] and answers[0] == answers[1]


def test_lists_too_long_to_evaluate_are_422_in_japanese():
    response = client.post("/api/v1/employer/evaluate", json=_with_workers(10_001))
    assert response.status_code == 422
    problems = response.json()["detail"]
    assert [p["loc"] for p in problems] == [["body", "workers"]]
    assert all("一度に判定できる量を超えています" in p["ctx"]["error"] for p in problems)
