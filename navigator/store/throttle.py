"""Sign-in rate limiting: failed sign-ins are counted per account (the email typed, whether or
not it has an account, so the answer tells nothing) and per address, in a sliding window. Past
the limit, sign-in is refused without checking the password, even a right one, until older
failures leave the window. The counts live in the database, so every server process shares them.

Limits come from the settings (NAVIGATOR_LOGIN_*): 5 failures per account and 20 per address in
15 minutes by default. A successful sign-in clears the account's count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from navigator.store.models import LoginFailure, utcnow


@dataclass(frozen=True)
class Limits:
    per_account: int = 5
    per_address: int = 20
    window_minutes: int = 15


def refusal(db: Session, email: str, ip: str, limits: Limits) -> str | None:
    """A Japanese message when sign-in must be refused now, else None."""
    since = utcnow() - timedelta(minutes=limits.window_minutes)
    email = email.strip().lower()

    def failures(*where) -> int:
        return db.scalar(select(func.count()).select_from(LoginFailure).where(LoginFailure.at >= since, *where))

    if failures(LoginFailure.email == email) >= limits.per_account:
        return (f"このアカウントへのサインインに続けて失敗したため、しばらくサインインできません。"
                f"{limits.window_minutes}分ほど待ってから、もう一度お試しください。")
    if failures(LoginFailure.ip == ip[:64]) >= limits.per_address:
        return (f"この接続元からのサインインの失敗が多いため、しばらくサインインできません。"
                f"{limits.window_minutes}分ほど待ってから、もう一度お試しください。")
    return None


def record_failure(db: Session, email: str, ip: str, limits: Limits) -> None:
    db.execute(delete(LoginFailure).where(LoginFailure.at < utcnow() - timedelta(minutes=limits.window_minutes)))
    db.add(LoginFailure(email=email.strip().lower()[:254], ip=ip[:64]))
    db.commit()


def clear(db: Session, email: str) -> None:
    db.execute(delete(LoginFailure).where(LoginFailure.email == email.strip().lower()))
    db.commit()
