"""Everything of one person, for them to take away (`GET /account/export`), and an
organization's own records for its admin (`GET /admin/organizations/{id}/export`).

A person's export holds their account, career log, notes, plans, Job Card, what they shared
and with whom, who read it (their audit log) and what others share with them (the list, not
the other person's content). An organization's export holds its profile, its members' accounts
(names, emails, roles: no personal data, which belongs to each person), invitations and the
company case of the plan builder.

Every table that points at a person is listed in PERSONAL_TABLES or, with the reason it is
not exported, in NOT_EXPORTED: tests/reliability/test_data_ownership.py fails for a new table
listed in neither.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from navigator.store import accounts
from navigator.store.errors import Forbidden, NotFound
from navigator.store.models import (
    AgreedAction,
    AuditEvent,
    CareerLogEntry,
    CareerNote,
    CompanionProfile,
    Companionship,
    EmployerCaseRecord,
    Grant,
    Invitation,
    JobCard,
    Meeting,
    Organization,
    Plan,
    PlanStep,
    TeamMember,
    User,
    WorkerProfile,
)
from navigator.store.viewer import Viewer

# section -> (model, the column that names its owner)
PERSONAL_TABLES = {
    "career_log_entries": (CareerLogEntry, "owner_id"),
    "career_notes": (CareerNote, "owner_id"),
    "plans": (Plan, "owner_id"),
    "job_cards": (JobCard, "owner_id"),
    "worker_profile": (WorkerProfile, "owner_id"),
    "grants_given": (Grant, "owner_id"),
    "grants_received": (Grant, "grantee_id"),
    "audit_events": (AuditEvent, "owner_id"),
    "companion_profile": (CompanionProfile, "user_id"),
    "companionships": (Companionship, "owner_id"),
    "meetings": (Meeting, "owner_id"),
    "agreed_actions": (AgreedAction, "owner_id"),
    "team_memberships": (TeamMember, "user_id"),
}
NOT_EXPORTED = {
    ("users", "id"): "the account section holds it (without the password hash)",
    ("user_roles", "user_id"): "the account section lists the roles",
    ("user_sessions", "user_id"): "session ids are secrets, not data",
    ("audit_events", "actor_id"): "reads of someone else's data belong to that person's audit log",
    ("invitations", "invited_by_id"): "invitations belong to the organization (its export)",
    ("employer_cases", "updated_by_id"): "the company case belongs to the organization (its export)",
    ("grants", "owner_id"): "exported as grants_given",
    ("grants", "grantee_id"): "exported as grants_received (the list; the content is the owner's)",
    ("companionships", "companion_id"): "a companionship and its records belong to the employee who chose the companion",
    ("meetings", "author_id"): "meeting records belong to the employee of the companionship (exported to them)",
    ("agreed_actions", "author_id"): "agreed actions belong to the employee of the companionship (exported to them)",
}


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _row(obj: Any) -> dict[str, Any]:
    row = {c.key: _plain(getattr(obj, c.key)) for c in obj.__table__.columns}
    if isinstance(obj, JobCard) and isinstance(row.get("sheets"), str):
        row["sheets"] = json.loads(row["sheets"] or "{}")
    if isinstance(obj, WorkerProfile) and isinstance(row.get("data"), str):
        row["data"] = json.loads(row["data"] or "{}")
    return row


def personal_data(db: Session, viewer: Viewer) -> dict[str, Any]:
    user = db.get(User, viewer.user_id)
    data: dict[str, Any] = {
        "format": "学びナビ 個人データ書き出し 1",
        "exported_at": dt.datetime.now(dt.timezone.utc).isoformat(),
        "account": {"id": user.id, "email": user.email, "display_name": user.display_name,
                    "organization": user.organization.name, "roles": sorted(user.roles),
                    "created_at": _plain(user.created_at)},
    }
    for name, (model, column) in PERSONAL_TABLES.items():
        query = select(model).where(getattr(model, column) == viewer.user_id)
        rows = db.scalars(query.order_by(*model.__table__.primary_key.columns))
        data[name] = [_row(r) for r in rows]
    plans = [p["id"] for p in data["plans"]]
    data["plan_steps"] = [_row(r) for r in db.scalars(select(PlanStep).where(PlanStep.plan_id.in_(plans)).order_by(PlanStep.id))]
    return data


def organization_data(db: Session, viewer: Viewer, org_id: int) -> dict[str, Any]:
    if not viewer.has("admin"):
        raise Forbidden("organization export")
    org = db.get(Organization, org_id)
    if org is None:
        raise NotFound("organization")
    _, members = accounts.organization_members(db, viewer, org_id)
    case = db.scalar(select(EmployerCaseRecord).where(EmployerCaseRecord.org_id == org_id))
    invitations = db.scalars(select(Invitation).where(Invitation.org_id == org_id).order_by(Invitation.id))
    return {
        "format": "学びナビ 組織データ書き出し 1",
        "exported_at": dt.datetime.now(dt.timezone.utc).isoformat(),
        "organization": {"id": org.id, "name": org.name, "created_at": _plain(org.created_at)},
        "members": [{"id": u.id, "email": u.email, "display_name": u.display_name, "roles": sorted(u.roles),
                     "created_at": _plain(u.created_at)} for u in members],
        "invitations": [{k: v for k, v in _row(i).items() if k != "token_hash"} for i in invitations],
        "employer_case": json.loads(case.data) if case else None,
    }
