"""Anonymous aggregates of program use for HR: counts of people, never anyone's content."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from navigator.store.errors import Forbidden
from navigator.store.models import CareerLogEntry, CareerNote, Grant, Plan, User, UserRole, utcnow
from navigator.store.viewer import Viewer

# Below this many employees the figures could point at a person, so none are shown.
MIN_GROUP_SIZE = 3


@dataclass(frozen=True)
class UsageSummary:
    employees: int
    shown: bool
    logging_last_30_days: int = 0
    with_note: int = 0
    with_plan: int = 0
    with_companion: int = 0


def usage_summary(db: Session, viewer: Viewer) -> UsageSummary:
    if not viewer.has("hr"):
        raise Forbidden("usage")
    employees = select(User.id).join(UserRole).where(User.org_id == viewer.org_id, UserRole.role == "employee")
    count = db.scalar(select(func.count()).select_from(employees.subquery()))
    if count < MIN_GROUP_SIZE:
        return UsageSummary(employees=count, shown=False)

    def people(column, *where) -> int:
        return db.scalar(select(func.count(distinct(column))).where(column.in_(employees), *where))

    since = (utcnow() - timedelta(days=30)).date()
    return UsageSummary(
        employees=count,
        shown=True,
        logging_last_30_days=people(CareerLogEntry.owner_id, CareerLogEntry.occurred_on >= since),
        with_note=people(CareerNote.owner_id),
        with_plan=people(Plan.owner_id),
        with_companion=people(Grant.owner_id, Grant.revoked_at.is_(None)),
    )
