"""The page where an employee or a companion types a note and sees the programs that fit.

The note is posted as a form, never put in a URL; nothing of it is stored. An employee's
eligibility is judged with their own 雇用保険 profile (navigator.web.benefit_data).
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from navigator.catalog.schema import KIND_JA, PROVIDER_JA
from navigator.matching.matcher import Matcher
from navigator.store.viewer import Viewer
from navigator.web.api.match import MAX_NOTE
from navigator.web.auth import viewer as current
from navigator.web.benefit_data import personal_view, saved_profile
from navigator.web.deps import get_db, get_matcher
from navigator.web.templating import render

router = APIRouter()


def _page(request: Request, **context) -> HTMLResponse:
    base = {"note": "", "role": "employee", "include_ended": False, "result": None, "error": None,
            "provider_ja": PROVIDER_JA, "kind_ja": KIND_JA, "max_note": MAX_NOTE}
    return render(request, "match.html", {**base, **context})


@router.get("/match", response_class=HTMLResponse)
def match_page(request: Request) -> HTMLResponse:
    return _page(request)


@router.post("/match", response_class=HTMLResponse)
def match_page_post(
    request: Request,
    matcher: Annotated[Matcher, Depends(get_matcher)],
    note: Annotated[str, Form()] = "",
    role: Annotated[Literal["employee", "employer"], Form()] = "employee",
    include_ended: Annotated[bool, Form()] = False,
    db: Session = Depends(get_db),
    viewer: Viewer = Depends(current),
) -> HTMLResponse:
    note = note.strip()
    if not note:
        return _page(request, role=role, error="ノートを入力してください。")
    if len(note) > MAX_NOTE:
        return _page(request, note=note, role=role, error=f"ノートは{MAX_NOTE}文字までです。")
    facts = {"worker": {"worker": saved_profile(db, viewer).person_facts()}} if personal_view(viewer) else {}
    result = matcher.match(note, role=role, include_ended=include_ended, limit=5, person_facts=facts)
    return _page(request, note=note, role=role, include_ended=include_ended, result=result)
