"""The employee's own pages: career log, notes, plans, Job Card. All reads go through
navigator.store.personal, which scopes every query to the signed-in owner."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from navigator.forms import worker_docs
from navigator.store import personal
from navigator.store.viewer import Viewer
from navigator.web import forms, jobcard_sheets
from navigator.web.auth import viewer as current
from navigator.web.deps import ObjectId, form_data, get_db
from navigator.web.pages.account import see_other
from navigator.web.templating import JST, flash, render

router = APIRouter(include_in_schema=False)


def _today():
    return datetime.now(JST).date()


@router.get("/log")
def log_page(request: Request, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    return _log(request, db, viewer, {"occurred_on": _today().isoformat()}, {})


def _log(request, db, viewer, values, errors, status=200):
    context = {
        "entries": personal.list_log_entries(db, viewer),
        "emotions": personal.EMOTIONS,
        "values": values,
        "errors": errors,
    }
    return render(request, "log.html", context, status)


@router.post("/log")
def add_log(request: Request, data: dict = Depends(form_data), db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    form, errors = forms.validate(forms.LogEntryForm, data)
    if errors:
        return _log(request, db, viewer, data, errors, 422)
    personal.add_log_entry(db, viewer, form.occurred_on, form.event, form.emotion)
    flash(request, "キャリアログに記録しました。")
    return see_other("/log")


@router.get("/notes")
def notes_page(request: Request, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    return render(request, "notes.html", {"notes": personal.list_notes(db, viewer)})


@router.post("/notes")
def add_note(request: Request, data: dict = Depends(form_data), db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    form, errors = forms.validate(forms.NoteForm, data)
    if errors:
        context = {"notes": personal.list_notes(db, viewer), "values": data, "errors": errors}
        return render(request, "notes.html", context, 422)
    note = personal.add_note(db, viewer, form.title, form.body)
    flash(request, "キャリアノートを保存しました。")
    return see_other(f"/notes/{note.id}")


@router.get("/notes/{note_id}")
def note_page(request: Request, note_id: ObjectId, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    return render(request, "note.html", {"note": personal.get_note(db, viewer, note_id)})


@router.get("/plans")
def plans_page(request: Request, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    return render(request, "plans.html", {"plans": personal.list_plans(db, viewer)})


@router.post("/plans")
def add_plan(request: Request, data: dict = Depends(form_data), db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    form, errors = forms.validate(forms.PlanForm, data)
    if errors:
        context = {"plans": personal.list_plans(db, viewer), "values": data, "errors": errors}
        return render(request, "plans.html", context, 422)
    plan = personal.add_plan(db, viewer, form.title, form.body, form.target_on)
    flash(request, "計画を保存しました。")
    return see_other(f"/plans/{plan.id}")


@router.get("/plans/{plan_id}")
def plan_page(request: Request, plan_id: ObjectId, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    return render(request, "plan.html", {"plan": personal.get_plan(db, viewer, plan_id)})


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
    pdf = worker_docs.job_card_pdf(worker_docs.job_card_data(db, viewer, _today()))
    return Response(pdf, media_type="application/pdf",
                    headers={"Content-Disposition": "attachment; filename=jobcard.pdf", "Cache-Control": "no-store"})
