"""Helpers for the web tests: a small world: two organizations, every kind of person, shared and private
data with markers that must never show up where they do not belong."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from sqlalchemy import select

from navigator import PROJECT_ROOT
from navigator.store import (accounts, benefit_profiles, companions, demo, employer_cases, migrate, passwords,
                             personal, sharing, teams)
from navigator.store.models import CareerNote
from navigator.yamlfile import load_facts_yaml
from navigator.store.db import make_engine, make_sessionmaker
from navigator.store.viewer import Viewer
from navigator.settings import Settings

PASSWORD = "test-password-1"
TODAY = date(2026, 4, 15)

PRIVATE_NOTE = "PRIVATE-NOTE-MARK"
SHARED_NOTE = "SHARED-NOTE-MARK"
JOB_CARD = "JOBCARD-MARK"
OLD_LOG = "OLD-LOG-MARK"
RECENT_LOG = "RECENT-LOG-MARK"
OTHER_ORG_CASE = "株式会社よその会社"
# the owner's 雇用保険 profile: a wage no page of anyone else may show (in either form)
PROFILE_WAGE = 987654
PROFILE_MARKERS = ("987,654", "987654")


@dataclass
class Persona:
    name: str
    email: str | None  # None: anonymous
    roles: frozenset[str] = frozenset()
    grant_id: int | None = None  # the grant this persona would try to open
    cookies: dict = field(default_factory=dict)
    csrf: str = ""


@dataclass
class World:
    db_path: Path
    var_dir: Path
    personas: dict[str, Persona]
    ids: dict[str, int]
    invitation_token: str

    def settings(self, db_path: Path | None = None) -> Settings:
        return Settings(
            database_url=f"sqlite:///{db_path or self.db_path}",
            var_dir=self.var_dir,
            secret_key="test-secret-key",
            password_hash_profile="CHEAPEST",
        )


def build_world(db_path: Path, var_dir: Path, today: date = TODAY) -> World:
    """The world as of `today` (the browser tests build it as of the real date, since the pages
    use the clock; the other tests use the fixed TODAY)."""
    url = f"sqlite:///{db_path}"
    passwords.use_profile("CHEAPEST")
    migrate.upgrade(url)
    engine = make_engine(url)
    with make_sessionmaker(engine)() as db:
        seeded = demo.seed(db, today, {p[2]: PASSWORD for p in demo.PEOPLE})
        users = {a.email: accounts.authenticate(db, a.email, PASSWORD) for a in seeded}
        org_a = users["hanako@sakura.example.jp"].organization
        org_b = users["ken@mirai.example.jp"].organization
        outsider = accounts.create_user(db, org_b, "outsider@mirai.example.jp", "社外 従業員", PASSWORD, {"employee"})
        outsider_hr = accounts.create_user(db, org_b, "hr@mirai.example.jp", "社外 人事", PASSWORD, {"hr"})
        revoked = accounts.create_user(db, org_b, "revoked@mirai.example.jp", "取消 伴走者", PASSWORD, {"companion"})

        owner = Viewer.of(users["hanako@sakura.example.jp"])
        ken = users["ken@mirai.example.jp"]
        shared_note = personal.add_note(db, owner, "共有するノート", f"伴走者に見せる内容 {SHARED_NOTE}")
        private_note = personal.add_note(db, owner, "自分だけのノート", f"誰にも見せない {PRIVATE_NOTE}")
        plan = personal.add_plan(db, owner, "共有する計画", "週3時間学ぶ", today + timedelta(days=90))
        personal.add_log_entry(db, owner, today - timedelta(days=60), f"昔の記録 {OLD_LOG}", "不安")
        recent = personal.add_log_entry(db, owner, today - timedelta(days=2), f"最近の記録 {RECENT_LOG}", "充実")
        step = personal.add_step(db, owner, plan.id, "最初のステップ", today + timedelta(days=7))
        personal.save_job_card(db, owner, f"価値観 {JOB_CARD}", "仕事", "能力開発")
        benefit_profiles.save_profile(db, owner, {"insured_now": True, "insured_since": "2018-04-01",
                                                  "benefits_before": False, "wage_monthly_yen": PROFILE_WAGE})

        note_grant = sharing.create_grant(db, owner, ken.id, "note", note_id=shared_note.id)
        sharing.create_grant(db, owner, ken.id, "plan", plan_id=plan.id)
        sharing.create_grant(db, owner, ken.id, "log_range", log_from=today - timedelta(days=7), log_to=today)
        revoked_grant = sharing.create_grant(db, owner, revoked.id, "note", note_id=shared_note.id)
        sharing.revoke_grant(db, owner, revoked_grant.id)

        # Each organization's company case for the plan builder (org B's HR must never see org A's).
        demo_case = load_facts_yaml((PROJECT_ROOT / "examples/kigyounai-combined.yaml").read_text(encoding="utf-8"))
        employer_cases.save_case(db, Viewer.of(users["hr@sakura.example.jp"]), demo_case)
        other_case = dict(demo_case, employer=dict(demo_case["employer"], name=OTHER_ORG_CASE))
        employer_cases.save_case(db, Viewer.of(outsider_hr), other_case)

        admin = Viewer.of(users["admin@sakura.example.jp"])
        _, token = accounts.create_invitation(db, admin, org_a.id, "invited@sakura.example.jp", {"employee"})

        def persona(name, email, grant_id=None):
            user = accounts.authenticate(db, email, PASSWORD)
            return Persona(name, email, user.roles, grant_id or note_grant.id)

        personas = {
            "anonymous": Persona("anonymous", None, frozenset(), note_grant.id),
            "owner": persona("owner", "hanako@sakura.example.jp"),
            "companion": persona("companion", "ken@mirai.example.jp"),
            "companion_no_grant": persona("companion_no_grant", "ichiro@sakura.example.jp"),
            "companion_revoked": persona("companion_revoked", "revoked@mirai.example.jp", revoked_grant.id),
            "hr": persona("hr", "hr@sakura.example.jp"),
            "admin": persona("admin", "admin@sakura.example.jp"),
            "other_org_employee": persona("other_org_employee", outsider.email),
            "other_org_hr": persona("other_org_hr", outsider_hr.email),
        }
        # from the demo: 山田 花子's generated note, her companionship with 佐藤 健, their team
        generated = db.scalar(
            select(CareerNote).where(CareerNote.owner_id == owner.user_id, CareerNote.kind == "generated")
            .order_by(CareerNote.version.desc())
        )
        companionship = companions.my_companionships(db, owner)[0]
        action = companions.open_companionship(db, owner, companionship.id).actions[0]
        team = teams.org_teams(db, owner)[0]
        ids = {
            "note_id": shared_note.id,
            "generated_note_id": generated.id,
            "entry_id": recent.id,
            "step_id": step.id,
            "companionship_id": companionship.id,
            "action_id": action.id,
            "team_id": team.id,
            "saori_id": accounts.authenticate(db, "saori@sakura.example.jp", PASSWORD).id,
            "private_note_id": private_note.id,
            "plan_id": plan.id,
            "org_id": org_a.id,
            "org_b_id": org_b.id,
            "ken_id": ken.id,
            "note_grant_id": note_grant.id,
            "revoked_grant_id": revoked_grant.id,
        }
    engine.dispose()
    return World(db_path, var_dir, personas, ids, token)


CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_from(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "no CSRF field on the page"
    return match.group(1)


def sign_in(client: TestClient, email: str, password: str = PASSWORD) -> str:
    """Signs in through the real form; returns the session's CSRF token."""
    token = csrf_from(client.get("/login").text)
    response = client.post(
        "/login", data={"email": email, "password": password, "csrf_token": token}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    return csrf_from(client.get("/home").text)


def copy_db(world: World, target: Path) -> Path:
    # SQLite's backup API: a consistent copy that includes what is still in the WAL file (the
    # sign-ins of the template world are), which copying the main file alone would miss.
    source, copy = sqlite3.connect(world.db_path), sqlite3.connect(target)
    with copy:
        source.backup(copy)
    source.close()
    copy.close()
    return target
