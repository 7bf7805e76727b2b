"""The fill context of the employer's documents: the case's facts, joined and derived.

Everything a form prints comes from here, and everything here comes from the facts or from the
rules engine's result: amounts, deadlines, the checklist of attachments and the timeline are the
engine's, never recomputed. Keys added to the facts (documented in spec.JOINS / spec.EXTRA):

- a list element with `worker_id` gets `worker` (that worker's facts);
- a course gets `counted_hours` (the engine's 訓練時間数) and `subject_rows`;
- an evaluation gets `sheet_list` (its 個票) and each evaluee `rated_items` (criteria with A/B/C);
- a course gets `ability_names` ('A14 簿記', ...); a 個票 gets `unit`, `items_count`, `cited_count`.

`derived` also holds the chosen program's verdict (navigator.forms.verdict), its checklist, its
timeline and, for a program with a per-trainee table, the trainees' rows and the plan filings (the
courses whose 計画届 goes in on the same day, one set of plan documents each).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from navigator.facts import EmployerCase, label_of
from navigator.forms.fill import fmt
from navigator.forms import schedule, verdict
from navigator.forms.programs import Program
from navigator.rules.engine import STATUS_JA, CaseResult
from navigator.rules.explain import application_groups

MENU_RULES = {
    "kigyounai.training_evaluation": ("training", "evaluation"),
    "kigyounai.career_consulting": ("career_consulting", "consultant_development"),
    "kigyounai.skill_test": ("skill_test",),
}


def build(case: EmployerCase, result: CaseResult, program: Program) -> dict[str, Any]:
    facts = case.activation()
    data = case.model_dump(mode="json")
    workers = {w["id"]: w for w in data.get("workers") or []}
    sheets = {s["number"]: s for s in (data["plan"].get("evaluation_sheets") or [])}
    units = {u["code"]: u for u in ((data["plan"].get("ability_map") or {}).get("units") or [])}
    _join_workers(data, workers)
    counted = _counted_hours(result)
    for index, course in enumerate(data.get("courses") or []):
        course["counted_hours"] = counted.get(index)
        course["subject_rows"] = course.get("subjects") or []
        course["ability_names"] = [f"{c} {units[c]['name']}" if c in units else c for c in course.get("abilities") or []]
        for trainee in course.get("trainees") or []:
            trainee["course"] = {k: v for k, v in course.items() if k != "trainees"}
            grades = trainee.get("grades") or []
            trainee["subject_rows"] = [dict(s, grade=grades[i] if i < len(grades) else None)
                                       for i, s in enumerate(course["subject_rows"])]
    for evaluation in data.get("evaluations") or []:
        evaluation["sheet_list"] = [sheets[n] for n in evaluation.get("sheets") or [] if n in sheets]
        for sheet in evaluation["sheet_list"]:
            sheet["unit"] = units.get(sheet["unit_code"])
        for evaluee in evaluation.get("evaluees") or []:
            evaluee["evaluation"] = {k: v for k, v in evaluation.items() if k != "evaluees"}
            evaluee["rated_items"] = _rated_items(evaluation["sheet_list"], evaluee.get("ratings") or [])
    for sheet in data["plan"].get("evaluation_sheets") or []:
        sheet["unit"] = units.get(sheet["unit_code"])
        sheet["items_count"] = len(sheet.get("items") or [])
        sheet["cited_count"] = sum(1 for i in sheet.get("items") or [] if i.get("cited", True))
    data["derived"] = _derived(case, result, data) | _program(facts, case, result, program)
    return data


def _program(facts: dict, case: EmployerCase, result: CaseResult, program: Program) -> dict[str, Any]:
    view = verdict.verdict(facts, result, program)
    rows = [item for rule in view["rules"] if rule["applicable"] for scope in rule["scopes"]
            if scope["id"] == program.scope for item in scope["items"] if item["ok"] is not False]
    return {
        "verdict": view,
        "program_title": program.title,
        "sme": {"sme": True, "large": False}.get(view["size"]),
        "size_label": view["size_label"],
        "total_yen": view["total_yen"],
        "amount_lines": [dict(a, rule=r["title"]) for r in view["rules"] if r["applicable"] for a in r["amounts"]],
        "deadlines": [dict(d, rule=r["title"]) for r in view["rules"] if r["applicable"] for d in r["deadlines"]],
        "trainee_rows": rows,
        "trainee_count": sum(1 for row in rows if row["ok"]),
        "caps": [c for r in view["rules"] if r["applicable"] for c in r["caps"]],
        "plan_filings": plan_filings(rows),
        "stage_labels": [program.stages["plan"], program.stages["application"]],
        "checklist": checklist(result, program),
        "timeline": schedule.steps(facts, result, program) if program.timeline else timeline(case, result),
    }


def plan_filings(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The trainees' courses grouped by the day their 計画届 is filed: the window that day must fall in
    (the latest first day and the earliest last day of the courses' windows), the courses, the trainees."""
    groups: dict[str, dict[str, Any]] = {}
    for row in rows:
        course = row["course"]
        day = course.get("training_plan_submitted_on") or ""
        group = groups.setdefault(day, {"submitted_on": day or None, "courses": [], "trainees": [],
                                        "plan_from": None, "plan_by": None})
        group["trainees"].append(row)
        if not any(c["course"] is course for c in group["courses"]):
            group["courses"].append({"course": course, "trainees": 0, "plan_from": row["values"].get("plan_from"),
                                     "plan_by": row["values"].get("plan_by")})
        next(c for c in group["courses"] if c["course"] is course)["trainees"] += 1
    for group in groups.values():
        froms = [c["plan_from"] for c in group["courses"] if c["plan_from"]]
        bys = [c["plan_by"] for c in group["courses"] if c["plan_by"]]
        group["plan_from"], group["plan_by"] = (max(froms) if froms else None), (min(bys) if bys else None)
        starts = [c["course"].get("start_date") for c in group["courses"] if c["course"].get("start_date")]
        ends = [c["course"].get("end_date") for c in group["courses"] if c["course"].get("end_date")]
        group["period_start"], group["period_end"] = (min(starts) if starts else None), (max(ends) if ends else None)
        group["name"] = f"{fmt(group['submitted_on'], 'date')}提出" if group["submitted_on"] else "提出日未定"
    return sorted(groups.values(), key=lambda g: g["submitted_on"] or "9999")


def _join_workers(node: Any, workers: dict[str, dict]) -> None:
    if isinstance(node, dict):
        for value in list(node.values()):
            _join_workers(value, workers)
        if "worker_id" in node and node["worker_id"] in workers:
            node["worker"] = workers[node["worker_id"]]
    elif isinstance(node, list):
        for value in node:
            _join_workers(value, workers)


def _counted_hours(result: CaseResult) -> dict[int, float]:
    hours: dict[int, float] = {}
    try:
        rule = result.get("kigyounai.training_evaluation")
    except KeyError:
        return hours
    for item in rule.items.get("trainee", []):
        index = int(item.path.split("[")[1].split("]")[0])
        if "counted_hours" in item.values:
            hours.setdefault(index, item.values["counted_hours"])
    return hours


def _rated_items(sheet_list: list[dict], ratings: list[dict]) -> list[dict]:
    by_key = {(r["sheet"], r["item"]): r for r in ratings}
    rows = []
    for sheet in sheet_list:
        unit = sheet.get("unit") or {}
        for number, item in enumerate(sheet.get("items") or [], 1):
            rating = by_key.get((sheet["number"], number), {})
            rows.append({"unit_name": unit.get("name", sheet["unit_code"]), "index": number, **item,
                         "self_rating": rating.get("self_rating"),
                         "company_rating": rating.get("company_rating"),
                         "first": number == 1, "span": len(sheet.get("items") or [])})
    return rows


def _derived(case: EmployerCase, result: CaseResult, data: dict) -> dict[str, Any]:
    """企業内人材育成推進助成金's own: its menus' amounts, the plan's dates and the applications."""
    menus = case.plan.menus or []
    amounts = []
    for rule_id, rule_menus in MENU_RULES.items():
        if not any(m in menus for m in rule_menus):
            continue
        try:
            rule = result.get(rule_id)
        except KeyError:
            continue
        by_id = {a.id: a.yen for a in rule.amounts}
        persons = sum(v for k, v in rule.values.items() if isinstance(v, int) and k.endswith("applied"))
        amounts.append({
            "title": rule.rule.spec.title,
            "status": STATUS_JA[rule.status],
            "total_yen": rule.total,
            "introduction_yen": by_id.get("introduction") if rule.status == "eligible" else None,
            "implementation_yen": by_id.get("implementation") if rule.status == "eligible" else None,
            "development_yen": by_id.get("consultant_development") if rule.status == "eligible" else None,
            "persons": persons,
        })
    plan_deadline = _deadline(result, "kigyounai.plan", "plan_submission")
    groups = application_groups(result)
    offices = data["employer"].get("offices") or []
    planned = data["plan"].get("planned_persons") or {}
    return {
        "menu_labels": [label_of("menu", m) for m in menus],
        "amounts": amounts,
        "plan_deadline": plan_deadline.isoformat() if plan_deadline else None,
        "application_deadline": groups[0].deadline.isoformat() if groups else None,
        "application_items": [
            {"menu": title, "item": name, "applied_on": applied.isoformat(), "apply_by": g.deadline.isoformat()}
            for g in groups for title, name, applied in g.items],
        "main_office": next((o for o in offices if o.get("main")), offices[0] if offices else None),
        "planned_total": sum(v for v in planned.values() if isinstance(v, int)) if planned else None,
    }


def _deadline(result: CaseResult, rule_id: str, deadline_id: str) -> dt.date | None:
    try:
        rule = result.get(rule_id)
    except KeyError:
        return None
    return next((d.date for d in rule.deadlines if d.id == deadline_id), None)


def checklist(result: CaseResult, program: Program) -> list[dict[str, Any]]:
    """The program's rules' `documents` still needed, once each (the manual: 重複する書類は1部のみ), plan first."""
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for rule in result.results:
        if rule.rule.spec.id not in program.rules or rule.status == "ineligible":
            continue
        for doc in rule.documents:
            if doc.needed is False:
                continue
            key = (doc.stage, doc.id)
            if key in seen:
                continue
            seen[key] = {"stage": program.stages[doc.stage],
                         "label": doc.label, "note": doc.note or "", "source": doc.source.cite(),
                         "forms": "作成" if doc.id in program.documents else ""}
    return sorted(seen.values(), key=lambda d: d["stage"] != program.stages["plan"])


def timeline(case: EmployerCase, result: CaseResult) -> list[dict[str, Any]]:
    """Every date of the procedure: the facts' own dates and the deadlines the engine computed."""
    events: list[dict[str, Any]] = []

    def add(day, label, kind, source=""):
        if day:
            events.append({"date": day.isoformat(), "label": label, "kind": kind, "source": source})

    plan = case.plan
    for rule in result.results:
        for deadline in rule.deadlines:
            add(deadline.date, deadline.label, "deadline", deadline.source.cite())
    add(plan.submitted_on, "制度導入・適用計画届の提出（予定）日", "step")
    add(plan.start_date, "計画期間の初日", "period")
    add(plan.introduced_on, "制度の導入日（就業規則の届出など）", "step")
    add(plan.end_date, "計画期間の末日", "period")
    for group in application_groups(result):
        for title, name, applied in group.items:
            add(applied, f"制度の適用日: {name}", "step")
        add(group.deadline, "支給申請の期限（" + "、".join(n for _, n, _ in group.items) + "）", "deadline",
            "seed 003 企業内人材育成推進助成金 活用マニュアル Ⅰ-6 活用の手順 Step5（p.13）")
    add(case.application.submitted_on, "支給申請書の提出（予定）日", "step")
    return sorted(events, key=lambda e: (e["date"], e["kind"] != "deadline"))
