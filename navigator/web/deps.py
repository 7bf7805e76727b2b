"""Request-scoped dependencies: the database session and the posted form."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Request
from sqlalchemy.orm import Session


def get_db(request: Request) -> Iterator[Session]:
    with request.app.state.sessionmaker() as db:
        yield db


async def form_data(request: Request) -> dict[str, str | list[str]]:
    """The posted form as a dict: a string per field, a list where a field repeats (checkboxes).
    Files are not accepted anywhere yet."""
    form = await request.form()
    data: dict[str, str | list[str]] = {}
    for key in form.keys():
        values = [v for v in form.getlist(key) if isinstance(v, str)]
        data[key] = values[0] if len(values) == 1 else values
    return data
