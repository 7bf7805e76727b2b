"""The engine changes made for the worker side: worker facts, remedy templates, libraries used by
both fact kinds, undetermined 'no value' answers, timeline steps, the benefit command."""

import datetime as dt
import json
import textwrap
from pathlib import Path

import pytest

from navigator import PROJECT_ROOT
from navigator.cli import main
from navigator.facts import WorkerCase
from navigator.rules import FactsError, evaluate, parse_case
from navigator.rules.engine import evaluate_case
from navigator.rules.explain import benefit_report, case_json, timeline
from navigator.rules.expressions import FUNCTIONS
from navigator.rules.loader import RuleLoadError, load_rule_base, load_rule_file

EXAMPLES = PROJECT_ROOT / "examples"

WORKER = {
    "as_of": "2024-05-01",
    "worker": {"insured_at_start": True, "insured_since": "2023-06-01", "previous_benefits": []},
}
GENERAL = {"kind": "general", "name": "計算例", "designation_start": "2023-04-01",
           "designation_end": "2026-03-31", "fee_yen": 20004, "start_date": "2024-04-01",
           "end_date": "2024-06-30", "completed": True}


def evaluate_worker(worker, course):
    case = parse_case({**worker, "course": course}, "worker")
    return case, evaluate(case)


def _condition(result, rule_id, cond_id):
    return next(c for c in result.get(rule_id).conditions if c.spec.id == cond_id)


def test_remedy_template_is_filled_from_the_case():
    _, result = evaluate_worker(WORKER, GENERAL)
    period = _condition(result, "kyufu.general", "insured_period")
    assert period.met is False
    assert "2024年5月31日（令和6年5月31日）" in period.remedy
    assert "あと2か月" in period.remedy
    floor = _condition(result, "kyufu.general", "above_floor")
    assert floor.met is False and "20,005円以上" in floor.remedy


def test_remedy_is_not_shown_when_met():
    _, result = evaluate_worker(WORKER, {**GENERAL, "start_date": "2024-06-03", "fee_yen": 100000})
    assert _condition(result, "kyufu.general", "insured_period").remedy is None
    assert result.get("kyufu.general").total == 20000


def test_unknown_whole_list_is_undetermined_and_asked_for():
    course = {**GENERAL, "kind": "specific_general", "fee_yen": 100000, "start_date": "2024-10-15",
              "end_date": "2025-03-31", "designation_start": "2024-04-01"}
    worker = {**WORKER, "worker": {**WORKER["worker"], "insured_since": "2015-04-01",
                                   "eligibility_checked_on": "2024-09-20"}}
    _, result = evaluate_worker(worker, course)
    pre = result.get("kyufu.pre_course")
    assert pre.status == "undetermined"
    assert "consultings" in [m.path for m in pre.missing]
    _, result = evaluate_worker({**worker, "consultings": []}, course)
    assert result.get("kyufu.pre_course").status == "ineligible"


def test_library_runs_only_for_the_rules_that_use_it():
    base = load_rule_base()
    assert "jobcard.consulting" in [r.spec.id for r in base.for_facts("worker")]
    assert "jobcard.consulting" not in [r.spec.id for r in base.for_facts("employer")]
    result = evaluate(parse_case(_load(EXAMPLES / "kigyounai-combined.yaml")))
    with pytest.raises(KeyError):
        result.get("jobcard.consulting")


def _load(path: Path):
    from navigator.yamlfile import load_facts_yaml
    return load_facts_yaml(path.read_text(encoding="utf-8"))


RULE = """
id: test.rule
title: テスト
program: テスト
facts: {facts}
validity_source: {{doc: seed-003, section: test}}
conditions:
  - id: c
    label: テスト
    expr: "{expr}"
    remedy: "{remedy}"
    source: {{doc: seed-003, section: test}}
"""


def _rule(tmp_path, facts="worker", expr="true", remedy="text"):
    path = tmp_path / "rule.yaml"
    path.write_text(textwrap.dedent(RULE.format(facts=facts, expr=expr, remedy=remedy)), encoding="utf-8")
    return path


def test_remedy_placeholder_naming_an_unknown_fact_fails_at_load(tmp_path):
    with pytest.raises(RuleLoadError, match="unknown fact 'course.no_such_field'"):
        load_rule_file(_rule(tmp_path, remedy="{{ course.no_such_field }}"))
    with pytest.raises(RuleLoadError, match="unbalanced"):
        load_rule_file(_rule(tmp_path, remedy="{{ course.fee_yen"))
    assert load_rule_file(_rule(tmp_path, remedy="あと{{ yen(course.fee_yen) }}"))


def test_a_rule_for_both_kinds_must_read_paths_of_each(tmp_path):
    assert load_rule_file(_rule(tmp_path, facts="[employer, worker]", expr="size(consultings) > 0"))
    with pytest.raises(RuleLoadError, match="course.fee_yen"):
        load_rule_file(_rule(tmp_path, facts="[employer, worker]", expr="course.fee_yen > 0"))


def test_functions_for_periods_and_text():
    assert FUNCTIONS["months_until"]("2024-04-01", "2024-05-31") == 2
    assert FUNCTIONS["months_until"]("2024-04-01", "2024-05-01") == 1
    assert FUNCTIONS["months_until"]("2024-04-01", "2024-03-01") == 0
    assert FUNCTIONS["months_until"]("2024-01-31", "2024-02-29") == 1
    assert FUNCTIONS["age_on"]("1980-03-31", "2025-03-31") == 45
    assert FUNCTIONS["age_on"]("1980-04-01", "2025-03-31") == 45  # reached the day before
    assert FUNCTIONS["age_on"]("1980-04-02", "2025-03-31") == 44
    assert FUNCTIONS["age_on"]("2000-03-01", "2025-02-28") == 25  # born 3/1: the day before is 2/28
    assert FUNCTIONS["fiscal_year"]("2026-03-31") == 2025
    assert FUNCTIONS["range"](3) == [0, 1, 2]
    assert FUNCTIONS["yen"](1234567) == "1,234,567円"
    assert FUNCTIONS["date_ja"]("2019-05-01") == "2019年5月1日（令和元年5月1日）"


def test_earliest_of_nothing_is_undetermined_not_an_error(tmp_path):
    path = _rule(tmp_path, expr="earliest(consultings.map(c, c.conducted_on)) < '2024-01-01'")
    from navigator.rules.loader import RuleBase
    rule = load_rule_file(path)
    case = WorkerCase.model_validate({"consultings": []})
    result = evaluate_case(RuleBase({"test.rule": rule}, ["test.rule"]), "worker", case.activation(),
                           dt.date(2024, 1, 1))
    assert result.get("test.rule").status == "undetermined"


def test_timeline_is_dated_and_ordered():
    case, result = evaluate_worker(_load(EXAMPLES / "benefit-worker.yaml"),
                                   _load(EXAMPLES / "benefit-course-iot.yaml"))
    steps = [s for s in timeline(result) if s.date]
    assert [s.date for s in steps] == sorted(s.date for s in steps)
    assert steps[0].date == dt.date(2024, 9, 17)  # 14 days before 2024-10-01
    paid = [s for s in steps if s.yen]
    assert paid[0].date == dt.date(2025, 4, 30) and paid[0].yen == 344080
    text = benefit_report(WorkerCase, result, case.course.model_dump(mode="json", exclude_none=True))
    assert "344,080円" in text and "2024年9月17日（令和6年9月17日）" in text
    assert "要確認" in text
    data = case_json(WorkerCase, result)
    assert data["timeline"][0]["date"] == "2024-09-17"
    assert any("要確認" in u for u in data["unverified"])


def test_bad_worker_facts_name_the_field():
    with pytest.raises(FactsError) as info:
        evaluate_worker({"worker": {"insured_since": "2024-02-30"}}, GENERAL)
    assert info.value.problems[0]["field"] == "worker.insured_since"
    assert "存在しない日付" in info.value.problems[0]["message"]


def test_benefit_command_prints_amounts_dates_and_sources(capsys):
    code = main(["benefit", str(EXAMPLES / "benefit-worker.yaml"), str(EXAMPLES / "benefit-course-iot.yaml")])
    out = capsys.readouterr().out
    assert code == 0
    assert "■ 専門実践教育訓練給付金: 対象  344,080円" in out
    assert "■ 手順と期限（日付順）" in out and "厚生労働省「教育訓練給付制度」" in out


def test_benefit_command_json(capsys):
    code = main(["benefit", str(EXAMPLES / "benefit-worker.yaml"), str(EXAMPLES / "benefit-course-iot.yaml"),
                 "--json", "--as-of", "令和6年9月1日"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["as_of"] == "2024-09-01"
    professional = next(r for r in data["results"] if r["rule"] == "kyufu.professional")
    assert professional["total_yen"] == 344080 and professional["applicable"] is True


def test_benefit_command_bad_input_exits_2_in_japanese(tmp_path, capsys):
    bad = tmp_path / "course.yaml"
    bad.write_text("kind: 一般\nfee_yen: たくさん\n", encoding="utf-8")
    code = main(["benefit", str(EXAMPLES / "benefit-worker.yaml"), str(bad)])
    err = capsys.readouterr().err
    assert code == 2
    assert "course.kind" in err and "course.fee_yen" in err and "整数で入力してください" in err
    assert main(["benefit", str(tmp_path / "none.yaml")]) == 2
    assert "ファイルが見つかりません" in capsys.readouterr().err
