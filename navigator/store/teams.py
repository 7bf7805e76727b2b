"""Teams that keep the career log together (チームで実践, seed 000 6-2: practice as a team so that no
one keeps it up alone). Joining is the consent: members see whether each other logged today,
never what anyone wrote, and anyone may leave at any time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from navigator.store.errors import InvalidInput, NotFound
from navigator.store.models import CareerLogEntry, Team, TeamMember
from navigator.store.viewer import Viewer


@dataclass(frozen=True)
class MemberToday:
    display_name: str
    logged_today: bool
    is_me: bool


def org_teams(db: Session, viewer: Viewer) -> list[Team]:
    viewer.require("employee")
    return list(db.scalars(select(Team).where(Team.org_id == viewer.org_id).order_by(Team.name, Team.id)))


def _team_in_org(db: Session, viewer: Viewer, team_id: int) -> Team:
    viewer.require("employee")
    team = db.scalar(select(Team).where(Team.id == team_id, Team.org_id == viewer.org_id))
    if team is None:
        raise NotFound("team")
    return team


def is_member(team: Team, viewer: Viewer) -> bool:
    return any(m.user_id == viewer.user_id for m in team.members)


def create_team(db: Session, viewer: Viewer, name: str) -> Team:
    viewer.require("employee")
    name = name.strip()
    if not name:
        raise InvalidInput("name", "「チームの名前」を入力してください。")
    if db.scalar(select(Team).where(Team.org_id == viewer.org_id, Team.name == name)):
        raise InvalidInput("name", f"「{name}」というチームはすでにあります。一覧から参加してください。")
    team = Team(org_id=viewer.org_id, name=name, members=[TeamMember(user_id=viewer.user_id)])
    db.add(team)
    db.commit()
    return team


def join_team(db: Session, viewer: Viewer, team_id: int) -> Team:
    team = _team_in_org(db, viewer, team_id)
    if not is_member(team, viewer):
        team.members.append(TeamMember(user_id=viewer.user_id))
        db.commit()
    return team


def leave_team(db: Session, viewer: Viewer, team_id: int) -> Team:
    team = _team_in_org(db, viewer, team_id)
    if not is_member(team, viewer):
        raise NotFound("team membership")
    team.members = [m for m in team.members if m.user_id != viewer.user_id]
    if not team.members:
        db.delete(team)
    db.commit()
    return team


def team_today(db: Session, viewer: Viewer, team_id: int, today: date) -> tuple[Team, list[MemberToday]]:
    """For a member only: who in the team logged today. The query selects owner ids, never a
    column of what was written."""
    team = _team_in_org(db, viewer, team_id)
    if not is_member(team, viewer):
        raise NotFound("team")
    ids = [m.user_id for m in team.members]
    logged = set(
        db.scalars(
            select(CareerLogEntry.owner_id).where(CareerLogEntry.owner_id.in_(ids), CareerLogEntry.occurred_on == today).distinct()
        )
    )
    members = [MemberToday(m.user.display_name, m.user_id in logged, m.user_id == viewer.user_id) for m in team.members]
    members.sort(key=lambda m: (not m.is_me, not m.logged_today, m.display_name))
    return team, members
