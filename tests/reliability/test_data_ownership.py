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
    assert len(data["grants_given"]) == 5 and data["career_log_entries"] and data["plans"]
    assert all(row["owner_id"] == data["account"]["id"] for name in ("career_notes", "plans", "career_log_entries")
               for row in data[name])
    pdf = tmp_path / "jobcard.pdf"
    pdf.write_bytes(archive.read("jobcard.pdf"))
    assert JOB_CARD in subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    figures(f"Export: an employee's ZIP holds data.json ({sum(len(v) for v in data.values() if isinstance(v, list))} records"
            f" in {len(PERSONAL_TABLES)} sections) and the Job Card PDF")


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
