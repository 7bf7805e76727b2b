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
from navigator.rules.engine import STATUS_JA, STATUS_OF, CaseResult, ConditionResult, RuleResult
from navigator.rules.loader import APPLICABILITY_GROUP
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
    if len(parts) > 1 and names[0] in ("employer", "plan", "application", "worker", "course", "leave_plan"):
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
    wanted = concerned(case)
    for result in case.results:
        if result.rule.spec.id not in wanted:
            continue  # the program does not concern the case: its unknowns do not matter
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


def applicable(result: RuleResult) -> bool:
    """False when a condition of the group '対象' fails: the program does not concern the case."""
    return not any(c.met is False and c.spec.group == APPLICABILITY_GROUP for c in result.conditions)


def concerned(case: CaseResult) -> set[str]:
    """Ids of the rules that matter for the case: applicable menus and summaries, and what they use."""
    by_id = {r.rule.spec.id: r for r in case.results}
    pending = [r.rule.spec.id for r in case.results
               if r.rule.spec.role in ("menu", "summary") and applicable(r) and not _past(r)]
    seen: set[str] = set()
    while pending:
        current = pending.pop()
        if current in seen or current not in by_id:
            continue
        seen.add(current)
        pending.extend(by_id[current].rule.spec.uses.values())
    return seen


def _past(result: RuleResult) -> bool:
    """A program that ended before the date asked and does not pay this case: named, not detailed."""
    return result.historical and result.status != "eligible"


def _not_applicable_why(result: RuleResult) -> str:
    return "、".join(condition_text(c) for c in result.conditions
                    if c.met is False and c.spec.group == APPLICABILITY_GROUP)


def _item_applicable(item) -> bool:
    return not any(c.met is False and c.spec.group == APPLICABILITY_GROUP for c in item.conditions)


@dataclass
class Step:
    date: dt.date | None
    label: str
    yen: int | None
    source: Source
    title: str  # the rule's title
    moved_from: dt.date | None = None


def timeline(case: CaseResult) -> list[Step]:
    """Every dated step of the rules that concern the case, in date order (undated last)."""
    steps: list[Step] = []
    for result in case.results:
        if not applicable(result) or (result.rule.spec.role == "menu" and result.status == "ineligible"):
            continue  # steps of a program that does not pay this case would mislead
        title = result.rule.spec.title
        for deadline in result.deadlines:
            steps.append(Step(deadline.date, deadline.label, None, deadline.source, title,
                              deadline.moved_from))
        for value in result.rule.spec.values:
            if not value.timeline or value.id not in result.values:
                continue
            for entry in result.values[value.id] or []:
                day_ = dt.date.fromisoformat(entry["date"]) if entry.get("date") else None
                steps.append(Step(day_, entry.get("label", result.shown(value).label), entry.get("yen"),
                                  value.source or result.rule.spec.validity_source, title))
    return sorted(steps, key=lambda s: (s.date is None, s.date or dt.date.min))


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
    wanted = concerned(case)
    classification = [r for r in case.results
                      if r.rule.spec.role == "classification" and r.rule.spec.id in wanted]
    for result in classification:
        verdict = {"eligible": "該当", "ineligible": "該当しない", "undetermined": "判定不能"}[result.status]
        lines.append(f"■ {result.rule.spec.title}: {verdict}")
    others = [r for r in case.results if r.rule.spec.role == "menu" and not applicable(r)]
    past = [r for r in case.results if r.rule.spec.role == "menu" and applicable(r) and _past(r)]
    menus = [r for r in case.results if r.rule.spec.role == "menu" and applicable(r) and not _past(r)]
    known = [r.total for r in menus if r.status == "eligible"]
    total = sum(t for t in known if t is not None)
    pending = any(r.status == "undetermined" or (r.status == "eligible" and r.total is None) for r in menus)
    lines.append(f"■ 支給見込額の合計: {total:,}円" + ("（ほかに判定不能のメニューあり）" if pending else ""))
    for result in menus:
        lines += [""] + _menu_section(case_type, result)
    requirement = [r for r in case.results if r.rule.spec.role == "requirement"]
    for result in requirement:
        if result.status != "eligible" and applicable(result) and result.rule.spec.id in wanted:
            lines += [""] + _requirement_section(case_type, result)
    groups = application_groups(case)
    if groups:
        lines += ["", "■ 支給申請のまとめ方（支給申請期間が重なる適用は1回にまとめて申請できます）"]
        for number, group in enumerate(groups, 1):
            lines.append(f"  申請{number}: {day(group.deadline)}までに")
            for title, name, applied_on in group.items:
                lines.append(f"    ・{title}: {name}（適用日 {dates.format_ja(applied_on)}）")
    deadlines = [(r.rule.spec.title, d) for r in case.results if r.rule.spec.id in wanted
                 for d in r.deadlines]
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
    historical = [r for r in case.results if r.historical and r.rule.spec.id in wanted]
    if past:
        lines += ["", "■ 判定の基準日には終わっている過去の制度（この事業主は対象になりません）: "
                  + "、".join(r.rule.spec.title for r in past)]
    if historical:
        valid_to = historical[0].rule.spec.valid_to
        source = historical[0].rule.spec.validity_source
        lines += ["", f"※ この制度は{dates.format_ja(valid_to)}までの過去の制度です"
                      f"（{source.cite()}）。いまの制度は人材開発支援助成金を確認してください。"]
    if others:
        lines += ["", "■ この事業主の事実には該当しない助成: "
                  + "、".join(r.rule.spec.title for r in others)]
    unverified = unverified_sources(case)
    if unverified:
        lines += ["", "■ 要確認（第三者の資料または未確認の数値に基づく項目）"]
        lines += [f"  ・{text}" for text in unverified]
    return "\n".join(lines)


def _menu_section(case_type: type[Facts], result: RuleResult) -> list[str]:
    spec = result.rule.spec
    if not applicable(result):
        return [f"■ {spec.title}: 該当しません（{_not_applicable_why(result)}）"]
    lines = [f"■ {spec.title}: {STATUS_JA[result.status]}"
             + (f"  {yen(result.total)}" if result.status == "eligible" else "")]
    if result.status == "eligible":
        for amount in result.amounts:
            lines.append(f"  内訳 {amount.label}: {yen(amount.yen)}  [{amount.source.cite()}]")
        counted = {k: v for k, v in result.values.items()}
        for value in spec.values:
            if value.id in counted and value.unit == "人":
                lines.append(f"  {result.shown(value).label}: {counted[value.id]}人")
    if result.status == "ineligible":
        lines.append("  対象外の理由:")
        for cond in reasons(result)[:10]:
            lines.append(f"   ・{condition_text(cond)}  [{cond.spec.source.cite()}]")
            if cond.remedy:
                lines.append(f"     → {cond.remedy}")
    lines += _item_lines(result)
    if result.status == "undetermined":
        lines.append("  判定できない理由（不明な事実）:")
        for missing in result.missing[:10]:
            lines.append(f"   ・{missing_label(case_type, missing.path)}")
        for cond in result.conditions:
            if cond.met is None and cond.remedy:
                lines.append(f"     → {cond.remedy}")
    return lines


def _item_lines(result: RuleResult) -> list[str]:
    lines = []
    for scope in result.rule.spec.scopes:
        items = [i for i in result.items.get(scope.id, []) if _item_applicable(i)]
        if not items:
            continue
        lines.append(f"  {scope.label}:")
        for item in items:
            status = STATUS_JA[STATUS_OF[item.ok]]
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
            if cond.remedy:
                lines.append(f"     → {cond.remedy}")
        elif cond.met is None:
            needed = "、".join(missing_label(case_type, m.path) for m in cond.missing[:3])
            lines.append(f"   ？ {cond.spec.label}（不明: {needed}）")
    return lines


def unverified_sources(case: CaseResult) -> list[str]:
    """Figures and requirements resting on a [3P] or [?] source, for the rules that concern the case."""
    seen: dict[str, None] = {}
    periods: dict[str, list[str]] = {}  # one line per unverified period of validity
    for result in case.results:
        if result.rule.spec.role not in ("menu", "requirement") or not applicable(result):
            continue
        validity = result.rule.spec.validity_source
        if not validity.verified:
            periods.setdefault(f"{validity.cite()}{_note(validity)}", []).append(result.rule.spec.title)
        for use in result.parameters:
            if not use.source.verified:
                seen[f"{use.label}: {_show(use.value)}（{use.source.cite()}{_note(use.source)}）"] = None
        for cond in _all_conditions(result):
            if not cond.spec.source.verified:
                seen[f"{cond.spec.label}（{cond.spec.source.cite()}{_note(cond.spec.source)}）"] = None
        for item in [*result.amounts, *result.deadlines]:
            if not item.source.verified:
                seen[f"{item.label}（{item.source.cite()}{_note(item.source)}）"] = None
    lines = [f"実施期間（{'、'.join(titles)}）: {source}" for source, titles in periods.items()]
    return lines + list(seen)


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, dict):
        return "、".join(f"{k}: {_show(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "、".join(_show(v) for v in value)
    return str(value)


def _note(source: Source) -> str:
    return f"。{source.note}" if source.note else ""


# --- JSON form --------------------------------------------------------------------------------


def _source(source: Source) -> dict[str, Any]:
    """Sources are the rule files' own (a fixed set) and a company's JSON cites them hundreds of
    times: each is dumped once (dumping was half the time of building the JSON)."""
    cached = _SOURCE_JSON.get(id(source))
    if cached is None or cached[0] is not source:
        data = source.model_dump(mode="json", exclude_none=True)
        data["verified"] = source.verified
        cached = _SOURCE_JSON[id(source)] = (source, data)  # the source kept: its id stays its own
    return dict(cached[1])  # a copy: the caller owns its JSON


_SOURCE_JSON: dict[int, tuple[Source, dict[str, Any]]] = {}


def _condition_json(case_type: type[Facts], cond: ConditionResult) -> dict[str, Any]:
    return {
        "id": cond.spec.id,
        "label": cond.spec.label,
        "group": cond.spec.group,
        "met": cond.met,
        "facts": cond.facts,
        "missing": [{"path": m.path, "label": missing_label(case_type, m.path)} for m in cond.missing],
        "reason": condition_text(cond) if cond.met is False else None,
        "remedy": cond.remedy,
        "source": _source(cond.spec.source),
    }


def result_json(case_type: type[Facts], result: RuleResult) -> dict[str, Any]:
    spec = result.rule.spec
    return {
        "rule": spec.id,
        "title": spec.title,
        "program": spec.program,
        "role": spec.role,
        "applicable": applicable(result),
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
        "timeline": [{"date": s.date.isoformat() if s.date else None,
                      "wareki": dates.wareki(s.date) if s.date else None,
                      "label": s.label, "yen": s.yen, "program": s.title,
                      "moved_from": s.moved_from.isoformat() if s.moved_from else None,
                      "source": _source(s.source)} for s in timeline(case)],
        "unverified": unverified_sources(case),
    }



# --- the worker's report (navigator benefit) --------------------------------------------------


def benefit_report(case_type: type[Facts], case: CaseResult, course: dict[str, Any] | None = None) -> str:
    """The worker's answer: amounts per program, the dated steps, reasons, what-if and sources."""
    lines: list[str] = [f"判定の基準日: {day(case.as_of)}"]
    if course:
        name = course.get("name") or "（講座名なし）"
        lines.append(f"講座: {name}")
        if course.get("designation_number"):
            period = ""
            if course.get("designation_start") and course.get("designation_end"):
                period = (f"、指定期間 {dates.format_ja(dt.date.fromisoformat(course['designation_start']))}〜"
                          f"{dates.format_ja(dt.date.fromisoformat(course['designation_end']))}")
            lines.append(f"  指定番号 {course['designation_number']}{period}")
    menus = [r for r in case.results if r.rule.spec.role == "menu"]
    concerned = [r for r in menus if applicable(r)]
    known = sum(r.total or 0 for r in concerned if r.status == "eligible")
    pending = any(r.status == "undetermined" or (r.status == "eligible" and r.total is None)
                  for r in concerned)
    lines += ["", f"■ 支給見込額の合計: {known:,}円" + ("（ほかに判定不能・未確定の給付あり）" if pending else "")]
    for result in concerned:
        lines += [""] + _menu_section(case_type, result) + _prospects(result)
    for result in case.results:
        if result.rule.spec.role == "requirement" and result.status != "eligible" and applicable(result):
            lines += [""] + _requirement_section(case_type, result)
    for result in case.results:
        if result.rule.spec.role == "summary" and applicable(result):
            lines += [""] + _summary_section(case_type, result)
    steps = timeline(case)
    if steps:
        lines += ["", "■ 手順と期限（日付順）"]
        for step in steps:
            moved = f"（{dates.format_ja(step.moved_from)}が閉庁日のため翌開庁日）" if step.moved_from else ""
            amount = f"  {yen(step.yen)}" if step.yen is not None else ""
            lines.append(f"  ・{day(step.date)}{moved} {step.label}{amount}  [{step.source.cite()}]")
    others = [r for r in menus if not applicable(r)]
    if others:
        lines += ["", "■ この講座・この方には該当しない給付"]
        for result in others:
            lines.append(f"  ・{result.rule.spec.title}（{_not_applicable_why(result)}）")
    questions = next_questions(case_type, case)
    if questions:
        lines += ["", "■ あと何が分かれば判定できるか（判定に効く順）"]
        for q in questions[:10]:
            lines.append(f"  ・{q.label}（{q.path}）: {q.settles}件の条件に影響")
    unverified = unverified_sources(case)
    if unverified:
        lines += ["", "■ 要確認（第三者の資料または未確認の数値・日付に基づく項目）"]
        lines += [f"  ・{text}" for text in unverified]
    return "\n".join(lines)


def _prospects(result: RuleResult) -> list[str]:
    """The values with a stage: amounts that depend on what happens later (見込み)."""
    if result.status == "ineligible":
        return []
    lines = []
    for value in result.rule.spec.values:
        amount = result.values.get(value.id)
        if value.stage and value.unit == "円" and isinstance(amount, int) and amount > 0:
            lines.append(f"  見込み {result.shown(value).label}: {yen(amount)}")
    return lines


def _summary_section(case_type: type[Facts], result: RuleResult) -> list[str]:
    spec = result.rule.spec
    lines = [f"■ {spec.title}"]
    for value in spec.values:
        if value.id in result.values and value.unit == "円":
            lines.append(f"  {result.shown(value).label}: {yen(result.values[value.id])}")
    for cond in result.conditions:
        mark = {True: "○", False: "✕", None: "？"}[cond.met]
        lines.append(f"  {mark} {cond.spec.label}  [{cond.spec.source.cite()}]")
        if cond.met is not True and cond.remedy:
            lines.append(f"     → {cond.remedy}")
    return lines
