"""JSON API under /api/v1 (signed in with the same session cookie as the pages). It calls the
same store functions as the pages, so the same owner and grant scoping applies."""

from __future__ import annotations

from datetime import date, datetime

from fastapi import APIRouter, Depends
from pydantic import BaseModel
from sqlalchemy.orm import Session

from navigator.store import personal, sharing, usage
from navigator.store.viewer import Viewer
from navigator.web.auth import viewer as current
from navigator.web.deps import ObjectId, get_db

router = APIRouter(prefix="/api/v1", tags=["v1"])


class Me(BaseModel):
    id: int
    display_name: str
    organization_id: int
    roles: list[str]


class LogEntryOut(BaseModel):
    id: int
    occurred_on: date
    event: str
    emotion: str
    intensity: int


class NoteOut(BaseModel):
    id: int
    title: str
    body: str
    updated_at: datetime
    kind: str
    version: int | None = None
    period_from: date | None = None
    period_to: date | None = None


class PlanOut(BaseModel):
    id: int
    title: str
    body: str
    target_on: date | None
    aspiration: str = ""
    program_list: list[str] = []
    hours_per_week: float | None = None
    progress: tuple[int, int] = (0, 0)


class GrantOut(BaseModel):
    id: int
    kind: str
    label: str
    owner: str
    grantee: str
    created_at: datetime
    revoked_at: datetime | None


class SharedOut(BaseModel):
    grant: GrantOut
    note: NoteOut | None = None
    plan: PlanOut | None = None
    entries: list[LogEntryOut] = []


class AuditOut(BaseModel):
    at: datetime
    actor: str
    action: str
    object_label: str


class UsageOut(BaseModel):
    """Counts under 5 are null: they are never shown, so that no one can be singled out."""

    employees: int
    shown: bool
    logged_this_week: int | None
    logging_last_30_days: int | None
    with_note: int | None
    with_plan: int | None
    with_companion: int | None
    in_team: int | None


def _grant(grant) -> GrantOut:
    return GrantOut(
        id=grant.id,
        kind=grant.kind,
        label=sharing.describe(grant),
        owner=grant.owner.display_name,
        grantee=grant.grantee.display_name,
        created_at=grant.created_at,
        revoked_at=grant.revoked_at,
    )


@router.get("/me", response_model=Me, summary="サインイン中の人")
def me(viewer: Viewer = Depends(current)):
    return Me(id=viewer.user_id, display_name=viewer.display_name, organization_id=viewer.org_id, roles=sorted(viewer.roles))


@router.get("/log", response_model=list[LogEntryOut], summary="自分のキャリアログ")
def log_entries(db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    return [LogEntryOut.model_validate(e, from_attributes=True) for e in personal.list_log_entries(db, viewer)]


@router.get("/notes", response_model=list[NoteOut], summary="自分のキャリアノート")
def notes(db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    notes = [personal.fresh(db, n) for n in personal.list_notes(db, viewer)]
    return [NoteOut.model_validate(n, from_attributes=True) for n in notes]


@router.get("/notes/{note_id}", response_model=NoteOut, summary="自分のキャリアノート1件")
def note(note_id: ObjectId, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    return NoteOut.model_validate(personal.get_note(db, viewer, note_id), from_attributes=True)


@router.get("/plans", response_model=list[PlanOut], summary="自分の計画")
def plans(db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    return [PlanOut.model_validate(p, from_attributes=True) for p in personal.list_plans(db, viewer)]


@router.get("/grants", response_model=list[GrantOut], summary="自分が共有している相手と内容")
def grants(db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    return [_grant(g) for g in sharing.list_grants_given(db, viewer)]


@router.post("/grants/{grant_id}/revoke", response_model=GrantOut, summary="共有を取り消す")
def revoke(grant_id: ObjectId, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    return _grant(sharing.revoke_grant(db, viewer, grant_id))


@router.get("/audit", response_model=list[AuditOut], summary="自分のデータが読まれた記録")
def audit(db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    return [
        AuditOut(
            at=e.at, actor=e.actor.display_name if e.actor else "（削除されたアカウント）", action=e.action, object_label=e.object_label
        )
        for e in sharing.list_audit_events(db, viewer)
    ]


@router.get("/shared", response_model=list[GrantOut], summary="自分に共有されているもの（一覧）")
def shared_list(db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    return [_grant(g) for g in sharing.list_grants_received(db, viewer)]


@router.get("/shared/{grant_id}", response_model=SharedOut, summary="共有されたものを読む（記録されます）")
def shared_item(grant_id: ObjectId, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    item = sharing.read_shared(db, viewer, grant_id)
    return SharedOut(
        grant=_grant(item.grant),
        note=NoteOut.model_validate(item.note, from_attributes=True) if item.note else None,
        plan=PlanOut.model_validate(item.plan, from_attributes=True) if item.plan else None,
        entries=[LogEntryOut.model_validate(e, from_attributes=True) for e in item.entries],
    )


@router.get("/hr/usage", response_model=UsageOut, summary="利用状況（匿名の集計）")
def hr_usage(db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    summary = usage.usage_summary(db, viewer)
    return UsageOut(**summary.__dict__)
