"""The employee's 雇用保険 profile and their plans for courses (navigator.benefits), stored as one
JSON record per person: {"profile": {...}, "courses": {entry id: {...}}}.

Only the owner reads or writes it: there is no grant for it, so neither a companion nor HR ever
reaches it (HR's roles veto the personal ones: Viewer.require("employee") refuses staff).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from navigator.store.models import WorkerProfile, utcnow
from navigator.store.viewer import Viewer


def _record(db: Session, viewer: Viewer) -> WorkerProfile | None:
    viewer.require("employee")
    return db.scalar(select(WorkerProfile).where(WorkerProfile.owner_id == viewer.user_id))


def _data(record: WorkerProfile | None) -> dict[str, Any]:
    data = json.loads(record.data) if record and record.data else {}
    return {"profile": data.get("profile", {}), "courses": data.get("courses", {})}


def get_profile(db: Session, viewer: Viewer) -> dict[str, Any]:
    """The profile's facts as saved (empty when the person has none yet)."""
    return _data(_record(db, viewer))["profile"]


def has_profile(db: Session, viewer: Viewer) -> bool:
    return bool(get_profile(db, viewer))


def get_course_plans(db: Session, viewer: Viewer) -> dict[str, dict[str, Any]]:
    return _data(_record(db, viewer))["courses"]


def _save(db: Session, viewer: Viewer, change) -> None:
    record = _record(db, viewer) or WorkerProfile(owner_id=viewer.user_id, data="{}")
    data = _data(record)
    change(data)
    record.data = json.dumps(data, ensure_ascii=False, sort_keys=True)
    record.updated_at = utcnow()
    db.add(record)
    db.commit()


def save_profile(db: Session, viewer: Viewer, profile: dict[str, Any]) -> None:
    """`profile`: navigator.benefits.profile.BenefitProfile as JSON, already validated."""
    _save(db, viewer, lambda data: data.update(profile=profile))


def save_course_plan(db: Session, viewer: Viewer, entry_id: str, plan: dict[str, Any]) -> None:
    """`plan`: navigator.benefits.check.CoursePlan as JSON, already validated; empty removes it."""
    def change(data: dict[str, Any]) -> None:
        if plan:
            data["courses"][entry_id] = plan
        else:
            data["courses"].pop(entry_id, None)
    _save(db, viewer, change)


def delete_profile(db: Session, viewer: Viewer) -> bool:
    """Erases the profile and every course plan; True when there was something to erase."""
    record = _record(db, viewer)
    if record is None:
        return False
    db.delete(record)
    db.commit()
    return True
