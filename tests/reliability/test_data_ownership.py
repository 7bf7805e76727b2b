"""Data ownership: a person takes everything of theirs away in one download; an admin takes an
organization's records. (Deletion of accounts and organizations: see below.)"""

from __future__ import annotations

import io
import json
import subprocess
import zipfile

from navigator.store.export import NOT_EXPORTED, PERSONAL_TABLES
from navigator.store.models import Base
from webworld import JOB_CARD, OLD_LOG, PRIVATE_NOTE, RECENT_LOG, SHARED_NOTE


def test_every_table_that_points_at_a_person_is_exported_or_says_why_not():
    exported = {(model.__tablename__, column) for model, column in PERSONAL_TABLES.values()}
    pointing = {(table.name, column.name) for table in Base.metadata.sorted_tables for column in table.columns
                if any(fk.column.table.name == "users" for fk in column.foreign_keys)}
    pointing.add(("users", "id"))
    unaccounted = pointing - exported - set(NOT_EXPORTED)
    assert not unaccounted, f"add these to navigator/store/export.py (PERSONAL_TABLES or NOT_EXPORTED): {sorted(unaccounted)}"


def _export(client) -> tuple[dict, zipfile.ZipFile]:
    response = client.get("/account/export")
    assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
    assert response.headers["content-disposition"].startswith("attachment; filename=manabi-navi-")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return json.loads(archive.read("data.json")), archive


def test_an_employee_downloads_everything_of_theirs_in_one_zip(client_for, tmp_path, figures):
    owner, _ = client_for("owner")
    data, archive = _export(owner)
    text = json.dumps(data, ensure_ascii=False)
    for marker in (PRIVATE_NOTE, SHARED_NOTE, JOB_CARD, OLD_LOG, RECENT_LOG):
        assert marker in text, marker
    assert data["account"]["email"] == "hanako@sakura.example.jp" and "password_hash" not in text
    listed = {g["id"] for g in owner.get("/api/v1/grants").json()}
    assert listed and listed <= {g["id"] for g in data["grants_given"]}
    assert data["career_log_entries"] and data["plans"] and data["companionships"]
    assert all(row["owner_id"] == data["account"]["id"] for name in ("career_notes", "plans", "career_log_entries")
               for row in data[name])
    pdf = tmp_path / "jobcard.pdf"
    pdf.write_bytes(archive.read("jobcard.pdf"))
    assert JOB_CARD in subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    names = archive.namelist()
    plans = sorted(f"self-plan-{p['id']}.pdf" for p in data["plans"])
    notes = sorted(f"career-note-{n['version']}.pdf" for n in data["career_notes"] if n["kind"] == "generated")
    assert sorted(n for n in names if n.startswith("self-plan-")) == plans and plans
    assert sorted(n for n in names if n.startswith("career-note-")) == notes
    assert all(archive.read(n).startswith(b"%PDF") for n in names if n.endswith(".pdf"))
    figures(f"Export: an employee's ZIP holds data.json ({sum(len(v) for v in data.values() if isinstance(v, list))} records"
            f" in {len(PERSONAL_TABLES) + 1} sections) and {len(names) - 1} PDFs (Job Card, career notes, plans)")


def test_nobody_else_finds_the_owners_data_in_their_export(client_for):
    for persona in ("companion", "companion_no_grant", "hr", "admin", "other_org_employee"):
        client, _ = client_for(persona)
        data, archive = _export(client)
        text = json.dumps(data, ensure_ascii=False)
        for marker in (PRIVATE_NOTE, SHARED_NOTE, JOB_CARD, OLD_LOG, RECENT_LOG):
            assert marker not in text, (persona, marker)
        assert "jobcard.pdf" not in archive.namelist() or persona == "other_org_employee"
    companion, _ = client_for("companion")
    received, _ = _export(companion)
    # the list of what is shared with them (not the content, which is the owner's)
    active = {g["id"] for g in companion.get("/api/v1/shared").json()}
    assert active and active <= {g["id"] for g in received["grants_received"]}
    assert all(g["grantee_id"] == received["account"]["id"] for g in received["grants_received"])


def test_an_admin_exports_an_organization_without_anyones_personal_data(client_for, world):
    admin, _ = client_for("admin")
    response = admin.get(f"/admin/organizations/{world.ids['org_id']}/export")
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    data = response.json()
    assert data["organization"]["id"] == world.ids["org_id"]
    assert {m["email"] for m in data["members"]} >= {"hanako@sakura.example.jp", "hr@sakura.example.jp"}
    assert any(i["email"] == "invited@sakura.example.jp" for i in data["invitations"])
    text = response.text
    assert "token_hash" not in text and "password_hash" not in text
    for marker in (PRIVATE_NOTE, SHARED_NOTE, JOB_CARD, OLD_LOG, RECENT_LOG):
        assert marker not in text
    hr, _ = client_for("hr")
    assert hr.get(f"/admin/organizations/{world.ids['org_id']}/export").status_code == 403


# --- deletion ---------------------------------------------------------------------------------

def _db(world):
    from navigator.store.db import make_engine, make_sessionmaker

    engine = make_engine(f"sqlite:///{world.db_path}")
    return engine, make_sessionmaker(engine)()


def _count(db, model, *where) -> int:
    from sqlalchemy import func, select

    return db.scalar(select(func.count()).select_from(model).where(*where))


def test_an_employee_deletes_their_account_everything_goes_a_record_stays(app, client_for, world, figures):
    from fastapi.testclient import TestClient

    from navigator.store import models as m
    from webworld import PASSWORD

    owner, token = client_for("owner")
    me = owner.get("/api/v1/me").json()["id"]
    stolen = dict(owner.cookies)
    companion, _ = client_for("companion")
    shared = [g["id"] for g in companion.get("/api/v1/shared").json()]
    assert shared
    response = owner.post("/account/delete", data={"csrf_token": token, "password": PASSWORD, "confirm": "1"})
    assert response.status_code == 303

    engine, db = _db(world)
    try:
        for model in (m.CareerLogEntry, m.CareerNote, m.Plan, m.JobCard, m.Companionship, m.Meeting, m.AgreedAction):
            assert _count(db, model, model.owner_id == me) == 0, model.__tablename__
        assert _count(db, m.Grant, m.Grant.owner_id == me) == 0
        assert _count(db, m.AuditEvent, m.AuditEvent.owner_id == me) == 0
        assert _count(db, m.UserSession, m.UserSession.user_id == me) == 0
        assert db.get(m.User, me) is None
        records = list(db.scalars(__import__("sqlalchemy").select(m.DeletionRecord)))
        assert [(r.kind, r.subject_id) for r in records] == [("account", me)]
        assert not any(isinstance(v, str) and "@" in v for r in records for v in vars(r).values())
    finally:
        db.close()
        engine.dispose()
    # the companion's access ended with it; the old session is gone too
    for grant in shared:
        assert companion.get(f"/api/v1/shared/{grant}").status_code == 404
    assert TestClient(app, cookies=stolen).get("/api/v1/me").status_code == 401
    figures("Account deletion: every record of the person gone, grants revoked, sessions ended, a content-free deletion record kept")


def test_an_admin_deletes_an_organization_with_everyone_in_it(client_for, world, figures):
    from sqlalchemy import select

    from navigator.store import models as m

    admin, token = client_for("admin")
    org = world.ids["org_b_id"]  # みらいキャリア相談室: its companion reads the owner's shared note
    wrong = admin.post(f"/admin/organizations/{org}/delete", data={"csrf_token": token, "confirm_name": "違う名前"})
    assert wrong.status_code == 422 and "「確認のための組織名」が組織名と一致しません。" in wrong.text
    engine, db = _db(world)
    name = db.get(m.Organization, org).name
    members = list(db.scalars(select(m.User.id).where(m.User.org_id == org)))
    owner_id = db.scalar(select(m.User.id).where(m.User.email == "hanako@sakura.example.jp"))
    reads_before = _count(db, m.AuditEvent, m.AuditEvent.owner_id == owner_id)
    db.close()
    engine.dispose()
    companion, _ = client_for("companion")
    companion.get(f"/shared/{world.ids['note_grant_id']}")  # one more read for the owner's audit log

    response = admin.post(f"/admin/organizations/{org}/delete", data={"csrf_token": token, "confirm_name": name})
    assert response.status_code == 303 and response.headers["location"] == "/admin"
    engine, db = _db(world)
    try:
        assert db.get(m.Organization, org) is None
        assert _count(db, m.User, m.User.id.in_(members)) == 0
        assert _count(db, m.Invitation, m.Invitation.org_id == org) == 0
        assert _count(db, m.EmployerCaseRecord, m.EmployerCaseRecord.org_id == org) == 0
        kinds = sorted((r.kind, r.subject_id) for r in db.scalars(select(m.DeletionRecord)))
        assert ("organization", org) in kinds and len(kinds) == len(members) + 1
        # the other organization's employee keeps the record that her note was read, reader unnamed
        assert _count(db, m.AuditEvent, m.AuditEvent.owner_id == owner_id) == reads_before + 1
    finally:
        db.close()
        engine.dispose()
    assert companion.get("/api/v1/me").status_code == 401
    owner, _ = client_for("owner")
    assert owner.get("/api/v1/me").status_code == 200 and "<td>削除されたアカウント</td>" in owner.get("/audit").text
    figures(f"Organization deletion: {len(members)} accounts and their records deleted in one transaction; others' audit logs kept")
