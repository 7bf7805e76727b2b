"""Object-level authorization: every route whose URL names an object, called by every kind of
person with the id of every such object in the database (theirs, other people's, another
organization's, revoked ones) and with ids that do not exist.

The answer must be the route's normal one only where the store says the object is the caller's
(owner, active grantee, admin for organizations); otherwise 403 when the role may not use the
route at all, and 404 when it may (the store does not tell others that an object exists). The
routes come from the app's route table: a new route with an id kind not listed in OBJECTS
fails here until it says who owns that kind of object.
"""

from __future__ import annotations

import re
from collections import Counter

from fastapi.testclient import TestClient
from sqlalchemy import select

from navigator.store import companions, personal, sharing
from navigator.store.db import make_engine, make_sessionmaker
from navigator.store.models import (
    AgreedAction,
    CareerLogEntry,
    CareerNote,
    Companionship,
    Grant,
    Organization,
    Plan,
    PlanStep,
    Team,
    User,
)
from navigator.store.viewer import Viewer
from navigator.web.access import rule_for
from navigator.web.routes import route_table
from test_access_matrix import SAMPLES, Sample

def _companion_of(obj, user, db) -> bool:
    if obj.companion_id != user.id or obj.grant_id is None:
        return False
    grant = db.get(Grant, obj.grant_id)
    return grant is not None and grant.revoked_at is None


def _team(obj, user, scope, db) -> bool:
    if scope == "team_org":
        return obj.org_id == user.org_id
    return any(m.user_id == user.id for m in obj.members)


# id kind -> (model, who may reach object `obj` as `user` on a route with `scope`)
OBJECTS = {
    "note_id": (CareerNote, lambda obj, user, scope, db: obj.owner_id == user.id),
    "plan_id": (Plan, lambda obj, user, scope, db: obj.owner_id == user.id),
    "entry_id": (CareerLogEntry, lambda obj, user, scope, db: obj.owner_id == user.id),
    # a companionship's grant is read through its companionship, not as a shared item
    "grant_id": (Grant, lambda obj, user, scope, db: obj.owner_id == user.id if scope == "own"
                 else obj.grantee_id == user.id and obj.revoked_at is None and obj.kind != "companionship"),
    "org_id": (Organization, lambda obj, user, scope, db: "admin" in user.roles),
    "companionship_id": (Companionship, lambda obj, user, scope, db: obj.owner_id == user.id
                         or (scope == "companionship" and _companion_of(obj, user, db))),
    "team_id": (Team, _team),
}
# routes that reach only some objects of their kind, even for the owner
# corrections and the PDF: generated notes only
ONLY = {"/notes/{note_id}/corrections": lambda obj: obj.generated, "/notes/{note_id}/pdf": lambda obj: obj.generated}
# deleting a whole organization removes the people this test signs in as: tested in
# test_data_ownership.py (and for roles in the authorization matrix)
SKIP_ROUTES = {("POST", "/admin/organizations/{org_id}/delete")}
# an id that only has a meaning under its parent: /plans/{plan_id}/steps/{step_id}
CHILDREN = {"step_id": (PlanStep, "plan_id"), "action_id": (AgreedAction, "companionship_id")}
# names in URLs that are not database ids: an invitation's one-time token, the plan builder's
# document names within the viewer's own organization (tests/web/test_forms_privacy.py), and
# the prompt set's file names (the same prompts for every employee), and the catalog's course ids
# (the same catalog for everyone; 「あなたの場合」 is read from the viewer's own profile)
NOT_OBJECT_IDS = {"token", "doc_id", "prompt_id", "course_id"}


def _add_other_peoples_objects(world) -> None:
    """Another organization's employee with a note and a plan, the note shared with the same
    companion as the owner's: ids of theirs sit between and after the owner's."""
    engine = make_engine(f"sqlite:///{world.db_path}")
    with make_sessionmaker(engine)() as db:
        outsider = db.scalar(select(User).where(User.email == "outsider@mirai.example.jp"))
        viewer = Viewer.of(outsider)
        note = personal.add_note(db, viewer, "社外のノート", "OUTSIDER-NOTE")
        plan = personal.add_plan(db, viewer, "社外の計画", "OUTSIDER-PLAN", None)
        personal.add_step(db, viewer, plan.id, "社外のステップ", None)
        sharing.create_grant(db, viewer, world.ids["ken_id"], "note", note_id=note.id)
        # the owner's plan step and an action agreed in her companionship
        owner = Viewer.of(db.scalar(select(User).where(User.email == "hanako@sakura.example.jp")))
        personal.add_step(db, owner, personal.list_plans(db, owner)[0].id, "自分のステップ", None)
        companionship = db.scalar(select(Companionship).where(Companionship.owner_id == owner.user_id))
        companions.add_action(db, owner, companionship.id, "合意した行動", None)
    engine.dispose()


def test_no_one_reaches_an_object_that_is_not_theirs(world, app, figures):
    _add_other_peoples_objects(world)
    engine = make_engine(f"sqlite:///{world.db_path}")
    db = make_sessionmaker(engine)()
    users = {name: db.scalar(select(User).where(User.email == p.email)) for name, p in world.personas.items() if p.email}
    routes = [(m, p) for m, p in route_table(app) if "{" in p]
    unknown = {n for _, p in routes for n in re.findall(r"\{(\w+)\}", p)} - set(OBJECTS) - set(CHILDREN) - NOT_OBJECT_IDS
    assert not unknown, f"say who owns {unknown} in OBJECTS of this test (or list it in NOT_OBJECT_IDS)"

    calls, allowed_calls, problems = 0, Counter(), []
    # reads first, then the state-changing routes (a revoke by its owner changes later answers),
    # deleting a whole organization last
    for method, path in sorted(routes, key=lambda r: (r[0] != "GET", r[1].startswith("/admin/organizations/") and r[1].endswith("/delete"))):
        names = re.findall(r"\{(\w+)\}", path)
        if set(names) & NOT_OBJECT_IDS or (method, path) in SKIP_ROUTES:
            continue
        rule = rule_for(method, path)
        sample = SAMPLES.get((method, path), Sample())
        for name, persona in world.personas.items():
            user = users.get(name)
            client = TestClient(app, follow_redirects=False, cookies=persona.cookies)
            for url, obj in _targets(db, path, names):
                data = dict(sample.data(world)) if sample.data else {}
                if method == "GET":
                    response = client.get(url)
                else:
                    response = client.request(method, url, data={**data, "csrf_token": persona.csrf})
                calls += 1
                want = _expected(rule, user, obj, path, db)
                if want == "through" and path in ONLY and not ONLY[path](obj):
                    want = 404
                got = response.status_code
                if (want == "through" and got in (401, 403, 404)) or (want != "through" and got != want):
                    problems.append(f"{name} {method} {url}: got {got}, expected {want}")
                if want == "through":
                    allowed_calls[name] += 1
                for marker in ("OUTSIDER-NOTE", "OUTSIDER-PLAN"):
                    if marker in response.text and name not in ("other_org_employee", "companion"):
                        problems.append(f"{name} {method} {url}: LEAKED {marker}")
    db.close()
    engine.dispose()
    assert not problems, "\n".join(problems[:40])
    assert allowed_calls["owner"] and allowed_calls["companion"] and allowed_calls["other_org_employee"]
    figures(f"Object-level access: {calls} requests ({len(routes)} routes with ids × {len(world.personas)} people × every id); "
            f"only owners, active grantees and admins got through")


def _targets(db, path: str, names: list[str]):
    """(url, the object whose owner decides) for every object of the URL's kind, a few ids that
    do not exist, and for a child id, its parent's id (and another parent's, which must fail)."""
    if len(names) == 1:
        model, _ = OBJECTS[names[0]]
        objects = list(db.scalars(select(model)))
        ids = [o.id for o in objects] + [max((o.id for o in objects), default=0) + 1, 2**31 - 1]
        return [(path.replace("{" + names[0] + "}", str(i)), next((o for o in objects if o.id == i), None)) for i in ids]
    parent_kind, child_kind = names
    child_model, parent_column = CHILDREN[child_kind]
    parent_model, _ = OBJECTS[parent_kind]
    targets = []
    parents = list(db.scalars(select(parent_model)))
    for child in db.scalars(select(child_model)):
        parent = db.get(parent_model, getattr(child, parent_column))
        url = path.replace("{" + parent_kind + "}", str(parent.id)).replace("{" + child_kind + "}", str(child.id))
        targets.append((url, parent))
        other = next((p for p in parents if p.id != parent.id), None)
        if other is not None:  # a child under someone else's parent: nobody reaches it that way
            targets.append((path.replace("{" + parent_kind + "}", str(other.id)).replace("{" + child_kind + "}", str(child.id)), None))
    assert targets, f"{path}: the test world has no {child_kind}: add one in _add_other_peoples_objects"
    return targets


def _expected(rule, user, obj, path: str, db):
    if user is None:
        return 401 if path.startswith("/api/") else 303
    roles = set(user.roles)
    if roles & {"hr", "admin"}:
        roles -= {"employee", "companion"}
    if rule.audience == "roles" and not roles & rule.roles:
        return 403
    if obj is None or not _may_see(obj, user, rule.scope, db):
        return 404
    return "through"


def _may_see(obj, user, scope, db) -> bool:
    for model, may_see in OBJECTS.values():
        if isinstance(obj, model):
            return may_see(obj, user, scope, db)
    return False
