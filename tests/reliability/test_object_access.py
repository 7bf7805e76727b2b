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

from navigator.store import personal, sharing
from navigator.store.db import make_engine, make_sessionmaker
from navigator.store.models import CareerNote, Grant, Organization, Plan, User
from navigator.store.viewer import Viewer
from navigator.web.access import rule_for
from navigator.web.routes import route_table
from test_access_matrix import SAMPLES, Sample

# id kind -> (model, who may see object `obj` as `user` on a route with `scope`)
OBJECTS = {
    "note_id": (CareerNote, lambda obj, user, scope: obj.owner_id == user.id),
    "plan_id": (Plan, lambda obj, user, scope: obj.owner_id == user.id),
    "grant_id": (Grant, lambda obj, user, scope: obj.owner_id == user.id if scope == "own"
                 else obj.grantee_id == user.id and obj.revoked_at is None),
    "org_id": (Organization, lambda obj, user, scope: "admin" in user.roles),
}
# names in URLs that are not database ids: an invitation's one-time token, and the plan
# builder's document names within the viewer's own organization (tests/web/test_forms_privacy.py)
NOT_OBJECT_IDS = {"token", "doc_id"}


def _add_other_peoples_objects(world) -> None:
    """Another organization's employee with a note and a plan, the note shared with the same
    companion as the owner's: ids of theirs sit between and after the owner's."""
    engine = make_engine(f"sqlite:///{world.db_path}")
    with make_sessionmaker(engine)() as db:
        outsider = db.scalar(select(User).where(User.email == "outsider@mirai.example.jp"))
        viewer = Viewer.of(outsider)
        note = personal.add_note(db, viewer, "社外のノート", "OUTSIDER-NOTE")
        personal.add_plan(db, viewer, "社外の計画", "OUTSIDER-PLAN", None)
        sharing.create_grant(db, viewer, world.ids["ken_id"], "note", note_id=note.id)
    engine.dispose()


def test_no_one_reaches_an_object_that_is_not_theirs(world, app, figures):
    _add_other_peoples_objects(world)
    engine = make_engine(f"sqlite:///{world.db_path}")
    db = make_sessionmaker(engine)()
    users = {name: db.scalar(select(User).where(User.email == p.email)) for name, p in world.personas.items() if p.email}
    routes = [(m, p) for m, p in route_table(app) if "{" in p]
    unknown = {n for _, p in routes for n in re.findall(r"\{(\w+)\}", p)} - set(OBJECTS) - NOT_OBJECT_IDS
    assert not unknown, f"say who owns {unknown} in OBJECTS of this test (or list it in NOT_OBJECT_IDS)"

    calls, allowed_calls, problems = 0, Counter(), []
    # reads first, then the state-changing routes (a revoke by its owner changes later answers)
    for method, path in sorted(routes, key=lambda r: r[0] != "GET"):
        names = re.findall(r"\{(\w+)\}", path)
        if set(names) & NOT_OBJECT_IDS:
            continue
        assert len(names) == 1, f"{path}: teach this test about several ids in one URL"
        kind = names[0]
        model, may_see = OBJECTS[kind]
        rule = rule_for(method, path)
        sample = SAMPLES.get((method, path), Sample())
        objects = list(db.scalars(select(model)))
        ids = [o.id for o in objects] + [max(o.id for o in objects) + 1, 2**31 - 1]
        for name, persona in world.personas.items():
            user = users.get(name)
            client = TestClient(app, follow_redirects=False, cookies=persona.cookies)
            for obj_id in ids:
                obj = next((o for o in objects if o.id == obj_id), None)
                url = path.replace("{" + kind + "}", str(obj_id))
                if method == "GET":
                    response = client.get(url)
                else:
                    response = client.request(method, url, data={"csrf_token": persona.csrf})
                calls += 1
                want = _expected(rule, user, obj, sample, path)
                if response.status_code != want:
                    problems.append(f"{name} {method} {url}: got {response.status_code}, expected {want}")
                if response.status_code < 300:
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


def _expected(rule, user, obj, sample, path: str) -> int:
    if user is None:
        return 401 if path.startswith("/api/") else 303
    roles = set(user.roles)
    if roles & {"hr", "admin"}:
        roles -= {"employee", "companion"}
    if rule.audience == "roles" and not roles & rule.roles:
        return 403
    if obj is None or not _may_see(obj, user, rule.scope):
        return 404
    return sample.ok


def _may_see(obj, user, scope) -> bool:
    for model, may_see in OBJECTS.values():
        if isinstance(obj, model):
            return may_see(obj, user, scope)
    return False
