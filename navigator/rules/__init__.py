"""The rules engine: load rules/, evaluate a case, explain the answer.

    from navigator.rules import evaluate_employer, evaluate_worker
    case, result = evaluate_employer({"employer": {...}, "plan": {...}})
    case, result = evaluate_worker({"worker": {...}, "consultings": [...]}, {"kind": ..., ...})
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from pydantic import ValidationError

from navigator.facts import CASE_TYPES, EmployerCase, Facts, WorkerCase
from navigator.rules.engine import CaseResult, evaluate_case
from navigator.rules.loader import RuleBase, load_rule_base


class FactsError(ValueError):
    """Input facts that do not fit the vocabulary; `problems` name each field in Japanese."""

    def __init__(self, problems: list[dict[str, str]]):
        self.problems = problems
        super().__init__("; ".join(f"{p['field']}: {p['message']}" for p in problems))


@lru_cache(maxsize=1)
def rule_base() -> RuleBase:
    return load_rule_base()


def parse_case(data: Any, kind: str = "employer") -> Facts:
    case_type = CASE_TYPES[kind]
    if not isinstance(data, dict):
        raise FactsError([{"field": "(全体)", "label": "入力",
                           "message": "事実はキーと値の組（YAML/JSONのマッピング）で書いてください"}])
    try:
        return case_type.model_validate(data)
    except ValidationError as exc:
        raise FactsError([_problem(case_type, e) for e in exc.errors()]) from None


def evaluate_employer(data: Any, as_of: dt.date | None = None) -> tuple[EmployerCase, CaseResult]:
    case = parse_case(data, "employer")
    assert isinstance(case, EmployerCase)
    return case, evaluate_case(rule_base(), "employer", case.activation(), as_of or case.as_of)


def worker_facts(worker_data: Any, course_data: Any = None) -> Any:
    """One WorkerCase mapping from a worker file and a course file.

    The course file may be the course itself or a mapping with a `course` key; without a course
    file the worker file must hold `course` itself.
    """
    if course_data is None:
        return worker_data
    if not isinstance(worker_data, dict):
        return worker_data  # parse_case names the problem
    if not isinstance(course_data, dict):
        raise FactsError([{"field": "course", "label": "講座",
                           "message": "講座はキーと値の組（YAML/JSONのマッピング）で書いてください"}])
    course = course_data["course"] if set(course_data) == {"course"} else course_data
    return {**worker_data, "course": course}


def evaluate_worker(worker_data: Any, course_data: Any = None,
                    as_of: dt.date | None = None) -> tuple[WorkerCase, CaseResult]:
    """教育訓練給付金・教育訓練支援給付金・教育訓練休暇給付金 for one worker and one course.

    Returns the validated case and the evaluation (statuses, amounts, deadlines, trace); render
    it with explain.benefit_report or explain.case_json. Bad facts raise FactsError.
    """
    case = parse_case(worker_facts(worker_data, course_data), "worker")
    assert isinstance(case, WorkerCase)
    return case, evaluate_case(rule_base(), "worker", case.activation(), as_of or case.as_of)


_MESSAGES = {
    "extra_forbidden": "この項目名はありません（綴りを確認してください）",
    "missing": "必須の項目です",
    "int_parsing": "整数で入力してください",
    "int_from_float": "整数で入力してください",
    "float_parsing": "数値で入力してください",
    "bool_parsing": "true（はい）または false（いいえ）で入力してください",
    "list_type": "リスト（箇条書き）で入力してください",
    "dict_type": "項目の組（マッピング）で入力してください",
    "model_type": "項目の組（マッピング）で入力してください",
    "string_type": "文字列で入力してください",
    "date_type": "日付で入力してください（例: 2024-04-01 または 令和6年4月1日）",
    "string_too_long": "{max_length}文字以内で入力してください",
    "string_too_short": "{min_length}文字以上で入力してください",
    "greater_than_equal": "{ge}以上で入力してください",
    "less_than_equal": "{le}以下で入力してください",
}


def _problem(case_type: type[Facts], error: dict[str, Any]) -> dict[str, str]:
    from navigator.rules.explain import missing_label

    path = ""
    for part in error["loc"]:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    kind = error["type"]
    if kind == "value_error":
        message = str(error["ctx"]["error"]) if "ctx" in error else error["msg"]
    else:
        template = _MESSAGES.get(kind)
        message = template.format(**error.get("ctx", {})) if template else error["msg"]
    try:
        label = missing_label(case_type, path) if path else "入力"
    except Exception:  # an unknown name has no label: show the path itself
        label = path
    return {"field": path or "(全体)", "label": label, "message": message,
            "input": repr(error.get("input"))[:80]}
