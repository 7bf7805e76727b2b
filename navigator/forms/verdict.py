"""The verdict of the chosen program, as plain data for the HR page and the documents.

Everything here is read from the rules engine's result: status, amounts, each trainee's values,
the caps in force, the dated steps; the what-if evaluates the case again with one fact changed.
Nothing is recomputed.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from typing import Any

from navigator.facts import label_of
from navigator.forms.fill import fmt
from navigator.forms.programs import Program, programs
from navigator.rules.engine import STATUS_JA, CaseResult, ItemResult, RuleResult
from navigator.rules.explain import applicable, condition_text
from navigator.rules.loader import APPLICABILITY_GROUP

SIZES = {"sme": "中小企業", "large": "中小企業以外"}
SHOWN_UNITS = ("円", "%", "時間")  # an item's values a person reads (not its dates or internal codes)
_INDEX = re.compile(r"(\w+)\[(\d+)\]")


def size_of(result: CaseResult, program: Program) -> str | None:
    """'sme' / 'large' from the classification rule the program's rules use, None if undetermined."""
    for rule_id in program.rules:
        for target in _rule(result, rule_id).rule.spec.uses.values():
            used = _rule(result, target)
            if used.rule.spec.role == "classification":
                return {"eligible": "sme", "ineligible": "large"}.get(used.status)
    return None


def _rule(result: CaseResult, rule_id: str) -> RuleResult:
    return result.get(rule_id)


def bound(data: dict[str, Any], path: str, names: list[str]) -> dict[str, Any]:
    """'courses[0].trainees[1]' with names [course, trainee] -> {course: …, trainee: …, worker: …}."""
    out: dict[str, Any] = {}
    node: Any = data
    for name, (key, index) in zip(names, _INDEX.findall(path)):
        node = (node.get(key) or [])[int(index)]
        out[name] = node
    workers = {w.get("id"): w for w in data.get("workers") or []}
    person = next((v for v in reversed(list(out.values())) if isinstance(v, dict) and "worker_id" in v), {})
    out["worker"] = workers.get(person.get("worker_id"), {})
    return out


def _value_text(value: Any, unit: str | None) -> str:
    if unit == "円":
        return fmt(int(value), "yen")
    if unit == "%":
        return f"{fmt(value, 'number')}%"
    return fmt(value, "hours")


def shown_values(rule: RuleResult, scope) -> list[dict[str, str]]:
    """The values of a scope a person reads in the verdict's table: amounts, rates, hours."""
    return [{"id": v.id, "label": rule.shown(v).label} for v in scope.values if v.unit in SHOWN_UNITS]


def item_view(rule: RuleResult, item: ItemResult, data: dict[str, Any]) -> dict[str, Any]:
    scope = next(s for s in rule.rule.spec.scopes if s.id == item.scope)
    joined = bound(data, item.path, scope.names)
    course, trainee, worker = joined.get("course", {}), joined.get("trainee", {}), joined["worker"]
    shown = {v.id: _value_text(item.values[v.id], v.unit)
             for v in scope.values if v.unit in SHOWN_UNITS and v.id in item.values}
    failed = [c for c in item.conditions if c.met is False]
    return {
        "scope": item.scope,
        "path": item.path,
        "name": item.name,
        "course_name": course.get("name") or "",
        "worker_id": trainee.get("worker_id") or "",
        "worker_name": worker.get("name") or "",
        "staff_type": label_of("staff_type", trainee["staff_type"]) if trainee.get("staff_type") else "",
        "status": {True: "対象", False: "対象外", None: "判定不能"}[item.ok],
        "ok": item.ok,
        "values": dict(item.values),
        "shown": shown,
        "reasons": [{"text": condition_text(c), "remedy": c.remedy, "source": c.spec.source.cite()} for c in failed],
        "applicable": not any(c.spec.group == APPLICABILITY_GROUP for c in failed),
        "course": course,
        "trainee": trainee,
        "worker": worker,
    }


def caps(rule: RuleResult, program: Program, size: str | None) -> list[dict[str, Any]]:
    """The caps the program shows, as in force for this case (its company size when known)."""
    uses = {p.id: p for p in rule.parameters}
    out = []
    for pid in program.caps:
        if pid not in uses:
            continue
        unit = rule.rule.spec.parameters[pid].unit
        value = uses[pid].value
        if isinstance(value, dict) and set(value) <= set(SIZES):
            parts = [value[size]] if size in value else [value[k] for k in SIZES if k in value]
            labels = [""] if size in value else [f"{SIZES[k]} " for k in SIZES if k in value]
            text = "、".join(f"{label}{_amount(v, unit)}" for label, v in zip(labels, parts))
        else:
            text = _amount(value, unit)
        out.append({"label": uses[pid].label, "text": text, "source": uses[pid].source.cite()})
    return out


def _amount(value: Any, unit: str | None) -> str:
    if isinstance(value, list):
        return "／".join(_amount(v, unit) for v in value)
    if unit == "円":
        return fmt(value, "yen")
    return f"{fmt(value, 'number')}{unit or ''}"


def rule_view(rule: RuleResult, data: dict[str, Any], program: Program, size: str | None) -> dict[str, Any]:
    spec = rule.rule.spec
    return {
        "id": spec.id,
        "title": spec.title,
        "applicable": applicable(rule),
        "status": rule.status,
        "status_ja": STATUS_JA[rule.status],
        "total_yen": rule.total,
        "amounts": [{"id": a.id, "label": a.label, "yen": a.yen, "source": a.source.cite()} for a in rule.amounts]
        if rule.status != "ineligible" else [],
        "reasons": [{"text": condition_text(c), "remedy": c.remedy, "source": c.spec.source.cite()}
                    for c in rule.conditions if c.met is False],
        "remedies": [c.remedy for c in rule.conditions if c.met is None and c.remedy],
        "scopes": [{"id": scope.id, "label": scope.label, "columns": shown_values(rule, scope),
                    "items": [view for view in (item_view(rule, item, data) for item in rule.items.get(scope.id, []))
                              if view["applicable"]]}
                   for scope in spec.scopes],
        "deadlines": [{"id": d.id, "label": d.label, "date": d.date.isoformat() if d.date else None,
                       "source": d.source.cite()} for d in rule.deadlines],
        "caps": caps(rule, program, size),
        "notes": list(spec.notes),
    }


def verdict(data: dict[str, Any], result: CaseResult, program: Program) -> dict[str, Any]:
    size = size_of(result, program)
    rules = [rule_view(_rule(result, r), data, program, size) for r in program.rules]
    concerned = [r for r in rules if r["applicable"]]
    ended = program.ended(result.as_of)
    return {
        "program_id": program.id,
        "title": program.title,
        "ended": ended,
        # ended before the date the case is judged on and paying nothing: named, not detailed (as the engine's report)
        "past": ended and not any(r["status"] == "eligible" for r in rules),
        "valid_to": program.valid_to().isoformat() if program.valid_to() else None,
        "size": size,
        "size_label": SIZES.get(size, "判定不能"),
        "rules": rules,
        "total_yen": sum(r["total_yen"] or 0 for r in concerned if r["status"] == "eligible"),
        "complete": all(r["status"] != "undetermined" and r["total_yen"] is not None for r in concerned),
        "concerned": bool(concerned),
    }


def others(result: CaseResult, chosen: Program) -> list[dict[str, str]]:
    """One line for each other program: what the same facts give there."""
    lines = []
    for program in programs():
        if program.id == chosen.id:
            continue
        results = [_rule(result, r) for r in program.rules]
        if program.ended(result.as_of):
            text = f"{_jdate(program.valid_to())}で終了した制度"
        elif not any(applicable(r) for r in results):
            text = "該当しません"
        else:
            totals = [r.total for r in results if r.status == "eligible"]
            statuses = {STATUS_JA[r.status] for r in results if applicable(r)}
            text = "・".join(sorted(statuses)) + (f"（{sum(t or 0 for t in totals):,}円）" if totals else "")
        lines.append({"id": program.id, "title": program.title, "text": text})
    return lines


def _jdate(day: dt.date) -> str:
    return fmt(day.isoformat(), "jdate")


def what_if(data: dict[str, Any], result: CaseResult, program: Program, evaluate) -> list[dict[str, Any]]:
    """For each what-if of the program whose fact is not already so: the amounts that change.

    `evaluate(data) -> CaseResult` is the same evaluation as the case's own, with the changed fact."""
    out = []
    for question in program.what_if:
        section, _, name = question.fact.partition(".")
        if (data.get(section) or {}).get(name) == question.value:
            continue
        changed = copy.deepcopy(data)
        changed.setdefault(section, {})[name] = question.value
        other = evaluate(changed)
        lines = []
        for rule_id in program.rules:
            lines += _differences(_rule(result, rule_id), _rule(other, rule_id))
        if lines:
            out.append({"label": question.label, "lines": lines})
    return out


def _differences(before: RuleResult, after: RuleResult) -> list[str]:
    lines: list[str] = []
    units = {v.id: (before.shown(v).label, v.unit) for s in before.rule.spec.scopes for v in s.values}
    rates: dict[tuple[str, Any, Any], None] = {}
    for scope, items in before.items.items():
        for old, new in zip(items, after.items.get(scope, [])):
            for key, (label, unit) in units.items():
                a, b = old.values.get(key), new.values.get(key)
                if unit == "%" and a is not None and b is not None and a != b:
                    rates[(label, a, b)] = None
    for label, a, b in rates:
        lines.append(f"{label.split('（')[0]}が{fmt(a, 'number')}%から{fmt(b, 'number')}%に"
                     f"（{b - a:+g}ポイント）")
    old_amounts = {a.id: a for a in before.amounts}
    for amount in after.amounts:
        old = old_amounts.get(amount.id)
        if old and old.yen is not None and amount.yen is not None and old.yen != amount.yen:
            lines.append(f"{amount.label}が{old.yen:,}円から{amount.yen:,}円に（{amount.yen - old.yen:+,}円）")
    if before.total is not None and after.total is not None and before.total != after.total:
        lines.append(f"支給見込額が{before.total:,}円から{after.total:,}円に（{after.total - before.total:+,}円）")
    return lines
