"""The employee's own data: career log, career notes, plans, Job Card.

Every query here is filtered by `owner_id == viewer.user_id`; an id that belongs to someone else
is reported as NotFound, exactly like an id that does not exist. Others reach these data only
through `navigator.store.sharing`.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from navigator.store.errors import InvalidInput, NotFound
from navigator.store.models import CareerLogEntry, CareerNote, JobCard, Plan, utcnow
from navigator.store.viewer import Viewer

EMOTIONS = ("うれしい", "楽しい", "充実", "安心", "ふつう", "もやもや", "不安", "疲れた", "悔しい")


# --- career log --------------------------------------------------------------------------


def list_log_entries(db: Session, viewer: Viewer) -> list[CareerLogEntry]:
    viewer.require("employee")
    query = (
        select(CareerLogEntry)
        .where(CareerLogEntry.owner_id == viewer.user_id)
        .order_by(CareerLogEntry.occurred_on.desc(), CareerLogEntry.id.desc())
    )
    return list(db.scalars(query))


def add_log_entry(db: Session, viewer: Viewer, occurred_on: date, event: str, emotion: str) -> CareerLogEntry:
    viewer.require("employee")
    if emotion not in EMOTIONS:
        raise InvalidInput("emotion", "「そのときの気持ち」は選択肢から選んでください。")
    entry = CareerLogEntry(owner_id=viewer.user_id, occurred_on=occurred_on, event=event, emotion=emotion)
    db.add(entry)
    db.commit()
    return entry


def log_entries_between(db: Session, owner_id: int, start: date, end: date) -> list[CareerLogEntry]:
    """Unscoped helper for the sharing module, which has already checked the grant."""
    query = (
        select(CareerLogEntry)
        .where(
            CareerLogEntry.owner_id == owner_id,
            CareerLogEntry.occurred_on >= start,
            CareerLogEntry.occurred_on <= end,
        )
        .order_by(CareerLogEntry.occurred_on, CareerLogEntry.id)
    )
    return list(db.scalars(query))


# --- career notes ------------------------------------------------------------------------


def list_notes(db: Session, viewer: Viewer) -> list[CareerNote]:
    viewer.require("employee")
    query = select(CareerNote).where(CareerNote.owner_id == viewer.user_id).order_by(CareerNote.updated_at.desc())
    return list(db.scalars(query))


def get_note(db: Session, viewer: Viewer, note_id: int) -> CareerNote:
    viewer.require("employee")
    note = db.scalar(select(CareerNote).where(CareerNote.id == note_id, CareerNote.owner_id == viewer.user_id))
    if note is None:
        raise NotFound("note")
    return note


def add_note(db: Session, viewer: Viewer, title: str, body: str) -> CareerNote:
    viewer.require("employee")
    note = CareerNote(owner_id=viewer.user_id, title=title, body=body)
    db.add(note)
    db.commit()
    return note


# --- plans -------------------------------------------------------------------------------


def list_plans(db: Session, viewer: Viewer) -> list[Plan]:
    viewer.require("employee")
    query = select(Plan).where(Plan.owner_id == viewer.user_id).order_by(Plan.created_at.desc())
    return list(db.scalars(query))


def get_plan(db: Session, viewer: Viewer, plan_id: int) -> Plan:
    viewer.require("employee")
    plan = db.scalar(select(Plan).where(Plan.id == plan_id, Plan.owner_id == viewer.user_id))
    if plan is None:
        raise NotFound("plan")
    return plan


def add_plan(db: Session, viewer: Viewer, title: str, body: str, target_on: date | None) -> Plan:
    viewer.require("employee")
    plan = Plan(owner_id=viewer.user_id, title=title, body=body, target_on=target_on)
    db.add(plan)
    db.commit()
    return plan


# --- Job Card (never shared) -------------------------------------------------------------


def get_job_card(db: Session, viewer: Viewer) -> JobCard | None:
    viewer.require("employee")
    return db.scalar(select(JobCard).where(JobCard.owner_id == viewer.user_id))


def save_job_card(
    db: Session, viewer: Viewer, values_and_interests: str, desired_work: str, skills_to_develop: str,
    sheets: str | None = None,
) -> JobCard:
    """`sheets`: JSON of navigator.forms.worker_data.JobCardSheets (様式1-1 profile, 2, 3-1, 3-2);
    None keeps what is stored."""
    viewer.require("employee")
    card = get_job_card(db, viewer) or JobCard(owner_id=viewer.user_id, sheets="{}")
    card.values_and_interests = values_and_interests
    card.desired_work = desired_work
    card.skills_to_develop = skills_to_develop
    if sheets is not None:
        card.sheets = sheets
    card.updated_at = utcnow()
    db.add(card)
    db.commit()
    return card
