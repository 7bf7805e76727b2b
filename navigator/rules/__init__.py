"""The rules engine: load rules/, evaluate a case, explain the answer.

There is one way in: parse the facts once into a typed case, then evaluate it.

    from navigator.rules import parse_case, evaluate, evaluate_batch
    case = parse_case(data, "worker")        # WorkerCase / EmployerCase; FactsError names bad fields
    result = evaluate(case)                  # statuses, amounts, deadlines and the trace
    results = evaluate_batch(case, "course", courses)   # the same person, one result per course

Facts the rules cannot compute with (a deadline past the years of the holiday table, lists too long
for one evaluation) are refused as FactsError too, naming the facts; a failing rule file is a
RuleRuntimeError (a bug, not the person's fault). Render results with navigator.rules.explain.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ValidationError

from navigator.facts import CASE_TYPES, Facts
from navigator.rules.engine import STATUS_JA, CaseResult, RuleRuntimeError, evaluate_case, evaluate_cases
from navigator.rules.loader import RuleBase, load_rule_base

__all__ = ["STATUS_JA", "CaseResult", "FactsError", "evaluate", "evaluate_batch", "kind_of",
           "parse_case", "rule_base"]

KINDS = {case_type: kind for kind, case_type in CASE_TYPES.items()}


class FactsError(ValueError):
    """Input facts that do not fit the vocabulary, or that the rules cannot compute with;
    `problems` name each field: {field (path), label (Japanese), message (Japanese)}."""

    def __init__(self, problems: list[dict[str, str]]):
        self.problems = problems
        super().__init__("; ".join(f"{p['field']}: {p['message']}" for p in problems))


@lru_cache(maxsize=1)
def rule_base() -> RuleBase:
    return load_rule_base()


def kind_of(case: Facts) -> str:
    return KINDS[type(case)]


def parse_case(data: Any, kind: str = "employer") -> Facts:
    """The facts as a typed case (EmployerCase or WorkerCase), or FactsError naming every problem."""
    case_type = CASE_TYPES[kind]
    if isinstance(data, case_type):
        return data
    if not isinstance(data, dict):
        raise FactsError([{"field": "(全体)", "label": "入力",
                           "message": "事実はキーと値の組（YAML/JSONのマッピング）で書いてください"}])
    try:
        return case_type.model_validate(data)
    except ValidationError as exc:
        raise FactsError([_problem(case_type, e) for e in exc.errors()]) from None


def evaluate(case: Facts, as_of: dt.date | None = None, only: set[str] | None = None,
             explain: bool = True) -> CaseResult:
    """Every rule for this kind of case (or `only` these and what they use), as of `as_of`
    (default: the case's own as_of, else today). `explain=False` leaves out what only an
    explanation reads (remedies, item names): faster, same statuses, amounts and deadlines."""
    with _refusals(type(case)):
        return evaluate_case(rule_base(), kind_of(case), case.activation(), as_of or case.as_of,
                             only, explain)


def evaluate_batch(case: Facts, vary: str, values: Iterable[BaseModel | dict | None],
                   as_of: dt.date | None = None, only: set[str] | None = None,
                   explain: bool = True) -> list[CaseResult]:
    """The same case once per value of its part `vary` (e.g. one person and many courses).

    The parts that do not vary are converted once and shared, so a rule that reads none of the
    varying part (a person's career consultings) is evaluated once for the whole batch."""
    with _refusals(type(case)):
        base = case.activation()
        base.pop(vary, None)
        variants = [_part(value) for value in values]
        return evaluate_cases(rule_base(), kind_of(case), base, vary, variants,
                              as_of or case.as_of, only, explain)


def _part(value: BaseModel | dict | None) -> dict | None:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_none=True)
    return value


@contextmanager
def _refusals(case_type: type[Facts]):
    """Turns facts the rules cannot compute with into FactsError, naming the facts read."""
    try:
        yield
    except RuleRuntimeError as exc:
        if not exc.refused_value:
            raise  # a bug in a rule file: a 500 and a log entry, not the person's fault
        from navigator.rules.explain import missing_label

        paths = exc.facts or ("as_of",)
        raise FactsError([{"field": p, "label": missing_label(case_type, p), "message": exc.problem}
                          for p in paths]) from None


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
