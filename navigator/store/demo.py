"""The demo: an SME with one person per role, a companion from a second organization, and a
little sample data (a career log, a note shared with the companion, a plan, a Job Card)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from navigator.store import accounts, personal, sharing
from navigator.store.models import Organization
from navigator.store.viewer import Viewer

DEMO_ORG = "さくら精機株式会社（デモ）"
COMPANION_ORG = "みらいキャリア相談室（デモ）"


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
    ("伴走者（社外）", "佐藤 健", "ken@mirai.example.jp", COMPANION_ORG, {"companion"}),
]

LOG = [
    (9, "朝会で新人の質問に答えたら、とても感謝された。", "うれしい"),
    (8, "見積もりの計算ミスを指摘された。Excelの関数をもっと知りたい。", "悔しい"),
    (6, "工程表を自分で作り直したら、チームの残業が減った。", "充実"),
    (5, "データ分析の社外セミナーの案内を見た。行きたいが時間が取れるか不安。", "不安"),
    (3, "先輩の図面チェックのやり方を教わった。", "楽しい"),
    (1, "一日会議が続いて、自分の作業が進まなかった。", "疲れた"),
]


def demo_exists(db: Session) -> bool:
    return db.scalar(select(Organization).where(Organization.name == DEMO_ORG)) is not None


def has_any_organization(db: Session) -> bool:
    return db.scalar(select(Organization.id).limit(1)) is not None


def seed(db: Session, today: date, passwords: dict[str, str] | None = None) -> list[DemoAccount]:
    """Creates the demo. `passwords` (email -> password) is for tests; otherwise random ones."""
    passwords = passwords or {}
    created: list[DemoAccount] = []
    users = {}
    for role_label, name, email, org_name, roles in PEOPLE:
        org = accounts.get_or_create_organization(db, org_name)
        password = passwords.get(email) or secrets.token_urlsafe(9)
        users[email] = accounts.create_user(db, org, email, name, password, roles)
        created.append(DemoAccount(role_label, name, email, password))

    hanako = Viewer.of(users["hanako@sakura.example.jp"])
    for days_ago, event, emotion in LOG:
        personal.add_log_entry(db, hanako, today - timedelta(days=days_ago), event, emotion)
    note = personal.add_note(
        db,
        hanako,
        "2週間の記録から見えたこと",
        "人に教えたり、仕組みを良くしたりしたときに「うれしい」「充実」が多い。\n"
        "計算ミスやデータの扱いで悔しい思いをしている。\n"
        "方向性：データ分析の基礎を学び、工程改善に生かしたい。時間の確保が課題。",
    )
    personal.add_plan(
        db,
        hanako,
        "データ分析の基礎を身につける",
        "週3時間、オンライン講座でExcelとデータ分析の基礎を学ぶ。教育訓練給付金の対象講座を探す。",
        today + timedelta(days=120),
    )
    personal.save_job_card(
        db,
        hanako,
        "人の役に立つこと、仕組みを良くすることにやりがいを感じる。",
        "製造現場のデータを使って工程を改善する仕事。",
        "データ分析の基礎、統計の考え方。",
    )
    sharing.create_grant(db, hanako, users["ken@mirai.example.jp"].id, "note", note_id=note.id)

    jiro = Viewer.of(users["jiro@sakura.example.jp"])
    personal.add_log_entry(db, jiro, today - timedelta(days=2), "新しい検査装置の使い方を覚えた。", "充実")
    return created


def format_accounts(accounts_: list[DemoAccount]) -> str:
    lines = ["デモのアカウント（メールアドレス / パスワード）:"]
    for account in accounts_:
        lines.append(f"  {account.role_label}（{account.display_name}）  {account.email} / {account.password}")
    return "\n".join(lines)
