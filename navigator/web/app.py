"""The FastAPI application factory.

Adding a router is one line in ROUTERS below plus one line per route in navigator/web/access.py
(the app refuses, and the matrix test fails for, any route without an access rule).
"""

from __future__ import annotations

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from navigator import PROJECT_ROOT
from navigator.store import migrate, passwords
from navigator.store.db import make_engine, make_sessionmaker
from navigator.web import errors, wiring
from navigator.web.access import enforce_access
from navigator.web.bodylimit import BodyLimit
from navigator.web.headers import SecurityHeaders
from navigator.web.api import benefits as benefits_api, match as matching_api, rules as rules_api, v1
from navigator.web.csrf import verify_csrf
from navigator.web.pages import (account, benefits, careerlog, companions, courses, employee, match, ownership,
                                  plan_builder, plan_documents, plan_trainees, sharing, staff)
from navigator.settings import Settings

ROUTERS = [
    account.router,
    careerlog.router,
    companions.router,
    employee.router,
    benefits.router,
    courses.router,
    sharing.router,
    staff.router,
    plan_builder.router,
    plan_trainees.router,
    plan_documents.router,
    ownership.router,
    v1.router,
    rules_api.router,
    benefits_api.router,
    matching_api.router,
    match.router,
]


def create_app(settings: Settings | None = None, *, run_migrations: bool = True) -> FastAPI:
    settings = settings or Settings()
    settings.ensure_var_dir()
    passwords.use_profile(settings.password_hash_profile)
    if run_migrations:
        migrate.upgrade(settings.database_url)

    app = FastAPI(
        title="学びナビ API",
        version="1",
        openapi_url="/api/v1/openapi.json",
        # Swagger UI and ReDoc load scripts from a CDN, which a closed network cannot reach.
        docs_url=None,
        redoc_url=None,
        # Every route: first who may call it, then CSRF for state-changing requests.
        dependencies=[Depends(enforce_access), Depends(verify_csrf)],
    )
    app.state.settings = settings
    app.state.engine = make_engine(settings.database_url)
    app.state.sessionmaker = make_sessionmaker(app.state.engine)

    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.resolved_secret_key(),
        session_cookie="navigator_session",
        max_age=settings.session_max_age_seconds,
        same_site="lax",
        https_only=settings.secure_cookies,
    )
    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders, https=settings.secure_cookies)  # outermost: every answer
    errors.install(app)
    wiring.connect()
    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=PROJECT_ROOT / "static"), name="static")
    return app
