"""Who may call which route: one table, enforced for every route by one app-wide dependency.

A route with no entry here is refused (403) at run time and fails the authorization-matrix test
(tests/web/test_access_matrix.py), so a new router cannot go live unnoticed: add a line below
(for example `("POST", "/api/v1/employer/evaluate"): STAFF,`), and for a POST route also a sample
request in that test's SAMPLES.

The role check happens here; *which object* someone may see (their own, or one granted to
them) is decided in the store (navigator.store.personal / sharing). `scope` documents that second
layer so that the matrix test can tell what to expect from it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from navigator.web.auth import current_viewer
from navigator.web.deps import get_db
from navigator.web.routes import matched_path

log = logging.getLogger(__name__)

Audience = Literal["public", "signed_in", "roles"]
# own:   path ids name the viewer's own objects; anyone else gets 404 from the store.
# grant: path ids name a grant; only its grantee, while it is active, gets anything (else 404).
# org:   admin pages about an organization.
# companionship: path ids name a companionship; its employee, or its companion while the
#        companionship's grant is active, gets it; anyone else gets 404.
# team:  path ids name a team; its members get it; anyone else gets 404.
# team_org: path ids name a team; any employee of its organization gets it (to join).
Scope = Literal[None, "own", "grant", "org", "companionship", "team", "team_org"]


@dataclass(frozen=True)
class Rule:
    audience: Audience
    roles: frozenset[str] = frozenset()
    scope: Scope = None


PUBLIC = Rule("public")
SIGNED_IN = Rule("signed_in")


def roles(*names: str, scope: Scope = None) -> Rule:
    return Rule("roles", frozenset(names), scope)


EMPLOYEE = roles("employee")
EMPLOYEE_OWN = roles("employee", scope="own")
COMPANION = roles("companion")
COMPANION_GRANT = roles("companion", scope="grant")
HR = roles("hr")
STAFF = roles("hr", "admin")
ADMIN = roles("admin")
ADMIN_ORG = roles("admin", scope="org")
PAIR = roles("employee", "companion", scope="companionship")
TEAM = roles("employee", scope="team")

RULES: dict[tuple[str, str], Rule] = {
    # shell, accounts
    ("GET", "/"): PUBLIC,
    ("GET", "/healthz"): PUBLIC,
    ("GET", "/static"): PUBLIC,
    ("GET", "/login"): PUBLIC,
    ("POST", "/login"): PUBLIC,
    ("GET", "/invite/{token}"): PUBLIC,
    ("POST", "/invite/{token}"): PUBLIC,
    ("POST", "/logout"): SIGNED_IN,
    ("GET", "/home"): SIGNED_IN,
    ("GET", "/account/password"): SIGNED_IN,
    ("POST", "/account/password"): SIGNED_IN,
    ("GET", "/account/delete"): SIGNED_IN,
    ("POST", "/account/delete"): SIGNED_IN,
    # employee: own data
    ("GET", "/log"): EMPLOYEE,
    ("POST", "/log"): EMPLOYEE,
    ("GET", "/log/reminder.ics"): EMPLOYEE,
    ("GET", "/log/{entry_id}/edit"): EMPLOYEE_OWN,
    ("POST", "/log/{entry_id}"): EMPLOYEE_OWN,
    ("POST", "/log/{entry_id}/delete"): EMPLOYEE_OWN,
    ("GET", "/notes"): EMPLOYEE,
    ("POST", "/notes"): EMPLOYEE,
    ("POST", "/notes/generate"): EMPLOYEE,
    ("GET", "/notes/{note_id}"): EMPLOYEE_OWN,
    ("POST", "/notes/{note_id}/corrections"): EMPLOYEE_OWN,
    ("GET", "/notes/{note_id}/pdf"): EMPLOYEE_OWN,
    ("GET", "/prompts"): EMPLOYEE,
    ("GET", "/prompts/{prompt_id}"): EMPLOYEE,
    ("POST", "/prompts/{prompt_id}/ask"): EMPLOYEE,
    ("GET", "/plans"): EMPLOYEE,
    ("POST", "/plans"): EMPLOYEE,
    ("GET", "/plans/{plan_id}"): EMPLOYEE_OWN,
    ("POST", "/plans/{plan_id}"): EMPLOYEE_OWN,
    ("POST", "/plans/{plan_id}/steps"): EMPLOYEE_OWN,
    ("POST", "/plans/{plan_id}/steps/{step_id}"): EMPLOYEE_OWN,
    ("GET", "/plans/{plan_id}/pdf"): EMPLOYEE_OWN,
    ("GET", "/plans/{plan_id}/calendar.ics"): EMPLOYEE_OWN,
    # employee: the 雇用保険 profile (never shared) and the benefit check of a course
    ("GET", "/benefits"): EMPLOYEE,
    ("POST", "/benefits"): EMPLOYEE,
    ("POST", "/benefits/answer"): EMPLOYEE,
    ("POST", "/benefits/delete"): EMPLOYEE,
    ("POST", "/courses/{course_id}/plan"): EMPLOYEE,
    ("POST", "/courses/{course_id}/to-plan"): EMPLOYEE,
    ("GET", "/courses/{course_id}/facts.yaml"): EMPLOYEE,
    # employee: keeping the log together (members see who logged today, never what)
    ("GET", "/teams"): EMPLOYEE,
    ("POST", "/teams"): EMPLOYEE,
    ("GET", "/teams/{team_id}"): TEAM,
    ("POST", "/teams/{team_id}/join"): roles("employee", scope="team_org"),
    ("POST", "/teams/{team_id}/leave"): TEAM,
    # employee: choosing a companion and ending it at a new stage
    ("GET", "/companions"): EMPLOYEE,
    ("POST", "/companions"): EMPLOYEE,
    ("POST", "/companionships/{companionship_id}/end"): roles("employee", scope="own"),
    ("GET", "/jobcard"): EMPLOYEE,
    ("POST", "/jobcard"): EMPLOYEE,
    ("GET", "/jobcard/pdf"): EMPLOYEE,
    ("GET", "/sharing"): EMPLOYEE,
    ("POST", "/sharing"): EMPLOYEE,
    ("POST", "/sharing/{grant_id}/revoke"): EMPLOYEE_OWN,
    ("GET", "/audit"): EMPLOYEE,
    # companion: what was shared with them, their profile
    ("GET", "/companion"): COMPANION,
    ("GET", "/shared/{grant_id}"): COMPANION_GRANT,
    ("GET", "/companion/profile"): COMPANION,
    ("POST", "/companion/profile"): COMPANION,
    # both sides of a companionship: meeting records, agreed actions, the meeting sheet
    ("GET", "/companionships/{companionship_id}"): PAIR,
    ("POST", "/companionships/{companionship_id}/meetings"): PAIR,
    ("POST", "/companionships/{companionship_id}/actions"): PAIR,
    ("POST", "/companionships/{companionship_id}/actions/{action_id}"): PAIR,
    ("GET", "/companionships/{companionship_id}/sheet"): PAIR,
    ("GET", "/companionships/{companionship_id}/sheet/pdf"): PAIR,
    # HR and admin
    ("GET", "/hr"): HR,
    # plan builder: the organization's own company case and its documents (store scopes by org)
    ("GET", "/hr/plan"): STAFF,
    ("POST", "/hr/plan/program"): STAFF,
    ("POST", "/hr/plan/answers"): STAFF,
    ("POST", "/hr/plan/facts"): STAFF,
    ("POST", "/hr/plan/demo"): STAFF,
    ("POST", "/hr/plan/trainees"): STAFF,
    ("POST", "/hr/plan/trainees/delete"): STAFF,
    ("POST", "/hr/plan/trainees/import"): STAFF,
    ("GET", "/hr/plan/trainees.csv"): STAFF,
    ("GET", "/hr/plan/deadlines.ics"): STAFF,
    ("GET", "/hr/plan/documents/{doc_id}"): STAFF,
    ("GET", "/hr/plan/documents/{doc_id}/pdf"): STAFF,
    ("GET", "/hr/plan/package.zip"): STAFF,
    ("GET", "/invitations"): STAFF,
    ("POST", "/invitations"): STAFF,
    ("GET", "/admin"): ADMIN,
    ("POST", "/admin/organizations"): ADMIN,
    ("GET", "/admin/organizations/{org_id}"): ADMIN_ORG,
    # data ownership: a person's own export; an organization's export by an admin
    ("GET", "/account/export"): SIGNED_IN,
    ("GET", "/admin/organizations/{org_id}/export"): ADMIN_ORG,
    ("POST", "/admin/organizations/{org_id}/delete"): ADMIN_ORG,
    # JSON API
    ("GET", "/api/v1/openapi.json"): PUBLIC,
    ("GET", "/api/v1/me"): SIGNED_IN,
    ("GET", "/api/v1/log"): EMPLOYEE,
    ("GET", "/api/v1/notes"): EMPLOYEE,
    ("GET", "/api/v1/notes/{note_id}"): EMPLOYEE_OWN,
    ("GET", "/api/v1/plans"): EMPLOYEE,
    ("GET", "/api/v1/grants"): EMPLOYEE,
    ("POST", "/api/v1/grants/{grant_id}/revoke"): EMPLOYEE_OWN,
    ("GET", "/api/v1/audit"): EMPLOYEE,
    ("GET", "/api/v1/shared"): COMPANION,
    ("GET", "/api/v1/shared/{grant_id}"): COMPANION_GRANT,
    ("GET", "/api/v1/hr/usage"): HR,
    # rules engine: public rule list; calculators that store nothing, for anyone signed in
    ("GET", "/api/v1/rules"): PUBLIC,
    ("POST", "/api/v1/employer/evaluate"): SIGNED_IN,
    ("POST", "/api/v1/employer/next-questions"): SIGNED_IN,
    ("POST", "/api/v1/worker/benefit"): SIGNED_IN,
    ("POST", "/api/v1/worker/next-questions"): SIGNED_IN,
    # the catalog of courses and programs: the same for everyone signed in (「あなたの場合」 only
    # from an employee's own profile)
    ("GET", "/courses"): SIGNED_IN,
    ("GET", "/courses/{course_id}"): SIGNED_IN,
    ("GET", "/api/v1/courses"): SIGNED_IN,
    ("GET", "/api/v1/courses/{course_id}/benefit"): EMPLOYEE,
    ("GET", "/api/v1/profile"): EMPLOYEE,
    ("PUT", "/api/v1/profile"): EMPLOYEE,
    ("DELETE", "/api/v1/profile"): EMPLOYEE,
    # matching: a note in, programs out; nothing stored
    ("GET", "/match"): SIGNED_IN,
    ("POST", "/match"): SIGNED_IN,
    ("POST", "/api/v1/match"): SIGNED_IN,
}


def rule_for(method: str, path: str) -> Rule | None:
    return RULES.get(("GET" if method == "HEAD" else method, path))


class SignInRequired(Exception):
    pass


class RoleForbidden(Exception):
    pass


class NoAccessRule(Exception):
    pass


def enforce_access(request: Request, db: Session = Depends(get_db)) -> None:
    path = matched_path(request.app, request.scope.get("route"), request.method) or request.url.path
    rule = rule_for(request.method, path)
    viewer = current_viewer(request, db)
    if rule is None:
        log.error("no access rule for %s %s: refused; add one to navigator/web/access.py", request.method, path)
        raise NoAccessRule(f"{request.method} {path}")
    if rule.audience == "public":
        return
    if viewer is None:
        raise SignInRequired()
    if rule.audience == "roles":
        allowed = viewer.roles & rule.roles
        # Staff roles veto personal ones, as in the store (Viewer.require).
        if viewer.is_staff:
            allowed -= {"employee", "companion"}
        if not allowed:
            raise RoleForbidden(f"{request.method} {path}")
