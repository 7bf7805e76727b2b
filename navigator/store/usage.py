"""Anonymous aggregates of program use for HR: counts of people, never anyone's content.

No count under MIN_GROUP_SIZE is ever shown (it is replaced by None, "5人未満"), and nothing at all
is counted for an organization with fewer employees than that, so that no one can be singled out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from navigator.store.errors import Forbidden
from navigator.store.models import CareerLogEntry, CareerNote, Companionship, Grant, Plan, TeamMember, User, UserRole
from navigator.store.viewer import Viewer

# Below this many people a figure could point at a person, so it is not shown.
MIN_GROUP_SIZE = 5
JST = timezone(timedelta(hours=9), "JST")


@dataclass(frozen=True)
class UsageSummary:
    employees: int
    shown: bool  # False: the organization is smaller than MIN_GROUP_SIZE, nothing is counted
    # Each count is None when it is under MIN_GROUP_SIZE.
    logged_this_week: int | None = None
    logging_last_30_days: int | None = None
    with_note: int | None = None
    with_plan: int | None = None
    with_companion: int | None = None
    in_team: int | None = None


def shown_count(n: int) -> int | None:
    return n if n >= MIN_GROUP_SIZE else None


def usage_summary(db: Session, viewer: Viewer, today: date | None = None) -> UsageSummary:
    if not viewer.has("hr"):
        raise Forbidden("usage")
    today = today or datetime.now(JST).date()
    employees = select(User.id).join(UserRole).where(User.org_id == viewer.org_id, UserRole.role == "employee")
    count = db.scalar(select(func.count()).select_from(employees.subquery()))
    if count < MIN_GROUP_SIZE:
        return UsageSummary(employees=count, shown=False)

    def people(column, *where) -> int | None:
        return shown_count(db.scalar(select(func.count(distinct(column))).where(column.in_(employees), *where)))

    monday = today - timedelta(days=today.weekday())
    active_companionship = select(Companionship.owner_id).join(Grant, Grant.id == Companionship.grant_id).where(
        Grant.revoked_at.is_(None), Companionship.ended_at.is_(None)
    )
    return UsageSummary(
        employees=count,
        shown=True,
        logged_this_week=people(CareerLogEntry.owner_id, CareerLogEntry.occurred_on >= monday, CareerLogEntry.occurred_on <= today),
        logging_last_30_days=people(CareerLogEntry.owner_id, CareerLogEntry.occurred_on >= today - timedelta(days=29)),
        with_note=people(CareerNote.owner_id),
        with_plan=people(Plan.owner_id),
        with_companion=people(User.id, User.id.in_(active_companionship)),
        in_team=people(TeamMember.user_id),
    )
