"""The worker's documents from the store: only the records the viewer may read reach here.

- Job Card: `job_card_data` reads through navigator.store.personal, which refuses HR, admin and
  companions (seed 003 Ⅳ-5) and scopes every query to the signed-in owner.
- Career note and self-investment plan: the routes load them with `personal.get_note` /
  `personal.get_plan` (owner only) and hand them to `career_note_data` / `self_plan_data`.
- Meeting sheet: `meeting_data` turns navigator.companion.sheet.meeting_sheet_data's result into
  what the PDF prints; that function is the only reader (the owner's own records, or for the
  companion what is shared, through the grants and audited).

The builders decide what is printed: a section of the note the person rewrote carries their words
only, its generated text is left out (seed 000 4-3-4-1/4-3-4-2: the note is the person's inner
motivation in their words; navigator.careerlog.note.SECTIONS).
"""

from __future__ import annotations

import datetime as dt
import json

from markupsafe import Markup
from sqlalchemy.orm import Session

from navigator.careerlog.knowledge import knowledge
from navigator.careerlog.note import SECTIONS, compare
from navigator.careerlog.view import NoteView
from navigator.forms import render
from navigator.forms.fill import FilledForm, fill
from navigator.forms.spec import load_forms
from navigator.forms.worker_data import (
    ActionLine,
    CareerNoteData,
    JobCardData,
    JobCardSheets,
    MeetingData,
    MeetingLine,
    NoteBarrier,
    NoteChange,
    NoteComparison,
    NoteDirection,
    NoteTheme,
    NoteWeek,
    OwnWords,
    PlanStepLine,
    Quote,
    SelfPlanData,
    WorthCondition,
    WorthItem,
)
from navigator.store import personal
from navigator.store.viewer import Viewer

JST = dt.timezone(dt.timedelta(hours=9), "JST")


def pdf_response(pdf: bytes, filename: str):
    """A personal document as a download that no cache keeps (filename: ASCII)."""
    from fastapi.responses import Response

    return Response(pdf, media_type="application/pdf",
                    headers={"Content-Disposition": f"attachment; filename={filename}", "Cache-Control": "no-store"})


def _jst_date(moment: dt.datetime | None) -> dt.date | None:
    return moment.astimezone(JST).date() if moment else None


# --- Job Card ----------------------------------------------------------------------------


def job_card_sheets(db: Session, viewer: Viewer) -> JobCardSheets:
    card = personal.get_job_card(db, viewer)
    return JobCardSheets.model_validate(json.loads(card.sheets or "{}")) if card else JobCardSheets()


def job_card_data(db: Session, viewer: Viewer, today: dt.date) -> JobCardData:
    card = personal.get_job_card(db, viewer)
    sheets = job_card_sheets(db, viewer)
    if not sheets.profile.name:
        sheets.profile.name = viewer.display_name
    if card is None:
        return JobCardData(sheets=sheets, as_of=today)
    return JobCardData(sheets=sheets, values_and_interests=card.values_and_interests,
                       desired_work=card.desired_work, skills_to_develop=card.skills_to_develop, as_of=today)


def job_card_pdf(data: JobCardData) -> bytes:
    form = fill(load_forms()["jobcard"], data.model_dump(mode="json"))
    return render.pdf(render.html(form))


# --- career note -------------------------------------------------------------------------


def _signed(value: float | None) -> str:
    return "—" if value is None else f"{value:+.1f}"


def _percent(share: float | None) -> str:
    return "—" if share is None else f"{round(share * 100)}%"


def _quotes(view: NoteView, ids: list[int]) -> list[Quote]:
    return [Quote(day=e.day, emotion=e.emotion, text=e.text) for e in view.quoted(ids)]


def summary_sentence(data: dict) -> str:
    """The generated 全体のまとめ, worded as on the note page (templates/web/_note.html)."""
    if not data.get("entry_count"):
        return "この期間の記録はありません。"
    e = data["emotions"]
    tone = knowledge().analysis.tone.labels[e["tone"]]
    text = (f"気持ちの平均は{_signed(e['mean'])}（{tone}）。前向きな記録が{_percent(e['positive_share'])}、"
            f"後ろ向きな記録が{_percent(e['negative_share'])}でした。")
    if data.get("themes"):
        text += "よく書いていたのは「" + "」「".join(t["label"] for t in data["themes"]) + "」についてです。"
    return text


def aspiration_draft(data: dict) -> str:
    """The generated first draft of ありたい姿 (navigator.careerlog.note._aspiration), or ''."""
    a = data.get("aspiration") or {}
    if not (a.get("value") or a.get("strength") or a.get("direction")):
        return ""
    text = "（下書き）"
    if a.get("value"):
        text += f"「{a['value']}」を大切にしながら"
    if a.get("strength"):
        text += f"、「{a['strength']}」という強みを生かし"
    if a.get("direction"):
        text += f"、「{a['direction']}」を学んで"
    return text + "、イキイキと活躍している姿。"


_COMPARED = (("themes", "主題", None), ("strengths", "強み", "strengths"), ("values", "価値観", "values"),
             ("barriers", "行動をはばむもの", "barriers"), ("directions", "自己投資の方向性", "direction"))


def _comparison(data: dict, previous, own: OwnWords) -> NoteComparison | None:
    """変化の可視化 (seed 000 4-3-5-2): this version against the one before. A part the person
    rewrote in this version is left out: its generated labels are not theirs."""
    if previous is None or not previous.data:
        return None
    cm = compare(data, previous.data)
    changes = []
    for key, label, own_key in _COMPARED:
        if own_key and getattr(own, own_key):
            continue
        ch = cm[key]
        if ch["new"] or ch["gone"] or ch["kept"]:
            changes.append(NoteChange(label=label, new="、".join(ch["new"]), gone="、".join(ch["gone"]),
                                      kept="、".join(ch["kept"])))
    return NoteComparison(
        previous_version=previous.version,
        previous_from=previous.period_from,
        previous_to=previous.period_to,
        entries=f"{cm['entry_count'][0]}件 → {cm['entry_count'][1]}件",
        mean=f"{_signed(cm['mean'][0])} → {_signed(cm['mean'][1])}",
        positive=f"{_percent(cm['positive_share'][0])} → {_percent(cm['positive_share'][1])}",
        changes=changes,
    )


def career_note_data(view: NoteView, owner_name: str, today: dt.date, previous=None) -> CareerNoteData:
    """What the career note PDF prints: the generated note of `view` with the person's words in
    place of every section they rewrote. `previous`: the version before, for 変化の可視化."""
    data, note = view.data, view.note
    k = knowledge()
    tones = k.analysis.tone.labels
    own = OwnWords(**{key: (view.corrections.get(key) or "") for key in SECTIONS})
    weekly = (note.period_to - note.period_from).days > k.analysis.chart.weekly_line_after_days
    kinds = {"strength": "強み", "growth": "伸ばしたい力"}
    return CareerNoteData(
        owner_name=owner_name,
        title=note.title,
        version=note.version or 1,
        period_from=note.period_from,
        period_to=note.period_to,
        entry_count=data.get("entry_count", 0),
        days_logged=data.get("days_logged", 0),
        few_entries=bool(data.get("few_entries")),
        analysis_version=data.get("analysis_version"),
        as_of=today,
        corrections_from_version=data.get("corrections_from_version"),
        own_words=own,
        summary="" if own.summary else summary_sentence(data),
        emotion_counts="、".join(f"{label} {count}件" for label, count in data.get("emotions", {}).get("counts", [])),
        chart_line="週ごとの平均" if weekly else f"直近{k.analysis.chart.moving_average_days}日の平均",
        weeks=[
            NoteWeek(monday=w["monday"], count=w["count"], mean=_signed(w["mean"]), top_emotion=w["top_emotion"],
                     top_phrase=w.get("top_phrase") or "—")
            for w in data.get("weeks", [])
        ],
        themes=[
            NoteTheme(label=t["label"], tone=tones[t["tone"]], count=t["count"], mean=_signed(t["mean"]),
                      emotions="、".join(e[0] for e in t.get("emotions", [])), concepts="、".join(t.get("concepts", [])),
                      quotes=_quotes(view, t.get("typical_ids", [])))
            for t in data.get("themes", [])
        ],
        key_phrases="、".join(f"{p}（{n}回）" for p, n in data.get("key_phrases", [])),
        worth=[
            WorthCondition(id=c["id"], label=c["label"], question=c["question"], items=[
                WorthItem(label=i["label"], kind=kinds.get(i.get("kind"), ""), tone=tones[i["tone"]], count=i["count"])
                for i in c["items"]
            ])
            for c in data.get("worth", [])
        ],
        barriers=[] if own.barriers else [
            NoteBarrier(label=b["label"], count=b["count"], advice=b.get("advice", "")) for b in data.get("barriers", [])
        ],
        directions=[] if own.direction else [
            NoteDirection(label=d["label"], count=d["count"], wishes=len(d.get("wish_ids", [])),
                          quotes=_quotes(view, d.get("evidence_ids", [])))
            for d in data.get("directions", [])
        ],
        aspiration_draft="" if own.aspiration else aspiration_draft(data),
        comparison=_comparison(data, previous, own),
    )


def career_note_form(data: CareerNoteData) -> FilledForm:
    return fill(load_forms()["career-note"], data.model_dump(mode="json"))


def career_note_pdf(data: CareerNoteData, chart: Markup) -> bytes:
    return render.pdf(render.html(career_note_form(data), chart=chart))


# --- self-investment plan ----------------------------------------------------------------


def self_plan_data(plan, owner_name: str, today: dt.date) -> SelfPlanData:
    """`plan`: a navigator.store.models.Plan the viewer may read (their own, or shared)."""
    done, total = plan.progress

    def status(step) -> str:
        if step.done_on:
            return "できた"
        if step.due_on and step.due_on < today:
            return "期日を過ぎています"
        return "これから"

    return SelfPlanData(
        owner_name=owner_name,
        title=plan.title,
        aspiration=plan.aspiration or "",
        programs=plan.program_list,
        hours_per_week=plan.hours_per_week,
        body=plan.body or "",
        target_on=plan.target_on,
        created_on=_jst_date(plan.created_at),
        progress=f"{total}ステップのうち{done}つできた" if total else "ステップはまだありません",
        steps=[PlanStepLine(title=s.title, due_on=s.due_on, done_on=s.done_on, status=status(s)) for s in plan.steps],
        as_of=today,
    )


def self_plan_form(data: SelfPlanData) -> FilledForm:
    return fill(load_forms()["self-plan"], data.model_dump(mode="json"))


def self_plan_pdf(data: SelfPlanData) -> bytes:
    return render.pdf(render.html(self_plan_form(data)))


# --- meeting sheet -----------------------------------------------------------------------


def meeting_data(sheet) -> MeetingData:
    """`sheet`: navigator.companion.sheet.MeetingSheet (already scoped and audited)."""
    from navigator.store.companions import STATUS_LABELS

    c = sheet.companionship
    note = career_note_data(sheet.note, sheet.consultee, sheet.prepared_on) if sheet.note else None
    aspiration, aspiration_from = "", ""
    if note and note.own_words.aspiration:
        aspiration, aspiration_from = note.own_words.aspiration, "本人の言葉（キャリアノート）"
    elif sheet.plan and sheet.plan.aspiration:
        aspiration, aspiration_from = sheet.plan.aspiration, "自己投資プランより"
    return MeetingData(
        consultee=sheet.consultee,
        consultee_org=sheet.consultee_org,
        companion=sheet.companion,
        companion_org=sheet.companion_org,
        started_on=_jst_date(c.started_at),
        stage=c.stage or "",
        as_of=sheet.prepared_on,
        note=note,
        aspiration=aspiration,
        aspiration_from=aspiration_from,
        plan=self_plan_data(sheet.plan, sheet.consultee, sheet.prepared_on) if sheet.plan else None,
        actions=[ActionLine(title=a.title, status=STATUS_LABELS[a.status], due_on=a.due_on, done=a.status == "done")
                 for a in sheet.open_actions + sheet.done_actions],
        meetings=[MeetingLine(held_on=m.held_on, summary=m.summary, next_on=m.next_on) for m in sheet.meetings],
        questions=sheet.questions,
    )


def meeting_form(data: MeetingData) -> FilledForm:
    return fill(load_forms()["meeting-sheet"], data.model_dump(mode="json"))


def meeting_pdf(data: MeetingData, chart: Markup | None) -> bytes:
    return render.pdf(render.html(meeting_form(data), chart=chart))
