"""The web foundation's CLI: `admin create` and `demo`, on a temporary var/ directory."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient

from navigator.cli import main
from navigator.store import demo
from navigator.web.app import create_app
from navigator.settings import Settings
from webworld import sign_in


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("NAVIGATOR_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("NAVIGATOR_PASSWORD_HASH_PROFILE", "CHEAPEST")
    monkeypatch.delenv("NAVIGATOR_DATABASE_URL", raising=False)
    monkeypatch.delenv("NAVIGATOR_SECRET_KEY", raising=False)
    return tmp_path / "var"


def test_admin_create_then_sign_in(env, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("first-admin-pass\n"))
    assert main(["admin", "create", "--email", "Boss@Example.jp", "--org", "本社", "--password-stdin"]) == 0
    assert "管理者 boss@example.jp（本社）を作りました。" in capsys.readouterr().out
    assert (env / "navigator.db").exists()

    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["admin", "create", "--email", "b@example.jp", "--org", "本社", "--password-stdin"]) == 2
    assert "10文字以上" in capsys.readouterr().err

    client = TestClient(create_app(Settings()), follow_redirects=False)
    sign_in(client, "boss@example.jp", "first-admin-pass")
    assert "管理者として" in client.get("/home").text


def test_demo_prints_accounts_that_work_and_runs_once(env, capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    line = next(l for l in out.splitlines() if "ken@mirai.example.jp" in l)
    password = line.split(" / ")[1].strip()
    assert (env / "demo-accounts.txt").read_text(encoding="utf-8").count("@") == len(demo.PEOPLE) == 10

    client = TestClient(create_app(Settings()), follow_redirects=False)
    sign_in(client, "ken@mirai.example.jp", password)
    shared = client.get("/api/v1/shared").json()
    labels = sorted(g["label"] for g in shared)
    assert labels[0].startswith("キャリアノート「キャリアノート 第2版（") and labels[1] == "計画「データで現場を良くする」"
    for g in shared:
        assert client.get(f"/shared/{g['id']}").status_code == 200
    consultees = client.get("/companion").text
    assert "山田 花子" in consultees and "伴走している相談者" in consultees

    assert main(["demo"]) == 0
    assert "デモはすでに作られています。" in capsys.readouterr().out
