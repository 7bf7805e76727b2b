"""Security through the HTTP surface: HR never reaches personal data, sharing and revoking,
the audit log, CSRF, sessions, invitations."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from navigator.web.routes import route_table
from webworld import (JOB_CARD, OLD_LOG, PASSWORD, PRIVATE_NOTE, PROFILE_MARKERS, RECENT_LOG, SHARED_NOTE, csrf_from,
                      sign_in)

ALL_MARKERS = (PRIVATE_NOTE, SHARED_NOTE, JOB_CARD, OLD_LOG, RECENT_LOG, *PROFILE_MARKERS)


def test_hr_and_admin_reach_no_log_note_plan_job_card_or_benefit_profile_by_any_url(app, client_for):
    """Every GET route, with every id from 1 to 12 in each path parameter."""
    for persona in ("hr", "admin", "other_org_hr"):
        client, _ = client_for(persona)
        for method, path in route_table(app):
            if method != "GET":
                continue
            for n in range(1, 13) if "{" in path else [None]:
                url = re.sub(r"\{[a-z_]+\}", str(n), path) if n else path
                response = client.get(url)
                assert response.status_code < 500, url
                leaked = [m for m in ALL_MARKERS if m in response.text]
                assert not leaked, f"{persona} saw {leaked} at {url}"


def test_hr_is_refused_personal_pages_and_api_explicitly(client_for):
    client, _ = client_for("hr")
    for url in ("/log", "/notes", "/plans", "/jobcard", "/sharing", "/audit", "/companion", "/prompts",
                "/companions", "/teams", "/log/reminder.ics", "/benefits", "/api/v1/profile",
                "/api/v1/log", "/api/v1/notes", "/api/v1/plans", "/api/v1/audit", "/api/v1/shared"):
        assert client.get(url).status_code == 403, url
    usage = client.get("/api/v1/hr/usage").json()
    # 7 employees in the demo; the world's "today" is not the clock's, so this week's count is
    # under 5 and hidden (null), never a small number
    assert usage["shown"] is True and usage["employees"] == 7
    assert all(v is None or v >= 5 for k, v in usage.items() if k not in ("shown", "employees"))


def test_cross_org_companion_reads_shared_note_and_loses_it_on_revoke(world, client_for):
    grant = world.ids["note_grant_id"]
    companion, _ = client_for("companion")
    listing = companion.get("/companion")
    assert f"/shared/{grant}" in listing.text and SHARED_NOTE not in listing.text
    page = companion.get(f"/shared/{grant}")
    assert page.status_code == 200 and SHARED_NOTE in page.text
    assert PRIVATE_NOTE not in page.text
    assert companion.get(f"/api/v1/shared/{grant}").json()["note"]["body"].endswith(SHARED_NOTE)

    owner, token = client_for("owner")
    sharing_page = owner.get("/sharing").text
    assert "佐藤 健" in sharing_page and "みらいキャリア相談室" in sharing_page  # who has access
    revoked = owner.post(f"/sharing/{grant}/revoke", data={"csrf_token": token})
    assert revoked.status_code == 303

    after = companion.get(f"/shared/{grant}")
    assert after.status_code == 404 and SHARED_NOTE not in after.text
    assert "ページが見つかりません" in after.text
    assert companion.get(f"/api/v1/shared/{grant}").status_code == 404
    assert f"/shared/{grant}" not in companion.get("/companion").text


def test_every_read_by_a_companion_is_in_the_owners_audit_log(client_for, world):
    grant = world.ids["note_grant_id"]
    owner, _ = client_for("owner")
    assert "まだ誰も読んでいません" in owner.get("/audit").text
    companion, _ = client_for("companion")
    companion.get(f"/shared/{grant}")
    companion.get(f"/api/v1/shared/{grant}")
    page = owner.get("/audit").text
    assert page.count("佐藤 健さん") == 2 and "キャリアノート「共有するノート」" in page
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d{2}", page)
    events = owner.get("/api/v1/audit").json()
    assert [e["actor"] for e in events] == ["佐藤 健", "佐藤 健"]
    # a refused read (no grant) leaves no entry
    no_grant, _ = client_for("companion_no_grant")
    assert no_grant.get(f"/shared/{grant}").status_code == 404
    assert len(owner.get("/api/v1/audit").json()) == 2


def test_sharing_a_plan_and_a_log_range_through_the_form(world, client_for):
    owner, token = client_for("owner")
    response = owner.post(
        "/sharing",
        data={"csrf_token": token, "grantee_id": world.ids["ken_id"], "kind": "log_range",
              "log_from": "2026-04-10", "log_to": "2026-04-15"},
    )
    assert response.status_code == 303
    companion, _ = client_for("companion")
    grants = companion.get("/api/v1/shared").json()
    log_grant = next(g for g in grants if g["label"] == "キャリアログ 2026年4月10日〜2026年4月15日")
    page = companion.get(f"/shared/{log_grant['id']}").text
    assert RECENT_LOG in page and OLD_LOG not in page


def test_csrf_token_is_required_on_forms(client_for, app):
    owner, token = client_for("owner")
    before = len(owner.get("/api/v1/notes").json())
    for data in ({"title": "t", "body": "b"}, {"title": "t", "body": "b", "csrf_token": "forged"}):
        response = owner.post("/notes", data=data)
        assert response.status_code == 403
        assert "フォームの有効期限が切れたか" in response.text
    assert len(owner.get("/api/v1/notes").json()) == before
    assert owner.post("/notes", data={"title": "t", "body": "b", "csrf_token": token}).status_code == 303
    # the token of another session does not work either
    other, other_token = client_for("companion_no_grant")
    assert owner.post("/notes", data={"title": "t", "body": "b", "csrf_token": other_token}).status_code == 403
    # a form-encoded post to the API needs the token too; JSON (needs a CORS preflight) does not
    grant = client_for("owner")[0].get("/api/v1/grants").json()[0]["id"]
    assert owner.post(f"/api/v1/grants/{grant}/revoke", data={}).status_code == 403
    # sign-in itself is protected (login CSRF)
    anonymous = TestClient(app, follow_redirects=False)
    anonymous.get("/login")
    assert anonymous.post("/login", data={"email": "hanako@sakura.example.jp", "password": PASSWORD}).status_code == 403


def test_validation_errors_are_japanese_name_the_field_and_keep_the_input(client_for):
    owner, token = client_for("owner")
    response = owner.post("/notes", data={"csrf_token": token, "title": "", "body": "消えてはいけない本文"})
    assert response.status_code == 422
    assert "「タイトル」を入力してください。" in response.text
    assert "消えてはいけない本文" in response.text
    response = owner.post("/log", data={"csrf_token": token, "occurred_on": "4月1日", "event": "出来事"})
    assert "「日付」は日付（例：2026-04-01）で入力してください。" in response.text
    assert "「その時の感情」を入力してください。" in response.text
    api = owner.get("/api/v1/notes/abc")
    assert api.status_code == 422 and "「キャリアノートの番号」は数字で入力してください。" in api.json()["errors"]
    page = owner.get("/notes/abc")
    assert page.status_code == 422 and "キャリアノートの番号" in page.text and "Traceback" not in page.text


def test_error_pages_are_japanese_without_stack_traces(app, client_for, monkeypatch):
    from navigator.web import access

    owner, _ = client_for("owner")
    missing = owner.get("/no/such/page")
    assert missing.status_code == 404 and "ページが見つかりません" in missing.text
    assert owner.get("/hr").status_code == 403 and "権限がありません" in owner.get("/hr").text

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internal detail")

    monkeypatch.setitem(access.RULES, ("GET", "/boom"), access.PUBLIC)
    client = TestClient(app, raise_server_exceptions=False)
    response = client.get("/boom")
    assert response.status_code == 500
    assert "サーバーで問題が起きました" in response.text
    assert "secret internal detail" not in response.text and "Traceback" not in response.text


def test_password_change_ends_other_sessions(app, client_for):
    first, token = client_for("owner")
    second, _ = client_for("owner")
    response = first.post(
        "/account/password",
        data={"csrf_token": token, "current_password": PASSWORD, "new_password": "brand-new-pass", "new_password_again": "brand-new-pass"},
    )
    assert response.status_code == 303
    assert first.get("/home").status_code == 200
    assert second.get("/home").status_code == 303  # back to sign-in
    fresh = TestClient(app, follow_redirects=False)
    sign_in(fresh, "hanako@sakura.example.jp", "brand-new-pass")


def test_sign_out_ends_the_session(client_for):
    client, token = client_for("companion")
    assert client.post("/logout", data={"csrf_token": token}).status_code == 303
    assert client.get("/companion").headers["location"] == "/login?next=/companion"


def test_sign_in_rejects_wrong_password_and_foreign_redirects(app):
    client = TestClient(app, follow_redirects=False)
    token = csrf_from(client.get("/login").text)
    wrong = client.post("/login", data={"email": "hanako@sakura.example.jp", "password": "nope", "csrf_token": token})
    assert wrong.status_code == 422 and "メールアドレスかパスワードが違います。" in wrong.text
    ok = client.post(
        "/login",
        data={"email": "hanako@sakura.example.jp", "password": PASSWORD, "csrf_token": token, "next": "//evil.example/x"},
    )
    assert ok.headers["location"] == "/home"


def test_invitation_by_hr_signs_up_a_companion_once(app, client_for):
    hr, token = client_for("hr")
    page = hr.post("/invitations", data={"csrf_token": token, "email": "new@sakura.example.jp", "roles": ["employee", "companion"]})
    assert page.status_code == 200
    link = re.search(r'value="(http://testserver/invite/[^"]+)"', page.text).group(1)
    path = link.removeprefix("http://testserver")
    # HR may not hand out the hr or admin role
    refused = hr.post("/invitations", data={"csrf_token": token, "email": "boss@sakura.example.jp", "roles": "admin"})
    assert refused.status_code == 422

    newcomer = TestClient(app, follow_redirects=False)
    form = newcomer.get(path)
    assert form.status_code == 200 and "new@sakura.example.jp" in form.text
    short = newcomer.post(path, data={"csrf_token": csrf_from(form.text), "display_name": "新人", "password": "short", "password_again": "short"})
    assert short.status_code == 422 and "「パスワード」は10文字以上で入力してください。" in short.text
    done = newcomer.post(
        path, data={"csrf_token": csrf_from(form.text), "display_name": "新人", "password": "long-enough-1", "password_again": "long-enough-1"}
    )
    assert done.status_code == 303
    me = newcomer.get("/api/v1/me").json()
    assert me["roles"] == ["companion", "employee"]
    assert TestClient(app).get(path).status_code == 404  # used once
