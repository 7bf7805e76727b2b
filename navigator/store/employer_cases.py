"""The company case of the plan builder: one EmployerCase (JSON) per organization.

Only HR and admin staff read or write it, and only for their own organization (the viewer's
org_id; no id in any URL names another organization's case).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from navigator.store.errors import Forbidden
from navigator.store.models import EmployerCaseRecord, utcnow
from navigator.store.viewer import Viewer


def _require_staff(viewer: Viewer) -> None:
    if not viewer.is_staff:
        raise Forbidden("hr")


def get_case(db: Session, viewer: Viewer) -> dict[str, Any]:
    _require_staff(viewer)
    record = db.scalar(select(EmployerCaseRecord).where(EmployerCaseRecord.org_id == viewer.org_id))
    return json.loads(record.data) if record else {}


def save_case(db: Session, viewer: Viewer, data: dict[str, Any]) -> None:
    """`data` must already be valid facts (the pages validate with navigator.rules.parse_case)."""
    _require_staff(viewer)
    record = db.scalar(select(EmployerCaseRecord).where(EmployerCaseRecord.org_id == viewer.org_id))
    record = record or EmployerCaseRecord(org_id=viewer.org_id)
    record.data = json.dumps(data, ensure_ascii=False)
    record.updated_by_id = viewer.user_id
    record.updated_at = utcnow()
    db.add(record)
    db.commit()
