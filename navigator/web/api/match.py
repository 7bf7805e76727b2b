"""The match API (the page is navigator/web/pages/match.py):

POST /api/v1/match   JSON in, JSON out (the same result as `navigator match --json`)
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field

from navigator.facts import FactDate
from navigator.matching.matcher import Matcher
from navigator.web.deps import get_matcher

router = APIRouter(tags=["matching"])
MAX_NOTE = 5000


class MatchRequest(BaseModel):
    note: str = Field(min_length=1, max_length=MAX_NOTE, description="キャリアノート、または相談の内容")
    role: Literal["employee", "employer"] = "employee"
    limit: int = Field(5, ge=1, le=20)
    as_of: FactDate | None = Field(None, title="判定の基準日")
    include_ended: bool = False
    prefecture: str | None = None
    facts: dict[str, dict] = Field(
        default_factory=dict,
        description="分かっている事実（{'worker': {...}} または {'employer': {...}}、事実の語彙で）: 対象かどうかの判定に使う")


@router.post("/api/v1/match")
def match_api(request: MatchRequest, matcher: Annotated[Matcher, Depends(get_matcher)]) -> dict:
    if not request.note.strip():
        raise HTTPException(status_code=422, detail="ノートが空です")
    facts = {**request.facts, **({"prefecture": request.prefecture} if request.prefecture else {})}
    result = matcher.match(request.note.strip(), role=request.role, as_of=request.as_of,
                           include_ended=request.include_ended, limit=request.limit, person_facts=facts)
    return result.to_dict()
