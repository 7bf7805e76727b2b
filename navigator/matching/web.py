"""The match API and page, as a router the web app includes:

    app.include_router(navigator.matching.web.router)

POST /api/v1/match   JSON in, JSON out (the same result as `navigator match --json`)
GET  /match          the page where a companion or an employee types a note
POST /match          the page with the results (the note is posted as a form, never put in a URL)
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field

from navigator import PROJECT_ROOT
from navigator.catalog.schema import KIND_JA, PROVIDER_JA

from .matcher import Matcher

router = APIRouter(tags=["matching"])
templates = Jinja2Templates(directory=str(PROJECT_ROOT / "templates" / "web"))
MAX_NOTE = 5000


@lru_cache(maxsize=1)
def _shared_matcher() -> Matcher:
    return Matcher.from_settings(progress=False)


def get_matcher() -> Matcher:
    """Dependency: the process-wide matcher (model and index are loaded once)."""
    return _shared_matcher()


class MatchRequest(BaseModel):
    note: str = Field(min_length=1, max_length=MAX_NOTE, description="キャリアノート、または相談の内容")
    role: Literal["employee", "employer"] = "employee"
    limit: int = Field(5, ge=1, le=20)
    as_of: dt.date | None = None
    include_ended: bool = False
    prefecture: str | None = None


@router.post("/api/v1/match")
def match_api(request: MatchRequest, matcher: Annotated[Matcher, Depends(get_matcher)]) -> dict:
    if not request.note.strip():
        raise HTTPException(status_code=422, detail="ノートが空です")
    facts = {"prefecture": request.prefecture} if request.prefecture else {}
    result = matcher.match(request.note.strip(), role=request.role, as_of=request.as_of,
                           include_ended=request.include_ended, limit=request.limit, person_facts=facts)
    return result.to_dict()


def _page(request: Request, **context) -> HTMLResponse:
    context.setdefault("note", "")
    context.setdefault("role", "employee")
    context.setdefault("include_ended", False)
    context.setdefault("result", None)
    context.setdefault("error", None)
    return templates.TemplateResponse(request, "match.html", {"provider_ja": PROVIDER_JA, "kind_ja": KIND_JA, **context})


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
) -> HTMLResponse:
    note = note.strip()
    if not note:
        return _page(request, role=role, error="ノートを入力してください。")
    if len(note) > MAX_NOTE:
        return _page(request, note=note, role=role, error=f"ノートは{MAX_NOTE}文字までです。")
    result = matcher.match(note, role=role, include_ended=include_ended, limit=5)
    return _page(request, note=note, role=role, include_ended=include_ended, result=result)
