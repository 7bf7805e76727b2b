"""The company case of the plan builder: one JSON document per organization.

The document is the company's facts (an EmployerCase) and, beside them under the key `program`,
the subsidy course HR chose (an id of forms/_programs.yaml). Choosing another course keeps the
facts; saving facts keeps the choice.

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

PROGRAM = "program"


def _require_staff(viewer: Viewer) -> None:
    if not viewer.is_staff:
        raise Forbidden("hr")


def _document(db: Session, viewer: Viewer) -> tuple[EmployerCaseRecord | None, dict[str, Any]]:
    _require_staff(viewer)
    record = db.scalar(select(EmployerCaseRecord).where(EmployerCaseRecord.org_id == viewer.org_id))
    return record, json.loads(record.data) if record else {}


def get_case(db: Session, viewer: Viewer) -> dict[str, Any]:
    """The facts (without the chosen course)."""
    _, document = _document(db, viewer)
    document.pop(PROGRAM, None)
    return document


def get_program(db: Session, viewer: Viewer) -> str | None:
    return _document(db, viewer)[1].get(PROGRAM)


def save_case(db: Session, viewer: Viewer, data: dict[str, Any]) -> None:
    """`data` must already be valid facts (the pages validate with navigator.rules.parse_case)."""
    record, document = _document(db, viewer)
    _write(db, viewer, record, {**({PROGRAM: document[PROGRAM]} if PROGRAM in document else {}), **data})


def save_program(db: Session, viewer: Viewer, program: str) -> None:
    record, document = _document(db, viewer)
    _write(db, viewer, record, {**document, PROGRAM: program})


def _write(db: Session, viewer: Viewer, record: EmployerCaseRecord | None, document: dict[str, Any]) -> None:
    record = record or EmployerCaseRecord(org_id=viewer.org_id)
    record.data = json.dumps(document, ensure_ascii=False)
    record.updated_by_id = viewer.user_id
    record.updated_at = utcnow()
    db.add(record)
    db.commit()
