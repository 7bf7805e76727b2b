"""Sharing: the employee grants and revokes; the companion reads what was granted (audited)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from sqlalchemy.orm import Session

from navigator.careerlog.knowledge import knowledge
from navigator.careerlog.note import SECTIONS
from navigator.careerlog.view import note_view
from navigator.store import companions, personal, sharing
from navigator.store.errors import InvalidInput
from navigator.store.viewer import Viewer
from navigator.web import forms
from navigator.web.auth import viewer as current
from navigator.web.deps import ObjectId, form_data, get_db
from navigator.web.pages.account import see_other
from navigator.web.templating import flash, render

router = APIRouter(include_in_schema=False)


def _sharing(request, db, viewer, values=None, errors=None, status=200):
    context = {
        "grants": sharing.list_grants_given(db, viewer),
        "companions": sharing.companions_to_choose(db, viewer),
        "notes": personal.list_notes(db, viewer),
        "plans": personal.list_plans(db, viewer),
        "describe": sharing.describe,
        "kind_labels": sharing.KIND_LABELS,
        "values": values or {"kind": "note"},
        "errors": errors or {},
    }
    return render(request, "sharing.html", context, status)


@router.get("/sharing")
def sharing_page(request: Request, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    return _sharing(request, db, viewer)


@router.post("/sharing")
def share(request: Request, data: dict = Depends(form_data), db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    form, errors = forms.validate(forms.GrantForm, data)
    if not errors:
        try:
            grant = sharing.create_grant(
                db, viewer, form.grantee_id, form.kind, form.note_id, form.plan_id, form.log_from, form.log_to
            )
        except InvalidInput as exc:
            errors = {exc.field: exc.message}
        else:
            flash(request, f"{sharing.describe(grant)}を{grant.grantee.display_name}さんと共有しました。")
            return see_other("/sharing")
    return _sharing(request, db, viewer, data, errors, 422)


@router.post("/sharing/{grant_id}/revoke")
def revoke(request: Request, grant_id: ObjectId, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    grant = sharing.revoke_grant(db, viewer, grant_id)
    flash(request, f"{grant.grantee.display_name}さんへの共有（{sharing.describe(grant)}）を取り消しました。")
    return see_other("/sharing")


@router.get("/audit")
def audit_page(request: Request, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    return render(request, "audit.html", {"events": sharing.list_audit_events(db, viewer)})


@router.get("/companion")
def companion_page(request: Request, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    context = {
        "consultees": companions.consultees(db, viewer),
        "grants": sharing.list_grants_received(db, viewer),
        "profile": companions.get_profile(db, viewer),
        "describe": sharing.describe,
    }
    return render(request, "companion.html", context)


@router.get("/shared/{grant_id}")
def shared_page(request: Request, grant_id: ObjectId, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    item = sharing.read_shared(db, viewer, grant_id)
    view = note_view(item.note, item.quotes) if item.note is not None and item.note.generated else None
    context = {
        "item": item,
        "view": view,
        "sections": SECTIONS,
        "tone_labels": knowledge().analysis.tone.labels,
    }
    return render(request, "shared.html", context)
