"""The employee's 雇用保険 profile (/benefits): an interview that asks only what the benefit rules
still need, most decisive question first, and the whole profile to read, correct or erase.

Only the employee reaches it (access table: EMPLOYEE) and the store reads only the viewer's own
record (navigator.store.benefit_profiles): neither HR nor a companion ever sees it.
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Request
from sqlalchemy.orm import Session

from navigator import dates
from navigator.benefits import profile as profiles
from navigator.benefits.courses import next_start
from navigator.benefits.profile import BenefitProfile
from navigator.store import benefit_profiles
from navigator.store.viewer import Viewer
from navigator.web import forms
from navigator.web.auth import viewer as current
from navigator.web.benefit_data import saved_profile
from navigator.web.deps import form_data, get_db
from navigator.web.pages.account import see_other
from navigator.web.templating import flash, japan_today, render

router = APIRouter(include_in_schema=False)
FIELDS = tuple(BenefitProfile.model_fields)


def parse_profile(data: dict) -> tuple[BenefitProfile | None, dict[str, str]]:
    """A posted profile form: blank fields are unknown; errors name the field in Japanese."""
    values = {name: data[name] for name in FIELDS if isinstance(data.get(name), str) and data[name].strip()}
    return forms.validate(BenefitProfile, values)


def _start(value: str | None, today: dt.date) -> dt.date:
    try:
        return dates.parse_date(value) if value else next_start(today)
    except dates.DateParseError:
        return next_start(today)


def _page(request, db, viewer, *, values=None, errors=None, start: dt.date | None = None,
          skipped: tuple[str, ...] = (), status: int = 200):
    today = japan_today()
    profile = saved_profile(db, viewer)
    start = start or next_start(today)
    questions = [q for q in profiles.questions(profile, start) if q.field not in skipped]
    checks = profiles.reference_cases(profile, start)
    context = {
        "profile": profile,
        "values": values if values is not None else _form_values(profile),
        "errors": errors or {},
        "question": questions[0] if questions else None,
        "remaining": len(questions),
        "skipped": ",".join(skipped),
        "start": start,
        "requirements": profiles.requirements(checks),
        "fields": BenefitProfile.model_fields,
        "kinds": profiles.input_kind,
        "choices": profiles.choices,
        "answered": profile.answered(),
    }
    return render(request, "benefits.html", context, status)


def _form_values(profile: BenefitProfile) -> dict[str, str]:
    values = {}
    for name in FIELDS:
        value = getattr(profile, name)
        if isinstance(value, bool):
            values[name] = "true" if value else "false"
        elif isinstance(value, dt.date):
            values[name] = value.isoformat()
        elif value is not None:
            values[name] = str(value)
    return values


@router.get("/benefits")
def benefits_page(request: Request, start: str | None = None, skip: str = "",
                  db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    skipped = tuple(s for s in skip.split(",") if s in FIELDS)
    return _page(request, db, viewer, start=_start(start, japan_today()), skipped=skipped)


@router.post("/benefits/answer")
def answer(request: Request, data: dict = Depends(form_data), db: Session = Depends(get_db),
           viewer: Viewer = Depends(current)):
    """One answer of the interview, added to what is saved."""
    stored = _form_values(saved_profile(db, viewer))
    answered = {name: data[name] for name in FIELDS if isinstance(data.get(name), str) and data[name].strip()}
    if not answered:
        return _page(request, db, viewer, errors={"answer": "答えを選ぶか入力してください。"}, status=422)
    profile, errors = parse_profile({**stored, **answered})
    if errors:
        return _page(request, db, viewer, values={**stored, **answered}, errors=errors, status=422)
    benefit_profiles.save_profile(db, viewer, profile.model_dump(mode="json", exclude_none=True))
    flash(request, "回答を保存しました。")
    return see_other("/benefits#question")


@router.post("/benefits")
def save_profile(request: Request, data: dict = Depends(form_data), db: Session = Depends(get_db),
                 viewer: Viewer = Depends(current)):
    """The whole profile as corrected by the person (a blank field becomes unknown)."""
    profile, errors = parse_profile(data)
    if errors:
        values = {name: data.get(name, "") for name in FIELDS}
        return _page(request, db, viewer, values=values, errors=errors, status=422)
    benefit_profiles.save_profile(db, viewer, profile.model_dump(mode="json", exclude_none=True))
    flash(request, "プロフィールを保存しました。")
    return see_other("/benefits")


@router.post("/benefits/delete")
def delete_profile(request: Request, db: Session = Depends(get_db), viewer: Viewer = Depends(current)):
    erased = benefit_profiles.delete_profile(db, viewer)
    flash(request, "プロフィールと講座ごとの予定を消しました。" if erased else "消すプロフィールはありません。")
    return see_other("/benefits")
