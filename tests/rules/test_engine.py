"""Three-valued evaluation, traces, next questions and the explanation, on the shipped rules."""

import yaml

from navigator import PROJECT_ROOT
from navigator.facts import EmployerCase
from navigator.rules import evaluate, parse_case
from navigator.rules.explain import case_json, next_questions, report

def evaluate_employer(data, as_of=None):
    case = parse_case(data)
    return case, evaluate(case, as_of)


EXAMPLE = yaml.safe_load((PROJECT_ROOT / "examples/kigyounai-combined.yaml").read_text(encoding="utf-8"))


def test_empty_case_is_undetermined_and_asks_first_what_settles_most():
    case, result = evaluate_employer({})
    menu = result.get("kigyounai.training_evaluation")
    assert menu.status == "undetermined"
    questions = next_questions(EmployerCase, result)
    counts = [q.settles for q in questions]
    assert counts == sorted(counts, reverse=True)
    assert questions[0].settles > 1
    assert all(q.label and not q.label.isascii() for q in questions)


def test_trace_names_facts_and_sources():
    _, result = evaluate_employer(EXAMPLE)
    common = result.get("kigyounai.common")
    cond = next(c for c in common.conditions if c.spec.id == "insurance_office")
    assert cond.met is True
    assert cond.facts == {"employer.employment_insurance_office": True}
    assert "seed 003" in cond.spec.source.cite()


def test_explanation_gives_reason_remedy_and_source_in_japanese():
    data = {**EXAMPLE, "plan": {**EXAMPLE["plan"], "end_date": "2018-04-01"}}
    _, result = evaluate_employer(data)
    text = report(EmployerCase, result)
    assert "対象外の理由" in text or "満たさない" in text
    assert "計画期間が3年を超えています" in text
    assert "計画期間の末日を、初日から3年以内" in text  # remedy
    assert "Ⅰ-4「制度導入・適用計画とは？」" in text  # source


def test_json_is_complete_and_serialisable():
    import json

    _, result = evaluate_employer(EXAMPLE)
    data = case_json(EmployerCase, result)
    json.dumps(data, ensure_ascii=False)
    assert data["total_yen"] == 950000 and data["complete"] is True
    menu = next(r for r in data["results"] if r["rule"] == "kigyounai.training_evaluation")
    assert {a["id"]: a["yen"] for a in menu["amounts"]} == {"introduction": 500000, "implementation": 100000}
    assert menu["historical"] is False  # judged as of 2015-09-01, the example's own date


def test_as_of_after_program_end_marks_history_but_keeps_its_own_rules():
    import datetime as dt

    _, result = evaluate_employer(EXAMPLE, as_of=dt.date(2026, 4, 1))
    menu = result.get("kigyounai.training_evaluation")
    assert menu.historical and menu.status == "eligible" and menu.total == 600000
    assert "過去の制度" in report(EmployerCase, result)
