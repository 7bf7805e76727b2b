"""The employee's self-investment plans and Job Card. All reads go through
navigator.store.personal, which scopes every query to the signed-in owner. (The career log and
notes are in navigator.web.pages.careerlog.)"""

from __future__ import annotations


from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from navigator.careerlog import habit
from navigator.forms import worker_docs
from navigator.store import personal
from navigator.store.viewer import Viewer
from navigator.web import forms, jobcard_sheets
from navigator.web.auth import viewer as current
from navigator.web.deps import ObjectId, form_data, get_db
from navigator.web.pages.account import see_other
from navigator.web.templating import flash, japan_today, render

router = APIRouter(include_in_schema=False)

PLAN_FIELDS = ("title", "aspiration", "programs", "hours_per_week", "body", "target_on")



@router.get("/plans")
def plans_page(request: Request, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    note = personal.latest_generated_note(db, viewer)
    values = {}
    if note and note.corrections and note.corrections.get("aspiration"):
        values["aspiration"] = note.corrections["aspiration"]
    return render(request, "plans.html", {"plans": personal.list_plans(db, viewer), "values": values})


@router.post("/plans")
def add_plan(request: Request, data: dict = Depends(form_data), db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    form, errors = forms.validate(forms.PlanForm, data)
    if errors:
        context = {"plans": personal.list_plans(db, viewer), "values": data, "errors": errors}
        return render(request, "plans.html", context, 422)
    plan = personal.add_plan(
        db, viewer, form.title, form.body, form.target_on, form.aspiration, form.programs, form.hours_per_week
    )
    flash(request, "自己投資プランを保存しました。ステップを足していきましょう。")
    return see_other(f"/plans/{plan.id}")


def _plan(request, db, viewer, plan, values=None, errors=None, step_values=None, step_errors=None, status=200):
    if values is None:
        values = {name: getattr(plan, name) for name in PLAN_FIELDS}
        values["hours_per_week"] = "" if plan.hours_per_week is None else f"{plan.hours_per_week:g}"
        values["target_on"] = plan.target_on.isoformat() if plan.target_on else ""
    context = {
        "plan": plan,
        "values": values,
        "errors": errors or {},
        "step_values": step_values or {},
        "step_errors": step_errors or {},
        "today": japan_today(),
    }
    return render(request, "plan.html", context, status)


@router.get("/plans/{plan_id}")
def plan_page(request: Request, plan_id: ObjectId, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    return _plan(request, db, viewer, personal.get_plan(db, viewer, plan_id))


@router.post("/plans/{plan_id}")
def update_plan(request: Request, plan_id: ObjectId, data: dict = Depends(form_data), db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    plan = personal.get_plan(db, viewer, plan_id)
    form, errors = forms.validate(forms.PlanForm, data)
    if errors:
        return _plan(request, db, viewer, plan, data, errors, status=422)
    personal.update_plan(db, viewer, plan_id, **{name: getattr(form, name) for name in PLAN_FIELDS})
    flash(request, "自己投資プランを更新しました。")
    return see_other(f"/plans/{plan_id}")


@router.post("/plans/{plan_id}/steps")
def add_step(request: Request, plan_id: ObjectId, data: dict = Depends(form_data), db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    plan = personal.get_plan(db, viewer, plan_id)
    form, errors = forms.validate(forms.StepForm, data)
    if errors:
        return _plan(request, db, viewer, plan, step_values=data, step_errors=errors, status=422)
    personal.add_step(db, viewer, plan_id, form.step_title, form.step_due_on)
    flash(request, f"ステップ「{form.step_title}」を追加しました。")
    return see_other(f"/plans/{plan_id}#steps")


@router.post("/plans/{plan_id}/steps/{step_id}")
def update_step(request: Request, plan_id: ObjectId, step_id: ObjectId, data: dict = Depends(form_data), db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    form, errors = forms.validate(forms.StepDoneForm, data)
    if errors:
        return _plan(request, db, viewer, personal.get_plan(db, viewer, plan_id), step_errors=errors, status=422)
    if form.delete:
        personal.delete_step(db, viewer, plan_id, step_id)
        flash(request, "ステップを削除しました。")
    else:
        step = personal.set_step_done(db, viewer, plan_id, step_id, japan_today() if form.done else None)
        flash(request, f"「{step.title}」を{'できた' if form.done else 'まだ'}にしました。")
    return see_other(f"/plans/{plan_id}#steps")


@router.get("/plans/{plan_id}/calendar.ics")
def plan_calendar(request: Request, plan_id: ObjectId, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    """The plan's dated steps for the owner's own calendar (personal.get_plan: the owner only)."""
    plan = personal.get_plan(db, viewer, plan_id)
    body = habit.plan_ics(plan.title, plan.steps, str(request.url_for("plan_page", plan_id=plan_id)), japan_today())
    return Response(body, media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": f"attachment; filename=plan-{plan_id}.ics"})


@router.get("/plans/{plan_id}/pdf")
def plan_pdf(plan_id: ObjectId, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    """The owner's self-investment plan as PDF (personal.get_plan: the owner only)."""
    plan = personal.get_plan(db, viewer, plan_id)
    data = worker_docs.self_plan_data(plan, viewer.display_name, japan_today())
    return worker_docs.pdf_response(worker_docs.self_plan_pdf(data), f"self-plan-{plan_id}.pdf")


def _job_card(request, db, viewer, values, sheets, errors=None, status=200):
    context = {"card": personal.get_job_card(db, viewer), "values": values, "errors": errors or {},
               "sheets": sheets, "rows": jobcard_sheets.ROWS, "blank": jobcard_sheets.blank_rows(sheets),
               "profile_fields": jobcard_sheets.Profile.model_fields}
    return render(request, "jobcard.html", context, status)


@router.get("/jobcard")
def job_card_page(request: Request, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    card = personal.get_job_card(db, viewer)
    values = {name: getattr(card, name) for name in forms.JobCardForm.model_fields} if card else {}
    return _job_card(request, db, viewer, values, worker_docs.job_card_sheets(db, viewer))


@router.post("/jobcard")
def save_job_card(request: Request, data: dict = Depends(form_data), db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    form, errors = forms.validate(forms.JobCardForm, data)
    sheets, sheet_errors = jobcard_sheets.from_form(data, worker_docs.job_card_sheets(db, viewer))
    if errors or sheet_errors:
        return _job_card(request, db, viewer, data, sheets, {**errors, **sheet_errors}, 422)
    personal.save_job_card(db, viewer, form.values_and_interests, form.desired_work, form.skills_to_develop,
                           sheets.model_dump_json())
    flash(request, "ジョブ・カードを保存しました。")
    return see_other("/jobcard")


@router.get("/jobcard/pdf")
def job_card_pdf(db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    """The worker's own Job Card as PDF: personal.get_job_card refuses anyone but its owner."""
    pdf = worker_docs.job_card_pdf(worker_docs.job_card_data(db, viewer, japan_today()))
    return Response(pdf, media_type="application/pdf",
                    headers={"Content-Disposition": "attachment; filename=jobcard.pdf", "Cache-Control": "no-store"})
