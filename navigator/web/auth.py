"""Sessions in a signed cookie (Starlette SessionMiddleware): who is signed in, sign-in, sign-out.

The cookie holds only the user id, the user's session epoch, a session id and the CSRF token.
The session id is new at every sign-in and must exist in the store (navigator.store.sessions):
signing out deletes it, so a copy of the cookie is worth nothing afterwards. Roles are read from
the database on every request, and a password change bumps the epoch and deletes the person's
other sessions.
"""

from __future__ import annotations

import secrets

from fastapi import Request
from sqlalchemy.orm import Session, object_session

from navigator.store import accounts, sessions
from navigator.store.models import User
from navigator.store.viewer import Viewer

_USER = "uid"
_EPOCH = "epoch"
_SID = "sid"
CSRF_KEY = "csrf"


def _max_age(request: Request) -> int:
    return request.app.state.settings.session_max_age_seconds


def current_user(request: Request, db: Session) -> User | None:
    if hasattr(request.state, "user"):
        return request.state.user
    user = None
    user_id = request.session.get(_USER)
    sid = request.session.get(_SID)
    if isinstance(user_id, int) and isinstance(sid, str) and sessions.user_of(db, sid, _max_age(request)) == user_id:
        user = accounts.get_user(db, user_id)
        if user is not None and user.session_epoch != request.session.get(_EPOCH):
            user = None
    if user is None and user_id is not None:
        request.session.clear()
    request.state.user = user
    request.state.viewer = Viewer.of(user) if user else None
    return user


def current_viewer(request: Request, db: Session) -> Viewer | None:
    current_user(request, db)
    return request.state.viewer


def sign_in(request: Request, user: User) -> None:
    # A fresh session (new id and CSRF token) at sign-in: nothing set before sign-in carries over.
    request.session.clear()
    request.session[_USER] = user.id
    request.session[_EPOCH] = user.session_epoch
    request.session[_SID] = sessions.start(object_session(user), user.id, _max_age(request))
    request.session[CSRF_KEY] = secrets.token_urlsafe(32)
    request.state.user = user
    request.state.viewer = Viewer.of(user)


def sign_out(request: Request) -> None:
    user = getattr(request.state, "user", None)
    sid = request.session.get(_SID)
    if user is not None and isinstance(sid, str):
        sessions.end(object_session(user), sid)
    request.session.clear()
    request.state.user = None
    request.state.viewer = None


def refresh_epoch(request: Request, user: User) -> None:
    """After a password change this session stays signed in; the others end."""
    request.session[_EPOCH] = user.session_epoch
    sessions.end_others(object_session(user), user.id, request.session.get(_SID))


def viewer(request: Request) -> Viewer:
    """For handlers behind a signed-in rule: the access dependency has already loaded it."""
    return request.state.viewer
