"""Career log, notes, plans, companions and teams in the store: owner scoping, deletion that reaches
every derived note, grants with audit for every read by others, erasure of an account."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import inspect, select, text

from navigator.store import accounts, companions, erasure, personal, sharing, teams
from navigator.store.errors import Forbidden, InvalidInput, NotFound
from navigator.store.models import AuditEvent, Base, CareerNote, Companionship, User
from navigator.store.viewer import Viewer

PW = "store-password-1"
TODAY = date(2026, 4, 15)
SECRET = "SECRET-ENTRY-MARK"


@pytest.fixture
def people(db):
    a = accounts.create_organization(db, "A社")
    b = accounts.create_organization(db, "B相談室")

    def make(org, email, roles):
        return Viewer.of(accounts.create_user(db, org, email, email.split("@")[0], PW, roles))

    people = {
        "owner": make(a, "owner@a.jp", {"employee"}),
        "coworker": make(a, "coworker@a.jp", {"employee", "companion"}),
        "hr": make(a, "hr@a.jp", {"hr"}),
        "companion": make(b, "companion@b.jp", {"companion"}),
        "outsider": make(b, "outsider@b.jp", {"employee"}),
    }
    companions.save_profile(db, people["companion"], "キャリアコンサルタント", {"mentor"}, "人事15年", "データ活用\n両立", "月2回", True)
    return people


def log(db, viewer, days_ago, event, emotion="充実", intensity=2):
    return personal.add_log_entry(db, viewer, TODAY - timedelta(days=days_ago), event, emotion, intensity)


def two_weeks(db, viewer):
    entries = [
        log(db, viewer, 13, "新人に図面の見方を教えたら感謝された", "うれしい", 3),
        log(db, viewer, 12, "Excelの関数を覚えたい。計算ミスが悔しい", "悔しい", 3),
        log(db, viewer, 10, "残業続きで勉強の時間が取れない", "疲れた", 2),
        log(db, viewer, 8, f"新人に検査のやり方を教えた {SECRET}", "楽しい", 2),
        log(db, viewer, 6, "集計をグラフにしたら原因が見えた", "わくわく", 3),
        log(db, viewer, 3, "新人が一人でできるようになった", "うれしい", 3),
        log(db, viewer, 1, "統計の本を読み始めた", "安心", 1),
    ]
    return entries


def test_entries_are_validated_scoped_and_editable(db, people):
    owner = people["owner"]
    entry = log(db, owner, 0, "出来事")
    assert entry.intensity == 2
    with pytest.raises(InvalidInput) as err:
        personal.add_log_entry(db, owner, TODAY, "x", "最高", 2)
    assert err.value.field == "emotion" and "その時の感情" in err.value.message
    with pytest.raises(InvalidInput):
        personal.add_log_entry(db, owner, TODAY, "x", "充実", 5)
    for other in ("coworker", "outsider"):
        with pytest.raises(NotFound):
            personal.get_log_entry(db, people[other], entry.id)
        with pytest.raises(NotFound):
            personal.delete_log_entry(db, people[other], entry.id)
    with pytest.raises(Forbidden):
        personal.get_log_entry(db, people["hr"], entry.id)
    personal.update_log_entry(db, owner, entry.id, TODAY, "直した", "安心", 1)
    assert (personal.get_log_entry(db, owner, entry.id).event, entry.intensity) == ("直した", 1)


def test_deleting_an_entry_removes_it_from_every_derived_note_before_anyone_reads_it(db, people):
    owner, companion = people["owner"], people["companion"]
    entries = two_weeks(db, owner)
    secret = entries[3]
    first = personal.generate_note(db, owner, TODAY - timedelta(days=13), TODAY - timedelta(days=7))
    second = personal.generate_note(db, owner, TODAY - timedelta(days=13), TODAY)
    untouched = personal.generate_note(db, owner, TODAY - timedelta(days=5), TODAY)
    assert (first.version, second.version, untouched.version) == (1, 2, 3)
    assert secret.id in first.data["entry_ids"] and secret.id in second.data["entry_ids"]
    grant = sharing.create_grant(db, owner, companion.user_id, "note", note_id=second.id)
    assert secret.id in sharing.read_shared(db, companion, grant.id).quotes

    assert personal.notes_citing(db, owner, secret.occurred_on) == 2
    assert personal.delete_log_entry(db, owner, secret.id) == 2
    stale = {n.version: n.stale for n in db.scalars(select(CareerNote).where(CareerNote.kind == "generated"))}
    assert stale == {1: True, 2: True, 3: False}

    # the companion's next read gets the note generated again, without the entry
    item = sharing.read_shared(db, companion, grant.id)
    assert secret.id not in item.note.data["entry_ids"] and secret.id not in item.quotes
    assert SECRET not in str(item.note.data) and SECRET not in item.note.body and not item.note.stale
    assert item.note.version == 2 and item.note.data["entry_count"] == 6
    # and the owner's read of the other version as well
    again = personal.get_note(db, owner, first.id)
    assert secret.id not in again.data["entry_ids"] and again.data["entry_count"] == 3
    # no row of the database holds the text any more
    dump = str([tuple(row) for table in Base.metadata.sorted_tables for row in db.execute(table.select())])
    assert SECRET not in dump


def test_editing_an_entry_also_regenerates_the_notes_citing_it(db, people):
    owner = people["owner"]
    entries = two_weeks(db, owner)
    note = personal.generate_note(db, owner, TODAY - timedelta(days=13), TODAY)
    personal.update_log_entry(db, owner, entries[3].id, entries[3].occurred_on, "内容を書き換えた", "ふつう", 1)
    refreshed = personal.get_note(db, owner, note.id)
    assert entries[3].id in refreshed.data["entry_ids"] and SECRET not in str(refreshed.data)
    assert [p for p in refreshed.data["emotions"]["points"] if p[2] == "ふつう"]


def test_versions_carry_the_persons_corrections_forward(db, people):
    owner = people["owner"]
    two_weeks(db, owner)
    first = personal.generate_note(db, owner, TODAY - timedelta(days=13), TODAY)
    personal.save_corrections(db, owner, first.id, {"aspiration": "  教える人でいたい ", "summary": ""})
    assert first.corrections == {"aspiration": "教える人でいたい"}
    assert "教える人でいたい（本人による修正）" in first.body
    with pytest.raises(InvalidInput):
        personal.save_corrections(db, owner, first.id, {"unknown": "x"})
    second = personal.generate_note(db, owner, TODAY - timedelta(days=6), TODAY)
    assert second.corrections == {"aspiration": "教える人でいたい"} and second.data["corrections_from_version"] == 1
    with pytest.raises(NotFound):
        personal.save_corrections(db, people["coworker"], first.id, {"aspiration": "x"})
    written = personal.add_note(db, owner, "自分で", "本文")
    with pytest.raises(InvalidInput):
        personal.save_corrections(db, owner, written.id, {"aspiration": "x"})


def test_plan_steps_and_progress(db, people):
    owner = people["owner"]
    plan = personal.add_plan(db, owner, "データ", "", TODAY + timedelta(days=90), "教える人", "講座A\n\n補助B", 2.5)
    assert plan.program_list == ["講座A", "補助B"] and plan.progress == (0, 0)
    a = personal.add_step(db, owner, plan.id, "本を読む", TODAY + timedelta(days=7))
    personal.add_step(db, owner, plan.id, "申し込む", TODAY + timedelta(days=14))
    personal.set_step_done(db, owner, plan.id, a.id, TODAY)
    assert personal.get_plan(db, owner, plan.id).progress == (1, 2)
    with pytest.raises(NotFound):
        personal.set_step_done(db, people["coworker"], plan.id, a.id, TODAY)
    personal.update_plan(db, owner, plan.id, hours_per_week=3.0, title="データで現場を良くする")
    assert (plan.hours_per_week, plan.title) == (3.0, "データで現場を良くする")
    with pytest.raises(InvalidInput):
        personal.update_plan(db, owner, plan.id, owner_id=99)


def test_companionship_reads_and_writes_by_the_companion_are_audited_until_it_ends(db, people):
    owner, companion, coworker = people["owner"], people["companion"], people["coworker"]
    two_weeks(db, owner)
    note = personal.generate_note(db, owner, TODAY - timedelta(days=13), TODAY)
    c = companions.choose_companion(db, owner, companion.user_id, "育休から復帰", share_note_id=note.id)
    assert c.active and c.grant.kind == "companionship"
    with pytest.raises(InvalidInput):
        companions.choose_companion(db, owner, companion.user_id, "二重")
    with pytest.raises(InvalidInput):  # a companion without a profile accepting consultees
        companions.choose_companion(db, owner, coworker.user_id, "x")
    companions.add_meeting(db, owner, c.id, TODAY, "本人が書いた記録", None)

    view = companions.open_companionship(db, companion, c.id)
    assert view.side == "companion" and [m.summary for m in view.meetings] == ["本人が書いた記録"]
    assert [g.kind for g in view.shared] == ["note"]
    companions.add_meeting(db, companion, c.id, TODAY, "伴走者が書いた記録", TODAY + timedelta(days=14))
    action = companions.add_action(db, companion, c.id, "講座を選ぶ", None)
    companions.set_action_status(db, owner, c.id, action.id, "done")
    events = [(e.actor_id, e.action, e.object_label) for e in sharing.list_audit_events(db, owner)]
    assert (companion.user_id, "read", "面談の記録と合意した行動") in events
    assert (companion.user_id, "write", "合意した行動「講座を選ぶ」を追加") in events
    assert sum(1 for e in events if e[1] == "write") == 2 and all(e[0] == companion.user_id for e in events)

    for stranger in (coworker, people["outsider"]):
        with pytest.raises(NotFound):
            companions.open_companionship(db, stranger, c.id)
        with pytest.raises((NotFound, Forbidden)):
            companions.add_meeting(db, stranger, c.id, TODAY, "x", None)
    with pytest.raises(Forbidden):
        companions.open_companionship(db, people["hr"], c.id)

    companions.end_companionship(db, owner, c.id, "管理職になった", revoke_shares=True)
    assert not c.active and all(not g.active for g in sharing.list_grants_given(db, owner))
    with pytest.raises(NotFound):
        companions.open_companionship(db, companion, c.id)
    with pytest.raises(NotFound):
        companions.add_action(db, companion, c.id, "x", None)
    with pytest.raises(InvalidInput):
        companions.add_meeting(db, owner, c.id, TODAY, "終わった伴走", None)
    assert companions.consultees(db, companion) == []
    assert companions.open_companionship(db, owner, c.id).side == "owner"  # the record stays hers


def test_revoking_the_companionship_grant_on_the_sharing_page_ends_it(db, people):
    owner, companion = people["owner"], people["companion"]
    c = companions.choose_companion(db, owner, companion.user_id, "x")
    sharing.revoke_grant(db, owner, c.grant_id)
    db.refresh(c)
    assert not c.active and c.ended_at is not None
    with pytest.raises(NotFound):
        sharing.read_companionship(db, companion, c.id)


def test_team_members_see_who_logged_today_and_nothing_else(db, people):
    owner, coworker = people["owner"], people["coworker"]
    team = teams.create_team(db, owner, "朝の1分ログ")
    teams.join_team(db, coworker, team.id)
    log(db, owner, 0, f"今日の記録 {SECRET}")
    log(db, coworker, 1, "昨日の記録")
    _, members = teams.team_today(db, coworker, team.id, TODAY)
    assert [(m.display_name, m.logged_today, m.is_me) for m in members] == [("coworker", False, True), ("owner", True, False)]
    assert set(vars(members[0])) == {"display_name", "logged_today", "is_me"}
    with pytest.raises(NotFound):
        teams.team_today(db, people["outsider"], team.id, TODAY)
    with pytest.raises(NotFound):
        teams.join_team(db, people["outsider"], team.id)
    with pytest.raises(Forbidden):
        teams.team_today(db, people["hr"], team.id, TODAY)
    with pytest.raises(InvalidInput):
        teams.create_team(db, coworker, "朝の1分ログ")
    teams.leave_team(db, coworker, team.id)
    with pytest.raises(NotFound):
        teams.team_today(db, coworker, team.id, TODAY)
    teams.leave_team(db, owner, team.id)
    assert teams.org_teams(db, owner) == []  # the last member left: the team is gone


def user_columns() -> list[tuple[str, str]]:
    """Every (table, column) that points at a person."""
    found = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if any(fk.column.table.name == "users" for fk in column.foreign_keys):
                found.append((table.name, column.name))
    return found


def test_deleting_an_account_removes_everything_of_the_person(db, people):
    owner, companion, coworker = people["owner"], people["companion"], people["coworker"]
    first_text = two_weeks(db, owner)[0].event
    note = personal.generate_note(db, owner, TODAY - timedelta(days=13), TODAY)
    plan = personal.add_plan(db, owner, "計画", "", None)
    personal.add_step(db, owner, plan.id, "ステップ", None)
    personal.save_job_card(db, owner, "価値観", "仕事", "能力")
    c = companions.choose_companion(db, owner, companion.user_id, "x", share_note_id=note.id, share_plan_id=plan.id)
    companions.add_meeting(db, companion, c.id, TODAY, "伴走者の記録", None)
    companions.add_action(db, owner, c.id, "行動", None)
    team = teams.create_team(db, owner, "チーム")
    teams.join_team(db, coworker, team.id)
    # the coworker is also a companion: an outsider chose them, and their read is in the
    # outsider's audit log, which must keep the event when the coworker's account is deleted
    companions.save_profile(db, coworker, "係長", {"role_model"}, "経験", "テーマ", "月1回", True)
    c2 = companions.choose_companion(db, people["outsider"], coworker.user_id, "相談")
    companions.open_companionship(db, coworker, c2.id)

    with pytest.raises(InvalidInput):
        erasure.delete_account(db, owner.user_id, "wrong-password")
    erasure.delete_account(db, owner.user_id, PW)

    assert db.get(User, owner.user_id) is None
    for table, column in user_columns():
        count = db.execute(text(f"SELECT COUNT(*) FROM {table} WHERE {column} = :id"), {"id": owner.user_id}).scalar()
        assert count == 0, f"{table}.{column} still points at the deleted person"
    dump = str([tuple(row) for table in Base.metadata.sorted_tables for row in db.execute(table.select())])
    assert SECRET not in dump and "owner@a.jp" not in dump and first_text not in dump
    assert teams.org_teams(db, coworker)[0].name == "チーム"  # the coworker's team stays

    # deleting the companion: the employee keeps the companionship record, ended
    erasure.delete_account(db, coworker.user_id, PW)
    kept = db.scalar(select(Companionship).where(Companionship.id == c2.id))
    assert kept.companion_id is None and kept.grant_id is None and kept.ended_at is not None
    outsider_audit = db.scalars(select(AuditEvent).where(AuditEvent.owner_id == people["outsider"].user_id)).all()
    assert outsider_audit and all(e.actor_id is None for e in outsider_audit)
    assert companions.open_companionship(db, people["outsider"], c2.id).companionship.companion is None


def test_tables_of_this_migration_exist(db_url):
    from navigator.store.db import make_engine

    engine = make_engine(db_url)
    names = set(inspect(engine).get_table_names())
    engine.dispose()
    assert {"plan_steps", "companion_profiles", "companionships", "meetings", "agreed_actions", "teams", "team_members"} <= names
