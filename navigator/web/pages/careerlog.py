"""Career log (1日1件の記録), teams, the generated career note and the prompt set. All personal reads
go through navigator.store.personal (owner-scoped) and, for companions, navigator.store.sharing."""

from __future__ import annotations

from datetime import time, timedelta

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from navigator.careerlog import habit, llm, prompts, recommend
from navigator.careerlog.knowledge import knowledge
from navigator.careerlog.note import SECTIONS, compare, period_bounds
from navigator.careerlog.view import note_view
from navigator.forms import worker_docs
from navigator.store import companions, personal, sharing, teams
from navigator.store.errors import InvalidInput, NotFound
from navigator.store.viewer import Viewer
from navigator.web import forms
from navigator.web.auth import viewer as current
from navigator.web.benefit_data import saved_profile
from navigator.web.deps import ObjectId, form_data, get_db
from navigator.web.pages.account import see_other
from navigator.web.templating import flash, japan_today, render

router = APIRouter(include_in_schema=False)



# --- the log -----------------------------------------------------------------------------


def _log(request, db, viewer, values, errors, status=200, week: str | None = None):
    today = japan_today()
    monday = habit.parse_week(week, today)
    days = personal.logged_days(db, viewer)
    context = {
        "emotions": knowledge().emotions,
        "values": values,
        "errors": errors,
        "streak": habit.streak(days, today),
        "logged_today": bool(days) and days[0] == today,
        "total_days": len(days),
        "week": habit.week_view(monday, personal.own_log_entries_between(db, viewer, monday, monday + timedelta(days=6))),
        "monday": monday,
        "prev_week": habit.week_label(monday - timedelta(days=7)),
        "next_week": habit.week_label(monday + timedelta(days=7)) if monday + timedelta(days=7) <= today else None,
        "this_week": habit.week_of(today) == monday,
        "today": today,
        "my_teams": [t for t in teams.org_teams(db, viewer) if teams.is_member(t, viewer)],
    }
    return render(request, "log.html", context, status)


@router.get("/log")
def log_page(request: Request, week: str | None = None, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    values = {"occurred_on": japan_today().isoformat(), "intensity": str(knowledge().emotions.intensity.default)}
    return _log(request, db, viewer, values, {}, week=week)


@router.post("/log")
def add_log(request: Request, data: dict = Depends(form_data), db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    form, errors = forms.validate(forms.LogEntryForm, data)
    if errors:
        return _log(request, db, viewer, data, errors, 422)
    personal.add_log_entry(db, viewer, form.occurred_on, form.event, form.emotion, form.intensity)
    flash(request, "キャリアログに記録しました。")
    return see_other(f"/log?week={habit.week_label(form.occurred_on)}")


def _edit(request, db, viewer, entry, values, errors, status=200):
    context = {
        "entry": entry,
        "emotions": knowledge().emotions,
        "values": values,
        "errors": errors,
        "notes_citing": personal.notes_citing(db, viewer, entry.occurred_on),
    }
    return render(request, "log_edit.html", context, status)


@router.get("/log/reminder.ics")
def reminder(request: Request, viewer: Viewer = Depends(current)):
    # `?time=21:30` (read from the query: `time` is also the name of the datetime class here)
    raw = request.query_params.get("time", "21:00")
    try:
        at = time.fromisoformat(raw)
    except ValueError:
        at = None
    if at is None:
        return render(
            request, "error.html",
            {"status": 422, "title": "入力内容を確認してください", "message": "「通知の時刻」は 21:00 のように入力してください。", "details": []},
            422,
        )
    url = str(request.base_url).rstrip("/") + "/log"
    body = habit.reminder_ics(at.replace(second=0, microsecond=0), japan_today(), url)
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="careerlog-reminder.ics"'},
    )


@router.get("/log/{entry_id}/edit")
def edit_page(request: Request, entry_id: ObjectId, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    entry = personal.get_log_entry(db, viewer, entry_id)
    values = {"occurred_on": entry.occurred_on.isoformat(), "event": entry.event, "emotion": entry.emotion, "intensity": str(entry.intensity)}
    return _edit(request, db, viewer, entry, values, {})


@router.post("/log/{entry_id}")
def update_entry(request: Request, entry_id: ObjectId, data: dict = Depends(form_data), db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    entry = personal.get_log_entry(db, viewer, entry_id)
    form, errors = forms.validate(forms.LogEntryForm, data)
    if errors:
        return _edit(request, db, viewer, entry, data, errors, 422)
    personal.update_log_entry(db, viewer, entry_id, form.occurred_on, form.event, form.emotion, form.intensity)
    flash(request, "記録を直しました。")
    return see_other(f"/log?week={habit.week_label(form.occurred_on)}")


@router.post("/log/{entry_id}/delete")
def delete_entry(request: Request, entry_id: ObjectId, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    entry = personal.get_log_entry(db, viewer, entry_id)
    week = habit.week_label(entry.occurred_on)
    affected = personal.delete_log_entry(db, viewer, entry_id)
    message = "記録を削除しました。"
    if affected:
        message += f"この記録を使っていたキャリアノート（{affected}件）は、次に開いたときにこの記録を除いて作り直されます。"
    flash(request, message)
    return see_other(f"/log?week={week}")


# --- teams -------------------------------------------------------------------------------


def _teams(request, db, viewer, values=None, errors=None, status=200):
    all_teams = teams.org_teams(db, viewer)
    context = {
        "mine": [t for t in all_teams if teams.is_member(t, viewer)],
        "others": [t for t in all_teams if not teams.is_member(t, viewer)],
        "values": values or {},
        "errors": errors or {},
    }
    return render(request, "teams.html", context, status)


@router.get("/teams")
def teams_page(request: Request, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    return _teams(request, db, viewer)


@router.post("/teams")
def create_team(request: Request, data: dict = Depends(form_data), db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    form, errors = forms.validate(forms.TeamForm, data)
    if not errors:
        try:
            team = teams.create_team(db, viewer, form.name)
        except InvalidInput as exc:
            errors = {exc.field: exc.message}
        else:
            flash(request, f"チーム「{team.name}」を作りました。同じ会社の人が一覧から参加できます。")
            return see_other(f"/teams/{team.id}")
    return _teams(request, db, viewer, data, errors, 422)


@router.get("/teams/{team_id}")
def team_page(request: Request, team_id: ObjectId, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    team, members = teams.team_today(db, viewer, team_id, japan_today())
    return render(request, "team.html", {"team": team, "members": members, "today": japan_today()})


@router.post("/teams/{team_id}/join")
def join_team(request: Request, team_id: ObjectId, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    team = teams.join_team(db, viewer, team_id)
    flash(request, f"チーム「{team.name}」に参加しました。")
    return see_other(f"/teams/{team.id}")


@router.post("/teams/{team_id}/leave")
def leave_team(request: Request, team_id: ObjectId, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    team = teams.leave_team(db, viewer, team_id)
    flash(request, f"チーム「{team.name}」から抜けました。")
    return see_other("/teams")


# --- career notes ------------------------------------------------------------------------


def _notes(request, db, viewer, values=None, errors=None, status=200):
    all_notes = personal.list_notes(db, viewer)
    rules = knowledge().analysis.note
    context = {
        "generated": [n for n in all_notes if n.generated],
        "written": [n for n in all_notes if not n.generated],
        "periods": rules.periods,
        "companionships": [c for c in companions.my_companionships(db, viewer) if c.active and c.companion],
        "entry_count": len(personal.logged_days(db, viewer)),
        "min_entries": rules.min_entries,
        "values": values or {"period": rules.default_period},
        "errors": errors or {},
    }
    return render(request, "notes.html", context, status)


@router.get("/notes")
def notes_page(request: Request, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    return _notes(request, db, viewer)


@router.post("/notes")
def add_note(request: Request, data: dict = Depends(form_data), db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    form, errors = forms.validate(forms.NoteForm, data)
    if errors:
        return _notes(request, db, viewer, data, errors, 422)
    note = personal.add_note(db, viewer, form.title, form.body)
    flash(request, "キャリアノートを保存しました。")
    return see_other(f"/notes/{note.id}")


@router.post("/notes/generate")
def generate_note(request: Request, data: dict = Depends(form_data), db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    form, errors = forms.validate(forms.GenerateNoteForm, data)
    if not errors and knowledge().analysis.period(form.period) is None:
        errors = {"period": "「期間」は選択肢から選んでください。"}
    if errors:
        return _notes(request, db, viewer, data, errors, 422)
    start, end = period_bounds(form.period, japan_today(), personal.first_log_day(db, viewer))
    note = personal.generate_note(db, viewer, start, end)
    shared_with = []
    active = {c.companion_id: c for c in companions.my_companionships(db, viewer) if c.active and c.companion}
    for companion_id in form.share_with:
        if companion_id in active:
            sharing.create_grant(db, viewer, companion_id, "note", note_id=note.id)
            shared_with.append(active[companion_id].companion.display_name)
    message = f"{note.title}を作りました。"
    if shared_with:
        message += "".join(f"{name}さん" for name in shared_with) + "と共有しました。"
    flash(request, message)
    return see_other(f"/notes/{note.id}")


@router.get("/notes/{note_id}")
def note_page(request: Request, note_id: ObjectId, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    note = personal.get_note(db, viewer, note_id)
    if not note.generated:
        return render(request, "note.html", {"note": note})
    return _generated_note(request, db, viewer, note, None, {})


def _generated_note(request, db, viewer, note, values, errors, status=200):
    view = note_view(note, personal.log_entries_by_ids(db, viewer.user_id, note.data.get("entry_ids", [])))
    versions = personal.generated_notes(db, viewer)
    older = [v for v in versions if v.version < note.version]
    previous = personal.fresh(db, older[0]) if older else None
    plans = personal.list_plans(db, viewer)
    facts = recommend.person_facts(note.data, plans[0].hours_per_week if plans else None,
                                   saved_profile(db, viewer).person_facts())
    context = {
        "view": view,
        "note": note,
        "versions": versions,
        "previous": previous,
        "comparison": compare(note.data, previous.data) if previous else None,
        "sections": SECTIONS,
        "tone_labels": knowledge().analysis.tone.labels,
        "rules_version": knowledge().version,
        "recommendations_available": recommend.available(),
        "recommendations": recommend.recommend_for_note(view.text, facts),
        "values": values if values is not None else dict(note.corrections or {}),
        "errors": errors,
    }
    return render(request, "note_generated.html", context, status)


@router.get("/notes/{note_id}/pdf")
def note_pdf(note_id: ObjectId, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    """The owner's generated career note as PDF (personal.get_note: the owner only), with their
    corrections in place of the generated text and the change since the version before."""
    note = personal.get_note(db, viewer, note_id)
    if not note.generated:
        raise NotFound("note")
    view = note_view(note, personal.log_entries_by_ids(db, viewer.user_id, note.data.get("entry_ids", [])))
    older = [v for v in personal.generated_notes(db, viewer) if v.version < note.version]
    previous = personal.fresh(db, older[0]) if older else None
    data = worker_docs.career_note_data(view, viewer.display_name, japan_today(), previous)
    return worker_docs.pdf_response(worker_docs.career_note_pdf(data, view.chart), f"career-note-{note.version}.pdf")


@router.post("/notes/{note_id}/corrections")
def save_corrections(request: Request, note_id: ObjectId, data: dict = Depends(form_data), db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    note = personal.get_note(db, viewer, note_id)
    if not note.generated:
        raise NotFound("note")
    form, errors = forms.validate(forms.CorrectionsForm, data)
    if errors:
        return _generated_note(request, db, viewer, note, data, errors, 422)
    personal.save_corrections(db, viewer, note_id, form.model_dump())
    flash(request, "ノートの修正を保存しました。修正した項目は、自動で作られた文章の代わりに表示されます。")
    return see_other(f"/notes/{note_id}")


# --- the prompt set ----------------------------------------------------------------------


def _llm_settings(request) -> llm.LlmSettings:
    s = request.app.state.settings
    return llm.LlmSettings(s.llm_url, s.llm_model, s.llm_api_key, s.llm_timeout_seconds)


@router.get("/prompts")
def prompts_page(request: Request, viewer: Viewer = Depends(current)):
    return render(request, "prompts.html", {"prompts": prompts.prompt_set()})


def _filled(db, viewer, prompt, mask: bool):
    today = japan_today()
    start, end = prompts.window(prompt, today, personal.first_log_day(db, viewer))
    entries = personal.own_log_entries_between(db, viewer, start, end) if "entries" in prompt.uses else []
    note_text = plan_text = None
    if "note" in prompt.uses:
        note = personal.latest_generated_note(db, viewer)
        if note is not None:
            note_text = note_view(note, personal.log_entries_by_ids(db, viewer.user_id, note.data.get("entry_ids", []))).text
    if "plan" in prompt.uses:
        plans = personal.list_plans(db, viewer)
        if plans:
            plan_text = plan_summary(plans[0])
    return prompts.fill(prompt, entries, today, note_text, plan_text, mask=mask)


def plan_summary(plan) -> str:
    done, total = plan.progress
    lines = [f"計画：{plan.title}"]
    if plan.aspiration:
        lines.append(f"ありたい姿：{plan.aspiration}")
    if plan.program_list:
        lines.append("選んだ講座・制度：" + "、".join(plan.program_list))
    if plan.hours_per_week is not None:
        lines.append(f"1週間に使う時間：{plan.hours_per_week:g}時間")
    for step in plan.steps:
        due = f"（期日 {step.due_on.month}月{step.due_on.day}日）" if step.due_on else ""
        lines.append(f"- {'[済]' if step.done_on else '[ ]'} {step.title}{due}")
    lines.append(f"進み具合：{done}/{total}")
    return "\n".join(lines)


@router.get("/prompts/{prompt_id}")
def prompt_page(request: Request, prompt_id: str, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    prompt = prompts.get(prompt_id)
    if prompt is None:
        raise NotFound("prompt")
    mask = request.query_params.get("names") != "show"
    filled = _filled(db, viewer, prompt, mask)
    return render(request, "prompt.html", {"filled": filled, "mask": mask, "llm": _llm_settings(request), "values": {"text": filled.text}})


@router.post("/prompts/{prompt_id}/ask")
def ask(request: Request, prompt_id: str, data: dict = Depends(form_data), db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    prompt = prompts.get(prompt_id)
    if prompt is None:
        raise NotFound("prompt")
    settings = _llm_settings(request)
    filled = _filled(db, viewer, prompt, True)
    form, errors = forms.validate(forms.PromptForm, data)
    answer = None
    if not errors:
        try:
            answer = llm.ask(settings, form.text)
        except llm.LlmError as exc:
            errors = {"text": exc.args[0]}
    context = {"filled": filled, "mask": True, "llm": settings, "values": data, "errors": errors, "answer": answer}
    return render(request, "prompt.html", context, 422 if errors else 200)
