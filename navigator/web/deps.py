"""Dependencies of the routes: the database session, the posted form, the matcher."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Annotated

from fastapi import Path, Request
from sqlalchemy.orm import Session

from navigator.matching.matcher import Matcher

# An object number in a URL. Bounded to the database's INTEGER range: a larger number made
# SQLite (OverflowError) and PostgreSQL (out of range) fail with a 500 instead of a 404/422.
ObjectId = Annotated[int, Path(ge=1, le=2**31 - 1)]


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


@lru_cache(maxsize=1)
def _shared_matcher() -> Matcher:
    return Matcher.from_settings(progress=False)


def get_matcher() -> Matcher:
    """The process-wide matcher: the model and the index are loaded once, on first use."""
    return _shared_matcher()
