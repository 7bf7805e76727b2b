"""Companions (伴走者): their profiles, the employee's choice of one (a companionship, which is a
grant), meeting records and agreed actions (seed 000, 3 and 4-4).

The employee may read and write everything of their own companionships. The companion reaches a
companionship only through its active grant (navigator.store.sharing.companionship_grant); each
of their reads and additions is written to the employee's audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from navigator.store import sharing
from navigator.store.errors import Forbidden, InvalidInput, NotFound
from navigator.store.models import (
    ACTION_STATUSES,
    AgreedAction,
    CompanionProfile,
    Companionship,
    Grant,
    Meeting,
    utcnow,
)
from navigator.store.owned import own, own_or_none, own_rows
from navigator.store.viewer import Viewer

STYLES = {"role_model": "ロールモデル", "mentor": "メンター"}
STATUS_LABELS = {"todo": "これから", "doing": "取り組み中", "done": "できた", "dropped": "見送り"}


# --- profiles (the companion's own) ------------------------------------------------------


def get_profile(db: Session, viewer: Viewer) -> CompanionProfile | None:
    viewer.require("companion")
    return db.scalar(select(CompanionProfile).where(CompanionProfile.user_id == viewer.user_id))


def save_profile(
    db: Session,
    viewer: Viewer,
    role_title: str,
    styles: set[str],
    experience: str,
    themes: str,
    availability: str,
    accepting: bool,
) -> CompanionProfile:
    viewer.require("companion")
    if not styles or not styles <= set(STYLES):
        raise InvalidInput("styles", "「伴走のかたち」を1つ以上選んでください。")
    profile = get_profile(db, viewer) or CompanionProfile(user_id=viewer.user_id)
    profile.role_title = role_title
    profile.styles = ",".join(sorted(styles))
    profile.experience = experience
    profile.themes = themes
    profile.availability = availability
    profile.accepting = accepting
    profile.updated_at = utcnow()
    db.add(profile)
    db.commit()
    return profile


def profiles_to_choose(db: Session, viewer: Viewer) -> list[CompanionProfile]:
    """Profiles of companions who accept consultees, of any organization (companions may come
    from another company, seed 000 3 and 6-1), never the viewer, never a staff account."""
    viewer.require("employee")
    allowed = {u.id for u in sharing.companions_to_choose(db, viewer)}
    query = select(CompanionProfile).where(CompanionProfile.accepting.is_(True))
    return [p for p in db.scalars(query) if p.user_id in allowed]


# --- the employee's companionships -------------------------------------------------------


def my_companionships(db: Session, viewer: Viewer) -> list[Companionship]:
    """Current companionships first, then the earlier ones (kept: they are the person's record)."""
    rows = own_rows(db, viewer, Companionship, Companionship.started_at.desc(), Companionship.id.desc())
    return [c for c in rows if c.active] + [c for c in rows if not c.active]


def choose_companion(
    db: Session,
    viewer: Viewer,
    companion_id: int,
    stage: str,
    share_note_id: int | None = None,
    share_plan_id: int | None = None,
) -> Companionship:
    viewer.require("employee")
    profile = next((p for p in profiles_to_choose(db, viewer) if p.user_id == companion_id), None)
    if profile is None:
        raise InvalidInput("companion_id", "「伴走者」は候補の一覧から選んでください。")
    if any(c.active and c.companion_id == companion_id for c in my_companionships(db, viewer)):
        raise InvalidInput("companion_id", f"{profile.user.display_name}さんとは、すでに伴走中です。")
    grant = Grant(owner_id=viewer.user_id, grantee_id=companion_id, kind="companionship")
    companionship = Companionship(owner_id=viewer.user_id, companion_id=companion_id, grant=grant, stage=stage)
    db.add_all([grant, companionship])
    db.flush()
    for kind, key, item_id in (("note", "note_id", share_note_id), ("plan", "plan_id", share_plan_id)):
        if item_id is not None:
            existing = sharing._same_active_grant(
                db, Grant(owner_id=viewer.user_id, grantee_id=companion_id, kind=kind, **{key: item_id})
            )
            if existing is None:
                sharing.create_grant(db, viewer, companion_id, kind, **{key: item_id})
    db.commit()
    return companionship


def _own_companionship(db: Session, viewer: Viewer, companionship_id: int) -> Companionship:
    return own(db, viewer, Companionship, companionship_id, "companionship")


def end_companionship(
    db: Session, viewer: Viewer, companionship_id: int, reason: str, revoke_shares: bool = True
) -> Companionship:
    """Ends it (a new life or career stage, or any reason): the companion no longer reads the
    records; with `revoke_shares`, every item shared with them is revoked as well."""
    companionship = _own_companionship(db, viewer, companionship_id)
    if companionship.ended_at is None:
        companionship.ended_at = utcnow()
        companionship.end_reason = reason
        if companionship.grant is not None and companionship.grant.revoked_at is None:
            companionship.grant.revoked_at = companionship.ended_at
        if revoke_shares and companionship.companion_id is not None:
            for grant in sharing.list_grants_given(db, viewer):
                if grant.grantee_id == companionship.companion_id and grant.active:
                    grant.revoked_at = companionship.ended_at
        db.commit()
    return companionship


# --- one companionship, from either side -------------------------------------------------


@dataclass
class CompanionshipView:
    companionship: Companionship
    side: str  # "owner" or "companion"
    meetings: list[Meeting]
    actions: list[AgreedAction]
    shared: list[Grant]  # items shared with this companion (active grants)


def open_companionship(db: Session, viewer: Viewer, companionship_id: int) -> CompanionshipView:
    """The employee opens their own; the companion opens it through its grant (audited)."""
    if viewer.is_staff:
        raise Forbidden("companionship")
    if viewer.has("employee"):
        companionship = own_or_none(db, viewer, Companionship, companionship_id)
        if companionship is not None:
            shared = [
                g
                for g in sharing.list_grants_given(db, viewer)
                if g.active and g.kind != "companionship" and g.grantee_id == companionship.companion_id
            ]
            return CompanionshipView(
                companionship,
                "owner",
                sharing._meetings(db, companionship.id),
                sharing._actions(db, companionship.id),
                shared,
            )
    if viewer.has("companion"):
        record = sharing.read_companionship(db, viewer, companionship_id)
        return CompanionshipView(record.companionship, "companion", record.meetings, record.actions, record.shared)
    raise NotFound("companionship")


def _writable(db: Session, viewer: Viewer, companionship_id: int) -> tuple[Companionship, Grant | None]:
    """The companionship if the viewer may add to it now: its owner (while active) or its
    companion through the active grant. The grant is returned when the writer is the companion."""
    if viewer.is_staff:
        raise Forbidden("companionship")
    if viewer.has("employee"):
        companionship = own_or_none(db, viewer, Companionship, companionship_id)
        if companionship is not None:
            if not companionship.active:
                raise InvalidInput("companionship", "終了した伴走には追加できません。")
            return companionship, None
    if viewer.has("companion"):
        return sharing.companionship_grant(db, viewer, companionship_id)
    raise NotFound("companionship")


def add_meeting(
    db: Session, viewer: Viewer, companionship_id: int, held_on: date, summary: str, next_on: date | None
) -> Meeting:
    companionship, grant = _writable(db, viewer, companionship_id)
    meeting = Meeting(
        companionship_id=companionship.id,
        owner_id=companionship.owner_id,
        author_id=viewer.user_id,
        held_on=held_on,
        summary=summary,
        next_on=next_on,
    )
    db.add(meeting)
    if grant is not None:
        sharing.audit(db, grant, viewer.user_id, "write", f"面談の記録（{held_on.year}年{held_on.month}月{held_on.day}日）を追加")
    db.commit()
    return meeting


def add_action(db: Session, viewer: Viewer, companionship_id: int, title: str, due_on: date | None) -> AgreedAction:
    companionship, grant = _writable(db, viewer, companionship_id)
    action = AgreedAction(
        companionship_id=companionship.id, owner_id=companionship.owner_id, author_id=viewer.user_id, title=title, due_on=due_on
    )
    db.add(action)
    if grant is not None:
        sharing.audit(db, grant, viewer.user_id, "write", f"合意した行動「{title}」を追加")
    db.commit()
    return action


def set_action_status(db: Session, viewer: Viewer, companionship_id: int, action_id: int, status: str) -> AgreedAction:
    if status not in ACTION_STATUSES:
        raise InvalidInput("status", "「状況」は選択肢から選んでください。")
    companionship, grant = _writable(db, viewer, companionship_id)
    action = db.scalar(
        select(AgreedAction).where(AgreedAction.id == action_id, AgreedAction.companionship_id == companionship.id)
    )
    if action is None:
        raise NotFound("action")
    action.status = status
    action.updated_at = utcnow()
    if grant is not None:
        sharing.audit(db, grant, viewer.user_id, "write", f"合意した行動「{action.title}」を「{STATUS_LABELS[status]}」に変更")
    db.commit()
    return action


# --- the companion's side ----------------------------------------------------------------


def consultees(db: Session, viewer: Viewer) -> list[Companionship]:
    """Metadata of the companion's active companionships (who, since when, at what stage)."""
    viewer.require("companion")
    query = (
        select(Companionship)
        .join(Grant, Grant.id == Companionship.grant_id)
        .where(Companionship.companion_id == viewer.user_id, Grant.revoked_at.is_(None), Companionship.ended_at.is_(None))
        .order_by(Companionship.started_at.desc())
    )
    return list(db.scalars(query))


