"""Privacy by construction, at the store: owner scoping, grants, revocation, audit, staff veto."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from alembic import command
from sqlalchemy import inspect, select

from navigator.store import accounts, migrate, personal, sharing, usage
from navigator.store.db import make_engine
from navigator.store.errors import Forbidden, InvalidInput, NotFound
from navigator.store.models import AuditEvent, Invitation, UserRole
from navigator.store.viewer import Viewer

PW = "store-password-1"
DAY = date(2026, 4, 1)


@pytest.fixture
def people(db):
    a = accounts.create_organization(db, "A社")
    b = accounts.create_organization(db, "B相談室")

    def make(org, email, roles):
        return Viewer.of(accounts.create_user(db, org, email, email.split("@")[0], PW, roles))

    return {
        "owner": make(a, "owner@a.jp", {"employee"}),
        "coworker": make(a, "coworker@a.jp", {"employee", "companion"}),
        "hr": make(a, "hr@a.jp", {"hr"}),
        "admin": make(a, "admin@a.jp", {"admin"}),
        "companion": make(b, "companion@b.jp", {"companion"}),
        "outsider": make(b, "outsider@b.jp", {"employee"}),
    }


def test_owner_sees_own_data_and_nobody_else_does(db, people):
    owner = people["owner"]
    note = personal.add_note(db, owner, "ノート", "本文")
    plan = personal.add_plan(db, owner, "計画", "内容", None)
    personal.add_log_entry(db, owner, DAY, "出来事", "充実")
    assert [n.id for n in personal.list_notes(db, owner)] == [note.id]
    for other in ("coworker", "outsider"):
        viewer = people[other]
        with pytest.raises(NotFound):
            personal.get_note(db, viewer, note.id)
        with pytest.raises(NotFound):
            personal.get_plan(db, viewer, plan.id)
        assert personal.list_notes(db, viewer) == []
        assert personal.list_log_entries(db, viewer) == []


@pytest.mark.parametrize("staff", ["hr", "admin"])
def test_staff_reach_no_personal_data_by_any_function(db, people, staff):
    owner, viewer = people["owner"], people[staff]
    note = personal.add_note(db, owner, "ノート", "本文")
    plan = personal.add_plan(db, owner, "計画", "内容", None)
    personal.save_job_card(db, owner, "価値観", "仕事", "能力")
    calls = [
        lambda: personal.list_log_entries(db, viewer),
        lambda: personal.list_notes(db, viewer),
        lambda: personal.get_note(db, viewer, note.id),
        lambda: personal.list_plans(db, viewer),
        lambda: personal.get_plan(db, viewer, plan.id),
        lambda: personal.get_job_card(db, viewer),
        lambda: sharing.list_grants_received(db, viewer),
        lambda: sharing.list_audit_events(db, viewer),
        lambda: sharing.read_shared(db, viewer, 1),
    ]
    for call in calls:
        with pytest.raises(Forbidden):
            call()


def test_staff_veto_holds_even_if_roles_were_mixed_by_hand(db, people):
    owner = people["owner"]
    note = personal.add_note(db, owner, "ノート", "本文")
    companion = people["companion"]
    sharing.create_grant(db, owner, companion.user_id, "note", note_id=note.id)
    # Someone adds the hr role straight into the database: the store still refuses.
    db.add(UserRole(user_id=companion.user_id, role="hr"))
    db.commit()
    mixed = Viewer.of(accounts.get_user(db, companion.user_id))
    with pytest.raises(Forbidden):
        sharing.list_grants_received(db, mixed)
    with pytest.raises(Forbidden):
        personal.list_notes(db, mixed)


def test_roles_for_staff_and_personal_use_cannot_be_mixed(db):
    org = accounts.create_organization(db, "C社")
    with pytest.raises(InvalidInput):
        accounts.create_user(db, org, "x@c.jp", "x", PW, {"hr", "employee"})
    with pytest.raises(InvalidInput):
        accounts.create_user(db, org, "y@c.jp", "y", PW, {"admin", "companion"})


def test_cross_org_companion_reads_shared_note_until_revoked_and_each_read_is_audited(db, people):
    owner, companion = people["owner"], people["companion"]
    note = personal.add_note(db, owner, "共有ノート", "見せる本文")
    grant = sharing.create_grant(db, owner, companion.user_id, "note", note_id=note.id)

    assert [g.id for g in sharing.list_grants_received(db, companion)] == [grant.id]
    item = sharing.read_shared(db, companion, grant.id)
    assert item.note.body == "見せる本文"
    sharing.read_shared(db, companion, grant.id)

    events = sharing.list_audit_events(db, owner)
    assert len(events) == 2
    assert {e.actor_id for e in events} == {companion.user_id}
    assert events[0].object_label == "キャリアノート「共有ノート」"

    sharing.revoke_grant(db, owner, grant.id)
    with pytest.raises(NotFound):
        sharing.read_shared(db, companion, grant.id)
    assert sharing.list_grants_received(db, companion) == []
    assert len(sharing.list_audit_events(db, owner)) == 2  # a refused read leaves no data behind


def test_only_the_grantee_reads_a_grant(db, people):
    owner = people["owner"]
    note = personal.add_note(db, owner, "ノート", "本文")
    grant = sharing.create_grant(db, owner, people["companion"].user_id, "note", note_id=note.id)
    with pytest.raises(NotFound):
        sharing.read_shared(db, people["coworker"], grant.id)  # a companion, but not this grant's
    with pytest.raises(Forbidden):
        sharing.read_shared(db, people["outsider"], grant.id)  # not a companion at all
    with pytest.raises(NotFound):
        sharing.revoke_grant(db, people["coworker"], grant.id)  # only the owner revokes
    assert db.scalars(select(AuditEvent)).all() == []


def test_log_range_grant_shows_only_that_range(db, people):
    owner, companion = people["owner"], people["companion"]
    for offset, event in [(-1, "前日"), (0, "初日"), (3, "中"), (6, "最終日"), (7, "翌日")]:
        personal.add_log_entry(db, owner, DAY + timedelta(days=offset), event, "ふつう")
    grant = sharing.create_grant(db, owner, companion.user_id, "log_range", log_from=DAY, log_to=DAY + timedelta(days=6))
    item = sharing.read_shared(db, companion, grant.id)
    assert [e.event for e in item.entries] == ["初日", "中", "最終日"]


def test_grants_are_checked(db, people):
    owner = people["owner"]
    other_note = personal.add_note(db, people["coworker"], "他人のノート", "本文")
    companion_id = people["companion"].user_id
    with pytest.raises(InvalidInput) as exc:
        sharing.create_grant(db, owner, companion_id, "note", note_id=other_note.id)
    assert exc.value.field == "note_id"
    with pytest.raises(InvalidInput) as exc:
        sharing.create_grant(db, owner, people["hr"].user_id, "log_range", log_from=DAY, log_to=DAY)
    assert exc.value.field == "grantee_id"
    with pytest.raises(InvalidInput) as exc:
        sharing.create_grant(db, owner, people["outsider"].user_id, "log_range", log_from=DAY, log_to=DAY)
    assert exc.value.field == "grantee_id"  # not a companion
    with pytest.raises(InvalidInput) as exc:
        sharing.create_grant(db, owner, companion_id, "log_range", log_from=DAY, log_to=DAY - timedelta(days=1))
    assert exc.value.field == "log_to"
    own_note = personal.add_note(db, owner, "ノート", "本文")
    first = sharing.create_grant(db, owner, companion_id, "note", note_id=own_note.id)
    with pytest.raises(InvalidInput) as exc:
        sharing.create_grant(db, owner, companion_id, "note", note_id=own_note.id)
    assert exc.value.field == "grantee_id"
    sharing.revoke_grant(db, owner, first.id)
    sharing.create_grant(db, owner, companion_id, "note", note_id=own_note.id)  # shared again after revoking


def test_companions_to_choose_include_other_organizations_but_no_staff(db, people):
    names = [u.email for u in sharing.companions_to_choose(db, people["owner"])]
    assert names == ["companion@b.jp", "coworker@a.jp"]


def test_invitation_token_is_stored_hashed_used_once_and_hr_invites_only_own_org(db, people):
    hr = people["hr"]
    invitation, token = accounts.create_invitation(db, hr, hr.org_id, "New@A.jp", {"employee", "companion"})
    stored = db.scalar(select(Invitation).where(Invitation.id == invitation.id))
    assert token not in stored.token_hash and stored.email == "new@a.jp"
    user = accounts.accept_invitation(db, token, "新人", PW)
    assert user.roles == {"employee", "companion"} and user.org_id == hr.org_id
    with pytest.raises(NotFound):
        accounts.open_invitation(db, token)
    with pytest.raises(InvalidInput):
        accounts.create_invitation(db, hr, hr.org_id, "boss@a.jp", {"hr"})
    with pytest.raises(Forbidden):
        accounts.create_invitation(db, hr, people["outsider"].org_id, "x@b.jp", {"employee"})
    with pytest.raises(Forbidden):
        accounts.create_invitation(db, people["owner"], hr.org_id, "x@a.jp", {"employee"})


def test_password_change_bumps_session_epoch(db, people):
    user = accounts.get_user(db, people["owner"].user_id)
    with pytest.raises(InvalidInput):
        accounts.change_password(db, user, "wrong-password", "another-pass-1")
    accounts.change_password(db, user, PW, "another-pass-1")
    assert user.session_epoch == 1
    assert accounts.authenticate(db, "owner@a.jp", PW) is None
    assert accounts.authenticate(db, "OWNER@a.jp", "another-pass-1").id == user.id


def test_usage_summary_shows_no_count_under_five(db, people):
    """HR sees anonymous counts only, and never one under 5 (usage.MIN_GROUP_SIZE): with 4
    employees nothing is counted; with 5, a count of 4 is hidden and a count of 5 is shown."""
    assert usage.MIN_GROUP_SIZE == 5
    hr = people["hr"]
    monday = date(2026, 4, 13)
    today = monday + timedelta(days=2)
    org = accounts.get_user(db, hr.user_id).organization
    employees = [people["owner"], people["coworker"]]
    employees += [Viewer.of(accounts.create_user(db, org, f"e{i}@a.jp", f"e{i}", PW, {"employee"})) for i in range(2)]
    for e in employees:
        personal.add_log_entry(db, e, today, "出来事", "充実")
    summary = usage.usage_summary(db, hr, today)
    assert (summary.employees, summary.shown, summary.logged_this_week) == (4, False, None)

    fifth = Viewer.of(accounts.create_user(db, org, "e5@a.jp", "e5", PW, {"employee"}))
    summary = usage.usage_summary(db, hr, today)
    assert (summary.employees, summary.shown) == (5, True)
    assert summary.logged_this_week is None  # 4 of 5 logged this week: under 5, not shown
    assert summary.logging_last_30_days is None

    personal.add_log_entry(db, fifth, monday, "出来事", "充実")
    summary = usage.usage_summary(db, hr, today)
    assert summary.logged_this_week == 5 and summary.logging_last_30_days == 5
    # an entry of the week before does not count for this week
    summary = usage.usage_summary(db, hr, monday + timedelta(days=7))
    assert summary.logged_this_week is None and summary.logging_last_30_days == 5
    # the other counts: none under 5 is shown
    for e in employees[:4]:
        personal.add_note(db, e, "ノート", "本文")
    assert usage.usage_summary(db, hr, today).with_note is None
    personal.add_note(db, fifth, "ノート", "本文")
    assert usage.usage_summary(db, hr, today).with_note == 5
    for name in ("owner", "companion"):
        with pytest.raises(Forbidden):
            usage.usage_summary(db, people[name])


def test_migrations_go_down_and_up(db_url):
    config = migrate.alembic_config(db_url)
    command.downgrade(config, "base")
    engine = make_engine(db_url)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    command.upgrade(config, "head")
    assert {"users", "grants", "audit_events", "job_cards"} <= set(inspect(engine).get_table_names())
    engine.dispose()
