"""Organizations, people, roles, invitations, sign-in and password change."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from navigator.store import passwords
from navigator.store.errors import Forbidden, InvalidInput, NotFound
from navigator.store.models import ROLES, Invitation, Organization, User, UserRole, utcnow
from navigator.store.viewer import PERSONAL_ROLES, STAFF_ROLES, Viewer

INVITATION_DAYS = 14
ROLE_LABELS = {"employee": "従業員", "companion": "伴走者", "hr": "人事担当", "admin": "管理者"}


def check_roles(roles: frozenset[str]) -> None:
    unknown = roles - set(ROLES)
    if not roles or unknown:
        raise InvalidInput("roles", "「役割」を1つ以上選んでください。")
    if roles & PERSONAL_ROLES and roles & STAFF_ROLES:
        # Keeps "HR never reaches a career log" true by construction: a staff account owns no
        # personal data and receives no grants.
        raise InvalidInput(
            "roles",
            "人事担当・管理者の役割は、従業員・伴走者の役割と同じアカウントにはできません。"
            "別のアカウントで招待してください。",
        )


def check_password(password: str, field: str = "password", email: str | None = None) -> None:
    """The password rules (navigator.store.passwords), each with its own Japanese message."""
    label = "新しいパスワード" if field == "new_password" else "パスワード"
    if len(password) < passwords.MIN_LENGTH:
        raise InvalidInput(field, f"「{label}」は{passwords.MIN_LENGTH}文字以上にしてください。")
    if len(password) > passwords.MAX_LENGTH:
        raise InvalidInput(field, f"「{label}」は{passwords.MAX_LENGTH}文字以内にしてください。")
    if len(set(password)) == 1:
        raise InvalidInput(field, f"「{label}」に同じ文字だけを並べることはできません。")
    lowered = password.lower()
    if email and lowered in {email.strip().lower(), email.strip().lower().split("@")[0]}:
        raise InvalidInput(field, f"「{label}」にメールアドレスを使うことはできません。")
    if lowered in passwords.COMMON:
        raise InvalidInput(field, f"「{label}」はよく使われていて推測されやすいため、使えません。別のものにしてください。")


def normalize_email(email: str) -> str:
    return email.strip().lower()


def create_organization(db: Session, name: str) -> Organization:
    name = name.strip()
    if not name:
        raise InvalidInput("name", "「組織名」を入力してください。")
    if db.scalar(select(Organization).where(Organization.name == name)):
        raise InvalidInput("name", f"「{name}」という組織はすでにあります。")
    org = Organization(name=name)
    db.add(org)
    db.commit()
    return org


def get_or_create_organization(db: Session, name: str) -> Organization:
    org = db.scalar(select(Organization).where(Organization.name == name.strip()))
    return org or create_organization(db, name)


def create_user(
    db: Session, org: Organization, email: str, display_name: str, password: str, roles: set[str]
) -> User:
    roles = frozenset(roles)
    check_roles(roles)
    check_password(password, email=email)
    email = normalize_email(email)
    if db.scalar(select(User).where(User.email == email)):
        raise InvalidInput("email", "このメールアドレスはすでに登録されています。")
    user = User(
        org_id=org.id,
        email=email,
        display_name=display_name.strip(),
        password_hash=passwords.hash_password(password),
        role_rows=[UserRole(role=r) for r in sorted(roles)],
    )
    db.add(user)
    db.commit()
    return user


def get_user(db: Session, user_id: int) -> User | None:
    return db.get(User, user_id)


def authenticate(db: Session, email: str, password: str) -> User | None:
    user = db.scalar(select(User).where(User.email == normalize_email(email)))
    if user is None:
        passwords.burn_time(password)
        return None
    if not passwords.verify_password(user.password_hash, password):
        return None
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
        db.commit()
    return user


def change_password(db: Session, user: User, current: str, new: str) -> None:
    if not passwords.verify_password(user.password_hash, current):
        raise InvalidInput("current_password", "「現在のパスワード」が正しくありません。")
    check_password(new, "new_password", user.email)
    user.password_hash = passwords.hash_password(new)
    user.session_epoch += 1
    db.commit()


# --- invitations -------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitable_roles(viewer: Viewer) -> tuple[str, ...]:
    if viewer.has("admin"):
        return ROLES
    if viewer.has("hr"):
        return ("employee", "companion")
    return ()


def create_invitation(
    db: Session, viewer: Viewer, org_id: int, email: str, roles: set[str]
) -> tuple[Invitation, str]:
    """Returns the invitation and its one-time token (only its hash is stored)."""
    if not viewer.is_staff:
        raise Forbidden("invite")
    if not viewer.has("admin") and org_id != viewer.org_id:
        raise Forbidden("invite other organization")
    if db.get(Organization, org_id) is None:
        raise InvalidInput("org_id", "「組織」を選んでください。")
    roles = frozenset(roles)
    check_roles(roles)
    if not roles <= set(invitable_roles(viewer)):
        raise InvalidInput("roles", "人事担当が招待できるのは従業員と伴走者だけです。")
    email = normalize_email(email)
    if db.scalar(select(User).where(User.email == email)):
        raise InvalidInput("email", "このメールアドレスはすでに登録されています。")
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        org_id=org_id,
        email=email,
        roles=",".join(sorted(roles)),
        token_hash=_token_hash(token),
        invited_by_id=viewer.user_id,
        expires_at=utcnow() + timedelta(days=INVITATION_DAYS),
    )
    db.add(invitation)
    db.commit()
    return invitation, token


def open_invitation(db: Session, token: str) -> Invitation:
    invitation = db.scalar(select(Invitation).where(Invitation.token_hash == _token_hash(token)))
    if invitation is None or invitation.accepted_at is not None:
        raise NotFound("invitation")
    if invitation.expires_at < datetime.now(timezone.utc):
        raise NotFound("invitation expired")
    return invitation


def accept_invitation(db: Session, token: str, display_name: str, password: str) -> User:
    invitation = open_invitation(db, token)
    user = create_user(
        db, invitation.organization, invitation.email, display_name, password, set(invitation.role_set)
    )
    invitation.accepted_at = utcnow()
    db.commit()
    return user


def list_invitations(db: Session, viewer: Viewer) -> list[Invitation]:
    if not viewer.is_staff:
        raise Forbidden("invitations")
    query = select(Invitation).order_by(Invitation.created_at.desc())
    if not viewer.has("admin"):
        query = query.where(Invitation.org_id == viewer.org_id)
    return list(db.scalars(query))


# --- organizations (admin) ---------------------------------------------------------------


def list_organizations(db: Session, viewer: Viewer) -> list[tuple[Organization, int]]:
    if not viewer.has("admin"):
        raise Forbidden("organizations")
    counts = (
        select(Organization, func.count(User.id))
        .outerjoin(User, User.org_id == Organization.id)
        .group_by(Organization.id)
        .order_by(Organization.name)
    )
    return [(org, n) for org, n in db.execute(counts)]


def organization_members(db: Session, viewer: Viewer, org_id: int) -> tuple[Organization, list[User]]:
    """Names, emails and roles only: no personal data. Admin: any organization; HR: their own."""
    if not (viewer.has("admin") or (viewer.has("hr") and viewer.org_id == org_id)):
        raise Forbidden("members")
    org = db.get(Organization, org_id)
    if org is None:
        raise NotFound("organization")
    users = db.scalars(select(User).where(User.org_id == org_id).order_by(User.display_name))
    return org, list(users)
