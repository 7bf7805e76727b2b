"""Security through the HTTP surface: session ids, CSRF on every state-changing route (from the
route table), sign-in rate limiting, cookie flags, security headers and CSP, secrets."""

from __future__ import annotations

import re
import stat

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from navigator import PROJECT_ROOT
from navigator.store.db import make_engine, make_sessionmaker
from navigator.store.models import UserSession
from navigator.web.access import rule_for
from navigator.web.app import create_app
from navigator.web.routes import route_table
from navigator.settings import Settings
from test_access_matrix import SAMPLES, Sample, path_for
from webworld import PASSWORD, csrf_from, sign_in

CSRF_MESSAGE = "フォームの有効期限が切れたか、正しくない送信です。"


def _session_rows(world) -> int:
    engine = make_engine(f"sqlite:///{world.db_path}")
    with make_sessionmaker(engine)() as db:
        n = db.scalar(select(func.count()).select_from(UserSession))
    engine.dispose()
    return n


# --- sessions -------------------------------------------------------------------------------


def test_sign_in_gives_a_new_session_and_a_planted_cookie_stays_anonymous(app):
    """Session fixation: whatever cookie a victim had before signing in is worth nothing after."""
    victim = TestClient(app, follow_redirects=False)
    token = csrf_from(victim.get("/login").text)
    planted = victim.cookies.get("navigator_session")
    assert planted
    response = victim.post("/login", data={"email": "hanako@sakura.example.jp", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 303
    after = victim.cookies.get("navigator_session")
    assert after != planted
    attacker = TestClient(app, follow_redirects=False, cookies={"navigator_session": planted})
    assert attacker.get("/home").status_code == 303  # to sign-in: the planted cookie is anonymous
    assert attacker.get("/api/v1/me").status_code == 401
    # the CSRF token of the anonymous session does not carry over either
    assert victim.post("/notes", data={"title": "t", "body": "b", "csrf_token": token}).status_code == 403


def test_each_sign_in_is_a_new_server_side_session(app, world):
    before = _session_rows(world)
    one, two = TestClient(app, follow_redirects=False), TestClient(app, follow_redirects=False)
    sign_in(one, "hanako@sakura.example.jp")
    sign_in(two, "hanako@sakura.example.jp")
    assert _session_rows(world) == before + 2
    assert one.cookies.get("navigator_session") != two.cookies.get("navigator_session")


def test_a_copied_cookie_stops_working_at_sign_out(app, world):
    client = TestClient(app, follow_redirects=False)
    token = sign_in(client, "ken@mirai.example.jp")
    stolen = dict(client.cookies)
    assert client.post("/logout", data={"csrf_token": token}).status_code == 303
    replay = TestClient(app, follow_redirects=False, cookies=stolen)
    assert replay.get("/api/v1/me").status_code == 401
    assert replay.get(f"/shared/{world.ids['note_grant_id']}").status_code == 303


def test_password_change_deletes_the_other_sessions(app, client_for, world):
    first, token = client_for("owner")
    second, _ = client_for("owner")
    other_device = TestClient(app, follow_redirects=False)
    sign_in(other_device, "hanako@sakura.example.jp")
    response = first.post("/account/password", data={
        "csrf_token": token, "current_password": PASSWORD,
        "new_password": "another-pass-9", "new_password_again": "another-pass-9"})
    assert response.status_code == 303
    assert first.get("/api/v1/me").status_code == 200
    assert second.get("/api/v1/me").status_code == 401
    assert other_device.get("/api/v1/me").status_code == 401


def test_session_cookie_flags(world, tmp_path):
    for secure in (False, True):
        settings = world.settings()
        settings.secure_cookies = secure
        app = create_app(settings, run_migrations=False)
        client = TestClient(app, base_url="https://testserver" if secure else "http://testserver")
        client.get("/login")
        cookie = client.get("/login").headers.get("set-cookie") or _first_set_cookie(app, secure)
        assert cookie.startswith("navigator_session=")
        flags = {part.strip().lower() for part in cookie.split(";")}
        assert "httponly" in flags and "samesite=lax" in flags and "path=/" in flags
        assert ("secure" in flags) == secure
        assert any(f.startswith("max-age=") for f in flags)


def _first_set_cookie(app, secure: bool) -> str:
    client = TestClient(app, base_url="https://testserver" if secure else "http://testserver")
    return client.get("/login").headers["set-cookie"]


# --- CSRF on every state-changing route ------------------------------------------------------

STATE_CHANGING = [(m, p) for m, p in route_table(create_app(Settings(database_url="sqlite://", secret_key="x"),
                                                             run_migrations=False)) if m in ("POST", "PUT", "PATCH", "DELETE")]
PERSONA_FOR_ROLE = {"employee": "owner", "companion": "companion", "hr": "hr", "admin": "admin"}


def _persona_allowed(rule) -> str:
    if rule.audience == "public":
        return "anonymous"
    if rule.audience == "signed_in":
        return "owner"
    return PERSONA_FOR_ROLE[sorted(rule.roles)[0]]


@pytest.mark.parametrize(("method", "path"), STATE_CHANGING, ids=[f"{m} {p}" for m, p in STATE_CHANGING])
def test_every_state_changing_route_needs_the_sessions_csrf_token(method, path, app, world):
    rule = rule_for(method, path)
    persona = world.personas[_persona_allowed(rule)]
    sample = SAMPLES.get((method, path), Sample())
    url = path_for(path, persona, world, sample)
    data = dict(sample.data(world)) if sample.data else {}
    other_token = world.personas["companion_no_grant"].csrf
    for token in (None, "forged-token", other_token):
        client = TestClient(app, follow_redirects=False, cookies=persona.cookies)
        form = dict(data, **({"csrf_token": token} if token else {}))
        response = client.request(method, url, data=form)
        assert response.status_code == 403, f"{method} {url} with token {token!r}: {response.status_code}"
        assert CSRF_MESSAGE in response.text
        # a script's header is checked the same way
        response = client.request(method, url, data=data, headers={"X-CSRF-Token": token or ""})
        assert response.status_code == 403


def test_csrf_covers_every_state_changing_route(figures):
    assert len(STATE_CHANGING) >= 10
    figures(f"CSRF: {len(STATE_CHANGING)} state-changing routes refuse a missing, forged or foreign token")


# --- sign-in rate limiting -------------------------------------------------------------------


def _login(client, email, password):
    token = csrf_from(client.get("/login").text)
    return client.post("/login", data={"email": email, "password": password, "csrf_token": token})


def test_sign_in_is_refused_after_too_many_failures_for_one_account(world):
    settings = world.settings()
    settings.login_failures_per_account = 3
    app = create_app(settings, run_migrations=False)
    client = TestClient(app, follow_redirects=False)
    for _ in range(3):
        assert _login(client, "hanako@sakura.example.jp", "wrong-password").status_code == 422
    refused = _login(client, "hanako@sakura.example.jp", PASSWORD)  # even the right password
    assert refused.status_code == 429
    assert "このアカウントへのサインインに続けて失敗したため、しばらくサインインできません。15分ほど待ってから" in refused.text
    # an email without an account is limited the same way (the answer tells nothing)
    for _ in range(3):
        _login(client, "nobody@example.jp", "x-wrong-password")
    assert _login(client, "nobody@example.jp", "x-wrong-password").status_code == 429
    # another account is not affected
    assert _login(client, "ken@mirai.example.jp", PASSWORD).status_code == 303


def test_sign_in_is_refused_after_too_many_failures_from_one_address(world):
    settings = world.settings()
    settings.login_failures_per_account, settings.login_failures_per_address = 100, 4
    app = create_app(settings, run_migrations=False)
    client = TestClient(app, follow_redirects=False)
    for n in range(4):
        assert _login(client, f"guess{n}@example.jp", "wrong-password").status_code == 422
    refused = _login(client, "ken@mirai.example.jp", PASSWORD)
    assert refused.status_code == 429 and "この接続元からのサインインの失敗が多いため" in refused.text


def test_a_successful_sign_in_clears_the_accounts_failures(world):
    settings = world.settings()
    settings.login_failures_per_account = 3
    app = create_app(settings, run_migrations=False)
    client = TestClient(app, follow_redirects=False)
    for _ in range(2):
        _login(client, "hanako@sakura.example.jp", "wrong-password")
    assert _login(client, "hanako@sakura.example.jp", PASSWORD).status_code == 303
    fresh = TestClient(app, follow_redirects=False)
    for _ in range(2):
        assert _login(fresh, "hanako@sakura.example.jp", "wrong-password").status_code == 422
    assert _login(fresh, "hanako@sakura.example.jp", PASSWORD).status_code == 303


# --- headers and CSP ---------------------------------------------------------------------------

EXPECTED_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "SAMEORIGIN",
}


def test_security_headers_on_pages_api_errors_and_static(client_for):
    owner, _ = client_for("owner")
    anonymous = TestClient(owner.app, follow_redirects=False)
    for client, url in ((owner, "/log"), (owner, "/api/v1/notes"), (owner, "/no/such/page"), (anonymous, "/login"),
                        (anonymous, "/api/v1/me"), (anonymous, "/static/style.css")):
        response = client.get(url)
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'self'" in csp and "object-src 'none'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        for name, value in EXPECTED_HEADERS.items():
            assert response.headers[name] == value, (url, name)
        assert "strict-transport-security" not in response.headers  # only behind TLS
        if url.startswith("/static"):
            assert response.headers.get("cache-control") != "no-store"
        else:
            assert response.headers["cache-control"] == "no-store", url


def test_hsts_behind_tls(world):
    settings = world.settings()
    settings.secure_cookies = True
    client = TestClient(create_app(settings, run_migrations=False), base_url="https://testserver")
    assert client.get("/login").headers["strict-transport-security"].startswith("max-age=")


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event handler attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_page_templates_have_no_inline_script_or_style():
    """The CSP allows only /static: anything inline in templates/web would be blocked."""
    found = []
    for template in sorted((PROJECT_ROOT / "templates" / "web").glob("*.html")):
        text = template.read_text(encoding="utf-8")
        found += [f"{template.name}: {what}" for pattern, what in INLINE if pattern.search(text)]
    assert not found, "move these to /static (the CSP blocks them):\n" + "\n".join(found)


def test_every_page_served_has_no_inline_script_or_style(client_for, app):
    """The rendered pages too (a template may be included from code)."""
    pages = 0
    for persona in ("anonymous", "owner", "companion", "hr", "admin"):
        client, _ = client_for(persona)
        for method, path in route_table(app):
            if method != "GET" or "{" in path or path.startswith(("/api/", "/static")):
                continue
            response = client.get(path)
            if "text/html" not in response.headers.get("content-type", ""):
                continue
            pages += 1
            for pattern, what in INLINE:
                assert not pattern.search(response.text), f"{persona} {path}: {what}"
    assert pages >= 20


# --- secrets --------------------------------------------------------------------------------

SECRET_LITERAL = re.compile(r"""(secret_key|password|api_key|token)\s*=\s*["'][^"'{}]{6,}["']""", re.I)


def test_no_secret_is_written_in_the_code():
    found = []
    for path in (PROJECT_ROOT / "navigator").rglob("*.py"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if SECRET_LITERAL.search(line):
                found.append(f"{path.relative_to(PROJECT_ROOT)}:{n}: {line.strip()}")
    assert not found, "secrets belong in settings / NAVIGATOR_* environment:\n" + "\n".join(found)


def test_secret_key_from_the_environment_or_a_private_generated_file(tmp_path, monkeypatch):
    monkeypatch.setenv("NAVIGATOR_SECRET_KEY", "from-the-environment")
    assert Settings(var_dir=tmp_path).resolved_secret_key() == "from-the-environment"
    monkeypatch.delenv("NAVIGATOR_SECRET_KEY")
    generated = Settings(var_dir=tmp_path / "var").resolved_secret_key()
    path = tmp_path / "var" / "secret_key"
    assert path.read_text().strip() == generated and len(generated) >= 40
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert Settings(var_dir=tmp_path / "var").resolved_secret_key() == generated  # kept


def test_a_cookie_signed_with_another_key_is_not_accepted(world, client_for):
    owner, _ = client_for("owner")
    settings = world.settings()
    settings.secret_key = "a-different-secret-key"
    other = TestClient(create_app(settings, run_migrations=False), cookies=world.personas["owner"].cookies)
    assert owner.get("/api/v1/me").status_code == 200
    assert other.get("/api/v1/me").status_code == 401
