"""A scope's expressions run for all its items at once (loader.over_items) give the same results
as run item by item, also when that run fails and each item falls back to its own runs."""

import copy

import yaml

from navigator import PROJECT_ROOT
from navigator.facts import EmployerCase
from navigator.rules import rule_base
from navigator.rules.engine import evaluate_case

EXAMPLE = yaml.safe_load((PROJECT_ROOT / "examples/kigyounai-combined.yaml").read_text(encoding="utf-8"))


def _item_by_item():
    base = rule_base()
    for rule in base.rules.values():
        for scope in rule.scopes:
            scope.condition_items = scope.value_items = None
    return base


def _items(case: dict, base) -> list:
    facts = EmployerCase.model_validate(case).activation()
    result = evaluate_case(base, "employer", facts, EmployerCase.model_validate(case).as_of)
    return [(r.rule.spec.id, r.status, item.path, item.name, item.values,
             [(c.spec.id, c.met, [m.path for m in c.missing], c.facts, c.remedy) for c in item.conditions])
            for r in result.results for items in r.items.values() for item in items]


def _variants() -> list[dict]:
    two_trainees = copy.deepcopy(EXAMPLE)
    course = two_trainees["courses"][0]
    course["trainees"].append({**course["trainees"][0], "worker_id": "nobody"})
    missing_hours = copy.deepcopy(two_trainees)
    del missing_hours["courses"][0]["trainees"][1]["attended_hours"]
    uninsured = copy.deepcopy(two_trainees)
    del uninsured["workers"][0]["insured"]
    return [EXAMPLE, two_trainees, missing_hours, uninsured]


def test_all_items_at_once_gives_what_item_by_item_gives():
    at_once, one_by_one = rule_base(), _item_by_item()
    for case in _variants():
        items = _items(case, at_once)
        assert items and items == _items(case, one_by_one)


def test_a_missing_fact_of_one_item_is_reported_for_that_item():
    case = _variants()[2]
    trainees = [i for i in _items(case, rule_base())
                if i[0] == "kigyounai.training_evaluation" and i[2].startswith("courses[0].trainees")]
    missing = {i[2]: [m for c in i[5] for m in c[2]] for i in trainees}
    assert "courses[0].trainees[1].attended_hours" in missing["courses[0].trainees[1]"]
    assert missing["courses[0].trainees[0]"] == []
