"""Data ownership: a person downloads everything of theirs; an admin downloads an
organization's records, or deletes the organization with everyone in it. (A person deletes
their own account on /account/delete: navigator.web.pages.account.)"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy.orm import Session

from navigator.store import accounts, erasure, export, personal
from navigator.store.viewer import Viewer
from navigator.web import forms
from navigator.web.auth import sign_out, viewer as current
from navigator.web.deps import ObjectId, form_data, get_db
from navigator.web.pages.account import see_other
from navigator.web.templating import JST, flash, render

router = APIRouter(include_in_schema=False)


def _stamp() -> str:
    return datetime.now(JST).strftime("%Y%m%d-%H%M")


@router.get("/account/export")
def export_account(request: Request, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    """One ZIP: data.json (everything of theirs) and, for an employee, their documents as PDF:
    the Job Card, each version of the career note, each self-investment plan (made by the same
    functions as the pages' PDF buttons)."""
    data = export.personal_data(db, viewer)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
        for name, pdf in _documents(db, viewer):
            archive.writestr(name, pdf)
    name = f"manabi-navi-{viewer.user_id}-{_stamp()}.zip"
    return Response(buffer.getvalue(), media_type="application/zip",
                    headers={"Content-Disposition": f"attachment; filename={name}"})


def _documents(db: Session, viewer: Viewer):
    if not viewer.has("employee") or viewer.is_staff:
        return
    from navigator.web.pages import careerlog, employee

    if personal.get_job_card(db, viewer) is not None:
        yield "jobcard.pdf", employee.job_card_pdf(db=db, viewer=viewer).body
    for note in personal.generated_notes(db, viewer):
        yield f"career-note-{note.version}.pdf", careerlog.note_pdf(note.id, db=db, viewer=viewer).body
    for plan in personal.list_plans(db, viewer):
        yield f"self-plan-{plan.id}.pdf", employee.plan_pdf(plan.id, db=db, viewer=viewer).body


@router.get("/admin/organizations/{org_id}/export")
def export_organization(org_id: ObjectId, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    data = export.organization_data(db, viewer, org_id)
    return JSONResponse(data, headers={"Content-Disposition": f"attachment; filename=organization-{org_id}-{_stamp()}.json"})


@router.post("/admin/organizations/{org_id}/delete")
def delete_organization(request: Request, org_id: ObjectId, data: dict = Depends(form_data),
                        db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    org, members = accounts.organization_members(db, viewer, org_id)
    form, errors = forms.validate(forms.OrganizationDeleteForm, data)
    if form and form.confirm_name != org.name:
        errors = {"confirm_name": "「確認のための組織名」が組織名と一致しません。削除する組織の名前をそのまま入力してください。"}
    if errors:
        return render(request, "organization.html", {"org": org, "members": members, "errors": errors, "values": data}, 422)
    name = org.name
    deleted = erasure.erase_organization(db, org_id)
    if org_id == viewer.org_id:  # the admin's own account went with it
        sign_out(request)
        flash(request, f"組織「{name}」と、所属していた{deleted}人のアカウントとすべての記録を削除しました。")
        return see_other("/login")
    flash(request, f"組織「{name}」と、所属していた{deleted}人のアカウントとすべての記録を削除しました。")
    return see_other("/admin")
