"""The employee's own data: career log, career notes, plans, Job Card.

Every query here is filtered by `owner_id == viewer.user_id`; an id that belongs to someone else
is reported as NotFound, exactly like an id that does not exist. Others reach these data only
through `navigator.store.sharing`.

A generated note cites entries by id and is generated again from the current log before it is
read whenever an entry of its period was edited or deleted since (`stale`), so a deleted entry
leaves every derived note.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from navigator.careerlog.knowledge import knowledge
from navigator.store.errors import InvalidInput, NotFound
from navigator.store.models import CareerLogEntry, CareerNote, JobCard, Plan, PlanStep, utcnow
from navigator.store.owned import own, own_rows
from navigator.store.viewer import Viewer

# The fixed set of emotions, kept in careerlog/emotions.yaml.
EMOTIONS = knowledge().emotions.labels
INTENSITIES = tuple(level.value for level in knowledge().emotions.intensity.levels)


# --- career log --------------------------------------------------------------------------


def list_log_entries(db: Session, viewer: Viewer) -> list[CareerLogEntry]:
    return own_rows(db, viewer, CareerLogEntry, CareerLogEntry.occurred_on.desc(), CareerLogEntry.id.desc())


def own_log_entries_between(db: Session, viewer: Viewer, start: date, end: date) -> list[CareerLogEntry]:
    viewer.require("employee")
    return log_entries_between(db, viewer.user_id, start, end)


def logged_days(db: Session, viewer: Viewer) -> list[date]:
    """The days with at least one entry, latest first (for the streak)."""
    viewer.require("employee")
    query = (
        select(CareerLogEntry.occurred_on)
        .where(CareerLogEntry.owner_id == viewer.user_id)
        .distinct()
        .order_by(CareerLogEntry.occurred_on.desc())
    )
    return list(db.scalars(query))


def first_log_day(db: Session, viewer: Viewer) -> date | None:
    viewer.require("employee")
    return db.scalar(select(func.min(CareerLogEntry.occurred_on)).where(CareerLogEntry.owner_id == viewer.user_id))


def _check_entry(emotion: str, intensity: int) -> None:
    if emotion not in EMOTIONS:
        raise InvalidInput("emotion", "「その時の感情」は選択肢から選んでください。")
    if intensity not in INTENSITIES:
        raise InvalidInput("intensity", "「感情の強さ」は選択肢から選んでください。")


def add_log_entry(
    db: Session, viewer: Viewer, occurred_on: date, event: str, emotion: str, intensity: int | None = None
) -> CareerLogEntry:
    viewer.require("employee")
    intensity = intensity or knowledge().emotions.intensity.default
    _check_entry(emotion, intensity)
    entry = CareerLogEntry(
        owner_id=viewer.user_id, occurred_on=occurred_on, event=event, emotion=emotion, intensity=intensity
    )
    db.add(entry)
    db.commit()
    return entry


def get_log_entry(db: Session, viewer: Viewer, entry_id: int) -> CareerLogEntry:
    return own(db, viewer, CareerLogEntry, entry_id, "log entry")


def update_log_entry(
    db: Session, viewer: Viewer, entry_id: int, occurred_on: date, event: str, emotion: str, intensity: int
) -> CareerLogEntry:
    entry = get_log_entry(db, viewer, entry_id)
    _check_entry(emotion, intensity)
    _mark_notes_stale(db, viewer.user_id, {entry.occurred_on, occurred_on})
    entry.occurred_on, entry.event, entry.emotion, entry.intensity = occurred_on, event, emotion, intensity
    entry.updated_at = utcnow()
    db.commit()
    return entry


def delete_log_entry(db: Session, viewer: Viewer, entry_id: int) -> int:
    """Deletes the entry; returns how many generated notes will be generated again without it."""
    entry = get_log_entry(db, viewer, entry_id)
    affected = _mark_notes_stale(db, viewer.user_id, {entry.occurred_on})
    db.delete(entry)
    db.commit()
    return affected


def notes_citing(db: Session, viewer: Viewer, day: date) -> int:
    """How many generated notes cover this day (told before an entry is deleted)."""
    viewer.require("employee")
    return db.scalar(
        select(func.count(CareerNote.id)).where(
            CareerNote.owner_id == viewer.user_id,
            CareerNote.kind == "generated",
            CareerNote.period_from <= day,
            CareerNote.period_to >= day,
        )
    )


def _mark_notes_stale(db: Session, owner_id: int, days: set[date]) -> int:
    affected = 0
    for day in days:
        result = db.execute(
            update(CareerNote)
            .where(
                CareerNote.owner_id == owner_id,
                CareerNote.kind == "generated",
                CareerNote.period_from <= day,
                CareerNote.period_to >= day,
            )
            .values(stale=True)
        )
        affected = max(affected, result.rowcount or 0)
    return affected


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


def log_entries_by_ids(db: Session, owner_id: int, ids: list[int]) -> dict[int, CareerLogEntry]:
    """Unscoped helper: the entries a note of `owner_id` quotes (callers check owner or grant)."""
    if not ids:
        return {}
    query = select(CareerLogEntry).where(CareerLogEntry.owner_id == owner_id, CareerLogEntry.id.in_(set(ids)))
    return {e.id: e for e in db.scalars(query)}


# --- career notes ------------------------------------------------------------------------


def list_notes(db: Session, viewer: Viewer) -> list[CareerNote]:
    return own_rows(db, viewer, CareerNote, CareerNote.updated_at.desc(), CareerNote.id.desc())


def generated_notes(db: Session, viewer: Viewer) -> list[CareerNote]:
    """The versions of the generated note, newest first."""
    viewer.require("employee")
    query = (
        select(CareerNote)
        .where(CareerNote.owner_id == viewer.user_id, CareerNote.kind == "generated")
        .order_by(CareerNote.version.desc())
    )
    return list(db.scalars(query))


def get_note(db: Session, viewer: Viewer, note_id: int) -> CareerNote:
    return fresh(db, own(db, viewer, CareerNote, note_id, "note"))


def latest_generated_note(db: Session, viewer: Viewer) -> CareerNote | None:
    viewer.require("employee")
    note = db.scalar(
        select(CareerNote)
        .where(CareerNote.owner_id == viewer.user_id, CareerNote.kind == "generated")
        .order_by(CareerNote.version.desc())
        .limit(1)
    )
    return fresh(db, note) if note else None


def add_note(db: Session, viewer: Viewer, title: str, body: str) -> CareerNote:
    viewer.require("employee")
    note = CareerNote(owner_id=viewer.user_id, title=title, body=body)
    db.add(note)
    db.commit()
    return note


def fresh(db: Session, note: CareerNote) -> CareerNote:
    """A generated note whose entries changed is generated again from the current log (same period,
    same version number, the person's corrections kept) before anyone reads it."""
    if note.generated and note.stale:
        from navigator.careerlog.entries import Entry
        from navigator.careerlog.generate import generate, note_text

        rows = log_entries_between(db, note.owner_id, note.period_from, note.period_to)
        note.data = generate([Entry.of(r) for r in rows], note.period_from, note.period_to)
        note.body = note_text(note.data, note.corrections)
        note.stale = False
        note.updated_at = utcnow()
        db.commit()
    return note


def generate_note(db: Session, viewer: Viewer, start: date, end: date) -> CareerNote:
    """A new version of the generated note over [start, end]. The corrections of the latest
    version are carried over: they are the person's words, which win over generated text."""
    from navigator.careerlog.entries import Entry
    from navigator.careerlog.generate import generate, note_text, jdate

    viewer.require("employee")
    if start > end:
        raise InvalidInput("period", "「期間」の始まりが終わりより後になっています。")
    previous = db.scalar(
        select(CareerNote)
        .where(CareerNote.owner_id == viewer.user_id, CareerNote.kind == "generated")
        .order_by(CareerNote.version.desc())
        .limit(1)
    )
    version = (previous.version if previous else 0) + 1
    corrections = dict(previous.corrections or {}) if previous else {}
    rows = log_entries_between(db, viewer.user_id, start, end)
    data = generate([Entry.of(r) for r in rows], start, end)
    if corrections:
        data["corrections_from_version"] = previous.version
    note = CareerNote(
        owner_id=viewer.user_id,
        kind="generated",
        version=version,
        title=f"キャリアノート 第{version}版（{jdate(start)}〜{jdate(end)}）",
        body=note_text(data, corrections),
        period_from=start,
        period_to=end,
        data=data,
        corrections=corrections,
    )
    db.add(note)
    db.commit()
    return note


def save_corrections(db: Session, viewer: Viewer, note_id: int, corrections: dict[str, str]) -> CareerNote:
    from navigator.careerlog.generate import note_text
    from navigator.careerlog.note import SECTIONS

    note = get_note(db, viewer, note_id)
    if not note.generated:
        raise InvalidInput("note", "自分で書いたノートは、そのまま書き直せます。")
    unknown = set(corrections) - set(SECTIONS)
    if unknown:
        raise InvalidInput(sorted(unknown)[0], "修正できる項目ではありません。")
    note.corrections = {k: v.strip() for k, v in corrections.items() if v and v.strip()}
    note.body = note_text(note.data, note.corrections)
    note.updated_at = utcnow()
    db.commit()
    return note


# --- plans -------------------------------------------------------------------------------


def list_plans(db: Session, viewer: Viewer) -> list[Plan]:
    return own_rows(db, viewer, Plan, Plan.created_at.desc(), Plan.id.desc())


def get_plan(db: Session, viewer: Viewer, plan_id: int) -> Plan:
    return own(db, viewer, Plan, plan_id, "plan")


def add_plan(
    db: Session,
    viewer: Viewer,
    title: str,
    body: str,
    target_on: date | None,
    aspiration: str = "",
    programs: str = "",
    hours_per_week: float | None = None,
) -> Plan:
    viewer.require("employee")
    plan = Plan(
        owner_id=viewer.user_id,
        title=title,
        body=body,
        target_on=target_on,
        aspiration=aspiration,
        programs=programs,
        hours_per_week=hours_per_week,
    )
    db.add(plan)
    db.commit()
    return plan


def update_plan(db: Session, viewer: Viewer, plan_id: int, **fields) -> Plan:
    plan = get_plan(db, viewer, plan_id)
    allowed = {"title", "body", "target_on", "aspiration", "programs", "hours_per_week"}
    for name, value in fields.items():
        if name not in allowed:
            raise InvalidInput(name, "変更できない項目です。")
        setattr(plan, name, value)
    plan.updated_at = utcnow()
    db.commit()
    return plan


def add_step(db: Session, viewer: Viewer, plan_id: int, title: str, due_on: date | None,
             detail: str | None = None) -> PlanStep:
    plan = get_plan(db, viewer, plan_id)
    step = PlanStep(plan_id=plan.id, title=title, due_on=due_on, detail=detail)
    plan.steps.append(step)
    plan.updated_at = utcnow()
    db.commit()
    return step


def add_program_steps(db: Session, viewer: Viewer, plan_id: int | None, program: str,
                      steps: list[tuple[str, date | None, str | None]], new_title: str) -> tuple[Plan, int]:
    """Adds a program (a course) and its dated steps to a plan, or to a new plan titled
    `new_title` when plan_id is None. A step already in the plan (same title and date) is not
    added again. Returns the plan and how many steps were added."""
    plan = get_plan(db, viewer, plan_id) if plan_id is not None else add_plan(db, viewer, new_title, "", None)
    if program not in plan.program_list:
        plan.programs = "\n".join([*plan.program_list, program])
    present = {(s.title, s.due_on) for s in plan.steps}
    added = 0
    for title, due_on, detail in steps:
        if (title, due_on) not in present:
            plan.steps.append(PlanStep(plan_id=plan.id, title=title[:200], due_on=due_on, detail=detail))
            present.add((title, due_on))
            added += 1
    plan.updated_at = utcnow()
    db.commit()
    return plan, added


def _own_step(db: Session, viewer: Viewer, plan_id: int, step_id: int) -> tuple[Plan, PlanStep]:
    plan = get_plan(db, viewer, plan_id)
    step = next((s for s in plan.steps if s.id == step_id), None)
    if step is None:
        raise NotFound("step")
    return plan, step


def set_step_done(db: Session, viewer: Viewer, plan_id: int, step_id: int, done_on: date | None) -> PlanStep:
    plan, step = _own_step(db, viewer, plan_id, step_id)
    step.done_on = done_on
    plan.updated_at = utcnow()
    db.commit()
    return step


def delete_step(db: Session, viewer: Viewer, plan_id: int, step_id: int) -> None:
    plan, step = _own_step(db, viewer, plan_id, step_id)
    plan.steps.remove(step)
    plan.updated_at = utcnow()
    db.commit()


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
