"""HR and admin pages: anonymous usage figures, invitations, organizations. None of them can
reach personal data: the store functions they call only count people or list accounts."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from sqlalchemy.orm import Session

from navigator.store import accounts, usage
from navigator.store.errors import InvalidInput
from navigator.store.viewer import Viewer
from navigator.web import forms
from navigator.web.auth import viewer as current
from navigator.web.deps import ObjectId, form_data, get_db
from navigator.web.pages.account import see_other
from navigator.web.templating import flash, render

router = APIRouter(include_in_schema=False)


@router.get("/hr")
def hr_page(request: Request, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    org, members = accounts.organization_members(db, viewer, viewer.org_id)
    context = {
        "summary": usage.usage_summary(db, viewer),
        "min_group": usage.MIN_GROUP_SIZE,
        "org": org,
        "members": members,
    }
    return render(request, "hr.html", context)


def _invitations(request, db, viewer, values=None, errors=None, link=None, status=200):
    orgs = [org for org, _ in accounts.list_organizations(db, viewer)] if viewer.has("admin") else []
    context = {
        "invitations": accounts.list_invitations(db, viewer),
        "roles": accounts.invitable_roles(viewer),
        "role_labels": accounts.ROLE_LABELS,
        "orgs": orgs,
        "values": values or {"roles": ["employee"]},
        "errors": errors or {},
        "link": link,
    }
    return render(request, "invitations.html", context, status)


@router.get("/invitations")
def invitations_page(request: Request, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    return _invitations(request, db, viewer)


@router.post("/invitations")
def invite(request: Request, data: dict = Depends(form_data), db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    form, errors = forms.validate(forms.InvitationForm, data)
    if not errors:
        org_id = form.org_id if viewer.has("admin") and form.org_id else viewer.org_id
        try:
            invitation, token = accounts.create_invitation(db, viewer, org_id, form.email, set(form.roles))
        except InvalidInput as exc:
            errors = {exc.field: exc.message}
        else:
            # No mail is sent from here: the inviter passes the link on, so it is shown once.
            link = str(request.base_url).rstrip("/") + f"/invite/{token}"
            flash(request, f"{invitation.email} さんへの招待を作りました。下のリンクを本人に伝えてください。")
            return _invitations(request, db, viewer, link=link)
    data.setdefault("roles", [])
    return _invitations(request, db, viewer, data, errors, status=422)


@router.get("/admin")
def admin_page(request: Request, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    return render(request, "admin.html", {"orgs": accounts.list_organizations(db, viewer)})


@router.post("/admin/organizations")
def create_organization(
    request: Request, data: dict = Depends(form_data), db: Session = Depends(get_db), viewer: Viewer = Depends(current)
):
    form, errors = forms.validate(forms.OrganizationForm, data)
    if not errors:
        try:
            org = accounts.create_organization(db, form.name)
        except InvalidInput as exc:
            errors = {exc.field: exc.message}
        else:
            flash(request, f"組織「{org.name}」を作りました。")
            return see_other(f"/admin/organizations/{org.id}")
    context = {"orgs": accounts.list_organizations(db, viewer), "values": data, "errors": errors}
    return render(request, "admin.html", context, 422)


@router.get("/admin/organizations/{org_id}")
def organization_page(request: Request, org_id: ObjectId, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    org, members = accounts.organization_members(db, viewer, org_id)
    return render(request, "organization.html", {"org": org, "members": members})
