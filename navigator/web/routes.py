"""The app's route table as (method, path template) pairs, with the prefixes of included routers.

FastAPI 0.16x keeps included routers as nested objects (app.routes no longer lists their
routes); `fastapi.routing.iter_route_contexts` resolves them. Older FastAPI lists them flat.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.routing import BaseRoute, Mount

try:
    from fastapi.routing import iter_route_contexts
except ImportError:  # FastAPI before included routers were kept nested
    iter_route_contexts = None


@dataclass(frozen=True)
class RouteEntry:
    method: str
    path: str
    route: BaseRoute  # the route object that requests see in scope["route"]


def route_entries(app) -> list[RouteEntry]:
    entries = []
    if iter_route_contexts is not None:
        items = [(ctx.original_route, ctx.path, ctx.methods) for ctx in iter_route_contexts(app.routes)]
    else:
        items = [(r, getattr(r, "path", None), getattr(r, "methods", None)) for r in app.routes]
    for route, path, methods in items:
        if isinstance(route, Mount):
            entries.append(RouteEntry("GET", path, route))
        elif path is not None and methods:
            entries.extend(RouteEntry(m, path, route) for m in sorted(set(methods) - {"HEAD"}))
    return entries


def route_table(app) -> list[tuple[str, str]]:
    return sorted({(e.method, e.path) for e in route_entries(app)})


def matched_path(app, route: BaseRoute | None, method: str) -> str | None:
    """The full path template of the route a request matched (prefixes included)."""
    if route is None:
        return None
    cache = getattr(app.state, "route_paths", None)
    if cache is None or id(route) not in cache:
        cache = {}
        for entry in route_entries(app):
            cache.setdefault(id(entry.route), entry.path)
        app.state.route_paths = cache
    return cache.get(id(route), getattr(route, "path", None))
