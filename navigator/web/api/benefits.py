"""JSON API of the employee's benefits: the 雇用保険 profile, the courses with 「あなたの場合」, and
the benefit check of one course (the same answers as the pages /benefits and /courses).

The profile is the caller's own (employees only); nothing here reads anyone else's.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.orm import Session

from navigator.benefits import profile as profiles
from navigator.benefits.check import BenefitCheck, CoursePlan, check_course, check_courses
from navigator.benefits.courses import designation_current, next_start, search
from navigator.benefits.profile import BenefitProfile
from navigator.catalog.facets import facets
from navigator.facts import WorkerCase
from navigator.rules import FactsError
from navigator.rules.explain import case_json
from navigator.store import benefit_profiles
from navigator.store.viewer import Viewer
from navigator.web.api.rules import facts_refused, invalid, query_date
from navigator.web.auth import viewer as current
from navigator.web.deps import get_db
from navigator.web.benefit_data import (course_entry, course_plans, course_query, personal_view, saved_profile,
                                        shipped_catalog)
from navigator.web.templating import japan_today

router = APIRouter(prefix="/api/v1", tags=["benefits"])


@router.get("/profile", summary="自分の雇用保険のプロフィールと、判定に効く順の次の質問")
def get_profile(db: Session = Depends(get_db), viewer: Viewer = Depends(current)) -> dict[str, Any]:
    profile = saved_profile(db, viewer)
    start = next_start(japan_today())
    return {
        "profile": profile.model_dump(mode="json", exclude_none=True),
        "reference_start": start.isoformat(),
        "questions": [q.__dict__ for q in profiles.questions(profile, start)],
        "requirements": [{"program": title, "requirements": [r.__dict__ for r in reqs]}
                         for title, reqs in profiles.requirements(profiles.reference_cases(profile, start))],
    }


@router.put("/profile", summary="自分の雇用保険のプロフィールを保存（書かなかった項目は「分からない」）")
def put_profile(profile: BenefitProfile, db: Session = Depends(get_db),
                viewer: Viewer = Depends(current)) -> dict[str, Any]:
    benefit_profiles.save_profile(db, viewer, profile.model_dump(mode="json", exclude_none=True))
    return get_profile(db, viewer)


@router.delete("/profile", summary="自分の雇用保険のプロフィールと講座ごとの予定を消す")
def delete_profile(db: Session = Depends(get_db), viewer: Viewer = Depends(current)) -> dict[str, bool]:
    return {"deleted": benefit_profiles.delete_profile(db, viewer)}


@router.get("/courses", summary="講座と制度の一覧（絞り込み・ページ送り、働く人には「あなたの場合」つき）")
def list_courses(request: Request, db: Session = Depends(get_db), viewer: Viewer = Depends(current),
                 q: str = Query("", description="ことば"), scope: str = Query("courses", description="courses / programs / all"),
                 benefit: str = Query("", description="general / specific_general / professional"),
                 field: str = Query("", description="分野（catalog/facets.yaml の id）"),
                 region: str = Query("", description="都道府県"), way: str = Query("", description="online / classroom"),
                 time: str = Query("", description="evening_weekend"), max_hours: str = Query("", description="訓練時間の上限"),
                 max_fee: str = Query("", description="受講料の上限（円）"), current: str = Query("", description="1: 指定期間内だけ"),
                 page: str = Query("1", description="ページ")) -> dict[str, Any]:
    # The parameters above document the API; they are read (and refused in Japanese) by the
    # same course_query as the page.
    query, errors = course_query(dict(request.query_params))
    if errors:
        raise invalid({("query", name): message for name, message in errors.items()})
    today = japan_today()
    f = facets()
    found = search(shipped_catalog(), f, query, today)
    checks: dict[str, BenefitCheck] = {}
    courses = [e for e in found.items if e.course is not None]
    if personal_view(viewer) and courses:
        checks = check_courses(saved_profile(db, viewer), courses, f, course_plans(db, viewer), today)
    return {
        "total": found.total, "page": found.page, "pages": found.pages,
        "items": [{
            "id": e.id, "name": e.display_name(), "provider": e.provider_name, "kind": e.kind,
            "region": e.region, "fields": [f.field_label(a) for a in f.fields_of(e)],
            "course": None if e.course is None else {
                "benefit": e.course.benefit, "method": e.course.method, "fee_yen": e.course.fee_yen,
                "hours": e.course.hours, "months": e.course.duration_months, "start_months": e.course.start_months,
                "designation_number": e.course.designation_number,
                "designation": {"start": e.validity.start.isoformat() if e.validity.start else None,
                                "end": e.validity.end.isoformat() if e.validity.end else None,
                                "current": designation_current(e, today)}},
            "your_case": _summary(checks[e.id]) if e.id in checks else None,
        } for e in found.items],
    }


@router.get("/courses/{course_id}/benefit", summary="1つの講座の給付の判定（時期ごとの金額・実質の負担・手続きの期限）")
def course_benefit(course_id: str, start_date: str | None = Query(None, description="受講開始日（省略時は保存した予定か、次の開講月）"),
                   db: Session = Depends(get_db), viewer: Viewer = Depends(current)) -> dict[str, Any]:
    entry = course_entry(course_id)
    plan = course_plans(db, viewer).get(entry.id, CoursePlan())
    start = query_date(start_date, "start_date")
    if start is not None:
        plan = plan.model_copy(update={"start_date": start})
    try:
        check = check_course(saved_profile(db, viewer), entry, facets(), plan, japan_today())
    except FactsError as exc:
        raise facts_refused(exc) from None
    return {**_summary(check), "renewed": _summary(check.renewed) if check.renewed else None,
            "facts": check.case.model_dump(mode="json", exclude_none=True),
            "evaluation": case_json(WorkerCase, check.result)}


def _summary(check: BenefitCheck) -> dict[str, Any]:
    return {
        "status": check.status,
        "total_yen": check.total_yen,
        "prospect_yen": check.prospect_yen,
        "stages": [{"stage": s.stage, "label": s.label, "yen": s.yen, "granted": s.granted,
                    "source": s.source.cite()} for s in check.stages],
        "cost": {"fee_yen": check.fee_yen, "employer_paid_yen": check.employer_paid_yen,
                 "worker_paid_yen": check.worker_paid_yen, "net_yen": check.net_cost_yen,
                 "net_at_best_yen": check.net_cost_at_best_yen},
        "steps": [{"date": s.date.isoformat() if s.date else None, "label": s.label, "detail": s.detail,
                   "yen": s.yen} for s in check.steps],
        "reasons": [{"reason": why, "remedy": remedy} for why, remedy in check.reasons],
        "requirements": [{"label": label, "met": met, "remedy": remedy} for label, met, remedy in check.person],
        "questions": [q.__dict__ for q in check.questions],
        "designation_ended": check.designation_ended,
        "unverified": check.unverified,
    }
