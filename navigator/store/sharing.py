"""Grants: an employee shares one item with one companion, sees who has access, revokes at once.

`read_shared` is the only way a person other than the owner reaches a note, a plan or log
entries, and it writes an audit event (committed before the data are returned) for every read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from navigator.store import personal
from navigator.store.errors import InvalidInput, NotFound
from navigator.store.models import (
    AgreedAction,
    AuditEvent,
    CareerLogEntry,
    CareerNote,
    Companionship,
    Grant,
    Meeting,
    Plan,
    User,
    UserRole,
    utcnow,
)
from navigator.store.owned import own, own_rows
from navigator.store.viewer import STAFF_ROLES, Viewer

KIND_LABELS = {"note": "キャリアノート", "plan": "計画", "log_range": "キャリアログ（期間）"}
COMPANIONSHIP_LABEL = "伴走（面談の記録と合意した行動）"


@dataclass
class SharedItem:
    grant: Grant
    kind: str
    label: str
    note: CareerNote | None = None
    plan: Plan | None = None
    entries: list[CareerLogEntry] = field(default_factory=list)
    # for a generated note: the entries it quotes, by id (deleted ones are simply absent)
    quotes: dict[int, CareerLogEntry] = field(default_factory=dict)


@dataclass
class CompanionshipRecord:
    """What the companion of a companionship reads: meetings and agreed actions, and which items
    the employee shares with them (metadata; each item is read with `read_shared`)."""

    companionship: Companionship
    meetings: list[Meeting]
    actions: list[AgreedAction]
    shared: list[Grant]


def describe(grant: Grant) -> str:
    """What a grant points at, in Japanese, for lists and the audit log."""
    if grant.kind == "note":
        return f"キャリアノート「{grant.note.title}」"
    if grant.kind == "plan":
        return f"計画「{grant.plan.title}」"
    if grant.kind == "companionship":
        return COMPANIONSHIP_LABEL
    return f"キャリアログ {_jdate(grant.log_from)}〜{_jdate(grant.log_to)}"


def _jdate(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


# --- owner's side ------------------------------------------------------------------------


def companions_to_choose(db: Session, viewer: Viewer) -> list[User]:
    """Every companion of any organization except the viewer: companions may come from outside."""
    viewer.require("employee")
    staff = select(UserRole.user_id).where(UserRole.role.in_(STAFF_ROLES))
    query = (
        select(User)
        .join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == "companion", User.id != viewer.user_id, User.id.not_in(staff))
        .order_by(User.display_name)
    )
    return list(db.scalars(query))


def create_grant(
    db: Session,
    viewer: Viewer,
    grantee_id: int,
    kind: str,
    note_id: int | None = None,
    plan_id: int | None = None,
    log_from: date | None = None,
    log_to: date | None = None,
) -> Grant:
    viewer.require("employee")
    if grantee_id not in {u.id for u in companions_to_choose(db, viewer)}:
        raise InvalidInput("grantee_id", "「共有する相手」は伴走者の一覧から選んでください。")
    grant = Grant(owner_id=viewer.user_id, grantee_id=grantee_id, kind=kind)
    if kind == "note":
        if note_id is None:
            raise InvalidInput("note_id", "「共有するキャリアノート」を選んでください。")
        grant.note_id = _own(lambda: personal.get_note(db, viewer, note_id), "note_id").id
    elif kind == "plan":
        if plan_id is None:
            raise InvalidInput("plan_id", "「共有する計画」を選んでください。")
        grant.plan_id = _own(lambda: personal.get_plan(db, viewer, plan_id), "plan_id").id
    elif kind == "log_range":
        if log_from is None:
            raise InvalidInput("log_from", "「期間の始まり」を入力してください。")
        if log_to is None:
            raise InvalidInput("log_to", "「期間の終わり」を入力してください。")
        if log_from > log_to:
            raise InvalidInput("log_to", "「期間の終わり」は「期間の始まり」と同じ日かそれより後にしてください。")
        grant.log_from, grant.log_to = log_from, log_to
    else:
        raise InvalidInput("kind", "「共有するもの」を選んでください。")
    if _same_active_grant(db, grant) is not None:
        raise InvalidInput("grantee_id", "この相手とは、同じものをすでに共有しています。")
    db.add(grant)
    db.commit()
    return grant


def _same_active_grant(db: Session, grant: Grant) -> Grant | None:
    return db.scalar(
        select(Grant).where(
            Grant.owner_id == grant.owner_id,
            Grant.grantee_id == grant.grantee_id,
            Grant.kind == grant.kind,
            Grant.note_id.is_(None) if grant.note_id is None else Grant.note_id == grant.note_id,
            Grant.plan_id.is_(None) if grant.plan_id is None else Grant.plan_id == grant.plan_id,
            Grant.log_from.is_(None) if grant.log_from is None else Grant.log_from == grant.log_from,
            Grant.log_to.is_(None) if grant.log_to is None else Grant.log_to == grant.log_to,
            Grant.revoked_at.is_(None),
        )
    )


def _own(load, field_name: str):
    try:
        return load()
    except NotFound:
        raise InvalidInput(field_name, "選んだ項目が見つかりません。一覧から選び直してください。") from None


def list_grants_given(db: Session, viewer: Viewer) -> list[Grant]:
    """Who has access to what: active grants first, then revoked ones (kept for the record)."""
    grants = own_rows(db, viewer, Grant, Grant.created_at.desc())
    return [g for g in grants if g.active] + [g for g in grants if not g.active]


def revoke_grant(db: Session, viewer: Viewer, grant_id: int) -> Grant:
    grant = own(db, viewer, Grant, grant_id, "grant")
    if grant.revoked_at is None:
        grant.revoked_at = utcnow()
        if grant.kind == "companionship":
            companionship = db.scalar(select(Companionship).where(Companionship.grant_id == grant.id))
            if companionship is not None and companionship.ended_at is None:
                companionship.ended_at = grant.revoked_at
                companionship.end_reason = companionship.end_reason or "共有の管理から取り消しました。"
        db.commit()
    return grant


def list_audit_events(db: Session, viewer: Viewer) -> list[AuditEvent]:
    return own_rows(db, viewer, AuditEvent, AuditEvent.at.desc(), AuditEvent.id.desc())


# --- companion's side --------------------------------------------------------------------


def _active_grant_for(db: Session, viewer: Viewer, grant_id: int) -> Grant:
    viewer.require("companion")
    grant = db.scalar(
        select(Grant).where(
            Grant.id == grant_id,
            Grant.grantee_id == viewer.user_id,
            Grant.revoked_at.is_(None),
        )
    )
    if grant is None:
        raise NotFound("grant")
    return grant


def list_grants_received(db: Session, viewer: Viewer, owner_id: int | None = None) -> list[Grant]:
    """Metadata only (who shared what, since when): reading the item itself is `read_shared`.
    Companionship grants are listed as consultees (`navigator.store.companions.consultees`)."""
    viewer.require("companion")
    query = (
        select(Grant)
        .where(Grant.grantee_id == viewer.user_id, Grant.revoked_at.is_(None), Grant.kind != "companionship")
        .order_by(Grant.created_at.desc(), Grant.id.desc())
    )
    if owner_id is not None:
        query = query.where(Grant.owner_id == owner_id)
    return list(db.scalars(query))


def audit(db: Session, grant: Grant, actor_id: int, action: str, label: str) -> None:
    """Records that someone other than the owner read (or added to) the owner's data."""
    db.add(
        AuditEvent(
            owner_id=grant.owner_id,
            actor_id=actor_id,
            grant_id=grant.id,
            action=action,
            object_kind=grant.kind,
            object_label=label[:300],
        )
    )


def read_shared(db: Session, viewer: Viewer, grant_id: int) -> SharedItem:
    grant = _active_grant_for(db, viewer, grant_id)
    if grant.kind == "companionship":
        raise NotFound("grant")  # read with read_companionship
    item = SharedItem(grant=grant, kind=grant.kind, label=describe(grant))
    if grant.kind == "note":
        item.note = personal.fresh(db, grant.note)
        if item.note.generated:
            item.quotes = personal.log_entries_by_ids(db, grant.owner_id, item.note.data.get("entry_ids", []))
    elif grant.kind == "plan":
        item.plan = grant.plan
    else:
        item.entries = personal.log_entries_between(db, grant.owner_id, grant.log_from, grant.log_to)
    audit(db, grant, viewer.user_id, "read", item.label)
    db.commit()
    return item


def companionship_grant(db: Session, viewer: Viewer, companionship_id: int) -> tuple[Companionship, Grant]:
    """The companion's active companionship (else NotFound, as for any grant)."""
    viewer.require("companion")
    companionship = db.scalar(
        select(Companionship).where(Companionship.id == companionship_id, Companionship.companion_id == viewer.user_id)
    )
    if companionship is None or companionship.grant_id is None:
        raise NotFound("companionship")
    grant = _active_grant_for(db, viewer, companionship.grant_id)
    return companionship, grant


def read_companionship(db: Session, viewer: Viewer, companionship_id: int) -> CompanionshipRecord:
    """The companion reads the meeting records and agreed actions of a consultee (audited)."""
    companionship, grant = companionship_grant(db, viewer, companionship_id)
    record = CompanionshipRecord(
        companionship=companionship,
        meetings=_meetings(db, companionship.id),
        actions=_actions(db, companionship.id),
        shared=list_grants_received(db, viewer, owner_id=companionship.owner_id),
    )
    audit(db, grant, viewer.user_id, "read", "面談の記録と合意した行動")
    db.commit()
    return record


def record_companionship_export(db: Session, viewer: Viewer, companionship_id: int, label: str) -> None:
    """The companion takes a copy out of the app (the meeting sheet as PDF): the owner's audit log
    says so, besides the reads that gathered its contents (committed before the copy is made)."""
    _, grant = companionship_grant(db, viewer, companionship_id)
    audit(db, grant, viewer.user_id, "export", label)
    db.commit()


def _meetings(db: Session, companionship_id: int) -> list[Meeting]:
    query = select(Meeting).where(Meeting.companionship_id == companionship_id)
    return list(db.scalars(query.order_by(Meeting.held_on.desc(), Meeting.id.desc())))


def _actions(db: Session, companionship_id: int) -> list[AgreedAction]:
    query = select(AgreedAction).where(AgreedAction.companionship_id == companionship_id)
    return list(db.scalars(query.order_by(AgreedAction.created_at, AgreedAction.id)))
