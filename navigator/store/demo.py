"""The demo: an SME with people in every role, companions inside and outside it, and two weeks of
career log for several employees (examples/demo-careerlog.yaml), from which the demo generates
career notes, a self-investment plan, a companionship with a meeting record and agreed actions,
and a team that keeps the log together."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from navigator import PROJECT_ROOT
from navigator.careerlog.entries import Entry
from navigator.store import accounts, companions, personal, teams
from navigator.store.models import Organization
from navigator.store.viewer import Viewer

DEMO_ORG = "さくら精機株式会社（デモ）"
COMPANION_ORG = "みらいキャリア相談室（デモ）"
DEMO_LOG = PROJECT_ROOT / "examples" / "demo-careerlog.yaml"


@dataclass(frozen=True)
class DemoAccount:
    role_label: str
    display_name: str
    email: str
    password: str


PEOPLE = [
    # (role label, name, email, organization, roles)
    ("管理者", "管理 太郎", "admin@sakura.example.jp", DEMO_ORG, {"admin"}),
    ("人事担当", "人事 恵子", "hr@sakura.example.jp", DEMO_ORG, {"hr"}),
    ("従業員", "山田 花子", "hanako@sakura.example.jp", DEMO_ORG, {"employee"}),
    ("従業員・伴走者", "鈴木 一郎", "ichiro@sakura.example.jp", DEMO_ORG, {"employee", "companion"}),
    ("従業員", "田中 次郎", "jiro@sakura.example.jp", DEMO_ORG, {"employee"}),
    ("従業員", "高橋 美咲", "misaki@sakura.example.jp", DEMO_ORG, {"employee"}),
    ("従業員", "伊藤 翔", "sho@sakura.example.jp", DEMO_ORG, {"employee"}),
    ("従業員", "渡辺 由美", "yumi@sakura.example.jp", DEMO_ORG, {"employee"}),
    ("従業員・伴走者", "中村 さおり", "saori@sakura.example.jp", DEMO_ORG, {"employee", "companion"}),
    ("伴走者（社外）", "佐藤 健", "ken@mirai.example.jp", COMPANION_ORG, {"companion"}),
]


def demo_entries(email: str, today: date) -> list[Entry]:
    """One person's two weeks of the demo as analysis entries (ids 1, 2, ...), for tests and bench."""
    rows = yaml.safe_load(DEMO_LOG.read_text(encoding="utf-8"))["entries"][email]
    return [
        Entry(i, today - timedelta(days=days_ago), event, emotion, intensity)
        for i, (days_ago, emotion, intensity, event) in enumerate(rows, start=1)
    ]


def demo_exists(db: Session) -> bool:
    return db.scalar(select(Organization).where(Organization.name == DEMO_ORG)) is not None


def has_any_organization(db: Session) -> bool:
    return db.scalar(select(Organization.id).limit(1)) is not None


def _at(day: date) -> datetime:
    return datetime.combine(day, time(12, 0), tzinfo=timezone(timedelta(hours=9)))


def seed(db: Session, today: date, passwords: dict[str, str] | None = None) -> list[DemoAccount]:
    """Creates the demo. `passwords` (email -> password) is for tests; otherwise random ones."""
    passwords = passwords or {}
    demo = yaml.safe_load(DEMO_LOG.read_text(encoding="utf-8"))
    created: list[DemoAccount] = []
    users = {}
    for role_label, name, email, org_name, roles in PEOPLE:
        org = accounts.get_or_create_organization(db, org_name)
        password = passwords.get(email) or secrets.token_urlsafe(9)
        users[email] = accounts.create_user(db, org, email, name, password, roles)
        created.append(DemoAccount(role_label, name, email, password))
    viewers = {email: Viewer.of(user) for email, user in users.items()}

    for email, rows in demo["entries"].items():
        for days_ago, emotion, intensity, event in rows:
            personal.add_log_entry(db, viewers[email], today - timedelta(days=days_ago), event, emotion, intensity)

    for email, p in demo["companions"].items():
        companions.save_profile(
            db, viewers[email], p["role_title"], set(p["styles"]), p["experience"], "\n".join(p["themes"]), p["availability"], True
        )

    # 山田 花子: a note after the first week and one over both weeks, to see the change
    hanako = viewers["hanako@sakura.example.jp"]
    personal.generate_note(db, hanako, today - timedelta(days=13), today - timedelta(days=7))
    note = personal.generate_note(db, hanako, today - timedelta(days=13), today)
    for email in ("jiro@sakura.example.jp", "misaki@sakura.example.jp", "sho@sakura.example.jp", "yumi@sakura.example.jp"):
        personal.generate_note(db, viewers[email], today - timedelta(days=13), today)

    p = demo["plan"]
    plan = personal.add_plan(
        db, hanako, p["title"], p["body"], today + timedelta(days=p["target_days"]), p["aspiration"],
        "\n".join(p["programs"]), p["hours_per_week"],
    )
    for title, due_in, status in p["steps"]:
        step = personal.add_step(db, hanako, plan.id, title, today + timedelta(days=due_in))
        if status == "done":
            personal.set_step_done(db, hanako, plan.id, step.id, today + timedelta(days=due_in))
    personal.save_job_card(
        db,
        hanako,
        "人の役に立つこと、仕組みを良くすることにやりがいを感じる。",
        "製造現場のデータを使って工程を改善する仕事。",
        "データ分析の基礎、統計の考え方。",
    )

    # her own words for ありたい姿 win over the generated draft wherever the note is shown
    personal.save_corrections(db, hanako, note.id, {"aspiration": p["aspiration"]})

    c = demo["companionship"]
    ken = users["ken@mirai.example.jp"]
    companionship = companions.choose_companion(db, hanako, ken.id, c["stage"], note.id, plan.id)
    started = _at(today - timedelta(days=c["started_days_ago"]))
    companionship.started_at = companionship.grant.created_at = started
    db.commit()
    for m in c["meetings"]:
        held = today - timedelta(days=m["days_ago"])
        companions.add_meeting(db, hanako, companionship.id, held, m["summary"], held + timedelta(days=m["next_in_days"]))
    for title, due_in, status in c["actions"]:
        action = companions.add_action(db, hanako, companionship.id, title, today + timedelta(days=due_in))
        if status != "todo":
            companions.set_action_status(db, hanako, companionship.id, action.id, status)

    t = demo["team"]
    team = teams.create_team(db, viewers[t["members"][0]], t["name"])
    for email in t["members"][1:]:
        teams.join_team(db, viewers[email], team.id)
    return created


def format_accounts(accounts_: list[DemoAccount]) -> str:
    lines = ["デモのアカウント（メールアドレス / パスワード）:"]
    for account in accounts_:
        lines.append(f"  {account.role_label}（{account.display_name}）  {account.email} / {account.password}")
    return "\n".join(lines)
