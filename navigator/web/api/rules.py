"""JSON endpoints of the rules engine (stateless calculators: nothing is stored).

OpenAPI documents the facts vocabulary as the request body.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Query
from fastapi.exceptions import RequestValidationError

from navigator import dates
from navigator.facts import FIRST_DATE, LAST_DATE, EmployerCase, Facts, WorkerCase
from navigator.rules import FactsError, evaluate, rule_base
from navigator.rules.engine import CaseResult
from navigator.rules.explain import case_json, next_questions

router = APIRouter(prefix="/api/v1", tags=["rules"])
AS_OF = Query(None, description="判定の基準日（例: 2025-04-01、令和7年4月1日）")


def query_date(value: str | None, name: str = "as_of") -> dt.date | None:
    """A date query parameter (`as_of`...), refused in Japanese when it is not a date of the table."""
    if value is None:
        return None
    try:
        day = dates.parse_date(value)
    except dates.DateParseError as exc:
        raise invalid({("query", name): str(exc)}) from None
    if not FIRST_DATE <= day <= LAST_DATE:
        raise invalid({("query", name):
                       f"{dates.format_ja(FIRST_DATE)}から{dates.format_ja(LAST_DATE)}までの日付にしてください"})
    return day


def invalid(errors: dict[tuple, str]) -> RequestValidationError:
    """{location: Japanese message} as a 422. The app's handler names each field in Japanese; a
    bare app gets FastAPI's usual list."""
    return RequestValidationError([{"loc": loc, "msg": message, "type": "value_error",
                                    "ctx": {"error": message}} for loc, message in errors.items()])


def facts_refused(exc: FactsError) -> RequestValidationError:
    """Facts the rules cannot compute with, as a 422 naming each fact in the body."""
    return RequestValidationError([
        {"loc": ("body", *_loc(p["field"])), "msg": p["message"], "type": "value_error",
         "ctx": {"error": p["message"]}} for p in exc.problems])


def evaluate_or_422(case: Facts, as_of: str | None) -> CaseResult:
    try:
        return evaluate(case, query_date(as_of))
    except FactsError as exc:
        raise facts_refused(exc) from None


def _loc(path: str) -> tuple:
    """'skill_tests[0].reward_paid_on' -> ('skill_tests', 0, 'reward_paid_on')"""
    return tuple(int(p) if p.isdigit() else p for p in path.replace("[", ".").replace("]", "").split(".") if p)


@router.post("/employer/evaluate", summary="事業主の事実から助成金の対象・金額・期限・理由を判定")
def evaluate_employer(case: EmployerCase, as_of: str | None = AS_OF) -> dict[str, Any]:
    return case_json(EmployerCase, evaluate_or_422(case, as_of))


@router.post("/employer/next-questions", summary="判定に効く順の、まだ分からない事実")
def employer_next_questions(case: EmployerCase, as_of: str | None = AS_OF) -> list[dict[str, Any]]:
    return [q.__dict__ for q in next_questions(EmployerCase, evaluate_or_422(case, as_of))]


@router.post("/worker/benefit", summary="働く人と講座の事実から教育訓練給付金などの対象・金額・手順を判定")
def evaluate_worker(case: WorkerCase, as_of: str | None = AS_OF) -> dict[str, Any]:
    return case_json(WorkerCase, evaluate_or_422(case, as_of))


@router.post("/worker/next-questions", summary="給付の判定に効く順の、まだ分からない事実")
def worker_next_questions(case: WorkerCase, as_of: str | None = AS_OF) -> list[dict[str, Any]]:
    return [q.__dict__ for q in next_questions(WorkerCase, evaluate_or_422(case, as_of))]


@router.get("/rules", summary="ルールの一覧（制度・メニュー、有効期間、出典）")
def list_rules() -> list[dict[str, Any]]:
    base = rule_base()
    return [{"id": r.spec.id, "title": r.spec.title, "program": r.spec.program, "role": r.spec.role,
             "facts": r.spec.facts,
             "valid_from": r.spec.valid_from.isoformat() if r.spec.valid_from else None,
             "valid_to": r.spec.valid_to.isoformat() if r.spec.valid_to else None,
             "validity_source": r.spec.validity_source.cite(),
             "conditions": len(r.spec.conditions) + sum(len(s.conditions) for s in r.spec.scopes)}
            for r in (base.rules[i] for i in base.order)]
