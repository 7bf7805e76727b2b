"""Jinja2 pages: Japanese date filters, navigation per role, flash messages, the CSRF field."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from navigator import PROJECT_ROOT, dates
from navigator.store.accounts import ROLE_LABELS
from navigator.store.viewer import Viewer
from navigator.web.csrf import FIELD, csrf_token

# Japan has no daylight saving time: a fixed offset is exact and needs no tz database.
JST = timezone(timedelta(hours=9), "JST")


def japan_today() -> date:
    """Today in Japan: the pages' dates (a log entry, a deadline) are Japanese dates."""
    return datetime.now(JST).date()

templates = Jinja2Templates(directory=str(PROJECT_ROOT / "templates" / "web"))


def jdate(value: date | datetime | str | None) -> str:
    """2026年4月1日 (also from an ISO date string, as kept in a generated note's data)"""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    if isinstance(value, datetime):
        value = value.astimezone(JST).date()
    return f"{value.year}年{value.month}月{value.day}日"


def mdate(value: date | str | None) -> str:
    """4/1 (short, for tables on a phone)"""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return f"{value.month}/{value.day}"


def jdatetime(value: datetime | None) -> str:
    """2026年4月1日 9:05"""
    if value is None:
        return ""
    local = value.astimezone(JST)
    return f"{jdate(local.date())} {local.hour}:{local.minute:02d}"


def role_labels(roles) -> str:
    return "・".join(ROLE_LABELS[r] for r in ("employee", "companion", "hr", "admin") if r in roles)


def wareki(value: date | None) -> str:
    """令和9年2月1日: the era date official forms and Hello Work use, beside jdate."""
    return dates.wareki(value) if value else ""


def yen(value: int | None) -> str:
    """344,080円 (未定 when the rules could not compute it yet)"""
    return "未定" if value is None else f"{value:,}円"


templates.env.filters["jdate"] = jdate
templates.env.filters["wareki"] = wareki
templates.env.filters["yen"] = yen
templates.env.filters["jdatetime"] = jdatetime
templates.env.filters["mdate"] = mdate
templates.env.filters["role_labels"] = role_labels


def navigation(viewer: Viewer | None) -> list[tuple[str, str]]:
    if viewer is None:
        return [("/login", "サインイン")]
    items = [("/home", "ホーム")]
    if viewer.has("employee") and not viewer.is_staff:
        items += [
            ("/log", "キャリアログ"),
            ("/notes", "ノート"),
            ("/prompts", "プロンプト集"),
            ("/plans", "計画"),
            ("/benefits", "給付金"),
            ("/companions", "伴走者"),
            ("/sharing", "共有"),
        ]
    items += [("/courses", "講座"), ("/match", "制度を探す")]
    if viewer.has("companion") and not viewer.is_staff:
        items += [("/companion", "相談者・共有されたもの")]
    if viewer.has("hr"):
        items += [("/hr", "利用状況"), ("/hr/plan", "申請書類"), ("/invitations", "招待")]
    if viewer.has("admin"):
        items += [("/admin", "管理")]
        if not viewer.has("hr"):
            items += [("/hr/plan", "申請書類")]
        if not viewer.has("hr"):
            items += [("/invitations", "招待")]
    return items


def flash(request: Request, message: str, kind: str = "success") -> None:
    request.session.setdefault("flash", []).append([kind, message])
    request.session["flash"] = request.session["flash"]  # mark the session as changed


def render(request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200):
    viewer = getattr(request.state, "viewer", None)
    messages = request.session.pop("flash", []) if "session" in request.scope else []
    token = csrf_token(request) if "session" in request.scope else ""
    base = {
        "viewer": viewer,
        "user": getattr(request.state, "user", None),
        "nav": navigation(viewer),
        "messages": messages,
        "csrf_field": Markup(f'<input type="hidden" name="{FIELD}" value="{escape(token)}">'),
        "errors": {},
        "values": {},
    }
    base.update(context or {})
    return templates.TemplateResponse(request, name, base, status_code=status_code)
