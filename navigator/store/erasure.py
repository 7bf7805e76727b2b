"""Deleting an account removes everything of the person: their career log, notes, plans and
steps, Job Card, grants given and received, their own audit log, companion profile,
companionships with meeting records and agreed actions, team memberships, and the account.

What stays belongs to others, without the person in it: another employee's audit log keeps the
fact that their data was read (the reader shown as a deleted account), and an employee keeps the
meeting records of a companionship whose companion deleted their account. That the account
was deleted, and when, is kept in deletion_records, without name, email or content.

An admin deletes an organization with erase_organization: everyone in it as above, then its
invitations, teams and company case, in one transaction.
"""

from __future__ import annotations

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from navigator.store import passwords
from navigator.store.errors import InvalidInput, NotFound
from navigator.store.models import (
    AgreedAction,
    AuditEvent,
    CareerLogEntry,
    CareerNote,
    CompanionProfile,
    Companionship,
    DeletionRecord,
    EmployerCaseRecord,
    Grant,
    Invitation,
    JobCard,
    LoginFailure,
    Meeting,
    Organization,
    Plan,
    PlanStep,
    Team,
    TeamMember,
    User,
    UserSession,
    WorkerProfile,
    utcnow,
)


def delete_account(db: Session, user_id: int, password: str) -> None:
    user = db.get(User, user_id)
    if user is None:
        raise NotFound("user")
    if not passwords.verify_password(user.password_hash, password):
        raise InvalidInput("password", "「パスワード」が正しくありません。")
    erase(db, user_id)


def erase(db: Session, user_id: int) -> None:
    _erase(db, user_id)
    db.commit()
    db.expire_all()


def _erase(db: Session, user_id: int) -> None:
    """Everything of the person, without committing (an organization's deletion is one commit)."""
    now = utcnow()
    user = db.get(User, user_id)
    email, org_id = user.email, user.org_id
    grants = select(Grant.id).where(or_(Grant.owner_id == user_id, Grant.grantee_id == user_id))
    own_companionships = select(Companionship.id).where(Companionship.owner_id == user_id)
    statements = [
        # others' records keep the event, without the person
        update(AuditEvent).where(AuditEvent.actor_id == user_id).values(actor_id=None),
        update(AuditEvent).where(AuditEvent.grant_id.in_(grants)).values(grant_id=None),
        delete(AuditEvent).where(AuditEvent.owner_id == user_id),
        update(Meeting).where(Meeting.author_id == user_id).values(author_id=None),
        update(AgreedAction).where(AgreedAction.author_id == user_id).values(author_id=None),
        # the company's subsidy case stays with the organization, without who last edited it
        update(EmployerCaseRecord).where(EmployerCaseRecord.updated_by_id == user_id).values(updated_by_id=None),
        # companionships where the person was the companion stay with the employee, ended
        update(Companionship)
        .where(Companionship.companion_id == user_id, Companionship.ended_at.is_(None))
        .values(ended_at=now, end_reason="伴走者のアカウントが削除されました。"),
        update(Companionship).where(Companionship.companion_id == user_id).values(companion_id=None, grant_id=None),
        # the person's own companionships go, with their records
        delete(Meeting).where(Meeting.companionship_id.in_(own_companionships)),
        delete(AgreedAction).where(AgreedAction.companionship_id.in_(own_companionships)),
        delete(Companionship).where(Companionship.owner_id == user_id),
        delete(Grant).where(or_(Grant.owner_id == user_id, Grant.grantee_id == user_id)),
        delete(CareerLogEntry).where(CareerLogEntry.owner_id == user_id),
        delete(CareerNote).where(CareerNote.owner_id == user_id),
        delete(PlanStep).where(PlanStep.plan_id.in_(select(Plan.id).where(Plan.owner_id == user_id))),
        delete(Plan).where(Plan.owner_id == user_id),
        delete(JobCard).where(JobCard.owner_id == user_id),
        delete(WorkerProfile).where(WorkerProfile.owner_id == user_id),
        delete(CompanionProfile).where(CompanionProfile.user_id == user_id),
        delete(TeamMember).where(TeamMember.user_id == user_id),
        delete(Team).where(~Team.id.in_(select(TeamMember.team_id))),
        delete(Invitation).where(or_(Invitation.invited_by_id == user_id, Invitation.email == email)),
        delete(UserSession).where(UserSession.user_id == user_id),
        delete(LoginFailure).where(LoginFailure.email == email),
    ]
    for statement in statements:
        db.execute(statement.execution_options(synchronize_session=False))
    db.delete(db.get(User, user_id))
    # that an account was deleted, and when: no name, no email, no content
    db.add(DeletionRecord(kind="account", subject_id=user_id, org_id=org_id))


def erase_organization(db: Session, org_id: int) -> int:
    """An organization and everyone in it (each as erase() does), its invitations, teams and
    company case, in one transaction. Returns how many accounts were deleted."""
    if db.get(Organization, org_id) is None:
        raise NotFound("organization")
    members = list(db.scalars(select(User.id).where(User.org_id == org_id)))
    for user_id in members:
        _erase(db, user_id)
    db.flush()
    for statement in (
        delete(Invitation).where(Invitation.org_id == org_id),
        delete(EmployerCaseRecord).where(EmployerCaseRecord.org_id == org_id),
        delete(TeamMember).where(TeamMember.team_id.in_(select(Team.id).where(Team.org_id == org_id))),
        delete(Team).where(Team.org_id == org_id),
    ):
        db.execute(statement.execution_options(synchronize_session=False))
    db.delete(db.get(Organization, org_id))
    db.add(DeletionRecord(kind="organization", subject_id=org_id, org_id=org_id))
    db.commit()
    db.expire_all()
    return len(members)
