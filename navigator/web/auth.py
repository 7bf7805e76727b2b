"""Sessions in a signed cookie (Starlette SessionMiddleware): who is signed in, sign-in, sign-out.

The cookie holds only the user id, the user's session epoch and the CSRF token. Roles are read
from the database on every request, and a password change bumps the epoch, which ends every
other session of that person.
"""

from __future__ import annotations

import secrets

from fastapi import Request
from sqlalchemy.orm import Session

from navigator.store import accounts
from navigator.store.models import User
from navigator.store.viewer import Viewer

_USER = "uid"
_EPOCH = "epoch"
CSRF_KEY = "csrf"


def current_user(request: Request, db: Session) -> User | None:
    if hasattr(request.state, "user"):
        return request.state.user
    user = None
    user_id = request.session.get(_USER)
    if isinstance(user_id, int):
        user = accounts.get_user(db, user_id)
        if user is not None and user.session_epoch != request.session.get(_EPOCH):
            user = None
        if user is None:
            request.session.clear()
    request.state.user = user
    request.state.viewer = Viewer.of(user) if user else None
    return user


def current_viewer(request: Request, db: Session) -> Viewer | None:
    current_user(request, db)
    return request.state.viewer


def sign_in(request: Request, user: User) -> None:
    # A fresh session (and CSRF token) at sign-in: nothing set before sign-in carries over.
    request.session.clear()
    request.session[_USER] = user.id
    request.session[_EPOCH] = user.session_epoch
    request.session[CSRF_KEY] = secrets.token_urlsafe(32)
    request.state.user = user
    request.state.viewer = Viewer.of(user)


def sign_out(request: Request) -> None:
    request.session.clear()
    request.state.user = None
    request.state.viewer = None


def refresh_epoch(request: Request, user: User) -> None:
    """After a password change this session stays signed in; the others end."""
    request.session[_EPOCH] = user.session_epoch


def viewer(request: Request) -> Viewer:
    """For handlers behind a signed-in rule: the access dependency has already loaded it."""
    return request.state.viewer
