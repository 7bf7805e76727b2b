"""Japanese explanations generated from an evaluation's trace, and its JSON form.

Nothing here decides anything: it only reads the results of `engine.evaluate_case`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from navigator import dates
from navigator.facts import Facts, path_titles
from navigator.rules.engine import STATUS_JA, CaseResult, ConditionResult, RuleResult
from navigator.rules.schema import Source


def yen(amount: int | None) -> str:
    return "未確定" if amount is None else f"{amount:,}円"


def day(value: dt.date | None) -> str:
    return "未確定" if value is None else f"{dates.format_ja(value)}（{dates.wareki(value)}）"


_SEGMENT = re.compile(r"^(\w+)(?:\[(\d+)\])?$")


def missing_label(case_type: type[Facts], path: str) -> str:
    """'courses[0].trainees[1].attended_hours' -> '教育訓練1の訓練受講者2の受講時間数'."""
    segments = [_SEGMENT.match(s) for s in path.split(".")]
    names = [m.group(1) if m else s for m, s in zip(segments, path.split("."))]
    titles = path_titles(case_type, names)
    parts = [f"{title}{int(m.group(2)) + 1}" if m and m.group(2) else title
             for title, m in zip(titles, segments)]
    if len(parts) > 1 and names[0] in ("employer", "plan", "application"):
        parts = parts[1:]  # 「事業主の資本金」より「資本金」: the section is clear from the field
    return "の".join(parts)


@dataclass
class Question:
    path: str
    label: str
    settles: int  # how many undetermined conditions read this fact
    rules: list[str]


def next_questions(case_type: type[Facts], case: CaseResult) -> list[Question]:
    """Missing facts ranked by how many undetermined conditions each would help settle."""
    counts: Counter[str] = Counter()
    rules_of: dict[str, list[str]] = {}
    for result in case.results:
        for cond in _all_conditions(result):
            if cond.met is None:
                for missing in cond.missing:
                    counts[missing.path] += 1
                    rules_of.setdefault(missing.path, [])
                    if result.rule.spec.title not in rules_of[missing.path]:
                        rules_of[missing.path].append(result.rule.spec.title)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [Question(path, missing_label(case_type, path), n, rules_of[path]) for path, n in ranked]


def _all_conditions(result: RuleResult) -> list[ConditionResult]:
    conditions = list(result.conditions)
    for items in result.items.values():
        for item in items:
            conditions += item.conditions
    return conditions


def reasons(result: RuleResult) -> list[ConditionResult]:
    """The conditions that make a rule 対象外, own ones first, then those of its items."""
    own = [c for c in result.conditions if c.met is False]
    for items in result.items.values():
        for item in items:
            own += [c for c in item.conditions if c.met is False]
    return own


def condition_text(cond: ConditionResult) -> str:
    return cond.spec.failure or f"「{cond.spec.label}」を満たしていません"


@dataclass
class ApplicationGroup:
    deadline: dt.date
    items: list[tuple[str, str, dt.date]]  # (menu title, item name, applied_on)


def application_groups(case: CaseResult) -> list[ApplicationGroup]:
    """Applications whose windows overlap can be filed together by the earliest deadline.

    Seed 003 Ⅰ-6 Step5: 支給申請期間が重なる場合は、複数の申請を1回にまとめて行うことができる
    (4/10, 4/20, 4/25 に適用 → 6/10 までに1回で申請).
    """
    windows = []
    for result in case.results:
        if result.status == "ineligible":
            continue
        for items in result.items.values():
            for item in items:
                if item.ok is False or "applied_on" not in item.values or "apply_by" not in item.values:
                    continue
                windows.append((dt.date.fromisoformat(item.values["applied_on"]),
                                dt.date.fromisoformat(item.values["apply_by"]),
                                result.rule.spec.title, item.name))
    windows.sort()
    groups: list[ApplicationGroup] = []
    for applied_on, apply_by, title, name in windows:
        opens = applied_on + dt.timedelta(days=1)
        if groups and opens <= groups[-1].deadline:
            group = groups[-1]
            group.deadline = min(group.deadline, apply_by)
            group.items.append((title, name, applied_on))
        else:
            groups.append(ApplicationGroup(apply_by, [(title, name, applied_on)]))
    return groups


# --- the human report -------------------------------------------------------------------------


def report(case_type: type[Facts], case: CaseResult) -> str:
    lines: list[str] = [f"判定の基準日: {day(case.as_of)}", ""]
    classification = [r for r in case.results if r.rule.spec.role == "classification"]
    for result in classification:
        verdict = {"eligible": "該当", "ineligible": "該当しない", "undetermined": "判定不能"}[result.status]
        lines.append(f"■ {result.rule.spec.title}: {verdict}")
    menus = [r for r in case.results if r.rule.spec.role == "menu"]
    known = [r.total for r in menus if r.status == "eligible"]
    total = sum(t for t in known if t is not None)
    pending = any(r.status == "undetermined" or (r.status == "eligible" and r.total is None) for r in menus)
    lines.append(f"■ 支給見込額の合計: {total:,}円" + ("（ほかに判定不能のメニューあり）" if pending else ""))
    for result in menus:
        lines += [""] + _menu_section(case_type, result)
    requirement = [r for r in case.results if r.rule.spec.role == "requirement"]
    for result in requirement:
        if result.status != "eligible":
            lines += [""] + _requirement_section(case_type, result)
    groups = application_groups(case)
    if groups:
        lines += ["", "■ 支給申請のまとめ方（支給申請期間が重なる適用は1回にまとめて申請できます）"]
        for number, group in enumerate(groups, 1):
            lines.append(f"  申請{number}: {day(group.deadline)}までに")
            for title, name, applied_on in group.items:
                lines.append(f"    ・{title}: {name}（適用日 {dates.format_ja(applied_on)}）")
    deadlines = [(r.rule.spec.title, d) for r in case.results for d in r.deadlines]
    if deadlines:
        lines += ["", "■ 期限"]
        for title, deadline in deadlines:
            moved = f"（{dates.format_ja(deadline.moved_from)}が閉庁日のため翌開庁日）" if deadline.moved_from else ""
            lines.append(f"  ・{deadline.label}: {day(deadline.date)}{moved}  [{deadline.source.cite()}]")
    questions = next_questions(case_type, case)
    if questions:
        lines += ["", "■ あと何が分かれば判定できるか（判定に効く順）"]
        for q in questions[:15]:
            lines.append(f"  ・{q.label}（{q.path}）: {q.settles}件の条件に影響")
    historical = [r for r in case.results if r.historical]
    if historical:
        valid_to = historical[0].rule.spec.valid_to
        source = historical[0].rule.spec.validity_source
        lines += ["", f"※ この制度は{dates.format_ja(valid_to)}までの過去の制度です"
                      f"（{source.cite()}）。いまの制度は人材開発支援助成金を確認してください。"]
    unverified = _unverified_sources(case)
    if unverified:
        lines += ["", "■ 要確認（第三者の資料または未確認の数値に基づく項目）"]
        lines += [f"  ・{text}" for text in unverified]
    return "\n".join(lines)


def _menu_section(case_type: type[Facts], result: RuleResult) -> list[str]:
    spec = result.rule.spec
    lines = [f"■ {spec.title}: {STATUS_JA[result.status]}"
             + (f"  {yen(result.total)}" if result.status == "eligible" else "")]
    if result.status == "eligible":
        for amount in result.amounts:
            lines.append(f"  内訳 {amount.label}: {yen(amount.yen)}  [{amount.source.cite()}]")
        counted = {k: v for k, v in result.values.items()}
        for value in spec.values:
            if value.id in counted and value.unit == "人":
                lines.append(f"  {value.label}: {counted[value.id]}人")
    if result.status == "ineligible":
        lines.append("  対象外の理由:")
        for cond in reasons(result)[:10]:
            lines.append(f"   ・{condition_text(cond)}  [{cond.spec.source.cite()}]")
            if cond.spec.remedy:
                lines.append(f"     → {cond.spec.remedy}")
    lines += _item_lines(result)
    if result.status == "undetermined":
        lines.append("  判定できない理由（不明な事実）:")
        for missing in result.missing[:10]:
            lines.append(f"   ・{missing_label(case_type, missing.path)}")
    return lines


def _item_lines(result: RuleResult) -> list[str]:
    lines = []
    for scope in result.rule.spec.scopes:
        items = result.items.get(scope.id, [])
        if not items:
            continue
        lines.append(f"  {scope.label}:")
        for item in items:
            status = {True: "対象", False: "対象外", None: "判定不能"}[item.ok]
            lines.append(f"   ・{item.name}: {status}")
            for cond in item.conditions:
                if cond.met is False:
                    lines.append(f"      ✕ {condition_text(cond)}  [{cond.spec.source.cite()}]")
    return lines


def _requirement_section(case_type: type[Facts], result: RuleResult) -> list[str]:
    lines = [f"■ {result.rule.spec.title}: {'満たさない' if result.status == 'ineligible' else '判定不能'}"]
    for cond in result.conditions:
        if cond.met is False:
            lines.append(f"   ✕ {condition_text(cond)}  [{cond.spec.source.cite()}]")
            if cond.spec.remedy:
                lines.append(f"     → {cond.spec.remedy}")
        elif cond.met is None:
            needed = "、".join(missing_label(case_type, m.path) for m in cond.missing[:3])
            lines.append(f"   ？ {cond.spec.label}（不明: {needed}）")
    return lines


def _unverified_sources(case: CaseResult) -> list[str]:
    seen: dict[str, None] = {}
    for result in case.results:
        if result.rule.spec.role != "menu":
            continue
        for use in result.parameters:
            if not use.source.verified:
                seen[f"{use.label}: {use.value}（{use.source.cite()}）"] = None
    return list(seen)


# --- JSON form --------------------------------------------------------------------------------


def _source(source: Source) -> dict[str, Any]:
    data = source.model_dump(mode="json", exclude_none=True)
    data["verified"] = source.verified
    return data


def _condition_json(case_type: type[Facts], cond: ConditionResult) -> dict[str, Any]:
    return {
        "id": cond.spec.id,
        "label": cond.spec.label,
        "group": cond.spec.group,
        "met": cond.met,
        "facts": cond.facts,
        "missing": [{"path": m.path, "label": missing_label(case_type, m.path)} for m in cond.missing],
        "reason": condition_text(cond) if cond.met is False else None,
        "remedy": cond.spec.remedy,
        "source": _source(cond.spec.source),
    }


def result_json(case_type: type[Facts], result: RuleResult) -> dict[str, Any]:
    spec = result.rule.spec
    return {
        "rule": spec.id,
        "title": spec.title,
        "program": spec.program,
        "role": spec.role,
        "status": result.status,
        "status_ja": STATUS_JA[result.status],
        "total_yen": result.total if spec.role == "menu" else None,
        "amounts": [{"id": a.id, "label": a.label, "yen": a.yen, "source": _source(a.source)}
                    for a in result.amounts],
        "values": result.values,
        "conditions": [_condition_json(case_type, c) for c in result.conditions],
        "items": {scope: [{"path": i.path, "name": i.name, "ok": i.ok, "values": i.values,
                           "conditions": [_condition_json(case_type, c) for c in i.conditions]}
                          for i in items]
                  for scope, items in result.items.items()},
        "deadlines": [{"id": d.id, "label": d.label, "date": d.date.isoformat() if d.date else None,
                       "wareki": dates.wareki(d.date) if d.date else None,
                       "moved_from": d.moved_from.isoformat() if d.moved_from else None,
                       "source": _source(d.source)} for d in result.deadlines],
        "documents": [{"id": d.id, "label": d.label, "stage": d.stage, "needed": d.needed,
                       "note": d.note, "source": _source(d.source)} for d in result.documents],
        "parameters": [{"id": p.id, "label": p.label, "value": p.value, "since": p.since.isoformat(),
                        "source": _source(p.source)} for p in result.parameters],
        "missing": [{"path": m.path, "label": missing_label(case_type, m.path)} for m in result.missing],
        "reasons": [condition_text(c) for c in reasons(result)],
        "historical": result.historical,
        "valid_to": spec.valid_to.isoformat() if spec.valid_to else None,
    }


def case_json(case_type: type[Facts], case: CaseResult) -> dict[str, Any]:
    menus = [r for r in case.results if r.rule.spec.role == "menu"]
    return {
        "as_of": case.as_of.isoformat(),
        "total_yen": sum(r.total or 0 for r in menus if r.status == "eligible"),
        "complete": all(r.status != "undetermined" and (r.status != "eligible" or r.total is not None)
                        for r in menus),
        "results": [result_json(case_type, r) for r in case.results],
        "application_groups": [
            {"deadline": g.deadline.isoformat(),
             "items": [{"menu": t, "item": n, "applied_on": a.isoformat()} for t, n, a in g.items]}
            for g in application_groups(case)],
        "next_questions": [q.__dict__ for q in next_questions(case_type, case)],
    }

