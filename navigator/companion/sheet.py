"""The meeting sheet (面談資料, seed 000 4-3-4-3): what a companion needs to go deep from the first
minute (4-4). `meeting_sheet_data` gathers it for either side of a companionship and only from what
the employee shares with this companion; the companion's reads go through the grants and are
audited. The HTML print view is templates/web/meeting_sheet.html; the PDF (forms/meeting-sheet.yaml)
prints the same data through navigator.forms.worker_docs.meeting_data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from navigator.careerlog.knowledge import knowledge
from navigator.careerlog.view import NoteView, note_view
from navigator.store import companions, personal, sharing
from navigator.store.models import AgreedAction, Companionship, Meeting, Plan
from navigator.store.viewer import Viewer

RECENT_MEETINGS = 3


@dataclass
class MeetingSheet:
    companionship: Companionship
    side: str  # "owner" or "companion"
    consultee: str
    consultee_org: str
    companion: str
    companion_org: str
    prepared_on: date
    note: NoteView | None
    plan: Plan | None
    meetings: list[Meeting]
    open_actions: list[AgreedAction]
    done_actions: list[AgreedAction]
    questions: list[str] = field(default_factory=list)


def meeting_sheet_data(db: Session, viewer: Viewer, companionship_id: int, today: date) -> MeetingSheet:
    view = companions.open_companionship(db, viewer, companionship_id)
    c = view.companionship
    note_grant = next((g for g in view.shared if g.kind == "note" and g.note.generated), None)
    plan_grant = next((g for g in view.shared if g.kind == "plan"), None)
    note = plan = None
    if view.side == "companion":
        if note_grant:
            item = sharing.read_shared(db, viewer, note_grant.id)
            note = note_view(item.note, item.quotes, "sheet-chart")
        if plan_grant:
            plan = sharing.read_shared(db, viewer, plan_grant.id).plan
    else:
        if note_grant:
            shared_note = personal.get_note(db, viewer, note_grant.note_id)
            rows = personal.log_entries_by_ids(db, c.owner_id, shared_note.data.get("entry_ids", []))
            note = note_view(shared_note, rows, "sheet-chart")
        if plan_grant:
            plan = personal.get_plan(db, viewer, plan_grant.plan_id)
    return MeetingSheet(
        companionship=c,
        side=view.side,
        consultee=c.owner.display_name,
        consultee_org=c.owner.organization.name,
        companion=c.companion.display_name if c.companion else "（削除されたアカウント）",
        companion_org=c.companion.organization.name if c.companion else "",
        prepared_on=today,
        note=note,
        plan=plan,
        meetings=view.meetings[:RECENT_MEETINGS],
        open_actions=[a for a in view.actions if a.status in ("todo", "doing")],
        done_actions=[a for a in view.actions if a.status == "done"],
        questions=questions_for(note.data if note else None),
    )


def questions_for(note_data: dict | None) -> list[str]:
    """Questions for the meeting: those of each barrier the note shows (careerlog/lexicons/
    barriers.yaml), and one for each condition of 働きがい the log does not show yet."""
    if not note_data:
        return [b.questions[0] for b in knowledge().barriers.barriers]
    found = {b["id"] for b in note_data.get("barriers", [])}
    questions = [q for b in knowledge().barriers.barriers if b.id in found for q in b.questions]
    for c in note_data.get("worth", []):
        if not c["items"]:
            questions.append(f"「{c['question']}」について、最近の出来事を聞いてみましょう。")
    return questions
