"""Data ownership: a person downloads everything of theirs; an admin downloads an
organization's records. (Deleting: navigator.store.erasure via the account and admin pages.)"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy.orm import Session

from navigator.store import export, personal
from navigator.store.viewer import Viewer
from navigator.web.auth import viewer as current
from navigator.web.deps import ObjectId, get_db
from navigator.web.templating import JST

router = APIRouter(include_in_schema=False)


def _stamp() -> str:
    return datetime.now(JST).strftime("%Y%m%d-%H%M")


@router.get("/account/export")
def export_account(request: Request, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    """One ZIP: data.json (everything of theirs) and, for an employee with a Job Card, its PDF."""
    data = export.personal_data(db, viewer)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
        if viewer.has("employee") and not viewer.is_staff and personal.get_job_card(db, viewer) is not None:
            from navigator.forms import worker_docs

            today = datetime.now(JST).date()
            archive.writestr("jobcard.pdf", worker_docs.job_card_pdf(worker_docs.job_card_data(db, viewer, today)))
    name = f"manabi-navi-{viewer.user_id}-{_stamp()}.zip"
    return Response(buffer.getvalue(), media_type="application/zip",
                    headers={"Content-Disposition": f"attachment; filename={name}"})


@router.get("/admin/organizations/{org_id}/export")
def export_organization(org_id: ObjectId, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    data = export.organization_data(db, viewer, org_id)
    return JSONResponse(data, headers={"Content-Disposition": f"attachment; filename=organization-{org_id}-{_stamp()}.json"})
