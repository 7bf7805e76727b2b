"""Labels and failures show parameter values through '{{ params.x }}' placeholders: a case sees
the values in force on its reference date, and a label cannot state a value in its own words."""

import datetime as dt
import textwrap
from pathlib import Path

import pytest
import yaml

from navigator import PROJECT_ROOT
from navigator.rules import evaluate, parse_case, rule_base
from navigator.rules.engine import evaluate_case, texts_today
from navigator.rules.loader import RuleBase, RuleLoadError, load_rule_file

EXAMPLES = PROJECT_ROOT / "examples"

RULE = """
id: test.dated
title: 試験用
program: 試験
facts: employer
validity_source: {doc: seed-003, section: s}
reference_date: plan.start_date
parameters:
  limit:
    label: 人数の上限
    unit: 人
    values:
      - {since: 2015-04-01, value: 50, source: {doc: seed-003, section: s}}
      - {since: 2020-04-01, value: 100, source: {doc: seed-003, section: s}}
conditions:
  - id: small
    label: 常時雇用する労働者が{{ params.limit }}人以下であること
    failure: 労働者が{{ params.limit }}人を超えています
    expr: employer.regular_employees <= params.limit
    source: {doc: seed-003, section: s}
amounts:
  - id: fixed
    label: 定額（上限{{ yen(params.limit * 1000) }}）
    expr: "1000"
    source: {doc: seed-003, section: s}
"""


def load(tmp_path, text=RULE):
    path = tmp_path / "rule.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_rule_file(path)


def run(rule, start: str, employees: int):
    base = RuleBase({rule.spec.id: rule}, [rule.spec.id])
    case = evaluate_case(base, "employer", {"employer": {"regular_employees": employees},
                                            "plan": {"start_date": start}}, dt.date(2026, 1, 1))
    return case.get("test.dated")


def test_a_label_shows_the_value_in_force_on_the_reference_date(tmp_path):
    rule = load(tmp_path)
    older, newer = run(rule, "2016-04-01", 80), run(rule, "2021-04-01", 80)
    assert older.conditions[0].spec.label == "常時雇用する労働者が50人以下であること"
    assert older.conditions[0].spec.failure == "労働者が50人を超えています"
    assert older.status == "ineligible"
    assert newer.conditions[0].spec.label == "常時雇用する労働者が100人以下であること"
    assert newer.status == "eligible"
    assert newer.amounts[0].label == "定額（上限100,000円）"
    assert rule.spec.conditions[0].label.startswith("常時雇用する労働者が{{")  # the file's text is kept


def test_before_any_value_the_placeholder_says_so(tmp_path):
    result = run(load(tmp_path), "2010-04-01", 10)
    assert result.conditions[0].spec.label == "常時雇用する労働者が（未定）人以下であること"


def test_without_a_case_labels_show_todays_values(tmp_path):
    rule = load(tmp_path)
    shown = texts_today(rule)
    assert shown[id(rule.spec.conditions[0])].label == "常時雇用する労働者が100人以下であること"


@pytest.mark.parametrize("change, message", [
    (("{{ params.limit }}人以下であること", "100人以下であること"),
     "conditions.small.label: '100人' is a value of params.limit; write {{ params.limit }}"),
    (("労働者が{{ params.limit }}人を超えています", "労働者が50人を超えています"),
     "conditions.small.failure: '50人' is a value of params.limit"),
    (("定額（上限{{ yen(params.limit * 1000) }}）", "定額（{{ employer.regular_employees }}人）"),
     "amounts.fixed.label: a label or failure may read parameters only"),
])
def test_a_label_that_states_a_parameter_value_or_reads_a_fact_is_refused(tmp_path, change, message):
    with pytest.raises(RuleLoadError) as error:
        load(tmp_path, RULE.replace(*change))
    assert "rule.yaml" in str(error.value) and message in str(error.value)


def test_a_number_the_item_does_not_read_or_of_another_unit_is_no_parameter_value(tmp_path):
    text = RULE.replace("定額（上限{{ yen(params.limit * 1000) }}）", "定額（50人の事業所でも同じ）")  # reads no limit
    load(tmp_path, text.replace("人以下であること", "人以下であること（50日以上雇用）"))


def _worker_case(start: str):
    worker = yaml.safe_load((EXAMPLES / "benefit-worker.yaml").read_text(encoding="utf-8"))
    course = yaml.safe_load((EXAMPLES / "benefit-course-iot.yaml").read_text(encoding="utf-8"))
    course["start_date"] = start
    return evaluate(parse_case({**worker, "course": course}, "worker")).get("kyufu.pre_course")


def test_the_pre_course_deadline_label_follows_the_course_start():
    """受講前の手続き: 1か月前 for courses starting until 2024-03-31, 14日前 after (rules/kyufu/pre_course.yaml)."""
    labels = {start: {c.spec.id: c.spec.label for c in _worker_case(start).conditions}
              for start in ("2024-03-01", "2024-10-01")}
    assert "受講開始日の1か月前までに受けること" in labels["2024-03-01"]["consulting_in_time"]
    assert "受講開始日の14日前までに受けること" in labels["2024-10-01"]["consulting_in_time"]


def test_no_label_of_the_rule_base_keeps_a_placeholder():
    base = rule_base()
    for rule in base.rules.values():
        for item in texts_today(rule).values():
            assert "{{" not in item.label and "{{" not in (getattr(item, "failure", None) or ""), item


def test_a_value_label_shows_the_parameter_in_force_on_the_case_date():
    """kyufu.professional's 80% (a wage rise) applies to courses starting on or after 2024-10-01;
    before, its wage_total label shows the 70% in force then."""
    older_pro = evaluate(parse_case({**_files()[0], "course": {**_files()[1], "start_date": "2024-09-01"}},
                                    "worker")).get("kyufu.professional")
    newer_pro = evaluate(parse_case({**_files()[0], "course": {**_files()[1], "start_date": "2024-10-01"}},
                                    "worker")).get("kyufu.professional")
    spec = next(v for v in newer_pro.rule.spec.values if v.id == "wage_total")
    assert "{{" in spec.label  # the file keeps the template
    assert older_pro.shown(spec).label.startswith("さらに賃金が上昇した場合の支給額の合計（70%、年560,000円")
    assert newer_pro.shown(spec).label.startswith("さらに賃金が上昇した場合の支給額の合計（80%、年640,000円")


def _files():
    worker = yaml.safe_load((EXAMPLES / "benefit-worker.yaml").read_text(encoding="utf-8"))
    course = yaml.safe_load((EXAMPLES / "benefit-course-iot.yaml").read_text(encoding="utf-8"))
    return worker, course


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")
                                           if not p.name.startswith(("benefit-course", "demo-"))))
def test_no_report_or_json_shows_an_unfilled_placeholder(example):
    """Every text a person reads is filled: a label read from the rule file instead of from the
    result would show '{{ params.… }}'."""
    import json

    from navigator.facts import EmployerCase, WorkerCase
    from navigator.rules.explain import benefit_report, case_json, report

    data = yaml.safe_load((EXAMPLES / example).read_text(encoding="utf-8"))
    kind = "worker" if example.startswith("benefit") else "employer"
    if kind == "worker":
        data = {**data, "course": yaml.safe_load((EXAMPLES / "benefit-course-iot.yaml").read_text(encoding="utf-8"))}
    case_type = WorkerCase if kind == "worker" else EmployerCase
    result = evaluate(parse_case(data, kind))
    text = (benefit_report(case_type, result) if kind == "worker" else report(case_type, result))
    assert "{{" not in text and "{{" not in json.dumps(case_json(case_type, result), ensure_ascii=False)
