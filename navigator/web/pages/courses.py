"""Courses and programs to browse (/courses), the benefit check of one course (/courses/{id}),
the person's plan for it, and adding its dated steps to a self-investment plan.

Anyone signed in browses the catalog; 「あなたの場合」 is computed from the viewer's own
雇用保険 profile and course plans (navigator.store.benefit_profiles), which only an employee has.
"""

from __future__ import annotations

import yaml
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from navigator.benefits import courses as catalog_courses
from navigator.benefits.check import FEE_SCHEDULES, CoursePlan, check_course, check_courses
from navigator.catalog import Entry
from navigator.catalog.facets import facets
from navigator.catalog.schema import KIND_JA, PROVIDER_JA
from navigator.facts import BENEFIT_KIND, CONSULTING_METHOD, JOB_CARD_SHEET
from navigator.prefectures import PREFECTURES
from navigator.rules import FactsError
from navigator.store import benefit_profiles, personal
from navigator.store.viewer import Viewer
from navigator.web import forms
from navigator.web.auth import viewer as current
from navigator.web.benefit_data import (course_entry, course_plans, course_query, personal_view, saved_profile,
                                        shipped_catalog)
from navigator.web.deps import form_data, get_db
from navigator.web.pages.account import see_other
from navigator.web.templating import flash, japan_today, render

router = APIRouter(include_in_schema=False)
PLAN_FIELDS = tuple(CoursePlan.model_fields)


@router.get("/courses")
def courses_page(request: Request, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    query, errors = course_query(dict(request.query_params))
    today = japan_today()
    f = facets()
    page = catalog_courses.search(shipped_catalog(), f, query, today)
    mine = personal_view(viewer)
    profile = saved_profile(db, viewer) if mine else None
    course_entries = [e for e in page.items if e.course is not None]
    checks = {}
    if mine and course_entries:
        plans = course_plans(db, viewer)
        checks = check_courses(profile, course_entries, f, plans, today)
    params = {k: v for k, v in request.query_params.items() if k != "page" and v}
    context = {
        "query": query, "errors": errors, "page": page, "checks": checks, "mine": mine,
        "has_profile": bool(profile and profile.answered()), "facets": f, "today": today,
        "benefits": BENEFIT_KIND.labels, "scopes": catalog_courses.SCOPES, "prefectures": PREFECTURES,
        "kind_ja": KIND_JA, "provider_ja": PROVIDER_JA, "params": params,
        "current": catalog_courses.designation_current,
    }
    return render(request, "courses.html", context)


def _course_page(request, db, viewer, entry: Entry, *, values=None, errors=None, status=200):
    today = japan_today()
    f = facets()
    context = {"entry": entry, "today": today, "errors": errors or {}, "check": None,
               "mine": personal_view(viewer), "current": catalog_courses.designation_current(entry, today),
               "fields": CoursePlan.model_fields, "plans": [], "kind_ja": KIND_JA,
               "field_labels": [f.field_label(a) for a in f.fields_of(entry)]}
    if context["mine"]:
        stored = course_plans(db, viewer).get(entry.id, CoursePlan())
        profile = saved_profile(db, viewer)
        context.update(
            check=check_course(profile, entry, f, stored, today),
            has_profile=bool(profile.answered()),
            values=values if values is not None else _plan_values(stored),
            plans=personal.list_plans(db, viewer),
            choices={"consulting_method": list(CONSULTING_METHOD.labels.items()),
                     "fee_schedule": list(FEE_SCHEDULES.items()),
                     "sheets_used": list(JOB_CARD_SHEET.labels.items())},
        )
    return render(request, "course.html", context, status)


def _plan_values(plan: CoursePlan) -> dict:
    values: dict = {}
    for name in PLAN_FIELDS:
        value = getattr(plan, name)
        if isinstance(value, bool):
            values[name] = "true" if value else "false"
        elif isinstance(value, list):
            values[name] = value
        elif value is not None:
            values[name] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return values


@router.get("/courses/{course_id}")
def course_page(request: Request, course_id: str, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    return _course_page(request, db, viewer, course_entry(course_id))


def parse_plan(data: dict) -> tuple[CoursePlan | None, dict[str, str]]:
    values = {}
    for name in PLAN_FIELDS:
        value = data.get(name)
        if name == "sheets_used":
            chosen = value if isinstance(value, list) else ([value] if value else [])
            if data.get("sheets_told") or chosen:
                values[name] = chosen
        elif isinstance(value, str) and value.strip():
            values[name] = value
    return forms.validate(CoursePlan, values)


@router.post("/courses/{course_id}/plan")
def save_plan(request: Request, course_id: str, data: dict = Depends(form_data), db: Session = Depends(get_db),
              viewer: Viewer = Depends(current)):
    entry = course_entry(course_id)
    plan, errors = parse_plan(data)
    if errors:
        return _course_page(request, db, viewer, entry, values=data, errors=errors, status=422)
    try:  # facts the rules cannot compute with (a start date whose deadlines pass 2099)
        check_course(saved_profile(db, viewer), entry, facets(), plan, japan_today())
    except FactsError as exc:  # a date computed from the start date (its end, a deadline)
        problem = exc.problems[0]
        errors = {"start_date": f"「受講開始日（予定）」：この日に始めると、{problem['label']}が扱える範囲を超えます"
                                f"（{problem['message'].rstrip('。')}）。"}
        return _course_page(request, db, viewer, entry, values=data, errors=errors, status=422)
    benefit_profiles.save_course_plan(db, viewer, entry.id, plan.model_dump(mode="json", exclude_none=True))
    flash(request, "この講座の予定を保存しました。給付の見込みを計算し直しました。")
    return see_other(f"/courses/{course_id}#check")


@router.post("/courses/{course_id}/to-plan")
def add_to_plan(request: Request, course_id: str, data: dict = Depends(form_data), db: Session = Depends(get_db),
                viewer: Viewer = Depends(current)):
    """The course and its dated steps (pre-course steps, start, claims) into a self-investment plan."""
    entry = course_entry(course_id)
    choice, errors = forms.validate(forms.PlanChoiceForm, data)
    if errors:
        return _course_page(request, db, viewer, entry, errors=errors, status=422)
    stored = course_plans(db, viewer).get(entry.id, CoursePlan())
    check = check_course(saved_profile(db, viewer), entry, facets(), stored, japan_today())
    target = choice.plan_id
    # a course the shipped list shows as no longer designated: the steps it would have if renewed
    basis, note = (check.renewed, "（指定が更新されている場合）") if check.renewed else (check, "")
    steps = [(step.label, step.date, f"{step.detail}{note}") for step in basis.steps if step.date]
    plan, added = personal.add_program_steps(db, viewer, target, entry.name, steps,
                                             new_title=f"「{entry.name}」を受講する")
    flash(request, f"「{entry.name}」と日付つきのステップ{added}件を自己投資プランに追加しました。")
    return see_other(f"/plans/{plan.id}#steps")


@router.get("/courses/{course_id}/facts.yaml")
def course_facts_file(course_id: str, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    """The facts this page judged with, as `navigator benefit FILE` reads them: a 社労士 or the
    person can reproduce every amount."""
    entry = course_entry(course_id)
    stored = course_plans(db, viewer).get(entry.id, CoursePlan())
    check = check_course(saved_profile(db, viewer), entry, facets(), stored, japan_today())
    text = "# 学びナビ: 給付の判定に使った事実（navigator benefit このファイル で同じ結果になります）\n"
    text += yaml.safe_dump(check.case.model_dump(mode="json", exclude_none=True), allow_unicode=True, sort_keys=False)
    return Response(text, media_type="application/yaml; charset=utf-8",
                    headers={"Content-Disposition": "attachment; filename=benefit-facts.yaml"})

