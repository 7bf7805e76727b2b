"""CSRF protection: a synchronizer token bound to the session, checked on every unsafe request.

Why this and not starlette-csrf: that middleware compares a cookie with a *header*, which a
plain HTML form (no JavaScript here) cannot send. Our session is already a cookie signed with
itsdangerous, so a random token kept in it cannot be read or forged by another site; forms carry
it in a hidden field `csrf_token`, scripts in the `X-CSRF-Token` header. It is checked by an
app-wide dependency, so routers added later are covered without doing anything.

JSON bodies (`Content-Type: application/json`) are let through: a cross-site page can only send
them after a CORS preflight, and this app allows no cross-origin requests.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import Request

from navigator.web.auth import CSRF_KEY

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
FIELD = "csrf_token"
HEADER = "x-csrf-token"


class CsrfFailed(Exception):
    pass


def csrf_token(request: Request) -> str:
    token = request.session.get(CSRF_KEY)
    if not token:
        token = request.session[CSRF_KEY] = secrets.token_urlsafe(32)
    return token


async def verify_csrf(request: Request) -> None:
    if request.method in SAFE_METHODS:
        return
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json":
        return
    sent = request.headers.get(HEADER)
    if sent is None and content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        sent = (await request.form()).get(FIELD)
    expected = request.session.get(CSRF_KEY)
    if not (isinstance(sent, str) and expected and hmac.compare_digest(sent, expected)):
        raise CsrfFailed()
