"""Companions (伴走者): the employee chooses one by fit with their note, the companion keeps a
profile; both sides of a companionship see its meeting records, agreed actions and the meeting
sheet. What a companion reads goes through navigator.store.sharing (grant + audit)."""

from __future__ import annotations


from fastapi import APIRouter, Depends, Request
from sqlalchemy.orm import Session

from navigator.careerlog.embedding import embedder
from navigator.careerlog.knowledge import knowledge
from navigator.companion import fit
from navigator.companion.sheet import meeting_sheet_data
from navigator.forms import worker_docs
from navigator.store import companions, personal, sharing
from navigator.store.errors import InvalidInput
from navigator.store.viewer import Viewer
from navigator.web import forms
from navigator.web.auth import viewer as current
from navigator.web.deps import ObjectId, form_data, get_db
from navigator.web.pages.account import see_other
from navigator.web.templating import flash, japan_today, render

router = APIRouter(include_in_schema=False)



# --- the employee chooses ----------------------------------------------------------------


def _companions(request, db, viewer, values=None, errors=None, status=200):
    prefer_style = request.query_params.get("style")
    prefer_org = request.query_params.get("org")
    note = personal.latest_generated_note(db, viewer)
    terms = fit.note_terms(note.data if note else None)
    mine = companions.my_companionships(db, viewer)
    current = {c.companion_id for c in mine if c.active}
    suggestions = fit.rank(
        terms,
        note.body if note else "",
        [p for p in companions.profiles_to_choose(db, viewer) if p.user_id not in current],
        viewer.org_id,
        prefer_styles={prefer_style} if prefer_style in companions.STYLES else None,
        prefer_org=prefer_org if prefer_org in ("same", "other") else None,
        embed=embedder(),
    )
    context = {
        "note": note,
        "suggestions": suggestions,
        "active": [c for c in mine if c.active],
        "ended": [c for c in mine if not c.active],
        "plans": personal.list_plans(db, viewer),
        "styles": companions.STYLES,
        "prefer_style": prefer_style,
        "prefer_org": prefer_org,
        "values": values or {"share_note": "on"},
        "errors": errors or {},
    }
    return render(request, "companions.html", context, status)


@router.get("/companions")
def companions_page(request: Request, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    return _companions(request, db, viewer)


@router.post("/companions")
def choose(request: Request, data: dict = Depends(form_data), db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    form, errors = forms.validate(forms.ChooseCompanionForm, data)
    if not errors:
        note = personal.latest_generated_note(db, viewer) if form.share_note else None
        if form.share_note and note is None:
            errors = {"share_note": "共有できるキャリアノートがまだありません。先にノートを作るか、チェックを外してください。"}
    if not errors:
        try:
            companionship = companions.choose_companion(
                db, viewer, form.companion_id, form.stage, note.id if note else None, form.share_plan_id
            )
        except InvalidInput as exc:
            errors = {exc.field: exc.message}
        else:
            flash(request, f"{companionship.companion.display_name}さんを伴走者に選びました。")
            return see_other(f"/companionships/{companionship.id}")
    return _companions(request, db, viewer, data, errors, 422)


@router.post("/companionships/{companionship_id}/end")
def end(request: Request, companionship_id: ObjectId, data: dict = Depends(form_data), db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    form, errors = forms.validate(forms.EndCompanionshipForm, data)
    if errors:
        return _companionship(request, db, viewer, companionship_id, end_values=data, end_errors=errors, status=422)
    c = companions.end_companionship(db, viewer, companionship_id, form.reason, form.revoke_shares)
    name = c.companion.display_name if c.companion else "伴走者"
    flash(request, f"{name}さんとの伴走を終えました。新しいステージに合う伴走者を選べます。")
    return see_other("/companions")


# --- one companionship, either side ------------------------------------------------------


def _companionship(request, db, viewer, companionship_id, status=200, **forms_state):
    view = companions.open_companionship(db, viewer, companionship_id)
    context = {
        "view": view,
        "c": view.companionship,
        "status_labels": companions.STATUS_LABELS,
        "today": japan_today(),
        "meeting_values": forms_state.get("meeting_values") or {"held_on": japan_today().isoformat()},
        "meeting_errors": forms_state.get("meeting_errors") or {},
        "action_values": forms_state.get("action_values") or {},
        "action_errors": forms_state.get("action_errors") or {},
        "end_values": forms_state.get("end_values") or {"revoke_shares": "on"},
        "end_errors": forms_state.get("end_errors") or {},
    }
    return render(request, "companionship.html", context, status)


@router.get("/companionships/{companionship_id}")
def companionship_page(request: Request, companionship_id: ObjectId, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    return _companionship(request, db, viewer, companionship_id)


@router.post("/companionships/{companionship_id}/meetings")
def add_meeting(request: Request, companionship_id: ObjectId, data: dict = Depends(form_data), db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    form, errors = forms.validate(forms.MeetingForm, data)
    if not errors:
        try:
            companions.add_meeting(db, viewer, companionship_id, form.held_on, form.summary, form.next_on)
        except InvalidInput as exc:
            errors = {"summary": exc.message}
        else:
            flash(request, "面談の記録を追加しました。")
            return see_other(f"/companionships/{companionship_id}#meetings")
    return _companionship(request, db, viewer, companionship_id, 422, meeting_values=data, meeting_errors=errors)


@router.post("/companionships/{companionship_id}/actions")
def add_action(request: Request, companionship_id: ObjectId, data: dict = Depends(form_data), db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    form, errors = forms.validate(forms.ActionForm, data)
    if not errors:
        try:
            companions.add_action(db, viewer, companionship_id, form.title, form.due_on)
        except InvalidInput as exc:
            errors = {"title": exc.message}
        else:
            flash(request, f"行動「{form.title}」を追加しました。")
            return see_other(f"/companionships/{companionship_id}#actions")
    return _companionship(request, db, viewer, companionship_id, 422, action_values=data, action_errors=errors)


@router.post("/companionships/{companionship_id}/actions/{action_id}")
def set_status(request: Request, companionship_id: ObjectId, action_id: ObjectId, data: dict = Depends(form_data), db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    form, errors = forms.validate(forms.ActionStatusForm, data)
    if not errors:
        try:
            action = companions.set_action_status(db, viewer, companionship_id, action_id, form.status)
        except InvalidInput as exc:
            errors = {"status": exc.message}
        else:
            flash(request, f"「{action.title}」を「{companions.STATUS_LABELS[action.status]}」にしました。")
            return see_other(f"/companionships/{companionship_id}#actions")
    return _companionship(request, db, viewer, companionship_id, 422, action_errors=errors)


@router.get("/companionships/{companionship_id}/sheet")
def sheet(request: Request, companionship_id: ObjectId, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    data = meeting_sheet_data(db, viewer, companionship_id, japan_today())
    context = {
        "sheet": data,
        "status_labels": companions.STATUS_LABELS,
        "tone_labels": knowledge().analysis.tone.labels,
    }
    return render(request, "meeting_sheet.html", context)


SHEET_EXPORT_LABEL = "面談資料をPDFで保存（共有されたキャリアノート・計画、面談の記録と合意した行動を含む）"


@router.get("/companionships/{companionship_id}/sheet/pdf")
def sheet_pdf(companionship_id: ObjectId, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    """The meeting sheet as PDF for either side of the companionship. The companion's reads go
    through the grants (audited, as for the print view), and the copy itself is recorded too."""
    data = meeting_sheet_data(db, viewer, companionship_id, japan_today())
    if data.side == "companion":
        sharing.record_companionship_export(db, viewer, companionship_id, SHEET_EXPORT_LABEL)
    pdf = worker_docs.meeting_pdf(worker_docs.meeting_data(data), data.note.chart if data.note else None)
    return worker_docs.pdf_response(pdf, f"meeting-sheet-{companionship_id}.pdf")


# --- the companion's profile -------------------------------------------------------------


def _profile(request, db, viewer, values=None, errors=None, status=200):
    profile = companions.get_profile(db, viewer)
    if values is None:
        values = {"accepting": "on"}
        if profile:
            values = {
                "role_title": profile.role_title,
                "styles": sorted(profile.style_set),
                "experience": profile.experience,
                "themes": profile.themes,
                "availability": profile.availability,
                "accepting": "on" if profile.accepting else "",
            }
    context = {"profile": profile, "styles": companions.STYLES, "values": values, "errors": errors or {}}
    return render(request, "companion_profile.html", context, status)


@router.get("/companion/profile")
def profile_page(request: Request, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    return _profile(request, db, viewer)


@router.post("/companion/profile")
def save_profile(request: Request, data: dict = Depends(form_data), db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    form, errors = forms.validate(forms.ProfileForm, data)
    if not errors:
        try:
            companions.save_profile(
                db, viewer, form.role_title, set(form.styles), form.experience, form.themes, form.availability, form.accepting
            )
        except InvalidInput as exc:
            errors = {exc.field: exc.message}
        else:
            flash(request, "プロフィールを保存しました。相談者が伴走者を選ぶときに表示されます。")
            return see_other("/companion/profile")
    data.setdefault("styles", [])
    if isinstance(data["styles"], str):
        data["styles"] = [data["styles"]]
    return _profile(request, db, viewer, data, errors, 422)
