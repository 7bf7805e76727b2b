"""Server-side session ids: a new random id at every sign-in (no session fixation), deleted at
sign-out and, for the other devices, at a password change. The cookie holds the token; the
table holds its SHA-256, so a copy of the database does not hand out sessions."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from navigator.store.models import UserSession, utcnow


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start(db: Session, user_id: int, max_age_seconds: int) -> str:
    """A new session for the user; its expired ones are removed on the way."""
    db.execute(delete(UserSession).where(
        UserSession.user_id == user_id, UserSession.created_at < utcnow() - timedelta(seconds=max_age_seconds)))
    token = secrets.token_urlsafe(32)
    db.add(UserSession(id=_hash(token), user_id=user_id))
    db.commit()
    return token


def user_of(db: Session, token: str, max_age_seconds: int) -> int | None:
    row = db.get(UserSession, _hash(token))
    if row is None or row.created_at < utcnow() - timedelta(seconds=max_age_seconds):
        return None
    return row.user_id


def end(db: Session, token: str) -> None:
    db.execute(delete(UserSession).where(UserSession.id == _hash(token)))
    db.commit()


def end_others(db: Session, user_id: int, keep_token: str | None) -> None:
    query = delete(UserSession).where(UserSession.user_id == user_id)
    if keep_token:
        query = query.where(UserSession.id != _hash(keep_token))
    db.execute(query)
    db.commit()
