"""Who is asking. Every repository function that reads or writes personal data takes one."""

from __future__ import annotations

from dataclasses import dataclass

from navigator.store.errors import Forbidden

PERSONAL_ROLES = frozenset({"employee", "companion"})
STAFF_ROLES = frozenset({"hr", "admin"})


@dataclass(frozen=True)
class Viewer:
    user_id: int
    org_id: int
    roles: frozenset[str]
    display_name: str = ""

    @classmethod
    def of(cls, user) -> Viewer:
        return cls(user_id=user.id, org_id=user.org_id, roles=user.roles, display_name=user.display_name)

    def has(self, role: str) -> bool:
        return role in self.roles

    @property
    def is_staff(self) -> bool:
        return bool(self.roles & STAFF_ROLES)

    def require(self, role: str) -> None:
        """Personal data are never reachable by HR or admin, even if a role set were mixed by
        hand in the database: staff roles veto the personal ones here."""
        if role in PERSONAL_ROLES and self.is_staff:
            raise Forbidden(role)
        if role not in self.roles:
            raise Forbidden(role)
