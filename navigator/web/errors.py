"""Error responses: Japanese pages (never a stack trace) and JSON under /api/."""

from __future__ import annotations

import logging
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from navigator.store.errors import Forbidden, InvalidInput, NotFound
from navigator.web.access import NoAccessRule, RoleForbidden, SignInRequired
from navigator.web.csrf import CsrfFailed
from navigator.web.templating import render
from navigator.web.validation import BODY_LABEL, field_errors

BODY_PARSE_ERROR = "There was an error parsing the body"  # fastapi.routing's detail for it

log = logging.getLogger(__name__)

TITLES = {
    400: "リクエストが正しくありません",
    401: "サインインが必要です",
    403: "このページを表示する権限がありません",
    404: "ページが見つかりません",
    405: "この操作はできません",
    422: "入力内容を確認してください",
    500: "サーバーで問題が起きました",
}
MESSAGES = {
    401: "サインインしてからもう一度お試しください。",
    403: "お使いのアカウントの役割では、このページを開けません。",
    404: "URLが正しいか、共有が取り消されていないかをご確認ください。",
    405: "このURLではこの操作を受け付けていません。",
    500: "時間をおいてもう一度お試しください。入力済みの内容は保存されている場合があります。",
}


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(
    request: Request, status: int, message: str | None = None, details: list[str] | None = None,
    fields: list[dict[str, str]] | None = None,
):
    message = message or MESSAGES.get(status, TITLES.get(status, "エラーが発生しました。"))
    if is_api(request):
        body: dict = {"detail": message}
        if details:
            body["errors"] = details
        if fields:
            body["fields"] = fields  # the same messages with the field's path, for programs
        return JSONResponse(body, status_code=status)
    context = {"status": status, "title": TITLES.get(status, "エラー"), "message": message, "details": details or []}
    return render(request, "error.html", context, status_code=status)


def install(app: FastAPI) -> None:
    @app.exception_handler(SignInRequired)
    async def _sign_in(request: Request, exc: SignInRequired):
        if is_api(request):
            return error_response(request, 401)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='/?=&')}", status_code=303)

    @app.exception_handler(RoleForbidden)
    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, exc: Exception):
        return error_response(request, 403)

    @app.exception_handler(NoAccessRule)
    async def _no_rule(request: Request, exc: NoAccessRule):
        return error_response(request, 403, "このページの権限設定がないため、表示できません。")

    @app.exception_handler(CsrfFailed)
    async def _csrf(request: Request, exc: CsrfFailed):
        return error_response(
            request, 403, "フォームの有効期限が切れたか、正しくない送信です。ページを読み込み直して、もう一度送信してください。"
        )

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound):
        return error_response(request, 404)

    @app.exception_handler(InvalidInput)
    async def _invalid(request: Request, exc: InvalidInput):
        return error_response(request, 422, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        fields = field_errors(request, exc)
        details = list(dict.fromkeys(f["message"] for f in fields))
        return error_response(request, 422, "入力内容に誤りがあります。", details, fields)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) and not exc.detail.isascii() else None
        if exc.status_code == 400 and exc.detail == BODY_PARSE_ERROR:
            # FastAPI's answer to a body it cannot decode (e.g. JSON that is not UTF-8)
            message = f"「{BODY_LABEL}」を読み取れませんでした。UTF-8のJSONで送ってください。"
            return error_response(request, 400, message, [message], [{"field": "body", "label": BODY_LABEL, "message": message}])
        return error_response(request, exc.status_code, message)

    @app.exception_handler(Exception)
    async def _server_error(request: Request, exc: Exception):
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(request, 500)
