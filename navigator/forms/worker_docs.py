"""The worker's documents from the store: only the owner's own records reach here.

`job_card_data` reads through navigator.store.personal, which refuses HR, admin and companions
(seed 003 Ⅳ-5) and scopes every query to the signed-in owner.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy.orm import Session

from navigator.forms import render
from navigator.forms.fill import fill
from navigator.forms.spec import load_forms
from navigator.forms.worker_data import JobCardData, JobCardSheets
from navigator.store import personal
from navigator.store.viewer import Viewer


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
