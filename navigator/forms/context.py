"""The fill context of the employer's documents: the case's facts, joined and derived.

Everything a form prints comes from here, and everything here comes from the facts or from the
rules engine's result: amounts, deadlines, the checklist of attachments and the timeline are the
engine's, never recomputed. Keys added to the facts (documented in spec.JOINS / spec.EXTRA):

- a list element with `worker_id` gets `worker` (that worker's facts);
- a course gets `counted_hours` (the engine's 訓練時間数) and `subject_rows`;
- an evaluation gets `sheet_list` (its 個票) and each evaluee `rated_items` (criteria with A/B/C);
- a course gets `ability_names` ('A14 簿記', ...); a 個票 gets `unit`, `items_count`, `cited_count`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from navigator.facts import EmployerCase, label_of
from navigator.rules.engine import CaseResult
from navigator.rules.explain import application_groups

MENU_RULES = {
    "kigyounai.training_evaluation": ("training", "evaluation"),
    "kigyounai.career_consulting": ("career_consulting", "consultant_development"),
    "kigyounai.skill_test": ("skill_test",),
}


def build(case: EmployerCase, result: CaseResult) -> dict[str, Any]:
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
    data["derived"] = _derived(case, result, data)
    return data


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
    menus = case.plan.menus or []
    sme = _status(result, "kigyounai.sme")
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
            "status": {"eligible": "対象", "ineligible": "対象外", "undetermined": "判定不能"}[rule.status],
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
        "sme": sme,
        "size_label": {True: "中小企業", False: "中小企業以外"}.get(sme, "判定不能"),
        "total_yen": sum(a["total_yen"] or 0 for a in amounts if a["status"] == "対象"),
        "menu_labels": [label_of("menu", m) for m in menus],
        "amounts": amounts,
        "plan_deadline": plan_deadline.isoformat() if plan_deadline else None,
        "application_deadline": groups[0].deadline.isoformat() if groups else None,
        "application_items": [
            {"menu": title, "item": name, "applied_on": applied.isoformat(), "apply_by": g.deadline.isoformat()}
            for g in groups for title, name, applied in g.items],
        "main_office": next((o for o in offices if o.get("main")), offices[0] if offices else None),
        "planned_total": sum(v for v in planned.values() if isinstance(v, int)) if planned else None,
        "checklist": checklist(result),
        "timeline": timeline(case, result),
    }


def _status(result: CaseResult, rule_id: str) -> bool | None:
    try:
        status = result.get(rule_id).status
    except KeyError:
        return None
    return {"eligible": True, "ineligible": False}.get(status)


def _deadline(result: CaseResult, rule_id: str, deadline_id: str) -> dt.date | None:
    try:
        rule = result.get(rule_id)
    except KeyError:
        return None
    return next((d.date for d in rule.deadlines if d.id == deadline_id), None)


# Which form of ours fills which document id of the rules (the rest are papers HR attaches).
FORM_OF_DOCUMENT = {
    "plan_form": "kigyounai-01", "office_sheet": "kigyounai-03", "sme_proof": "kigyounai-03",
    "ability_map": "kigyounai-04", "training_plan": "kigyounai-05", "evaluation_items": "kigyounai-06",
    "evaluation_plan": "kigyounai-07", "consulting_plan": "kigyounai-08", "skill_test_plan": "kigyounai-09",
    "application_form": "kigyounai-10", "training_report": "kigyounai-11", "evaluation_report": "kigyounai-12",
    "consulting_report": "kigyounai-13", "skill_test_report": "kigyounai-14",
    "development_plan": "development-plan", "work_rules": "work-rules", "job_card_3_3": "jobcard-3-3-1-2",
}


def checklist(result: CaseResult) -> list[dict[str, Any]]:
    """The rules' `documents` still needed, once each (the manual: 重複する書類は1部のみ), plan first."""
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for rule in result.results:
        if rule.rule.spec.role != "menu" or rule.status == "ineligible":
            continue
        for doc in rule.documents:
            if doc.needed is False:
                continue
            key = (doc.stage, doc.id)
            if key in seen:
                continue
            seen[key] = {"stage": "制度導入・適用計画届" if doc.stage == "plan" else "支給申請",
                         "label": doc.label, "note": doc.note or "", "source": doc.source.cite(),
                         "forms": "作成" if doc.id in FORM_OF_DOCUMENT else ""}
    return sorted(seen.values(), key=lambda d: d["stage"] != "制度導入・適用計画届")


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
