"""Table-driven scenario files (rules/**/tests/*.yaml): facts in, expected answers out.

A file has `base` facts and `cases`; each case changes the base with `patch` and states what it
expects, citing where the expected value comes from (`source`). A patch merges: dicts key by key,
lists element by element (the patch's length wins), other values replace, null deletes a key.
See rules/README.md for every key of `expect`.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from navigator.facts import CASE_TYPES
from navigator.rules import evaluate, parse_case
from navigator.rules.explain import application_groups, next_questions, reasons
from navigator.yamlfile import load_facts_yaml


@dataclass
class Scenario:
    file: Path
    name: str
    source: str
    kind: str
    facts: dict[str, Any]
    as_of: str | None
    expect: dict[str, Any]


def merge(base: Any, patch: Any) -> Any:
    if isinstance(base, dict) and isinstance(patch, dict):
        merged = dict(base)
        for key, value in patch.items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = merge(base.get(key), value)
        return merged
    if isinstance(base, list) and isinstance(patch, list):
        return [merge(base[i], item) if i < len(base) else copy.deepcopy(item)
                for i, item in enumerate(patch)]
    return copy.deepcopy(patch)


def load_scenarios(path: Path) -> list[Scenario]:
    data = load_facts_yaml(path.read_text(encoding="utf-8"))
    kind = data.get("facts", "employer")
    base = data.get("base", {})
    if "base_file" in data:  # a shared example, e.g. examples/kigyounai-combined.yaml
        shared = load_facts_yaml((path.parent / data["base_file"]).read_text(encoding="utf-8"))
        base = merge(shared, base)
    scenarios = []
    for case in data["cases"]:
        if not case.get("source"):
            raise ValueError(f"{path}: case '{case.get('name')}' has no source for its expected values")
        facts = merge(base, case.get("patch", {})) if "facts" not in case else case["facts"]
        scenarios.append(Scenario(path, case["name"], case["source"], kind, facts,
                                  case.get("as_of"), case["expect"]))
    return scenarios


def check(scenario: Scenario) -> list[str]:
    """Returns what differs from the expectation (empty when the case passes)."""
    case_type = CASE_TYPES[scenario.kind]
    case = parse_case(scenario.facts, scenario.kind)
    result = evaluate(case, dt.date.fromisoformat(scenario.as_of) if scenario.as_of else None)
    problems: list[str] = []
    expect = scenario.expect

    def differ(what: str, got: Any, want: Any) -> None:
        if got != want:
            problems.append(f"{what}: expected {want!r}, got {got!r}")

    menus = [r for r in result.results if r.rule.spec.role == "menu"]
    if "total_yen" in expect:
        differ("total_yen", sum(r.total or 0 for r in menus if r.status == "eligible"), expect["total_yen"])
    for rule_id, want in expect.get("rules", {}).items():
        got = result.get(rule_id)
        if "status" in want:
            differ(f"{rule_id}.status", got.status, want["status"])
        if "total_yen" in want:
            differ(f"{rule_id}.total_yen", got.total, want["total_yen"])
        for amount_id, yen in want.get("amounts", {}).items():
            differ(f"{rule_id}.amounts.{amount_id}",
                   next((a.yen for a in got.amounts if a.id == amount_id), "absent"), yen)
        for value_id, value in want.get("values", {}).items():
            differ(f"{rule_id}.values.{value_id}", got.values.get(value_id, "absent"), value)
        for cond_id, met in want.get("conditions", {}).items():
            found = [c.met for c in got.conditions if c.spec.id == cond_id]
            differ(f"{rule_id}.conditions.{cond_id}", found[0] if found else "absent", met)
        for scope, wants in want.get("items", {}).items():
            items = got.items.get(scope, [])
            for index, item_want in enumerate(wants):
                if index >= len(items):
                    problems.append(f"{rule_id}.items.{scope}[{index}]: absent")
                    continue
                item = items[index]
                if "ok" in item_want:
                    differ(f"{rule_id}.items.{scope}[{index}].ok", item.ok, item_want["ok"])
                for cond_id, met in item_want.get("conditions", {}).items():
                    found = [c.met for c in item.conditions if c.spec.id == cond_id]
                    differ(f"{rule_id}.items.{scope}[{index}].{cond_id}", found[0] if found else "absent", met)
                for value_id, value in item_want.get("values", {}).items():
                    differ(f"{rule_id}.items.{scope}[{index}].values.{value_id}",
                           item.values.get(value_id, "absent"), value)
        for deadline_id, day in want.get("deadlines", {}).items():
            found = [d.date.isoformat() if d.date else None for d in got.deadlines if d.id == deadline_id]
            differ(f"{rule_id}.deadlines.{deadline_id}", found[0] if found else "absent", str(day))
        for text in want.get("reasons_include", []):
            labels = [c.spec.id for c in reasons(got)]
            if text not in labels:
                problems.append(f"{rule_id}: expected reason '{text}' among {labels}")
        for path in want.get("missing_include", []):
            paths = [m.path for m in got.missing]
            if path not in paths:
                problems.append(f"{rule_id}: expected missing fact '{path}' among {paths}")
        if "documents" in want:
            needed = sorted(d.id for d in got.documents if d.needed)
            differ(f"{rule_id}.documents", needed, sorted(want["documents"]))
    if "application_groups" in expect:
        groups = [{"deadline": g.deadline.isoformat(), "count": len(g.items)}
                  for g in application_groups(result)]
        differ("application_groups", groups,
               [{"deadline": str(g["deadline"]), "count": g["count"]} for g in expect["application_groups"]])
    if "first_question" in expect:
        questions = next_questions(case_type, result)
        differ("first_question", questions[0].path if questions else None, expect["first_question"])
    return problems


def scenario_files(rules_dir: Path) -> list[Path]:
    return sorted(p for p in rules_dir.rglob("tests/*.yaml"))

