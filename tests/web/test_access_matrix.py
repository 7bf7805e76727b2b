"""The authorization matrix: every route of the app × every kind of person → expected status.

The routes come from the app's own route table, so a route added without a rule in
navigator/web/access.py (or without a sample request below) fails here. The expected status is
derived from the rule, never written per cell:

  public route                      → the route's normal answer
  anonymous                         → 303 to /login (pages) or 401 (API)
  role not in the rule              → 403
  scope "own", not the owner        → 404 (the store does not tell others that it exists)
  scope "grant", not active grantee → 404
  otherwise                         → the route's normal answer

Every answer to anyone but the owner is also searched for the owner's private markers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pytest
from fastapi.testclient import TestClient

from navigator.web.access import RULES, Rule, rule_for
from navigator.web.app import create_app
from navigator.web.routes import route_table
from navigator.settings import Settings

from webworld import JOB_CARD, OLD_LOG, PASSWORD, PRIVATE_NOTE, PROFILE_MARKERS, RECENT_LOG, SHARED_NOTE, World, copy_db


ROUTES = route_table(
    create_app(Settings(database_url="sqlite://", secret_key="collect-only"), run_migrations=False)
)


@dataclass(frozen=True)
class Sample:
    """How to call a route, and what it answers when the caller may use it."""

    ok: int = 200
    data: Callable[[World], dict] | None = None
    json: bool = False
    url: str | None = None  # when the path template is not enough (the static mount)
    # For routes open to a role, what an *other* person of that role gets when the sample names
    # the owner's object in its form (e.g. sharing someone else's note): a form error.
    ok_for_others: int | None = None


def _grant_form(w: World) -> dict:
    return {"grantee_id": w.ids["ken_id"], "kind": "note", "note_id": w.ids["private_note_id"]}


SAMPLES: dict[tuple[str, str], Sample] = {
    ("GET", "/static"): Sample(url="/static/style.css"),
    ("POST", "/login"): Sample(303, lambda w: {"email": "hanako@sakura.example.jp", "password": PASSWORD}),
    ("POST", "/invite/{token}"): Sample(
        303, lambda w: {"display_name": "新人", "password": "new-password-1", "password_again": "new-password-1"}
    ),
    ("POST", "/logout"): Sample(303),
    ("POST", "/account/password"): Sample(
        303,
        lambda w: {"current_password": PASSWORD, "new_password": "changed-pass-1", "new_password_again": "changed-pass-1"},
    ),
    ("POST", "/log"): Sample(303, lambda w: {"occurred_on": "2026-04-15", "event": "記録", "emotion": "充実"}),
    ("POST", "/log/{entry_id}"): Sample(
        303, lambda w: {"occurred_on": "2026-04-14", "event": "直した記録", "emotion": "安心", "intensity": "1"}
    ),
    ("POST", "/log/{entry_id}/delete"): Sample(303),
    ("POST", "/notes"): Sample(303, lambda w: {"title": "題", "body": "本文"}),
    ("POST", "/notes/generate"): Sample(303, lambda w: {"period": "all"}),
    ("POST", "/notes/{note_id}/corrections"): Sample(303, lambda w: {"aspiration": "自分の言葉のありたい姿"}),
    # no NAVIGATOR_LLM_URL in the test world: the answer is a form error naming the setting
    ("POST", "/prompts/{prompt_id}/ask"): Sample(422, lambda w: {"text": "質問"}),
    ("POST", "/plans"): Sample(303, lambda w: {"title": "題", "body": "内容", "target_on": ""}),
    ("POST", "/plans/{plan_id}"): Sample(303, lambda w: {"title": "題", "hours_per_week": "2.5"}),
    ("POST", "/plans/{plan_id}/steps"): Sample(303, lambda w: {"step_title": "ステップ", "step_due_on": "2026-05-01"}),
    ("POST", "/plans/{plan_id}/steps/{step_id}"): Sample(303, lambda w: {"done": "on"}),
    ("POST", "/teams"): Sample(303, lambda w: {"name": "新しいチーム"}),
    ("POST", "/teams/{team_id}/join"): Sample(303),
    ("POST", "/teams/{team_id}/leave"): Sample(303),
    ("POST", "/companions"): Sample(303, lambda w: {"companion_id": w.ids["saori_id"], "stage": "管理職になった"}),
    ("POST", "/companionships/{companionship_id}/end"): Sample(303, lambda w: {"reason": "部署が変わった"}),
    ("POST", "/companionships/{companionship_id}/meetings"): Sample(
        303, lambda w: {"held_on": "2026-04-15", "summary": "話したこと"}
    ),
    ("POST", "/companionships/{companionship_id}/actions"): Sample(303, lambda w: {"title": "行動"}),
    ("POST", "/companionships/{companionship_id}/actions/{action_id}"): Sample(303, lambda w: {"status": "done"}),
    ("POST", "/companion/profile"): Sample(
        303,
        lambda w: {"role_title": "係長", "styles": "mentor", "experience": "経験", "themes": "テーマ", "availability": "月1回", "accepting": "on"},
    ),
    ("POST", "/account/delete"): Sample(303, lambda w: {"password": PASSWORD, "confirm": "on"}),
    ("POST", "/jobcard"): Sample(303, lambda w: {"values_and_interests": "a", "desired_work": "b", "skills_to_develop": "c"}),
    ("POST", "/sharing"): Sample(303, _grant_form, ok_for_others=422),
    ("POST", "/sharing/{grant_id}/revoke"): Sample(303),
    ("POST", "/invitations"): Sample(200, lambda w: {"email": "new-person@example.jp", "roles": "employee"}),
    ("POST", "/admin/organizations"): Sample(303, lambda w: {"name": "新しい組織"}),
    ("POST", "/admin/organizations/{org_id}/delete"): Sample(303, lambda w: {"confirm_name": "さくら精機株式会社（デモ）"}),
    ("POST", "/api/v1/grants/{grant_id}/revoke"): Sample(200, json=True),
    ("POST", "/hr/plan/answers"): Sample(303, lambda w: {"q:employer.name": "回答"}),
    ("POST", "/hr/plan/facts"): Sample(303, lambda w: {"part": "application", "text": "submitted_on: 2015-08-31"}),
    ("POST", "/hr/plan/demo"): Sample(303),
    ("POST", "/hr/plan/program"): Sample(303, lambda w: {"program": "jinzai.ikusei"}),
    ("POST", "/hr/plan/trainees"): Sample(303, lambda w: {
        "program": "jinzai.ikusei", "t:worker.id": "E9", "t:worker.name": "山田 花子", "t:course.name": "研修",
        "t:course.training_type": "人材育成訓練", "t:course.start_date": "2027-02-01"}),
    # the world's case has no row of this course: a Japanese refusal, nothing changed
    ("POST", "/hr/plan/trainees/delete"): Sample(422, lambda w: {"program": "jinzai.ikusei", "row": "0"}),
    ("POST", "/hr/plan/trainees/import"): Sample(422, lambda w: {"program": "jinzai.ikusei"}),
    ("GET", "/hr/plan/trainees.csv"): Sample(url="/hr/plan/trainees.csv?program=jinzai.ikusei"),
    ("POST", "/api/v1/employer/evaluate"): Sample(200, json=True),
    ("POST", "/api/v1/employer/next-questions"): Sample(200, json=True),
    ("POST", "/api/v1/worker/benefit"): Sample(200, json=True),
    ("POST", "/match"): Sample(200, lambda w: {"note": "残業が多く勉強の時間がない"}),
    ("POST", "/api/v1/match"): Sample(200, lambda w: {"note": "残業が多く勉強の時間がない", "limit": 3}, json=True),
    ("POST", "/api/v1/worker/next-questions"): Sample(200, json=True),
    ("POST", "/benefits"): Sample(303, lambda w: {"insured_now": "true", "insured_since": "2018-04-01"}),
    ("POST", "/benefits/answer"): Sample(303, lambda w: {"benefits_before": "false"}),
    ("POST", "/benefits/delete"): Sample(303),
    ("POST", "/courses/{course_id}/plan"): Sample(303, lambda w: {"start_date": "2027-04-01"}),
    ("POST", "/courses/{course_id}/to-plan"): Sample(303),
    ("PUT", "/api/v1/profile"): Sample(200, lambda w: {"insured_now": True, "insured_since": "2018-04-01"}, json=True),
    ("DELETE", "/api/v1/profile"): Sample(200, json=True),
}

OWNER_ONLY_MARKERS = (PRIVATE_NOTE, JOB_CARD, OLD_LOG, *PROFILE_MARKERS)
SHARED_MARKERS = (SHARED_NOTE, RECENT_LOG)


# Who may reach an object named in the path, by the rule's scope (every other persona gets 404).
# In the world: the owner (山田 花子) chose the companion (佐藤 健); she is in the demo team, and
# companion_no_grant (鈴木 一郎) is an employee of the same organization who is not.
SCOPE_ALLOWED = {
    "own": {"owner"},
    "grant": {"companion"},
    "companionship": {"owner", "companion"},
    "team": {"owner"},
    "team_org": {"owner", "companion_no_grant"},
}


def expected_status(rule: Rule, persona, path: str, sample: Sample) -> int:
    if rule.audience == "public":
        return sample.ok
    if persona.email is None:
        return 401 if path.startswith("/api/") else 303
    if rule.audience == "roles":
        roles = set(persona.roles)
        if roles & {"hr", "admin"}:
            roles -= {"employee", "companion"}
        if not roles & rule.roles:
            return 403
    is_owner = persona.name == "owner"
    if rule.scope in SCOPE_ALLOWED and persona.name not in SCOPE_ALLOWED[rule.scope]:
        return 404
    if sample.ok_for_others is not None and not is_owner:
        return sample.ok_for_others
    return sample.ok


def path_for(path: str, persona, world: World, sample: Sample) -> str:
    if sample.url:
        return sample.url
    values = {
        # corrections and the PDF are of a generated note; the other note routes take the shared one
        "note_id": world.ids["generated_note_id" if path.endswith(("/corrections", "/pdf")) else "note_id"],
        "entry_id": world.ids["entry_id"],
        "step_id": world.ids["step_id"],
        "companionship_id": world.ids["companionship_id"],
        "action_id": world.ids["action_id"],
        "team_id": world.ids["team_id"],
        "prompt_id": "weekly-summary",
        "plan_id": world.ids["plan_id"],
        "grant_id": persona.grant_id,
        "org_id": world.ids["org_id"],
        "token": world.invitation_token,
        "doc_id": "kigyounai-01",
        "course_id": "course.1310264-2210011-9",
    }
    return path.format(**values)


def call(app, world: World, persona, method: str, path: str, sample: Sample):
    client = TestClient(app, follow_redirects=False, cookies=persona.cookies)
    url = path_for(path, persona, world, sample)
    if method == "GET":
        return client.get(url)
    if sample.json:
        return client.request(method, url, json=sample.data(world) if sample.data else {})
    data = dict(sample.data(world)) if sample.data else {}
    data["csrf_token"] = persona.csrf
    return client.post(url, data=data)


@pytest.fixture(scope="module")
def read_only_app(template_world, tmp_path_factory):
    # GET requests change nothing but the audit log, so they share one copy of the world
    # (a copy: the template itself must stay as built for the other tests).
    db = copy_db(template_world, tmp_path_factory.mktemp("matrix") / "reads.db")
    return create_app(template_world.settings(db), run_migrations=False)


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=[f"{m} {p}" for m, p in ROUTES])
def test_route_matrix(method, path, template_world: World, read_only_app, tmp_path):
    rule = rule_for(method, path)
    assert rule is not None, f"{method} {path} has no rule in navigator/web/access.py RULES"
    sample = SAMPLES.get((method, path), Sample())
    if method != "GET":
        assert (method, path) in SAMPLES, f"{method} {path}: add a sample request to SAMPLES in this test"

    mismatches = []
    for persona in template_world.personas.values():
        if method == "GET":
            app = read_only_app
        else:  # each state-changing call gets a fresh copy of the world
            db = copy_db(template_world, tmp_path / f"{persona.name}.db")
            app = create_app(template_world.settings(db), run_migrations=False)
        response = call(app, template_world, persona, method, path, sample)
        want = expected_status(rule, persona, path, sample)
        if response.status_code != want:
            mismatches.append(f"{persona.name}: got {response.status_code}, expected {want}: {response.text[:200]}")
        if want == 303 and persona.email is None and rule.audience != "public":
            assert response.headers["location"].startswith("/login?next="), persona.name
        if response.status_code >= 500:
            mismatches.append(f"{persona.name}: server error")
        body = response.text
        if persona.name != "owner":
            leaked = [m for m in OWNER_ONLY_MARKERS if m in body]
            if persona.name != "companion":
                leaked += [m for m in SHARED_MARKERS if m in body]
            if leaked:
                mismatches.append(f"{persona.name}: LEAKED {leaked}")
        if response.status_code in (403, 404) and not path.startswith("/api/"):
            assert "Traceback" not in body and 'lang="ja"' in body
    assert not mismatches, f"{method} {path}:\n" + "\n".join(mismatches)


def test_every_rule_names_a_real_route():
    """A stale rule (route renamed or removed) would hide a typo in the table."""
    assert set(RULES) - set(ROUTES) == set()


def test_a_route_without_rule_is_refused_at_run_time(template_world: World, tmp_path):
    app = create_app(template_world.settings(copy_db(template_world, tmp_path / "w.db")), run_migrations=False)

    @app.get("/api/v1/no-rule-yet")
    def no_rule_yet():
        return {"secret": "should not be served"}

    owner = template_world.personas["owner"]
    client = TestClient(app, cookies=owner.cookies)
    response = client.get("/api/v1/no-rule-yet")
    assert response.status_code == 403
    assert "should not be served" not in response.text
    assert ("GET", "/api/v1/no-rule-yet") in route_table(app)
    assert rule_for("GET", "/api/v1/no-rule-yet") is None  # so test_route_matrix would fail for it


# The employee's own documents as PDF: pinned here, not only derived from the rules, so that a rule
# loosened by mistake fails even if the store would still answer with a refusal page.
PERSONAL_PDFS = ("/notes/{note_id}/pdf", "/plans/{plan_id}/pdf", "/companionships/{companionship_id}/sheet/pdf")


@pytest.mark.parametrize("path", PERSONAL_PDFS)
def test_personal_pdfs_reach_neither_hr_nor_a_companion_without_grant(path, template_world: World, read_only_app):
    for name in ("hr", "admin", "other_org_hr", "companion_no_grant", "companion_revoked", "other_org_employee"):
        response = call(read_only_app, template_world, template_world.personas[name], "GET", path, Sample())
        assert response.status_code in (403, 404), (name, response.status_code)
        assert response.headers["content-type"] != "application/pdf", name
    owner = call(read_only_app, template_world, template_world.personas["owner"], "GET", path, Sample())
    assert owner.status_code == 200 and owner.headers["content-type"] == "application/pdf"
    companion = call(read_only_app, template_world, template_world.personas["companion"], "GET", path, Sample())
    want = 200 if "companionships" in path else 403  # the companion of the companionship: the sheet only
    assert companion.status_code == want
